//! Pass `title`: drops the page's `<h1>`s inside the article, which title
//! it rather than tell it (pass `later-h1s` takes back its sections').

use super::{Page, Pass};
use crate::extract::html::dom::Tag;
use crate::extract::html::rule::Rule;

pub(super) const PASS: Pass = Pass { name: "title", run };

fn run(page: &mut Page) {
    for (b, verdict) in page.blocks.iter().zip(page.verdicts.iter_mut()) {
        if verdict.keeps() && page.dom.nodes[b.owner].tag == Tag::Heading(1) {
            *verdict = Rule::Title;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{page, texts, P1, P2, P3};

    #[test]
    fn the_h1_inside_the_article_is_its_title() {
        let html = page("", "<h2>What was agreed</h2>", "");
        assert_eq!(changed_by(&html, "title"), vec![("Talks reach decisive stage".to_string(), Rule::Title)]);
        assert_eq!(texts(&html), vec![P1, P2, "What was agreed", P3]);
    }
}
