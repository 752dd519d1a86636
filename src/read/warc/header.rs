//! The WARC header block: its lines read within [`MAX_HEAD`] bytes, and the
//! fields the reader uses.

use super::failure::Failure;
use super::input::InputError;
use super::{http, WarcReader, MAX_HEAD};
use crate::reason::RejectReason;

/// The WARC header fields the reader uses.
#[derive(Debug, Default)]
pub(super) struct WarcFields {
    pub(super) warc_type: Option<String>,
    pub(super) record_id: Option<String>,
    target_uri: Option<String>,
    pub(super) date: Option<String>,
    pub(super) content_type: Option<String>,
    pub(super) content_length: Option<String>,
    /// Set on every segment of a record split over several WARC records.
    pub(super) segment_number: Option<String>,
}

impl WarcFields {
    /// Parses header lines (after the version line). Field names are
    /// case-insensitive; continuation lines are ignored, none of the fields
    /// used spans lines in practice.
    pub(super) fn parse(lines: &[u8]) -> WarcFields {
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
                "warc-segment-number" => &mut fields.segment_number,
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
    pub(super) fn url(&self) -> Option<String> {
        let uri = self.target_uri.as_deref()?.trim();
        let uri = uri.strip_prefix('<').and_then(|u| u.strip_suffix('>')).unwrap_or(uri).trim();
        (!uri.is_empty()).then(|| uri.to_string())
    }
}

impl WarcReader {
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

    /// Reads the header block into `self.head`.
    pub(super) fn read_head(&mut self) -> Result<WarcFields, Failure> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_whatever_their_case_and_the_first_one_wins() {
        let fields = WarcFields::parse(
            b"warc-type: response\r\nWARC-Target-URI: <http://news.example/a>\r\n  folded: line\r\n\
              Content-Length: 12\r\nCONTENT-LENGTH: 99\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n",
        );
        assert_eq!(fields.warc_type.as_deref(), Some("response"));
        assert_eq!(fields.content_length.as_deref(), Some("12"));
        assert_eq!(fields.date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(fields.url().as_deref(), Some("http://news.example/a"));
        assert_eq!(fields.record_id, None);
        assert_eq!(WarcFields::parse(b"WARC-Target-URI: <>\r\n").url(), None);
    }
}
