//! Hostile inputs built in a temp dir and run through a whole build: WARC
//! records around a good page, and the invariants every such run must keep.

use super::{get, rejects, rows, run_build, Row};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A page with enough article text to be kept; `n` makes its sentence unique.
pub fn good_page(n: usize) -> String {
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Bridge story {n}</title></head><body><article>\
<h1>Bridge story {n}</h1><p>Story {n}: the council voted on Tuesday to repair the old bridge over the river before winter comes.</p>\
<p>“We cannot wait another year,” said Mayor Ana Lopez, who proposed the plan in the spring session of the council.</p></article></body></html>"
    )
}

/// The sentence of [`good_page`] `n` that its document must hold.
pub fn good_sentence(n: usize) -> String {
    format!("Story {n}: the council voted on Tuesday to repair the old bridge")
}

pub fn url(n: usize) -> String {
    format!("https://news.example/story/{n}")
}

/// An HTTP response block around `body`.
pub fn http(body: &[u8], content_type: &str) -> Vec<u8> {
    let head = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len());
    [head.as_bytes(), body].concat()
}

/// A WARC response record for `url` whose Content-Length is the block's
/// length plus `length_error`.
pub fn warc_record(url: &str, block: &[u8], length_error: i64) -> Vec<u8> {
    let declared = block.len() as i64 + length_error;
    warc_record_with(url, block, &format!("Content-Length: {declared}"))
}

/// A WARC response record for `url` with the header `fields` (a
/// Content-Length among them, CRLF between them).
pub fn warc_record_with(url: &str, block: &[u8], fields: &str) -> Vec<u8> {
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{:x}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\
WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n{fields}\r\n\r\n",
        record_id_for(url)
    );
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

/// A record id derived from the URL (uniqueness is all that matters here).
pub fn record_id_for(url: &str) -> u64 {
    url.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

pub fn good_record(n: usize) -> Vec<u8> {
    warc_record(&url(n), &http(good_page(n).as_bytes(), "text/html; charset=utf-8"), 0)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// What one build gave, checked for the invariants every hostile case shares.
pub struct Run {
    pub counts: newsmill::write::Counts,
    /// (source file name, reason, detail)
    pub rejects: Vec<(String, String, String)>,
    /// The `record_offset` of each reject (empty for none).
    pub reject_offsets: Vec<String>,
    pub documents: Vec<Row>,
}

impl Run {
    pub fn reasons(&self) -> Vec<&str> {
        self.rejects.iter().map(|(_, reason, _)| reason.as_str()).collect()
    }

    pub fn document(&self, url: &str) -> &Row {
        self.documents
            .iter()
            .find(|d| get(d, "url") == Some(url))
            .unwrap_or_else(|| panic!("no document for {url}: {:?} {:?}", self.counts, self.rejects))
    }

    /// The good WARC records `ns` are documents holding their sentence.
    pub fn keeps_good_records(&self, ns: impl IntoIterator<Item = usize>) {
        for n in ns {
            let text = get(self.document(&url(n)), "text").unwrap_or_default();
            assert!(text.contains(&good_sentence(n)), "record {n}: {text}");
        }
    }
}

/// Writes `files` into `dir` next to a good page, builds them all, and checks
/// the shared invariants: counts reconcile with the manifest and rejects.csv,
/// every reject has a reason and a detail, nothing failed inside newsmill, and
/// the good page is a document.
pub fn build(dir: &Path, files: &[(&str, &[u8])]) -> Run {
    let mut inputs: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let good = dir.join("good-page.html");
    std::fs::write(&good, good_page(0)).unwrap();
    inputs.push(good);
    let out = dir.join("out");
    let manifest = run_build(&inputs, &out, 2);
    let counts = manifest.counts;
    assert_eq!(counts.records_seen, counts.documents + counts.skipped + counts.rejected, "{counts:?}");
    let reject_rows = rejects(&out);
    let reject_offsets = reject_rows.iter().map(|r| r[1].to_string()).collect();
    let rejects: Vec<(String, String, String)> = reject_rows
        .iter()
        .map(|r| {
            let name = r[0].rsplit('/').next().unwrap_or_default().to_string();
            (name, r[2].to_string(), r[3].to_string())
        })
        .collect();
    assert_eq!(rejects.len() as u64, counts.rejected);
    assert_eq!(counts.rejected_by_reason.values().sum::<u64>(), counts.rejected);
    assert_eq!(counts.skipped_by_reason.values().sum::<u64>(), counts.skipped);
    for (name, reason, detail) in &rejects {
        assert!(!reason.is_empty() && detail.len() > 10, "{name}: {reason} {detail}");
        assert_ne!(reason, "internal_error", "{name}: {detail}");
    }
    let documents = rows(&out, "documents");
    assert_eq!(documents.len() as u64, counts.documents);
    let doc_ids: std::collections::HashSet<_> = documents.iter().map(|d| get(d, "doc_id")).collect();
    assert_eq!(doc_ids.len(), documents.len(), "a doc_id is repeated");
    let run = Run { counts, rejects, reject_offsets, documents };
    let good_text = run
        .documents
        .iter()
        .find(|d| get(d, "source").is_some_and(|s| s.ends_with("good-page.html")))
        .and_then(|d| get(d, "text"))
        .unwrap_or_else(|| {
            panic!("the good page next to the hostile input was lost: {:?} {:?}", run.counts, run.rejects)
        });
    assert!(good_text.contains(&good_sentence(0)), "{good_text}");
    run
}

pub fn build_one(name: &str, bytes: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path(), &[(name, bytes)])
}
