//! `.txt` files: the text of one page as a scraper saved it.

use super::{read_whole, Body, EventStream, ReadEvent, Record};
use std::io::BufRead;
use std::sync::Arc;

/// One event for the whole file: the text, or a reject when it cannot be read.
pub fn read(source: Arc<str>, input: Box<dyn BufRead + Send>) -> EventStream {
    let event = match read_whole(&source, input) {
        Ok(bytes) => ReadEvent::Record(Record {
            source,
            record_offset: None,
            record_id: None,
            url: None,
            fetched_at: None,
            body: Body::ScrapedText { bytes },
        }),
        Err(reject) => ReadEvent::Rejected(reject),
    };
    Box::new(std::iter::once(event))
}
