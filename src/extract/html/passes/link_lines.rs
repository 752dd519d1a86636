//! Pass `link-lines`: drops paragraph lines made mostly of links (a pointer
//! elsewhere, a tag line), but keeps those that are sentences of the
//! article: a sentence that links a phrase, a line introducing what follows
//! it, a short sentence about the things it links. Linked headings and list
//! items are the article's entries (a listicle's "3. Product name", a
//! reading list) and are not judged here.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::html::rule::Rule;
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "link-lines", run };

/// Link density above which a paragraph line is judged here.
const MIN_LINE_LINK_DENSITY: f32 = 0.5;

fn run(page: &mut Page) {
    for (b, verdict) in page.blocks.iter().zip(page.verdicts.iter_mut()) {
        if verdict.keeps() {
            *verdict = judge(b).unwrap_or(*verdict);
        }
    }
}

/// The rule for a link-dense paragraph line, if it is one.
fn judge(b: &RawBlock) -> Option<Rule> {
    let density = if b.text_len == 0 { 1.0 } else { b.link_len as f32 / b.text_len as f32 };
    if density <= MIN_LINE_LINK_DENSITY || b.kind != BlockKind::Paragraph {
        return None;
    }
    Some(if links_a_sentence(b, density) {
        Rule::LinkedSentence
    } else if introduces_what_follows(b) {
        Rule::IntroducesWhatFollows
    } else if is_short_linked_sentence(b) {
        Rule::ShortLinkedSentence
    } else {
        Rule::LinkHeavyLine
    })
}

/// Fewest unlinked non-whitespace chars, and highest link density, of a
/// paragraph line whose links are phrases of its own sentence.
const MIN_SENTENCE_UNLINKED: u32 = 25;
const MAX_SENTENCE_LINK_DENSITY: f32 = 0.7;

/// Whether a link-dense paragraph line is a sentence that links a phrase
/// of its own ("The industry is taking off, with <a>market projections
/// showing growth from ...</a>."): it says something itself, while a
/// pointer ("Read next: ...") or a tag line is next to nothing but links.
fn links_a_sentence(b: &RawBlock, density: f32) -> bool {
    b.text_len.saturating_sub(b.link_len) >= MIN_SENTENCE_UNLINKED && density <= MAX_SENTENCE_LINK_DENSITY
}

/// Fewest words, and most chars, of a short line kept as a sentence
/// whatever its links.
const MIN_SENTENCE_WORDS: usize = 5;
const MAX_SHORT_SENTENCE_LEN: usize = 120;

/// Whether a short link-dense line is a whole sentence of the article
/// ("The <a>Askar SQA55</a> is available at <a>High Point Scientific</a>."):
/// it ends as a statement does, while a pointer to another story or a tag
/// line ends with its link's title.
fn is_short_linked_sentence(b: &RawBlock) -> bool {
    let text = b.text.trim_end();
    text.ends_with(['.', '!'])
        && text.chars().count() <= MAX_SHORT_SENTENCE_LEN
        && text.split_whitespace().count() >= MIN_SENTENCE_WORDS
}

/// Whether a line ends with a colon, introducing the quote or list after
/// it ("Posted on <a>the ASA's community forum on 2025-07-09</a>:"): it
/// belongs to the article even when its source is linked, while pointers
/// to other stories ("Next: ...") end with their link.
fn introduces_what_follows(b: &RawBlock) -> bool {
    b.text.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{page, texts, P1, P2, P3};

    #[test]
    fn linked_entry_headings_are_kept_and_linked_lines_dropped() {
        let inside = "<h3><a href=\"/p/1\">1. Segway Ninebot Max</a></h3><p>Read next: <a href=\"/x\">The best scooters for commuters</a></p>";
        assert_eq!(texts(&page("", inside, "")), vec![P1, P2, "1. Segway Ninebot Max", P3]);
    }

    #[test]
    fn linked_lines_introducing_a_quote_are_kept() {
        let intro = "<p>Posted on <a href=\"/d\">American Statistical Association's community forum on 2025-07-09</a>:</p>\
            <blockquote><p>The Sports Analytics Club Program has released the fifth edition of its catalog.</p></blockquote>";
        let got = texts(&page("", intro, ""));
        assert_eq!(got[2], "Posted on American Statistical Association's community forum on 2025-07-09:");
        let pointer = "<p>Next: <a href=\"/x\">The best scooters for commuters</a></p>";
        assert_eq!(texts(&page("", pointer, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn sentences_that_link_a_title_are_kept() {
        let market = "<p>The coding bootcamp industry is taking off, with <a href=\"/r\">market projections showing growth from $1.36 billion in 2021 to an expected $3.66 billion by 2027</a>.</p>";
        let tags = "<p>Tags: <a href=\"/t/1\">circuit tester</a>, <a href=\"/t/2\">electrical tools</a>, <a href=\"/t/3\">electrician safety gear</a></p>";
        let got = texts(&page("", &format!("{market}{tags}"), ""));
        assert_eq!(got[2], "The coding bootcamp industry is taking off, with market projections showing growth from $1.36 billion in 2021 to an expected $3.66 billion by 2027.");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn a_link_that_runs_a_script_is_text_not_a_link() {
        let script = "<p>Next: <a href=\" JavaScript:void(0)\">The best scooters for commuters</a></p>";
        assert_eq!(texts(&page("", script, "")), vec![P1, P2, "Next: The best scooters for commuters", P3]);
    }

    #[test]
    fn short_sentences_made_mostly_of_links_are_kept() {
        let sentence =
            "<p>The <a href=\"/askar\">Askar SQA55</a> is available at <a href=\"/hps\">High Point Scientific</a>.</p>";
        let got = texts(&page("", sentence, ""));
        assert_eq!(got[2], "The Askar SQA55 is available at High Point Scientific.");
        // A pointer ends with the title it links to.
        let pointer = "<p>See also: <a href=\"/x\">The best telescopes for beginners</a></p>";
        assert_eq!(texts(&page("", pointer, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn each_link_dense_line_is_judged_by_what_it_says() {
        let lines = [
            ("<p>Read next: <a href=\"/x\">The best scooters for commuters</a></p>", "Read next: The best scooters for commuters", Rule::LinkHeavyLine),
            (
                "<p>The industry is taking off, with <a href=\"/r\">market projections showing growth from $1.36 billion to $3.66 billion</a>.</p>",
                "The industry is taking off, with market projections showing growth from $1.36 billion to $3.66 billion.",
                Rule::LinkedSentence,
            ),
            ("<p>Posted on <a href=\"/d\">the community forum on 2025-07-09</a>:</p>", "Posted on the community forum on 2025-07-09:", Rule::IntroducesWhatFollows),
            (
                "<p>The <a href=\"/a\">Askar SQA55</a> is at <a href=\"/h\">High Point Scientific</a>.</p>",
                "The Askar SQA55 is at High Point Scientific.",
                Rule::ShortLinkedSentence,
            ),
        ];
        for (markup, text, rule) in lines {
            assert_eq!(changed_by(&page("", markup, ""), "link-lines"), [(text.to_string(), rule)], "{markup}");
        }
        // Linked headings are the article's entries.
        assert!(
            changed_by(&page("", "<h3><a href=\"/p/1\">1. Segway Ninebot Max</a></h3>", ""), "link-lines").is_empty()
        );
    }
}
