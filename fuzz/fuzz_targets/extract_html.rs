//! The HTML extractor (parse, chrome removal, scoring, metadata) on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmill::extract::html::extract_html;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let article = extract_html(&html, Some("https://news.example/2024/01/story.html"));
    for block in &article.blocks {
        assert!(!block.text.trim().is_empty(), "{block:?}");
    }
});
