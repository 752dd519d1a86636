//! Pass `teaser-listings`: drops teaser listings, a row of sibling cards of one kind, each a linked title
//! followed by a short excerpt ("more from", "latest posts", a category
//! feed under the article). Cards with a long excerpt outweigh their links
//! and pass the link-density checks one by one; as a row of look-alike
//! boxes that each open with a link they are a listing, not the article.

use super::blocks::RawBlock;
use super::{Page, Pass};
use crate::extract::html::dom::{FlatDom, Tag};
use crate::extract::html::rule::Rule;
use crate::extract::BlockKind;
use html5ever::local_name;

pub(super) const PASS: Pass = Pass { name: "teaser-listings", run };

fn run(page: &mut Page) {
    for i in find(&page.dom, &page.blocks, &page.kept()) {
        page.verdicts[i] = Rule::TeaserListing;
    }
}

/// Most text a card holds, in non-whitespace chars: a title, a category,
/// a date and an excerpt of a few sentences.
const MAX_CARD_LEN: u32 = 800;

/// Fewest cards of one kind side by side that make a listing.
const MIN_CARDS: usize = 3;

/// Least paragraph text, in non-whitespace chars, of the article that a
/// listing follows.
const MIN_ARTICLE_LEN: u32 = 500;

/// Share of the kept text above which a row of cards is the article itself
/// (a roundup whose entries link the things they review).
const MAX_LISTING_SHARE: f32 = 0.5;

/// Indices of the kept blocks (`kept[i]`) that sit in the cards of a teaser
/// listing.
fn find(dom: &FlatDom, blocks: &[RawBlock], kept: &[bool]) -> Vec<usize> {
    // Block indices by owner, so a subtree's blocks are one slice.
    let mut by_owner: Vec<(usize, usize)> = blocks.iter().enumerate().map(|(i, b)| (b.owner, i)).collect();
    by_owner.sort_unstable();
    let in_subtree = |n: usize| -> Vec<usize> {
        let from = by_owner.partition_point(|&(o, _)| o < n);
        let to = by_owner.partition_point(|&(o, _)| o < dom.nodes[n].end);
        let mut inside: Vec<usize> = by_owner[from..to].iter().map(|&(_, i)| i).collect();
        inside.sort_unstable();
        inside
    };
    let total_kept: u32 = blocks.iter().zip(kept).filter(|(_, &k)| k).map(|(b, _)| b.text_len).sum();
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut boxes: Vec<usize> = Vec::new();
    for parent in 0..dom.nodes.len() {
        if dom.nodes[parent].element().is_none() {
            continue;
        }
        // A card holds both linked and plain text; checking that first
        // spares most boxes the look at their blocks.
        boxes.clear();
        boxes.extend(dom.element_children(parent).filter(|&c| {
            let node = &dom.nodes[c];
            node.text_len <= MAX_CARD_LEN && node.link_len > 0 && node.link_len < node.text_len
        }));
        if boxes.len() < MIN_CARDS {
            continue;
        }
        let mut cards: Vec<(CardKind, Vec<usize>)> = boxes
            .iter()
            .map(|&c| (c, in_subtree(c)))
            .filter(|&(c, ref inside)| is_card(blocks, inside) && links_elsewhere(dom, c))
            .map(|(c, inside)| (kind_of(dom, c), inside))
            .collect();
        cards.sort_by(|a, b| a.0.cmp(&b.0));
        for row in cards.chunk_by(|a, b| a.0 == b.0).filter(|row| row.len() >= MIN_CARDS) {
            let mut held: Vec<usize> =
                row.iter().flat_map(|(_, inside)| inside.iter().copied()).filter(|&i| kept[i]).collect();
            held.sort_unstable();
            let held_len: u32 = held.iter().map(|&i| blocks[i].text_len).sum();
            if !held.is_empty() && (held_len as f32) <= MAX_LISTING_SHARE * total_kept as f32 {
                rows.push(held);
            }
        }
    }
    // Listings follow the article: a row of cards with the article's own
    // text after it is a run of its entries (a listicle's picks, a
    // checklist's steps).
    let mut in_rows = vec![false; blocks.len()];
    for &i in rows.iter().flatten() {
        in_rows[i] = true;
    }
    let last_own = (0..blocks.len()).rev().find(|&i| kept[i] && !in_rows[i]);
    // And an article comes first: on a front page, the listings are the
    // page's text.
    let article_before = |at: usize| -> u32 {
        (0..at)
            .filter(|&i| kept[i] && !in_rows[i] && blocks[i].kind == BlockKind::Paragraph)
            .map(|i| blocks[i].text_len)
            .sum()
    };
    let mut found: Vec<usize> = rows
        .into_iter()
        .filter(|row| last_own.is_none_or(|l| row[0] > l) && article_before(row[0]) >= MIN_ARTICLE_LEN)
        .flatten()
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// A card's tag and first class name: templates give every card of a
/// listing the same base class and add per-post ones after it.
type CardKind<'a> = (&'a str, Option<&'a str>);

fn kind_of<'a>(dom: &'a FlatDom, n: usize) -> CardKind<'a> {
    let node = &dom.nodes[n];
    (
        node.element().map_or("", |e| e.name()),
        node.attribute(&local_name!("class")).and_then(|c| c.split_whitespace().next()),
    )
}

/// Longest label (a kicker, a category) that may precede a card's title,
/// in non-whitespace chars.
const MAX_LABEL_LEN: u32 = 20;

/// Whether blocks `inside` (in document order) read as a card: its first
/// block longer than a label is mostly links (the title), and a block of
/// plain text (the excerpt, the date) follows. A reference or a pick with
/// a linked name is one block; a box titled in plain text with a link at
/// its foot ("View webcam") is the article's own.
fn is_card(blocks: &[RawBlock], inside: &[usize]) -> bool {
    let linked = |i: usize| 2 * blocks[i].link_len > blocks[i].text_len;
    inside
        .iter()
        .position(|&i| blocks[i].text_len > MAX_LABEL_LEN)
        .is_some_and(|title| linked(inside[title]) && inside[title + 1..].iter().any(|&i| !linked(i)))
}

/// Whether the subtree at `n` links to another page: a teaser's title
/// does, while an FAQ's questions are in-page toggles (`href="#..."`).
fn links_elsewhere(dom: &FlatDom, n: usize) -> bool {
    dom.nodes[n..dom.nodes[n].end].iter().any(|node| {
        node.tag == Tag::A
            && node.attribute(&local_name!("href")).is_some_and(|href| {
                // `javascript:` links are no `Tag::A` (see FlatDom).
                let href = href.trim_start();
                !href.is_empty() && !href.starts_with('#')
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::explain_html;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{texts, P1, P2, P3};

    const P4: &str = "Negotiators are expected to meet again in Geneva on Monday, where they hope to settle the remaining questions on tariffs.";
    const P5: &str = "Both governments said they would publish the full text of the agreement once the remaining annexes have been signed off.";
    const EXCERPT: &str = "Though Lisbon teems with travelers, it’s possible to find pockets of peace outside the city. A 45-minute drive from the city center delivers you to Setúbal, \
        an Old-World fishing village on the southwest coast, surrounded by vineyards, beaches and mountains. Hotel Casa Palmela, a sprawling countryside retreat \
        ensconced by the rolling hills of Arrábida Natural Park, is the place to stay.";

    fn card(href: &str, title: &str) -> String {
        format!(
            "<div class=\"post-item row\"><div class=\"copy\"><div class=\"tagline\"><h5 class=\"categories\"><a href=\"/category/reviews/\">Reviews</a></h5></div>\
             <h3 class=\"title\"><a href=\"{href}\">{title}</a></h3><p class=\"content\">{EXCERPT}</p></div></div>"
        )
    }

    fn page(after_body: &str) -> String {
        format!("<html><body><div id=\"content\"><h1>Talks</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p><p>{P5}</p>{after_body}</div></body></html>")
    }

    #[test]
    fn a_row_of_teaser_cards_after_the_article_is_dropped() {
        let cards: String = [
            "Hotel Casa Palmela Review",
            "Three Must-Do River Cruises for the Entire Family",
            "Rosewood London Unveils The Chalet",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| card(&format!("/story-{i}/"), t))
        .collect();
        let html = page(&format!("<div class=\"post-list\">{cards}</div>"));
        assert_eq!(texts(&html), vec![P1, P2, P3, P4, P5]);
        assert!(explain_html(&html, None)
            .lines()
            .any(|l| l.starts_with("drop teaser-listing") && l.contains("Hotel Casa Palmela")));
    }

    #[test]
    fn faq_toggles_and_entries_followed_by_the_article_are_kept() {
        // In-page toggles are an FAQ's questions, not links to other stories.
        let faq: String = (0..3)
            .map(|i| {
                card(&format!("#q-{i}"), "Which type of camera is best for home security?")
                    .replace("/category/reviews/", "#")
            })
            .collect();
        let no_listing =
            |html: String| !explain_html(&html, None).lines().any(|l| l.starts_with("drop teaser-listing"));
        assert!(no_listing(page(&format!("<div class=\"faq\">{faq}</div>"))));
        // A run of linked picks with text after it is the article's entries.
        let picks: String =
            (0..3).map(|i| card(&format!("/pick-{i}/"), "Drawing on the Right Side of the Brain")).collect();
        assert!(no_listing(page(&format!("<div class=\"picks\">{picks}</div><p>{P1}</p>"))));
        assert!(!no_listing(page(&format!("<div class=\"picks\">{picks}</div>"))));
    }

    #[test]
    fn the_blocks_of_each_card_are_dropped() {
        let cards: String =
            (0..3).map(|i| card(&format!("/story-{i}/"), &format!("Story number {i} of the week"))).collect();
        let html = page(&format!("<div class=\"post-list\">{cards}</div>"));
        let dropped = changed_by(&html, "teaser-listings");
        assert!(dropped.iter().all(|(_, rule)| *rule == Rule::TeaserListing), "{dropped:?}");
        let titles: Vec<&str> =
            dropped.iter().map(|(text, _)| text.as_str()).filter(|t| t.starts_with("Story number")).collect();
        assert_eq!(titles, ["Story number 0 of the week", "Story number 1 of the week", "Story number 2 of the week"]);
        // The earlier passes took the cards' labels and repeated excerpts;
        // what is left kept is the article.
        assert_eq!(texts(&html), vec![P1, P2, P3, P4, P5]);
    }
}
