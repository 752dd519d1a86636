//! Pass `article-tail`: drops the article's tail, boxes the template appends after the article's body
//! inside the chosen container (author bios, disclaimers, promos, product
//! cards). The body is the deepest box holding most of the kept text; what
//! follows it in a box of another kind is not the article. A following box of
//! the same kind (tag and class) continues the body, as page builders set an
//! article as a row of text widgets. Inside a body written as a run of
//! lines, a box after the last line that holds dropped links (an author box
//! with its tabs, a card) is appended furniture too.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::attribute::AttributeByName;
use crate::extract::html::dom::{FlatDom, Tag};
use crate::extract::html::rule::Rule;
use crate::extract::BlockKind;
use html5ever::local_name;

pub(super) const PASS: Pass = Pass { name: "article-tail", run };

fn run(page: &mut Page) {
    let linked: Vec<bool> =
        page.verdicts.iter().map(|v| matches!(v, Rule::LinkHeavyBox | Rule::LinkHeavyLine)).collect();
    for i in find(&page.dom, &page.blocks, &page.kept(), &linked) {
        page.verdicts[i] = Rule::ArticleTail;
    }
}

/// Share of the kept text the body box holds.
const BODY_SHARE: f32 = 0.75;

/// Indices of the kept blocks (`kept[i]`) that follow the body box in a box
/// of another kind, or sit in a box appended to the body's lines that also
/// holds a block dropped for its links (`linked[i]`).
fn find(dom: &FlatDom, blocks: &[RawBlock], kept: &[bool], linked: &[bool]) -> Vec<usize> {
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
    let children: Vec<usize> = dom.element_children(body).collect();
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
                && dom.nodes[tail].element().is_some_and(|e| e.attribute(&local_name!("class")).is_none());
            return (!bare_line).then_some((tail, beside));
        }
        tail = parent;
    }
    None
}

/// Whether two boxes are of one kind: the same tag and the same class.
fn same_kind(dom: &FlatDom, a: usize, b: usize) -> bool {
    let (x, y) = (&dom.nodes[a], &dom.nodes[b]);
    x.tag == y.tag && x.attribute(&local_name!("class")) == y.attribute(&local_name!("class"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::explain_html;
    use crate::extract::html::passes::testing::{after, changed_by};
    use crate::extract::html::testing::{texts, P1, P2, P3};

    #[test]
    fn boxes_after_the_article_body_are_dropped_unless_they_continue_it() {
        let body = format!("<div class=\"entry-content\"><p>{P1}</p><h2>Reactions</h2><p>{P2}</p><p>{P3}</p></div>");
        let bio = "<div class=\"writer-note\"><p>Irene is an experienced writer with five years' experience in the Tech, E-commerce, and Food niches.</p></div>";
        let html = format!("<html><body><article><h1>Talks</h1>{body}{bio}</article></body></html>");
        assert_eq!(texts(&html), vec![P1, "Reactions", P2, P3]);
        assert!(explain_html(&html, None).lines().any(|l| l.starts_with("drop article-tail") && l.contains("Irene")));
        // A second text widget, or a section headed like the body's, continues it.
        let widget = format!("<div class=\"entry-content\"><p>{P1}</p></div>");
        let continued = format!("<html><body><article><h1>Talks</h1>{body}{widget}</article></body></html>");
        assert_eq!(texts(&continued).len(), 5);
        let faq = "<section class=\"faq\"><h2>Reactions</h2><p>Most of the delegates welcomed the outcome of the talks.</p></section>";
        let headed = format!("<html><body><article><h1>Talks</h1>{body}{faq}</article></body></html>");
        assert_eq!(texts(&headed).len(), 6);
    }

    #[test]
    fn an_author_box_appended_to_the_body_lines_is_dropped() {
        let author_box = "<div class=\"abh_box\"><ul><li><a href=\"#about\">Author</a></li><li><a href=\"#posts\">Recent Posts</a></li></ul>\
            <div class=\"abh_text\"><p>Autumn founded Ambuja Yoga in 2014 to share her love of adventure, yoga, and travel with her fellow yogis.</p></div></div>";
        let html = format!("<html><body><article><h1>Talks</h1><div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>{author_box}</div></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, P3]);
        // An appended box without dropped links (references, a table) stays.
        let refs = "<div class=\"refs\"><p>Carriero et al., Procedural Knowledge Ontology, Section 1 (Introduction), 2024.</p></div>";
        let html = format!("<html><body><article><h1>Talks</h1><div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>{refs}</div></article></body></html>");
        assert_eq!(texts(&html).len(), 4);
    }

    const IRENE: &str =
        "Irene is an experienced writer with five years' experience in the Tech, E-commerce, and Food niches.";

    #[test]
    fn boxes_after_the_body_box_and_appended_to_its_lines_are_its_tail() {
        let after_body = format!(
            "<html><body><article><div class=\"entry-content\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             <div class=\"note\"><p>{IRENE}</p></div></article></body></html>"
        );
        assert_eq!(changed_by(&after_body, "article-tail"), [(IRENE.to_string(), Rule::ArticleTail)]);
        // In a body of lines, an appended box is tail only when it holds
        // links the passes dropped (an author box's tabs).
        let appended = |tabs: &str| {
            format!(
                "<html><body><article><div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>\
                 <div class=\"box\">{tabs}<p>{IRENE}</p></div></div></article></body></html>"
            )
        };
        let tabs = "<p><a href=\"/about\">About the author</a> <a href=\"/posts\">Recent posts</a></p>";
        assert_eq!(changed_by(&appended(tabs), "article-tail").len(), 1);
        assert!(changed_by(&appended(""), "article-tail").is_empty());
        // The body box is the deepest one holding most of the kept text.
        let body = after(&after_body, "article-tail", |p| {
            let kept = p.kept();
            body_box(&p.dom, &p.blocks, &kept).map(|(b, _)| p.dom.describe(b))
        });
        assert!(body.as_deref().is_some_and(|b| b.ends_with("<div.entry-content>")), "{body:?}");
    }
}
