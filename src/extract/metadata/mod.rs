//! Page metadata: title, byline, publication date, site name, canonical URL,
//! language; from meta tags, JSON-LD and the DOM.
//!
//! Each field is read from the sources in decreasing order of reliability:
//! structured data the publisher wrote for machines (JSON-LD, Open Graph and
//! other `<meta>` tags) before what the DOM shows to readers. The date is the
//! exception: the date shown with the headline or byline decides the day,
//! machine metadata gives the exact instant when it agrees (see the date
//! policy in [`date`]).
//!
//! Sources, each read once per page:
//! - [`elements`]: the elements the rules read, indexed in one pass;
//! - [`meta_tags`]: `<meta>` values by key;
//! - [`json_ld`]: the typed objects of JSON-LD scripts;
//! - [`url`]: the canonical URL, and the date in a permalink;
//! - [`visible_text`]: the text nodes a reader sees, and where the headline is.
//!
//! Field policies, each deciding one field from the sources:
//! [`title`], [`byline`], [`date`] (with its parser, [`date_parser`]),
//! [`language`], [`site_name`].

use super::{normalize_whitespace, regex};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

mod byline;
mod date;
mod date_parser;
mod details;
mod elements;
mod json_ld;
mod language;
mod meta_tags;
mod site_name;
mod title;
mod url;
mod visible_text;

/// Compiles a selector of this module's code, for a `LazyLock` static: a
/// typo is a bug, which the first test that reads it finds.
fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

pub use date_parser::{is_date_joining_word, is_dateline_word};
pub use details::Details;
pub use url::hostname;

use elements::Elements;
use json_ld::JsonLd;
use meta_tags::MetaTags;
use visible_text::VisibleText;

/// Metadata found in a page. Every field is optional: a value that cannot be
/// found or parsed is `None`, never a guess.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Publication instant, microseconds since the Unix epoch, UTC: only
    /// when the page gives the time's offset.
    pub published_at: Option<i64>,
    /// The publication's calendar day as the publisher wrote it.
    pub published_date: Option<chrono::NaiveDate>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    /// The primary language code the markup declares (`en`).
    pub language: Option<String>,
    pub details: Details,
}

/// Reads the metadata of a parsed page.
pub fn extract_metadata(doc: &Html, page_url: Option<&str>) -> Metadata {
    let elements = Elements::collect(doc);
    let metas = MetaTags::collect(&elements.metas);
    let json_ld = JsonLd::collect(&elements.typed_scripts, &elements.metas);
    let url = url::canonical_url(&elements.links, &metas, page_url);
    let site_name = site_name::site_name(&metas, &json_ld);
    let title = title::title(&elements, &metas, &json_ld, site_name.as_deref());
    let visible = VisibleText::collect(doc, title.as_deref());
    let byline = byline::byline(&elements, &metas, &json_ld, &visible, site_name.as_deref());
    let urls = [url.as_deref(), page_url];
    // The date policy's date, on the permalink's day when written in UTC.
    let published = date::published(&metas, &json_ld, &elements, &visible, byline.as_deref(), urls)
        .map(|s| url::on_permalink_day(s, urls));
    let declared = language::language(doc, &metas);
    let details = Details {
        description: details::description(&metas, &json_ld),
        tags: details::tags(&metas, &json_ld),
        image: details::image(&metas, &json_ld, url.as_deref().or(page_url)),
        page_type: details::page_type(&metas, &json_ld),
        language_declared: declared.clone(),
        ..Details::default()
    };
    let language = declared.map(|tag| crate::extract::language::primary_code(&tag));
    Metadata {
        title,
        byline,
        published_at: published.and_then(|s| s.instant()),
        published_date: published.map(|s| s.day),
        site_name,
        url,
        language,
        details,
    }
}

/// An element's text as displayed: inline elements run together, line
/// breaks and block elements separate words.
fn element_text(el: ElementRef) -> String {
    let mut text = String::new();
    for node in el.descendants() {
        match node.value() {
            scraper::Node::Text(t) => text.push_str(t),
            scraper::Node::Element(e)
                if matches!(
                    e.name(),
                    "br" | "div" | "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section"
                ) =>
            {
                text.push(' ')
            }
            _ => {}
        }
    }
    normalize_whitespace(&text)
}

fn non_empty(s: String) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Decodes the character references publishers leave in JSON-LD strings.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| regex(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|quot|apos|lt|gt|nbsp);"));
    ENTITY
        .replace_all(s, |caps: &regex::Captures| {
            let entity = &caps[1];
            let code = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = entity.strip_prefix('#') {
                dec.parse().ok()
            } else {
                Some(match entity {
                    "amp" => '&' as u32,
                    "quot" => '"' as u32,
                    "apos" => '\'' as u32,
                    "lt" => '<' as u32,
                    "gt" => '>' as u32,
                    _ => ' ' as u32,
                })
            };
            code.and_then(char::from_u32).map_or_else(|| caps[0].to_string(), String::from)
        })
        .into_owned()
}

/// Helpers of the field tests.
#[cfg(test)]
mod testing {
    use super::{extract_metadata, Metadata};
    use chrono::{DateTime, NaiveDate};
    use scraper::Html;

    pub fn meta_of(html: &str, url: Option<&str>) -> Metadata {
        extract_metadata(&Html::parse_document(html), url)
    }

    pub fn day(iso: &str) -> NaiveDate {
        NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("test day")
    }

    pub fn micros(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339).expect("test date").timestamp_micros()
    }
}
