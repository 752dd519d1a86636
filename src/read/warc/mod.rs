//! WARC reader: WARC/1.0, 1.1 and 0.18 files, plain, gzipped per record
//! (Common Crawl's layout: one gzip member per record, possibly split over
//! several members) or gzipped whole. The input is streamed: memory holds one
//! record's block at most, and blocks above [`MAX_BLOCK`] are skipped over.
//!
//! Every record gives exactly one event. `response` and `resource` records
//! whose payload is HTML become [`Record`]s; the rest are skipped or rejected
//! with one of these stable reasons.
//!
//! Skips (not errors):
//! - `warc_warcinfo`, `warc_request`, `warc_metadata`, `warc_revisit`: by WARC-Type;
//! - `warc_other_type`: `conversion`, `continuation`, unknown or missing WARC-Type;
//! - `http_redirect` (3xx), `http_error` (4xx, 5xx and other non-2xx);
//! - `not_html`: the payload is typed (or sniffed) as something else than HTML;
//! - `empty_payload`: nothing but whitespace in the payload.
//!
//! Rejects (the reader goes on with the next record unless said otherwise):
//! - `warc_garbage`: no `WARC/` version line where a record should start; the
//!   reader resyncs at the next line starting with `WARC/`. If this is the
//!   first record the input is not WARC and the reader stops;
//! - `warc_bad_header`: header block unterminated, over 64 KiB, or without a
//!   valid Content-Length (resync; stops on the first record, as above);
//! - `warc_truncated`: the input ends inside the record (also a gzip member
//!   cut short);
//! - `warc_bad_length`: the block is not followed by the record separator and
//!   a next record, so its Content-Length is wrong (resync);
//! - `warc_record_too_large`: block over [`MAX_BLOCK`];
//! - `gzip_corrupt`: a gzip member does not decompress, or non-gzip bytes sit
//!   between members; the reader goes on at the next member;
//! - `io_error`: the file itself could not be read; the reader stops;
//! - `http_missing_head`, `http_bad_head`: a `response` block without a
//!   parseable HTTP head;
//! - `http_bad_chunked`: chunked framing broken after the first chunk (a body
//!   that is not chunked at all despite the header is read as is);
//! - `http_bad_content_encoding`: gzip/deflate payload that does not decode
//!   and is not plain markup either (stale headers on decoded bodies are
//!   recognised and the body kept);
//! - `payload_too_large`: the decoded payload exceeds [`MAX_BLOCK`].
//!
//! `record_offset` rule: a record that opens a gzip member (per-record gzip)
//! is at the file offset of that member, so `tail -c +$((OFF+1)) FILE | zcat`
//! shows it, the Common Crawl convention. Any other record is at its offset
//! in the decompressed stream: the file offset for plain files, the offset
//! after decompression for whole-file gzip (whose first record, at 0, agrees
//! with both rules).

mod http;
mod input;

use super::{Body, ReadEvent, Record, Reject, Skip};
use input::{Input, InputError};
use std::io::Read;
use std::sync::Arc;

/// Largest record block (and decoded payload) read into memory.
pub const MAX_BLOCK: usize = 64 * 1024 * 1024;
/// Largest WARC header block.
const MAX_HEAD: usize = 64 * 1024;

/// Reads WARC records from the raw bytes of a WARC file (plain, per-record
/// gzip or whole-file gzip, told apart by the gzip magic) and yields one
/// [`ReadEvent`] per record. See the module doc for skip/reject reasons and
/// the `record_offset` rule.
pub struct WarcReader {
    source: Arc<str>,
    input: Input,
    /// Header block of the current record (reused).
    head: Vec<u8>,
    /// Block of the current record (reused).
    block: Vec<u8>,
    max_block: usize,
    records_seen: u64,
    /// An input error met while resyncing, reported as the next event.
    pending: Option<InputError>,
    finished: bool,
}

/// The WARC header fields the reader uses.
#[derive(Debug, Default)]
struct WarcFields {
    warc_type: Option<String>,
    record_id: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    content_length: Option<String>,
}

impl WarcFields {
    /// Parses header lines (after the version line). Field names are
    /// case-insensitive; continuation lines are ignored, none of the fields
    /// used spans lines in practice.
    fn parse(lines: &[u8]) -> WarcFields {
        let mut fields = WarcFields::default();
        for line in lines.split(|&b| b == b'\n') {
            let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
            if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
                continue;
            }
            let name = String::from_utf8_lossy(&line[..colon]);
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => &mut fields.warc_type,
                "warc-record-id" => &mut fields.record_id,
                "warc-target-uri" => &mut fields.target_uri,
                "warc-date" => &mut fields.date,
                "content-type" => &mut fields.content_type,
                "content-length" => &mut fields.content_length,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(String::from_utf8_lossy(&line[colon + 1..]).trim().to_string());
            }
        }
        fields
    }

    /// WARC-Target-URI without the `<...>` that wget and the WARC 1.0 spec
    /// example put around it.
    fn url(&self) -> Option<String> {
        let uri = self.target_uri.as_deref()?.trim();
        let uri = uri.strip_prefix('<').and_then(|u| u.strip_suffix('>')).unwrap_or(uri).trim();
        (!uri.is_empty()).then(|| uri.to_string())
    }
}

/// Why a record could not be read as one.
enum Failure {
    /// The byte stream failed (`context` says where in the record).
    Input { error: InputError, context: String },
    /// The record's framing is wrong: resync to the next version line.
    Framing { reason: &'static str, detail: String, at_line_start: bool },
    /// The input ends inside the record.
    Truncated(String),
}

impl WarcReader {
    pub fn new(source: Arc<str>, input: Box<dyn Read + Send>) -> Self {
        WarcReader {
            source,
            input: Input::new(input),
            head: Vec::new(),
            block: Vec::new(),
            max_block: MAX_BLOCK,
            records_seen: 0,
            pending: None,
            finished: false,
        }
    }

    fn reject_event(&self, offset: u64, reason: &'static str, detail: String) -> ReadEvent {
        ReadEvent::Rejected(Reject {
            source: self.source.clone(),
            record_offset: Some(offset as i64),
            reason,
            detail,
        })
    }

    fn skip_event(&self, offset: u64, reason: &'static str) -> ReadEvent {
        ReadEvent::Skipped(Skip { source: self.source.clone(), record_offset: Some(offset as i64), reason })
    }

    /// Turns a stream failure into the event that reports it.
    fn input_failure(&mut self, error: InputError, offset: u64, context: &str) -> ReadEvent {
        match error {
            InputError::Io(e) => {
                self.finished = true;
                self.reject_event(offset, "io_error", format!("{context}: {e}"))
            }
            InputError::Gzip { member_offset, error } => {
                let reason = if error.kind() == std::io::ErrorKind::UnexpectedEof {
                    "warc_truncated"
                } else {
                    "gzip_corrupt"
                };
                let detail = format!("{context}: gzip member at file byte {member_offset}: {error}");
                self.reject_event(offset, reason, detail)
            }
            InputError::NotGzip { offset: at, skipped } => self.reject_event(
                offset,
                "gzip_corrupt",
                format!("{context}: {skipped} non-gzip bytes at file byte {at} where a gzip member should start"),
            ),
        }
    }

    /// Consumes CR/LF bytes. Returns false at the end of the input.
    fn skip_blank(&mut self) -> Result<bool, InputError> {
        loop {
            let buf = self.input.fill()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let blank = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            let more = blank < buf.len();
            self.input.consume(blank);
            if more {
                return Ok(true);
            }
        }
    }

    /// Appends one line (with its `\n`) to `self.head`, stopping at
    /// [`MAX_HEAD`] bytes in total. Returns whether a `\n` ended it.
    fn read_head_line(&mut self) -> Result<bool, InputError> {
        loop {
            let room = MAX_HEAD - self.head.len();
            let buf = self.input.fill()?;
            if buf.is_empty() || room == 0 {
                return Ok(false);
            }
            let window = &buf[..buf.len().min(room)];
            let (take, ended) = match window.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (window.len(), false),
            };
            self.head.extend_from_slice(&window[..take]);
            self.input.consume(take);
            if ended {
                return Ok(true);
            }
        }
    }

    /// Reads `len` block bytes into `self.block` (or drops them). Returns how
    /// many the input had.
    fn take_block(&mut self, len: u64, keep: bool) -> Result<u64, InputError> {
        self.block.clear();
        if keep {
            self.block.reserve(len as usize);
        }
        let mut got = 0;
        while got < len {
            let buf = self.input.fill()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(usize::try_from(len - got).unwrap_or(usize::MAX));
            if keep {
                self.block.extend_from_slice(&buf[..take]);
            }
            self.input.consume(take);
            got += take as u64;
        }
        Ok(got)
    }

    /// After a block: the CR/LF separator, then the end or a next record.
    fn at_record_end(&mut self) -> Result<bool, InputError> {
        if !self.skip_blank()? {
            return Ok(true);
        }
        let buf = self.input.fill()?;
        let n = buf.len().min(5);
        Ok(buf[..n] == b"WARC/"[..n])
    }

    /// Consumes input up to the next line starting with `WARC/`.
    fn resync(&mut self, mut at_line_start: bool) -> Result<(), InputError> {
        loop {
            let buf = self.input.fill()?;
            if buf.is_empty() {
                return Ok(());
            }
            let mut consumed = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                if at_line_start && b == b'W' {
                    let n = (buf.len() - i).min(5);
                    if buf[i..i + n] == b"WARC/"[..n] {
                        consumed = i;
                        break;
                    }
                }
                at_line_start = b == b'\n';
            }
            let found = consumed < buf.len();
            self.input.consume(consumed);
            if found {
                return Ok(());
            }
        }
    }

    /// Reads the header block into `self.head`.
    fn read_head(&mut self) -> Result<WarcFields, Failure> {
        self.head.clear();
        let input_failure = |error| Failure::Input { error, context: "reading the WARC header".into() };
        let ended = self.read_head_line().map_err(input_failure)?;
        if !self.head.starts_with(b"WARC/") {
            return Err(Failure::Framing {
                reason: "warc_garbage",
                detail: format!("expected a `WARC/` version line, found `{}`", http::preview(&self.head)),
                at_line_start: ended,
            });
        }
        let version_len = self.head.len();
        loop {
            let line_start = self.head.len();
            if !self.read_head_line().map_err(input_failure)? {
                if self.head.len() >= MAX_HEAD {
                    return Err(Failure::Framing {
                        reason: "warc_bad_header",
                        detail: format!("WARC header block longer than {MAX_HEAD} bytes"),
                        at_line_start: false,
                    });
                }
                return Err(Failure::Truncated("the input ends inside the WARC header".into()));
            }
            if matches!(&self.head[line_start..], b"\r\n" | b"\n") {
                return Ok(WarcFields::parse(&self.head[version_len..]));
            }
        }
    }

    /// Reads one record from its version line on.
    fn read_record(&mut self, offset: u64) -> Result<ReadEvent, Failure> {
        let fields = self.read_head()?;
        let Some(len) = fields.content_length.as_deref().and_then(|v| v.parse::<u64>().ok()) else {
            return Err(Failure::Framing {
                reason: "warc_bad_header",
                detail: match &fields.content_length {
                    Some(v) => format!("invalid Content-Length `{v}`"),
                    None => "no Content-Length".into(),
                },
                at_line_start: true,
            });
        };
        let warc_type = fields.warc_type.as_deref().unwrap_or("").to_ascii_lowercase();
        let skip_reason = match warc_type.as_str() {
            "response" | "resource" => None,
            "warcinfo" => Some("warc_warcinfo"),
            "request" => Some("warc_request"),
            "metadata" => Some("warc_metadata"),
            "revisit" => Some("warc_revisit"),
            _ => Some("warc_other_type"),
        };
        let too_large = len > self.max_block as u64;
        let keep = skip_reason.is_none() && !too_large;
        let got = self.take_block(len, keep).map_err(|error| Failure::Input {
            error,
            context: format!("reading the {len}-byte block"),
        })?;
        if got < len {
            return Err(Failure::Truncated(format!(
                "Content-Length is {len} but the input ends after {got} bytes of the block"
            )));
        }
        let record_end = self.input.stream_offset();
        let well_ended = self.at_record_end().map_err(|error| Failure::Input {
            error,
            context: "reading the record separator".into(),
        })?;
        if !well_ended {
            let found = self.input.fill().map(http::preview).unwrap_or_default();
            return Err(Failure::Framing {
                reason: "warc_bad_length",
                detail: format!(
                    "Content-Length {len} is wrong: expected CRLF CRLF and a `WARC/` line after the block (stream byte {record_end}), found `{found}`"
                ),
                at_line_start: false,
            });
        }
        if let Some(reason) = skip_reason {
            return Ok(self.skip_event(offset, reason));
        }
        if too_large {
            return Ok(self.reject_event(
                offset,
                "warc_record_too_large",
                format!("block of {len} bytes, above the {} byte limit", self.max_block),
            ));
        }
        let is_http = warc_type == "response"
            && fields.content_type.as_deref().map_or(true, |t| {
                t.trim_start().get(..16).is_some_and(|p| p.eq_ignore_ascii_case("application/http"))
            });
        let payload = if is_http {
            http::http_response(&mut self.block, self.max_block)
        } else {
            http::document(&self.block, fields.content_type.as_deref())
        };
        Ok(match payload {
            http::Payload::Html { bytes, http_charset } => ReadEvent::Record(Record {
                source: self.source.clone(),
                record_offset: Some(offset as i64),
                url: fields.url(),
                record_id: fields.record_id,
                fetched_at: fields.date,
                body: Body::Html { bytes, http_charset },
            }),
            http::Payload::Skip(reason) => self.skip_event(offset, reason),
            http::Payload::Reject(reason, detail) => self.reject_event(offset, reason, detail),
        })
    }
}

impl Iterator for WarcReader {
    type Item = ReadEvent;

    fn next(&mut self) -> Option<ReadEvent> {
        if self.finished {
            return None;
        }
        if let Some(error) = self.pending.take() {
            let offset = self.input.record_offset();
            return Some(self.input_failure(error, offset, "looking for the next record"));
        }
        match self.skip_blank() {
            Ok(true) => {}
            Ok(false) => {
                self.finished = true;
                return None;
            }
            Err(error) => {
                let offset = self.input.record_offset();
                return Some(self.input_failure(error, offset, "looking for the next record"));
            }
        }
        let offset = self.input.record_offset();
        let first = self.records_seen == 0;
        self.records_seen += 1;
        let event = match self.read_record(offset) {
            Ok(event) => event,
            Err(Failure::Input { error, context }) => {
                let context = format!("record at offset {offset}, {context}");
                self.input_failure(error, offset, &context)
            }
            Err(Failure::Truncated(detail)) => {
                self.reject_event(offset, "warc_truncated", format!("record at offset {offset}: {detail}"))
            }
            Err(Failure::Framing { reason, detail, at_line_start }) => {
                // A first record that does not parse means the input is not WARC.
                if first && reason != "warc_bad_length" {
                    self.finished = true;
                } else if let Err(error) = self.resync(at_line_start) {
                    self.pending = Some(error);
                }
                self.reject_event(offset, reason, format!("record at offset {offset}: {detail}"))
            }
        };
        Some(event)
    }
}
