//! JSONL: one JSON object per line with already-extracted text.
//!
//! Each object needs an id (`id`, or `doc_id` as some corpora name it; a
//! string or a number) and a `text` string; `url` and `title` are optional.
//! Every other field (a datatrove or Hugging Face `metadata` object, extra
//! top-level fields) is kept as one JSON object, the documents' `input_metadata`;
//! without a top-level `url`, `metadata.url` is the url.
//! The text is kept exactly, so offsets in the output are offsets into the
//! input. Blank lines are not records. A line that is not such an object is
//! rejected with the reason and its byte offset; the lines around it are read.

use super::{Body, ReadEvent, Record, Reject, MAX_RECORD_BYTES};
use crate::reason::RejectReason;
use serde::Deserialize;
use std::io::{BufRead, ErrorKind, Read};
use std::sync::Arc;

/// Streams the records of a JSONL input, one line at a time.
pub struct JsonlReader {
    source: Arc<str>,
    input: Box<dyn BufRead + Send>,
    offset: u64,
    line: Vec<u8>,
    done: bool,
}

#[derive(Deserialize)]
struct Line {
    id: Option<Id>,
    doc_id: Option<Id>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    /// Every other field, kept as given (keys in sorted order).
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

impl Line {
    /// The url: the top-level one, else `metadata.url` (datatrove, HF datasets).
    fn url(&self) -> Option<String> {
        let nested = || self.other.get("metadata")?.get("url")?.as_str().map(str::to_string);
        self.url.clone().or_else(nested)
    }

    /// The fields newsmill does not read itself, as one JSON object (taken,
    /// not copied: they may be large, and this runs on every line).
    fn input_metadata(&mut self) -> Option<String> {
        (!self.other.is_empty()).then(|| serde_json::Value::Object(std::mem::take(&mut self.other)).to_string())
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

impl JsonlReader {
    pub fn new(source: Arc<str>, input: Box<dyn BufRead + Send>) -> Self {
        JsonlReader { source, input, offset: 0, line: Vec::new(), done: false }
    }

    fn reject(&self, offset: u64, reason: RejectReason, detail: String) -> ReadEvent {
        ReadEvent::Rejected(Reject { source: self.source.clone(), record_offset: Some(offset as i64), reason, detail })
    }

    fn parse(&self, offset: u64) -> ReadEvent {
        let line = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = if offset == 0 { line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line) } else { line };
        let mut parsed: Line = match serde_json::from_slice(line) {
            Ok(p) => p,
            Err(e) => {
                let nul = line.iter().filter(|&&b| b == 0).count();
                let torn = if nul > 0 { format!(" ({nul} NUL bytes: a write cut short?)") } else { String::new() };
                return self.reject(
                    offset,
                    RejectReason::InvalidJson,
                    format!("line at byte {offset} is not a JSON object{torn}: {e}"),
                );
            }
        };
        let Some(id) = parsed.id.take().or(parsed.doc_id.take()) else {
            return self.reject(
                offset,
                RejectReason::MissingField,
                format!("line at byte {offset} has no \"id\" (or \"doc_id\")"),
            );
        };
        let Some(text) = parsed.text.take() else {
            return self.reject(
                offset,
                RejectReason::MissingField,
                format!("line at byte {offset} has no \"text\" string"),
            );
        };
        let id = match id {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        };
        ReadEvent::Record(Record {
            source: self.source.clone(),
            record_offset: Some(offset as i64),
            record_id: Some(id),
            url: parsed.url(),
            fetched_at: None,
            // After the url, which may come from `metadata.url`.
            body: Body::Text { input_metadata: parsed.input_metadata(), text, title: parsed.title },
        })
    }
}

impl Iterator for JsonlReader {
    type Item = ReadEvent;

    fn next(&mut self) -> Option<ReadEvent> {
        while !self.done {
            let offset = self.offset;
            self.line.clear();
            let input: &mut (dyn BufRead + Send) = &mut *self.input;
            let read = Read::take(input, MAX_RECORD_BYTES as u64 + 1).read_until(b'\n', &mut self.line);
            match read {
                Ok(0) => self.done = true,
                Ok(n) => {
                    self.offset += n as u64;
                    if self.line.len() > MAX_RECORD_BYTES {
                        // Skip the rest of the oversized line so the next record starts clean.
                        let skipped = skip_line(&mut *self.input, &mut self.offset);
                        let limit =
                            format!("line at byte {offset} is longer than the {} MiB limit", MAX_RECORD_BYTES >> 20);
                        return Some(match skipped {
                            Ok(()) => self.reject(offset, RejectReason::RecordTooLarge, limit),
                            Err(e) => {
                                self.done = true;
                                let at = self.offset;
                                self.reject(
                                    offset,
                                    RejectReason::ReadError,
                                    format!("{limit}; reading stopped in it at byte {at}: {e}"),
                                )
                            }
                        });
                    }
                    if self.line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.parse(offset));
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(self.reject(
                        offset,
                        RejectReason::ReadError,
                        format!("reading stopped at byte {offset}: {e}"),
                    ));
                }
            }
        }
        None
    }
}

/// Consumes `input` past the next newline (or to its end) without holding
/// what it skips, counting the bytes in `offset`: an oversized line costs
/// no more memory than the limit, however long it runs.
fn skip_line(input: &mut (dyn BufRead + Send), offset: &mut u64) -> std::io::Result<()> {
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(());
        }
        let (skip, ended) = match memchr::memchr(b'\n', buf) {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        input.consume(skip);
        *offset += skip as u64;
        if ended {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(input: &'static [u8]) -> Vec<ReadEvent> {
        JsonlReader::new("t.jsonl".into(), Box::new(input)).collect()
    }

    #[test]
    fn reads_records_with_offsets_and_keeps_text_exactly() {
        let input = b"{\"id\":\"a\",\"text\":\"  Hello \\u201cworld\\u201d\\n\"}\n\n{\"doc_id\":7,\"text\":\"x\",\"url\":\"https://e.org/\"}\n";
        let ev = events(input);
        assert_eq!(ev.len(), 2);
        let ReadEvent::Record(a) = &ev[0] else { panic!("{:?}", ev[0]) };
        assert_eq!(a.record_offset, Some(0));
        assert_eq!(a.record_id.as_deref(), Some("a"));
        assert!(matches!(&a.body, Body::Text { text, .. } if text == "  Hello “world”\n"));
        let ReadEvent::Record(b) = &ev[1] else { panic!() };
        assert_eq!(b.record_offset, Some(input.iter().position(|&c| c == b'\n').unwrap() as i64 + 2));
        assert_eq!(b.record_id.as_deref(), Some("7"));
        assert_eq!(b.url.as_deref(), Some("https://e.org/"));
        assert!(matches!(&b.body, Body::Text { input_metadata: None, .. }));
    }

    #[test]
    fn other_fields_are_kept_and_the_url_may_be_in_metadata() {
        let ev = events(
            b"{\"id\":\"x\",\"text\":\"t\",\"metadata\":{\"url\":\"https://e.org/a\",\"dump\":\"CC-MAIN-2024-10\"},\"score\":0.9}\n",
        );
        let ReadEvent::Record(r) = &ev[0] else { panic!("{:?}", ev[0]) };
        assert_eq!(r.url.as_deref(), Some("https://e.org/a"));
        let Body::Text { input_metadata: Some(kept), .. } = &r.body else { panic!("{:?}", r.body) };
        assert_eq!(kept, r#"{"metadata":{"dump":"CC-MAIN-2024-10","url":"https://e.org/a"},"score":0.9}"#);
    }

    #[test]
    fn bad_lines_are_rejected_and_the_rest_is_read() {
        let ev = events(b"{\"id\":1,\"text\":\"ok\"}\nnot json\n{\"id\":2}\n{\"id\":3,\"text\":\"ok\"}");
        let reasons: Vec<&str> = ev
            .iter()
            .map(|e| match e {
                ReadEvent::Record(_) => "record",
                ReadEvent::Rejected(r) => r.reason.as_str(),
                ReadEvent::Skipped(s) => s.reason.as_str(),
            })
            .collect();
        assert_eq!(reasons, ["record", "invalid_json", "missing_field", "record"]);
        let ReadEvent::Rejected(r) = &ev[1] else { panic!() };
        assert_eq!(r.record_offset, Some(21));
        assert!(r.detail.contains("byte 21"), "{}", r.detail);
    }

    #[test]
    fn a_torn_tail_of_nul_bytes_is_one_reject_after_the_good_lines() {
        let input = [&b"{\"id\":1,\"text\":\"ok\"}\n{\"id\":2,\"te"[..], &[0; 5000]].concat();
        let ev: Vec<ReadEvent> = JsonlReader::new("t.jsonl".into(), Box::new(std::io::Cursor::new(input))).collect();
        assert_eq!(ev.len(), 2);
        assert!(matches!(&ev[0], ReadEvent::Record(r) if r.record_id.as_deref() == Some("1")));
        let ReadEvent::Rejected(r) = &ev[1] else { panic!("{:?}", ev[1]) };
        assert_eq!((r.reason, r.record_offset), (RejectReason::InvalidJson, Some(21)));
        assert!(r.detail.contains("5000 NUL bytes"), "{}", r.detail);
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_to_its_end() {
        let long = std::io::repeat(b'x').take(3 * MAX_RECORD_BYTES as u64);
        let input = long.chain(&b"\n{\"id\":2,\"text\":\"ok\"}\n"[..]);
        let mut reader = JsonlReader::new("t.jsonl".into(), Box::new(std::io::BufReader::new(input)));
        let ReadEvent::Rejected(r) = reader.next().unwrap() else { panic!() };
        assert_eq!((r.reason, r.record_offset), (RejectReason::RecordTooLarge, Some(0)));
        let ReadEvent::Record(r) = reader.next().unwrap() else { panic!() };
        assert_eq!(r.record_offset, Some(3 * MAX_RECORD_BYTES as i64 + 1));
        assert!(reader.next().is_none());
        assert!(reader.line.capacity() <= 2 * MAX_RECORD_BYTES, "{}", reader.line.capacity());
    }
}
