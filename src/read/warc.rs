//! WARC reader.

use super::ReadEvent;
use std::io::Read;
use std::sync::Arc;

/// Reads WARC records from the raw bytes of a WARC file (plain, per-record
/// gzip or whole-file gzip) and yields one [`ReadEvent`] per record.
pub struct WarcReader {
    _source: Arc<str>,
    _input: Box<dyn Read + Send>,
}

impl WarcReader {
    pub fn new(source: Arc<str>, input: Box<dyn Read + Send>) -> Self {
        WarcReader { _source: source, _input: input }
    }
}

impl Iterator for WarcReader {
    type Item = ReadEvent;
    fn next(&mut self) -> Option<ReadEvent> {
        None
    }
}
