//! Field: the byline, the names of the article's authors, by the policy
//! of [`byline`]: structured sources first, then what the page shows
//! ([`shown`]), each cleaned to a list of names ([`names`]).

mod names;
mod shown;

use crate::extract::attribute::AttributeByName;
use html5ever::local_name;
use names::{join_names, looks_like_name, names_in_nodes, BYLINE_NODES};
use shown::{joined_as_shown, name_beside_date, text_bylines};

use super::elements::{in_comments_or_nav, Elements};
use super::json_ld::{is_organization, json_first_string, json_strings, JsonLd};
use super::meta_tags::MetaTags;
use super::title::title_key;
use super::visible_text::VisibleText;
use super::{normalize_whitespace, regex, selector};
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
    // Compared without spaces: "Tech Crunch" is "TechCrunch".
    let publisher_letters: Vec<String> = publisher_keys.iter().map(|p| p.replace(' ', "")).collect();
    // An author typed as an organisation is as weak as the site's name.
    let candidate = |names: Option<(String, bool)>| {
        names.map(|(names, organization)| {
            // The publication named after its authors ("Jane Doe, John Roe, The Daily Planet").
            let is_publisher = |part: &&str| publisher_keys.contains(&title_key(part));
            let names = match names.split(", ").filter(|p| !is_publisher(p)).collect::<Vec<_>>() {
                people if !people.is_empty() && names.contains(", ") => people.join(", "),
                _ => names,
            };
            let key = title_key(&names);
            let single = !names.contains(' ');
            let username_like = single
                && (names.chars().any(|c| matches!(c, '.' | '_' | '@') || c.is_ascii_digit())
                    || !names.chars().any(char::is_uppercase));
            let is_site = publisher_letters.contains(&key.replace(' ', ""));
            let name_like = names.split(", ").all(looks_like_name);
            BylineCandidate { names, weak: organization || username_like || is_site || !name_like }
        })
    };
    let person = |names: Option<String>| names.map(|n| (n, false));
    // The web page's JSON-LD names its author where the article has none;
    // an organisation there is the site's.
    let page_author = || json_ld_authors(json_ld, json_ld.typed(|t| t.ends_with("Page"))).filter(|(_, org)| !org);
    let sources: [&dyn Fn() -> Option<(String, bool)>; 4] = [
        &|| json_ld_authors(json_ld, json_ld.articles()).or_else(page_author),
        &|| person(meta_authors(metas)),
        &|| person(dom_byline(elements)),
        &|| person(text_bylines(visible, visible.near_headline()).next()),
    ];
    let mut fallback = None;
    for source in sources {
        if let Some(c) = candidate(source()) {
            if !c.weak {
                return Some(joined_as_shown(c.names, visible));
            }
            fallback.get_or_insert(c.names);
        }
    }
    // Then a by-line anywhere: an author box after the article ("Written by
    // ...", "Article by" / name). Less sure than any name found above; a
    // by-line naming the site (a sidebar's "by Site") gives way to a later
    // one. Last, a name with no label beside the date.
    fallback
        .or_else(|| {
            let mut bylines = text_bylines(visible, 0..visible.len()).filter_map(|n| candidate(person(Some(n))));
            bylines.find(|c| !c.weak).map(|c| c.names)
        })
        .or_else(|| candidate(person(name_beside_date(visible))).filter(|c| !c.weak).map(|c| c.names))
}

/// The authors of the given JSON-LD objects (the article's, or the web
/// page's), and whether they are all typed as organisations.
fn json_ld_authors<'j>(json_ld: &'j JsonLd, objects: impl IntoIterator<Item = &'j Value>) -> Option<(String, bool)> {
    objects.into_iter().find_map(|object| {
        let mut names = Vec::new();
        let mut organizations = true;
        for key in ["author", "creator"] {
            if let Some(v) = object.get(key) {
                json_names(v, json_ld, &mut names);
                organizations = all_organizations(v, json_ld);
            }
            if !names.is_empty() {
                break;
            }
        }
        Some((join_names(names.iter().map(String::as_str))?, organizations))
    })
}

/// Whether a JSON-LD author value names only organisations.
fn all_organizations(value: &Value, json_ld: &JsonLd) -> bool {
    match value {
        Value::Array(items) => !items.is_empty() && items.iter().all(|v| all_organizations(v, json_ld)),
        Value::Object(map) if !map.contains_key("name") => {
            let target = map.get("@id").and_then(Value::as_str).and_then(|id| json_ld.by_id(id));
            target.is_some_and(is_organization)
        }
        other => is_organization(other),
    }
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
                let text = match name.value().attribute(&local_name!("content")) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::meta_of;
    use super::super::visible_text::AFTER_HEADLINE;

    #[test]
    fn byline_drops_by_and_job_title() {
        let html = r#"<html><body><article><h1>Floods Close Roads</h1>
            <div class="byline">By Jane Doe, Staff Writer</div><p>Heavy rain fell.</p></article></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn byline_joins_several_authors() {
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

    #[test]
    fn organisation_as_author_yields_to_a_person_shown() {
        let html = r#"<html><head><script type="application/ld+json">{"@type": "BlogPosting",
            "author": {"@type": "Organization", "name": "Levitate Media"}}</script></head><body>
            <h1>Video Trends</h1><p>By Liza Burke</p><p>Video keeps growing.</p></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Liza Burke"));
        // Without one, the organisation is the only author there is.
        let alone = html.replace("<p>By Liza Burke</p>", "");
        assert_eq!(meta_of(&alone, None).byline.as_deref(), Some("Levitate Media"));
    }

    #[test]
    fn web_page_author_and_publisher_after_the_names() {
        let html = r#"<html><head><meta name="author" content="Digjitale"><script type="application/ld+json">
            {"@type": "WebPage", "author": {"@type": "Person", "name": "Celik Nimani"}}</script></head>
            <body><h1>Digital News</h1><p>Text.</p></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Celik Nimani"));
        let html = r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle", "publisher":
            {"@type": "Organization", "name": "The Daily Planet"}, "author": {"@type": "Person",
            "name": "Jane Doe, John Roe, The Daily Planet"}}</script></head><body><h1>Meditation Day</h1></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe, John Roe"));
    }
}
