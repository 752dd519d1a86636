//! Article extraction from HTML.
//!
//! One parse, then passes over a flat copy of the DOM ([`dom`]), each one
//! function of the page, run in the order [`passes`] lists them:
//! 1. drop page chrome by tag (nav, aside, page header, footer, figure
//!    captions), ARIA role and class/id vocabulary ([`vocab`]), unless the
//!    element holds most of the page's paragraph text (or at least what the
//!    rest of the page keeps) and is not a footer;
//! 2. split the rest into text blocks;
//! 3. score paragraphs into their ancestors and pick the content container
//!    plus qualifying siblings, and the lede before it;
//! 4. judge each block: outside the containers, in a link-heavy box (but
//!    keep link lists a label introduces between the article's paragraphs),
//!    the title, a line of links (but keep the linked titles of a roundup's
//!    items), a line of furniture, a timestamp above the first paragraph, a
//!    section headed as a bio, related stories or a promo, a sign-up form,
//!    the pitch over a call-to-action button, a second copy of a section, a
//!    standfirst named by its class, a row of teaser cards, a box appended
//!    after the article's body.
//!
//! Every decision, to keep or to drop, is a named [`rule::Rule`], which
//! [`explain_html`] reports.

mod dom;
mod passes;
mod rule;
#[cfg(test)]
mod testing;
pub mod tokenizer;
mod vocab;

use super::{metadata, Article, Block};
use dom::FlatDom;
use passes::Page;

/// Parses `html` once and returns its article: metadata plus body blocks.
/// `page_url` is where the page was fetched from, if known.
pub fn extract_html(html: &str, page_url: Option<&str>) -> Article {
    let doc = tokenizer::parse_document(html);
    let page = Page::extract(&doc);
    let blocks = page
        .blocks
        .into_iter()
        .zip(page.verdicts)
        .filter(|(_, v)| v.keeps())
        .map(|(b, _)| Block { kind: b.kind, text: b.text })
        .collect();
    Article { metadata: metadata::extract_metadata(&doc, page_url), blocks }
}

/// Reports, pass by pass, what the extractor did with a page: the chrome
/// subtrees dropped before scoring and those kept against a chrome signal
/// (by which rule), the containers chosen, and every text block, kept or
/// dropped by which rule. One line each.
pub fn explain_html(html: &str, page_url: Option<&str>) -> String {
    let doc = tokenizer::parse_document(html);
    let page = Page::extract(&doc);
    let mut out = String::new();
    if let Some(url) = page_url {
        out.push_str(&format!("page {url}\n"));
    }
    let passes: Vec<&str> = passes::PASSES.iter().map(|p| p.name).collect();
    out.push_str(&format!("== passes, in order (a later one may overrule an earlier one): {}\n", passes.join(", ")));
    out.push_str("== chrome dropped before scoring, or kept against a chrome signal (share of the page's <p> text)\n");
    let unfiltered = FlatDom::build(&doc);
    let total_p = unfiltered.nodes.first().map_or(0, |r| r.p_text_len).max(1) as f32;
    for (i, rule) in page.chrome.iter().enumerate() {
        if let Some(rule) = rule {
            let text = page.dom.subtree_text(i);
            if !text.is_empty() {
                let share = unfiltered.nodes[i].p_text_len as f32 / total_p;
                out.push_str(&format!("{rule:<19} p={share:.2} {} {}\n", page.dom.describe(i), preview(&text)));
            }
        }
    }
    out.push_str("== containers\n");
    for &r in &page.roots {
        let what = if page.ledes.contains(&r) { "lede" } else { "root" };
        out.push_str(&format!(
            "{what} {} text={} links={:.2}\n",
            page.dom.describe(r),
            page.dom.nodes[r].text_len,
            page.dom.nodes[r].link_density()
        ));
    }
    out.push_str("== blocks\n");
    for (b, rule) in page.blocks.iter().zip(&page.verdicts) {
        out.push_str(&format!(
            "{rule:<30} {:<10} {} {}\n",
            b.kind.as_str(),
            page.dom.describe(b.owner),
            preview(&b.text)
        ));
    }
    out
}

fn preview(text: &str) -> String {
    const MAX: usize = 100;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{:?}…", &text[..at]),
        None => format!("{text:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use testing::{page, texts, P1, P2, P3};

    #[test]
    fn article_paragraphs_are_kept_in_order_without_the_title() {
        assert_eq!(texts(&page("", "", "")), vec![P1, P2, P3]);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        // Deep enough to strain a recursive walk in a debug build; html5ever
        // itself is quadratic in nesting depth, so deeper only makes it slow.
        let depth = 5_000;
        let html = format!("<html><body>{}<p>{P1}</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let got = texts(&html);
        assert!(got.iter().any(|t| t == P1), "{got:?}");
    }

    #[test]
    fn explain_names_the_rule_for_each_decision() {
        let html = page("<nav><a href=\"/\">Home</a></nav>", "<p>Share</p>", "");
        let report = explain_html(&html, Some("https://example.org/a"));
        let line = |starts: &str, holds: &str| report.lines().any(|l| l.starts_with(starts) && l.contains(holds));
        assert!(
            report.contains("passes, in order") && report.contains(": chrome, blocks, containers, lede,"),
            "{report}"
        );
        assert!(line("drop chrome-tag", "<nav>"), "{report}");
        assert!(report.contains("root #"), "{report}");
        assert!(line("drop title", "Talks reach decisive stage"), "{report}");
        assert!(line("drop boilerplate/button-label", "\"Share\""), "{report}");
        assert!(line("keep in-container", "The minister said"), "{report}");
    }

    #[test]
    fn empty_and_text_free_pages_give_no_blocks() {
        assert!(texts("").is_empty());
        assert!(texts("<html><head><script>var x = 1;</script></head><body><img src=x></body></html>").is_empty());
    }
}
