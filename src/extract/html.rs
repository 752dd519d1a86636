//! Article extraction from HTML.

use super::{metadata, Article};

/// Parses `html` once and returns its article: metadata plus body blocks.
/// `page_url` is where the page was fetched from, if known.
pub fn extract_html(html: &str, page_url: Option<&str>) -> Article {
    let doc = scraper::Html::parse_document(html);
    let meta = metadata::extract_metadata(&doc, page_url);
    Article {
        title: meta.title,
        byline: meta.byline,
        published_at: meta.published_at,
        site_name: meta.site_name,
        url: meta.url,
        language: meta.language,
        blocks: Vec::new(),
    }
}
