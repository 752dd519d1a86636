//! Input discovery and format detection.
//!
//! Inside a folder (walked by [`super::inputs`]), only files that look like inputs are taken: known
//! extensions (`.warc`, `.html`, `.htm`, `.xhtml`, `.jsonl`, `.txt`, each
//! optionally `.gz`), or any file whose content starts like a WARC. A file
//! named on the command line is always read. The format is then decided by
//! content: gzip is looked through, a `WARC/` version line means WARC, JSON
//! object lines mean JSONL, markup means HTML; the extension only settles
//! what content cannot (plain text versus HTML without tags).
//!
//! An `s3://bucket/prefix` input is a folder of objects: those under the
//! prefix are listed in name order and filtered the same way; an
//! `s3://bucket/key` naming one object is always read (see [`crate::storage::s3`]).

use super::warc::{Pool, WarcReader};
use super::{jsonl, single, EventStream, ReadEvent, Reject};
use crate::reason::RejectReason;
use crate::storage;
use flate2::read::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Warc,
    Html,
    Jsonl,
    Text,
    /// Not a format newsmill reads (binary, ARC, empty): the file becomes one reject.
    Unsupported,
}

/// How many leading (decompressed) bytes the detector looks at.
const SNIFF_BYTES: usize = 8 * 1024;
/// How many leading raw bytes are read to find them (through gzip, if need be).
const RAW_SNIFF_BYTES: usize = 64 * 1024;

const INPUT_EXTENSIONS: &[&str] = &["warc", "html", "htm", "xhtml", "jsonl", "txt"];

/// Whether a file found in a folder is an input: a known extension, or
/// WARC content.
pub(crate) fn looks_like_input(path: &Path) -> bool {
    let name = input_name(path);
    if name.starts_with('.') {
        return false;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    if ext.is_some_and(|e| INPUT_EXTENSIONS.contains(&e)) {
        return true;
    }
    // Crawlers name WARCs freely (`.warc.gz.open`, `-00001`): trust the content.
    matches!(sniff_path(path), Ok(Ok(InputKind::Warc)))
}

/// A file's name as its kind is told from it: lower-cased, without `.gz`,
/// and read lossily, so a name that is not UTF-8 keeps its extension.
fn input_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.strip_suffix(".gz").map(str::to_string).unwrap_or(name)
}

/// Reads the start of an input (through gzip) and decides its kind; an
/// unsupported input is the reason it is rejected.
pub fn sniff_path(path: &Path) -> io::Result<Result<InputKind, RejectReason>> {
    let mut head = Vec::with_capacity(RAW_SNIFF_BYTES);
    storage::open(path)?.take(RAW_SNIFF_BYTES as u64).read_to_end(&mut head)?;
    Ok(sniff(&head, path))
}

/// Decides an input's kind from its first raw bytes.
fn sniff(raw_head: &[u8], path: &Path) -> Result<InputKind, RejectReason> {
    let gzip = raw_head.starts_with(&[0x1f, 0x8b]);
    if !gzip {
        return classify(&raw_head[..raw_head.len().min(SNIFF_BYTES)], path, false);
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    // A truncated gzip still shows its first bytes; the reader reports the damage later.
    let _ = MultiGzDecoder::new(raw_head).take(SNIFF_BYTES as u64).read_to_end(&mut head);
    classify(&head, path, true)
}

fn classify(head: &[u8], path: &Path, gzip: bool) -> Result<InputKind, RejectReason> {
    if head.is_empty() {
        return Err(if gzip { RejectReason::GzipWithoutContent } else { RejectReason::EmptyFile });
    }
    let trimmed = super::skip_bom_and_space(head);
    if trimmed.starts_with(b"WARC/") {
        return Ok(InputKind::Warc);
    }
    if trimmed.starts_with(b"filedesc://") {
        return Err(RejectReason::ArcFormat);
    }
    // Before the binary check: a torn write leaves NUL bytes after good lines.
    if first_line_is_json_object(trimmed) {
        return Ok(InputKind::Jsonl);
    }
    if is_binary(head) {
        return Err(RejectReason::BinaryContent);
    }
    let name = input_name(path);
    if trimmed.starts_with(b"{") && name.ends_with(".jsonl") {
        return Ok(InputKind::Jsonl);
    }
    if name.ends_with(".txt") {
        return Ok(InputKind::Text);
    }
    if looks_like_markup(trimmed) || [".html", ".htm", ".xhtml"].iter().any(|e| name.ends_with(e)) {
        return Ok(InputKind::Html);
    }
    Ok(InputKind::Text)
}

/// Magic numbers of the binary formats crawls are full of.
const BINARY_MAGIC: &[&[u8]] = &[
    b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x00\x00\x01\x00", b"RIFF", b"\x1f\x8b", b"wOFF",
    b"wOF2",
];

/// Whether the first bytes of a page are binary data rather than text: a known
/// binary magic number, or more NUL and control bytes than stray ones in real
/// text (a page with one NUL byte is still a page). UTF-16 with a BOM is text.
pub fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    if BINARY_MAGIC.iter().any(|magic| head.starts_with(magic)) {
        return true;
    }
    let (mut nul, mut controls) = (0, 0);
    // Counted in u8 over chunks of 255 bytes, which the compiler turns into
    // sixteen bytes an instruction (a usize count went a byte at a time).
    for chunk in head.chunks(u8::MAX as usize) {
        let (mut n, mut c) = (0u8, 0u8);
        for &b in chunk {
            n = n.wrapping_add(u8::from(b == 0));
            c = c.wrapping_add(u8::from(b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)));
        }
        (nul, controls) = (nul + usize::from(n), controls + usize::from(c));
    }
    nul * 100 > head.len() || (nul + controls) * 20 > head.len()
}

fn looks_like_markup(head: &[u8]) -> bool {
    let lower = head.get(..2048).unwrap_or(head).to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<div",
        b"<p>",
        b"<article",
        b"<?xml",
        b"<!--",
    ]
    .iter()
    .any(|tag| memchr::memmem::find(&lower, tag).is_some())
}

/// Whether the first line is a JSON object, or the start of one that runs
/// past the sniffed bytes (a JSONL line can be longer than they are).
fn first_line_is_json_object(head: &[u8]) -> bool {
    if !head.starts_with(b"{") {
        return false;
    }
    let (line, whole) = match memchr::memchr(b'\n', head) {
        Some(end) => (&head[..end], true),
        None => (head, false),
    };
    match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
        Ok(_) => true,
        Err(e) => !whole && e.is_eof(),
    }
}

/// Opens an input and returns its kind and the stream of its records. Files
/// that cannot be read or are not a supported format become a single reject.
pub fn open_input(path: &Path, source: Arc<str>, counter: Arc<ByteCounter>) -> (InputKind, EventStream) {
    open_input_inflating_on(path, source, counter, None)
}

/// [`open_input`], with the gzip members of a per-record gzip WARC inflated
/// ahead on `pool` when given.
pub fn open_input_inflating_on(
    path: &Path,
    source: Arc<str>,
    counter: Arc<ByteCounter>,
    pool: Option<Pool>,
) -> (InputKind, EventStream) {
    let reject = |reason: RejectReason, detail: String| -> EventStream {
        Box::new(std::iter::once(ReadEvent::Rejected(Reject {
            source: source.clone(),
            record_offset: None,
            reason,
            detail,
        })))
    };
    let mut raw = match storage::open(path) {
        Ok(raw) => raw,
        Err(e) => {
            return (
                InputKind::Unsupported,
                reject(RejectReason::UnreadableFile, format!("cannot open {}: {e}", path.display())),
            )
        }
    };
    // The head read to sniff the kind is read again by the reader, from memory:
    // one pass over the input, which a stream from object storage needs.
    let mut head = Vec::with_capacity(RAW_SNIFF_BYTES);
    if let Err(e) = (&mut raw).take(RAW_SNIFF_BYTES as u64).read_to_end(&mut head) {
        return (
            InputKind::Unsupported,
            reject(RejectReason::UnreadableFile, format!("cannot read {}: {e}", path.display())),
        );
    }
    let kind = match sniff(&head, path) {
        Ok(kind) => kind,
        Err(why) => return (InputKind::Unsupported, reject(why, unsupported_detail(why))),
    };
    let raw: Box<dyn Read + Send> = Box::new(CountingReader { inner: io::Cursor::new(head).chain(raw), counter });
    let stream: EventStream = match kind {
        InputKind::Warc => {
            let reader = WarcReader::new(source, raw);
            Box::new(match pool {
                Some(pool) => reader.inflating_on(pool),
                None => reader,
            })
        }
        InputKind::Html => single::read(source, maybe_gunzip(raw), single::html_body),
        InputKind::Jsonl => Box::new(jsonl::JsonlReader::new(source, maybe_gunzip(raw))),
        InputKind::Text => single::read(source, maybe_gunzip(raw), single::text_body),
        InputKind::Unsupported => unreachable!("sniffing gives a reject reason for unsupported inputs"),
    };
    (kind, stream)
}

fn unsupported_detail(why: RejectReason) -> String {
    match why {
        RejectReason::EmptyFile => "the file is empty (0 bytes)".into(),
        RejectReason::GzipWithoutContent => {
            "the gzip stream holds no data (empty or broken before its first byte)".into()
        }
        RejectReason::ArcFormat => {
            "this is an ARC file (the format before WARC); newsmill reads WARC 0.18/1.0/1.1 only".into()
        }
        RejectReason::BinaryContent => {
            "the file holds binary data (NUL or control bytes), not text, HTML, JSONL or WARC".into()
        }
        other => other.meaning().to_string(),
    }
}

/// Looks through gzip when the stream starts with its magic bytes.
fn maybe_gunzip(raw: Box<dyn Read + Send>) -> Box<dyn BufRead + Send> {
    let mut buffered = BufReader::with_capacity(64 * 1024, raw);
    let gzip = matches!(buffered.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
    if gzip {
        Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    }
}

/// Counts bytes read from disk or object storage, for progress across all inputs.
#[derive(Debug, Default)]
pub struct ByteCounter(std::sync::atomic::AtomicU64);

impl ByteCounter {
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

struct CountingReader<R> {
    inner: R,
    counter: Arc<ByteCounter>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.0.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(head: &[u8], name: &str) -> InputKind {
        classify(head, Path::new(name), false).unwrap_or(InputKind::Unsupported)
    }

    #[test]
    fn a_name_that_is_not_utf8_keeps_its_extension() {
        use std::os::unix::ffi::OsStrExt;
        let name = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.HTML.gz"));
        assert_eq!(classify(b"plain words, no tags", name, true), Ok(InputKind::Html));
        assert!(looks_like_input(name));
    }

    #[test]
    fn content_decides_over_extension() {
        assert_eq!(kind(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "dump.bin"), InputKind::Warc);
        assert_eq!(kind(b"{\"id\": 1, \"text\": \"x\"}\n", "export.data"), InputKind::Jsonl);
        assert_eq!(kind(b"<!DOCTYPE html><html><p>x", "page"), InputKind::Html);
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "photo.html"), InputKind::Unsupported);
        assert_eq!(kind(b"filedesc://IA-001.arc 0.0.0.0 2008", "old.arc"), InputKind::Unsupported);
    }

    #[test]
    fn json_lines_are_known_by_their_first_line_even_torn_or_longer_than_the_sniff() {
        // A torn write: good lines, then NUL bytes to the end.
        let torn = [&b"{\"id\": 1, \"text\": \"x\"}\n"[..], &[0; 4000]].concat();
        assert!(is_binary(&torn));
        assert_eq!(kind(&torn, "export.data"), InputKind::Jsonl);
        // A first line longer than the sniffed bytes.
        let long = format!("{{\"id\": 1, \"text\": \"{}", "word ".repeat(SNIFF_BYTES));
        assert_eq!(kind(&long.as_bytes()[..SNIFF_BYTES], "export.data"), InputKind::Jsonl);
        // Not JSON, or JSON that is not an object, or broken within the line.
        assert_eq!(kind(b"{Intro} the council voted.\n", "notes"), InputKind::Text);
        assert_eq!(kind(b"[1, 2]\n", "list"), InputKind::Text);
        assert_eq!(kind(b"{\"id\": 1, \"text\": \"x\"\n", "cut"), InputKind::Text);
    }

    #[test]
    fn a_stray_nul_does_not_make_a_page_binary() {
        let mut page = b"<html><body><p>".to_vec();
        page.extend_from_slice(&b"Some article text. ".repeat(20));
        page.push(0);
        assert!(!is_binary(&page));
        assert!(is_binary(b"\x89PNG\r\n\x1a\n"));
        assert!(is_binary(b"\0\0\0\x18ftypmp42\0\0\0\0"));
        // Control bytes: text keeps tabs, line and page breaks and ANSI escapes.
        assert!(!is_binary(b"<p>a\tb\r\nc\x0cd\x1b[1me</p>\n\n\t\t\r\n\x0c\x1b"));
        assert!(is_binary(b"<p>some text \x01\x02\x03\x7f \x10\x11\x1f and more words here</p>"));
        assert!(!is_binary(b"<p>some text \x01 and a few more words of an article here, long enough</p>"));
    }

    #[test]
    fn extension_settles_plain_text() {
        assert_eq!(kind(b"Accessibility links\n\nBreaking News\n", "page.txt"), InputKind::Text);
        assert_eq!(kind(b"Just words, no tags.", "page.html"), InputKind::Html);
    }

    #[test]
    fn sniffing_looks_through_gzip_even_when_cut_short() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n").unwrap();
        let bytes = gz.finish().unwrap();
        // The head of a large object ends mid-stream: the first bytes still decide.
        assert_eq!(sniff(&bytes[..bytes.len() - 4], Path::new("crawl-00001")), Ok(InputKind::Warc));
        assert_eq!(sniff(b"<html><p>x", Path::new("page")), Ok(InputKind::Html));
    }

    #[test]
    fn folder_walk_takes_inputs_only() {
        assert!(looks_like_input(Path::new("a/b/page.html.gz")));
        assert!(looks_like_input(Path::new("a/CC-MAIN-1.warc.gz")));
        assert!(!looks_like_input(Path::new("a/README.md")));
        assert!(!looks_like_input(Path::new("a/.hidden.html")));
    }
}
