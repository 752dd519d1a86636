//! Pass `lede`: the intro paragraphs between the page's headline and the chosen
//! content container. Templates often put the standfirst and the first
//! paragraphs in the headline's box, apart from the body's box, so the
//! container scoring leaves them out although they open the article.

use super::blocks::RawBlock;
use super::containers::is_prose_paragraph;
use super::{Page, Pass};
use crate::extract::html::dom::{FlatDom, Tag};
use crate::extract::html::vocab::elements;
use crate::extract::{normalize_whitespace, BlockKind};

pub(super) const PASS: Pass = Pass { name: "lede", run };

/// Adds the lede's paragraphs to the article's roots; a lone paragraph only
/// when it reads as the article's opening, not a line set beside it.
fn run(page: &mut Page) {
    page.ledes = find(&page.dom, &page.blocks, &page.roots);
    if let [lone] = page.ledes[..] {
        if page.dom.nodes[lone].text_len < MIN_LONE_LEDE_LEN
            || named_aside(&page.dom, lone)
            || restates_article(&page.dom, lone, &page.roots, &page.summaries)
        {
            page.ledes.clear();
        }
    }
    page.roots.extend(&page.ledes);
    page.roots.sort_unstable();
}

/// Fewest characters of a lone paragraph taken for the lede: shorter lines
/// there are taglines, disclaimers and promos.
const MIN_LONE_LEDE_LEN: u32 = 70;

/// Words of a lone lede's opening looked for in the page's summaries and in
/// the article's body.
const OPENING_WORDS: usize = 8;

/// Owners of the prose paragraphs that follow the last `<h1>` before the
/// first container and precede the container, in document order. Without
/// such a headline there is no lede to recover.
fn find(dom: &FlatDom, blocks: &[RawBlock], roots: &[usize]) -> Vec<usize> {
    let Some(&first_root) = roots.iter().min() else {
        return Vec::new();
    };
    let Some(headline) =
        (0..first_root).rev().find(|&i| dom.nodes[i].tag == Tag::Heading(1) && dom.nodes[i].end <= first_root)
    else {
        return Vec::new();
    };
    let after_headline = dom.nodes[headline].end;
    blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && b.owner >= after_headline && dom.nodes[b.owner].end <= first_root)
        // The owner holds this block's text only, so keeping its subtree
        // keeps nothing else.
        .filter(|b| dom.nodes[b.owner].text_len == b.text_len)
        .filter(|b| is_prose_paragraph(dom, b.owner) && !in_form(dom, b.owner, after_headline))
        .map(|b| b.owner)
        .collect()
}

/// Whether the box of paragraph `p` or its parent's is named a caption, a
/// label or a byline ([`elements::names_aside_line`]): not the lede.
fn named_aside(dom: &FlatDom, p: usize) -> bool {
    std::iter::once(p)
        .chain(dom.ancestors(p))
        .take(2)
        .filter_map(|a| dom.nodes[a].element())
        .any(elements::names_aside_line)
}

/// Whether the lone paragraph `p` before the body sums the article up rather
/// than opens it: its opening is the page's description meta tag (a
/// standfirst, which benchmarks and readers leave out) or recurs in the body
/// (an excerpt). An intro of several paragraphs is the article's either way.
fn restates_article(dom: &FlatDom, p: usize, roots: &[usize], summaries: &[&str]) -> bool {
    let text = dom.subtree_text(p);
    let opening = text.split(' ').take(OPENING_WORDS).collect::<Vec<_>>().join(" ");
    summaries.iter().any(|s| normalize_whitespace(s).contains(&opening))
        || roots.iter().filter(|&&r| r != p).any(|&r| dom.subtree_text(r).contains(&opening))
}

/// Whether node `i` sits inside a `<form>` that opens at or after `from`:
/// form help texts read like sentences but are not the article's.
fn in_form(dom: &FlatDom, i: usize, from: usize) -> bool {
    std::iter::once(i).chain(dom.ancestors(i)).take_while(|&a| a >= from).any(|a| dom.nodes[a].tag == Tag::Form)
}

#[cfg(test)]
mod tests {

    use crate::extract::html::explain_html;
    use crate::extract::html::passes::testing::{after, changed_by};
    use crate::extract::html::rule::Rule;
    use crate::extract::html::testing::{texts, P1, P2, P3};

    #[test]
    fn intro_paragraphs_between_headline_and_body_box_are_kept() {
        let html = format!(
            "<html><body><div class=\"top\"><div class=\"wrap\"><div class=\"hero\"><h1>Talks reach decisive stage</h1>\
             <div class=\"byline\">By Jane Doe</div><p>{P1}</p><p>{P2}</p></div></div></div>\
             <div class=\"quick-look\"><div>Best overall</div><div>READ MORE</div></div>\
             <div class=\"main\"><div class=\"body\"><p>{P3}</p><p>{P3}</p><p>{P3}</p></div></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3, P3, P3]);
        assert!(explain_html(&html, None).lines().any(|l| l.starts_with("lede #")));
    }

    #[test]
    fn a_lone_intro_paragraph_outside_the_body_box_is_kept() {
        let html = format!(
            "<html><body><div class=\"top\"><div class=\"wrap\"><div class=\"hero\"><h1>Talks reach decisive stage</h1><p>{P1}</p></div></div></div>\
             <div class=\"main\"><div class=\"body\"><p>{P2}</p><p>{P3}</p></div></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn a_lone_paragraph_that_restates_the_article_is_left_out() {
        let page = |head: &str, body_first: &str| {
            format!(
                "<html><head>{head}</head><body><div class=\"top\"><div class=\"hero\"><h1>Talks reach decisive stage</h1><p>{P1}</p></div></div>\
                 <div class=\"main\"><div class=\"body\"><p>{body_first}</p><p>{P3}</p></div></div></body></html>"
            )
        };
        // The page's description: a standfirst.
        let described = page(&format!("<meta property=\"og:description\" content=\"{P1}\">"), P2);
        assert_eq!(texts(&described), vec![P2, P3]);
        // The body's own opening again: an excerpt.
        let excerpt = page("<meta name=\"description\" content=\"Talks and more talks.\">", P1);
        assert_eq!(texts(&excerpt), vec![P1, P3]);
    }

    #[test]
    fn a_lone_caption_byline_or_short_line_is_not_the_lede() {
        let page = |intro: &str| {
            format!(
                "<html><body><div class=\"hero\"><h1>Talks reach decisive stage</h1>{intro}</div>\
                 <div class=\"main\"><div class=\"body\"><p>{P2}</p><p>{P3}</p></div></div></body></html>"
            )
        };
        assert_eq!(texts(&page(&format!("<div class=\"caption-text\"><p>{P1}</p></div>"))), vec![P2, P3]);
        assert_eq!(texts(&page(&format!("<p class=\"article-byline\">{P1}</p>"))), vec![P2, P3]);
        assert_eq!(texts(&page("<p>Deal prices may change after publication.</p>")), vec![P2, P3]);
        assert_eq!(texts(&page(&format!("<p class=\"intro\">{P1}</p>"))), vec![P1, P2, P3]);
    }

    #[test]
    fn prose_between_the_headline_and_the_container_is_the_lede() {
        let html = |intro: &str| {
            format!(
                "<html><body><div class=\"top\"><div class=\"hero\"><h1>Talks reach decisive stage</h1>{intro}</div></div>\
                 <div class=\"quick-look\"><div>Best overall</div></div>\
                 <div class=\"main\"><div class=\"body\"><p>{P3}</p><p>{P3}</p><p>{P3}</p></div></div></body></html>"
            )
        };
        let two = html(&format!("<p>{P1}</p><p>{P2}</p>"));
        let ledes = after(&two, "lede", |p| p.ledes.iter().map(|&l| p.dom.describe(l)).collect::<Vec<_>>());
        assert_eq!(ledes.len(), 2, "{ledes:?}");
        let judged = changed_by(&two, "outside-container");
        assert!(judged.contains(&(P1.to_string(), Rule::Lede)) && judged.contains(&(P2.to_string(), Rule::Lede)));
        // A lone paragraph there opens the article too.
        assert_eq!(after(&html(&format!("<p>{P1}</p>")), "lede", |p| p.ledes.len()), 1);
    }
}
