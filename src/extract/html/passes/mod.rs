//! The extractor's passes, in the order they run ([`PASSES`]). Every pass
//! has one signature, `fn(&mut Page)`: it reads what the passes before it
//! left on the [`Page`] and adds its own findings. The first four find the
//! article's text (chrome, blocks, containers, lede); the others judge each
//! block, keeping or dropping it by a named [`Rule`], and a later pass may
//! overrule an earlier one. One file per pass, its tests beside it.

mod article_tail;
pub(super) mod blocks;
mod boilerplate;
mod chrome;
mod containers;
mod cta_boxes;
mod headed_sections;
mod later_h1s;
mod leading_timestamps;
mod lede;
mod link_boxes;
mod link_lines;
mod linked_item_titles;
mod outside_container;
mod repeated;
mod signup_boxes;
mod standfirsts;
mod teaser_listings;
mod title;

use super::dom::FlatDom;
use super::rule::Rule;
use crate::extract::attribute::AttributeByName;
use blocks::RawBlock;
use html5ever::local_name;

/// One pass over the page.
pub(super) struct Pass {
    /// What the pass is called in tests and in the module's docs.
    pub name: &'static str,
    pub run: fn(&mut Page),
}

/// The passes, in the order they run.
pub(super) const PASSES: &[Pass] = &[
    chrome::PASS,
    blocks::PASS,
    containers::PASS,
    lede::PASS,
    outside_container::PASS,
    link_boxes::PASS,
    title::PASS,
    link_lines::PASS,
    boilerplate::PASS,
    leading_timestamps::PASS,
    later_h1s::PASS,
    linked_item_titles::PASS,
    headed_sections::AUTHOR,
    headed_sections::RELATED,
    headed_sections::PROMO,
    repeated::PASS,
    signup_boxes::PASS,
    cta_boxes::PASS,
    standfirsts::PASS,
    teaser_listings::PASS,
    article_tail::PASS,
];

/// The page as the passes see it: the flat DOM, and what each pass found,
/// filled in as they run.
pub(super) struct Page<'a> {
    pub dom: FlatDom<'a>,
    /// Per node: the rule that dropped the subtree rooted there as chrome,
    /// or that kept it against a chrome signal (pass `chrome`).
    pub chrome: Vec<Option<Rule>>,
    /// Per node: its class/id weight in the container scoring (pass `chrome`).
    pub weights: Vec<f32>,
    /// Per node: whether it lies in a dropped chrome subtree (pass `chrome`).
    pub removed: Vec<bool>,
    /// The text blocks, in reading order (pass `blocks`).
    pub blocks: Vec<RawBlock>,
    /// Subtrees kept as the article: the chosen containers and the lede
    /// paragraphs before them, in document order (passes `containers`, `lede`).
    pub roots: Vec<usize>,
    /// Of the roots, the lede paragraphs (pass `lede`).
    pub ledes: Vec<usize>,
    /// The page's own summaries of the article: its description meta tags.
    pub summaries: Vec<&'a str>,
    /// Per block: the rule that keeps or drops it, the last to judge it
    /// (from pass `outside-container` on).
    pub verdicts: Vec<Rule>,
}

impl<'a> Page<'a> {
    /// Runs every pass over a parsed page.
    pub fn extract(doc: &'a scraper::Html) -> Page<'a> {
        let mut page = Page::new(doc);
        for pass in PASSES {
            (pass.run)(&mut page);
        }
        page
    }

    fn new(doc: &'a scraper::Html) -> Page<'a> {
        Page {
            dom: FlatDom::build(doc),
            chrome: Vec::new(),
            weights: Vec::new(),
            removed: Vec::new(),
            blocks: Vec::new(),
            roots: Vec::new(),
            ledes: Vec::new(),
            summaries: summaries(doc),
            verdicts: Vec::new(),
        }
    }

    /// Whether block `i` is kept so far.
    fn is_kept(&self, i: usize) -> bool {
        self.verdicts[i].keeps()
    }

    /// Per block: whether it is kept so far.
    fn kept(&self) -> Vec<bool> {
        self.verdicts.iter().map(|v| v.keeps()).collect()
    }

    /// Non-whitespace chars of the blocks kept so far.
    fn kept_len(&self) -> u32 {
        self.blocks.iter().zip(&self.verdicts).filter(|(_, v)| v.keeps()).map(|(b, _)| b.text_len).sum()
    }
}

/// The `content` of the page's description meta tags (plain, Open Graph, Twitter).
fn summaries(doc: &scraper::Html) -> Vec<&str> {
    static TAGS: std::sync::LazyLock<scraper::Selector> = std::sync::LazyLock::new(|| {
        scraper::Selector::parse(
            "meta[name=description], meta[property=\"og:description\"], meta[name=\"twitter:description\"]",
        )
        .expect("selector")
    });
    doc.select(&TAGS).filter_map(|m| m.value().attribute(&local_name!("content"))).collect()
}

/// Runs the passes on made-up pages and shows what one of them did.
#[cfg(test)]
pub(super) mod testing {
    use super::{Page, PASSES};
    use crate::extract::html::rule::Rule;
    use crate::extract::html::tokenizer::parse_document;

    /// Runs the passes up to and including the one named `last` on `html`,
    /// and hands the page to `check`.
    pub fn after<T>(html: &str, last: &str, check: impl FnOnce(&Page) -> T) -> T {
        let doc = parse_document(html);
        let mut page = Page::new(&doc);
        let upto = PASSES.iter().position(|p| p.name == last).unwrap_or_else(|| panic!("no pass {last}"));
        for pass in &PASSES[..=upto] {
            (pass.run)(&mut page);
        }
        check(&page)
    }

    /// The blocks whose verdict the pass named `name` changes: their text and
    /// the pass's verdict, in reading order.
    pub fn changed_by(html: &str, name: &str) -> Vec<(String, Rule)> {
        let doc = parse_document(html);
        let mut page = Page::new(&doc);
        let at = PASSES.iter().position(|p| p.name == name).unwrap_or_else(|| panic!("no pass {name}"));
        for pass in &PASSES[..at] {
            (pass.run)(&mut page);
        }
        let before = page.verdicts.clone();
        (PASSES[at].run)(&mut page);
        let changed =
            page.blocks.iter().zip(&page.verdicts).enumerate().filter(|(i, (_, v))| before.get(*i) != Some(v));
        changed.map(|(_, (b, v))| (b.text.clone(), *v)).collect()
    }

    #[test]
    fn pass_names_are_unique() {
        for (i, pass) in PASSES.iter().enumerate() {
            assert!(PASSES[..i].iter().all(|p| p.name != pass.name), "{}", pass.name);
        }
    }
}
