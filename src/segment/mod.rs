//! Transforms: from an [`Article`](crate::extract::Article) (or a given text)
//! to rows: the document text, its paragraphs and its quotes, with offsets in
//! Unicode code points into the document text.
//!
//! - [`paragraphs`]: joins blocks into the document text (blank line between
//!   blocks) or splits a given text into paragraphs, recording each span.
//! - [`quotes`]: the [`quotes::QuoteSegmenter`]: direct quotes and who said them.

pub mod paragraphs;
pub mod quotes;

use crate::extract::BlockKind;

/// A paragraph's place in the document text. `char_*` are code-point offsets
/// (what the tables carry), `byte_*` the same span in UTF-8 bytes (what Rust
/// slicing needs). Ends are exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParagraphSpan {
    pub kind: BlockKind,
    pub char_start: usize,
    pub char_end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// What a quote row is: speech between quote marks, or a blockquote
/// paragraph without marks (an excerpt of a statement or post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    Direct,
    Blockquote,
}

impl QuoteKind {
    /// The value of the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Blockquote => "blockquote",
        }
    }
}

/// One quote. Offsets are code points into the document text; the quote
/// span excludes the quote marks themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Index into the document's paragraphs of the paragraph holding the quote start.
    pub paragraph_index: usize,
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
    pub kind: QuoteKind,
    /// The speaker as written in the attribution ("he", "Aziz", "U.S.
    /// Secretary of State John Kerry").
    pub speaker: Option<String>,
    /// The speaker resolved to a full name ("John Kerry", "Sartaj Aziz"), or
    /// a nominal speaker as written ("a State Department spokesman").
    pub speaker_name: Option<String>,
    /// The title or role written with the name ("U.S. Secretary of State").
    pub speaker_role: Option<String>,
    /// Span of `speaker` in the document text; `None` when inherited/unknown.
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// The speech verb as written ("said", "says", "told", "according to").
    pub verb: Option<String>,
    /// The verb's base form ("say", "tell", "according to").
    pub verb_lemma: Option<String>,
}

/// A document ready to be written: one `documents` row with its paragraph and
/// quote rows.
#[derive(Debug, Clone)]
pub struct Document {
    pub doc_id: String,
    pub source: std::sync::Arc<str>,
    pub record_offset: Option<i64>,
    pub record_id: Option<String>,
    pub url: Option<String>,
    /// Microseconds since the Unix epoch, UTC.
    pub fetched_at: Option<i64>,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Microseconds since the Unix epoch, UTC.
    pub published_at: Option<i64>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub text: String,
    /// [`count_words`] of the text, counted by the worker, not the writer.
    pub n_words: usize,
    pub paragraphs: Vec<ParagraphSpan>,
    pub quotes: Vec<Quote>,
    /// MinHash signature of the text, for near-duplicate detection; `None`
    /// for texts too short to compare.
    pub signature: Option<crate::dedup::Signature>,
    /// The earlier document this one is a near-copy of (set by the writer).
    pub dup_of: Option<String>,
}

/// What [`count_words`] tells apart in a byte of ASCII.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALPHANUMERIC: u8 = 2;

/// The class of each ASCII byte: white space as `char::is_whitespace` has it
/// (space and \t \n \x0B \x0C \r), letters and digits, the rest.
const ASCII_CLASS: [u8; 128] = {
    let mut classes = [OTHER; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        if b == b' ' || (b >= b'\t' && b <= b'\r') {
            classes[byte] = SPACE;
        } else if b.is_ascii_alphanumeric() {
            classes[byte] = ALPHANUMERIC;
        }
        byte += 1;
    }
    classes
};

/// Words of a text: whitespace-separated tokens holding a letter or digit.
/// One pass over the bytes with a table for ASCII, decoding only the other
/// chars: this runs over every document's whole text.
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    // Whether the current token already has a letter or digit (and is counted).
    let mut counted = false;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        let class = match ASCII_CLASS.get(usize::from(byte)) {
            Some(&class) => class,
            // A continuation byte: its char was classed at its lead byte.
            None if byte < 0xC0 => continue,
            None => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if c.is_whitespace() => SPACE,
                Some(c) if c.is_alphanumeric() => ALPHANUMERIC,
                _ => OTHER,
            },
        };
        words += usize::from(class == ALPHANUMERIC && !counted);
        counted = class == ALPHANUMERIC || (counted && class != SPACE);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_hold_a_letter_or_digit_between_any_white_space() {
        let text = "«Ça va», dit-il —\u{a0}le 3\u{2009}mai… ‹›\n\n“ ” U.S.\x0bKerry\u{3000}東京 -- 42%";
        assert_eq!(count_words(text), 10);
        // The definition, the slow way.
        assert_eq!(count_words(text), text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count());
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words(" \t\r\n "), 0);
    }
}
