//! Fields: what a page says of itself beyond the article's core metadata
//! (the details trafilatura users expect): its description, its tags and
//! sections, its lead image and its type.

use super::json_ld::{json_first_string, json_strings, types_of, JsonLd};
use super::meta_tags::MetaTags;
use super::url::resolve_url;
use serde_json::Value;

/// The most tags kept: a page's keyword list past that is SEO stuffing.
const MAX_TAGS: usize = 40;

/// Longest tag kept, in chars: a longer "keyword" is a sentence.
const MAX_TAG_LEN: usize = 60;

/// What a page says of itself beyond the core fields, plus what the record
/// says of the page: the `documents` columns after `dup_of`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    /// The standfirst or meta description.
    pub description: Option<String>,
    /// Keywords, tags and sections, in the page's order, without repeats.
    pub tags: Vec<String>,
    /// The lead image's absolute URL.
    pub image: Option<String>,
    /// The page's type as JSON-LD (`NewsArticle`) or Open Graph (`article`) names it.
    pub page_type: Option<String>,
    /// The language tag the markup declares, normalised (`en-US`).
    pub language_declared: Option<String>,
    /// The host of the page's URL, without `www.`.
    pub hostname: Option<String>,
    /// The URL the record was fetched from (WARC-Target-URI, JSONL `url`).
    pub crawl_url: Option<String>,
    /// The language detector's confidence that the text is in `language`.
    pub language_confidence: Option<f64>,
}

/// The description: Open Graph's, the page's `<meta name=description>`,
/// Twitter's, else the article's JSON-LD one.
pub(super) fn description(metas: &MetaTags, json_ld: &JsonLd) -> Option<String> {
    metas
        .first(&["og:description", "description", "twitter:description", "dc.description"])
        .map(str::to_string)
        .or_else(|| json_ld.articles().find_map(|a| json_first_string(a, "description")))
}

/// Tags: `article:tag`, the article's JSON-LD keywords, `<meta
/// name=keywords>` (comma-separated), then its sections.
pub(super) fn tags(metas: &MetaTags, json_ld: &JsonLd) -> Vec<String> {
    let from_ld = |key: &str, found: &mut Vec<String>| {
        for value in json_ld.articles().filter_map(|a| a.get(key)) {
            json_strings(value, found);
        }
    };
    let mut found: Vec<String> = metas.all(&["article:tag"]).map(str::to_string).collect();
    from_ld("keywords", &mut found);
    found.extend(metas.all(&["keywords", "news_keywords"]).map(str::to_string));
    from_ld("articleSection", &mut found);
    found.extend(metas.all(&["article:section"]).map(str::to_string));
    // A CMS's facets ("locale: US", "contentId: 15cd…") are fields, not tags.
    let is_facet = |tag: &str| tag.split_once(": ").is_some_and(|(key, _)| !key.contains(' '));
    let mut tags: Vec<String> = Vec::new();
    for tag in found.iter().flat_map(|t| t.split([',', ';'])).map(str::trim) {
        let fresh = !tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
        if fresh && !tag.is_empty() && !is_facet(tag) && tag.chars().count() <= MAX_TAG_LEN && tags.len() < MAX_TAGS {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// The lead image: Open Graph's, Twitter's, else the article's JSON-LD
/// `image` (a URL, an `ImageObject`, or a list of either); resolved against
/// the page's URL.
pub(super) fn image(metas: &MetaTags, json_ld: &JsonLd, page_url: Option<&str>) -> Option<String> {
    fn url_of(v: &Value) -> Option<&str> {
        match v {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("url").or_else(|| o.get("contentUrl")).and_then(url_of),
            Value::Array(items) => items.iter().find_map(url_of),
            _ => None,
        }
    }
    let raw = metas
        .first(&["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"])
        .or_else(|| json_ld.articles().find_map(|a| a.get("image").and_then(url_of)))
        .map(str::trim)
        .filter(|u| !u.is_empty())?;
    match page_url {
        Some(base) => resolve_url(base, raw),
        None => Some(raw.to_string()),
    }
}

/// The page's type: the article's JSON-LD type, else Open Graph's, else a
/// JSON-LD page type (`WebPage`, `CollectionPage`).
pub(super) fn page_type(metas: &MetaTags, json_ld: &JsonLd) -> Option<String> {
    let type_of = |o: &Value| types_of(o).first().map(|t| t.to_string());
    json_ld
        .articles()
        .find_map(type_of)
        .or_else(|| metas.first(&["og:type"]).map(str::to_string))
        .or_else(|| json_ld.typed(|t| t.ends_with("Page")).find_map(type_of))
}

#[cfg(test)]
mod tests {
    use super::super::testing::meta_of;

    const HEAD: &str = r#"<head><meta property="og:description" content="Rain closed roads across the north.">
        <meta name="keywords" content="floods, weather , Floods, locale: US"><meta property="article:tag" content="Climate">
        <meta property="og:image" content="/img/floods.jpg"><meta property="og:type" content="article">
        <script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "World",
        "keywords": ["Rain", "climate"], "image": {"@type": "ImageObject", "url": "https://cdn.example/x.jpg"}}</script></head>"#;

    #[test]
    fn details_come_from_meta_tags_and_json_ld() {
        let html = format!("<html>{HEAD}<body><h1>Floods Close Roads</h1><p>Heavy rain.</p></body></html>");
        let d = meta_of(&html, Some("https://news.example/world/floods")).details;
        assert_eq!(d.description.as_deref(), Some("Rain closed roads across the north."));
        assert_eq!(d.tags, ["Climate", "Rain", "floods", "weather", "World"]);
        assert_eq!(d.image.as_deref(), Some("https://news.example/img/floods.jpg"));
        assert_eq!(d.page_type.as_deref(), Some("NewsArticle"));
    }

    #[test]
    fn json_ld_image_and_open_graph_type_when_alone() {
        let html = r#"<html><head><meta property="og:type" content="website"><script type="application/ld+json">
            {"@type": "BlogPosting", "image": ["https://cdn.example/a.jpg"]}</script></head><body><p>x</p></body></html>"#;
        let d = meta_of(html, None).details;
        assert_eq!(d.image.as_deref(), Some("https://cdn.example/a.jpg"));
        assert_eq!(d.page_type.as_deref(), Some("BlogPosting"));
        let d = meta_of(r#"<html><head><meta property="og:type" content="website"></head></html>"#, None).details;
        assert_eq!((d.page_type.as_deref(), d.tags.len(), d.description), (Some("website"), 0, None));
    }
}
