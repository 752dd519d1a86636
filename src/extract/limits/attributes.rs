//! Start tags read attribute by attribute: counted for the bound on
//! attributes, and written back with only the attributes extraction reads.

use std::ops::Range;

/// A start tag as the HTML tokenizer reads it, from just after its name.
pub(super) struct StartTag {
    /// Offset of the `>` that ends it (or the end of the text).
    pub(super) end: usize,
    pub(super) attributes: usize,
    /// A `/` right before the `>` (not one inside an unquoted value).
    pub(super) self_closing: bool,
}

/// Reads a start tag from just after its name, calling `attribute` with the
/// span of each attribute's name and of the whole `name=value`. Quoted values
/// may hold `>`, as in the HTML tokenizer.
pub(super) fn scan_attributes(
    bytes: &[u8],
    mut at: usize,
    mut attribute: impl FnMut(Range<usize>, Range<usize>),
) -> StartTag {
    let (mut attributes, mut self_closing) = (0, false);
    loop {
        at = skip_while(bytes, at, |b| b.is_ascii_whitespace());
        match bytes.get(at) {
            None => return StartTag { end: bytes.len(), attributes, self_closing: false },
            Some(b'>') => return StartTag { end: at, attributes, self_closing },
            Some(b'/') => {
                at += 1;
                self_closing = bytes.get(at) == Some(&b'>');
                continue;
            }
            Some(_) => self_closing = false,
        }
        attributes += 1;
        let start = at;
        at += 1; // a name may start with any byte, `=` and quotes included
        at = skip_while(bytes, at, |b| !(b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=')));
        let name = start..at;
        let after = skip_while(bytes, at, |b| b.is_ascii_whitespace());
        if bytes.get(after) != Some(&b'=') {
            attribute(name.clone(), name);
            continue;
        }
        at = skip_while(bytes, after + 1, |b| b.is_ascii_whitespace());
        match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                at = memchr::memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |p| at + 1 + p + 1);
            }
            _ => at = skip_while(bytes, at, |b| !(b.is_ascii_whitespace() || b == b'>')),
        }
        attribute(name, start..at);
    }
}

/// The first offset from `at` on whose byte is not `kept` (or the end).
fn skip_while(bytes: &[u8], at: usize, kept: impl Fn(u8) -> bool) -> usize {
    bytes.get(at..).map_or(at, |rest| at + rest.iter().position(|&b| !kept(b)).unwrap_or(rest.len()))
}

/// The attributes extraction and metadata read (`attribute(&local_name!("…"))`
/// and `attr("…")` calls, and selectors; a test checks this list against the
/// code). The parse gets only these: the tokenizer spends about a sixth of
/// the parse on the others (`data-*`, `src`, `srcset`, `onclick`, `aria-*`…).
pub(super) const READ_ATTRIBUTES: &[&[u8]] = &[
    b"aria-hidden", b"charset", b"class", b"content", b"datetime", b"hidden", b"href", b"http-equiv", b"id",
    b"itemprop", b"itemscope", b"itemtype", b"lang", b"name", b"property", b"pubdate", b"rel", b"role", b"style",
    b"type", b"xml:lang",
];

/// Writes the start tag `html[start..=tag.end]`, whose name ends at
/// `name_end`, keeping only the attributes in [`READ_ATTRIBUTES`].
pub(super) fn write_read_attributes(html: &str, start: usize, name_end: usize, out: &mut String) -> StartTag {
    out.push_str(&html[start..name_end]);
    let tag = scan_attributes(html.as_bytes(), name_end, |name, whole| {
        let name = html.as_bytes().get(name).unwrap_or_default();
        // Lengths first: most names are rejected without comparing a byte.
        if READ_ATTRIBUTES.iter().any(|read| read.len() == name.len() && read.eq_ignore_ascii_case(name)) {
            // Every span starts at a char and ends before an ASCII byte or at the end.
            out.push(' ');
            out.push_str(&html[whole]);
        }
    });
    if tag.self_closing {
        // The space keeps the `/` out of an unquoted value before it.
        out.push_str(" /");
    }
    out.push('>');
    tag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::limits::check_and_prune;

    #[test]
    fn attributes_extraction_does_not_read_are_left_out() {
        let html = concat!(
            r#"<div class="story" data-id=7 onclick="go('>')"><img src=a.jpg alt="A > B"/><p id=p1 style='display:none'>t</p>"#,
            r#"<br/><input disabled /><meta property=og:title content=T/ data-x=1/><img class=a/></div>"#,
            "<p>Open source! <3\n</p><p data-x=1>"
        );
        assert_eq!(
            check_and_prune(html).as_deref(),
            Ok(concat!(
                r#"<div class="story"><img /><p id=p1 style='display:none'>t</p>"#,
                r#"<br /><input /><meta property=og:title content=T/><img class=a/></div>"#,
                "<p>Open source! <3\n</p><p>"
            ))
        );
    }

    #[test]
    fn read_attributes_are_found_in_any_case() {
        let html = r#"<p ID=lede Data-Track=7 CLASS="intro" itemProp=description aria-HIDDEN=false data-a-very-long-attribute-name=1>t</p>"#;
        assert_eq!(
            check_and_prune(html).as_deref(),
            Ok(r#"<p ID=lede CLASS="intro" itemProp=description aria-HIDDEN=false>t</p>"#)
        );
    }

    #[test]
    fn tags_whose_attributes_build_the_tree_are_left_whole() {
        for html in [
            r#"<svg xlink:href=x><font color=red>x</font><path d="M0 0"/></svg><math><mi mathcolor=red>y</mi></math>"#,
            r#"<template shadowrootmode="open"><p>shadow</p></template><a href=/x target=_blank>l</a><b data-x=1>b</b>"#,
            r#"<my-card data-id=3>custom</my-card><o:p lang=en></o:p><textarea><p data-x=1></textarea>"#,
            // The text ends inside the tag, which the tokenizer drops.
            "<p>x</p><div data-x=1",
        ] {
            assert_eq!(check_and_prune(html).as_deref(), Ok(html), "{html}");
        }
    }

    #[test]
    fn the_read_attributes_are_those_extraction_reads() {
        // Every attribute the extractor and metadata name must survive pruning.
        // The code of the extractor and of the metadata rules: every module of
        // `src/extract` but the limits, however it is split into files.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
        let sources: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .flatten()
            .filter(|e| {
                e.path().extension().is_some_and(|x| x == "rs")
                    && !e.path().components().any(|c| c.as_os_str() == "limits")
            })
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .collect();
        assert!(sources.len() > 10, "{} sources under {}", sources.len(), root.display());
        let call = regex::Regex::new(r#"\.attr(?:ibute\(&local_name!)?\("([^"]+)"\)"#).unwrap();
        let selector = regex::Regex::new(r#"selector!?\("([^"]+)"\)"#).unwrap();
        let in_selector = regex::Regex::new(r"\[([A-Za-z:-]+)").unwrap();
        for source in &sources {
            let code = source.split("#[cfg(test)]").next().unwrap_or(source);
            let called = call.captures_iter(code).map(|c| c.get(1).map_or("", |m| m.as_str()));
            let selected = selector
                .captures_iter(code)
                .flat_map(|c| in_selector.captures_iter(c.get(1).map_or("", |m| m.as_str())).collect::<Vec<_>>())
                .map(|c| c.get(1).map_or("", |m| m.as_str()));
            for name in called.chain(selected) {
                assert!(
                    READ_ATTRIBUTES.iter().any(|r| r.eq_ignore_ascii_case(name.as_bytes())),
                    "{name} is read but pruned"
                );
            }
        }
    }
}
