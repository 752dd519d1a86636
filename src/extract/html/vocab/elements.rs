//! What an element's class, id, role and attributes say about it: page
//! chrome or the article, shown or hidden.

use crate::extract::attribute::AttributeByName;
use crate::extract::lexicon::class_names::{
    ASIDE_LINE_PARTS, AUTHOR_PARTS, CHROME_ROLES, CHROME_TOKENS, CONTENT_WORDS, METADATA_TOKENS, SIDEBAR_LAYOUT_FLAGS,
    STANDFIRST_PARTS, STRONG_CHROME, UNSEEN_TEXT, WEAK_CHROME,
};
use aho_corasick::{AhoCorasick, MatchKind};
use html5ever::local_name;
use scraper::node::Element;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the class and id of an element say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Page chrome regardless of any content word.
    StrongChrome,
    /// Chrome unless a content word is also present.
    Chrome,
    Content,
    Neutral,
}

/// Fewest words of an id made from a heading's text.
const MIN_SLUG_WORDS: usize = 5;

/// Whether an id is a heading's text made into an anchor
/// ("getting-into-trouble-with-shared-mutable-history"): its words are the
/// section's topic, not the box's role, so they say nothing of chrome.
/// Template ids name a role in a word or three ("related-posts"), generated
/// ids are mostly hex ("w-node-fa5d3b28-6222").
fn is_heading_slug(id: &str) -> bool {
    id.split(['-', '_']).filter(|w| !w.is_empty() && w.chars().all(|c| c.is_alphabetic())).count() >= MIN_SLUG_WORDS
}

/// Lower-cased class and id of an element, joined by a space; an id made
/// from a heading is left out.
fn class_and_id(el: &Element) -> String {
    let mut s = String::new();
    if let Some(c) = el.attribute(&local_name!("class")) {
        s.push_str(c);
    }
    if let Some(id) = el.attribute(&local_name!("id")).filter(|id| !is_heading_slug(id)) {
        s.push(' ');
        s.push_str(id);
    }
    s.make_ascii_lowercase();
    s
}

/// What the class and id of a page's elements say, each distinct class and
/// id judged once: list items, cards and menu entries repeat theirs, and
/// the judging scans the names for every fragment.
#[derive(Default)]
pub struct ClassSignals {
    judged: HashMap<String, Signal>,
}

impl ClassSignals {
    /// What an element's class and id say about it.
    pub fn of(&mut self, el: &Element) -> Signal {
        if el.attribute(&local_name!("class")).is_none() && el.attribute(&local_name!("id")).is_none() {
            return Signal::Neutral;
        }
        let names = class_and_id(el);
        if let Some(&signal) = self.judged.get(&names) {
            return signal;
        }
        let signal = classify_names(&names);
        self.judged.insert(names, signal);
        signal
    }
}

#[derive(Clone, Copy)]
enum Fragment {
    Strong,
    Weak,
    Content,
}

/// Every fragment in one automaton, so one scan over the names finds all
/// of them (this runs on most elements of every page).
struct Fragments {
    automaton: AhoCorasick,
    /// By pattern id: the fragment and its kind.
    kinds: Vec<(&'static str, Fragment)>,
}

static FRAGMENTS: LazyLock<Fragments> = LazyLock::new(|| {
    let lists = [(STRONG_CHROME, Fragment::Strong), (WEAK_CHROME, Fragment::Weak), (CONTENT_WORDS, Fragment::Content)];
    let kinds: Vec<(&'static str, Fragment)> =
        lists.iter().flat_map(|&(list, kind)| list.iter().map(move |&w| (w, kind))).collect();
    // Overlapping matches need the standard match kind.
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(kinds.iter().map(|(w, _)| w))
        .unwrap_or_else(|e| panic!("the class/id fragment lists make no automaton: {e}"));
    Fragments { automaton, kinds }
});

fn classify_names(names: &str) -> Signal {
    // An embedded social post is quoted in the article's text, whatever
    // chrome words ("social", "media") its name holds.
    if names.contains("embed") && names.split_ascii_whitespace().any(is_embedded_post) {
        return Signal::Neutral;
    }
    let fragments = &*FRAGMENTS;
    let bytes = names.as_bytes();
    let (mut strong, mut weak, mut content) = (false, false, false);
    for found in fragments.automaton.find_overlapping_iter(names) {
        let (w, kind) = fragments.kinds[found.pattern().as_usize()];
        let at = found.start();
        match kind {
            // "commentary" and "comments-count" wrappers hold opinion and article text.
            // A "read more" wrapper around an FAQ answer holds the answer
            // itself, collapsed until the reader opens it.
            Fragment::Strong if w.starts_with("read") && names.contains("answer") => {}
            // A flag of the main column's layout, not a sidebar.
            Fragment::Strong if w == "sidebar" && is_sidebar_layout_flag(bytes, at) => {}
            Fragment::Strong => strong |= !(w == "comment" && bytes[at..].starts_with(b"commentar")),
            // "overflow-hidden" (CSS utility classes) clips a box's edges; the box is shown.
            Fragment::Weak if w == "hidden" && is_overflow_utility(bytes, at) => {}
            Fragment::Weak => weak = true,
            Fragment::Content if is_text_utility(bytes, at) => {}
            Fragment::Content => content = true,
        }
    }
    // A writer's box is dropped whatever part of the post it names.
    strong |= names.split_ascii_whitespace().any(names_author_part);
    for token in names.split(|c: char| !c.is_ascii_alphanumeric()) {
        strong |= CHROME_TOKENS.contains(&token);
        weak |= METADATA_TOKENS.contains(&token);
    }
    // "skip" alone names a skip-link box; as a part ("skip-item") it does not.
    strong |= names.split_whitespace().any(|name| name == "skip");
    if strong {
        Signal::StrongChrome
    } else if weak && !content {
        Signal::Chrome
    } else if content {
        Signal::Content
    } else {
        Signal::Neutral
    }
}

/// Whether a class name names the writer's part of a box ("post-author",
/// "article__author__info", "blog--author--desc"): a later part of the
/// name, or the whole name. A first part of a longer name is the writer's
/// slug that templates set on the article itself ("author-jdoe").
fn names_author_part(name: &str) -> bool {
    let mut parts = name.split(['-', '_']).filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return false;
    };
    let mut later = parts.peekable();
    match later.peek() {
        None => AUTHOR_PARTS.contains(&first),
        Some(_) => later.any(|p| AUTHOR_PARTS.contains(&p)),
    }
}

/// Whether the class name holding byte `at` is an `overflow-…` utility
/// (`overflow-hidden`, `overflow-x-hidden`).
fn is_overflow_utility(names: &[u8], at: usize) -> bool {
    class_name_at(names, at).starts_with(b"overflow")
}

/// Whether the class name holding byte `at` is a CSS utility that sets the
/// look of text ("text-center", "text-base", "text-gray-900"), which
/// names no part of the page.
fn is_text_utility(names: &[u8], at: usize) -> bool {
    let starts_name = at == 0 || names[at - 1].is_ascii_whitespace();
    starts_name && names[at..].starts_with(b"text-")
}

/// The whitespace-separated class name of `names` that holds byte `at`.
fn class_name_at(names: &[u8], at: usize) -> &[u8] {
    let start = names[..at].iter().rposition(|b| b.is_ascii_whitespace()).map_or(0, |i| i + 1);
    let end = names[at..].iter().position(|b| b.is_ascii_whitespace()).map_or(names.len(), |i| at + i);
    &names[start..end]
}

/// Whether a class name names an embedded social post ("social-media-embed",
/// "embed-social"): a quoted tweet set in the article's text, not the
/// page's share or follow buttons.
fn is_embedded_post(name: &str) -> bool {
    name.contains("social") && name.contains("embed")
}

/// Whether the class name holding byte `at` is a [`SIDEBAR_LAYOUT_FLAGS`] flag.
fn is_sidebar_layout_flag(names: &[u8], at: usize) -> bool {
    let name = class_name_at(names, at);
    SIDEBAR_LAYOUT_FLAGS.iter().any(|flag| name.windows(flag.len()).any(|w| w == flag.as_bytes()))
}

/// Whether an element's class or id hides its text from the page (CSS
/// `overflow-hidden` utilities only clip a box's edges).
pub fn names_unseen_text(el: &Element) -> bool {
    class_and_id(el)
        .split_ascii_whitespace()
        .any(|name| !name.starts_with("overflow") && UNSEEN_TEXT.iter().any(|w| name.contains(w)))
}

/// Whether an element's class names it a standfirst ("post-excerpt",
/// "entry__subtitle", "p-dek").
pub fn names_standfirst(el: &Element) -> bool {
    class_has_part(el, STANDFIRST_PARTS)
}

/// Whether an element's class names a caption, a credit, a label or a
/// byline ("caption-text", "article-byline"): lines set apart from the text.
pub fn names_aside_line(el: &Element) -> bool {
    class_has_part(el, ASIDE_LINE_PARTS)
}

/// Whether one of the alphanumeric parts of an element's class is in `parts`.
fn class_has_part(el: &Element, parts: &[&str]) -> bool {
    el.attribute(&local_name!("class")).is_some_and(|c| {
        c.to_ascii_lowercase().split(|ch: char| !ch.is_ascii_alphanumeric()).any(|p| parts.contains(&p))
    })
}

/// ARIA landmark roles of page chrome.
pub fn is_chrome_role(el: &Element) -> bool {
    el.attribute(&local_name!("role")).is_some_and(|role| CHROME_ROLES.contains(&role))
}

/// How a page hides an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hiding {
    /// Collapsed (`hidden`, `aria-hidden`, `display: none`): accordions and
    /// tabs fold article text so until the reader opens them.
    Collapsed,
    /// Laid out but not shown (`visibility: hidden`): no reader opens it.
    Invisible,
}

/// How the page hides an element, if it does.
pub fn hiding(el: &Element) -> Option<Hiding> {
    if el.attribute(&local_name!("hidden")).is_some() || el.attribute(&local_name!("aria-hidden")) == Some("true") {
        return Some(Hiding::Collapsed);
    }
    let style: String = el
        .attribute(&local_name!("style"))?
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if style.contains("display:none") {
        Some(Hiding::Collapsed)
    } else if style.contains("visibility:hidden") {
        Some(Hiding::Invisible)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_vocabulary() {
        assert_eq!(classify_names("comment-body"), Signal::StrongChrome);
        assert_eq!(classify_names("site-header"), Signal::Chrome);
        assert_eq!(classify_names("article-header entry-content"), Signal::Content);
        assert_eq!(classify_names("commentary-text"), Signal::Content);
        assert_eq!(classify_names("commentary comment-list"), Signal::StrongChrome);
        assert_eq!(classify_names("ad"), Signal::StrongChrome);
        assert_eq!(classify_names("header-ad-slot"), Signal::StrongChrome);
        assert_eq!(classify_names("post-date"), Signal::Content);
        assert_eq!(classify_names("date"), Signal::Chrome);
        assert_eq!(classify_names("shadow-box"), Signal::Neutral);
        assert_eq!(classify_names("content-nav-section"), Signal::Content);
        assert_eq!(classify_names("skip-item"), Signal::Neutral);
        assert_eq!(classify_names("skiplink-wrapper"), Signal::StrongChrome);
        assert_eq!(classify_names("kt-accordion-panel kt-accordion-panel-hidden"), Signal::Content);
        assert_eq!(classify_names("col-span-2 overflow-hidden app-description"), Signal::Neutral);
        assert_eq!(classify_names("relative overflow-x-hidden"), Signal::Neutral);
        assert_eq!(classify_names("overflow-hidden promo-hidden"), Signal::StrongChrome);
        assert_eq!(classify_names("whitespace-nowrap hidden"), Signal::Chrome);
        assert_eq!(classify_names(""), Signal::Neutral);
        assert_eq!(classify_names("video-js vjs-paused vjs-controls-enabled"), Signal::StrongChrome);
        assert_eq!(classify_names("mejs-controls"), Signal::StrongChrome);
        assert_eq!(classify_names("readmoreanswer_answertextwrapper__9j8v_"), Signal::Content);
        assert_eq!(classify_names("read-more-link"), Signal::StrongChrome);
        assert_eq!(classify_names("blog-article__main sidebar-enabled--false container"), Signal::Content);
        assert_eq!(classify_names("site-content with-sidebar"), Signal::Content);
        assert_eq!(classify_names("widget-area sidebar is-right-sidebar"), Signal::StrongChrome);
        assert_eq!(classify_names("post-author"), Signal::StrongChrome);
        assert_eq!(classify_names("article__author__info"), Signal::StrongChrome);
        assert_eq!(classify_names("author"), Signal::StrongChrome);
        assert_eq!(classify_names("author-mlopez entry-content"), Signal::Content);
        assert_eq!(classify_names("legal-disclaimer"), Signal::Chrome);
        assert_eq!(classify_names("img-caption text-center"), Signal::Chrome);
        assert_eq!(classify_names("text-center"), Signal::Neutral);
        assert_eq!(classify_names("richtext caption"), Signal::Content);
        // An embedded social post is quoted in the text; share buttons are chrome.
        assert_eq!(classify_names("social-media-embed"), Signal::Neutral);
        assert_eq!(classify_names("social-links embed-wrapper"), Signal::StrongChrome);
        assert_eq!(classify_names("social"), Signal::StrongChrome);
    }

    #[test]
    fn class_signals_judge_each_class_and_id_once() {
        let doc = scraper::Html::parse_fragment(
            r#"<div class="Related-Posts">a</div><div class="related-posts">b</div><div id=story>c</div><div>d</div>"#,
        );
        let selector = scraper::Selector::parse("div").unwrap();
        let mut signals = ClassSignals::default();
        let got: Vec<Signal> = doc.select(&selector).map(|d| signals.of(d.value())).collect();
        assert_eq!(got, [Signal::StrongChrome, Signal::StrongChrome, Signal::Content, Signal::Neutral]);
        // Lower-cased, the two class names are one.
        assert_eq!(signals.judged.len(), 2);
    }

    #[test]
    fn hiding_by_attribute_and_inline_style() {
        let doc = scraper::Html::parse_fragment(
            "<div hidden>a</div><div aria-hidden=\"true\">b</div><div style=\"display: none\">c</div>\
             <div style=\"Visibility: Hidden;\">d</div><div style=\"color: red\">e</div><div aria-hidden=\"false\">f</div>",
        );
        let selector = scraper::Selector::parse("div").unwrap();
        let got: Vec<Option<Hiding>> = doc.select(&selector).map(|d| hiding(d.value())).collect();
        let (c, i) = (Some(Hiding::Collapsed), Some(Hiding::Invisible));
        assert_eq!(got, [c, c, c, i, None, None]);
    }

    #[test]
    fn ids_made_from_headings() {
        assert!(is_heading_slug("getting-into-trouble-with-shared-mutable-history"));
        assert!(is_heading_slug("more-on-car-repair-maintenance-related-articles-text"));
        assert!(is_heading_slug("A_Alignment_with_Customers_Menu_and_Pricing"));
        assert!(!is_heading_slug("related-posts-wrapper"));
        assert!(!is_heading_slug("w-node-fa5d3b28-6222-4f5a-b5a4-0b1e4c2a9d11"));
    }
}
