//! Vocabulary signals: class/id/role words of page chrome and of article
//! content (in several languages), hidden elements, boilerplate phrases.

use std::sync::LazyLock;

use crate::extract::lexicon::bylines::{BYLINE_JOINERS, BYLINE_OPENINGS, NAME_PARTICLES};
use crate::extract::lexicon::chrome::{
    AFFILIATE_PHRASES, BUTTON_LABELS, CALLS_TO_ACTION, CONSENT_PHRASES, FOLLOW_ASKS, FURNITURE_PREFIXES,
    NEWSLETTER_ASKS, POINTER_PREFIXES, SOCIAL_NETWORKS,
};
use crate::extract::lexicon::class_names::{
    AUTHOR_PARTS, CHROME_ROLES, CHROME_TOKENS, CONTENT_WORDS, METADATA_TOKENS, SIDEBAR_LAYOUT_FLAGS, STANDFIRST_PARTS,
    STRONG_CHROME, UNSEEN_TEXT, WEAK_CHROME,
};
use crate::extract::lexicon::dates::{DATE_STAMPS, MONTH_NAMES, NUMBER_SUFFIXES};
use crate::extract::lexicon::headings::{AUTHOR_HEADINGS, BARE_AUTHOR_HEADINGS, RELATED_HEADINGS, TOC_HEADINGS};
use aho_corasick::{AhoCorasick, MatchKind};
use scraper::node::Element;

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
    if let Some(c) = el.attr("class") {
        s.push_str(c);
    }
    if let Some(id) = el.attr("id").filter(|id| !is_heading_slug(id)) {
        s.push(' ');
        s.push_str(id);
    }
    s.make_ascii_lowercase();
    s
}

/// What an element's class and id say about it.
pub fn classify(el: &Element) -> Signal {
    if el.attr("class").is_none() && el.attr("id").is_none() {
        return Signal::Neutral;
    }
    classify_names(&class_and_id(el))
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
    el.attr("class").is_some_and(|c| {
        c.to_ascii_lowercase().split(|ch: char| !ch.is_ascii_alphanumeric()).any(|p| STANDFIRST_PARTS.contains(&p))
    })
}

/// ARIA landmark roles of page chrome.
pub fn is_chrome_role(el: &Element) -> bool {
    el.attr("role").is_some_and(|role| CHROME_ROLES.contains(&role))
}

/// Elements the page does not show.
pub fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    match el.attr("style") {
        Some(style) => {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        }
        None => false,
    }
}

/// Whether a line (`lower`, lower-cased) points to another story.
fn is_pointer_line(lower: &str) -> bool {
    POINTER_PREFIXES.iter().any(|p| starts_with_words(lower, p))
}

/// Longest line judged as a copyright notice, and as a newsletter pitch, in chars.
const MAX_NOTICE_LEN: usize = 300;
const MAX_PITCH_LEN: usize = 200;

/// Whether a block's text is page furniture rather than article text.
pub fn is_boilerplate(text: &str) -> bool {
    let len = text.chars().count();
    if len > MAX_NOTICE_LEN {
        return false;
    }
    let lower = text.to_lowercase();
    if is_site_notice(&lower) {
        return true;
    }
    len <= 120
        && (FURNITURE_PREFIXES.iter().any(|p| starts_with_words(&lower, p))
            || is_pointer_line(&lower)
            || is_furniture_line(text)
            || is_call_to_action(&lower)
            || is_social_follow_line(&lower)
            || is_dateline(&lower)
            || is_byline(text)
            || is_timecode_line(text))
}

/// Longest byline, in chars.
const MAX_BYLINE_LEN: usize = 100;

/// Whether a line names the writer ("By Jane Doe", "By Jane Doe | March 12,
/// 2025", "by JANE DOE on Jan 22, 2025"): after the opening, every word is
/// capitalised, a number or a joiner ("and", "on"), with a name first. A
/// sentence that opens with "By" goes on in lower-case words ("By knowing
/// your users, ...") or labels a table's row ("By changesets").
fn is_byline(text: &str) -> bool {
    if text.chars().count() > MAX_BYLINE_LEN {
        return false;
    }
    let lower = text.to_lowercase();
    let Some(opening) = BYLINE_OPENINGS.iter().find(|o| starts_with_words(&lower, o)) else {
        return false;
    };
    let rest = text.get(opening.len()..).unwrap_or("").trim_start_matches([':', ' ']);
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    first.starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            let c = w.chars().next().unwrap_or(' ');
            let lower = w.to_lowercase();
            c.is_uppercase()
                || !c.is_alphabetic()
                || BYLINE_JOINERS.contains(&lower.as_str())
                || NAME_PARTICLES.contains(&lower.as_str())
        })
}

/// Whether a line (`lower`, lower-cased) asks the reader to follow the
/// site on social networks ("Follow Newsbeat on Instagram, Facebook,
/// Twitter and YouTube."): naming two networks sets it apart from a
/// sentence about following a company on one.
fn is_social_follow_line(lower: &str) -> bool {
    starts_with_words(lower, "follow") && SOCIAL_NETWORKS.iter().filter(|n| lower.contains(*n)).count() >= 2
}

/// Whether a line (`lower`, lower-cased) asks the reader, anywhere in it, to
/// follow the writer on a social network ("Want more plant tips? Let's hang
/// out on Instagram!", "... and follow us on LinkedIn to stay up to date"):
/// the ask names the network right after "me" or "us", while a sentence
/// about someone's account does not ask ("Silverman is on Twitter").
fn is_follow_ask(lower: &str) -> bool {
    FOLLOW_ASKS.iter().any(|ask| {
        lower.match_indices(ask).any(|(at, _)| {
            let rest = lower[at + ask.len()..].trim_start();
            SOCIAL_NETWORKS.iter().any(|n| rest.starts_with(n))
        })
    })
}

/// Longest dateline or reading-time line, in chars.
const MAX_DATELINE_LEN: usize = 80;

/// A line that only dates the page or times its reading ("Published June
/// 23, 2025 10:39AM", "15 Dec, 2025", "Team | 5 min read"); `lower` is
/// lower-cased. The metadata holds the date; the body does not repeat it.
fn is_dateline(lower: &str) -> bool {
    if lower.chars().count() > MAX_DATELINE_LEN || !lower.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // A stamp's date may be followed by its author ("... by Jane Doe").
    let stamped =
        DATE_STAMPS.iter().find_map(|p| lower.strip_prefix(p)).map(|rest| rest.split(" by ").next().unwrap_or(rest));
    // Unstamped, only a month name tells a date from a table's figures.
    let dated = match stamped {
        Some(date) => is_date_only(date),
        None => is_date_only(lower) && lower.split(|c: char| !c.is_alphanumeric()).any(is_month),
    };
    dated || lower.contains("min read")
}

/// Whether a word is a month's name or the start of one ("dec", "sept"), in
/// any language of [`MONTH_NAMES`].
fn is_month(word: &str) -> bool {
    word.len() >= 3 && MONTH_NAMES.iter().copied().flatten().any(|m| m.starts_with(word))
}

/// Whether a text is only a date and time: numbers, month names, am/pm.
fn is_date_only(text: &str) -> bool {
    let mut words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
    words.peek().is_some()
        && words.all(|w| {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            (!digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (suffix.is_empty() || NUMBER_SUFFIXES.contains(&suffix)))
                || is_month(w)
        })
}

/// Whether `lower` starts with `prefix` ending at a word boundary: "share on"
/// is not the start of "share one thing".
fn starts_with_words(lower: &str, prefix: &str) -> bool {
    lower
        .strip_prefix(prefix)
        .is_some_and(|rest| !prefix.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric))
}

/// Longest call to action, in chars: longer lines are article sentences.
const MAX_CALL_TO_ACTION_LEN: usize = 60;

/// Whether a heading is page furniture: a button label, a call to action, a
/// dateline, an ad's title ("Advertisement: ...", "... (Sponsored)"), a
/// table of contents' title or a pointer to another story ("Read more: ...").
pub fn is_furniture_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    is_furniture_line(text)
        || is_call_to_action(&lower)
        || is_dateline(&lower)
        || starts_with_words(&lower, "advertisement")
        || lower.ends_with("(sponsored)")
        || is_toc_heading(&lower)
        || (lower.chars().count() <= MAX_POINTER_HEADING_LEN && is_pointer_line(&lower))
}

/// Whether a heading titles the site's own pitch rather than a part of the
/// article: an ad ("Advertisement: ...", "... (Sponsored)") or a call to
/// action ("Join our newsletter", "Talk to our experts"). A line that only
/// names a newsletter ("My newsletter has:") is not one, nor a bare button
/// label ("Subscribe"), which stands alone.
pub fn is_promo_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    (opens_call_to_action(&lower) && !is_furniture_line(text))
        || starts_with_words(&lower, "advertisement")
        || lower.ends_with("(sponsored)")
}

/// Longest heading judged as a pointer to another story, in chars.
const MAX_POINTER_HEADING_LEN: usize = 120;

/// Whether a heading (`lower`, lower-cased) titles a table of contents.
fn is_toc_heading(lower: &str) -> bool {
    TOC_HEADINGS.contains(&lower.trim_end_matches([':', '.']).trim_end())
}

/// Whether a short line (`lower`, lower-cased) asks the reader to sign up,
/// subscribe or get in touch rather than telling the story.
fn is_call_to_action(lower: &str) -> bool {
    opens_call_to_action(lower) || (lower.chars().count() <= MAX_CALL_TO_ACTION_LEN && lower.contains("newsletter"))
}

/// Whether a short line (`lower`, lower-cased) opens as a call to action
/// ("Join our ...", "Contact us").
fn opens_call_to_action(lower: &str) -> bool {
    lower.chars().count() <= MAX_CALL_TO_ACTION_LEN && CALLS_TO_ACTION.iter().any(|p| starts_with_words(lower, p))
}

/// Whether a whole line is a button or link label ("Subscribe", "Share",
/// "Contact us"), as a paragraph or as a heading.
fn is_furniture_line(text: &str) -> bool {
    if text.len() > 30 {
        return false;
    }
    let lower = text.to_lowercase();
    BUTTON_LABELS.contains(&lower.trim_end_matches(['!', '.', ':', '»', '›', '→', '…']).trim_end())
}

/// A site's copyright line, newsletter pitch or affiliate disclosure anywhere
/// in a short block ("The contents of this site are ©2019 ...", "Get the
/// latest updates right in your inbox. Subscribe to our newsletters.", "We may
/// earn a commission from links on this page"); `lower` is lower-cased.
/// A bare "©" is often a photo credit inside article text, so the sign
/// counts only before a year.
fn is_site_notice(lower: &str) -> bool {
    let copyright = lower.contains("all rights reserved")
        || lower.match_indices('©').any(|(at, sign)| {
            let year = lower[at + sign.len()..].trim_start();
            year.len() >= 4 && year.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        });
    let follow_ask = lower.chars().count() <= MAX_PITCH_LEN && is_follow_ask(lower);
    copyright || is_newsletter_pitch(lower) || follow_ask || is_affiliate_disclosure(lower) || is_consent_line(lower)
}

/// A newsletter's sign-up pitch ("Get the latest updates right in your
/// inbox. Subscribe to our newsletters."); `lower` is lower-cased.
fn is_newsletter_pitch(lower: &str) -> bool {
    lower.chars().count() <= MAX_PITCH_LEN
        && lower.contains("newsletter")
        && NEWSLETTER_ASKS.iter().any(|w| lower.contains(w))
}

/// Whether a block is the notice of a sign-up form: its newsletter pitch
/// or its consent line ("By signing up, you agree to ...").
pub fn is_signup_notice(text: &str) -> bool {
    let lower = text.to_lowercase();
    is_newsletter_pitch(&lower) || is_consent_line(&lower)
}

/// A sign-up form's consent notice ("By signing up, you agree to receive
/// ...", "By clicking Sign Me Up, you confirm you are 16+ ..."); `lower`
/// is lower-cased.
fn is_consent_line(lower: &str) -> bool {
    lower.starts_with("by ") && CONSENT_PHRASES.iter().any(|p| lower.contains(p))
}

fn is_affiliate_disclosure(lower: &str) -> bool {
    lower.chars().count() <= MAX_PITCH_LEN
        && (lower.contains("qualifying purchases")
            || (lower.contains("commission") && AFFILIATE_PHRASES.iter().any(|p| lower.contains(p))))
}

/// Whether a heading introduces an author's bio rather than a part of the
/// article. A bare "About" (or "About me") under a post heads the writer's
/// bio; "About the deal" is the article's.
pub fn is_author_heading(text: &str) -> bool {
    if text.chars().count() > 60 {
        return false;
    }
    let lower = text.to_lowercase();
    AUTHOR_HEADINGS.iter().any(|h| lower.starts_with(h))
        || BARE_AUTHOR_HEADINGS.contains(&lower.trim_end_matches([':', '.']).trim_end())
}

/// Whether a heading introduces links to other stories rather than a part
/// of the article.
pub fn is_related_heading(text: &str) -> bool {
    if text.chars().count() > 60 {
        return false;
    }
    let lower = text.to_lowercase();
    RELATED_HEADINGS.iter().any(|h| starts_with_words(&lower, h))
}

/// Whether a sentence, anywhere in it, offers links to other stories ("If
/// you liked this post you might also like:").
pub fn mentions_related_stories(text: &str) -> bool {
    let lower = text.to_lowercase();
    RELATED_HEADINGS.iter().any(|h| lower.contains(h))
}

/// A media player's time line such as "0:00 0:02:21 0:00".
fn is_timecode_line(text: &str) -> bool {
    let mut any = false;
    for token in text.split_whitespace() {
        let is_time = token.contains(':')
            && token
                .split(':')
                .all(|part| !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()));
        if !is_time && token != "/" {
            return false;
        }
        any |= is_time;
    }
    any
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
    }

    #[test]
    fn bylines() {
        assert!(is_byline("By Maria Lopez | March 12, 2025"));
        assert!(is_byline("by JANE DOE on Jan 22, 2025"));
        assert!(is_byline("Written by Tom Baker and Ana de la Cruz"));
        assert!(is_byline("By: Acme Research Team"));
        assert!(!is_byline("By knowing your users, you can tailor the app to their needs."));
        assert!(!is_byline("By changesets"));
        assert!(!is_byline("By 2030, emissions must fall by half."));
        assert!(!is_byline("By"));
    }

    #[test]
    fn ids_made_from_headings() {
        assert!(is_heading_slug("getting-into-trouble-with-shared-mutable-history"));
        assert!(is_heading_slug("more-on-car-repair-maintenance-related-articles-text"));
        assert!(is_heading_slug("A_Alignment_with_Customers_Menu_and_Pricing"));
        assert!(!is_heading_slug("related-posts-wrapper"));
        assert!(!is_heading_slug("w-node-fa5d3b28-6222-4f5a-b5a4-0b1e4c2a9d11"));
    }

    #[test]
    fn author_headings() {
        assert!(is_author_heading("About the Authors"));
        assert!(is_author_heading("Written by Cassidy Horton"));
        assert!(is_author_heading("Über den Autor"));
        assert!(!is_author_heading("About the deal"));
        assert!(is_author_heading("About"));
        assert!(is_author_heading("About me:"));
        assert!(!is_author_heading("Authorities respond"));
    }

    #[test]
    fn related_and_toc_headings() {
        assert!(is_related_heading("Related Articles:"));
        assert!(mentions_related_stories("If you liked this post you might also like:"));
        assert!(!mentions_related_stories("Many patches were sent for review:"));
        assert!(is_related_heading("You may also like…"));
        assert!(is_related_heading("Mehr zum Thema"));
        assert!(!is_related_heading("Latest newsroom layoffs hit regional papers"));
        assert!(!is_related_heading("Further reading"));
        assert!(!is_related_heading("More posts ≠ more subscribers."));
        assert!(is_furniture_heading("Table of Contents"));
        assert!(is_furniture_heading("In this article:"));
        assert!(!is_furniture_heading("Contents"));
        assert!(!is_furniture_heading("In this article, we examine the data"));
    }

    #[test]
    fn promo_headings() {
        assert!(is_promo_heading("Join Our Newsletter"));
        assert!(is_promo_heading("Advertisement: London 2025 Event On 31 October"));
        assert!(is_promo_heading("GitHub Actions analytics - what's actually happening (Sponsored)"));
        assert!(!is_promo_heading("My newsletter has:"));
        assert!(!is_promo_heading("Subscribe"));
        assert!(!is_promo_heading("Sponsored content rules tightened"));
    }

    #[test]
    fn signup_notices() {
        assert!(is_signup_notice("By signing up, you agree to receive recurring automated SMS marketing messages."));
        assert!(is_signup_notice("Sign up now for the Example Deals newsletter."));
        assert!(!is_signup_notice(
            "The newsletter, which the union sent to 4,000 members, said the strike would go ahead."
        ));
    }

    #[test]
    fn boilerplate_lines() {
        assert!(is_boilerplate("0:00 0:02:21 0:00"));
        assert!(is_boilerplate("No media source currently available"));
        assert!(is_boilerplate("Skip to main content"));
        assert!(is_boilerplate("You may also like..."));
        assert!(!is_boilerplate("At 10:30 the minister arrived."));
        assert!(!is_boilerplate("The 2:1 vote was close."));
        assert!(is_boilerplate("The contents of this site are ©2019 Capitol Hill Publishing Corp., a subsidiary of News Communications, Inc."));
        assert!(is_boilerplate("Get the latest updates right in your inbox. Subscribe to our newsletters."));
        assert!(is_boilerplate("By signing up, you agree to receive recurring automated SMS marketing messages from Mashable Deals at the number provided."));
        assert!(is_boilerplate(
            "By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use and Privacy Policy."
        ));
        assert!(!is_boilerplate("By clicking on these links, you may be taken to one of our insurance partners."));
        assert!(!is_boilerplate(
            "By streamlining your shopping list and what you accept into your house, you’ll also streamline your life."
        ));
        assert!(!is_boilerplate(
            "The newsletter, which the union sent to 4,000 members, said the strike would go ahead."
        ));
        assert!(!is_boilerplate("It was mentioned in a newsletter I'm not subscribed to, so I missed it completely."));
        assert!(!is_boilerplate("The stand at the fair drew crowds. Photo © Jane Doe"));
        assert!(is_boilerplate("As an Amazon Associate we earn from qualifying purchases."));
        assert!(is_boilerplate(
            "Support us! iRunFar may earn a small commission from affiliate links in this article. Learn more."
        ));
        assert!(!is_boilerplate("The agent's commission, paid by the seller, was 6 percent of the price."));
        assert!(is_boilerplate("SHARE"));
        assert!(is_boilerplate("Pin this for later!"));
        assert!(!is_boilerplate("Share prices fell."));
        assert!(is_boilerplate("Loading..."));
        assert!(!is_boilerplate("Loading time of your pages"));
        assert!(!is_boilerplate("Share one thing that you wish people knew about you."));
        assert!(is_call_to_action("join our genius newsletter"));
        assert!(is_boilerplate(
            "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram."
        ));
        assert!(!is_boilerplate("Follow the steps below to link your Facebook page."));
        assert!(is_boilerplate("Want more design inspo and helpful plant tips? Let's hang out on Instagram!"));
        assert!(is_boilerplate(
            "Subscribe to our research newsletter and follow us on LinkedIn to stay up-to-date on the latest trends."
        ));
        assert!(!is_boilerplate("Ben Silverman is on Twitter at ben_silverman."));
        assert!(!is_boilerplate("Fans who follow us on tour know the setlist changes every night."));
        assert!(is_furniture_heading("GitHub Actions analytics (Sponsored)"));
        assert!(is_furniture_heading("Bridgestone Team | 5 min read"));
        assert!(!is_furniture_heading("What was agreed"));
        assert!(is_furniture_heading("READ MORE: Will ChatGPT Eliminate the College Admissions Essay?"));
        assert!(!is_furniture_heading("Reader questions, answered"));
        assert!(is_boilerplate("Published June 23, 2025 10:39AM"));
        assert!(is_boilerplate("15 Dec, 2025"));
        assert!(!is_boilerplate("1/1/2013 +13.1%"));
        assert!(!is_boilerplate("$1,595 - $3,000+"));
        assert!(is_boilerplate("Bridgestone Team | 5 min read"));
        assert!(!is_boilerplate("Published in 1998, the report found 40 cases."));
        assert!(!is_boilerplate("Posters went up in 12 cities."));
        assert!(is_boilerplate("Last updated March  3, 2025 by Erik Demaine."));
        assert!(is_call_to_action("get the free ebook!"));
        assert!(!is_call_to_action("subscribers to the service rose by a third in the year to march"));
    }
}
