//! Source: the text nodes a reader sees, in document order, and where the
//! headline is among them: bylines and dates shown to readers sit next to it.

use super::date::is_marked_modified;
use super::date_parser::has_ascii_digit;
use super::elements::is_comments;
use super::title::{has_title_key, title_key};
use crate::extract::attribute::AttributeByName;
use crate::extract::whitespace_normalized;
use ego_tree::iter::Edge;
use html5ever::{local_name, LocalName};
use scraper::{ElementRef, Html};
use std::borrow::Cow;
use std::cell::OnceCell;

/// The page's visible text nodes in document order, and the position of the
/// headline among them: bylines and dates shown to readers sit next to it.
pub(super) struct VisibleText<'a> {
    /// Each node's text as the page writes it.
    pub raw: Vec<&'a str>,
    /// Each node's text whitespace-normalised, made when a rule first reads
    /// it: the rules read the few nodes near the headline, or those a byte
    /// test on the raw text lets through.
    normalized: Vec<OnceCell<Cow<'a, str>>>,
    /// For each node, the `datetime` of the `<time>` element holding it.
    pub datetimes: Vec<Option<&'a str>>,
    /// For each node, whether its markup marks it as a modification date.
    pub marked_modified: Vec<bool>,
    /// For each node, whether it is inside a link (`<a href>`).
    pub linked: Vec<bool>,
    headline: Option<usize>,
}

/// How many text nodes after (and before) the headline may hold its byline or date.
pub(super) const AFTER_HEADLINE: usize = 40;
const BEFORE_HEADLINE: usize = 12;
/// Without a headline, how far into the page to look.
const NO_HEADLINE_SPAN: usize = 300;

/// How many ancestors up a text node's heading is looked for (a span in a
/// link in an `<h1>`), and its `<time>` or modification mark (a span in a
/// `<time>`).
const HEADING_LEVELS: usize = 4;
const DATE_MARK_LEVELS: usize = 2;

/// Distance weights of the nodes after and before the headline: a node
/// before it counts as 2.5 times as far, as bylines and dates mostly follow
/// the headline while menus and section names precede it.
const AFTER_WEIGHT: usize = 2;
const BEFORE_WEIGHT: usize = 5;

/// Elements whose text is not shown.
const HIDDEN_TEXT: [LocalName; 6] = [
    local_name!("script"),
    local_name!("style"),
    local_name!("noscript"),
    local_name!("template"),
    local_name!("title"),
    local_name!("head"),
];

/// An element open around the text nodes of [`VisibleText::collect`], with
/// what the text rules ask of it read once, when it opens.
struct OpenElement<'a> {
    el: ElementRef<'a>,
    /// Inside a quote, an embedded post or comments: they carry other
    /// people's names and dates.
    quoted: bool,
    /// Its own text is not shown.
    hidden: bool,
    /// `h1` or `h2`.
    heading: Option<&'static str>,
    is_time: bool,
    is_link: bool,
}

impl<'a> OpenElement<'a> {
    fn of(el: ElementRef<'a>, in_quoted: bool) -> Self {
        let name = &el.value().name.local;
        let heading = if *name == local_name!("h1") {
            Some("h1")
        } else if *name == local_name!("h2") {
            Some("h2")
        } else {
            None
        };
        OpenElement {
            el,
            quoted: in_quoted || *name == local_name!("blockquote") || is_comments(el),
            hidden: HIDDEN_TEXT.contains(name),
            heading,
            is_time: *name == local_name!("time"),
            is_link: *name == local_name!("a") && el.value().attribute(&local_name!("href")).is_some(),
        }
    }
}

impl<'a> VisibleText<'a> {
    pub fn collect(doc: &'a Html, title: Option<&str>) -> Self {
        let headline_key = title.map(title_key).unwrap_or_default();
        let (mut raw, mut datetimes, mut marked_modified, mut linked) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // The headline is the title shown in a heading, else the first
        // `<h1>`, else the title anywhere (breadcrumbs repeat it too).
        let (mut title_heading, mut h1, mut title_anywhere) = (None, None, None);
        // The open elements, root first, and how many of them are headings
        // `<time>`s and links: most text is in none, and is spared the look-up.
        let mut open: Vec<OpenElement> = Vec::new();
        let (mut open_headings, mut open_times, mut open_links) = (0usize, 0usize, 0usize);
        for edge in doc.root_element().traverse() {
            let node = match edge {
                Edge::Open(node) => node,
                Edge::Close(node) => {
                    if node.value().is_element() {
                        if let Some(closed) = open.pop() {
                            open_headings = open_headings.saturating_sub(usize::from(closed.heading.is_some()));
                            open_times = open_times.saturating_sub(usize::from(closed.is_time));
                            open_links = open_links.saturating_sub(usize::from(closed.is_link));
                        }
                    }
                    continue;
                }
            };
            if let Some(el) = ElementRef::wrap(node) {
                let inherited = open.last().is_some_and(|o| o.quoted);
                let opened = OpenElement::of(el, inherited);
                open_headings += usize::from(opened.heading.is_some());
                open_times += usize::from(opened.is_time);
                open_links += usize::from(opened.is_link);
                open.push(opened);
                continue;
            }
            let Some(text) = node.value().as_text() else { continue };
            let Some(parent) = open.last() else { continue };
            if parent.quoted || parent.hidden {
                continue;
            }
            let text: &'a str = text;
            // Most text nodes are the whitespace between tags.
            if text.trim().is_empty() {
                continue;
            }
            // The parent's nearest `levels` ancestors, then the parent.
            let near = |levels: usize| open.iter().rev().skip(1).take(levels).chain(open.last());
            let heading = if open_headings > 0 { near(HEADING_LEVELS).find_map(|o| o.heading) } else { None };
            // Normalising changes only whitespace: the raw text has the same
            // words, letters and digits. The first letter is compared first:
            // it spares most nodes the key.
            let first_letter = text.chars().find(|c| c.is_alphanumeric()).and_then(|c| c.to_lowercase().next());
            let is_title = first_letter.is_some()
                && first_letter == headline_key.chars().next()
                && has_title_key(text, &headline_key);
            let here = Some(raw.len());
            if is_title && heading.is_some() {
                title_heading = title_heading.or(here);
            }
            if is_title {
                title_anywhere = title_anywhere.or(here);
            }
            if heading == Some("h1") {
                h1 = h1.or(here);
            }
            // Only a text with a digit can hold a date.
            marked_modified.push(has_ascii_digit(text) && near(DATE_MARK_LEVELS).any(|o| is_marked_modified(o.el)));
            raw.push(text);
            linked.push(open_links > 0);
            let time = if open_times > 0 { near(DATE_MARK_LEVELS).find(|o| o.is_time) } else { None };
            datetimes.push(time.and_then(|t| t.el.value().attribute(&local_name!("datetime"))));
        }
        let normalized = raw.iter().map(|_| OnceCell::new()).collect();
        let headline = title_heading.or(h1).or(title_anywhere);
        VisibleText { raw, normalized, datetimes, marked_modified, linked, headline }
    }

    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// The whitespace-normalised text of node `i`.
    pub fn text(&self, i: usize) -> Option<&str> {
        let raw = self.raw.get(i)?;
        Some(self.normalized.get(i)?.get_or_init(|| whitespace_normalized(raw)))
    }

    /// The headline's node.
    pub fn headline(&self) -> Option<usize> {
        self.headline
    }

    /// Indices of the nodes around the headline, nearest first.
    pub fn near_headline(&self) -> Vec<usize> {
        match self.headline {
            Some(h) => {
                let after = (h + 1)..self.len().min(h + 1 + AFTER_HEADLINE);
                let before = (h.saturating_sub(BEFORE_HEADLINE)..h).rev();
                let mut order: Vec<usize> = after.chain(before).collect();
                // Nearest first, a node before the headline counting as
                // farther. The sort is stable.
                order.sort_by_key(|&i| if i > h { AFTER_WEIGHT * (i - h) } else { BEFORE_WEIGHT * (h - i) });
                order
            }
            None => (0..self.len().min(NO_HEADLINE_SPAN)).collect(),
        }
    }
}
