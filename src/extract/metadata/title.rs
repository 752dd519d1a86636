//! Field: the headline, from the page's `<h1>`s and the titles the
//! publisher wrote for machines (Open Graph, JSON-LD, `<title>`).

use super::date_parser::has_ascii_digit;
use super::elements::Elements;
use super::json_ld::{json_first_string, JsonLd};
use super::meta_tags::MetaTags;
use super::{decode_entities, element_text, non_empty, normalize_whitespace, regex, selector};
use crate::extract::attribute::AttributeByName;
use html5ever::local_name;
use regex::Regex;
use scraper::{ElementRef, Selector};
use std::sync::LazyLock;

/// Separators between a headline and the site or section name in `<title>`
/// and social titles.
const TITLE_SEPARATORS: [&str; 10] = [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " « ", " / "];

/// Longest `<h1>` text read as a headline, in chars: a longer one is a
/// paragraph set as a heading (the longest headline of wcxb-dev and
/// readability is 156 chars, a 246-char heading there is a teaser).
const MAX_HEADLINE_LEN: usize = 200;

/// How many of the page's `<h1>`s are read: the headline is among the
/// first, the rest are a listing's titles.
const MAX_HEADINGS: usize = 5;

/// Most words of a date or label set before a headline in its heading
/// ("Dec 18 2025", "Blog:").
const MAX_LABEL_WORDS: usize = 3;

/// Fewest chars of a word two titles share to count as related: shorter
/// words are mostly articles and prepositions.
const MIN_SHARED_WORD_LEN: usize = 4;

/// Most words of a title part dropped as a section name before the
/// headline ("World | ..."), and as a site name after it ("... | The Daily
/// Gazette"), while a longer part remains.
const MAX_SECTION_WORDS: usize = 3;
const MAX_SITE_NAME_WORDS: usize = 4;

/// The headline: the page's heading as a structured title confirms it, else
/// the heading that shows a structured title after a date or label, else the
/// article's own heading, else the structured title without its site name.
pub(super) fn title(
    elements: &Elements,
    metas: &MetaTags,
    json_ld: &JsonLd,
    site_name: Option<&str>,
) -> Option<String> {
    let site_key = site_name.map(title_key).unwrap_or_default();
    // A heading that names the site is its logo, not the headline.
    let headline_like = |h: &String| {
        !h.is_empty() && h.chars().count() <= MAX_HEADLINE_LEN && (site_key.is_empty() || title_key(h) != site_key)
    };
    let headings: Vec<String> = elements
        .h1s
        .iter()
        .copied()
        .filter(|h| !is_logo_heading(*h))
        .map(element_text)
        .filter(headline_like)
        .take(MAX_HEADINGS)
        .collect();
    let document_title = elements.title.map(element_text).and_then(non_empty);
    let candidates: Vec<String> = metas
        .all(&["og:title", "twitter:title"])
        .map(str::to_string)
        .chain(json_ld.articles().find_map(|a| json_first_string(a, "headline")))
        .chain(
            metas
                .first(&["dc.title", "dcterms.title", "headline", "sailthru.title", "parsely-title"])
                .map(str::to_string),
        )
        .chain(document_title)
        .map(|c| decode_entities(&c))
        .collect();
    // A heading that a structured title confirms is the headline as shown.
    let confirmed = headings.iter().find(|h| {
        let key = title_key(h);
        !key.is_empty()
            && candidates
                .iter()
                .any(|c| title_key(c).starts_with(&key) || key.starts_with(&title_key(&strip_site_name(c, site_name))))
    });
    // Else the article's own heading, or the page's only one.
    let in_article = || {
        // `article h1, main h1, [role=main] h1`
        let in_main = |h: &ElementRef| {
            h.ancestors().filter_map(ElementRef::wrap).any(|a| {
                matches!(a.value().name(), "article" | "main")
                    || a.value().attribute(&local_name!("role")) == Some("main")
            })
        };
        elements
            .h1s
            .iter()
            .copied()
            .filter(in_main)
            .filter(|h| !is_logo_heading(*h))
            .map(element_text)
            .find(headline_like)
    };
    let only_heading = || (headings.len() == 1).then(|| headings[0].clone());
    // A heading that shares no word with any title the publisher wrote is a
    // section or site name ("Allergies Health Center"), not the headline.
    let related = |h: &String| candidates.is_empty() || candidates.iter().any(|c| shares_word(h, c));
    // A heading that puts a date or a label before a structured title
    // ("Dec 18 2025 Preparing a transition", "Blog: ...") shows that title.
    // Other words before it are the headline's own ("The Best ...").
    let labelled = || {
        let heading_keys: Vec<String> = headings.iter().map(|h| title_key(h)).collect();
        candidates.iter().map(|c| strip_site_name(c, site_name)).find(|t| {
            let key = format!(" {}", title_key(t));
            key.len() > 1
                && headings.iter().zip(&heading_keys).any(|(h, heading_key)| {
                    heading_key.strip_suffix(&key).is_some_and(|label| {
                        label.split(' ').count() <= MAX_LABEL_WORDS
                            && (has_ascii_digit(label)
                                || h.split_once(':').is_some_and(|(before, _)| title_key(before) == label))
                    })
                })
        })
    };
    // Rule "heading with lost characters": a heading whose `?`s stand
    // where a structured title has other characters ("Beginner? Guide" for
    // "Beginner's Guide", a lost encoding) shows that title, written right.
    let restored = || {
        let stripped: Vec<String> = candidates.iter().map(|c| strip_site_name(c, site_name)).collect();
        headings.iter().find_map(|h| stripped.iter().find(|t| lost_characters_of(h, t)).cloned())
    };
    // Rule "heading nearly confirmed": the heading that holds every word of
    // a structured title and a few more ("... Calculators in 2025" for
    // "... Calculators 2025") is the headline, among other headings.
    let nearly_confirmed = || {
        let keys: Vec<String> = candidates.iter().map(|c| title_key(&strip_site_name(c, site_name))).collect();
        headings
            .iter()
            .find(|h| keys.iter().any(|k| holds_title_words(h, k)))
            .map(|h| strip_heading_suffixes(h, &site_key))
    };
    confirmed
        .map(|h| strip_heading_suffixes(h, &site_key))
        .or_else(restored)
        .or_else(labelled)
        .or_else(nearly_confirmed)
        .or_else(|| in_article().filter(related))
        .or_else(|| only_heading().filter(related))
        .or_else(|| candidates.first().map(|c| without_logo(&strip_site_name(c, site_name), &elements.h1s)))
        .or_else(|| headings.first().cloned())
}

/// Whether an `<h1>` is the site's logo: in the site banner (a header with
/// the navigation, outside any article) or a link to the home page.
fn is_logo_heading(h: ElementRef) -> bool {
    static NAV: LazyLock<Selector> = LazyLock::new(|| selector("nav"));
    static LINK: LazyLock<Selector> = LazyLock::new(|| selector("a[href]"));
    static HOME_PAGE: LazyLock<Regex> = LazyLock::new(|| regex(r"^(?:https?:)?//[^/]+/?$"));
    let mut in_header = false;
    for a in h.ancestors().filter_map(ElementRef::wrap) {
        match a.value().name() {
            "article" | "main" => return false,
            "nav" => in_header = true,
            "header" => in_header |= a.select(&NAV).next().is_some(),
            _ => in_header |= a.value().attribute(&local_name!("role")) == Some("banner"),
        }
    }
    let links_home = h.select(&LINK).any(|a| {
        let href = a.value().attribute(&local_name!("href")).unwrap_or("");
        href == "/" || HOME_PAGE.is_match(href)
    });
    in_header || links_home
}

/// A title without the site's name its logo heading shows, run into the
/// title with no separator ("example.com Vibe Coding").
fn without_logo(title: &str, h1s: &[ElementRef]) -> String {
    let logos = h1s.iter().copied().filter(|h| is_logo_heading(*h)).map(element_text);
    let rest = logos.filter(|logo| !logo.is_empty()).find_map(|logo| {
        title.strip_prefix(logo.as_str()).and_then(|rest| rest.strip_prefix(' ')).filter(|rest| !rest.is_empty())
    });
    rest.unwrap_or(title).to_string()
}

/// Lower-cased words of a title, for comparing titles that differ in
/// punctuation, case or spacing.
pub(super) fn title_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Most words a heading adds to a structured title it otherwise holds
/// and still counts as showing it.
const MAX_ADDED_WORDS: usize = 2;

/// Whether `heading` begins as the title `key` (as [`title_key`] gives it)
/// does and holds every word of it, in any order, and at most
/// [`MAX_ADDED_WORDS`] more. Words added before the title are a label
/// ("Title: ...", "Blog: ..."), not the headline's.
fn holds_title_words(heading: &str, key: &str) -> bool {
    let heading_key = title_key(heading);
    let mut words: Vec<&str> = heading_key.split(' ').collect();
    let title_words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    if title_words.first() != words.first() {
        return false;
    }
    let all_held =
        title_words.iter().all(|w| words.iter().position(|h| h == w).map(|i| words.swap_remove(i)).is_some());
    all_held && words.len() <= MAX_ADDED_WORDS
}

/// Whether `heading` is `title` with characters lost: each `?` (or U+FFFD)
/// of the heading stands for one to three characters of the title, and the
/// rest is the same.
fn lost_characters_of(heading: &str, title: &str) -> bool {
    const LOST: [char; 2] = ['?', '\u{FFFD}'];
    if !heading.contains(LOST) || heading == title {
        return false;
    }
    let pattern: String = heading
        .chars()
        .map(|c| if LOST.contains(&c) { ".{1,3}".to_string() } else { regex::escape(&c.to_string()) })
        .collect();
    Regex::new(&format!("^{pattern}$")).is_ok_and(|r| r.is_match(title))
}

/// Whether two titles share a word of four letters or more (shorter ones are
/// mostly articles and prepositions).
fn shares_word(a: &str, b: &str) -> bool {
    let key_b = title_key(b);
    let words_b: Vec<&str> = key_b.split(' ').filter(|w| w.chars().count() >= MIN_SHARED_WORD_LEN).collect();
    title_key(a).split(' ').any(|w| w.chars().count() >= MIN_SHARED_WORD_LEN && words_b.contains(&w))
}

/// Whether `title_key(text)` is `key` (a non-empty key), compared word by
/// word without building it: most texts differ in their first word.
#[inline]
pub(super) fn has_title_key(text: &str, key: &str) -> bool {
    let mut words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let mut key_words = key.split(' ');
    loop {
        match (words.next(), key_words.next()) {
            (None, None) => return true,
            (Some(word), Some(key_word)) if word.to_lowercase() == key_word => {}
            _ => return false,
        }
    }
}

/// Removes a site or section name joined to a headline by a separator: the
/// part that is the site name when it is known, else a short trailing (or
/// leading) part next to a longer headline.
fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let title = normalize_whitespace(title);
    let Some(separator) = TITLE_SEPARATORS.into_iter().find(|sep| title.contains(sep)) else {
        return title;
    };
    let parts: Vec<&str> = title.split(separator).collect();
    let site_key = site_name.map(title_key).unwrap_or_default();
    let without_site: Vec<&str> = parts.iter().copied().filter(|p| !is_site_part(p, &site_key)).collect();
    // With the site name gone, a remaining short edge part is a section name.
    let rest = if without_site.is_empty() { parts } else { without_site };
    trim_short_edges(&rest, word_count).join(separator)
}

/// Removes the suffixes a heading repeats from its page's title: the site's
/// name after any separator, and short section names after pipes. Other
/// separators in a heading are the headline's own punctuation
/// ("Zero Waste - A Beginner's Guide"); pipes are a title template's. `site_key` is the
/// site's name as [`title_key`] gives it. Rule "source note": a link
/// aggregator's note of the linked site and its comment count after the
/// headline ("... Jobs (latimes.com) 87") is not the headline's.
fn strip_heading_suffixes(heading: &str, site_key: &str) -> String {
    static SOURCE_NOTE: LazyLock<Regex> = LazyLock::new(|| regex(r"\s+\([\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\)(?:\s+\d+)?$"));
    let heading = SOURCE_NOTE.find(heading).map_or(heading, |note| &heading[..note.start()]);
    let site_suffix =
        |sep: &str| heading.rsplit_once(sep).filter(|(_, tail)| is_site_part(tail, site_key)).map(|(head, _)| head);
    let heading = TITLE_SEPARATORS.iter().find_map(|sep| site_suffix(sep)).unwrap_or(heading);
    let parts: Vec<&str> = heading.split(" | ").collect();
    trim_short_tail(&parts, word_count).join(" | ")
}

/// Whether a title part is the site's name (`site_key` as [`title_key`] gives it).
fn is_site_part(part: &str, site_key: &str) -> bool {
    let key = title_key(part);
    !site_key.is_empty() && (key == site_key || key.replace(' ', "") == site_key.replace(' ', ""))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Drops short (site- or section-like) parts from the end, then from the
/// start, while a longer headline part remains.
fn trim_short_edges<'a>(parts: &[&'a str], words: impl Fn(&str) -> usize) -> Vec<&'a str> {
    let longest = parts.iter().map(|p| words(p)).max().unwrap_or(0);
    let mut kept = trim_short_tail(parts, &words);
    while kept.len() > 1 && words(kept[0]) <= MAX_SECTION_WORDS && words(kept[0]) < longest {
        kept.remove(0);
    }
    kept
}

/// Drops short (site- or section-like) parts from the end while a longer
/// headline part remains.
fn trim_short_tail<'a>(parts: &[&'a str], words: impl Fn(&str) -> usize) -> Vec<&'a str> {
    let mut kept: Vec<&str> = parts.to_vec();
    let longest = kept.iter().map(|p| words(p)).max().unwrap_or(0);
    while let [_, .., last] = kept[..] {
        if words(last) <= MAX_SITE_NAME_WORDS && words(last) < longest {
            kept.pop();
        } else {
            break;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::super::testing::meta_of;
    use super::*;

    #[test]
    fn logo_run_into_the_title_is_dropped() {
        let html = r#"<html><head><title>bau.example Vibe Coding</title></head><body><div id="banner">
            <h1><a href="https://bau.example/">bau.example</a></h1></div><p>I let the agent write it.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Vibe Coding"));
        // Not a logo: the title keeps its words.
        let html = r#"<html><head><title>bau.example Vibe Coding</title></head><body><p>Text.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("bau.example Vibe Coding"));
    }

    #[test]
    fn title_keys_compared_word_by_word() {
        let key = title_key("Floods Close Roads");
        assert!(has_title_key("FLOODS: close roads!", &key));
        assert!(!has_title_key("Floods close", &key));
        assert!(!has_title_key("Floods close roads again", &key));
    }

    #[test]
    fn title_suffix_is_stripped() {
        let with_site = r#"<html><head><meta property="og:site_name" content="Daily Planet">
            <title>Floods close roads across the region | Daily Planet</title></head></html>"#;
        assert_eq!(meta_of(with_site, None).title.as_deref(), Some("Floods close roads across the region"));
        assert_eq!(
            strip_site_name("Floods close roads across the region - The Gazette", None),
            "Floods close roads across the region"
        );
        assert_eq!(
            strip_site_name("World | Floods close roads across the region", None),
            "Floods close roads across the region"
        );
        assert_eq!(strip_site_name("Rust 2024 - what changes", None), "Rust 2024 - what changes");
        assert_eq!(strip_site_name("A brief intro to git • Cory Dransfeldt", None), "A brief intro to git");
    }

    #[test]
    fn logo_heading_is_not_the_title() {
        let html = r#"<html><head><title>Small adventures with models - Data Blog</title></head><body>
            <header><h1><a href="https://blog.example/">Data Blog</a></h1><nav>Home</nav></header>
            <h3>Small adventures with models</h3></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Small adventures with models"));
    }

    #[test]
    fn heading_loses_the_title_suffixes_it_repeats() {
        let html = r#"<html><head><title>How meditation rewires brains and improves physical health | Opinion</title></head>
            <body><h1>How meditation rewires brains and improves physical health | Opinion</h1><p>Sit still.</p></body></html>"#;
        assert_eq!(
            meta_of(html, None).title.as_deref(),
            Some("How meditation rewires brains and improves physical health")
        );
        let html = r#"<html><head><meta property="og:site_name" content="Artlyst">
            <title>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst - Artlyst</title></head>
            <body><h1>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst</h1><p>Ten shows.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Critics’ Choice: Best UK Art Exhibitions 2025"));
        // A dash in a heading is the headline's own.
        let html = r#"<html><head><title>Transitioning to a plant-based diet – tips and tricks | Parkview Health</title></head>
            <body><h1>Transitioning to a plant-based diet – tips and tricks</h1><p>Start slowly.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Transitioning to a plant-based diet – tips and tricks"));
    }

    #[test]
    fn heading_with_a_date_or_label_before_the_title_shows_the_title() {
        let html = r#"<html><head><title>Preparing a transition in Debusine | Colin Watson's blog</title></head>
            <body><main><h1><span>Dec 18 2025</span> Preparing a transition in Debusine</h1><p>Debian's tooling.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Preparing a transition in Debusine"));
        let html = r#"<html><head><meta property="og:title" content="Best Social Media Advertising Agencies in 2025"></head>
            <body><main><h1>Blog: Best Social Media Advertising Agencies in 2025</h1><p>Ranked.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Best Social Media Advertising Agencies in 2025"));
        // "The" is the headline's own word, not a label.
        let html = r#"<html><head><title>Best Home Security Cameras of 2026 | Security.org</title></head>
            <body><main><h1>The Best Home Security Cameras of 2026</h1><p>Tested.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("The Best Home Security Cameras of 2026"));
    }

    #[test]
    fn heading_with_lost_characters_shows_the_title() {
        let html = r#"<html><head><meta property="og:title" content="Event Planning: A Beginner&#x27;s Guide"></head>
            <body><main><h1>Event Planning? A Beginner? Guide</h1><p>Start with a budget.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Event Planning: A Beginner's Guide"));
        // A question mark of the headline's own is kept.
        assert!(!lost_characters_of("Is Rust Fast?", "Is Rust Fast?"));
        assert!(!lost_characters_of("Is Rust Fast?", "Is Rust Fast? A Benchmark"));
    }

    #[test]
    fn heading_holding_the_title_and_a_word_more_is_the_headline() {
        let html = r#"<html><head><title>A Guide to Retirement Calculators 2025 | Money Blog</title></head><body>
            <div class="hero"><h1>A Guide to Retirement Calculators in 2025</h1></div><p>Calculators differ.</p>
            <div class="modal"><h1>Free Email Course</h1></div></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("A Guide to Retirement Calculators in 2025"));
        assert!(holds_title_words("Retirement Calculators in 2025", "retirement calculators 2025"));
        // A label before the title, or many words more, is not the title shown.
        assert!(!holds_title_words("Title: Retirement Calculators", "retirement calculators"));
        assert!(!holds_title_words("Retirement Calculators and how to use them", "retirement calculators"));
    }

    #[test]
    fn paragraph_set_as_a_heading_is_not_the_title() {
        let teaser = "Learn which home renovations pay back the most? Get expert tips on how to calculate the return \
            of a renovation, room by room. We will help you learn everything you need to know about the value of your next \
            home renovation project.";
        let html = format!(
            r#"<html><head><title>The 10 Best Renovation Projects of 2023 | Reno</title></head>
            <body><main><h1>{teaser}</h1><p>Kitchens first.</p></main></body></html>"#
        );
        assert!(teaser.chars().count() > MAX_HEADLINE_LEN);
        assert_eq!(meta_of(&html, None).title.as_deref(), Some("The 10 Best Renovation Projects of 2023"));
    }

    #[test]
    fn source_note_after_the_headline_is_dropped() {
        let html = r#"<html><head><title>Graduates Find Degrees No Longer Guarantee Jobs - Aggregator</title></head>
            <body><h1><a href="/story/1">Graduates Find Degrees No Longer Guarantee Jobs</a> <span>(news.example.com)</span>
            <span>87</span></h1><p>Posted by an editor.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Graduates Find Degrees No Longer Guarantee Jobs"));
        // A parenthesis of the headline's own stays.
        assert_eq!(strip_heading_suffixes("Scaling Postgres (Part 2)", ""), "Scaling Postgres (Part 2)");
    }

    #[test]
    fn section_heading_is_not_the_title() {
        let html = r#"<html><head><title>Babies Who Eat Peanuts Early May Avoid Allergy</title></head><body>
            <main><h1>Allergies Health Center</h1><p>Feeding peanut products early may help.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Babies Who Eat Peanuts Early May Avoid Allergy"));
        // A heading worded apart from the metadata's title, sharing its words, is the headline shown.
        let html = r#"<html><head><title>Affordable food: Nutrition for low-income families | Arla Foods</title></head>
            <body><main><h1>Affordable nutrition</h1><p>Milk proteins are cheap.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Affordable nutrition"));
    }
}
