//! Field: the publication date, by the date policy below.
//!
//! Date policy. The article's date is the date a reader sees with its
//! headline or byline: that is what people cite, and it is what the page
//! stands by. Machine metadata (JSON-LD, `<meta>`) is exact (time of day,
//! offset) but may be a template's default or an import date. So:
//! 1. The first date shown near the headline or in the byline area is the
//!    article's day. If a machine date (published, else modified) falls on
//!    that day (as its writer wrote it, or in some time zone), that exact
//!    instant is kept; otherwise the shown day, as midnight UTC. An
//!    unlabelled shown date that the metadata gives only as the modification
//!    stays the article's: readers' "article date" on wcxb-dev is the shown
//!    one on 8 such pages, the machine publication date on 6.
//! 2. A shown date labelled as an update ("Updated April 19, 2025"), or
//!    marked as one in its markup (`itemprop=dateModified`), dates a
//!    revision, not the article: the machine publication date wins over it
//!    when there is one (measured on both benchmarks: of 42 pages showing
//!    an update and a different machine publication date, readers' "article
//!    date" is the publication date on 23, the update on 19; re-measured
//!    on wcxb-dev: taking the update gains 17 pages and loses 24).
//! 3. Without a shown date: the machine publication date, then the date
//!    just after the author's name (an author box after the article), then a
//!    labelled dateline anywhere ("Posted on ..."), then the URL's date (the
//!    article's own permalink), then a date in an element named for dates
//!    (which may be a sidebar's), last the machine modification date (a
//!    page's only date: on wcxb-dev it is the article's on 1 of the 5
//!    pages that give no other, the 4 others' dates are not on the page).
//!
//! Instants are always honest UTC: a page written in UTC+05:30 at 01:00 on
//! December 19 is December 18 in UTC. The calendar day of an instant
//! written in UTC yields to its permalink's (`url::on_permalink_day`).

use super::date_parser::{
    dateline_date, find_text_date, has_year_digits, parse_date, parse_timestamp, text_date, Stamp,
};
use super::element_text;
use super::elements::{in_comments_or_nav, Elements};
use super::json_ld::{json_first_string, JsonLd};
use super::meta_tags::MetaTags;
use super::url::date_in_url;
use super::visible_text::VisibleText;
use crate::extract::attribute::AttributeByName;
use crate::extract::lexicon::class_names::BYLINE_AREA;
use crate::extract::lexicon::dates::{PUBLICATION_LABELS, UPDATE_LABELS};
use crate::extract::regex;
use html5ever::local_name;
use regex::Regex;
use scraper::ElementRef;
use serde_json::Value;
use std::sync::LazyLock;

/// JSON-LD and `<meta>` keys for when an article was published, and for
/// when it was last modified.
const JSON_LD_PUBLISHED: [&str; 2] = ["datePublished", "dateCreated"];
const JSON_LD_MODIFIED: [&str; 1] = ["dateModified"];
const META_PUBLISHED: [&str; 16] = [
    "article:published_time", "og:published_time", "og:article:published_time", "published_time", "dc.date",
    "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "dcterms.date", "datepublished",
    "sailthru.date", "parsely-pub-date", "article.published", "pubdate", "date",
];
const META_MODIFIED: [&str; 6] = [
    "article:modified_time", "og:updated_time", "dc.date.modified", "dcterms.modified", "datemodified", "last-modified",
];

/// Longest text read as a dateline, in chars: a longer one is a sentence
/// that mentions a date (an offer's end, an event's day).
const MAX_DATELINE_LEN: usize = 80;

/// Longest label read before a date ("Updated on", "Page updated:"), in chars.
const MAX_DATE_LABEL_LEN: usize = 30;

/// How many elements named for dates are tried: the first ones are the
/// article's, later ones its sidebar's.
const MAX_DATE_ELEMENTS: usize = 20;

/// Longest text, in bytes, read as the line that names the author before
/// the date shown with it: a longer one is a bio or a sentence.
const MAX_AUTHOR_LINE_LEN: usize = 100;

/// How many ancestors up a `<time>` is looked up for a byline or
/// post-meta area (a time in a span in a list item in the area).
const BYLINE_AREA_LEVELS: usize = 4;

/// The publication date by the policy above; a local time of day without an
/// offset takes the one the page's machine dates write.
pub(super) fn published(
    metas: &MetaTags,
    json_ld: &JsonLd,
    elements: &Elements,
    visible: &VisibleText,
    byline: Option<&str>,
    urls: [Option<&str>; 2],
) -> Option<Stamp> {
    let published = machine_dates(metas, json_ld, &JSON_LD_PUBLISHED, &META_PUBLISHED, true);
    let modified = machine_dates(metas, json_ld, &JSON_LD_MODIFIED, &META_MODIFIED, false);
    let site_offset = published.iter().chain(&modified).find_map(|s| s.offset);
    let in_site_offset = |s: Stamp| site_offset.map_or(s, |o| s.in_offset(o));
    let shown = shown_date(&elements.times, visible);
    // A publication dated after the update the page shows is not the
    // article's first appearance but a later save: the page's date is the
    // only one left standing, and the machine dates are not its instant.
    let contradicted = |s: &ShownDate| s.is_update && published.first().is_some_and(|p| p.day > s.stamp.day);
    if let Some(update) = shown.filter(contradicted) {
        return Some(update.stamp);
    }
    // An update note is the revision's date; the publication date, when the
    // publisher gives one, is the article's.
    let shown = shown.filter(|s| !s.is_update || published.is_empty()).map(|s| s.stamp);
    if let Some(shown) = shown {
        // Publication dates are tried before modification dates: a page
        // revised on the day after it went out (in UTC) has its revision on
        // the shown day as written and its publication only in some zone.
        // Sources that write the same local time with different offsets
        // contradict each other: the one whose UTC day is the shown day
        // contradicts the page least.
        let on_shown_day = |dates: &[Stamp]| {
            let same_day = || dates.iter().filter(|m| m.day == shown.day);
            same_day()
                .find(|m| m.utc_day() == Some(shown.day))
                .or_else(|| same_day().next())
                .or_else(|| dates.iter().find(|m| shown.could_be(m)))
                .copied()
        };
        let exact = on_shown_day(&published).or_else(|| on_shown_day(&modified));
        return Some(in_site_offset(exact.unwrap_or(shown)));
    }
    let from_date_elements = || {
        elements
            .named()
            .date_named
            .iter()
            .take(MAX_DATE_ELEMENTS)
            .find_map(|&el| {
                Some(element_text(el)).filter(|t| t.chars().count() <= MAX_DATELINE_LEN).and_then(|t| text_date(&t))
            })
            .and_then(Stamp::of_day)
    };
    let from_url = || urls.iter().flatten().find_map(|u| date_in_url(u));
    // A publication written as a bare day (midnight UTC) names no time: an
    // instant another source gives that may fall on that day is the same
    // publication, told precisely.
    let precise = |day: Stamp| published.iter().copied().find(|p| !p.is_bare_day() && day.could_be(p)).unwrap_or(day);
    published
        .first()
        .map(|&first| if first.is_bare_day() { precise(first) } else { first })
        .or_else(|| next_to_byline(visible, byline?))
        .or_else(|| labelled_dateline(visible))
        .or_else(from_url)
        .or_else(from_date_elements)
        .or_else(|| modified.first().copied())
        .map(in_site_offset)
}

/// Machine-readable dates under the given keys, most reliable first: the
/// article's JSON-LD, `<meta>` tags, then a web page's JSON-LD (its own date,
/// less specific than the article's).
fn machine_dates(
    metas: &MetaTags,
    json_ld: &JsonLd,
    ld_keys: &[&str],
    meta_keys: &[&str],
    published: bool,
) -> Vec<Stamp> {
    let date_of = |o: &Value| ld_keys.iter().find_map(|k| json_first_string(o, k).and_then(|d| parse_date(&d)));
    let mut out: Vec<Stamp> = json_ld.articles().filter_map(date_of).collect();
    out.extend(metas.all(meta_keys).filter_map(parse_date));
    if published {
        // Other names publishers give the field: `publish-date`, `published_date`...
        let mut keys: Vec<&String> =
            metas.0.keys().filter(|k| k.contains("publish") && !k.contains("publisher")).collect();
        keys.sort();
        out.extend(keys.into_iter().flat_map(|k| metas.0.get(k).into_iter().flatten()).filter_map(|v| parse_date(v)));
    }
    out.extend(json_ld.typed(|t| t.ends_with("Page")).filter_map(date_of));
    out
}

/// How many text nodes apart a publication and an update date shown
/// together may be.
const DATELINE_SPREAD: usize = 3;

/// A date shown to readers, and whether its label says it is an update.
#[derive(Clone, Copy)]
struct ShownDate {
    stamp: Stamp,
    is_update: bool,
}

/// "Updated", "Last modified", "Reviewed"... in the languages of [`month_number`].
fn is_update_label(text: &str) -> bool {
    static UPDATE: LazyLock<Regex> = LazyLock::new(|| regex(&format!("(?i){}", UPDATE_LABELS.join("|"))));
    UPDATE.is_match(text)
}

/// Whether an element's markup marks it as the date of a modification:
/// schema.org's `dateModified`, or hAtom's `updated` class without its
/// `published` one (themes put both on a date never revised).
#[inline]
pub(super) fn is_marked_modified(el: ElementRef) -> bool {
    // One pass over the attributes, read in place (`Element::classes` interns
    // every class name), names compared as interned atoms.
    let (mut modified_prop, mut updated, mut published) = (false, false, false);
    for (name, value) in el.value().attrs.iter() {
        if name.local == local_name!("itemprop") {
            modified_prop |= value.split_whitespace().any(|p| p == "dateModified");
        } else if name.local == local_name!("class") {
            for class in value.split_ascii_whitespace() {
                updated |= class == "updated";
                published |= class == "published";
            }
        }
    }
    modified_prop || (updated && !published)
}

/// The date shown to readers: the first one in a short text near the
/// headline (a `<time>` there gives its `datetime` when its text is not a
/// date, as in "3 days ago"), else in a `<time>` element of the article or
/// its byline area. Its label is in its own text or in the short text just
/// before ("Updated on" / "April 19, 2025").
fn shown_date(times: &[ElementRef], visible: &VisibleText) -> Option<ShownDate> {
    let written_at = |i: usize| {
        let text = visible.text(i).filter(|t| t.chars().count() <= MAX_DATELINE_LEN)?;
        dateline_date(text).and_then(Stamp::of_day).or_else(|| parse_timestamp(text))
    };
    let is_update_at = |i: usize| {
        let label = i.checked_sub(1).and_then(|j| visible.text(j)).filter(|t| t.chars().count() <= MAX_DATE_LABEL_LEN);
        visible.text(i).is_some_and(is_update_label)
            || label.is_some_and(is_update_label)
            || visible.marked_modified.get(i).is_some_and(|&m| m)
    };
    // Rule "time element's day": a `<time>` whose `datetime` is a bare day
    // declares that day; its text may be another event's ("August 28" of
    // a draft). A `datetime` with a time of day may name the UTC day, and
    // the text the local one: the text wins there.
    let shown_at = |i: usize| {
        let datetime = visible.datetimes.get(i).copied().flatten().and_then(parse_date);
        let declared_day = datetime.filter(Stamp::is_bare_day);
        let stamp = declared_day.or_else(|| written_at(i)).or(datetime)?;
        Some(ShownDate { stamp, is_update: is_update_at(i) })
    };
    let first = visible.near_headline().into_iter().find_map(|i| Some((i, shown_at(i)?)));
    // A publication date shown beside the update ("December 22, 2022" /
    // "Updated: January 2, 2026") is the article's.
    let near_headline = first.map(|(i, shown)| {
        let beside = (i.saturating_sub(DATELINE_SPREAD)..=i + DATELINE_SPREAD).filter(|&j| j != i);
        let published_beside = || beside.filter(|&j| !is_update_at(j)).find_map(written_at);
        match shown.is_update.then(published_beside).flatten() {
            Some(stamp) => ShownDate { stamp, is_update: false },
            None => shown,
        }
    });
    let time_element = || {
        // `article time[datetime], main time[datetime], time[itemprop~=datePublished], time[pubdate]`
        let published_time = |t: &ElementRef| {
            let v = t.value();
            let in_article =
                || t.ancestors().filter_map(ElementRef::wrap).any(|a| matches!(a.value().name(), "article" | "main"));
            (v.attribute(&local_name!("datetime")).is_some() && in_article())
                || v.attribute(&local_name!("itemprop"))
                    .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "datePublished"))
                || v.attr("pubdate").is_some()
        };
        let dated = |t: &ElementRef| t.value().attribute(&local_name!("datetime")).is_some();
        times
            .iter()
            .copied()
            .filter(published_time)
            .chain(times.iter().copied().filter(dated).filter(|t| in_byline_area(*t)))
            .filter(|t| !in_comments_or_nav(*t))
            .find_map(|t| {
                let stamp = t.value().attribute(&local_name!("datetime")).and_then(parse_date)?;
                let class = [t.value().attribute(&local_name!("class")), t.value().attribute(&local_name!("itemprop"))]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                Some(ShownDate { stamp, is_update: is_update_label(&class) })
            })
    };
    near_headline.or_else(time_element)
}

/// How many text nodes after an author's name may hold the date shown with it.
const AFTER_BYLINE: usize = 3;

/// A dateline just after where the author's name is first shown, however
/// far from the headline (an author box after the article). Later mentions
/// are other posts by the same author (related-post cards).
fn next_to_byline(visible: &VisibleText, byline: &str) -> Option<Stamp> {
    let first_author = byline.split(", ").next().filter(|a| !a.is_empty())?;
    // The normalised text only joins words with single spaces: a node
    // whose raw text lacks the name's first word cannot hold the name.
    let first_word = first_author.split(' ').next().unwrap_or(first_author);
    let holds_author = |i: &usize| {
        visible.raw.get(*i).is_some_and(|raw| raw.contains(first_word))
            && visible.text(*i).is_some_and(|t| t.len() <= MAX_AUTHOR_LINE_LEN && t.contains(first_author))
    };
    let author_node = (0..visible.len()).find(holds_author)?;
    let after = (author_node + 1..visible.len()).take(AFTER_BYLINE).filter_map(|j| visible.text(j));
    after.filter(|t| t.chars().count() <= MAX_DATELINE_LEN).find_map(dateline_date).and_then(Stamp::of_day)
}

/// A dateline with a publication or update label ("Posted on April 13,
/// 2023", "Last updated: November 13, 2025") anywhere in the visible text:
/// the label says whose date it is, however far from the headline. Words
/// before the label are the post's kind or section ("Essay - Published:
/// 2025.12.17"). In a longer text, a publication label directly followed by
/// the date ("This article was originally published on 26 Sep 2019 at
/// 4:12pm but has been regularly updated").
fn labelled_dateline(visible: &VisibleText) -> Option<Stamp> {
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)\b(?:{}|{})\b", PUBLICATION_LABELS.join("|"), UPDATE_LABELS.join("|"))));
    static PUBLISHED_ON: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)\b(?:{})(?:\s+on|\s+the|:)?\s+", PUBLICATION_LABELS.join("|"))));
    let (label, published_on) = (&*LABEL, &*PUBLISHED_ON);
    let labelled = |t: &str| {
        if t.chars().count() <= MAX_DATELINE_LEN {
            return label.find(t).and_then(|m| t.get(m.start()..)).and_then(dateline_date);
        }
        let rest = t.get(published_on.find(t)?.end()..)?;
        find_text_date(rest).filter(|(_, span)| span.start == 0).map(|(date, _)| date)
    };
    // Normalising whitespace keeps every run of digits: the raw text tells.
    let dated = (0..visible.len()).filter(|&i| visible.raw.get(i).is_some_and(|raw| has_year_digits(raw)));
    dated.filter_map(|i| visible.text(i)).find_map(labelled).and_then(Stamp::of_day)
}

/// Whether an element sits in a byline / post-meta area (looked up a few levels).
fn in_byline_area(el: ElementRef) -> bool {
    el.ancestors().take(BYLINE_AREA_LEVELS).filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        let attrs = format!(
            "{} {}",
            v.attribute(&local_name!("class")).unwrap_or(""),
            v.attribute(&local_name!("id")).unwrap_or("")
        )
        .to_ascii_lowercase();
        v.name() == "header" || BYLINE_AREA.iter().any(|k| attrs.contains(k))
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{day, meta_of, micros};
    use super::super::visible_text::AFTER_HEADLINE;
    use super::*;
    use chrono::NaiveDate;
    use scraper::Html;

    #[test]
    fn date_from_url_path_when_nothing_else() {
        let html = "<html><body><h1>Floods Close Roads</h1><p>Heavy rain.</p></body></html>";
        let m = meta_of(html, Some("https://news.example/world/2024/03/05/floods-close-roads/"));
        assert_eq!(m.published_date, Some(day("2024-03-05")));
        // The permalink's date before a related post's, below the article.
        let article = "<p>Wine comes in six styles.</p>".repeat(AFTER_HEADLINE);
        let html = format!(
            r#"<html><body><h1>How Many Wine Types Are There?</h1><div class="blog-date">03/10/2023</div>{article}
            <aside><span class="post_date">16 February 2026</span></aside></body></html>"#
        );
        let m = meta_of(&html, Some("https://www.wine.example/blog/2023/october/03/how-many-wine-types/"));
        assert_eq!(m.published_date, Some(day("2023-10-03")));
    }

    #[test]
    fn visible_date_next_to_the_headline() {
        let html = r#"<html><body><nav>Home</nav><h1>Floods Close Roads</h1>
            <p><span>Posted on</span> <span>March 5, 2024</span></p><p>Heavy rain fell on the region.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2024-03-05")));
    }

    #[test]
    fn date_just_above_the_headline_beats_related_posts_below() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(12);
        let html = format!(
            r#"<html><body><p>Mobile</p><p>January 16, 2025</p><h1>Types of Mobile Apps</h1>{paragraphs}
            <h3>Related</h3><p>July 15, 2025</p></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_date, Some(day("2025-01-16")));
    }

    #[test]
    fn date_element_after_a_long_article() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><h1>How Mobile Apps Are Made</h1>{paragraphs}
            <div class="author-box"><p>Moses Kim</p><p class="post-date">April 8, 2024</p></div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_date, Some(day("2024-04-08")));
    }

    #[test]
    fn time_element_declaring_a_bare_day_wins_over_its_text() {
        let html = r#"<html><body><h1>Klatch Coffee</h1><div><time datetime="2024-12-20">August 28, 2024</time></div>
            <p>An app store listing.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2024-12-20")));
        // A time of day may be the UTC day's: the text is the local day.
        let evening = html.replace("2024-12-20", "2024-08-29T02:00:00Z");
        assert_eq!(meta_of(&evening, None).published_date, Some(day("2024-08-28")));
    }

    #[test]
    fn shown_date_wins_over_machine_publication_date() {
        // A template's date in the metadata; readers see the article's own.
        let html = r#"<html><head><script type="application/ld+json">{"@type": "BlogPosting",
            "datePublished": "Jun 24, 2025"}</script></head><body><h1>How Much to Charge for Yoga</h1>
            <div class="staff"><div class="author">Shauna Mitchell</div><div class="date">August 25, 2024</div></div>
            <p>Prices vary by city.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2024-08-25")));
    }

    #[test]
    fn shown_update_date_yields_to_the_publication_date() {
        let head = r#"<head><meta property="article:published_time" content="2024-02-01T15:46:14+00:00">
            <meta property="article:modified_time" content="2025-04-19T23:02:46+00:00"></head>"#;
        let body = r#"<body><h1>How Video Production Works</h1><div class="header-update"><div>Updated on</div>
            <div>April 19, 2025</div></div><p>Video production has three stages.</p></body>"#;
        let page = format!("<html>{head}{body}</html>");
        assert_eq!(meta_of(&page, None).published_at, Some(micros("2024-02-01T15:46:14Z")));
        // Without a publication date, the update is the only date there is.
        let without = format!("<html>{}{body}</html>", head.replace("article:published_time", "x"));
        assert_eq!(meta_of(&without, None).published_at, Some(micros("2025-04-19T23:02:46Z")));
    }

    #[test]
    fn bare_publication_day_takes_the_instant_another_source_gives() {
        // The article's object gives the local day only; the page's object the instant (evening of that day in the US).
        let html = r#"<html><head><script type="application/ld+json">{"@graph": [
            {"@type": "Article", "datePublished": "2023-05-17T00:00:00+0000"},
            {"@type": "WebPage", "datePublished": "2023-05-18T04:39:05+00:00"}]}</script></head>
            <body><h1>MBA Rankings</h1><p>Full-time programs.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2023-05-18T04:39:05Z")));
        // An instant days away is another event: the day stays.
        let far = html.replace("2023-05-18T04:39:05", "2023-05-20T04:39:05");
        assert_eq!(meta_of(&far, None).published_date, Some(day("2023-05-17")));
    }

    #[test]
    fn shown_update_wins_over_a_publication_dated_after_it() {
        // The metadata stamps one later save as both publication and modification.
        let html = r#"<html><head><script type="application/ld+json">{"@type": "Article",
            "datePublished": "13/11/2025 09:21:40", "dateModified": "13/11/2025 09:21:40"}</script></head>
            <body><h1>Eat Well on a Budget</h1><div class="date-type">Page updated:</div><div class="date">12 November 2025</div>
            <p>Seven days of meals.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2025-11-12")));
    }

    #[test]
    fn publication_date_shown_beside_the_update_wins() {
        let html = r#"<html><body><div><a href="/category/mental-health">Mental Health</a><span>DECEMBER 22, 2022</span>
            <span>Updated: JANUARY 02, 2026</span></div><h1>Ways Meditation Helps</h1><p>Breathe in.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2022-12-22")));
        // A `<time>` holding both: its datetime is the update's, not the text beside it.
        let html = r#"<html><body><h1>Meditation Calms Anxiety</h1><time datetime="2022-11-11T20:23:00-05:00">
            <span>Updated November 11, 2022</span><span>8:23 PM ET</span><span>Originally published
            <span>November 9, 2022</span></span></time><p>A new study.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2022-11-09")));
    }

    #[test]
    fn date_marked_as_modified_yields_to_the_publication_date() {
        // Shown first, marked only in the markup as the revision's date.
        let html = r#"<html><body><h1 class="entry-title" itemprop="headline">Espresso Machines Under $500</h1>
            <div class="entry-meta"><span class="posted-on"><time class="updated" datetime="2025-05-21T14:06:47+00:00"
            itemprop="dateModified">May 21, 2025</time><time class="entry-date published" datetime="2025-04-24T16:12:49+00:00"
            itemprop="datePublished">April 24, 2025</time></span></div><p>Our picks.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_date, Some(day("2025-04-24")));
        // Themes mark a never-revised date both published and updated.
        let doc = Html::parse_fragment(
            r#"<time class="entry-date published updated">12th February 2025</time><span class="updated">2025-11-03</span>"#,
        );
        let marked: Vec<bool> =
            doc.select(&scraper::Selector::parse("time, span").expect("selector")).map(is_marked_modified).collect();
        assert_eq!(marked, [false, true]);
    }

    #[test]
    fn machine_instant_kept_when_it_agrees_with_the_shown_day() {
        let html = r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle",
            "datePublished": "2025-12-19T01:00:00+05:30"}</script></head><body>
            <h1>Markets Rally</h1><p class="byline">By Jane Doe</p><p>December 19, 2025</p><p>Shares rose.</p></body></html>"#;
        // Honest UTC: 01:00 in UTC+05:30 is the evening before in UTC.
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-12-18T19:30:00Z")));
        // A machine date written in UTC may name the day next to the shown one.
        let shown = Stamp::of_day(NaiveDate::from_ymd_opt(2018, 6, 13).expect("date")).expect("stamp");
        assert!(shown.could_be(&parse_date("2018-06-12T23:00:00Z").expect("parses")));
        assert!(!shown.could_be(&parse_date("2018-06-11T09:00:00Z").expect("parses")));
    }

    #[test]
    fn shown_day_matched_to_the_publication_before_the_revision() {
        // Published at 23:00 UTC, shown as the next day in the writer's zone,
        // revised later that next day.
        let html = r#"<html><head><meta property="article:published_time" content="2025-12-02T23:00:55+00:00">
            <meta property="article:modified_time" content="2025-12-03T21:31:05+00:00"></head><body>
            <h1>Ethical Clothing Brands</h1><p>Published: 03 Dec 2025</p><p>Our editors curate.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-12-02T23:00:55Z")));
    }

    #[test]
    fn shown_day_matched_to_the_source_that_keeps_it_in_utc() {
        // JSON-LD writes the evening in New York, the meta tags the same
        // clock time in UTC: the page shows June 25.
        let html = r#"<html><head><script type="application/ld+json">{"@type": "Article",
            "datePublished": "2025-06-25T20:57:54-0400"}</script>
            <meta property="article:published_time" content="2025-06-25T20:57:00Z"></head><body>
            <h1>Hosting Trends</h1><p>By Rebecca Norris</p><p>Published: Jun 25, 2025</p><p>Every item.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-06-25T20:57:00Z")));
    }

    #[test]
    fn dates_in_quotes_and_comments_are_not_the_articles() {
        let html = r#"<html><head><meta property="article:published_time" content="2025-07-20T10:00:00+00:00"></head><body>
            <h1>Best Apps</h1><blockquote><p>Great news!</p><a href="https://social.example/1">October 16, 2024</a></blockquote>
            <p>Our picks follow.</p><div class="comment-meta"><time datetime="2025-09-17T18:26:47+01:00">September 17, 2025</time></div>
            </body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-07-20T10:00:00Z")));
    }

    #[test]
    fn date_in_the_author_box_after_the_article() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><h1>How Mobile Apps Are Made</h1>{paragraphs}
            <div><p>Written by <a href="/blog/author/moses-kim">Moses Kim</a></p><p>April 8, 2024</p></div>
            <h3>Related</h3><div><span>Moses Kim</span><span>January 23, 2025</span></div></body></html>"#
        );
        let m = meta_of(&html, None);
        assert_eq!(m.byline.as_deref(), Some("Moses Kim"));
        assert_eq!(m.published_date, Some(day("2024-04-08")));
    }

    #[test]
    fn labelled_date_far_from_the_headline() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><div class="news-date-list">Archive</div><h1>Journal Indexing</h1>{paragraphs}
            <div class="meta"><span>Posted on April 13, 2023</span></div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_date, Some(day("2023-04-13")));
        let html = format!(
            r#"<html><body><h1>The Language Death Spiral</h1>{paragraphs}
            <p class="pt-3"><span>Essay - Published: 2025.12.17 | </span><a href="/tags/tech">Tech</a></p></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_date, Some(day("2025-12-17")));
        let html = format!(
            r#"<html><body><h1>Tiny House Roofs</h1>{paragraphs}<p>This article was originally published on 26 Sep 2019
            at 4:12pm but has been regularly updated to keep the information current.</p></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_date, Some(day("2019-09-26")));
    }

    #[test]
    fn modification_date_when_the_page_gives_no_other() {
        let html = r#"<html><head><meta property="article:modified_time" content="2023-06-12T09:30:00+02:00"></head>
            <body><h1>Garden Tools</h1><p>Rakes and hoes.</p></body></html>"#;
        let m = meta_of(html, None);
        assert_eq!(m.published_date, Some(day("2023-06-12")));
        assert_eq!(m.published_at, Some(micros("2023-06-12T07:30:00Z")));
        // Any other date comes first, a permalink's too.
        let m = meta_of(html, Some("https://garden.example/2021/03/04/garden-tools/"));
        assert_eq!(m.published_date, Some(day("2021-03-04")));
    }

    #[test]
    fn author_found_across_a_line_break_in_the_page() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            "<html><head><meta name=\"author\" content=\"Moses Kim\"></head><body><h1>How Mobile Apps Are Made</h1>{paragraphs}
            <div><p>Moses\n   Kim</p><p>April 8, 2024</p></div></body></html>"
        );
        assert_eq!(meta_of(&html, None).published_date, Some(day("2024-04-08")));
    }
}
