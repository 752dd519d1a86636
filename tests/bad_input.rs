//! Bad input gets a reject row with a clear reason, never a panic, and the
//! good records around it are kept.

mod common;

use common::{rejects, rows, run_build};
use std::io::Write;
use std::path::Path;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

const PAGE: &str = "<!doctype html><html lang=en><head><meta charset=utf-8><title>A fine page</title></head><body><article>\
<h1>A fine page</h1><p>The council voted on Tuesday to repair the old bridge over the river before winter comes.</p>\
<p>“We cannot wait another year,” said Mayor Ana Lopez, who proposed the plan in the spring session.</p></article></body></html>";

fn build_one(dir: &Path, name: &str, bytes: &[u8]) -> (newsmill::dataset::manifest::Manifest, Vec<csv::StringRecord>) {
    std::fs::write(dir.join(name), bytes).unwrap();
    std::fs::write(dir.join("good.html"), PAGE).unwrap();
    let out = dir.join("out");
    let manifest = run_build(&[dir.join(name), dir.join("good.html")], &out, 2);
    let c = &manifest.counts;
    assert_eq!(c.records_seen, c.documents + c.skipped + c.rejected, "{c:?}");
    assert!(c.documents >= 1, "the good page next to {name} was lost: {c:?}");
    let rejects = rejects(&out);
    assert_eq!(rejects.len() as u64, c.rejected);
    (manifest, rejects)
}

fn single_reject(name: &str, bytes: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (_, rejects) = build_one(dir.path(), name, bytes);
    assert_eq!(rejects.len(), 1, "{name}: {rejects:?}");
    let r = &rejects[0];
    assert!(r[0].ends_with(name), "{r:?}");
    (r[2].to_string(), r[3].to_string())
}

#[test]
fn empty_file() {
    let (reason, detail) = single_reject("empty.html", b"");
    assert_eq!(reason, "empty_file");
    assert!(detail.contains("empty"), "{detail}");
}

#[test]
fn binary_file_named_html() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    let (reason, detail) = single_reject("photo.html", png);
    assert_eq!(reason, "binary_content");
    assert!(detail.contains("binary"), "{detail}");
}

#[test]
fn truncated_gzip() {
    let whole = gzip(PAGE.repeat(20).as_bytes());
    let (reason, detail) = single_reject("cut.html.gz", &whole[..whole.len() / 2]);
    assert_eq!(reason, "gzip_corrupt");
    assert!(detail.contains("truncated or corrupt"), "{detail}");
}

#[test]
fn truncated_warc_record_keeps_the_record_before_it() {
    let good = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{PAGE}",
        PAGE.len()
    );
    let record = |id: u32, block: &str, declared: usize| {
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{id}>\r\n\
WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://news.example/{id}\r\nContent-Type: application/http; msgtype=response\r\n\
Content-Length: {declared}\r\n\r\n{block}\r\n\r\n"
        )
    };
    let mut warc = record(1, &good, good.len());
    let cut = record(2, &good, good.len());
    warc.push_str(&cut[..cut.len() - 200]);
    let dir = tempfile::tempdir().unwrap();
    let (manifest, rejects) = build_one(dir.path(), "cut.warc", warc.as_bytes());
    assert_eq!(manifest.counts.documents, 2, "the whole first record and good.html: {:?}", manifest.counts);
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert!(!rejects[0][2].is_empty() && rejects[0][3].len() > 10, "{:?}", rejects[0]);
}

#[test]
fn invalid_utf8_in_html_is_replaced_not_rejected() {
    let mut bytes = PAGE.as_bytes().to_vec();
    let at = PAGE.find("repair").unwrap();
    bytes.splice(at..at, [0xff, 0xfe]);
    let dir = tempfile::tempdir().unwrap();
    let (manifest, _) = build_one(dir.path(), "bad-bytes.html", &bytes);
    assert_eq!(manifest.counts.documents, 2);
    let docs = rows(&dir.path().join("out"), "documents");
    let text = docs
        .iter()
        .find_map(|d| common::get(d, "text").filter(|t| t.contains('\u{fffd}')))
        .expect("a document with U+FFFD");
    assert!(text.contains("to \u{fffd}\u{fffd}repair the old bridge"), "{text}");
}

#[test]
fn invalid_utf8_in_jsonl_rejects_the_line_only() {
    let mut bytes = b"{\"id\":\"a\",\"text\":\"Fine.\"}\n{\"id\":\"b\",\"text\":\"bad \xff\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"c\",\"text\":\"Also fine.\"}\n");
    let dir = tempfile::tempdir().unwrap();
    let (manifest, rejects) = build_one(dir.path(), "mixed.jsonl", &bytes);
    assert_eq!(manifest.counts.documents, 3, "a, c and good.html");
    assert_eq!(rejects.len(), 1);
    assert_eq!(&rejects[0][1], "26", "byte offset of the bad line");
    assert_eq!(&rejects[0][2], "invalid_json");
}

#[test]
fn missing_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let opts = newsmill::dataset::BuildOptions::new(vec![dir.path().join("nope")], dir.path().join("out"));
    let err = newsmill::dataset::build(&opts).unwrap_err().to_string();
    assert!(err.contains("cannot read input") && err.contains("nope"), "{err}");
}
