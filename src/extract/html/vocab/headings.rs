//! Headings of sections that are not the article: an author's bio, links
//! to other stories, the site's own pitch.

use super::furniture::{is_ad_title, is_button_label, opens_call_to_action};
use super::starts_with_words;
use crate::extract::lexicon::headings::{
    AUTHOR_HEADINGS, BARE_AUTHOR_HEADINGS, RELATED_HEADINGS, TESTIMONIAL_HEADINGS,
};

/// Whether a heading titles the site's own pitch rather than a part of the
/// article: an ad ("Advertisement: ...", "... (Sponsored)"), a call to
/// action ("Join our newsletter", "Talk to our experts") or the site's
/// testimonials ("What our clients say"). A line that only names a
/// newsletter ("My newsletter has:") is not one, nor a bare button label
/// ("Subscribe"), which stands alone.
pub fn is_promo_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    (opens_call_to_action(&lower) && !is_button_label(text))
        || is_ad_title(&lower)
        || TESTIMONIAL_HEADINGS.contains(&lower.trim_end_matches([':', '.', '!']).trim_end())
}

/// Longest heading read as the heading of an author's bio or of links to
/// other stories, in chars: a longer one is a headline of the article's own.
const MAX_SECTION_HEADING_LEN: usize = 60;

/// Whether a heading introduces an author's bio rather than a part of the
/// article. A bare "About" (or "About me") under a post heads the writer's
/// bio; "About the deal" is the article's.
pub fn is_author_heading(text: &str) -> bool {
    if text.chars().count() > MAX_SECTION_HEADING_LEN {
        return false;
    }
    let lower = text.to_lowercase();
    AUTHOR_HEADINGS.iter().any(|h| lower.starts_with(h))
        || BARE_AUTHOR_HEADINGS.contains(&lower.trim_end_matches([':', '.']).trim_end())
}

/// Whether a heading introduces links to other stories rather than a part
/// of the article.
pub fn is_related_heading(text: &str) -> bool {
    if text.chars().count() > MAX_SECTION_HEADING_LEN {
        return false;
    }
    let lower = text.to_lowercase();
    RELATED_HEADINGS.iter().any(|h| starts_with_words(&lower, h))
}

/// Whether a sentence, anywhere in it, offers links to other stories ("If
/// you liked this post you might also like:").
pub fn mentions_related_stories(text: &str) -> bool {
    let lower = text.to_lowercase();
    RELATED_HEADINGS.iter().any(|h| lower.contains(h))
}

#[cfg(test)]
mod tests {

    use super::super::furniture::{furniture_heading, Furniture};
    use super::*;

    #[test]
    fn related_headings_in_other_languages() {
        for heading in ["Самые популярные диеты", "Lesen Sie auch", "Articoli correlati", "関連記事", "Czytaj także:"]
        {
            assert!(is_related_heading(heading) || furniture_heading(heading).is_some(), "{heading}");
        }
        assert!(!is_related_heading("Популярные мифы о диетах развенчаны"));
    }

    #[test]
    fn testimonial_headings() {
        assert!(is_promo_heading("Testimonials"));
        assert!(is_promo_heading("What Our Clients Say"));
        assert!(!is_promo_heading("Testimonial evidence in the trial was thin, the judge said"));
        assert!(!is_promo_heading("What the witnesses told the court"));
    }

    #[test]
    fn author_headings() {
        assert!(is_author_heading("About the Authors"));
        assert!(is_author_heading("Written by Cassidy Horton"));
        assert!(is_author_heading("Über den Autor"));
        assert!(!is_author_heading("About the deal"));
        assert!(is_author_heading("About"));
        assert!(is_author_heading("About me:"));
        assert!(!is_author_heading("Authorities respond"));
    }

    #[test]
    fn related_and_toc_headings() {
        assert!(is_related_heading("Related Articles:"));
        assert!(mentions_related_stories("If you liked this post you might also like:"));
        assert!(!mentions_related_stories("Many patches were sent for review:"));
        assert!(is_related_heading("You may also like…"));
        assert!(is_related_heading("Mehr zum Thema"));
        assert!(is_related_heading("Explore More Profitable Franchise Opportunities"));
        assert!(!is_related_heading("Explored more deeply, the data tell another story"));
        assert!(!is_related_heading("Latest newsroom layoffs hit regional papers"));
        assert!(!is_related_heading("Further reading"));
        assert!(!is_related_heading("More posts ≠ more subscribers."));
        assert_eq!(furniture_heading("Table of Contents"), Some(Furniture::TocTitle));
        assert_eq!(furniture_heading("In this article:"), Some(Furniture::TocTitle));
        assert_eq!(furniture_heading("Contents"), None);
        assert_eq!(furniture_heading("In this article, we examine the data"), None);
    }

    #[test]
    fn promo_headings() {
        assert!(is_promo_heading("Join Our Newsletter"));
        assert!(is_promo_heading("Advertisement: London 2025 Event On 31 October"));
        assert!(is_promo_heading("GitHub Actions analytics - what's actually happening (Sponsored)"));
        assert!(!is_promo_heading("My newsletter has:"));
        assert!(!is_promo_heading("Subscribe"));
        assert!(!is_promo_heading("Sponsored content rules tightened"));
    }
}
