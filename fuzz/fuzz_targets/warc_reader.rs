//! The WARC reader over arbitrary bytes (plain, gzip per record or whole):
//! every record gives one event, none panics, offsets stay in the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmill::read::{warc::WarcReader, ReadEvent};
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let reader = WarcReader::new(Arc::from("fuzz.warc"), Box::new(std::io::Cursor::new(data.to_vec())));
    for event in reader {
        let offset = match &event {
            ReadEvent::Record(r) => r.record_offset,
            ReadEvent::Skipped(s) => s.record_offset,
            ReadEvent::Rejected(r) => {
                assert!(!r.detail.is_empty(), "{r:?}");
                r.record_offset
            }
        };
        assert!(offset.is_some_and(|o| o >= 0), "{event:?}");
    }
});
