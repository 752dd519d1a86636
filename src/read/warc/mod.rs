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
//!   a next record, so its Content-Length is wrong (resync; a length too long
//!   swallows the start of the next record, which is read again from the
//!   first `WARC/` line inside the block, as is one inside a truncated block);
//! - `warc_record_too_large`: block over [`MAX_BLOCK`];
//! - `gzip_corrupt`: a gzip member does not decompress, or non-gzip bytes sit
//!   between members; the reader goes on at the next member (searched from
//!   just after the bad member's start, as a member cut short runs on into
//!   the members after it);
//! - `read_error`: the file itself could not be read (also under a gzip
//!   member); the reader stops;
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
mod members;

use super::{Body, ReadEvent, Record, Reject, Skip};
use crate::reason::{RejectReason, SkipReason};
use input::{Input, InputError};
pub use members::Pool;
use std::io::Read;
use std::sync::Arc;

/// Largest record block (and decoded payload) read into memory.
pub const MAX_BLOCK: usize = super::MAX_RECORD_BYTES;
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
    Framing { reason: RejectReason, detail: String, at_line_start: bool },
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
            finished: false,
        }
    }

    /// Inflates the gzip members of a per-record gzip file ahead on `pool`,
    /// so that this reader's thread only frames records. The events are the
    /// same as without.
    pub fn inflating_on(mut self, pool: Pool) -> Self {
        self.input.inflate_on(pool);
        self
    }

    fn reject_event(&self, offset: u64, reason: RejectReason, detail: String) -> ReadEvent {
        ReadEvent::Rejected(Reject { source: self.source.clone(), record_offset: Some(offset as i64), reason, detail })
    }

    fn skip_event(&self, offset: u64, reason: SkipReason) -> ReadEvent {
        ReadEvent::Skipped(Skip { source: self.source.clone(), record_offset: Some(offset as i64), reason })
    }

    /// Turns a stream failure into the event that reports it.
    fn input_failure(&mut self, error: InputError, offset: u64, context: &str) -> ReadEvent {
        let (reason, detail) = self.describe(error);
        self.reject_event(offset, reason, format!("{context}: {detail}"))
    }

    /// Reason and detail for a stream failure; an I/O error ends the reading.
    fn describe(&mut self, error: InputError) -> (RejectReason, String) {
        match error {
            InputError::Io(e) => {
                self.finished = true;
                (RejectReason::ReadError, e.to_string())
            }
            InputError::Gzip { member_offset, error } => {
                use std::io::ErrorKind;
                let reason = match error.kind() {
                    ErrorKind::UnexpectedEof => RejectReason::WarcTruncated,
                    // What flate2 reports for bytes that do not decompress.
                    ErrorKind::InvalidData | ErrorKind::InvalidInput => RejectReason::GzipCorrupt,
                    // The source failed under the decoder (a stream that could not be
                    // resumed): the bytes were never seen, so nothing follows.
                    _ => {
                        self.finished = true;
                        RejectReason::ReadError
                    }
                };
                (reason, format!("gzip member at file byte {member_offset}: {error}"))
            }
            InputError::NotGzip { offset, skipped } => (
                RejectReason::GzipCorrupt,
                format!("{skipped} non-gzip bytes at file byte {offset} where a gzip member should start"),
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

    /// After a block: the CRLF CRLF separator (anything after it is the next
    /// record's business), or at least the end or a next record right away,
    /// as some writers skip or shorten the separator. `None` when the record
    /// ends there, else the CR/LF bytes consumed looking.
    fn at_record_end(&mut self) -> Result<Option<Vec<u8>>, InputError> {
        const SEPARATOR: &[u8] = b"\r\n\r\n";
        let mut blank = Vec::new();
        loop {
            if blank == SEPARATOR {
                // A per-record gzip member ends here: its CRC check fails this
                // record rather than the next.
                self.input.close_spent_member()?;
                return Ok(None);
            }
            match self.input.fill()?.first() {
                None => return Ok(None),
                Some(&b) if b == b'\r' || b == b'\n' => {
                    blank.push(b);
                    self.input.consume(1);
                }
                Some(_) => break,
            }
        }
        let buf = self.input.fill()?;
        let n = buf.len().min(5);
        Ok((buf[..n] != b"WARC/"[..n]).then_some(blank))
    }

    /// When a block turns out not to end where its Content-Length says, gives
    /// back what follows the first `WARC/` line inside it (a length too long
    /// swallows the start of the next record) with `after` the bytes read past
    /// the block, so that the next record is read whole. Returns whether it did.
    fn give_back_next_record(&mut self, after: &[u8]) -> bool {
        let next = self.block.windows(6).position(|w| w[0] == b'\n' && &w[1..] == b"WARC/");
        match next {
            Some(at) => {
                let tail = [&self.block[at + 1..], after].concat();
                self.input.unread(&tail);
                true
            }
            None => false,
        }
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
                reason: RejectReason::WarcGarbage,
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
                        reason: RejectReason::WarcBadHeader,
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
                reason: RejectReason::WarcBadHeader,
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
            "warcinfo" => Some(SkipReason::WarcWarcinfo),
            "request" => Some(SkipReason::WarcRequest),
            "metadata" => Some(SkipReason::WarcMetadata),
            "revisit" => Some(SkipReason::WarcRevisit),
            _ => Some(SkipReason::WarcOtherType),
        };
        let too_large = len > self.max_block as u64;
        // Skipped records' blocks are kept too: a wrong length is found after
        // the block, and the next record may have to be read back from it.
        let got = self
            .take_block(len, !too_large)
            .map_err(|error| Failure::Input { error, context: format!("reading the {len}-byte block") })?;
        if got < len {
            self.give_back_next_record(&[]);
            return Err(Failure::Truncated(format!(
                "Content-Length is {len} but the input ends after {got} bytes of the block"
            )));
        }
        let record_end = self.input.stream_offset();
        let read_past = self
            .at_record_end()
            .map_err(|error| Failure::Input { error, context: "reading the record separator".into() })?;
        if let Some(read_past) = read_past {
            let found = self.input.fill().map(http::preview).unwrap_or_default();
            let at_line_start = self.give_back_next_record(&read_past);
            return Err(Failure::Framing {
                reason: RejectReason::WarcBadLength,
                detail: format!(
                    "Content-Length {len} is wrong: expected CRLF CRLF and a `WARC/` line after the block (stream byte {record_end}), found `{found}`"
                ),
                at_line_start,
            });
        }
        if let Some(reason) = skip_reason {
            return Ok(self.skip_event(offset, reason));
        }
        if too_large {
            return Ok(self.reject_event(
                offset,
                RejectReason::WarcRecordTooLarge,
                format!("block of {len} bytes, above the {} byte limit", self.max_block),
            ));
        }
        let is_http = warc_type == "response"
            && fields
                .content_type
                .as_deref()
                .is_none_or(|t| t.trim_start().get(..16).is_some_and(|p| p.eq_ignore_ascii_case("application/http")));
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
        match self.skip_blank() {
            Ok(true) => {}
            Ok(false) => {
                self.finished = true;
                return None;
            }
            Err(error) => {
                let offset = match &error {
                    InputError::Gzip { member_offset, .. } => *member_offset,
                    InputError::NotGzip { offset, .. } => *offset,
                    InputError::Io(_) => self.input.record_offset(),
                };
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
                self.reject_event(offset, RejectReason::WarcTruncated, format!("record at offset {offset}: {detail}"))
            }
            Err(Failure::Framing { reason, mut detail, at_line_start }) => {
                // A first record that does not parse means the input is not WARC.
                if first && reason != RejectReason::WarcBadLength {
                    self.finished = true;
                } else if let Err(error) = self.resync(at_line_start) {
                    // Most often the same damage seen from the gzip layer.
                    let (_, also) = self.describe(error);
                    detail = format!("{detail}; then, looking for the next record: {also}");
                }
                self.reject_event(offset, reason, format!("record at offset {offset}: {detail}"))
            }
        };
        Some(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn record(warc_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{warc_type}-1>\r\n\
             WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http_response(head: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("{head}\r\n\r\n").into_bytes();
        block.extend_from_slice(body);
        record("response", "http://news.example/a", "application/http; msgtype=response", &block)
    }

    const PAGE: &[u8] = b"<!doctype html><title>Budget vote</title><p>The council approved it.</p>";

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn read_all(bytes: Vec<u8>) -> Vec<ReadEvent> {
        WarcReader::new(Arc::from("test.warc"), Box::new(std::io::Cursor::new(bytes))).collect()
    }

    /// One line per event: `record OFF URL`, `skip OFF REASON`, `reject OFF REASON`.
    fn summary(events: &[ReadEvent]) -> Vec<String> {
        events
            .iter()
            .map(|event| match event {
                ReadEvent::Record(r) => {
                    format!("record {} {}", r.record_offset.unwrap_or(-1), r.url.as_deref().unwrap_or("-"))
                }
                ReadEvent::Skipped(s) => format!("skip {} {}", s.record_offset.unwrap_or(-1), s.reason),
                ReadEvent::Rejected(r) => format!("reject {} {}", r.record_offset.unwrap_or(-1), r.reason),
            })
            .collect()
    }

    fn html_of(event: &ReadEvent) -> (&[u8], Option<&str>) {
        match event {
            ReadEvent::Record(Record { body: Body::Html { bytes, http_charset }, .. }) => {
                (bytes, http_charset.as_deref())
            }
            other => panic!("expected an HTML record, got {other:?}"),
        }
    }

    fn standard_file() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
            record("request", "http://news.example/a", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
            http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1", PAGE),
            http_response("HTTP/1.1 200 OK\r\nContent-Type: image/png", b"\x89PNG...."),
            record("metadata", "http://news.example/a", "application/warc-fields", b"fetchTimeMs: 12\r\n"),
        ]
    }

    #[test]
    fn plain_file_gives_one_event_per_record_at_file_offsets() {
        let records = standard_file();
        let offsets: Vec<usize> = records.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()))).collect();
        let events = read_all(records.concat());
        assert_eq!(
            summary(&events),
            [
                format!("skip {} warc_warcinfo", offsets[0]),
                format!("skip {} warc_request", offsets[1]),
                format!("record {} http://news.example/a", offsets[2]),
                format!("skip {} not_html", offsets[3]),
                format!("skip {} warc_metadata", offsets[4]),
            ]
        );
        let ReadEvent::Record(page) = &events[2] else { unreachable!() };
        assert_eq!(page.record_id.as_deref(), Some("<urn:uuid:response-1>"));
        assert_eq!(page.fetched_at.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(html_of(&events[2]), (PAGE, Some("ISO-8859-1")));
    }

    #[test]
    fn per_record_gzip_points_at_members_and_whole_file_gzip_at_stream_offsets() {
        let records = standard_file();
        let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
        let events = read_all(members.concat());
        let offsets: Vec<i64> = events.iter().map(offset_of).collect();
        let expected: Vec<i64> =
            members.iter().scan(0, |at, m| Some(std::mem::replace(at, *at + m.len()) as i64)).collect();
        assert_eq!(offsets, expected);
        assert_eq!(html_of(&events[2]).0, PAGE);

        let events = read_all(gzip(&records.concat()));
        let offsets: Vec<i64> = events.iter().map(offset_of).collect();
        let expected: Vec<i64> =
            records.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()) as i64)).collect();
        assert_eq!(offsets, expected);
    }

    fn offset_of(event: &ReadEvent) -> i64 {
        match event {
            ReadEvent::Record(r) => r.record_offset,
            ReadEvent::Skipped(s) => s.record_offset,
            ReadEvent::Rejected(r) => r.record_offset,
        }
        .unwrap_or(-1)
    }

    #[test]
    fn chunked_gzip_body_is_decoded_but_crawler_renamed_headers_are_not() {
        let compressed = gzip(PAGE);
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&compressed[..10]);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", compressed.len() - 10).as_bytes());
        chunked.extend_from_slice(&compressed[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let encoded = http_response(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
            &chunked,
        );
        // Common Crawl: payload stored decoded, original headers renamed.
        let stored_decoded = http_response(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Crawler-Transfer-Encoding: chunked\r\nX-Crawler-Content-Encoding: gzip",
            PAGE,
        );
        let events = read_all([encoded, stored_decoded].concat());
        assert_eq!(html_of(&events[0]).0, PAGE);
        assert_eq!(html_of(&events[1]).0, PAGE);
    }

    #[test]
    fn stale_content_encoding_on_a_decoded_body_keeps_the_body() {
        let events = read_all(http_response(
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=EUC-JP\nContent-Encoding: gzip",
            PAGE,
        ));
        assert_eq!(html_of(&events[0]), (PAGE, Some("EUC-JP")));
    }

    #[test]
    fn statuses_types_and_sniffing_decide_skips() {
        let events = read_all(
            [
                http_response("HTTP/1.1 301 Moved Permanently\r\nLocation: /b", b""),
                http_response("HTTP/1.1 404 Not Found\r\nContent-Type: text/html", PAGE),
                http_response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream", PAGE),
                http_response("HTTP/1.1 200 OK", b"%PDF-1.4 ..."),
                http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html", b"\r\n  "),
                http_response("HTTP/2 200\r\ncontent-type: application/xhtml+xml", PAGE),
                record("revisit", "http://news.example/a", "application/http", b"HTTP/1.1 200 OK\r\n\r\n"),
                record("conversion", "http://news.example/a", "text/plain", b"text"),
            ]
            .concat(),
        );
        let reasons: Vec<String> =
            summary(&events).iter().map(|s| s.rsplit(' ').next().unwrap_or("").to_string()).collect();
        assert_eq!(
            reasons,
            [
                "http_redirect", "http_error", "http://news.example/a", "not_html", "empty_payload",
                "http://news.example/a", "warc_revisit", "warc_other_type"
            ]
        );
    }

    #[test]
    fn resource_record_is_typed_by_its_warc_content_type_and_url_loses_brackets() {
        let events = read_all(
            [
                record("resource", " <http://news.example/r> ", "text/html; charset=utf-8", PAGE),
                record("resource", "file:///a b.png", "image/png", b"\x89PNG"),
            ]
            .concat(),
        );
        assert_eq!(summary(&events)[0], "record 0 http://news.example/r");
        assert_eq!(html_of(&events[0]), (PAGE, Some("utf-8")));
        assert!(summary(&events)[1].ends_with("not_html"));
    }

    #[test]
    fn truncated_record_is_rejected_after_the_good_ones() {
        let mut bytes = standard_file()[..3].concat();
        bytes.truncate(bytes.len() - 20);
        let events = read_all(bytes);
        assert_eq!(events.len(), 3);
        let ReadEvent::Rejected(reject) = &events[2] else { panic!("{:?}", events[2]) };
        assert_eq!(reject.reason, RejectReason::WarcTruncated);
        assert!(reject.detail.contains("ends after"), "{}", reject.detail);
    }

    #[test]
    fn wrong_content_length_and_garbage_are_rejected_and_reading_resumes() {
        let good = standard_file();
        let text = String::from_utf8(good[2].clone()).unwrap();
        let declared = text.split("Content-Length: ").nth(1).unwrap().split('\r').next().unwrap();
        let wrong = (declared.parse::<usize>().unwrap() - 2).to_string();
        let short = text.replace(&format!("Content-Length: {declared}"), &format!("Content-Length: {wrong}"));
        let short = short.into_bytes();
        let events = read_all(
            [good[0].clone(), short, b"junk line\r\nmore junk WARC/1.0\r\n".to_vec(), good[1].clone(), good[4].clone()]
                .concat(),
        );
        let lines = summary(&events);
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].ends_with("warc_warcinfo"));
        assert!(lines[1].ends_with("warc_bad_length"));
        assert!(lines[2].ends_with("warc_request"));
        assert!(lines[3].ends_with("warc_metadata"));

        let events = read_all([good[0].clone(), b"\r\nnot a record\r\n".to_vec(), good[4].clone()].concat());
        let lines = summary(&events);
        assert!(lines[1].ends_with("warc_garbage"), "{lines:?}");
        assert!(lines[2].ends_with("warc_metadata"), "{lines:?}");
    }

    #[test]
    fn input_that_is_not_warc_gives_one_reject() {
        let events = read_all(b"<html><body>just a page</body></html>\n\nWARC/1.0 is mentioned here".to_vec());
        assert_eq!(summary(&events), ["reject 0 warc_garbage"]);
        let ReadEvent::Rejected(reject) = &events[0] else { unreachable!() };
        assert!(reject.detail.contains("expected a `WARC/` version line"), "{}", reject.detail);
    }

    #[test]
    fn corrupt_gzip_member_is_rejected_and_the_next_member_read() {
        let records = standard_file();
        let mut bad_crc = gzip(&records[2]);
        let crc_at = bad_crc.len() - 8;
        bad_crc[crc_at] ^= 0xff;
        let members = [gzip(&records[0]), bad_crc, gzip(&records[4])];
        let lines = summary(&read_all(members.concat()));
        assert_eq!(
            lines,
            [
                "skip 0 warc_warcinfo".to_string(),
                format!("reject {} gzip_corrupt", members[0].len()),
                format!("skip {} warc_metadata", members[0].len() + members[1].len()),
            ]
        );

        // Damage inside the deflate data: whatever it breaks first, one reject.
        let mut garbled = gzip(&records[2]);
        let middle = garbled.len() / 2;
        garbled[middle..middle + 8].copy_from_slice(b"\xff\xff\xff\xff\x00\x00\x00\x00");
        let members = [gzip(&records[0]), garbled, gzip(&records[4])];
        let lines = summary(&read_all(members.concat()));
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[1].starts_with(&format!("reject {} ", members[0].len())), "{lines:?}");
        assert_eq!(lines[2], format!("skip {} warc_metadata", members[0].len() + members[1].len()));
    }

    #[test]
    fn too_long_content_length_gives_the_next_record_back() {
        let records = standard_file();
        let text = String::from_utf8(records[1].clone()).unwrap();
        let declared = text.split("Content-Length: ").nth(1).unwrap().split('\r').next().unwrap();
        // The request's block runs 30 bytes into the response's header.
        let long = text.replace(
            &format!("Content-Length: {declared}"),
            &format!("Content-Length: {}", declared.parse::<usize>().unwrap() + 34),
        );
        let file = [records[0].clone(), long.into_bytes(), records[2].clone(), records[4].clone()];
        let response_at = file[0].len() + file[1].len();
        let lines = summary(&read_all(file.concat()));
        assert_eq!(
            lines,
            [
                "skip 0 warc_warcinfo".to_string(),
                format!("reject {} warc_bad_length", file[0].len()),
                format!("record {response_at} http://news.example/a"),
                format!("skip {} warc_metadata", response_at + file[2].len()),
            ]
        );
    }

    #[test]
    fn a_source_failing_under_gzip_is_a_read_error_and_ends_the_input() {
        /// Gives its bytes, then fails as a connection that could not be resumed.
        struct Dropping(std::io::Cursor<Vec<u8>>);
        impl std::io::Read for Dropping {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "connection reset")),
                    n => Ok(n),
                }
            }
        }
        let records = standard_file();
        let response = gzip(&records[2]);
        let members = [gzip(&records[0]), response[..response.len() / 2].to_vec()];
        let reader =
            WarcReader::new(Arc::from("test.warc"), Box::new(Dropping(std::io::Cursor::new(members.concat()))));
        let events: Vec<ReadEvent> = reader.collect();
        assert_eq!(
            summary(&events),
            ["skip 0 warc_warcinfo".to_string(), format!("reject {} read_error", members[0].len())]
        );
    }

    #[test]
    fn gzip_member_cut_short_loses_only_its_own_record() {
        let records = standard_file();
        let cut = gzip(&records[2]);
        let members = [gzip(&records[0]), cut[..cut.len() / 2].to_vec(), gzip(&records[2]), gzip(&records[4])];
        let at = |i: usize| members[..i].iter().map(Vec::len).sum::<usize>();
        let lines = summary(&read_all(members.concat()));
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[1], format!("reject {} gzip_corrupt", at(1)));
        assert_eq!(lines[2], format!("record {} http://news.example/a", at(2)));
        assert_eq!(lines[3], format!("skip {} warc_metadata", at(3)));
    }

    #[test]
    fn truncated_gzip_member_is_a_truncated_record() {
        let mut bytes = [gzip(&standard_file()[0]), gzip(&standard_file()[2])].concat();
        bytes.truncate(bytes.len() - 30);
        let lines = summary(&read_all(bytes));
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with("warc_truncated"), "{lines:?}");
    }

    #[test]
    fn record_over_the_size_cap_is_rejected_and_skipped_over() {
        let records = standard_file();
        let mut reader = WarcReader::new(Arc::from("t"), Box::new(std::io::Cursor::new(records.concat())));
        reader.max_block = 100;
        let lines = summary(&reader.collect::<Vec<_>>());
        assert_eq!(lines.len(), 5);
        assert!(lines[2].ends_with("warc_record_too_large"), "{lines:?}");
        assert!(lines[4].ends_with("warc_metadata"));
    }

    #[test]
    fn broken_http_heads_and_chunks_are_rejected() {
        let events = read_all(
            [
                record("response", "http://news.example/a", "application/http", PAGE),
                http_response(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
                    b"5\r\n<html\r\nzz\r\nmore",
                ),
                http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked", PAGE),
            ]
            .concat(),
        );
        let lines = summary(&events);
        assert!(lines[0].ends_with("http_missing_head"), "{lines:?}");
        assert!(lines[1].ends_with("http_bad_chunked"), "{lines:?}");
        // Not chunked at all despite the header: read as is.
        assert_eq!(html_of(&events[2]).0, PAGE);
    }

    #[test]
    fn any_cut_or_flipped_byte_still_yields_the_records_before_it() {
        let records = standard_file();
        let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
        for file in [records.concat(), members.concat()] {
            let first_len = if file[0] == 0x1f { members[0].len() } else { records[0].len() };
            for cut in 0..file.len() {
                let events = read_all(file[..cut].to_vec());
                if cut > first_len {
                    assert!(summary(&events)[0].ends_with("warc_warcinfo"), "cut at {cut}");
                }
            }
            for at in (0..file.len()).step_by(7) {
                let mut damaged = file.clone();
                damaged[at] ^= 0x5a;
                let events = read_all(damaged);
                assert!(!events.is_empty() && events.len() <= 2 * records.len(), "flip at {at}");
            }
        }
    }

    fn test_pool() -> Pool {
        static POOL: std::sync::OnceLock<Pool> = std::sync::OnceLock::new();
        POOL.get_or_init(|| Arc::new(rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap())).clone()
    }

    /// Reads `bytes` with and without inflating on a pool, checks that the
    /// events are the same, and tells whether any member fell back to the
    /// sequential path.
    fn read_both_ways(bytes: Vec<u8>) -> (Vec<ReadEvent>, bool) {
        let sequential = read_all(bytes.clone());
        let mut reader =
            WarcReader::new(Arc::from("test.warc"), Box::new(std::io::Cursor::new(bytes))).inflating_on(test_pool());
        let inflated: Vec<ReadEvent> = reader.by_ref().collect();
        assert_eq!(format!("{inflated:?}"), format!("{sequential:?}"));
        (inflated, reader.input.fell_back())
    }

    /// Per-record gzip members of `count` pages of incompressible text, a
    /// few KiB each, so that they span several inflate windows.
    fn many_members(count: usize) -> Vec<Vec<u8>> {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        (0..count)
            .map(|i| {
                let words: Vec<u8> = (0..6000)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        b"abcdefghijklmnopqrstuvwxyz ."[(seed % 28) as usize]
                    })
                    .collect();
                let page = [&b"<html><p>"[..], &words].concat();
                let uri = format!("http://news.example/{i}");
                gzip(&record("resource", &uri, "text/html", &page))
            })
            .collect()
    }

    #[test]
    fn members_inflated_on_a_pool_give_the_sequential_events() {
        let mut members = many_members(600);
        // NUL padding (tape blocks) between members is passed over either way.
        members[100].extend_from_slice(&[0; 512]);
        let file = members.concat();
        assert!(file.len() > 2 * members::WINDOW);
        let (events, fell_back) = read_both_ways(file);
        assert!(!fell_back);
        assert_eq!(events.len(), 600);
        let offsets: Vec<i64> =
            members.iter().scan(0, |at, m| Some(std::mem::replace(at, *at + m.len()) as i64)).collect();
        assert_eq!(events.iter().map(offset_of).collect::<Vec<_>>(), offsets);
        assert_eq!(summary(&events)[599], format!("record {} http://news.example/599", offsets[599]));
    }

    #[test]
    fn a_gzip_magic_inside_a_members_compressed_bytes_falls_back_for_that_member() {
        let false_start = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff";
        let page = [&b"<html><p>"[..], false_start, b" stored as is</p>"].concat();
        // Stored deflate blocks keep the page's bytes, the false start with them.
        let mut encoder = GzEncoder::new(Vec::new(), Compression::none());
        encoder.write_all(&record("resource", "http://news.example/stored", "text/html", &page)).unwrap();
        let stored = encoder.finish().unwrap();
        assert_eq!(members::member_starts(&stored).len(), 2);
        let mut members = many_members(300);
        members.insert(150, stored);
        let (events, fell_back) = read_both_ways(members.concat());
        assert!(fell_back);
        assert_eq!(events.len(), 301);
        assert!(summary(&events)[150].ends_with("http://news.example/stored"));
    }

    #[test]
    fn a_corrupt_member_in_the_middle_is_rejected_as_without_the_pool() {
        let mut members = many_members(400);
        let crc_at = members[200].len() - 8;
        members[200][crc_at] ^= 0xff;
        let middle = members[300].len() / 2;
        members[300][middle..middle + 8].copy_from_slice(b"\xff\xff\xff\xff\x00\x00\x00\x00");
        let (events, fell_back) = read_both_ways(members.concat());
        assert!(fell_back);
        let lines = summary(&events);
        assert_eq!(lines.len(), 400, "{:?}", &lines[195..]);
        assert!(lines[200].ends_with("gzip_corrupt"), "{}", lines[200]);
        assert!(lines[300].starts_with("reject"), "{}", lines[300]);
        assert!(lines[399].ends_with("http://news.example/399"));
    }

    #[test]
    fn a_member_larger_than_the_window_is_read_sequentially_between_inflated_ones() {
        let mut members = many_members(200);
        // Gzip members do not compress further: this one is as large as they are.
        let big = many_members(300).concat();
        let big = gzip(&record("resource", "http://news.example/big", "application/octet-stream", &big));
        assert!(big.len() > members::WINDOW);
        members.insert(100, big);
        let (events, fell_back) = read_both_ways(members.concat());
        assert!(fell_back);
        assert_eq!(events.len(), 201);
        assert!(summary(&events)[100].ends_with("not_html"));
    }

    #[test]
    fn a_truncated_last_member_or_a_failing_source_ends_as_without_the_pool() {
        let mut file = many_members(300).concat();
        file.truncate(file.len() - 30);
        let (events, _) = read_both_ways(file.clone());
        assert_eq!(events.len(), 300);
        assert!(summary(&events)[299].ends_with("warc_truncated"));

        /// Gives its bytes, then fails as a connection that could not be resumed.
        struct Dropping(std::io::Cursor<Vec<u8>>);
        impl std::io::Read for Dropping {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "connection reset")),
                    n => Ok(n),
                }
            }
        }
        let read = |pool: Option<Pool>| {
            let reader =
                WarcReader::new(Arc::from("test.warc"), Box::new(Dropping(std::io::Cursor::new(file.clone()))));
            let events: Vec<ReadEvent> = match pool {
                Some(pool) => reader.inflating_on(pool).collect(),
                None => reader.collect(),
            };
            format!("{events:?}")
        };
        let sequential = read(None);
        assert!(sequential.contains("ReadError"));
        assert_eq!(read(Some(test_pool())), sequential);
    }

    #[test]
    fn any_cut_or_flipped_byte_gives_the_sequential_events_on_a_pool() {
        let members: Vec<Vec<u8>> = standard_file().iter().map(|r| gzip(r)).collect();
        let file = members.concat();
        for cut in 0..file.len() {
            read_both_ways(file[..cut].to_vec());
        }
        for at in (0..file.len()).step_by(3) {
            let mut damaged = file.clone();
            damaged[at] ^= 0x5a;
            read_both_ways(damaged);
        }
    }
}
