//! Pass `outside-container`: the first judgement of every block. Blocks
//! outside the article's roots are dropped; the rest are kept, as in the
//! content container or in the lede.

use super::{Page, Pass};
use crate::extract::html::rule::Rule;

pub(super) const PASS: Pass = Pass { name: "outside-container", run };

fn run(page: &mut Page) {
    let Page { dom, blocks, roots, ledes, .. } = &*page;
    let verdicts = blocks
        .iter()
        .map(|b| match roots.iter().find(|&&r| b.owner >= r && b.owner < dom.nodes[r].end) {
            None => Rule::OutsideContainer,
            Some(root) if ledes.contains(root) => Rule::Lede,
            Some(_) => Rule::InContainer,
        })
        .collect();
    page.verdicts = verdicts;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{texts, P1, P2};

    #[test]
    fn blocks_outside_the_container_are_dropped() {
        let html = format!(
            "<html><body><div class=\"col\"><p>Short promo.</p></div><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p></article></body></html>"
        );
        let judged = changed_by(&html, "outside-container");
        assert_eq!(
            judged,
            vec![
                ("Short promo.".to_string(), Rule::OutsideContainer),
                ("Talks".to_string(), Rule::InContainer),
                (P1.to_string(), Rule::InContainer),
                (P2.to_string(), Rule::InContainer)
            ]
        );
        assert_eq!(texts(&html), vec![P1, P2]);
    }
}
