//! Pass `repeated`: drops second copies of a section.

use super::{Page, Pass};
use crate::extract::html::rule::Rule;

pub(super) const PASS: Pass = Pass { name: "repeated", run: drop_repeated_runs };

/// Shortest block, in non-whitespace chars, checked for repeats: short
/// lines ("Pros", "Buy now") repeat legitimately.
const MIN_REPEAT_LEN: u32 = 40;

/// Fewest repeated paragraphs in a row that make a second copy of a section.
const MIN_REPEATED_RUN: usize = 2;

/// Drops kept blocks that repeat the text of an earlier kept block held in
/// another box, in runs of at least [`MIN_REPEATED_RUN`]: responsive templates
/// ship the same section twice (one copy per screen size), while a lone
/// repeat is often the article's own (a recap, a table row).
fn drop_repeated_runs(page: &mut Page) {
    let Page { dom, blocks, verdicts, .. } = page;
    // Text -> the box holding its first copy; a repeat in the same box is
    // the article's own (a refrain, a lorem ipsum filler).
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // Short lines between repeated paragraphs (headings, labels) neither
    // start nor break a run.
    let kept: Vec<usize> =
        (0..blocks.len()).filter(|&i| verdicts[i].keeps() && blocks[i].text_len >= MIN_REPEAT_LEN).collect();
    let repeated: Vec<bool> = kept
        .iter()
        .map(|&i| {
            let holder = dom.nodes[blocks[i].owner].parent;
            *seen.entry(blocks[i].text.as_str()).or_insert(holder) != holder
        })
        .collect();
    let mut start = 0;
    while start < kept.len() {
        if !repeated[start] {
            start += 1;
            continue;
        }
        let end = (start..kept.len()).find(|&j| !repeated[j]).unwrap_or(kept.len());
        if end - start >= MIN_REPEATED_RUN {
            for &i in &kept[start..end] {
                verdicts[i] = Rule::Repeated;
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::explain_html;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{texts, P1, P2, P3};

    #[test]
    fn a_second_copy_of_a_section_in_another_box_is_dropped() {
        let html = format!(
            "<html><body><article><h1>Talks</h1><div class=\"desktop\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             <div class=\"mobile\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
        assert!(explain_html(&html, None).lines().any(|l| l.starts_with("drop repeated")));
        // Repeats in the same box, and lone repeats, are the article's own.
        let refrain = format!(
            "<html><body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p><p>{P2}</p></article></body></html>"
        );
        assert_eq!(texts(&refrain).len(), 5);
        let lone = format!("<html><body><article><div><p>{P1}</p><p>{P2}</p></div><div><p>{P3}</p><p>{P1}</p></div></article></body></html>");
        assert_eq!(texts(&lone).len(), 4);
    }

    #[test]
    fn runs_repeated_in_another_box_are_dropped() {
        let html = format!(
            "<html><body><article><div><p>{P1}</p><p>{P2}</p></div><div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article></body></html>"
        );
        assert_eq!(changed_by(&html, "repeated"), [(P1.to_string(), Rule::Repeated), (P2.to_string(), Rule::Repeated)]);
    }
}
