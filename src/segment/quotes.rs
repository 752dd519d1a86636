//! Direct quotes and their speakers.

use super::{ParagraphSpan, Quote};

/// Finds direct quotes in a document and attributes them to speakers.
#[derive(Debug, Default)]
pub struct QuoteSegmenter;

impl QuoteSegmenter {
    /// Quotes of `text`, whose paragraphs are `paragraphs`, in document order.
    pub fn segment(&self, _text: &str, _paragraphs: &[ParagraphSpan]) -> Vec<Quote> {
        Vec::new()
    }
}
