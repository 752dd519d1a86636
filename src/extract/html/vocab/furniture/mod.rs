//! Lines of page furniture inside the article's box: notices, button
//! labels, calls to action, pointers to other stories, datelines, bylines.
//! Each kind has a name ([`Furniture`]), so that `explain` says which one
//! took a line.

mod dates;

use super::starts_with_words;
use crate::extract::lexicon::bylines::{BYLINE_JOINERS, BYLINE_OPENINGS, NAME_PARTICLES};
use crate::extract::lexicon::chrome::{
    AFFILIATE_PHRASES, BUTTON_LABELS, CALLS_TO_ACTION, CONSENT_PHRASES, CTA_BUTTON_OPENINGS, FOLLOW_ASKS,
    FURNITURE_PREFIXES, NEWSLETTER_ASKS, PAGE_COUNT_WORDS, POINTER_PREFIXES, SOCIAL_NETWORKS, TAG_LABELS,
};
use crate::extract::lexicon::headings::TOC_HEADINGS;
use aho_corasick::AhoCorasick;
pub use dates::is_timestamp_line;
use dates::{is_dateline, is_timecode_line};
use std::sync::LazyLock;

/// The kinds of page furniture a line can be, one per detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// A copyright line, newsletter pitch, follow ask, affiliate disclosure
    /// or sign-up consent anywhere in a short block.
    SiteNotice,
    /// A line that opens with a stock phrase of furniture ("Skip to",
    /// "Advertisement").
    StockPhrase,
    /// A pointer to another story ("Read more: ...", "Related: ...").
    Pointer,
    /// A line that files the article under tags ("Tags: ...", "Filed under: ...").
    TagLine,
    /// A whole line that is a button or link label ("Subscribe", "Share").
    ButtonLabel,
    /// A short call to action ("Join our newsletter", "Contact us").
    CallToAction,
    /// An ask to follow the site on social networks.
    SocialFollow,
    /// A line that only dates the page or times its reading.
    Dateline,
    /// A line that names the writer ("By Jane Doe").
    Byline,
    /// A media player's time line ("0:00 0:02:21 0:00").
    Timecode,
    /// A pager's count of a paginated article ("Page 1 of 8").
    PageCount,
    /// A heading that titles an ad ("Advertisement: ...", "... (Sponsored)").
    AdTitle,
    /// A heading that titles a table of contents.
    TocTitle,
}

impl Furniture {
    pub fn name(self) -> &'static str {
        match self {
            Furniture::SiteNotice => "site-notice",
            Furniture::StockPhrase => "stock-phrase",
            Furniture::Pointer => "pointer",
            Furniture::TagLine => "tag-line",
            Furniture::ButtonLabel => "button-label",
            Furniture::CallToAction => "call-to-action",
            Furniture::SocialFollow => "social-follow",
            Furniture::Dateline => "dateline",
            Furniture::Byline => "byline",
            Furniture::Timecode => "timecode",
            Furniture::PageCount => "page-count",
            Furniture::AdTitle => "ad-title",
            Furniture::TocTitle => "toc-title",
        }
    }
}

/// Whether a line (`lower`, lower-cased) points to another story.
fn is_pointer_line(lower: &str) -> bool {
    POINTER_PREFIXES.iter().any(|p| starts_with_words(lower, p))
}

/// Longest line judged as a copyright notice, and as a newsletter pitch, in chars.
const MAX_NOTICE_LEN: usize = 300;
const MAX_PITCH_LEN: usize = 200;

/// Longest line judged by the detectors other than the site notice's, in
/// chars: furniture lines are short, a longer one is a sentence.
const MAX_FURNITURE_LINE_LEN: usize = 120;

/// The kind of page furniture a block's text is, if it is furniture rather
/// than article text: the first detector that takes it.
pub fn boilerplate(text: &str) -> Option<Furniture> {
    let len = text.chars().count();
    if len > MAX_NOTICE_LEN {
        return None;
    }
    let lower = text.to_lowercase();
    let kind = if is_site_notice(&lower) {
        Furniture::SiteNotice
    } else if is_tag_line(&lower) {
        Furniture::TagLine
    } else if len > MAX_FURNITURE_LINE_LEN {
        return None;
    } else if FURNITURE_PREFIXES.iter().any(|p| starts_with_words(&lower, p)) {
        Furniture::StockPhrase
    } else if is_pointer_line(&lower) {
        Furniture::Pointer
    } else if is_button_label(text) {
        Furniture::ButtonLabel
    } else if is_call_to_action(&lower) {
        Furniture::CallToAction
    } else if is_social_follow_line(&lower) {
        Furniture::SocialFollow
    } else if is_dateline(&lower) {
        Furniture::Dateline
    } else if is_byline(text) {
        Furniture::Byline
    } else if is_timecode_line(text) {
        Furniture::Timecode
    } else if is_page_count(&lower) {
        Furniture::PageCount
    } else {
        return None;
    };
    Some(kind)
}

/// Whether a line (`lower`, lower-cased) files the article under tags or
/// categories: a label of [`TAG_LABELS`] and its colon open it. A list of
/// many tags runs longer than other furniture lines.
fn is_tag_line(lower: &str) -> bool {
    TAG_LABELS.iter().any(|label| lower.strip_prefix(label).is_some_and(|rest| rest.trim_start().starts_with(':')))
}

/// Longest byline, in chars.
const MAX_BYLINE_LEN: usize = 100;

/// Whether a line names the writer ("By Jane Doe", "By Jane Doe | March 12,
/// 2025", "by JANE DOE on Jan 22, 2025"): after the opening, every word is
/// capitalised, a number or a joiner ("and", "on"), with a name first. A
/// sentence that opens with "By" goes on in lower-case words ("By knowing
/// your users, ...") or labels a table's row ("By changesets"). The label
/// alone ("Edited by,") is a byline whose name is gone.
fn is_byline(text: &str) -> bool {
    if longer_than(text, MAX_BYLINE_LEN) {
        return false;
    }
    let lower = text.to_lowercase();
    let Some(opening) = BYLINE_OPENINGS.iter().find(|o| starts_with_words(&lower, o)) else {
        return false;
    };
    let rest = text.get(opening.len()..).unwrap_or("").trim_start_matches([':', ' ']);
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    // A label left without its name (the name was a link to the writer's
    // page, dropped) is the byline's too.
    let Some(first) = words.first() else {
        return true;
    };
    first.starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            let c = w.chars().next().unwrap_or(' ');
            let lower = w.to_lowercase();
            c.is_uppercase()
                || !c.is_alphabetic()
                || BYLINE_JOINERS.contains(&lower.as_str())
                || NAME_PARTICLES.contains(&lower.as_str())
        })
}

/// Whether a line (`lower`, lower-cased) asks the reader to follow the
/// site on social networks ("Follow Newsbeat on Instagram, Facebook,
/// Twitter and YouTube."): naming two networks sets it apart from a
/// sentence about following a company on one.
fn is_social_follow_line(lower: &str) -> bool {
    starts_with_words(lower, "follow") && SOCIAL_NETWORKS.iter().filter(|n| lower.contains(*n)).count() >= 2
}

/// Whether a line (`lower`, lower-cased) asks the reader, anywhere in it, to
/// follow the writer on a social network ("Want more plant tips? Let's hang
/// out on Instagram!", "... and follow us on LinkedIn to stay up to date"):
/// the ask names the network right after "me" or "us", while a sentence
/// about someone's account does not ask ("Silverman is on Twitter").
fn is_follow_ask(lower: &str) -> bool {
    // One scan for all the asks: a substring search per ask, on most lines
    // of every page, was ~1% of a run.
    static ASKS: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(FOLLOW_ASKS).expect("follow asks"));
    ASKS.find_overlapping_iter(lower).any(|ask| {
        let rest = lower[ask.end()..].trim_start();
        SOCIAL_NETWORKS.iter().any(|n| rest.starts_with(n))
    })
}

/// Whether `text` has more than `max` chars (counted no further).
fn longer_than(text: &str, max: usize) -> bool {
    text.chars().nth(max).is_some()
}

/// Longest call to action, in chars: longer lines are article sentences.
const MAX_CALL_TO_ACTION_LEN: usize = 60;

/// The kind of page furniture a heading is, if any: a button label, a call
/// to action, a dateline, an ad's title ("Advertisement: ...", "...
/// (Sponsored)"), a table of contents' title or a pointer to another story
/// ("Read more: ...").
pub fn furniture_heading(text: &str) -> Option<Furniture> {
    let lower = text.to_lowercase();
    let kind = if is_button_label(text) {
        Furniture::ButtonLabel
    } else if is_call_to_action(&lower) {
        Furniture::CallToAction
    } else if is_dateline(&lower) {
        Furniture::Dateline
    } else if is_ad_title(&lower) {
        Furniture::AdTitle
    } else if is_toc_heading(&lower) {
        Furniture::TocTitle
    } else if !longer_than(&lower, MAX_POINTER_HEADING_LEN) && is_pointer_line(&lower) {
        Furniture::Pointer
    } else {
        return None;
    };
    Some(kind)
}

/// Whether a heading (`lower`, lower-cased) titles an ad ("Advertisement:
/// ...", "... (Sponsored)").
pub(super) fn is_ad_title(lower: &str) -> bool {
    starts_with_words(lower, "advertisement") || lower.ends_with("(sponsored)")
}

/// Longest heading judged as a pointer to another story, in chars.
const MAX_POINTER_HEADING_LEN: usize = 120;

/// Whether a short line (`lower`, lower-cased) asks the reader to sign up,
/// subscribe or get in touch rather than telling the story.
fn is_call_to_action(lower: &str) -> bool {
    opens_call_to_action(lower) || (!longer_than(lower, MAX_CALL_TO_ACTION_LEN) && lower.contains("newsletter"))
}

/// Whether a short line (`lower`, lower-cased) opens as a call to action
/// ("Join our ...", "Contact us").
pub(super) fn opens_call_to_action(lower: &str) -> bool {
    !longer_than(lower, MAX_CALL_TO_ACTION_LEN) && CALLS_TO_ACTION.iter().any(|p| starts_with_words(lower, p))
}

/// Longest button or link label, in chars.
const MAX_BUTTON_LABEL_LEN: usize = 30;

/// Whether a whole line is a button or link label ("Subscribe", "Share",
/// "Contact us"), as a paragraph or as a heading.
pub(super) fn is_button_label(text: &str) -> bool {
    // Bytes bound chars from above (four at most each): most lines stop here.
    if longer_than(text, MAX_BUTTON_LABEL_LEN) {
        return false;
    }
    let lower = text.to_lowercase();
    BUTTON_LABELS.contains(&lower.trim_end_matches(['!', '.', ':', '»', '›', '→', '…']).trim_end())
}

/// Longest label of a call-to-action button, in chars.
const MAX_CTA_BUTTON_LEN: usize = 40;

/// Whether a line is the label of a call-to-action button ("Get Started
/// for Free", "Talk to us!", "Apply Now").
pub fn is_cta_button_label(text: &str) -> bool {
    if longer_than(text, MAX_CTA_BUTTON_LEN) {
        return false;
    }
    let lower = text.to_lowercase();
    CTA_BUTTON_OPENINGS.iter().any(|p| starts_with_words(&lower, p))
}

/// A site's copyright line, newsletter pitch or affiliate disclosure anywhere
/// in a short block ("The contents of this site are ©2019 ...", "Get the
/// latest updates right in your inbox. Subscribe to our newsletters.", "We may
/// earn a commission from links on this page"); `lower` is lower-cased.
/// A bare "©" is often a photo credit inside article text, so the sign
/// counts only before a year.
fn is_site_notice(lower: &str) -> bool {
    let copyright = lower.contains("all rights reserved")
        || lower.match_indices('©').any(|(at, sign)| {
            let year = lower[at + sign.len()..].trim_start();
            year.len() >= 4 && year.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        });
    let follow_ask = !longer_than(lower, MAX_PITCH_LEN) && is_follow_ask(lower);
    copyright || is_newsletter_pitch(lower) || follow_ask || is_affiliate_disclosure(lower) || is_consent_line(lower)
}

/// A newsletter's sign-up pitch ("Get the latest updates right in your
/// inbox. Subscribe to our newsletters."); `lower` is lower-cased.
fn is_newsletter_pitch(lower: &str) -> bool {
    !longer_than(lower, MAX_PITCH_LEN)
        && lower.contains("newsletter")
        && NEWSLETTER_ASKS.iter().any(|w| lower.contains(w))
}

/// Whether a block is the notice of a sign-up form: its newsletter pitch
/// or its consent line ("By signing up, you agree to ...").
pub fn is_signup_notice(text: &str) -> bool {
    let lower = text.to_lowercase();
    is_newsletter_pitch(&lower) || is_consent_line(&lower)
}

/// A sign-up form's consent notice ("By signing up, you agree to receive
/// ...", "By clicking Sign Me Up, you confirm you are 16+ ..."); `lower`
/// is lower-cased.
fn is_consent_line(lower: &str) -> bool {
    lower.starts_with("by ") && CONSENT_PHRASES.iter().any(|p| lower.contains(p))
}

fn is_affiliate_disclosure(lower: &str) -> bool {
    !longer_than(lower, MAX_PITCH_LEN)
        && (lower.contains("qualifying purchases")
            || (lower.contains("commission") && AFFILIATE_PHRASES.iter().any(|p| lower.contains(p))))
}

/// A pager's count (`lower`, lower-cased): "page 1 of 8", in the languages
/// of [`PAGE_COUNT_WORDS`].
fn is_page_count(lower: &str) -> bool {
    // Four words exactly, without collecting them: this runs on most short lines.
    let mut words = lower.split_whitespace();
    let (Some(page), Some(n), Some(of), Some(m), None) =
        (words.next(), words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    let is_number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    is_number(n) && is_number(m) && PAGE_COUNT_WORDS.iter().any(|(p, o)| *p == page && *o == of)
}

/// Whether a heading (`lower`, lower-cased) titles a table of contents.
fn is_toc_heading(lower: &str) -> bool {
    TOC_HEADINGS.contains(&lower.trim_end_matches([':', '.']).trim_end())
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn each_detector_names_the_lines_it_takes() {
        let lines = [
            ("© 2024 Example News. All rights reserved.", Furniture::SiteNotice),
            ("Advertisement", Furniture::StockPhrase),
            ("Advert", Furniture::ButtonLabel),
            ("Read more: The best scooters for commuters", Furniture::Pointer),
            ("Tags: Employment, Health & Fitness, Mid-sized Businesses", Furniture::TagLine),
            ("Filed under: Politics |", Furniture::TagLine),
            ("Leave a reply", Furniture::ButtonLabel),
            ("Contact us today", Furniture::CallToAction),
            ("Follow Newsbeat on Instagram and YouTube", Furniture::SocialFollow),
            ("Updated on March 5, 2024", Furniture::Dateline),
            ("By Maria Lopez | March 12, 2025", Furniture::Byline),
            ("Edited By,", Furniture::Byline),
            ("1:02 / 3:45", Furniture::Timecode),
            // In other languages.
            ("segunda-feira, 22 de janeiro de 2018 às 0:13", Furniture::Dateline),
            ("5 марта 2024 г. в 10:00", Furniture::Dateline),
            ("Tempo de leitura: 1 minuto", Furniture::Dateline),
            ("Добавить отзыв", Furniture::ButtonLabel),
            ("Kommentare", Furniture::ButtonLabel),
            ("Реклама", Furniture::StockPhrase),
            ("Читайте также: Как выбрать диету", Furniture::Pointer),
            ("Page 1 of 8", Furniture::PageCount),
            ("Seite 2 von 5", Furniture::PageCount),
            ("Already have an account? Log in", Furniture::CallToAction),
            // A sponsor's label, a writer's asks, a newsletter's pitch.
            ("In partnership with", Furniture::ButtonLabel),
            ("Sponsored by:", Furniture::ButtonLabel),
            ("Stay connected with me!", Furniture::CallToAction),
            ("Help me spread the word about this podcast!", Furniture::CallToAction),
            ("Like What You're Reading? Subscribe To The Monthly Newsletter!", Furniture::SiteNotice),
        ];
        for (line, kind) in lines {
            assert_eq!(boilerplate(line), Some(kind), "{line}");
        }
        assert_eq!(furniture_heading("Advertisement: New AI Book!"), Some(Furniture::AdTitle));
        assert_eq!(furniture_heading("On this page"), Some(Furniture::TocTitle));
        assert_eq!(furniture_heading("Subscribe"), Some(Furniture::ButtonLabel));
        assert_eq!(furniture_heading("Want more like this?"), Some(Furniture::CallToAction));
        assert_eq!(Furniture::SocialFollow.name(), "social-follow");
        // Article sentences that look alike stay.
        assert_eq!(boilerplate("Page 1 of the report"), None);
        // A tag label without its colon opens a sentence.
        assert_eq!(boilerplate("Filed under seal, the motion names three officials."), None);
        assert_eq!(boilerplate("In partnership with local schools, the city will open ten new libraries."), None);
        assert_eq!(boilerplate("A reunião de 22 de janeiro de 2018 terminou sem acordo."), None);
    }

    #[test]
    fn call_to_action_button_labels() {
        for label in ["Get Started for Free", "Talk to us!", "Apply Now", "Book a demo", "Start your free trial"] {
            assert!(is_cta_button_label(label), "{label}");
        }
        for label in ["Check price", "Buy now", "Learn more", "Get started with the new tax rules before the deadline"]
        {
            assert!(!is_cta_button_label(label), "{label}");
        }
    }

    #[test]
    fn bylines() {
        assert!(is_byline("By Maria Lopez | March 12, 2025"));
        assert!(is_byline("by JANE DOE on Jan 22, 2025"));
        assert!(is_byline("Written by Tom Baker and Ana de la Cruz"));
        assert!(is_byline("By: Acme Research Team"));
        assert!(!is_byline("By knowing your users, you can tailor the app to their needs."));
        assert!(!is_byline("By changesets"));
        assert!(!is_byline("By 2030, emissions must fall by half."));
        // A label whose name was a link dropped with the writer's box.
        assert!(is_byline("By") && is_byline("Reviewed by,"));
        assert!(!is_byline("By 2030"));
    }

    #[test]
    fn signup_notices() {
        assert!(is_signup_notice("By signing up, you agree to receive recurring automated SMS marketing messages."));
        assert!(is_signup_notice("Sign up now for the Example Deals newsletter."));
        assert!(!is_signup_notice(
            "The newsletter, which the union sent to 4,000 members, said the strike would go ahead."
        ));
    }

    #[test]
    fn boilerplate_lines() {
        assert_eq!(boilerplate("0:00 0:02:21 0:00"), Some(Furniture::Timecode));
        assert_eq!(boilerplate("No media source currently available"), Some(Furniture::StockPhrase));
        assert_eq!(boilerplate("Skip to main content"), Some(Furniture::StockPhrase));
        assert_eq!(boilerplate("You may also like..."), Some(Furniture::StockPhrase));
        assert_eq!(boilerplate("At 10:30 the minister arrived."), None);
        assert_eq!(boilerplate("The 2:1 vote was close."), None);
        assert_eq!(boilerplate("The contents of this site are ©2019 Capitol Hill Publishing Corp., a subsidiary of News Communications, Inc."), Some(Furniture::SiteNotice));
        assert_eq!(
            boilerplate("Get the latest updates right in your inbox. Subscribe to our newsletters."),
            Some(Furniture::SiteNotice)
        );
        assert_eq!(boilerplate("By signing up, you agree to receive recurring automated SMS marketing messages from Mashable Deals at the number provided."), Some(Furniture::SiteNotice));
        assert_eq!(
            boilerplate(
                "By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use and Privacy Policy."
            ),
            Some(Furniture::SiteNotice)
        );
        assert_eq!(boilerplate("By clicking on these links, you may be taken to one of our insurance partners."), None);
        assert_eq!(boilerplate("By streamlining your shopping list and what you accept into your house, you’ll also streamline your life."), None);
        assert_eq!(
            boilerplate("The newsletter, which the union sent to 4,000 members, said the strike would go ahead."),
            None
        );
        assert_eq!(
            boilerplate("It was mentioned in a newsletter I'm not subscribed to, so I missed it completely."),
            None
        );
        assert_eq!(boilerplate("The stand at the fair drew crowds. Photo © Jane Doe"), None);
        assert_eq!(
            boilerplate("As an Amazon Associate we earn from qualifying purchases."),
            Some(Furniture::SiteNotice)
        );
        assert_eq!(
            boilerplate(
                "Support us! iRunFar may earn a small commission from affiliate links in this article. Learn more."
            ),
            Some(Furniture::SiteNotice)
        );
        assert_eq!(boilerplate("The agent's commission, paid by the seller, was 6 percent of the price."), None);
        assert_eq!(boilerplate("SHARE"), Some(Furniture::ButtonLabel));
        assert_eq!(boilerplate("Pin this for later!"), Some(Furniture::ButtonLabel));
        assert_eq!(boilerplate("Share prices fell."), None);
        assert_eq!(boilerplate("Loading..."), Some(Furniture::ButtonLabel));
        assert_eq!(boilerplate("Loading time of your pages"), None);
        assert_eq!(boilerplate("Share one thing that you wish people knew about you."), None);
        assert!(is_call_to_action("join our genius newsletter"));
        assert_eq!(
            boilerplate("Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram."),
            Some(Furniture::SocialFollow)
        );
        assert_eq!(boilerplate("Follow the steps below to link your Facebook page."), None);
        assert_eq!(
            boilerplate("Want more design inspo and helpful plant tips? Let's hang out on Instagram!"),
            Some(Furniture::SiteNotice)
        );
        assert_eq!(boilerplate("Subscribe to our research newsletter and follow us on LinkedIn to stay up-to-date on the latest trends."), Some(Furniture::SiteNotice));
        assert_eq!(boilerplate("Ben Silverman is on Twitter at ben_silverman."), None);
        assert_eq!(boilerplate("Fans who follow us on tour know the setlist changes every night."), None);
        assert_eq!(furniture_heading("GitHub Actions analytics (Sponsored)"), Some(Furniture::AdTitle));
        assert_eq!(furniture_heading("Bridgestone Team | 5 min read"), Some(Furniture::Dateline));
        assert_eq!(furniture_heading("What was agreed"), None);
        assert_eq!(
            furniture_heading("READ MORE: Will ChatGPT Eliminate the College Admissions Essay?"),
            Some(Furniture::Pointer)
        );
        assert_eq!(furniture_heading("Reader questions, answered"), None);
        assert_eq!(boilerplate("Published June 23, 2025 10:39AM"), Some(Furniture::Dateline));
        assert_eq!(boilerplate("15 Dec, 2025"), Some(Furniture::Dateline));
        assert_eq!(boilerplate("1/1/2013 +13.1%"), None);
        assert_eq!(boilerplate("$1,595 - $3,000+"), None);
        assert_eq!(boilerplate("Bridgestone Team | 5 min read"), Some(Furniture::Dateline));
        assert_eq!(boilerplate("Published in 1998, the report found 40 cases."), None);
        assert_eq!(boilerplate("Posters went up in 12 cities."), None);
        assert_eq!(boilerplate("Last updated March  3, 2025 by Erik Demaine."), Some(Furniture::Dateline));
        assert!(is_call_to_action("get the free ebook!"));
        assert!(!is_call_to_action("subscribers to the service rose by a third in the year to march"));
    }
}
