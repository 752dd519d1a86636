//! The date parser: machine timestamps (RFC 3339, RFC 2822, ISO 8601),
//! dates written in text in seven languages, and datelines (a date with
//! only its label, time and the like around it).

use crate::extract::lexicon::dates::{
    DATELINE_WORDS, DATE_JOINERS, MONTH_NAMES, WEEKDAYS, WEEKDAYS_ABROAD, WEEKDAY_ABBREVIATIONS,
};
use crate::extract::regex;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The largest offsets from UTC in use, in hours: UTC+14 (Line Islands)
/// and UTC-12 (Baker Island).
const MAX_EAST_OFFSET_HOURS: i32 = 14;
const MAX_WEST_OFFSET_HOURS: i32 = 12;

/// A date as a page writes it: the calendar day in the writer's own offset
/// (what readers of the page see), and the instant in UTC microseconds,
/// read as UTC when the page names no offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub day: NaiveDate,
    pub utc_micros: i64,
    /// Seconds east of UTC, when the page wrote them: without them a time
    /// of day is the writer's local time, not an instant.
    pub offset: Option<i32>,
}

impl Stamp {
    /// A day without a time: midnight UTC of that calendar day, no offset.
    pub fn of_day(day: NaiveDate) -> Option<Self> {
        let midnight = Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?).timestamp_micros();
        Some(Stamp { day, utc_micros: midnight, offset: None })
    }

    /// Whether the stamp is a day without a time: midnight UTC of its own day.
    pub fn is_bare_day(&self) -> bool {
        Stamp::of_day(self.day).is_some_and(|midnight| midnight.utc_micros == self.utc_micros)
    }

    /// The instant in UTC microseconds, only when the page gave the offset.
    pub fn instant(&self) -> Option<i64> {
        self.offset.map(|_| self.utc_micros)
    }

    /// A local time of day read in the offset the page's other dates give:
    /// one site writes its dates in one zone.
    pub fn in_offset(self, offset: i32) -> Stamp {
        if self.offset.is_some() || self.is_bare_day() {
            return self;
        }
        let utc_micros = self.utc_micros - i64::from(offset) * 1_000_000;
        Stamp { utc_micros, offset: Some(offset), ..self }
    }

    /// The calendar day of the instant in UTC.
    pub fn utc_day(&self) -> Option<NaiveDate> {
        DateTime::from_timestamp_micros(self.utc_micros).map(|dt| dt.date_naive())
    }

    /// Whether `instant` may fall on this stamp's day somewhere in the world
    /// (UTC-12 to UTC+14): a date shown without a time is the writer's local
    /// day, and a machine date written in UTC may name the day before or after.
    pub fn could_be(&self, instant: &Stamp) -> bool {
        const HOUR: i64 = 3_600_000_000;
        let Some(midnight) = Stamp::of_day(self.day) else { return false };
        // The day begins first at UTC+14 and ends last at UTC-12.
        let (east, west) = (i64::from(MAX_EAST_OFFSET_HOURS), i64::from(MAX_WEST_OFFSET_HOURS));
        (midnight.utc_micros - east * HOUR..midnight.utc_micros + (24 + west) * HOUR).contains(&instant.utc_micros)
    }
}

/// Parses the date formats publishers put in metadata. A value without a
/// time is midnight UTC; a value without an offset is UTC.
pub(super) fn parse_date(raw: &str) -> Option<Stamp> {
    parse_timestamp(raw).or_else(|| text_date(raw.trim()).and_then(Stamp::of_day))
}

/// Parses a text that is nothing but a machine timestamp (RFC 3339, RFC
/// 2822, ISO 8601), as metadata holds and some pages show.
pub(super) fn parse_timestamp(raw: &str) -> Option<Stamp> {
    let s = raw.trim();
    // Every form reads its numbers in ASCII digits: most texts (run through
    // here near every headline) have none.
    if !has_ascii_digit(s) {
        return None;
    }
    let stamp = |dt: DateTime<chrono::FixedOffset>| Stamp {
        day: dt.date_naive(),
        utc_micros: dt.with_timezone(&Utc).timestamp_micros(),
        offset: Some(dt.offset().local_minus_utc()),
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(stamp(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(stamp(dt));
    }
    // ISO 8601 variants: space for `T`, `+0100` or `+01` offsets, no seconds,
    // fractions, trailing `Z` or `UTC`.
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$",
        )
    });
    // Its year is read as four ASCII digits at the start (`\d` also matches
    // other scripts' digits, which `parse` refuses): most texts fail here.
    if !s.as_bytes().get(..4).is_some_and(|year| year.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let caps = ISO.captures(s)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = caps.get(1)?.as_str().parse::<i32>().ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(2)?, num(3)?)?;
    let time = date.and_hms_opt(num(4).unwrap_or(0), num(5).unwrap_or(0), num(6).unwrap_or(0))?;
    let offset = match caps.get(7) {
        Some(zone) => Some(parse_offset(zone.as_str())?),
        None => None,
    };
    let utc = NaiveDateTime::checked_sub_signed(time, chrono::Duration::seconds(i64::from(offset.unwrap_or(0))))?;
    Some(Stamp { day: date, utc_micros: Utc.from_utc_datetime(&utc).timestamp_micros(), offset })
}

/// `Z`, `UTC`, `+01`, `+0100`, `+01:00` as seconds east of UTC; no zone is
/// more than [`MAX_EAST_OFFSET_HOURS`] away from it.
fn parse_offset(s: &str) -> Option<i32> {
    if matches!(s, "Z" | "UTC" | "GMT") {
        return Some(0);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
    (hours <= MAX_EAST_OFFSET_HOURS && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// A month name or abbreviation → its month number.
pub(super) fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTH_NAMES.iter().position(|names| names.contains(&w.as_str())).and_then(|i| u32::try_from(i + 1).ok())
}

/// A calendar date written in text ("Published March 5, 2024", "5 March
/// 2024", "25.03.2024", "2024-03-05", "3/25/2024"). Numeric dates whose day
/// and month order is ambiguous give None.
pub(super) fn text_date(text: &str) -> Option<NaiveDate> {
    find_text_date(text).map(|(date, _)| date)
}

/// The first date written in a text, and its byte range in the text.
pub(super) fn find_text_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    // Every form has a four-digit year: most texts are ruled out without a regex.
    if !has_year_digits(text) {
        return None;
    }
    // A date's word is a whole word of letters that [`month_number`] reads:
    // matching only month names finds the same dates as any word would.
    static MONTH_FIRST: LazyLock<Regex> =
        LazyLock::new(|| regex(&with_month_names(r"(?i)\b(MONTH)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")));
    // Day first also with hyphens, as date formats of some CMSs write it ("04-Aug-2021").
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        regex(&with_month_names(
            r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+|-)(?:de\s+)?(MONTH)\.?,?(?:\s+|-)(?:de\s+)?(\d{4})\b",
        ))
    });
    static ISO: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"));
    // Chinese and Japanese "2024年3月5日", Korean "2024년 3월 5일".
    static EAST_ASIAN: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"));
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b"));
    let (month_first, day_first, iso, numeric) = (&*MONTH_FIRST, &*DAY_FIRST, &*ISO, &*NUMERIC);
    let date = |y: &str, m: u32, d: &str| NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?);
    let span = |c: &regex::Captures| c.get(0).map_or(0..0, |m| m.range());
    let named = month_first
        .captures_iter(text)
        .find_map(|c| Some((month_number(&c[1]).and_then(|m| date(&c[3], m, &c[2]))?, span(&c))))
        .or_else(|| {
            day_first
                .captures_iter(text)
                .find_map(|c| Some((month_number(&c[2]).and_then(|m| date(&c[3], m, &c[1]))?, span(&c))))
        });
    if named.is_some() {
        return named;
    }
    if let Some(c) = iso.captures(text).or_else(|| EAST_ASIAN.captures(text)) {
        return Some((date(&c[1], c[2].parse().ok()?, &c[3])?, span(&c)));
    }
    let c = numeric.captures(text)?;
    let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    // Read only when one of the numbers cannot be a month, or both orders
    // agree: US pages write month-first dates with dots too ("09.10.2024"
    // for September 10).
    let (day, month) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, false) if a == b => (a, b),
        (false, true) => (b, a),
        _ => return None,
    };
    Some((date(&c[3], month, &day.to_string())?, span(&c)))
}

/// Whether a lower-case word may stand in a date written out, besides its
/// numbers and month name: another language's weekday, a word that joins
/// the parts ("22 de janeiro de 2018 às 0:13") or an "13h36" time. One
/// list for the metadata's datelines and the body's date-only lines.
pub fn is_date_joining_word(word: &str) -> bool {
    is_clock_time(word) || WEEKDAYS_ABROAD.contains(&word) || DATE_JOINERS.contains(&word)
}

/// Whether a lower-case word may stand beside a date in a dateline: a
/// [`is_date_joining_word`], a label ("updated", "published"), a zone or an
/// English weekday, full or short.
pub fn is_dateline_word(word: &str) -> bool {
    is_date_joining_word(word)
        || [DATELINE_WORDS, &WEEKDAYS, WEEKDAY_ABBREVIATIONS].iter().any(|list| list.contains(&word))
}

/// Whether a word is a time of day written with an `h` ("13h36", "9h"), as
/// French and Portuguese pages write it.
fn is_clock_time(word: &str) -> bool {
    word.split_once(['h', 'H']).is_some_and(|(hours, minutes)| {
        (1..=2).contains(&hours.len())
            && hours.bytes().all(|b| b.is_ascii_digit())
            && (minutes.is_empty() || (minutes.len() == 2 && minutes.bytes().all(|b| b.is_ascii_digit())))
    })
}

/// A date pattern with `MONTH` standing for any of [`MONTH_NAMES`].
pub(super) fn with_month_names(pattern: &str) -> String {
    pattern.replace("MONTH", &MONTH_NAMES.concat().join("|"))
}

/// Whether a text has an ASCII digit. A branch-free pass (vectorised by the
/// compiler): it runs on every visible text, and most have none.
#[inline]
pub(super) fn has_ascii_digit(text: &str) -> bool {
    text.bytes().fold(0u8, |found, b| found | u8::from(b.is_ascii_digit())) != 0
}

/// Whether a text has four ASCII digits in a row, as every year
/// [`find_text_date`] reads has.
#[inline]
pub(super) fn has_year_digits(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// The date of a text that is a dateline: a date with only its label, time
/// and the like around it ("Updated on March 5, 2024 at 10:00 am"). A
/// sentence that mentions a date ("valid until March 5, 2024") is not one.
/// Post-meta lines join their parts with separators ("By Jane Doe | Apr 21,
/// 2017 | Products Liability"): each part is read on its own.
pub(super) fn dateline_date(text: &str) -> Option<NaiveDate> {
    // A part has a year only where the whole text has one: most texts have none.
    if !has_year_digits(text) {
        return None;
    }
    text.split(['|', '•', '·']).find_map(dateline_part_date)
}

/// [`dateline_date`] of one part of a post-meta line.
fn dateline_part_date(text: &str) -> Option<NaiveDate> {
    let (date, span) = find_text_date(text)?;
    let rest = [text.get(..span.start)?, text.get(span.end..)?];
    // "16-19 March 2026" is an event's dates, not the article's.
    if rest[0].trim_end().strip_suffix(['-', '–']).is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    let is_dateline_word = |w: &&str| w.chars().all(|c| c.is_ascii_digit()) || is_dateline_word(&w.to_lowercase());
    let other_words = rest
        .iter()
        .flat_map(|r| r.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .filter(|w| !is_dateline_word(w));
    (other_words.count() == 0).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{meta_of, micros};
    use super::*;

    #[test]
    fn digit_shortcuts() {
        assert!(has_year_digits("Posted 5 March 2024") && !has_year_digits("5 min read, 12 comments"));
        assert!(has_ascii_digit("Posted 5 March") && !has_ascii_digit("Posted in March") && !has_ascii_digit(""));
    }

    #[test]
    fn unparseable_date_gives_none() {
        let html = r#"<html><head><meta property="article:published_time" content="sometime last week"></head>
            <body><h1>A Story</h1></body></html>"#;
        assert_eq!(meta_of(html, Some("https://news.example/story")).published_at, None);
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(text_date("04/05/2024"), None, "day and month order is ambiguous");
        assert_eq!(text_date("09.10.2024"), None, "dotted dates too");
        assert_eq!(text_date("12.12.2025"), NaiveDate::from_ymd_opt(2025, 12, 12), "either order");
    }

    #[test]
    fn date_formats_normalise_to_utc() {
        let utc = |raw: &str| parse_date(raw).map(|s| s.utc_micros);
        assert_eq!(utc("2024-03-05"), Some(micros("2024-03-05T00:00:00Z")));
        assert_eq!(utc("2024-03-05 23:10:00+0200"), Some(micros("2024-03-05T21:10:00Z")));
        assert_eq!(utc("Tue, 05 Mar 2024 10:00:00 GMT"), Some(micros("2024-03-05T10:00:00Z")));
        assert_eq!(utc("Feb 08, 2022"), Some(micros("2022-02-08T00:00:00Z")));
        assert_eq!(text_date("Published on 5. März 2024"), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(text_date("Last updated: 25/03/2024"), NaiveDate::from_ymd_opt(2024, 3, 25));
        assert_eq!(text_date("Pubblicato il 7 luglio 2025"), NaiveDate::from_ymd_opt(2025, 7, 7));
        assert_eq!(text_date("FlowGuard EMEA on 04-ago-2021 5:11:10"), NaiveDate::from_ymd_opt(2021, 8, 4));
        // The day as written is kept apart from the UTC instant it names.
        let local = parse_date("2025-12-19T01:00:00+05:30").expect("parses");
        assert_eq!(local.day, NaiveDate::from_ymd_opt(2025, 12, 19).expect("date"));
        assert_eq!(local.utc_micros, micros("2025-12-18T19:30:00Z"));
    }

    #[test]
    fn dateline_is_a_date_with_its_label_only() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(dateline_date("Updated on March 5, 2024 at 10:00 am EST"), day(2024, 3, 5));
        assert_eq!(dateline_date("Last Updated: Dec 17, 2025"), day(2025, 12, 17));
        assert_eq!(dateline_date("Friday, December 19, 2025"), day(2025, 12, 19));
        assert_eq!(dateline_date("Mise à jour le 5 mars 2024"), day(2024, 3, 5));
        assert_eq!(dateline_date("The offer is valid until December 3, 2025."), None);
        assert_eq!(dateline_date("Recorded on August 19, 2025"), None);
        assert_eq!(dateline_date("| Apr 21, 2017 | Products Liability"), day(2017, 4, 21));
        assert_eq!(dateline_date("Hotels | valid until December 3, 2025"), None);
    }

    #[test]
    fn dateline_forms_and_event_ranges() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(dateline_date("Posted on the 15/12/2025 at 19:00 by"), day(2025, 12, 15));
        assert_eq!(dateline_date("- Mar 27, 2024"), day(2024, 3, 27));
        assert_eq!(dateline_date(": 16-19 March 2026"), None, "an event's dates");
        let html = r#"<html><body><h1>Cycling in Amsterdam</h1><p><span>Nick van Mead</span></p>
            <p><span>2022-11-23T08:10+02:00 </span></p><p>Bikes everywhere.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2022-11-23T06:10:00Z")));
    }

    #[test]
    fn month_names_in_any_case_and_after_other_words() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(text_date("Mittwoch, 5. MÄRZ 2024"), day(2024, 3, 5));
        assert_eq!(text_date("Sept. 5th, 2024"), day(2024, 9, 5));
        // Words that are not months, before and around the date.
        assert_eq!(text_date("Issue 12 2024 of the review, released Oct 3, 2024"), day(2024, 10, 3));
        assert_eq!(text_date("Mayor 5, 2024"), None);
        assert_eq!(text_date("15 de dezembro de 2025"), day(2025, 12, 15));
    }

    #[test]
    fn dates_in_more_languages_and_scripts() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(text_date("5 марта 2024 г."), day(2024, 3, 5));
        assert_eq!(text_date("12 października 2023"), day(2023, 10, 12));
        assert_eq!(text_date("3 Ağustos 2022 Çarşamba"), day(2022, 8, 3));
        assert_eq!(text_date("15 يناير 2024"), day(2024, 1, 15));
        assert_eq!(text_date("2018年8月16日 公開"), day(2018, 8, 16));
        assert_eq!(dateline_date("segunda-feira, 22 de janeiro de 2018 às 0:13"), day(2018, 1, 22));
        assert_eq!(dateline_date("Le 4 mai 2015 à 13h36"), day(2015, 5, 4));
        assert!(is_clock_time("13h36") && is_clock_time("9h") && !is_clock_time("h36") && !is_clock_time("13h3x"));
        assert!(is_date_joining_word("às") && is_date_joining_word("segunda") && is_date_joining_word("13h36"));
        assert!(!is_date_joining_word("valid") && !is_date_joining_word("until"));
    }
}
