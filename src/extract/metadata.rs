//! Page metadata: title, byline, publication date, site name, canonical URL,
//! language; from meta tags, JSON-LD and the DOM.

/// Metadata found in a page. Every field is optional: a value that cannot be
/// found or parsed is `None`, never a guess.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Microseconds since the Unix epoch, UTC.
    pub published_at: Option<i64>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Reads the metadata of a parsed page.
pub fn extract_metadata(_doc: &scraper::Html, _page_url: Option<&str>) -> Metadata {
    Metadata::default()
}
