//! Transforms: from a decoded page to an [`Article`]: the reading-order
//! blocks of the article body plus its metadata, with page chrome removed.
//!
//! - [`html`]: HTML pages (content scoring over the DOM).
//! - [`attribute`]: element attributes read by interned names.
//! - [`metadata`]: title, byline, dates, site name, canonical URL, language
//!   from meta tags, JSON-LD and the DOM.
//! - [`text_page`]: text a scraper saved from a page (`.txt`), whose chrome
//!   lines are dropped by the [`text_page::ChromeFilter`].
//! - [`language`]: the language of a text when the markup does not say.
//! - [`limits`]: bounds that reject pathological pages before parsing.
//! - [`lexicon`]: the word lists the extractors read pages by.

pub mod attribute;
pub mod html;
pub mod language;
pub mod lexicon;
pub mod limits;
pub mod metadata;
pub mod text_page;

use regex::Regex;
use std::borrow::Cow;

/// What kind of block a piece of article text is; written to `paragraphs.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Blockquote,
    /// Preformatted text (`<pre>`): code, a terminal session, a poem set
    /// line by line; its line breaks are kept.
    Code,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::ListItem => "list_item",
            BlockKind::Blockquote => "blockquote",
            BlockKind::Code => "code",
        }
    }
}

/// One block of article text, whitespace-normalised, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// The article found in a page: its metadata and its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub metadata: metadata::Metadata,
    /// Article body in reading order.
    pub blocks: Vec<Block>,
}

/// Compiles a pattern of this module's code, for a `LazyLock` static: a bad
/// pattern is a bug, which the first test that reads it finds.
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad regex {pattern:?}: {e}"))
}

/// Collapses runs of whitespace to one space and trims: the one text
/// normalisation every extractor applies.
pub fn normalize_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    // Over bytes, decoding only chars whose first byte may start a
    // non-ASCII space (split_whitespace decodes every char: ~2% of a run).
    let mut word_start = None;
    let mut at = 0;
    while at < s.len() {
        match whitespace_len(s, at) {
            0 => {
                word_start.get_or_insert(at);
                at += 1;
            }
            space => {
                if let Some(start) = word_start.take() {
                    push_word(&s[start..at]);
                }
                at += space;
            }
        }
    }
    if let Some(start) = word_start {
        push_word(&s[start..]);
    }
    out
}

/// The length in bytes of the whitespace char at byte `at` of `s`, or 0
/// when there is none (or `at` is inside a char: no space has a byte there).
fn whitespace_len(s: &str, at: usize) -> usize {
    match s.as_bytes().get(at) {
        Some(b' ' | b'\t'..=b'\r') => 1,
        // The first bytes of U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000.
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => {
            s.get(at..).and_then(|rest| rest.chars().next()).filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
        }
        _ => 0,
    }
}

/// [`normalize_whitespace`] without a copy when the text already is
/// normalised, as most text nodes are.
pub fn whitespace_normalized(s: &str) -> Cow<'_, str> {
    // Trimmed, it is normalised when its only inner whitespace is single spaces.
    let trimmed = s.trim();
    let mut after_space = false;
    let mut at = 0;
    while at < trimmed.len() {
        match whitespace_len(trimmed, at) {
            0 => after_space = false,
            1 if trimmed.as_bytes()[at] == b' ' && !after_space => after_space = true,
            _ => return Cow::Owned(normalize_whitespace(s)),
        }
        at += 1;
    }
    Cow::Borrowed(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_normalized_copies_only_what_needs_normalising() {
        for text in
            ["Floods close roads", "\n   Floods close roads\n", "Floods  close\troads", " ", "Floods\u{a0}close"]
        {
            assert_eq!(whitespace_normalized(text), normalize_whitespace(text), "{text:?}");
        }
        assert!(matches!(whitespace_normalized("\n  Floods close roads "), Cow::Borrowed("Floods close roads")));
        // Every kind of Unicode space, and chars sharing a first byte with one.
        for text in [
            "\u{85}a\u{a0}\u{a9}b\u{1680}\u{1681}c\u{2000}\u{200a}\u{200b}d\u{2028}\u{2029}\u{202f}\u{205f}e\u{2060}",
            "\u{3000}東京\u{3000}\u{3001}大阪 \x0b\x0c“quoted,” she said…  ",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalize_whitespace(text), expected, "{text:?}");
            assert_eq!(whitespace_normalized(text), expected, "{text:?}");
        }
    }
}
