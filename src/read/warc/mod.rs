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
//!   first `WARC/` line inside the block, as is one inside a truncated block).
//!   In per-record gzip a member ends its record: a block still short when
//!   the next member opens with a `WARC/` line is cut there (a member that
//!   does not is the rest of a record split over members). A block over
//!   [`MAX_BLOCK`] is not kept, so it is searched as it streams by: the first
//!   `WARC/` line inside it ends it, as such a length is most often a lie
//!   hiding the records after it (a real record that large holding a WARC
//!   file of its own is cut at its first record line);
//! - `warc_record_too_large`: block over [`MAX_BLOCK`];
//! - `warc_segmented`: a `response` or `resource` record with a
//!   `WARC-Segment-Number`, the first segment of a record split over
//!   several WARC records; segments are not joined (the `continuation`
//!   records holding the rest are skipped as `warc_other_type`), so the
//!   page is rejected rather than read cut short;
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
//!
//! This file reads one record after another; `header` reads the header
//! block, `framing` the bytes around the block and the way back after bad
//! framing, `failure` turns a failure into its reject, `http` reads the
//! HTTP response in a block, and `input` (with `members`) gives the
//! decompressed bytes and their offsets.

mod failure;
mod framing;
mod header;
mod http;
mod input;
mod members;
#[cfg(test)]
mod tests;

use super::{Body, ReadEvent, Record, Reject, Skip};
use crate::reason::{RejectReason, SkipReason};
use failure::Failure;
use framing::BlockEnd;
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
        let end = self
            .take_block(len, !too_large)
            .map_err(|error| Failure::Input { error, context: format!("reading the {len}-byte block") })?;
        match end {
            BlockEnd::Whole => {}
            BlockEnd::InputEnded { got } => {
                self.give_back_next_record(&[]);
                return Err(Failure::Truncated(format!(
                    "Content-Length is {len} but the input ends after {got} bytes of the block"
                )));
            }
            BlockEnd::MemberEnded { got } => {
                self.give_back_next_record(&[]);
                return Err(Failure::Framing {
                    reason: RejectReason::WarcBadLength,
                    detail: format!(
                        "Content-Length {len} is wrong: the record's gzip member ends after {got} bytes of the block, and the next member starts a record"
                    ),
                    at_line_start: true,
                });
            }
            BlockEnd::RecordInside { got } => {
                return Err(Failure::Framing {
                    reason: RejectReason::WarcBadLength,
                    detail: format!(
                        "Content-Length {len}, over the {} byte limit, is wrong: a `WARC/` line starts a record {got} bytes into the block (stream byte {})",
                        self.max_block,
                        self.input.stream_offset()
                    ),
                    at_line_start: true,
                });
            }
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
        if let Some(segment) = &fields.segment_number {
            return Ok(self.reject_event(
                offset,
                RejectReason::WarcSegmented,
                format!(
                    "record at offset {offset} is segment {segment} of a record split over several WARC records (WARC-Segment-Number); its continuation records are skipped"
                ),
            ));
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
