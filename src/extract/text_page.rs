//! Text a scraper saved from a page (`.txt`): drop chrome lines, keep the article.
//!
//! Such text keeps one line per block of the page, chrome included: skip
//! links, banners, media-player controls, the headline shown twice. Chrome is
//! recognised by common phrases and by the shape of a line; the headline is
//! the first substantial line (or the line the page repeats), and what comes
//! before it is page header.

use super::lexicon::chrome::{SCRAPED_CHROME_LINES, SCRAPED_LINK_PREFIXES};
use super::metadata::Metadata;
use super::{normalize_whitespace, regex, Article, Block, BlockKind};
use regex::Regex;
use std::sync::LazyLock;

/// The most words a headline may have.
const MAX_HEADLINE_WORDS: usize = 25;
/// The fewest words of a line that can be the headline.
const MIN_HEADLINE_WORDS: usize = 3;
/// How many lines from the top the headline may be found at.
const HEADLINE_SEARCH_LINES: usize = 15;
/// The most words of a line that can be a subheading.
const MAX_HEADING_WORDS: usize = 10;

/// Drops the lines of page chrome that scrapers keep.
pub struct ChromeFilter;

impl ChromeFilter {
    pub fn extract(&self, text: &str) -> Article {
        let lines: Vec<String> =
            text.lines().map(normalize_whitespace).filter(|l| !l.is_empty() && !is_chrome(l)).collect();
        let headline = find_headline(&lines);
        let body_start = headline.map_or(0, |h| h + 1);
        let title = headline.and_then(|h| lines.get(h)).cloned();
        let body: Vec<&String> = lines.iter().skip(body_start).filter(|l| Some(*l) != title.as_ref()).collect();
        let blocks = body
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let next_is_longer =
                    body.get(i + 1).is_some_and(|n| n.split_whitespace().count() > line.split_whitespace().count());
                let kind =
                    if next_is_longer && is_heading_shaped(line) { BlockKind::Heading } else { BlockKind::Paragraph };
                Block { kind, text: (*line).clone() }
            })
            .collect();
        Article { metadata: Metadata { title, ..Metadata::default() }, blocks }
    }
}

/// Whether a line is chrome: a known phrase, a "Skip to …" / "Share on …"
/// link, or a media player's time display ("0:00 0:02:21 0:00").
fn is_chrome(line: &str) -> bool {
    static TIMES: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*/?\s*\d{1,2}:\d{2}(?::\d{2})?)*$"));
    static LINKS: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)^(?:{})\b", SCRAPED_LINK_PREFIXES.join("|"))));
    // Media download renditions: "270p | 3.0MB", "Download 720p".
    static RENDITIONS: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^(?:download\s+)?\d{3,4}p(?:\s*\|.*)?$"));
    let key = line.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    SCRAPED_CHROME_LINES.contains(&key.as_str())
        || TIMES.is_match(line)
        || LINKS.is_match(line)
        || RENDITIONS.is_match(line)
}

/// The index of the headline: the first line the page repeats near the top,
/// else the first substantial line shaped like a headline.
fn find_headline(lines: &[String]) -> Option<usize> {
    let top = &lines[..lines.len().min(HEADLINE_SEARCH_LINES)];
    let words = |l: &str| l.split_whitespace().count();
    let fits = |l: &str| (MIN_HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&words(l));
    let repeated = top.iter().position(|l| fits(l) && top.iter().filter(|o| *o == l).count() > 1);
    repeated.or_else(|| {
        let first = top.iter().position(|l| words(l) >= MIN_HEADLINE_WORDS)?;
        top.get(first).filter(|l| fits(l) && !ends_sentence(l)).map(|_| first)
    })
}

/// Whether a line ends like a sentence (so is body text, not a title).
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', ':', ';', ',', '"', '\u{201d}', '\u{2019}', '\''])
}

/// A short line without sentence punctuation that starts with a capital:
/// a subheading when a longer paragraph follows.
fn is_heading_shaped(line: &str) -> bool {
    line.split_whitespace().count() <= MAX_HEADING_WORDS
        && !ends_sentence(line)
        && line.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../data/text/voa-us-pakistan-counterterror.txt");

    #[test]
    fn seed_page_title_and_body_without_chrome() {
        let article = ChromeFilter.extract(SEED);
        assert_eq!(article.metadata.title.as_deref(), Some("US, Pakistan Work to Improve Counter-Terror Cooperation"));
        let first = article.blocks.first().expect("blocks");
        assert!(first.text.starts_with("U.S. and Pakistani officials say"), "{}", first.text);
        let last = article.blocks.last().expect("blocks");
        assert!(
            last.text.starts_with("Kerry says Washington and Islamabad have a vital shared interest"),
            "{}",
            last.text
        );
        assert!(last.text.ends_with("Energy Department."));
        for chrome in [
            "Accessibility links", "Breaking News", "please wait", "No media source", "0:00",
            "Counter-Terror Cooperation",
        ] {
            assert!(article.blocks.iter().all(|b| !b.text.contains(chrome)), "chrome {chrome:?} kept");
        }
        assert!(article.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }

    #[test]
    fn seed_page_quotes_are_intact() {
        let article = ChromeFilter.extract(SEED);
        let quote = "\"We recognize that Pakistan is a vital partner in supporting a secure Afghanistan,\" he said. \
                     \"And we know how closely Pakistan's own security is linked to Afghanistan's success.\"";
        assert!(article.blocks.iter().any(|b| b.text == quote));
        let aziz = article
            .blocks
            .iter()
            .find(|b| b.text.starts_with("\"Although the war in Afghanistan"))
            .expect("Aziz quote");
        assert!(aziz.text.ends_with("after 2014,\" Aziz said."));
    }

    #[test]
    fn chrome_lines_by_phrase_and_shape() {
        for line in [
            "Skip to main content", "Skip to navigation", "Embed", "share", "Download", "0:00 0:02:21 0:00",
            "Share on Facebook", "270p | 3.0MB",
        ] {
            assert!(is_chrome(line), "{line}");
        }
        for line in
            ["Share prices fell on Monday.", "Kerry says it's central to U.S. security.", "2:1 win for the home side"]
        {
            assert!(!is_chrome(line), "{line}");
        }
    }

    #[test]
    fn first_substantial_line_is_the_title_and_subheads_are_headings() {
        let text = "World\n\nFloods Close Roads Across the Region\n\nHeavy rain closed roads across the region on Monday, officials said.\n\n\
                    What comes next\n\nForecasters expect more rain through the week, and schools will stay closed.\n";
        let article = ChromeFilter.extract(text);
        assert_eq!(article.metadata.title.as_deref(), Some("Floods Close Roads Across the Region"));
        let kinds: Vec<BlockKind> = article.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Paragraph, BlockKind::Heading, BlockKind::Paragraph]);
        assert_eq!(article.blocks[1].text, "What comes next");
    }

    #[test]
    fn text_starting_with_a_sentence_has_no_title() {
        let article =
            ChromeFilter.extract("The council met on Tuesday and approved the budget.\nIt takes effect in May.\n");
        assert_eq!(article.metadata.title, None);
        assert_eq!(article.blocks.len(), 2);
    }
}
