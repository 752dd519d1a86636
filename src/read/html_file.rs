//! Single-page files: `.html`, `.htm`, `.xhtml` (optionally gzip-compressed).

use super::{read_whole, Body, EventStream, ReadEvent, Record};
use std::io::BufRead;
use std::sync::Arc;

/// One event for the whole file: the page, or a reject when it cannot be read.
pub fn read(source: Arc<str>, input: Box<dyn BufRead + Send>) -> EventStream {
    let event = match read_whole(&source, input) {
        Ok(bytes) => ReadEvent::Record(Record {
            source,
            record_offset: None,
            record_id: None,
            url: None,
            fetched_at: None,
            body: Body::Html { bytes, http_charset: None },
        }),
        Err(reject) => ReadEvent::Rejected(reject),
    };
    Box::new(std::iter::once(event))
}
