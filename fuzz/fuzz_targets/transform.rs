//! One record through decode → limits → extract → segment, as the pipeline
//! runs it; the first byte picks the kind of body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmill::pipeline::transform::Transformer;
use newsmill::read::{Body, Record};
use newsmill::write::Outcome;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let body = match kind % 3 {
        0 => Body::Html { bytes: bytes.to_vec(), http_charset: None },
        1 => Body::ScrapedText { bytes: bytes.to_vec() },
        _ => Body::Text { text: String::from_utf8_lossy(bytes).into_owned(), title: None, input_metadata: None },
    };
    let record = Record {
        source: "fuzz".into(),
        record_offset: Some(0),
        record_id: None,
        url: Some("https://news.example/story".into()),
        fetched_at: Some("2024-01-01T00:00:00Z".into()),
        body,
    };
    match Transformer::default().process(record) {
        Outcome::Document(doc) => {
            let chars = doc.text.chars().count();
            for p in &doc.paragraphs {
                let span = doc.text.get(p.byte_start..p.byte_end).unwrap_or_else(|| panic!("paragraph off char boundaries: {p:?}"));
                assert_eq!(doc.text[..p.byte_start].chars().count(), p.char_start, "{p:?}");
                assert_eq!(span.chars().count(), p.char_end - p.char_start, "{p:?}");
            }
            for q in &doc.quotes {
                assert!(q.char_start <= q.char_end && q.char_end <= chars, "{q:?}");
                assert!(q.paragraph_index < doc.paragraphs.len(), "{q:?}");
                if let (Some(start), Some(end)) = (q.speaker_start, q.speaker_end) {
                    assert!(start <= end && end <= chars, "{q:?}");
                }
            }
        }
        Outcome::Rejected(r) => assert!(!r.detail.is_empty(), "{r:?}"),
        Outcome::Skipped(_) => {}
    }
});
