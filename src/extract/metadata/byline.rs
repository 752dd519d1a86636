//! Field: the byline, the names of the article's authors.

use super::elements::{in_comments_or_nav, Elements};
use super::json_ld::{json_first_string, json_strings, JsonLd};
use super::meta_tags::MetaTags;
use super::title::title_key;
use super::url::is_absolute_url;
use super::visible_text::VisibleText;
use super::{decode_entities, non_empty, normalize_whitespace, regex, selector};
use crate::extract::lexicon::bylines::{BY_VERBS, BY_WORDS, JOB_TITLE_WORDS, NAME_PARTICLES, NOT_NAMES};
use crate::extract::lexicon::dates::{MONTH_NAMES, WEEKDAYS};
use crate::extract::whitespace_normalized;
use regex::Regex;
use scraper::{ElementRef, Selector};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Longest list of names read from one element or line, in chars: longer
/// text is a bio or a sentence that mentions the author.
const MAX_BYLINE_LEN: usize = 100;

/// How many `itemprop=author` (or `rel=author`) elements are read: a page
/// marks its few authors; more are the authors of a list of other posts.
const MAX_AUTHOR_ELEMENTS: usize = 8;

/// How many elements named for bylines or authors are tried for names:
/// the first ones are the article's, later ones its sidebar's and comments'.
const MAX_NAMED_CANDIDATES: usize = 20;

/// How many Twitter card label and data pairs (`twitter:label1`,
/// `twitter:data1`...) are looked through for a "Written by" label.
const TWITTER_LABELS: usize = 4;

/// Most words of one part of a byline kept as a name: more is a sentence.
const MAX_NAME_PART_WORDS: usize = 6;

/// Most words of a phrase that reads as a person's name (particles included).
const MAX_NAME_WORDS: usize = 5;

/// An author name list and whether it may be the site rather than a person.
struct BylineCandidate {
    names: String,
    weak: bool,
}

/// The article's author names, joined by ", ": from JSON-LD, `<meta>` tags,
/// byline elements, then a "By" line near the headline; a name that may be
/// the site's or a user name is taken only when no sure one is found.
pub(super) fn byline(
    elements: &Elements,
    metas: &MetaTags,
    json_ld: &JsonLd,
    visible: &VisibleText,
    site_name: Option<&str>,
) -> Option<String> {
    let site_key = site_name.map(title_key).unwrap_or_default();
    let publisher_keys: Vec<String> = json_ld
        .articles()
        .filter_map(|a| json_first_string(a, "publisher"))
        .map(|p| title_key(&p))
        .chain([site_key])
        .filter(|k| !k.is_empty())
        .collect();
    let candidate = |names: Option<String>| {
        names.map(|names| {
            let key = title_key(&names);
            let single = !names.contains(' ');
            let username_like = single
                && (names.chars().any(|c| matches!(c, '.' | '_' | '@') || c.is_ascii_digit())
                    || !names.chars().any(char::is_uppercase));
            let is_site = publisher_keys.iter().any(|p| *p == key || p.replace(' ', "") == key.replace(' ', ""));
            let name_like = names.split(", ").all(looks_like_name);
            BylineCandidate { names, weak: username_like || is_site || !name_like }
        })
    };
    let sources: [&dyn Fn() -> Option<String>; 4] =
        [&|| json_ld_authors(json_ld), &|| meta_authors(metas), &|| dom_byline(elements), &|| {
            text_byline(visible, visible.near_headline())
        }];
    let mut fallback = None;
    for source in sources {
        if let Some(c) = candidate(source()) {
            if !c.weak {
                return Some(c.names);
            }
            fallback.get_or_insert(c.names);
        }
    }
    // Last, a by-line anywhere: an author box after the article ("Written by
    // ...", "Article by" / name). Less sure than any name found above.
    fallback.or_else(|| candidate(text_byline(visible, 0..visible.len())).filter(|c| !c.weak).map(|c| c.names))
}

fn json_ld_authors(json_ld: &JsonLd) -> Option<String> {
    json_ld.articles().find_map(|article| {
        let mut names = Vec::new();
        for key in ["author", "creator"] {
            if let Some(v) = article.get(key) {
                json_names(v, json_ld, &mut names);
            }
            if !names.is_empty() {
                break;
            }
        }
        join_names(names.iter().map(String::as_str))
    })
}

/// Author names of a JSON-LD value, following `{"@id": ...}` references to
/// the objects of the page's graph.
fn json_names(value: &Value, json_ld: &JsonLd, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_names(v, json_ld, out)),
        Value::Object(map) if !map.contains_key("name") => {
            let target = map.get("@id").and_then(Value::as_str).and_then(|id| json_ld.by_id(id));
            if let Some(obj) = target {
                json_strings(obj, out);
            }
        }
        other => json_strings(other, out),
    }
}

fn meta_authors(metas: &MetaTags) -> Option<String> {
    let keys = [
        "author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author", "parsely-author", "byl",
        "citation_author",
    ];
    keys.iter().find_map(|k| join_names(metas.all(&[k]))).or_else(|| {
        // Twitter card labels: `twitter:label1` = "Written by", `twitter:data1` = the name.
        (1..=TWITTER_LABELS).find_map(|i| {
            let label = metas.first(&[&format!("twitter:label{i}")])?;
            static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^(written by|author|by)$"));
            let is_author_label = AUTHOR_LABEL.is_match(label);
            is_author_label
                .then(|| metas.first(&[&format!("twitter:data{i}")]))
                .flatten()
                .and_then(|d| join_names(std::iter::once(d)))
        })
    })
}

/// The "By" that introduces author names ("Written by", "Text by", "Par"…),
/// as a regex fragment.
static BY_LABEL: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:(?:{})\s+)?(?:{})", BY_VERBS.join("|"), BY_WORDS.join("|")));

/// A text node that is only a "By" or "Author:" label, before the names.
static LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?i)^{}\s*:?$|^authors?\s*:?$", *BY_LABEL)));

/// Byline elements: `itemprop=author`, `rel=author` links, elements whose
/// class or id says byline, links to author pages, then class or id author.
fn dom_byline(elements: &Elements) -> Option<String> {
    static NAME_PROP: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop~=name]"));
    let outside_comments = |el: &ElementRef| !in_comments_or_nav(*el);
    let from = |candidates: &[ElementRef]| -> Option<String> {
        let names: Vec<String> = candidates
            .iter()
            .copied()
            .filter(outside_comments)
            .take(MAX_AUTHOR_ELEMENTS)
            .filter_map(|el| {
                let name = el.select(&NAME_PROP).next().unwrap_or(el);
                let text = match name.value().attr("content") {
                    Some(content) => normalize_whitespace(content),
                    None => names_in_nodes(&text_nodes(name))?,
                };
                (text.chars().count() <= MAX_BYLINE_LEN).then_some(text)
            })
            .collect();
        join_names(names.iter().map(String::as_str))
    };
    let named = elements.named();
    from(&named.author_props)
        .or_else(|| from(&named.author_rels))
        .or_else(|| first_names(&named.byline_named, outside_comments))
        .or_else(|| first_names(&named.author_links, outside_comments))
        .or_else(|| first_names(&named.author_named, outside_comments))
}

/// Names in the first matching element that holds some.
fn first_names(candidates: &[ElementRef], keep: impl Fn(&ElementRef) -> bool) -> Option<String> {
    candidates.iter().copied().filter(keep).take(MAX_NAMED_CANDIDATES).find_map(|el| {
        let text = names_in_nodes(&text_nodes(el))?;
        (text.chars().count() <= MAX_BYLINE_LEN).then(|| join_names(std::iter::once(text.as_str()))).flatten()
    })
}

/// An element's first [`BYLINE_NODES`] visible text nodes, whitespace-normalised.
fn text_nodes(el: ElementRef<'_>) -> Vec<Cow<'_, str>> {
    el.descendants()
        .filter(|n| {
            n.parent()
                .and_then(ElementRef::wrap)
                .is_none_or(|p| !matches!(p.value().name(), "script" | "style" | "noscript"))
        })
        .filter_map(|n| n.value().as_text().filter(|t| !t.trim().is_empty()).map(|t| whitespace_normalized(t)))
        .take(BYLINE_NODES)
        .collect()
}

/// How many text nodes from its start a by-line may span.
const BYLINE_NODES: usize = 12;

/// The byline text in a run of text nodes: the names after any "By" label,
/// joined through "and" / "," nodes, up to the first node that is neither
/// (a date, a job title, a bio). Avatar initials ("JD") are skipped.
fn names_in_nodes<S: AsRef<str>>(nodes: &[S]) -> Option<String> {
    static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^(?:,|&|and|und|et|y)$"));
    static INITIALS: LazyLock<Regex> = LazyLock::new(|| regex(r"^\p{Lu}{1,3}$"));
    static TRAILING_AND: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\s(?:and|&)$"));
    let (label, connector, initials, trailing_and) = (&*LABEL_ALONE, &*CONNECTOR, &*INITIALS, &*TRAILING_AND);
    let mut text = String::new();
    let mut expecting_name = true;
    for node in nodes.iter().take(BYLINE_NODES).map(AsRef::as_ref) {
        if label.is_match(node) || initials.is_match(node) {
            if text.is_empty() {
                continue;
            }
            break;
        }
        if connector.is_match(node) {
            text.push_str(if node == "," { ", " } else { " and " });
            expecting_name = true;
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

/// A "By Jane Doe" line (or a "Written by" label and the name after it)
/// among the given text nodes.
fn text_byline(visible: &VisibleText, nodes: impl IntoIterator<Item = usize>) -> Option<String> {
    nodes.into_iter().find_map(|i| {
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

/// Cleans author names and joins them with ", ", without repeats.
fn join_names<'a>(raw: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for r in raw {
        for name in clean_byline(r) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
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
        LazyLock::new(|| regex(r"(?i)^(?:authors?|author\(s\)|autor|auteur)\b\s*:?\s*"));
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
    let text = AFTER_NAMES.replace(&text, "");
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
            p.chars().any(char::is_alphabetic)
                && p.split_whitespace().count() <= MAX_NAME_PART_WORDS
                && !NOT_NAMES.contains(&p.to_lowercase().as_str())
        })
        .map(str::to_string)
        .collect()
}

/// Whether a phrase reads as a person's name: a few capitalised words.
fn looks_like_name(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_NAME_WORDS
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::super::testing::meta_of;
    use super::super::visible_text::AFTER_HEADLINE;
    use super::*;

    #[test]
    fn byline_drops_by_and_job_title() {
        let html = r#"<html><body><article><h1>Floods Close Roads</h1>
            <div class="byline">By Jane Doe, Staff Writer</div><p>Heavy rain fell.</p></article></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn byline_joins_several_authors() {
        assert_eq!(clean_byline("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(clean_byline("Written by: Ana Lima | March 5, 2024"), ["Ana Lima"]);
        // An organisation name keeps its "and".
        assert_eq!(
            clean_byline("Center for Drug Evaluation and Research"),
            ["Center for Drug Evaluation and Research"]
        );
        let html = r#"<html><head><meta name="author" content="Jane Doe"><meta name="author" content="John Roe"></head></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe, John Roe"));
    }

    #[test]
    fn by_line_after_a_long_article() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><h1>Choosing a CRM</h1>{paragraphs}<div class="bio"><p>Written by John Crenshaw</p>
            <p>John writes about software.</p></div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).byline.as_deref(), Some("John Crenshaw"));
        // A weaker name found earlier (the site's) is not replaced by it.
        let with_site = html.replace("<html>", r#"<html><head><meta name="author" content="crmsite"></head>"#);
        assert_eq!(meta_of(&with_site, None).byline.as_deref(), Some("crmsite"));
    }

    #[test]
    fn author_url_is_not_a_name() {
        let html = r#"<html><head><meta property="article:author" content="https://www.facebook.com/janedoe">
            </head><body><a rel="author" href="/by/jane">Jane Doe</a></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe"));
    }
}
