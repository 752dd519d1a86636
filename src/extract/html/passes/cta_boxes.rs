//! Pass `cta-boxes`: drops the pitch set over a call-to-action button inside
//! the article ("Stop searching & start winning. Talk to our experts" over a
//! "Talk to us!" button): a house ad or a sign-up pitch, not the article.
//! The pitch is what the small box around the button holds; a button set
//! straight among the article's paragraphs has no box, and takes none.

use super::signup_boxes::drop_small_boxes;
use super::{Page, Pass};
use crate::extract::html::dom::Tag;
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::furniture;

pub(super) const PASS: Pass = Pass { name: "cta-boxes", run };

/// Most text, in non-whitespace chars, of a call-to-action box: a kicker,
/// a headline, a sentence and the button.
const MAX_CTA_BOX_LEN: u32 = 400;

fn run(page: &mut Page) {
    let buttons: Vec<usize> = (0..page.blocks.len()).filter(|&i| is_cta_button(page, i)).collect();
    drop_small_boxes(page, buttons, MAX_CTA_BOX_LEN, Rule::CallToActionBox);
}

/// Whether block `i` is a call-to-action button left out of the article: a
/// link, or a button label, saying "Get started", "Talk to us!", "Book a
/// demo". A line of several links ("Try it now Learn more") is a menu of
/// the page's own features.
fn is_cta_button(page: &Page, i: usize) -> bool {
    let block = &page.blocks[i];
    let owner = &page.dom.nodes[block.owner];
    matches!(
        page.verdicts[i],
        Rule::LinkHeavyBox | Rule::LinkHeavyLine | Rule::Boilerplate(furniture::Furniture::ButtonLabel)
    ) && furniture::is_cta_button_label(&block.text)
        && page.dom.nodes[block.owner..owner.end.max(block.owner + 1)].iter().filter(|n| n.tag == Tag::A).count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{texts, P1, P2, P3};

    /// An article of five paragraphs, more than a box's worth, with `inside`
    /// after the second.
    fn page(inside: &str) -> String {
        format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{inside}<p>{P3}</p><p>{P1}</p><p>{P2}</p></article></body></html>")
    }

    const PITCH: &str = "<div class=\"wp-block-group\"><p><strong>Stop Searching &amp; Start Winning. Talk To Our Marketing Experts</strong></p>\
        <div class=\"button-wrapper\"><a class=\"button\" href=\"/contact\">Talk to us!</a></div></div>";

    #[test]
    fn the_pitch_in_the_box_of_a_call_to_action_button_is_dropped() {
        assert_eq!(texts(&page(PITCH)), vec![P1, P2, P3, P1, P2]);
        assert_eq!(
            changed_by(&page(PITCH), "cta-boxes"),
            [("Stop Searching & Start Winning. Talk To Our Marketing Experts".to_string(), Rule::CallToActionBox)]
        );
    }

    #[test]
    fn a_pitch_of_a_kicker_a_headline_and_a_sentence_is_dropped() {
        let pitch = "<div class=\"e-con\"><h2>Limited Time</h2><h2>Gaining Weight After 40?</h2>\
            <div>Personalized workouts and coaching built for your changing body.</div>\
            <div><a class=\"btn\" href=\"/apply\">Apply Now</a></div></div>";
        assert_eq!(texts(&page(pitch)), vec![P1, P2, P3, P1, P2]);
    }

    #[test]
    fn lines_beside_a_shopping_link_or_a_button_without_a_box_are_kept() {
        // A product's line over its shop link is the article's.
        let product = "<div><h3>Acme Kettle</h3><p>Best for small kitchens.</p><div><a class=\"btn\" href=\"/buy\">Check price</a></div></div>";
        assert!(changed_by(&page(product), "cta-boxes").is_empty());
        // Nor does a line of several links.
        let menu = "<div><h3>Themes</h3><p>Make the browser match your style.</p><div><a href=\"/t\">Try it now</a> <a href=\"/m\">Learn more</a></div></div>";
        assert!(changed_by(&page(menu), "cta-boxes").is_empty());
        // A button set among the article's paragraphs takes none of them.
        let button = "<p>Pick a plan.</p><div><a class=\"button\" href=\"/s\">Get started</a></div>";
        assert!(changed_by(&page(button), "cta-boxes").is_empty());
        // A pitch as long as the rest of the page is the offer's own page.
        let html = "<html><body><div><p>Try our planner today.</p><div><a class=\"button\" href=\"/s\">Get started</a></div></div></body></html>";
        assert!(changed_by(html, "cta-boxes").is_empty());
    }
}
