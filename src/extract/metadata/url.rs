//! Source: URLs, the page's own and the canonical one it names; a
//! permalink's path may hold the article's date.

use super::date_parser::{month_number, with_month_names, Stamp};
use super::meta_tags::MetaTags;
use crate::extract::attribute::AttributeByName;
use crate::extract::regex;
use chrono::NaiveDate;
use html5ever::local_name;
use regex::Regex;
use scraper::ElementRef;
use std::sync::LazyLock;

/// The page's canonical URL: its `rel=canonical` link or `og:url`, resolved
/// against the URL it was fetched from; else that URL. A value with spaces
/// in it is no URL (a template put the page's title there): the next one is
/// read.
pub(super) fn canonical_url(links: &[ElementRef], metas: &MetaTags, page_url: Option<&str>) -> Option<String> {
    let canonical = links
        .iter()
        .find(|l| {
            l.value()
                .attribute(&local_name!("rel"))
                .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
        })
        .and_then(|l| l.value().attribute(&local_name!("href")));
    let is_url = |u: &&str| !u.is_empty() && !u.contains(char::is_whitespace);
    let found =
        canonical.map(str::trim).filter(is_url).or_else(|| metas.first(&["og:url"]).map(str::trim).filter(is_url));
    match (found, page_url) {
        (Some(u), Some(base)) => resolve_url(base, u).or_else(|| Some(base.to_string())),
        (Some(u), None) => is_absolute_url(u).then(|| u.to_string()),
        (None, base) => base.map(str::to_string),
    }
}

/// The host of an absolute URL, lower-cased, without `www.` and port.
pub fn hostname(url: &str) -> Option<String> {
    static HOST: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)"));
    let host = HOST.captures(url.trim())?.get(1)?.as_str().to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_string).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

pub(super) fn is_absolute_url(u: &str) -> bool {
    static SCHEME: LazyLock<Regex> = LazyLock::new(|| regex(r"^[A-Za-z][A-Za-z0-9+.-]*://"));
    SCHEME.is_match(u)
}

/// Resolves `href` against the absolute URL `base` (RFC 3986, the common
/// cases: absolute, scheme-relative, root-relative, path-relative).
pub(super) fn resolve_url(base: &str, href: &str) -> Option<String> {
    if is_absolute_url(href) {
        return Some(href.to_string());
    }
    static PARTS: LazyLock<Regex> = LazyLock::new(|| regex(r"^([A-Za-z][A-Za-z0-9+.-]*):(//[^/?#]*)?([^?#]*)"));
    let caps = PARTS.captures(base)?;
    let scheme = caps.get(1)?.as_str();
    let authority = caps.get(2).map_or("", |m| m.as_str());
    let base_path = caps.get(3).map_or("", |m| m.as_str());
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{rest}"));
    }
    let joined = if href.starts_with('/') {
        href.to_string()
    } else if href.starts_with('?') || href.starts_with('#') {
        format!("{base_path}{href}")
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{href}")
    };
    Some(format!("{scheme}:{authority}{}", remove_dot_segments(&joined)))
}

fn remove_dot_segments(path_and_query: &str) -> String {
    let split = path_and_query.find(['?', '#']).unwrap_or(path_and_query.len());
    let (path, tail) = path_and_query.split_at(split);
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (i, seg) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *seg {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            s => segments.push(s),
        }
    }
    let mut out = segments.join("/");
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out + tail
}

/// Rule "permalink day": an instant written in UTC names the UTC day, not
/// the publisher's; a permalink dated the day before or after, on which the
/// instant may fall in some zone, is the publisher's calendar day (a post
/// filed at 21:46 in New York is in `/2025/12/18/` and at 02:46 UTC on the
/// 19th).
pub(super) fn on_permalink_day(stamp: Stamp, urls: [Option<&str>; 2]) -> Stamp {
    if stamp.offset != Some(0) {
        return stamp;
    }
    let permalink_day = urls.iter().flatten().find_map(|u| date_in_url(u)).map(|d| d.day);
    match permalink_day {
        Some(day) if day != stamp.day && Stamp { day, ..stamp }.could_be(&stamp) => Stamp { day, ..stamp },
        _ => stamp,
    }
}

/// A `/2024/03/05/` (or `/2024-03-05/`, `/2024/march/05/`) date in a URL path.
pub(super) fn date_in_url(url: &str) -> Option<Stamp> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    // Separators may be percent-encoded (`%2F`) in URLs copied from metadata.
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        regex(&with_month_names(
            r"(?i)(?:/|%2F)((?:19|20)\d{2})(?:[/-]|%2F)(\d{1,2}|MONTH)(?:[/-]|%2F)(\d{1,2})(?:\D|$)",
        ))
    });
    let caps = DATE.captures(path)?;
    let year = caps.get(1)?.as_str().parse().ok()?;
    let month = caps.get(2).and_then(|m| m.as_str().parse().ok().or_else(|| month_number(m.as_str())))?;
    let day = caps.get(3)?.as_str().parse().ok()?;
    Stamp::of_day(NaiveDate::from_ymd_opt(year, month, day)?)
}

#[cfg(test)]
mod tests {
    use super::super::date_parser::parse_date;
    use super::super::testing::{meta_of, micros};
    use super::*;

    #[test]
    fn hostname_of_a_url() {
        assert_eq!(hostname("https://www.News.example:8080/a?b").as_deref(), Some("news.example"));
        assert_eq!(hostname("http://user@blog.example").as_deref(), Some("blog.example"));
        assert_eq!(hostname("/relative/path"), None);
        // The report's site fallback reads this column (its own parser is gone).
        assert_eq!(hostname("https://www.Example.org:8080/a/b?c").as_deref(), Some("example.org"));
        assert_eq!(hostname("http://user@news.site/x").as_deref(), Some("news.site"));
        assert_eq!(hostname("not a url"), None);
    }

    #[test]
    fn canonical_url_resolves_against_the_page() {
        let html = r#"<html><head><link rel="canonical" href="../news/story.html?id=1"></head></html>"#;
        let m = meta_of(html, Some("https://news.example/section/page/index.html"));
        assert_eq!(m.url.as_deref(), Some("https://news.example/section/news/story.html?id=1"));
        let og = r#"<html><head><meta property="og:url" content="//news.example/a"></head></html>"#;
        assert_eq!(meta_of(og, Some("http://other.example/b")).url.as_deref(), Some("http://news.example/a"));
        assert_eq!(meta_of("<p>x</p>", Some("https://news.example/c")).url.as_deref(), Some("https://news.example/c"));
    }

    #[test]
    fn canonical_link_holding_a_title_gives_way_to_og_url() {
        let html = r#"<html><head><link rel="canonical" href="What are the types of wine?">
            <meta property="og:url" content="https://wine.example/blog/2023/10/03/wine-types"></head></html>"#;
        assert_eq!(meta_of(html, None).url.as_deref(), Some("https://wine.example/blog/2023/10/03/wine-types"));
    }

    #[test]
    fn utc_instant_takes_the_permalink_day() {
        let late_evening = parse_date("2025-12-19T02:41:41+00:00").unwrap();
        let url = Some("https://blog.example/2025/12/18/comfort-watches/");
        let stamp = on_permalink_day(late_evening, [url, None]);
        assert_eq!((stamp.day.to_string(), stamp.utc_micros), ("2025-12-18".into(), late_evening.utc_micros));
        // A permalink days away is another event; a time with its own offset names its own day.
        assert_eq!(on_permalink_day(late_evening, [Some("https://blog.example/2025/12/16/x/"), None]), late_evening);
        let new_york = parse_date("2025-12-18T21:41:41-05:00").unwrap();
        assert_eq!(on_permalink_day(new_york, [Some("https://blog.example/2025/12/17/x/"), None]), new_york);
    }

    #[test]
    fn dates_in_url_paths() {
        assert_eq!(date_in_url("https://news.example/2024/13/05/x"), None);
        assert_eq!(
            date_in_url("https://blog.example/articles/2025-12-15+Rust+backend").map(|s| s.utc_micros),
            Some(micros("2025-12-15T00:00:00Z"))
        );
        assert_eq!(date_in_url("https://news.example/2024/03/051/x"), None);
        assert_eq!(
            date_in_url("https://www.wine.example/knowledge-centre/blog/2023/october/03/how-many-wine-types/")
                .map(|s| s.utc_micros),
            Some(micros("2023-10-03T00:00:00Z"))
        );
        assert_eq!(date_in_url("https://news.example/2024/octopus/03/x"), None);
        let encoded = "https://blog.example%2Farticles%2F2025-12-15%2BRust%2Bbackend";
        assert_eq!(date_in_url(encoded).map(|s| s.utc_micros), Some(micros("2025-12-15T00:00:00Z")));
    }
}
