//! Pass `linked-item-titles`: keeps the linked lines set as the titles of a
//! roundup's items ("<a>Acme acquires Beta</a>" over a paragraph on the
//! deal), which pass `link-lines` dropped.

use super::{Page, Pass};
use crate::extract::html::rule::Rule;
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "linked-item-titles", run };

/// Shortest paragraph, in non-whitespace chars, that reads as the text of
/// an item whose linked title stands above it.
const MIN_ITEM_TEXT_LEN: u32 = 100;

/// Fewest linked item titles on a page that make it a roundup.
const MIN_LINKED_ITEM_TITLES: usize = 2;

/// Keeps the linked lines set as the titles of a roundup's items ("<a>Acme
/// acquires Beta</a>" over a paragraph on the deal): each stands between
/// kept lines and heads a paragraph of prose, and the page has several. A
/// pointer to another story ("Related: ...", "Shop now") stands alone, and
/// a labelled one names its label before a colon.
fn run(page: &mut Page) {
    let blocks = &page.blocks;
    let titles: Vec<usize> = (1..blocks.len().saturating_sub(1))
        .filter(|&i| {
            let next = &blocks[i + 1];
            page.verdicts[i] == Rule::LinkHeavyLine
                && !blocks[i].text.contains(':')
                && page.is_kept(i - 1)
                && page.is_kept(i + 1)
                && next.kind == BlockKind::Paragraph
                && next.text_len >= MIN_ITEM_TEXT_LEN
        })
        .collect();
    if titles.len() >= MIN_LINKED_ITEM_TITLES {
        for i in titles {
            page.verdicts[i] = Rule::LinkedItemTitle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{page, texts};

    #[test]
    fn linked_titles_of_a_roundups_items_are_kept() {
        let item =
            |title: &str, text: &str| format!("<p><strong><a href=\"/deal\">{title}</a></strong></p><p>{text}</p>");
        let deal = "The buyer, a maker of network monitoring tools, said the purchase would close in the first quarter once regulators approve it.";
        let inside = format!(
            "<p>These are the deals of the month:</p>{}{}",
            item("Northwind acquires Contoso", deal),
            item("Fabrikam to be bought by investors", deal)
        );
        let got = texts(&page("", &inside, ""));
        assert!(
            got.contains(&"Northwind acquires Contoso".to_string())
                && got.contains(&"Fabrikam to be bought by investors".to_string()),
            "{got:?}"
        );
        // A lone linked line between paragraphs is a pointer elsewhere.
        let pointer = format!("<p><a href=\"/shop\">Shop the collection now</a></p><p>{deal}</p>");
        assert!(!texts(&page("", &pointer, "")).contains(&"Shop the collection now".to_string()));
        // Linked lines labelled as pointers stay dropped, however many.
        let related = format!(
            "{}{}",
            item("Related: Northwind acquires Contoso", deal),
            item("Related: Fabrikam to be bought", deal)
        );
        assert!(!texts(&page("", &related, "")).iter().any(|t| t.starts_with("Related:")));
    }

    #[test]
    fn several_linked_titles_over_paragraphs_are_taken_back() {
        let text = "The buyer, a maker of network monitoring tools, said the purchase would close in the first quarter once regulators approve it.";
        let item = |title: &str| format!("<p><a href=\"/deal\">{title}</a></p><p>{text}</p>");
        let two = format!("{}{}", item("Northwind acquires Contoso"), item("Fabrikam to be bought by investors"));
        assert_eq!(
            changed_by(&page("", &two, ""), "linked-item-titles"),
            [
                ("Northwind acquires Contoso".to_string(), Rule::LinkedItemTitle),
                ("Fabrikam to be bought by investors".to_string(), Rule::LinkedItemTitle)
            ]
        );
        // One alone is a pointer elsewhere.
        assert!(changed_by(&page("", &item("Northwind acquires Contoso"), ""), "linked-item-titles").is_empty());
        assert_eq!(texts(&page("", &two, "")).len(), 7);
    }
}
