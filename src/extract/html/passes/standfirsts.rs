//! Pass `standfirsts`: drops a standfirst named by its class above the
//! article's text.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::elements;
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "standfirsts", run: drop_standfirsts };

/// Most of the kept text a standfirst holds: a page that keeps little else
/// has its text in the box so named.
const MAX_STANDFIRST_SHARE: f32 = 0.25;

/// Drops the standfirst kept before the article's text: the paragraphs,
/// ahead of every other kept paragraph, whose box or its parent's box is
/// named an excerpt or a subtitle ([`elements::names_standfirst`]). It sums
/// up the article under its headline, and the article then says it again.
fn drop_standfirsts(page: &mut Page) {
    let total_kept = page.kept_len();
    let Page { dom, blocks, verdicts, .. } = page;
    let named = |b: &RawBlock| {
        std::iter::once(b.owner)
            .chain(dom.ancestors(b.owner))
            .take(2)
            .any(|a| dom.nodes[a].element().is_some_and(elements::names_standfirst))
    };
    let leading: Vec<usize> = (0..blocks.len())
        .filter(|&i| verdicts[i].keeps() && blocks[i].kind == BlockKind::Paragraph)
        .take_while(|&i| named(&blocks[i]))
        .collect();
    let standfirst_len: u32 = leading.iter().map(|&i| blocks[i].text_len).sum();
    if standfirst_len as f32 > MAX_STANDFIRST_SHARE * total_kept as f32 {
        return;
    }
    for i in leading {
        verdicts[i] = Rule::Standfirst;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{texts, P1, P2, P3};

    #[test]
    fn standfirst_named_by_its_class_is_dropped() {
        let standfirst = "<div class=\"post-excerpt\">Talks between the two countries reached a decisive stage this week, officials said.</div>";
        let html = format!("<html><body><article><h1>Talks reach decisive stage</h1>{standfirst}<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, P3]);
        // A box so named that holds the article's text keeps it.
        let html = format!("<html><body><article><h1>Talks reach decisive stage</h1><div class=\"entry-excerpt\"><p>{P1}</p><p>{P2}</p></div></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2]);
    }

    #[test]
    fn a_leading_paragraph_classed_as_a_standfirst_is_dropped() {
        let html = format!(
            "<html><body><article><p class=\"dek\">Talks reached a decisive stage.</p><p>{P1}</p><p class=\"dek\">{P2}</p></article></body></html>"
        );
        assert_eq!(
            changed_by(&html, "standfirsts"),
            [("Talks reached a decisive stage.".to_string(), Rule::Standfirst)]
        );
    }
}
