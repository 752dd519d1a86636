//! Pass `chrome`: drops page chrome before the article is looked for. A
//! subtree is chrome by its tag (nav, aside, page header, footer, figure
//! caption), its ARIA role or the words of its class and id
//! ([`elements`]), or because the page hides it; unless it holds most of the
//! page's paragraph text (or at least what the rest of the page keeps) and
//! is not a footer. A named sidebar or an invisible box needs nearly all of
//! it. Where a chrome signal is overruled, the rule that kept the subtree is
//! noted too.

use super::{Page, Pass};
use crate::extract::html::dom::{self, FlatDom, Tag};
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::elements::{self, ClassSignals, Hiding, Signal};
use html5ever::local_name;

pub(super) const PASS: Pass = Pass { name: "chrome", run };

fn run(page: &mut Page) {
    let mut signals = ClassSignals::default();
    let (mut chrome, mut weights) = mark_chrome(&page.dom, None, &mut signals);
    if let Some(article_box) = misjudged_article_box(&page.dom, &chrome) {
        (chrome, weights) = mark_chrome(&page.dom, Some(article_box), &mut signals);
    }
    page.removed = covered_subtrees(&page.dom, &chrome);
    page.dom.compute_stats(&page.removed);
    page.chrome = chrome;
    page.weights = weights;
}

/// Share of the page's `<p>` text above which an element is the article
/// itself, whatever its class says.
const MAIN_TEXT_SHARE: f32 = 0.5;

/// Share of the page's `<p>` text above which a named sidebar or an
/// invisible box is the article itself.
const NEARLY_ALL_TEXT_SHARE: f32 = 0.8;

/// Class/id weight in the container scoring of an element that looks like
/// content (added) or like chrome (taken off).
const CLASS_WEIGHT: f32 = 25.0;

/// Most paragraph text, in non-whitespace chars, of a collapsed element
/// that is dropped: collapsed accordions and tabs hide article paragraphs
/// too, while hidden metadata and menus have none. A box laid out invisible
/// is dropped unless it holds nearly all the page's text: no reader opens it.
const MAX_HIDDEN_P_TEXT: u32 = 300;

/// Marks the roots of chrome subtrees (top-down, so nothing inside a dropped
/// subtree is judged again), and the elements kept against a chrome signal,
/// and returns them with each element's class/id weight for scoring.
/// `article_box`, if given, is judged as plain content whatever its class
/// says (see [`misjudged_article_box`]).
fn mark_chrome(dom: &FlatDom, article_box: Option<usize>, signals: &mut ClassSignals) -> (Vec<Option<Rule>>, Vec<f32>) {
    let n = dom.nodes.len();
    let mut chrome: Vec<Option<Rule>> = vec![None; n];
    let mut weights = vec![0.0f32; n];
    let total_p = dom.nodes.first().map_or(0, |r| r.p_text_len) as f32;
    let holds_text = holds_own_text(dom);
    let mut i = 1;
    while i < n {
        let node = &dom.nodes[i];
        let Some(el) = node.element() else {
            i += 1;
            continue;
        };
        let signal = if article_box == Some(i) { Signal::Neutral } else { signals.of(el) };
        weights[i] = match signal {
            Signal::StrongChrome | Signal::Chrome => -CLASS_WEIGHT,
            Signal::Content => CLASS_WEIGHT,
            Signal::Neutral => 0.0,
        };
        let judged = match node.tag {
            Tag::Body | Tag::Article | Tag::Main | Tag::P | Tag::Heading(_) => None,
            Tag::Header if is_section_header(dom, i) => Some(Rule::SectionHeader),
            Tag::Aside if is_note_in_text(dom, i) => Some(Rule::NoteInText),
            Tag::Nav | Tag::Aside | Tag::Header | Tag::Footer | Tag::Figcaption => Some(Rule::ChromeTag),
            _ => match signal {
                Signal::StrongChrome if !is_phrase_in_text(dom, i, &holds_text) => Some(Rule::ChromeClass),
                Signal::Chrome if !holds_prose(node) && !in_prose_run(dom, i, total_p) => Some(Rule::ChromeClass),
                _ if elements::is_chrome_role(el) => Some(Rule::ChromeRole),
                Signal::StrongChrome => Some(Rule::PhraseInText),
                Signal::Chrome if holds_prose(node) => Some(Rule::HoldsProse),
                Signal::Chrome => Some(Rule::ProseRun),
                Signal::Content | Signal::Neutral => None,
            },
        };
        // Hidden boxes are looked for only where no rule drops the element
        // already: reading a style attribute allocates.
        let hiding = || elements::hiding(el).filter(|&h| h == Hiding::Invisible || node.p_text_len < MAX_HIDDEN_P_TEXT);
        let (dropped, invisible) = match judged.filter(|r| r.drops()) {
            Some(rule) => (Some(rule), false),
            None => hiding().map_or((None, false), |h| (Some(Rule::Hidden), h == Hiding::Invisible)),
        };
        // A named sidebar (a live ticker) or an invisible box (a draft) may
        // outweigh a short article: it is the article's box only when it
        // holds nearly all the text (a wrapper left unclosed, a page hidden
        // until its script has run).
        let named_sidebar = || {
            node.tag == Tag::Aside
                && (matches!(signal, Signal::StrongChrome | Signal::Chrome) || elements::is_chrome_role(el))
        };
        let main_text_share = if invisible || named_sidebar() { NEARLY_ALL_TEXT_SHARE } else { MAIN_TEXT_SHARE };
        // A footer is the foot of the page or of a section, never its body:
        // beside a short article, its disclaimers and addresses are most of
        // the page's paragraph text.
        let holds_main_text =
            node.tag != Tag::Footer && total_p > 0.0 && node.p_text_len as f32 >= main_text_share * total_p;
        if dropped.is_some() && !holds_main_text {
            chrome[i] = dropped;
            i = node.end.max(i + 1);
            continue;
        }
        // What kept the element against a chrome signal, if anything did.
        chrome[i] = match dropped {
            Some(_) => Some(Rule::MainText),
            None => judged.or((article_box == Some(i)).then_some(Rule::ArticleBox)),
        };
        if is_code(node) {
            // Syntax highlighters class a code's tokens "comment", "meta",
            // "tag": the code is shown whole. Only code with markup inside
            // (more than its one text node) has tokens to overrule.
            if node.end > i + 2 {
                chrome[i] = chrome[i].or(Some(Rule::Code));
            }
            i = node.end.max(i + 1);
        } else {
            // The article's own box does not score as chrome either.
            if holds_main_text {
                weights[i] = weights[i].max(0.0);
            }
            i += 1;
        }
    }
    (chrome, weights)
}

/// Per node: whether it holds non-whitespace text of its own, beside its
/// child elements (a paragraph's running text).
fn holds_own_text(dom: &FlatDom) -> Vec<bool> {
    let mut holds = vec![false; dom.nodes.len()];
    // Node 0 is the document, not a text node.
    for node in dom.nodes.iter().skip(1) {
        // A text node's text_len counts its non-whitespace chars.
        if node.element().is_none() && node.text_len > 0 {
            holds[node.parent] = true;
        }
    }
    holds
}

/// Whether element `i` is a link or an inline element set in running text
/// ("determine <a class=\"recommendation-inline-link\">who will be paying</a>
/// and how much"): a chrome word in its class names what the link does (opens
/// a popup, points to a recommended story), while its text is a phrase of the
/// sentence. Screen-reader-only text stays out, as the page does not show it.
fn is_phrase_in_text(dom: &FlatDom, i: usize, holds_text: &[bool]) -> bool {
    let node = &dom.nodes[i];
    matches!(node.tag, Tag::A | Tag::Inline)
        && holds_text[node.parent]
        && node.element().is_some_and(|el| !elements::names_unseen_text(el))
}

/// A code block or inline code, whose inner classes name code tokens.
fn is_code(node: &dom::Node) -> bool {
    node.tag == Tag::Pre || node.element().is_some_and(|e| e.name() == "code")
}

/// Whether the `<header>` at `i` heads a part of the article rather than the
/// page (HTML lets every section have one): it holds a sub-heading but not
/// the page's `<h1>`, and sits inside an `<article>`, `<section>` or `<main>`.
fn is_section_header(dom: &FlatDom, i: usize) -> bool {
    let subtree = &dom.nodes[i..dom.nodes[i].end.max(i + 1)];
    if subtree.iter().any(|n| n.tag == Tag::Heading(1)) || !subtree.iter().any(|n| matches!(n.tag, Tag::Heading(_))) {
        return false;
    }
    dom.ancestors(i).any(|a| matches!(dom.nodes[a].tag, Tag::Article | Tag::Section | Tag::Main))
}

/// Shortest paragraph, in non-whitespace chars, beside an `<aside>` that
/// places the aside in the article's text.
pub(super) const MIN_FLOW_PARAGRAPH_LEN: u32 = 80;

/// Whether the `<aside>` at `i` is a note set in the article's text (a
/// "note on other devices", a definitions box): it holds prose and stands
/// among the article's paragraphs. A page's sidebar stands beside the
/// article's box, and pull quotes and related links hold no prose.
fn is_note_in_text(dom: &FlatDom, i: usize) -> bool {
    let node = &dom.nodes[i];
    holds_prose(node)
        && dom
            .element_children(node.parent)
            .any(|c| c != i && dom.nodes[c].tag == Tag::P && dom.nodes[c].text_len >= MIN_FLOW_PARAGRAPH_LEN)
}

/// Share of the kept paragraph text that a box dropped for its class must
/// hold to be the article's: a little under all of it, as the kept rest
/// counts a page title's summary and repeated intro lines too.
const ARTICLE_BOX_SHARE: f32 = 0.9;

/// A box dropped for its class that holds about as much paragraph text as
/// everything kept ([`ARTICLE_BOX_SHARE`]): the template names the article's
/// column like chrome ("sidebar-content", a tab panel classed "hidden"), and
/// without it the page keeps no more than its leftovers. Readability,
/// likewise, retries without its class filter when the strict pass leaves
/// too little text.
fn misjudged_article_box(dom: &FlatDom, chrome: &[Option<Rule>]) -> Option<usize> {
    let total_p = dom.nodes.first().map_or(0, |r| r.p_text_len);
    let dropped_p: u32 = chrome
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_some_and(Rule::drops))
        .map(|(i, _)| dom.nodes[i].p_text_len)
        .sum();
    let kept_p = total_p.saturating_sub(dropped_p);
    let (best, best_p) = chrome
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Some(Rule::ChromeClass))
        .map(|(i, _)| (i, dom.nodes[i].p_text_len))
        .max_by_key(|&(_, p)| p)?;
    (best_p > 0 && best_p as f32 >= ARTICLE_BOX_SHARE * kept_p as f32).then_some(best)
}

/// Whether element `i` is one of a run of same-class siblings that together
/// hold most of the page's paragraph text: an article laid out as one
/// "card" or "item" box per paragraph.
fn in_prose_run(dom: &FlatDom, i: usize, total_p: f32) -> bool {
    let node = &dom.nodes[i];
    let class = node.attribute(&local_name!("class"));
    if node.p_text_len == 0 || class.is_none() || total_p == 0.0 {
        return false;
    }
    let parent = node.parent;
    let mut run_p = 0u32;
    let mut j = parent + 1;
    while j < dom.nodes[parent].end {
        let sib = &dom.nodes[j];
        if sib.attribute(&local_name!("class")) == class {
            run_p += sib.p_text_len;
        }
        j = sib.end.max(j + 1);
    }
    run_p as f32 >= MAIN_TEXT_SHARE * total_p
}

/// Expands the marks of dropped subtrees' roots to every node they cover.
fn covered_subtrees(dom: &FlatDom, roots: &[Option<Rule>]) -> Vec<bool> {
    let mut covered = vec![false; dom.nodes.len()];
    for (i, rule) in roots.iter().enumerate() {
        if rule.is_some_and(Rule::drops) {
            let end = dom.nodes[i].end.max(i + 1);
            covered[i..end].fill(true);
        }
    }
    covered
}

/// Whether an element holds a body of unlinked text, which outweighs a weak
/// chrome signal.
fn holds_prose(node: &dom::Node) -> bool {
    node.text_len >= 300 && node.link_density() < 0.3
}

#[cfg(test)]
mod tests;
