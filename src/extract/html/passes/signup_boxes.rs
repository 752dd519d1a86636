//! Pass `signup-boxes`: drops the lines of sign-up forms set inside the
//! article.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::furniture;

pub(super) const PASS: Pass = Pass { name: "signup-boxes", run: drop_signup_boxes };

/// Most text, in non-whitespace chars, of a sign-up form's box: a pitch, a
/// field's label, a button and the consent line.
const MAX_SIGNUP_BOX_LEN: u32 = 400;

/// Drops the kept lines of sign-up forms set inside the article ("Be the
/// first to know! Get deals texted right to your phone!"): the largest box
/// of at most [`MAX_SIGNUP_BOX_LEN`] around a block dropped as a sign-up
/// notice holds the form's pitch and labels, not the article's text.
fn drop_signup_boxes(page: &mut Page) {
    let notices: Vec<usize> = (0..page.blocks.len())
        .filter(|&i| {
            matches!(page.verdicts[i], Rule::Boilerplate(_)) && furniture::is_signup_notice(&page.blocks[i].text)
        })
        .collect();
    drop_small_boxes(page, notices, MAX_SIGNUP_BOX_LEN, Rule::SignupBox);
}

/// Gives `rule` to the kept blocks of the largest box of at most `max_len`
/// non-whitespace chars around each of the `triggers` (block indices): a
/// form's or an offer's box. A box holding half the page's kept text or
/// more is the page itself, and stays.
pub(super) fn drop_small_boxes(page: &mut Page, triggers: Vec<usize>, max_len: u32, rule: Rule) {
    let total_kept = page.kept_len();
    let Page { dom, blocks, verdicts, .. } = page;
    let boxes: Vec<usize> = triggers
        .into_iter()
        .filter_map(|i| dom.ancestors(blocks[i].owner).take_while(|&a| dom.nodes[a].text_len <= max_len).last())
        .collect();
    for small_box in boxes {
        let inside = |b: &RawBlock| (small_box..dom.nodes[small_box].end).contains(&b.owner);
        let held: u32 =
            blocks.iter().zip(verdicts.iter()).filter(|(b, v)| v.keeps() && inside(b)).map(|(b, _)| b.text_len).sum();
        if 2 * held >= total_kept {
            continue;
        }
        for (b, v) in blocks.iter().zip(verdicts.iter_mut()) {
            if v.keeps() && inside(b) {
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
    fn the_lines_of_a_signup_form_inside_the_article_are_dropped() {
        let form = "<section class=\"deals\"><div>Example Deals</div><div>Be the first to know!</div><div>Get editor selected deals texted right to your phone!</div>\
                    <div>By signing up, you agree to receive recurring automated SMS marketing messages from Example Deals.</div></section>";
        assert_eq!(texts(&page("", form, "")), vec![P1, P2, P3]);
        assert!(explain_html(&page("", form, ""), None)
            .lines()
            .any(|l| l.starts_with("drop signup-box") && l.contains("Be the first")));
    }

    #[test]
    fn the_kept_lines_beside_a_signup_notice_are_dropped() {
        let form = "<div class=\"deals\"><div>Be the first to know!</div>\
            <div>By signing up, you agree to receive our marketing messages.</div></div>";
        // A page no larger than a form's box is the form's page: this one is more.
        let html = page("", &format!("<p>{P1}</p>{form}"), "");
        assert_eq!(changed_by(&html, "signup-boxes"), [("Be the first to know!".to_string(), Rule::SignupBox)]);
    }
}
