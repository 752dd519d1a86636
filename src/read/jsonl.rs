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

    /// The fields newsmill does not read itself, as one JSON object.
    fn input_metadata(&self) -> Option<String> {
        (!self.other.is_empty()).then(|| serde_json::Value::Object(self.other.clone()).to_string())
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
                return self.reject(
                    offset,
                    RejectReason::InvalidJson,
                    format!("line at byte {offset} is not a JSON object: {e}"),
                )
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
                        let mut rest = Vec::new();
                        let skipped = self.input.read_until(b'\n', &mut rest).unwrap_or(0);
                        self.offset += skipped as u64;
                        return Some(self.reject(
                            offset,
                            RejectReason::RecordTooLarge,
                            format!("line at byte {offset} is longer than the {} MiB limit", MAX_RECORD_BYTES >> 20),
                        ));
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
}
