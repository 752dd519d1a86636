//! The words the extractor reads pages by, in one place, grouped by concept:
//! what class and id names say ([`class_names`]), the lines of page chrome
//! and furniture ([`chrome`]), the headings of sections that are not the
//! article ([`headings`]), dates ([`dates`]) and bylines ([`bylines`]).
//! The rules that use them stay with their extractors; a list here is
//! data, never logic.
//!
//! Where two rules read one concept with different words, there is one list
//! when the rules agree on every page; where taking the union of the two
//! would change what a rule keeps, both lists stand here side by side, named
//! for their rule, with why they differ.

pub mod bylines;
pub mod chrome;
pub mod class_names;
pub mod dates;
pub mod headings;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list, by name.
    fn lists() -> Vec<(&'static str, Vec<&'static str>)> {
        let months: Vec<&str> = dates::MONTH_NAMES.concat();
        vec![
            ("STRONG_CHROME", class_names::STRONG_CHROME.to_vec()),
            ("WEAK_CHROME", class_names::WEAK_CHROME.to_vec()),
            ("CHROME_TOKENS", class_names::CHROME_TOKENS.to_vec()),
            ("METADATA_TOKENS", class_names::METADATA_TOKENS.to_vec()),
            ("CONTENT_WORDS", class_names::CONTENT_WORDS.to_vec()),
            ("AUTHOR_PARTS", class_names::AUTHOR_PARTS.to_vec()),
            ("SIDEBAR_LAYOUT_FLAGS", class_names::SIDEBAR_LAYOUT_FLAGS.to_vec()),
            ("UNSEEN_TEXT", class_names::UNSEEN_TEXT.to_vec()),
            ("STANDFIRST_PARTS", class_names::STANDFIRST_PARTS.to_vec()),
            ("ASIDE_LINE_PARTS", class_names::ASIDE_LINE_PARTS.to_vec()),
            ("CHROME_ROLES", class_names::CHROME_ROLES.to_vec()),
            ("BYLINE_AREA", class_names::BYLINE_AREA.to_vec()),
            ("FURNITURE_PREFIXES", chrome::FURNITURE_PREFIXES.to_vec()),
            ("POINTER_PREFIXES", chrome::POINTER_PREFIXES.to_vec()),
            ("TAG_LABELS", chrome::TAG_LABELS.to_vec()),
            ("BUTTON_LABELS", chrome::BUTTON_LABELS.to_vec()),
            ("SCRAPED_CHROME_LINES", chrome::SCRAPED_CHROME_LINES.to_vec()),
            ("SCRAPED_LINK_PREFIXES", chrome::SCRAPED_LINK_PREFIXES.to_vec()),
            ("CALLS_TO_ACTION", chrome::CALLS_TO_ACTION.to_vec()),
            ("NEWSLETTER_ASKS", chrome::NEWSLETTER_ASKS.to_vec()),
            ("CONSENT_PHRASES", chrome::CONSENT_PHRASES.to_vec()),
            ("AFFILIATE_PHRASES", chrome::AFFILIATE_PHRASES.to_vec()),
            ("SOCIAL_NETWORKS", chrome::SOCIAL_NETWORKS.to_vec()),
            ("FOLLOW_ASKS", chrome::FOLLOW_ASKS.to_vec()),
            ("AUTHOR_HEADINGS", headings::AUTHOR_HEADINGS.to_vec()),
            ("BARE_AUTHOR_HEADINGS", headings::BARE_AUTHOR_HEADINGS.to_vec()),
            ("RELATED_HEADINGS", headings::RELATED_HEADINGS.to_vec()),
            ("TOC_HEADINGS", headings::TOC_HEADINGS.to_vec()),
            ("MONTH_NAMES", months),
            ("WEEKDAYS", dates::WEEKDAYS.to_vec()),
            ("WEEKDAY_ABBREVIATIONS", dates::WEEKDAY_ABBREVIATIONS.to_vec()),
            ("WEEKDAYS_ABROAD", dates::WEEKDAYS_ABROAD.to_vec()),
            ("DATE_JOINERS", dates::DATE_JOINERS.to_vec()),
            ("READING_TIME_LABELS", dates::READING_TIME_LABELS.to_vec()),
            ("DATELINE_WORDS", dates::DATELINE_WORDS.to_vec()),
            ("PUBLICATION_LABELS", dates::PUBLICATION_LABELS.to_vec()),
            ("UPDATE_LABELS", dates::UPDATE_LABELS.to_vec()),
            ("DATE_STAMPS", dates::DATE_STAMPS.to_vec()),
            ("BY_WORDS", bylines::BY_WORDS.to_vec()),
            ("BY_VERBS", bylines::BY_VERBS.to_vec()),
            ("BYLINE_OPENINGS", bylines::BYLINE_OPENINGS.to_vec()),
            ("NAME_PARTICLES", bylines::NAME_PARTICLES.to_vec()),
            ("BYLINE_JOINERS", bylines::BYLINE_JOINERS.to_vec()),
            ("JOB_TITLE_WORDS", bylines::JOB_TITLE_WORDS.to_vec()),
            ("NOT_NAMES", bylines::NOT_NAMES.to_vec()),
        ]
    }

    #[test]
    fn every_list_is_lower_case_without_repeats() {
        // The rules compare lower-cased text: an upper-case entry would never match.
        for (name, list) in lists() {
            for (i, word) in list.iter().enumerate() {
                assert!(!word.is_empty() && *word == word.to_lowercase(), "{name}: {word:?}");
                assert!(!list[..i].contains(word), "{name} repeats {word:?}");
            }
        }
    }

    #[test]
    fn lists_kept_apart_do_not_drift() {
        // The scraped text's link labels are furniture in HTML too.
        for prefix in chrome::SCRAPED_LINK_PREFIXES {
            assert!(chrome::FURNITURE_PREFIXES.iter().any(|p| prefix.starts_with(p)), "{prefix}");
        }
        // The body's date stamps are made of the metadata's dateline words.
        for stamp in dates::DATE_STAMPS {
            assert!(stamp.split(' ').all(|w| dates::DATELINE_WORDS.contains(&w)), "{stamp}");
        }
        // The labels that decide whose date it is are dateline words, in English at least.
        for label in ["published", "posted", "updated", "modified", "reviewed"] {
            assert!(dates::DATELINE_WORDS.contains(&label), "{label}");
        }
        // The body's byline openings end with the metadata's "by".
        for opening in bylines::BYLINE_OPENINGS {
            assert!(opening.split(' ').next_back().is_some_and(|w| bylines::BY_WORDS.contains(&w)), "{opening}");
        }
    }
}
