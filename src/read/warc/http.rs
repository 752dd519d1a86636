//! The payload of a WARC `response`/`resource` record: HTTP head, transfer
//! and content decoding, and whether the result is an HTML page.

use crate::decode::charset_from_content_type;
use crate::read::skip_bom_and_space;
use crate::reason::{RejectReason, SkipReason};
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use std::io::Read;

/// Header slots for httparse; real responses stay far below.
const MAX_HTTP_HEADERS: usize = 256;
/// `100 Continue` heads that may precede the final one.
const MAX_INTERIM_HEADS: usize = 4;
/// How far the markup sniffer looks past comments and XML declarations.
const SNIFF_WINDOW: usize = 4096;

/// What a record's payload turned out to be.
#[derive(Debug)]
pub enum Payload {
    Html { bytes: Vec<u8>, http_charset: Option<String> },
    Skip(SkipReason),
    Reject(RejectReason, String),
}

/// The parts of an HTTP response head the reader acts on.
struct Head {
    status: u16,
    /// Bytes of the block taken by the head (and any interim heads).
    len: usize,
    content_type: Option<String>,
    charset: Option<String>,
    chunked: bool,
    content_encoding: Option<String>,
}

impl Head {
    fn from_headers(status: u16, len: usize, headers: &[httparse::Header]) -> Head {
        let value = |name: &str| {
            headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
        };
        // Common Crawl stores payloads decoded and renames the original
        // headers to X-Crawler-*; a renamed header means "already done".
        let already_decoded = |name: &str| value(&format!("X-Crawler-{name}")).is_some();
        let chunked = !already_decoded("Transfer-Encoding")
            && value("Transfer-Encoding")
                .is_some_and(|v| v.split(',').any(|c| c.trim().eq_ignore_ascii_case("chunked")));
        let content_encoding =
            value("Content-Encoding").filter(|_| !already_decoded("Content-Encoding")).map(|v| v.to_ascii_lowercase());
        // Some servers send Content-Type twice; the charset may be on either.
        let charset = headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case("Content-Type"))
            .find_map(|h| charset_from_content_type(&String::from_utf8_lossy(h.value)));
        Head { status, len, content_type: value("Content-Type"), charset, chunked, content_encoding }
    }
}

/// The payload of a `response` record whose block is an HTTP response.
pub fn http_response(block: &mut [u8], max_payload: usize) -> Payload {
    let head = match parse_head(block) {
        Ok(head) => head,
        Err((reason, detail)) => return Payload::Reject(reason, detail),
    };
    match head.status {
        200..=299 => {}
        300..=399 => return Payload::Skip(SkipReason::HttpRedirect),
        _ => return Payload::Skip(SkipReason::HttpError),
    }
    let media = media_kind(head.content_type.as_deref());
    if media == MediaKind::Other {
        return Payload::Skip(SkipReason::NotHtml);
    }
    let mut body_end = block.len();
    if head.chunked {
        match dechunk(&mut block[head.len..]) {
            Dechunked::Done(len) => body_end = head.len + len,
            Dechunked::NotChunked => {}
            Dechunked::Broken(detail) => return Payload::Reject(RejectReason::HttpBadChunked, detail),
        }
    }
    let raw = &block[head.len..body_end];
    let bytes = match decode_content(head.content_encoding.as_deref(), raw, max_payload) {
        Ok(bytes) => bytes,
        Err((reason, detail)) => return Payload::Reject(reason, detail),
    };
    html_payload(media, bytes, head.charset)
}

/// The payload of a record whose block is the document itself (`resource`,
/// or a `response` that is not HTTP), typed by the WARC Content-Type.
pub fn document(block: &[u8], content_type: Option<&str>) -> Payload {
    let media = media_kind(content_type);
    if media == MediaKind::Other {
        return Payload::Skip(SkipReason::NotHtml);
    }
    html_payload(media, block.to_vec(), content_type.and_then(charset_from_content_type))
}

fn html_payload(media: MediaKind, bytes: Vec<u8>, http_charset: Option<String>) -> Payload {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        Payload::Skip(SkipReason::EmptyPayload)
    } else if media == MediaKind::Unknown && !sniffs_as_html(&bytes) {
        Payload::Skip(SkipReason::NotHtml)
    } else {
        Payload::Html { bytes, http_charset }
    }
}

fn lenient_parser() -> httparse::ParserConfig {
    let mut config = httparse::ParserConfig::default();
    config
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true);
    config
}

fn parse_head(block: &[u8]) -> Result<Head, (RejectReason, String)> {
    let config = lenient_parser();
    let mut start = 0;
    for _ in 0..=MAX_INTERIM_HEADS {
        let rest = &block[start..];
        let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
        let mut response = httparse::Response::new(&mut headers);
        let (status, len) = match config.parse_response(&mut response, rest) {
            Ok(httparse::Status::Complete(len)) => (response.code.unwrap_or(0), len),
            Ok(httparse::Status::Partial) => return Err(unterminated_head(rest)),
            Err(_) if !rest.starts_with(b"HTTP/") => {
                return Err((
                    RejectReason::HttpMissingHead,
                    format!("expected an HTTP status line, found `{}`", preview(rest)),
                ))
            }
            Err(httparse::Error::Version) => match parse_other_version_head(&config, rest)? {
                (_, Some(head)) => return Ok(Head { len: start + head.len, ..head }),
                (len, None) => {
                    start += len;
                    continue;
                }
            },
            Err(e) => return Err((RejectReason::HttpBadHead, format!("{e} in HTTP head `{}`", preview(rest)))),
        };
        if is_interim(status) {
            start += len;
            continue;
        }
        return Ok(Head::from_headers(status, start + len, response.headers));
    }
    Err((RejectReason::HttpBadHead, format!("more than {MAX_INTERIM_HEADS} interim 1xx heads")))
}

/// A `1xx` head that another head follows (`101 Switching Protocols` ends the exchange).
fn is_interim(status: u16) -> bool {
    (100..200).contains(&status) && status != 101
}

/// A head of another version than HTTP/1.x (`HTTP/2 200`, which httparse
/// does not know), parsed as leniently: a copy of it with its version read
/// as `HTTP/1.1`. Returns the head's length in `rest`, and the head unless
/// it is an interim one.
fn parse_other_version_head(
    config: &httparse::ParserConfig,
    rest: &[u8],
) -> Result<(usize, Option<Head>), (RejectReason, String)> {
    const AS_HTTP_1: &[u8] = b"HTTP/1.1";
    let version_len = rest.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(rest.len());
    // The first empty line, CRLF or bare LF; the bare one is only looked for
    // before the CRLF one, not through the rest of an 8 MiB body.
    let crlf_end = memchr::memmem::find(rest, b"\n\r\n").map(|at| at + 3);
    let lf_end = memchr::memmem::find(&rest[..crlf_end.unwrap_or(rest.len())], b"\n\n").map(|at| at + 2);
    let head_end = lf_end.or(crlf_end).ok_or_else(|| unterminated_head(rest))?;
    let copy = [AS_HTTP_1, &rest[version_len..head_end]].concat();
    let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    match config.parse_response(&mut response, &copy) {
        Ok(httparse::Status::Complete(len)) => {
            let status = response.code.unwrap_or(0);
            let len = len + version_len - AS_HTTP_1.len();
            Ok((len, (!is_interim(status)).then(|| Head::from_headers(status, len, response.headers))))
        }
        Ok(httparse::Status::Partial) => Err(unterminated_head(rest)),
        Err(e) => Err((RejectReason::HttpBadHead, format!("{e} in HTTP head `{}`", preview(rest)))),
    }
}

fn unterminated_head(rest: &[u8]) -> (RejectReason, String) {
    (
        RejectReason::HttpBadHead,
        format!("HTTP head not ended by an empty line within the block's {} bytes: `{}`", rest.len(), preview(rest)),
    )
}

/// The first bytes of `bytes` as printable text, for reject details.
pub fn preview(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(60)];
    let mut text: String = String::from_utf8_lossy(shown).escape_debug().collect();
    if bytes.len() > shown.len() {
        text.push('…');
    }
    text
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum MediaKind {
    Html,
    /// No type or a type that says nothing: sniff the bytes.
    Unknown,
    Other,
}

fn media_kind(content_type: Option<&str>) -> MediaKind {
    let Some(content_type) = content_type else { return MediaKind::Unknown };
    let media = content_type.split(';').next().unwrap_or("").trim();
    let is = |name: &str| media.eq_ignore_ascii_case(name);
    if is("text/html") || is("application/xhtml+xml") {
        MediaKind::Html
    } else if media.is_empty()
        || is("application/octet-stream")
        || is("binary/octet-stream")
        || is("application/unknown")
        || is("unknown/unknown")
    {
        MediaKind::Unknown
    } else {
        MediaKind::Other
    }
}

/// Whether untyped bytes open like an HTML document, past leading comments
/// and an XML declaration.
fn sniffs_as_html(bytes: &[u8]) -> bool {
    let mut rest = skip_bom_and_space(&bytes[..bytes.len().min(SNIFF_WINDOW)]);
    loop {
        let close: &[u8] = if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<?") {
            b"?>"
        } else {
            break;
        };
        match rest.windows(close.len()).position(|w| w == close) {
            Some(i) => rest = skip_bom_and_space(&rest[i + close.len()..]),
            None => return false,
        }
    }
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|tag| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag))
}

#[derive(Debug, PartialEq, Eq)]
enum Dechunked {
    /// Decoded in place: the first `len` bytes are the payload.
    Done(usize),
    /// The body does not start with a chunk-size line: the header lied.
    NotChunked,
    Broken(String),
}

/// Decodes `Transfer-Encoding: chunked` in place, in one pass. A body cut
/// short inside a chunk keeps what arrived (truncated captures are common).
fn dechunk(body: &mut [u8]) -> Dechunked {
    let (mut read, mut write) = (0, 0);
    while read < body.len() {
        let (size_len, size) = match httparse::parse_chunk_size(&body[read..]) {
            Ok(httparse::Status::Complete(parsed)) => parsed,
            Ok(httparse::Status::Partial) if read > 0 => return Dechunked::Done(write),
            _ if read == 0 => return Dechunked::NotChunked,
            _ => {
                return Dechunked::Broken(format!(
                    "expected a chunk-size line at body byte {read}, found `{}`",
                    preview(&body[read..])
                ))
            }
        };
        read += size_len;
        if size == 0 {
            return Dechunked::Done(write);
        }
        let available = body.len() - read;
        let take = usize::try_from(size).map_or(available, |size| size.min(available));
        body.copy_within(read..read + take, write);
        read += take;
        write += take;
        let rest = &body[read..];
        if rest.starts_with(b"\r\n") {
            read += 2;
        } else if rest.starts_with(b"\n") {
            read += 1;
        } else if !rest.is_empty() {
            return Dechunked::Broken(format!(
                "chunk of {size} bytes not followed by CRLF at body byte {read}: `{}`",
                preview(rest)
            ));
        }
    }
    Dechunked::Done(write)
}

/// Undoes the Content-Encoding. A body that fails to decode but opens with
/// markup was stored decoded under a stale header: it is kept as is.
fn decode_content(encoding: Option<&str>, raw: &[u8], max_payload: usize) -> Result<Vec<u8>, (RejectReason, String)> {
    let decoded = match encoding.unwrap_or("identity") {
        _ if raw.is_empty() => return Ok(Vec::new()),
        "identity" | "" => return Ok(raw.to_vec()),
        "gzip" | "x-gzip" => inflate(MultiGzDecoder::new(raw), raw.len(), max_payload),
        "deflate" => inflate(ZlibDecoder::new(raw), raw.len(), max_payload)
            .or_else(|_| inflate(DeflateDecoder::new(raw), raw.len(), max_payload)),
        other => Err(format!("unsupported Content-Encoding `{other}`")),
    };
    match decoded {
        Ok(bytes) if bytes.len() > max_payload => {
            Err((RejectReason::PayloadTooLarge, format!("payload decodes to more than {max_payload} bytes")))
        }
        Ok(bytes) => Ok(bytes),
        Err(_) if skip_bom_and_space(raw).starts_with(b"<") => Ok(raw.to_vec()),
        Err(problem) => Err((
            RejectReason::HttpBadContentEncoding,
            format!("{problem}; the {} raw bytes start `{}`", raw.len(), preview(raw)),
        )),
    }
}

/// Reads a decoder to the end, stopping one byte past `max_payload`.
fn inflate(decoder: impl Read, raw_len: usize, max_payload: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(raw_len.saturating_mul(4).min(max_payload));
    decoder
        .take(max_payload as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("Content-Encoding does not decode: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunk_joins_chunks_in_place_and_keeps_a_truncated_tail() {
        let mut body = b"4\r\n<htm\r\n3;name=v\r\nl><\r\n0\r\n\r\n".to_vec();
        assert_eq!(dechunk(&mut body), Dechunked::Done(7));
        assert_eq!(&body[..7], b"<html><");

        let mut cut = b"4\r\n<htm\r\na\r\nl><bo".to_vec();
        assert_eq!(dechunk(&mut cut), Dechunked::Done(9));
        assert_eq!(&cut[..9], b"<html><bo");

        assert_eq!(dechunk(&mut b"<html>".to_vec()), Dechunked::NotChunked);
        assert!(
            matches!(dechunk(&mut b"2\r\nabXY".to_vec()), Dechunked::Broken(d) if d.contains("not followed by CRLF"))
        );
    }

    #[test]
    fn sniffing_needs_a_document_tag_past_comments_and_xml_declarations() {
        assert!(sniffs_as_html(b"\xEF\xBB\xBF  <!DOCTYPE HTML><html>"));
        assert!(sniffs_as_html(b"<?xml version=\"1.0\"?>\n<!-- generated -->\n<html xmlns=\"x\">"));
        assert!(sniffs_as_html(b"<HEAD><title>t</title>"));
        assert!(!sniffs_as_html(b"User-agent: *\nDisallow: /"));
        assert!(!sniffs_as_html(b"{\"html\": \"<html>\"}"));
        assert!(!sniffs_as_html(b"<!-- never closed <html>"));
    }

    #[test]
    fn media_types_are_matched_without_parameters_or_case() {
        assert_eq!(media_kind(Some("TEXT/HTML; charset=utf-8")), MediaKind::Html);
        assert_eq!(media_kind(Some("application/xhtml+xml")), MediaKind::Html);
        assert_eq!(media_kind(Some("application/octet-stream")), MediaKind::Unknown);
        assert_eq!(media_kind(None), MediaKind::Unknown);
        assert_eq!(media_kind(Some("application/json")), MediaKind::Other);
    }

    #[test]
    fn content_decoding_covers_deflate_variants_and_reports_real_damage() {
        use flate2::{write::DeflateEncoder, write::ZlibEncoder, Compression};
        use std::io::Write;
        let page = b"<p>Le conseil a vot\xc3\xa9.</p>";
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::fast());
        zlib.write_all(page).unwrap();
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::fast());
        raw.write_all(page).unwrap();
        for body in [zlib.finish().unwrap(), raw.finish().unwrap()] {
            assert_eq!(decode_content(Some("deflate"), &body, 1000).unwrap(), page);
        }
        let damaged = decode_content(Some("gzip"), b"\x1f\x8b\x08\x00garbage", 1000).unwrap_err();
        assert_eq!(damaged.0, RejectReason::HttpBadContentEncoding);
        assert_eq!(decode_content(Some("br"), b"  <html>", 1000).unwrap(), b"  <html>");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&[b' '; 5000]).unwrap();
        assert_eq!(
            decode_content(Some("gzip"), &gz.finish().unwrap(), 1000).unwrap_err().0,
            RejectReason::PayloadTooLarge
        );
    }

    #[test]
    fn http2_heads_are_read_as_leniently_as_http1_ones() {
        // A space before a colon, a folded line and a header without a colon.
        let lenient =
            "200 OK\r\nContent-Type : text/html; charset=utf-8\r\nX-Folded: a\r\n b\r\nbroken header\r\n\r\n<html>";
        for version in ["HTTP/1.1", "HTTP/2", "HTTP/2.0", "HTTP/3"] {
            let block = format!("{version} {lenient}");
            let head = parse_head(block.as_bytes()).unwrap_or_else(|e| panic!("{version}: {e:?}"));
            assert_eq!((head.status, &block.as_bytes()[head.len..]), (200, &b"<html>"[..]), "{version}");
            assert_eq!(head.charset.as_deref(), Some("utf-8"), "{version}");
        }
        let block = b"HTTP/2 103\r\nLink: </a.css>\r\n\r\nHTTP/2 404\ncontent-type: text/html\n\n<html>";
        let head = parse_head(block).unwrap();
        assert_eq!((head.status, &block[head.len..]), (404, &b"<html>"[..]));
        assert!(matches!(
            parse_head(b"HTTP/2 200\r\ncontent-type: text/html\r\n"),
            Err((RejectReason::HttpBadHead, _))
        ));
    }

    #[test]
    fn interim_continue_head_is_passed_over() {
        let block = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>";
        let head = parse_head(block).unwrap();
        assert_eq!((head.status, &block[head.len..]), (200, &b"<html>"[..]));
    }
}
