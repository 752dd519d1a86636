//! Single-record files: one HTML page (`.html`, `.htm`, `.xhtml`) or one
//! page's scraped text (`.txt`), optionally gzip-compressed.

use super::{read_whole, Body, EventStream, ReadEvent, Record};
use std::io::BufRead;
use std::sync::Arc;

/// One event for the whole file: the record whose body `make_body` builds
/// from the file's bytes, or a reject when the file cannot be read.
pub fn read(source: Arc<str>, input: Box<dyn BufRead + Send>, make_body: fn(Vec<u8>) -> Body) -> EventStream {
    let event = match read_whole(&source, input) {
        Ok(bytes) => ReadEvent::Record(Record {
            source,
            record_offset: None,
            record_id: None,
            url: None,
            fetched_at: None,
            body: make_body(bytes),
        }),
        Err(reject) => ReadEvent::Rejected(reject),
    };
    Box::new(std::iter::once(event))
}

/// A page of HTML; its charset comes from the page itself.
pub fn html_body(bytes: Vec<u8>) -> Body {
    Body::Html { bytes, http_charset: None }
}

/// A page's text as a scraper saved it.
pub fn text_body(bytes: Vec<u8>) -> Body {
    Body::ScrapedText { bytes }
}
