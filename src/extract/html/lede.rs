//! The lede: intro paragraphs between the page's headline and the chosen
//! content container. Templates often put the standfirst and the first
//! paragraphs in the headline's box, apart from the body's box, so the
//! container scoring leaves them out although they open the article.

use super::blocks::RawBlock;
use super::dom::{FlatDom, Tag};
use super::scoring::is_prose_paragraph;
use crate::extract::BlockKind;

/// Fewest paragraphs that make a lede: a lone sentence between headline and
/// body is mostly a standfirst, a photo caption or a promo, which benchmarks
/// and readers leave out; an intro of several paragraphs is the article's.
const MIN_LEDE_PARAGRAPHS: usize = 2;

/// Owners of the prose paragraphs that follow the last `<h1>` before the
/// first container and precede the container, in document order. Without
/// such a headline there is no lede to recover.
pub fn find(dom: &FlatDom, blocks: &[RawBlock], roots: &[usize]) -> Vec<usize> {
    let Some(&first_root) = roots.iter().min() else {
        return Vec::new();
    };
    let Some(headline) =
        (0..first_root).rev().find(|&i| dom.nodes[i].tag == Tag::Heading(1) && dom.nodes[i].end <= first_root)
    else {
        return Vec::new();
    };
    let after_headline = dom.nodes[headline].end;
    let ledes: Vec<usize> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && b.owner >= after_headline && dom.nodes[b.owner].end <= first_root)
        // The owner holds this block's text only, so keeping its subtree
        // keeps nothing else.
        .filter(|b| dom.nodes[b.owner].text_len == b.text_len)
        .filter(|b| is_prose_paragraph(dom, b.owner) && !in_form(dom, b.owner, after_headline))
        .map(|b| b.owner)
        .collect();
    if ledes.len() < MIN_LEDE_PARAGRAPHS {
        return Vec::new();
    }
    ledes
}

/// Whether node `i` sits inside a `<form>` that opens at or after `from`:
/// form help texts read like sentences but are not the article's.
fn in_form(dom: &FlatDom, i: usize, from: usize) -> bool {
    std::iter::once(i).chain(dom.ancestors(i)).take_while(|&a| a >= from).any(|a| dom.nodes[a].tag == Tag::Form)
}
