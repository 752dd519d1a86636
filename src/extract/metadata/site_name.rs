//! Field: the name of the site the page belongs to.

use super::json_ld::{json_first_string, JsonLd};
use super::meta_tags::MetaTags;
use super::url::{hostname, is_absolute_url};

/// The site's name: what Open Graph says, else the article's publisher, else
/// the name of the site's own JSON-LD object, else the name an app install
/// takes. A URL given as the name (`http://www.site.example`) is no name:
/// the next source's name is taken, else the URL's host.
pub(super) fn site_name(metas: &MetaTags, json_ld: &JsonLd) -> Option<String> {
    let open_graph = || metas.first(&["og:site_name"]).map(str::to_string);
    let publisher = || json_ld.articles().find_map(|a| json_first_string(a, "publisher"));
    let site =
        || json_ld.typed(|t| t == "WebSite" || t == "NewsMediaOrganization").find_map(|o| json_first_string(o, "name"));
    let app = || metas.first(&["application-name", "apple-mobile-web-app-title"]).map(str::to_string);
    let sources: [&dyn Fn() -> Option<String>; 4] = [&open_graph, &publisher, &site, &app];
    // Asked in turn, as far as the first name (usually Open Graph's).
    let mut first_url = None;
    for name in sources.iter().filter_map(|source| source()) {
        if !is_absolute_url(&name) {
            return Some(name);
        }
        first_url.get_or_insert(name);
    }
    first_url.and_then(|url| hostname(&url))
}

#[cfg(test)]
mod tests {
    use super::super::testing::meta_of;

    #[test]
    fn site_name_from_open_graph_then_the_publisher() {
        let og = r#"<html><head><meta property="og:site_name" content="The Gazette">
            <script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Gazette Media"}}</script></head></html>"#;
        assert_eq!(meta_of(og, None).site_name.as_deref(), Some("The Gazette"));
        let publisher = og.replace("og:site_name", "og:title");
        assert_eq!(meta_of(&publisher, None).site_name.as_deref(), Some("Gazette Media"));
        let app = r#"<html><head><meta name="application-name" content="Gazette"></head></html>"#;
        assert_eq!(meta_of(app, None).site_name.as_deref(), Some("Gazette"));
        assert_eq!(meta_of("<p>x</p>", None).site_name, None);
    }

    #[test]
    fn site_name_is_a_name_never_a_url() {
        let url = r#"<html><head><meta property="og:site_name" content="http://www.gazette.example">
            <meta name="application-name" content="The Gazette"></head></html>"#;
        assert_eq!(meta_of(url, None).site_name.as_deref(), Some("The Gazette"));
        let alone =
            r#"<html><head><meta property="og:site_name" content="https://www.gazette.example/"></head></html>"#;
        assert_eq!(meta_of(alone, None).site_name.as_deref(), Some("gazette.example"));
    }
}
