//! What goes wrong reading a record, and the reject that reports it.

use super::input::InputError;
use super::WarcReader;
use crate::read::ReadEvent;
use crate::reason::RejectReason;

/// Why a record could not be read as one.
pub(super) enum Failure {
    /// The byte stream failed (`context` says where in the record).
    Input { error: InputError, context: String },
    /// The record's framing is wrong: resync to the next version line.
    Framing { reason: RejectReason, detail: String, at_line_start: bool },
    /// The input ends inside the record.
    Truncated(String),
}

impl WarcReader {
    /// Turns a stream failure into the event that reports it.
    pub(super) fn input_failure(&mut self, error: InputError, offset: u64, context: &str) -> ReadEvent {
        let (reason, detail) = self.describe(error);
        self.reject_event(offset, reason, format!("{context}: {detail}"))
    }

    /// Reason and detail for a stream failure; an I/O error ends the reading.
    pub(super) fn describe(&mut self, error: InputError) -> (RejectReason, String) {
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
}
