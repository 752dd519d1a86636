//! Bylines read from the visible text: "By" lines, a name beside the date,
//! and the way the page joins its authors' names.

use super::super::date_parser::{dateline_date, has_year_digits, month_number};
use super::super::visible_text::VisibleText;
use super::names::{join_names, names_in_nodes, BYLINE_NODES, BY_LABEL, LABEL_ALONE, MAX_NAME_WORDS};
use super::MAX_BYLINE_LEN;
use crate::extract::regex;
use regex::Regex;
use std::sync::LazyLock;

/// The names joined as the page shows them: the last two with "and" where
/// the page writes "Jane Doe and John Roe" or "A, B, and C" (a list in the
/// metadata has lost it), with ", " otherwise.
pub(super) fn joined_as_shown(names: String, visible: &VisibleText) -> String {
    let Some((head, last)) = names.rsplit_once(", ") else { return names };
    let before_last = head.rsplit(", ").next().unwrap_or(head);
    let first_word = before_last.split(' ').next().unwrap_or(before_last);
    let shown_with_and =
        (0..visible.len()).filter(|&i| visible.raw.get(i).is_some_and(|raw| raw.contains(first_word))).any(|i| {
            // The names and the "and" may be nodes of their own.
            let run: Vec<&str> =
                (i..visible.len().min(i + JOINED_NAME_NODES)).filter_map(|j| visible.text(j)).collect();
            let run = run.join(" ");
            run.match_indices(before_last).any(|(at, _)| {
                let rest = run[at + before_last.len()..].trim_start().trim_start_matches(',').trim_start();
                rest.strip_prefix("and ").is_some_and(|r| r.trim_start().starts_with(last))
            })
        });
    if shown_with_and {
        format!("{head} and {last}")
    } else {
        names
    }
}

/// How many text nodes two names joined by "and" may span ("Jane Doe", ",
/// and", "John Roe").
const JOINED_NAME_NODES: usize = 4;

/// Texts that only separate the parts of a post-meta line.
const META_SEPARATORS: [&str; 7] = ["·", "•", "|", "/", "-", "–", "—"];

/// A name shown beside the date near the headline, with no "By" ("Dec 17,
/// 2025 · Julian K. Arni", "Elliot Raba" / "23.07.2025", "Mahua Das in
/// Project Management"): the nearest dateline's other part, else its
/// neighbouring text, past separators.
pub(super) fn name_beside_date(visible: &VisibleText) -> Option<String> {
    let near = visible.near_headline();
    let dated = near.iter().copied().take(NAME_BESIDE_DATE_NODES).find(|&i| {
        visible.raw.get(i).is_some_and(|raw| has_year_digits(raw))
            && visible.text(i).is_some_and(|t| t.chars().count() <= MAX_BYLINE_LEN && dateline_date(t).is_some())
    })?;
    let text = visible.text(dated)?;
    let parts: Vec<&str> = text.split(['|', '•', '·']).collect();
    if parts.len() > 1 {
        return parts.iter().filter(|p| dateline_date(p).is_none()).find_map(|p| leading_name(p));
    }
    let is_separator = |j: &usize| visible.text(*j).is_some_and(|t| META_SEPARATORS.contains(&t));
    let after = (dated + 1..visible.len()).find(|j| !is_separator(j));
    let before = (0..dated).rev().find(|j| !is_separator(j));
    // A link beside the date is its category's or a menu's.
    let plain = |j: &usize| Some(*j) != visible.headline() && visible.linked.get(*j) == Some(&false);
    [after, before].into_iter().flatten().filter(plain).find_map(|j| leading_name(visible.text(j)?))
}

/// How many nodes nearest the headline are looked through for the date a
/// name stands beside.
const NAME_BESIDE_DATE_NODES: usize = 12;

/// Most lower-case words after a name beside the date: more are a sentence.
const MAX_NAME_TAIL_WORDS: usize = 3;

/// The person's name a text opens with, when the rest is a few lower-case
/// words ("Niko Matsakis on behalf of", "Mahua Das in"): two to
/// [`MAX_NAME_WORDS`] capitalised words of letters.
fn leading_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_name_word = |w: &&&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    let count = words.iter().take_while(is_name_word).count();
    let rest = &words[count..];
    let rest_lower =
        rest.len() <= MAX_NAME_TAIL_WORDS && rest.iter().all(|w| w.chars().next().is_some_and(char::is_lowercase));
    let name = words[..count].join(" ");
    let is_date_word = words[..count].iter().any(|w| month_number(w).is_some());
    ((2..=MAX_NAME_WORDS).contains(&count) && rest_lower && !is_date_word).then_some(name)
}

/// The "By Jane Doe" lines (or a "Written by" label and the name after it)
/// among the given text nodes, in their order.
pub(super) fn text_bylines<'v, 'a, N: IntoIterator<Item = usize> + 'v>(
    visible: &'v VisibleText<'a>,
    nodes: N,
) -> impl Iterator<Item = String> + use<'v, 'a, N> {
    nodes.into_iter().filter_map(move |i| {
        let line = visible.text(i)?;
        static BY_LINE: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?i)^{}\s*:?\s+\S", *BY_LABEL)));
        let by_label = LABEL_ALONE.is_match(line);
        let by_line = BY_LINE.is_match(line);
        if !(by_label || by_line) {
            return None;
        }
        let run: Vec<&str> = (i..visible.len().min(i + BYLINE_NODES)).filter_map(|j| visible.text(j)).collect();
        let text = names_in_nodes(&run)?;
        (text.chars().count() <= MAX_BYLINE_LEN).then(|| join_names(std::iter::once(text.as_str()))).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::meta_of;
    use super::super::super::visible_text::AFTER_HEADLINE;

    #[test]
    fn names_joined_with_and_as_the_page_shows_them() {
        let head = r#"<head><script type="application/ld+json">{"@type": "Article", "author": [
            {"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}</script></head>"#;
        let shown = format!(
            r#"<html>{head}<body><h1>Streaming</h1><p>By <a>Jane Doe</a> and <a>John Roe</a></p></body></html>"#
        );
        assert_eq!(meta_of(&shown, None).byline.as_deref(), Some("Jane Doe and John Roe"));
        let listed = format!(r#"<html>{head}<body><h1>Streaming</h1><p>Jane Doe</p><p>John Roe</p></body></html>"#);
        assert_eq!(meta_of(&listed, None).byline.as_deref(), Some("Jane Doe, John Roe"));
        let three =
            r#"<html><body><h1>Appliances</h1><p class="byline">By Ann Lee, Bo Kim, and Cy Ray</p></body></html>"#;
        assert_eq!(meta_of(three, None).byline.as_deref(), Some("Ann Lee, Bo Kim and Cy Ray"));
    }

    #[test]
    fn name_beside_the_date_without_a_by() {
        let page = |meta: &str| format!("<html><body><h1>Nix Builds</h1>{meta}<p>We build software.</p></body></html>");
        let html = page("<p>Dec 17, 2025</p><p>·</p><p>Julian K. Arni</p>");
        assert_eq!(meta_of(&html, None).byline.as_deref(), Some("Julian K. Arni"));
        let html = page("<p>Dec. 19, 2025 · Niko Matsakis on behalf of</p><p>the docs team</p>");
        assert_eq!(meta_of(&html, None).byline.as_deref(), Some("Niko Matsakis"));
        let html = page("<p>Elliot Raba</p><p>23.07.2025</p>");
        assert_eq!(meta_of(&html, None).byline.as_deref(), Some("Elliot Raba"));
        // A reading time or a sentence beside it names nobody.
        let html = page("<p>Dec 17, 2025</p><p>5 min read</p>");
        assert_eq!(meta_of(&html, None).byline, None);
        let html = page("<p>Dec 17, 2025</p><p>We Tested Every Model so you do not have to</p>");
        assert_eq!(meta_of(&html, None).byline, None);
        let html = page(r#"<p>Dec 17, 2025</p><p><a href="/category/thoughts">Idle Thoughts</a></p>"#);
        assert_eq!(meta_of(&html, None).byline, None, "a category's link");
    }

    #[test]
    fn by_line_past_one_naming_the_site() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><head><meta property="og:site_name" content="ByteSauna"></head><body><h1>Lean</h1>{paragraphs}
            <div><p>by</p><p>ByteSauna</p></div><h2>Article by</h2><div>Matias Heikkinen</div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).byline.as_deref(), Some("Matias Heikkinen"));
    }
}
