//! Sources: turn input files into [`ReadEvent`]s, one per input record.
//!
//! An input is recognised by its content (gzip magic, `WARC/` version line,
//! JSON object lines, markup), with the file name only as a tie-breaker, so a
//! `.warc.gz` renamed `.bin` still reads as WARC. Every record a reader meets
//! becomes exactly one event: a [`Record`] to process, a skip (a record that is
//! not a page, such as a WARC `request`), or a [`Reject`] with a reason.

pub mod detect;
pub mod inputs;
pub mod jsonl;
pub mod single;
pub mod warc;

use crate::reason::{RejectReason, SkipReason};
use std::sync::Arc;

/// One page (or one already-extracted text) with where it came from.
#[derive(Debug, Clone)]
pub struct Record {
    /// The input file as the user named it (or as found when walking a folder).
    pub source: Arc<str>,
    /// Byte offset of the record in the (decompressed for whole-file gzip,
    /// compressed for per-record gzip) input: WARC record or JSONL line.
    /// `None` for single-page files.
    pub record_offset: Option<i64>,
    /// WARC-Record-ID or the JSONL `id`.
    pub record_id: Option<String>,
    /// WARC-Target-URI or the JSONL `url`.
    pub url: Option<String>,
    /// WARC-Date as written in the record header (ISO 8601).
    pub fetched_at: Option<String>,
    pub body: Body,
}

/// What a record carries, by how much work it still needs.
#[derive(Debug, Clone)]
pub enum Body {
    /// Raw bytes of an HTML page, with the charset named by the HTTP
    /// `Content-Type` header, if any.
    Html { bytes: Vec<u8>, http_charset: Option<String> },
    /// Already-extracted text (JSONL input): kept exactly as given, with the
    /// line's other fields as one JSON object.
    Text { text: String, title: Option<String>, input_metadata: Option<String> },
    /// A page's text as a scraper saved it (`.txt`): still to be decoded and
    /// cleaned of page chrome.
    ScrapedText { bytes: Vec<u8> },
}

/// Why a record produced no document: its code is written to `rejects.csv`,
/// with the detail of what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub source: Arc<str>,
    pub record_offset: Option<i64>,
    pub reason: RejectReason,
    pub detail: String,
}

/// A record that is not a page (WARC request/metadata/revisit, images, PDF,
/// robots.txt...). Counted in the manifest by reason, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub source: Arc<str>,
    pub record_offset: Option<i64>,
    pub reason: SkipReason,
}

/// Everything a reader can say about one input record.
#[derive(Debug, Clone)]
pub enum ReadEvent {
    Record(Record),
    Skipped(Skip),
    Rejected(Reject),
}

impl ReadEvent {
    /// Bytes of payload carried, for progress and memory accounting.
    pub fn payload_len(&self) -> usize {
        match self {
            ReadEvent::Record(r) => match &r.body {
                Body::Html { bytes, .. } | Body::ScrapedText { bytes } => bytes.len(),
                Body::Text { text, .. } => text.len(),
            },
            _ => 0,
        }
    }
}

/// A boxed stream of events from one input file.
pub type EventStream = Box<dyn Iterator<Item = ReadEvent> + Send>;

/// The bytes after a UTF-8 byte order mark and leading ASCII white space:
/// where sniffers look for the first markup or a `WARC/` line.
pub(crate) fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

/// The largest record (page, JSONL line) newsmill takes; larger ones are
/// rejected with [`RejectReason::RecordTooLarge`] so one huge input cannot exhaust memory:
/// a record costs up to ~30 times its size in memory through extraction and
/// segmentation (a 50 MB page peaked at 1.2 GB, a 15 MB JSONL text at 420 MB).
/// The extractor's own limits (`extract::limits`) stop HTML markup earlier.
pub const MAX_RECORD_BYTES: usize = 8 * 1024 * 1024;

/// Reads a single-record file, within [`MAX_RECORD_BYTES`]. A read error
/// (truncated or corrupt gzip, I/O) becomes a reject that says what happened.
fn read_whole(source: &Arc<str>, input: Box<dyn std::io::BufRead + Send>) -> Result<Vec<u8>, Reject> {
    use std::io::Read;
    let reject =
        |reason: RejectReason, detail: String| Reject { source: source.clone(), record_offset: None, reason, detail };
    let mut bytes = Vec::new();
    match input.take(MAX_RECORD_BYTES as u64 + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() > MAX_RECORD_BYTES => Err(reject(
            RejectReason::RecordTooLarge,
            format!("the page is larger than the {} MiB limit", MAX_RECORD_BYTES >> 20),
        )),
        Ok(_) if bytes.is_empty() => {
            Err(reject(RejectReason::EmptyFile, "the file holds no bytes once decompressed".into()))
        }
        Ok(_) => Ok(bytes),
        Err(e)
            if e.kind() == std::io::ErrorKind::UnexpectedEof
                || e.kind() == std::io::ErrorKind::InvalidInput
                || e.kind() == std::io::ErrorKind::InvalidData =>
        {
            Err(reject(
                RejectReason::GzipCorrupt,
                format!("the gzip stream is truncated or corrupt after {} decompressed bytes: {e}", bytes.len()),
            ))
        }
        Err(e) => Err(reject(RejectReason::ReadError, format!("reading failed after {} bytes: {e}", bytes.len()))),
    }
}
