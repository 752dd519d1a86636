//! Lines that only date the page or time something: datelines and
//! reading times, timestamp lines, a media player's time codes.

use super::longer_than;
use crate::extract::lexicon::dates::{DATE_STAMPS, MONTH_NAMES, NUMBER_SUFFIXES, READING_TIME_LABELS};
use crate::extract::metadata::{is_date_joining_word, is_dateline_word};

/// Longest dateline or reading-time line, in chars.
const MAX_DATELINE_LEN: usize = 80;

/// A line that only dates the page or times its reading ("Published June
/// 23, 2025 10:39AM", "15 Dec, 2025", "Team | 5 min read"); `lower` is
/// lower-cased. The metadata holds the date; the body does not repeat it.
pub(super) fn is_dateline(lower: &str) -> bool {
    if longer_than(lower, MAX_DATELINE_LEN) || !lower.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // A stamp's date may be followed by its author ("... by Jane Doe").
    let stamped =
        DATE_STAMPS.iter().find_map(|p| lower.strip_prefix(p)).map(|rest| rest.split(" by ").next().unwrap_or(rest));
    // Unstamped, only a month name tells a date from a table's figures.
    let dated = match stamped {
        Some(date) => is_date_only(date),
        None => is_date_only(lower) && lower.split(|c: char| !c.is_alphanumeric()).any(is_month),
    };
    dated || READING_TIME_LABELS.iter().any(|label| lower.contains(label))
}

/// Whether a word is a month's name or the start of one ("dec", "sept"), in
/// any language of [`MONTH_NAMES`].
fn is_month(word: &str) -> bool {
    word.len() >= 3 && MONTH_NAMES.iter().copied().flatten().any(|m| m.starts_with(word))
}

/// Whether a text is only a date and time: numbers, month names, am/pm,
/// and in other languages weekday names, the words that join a date written
/// out ("22 de janeiro de 2018 às 0:13") and "13h36" times.
fn is_date_only(text: &str) -> bool {
    let mut words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
    words.peek().is_some()
        && words.all(|w| {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            (!digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (suffix.is_empty() || NUMBER_SUFFIXES.contains(&suffix)))
                || is_month(w)
                || is_date_joining_word(w)
        })
}

/// Longest timestamp line, in chars.
const MAX_TIMESTAMP_LEN: usize = 60;

/// Whether a short line is only a timestamp: a date with its year, written
/// out or in figures ("Tuesday February 11 2025", "19/12/2025", "Updated on
/// June 18, 2025 at 12:35 PM"), with nothing around it but the words of a
/// dateline. In figures alone a date is as often a table's cell, so only
/// the head of the article reads it so (pass `leading-timestamps`).
pub fn is_timestamp_line(text: &str) -> bool {
    if longer_than(text, MAX_TIMESTAMP_LEN) {
        return false;
    }
    let lower = text.to_lowercase();
    let mut has_year = false;
    let mut words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let only_date = words.all(|w| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            has_year |= digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
            return digits.len() == w.len() || NUMBER_SUFFIXES.contains(&&w[digits.len()..]);
        }
        is_month(w) || is_dateline_word(w)
    });
    only_date && has_year
}

/// A media player's time line such as "0:00 0:02:21 0:00".
pub(super) fn is_timecode_line(text: &str) -> bool {
    let mut any = false;
    for token in text.split_whitespace() {
        let is_time = token.contains(':')
            && token
                .split(':')
                .all(|part| !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()));
        if !is_time && token != "/" {
            return false;
        }
        any |= is_time;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_lines() {
        for line in [
            "Tuesday February 11 2025",
            "19/12/2025",
            "08.04.2015 12:46",
            "Updated on June 18, 2025 at 12:35 PM",
            "Last updated on September 16th, 2023 at 09:27 am",
            "Posted: Fri 6:45 PM, Feb 16, 2018 |",
        ] {
            assert!(is_timestamp_line(line), "{line}");
        }
        for line in ["2025 tax deadlines", "Chapter 12", "This post was last updated July 2021.", "12:46"] {
            assert!(!is_timestamp_line(line), "{line}");
        }
    }
}
