//! Reason codes: why a record gave no document. A reject is a row of
//! `rejects.csv`; a skip (a record that is not a page, or a document the
//! dataset already holds) is only counted in the manifest.
//!
//! Each code is one stable snake_case word, spelled once, here: readers,
//! extraction and the writer name the variant, and `--help` and the dataset
//! card list [`RejectReason::ALL`] and [`SkipReason::ALL`] with their meanings.

use std::fmt;

/// Declares a reason enum whose variants each carry their code and meaning,
/// with `ALL`, `as_str` and `meaning` derived from the one list.
macro_rules! reason_codes {
    ($(#[$attr:meta])* $name:ident { $($variant:ident => $code:literal, $meaning:literal;)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = $meaning] $variant,)*
        }

        impl $name {
            /// Every code, in the order `--help` and the card list them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code as written to `rejects.csv` and the manifest.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            /// What the code means, in one line.
            pub fn meaning(self) -> &'static str {
                match self {
                    $($name::$variant => $meaning,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

reason_codes! {
    /// Why a record was rejected: the `reason` column of `rejects.csv`.
    RejectReason {
        UnreadableFile => "unreadable_file", "the input could not be opened, or its first bytes not read";
        EmptyFile => "empty_file", "the input holds no bytes (once decompressed)";
        GzipWithoutContent => "gzip_without_content", "the input is a gzip stream with no data in it";
        ArcFormat => "arc_format", "an ARC file (the format before WARC), which newsmill does not read";
        BinaryContent => "binary_content", "binary data (image, PDF, control bytes) where a page was expected";
        GzipCorrupt => "gzip_corrupt", "gzip data that does not decompress, or is cut short";
        ReadError => "read_error", "reading the input failed midway (I/O error); its rest is lost";
        InvalidJson => "invalid_json", "a JSONL line that is not a JSON object";
        MissingField => "missing_field", "a JSONL line without an id or a text";
        RecordTooLarge => "record_too_large", "a page or a JSONL line over the record size limit";
        WarcGarbage => "warc_garbage", "no `WARC/` version line where a WARC record should start";
        WarcBadHeader => "warc_bad_header", "a WARC header unterminated, too long or without a Content-Length";
        WarcTruncated => "warc_truncated", "the input ends inside the WARC record (or its gzip member)";
        WarcBadLength => "warc_bad_length", "the WARC block does not end where its Content-Length says";
        WarcRecordTooLarge => "warc_record_too_large", "a WARC record block over the record size limit";
        WarcSegmented => "warc_segmented", "a WARC record split over segments, which newsmill does not join";
        HttpMissingHead => "http_missing_head", "a WARC response without an HTTP status line";
        HttpBadHead => "http_bad_head", "a WARC response whose HTTP head does not parse";
        HttpBadChunked => "http_bad_chunked", "HTTP chunked framing broken after the first chunk";
        HttpBadContentEncoding => "http_bad_content_encoding", "a gzip or deflate body that does not decode (and is not markup)";
        PayloadTooLarge => "payload_too_large", "a decoded HTTP body over the record size limit";
        TooDeeplyNested => "too_deeply_nested", "a page nesting elements deeper than the limit";
        TooManyElements => "too_many_elements", "a page with more elements than the limit";
        TooManyAttributes => "too_many_attributes", "an element with more attributes than the limit";
        PageTooLarge => "page_too_large", "more markup and text outside scripts and styles than the limit";
        NoText => "no_text", "no article text was found in the page";
        InternalError => "internal_error", "newsmill failed on the record (a bug: please report it)";
    }
}

reason_codes! {
    /// Why a record was skipped: the keys of `skipped_by_reason` in the manifest.
    SkipReason {
        WarcWarcinfo => "warc_warcinfo", "a WARC warcinfo record";
        WarcRequest => "warc_request", "a WARC request record";
        WarcMetadata => "warc_metadata", "a WARC metadata record";
        WarcRevisit => "warc_revisit", "a WARC revisit record";
        WarcOtherType => "warc_other_type", "a WARC conversion, continuation, unknown or untyped record";
        HttpRedirect => "http_redirect", "an HTTP 3xx redirect";
        HttpError => "http_error", "an HTTP 4xx, 5xx or other non-2xx response";
        NotHtml => "not_html", "a payload typed or sniffed as something else than HTML";
        EmptyPayload => "empty_payload", "a payload of nothing but white space";
        Duplicate => "duplicate", "a record (URL and bytes) the dataset already holds as a document";
    }
}

/// Codes that once had another spelling: (old code, the code now). The
/// same failure was named differently by the WARC reader and the readers of
/// single-page and JSONL files.
pub const RENAMED: &[(&str, RejectReason)] =
    &[("corrupt_gzip", RejectReason::GzipCorrupt), ("io_error", RejectReason::ReadError)];

/// The codes as `--help` and the card list them: `code` then its meaning,
/// one per line, each line opened by `indent`.
pub fn code_list<R: Copy + fmt::Display>(codes: &[R], meaning: fn(R) -> &'static str, indent: &str) -> String {
    let width = codes.iter().map(|c| c.to_string().len()).max().unwrap_or(0);
    codes.iter().map(|&c| format!("{indent}{:<width$}  {}\n", c.to_string(), meaning(c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_snake_case_and_spelled_once() {
        let codes: Vec<&str> =
            RejectReason::ALL.iter().map(|r| r.as_str()).chain(SkipReason::ALL.iter().map(|s| s.as_str())).collect();
        assert!(codes.iter().all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')), "{codes:?}");
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len(), "a code names two reasons");
    }

    #[test]
    fn meanings_fit_one_line_of_help() {
        // `--help` wraps at 100 columns; a code column of 25 and indents leave this much.
        let meanings = RejectReason::ALL.iter().map(|r| r.meaning()).chain(SkipReason::ALL.iter().map(|s| s.meaning()));
        for meaning in meanings {
            assert!(meaning.len() <= 68, "{meaning:?} is {} bytes", meaning.len());
        }
    }

    #[test]
    fn renamed_codes_are_no_longer_codes() {
        for (old, new) in RENAMED {
            assert!(RejectReason::ALL.iter().all(|r| r.as_str() != *old), "{old} is still a code");
            assert_ne!(*old, new.as_str());
        }
    }

    #[test]
    fn the_list_aligns_meanings_after_the_longest_code() {
        let list = code_list(&[SkipReason::NotHtml, SkipReason::Duplicate], SkipReason::meaning, "  ");
        assert_eq!(
            list,
            "  not_html   a payload typed or sniffed as something else than HTML\n  duplicate  a record (URL and bytes) \
             the dataset already holds as a document\n"
        );
    }
}
