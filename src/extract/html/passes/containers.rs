//! Pass `containers`: the Readability-style choice of the content
//! container. Paragraphs score their ancestors, link-heavy candidates lose,
//! the best one is widened to its parent when that holds comparable
//! content, and qualifying siblings join it.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::html::dom::{Content, FlatDom, Tag};
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "containers", run };

fn run(page: &mut Page) {
    page.roots = choose_containers(&page.dom, &page.blocks, &page.weights);
}

/// How many ancestor levels a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;
/// Paragraphs shorter than this (non-whitespace chars) do not score.
const MIN_SCORING_LEN: u32 = 25;

/// Returns the roots of the subtrees that hold the article, in document
/// order. `weights` are the elements' class/id weights.
fn choose_containers(dom: &FlatDom, blocks: &[RawBlock], weights: &[f32]) -> Vec<usize> {
    let n = dom.nodes.len();
    let mut score: Vec<Option<f32>> = vec![None; n];
    for block in blocks {
        // A `<p>` inside a list item (a course's topic list, a card grid)
        // is a paragraph all the same.
        let is_paragraph = block.kind == BlockKind::Paragraph || dom.nodes[block.owner].tag == Tag::P;
        if !is_paragraph || block.text_len < MIN_SCORING_LEN {
            continue;
        }
        let commas = block.text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count() as f32;
        let chars = block.text.chars().count() as f32;
        let content = 1.0 + commas + (chars / 100.0).floor().min(3.0);
        let mut node = block.owner;
        for level in 0..ANCESTOR_LEVELS {
            let parent = dom.nodes[node].parent;
            if parent == node {
                break;
            }
            node = parent;
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            let s = score[node].get_or_insert_with(|| initial_score(dom.nodes[node].tag) + weights[node]);
            *s += content / divider;
        }
    }
    for (i, s) in score.iter_mut().enumerate() {
        if let Some(s) = s {
            *s *= 1.0 - dom.nodes[i].link_density();
        }
    }
    let best = score
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .filter(|&(i, _)| dom.nodes[i].tag != Tag::Body && i != 0)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((mut top, top_score)) = best else {
        return vec![body_or_root(dom)];
    };
    top = widen_to_shared_ancestor(dom, &score, top, top_score);
    top = climb_to_better_parent(dom, &score, top);
    top = expand_while_net_text_grows(dom, blocks, top);
    // A lone child is the same content as its parent; the parent's siblings
    // are the ones worth checking.
    while !is_body_or_root(dom, dom.nodes[top].parent) && dom.element_children(dom.nodes[top].parent).count() == 1 {
        top = dom.nodes[top].parent;
    }
    let top_score = score[top].unwrap_or(0.0);
    add_siblings(dom, &score, weights, top, top_score)
}

fn initial_score(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Cell | Tag::Blockquote => 3.0,
        Tag::OtherBlock | Tag::List | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        Tag::Heading(_) => -5.0,
        _ => 0.0,
    }
}

fn is_body_or_root(dom: &FlatDom, i: usize) -> bool {
    i == 0 || dom.nodes[i].tag == Tag::Body || dom.nodes[i].parent == i
}

fn body_or_root(dom: &FlatDom) -> usize {
    dom.nodes.iter().position(|n| n.tag == Tag::Body).unwrap_or(0)
}

/// When several near-best candidates share an ancestor with the best one,
/// the article is split over them (e.g. text interrupted by figures or ads):
/// take the ancestor.
fn widen_to_shared_ancestor(dom: &FlatDom, score: &[Option<f32>], top: usize, top_score: f32) -> usize {
    let mut rivals: Vec<usize> = score
        .iter()
        .enumerate()
        .filter(|&(i, s)| i != top && s.is_some_and(|s| s >= 0.75 * top_score) && !is_body_or_root(dom, i))
        .map(|(i, _)| i)
        .collect();
    rivals.sort_by(|a, b| score[*b].unwrap_or(0.0).total_cmp(&score[*a].unwrap_or(0.0)));
    rivals.truncate(5);
    if rivals.len() < 2 {
        return top;
    }
    let mut ancestor = dom.nodes[top].parent;
    while !is_body_or_root(dom, ancestor) {
        let end = dom.nodes[ancestor].end;
        let contained = rivals.iter().filter(|&&r| r > ancestor && r < end).count();
        if contained >= 2 {
            return ancestor;
        }
        ancestor = dom.nodes[ancestor].parent;
    }
    top
}

/// Net article text of each subtree: prose blocks (few links) count their
/// unlinked text; everything else, teasers included, counts against (half
/// its length).
fn net_text(dom: &FlatDom, blocks: &[RawBlock]) -> Vec<f32> {
    let mut net = vec![0.0f32; dom.nodes.len()];
    for b in blocks {
        let prose = b.text_len >= 40 && b.link_len * 4 < b.text_len;
        net[b.owner] += if prose { (b.text_len - b.link_len) as f32 } else { -0.5 * b.text_len as f32 };
    }
    for i in (1..dom.nodes.len()).rev() {
        let parent = dom.nodes[i].parent;
        net[parent] += net[i];
    }
    net
}

/// Articles split over several sections (chapters, rich-text widgets) score
/// each part separately; widen to the ancestor that holds more net text, but
/// not past an `<article>` or `<main>`: what lies outside the page's marked
/// article (a carousel of testimonials, a comment thread) is not its text,
/// however much prose it holds.
fn expand_while_net_text_grows(dom: &FlatDom, blocks: &[RawBlock], mut top: usize) -> usize {
    let net = net_text(dom, blocks);
    let mut node = top;
    while !matches!(dom.nodes[node].tag, Tag::Article | Tag::Main) {
        let parent = dom.nodes[node].parent;
        if is_body_or_root(dom, parent) {
            break;
        }
        if net[parent] > net[top] * 1.1 + 50.0 {
            top = parent;
        }
        node = parent;
    }
    top
}

/// Readability's walk up: a scored parent that out-scores the best candidate
/// holds more of the article.
fn climb_to_better_parent(dom: &FlatDom, score: &[Option<f32>], top: usize) -> usize {
    let mut last = score[top].unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = dom.nodes[top].parent;
    while !is_body_or_root(dom, parent) {
        if let Some(s) = score[parent] {
            if s < threshold {
                break;
            }
            if s > last {
                return parent;
            }
            last = s;
        }
        parent = dom.nodes[parent].parent;
    }
    top
}

fn add_siblings(dom: &FlatDom, score: &[Option<f32>], weights: &[f32], top: usize, top_score: f32) -> Vec<usize> {
    let parent = dom.nodes[top].parent;
    if is_body_or_root(dom, top) || parent == top {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let mut chosen = Vec::new();
    for sib in dom.element_children(parent) {
        if sib == top {
            chosen.push(sib);
            continue;
        }
        let bonus = if weights[sib] > 0.0 && weights[sib] == weights[top] { top_score * 0.2 } else { 0.0 };
        let node = &dom.nodes[sib];
        let keep =
            score[sib].is_some_and(|s| s + bonus >= threshold) || (node.tag == Tag::P && is_prose_paragraph(dom, sib));
        if keep {
            chosen.push(sib);
        }
    }
    chosen
}

/// A sibling paragraph that reads like article text.
pub(super) fn is_prose_paragraph(dom: &FlatDom, p: usize) -> bool {
    let node = &dom.nodes[p];
    let density = node.link_density();
    let len = node.text_len;
    if len > 80 {
        return density < 0.25;
    }
    if density > 0.0 || len == 0 {
        return false;
    }
    // Short paragraphs count when they end a sentence.
    let last_text = dom.nodes[p..node.end].iter().rev().find_map(|n| match n.content {
        Content::Text(t) if !t.trim().is_empty() => Some(t.trim_end()),
        _ => None,
    });
    last_text.is_some_and(|t| t.ends_with(['.', '!', '?', '"', '”', '»', '。']))
}

#[cfg(test)]
mod tests {

    use crate::extract::html::passes::testing::after;
    use crate::extract::html::testing::{texts, P1, P2, P3};

    #[test]
    fn chosen_container_is_the_text_dense_one() {
        let sidebar_text = "<div class=\"col\"><p>Short promo.</p><p>Another short line.</p></div>";
        let html = format!(
            "<html><body>{sidebar_text}<div class=\"col\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn prose_outside_the_pages_article_element_does_not_widen_the_container() {
        let review = |i: usize| {
            format!(
                "<div class=\"testimonial\"><div class=\"testimonial-quote\"><p>Review {i}: the staff were friendly and quick, the rooms were clean, \
                 and the doctor took the time to answer every one of our questions.</p></div><div class=\"testimonial-name\">Parent {i}</div></div>"
            )
        };
        let reviews: String = (0..8).map(review).collect();
        let html = format!(
            "<html><body><div class=\"site\"><main><article><h1>Talks</h1><div class=\"entry-content\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article></main>\
             <div class=\"carousel\">{reviews}</div></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn paragraphs_inside_list_items_choose_the_container() {
        let html = format!(
            "<html><body><div class=\"col-md-8\"><h1>What is a smartphone?</h1><p>This course will teach you what a smartphone is and how to use one.</p></div>\
             <ul class=\"topics\"><li class=\"activity\"><div class=\"panel-body\"><p>{P1} {P2} {P3}</p></div></li><li class=\"activity\"><h2>Activities</h2></li></ul></body></html>"
        );
        assert!(texts(&html).contains(&format!("{P1} {P2} {P3}")), "{:?}", texts(&html));
    }

    /// The roots the pass chooses, by tag and class or id.
    fn roots(html: &str) -> Vec<String> {
        let label = |d: String| d.split_once(' ').map_or(String::new(), |(_, l)| l.to_string());
        after(html, "containers", |p| p.roots.iter().map(|&r| label(p.dom.describe(r))).collect())
    }

    #[test]
    fn the_box_of_paragraphs_is_chosen_with_its_prose_siblings() {
        let html = format!(
            "<html><body><div class=\"col\"><p>Short promo.</p></div><div id=\"body\"><p>{P1}</p><p>{P2}</p></div><p>{P3}</p></body></html>"
        );
        assert_eq!(roots(&html), ["<div#body>", "<p>"]);
    }

    #[test]
    fn an_article_split_by_a_figure_is_chosen_whole() {
        let html = format!(
            "<html><body><div class=\"menu-col\"><p>Home</p></div><div id=\"story\"><div><p>{P1}</p><p>{P2}</p></div>\
             <figure><img src=\"a.jpg\"></figure><div><p>{P3}</p><p>{P1}</p></div></div></body></html>"
        );
        assert_eq!(roots(&html), ["<div#story>"]);
    }

    #[test]
    fn a_page_without_paragraphs_keeps_its_body() {
        assert_eq!(roots("<html><body><span>Floods</span></body></html>"), ["<body>"]);
    }
}
