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

/// Words of a text: whitespace-separated tokens holding a letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}
