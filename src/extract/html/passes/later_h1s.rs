//! Pass `later-h1s`: keeps the `<h1>`s after the first one inside the
//! article, which pass `title` dropped: the first is its title, while
//! markdown renderers and page builders set the article's own sections as
//! further `<h1>`s. One that is furniture ("Subscribe") stays out.

use super::{Page, Pass};
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::furniture;

pub(super) const PASS: Pass = Pass { name: "later-h1s", run };

fn run(page: &mut Page) {
    let mut titles = (0..page.blocks.len()).filter(|&i| page.verdicts[i] == Rule::Title);
    titles.next();
    for i in titles.collect::<Vec<_>>() {
        page.verdicts[i] = furniture::furniture_heading(&page.blocks[i].text).map_or(Rule::LaterH1, Rule::Boilerplate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{texts, P1, P2, P3};
    use crate::extract::html::vocab::furniture::Furniture;

    #[test]
    fn section_h1s_after_the_title_are_kept() {
        let html = format!(
            "<html><body><article><h1>Small is the new large</h1><p>{P1}</p><h1>What is a SLM?</h1><p>{P2}</p><h1>Subscribe</h1><h1>The results</h1><p>{P3}</p></article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, "What is a SLM?", P2, "The results", P3]);
    }

    #[test]
    fn h1s_after_the_first_are_taken_back_unless_furniture() {
        let html = format!(
            "<html><body><article><h1>Small is the new large</h1><p>{P1}</p><h1>What is a SLM?</h1><p>{P2}</p><h1>Subscribe</h1></article></body></html>"
        );
        assert_eq!(
            changed_by(&html, "later-h1s"),
            [
                ("What is a SLM?".to_string(), Rule::LaterH1),
                ("Subscribe".to_string(), Rule::Boilerplate(Furniture::ButtonLabel))
            ]
        );
    }
}
