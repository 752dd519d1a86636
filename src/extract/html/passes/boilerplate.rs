//! Pass `boilerplate`: drops lines and headings of page furniture, naming
//! the detector that took each ([`furniture`]).

use super::{Page, Pass};
use crate::extract::html::dom::Tag;
use crate::extract::html::rule::Rule;
use crate::extract::html::vocab::furniture::{self, Furniture};
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "boilerplate", run };

fn run(page: &mut Page) {
    for (b, verdict) in page.blocks.iter().zip(page.verdicts.iter_mut()) {
        if !verdict.keeps() {
            continue;
        }
        let found = if b.kind == BlockKind::Heading {
            furniture::furniture_heading(&b.text)
        } else {
            furniture::boilerplate(&b.text)
        };
        // A table's row that reads as a date is a row of dated data (a
        // release and its month), not the page's dateline.
        let table_row = page.dom.nodes[b.owner].tag == Tag::Tr;
        if let Some(kind) = found.filter(|&k| !(table_row && k == Furniture::Dateline)) {
            *verdict = Rule::Boilerplate(kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::passes::testing::changed_by;
    use crate::extract::html::testing::{page, texts, P1, P2, P3};

    #[test]
    fn pangea_media_player_chrome_is_dropped() {
        let html = format!(
            "<html><body><div id=\"skip\"><a href=\"#content\">Skip to main content</a></div>\
             <div class=\"media-block\"><div class=\"player\"><span>No media source currently available</span><span>0:00 0:02:21 0:00</span></div></div>\
             <div class=\"wsw\"><p>No media source currently available</p><p>0:00 0:02:21 0:00</p><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn table_of_contents_titles_are_dropped() {
        let toc = "<h2>Table of Contents:</h2><ul><li><a href=\"#agreed\">What was agreed</a></li><li><a href=\"#next\">Next steps</a></li></ul>";
        assert_eq!(texts(&page("", toc, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn pointer_headings_to_other_stories_are_dropped() {
        let inside = "<h4>READ MORE: Will ChatGPT Eliminate the College Admissions Essay?</h4><h5>Related: PPE Inspections and Why They’re Important</h5>";
        assert_eq!(texts(&page("", inside, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn affiliate_disclosures_and_button_labels_are_dropped() {
        let inside = "<p>We may earn a commission from affiliate links on this page.</p><p>Share</p><h3>Subscribe</h3><p>{P3}</p><h2>Join our newsletter</h2>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{inside}</article></body></html>")
            .replace("{P3}", P3);
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn dated_table_rows_are_data_not_datelines() {
        let table = "<table><tr><td>4.2.3</td><td>April 2014</td></tr><tr><td>4.2.4</td><td>May 2014</td></tr></table>";
        let inside = format!("<p>Published June 23, 2025</p>{table}");
        let changed = changed_by(&page("", &inside, ""), "boilerplate");
        assert_eq!(changed, [("Published June 23, 2025".to_string(), Rule::Boilerplate(Furniture::Dateline))]);
    }

    #[test]
    fn byline_lines_are_dropped() {
        let byline = "<p>By Maria Lopez | March 12, 2025</p>";
        assert_eq!(texts(&page("", byline, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn furniture_lines_and_headings_are_dropped_by_their_detector() {
        let inside = "<p>Published June 23, 2025</p><p>Share</p><h2>Table of Contents</h2><h2>What was agreed</h2>";
        assert_eq!(
            changed_by(&page("", inside, ""), "boilerplate"),
            [
                ("Published June 23, 2025".to_string(), Rule::Boilerplate(Furniture::Dateline)),
                ("Share".to_string(), Rule::Boilerplate(Furniture::ButtonLabel)),
                ("Table of Contents".to_string(), Rule::Boilerplate(Furniture::TocTitle)),
            ]
        );
    }
}
