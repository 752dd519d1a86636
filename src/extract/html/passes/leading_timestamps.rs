//! Pass `leading-timestamps`: drops the lines at the head of the article
//! that only date it ("Tuesday February 11 2025", "19/12/2025"), above its
//! first paragraph. The metadata holds the date; the body does not repeat
//! it. Lower down, a date in figures alone is as often a table's cell.

use super::{Page, Pass};
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::furniture;
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "leading-timestamps", run };

/// Shortest paragraph, in non-whitespace chars, that starts the article's
/// text: the head is what comes before it.
const MIN_OPENING_PARAGRAPH_LEN: u32 = 100;

fn run(page: &mut Page) {
    for i in 0..page.blocks.len() {
        if !page.is_kept(i) {
            continue;
        }
        let block = &page.blocks[i];
        if block.kind == BlockKind::Paragraph && block.text_len >= MIN_OPENING_PARAGRAPH_LEN {
            break;
        }
        if furniture::is_timestamp_line(&block.text) {
            page.verdicts[i] = Rule::LeadingTimestamp;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{P1, P2, P3};

    #[test]
    fn timestamps_above_the_first_paragraph_are_dropped_and_those_below_kept() {
        let html = format!(
            "<html><body><article><h1>Talks</h1><div>Tuesday February 11 2025</div><div>19/12/2025</div>\
             <p>{P1}</p><p>{P2}</p><table><tr><td>12/01/2024</td></tr></table><p>{P3}</p></article></body></html>"
        );
        assert_eq!(
            changed_by(&html, "leading-timestamps"),
            [
                ("Tuesday February 11 2025".to_string(), Rule::LeadingTimestamp),
                ("19/12/2025".to_string(), Rule::LeadingTimestamp)
            ]
        );
    }
}
