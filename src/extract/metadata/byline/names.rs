//! Author names out of a byline's text: its "By" label, roles, dates and
//! UI words dropped, the names listed.

use super::super::url::is_absolute_url;
use super::super::{decode_entities, non_empty, normalize_whitespace, regex};
use crate::extract::lexicon::bylines::{BY_VERBS, BY_WORDS, JOB_TITLE_WORDS, NAME_PARTICLES, NOT_NAMES};
use crate::extract::lexicon::chrome::BUTTON_LABELS;
use crate::extract::lexicon::dates::{MONTH_NAMES, WEEKDAYS};
use regex::Regex;
use std::sync::LazyLock;

/// Most words of one part of a byline kept as a name: more is a sentence.
const MAX_NAME_PART_WORDS: usize = 6;

/// Most words of a phrase that reads as a person's name (particles included).
pub(super) const MAX_NAME_WORDS: usize = 5;

/// The "By" that introduces author names ("Written by", "Text by", "Par"…),
/// as a regex fragment.
pub(super) static BY_LABEL: LazyLock<String> = LazyLock::new(|| {
    format!(r"(?:this\s+(?:post|article|story)\s+was\s+)?(?:(?:{})\s+)?(?:{})", BY_VERBS.join("|"), BY_WORDS.join("|"))
});

/// A text node that is only a "By" or "Author:" label, before the names.
pub(super) static LABEL_ALONE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)^{}\s*:?$|^authors?\s*:?$|^contributors?\s*:$", *BY_LABEL)));

/// How many text nodes from its start a by-line may span.
pub(super) const BYLINE_NODES: usize = 12;

/// The byline text in a run of text nodes: the names after any "By" label,
/// joined through "and" / "," nodes, up to the first node that is neither
/// (a date, a job title, a bio). Avatar initials ("JD") are skipped.
pub(super) fn names_in_nodes<S: AsRef<str>>(nodes: &[S]) -> Option<String> {
    static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^(?:,|&|and|und|et|y)$"));
    static INITIALS: LazyLock<Regex> = LazyLock::new(|| regex(r"^\p{Lu}{1,3}$"));
    static TRAILING_AND: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\s(?:and|&)$"));
    let (label, connector, initials, trailing_and) = (&*LABEL_ALONE, &*CONNECTOR, &*INITIALS, &*TRAILING_AND);
    let mut text = String::new();
    let mut expecting_name = true;
    // Whether a "By" label or a connector was read: one node before the
    // first label is the story's kind ("Guide", "Analysis"), not a name.
    let mut labelled = false;
    for node in nodes.iter().take(BYLINE_NODES).map(AsRef::as_ref) {
        let is_label = label.is_match(node);
        if is_label || initials.is_match(node) {
            if is_label && !labelled {
                text.clear();
                labelled = true;
                expecting_name = true;
            }
            if text.is_empty() {
                continue;
            }
            break;
        }
        if connector.is_match(node) {
            text.push_str(if node == "," { ", " } else { " and " });
            expecting_name = true;
            labelled = true;
            continue;
        }
        if !expecting_name {
            break;
        }
        text.push(' ');
        text.push_str(node);
        expecting_name = node.ends_with(',') || trailing_and.is_match(node);
    }
    non_empty(normalize_whitespace(&text))
}

/// Cleans author names and joins them with ", ", without repeats: a part
/// that holds a name already listed is a link about it ("Jane Doe", "More
/// about Jane Doe").
pub(super) fn join_names<'a>(raw: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    // Each name kept, lower-cased between spaces.
    let mut padded_names: Vec<String> = Vec::new();
    for r in raw {
        for name in clean_byline(r) {
            let padded = format!(" {} ", name.to_lowercase());
            if !padded_names.iter().any(|n| padded.contains(n.as_str())) {
                padded_names.push(padded);
                names.push(name);
            }
        }
    }
    non_empty(names.join(", "))
}

/// Splits a byline into the author names it lists: drops "By", URLs,
/// handles, dates and job titles; "and" separates names.
fn clean_byline(raw: &str) -> Vec<String> {
    let text = decode_entities(&normalize_whitespace(raw));
    if is_absolute_url(&text) || text.starts_with('/') || text.starts_with('@') || text.contains("www.") {
        return Vec::new();
    }
    static BY: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?i)^{}\s*:?\s+", *BY_LABEL)));
    static AUTHOR_LABEL: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(?i)^(?:(?:authors?|author\(s\)|autor|auteur)\b\s*:?|contributors?\s*:)\s*"));
    // A date, a reading time or an "updated" note often follows the names.
    static AFTER_NAMES: LazyLock<Regex> = LazyLock::new(|| {
        // Weekdays by their first three letters, months by any of their
        // names, whatever follows.
        let days = WEEKDAYS.map(|d| &d[..3]).join("|");
        let months = MONTH_NAMES.concat().join("|");
        regex(&format!(
            r"(?i)\s*(?:\||•|·|—|–|\s-\s|-\s|\bon\s+(?:{days})|\b(?:{days})[a-z]*,?\s+\d|\b(?:{months})[a-z]*\.?\s+\d|\bon\s+\d|\s\d|\s\S+@\S+|\b(?:last\s+)?updated\b|\bpublished\b).*$"
        ))
    });
    static AND: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\s+(?:and|&|und|et)\s+"));
    let text = BY.replace(&text, "");
    let text = AUTHOR_LABEL.replace(&text, "");
    if BUTTON_LABELS.contains(&text.trim().to_lowercase().as_str()) {
        return Vec::new();
    }
    // The word that led to the date cut after the names ("Posted by Jane at", "Jane Doe in").
    static TRAILING_JOINER: LazyLock<Regex> = LazyLock::new(|| regex(r"\s+(?:at|on|in)$"));
    let text = AFTER_NAMES.replace(&text, "");
    let text = TRAILING_JOINER.replace(text.trim(), "");
    let text = text.trim();
    let split_on_and = AND.split(text).all(looks_like_name);
    let text = if split_on_and { AND.replace_all(text, ", ") } else { text.into() };
    let parts: Vec<&str> = text
        .split([',', ';'])
        .map(|p| p.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')').trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            // A job title follows a name ("Jane Doe, Staff Writer"); alone it is the name ("Podium Staff").
            *i == 0 || !p.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| JOB_TITLE_WORDS.contains(&w))
        })
        .map(|(_, p)| *p)
        .filter(|p| {
            let lower = p.to_lowercase();
            p.chars().any(char::is_alphabetic)
                && p.split_whitespace().count() <= MAX_NAME_PART_WORDS
                && !NOT_NAMES.contains(&lower.as_str())
                && !BUTTON_LABELS.contains(&lower.as_str())
                && !is_sentence_fragment(p)
        })
        .map(str::to_string)
        .collect()
}

/// Whether a byline part is a piece of a sentence ("printing one of our
/// examples", after a "by" in the text): several words, none capitalised.
/// A user name is one word; "the Lavazza Team" names someone.
fn is_sentence_fragment(p: &str) -> bool {
    p.split_whitespace().nth(MIN_FRAGMENT_WORDS - 1).is_some()
        && p.split_whitespace().all(|w| !w.chars().next().is_some_and(char::is_uppercase))
}

/// Fewest words of a lower-case byline part read as a sentence's.
const MIN_FRAGMENT_WORDS: usize = 3;

/// Whether a phrase reads as a person's name: a few capitalised words.
pub(super) fn looks_like_name(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_NAME_WORDS
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_split_into_names() {
        assert_eq!(clean_byline("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(clean_byline("Written by: Ana Lima | March 5, 2024"), ["Ana Lima"]);
        // An organisation name keeps its "and".
        assert_eq!(
            clean_byline("Center for Drug Evaluation and Research"),
            ["Center for Drug Evaluation and Research"]
        );
    }

    #[test]
    fn names_follow_the_by_label_in_text_nodes() {
        assert_eq!(
            names_in_nodes(&["By", "Jane Doe", "and", "John Roe", "March 5"]).as_deref(),
            Some("Jane Doe and John Roe")
        );
        // The story's kind before the label (eurogamer.net's bylines).
        let nodes = ["Guide", "by", "Will Judd", "Former Deputy Tech Editor"];
        assert_eq!(names_in_nodes(&nodes).as_deref(), Some("Will Judd"));
        assert_eq!(names_in_nodes(&["Jane Doe", "Staff Writer"]).as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn labels_and_words_around_the_names() {
        assert_eq!(clean_byline("Posted by David at December 16, 2025 11:15 AM"), ["David"]);
        assert_eq!(clean_byline("Jane Doe in"), ["Jane Doe"]);
        assert_eq!(clean_byline("Audiophile On"), ["Audiophile On"], "a capitalised word is the name's");
        assert_eq!(clean_byline("This post was written by Ana Lima, Head of Marketing"), ["Ana Lima"]);
        assert_eq!(clean_byline("Contributors: Janet Low"), ["Janet Low"]);
        assert_eq!(clean_byline("Contributors to Wikimedia projects"), ["Contributors to Wikimedia projects"]);
        assert!(LABEL_ALONE.is_match("Contributors:") && LABEL_ALONE.is_match("Article by"));
        assert!(!LABEL_ALONE.is_match("Contributors"), "a menu's link");
    }

    #[test]
    fn ui_labels_and_sentence_pieces_are_not_names() {
        assert!(clean_byline("Log in").is_empty());
        assert!(clean_byline("Learn More").is_empty(), "an author box's link to the writer's page");
        assert!(clean_byline("by printing one of our several examples.").is_empty());
        assert_eq!(clean_byline("the Lavazza Team"), ["the Lavazza Team"]);
        assert_eq!(clean_byline("The Team, edited by Walter"), ["The Team", "edited by Walter"]);
        // A link about a name listed before it.
        let names = ["MixmasterFred", "More About MixmasterFred"];
        assert_eq!(join_names(names.into_iter()).as_deref(), Some("MixmasterFred"));
        let names = ["Ann Lee", "Ann Leeds"];
        assert_eq!(join_names(names.into_iter()).as_deref(), Some("Ann Lee, Ann Leeds"));
    }
}
