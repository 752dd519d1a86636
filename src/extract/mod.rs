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
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`normalize_whitespace`] without a copy when the text already is
/// normalised, as most text nodes are.
pub fn whitespace_normalized(s: &str) -> Cow<'_, str> {
    // Trimmed, it is normalised when its only inner whitespace is single spaces.
    let trimmed = s.trim();
    let mut after_space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return Cow::Owned(normalize_whitespace(s));
            }
            after_space = true;
        } else {
            after_space = false;
        }
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
    }
}
