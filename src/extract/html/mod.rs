//! Article extraction from HTML.
//!
//! One parse, then linear passes over a flat copy of the DOM ([`dom`]):
//! 1. drop page chrome by tag, ARIA role and class/id vocabulary ([`vocab`]),
//!    unless the element holds most of the page's paragraph text;
//! 2. split the rest into text blocks ([`blocks`]);
//! 3. score paragraphs into their ancestors and pick the content container
//!    plus qualifying siblings ([`scoring`]);
//! 4. inside it, drop link-heavy containers and boilerplate lines.

mod blocks;
mod dom;
mod scoring;
mod vocab;

use super::{metadata, Article, Block, BlockKind};
use blocks::RawBlock;
use dom::{FlatDom, Tag};
use vocab::Signal;

/// Parses `html` once and returns its article: metadata plus body blocks.
/// `page_url` is where the page was fetched from, if known.
pub fn extract_html(html: &str, page_url: Option<&str>) -> Article {
    let doc = scraper::Html::parse_document(html);
    let meta = metadata::extract_metadata(&doc, page_url);
    Article {
        title: meta.title,
        byline: meta.byline,
        published_at: meta.published_at,
        site_name: meta.site_name,
        url: meta.url,
        language: meta.language,
        blocks: extract_blocks(&doc),
    }
}

/// Share of the page's `<p>` text above which an element is the article
/// itself, whatever its class says.
const MAIN_TEXT_SHARE: f32 = 0.5;

fn extract_blocks(doc: &scraper::Html) -> Vec<Block> {
    let mut dom = FlatDom::build(doc);
    let (removed, weights) = mark_chrome(&dom);
    dom.compute_stats(&removed);
    let raw = blocks::collect(&dom, &removed);
    let roots = scoring::choose_containers(&dom, &raw, &weights);
    let junk = mark_junk_containers(&dom, &roots);
    raw.into_iter()
        .filter(|b| roots.iter().any(|&r| b.owner >= r && b.owner < dom.nodes[r].end))
        .filter(|b| !junk[b.owner] && keeps_block(b))
        .filter(|b| dom.nodes[b.owner].tag != Tag::Heading(1))
        .map(|b| Block { kind: b.kind, text: b.text })
        .collect()
}

/// Marks chrome subtrees (top-down, so a mark covers all descendants) and
/// returns them with each element's class/id weight for scoring.
fn mark_chrome(dom: &FlatDom) -> (Vec<bool>, scoring::Weights) {
    let n = dom.nodes.len();
    let mut removed = vec![false; n];
    let mut weights = vec![0.0f32; n];
    let total_p = dom.nodes.first().map_or(0, |r| r.p_text_len) as f32;
    for i in 1..n {
        let node = &dom.nodes[i];
        if removed[node.parent] {
            removed[i] = true;
            continue;
        }
        let Some(el) = node.element() else { continue };
        let signal = vocab::classify(&vocab::class_and_id(el));
        weights[i] = match signal {
            Signal::StrongChrome | Signal::Chrome => -25.0,
            Signal::Content => 25.0,
            Signal::Neutral => 0.0,
        };
        let is_chrome = match node.tag {
            Tag::Body | Tag::Article | Tag::Main | Tag::P | Tag::Heading(_) => false,
            Tag::Nav | Tag::Aside | Tag::Header | Tag::Footer => true,
            _ => match signal {
                Signal::StrongChrome => true,
                Signal::Chrome => !holds_prose(node),
                _ => vocab::is_chrome_role(el),
            },
        // Collapsed accordions and tabs hide article paragraphs too; hidden
        // metadata and menus have none.
        } || (vocab::is_hidden(el) && node.p_text_len < 300);
        let holds_main_text = total_p > 0.0 && node.p_text_len as f32 >= MAIN_TEXT_SHARE * total_p;
        removed[i] = is_chrome && !holds_main_text;
    }
    (removed, weights)
}

/// Whether an element holds a body of unlinked text, which outweighs a weak
/// chrome signal.
fn holds_prose(node: &dom::Node) -> bool {
    node.text_len >= 300 && node.link_density() < 0.3
}

/// Inside the chosen containers, marks link lists and link-heavy boxes
/// (related stories, tag clouds, pagers).
fn mark_junk_containers(dom: &FlatDom, roots: &[usize]) -> Vec<bool> {
    let mut junk = vec![false; dom.nodes.len()];
    for &root in roots {
        for i in root + 1..dom.nodes[root].end {
            let node = &dom.nodes[i];
            if junk[node.parent] {
                junk[i] = true;
                continue;
            }
            let limit = match node.tag {
                Tag::List => 0.5,
                Tag::Div | Tag::Section | Tag::Table | Tag::Form | Tag::Figure | Tag::OtherBlock => 0.5,
                _ => continue,
            };
            junk[i] = node.text_len > 0 && node.link_density() > limit;
        }
    }
    junk
}

/// Per-block checks: link-only lines and furniture phrases go.
fn keeps_block(b: &RawBlock) -> bool {
    let density = if b.text_len == 0 { 1.0 } else { b.link_len as f32 / b.text_len as f32 };
    if density > 0.5 {
        return false;
    }
    !(b.kind != BlockKind::Heading && vocab::is_boilerplate(&b.text))
}
