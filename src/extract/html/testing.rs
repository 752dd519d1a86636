//! Made-up pages for the extractor's tests.

use super::extract_html;

pub const P1: &str = "The minister said on Tuesday that the talks, which began in March, had reached a decisive stage and would continue next week.";
pub const P2: &str = "Officials from both countries, speaking on condition of anonymity, said the agreement covered trade, security and migration.";
pub const P3: &str = "Critics of the deal, however, warned that it left several questions unanswered, including how it would be enforced.";

/// The texts of the blocks the extractor keeps.
pub fn texts(html: &str) -> Vec<String> {
    extract_html(html, None).blocks.into_iter().map(|b| b.text).collect()
}

/// An article of the three paragraphs under the title "Talks reach decisive
/// stage", with markup before it, inside it (before the last paragraph)
/// and after it.
pub fn page(extra_before: &str, extra_inside: &str, extra_after: &str) -> String {
    format!(
        "<html><body>{extra_before}<article><h1>Talks reach decisive stage</h1><p>{P1}</p><p>{P2}</p>{extra_inside}<p>{P3}</p></article>{extra_after}</body></html>"
    )
}
