//! Transforms: from an [`Article`](crate::extract::Article) (or a given text)
//! to rows: the document text, its paragraphs and its quotes, with offsets in
//! Unicode code points into the document text.
//!
//! - [`paragraphs`]: joins blocks into the document text (blank line between
//!   blocks) or splits a given text into paragraphs, recording each span.
//! - [`quotes`]: the [`quotes::QuoteSegmenter`]: direct quotes and who said
//!   them, and the people of the document.
//! - [`people`]: the people pass: who the text names, and whom a speaker
//!   mention names.
//! - [`tokens`], [`verbs`]: words and speech verbs, shared by both.

pub mod paragraphs;
mod people;
pub mod quotes;
mod tokens;
mod verbs;
mod wordset;

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

/// What a quote row is: a whole quotation between quote marks, a fragment
/// of speech between marks inside the writer's sentence, or a blockquote
/// paragraph without marks (an excerpt of a statement or post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// One or more sentences of speech in marks (`"We are ready," she said`).
    Direct,
    /// Speech quoted inside the writer's sentence (`called it "a defeat"`).
    Partial,
    Blockquote,
}

impl QuoteKind {
    /// The value of the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
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
    /// Index into the document's [`Person`]s of the speaker; `None` for
    /// organisations, unnamed descriptions and unknown speakers.
    pub person_index: Option<usize>,
}

/// A gender the text gives a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

impl Gender {
    /// The value of the `gender` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
        }
    }
}

/// One person of the story: named in the text, quoted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The fullest name the document gives them, without title ("John Kerry").
    pub name: String,
    /// The title or role the text gives them ("U.S. Secretary of State").
    pub role: Option<String>,
    /// Only from the text's own pronouns, honorifics and gendered titles or
    /// nouns; never from the first name.
    pub gender: Option<Gender>,
    /// Mentions resolved to them: names, surnames, pronouns, descriptions.
    pub n_mentions: usize,
    /// Quotes whose `person_index` is them.
    pub n_quotes: usize,
    /// Their first mention by name, code points into the text.
    pub char_start: usize,
    pub char_end: usize,
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
    /// In order of first mention; `Quote::person_index` points here.
    pub people: Vec<Person>,
    /// MinHash signature of the text, for near-duplicate detection; `None`
    /// for texts too short to compare.
    pub signature: Option<crate::dedup::Signature>,
    /// The earlier document this one is a near-copy of (set by the writer).
    pub dup_of: Option<String>,
    /// The publication's calendar day as the publisher wrote it.
    pub published_date: Option<chrono::NaiveDate>,
    /// Description, tags, image, type, host, crawled URL, language details.
    pub details: crate::extract::metadata::Details,
    /// A JSONL line's fields newsmill does not read, as one JSON object.
    pub input_metadata: Option<String>,
}

/// What a byte tells [`count_words`]: [`SPACE`], [`ALNUM`] (an ASCII letter
/// or digit), [`DECODE`] (a non-ASCII lead byte) or nothing (punctuation, a
/// continuation byte).
const BYTE_CLASS: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        classes[i] = if b == b' ' || (b >= b'\t' && b <= b'\r') {
            SPACE
        } else if b.is_ascii_alphanumeric() {
            ALNUM
        } else if b >= 0xC0 {
            DECODE
        } else {
            0
        };
        i += 1;
    }
    classes
};
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const DECODE: u8 = 4;

/// The class of the non-ASCII char starting at byte `at`; out of the loop
/// as most text is ASCII.
#[cold]
fn decoded_class(text: &str, at: usize) -> u8 {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_whitespace() => SPACE,
        Some(c) if c.is_alphanumeric() => ALNUM,
        _ => 0,
    }
}

/// Words of a text: whitespace-separated tokens holding a letter or digit,
/// each counted at its first. This runs over every document's whole text:
/// one table lookup per byte, decoding only non-ASCII chars, and the state
/// carried from byte to byte is one flag in a register (a table indexed by
/// the state made each byte wait for the previous one's load).
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    // Whether the last space or letter met was a space (the start counts as one).
    let mut after_space = true;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        let mut class = BYTE_CLASS[usize::from(byte)];
        if class == DECODE {
            class = decoded_class(text, at);
        }
        let (space, alnum) = (class & SPACE != 0, class & ALNUM != 0);
        words += usize::from(alnum & after_space);
        after_space = space | (after_space & !alnum);
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
