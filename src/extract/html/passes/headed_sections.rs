//! Passes `author-sections`, `related-sections` and `promo-sections`: drop
//! the sections a heading (or a paragraph label ending in ':') heads as an
//! author's bio, a list of other stories, or an ad or call to action.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::html::dom::Tag;
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::headings;
use crate::extract::BlockKind;

pub(super) const AUTHOR: Pass = Pass { name: "author-sections", run: drop_author_sections };
pub(super) const RELATED: Pass = Pass { name: "related-sections", run: drop_related_sections };
pub(super) const PROMO: Pass = Pass { name: "promo-sections", run: drop_promo_sections };

fn drop_author_sections(page: &mut Page) {
    drop_headed_sections(page, headings::is_author_heading, MAX_AUTHOR_SECTION_LEN, Rule::AuthorSection);
}

fn drop_related_sections(page: &mut Page) {
    drop_headed_sections(page, headings::is_related_heading, MAX_RELATED_SECTION_LEN, Rule::RelatedSection);
}

fn drop_promo_sections(page: &mut Page) {
    drop_headed_sections(page, headings::is_promo_heading, MAX_PROMO_SECTION_LEN, Rule::PromoSection);
}

/// Longest author section dropped, in non-whitespace chars: a bio is a
/// paragraph or two, more is the article under a "Written by" heading.
const MAX_AUTHOR_SECTION_LEN: u32 = 1200;

/// Longest section of links to other stories dropped, in non-whitespace
/// chars: a few teasers with their excerpts; more is the article's own
/// section under an unlucky heading.
const MAX_RELATED_SECTION_LEN: u32 = 2000;

/// Longest section under an ad's or a call to action's heading dropped, in
/// non-whitespace chars: a pitch of a few paragraphs.
const MAX_PROMO_SECTION_LEN: u32 = 2000;

/// Most boxes around a heading that hold nothing else (a page builder's
/// widget and its inner container), climbed to find its section.
const MAX_WRAPPER_DEPTH: usize = 3;

/// Rank of a paragraph that labels a section, below every heading.
const LABEL_RANK: u8 = 7;

/// Drops the sections headed by a heading (or a paragraph label ending in
/// ':') that `is_section_heading` accepts: the heading and the blocks after
/// it, inside the heading's parent box, up to the next heading of the same
/// or a higher rank, when the kept text of the section is at most `max_len`.
fn drop_headed_sections(page: &mut Page, is_section_heading: fn(&str) -> bool, max_len: u32, rule: Rule) {
    let Page { dom, blocks, verdicts, .. } = page;
    let rank = |b: &RawBlock| match dom.nodes[b.owner].tag {
        Tag::Heading(level) => Some(level),
        _ => None,
    };
    for i in 0..blocks.len() {
        let level = match rank(&blocks[i]) {
            Some(level) => level,
            // A label set as a paragraph ("About the Author:") heads the
            // blocks up to the next heading of any rank.
            None if blocks[i].kind == BlockKind::Paragraph && blocks[i].text.ends_with(':') => LABEL_RANK,
            None => continue,
        };
        // A heading dropped as a furniture line ("You may also like") still
        // heads its section.
        let heading_dropped = verdicts[i].drops() && !matches!(verdicts[i], Rule::Boilerplate(_));
        if heading_dropped || !is_section_heading(&blocks[i].text) {
            continue;
        }
        // The blocks from the heading up to the next heading of its rank or
        // higher, inside the box `scope`.
        let section_in = |scope: usize| {
            let box_end = dom.nodes[scope].end;
            let len =
                blocks[i + 1..].iter().take_while(|b| b.owner < box_end && rank(b).is_none_or(|l| l > level)).count();
            i..i + 1 + len
        };
        let kept_len = |section: &std::ops::Range<usize>| -> u32 {
            section.clone().filter(|&j| verdicts[j].keeps()).map(|j| blocks[j].text_len).sum()
        };
        // Page builders wrap a heading in boxes of its own; the section is
        // what the first box around it that holds more than the heading
        // holds, unless that is too much to drop.
        let parent = dom.nodes[blocks[i].owner].parent;
        let mut scope = parent;
        for _ in 0..MAX_WRAPPER_DEPTH {
            let holds_next = blocks.get(i + 1).is_some_and(|b| (scope..dom.nodes[scope].end).contains(&b.owner));
            if holds_next || scope == 0 {
                break;
            }
            scope = dom.nodes[scope].parent;
        }
        let mut section = section_in(scope);
        if kept_len(&section) > max_len {
            section = section_in(parent);
        }
        if kept_len(&section) <= max_len {
            for v in verdicts[section].iter_mut().filter(|v| v.keeps()) {
                *v = rule;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::explain_html;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{page, texts, P1, P2, P3};

    #[test]
    fn about_the_author_sections_are_dropped() {
        let bio = "<h2>About the Author</h2><p>Jane Doe is a finance writer who has covered markets for ten years.</p>\
                   <h3>Jane Doe</h3><p>Follow her for more.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><h2>Reactions</h2><p>{P2}</p>{bio}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, "Reactions", P2, "Next steps", P3]);
    }

    #[test]
    fn an_author_label_set_as_a_paragraph_heads_a_bio() {
        let bio = "<p><strong>About the Author:</strong></p><p>Jane Doe is a finance writer who has covered markets for ten years.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{bio}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
    }

    #[test]
    fn a_bare_about_heading_after_the_post_heads_a_bio() {
        let bio = "<h3>About</h3><p>Sara Harberson is the founder of Application Nation, which provides personalized advice to college applicants.</p>";
        let html = format!(
            "<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>{bio}</article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn related_story_sections_are_dropped_up_to_the_next_section() {
        let related = "<h2>Latest News</h2>\
            <h3>Can You Sue Social Security to Receive Your Benefits?</h3><p>When the Social Security Administration denies your claim, it can feel like a dead end.</p>\
            <h3>Social Security Disability Laws 101</h3><p>Navigating the complex landscape of disability laws can be overwhelming.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{related}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
        assert!(explain_html(&html, None)
            .lines()
            .any(|l| l.starts_with("drop related-section") && l.contains("Latest News")));
    }

    #[test]
    fn a_heading_wrapped_in_boxes_of_its_own_heads_what_follows_it() {
        let widget = |inner: &str| format!("<div class=\"widget\"><div class=\"widget-container\">{inner}</div></div>");
        let section = format!(
            "<div class=\"row\">{}{}</div>",
            widget("<h2>Testimonials</h2>"),
            widget("<h3>Jennifer M.</h3><p>I highly recommend this firm, they worked hard on my case.</p>")
        );
        let html = format!(
            "<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{section}<p>{P3}</p></article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn sections_headed_as_an_ad_are_dropped_up_to_the_next_section() {
        let ad = "<h2>Advertisement: New AI Book!</h2><p>In this book, a marketing expert gives you the definitive playbook for the years ahead.</p>\
                  <p>Order your copy today and get the companion workbook free.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{ad}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
        assert!(explain_html(&html, None)
            .lines()
            .any(|l| l.starts_with("drop promo-section") && l.contains("Order your copy")));
    }

    #[test]
    fn each_pass_drops_the_sections_its_headings_head() {
        let bio = "<h2>About the Author</h2><p>Jane Doe covers markets.</p>";
        let related = "<h2>Latest News</h2><p>Can you sue to receive your benefits?</p>";
        let promo = "<h2>Join our newsletter</h2><p>Get the week's best stories.</p>";
        let html = page("", &format!("{bio}{related}{promo}<h2>Next steps</h2>"), "");
        let section =
            |heading: &str, text: &str, rule: Rule| vec![(heading.to_string(), rule), (text.to_string(), rule)];
        assert_eq!(
            changed_by(&html, "author-sections"),
            section("About the Author", "Jane Doe covers markets.", Rule::AuthorSection)
        );
        assert_eq!(
            changed_by(&html, "related-sections"),
            section("Latest News", "Can you sue to receive your benefits?", Rule::RelatedSection)
        );
        // The promo's heading is a call to action, dropped as boilerplate
        // already: it still heads its section.
        assert_eq!(
            changed_by(&html, "promo-sections"),
            [("Get the week's best stories.".to_string(), Rule::PromoSection)]
        );
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
    }
}
