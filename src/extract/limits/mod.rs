//! Limits that keep one pathological page from stalling a run or taking
//! the machine's memory.
//!
//! Measured on the release build (one page, one thread, a loaded machine),
//! against the corpus pages (median 120 KB of HTML and ~25 ms; at most
//! 0.7 MB outside scripts and styles, and 5,000 elements):
//! - html5ever checks the stack of open elements for every tag it inserts, so
//!   its time grows with the square of the nesting depth: 20,000 nested
//!   `<div>`s take seconds, 100,000 about a minute;
//! - it also checks every attribute of a tag against the ones before it:
//!   200,000 attributes on one element take 80 s;
//! - each element costs ~400 bytes and ~8 µs through parse, flat DOM and
//!   scoring (1M `<b>` elements: 420 MB, 8 s; a 1.1M-row table: 1.5 GB, 45 s);
//! - text and markup cost ~30 bytes of memory and 0.5-1 s per MB (a 50 MB
//!   page: 1.2-1.5 GB, 25 s; 4 MB of paragraphs: 120 MB, 4 s).
//!
//! [`check_and_prune`] scans the markup once before parsing (a linear pass over
//! the tags; scripts, styles and comments skipped) and names the first bound
//! a page passes. The bounds sit well above real articles and keep one page
//! within ~100 times the median time (~2 s) and ~100 MB.

use crate::reason::RejectReason;
use std::ops::Range;

mod attributes;
#[cfg(test)]
pub(crate) mod same_tree;

use attributes::{scan_attributes, write_read_attributes};

/// Deepest element nesting newsmill parses.
pub const MAX_NESTING: usize = 5_000;
/// Most elements in one page.
pub const MAX_ELEMENTS: usize = 50_000;
/// Most attributes on one element (real elements: a few dozen at most).
pub const MAX_ATTRIBUTES: usize = 256;
/// Most bytes of markup and text, scripts, styles and comments not counted.
pub const MAX_CONTENT_BYTES: usize = 2 * 1024 * 1024;

/// A bound a page passes: the reason code written to `rejects.csv` and what
/// was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub reason: RejectReason,
    pub detail: String,
}

/// The first limit `html` passes, if any, from one scan of its tags, and
/// from the same scan the page without what extraction never reads: the code of its scripts and styles (JSON-LD kept: metadata
/// reads it) and attributes outside [`attributes::READ_ATTRIBUTES`]. The parsed tree is
/// otherwise the same; the tokenizer spent about a third of the parse on
/// what is left out.
pub fn check_and_prune(html: &str) -> Result<String, Exceeded> {
    let mut pruned = String::with_capacity(html.len());
    match exceeded(html, scan(html, MAX_NESTING, &mut pruned)) {
        Some(exceeded) => Err(exceeded),
        None => {
            // About half the page is left: give back the rest of the buffer.
            pruned.shrink_to_fit();
            Ok(pruned)
        }
    }
}

fn exceeded(html: &str, scan: Scan) -> Option<Exceeded> {
    let exceeded = |reason, detail| Some(Exceeded { reason, detail });
    let shape = match scan {
        Scan::TooDeep(depth) => {
            return exceeded(
                RejectReason::TooDeeplyNested,
                format!("the markup nests elements more than {MAX_NESTING} deep (at least {depth}); pages this deep are not parsed"),
            )
        }
        Scan::Done(shape) => shape,
    };
    if shape.max_attributes > MAX_ATTRIBUTES {
        return exceeded(
            RejectReason::TooManyAttributes,
            format!(
                "an element has {} attributes, more than the {MAX_ATTRIBUTES} newsmill parses",
                shape.max_attributes
            ),
        );
    }
    if shape.elements > MAX_ELEMENTS {
        return exceeded(
            RejectReason::TooManyElements,
            format!("the page has {} elements, more than the {MAX_ELEMENTS} newsmill parses", shape.elements),
        );
    }
    let content_bytes = html.len() - shape.raw_text_bytes;
    if content_bytes > MAX_CONTENT_BYTES {
        return exceeded(
            RejectReason::PageTooLarge,
            format!(
                "the page has {:.1} MiB of markup and text outside scripts and styles, more than the {} MiB newsmill parses",
                content_bytes as f64 / (1024.0 * 1024.0),
                MAX_CONTENT_BYTES >> 20
            ),
        );
    }
    None
}

/// What the tag scan needs to know of an element from its name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TagKind {
    /// It never holds children.
    void: bool,
    /// Its end tag may be left out: the next sibling closes it, so unclosed
    /// ones do not nest.
    optional_end: bool,
    /// Its content is plain text (or, for svg and math, foreign markup): a
    /// `<script>` inside it is not a script.
    not_script_context: bool,
    /// Its content is text up to its end tag (RCDATA, RAWTEXT, PLAINTEXT):
    /// nothing in it is a tag, not even half of a quoted attribute value.
    text_only: bool,
    /// Its attributes steer tree construction, so its start tag is copied
    /// whole: `<font color>` ends SVG content, `<template shadowrootmode>`
    /// makes a shadow root, `<option>` fills a customizable select, and
    /// formatting elements are told apart by their attributes (at most three
    /// identical ones are reopened); `<svg>` and `<math>` rename some
    /// attributes (`xlink:href`). Tags inside SVG and MathML, and names with
    /// a `-` or `:`, are never rewritten.
    tree_attributes: bool,
}

/// The kind of a tag name, in any case: one `match` per tag, as this runs on
/// every tag of every page.
fn tag_kind(name: &[u8]) -> TagKind {
    let mut buffer = [0u8; 16];
    let Some(lower) = buffer.get_mut(..name.len()) else { return TagKind::default() };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let kind = TagKind::default();
    match &*lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta" | b"param"
        | b"source" | b"track" | b"wbr" => TagKind { void: true, ..kind },
        b"p" | b"li" | b"dt" | b"dd" | b"optgroup" | b"tr" | b"td" | b"th" | b"thead" | b"tbody" | b"tfoot" | b"rb"
        | b"rt" | b"rp" => TagKind { optional_end: true, ..kind },
        b"option" => TagKind { optional_end: true, tree_attributes: true, ..kind },
        b"title" | b"textarea" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript" | b"plaintext" => {
            TagKind { not_script_context: true, text_only: true, ..kind }
        }
        b"svg" | b"math" => TagKind { not_script_context: true, tree_attributes: true, ..kind },
        b"font" | b"template" | b"selectedcontent" | b"a" | b"b" | b"big" | b"code" | b"em" | b"i" | b"nobr" | b"s"
        | b"small" | b"strike" | b"strong" | b"tt" | b"u" => TagKind { tree_attributes: true, ..kind },
        _ => kind,
    }
}

/// What the tag scan counts of a page.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    elements: usize,
    /// Attributes of the element that has the most.
    max_attributes: usize,
    /// Bytes inside comments, scripts and styles, which the parser keeps as
    /// single text nodes.
    raw_text_bytes: usize,
}

#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// The nesting passed the depth limit; the scan stopped there.
    TooDeep(usize),
    Done(Shape),
}

/// One pass over the tags of `html`, stopping early only when the nesting
/// passes `max_depth`. Also writes `html` to `pruned` without the
/// bodies of its scripts and styles (see [`blankable_code`]) and without the
/// attributes extraction does not read (see [`write_read_attributes`]).
fn scan(html: &str, max_depth: usize, pruned: &mut String) -> Scan {
    let bytes = html.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut at = 0;
    // `html[..copied]` is written to `pruned`; before `scripts_from`, a
    // `<script>` tag is text or foreign markup and is left alone.
    let (mut copied, mut scripts_from) = (0, 0);
    // Every position `at` takes is just after an ASCII byte (or the end), so
    // slicing `html` there never splits a char.
    while let Some(offset) = bytes.get(at..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        at = start + 1;
        if rest.starts_with(b"!--") {
            at = bytes
                .get(start + 4..)
                .and_then(|rest| memchr::memmem::find(rest, b"-->"))
                .map_or(bytes.len(), |e| start + 4 + e + 3);
            shape.raw_text_bytes += at - start;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        // A tag name starts with a letter: `<3` and `</2` are text and a bogus comment.
        let starts_name = rest.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        let name_len =
            if starts_name { rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count() } else { 0 };
        if name_len == 0 {
            if matches!(rest.first(), Some(b'!' | b'?' | b'/')) {
                // A bogus comment (`<!doctype`, `<?php`, `</ x`) runs to the next `>`.
                scripts_from = scripts_from.max(memchr::memchr(b'>', rest).map_or(bytes.len(), |p| start + 1 + p));
            }
            continue;
        }
        let name = &rest[name_start..name_start + name_len];
        let kind = tag_kind(name);
        // The tokenizer's name runs to whitespace, `/` or `>`: `</li<script>`
        // is one end tag, and the `<script>` in it no script.
        let name_rest = &rest[name_start + name_len..];
        let whole_name_len = name_len + name_rest.iter().position(|&b| ends_tag_name(b)).unwrap_or(name_rest.len());
        let name_end = start + 1 + name_start + whole_name_len;
        if closing {
            if !kind.optional_end {
                depth = depth.saturating_sub(1);
            }
            // End tags hold attributes too, whose quoted values may hold `<`.
            at = (scan_attributes(bytes, name_end, |_, _| {}).end + 1).min(bytes.len());
            continue;
        }
        shape.elements += 1;
        // A tag outside raw text, foreign markup and bogus comments: a
        // `<script>` elsewhere may end before its end tag.
        let real = whole_name_len == name_len && start >= scripts_from;
        // A real tag whose attributes build no tree.
        let tag = if real && !kind.tree_attributes {
            pruned.push_str(&html[copied..start]);
            let written = pruned.len();
            let tag = write_read_attributes(html, start, name_end, pruned);
            if tag.end < bytes.len() {
                copied = tag.end + 1;
            } else {
                // The text ends inside the tag, which the tokenizer then drops: keep it as it is.
                pruned.truncate(written);
                copied = start;
            }
            tag
        } else {
            scan_attributes(bytes, name_end, |_, _| {})
        };
        shape.max_attributes = shape.max_attributes.max(tag.attributes);
        at = (tag.end + 1).min(bytes.len());
        if real && kind.not_script_context {
            // Nothing ends plaintext.
            let end = if name.eq_ignore_ascii_case(b"plaintext") { None } else { close_tag(html, at, name) };
            scripts_from = end.unwrap_or(bytes.len());
            if kind.text_only {
                at = scripts_from;
            }
        }
        if real && (name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style")) {
            let end = close_tag(html, at, name).unwrap_or(bytes.len());
            shape.raw_text_bytes += end - at;
            if blankable_code(html, start..at, end) {
                // `at` follows the tag's `>` and `end` is a `<`: both char boundaries.
                pruned.push_str(&html[copied..at]);
                copied = end;
            }
            at = end;
            continue;
        }
        if kind.void || kind.optional_end || tag.self_closing {
            continue;
        }
        depth += 1;
        if depth > max_depth {
            return Scan::TooDeep(depth);
        }
    }
    pruned.push_str(&html[copied..]);
    Scan::Done(shape)
}

/// Whether a byte ends a tag name for the HTML tokenizer.
fn ends_tag_name(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// Whether the body `html[tag.end..end]` of the script or style whose start
/// tag is `html[tag]` can be left out without changing the parsed tree
/// elsewhere: it is not JSON-LD, it has an end tag (at `end`, see
/// [`close_tag`]), and it holds no `<!--` (which can make the tokenizer skip
/// a `</script>`).
fn blankable_code(html: &str, tag: Range<usize>, end: usize) -> bool {
    let bytes = html.as_bytes();
    // A character reference may spell the type (`ld&#x2B;json`): any `&` keeps the script.
    let is_json_ld = bytes
        .get(tag.clone())
        .is_some_and(|t| t.contains(&b'&') || t.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json")));
    let end_tag_closes = end < bytes.len();
    let escapes = bytes.get(tag.end..end).is_some_and(|body| memchr::memmem::find(body, b"<!--").is_some());
    !is_json_ld && end_tag_closes && !escapes
}

/// Offset of the `</name` that ends a raw-text element (script, style,
/// title…): `name` in any case, then whitespace, `/` or `>`.
fn close_tag(html: &str, from: usize, name: &[u8]) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    // Finding a byte is a memchr, much faster than finding "</".
    while let Some(offset) = memchr::memchr(b'<', bytes.get(at..)?) {
        let open = at + offset;
        if bytes.get(open + 1) == Some(&b'/') {
            let candidate = bytes.get(open + 2..open + 2 + name.len())?;
            if candidate.eq_ignore_ascii_case(name)
                && bytes.get(open + 2 + name.len()).is_some_and(|&b| ends_tag_name(b))
            {
                return Some(open);
            }
        }
        at = open + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_kinds_ignore_case_and_long_names() {
        assert!(tag_kind(b"IMG").void);
        assert_eq!(tag_kind(b"Option"), TagKind { optional_end: true, tree_attributes: true, ..TagKind::default() });
        assert_eq!(tag_kind(b"svg"), TagKind { not_script_context: true, tree_attributes: true, ..TagKind::default() });
        assert!(tag_kind(b"selectedcontent").tree_attributes);
        assert_eq!(tag_kind(b"div"), TagKind::default());
        assert_eq!(tag_kind(b"selectedcontentselectedcontent"), TagKind::default());
    }

    const ARTICLE: &str = "<p>The council voted on Tuesday to repair the old bridge before winter.</p>";

    fn page(body: &str) -> String {
        format!("<!doctype html><html><head><title>T</title></head><body><article>{body}</article></body></html>")
    }

    #[test]
    fn deep_nesting_is_caught_early() {
        let deep = page(&format!("{}<p>x</p>{}", "<div>".repeat(6000), "</div>".repeat(6000)));
        assert_eq!(scan(&deep, MAX_NESTING, &mut String::new()), Scan::TooDeep(MAX_NESTING + 1));
        let exceeded = check_and_prune(&deep).expect_err("too deep");
        assert_eq!(exceeded.reason, RejectReason::TooDeeplyNested);
        assert!(exceeded.detail.contains("more than 5000 deep (at least 5001)"), "{}", exceeded.detail);
    }

    #[test]
    fn long_flat_pages_with_unclosed_paragraphs_are_fine() {
        let page = format!(
            "<html><body><ul>{}</ul><table>{}</table>{}<script>if (a<b && c<d) {{}}</script><!-- <div><div> --></body></html>",
            "<li>item<br>".repeat(4_000),
            "<tr><td>cell<td>cell".repeat(4_000),
            "<p>para <img src=x> <span>s</span>".repeat(4_000)
        );
        assert!(check_and_prune(&page).is_ok());
    }

    #[test]
    fn real_nesting_is_counted() {
        let html = "<div><section><article><div><p>t</p></div></article></section></div>";
        assert_eq!(scan(html, 3, &mut String::new()), Scan::TooDeep(4));
        assert!(matches!(scan(html, 4, &mut String::new()), Scan::Done(Shape { elements: 5, .. })));
    }

    #[test]
    fn attributes_are_counted_and_quoted_values_may_hold_the_tag_end() {
        let html = r#"<div id=main class="a > b" data-x='<div>' hidden><p>text</p></div>"#;
        let Scan::Done(shape) = scan(html, MAX_NESTING, &mut String::new()) else { panic!() };
        assert_eq!(shape, Shape { elements: 2, max_attributes: 4, raw_text_bytes: 0 });
    }

    #[test]
    fn an_element_with_too_many_attributes_is_rejected() {
        let attributes: String = (0..MAX_ATTRIBUTES + 1).map(|i| format!(" data-a{i}=\"v\"")).collect();
        let html = page(&format!("<div{attributes}>{ARTICLE}</div>"));
        let exceeded = check_and_prune(&html).expect_err("over the limit");
        assert_eq!(exceeded.reason, RejectReason::TooManyAttributes);
        assert!(exceeded.detail.contains("257 attributes"), "{}", exceeded.detail);
        let attributes: String = (0..40).map(|i| format!(" data-a{i}=\"v\"")).collect();
        assert!(check_and_prune(&page(&format!("<div{attributes}>{ARTICLE}</div>"))).is_ok());
    }

    #[test]
    fn a_page_with_too_many_elements_is_rejected() {
        let html = page(&"<tr><td>cell</td><td>cell</td></tr>".repeat(MAX_ELEMENTS / 3 + 1));
        let exceeded = check_and_prune(&html).expect_err("over the limit");
        assert_eq!(exceeded.reason, RejectReason::TooManyElements);
        assert!(exceeded.detail.contains("50006 elements"), "{}", exceeded.detail);
    }

    #[test]
    fn size_counts_markup_and_text_but_not_scripts_styles_and_comments() {
        let megabytes = |n: usize| "x".repeat(n * 1024 * 1024);
        let big_script = page(&format!(
            "{ARTICLE}<script>var blob = \"{}\";</script><style>{}</style><!--{}-->",
            megabytes(2),
            megabytes(2),
            megabytes(2)
        ));
        assert!(check_and_prune(&big_script).is_ok());
        let big_text = page(&format!("<p>{}</p>", megabytes(MAX_CONTENT_BYTES >> 20)));
        let exceeded = check_and_prune(&big_text).expect_err("over the limit");
        assert_eq!(exceeded.reason, RejectReason::PageTooLarge);
        assert!(exceeded.detail.contains("2.0 MiB of markup and text"), "{}", exceeded.detail);
    }

    #[test]
    fn script_and_style_bodies_are_pruned_but_json_ld_is_kept() {
        let html = concat!(
            r#"<head><style>p { color: red }</style><script type="application/ld+json">{"@type": "NewsArticle"}</script>"#,
            r#"<SCRIPT src=a.js>var a = "<p>";</SCRIPT ></head><body><p>Text é</p><script>if (a<b) {}</script></body>"#
        );
        assert_eq!(
            check_and_prune(html).expect("within limits"),
            concat!(
                r#"<head><style></style><script type="application/ld+json">{"@type": "NewsArticle"}</script>"#,
                r#"<SCRIPT></SCRIPT ></head><body><p>Text é</p><script></script></body>"#
            )
        );
    }

    #[test]
    fn script_tags_the_tokenizer_reads_otherwise_are_left_alone() {
        for html in [
            // Escaped script data: the first `</script>` does not end it.
            r#"<script><!-- document.write("<script>x</script>") --></script><p>after</p>"#,
            // Not a script start tag.
            "<script-box>shown</script-box>",
            // Text, foreign markup and bogus comments, where `<script>` is not a script.
            "<title>a <script>b</script></title><textarea><style>c</style></textarea>",
            "<svg><script>d</script></svg><noscript><script>e</script></noscript>",
            "<?php <script>f</script> ?><![CDATA[ <style>g</style> ]]>",
            // JSON-LD, its type written with a character reference.
            r#"<script type="application/ld&#x2B;json">{"@type": "NewsArticle"}</script>"#,
            // No end tag: the script runs to the end of the page.
            "<p>x</p><script>var unfinished = 1;",
        ] {
            assert_eq!(check_and_prune(html).as_deref(), Ok(html), "{html}");
        }
        assert_eq!(check_and_prune("<svg></svg><script>x</script>").as_deref(), Ok("<svg></svg><script></script>"));
        // `</scripts>` is no end tag: the script runs to `</script>`.
        assert_eq!(check_and_prune("<script>a</scripts>b</script>c").as_deref(), Ok("<script></script>c"));
        // A `<textarea>`'s text holds no tags, even ones with quoted attributes.
        let html = r#"<textarea><b title="</textarea><textarea>"></b></textarea><p data-x=1>"#;
        assert_eq!(
            check_and_prune(html).as_deref(),
            Ok(r#"<textarea><b title="</textarea><textarea>"></b></textarea><p>"#)
        );
    }
}
