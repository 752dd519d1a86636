//! The article's tail: boxes the template appends after the article's body
//! inside the chosen container (author bios, disclaimers, promos, product
//! cards). The body is the deepest box holding most of the kept text; what
//! follows it in a box of another kind is not the article. A following box of
//! the same kind (tag and class) continues the body, as page builders set an
//! article as a row of text widgets. Inside a body written as a run of
//! lines, a box after the last line that holds dropped links (an author box
//! with its tabs, a card) is appended furniture too.

use super::blocks::RawBlock;
use super::dom::{FlatDom, Tag};
use super::scoring::element_children;
use crate::extract::BlockKind;

/// Share of the kept text the body box holds.
const BODY_SHARE: f32 = 0.75;

/// Indices of the kept blocks (`kept[i]`) that follow the body box in a box
/// of another kind, or sit in a box appended to the body's lines that also
/// holds a block dropped for its links (`linked[i]`).
pub fn find(dom: &FlatDom, blocks: &[RawBlock], kept: &[bool], linked: &[bool]) -> Vec<usize> {
    let Some((body, held)) = body_box(dom, blocks, kept) else {
        return Vec::new();
    };
    let body_end = dom.nodes[body].end;
    // Of the boxes appended to the body's lines, those that also hold a
    // block dropped for its links: an author box's tabs and post list, a
    // card's linked title. Appended references, tables and FAQs have none.
    let holds_linked = holds_marked(dom, blocks, linked);
    let appended: Vec<usize> = appended_boxes(dom, body, &held).into_iter().filter(|&a| holds_linked[a]).collect();
    let tails: Vec<(usize, usize)> = (0..blocks.len())
        .filter(|&i| kept[i])
        .filter_map(|i| {
            let owner = blocks[i].owner;
            if owner >= body_end {
                tail_box(dom, body, owner)
                    .filter(|&(tail, beside)| !same_kind(dom, tail, beside))
                    .map(|(tail, _)| (i, tail))
            } else {
                appended.iter().find(|&&a| a <= owner && owner < dom.nodes[a].end).map(|&a| (i, a))
            }
        })
        .collect();
    // A box headed like the body's own sections is a section of the article
    // (a last chapter, an FAQ) that the template set apart; promos and
    // "why trust us" boxes style their headings their own way.
    let body_headings: Vec<usize> = (0..blocks.len())
        .filter(|&i| kept[i] && blocks[i].kind == BlockKind::Heading && (body..body_end).contains(&blocks[i].owner))
        .map(|i| blocks[i].owner)
        .collect();
    let sections: Vec<usize> = tails
        .iter()
        .filter(|&&(i, _)| {
            blocks[i].kind == BlockKind::Heading && body_headings.iter().any(|&h| same_kind(dom, h, blocks[i].owner))
        })
        .map(|&(_, tail)| tail)
        .collect();
    tails.into_iter().filter(|(_, tail)| !sections.contains(tail)).map(|(i, _)| i).collect()
}

/// Share of a body's kept text its own lines (paragraphs, headings, lists
/// that are its children) hold for boxes after its last line to count as
/// appended to it.
const LINES_SHARE: f32 = 0.75;

/// Boxes (`div`, `section`, ...) that a body written as a flat run of lines
/// holds after its last line: plugins append author boxes, share bars and
/// reading lists to the article's text.
fn appended_boxes(dom: &FlatDom, body: usize, held: &[u32]) -> Vec<usize> {
    let children: Vec<usize> = element_children(dom, body).collect();
    let is_box = |c: usize| {
        matches!(dom.nodes[c].tag, Tag::Div | Tag::Section | Tag::Aside | Tag::Form | Tag::OtherBlock | Tag::Article)
    };
    let lines_text: u32 = children.iter().filter(|&&c| !is_box(c)).map(|&c| held[c]).sum();
    if (lines_text as f32) < LINES_SHARE * held[body] as f32 {
        return Vec::new();
    }
    let Some(last_line) = children.iter().rposition(|&c| !is_box(c) && held[c] > 0) else {
        return Vec::new();
    };
    children[last_line + 1..].iter().copied().filter(|&c| held[c] > 0).collect()
}

/// Per node: whether its subtree owns a block marked in `marked`.
fn holds_marked(dom: &FlatDom, blocks: &[RawBlock], marked: &[bool]) -> Vec<bool> {
    let mut holds = vec![false; dom.nodes.len()];
    for (b, _) in blocks.iter().zip(marked).filter(|(_, &m)| m) {
        holds[b.owner] = true;
    }
    for i in (1..dom.nodes.len()).rev() {
        let parent = dom.nodes[i].parent;
        if holds[i] && parent != i {
            holds[parent] = true;
        }
    }
    holds
}

/// The deepest node whose subtree holds [`BODY_SHARE`] of the kept text,
/// with the kept text each node holds.
/// Nodes holding more than half of it are nested in one another, so the
/// deepest is the one latest in document order.
fn body_box(dom: &FlatDom, blocks: &[RawBlock], kept: &[bool]) -> Option<(usize, Vec<u32>)> {
    let mut held = vec![0u32; dom.nodes.len()];
    let mut total = 0u32;
    for (b, _) in blocks.iter().zip(kept).filter(|(_, &k)| k) {
        held[b.owner] += b.text_len;
        total += b.text_len;
    }
    for i in (1..dom.nodes.len()).rev() {
        let parent = dom.nodes[i].parent;
        if parent != i {
            held[parent] += held[i];
        }
    }
    let needed = BODY_SHARE * total as f32;
    let body = (total > 0).then(|| (0..dom.nodes.len()).rev().find(|&i| held[i] as f32 >= needed)).flatten()?;
    Some((body, held))
}

/// For a node after the body box: the ancestor-or-self box that is a
/// sibling of the body's branch, and that branch's node beside it. `None`
/// when the node's own branch is a bare paragraph or heading (the body's
/// next line, not a box).
fn tail_box(dom: &FlatDom, body: usize, owner: usize) -> Option<(usize, usize)> {
    let mut tail = owner;
    for parent in dom.ancestors(owner) {
        if parent < body && body < dom.nodes[parent].end {
            let beside = std::iter::once(body).chain(dom.ancestors(body)).find(|&a| dom.nodes[a].parent == parent)?;
            let bare_line = matches!(dom.nodes[tail].tag, Tag::P | Tag::Heading(_))
                && dom.nodes[tail].element().is_some_and(|e| e.attr("class").is_none());
            return (!bare_line).then_some((tail, beside));
        }
        tail = parent;
    }
    None
}

/// Whether two boxes are of one kind: the same tag and the same class.
fn same_kind(dom: &FlatDom, a: usize, b: usize) -> bool {
    let (x, y) = (&dom.nodes[a], &dom.nodes[b]);
    x.tag == y.tag && x.element().and_then(|e| e.attr("class")) == y.element().and_then(|e| e.attr("class"))
}
