//! Pass `link-boxes`: drops the blocks of link-heavy boxes inside the
//! article's roots (related stories, tag clouds, pagers, teaser cards),
//! but keeps link lists the text introduces and lists that annotate their
//! links.

use super::chrome::MIN_FLOW_PARAGRAPH_LEN;
use super::{Page, Pass};
use crate::extract::html::dom::{self, FlatDom, Tag};
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::headings;
use html5ever::local_name;
use std::ops::Range;

pub(super) const PASS: Pass = Pass { name: "link-boxes", run };

fn run(page: &mut Page) {
    let (junk, spared) = mark_junk_containers(&page.dom, &page.roots);
    for (b, verdict) in page.blocks.iter().zip(page.verdicts.iter_mut()) {
        if !verdict.keeps() {
            continue;
        }
        if junk[b.owner] {
            *verdict = Rule::LinkHeavyBox;
        } else if let Some((_, rule)) = spared.iter().find(|(nodes, _)| nodes.contains(&b.owner)) {
            *verdict = *rule;
        }
    }
}

/// Share of a box's text, above which its links make it a link list or a
/// link-heavy box. Lists of the article's own (references, gear lists, course
/// lists) link a title or a product in most items and leave the rest plain,
/// so they can run well over half linked; menus and related-story boxes are
/// next to all links.
const MAX_BOX_LINK_DENSITY: f32 = 0.65;

/// Link density above which a list is looked at as a link list the text
/// may introduce.
const MIN_LINK_LIST_DENSITY: f32 = 0.5;

/// Inside the chosen containers, marks link lists and link-heavy boxes
/// (related stories, tag clouds, pagers), and returns with them the node
/// ranges of the link-dense lists kept, with the rule that kept each.
fn mark_junk_containers(dom: &FlatDom, roots: &[usize]) -> (Vec<bool>, Vec<(Range<usize>, Rule)>) {
    let n = dom.nodes.len();
    let mut junk = vec![false; n];
    let mut spared = Vec::new();
    // Lists the text introduces are the article's, and their links do not
    // count toward the boxes that hold them.
    let mut introduced = vec![false; n];
    let mut introduced_len = vec![(0u32, 0u32); n];
    for &root in roots {
        let mut i = root + 1;
        while i < dom.nodes[root].end {
            let node = &dom.nodes[i];
            if node.tag == Tag::List && node.link_density() > MIN_LINK_LIST_DENSITY && is_introduced_list(dom, i, root)
            {
                introduced[i..node.end].fill(true);
                spared.push((i..node.end, Rule::IntroducedList));
                for a in dom.ancestors(i).take_while(|&a| a >= root) {
                    introduced_len[a].0 += node.text_len;
                    introduced_len[a].1 += node.link_len;
                }
                i = node.end.max(i + 1);
            } else {
                i += 1;
            }
        }
    }
    for &root in roots {
        for i in root + 1..dom.nodes[root].end {
            let node = &dom.nodes[i];
            if junk[node.parent] {
                junk[i] = true;
                continue;
            }
            if introduced[i] {
                continue;
            }
            let is_box = matches!(
                node.tag,
                Tag::List | Tag::Div | Tag::Section | Tag::Table | Tag::Form | Tag::Figure | Tag::OtherBlock
            );
            let (text_len, link_len) =
                (node.text_len.saturating_sub(introduced_len[i].0), node.link_len.saturating_sub(introduced_len[i].1));
            let link_dense = text_len > 0 && link_len as f32 > MAX_BOX_LINK_DENSITY * text_len as f32;
            let annotated = link_dense && node.tag == Tag::List && holds_annotated_items(dom, i);
            junk[i] = is_box && node.text_len > 0 && ((link_dense && !annotated) || is_teaser(dom, i));
            if annotated && !junk[i] {
                spared.push((i..node.end, Rule::AnnotatedList));
            }
        }
    }
    (junk, spared)
}

/// Fewest words of a sentence that introduces the list after it: a bare
/// label ("Read more:", "See also:") is shorter.
const MIN_INTRODUCING_WORDS: usize = 4;

/// How many nodes back, in document order, the text before a list is
/// looked for (closing wrappers and whitespace lie between).
const MAX_INTRODUCTION_LOOKBACK: usize = 12;

/// Whether the list at `i`, inside the container `root`, is one the text
/// introduces, by an unlinked line ending with a colon that is not an
/// offer of more stories ("You might also like:"), and either:
/// - the line is a sentence ("Many patches were sent for review:"): the
///   writer enumerates what the article is about, however linked its items;
/// - or it is a bare label ("Also read:") and the list stands between the
///   article's paragraphs ([`is_list_in_flow`]): the writer points to
///   further reading in the flow of the text.
///
/// Related-story and tag lists follow a heading, or a label after the
/// article's last paragraph.
fn is_introduced_list(dom: &FlatDom, i: usize, root: usize) -> bool {
    list_label(dom, i).is_some_and(|label| {
        !headings::mentions_related_stories(label)
            && (label.split_whitespace().count() >= MIN_INTRODUCING_WORDS || is_list_in_flow(dom, i, root))
    })
}

/// The unlinked paragraph line ending with a colon right before the list
/// at `i`, if any: a sentence or a label that introduces the list.
fn list_label<'d>(dom: &FlatDom<'d>, i: usize) -> Option<&'d str> {
    // The preorder array holds what comes before `i` in document order.
    let prev = (i.saturating_sub(MAX_INTRODUCTION_LOOKBACK)..i)
        .rev()
        .find(|&j| dom.nodes[j].element().is_none() && dom.nodes[j].text_len > 0)?;
    let dom::Content::Text(text) = dom.nodes[prev].content else {
        return None;
    };
    // Emphasis may stand between the label and its paragraph
    // ("<p><strong>Suggested reading:</strong></p>"); a link may not.
    let holder = &dom.nodes[dom.ancestors(prev).find(|&a| dom.nodes[a].tag != Tag::Inline)?];
    (holder.tag == Tag::P && holder.link_len == 0 && text.trim_end().ends_with(':')).then_some(text)
}

/// Whether the list at `i` stands between the article's paragraphs in the
/// container `root`, and leaves the page: a table of contents' links stay on
/// it.
fn is_list_in_flow(dom: &FlatDom, i: usize, root: usize) -> bool {
    let is_prose = |p: &dom::Node| p.tag == Tag::P && p.text_len >= MIN_FLOW_PARAGRAPH_LEN && p.link_density() < 0.25;
    !links_within_page(dom, i)
        && dom.nodes[root + 1..i].iter().any(is_prose)
        && dom.nodes[dom.nodes[i].end..dom.nodes[root].end].iter().any(is_prose)
}

/// Whether every link in the subtree at `i` points into the page itself
/// (`href="#..."`), as a table of contents' links do.
fn links_within_page(dom: &FlatDom, i: usize) -> bool {
    dom.nodes[i..dom.nodes[i].end]
        .iter()
        .filter(|n| n.tag == Tag::A)
        .all(|n| n.attribute(&local_name!("href")).is_some_and(|href| href.starts_with('#')))
}

/// Unlinked text per item, on average, above which a link-dense list is an
/// annotated list (citations, picks with notes), not a list of links.
const MIN_ANNOTATION_LEN: u32 = 40;

/// Whether the list at `i` carries, besides its links, about a sentence of
/// unlinked text per item: references and annotated picks are the article's,
/// while related-story and tag lists are bare links.
fn holds_annotated_items(dom: &FlatDom, i: usize) -> bool {
    let node = &dom.nodes[i];
    let items = dom.element_children(i).filter(|&c| dom.nodes[c].tag == Tag::Li).count() as u32;
    items > 0 && node.text_len.saturating_sub(node.link_len) >= MIN_ANNOTATION_LEN * items
}

/// Most text a teaser card holds; one whose excerpt is cut off ("...")
/// may hold more, and fewer links.
const MAX_TEASER_LEN: u32 = 400;
const MAX_CUT_TEASER_LEN: u32 = 800;

/// A teaser card: a linked headline plus a short excerpt, too little text
/// for a section of the article.
fn is_teaser(dom: &FlatDom, i: usize) -> bool {
    let node = &dom.nodes[i];
    if node.text_len >= MAX_CUT_TEASER_LEN {
        return false;
    }
    // A cut-off excerpt marks a teaser even when it outweighs the links.
    if (node.text_len >= MAX_TEASER_LEN || node.link_density() < 0.25) && !holds_cut_excerpt(dom, i) {
        return false;
    }
    let mut j = i + 1;
    while j < node.end {
        let inner = &dom.nodes[j];
        if matches!(inner.tag, Tag::Heading(_)) {
            // Cards link the headline either inside (`h5 > a`) or around it (`a > h5`).
            let linked = inner.link_density() >= 0.8 || dom.nodes[inner.parent].tag == Tag::A;
            return inner.text_len > 0 && linked;
        }
        j += 1;
    }
    false
}

/// Whether the subtree at `i` holds a sentence cut off with an ellipsis, as
/// listings cut the excerpt of the story they link to.
fn holds_cut_excerpt(dom: &FlatDom, i: usize) -> bool {
    dom.nodes[i..dom.nodes[i].end].iter().any(|n| match n.content {
        dom::Content::Text(t) => {
            let t = t.trim_end();
            n.text_len >= 60 && (t.ends_with("...") || t.ends_with('…'))
        }
        dom::Content::Element(_) => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{page, texts, P1, P2, P3};

    #[test]
    fn reference_lists_with_linked_titles_are_kept() {
        let refs = "<h2>References</h2><ul>\
            <li>Black LI, Barnes PM. <a href=\"/a\">Use of yoga, meditation, and chiropractors among U.S. adults aged 18 and over</a>. NCHS Data Brief. 2018;(325):1-8.</li>\
            <li>Creswell JD. <a href=\"/b\">Mindfulness interventions in the treatment of chronic pain and depression</a>. Annual Review of Psychology. 2017;68:491-516.</li></ul>";
        let got = texts(&page("", refs, ""));
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(got[3].starts_with("Black LI, Barnes PM. Use of yoga"), "{got:?}");
    }

    #[test]
    fn link_lists_the_text_introduces_are_kept() {
        let section = "<div class=\"sect1\"><h2>GCC patches status</h2><p>Many patches were sent for review:</p><ul>\
            <li><p><a href=\"/pulls/97\">libgccjit: Make is_same_type_as() supporting floating point types</a></p></li>\
            <li><p><a href=\"/pulls/98\">libgccjit: Allow casts between integers and pointers</a></p></li>\
            <li><p><a href=\"/pulls/99\">libgccjit: Add support for the weak variable attribute</a></p></li></ul></div>";
        let got = texts(&page("", section, ""));
        assert_eq!(
            got[2..6],
            [
                "GCC patches status",
                "Many patches were sent for review:",
                "libgccjit: Make is_same_type_as() supporting floating point types",
                "libgccjit: Allow casts between integers and pointers"
            ],
            "{got:?}"
        );
        // A bare label does not introduce the article's own list after its
        // last paragraph, nor, anywhere, does an offer of more stories.
        let see_also = section.replace("Many patches were sent for review:", "See also:");
        let closing = format!("<html><body><article><h1>Talks reach decisive stage</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>{see_also}</article></body></html>");
        assert_eq!(texts(&closing), vec![P1, P2, P3]);
        let offer =
            section.replace("Many patches were sent for review:", "If you liked this post you might also like:");
        assert_eq!(texts(&page("", &offer, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn labelled_link_lists_between_the_articles_paragraphs_are_kept() {
        let list = |label: &str, href: &str| {
            format!("<p><strong>{label}</strong></p><ul><li><a href=\"{href}1\">How to pick a platform for your first site</a></li><li><a href=\"{href}2\">Five habits of designers who sell their work</a></li></ul>")
        };
        let got = texts(&page("", &list("Suggested reading:", "/blog/"), ""));
        assert!(got.contains(&"How to pick a platform for your first site".to_string()), "{got:?}");
        // After the article's last paragraph, the list closes the article.
        let closing = format!(
            "<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{}</article></body></html>",
            list("Suggested reading:", "/blog/")
        );
        assert!(!texts(&closing).contains(&"How to pick a platform for your first site".to_string()));
        // A table of contents and an offer of more stories are not the text.
        for (label, href) in [("In this article:", "#part-"), ("You might also like:", "/blog/")] {
            let got = texts(&page("", &list(label, href), ""));
            assert!(!got.contains(&"How to pick a platform for your first site".to_string()), "{got:?}");
        }
    }

    #[test]
    fn link_lists_without_a_class_are_dropped() {
        let links = "<ul><li><a href=\"/a\">Minister resigns after a long and bitter dispute over the budget</a></li><li><a href=\"/b\">Markets rally, with stocks at a record high</a></li></ul>";
        assert_eq!(texts(&page("", links, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn teaser_cards_with_linked_headlines_are_dropped() {
        let teaser = |title: &str, excerpt: &str| {
            format!("<div class=\"row\"><h5><a href=\"/x\">{title}</a></h5><p>{excerpt}</p></div>")
        };
        let inside = format!(
            "<div class=\"more\">{}{}</div>",
            teaser("Aston Martin reveals its first SUV", "The DBX has 550 horsepower and a V8."),
            teaser("All-new Sentra is what we really want", "Will we call it the Sylphy?")
        );
        assert_eq!(texts(&page("", &inside, "")), vec![P1, P2, P3]);
        let long_excerpt = format!("{P1} {P2} {P3} Not every indicator is perfect, but wages are rising ...");
        let cut = format!(
            "<div class=\"more\">{}{}</div>",
            teaser("Paul Krugman: Always Wrong", &long_excerpt),
            teaser("Who Owns FedEx?", &long_excerpt)
        );
        assert_eq!(texts(&page("", &cut, "")), vec![P1, P2, P3]);
        let wrapped = inside.replace("<h5><a href=\"/x\">", "<a href=\"/x\"><h5>").replace("</a></h5>", "</h5></a>");
        assert_eq!(texts(&page("", &wrapped, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn lists_linking_most_of_each_item_are_kept_until_links_are_all_they_hold() {
        let list = |items: &[(&str, &str)]| {
            let items: String = items
                .iter()
                .map(|(linked, plain)| format!("<li><a href=\"/gear\">{linked}</a> {plain}</li>"))
                .collect();
            format!("<ul>{items}</ul>")
        };
        // 57% of the text linked: a packing list that links each product.
        let packing = list(&[
            ("Tent footprint", "and stakes"),
            ("Sleeping pad", "patch kit"),
            ("Headlamp", "batteries"),
            ("Water filter", "bottles"),
        ]);
        assert_eq!(texts(&page("", &packing, "")).len(), 7);
        // 73% linked: links with a word beside each are a link box.
        let links = list(&[
            ("Tent footprint", "stakes"),
            ("Sleeping pad", "kit"),
            ("Headlamp", "cord"),
            ("Water filter", "jug"),
        ]);
        assert_eq!(texts(&page("", &links, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn link_lists_are_dropped_unless_introduced_or_annotated() {
        let links = "<ul><li><a href=\"/a\">Minister resigns after a long dispute</a></li><li><a href=\"/b\">Markets rally to a record</a></li></ul>";
        let introduced = format!("<p>Many patches were sent for review:</p>{links}");
        // Two thirds linked, and a reference's worth of plain text per item.
        let annotated = "<ul><li><a href=\"/a\">Use of yoga, meditation and chiropractors among adults in the United States aged eighteen years and over</a> \
            Black LI and Barnes PM. NCHS Data Brief 325, May 2018.</li><li><a href=\"/b\">Mindfulness interventions in the treatment of chronic pain \
            and of depression in adults, a systematic review</a> Creswell JD. Annual Review of Psychology 68, 2017.</li></ul>";
        let html = page("", &format!("{links}{introduced}{annotated}"), "");
        let judged: Vec<Rule> = changed_by(&html, "link-boxes").into_iter().map(|(_, rule)| rule).collect();
        assert_eq!(
            judged,
            [
                Rule::LinkHeavyBox,
                Rule::LinkHeavyBox,
                Rule::IntroducedList,
                Rule::IntroducedList,
                Rule::AnnotatedList,
                Rule::AnnotatedList
            ]
        );
    }
}
