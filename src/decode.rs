//! Character sets: bytes to text the way a browser decides.
//!
//! Order of precedence, as in the HTML standard's encoding sniffing: a byte
//! order mark, then the `charset` of the HTTP `Content-Type` header, then a
//! `<meta charset>` / `<meta http-equiv="Content-Type">` prescan of the start of
//! the document, then chardetng's guess from the bytes themselves. One
//! departure: a declared legacy charset yields to UTF-8 when the bytes are
//! valid UTF-8 with non-ASCII text in them. Pages re-saved as UTF-8 keep their
//! old `<meta charset=gb2312>` and servers send a default `ISO-8859-1`, while
//! legacy text is almost never valid multi-byte UTF-8 by chance. The chosen
//! encoding decodes with encoding_rs; malformed sequences become U+FFFD.
//! Text that was UTF-8 decoded twice upstream ("â€™" for "’") is repaired
//! after decoding (`mojibake`).

mod mojibake;

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::sync::OnceLock;

/// How far into a page the `<meta>` prescan looks. Browsers stop at 1024
/// bytes; real pages put the tag after long comments and inline scripts, so
/// we look further, at no measurable cost.
const PRESCAN_BYTES: usize = 16 * 1024;

/// Where the chosen encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    Http,
    Meta,
    /// A declared charset overruled: the bytes are valid, non-ASCII UTF-8.
    ValidUtf8,
    Detected,
}

/// A decoded text and how its encoding was chosen.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
    /// Whether malformed byte sequences were replaced by U+FFFD.
    pub had_errors: bool,
    /// Whether double-encoded UTF-8 in the text was repaired.
    pub repaired_double_encoding: bool,
}

/// Decodes an HTML page. `http_charset` is the `charset` parameter of the
/// HTTP `Content-Type` header, if any.
/// Owned bytes of valid UTF-8 become the text without a copy.
pub fn decode_html<'a>(bytes: impl Into<Cow<'a, [u8]>>, http_charset: Option<&str>) -> Decoded {
    let bytes = bytes.into();
    let (encoding, source) = sniff(&bytes, http_charset, true);
    finish(bytes, encoding, source)
}

/// Decodes plain text (no markup to prescan): BOM, else detection.
pub fn decode_text<'a>(bytes: impl Into<Cow<'a, [u8]>>) -> Decoded {
    let bytes = bytes.into();
    let (encoding, source) = sniff(&bytes, None, false);
    finish(bytes, encoding, source)
}

fn finish(bytes: Cow<[u8]>, encoding: &'static Encoding, source: CharsetSource) -> Decoded {
    let (text, had_errors) = match bytes {
        // Most pages: their own bytes are the text (copying them was ~1% of a run).
        Cow::Owned(bytes) if encoding == UTF_8 && source != CharsetSource::Bom => match String::from_utf8(bytes) {
            Ok(text) => (text, false),
            Err(invalid) => decode_bytes(invalid.as_bytes(), encoding, source),
        },
        bytes => decode_bytes(&bytes, encoding, source),
    };
    let (text, repaired_double_encoding) = match mojibake::repair(&text) {
        Some(repaired) => (repaired, true),
        None => (text, false),
    };
    Decoded { text, encoding, source, had_errors, repaired_double_encoding }
}

/// `bytes` decoded from `encoding`, and whether malformed sequences were replaced.
fn decode_bytes(bytes: &[u8], encoding: &'static Encoding, source: CharsetSource) -> (String, bool) {
    let (text, had_errors) = if source == CharsetSource::Bom {
        let (text, _, had_errors) = encoding.decode(bytes);
        (text, had_errors)
    } else {
        encoding.decode_without_bom_handling(bytes)
    };
    (text.into_owned(), had_errors)
}

fn sniff(bytes: &[u8], http_charset: Option<&str>, markup: bool) -> (&'static Encoding, CharsetSource) {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return (encoding, CharsetSource::Bom);
    }
    let declared = match http_charset.and_then(label_to_encoding) {
        Some(encoding) => Some((encoding, CharsetSource::Http)),
        None if markup => prescan_meta(&bytes[..bytes.len().min(PRESCAN_BYTES)]).map(|e| (e, CharsetSource::Meta)),
        None => None,
    };
    if let Some((encoding, source)) = declared {
        if encoding != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            return (UTF_8, CharsetSource::ValidUtf8);
        }
        return (encoding, source);
    }
    // Valid UTF-8 is what chardetng would answer too; checking it first is
    // an order of magnitude cheaper than feeding the detector every byte.
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, CharsetSource::Detected);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), CharsetSource::Detected)
}

/// Maps a charset label to an encoding, with the HTML standard's overrides:
/// a page cannot declare itself UTF-16 from inside, and `x-user-defined`
/// means windows-1252. A label the standard maps to its `replacement`
/// encoding (ISO-2022-KR, ISO-2022-CN, HZ-GB-2312: charsets no browser
/// decodes) names none: the bytes decide, rather than the whole page
/// decoding to one U+FFFD.
fn label_to_encoding(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())?;
    if encoding == REPLACEMENT {
        return None;
    }
    Some(if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else if encoding.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// Finds the charset declared by a `<meta>` tag, skipping comments.
fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    static META: OnceLock<Regex> = OnceLock::new();
    static CHARSET: OnceLock<Regex> = OnceLock::new();
    let meta = META.get_or_init(|| Regex::new(r"(?is)<!--.*?-->|<meta\b[^>]*>").unwrap());
    let charset = CHARSET.get_or_init(|| Regex::new(r#"(?i)charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#).unwrap());
    for tag in meta.find_iter(head) {
        let tag = tag.as_bytes();
        if tag.starts_with(b"<!--") {
            continue;
        }
        if let Some(caps) = charset.captures(tag) {
            let label = std::str::from_utf8(&caps[1]).ok()?;
            if let Some(encoding) = label_to_encoding(label) {
                return Some(encoding);
            }
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` header value.
pub fn charset_from_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=iso-8859-1>café".as_bytes());
        let d = decode_html(&bytes, Some("windows-1251"));
        assert_eq!(d.source, CharsetSource::Bom);
        assert!(d.text.ends_with("café"));
        assert!(!d.text.starts_with('\u{feff}'));
    }

    #[test]
    fn http_charset_beats_meta() {
        let bytes = b"<meta charset=utf-8><p>caf\xe9</p>";
        let d = decode_html(bytes, Some("ISO-8859-1"));
        assert_eq!(d.source, CharsetSource::Http);
        assert!(d.text.contains("café"));
    }

    #[test]
    fn meta_http_equiv_is_found_and_comments_skipped() {
        let bytes = b"<!-- <meta charset=koi8-r> --><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>caf\xe9 \x93quoted\x94</p>";
        let d = decode_html(bytes, None);
        assert_eq!(d.source, CharsetSource::Meta);
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(d.text.contains("café \u{201c}quoted\u{201d}"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected_not_mojibake() {
        // Windows-1251 Russian with no declaration anywhere.
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("<p>Москва — столица России, крупнейший город страны.</p>");
        let d = decode_html(bytes, None);
        assert_eq!(d.source, CharsetSource::Detected);
        assert!(d.text.contains("Москва — столица России"), "{}", d.text);
    }

    #[test]
    fn a_legacy_declaration_yields_to_valid_utf8_text() {
        // A Chinese page re-saved as UTF-8 that still declares gb2312, and a
        // server default of ISO-8859-1 in front of a UTF-8 page.
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" /><title>人工智能迈上新台阶_科技</title>";
        let d = decode_html(page.as_bytes(), None);
        assert_eq!((d.encoding, d.source), (UTF_8, CharsetSource::ValidUtf8));
        assert!(d.text.contains("人工智能迈上新台阶"));
        let d = decode_html("<p>Zürich café</p>".as_bytes(), Some("ISO-8859-1"));
        assert_eq!(d.source, CharsetSource::ValidUtf8);
        assert!(d.text.contains("Zürich café"));
        // Real GB2312 bytes are not valid UTF-8: the declaration stands.
        let (gb, _, _) = encoding_rs::GBK.encode(page);
        let d = decode_html(gb, None);
        assert_eq!(d.source, CharsetSource::Meta);
        assert!(d.text.contains("人工智能迈上新台阶"));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_lost() {
        let d = decode_html(b"<meta charset=utf-8><p>ok \xff\xfe end</p>", None);
        assert!(d.had_errors);
        assert!(d.text.contains("ok \u{fffd}\u{fffd} end"));
        // The same from owned bytes, which valid UTF-8 becomes without a copy.
        let d = decode_html(b"<meta charset=utf-8><p>ok \xff\xfe end</p>".to_vec(), None);
        assert!(d.had_errors);
        assert!(d.text.contains("ok \u{fffd}\u{fffd} end"));
        let d = decode_html("<meta charset=utf-8><p>déjà vu</p>".as_bytes().to_vec(), None);
        assert!(!d.had_errors);
        assert_eq!(d.text, "<meta charset=utf-8><p>déjà vu</p>");
    }

    #[test]
    fn a_charset_no_browser_decodes_leaves_the_choice_to_the_bytes() {
        let page = b"<p>The council voted to repair the bridge.</p>";
        for (bytes, http) in [(&page[..], Some("iso-2022-kr")), (b"<meta charset=hz-gb-2312><p>plain", None)] {
            let d = decode_html(bytes, http);
            assert_eq!((d.encoding, d.source), (UTF_8, CharsetSource::Detected));
            assert!(!d.had_errors && !d.text.contains('\u{fffd}'), "{}", d.text);
        }
        assert!(decode_html(page, Some("csiso2022kr")).text.contains("repair the bridge"));
        // A declaration after the unusable one still counts.
        let (cp1252, _, _) = WINDOWS_1252.encode("<meta charset=windows-1252><p>café</p>");
        let d = decode_html(cp1252, Some("iso-2022-cn"));
        assert_eq!((d.encoding, d.source), (WINDOWS_1252, CharsetSource::Meta));
        assert!(d.text.contains("café"));
    }

    #[test]
    fn meta_cannot_declare_utf16() {
        let d = decode_html(b"<meta charset=utf-16><p>plain</p>", None);
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn content_type_charset_parameter() {
        assert_eq!(charset_from_content_type("text/html; charset=\"UTF-8\"").as_deref(), Some("UTF-8"));
        assert_eq!(charset_from_content_type("text/html"), None);
    }
}
