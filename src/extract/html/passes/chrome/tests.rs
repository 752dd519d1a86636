use super::*;
use crate::extract::html::explain_html;
use crate::extract::html::passes::testing::after;
use crate::extract::html::testing::{page, texts, P1, P2, P3};

#[test]
fn navigation_and_skip_links_are_dropped() {
    let nav = "<a class=\"skip-link\" href=\"#main\">Skip to content</a><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/politics\">Politics</a></li></ul></nav>";
    assert_eq!(texts(&page(nav, "", "")), vec![P1, P2, P3]);
}

#[test]
fn related_articles_inside_the_article_are_dropped() {
    let related = "<div class=\"related-articles\"><h3>Related</h3><ul><li><a href=\"/a\">Minister resigns after a long and bitter dispute over the budget</a></li><li><a href=\"/b\">Markets rally, with stocks at a record high</a></li></ul></div>";
    assert_eq!(texts(&page("", related, "")), vec![P1, P2, P3]);
}

#[test]
fn comment_sections_are_dropped() {
    let comments = "<section id=\"comments\" class=\"comments-area\"><h2>3 comments</h2><div class=\"comment\"><p>I could not agree more with this, it is a very good summary of the whole situation.</p></div></section>";
    assert_eq!(texts(&page("", "", comments)), vec![P1, P2, P3]);
}

#[test]
fn footer_share_and_newsletter_boxes_are_dropped() {
    let after = "<div class=\"share-buttons\"><a href=\"#\">Facebook</a><a href=\"#\">Twitter</a></div><div class=\"newsletter-signup\"><p>Sign up for our daily newsletter, with the best stories delivered to your inbox.</p></div><footer><p>© 2024 Example News. All rights reserved, including the right to reproduce this.</p></footer>";
    assert_eq!(texts(&page("", "", after)), vec![P1, P2, P3]);
}

#[test]
fn prose_notes_set_among_the_paragraphs_are_kept() {
    let note = "<aside class=\"center\"><p><strong>Not all vegetarians are the same.</strong><br>The types of vegetarian diets eaten in the United States can vary widely. \
        For example, vegans do not consume any animal products, including milk and eggs. Lacto-ovo vegetarians eat milk and eggs along with plant foods. \
        Some people have eating patterns that are mainly vegetarian but may include small amounts of meat, poultry, or seafood.</p></aside>";
    let got = texts(&page("", note, ""));
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[2].starts_with("Not all vegetarians are the same. The types of vegetarian diets"), "{got:?}");
    // The same note as a sidebar beside the article's box stays dropped.
    let beside = format!(
        "<html><body><main><article><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p></article>{note}</main></body></html>"
    );
    assert_eq!(texts(&beside), vec![P1, P2, P3, P1]);
}

#[test]
fn figure_captions_are_dropped() {
    let inside = "<figure><img src=\"a.jpg\"><figcaption>The minister arrives for the talks in Geneva. Photo: Reuters</figcaption></figure>";
    assert_eq!(texts(&page("", inside, "")), vec![P1, P2, P3]);
}

#[test]
fn hidden_elements_are_dropped() {
    let inside = "<div hidden><p>Please enable JavaScript to view this.</p></div><p style=\"display: none\">Hidden teaser text that nobody sees on the page.</p>";
    assert_eq!(texts(&page("", inside, "")), vec![P1, P2, P3]);
}

#[test]
fn invisible_boxes_are_dropped_unless_they_hold_all_and_collapsed_ones_only_when_small() {
    let shown = [
        "The talks will resume in Geneva next week, with both delegations expected to bring new proposals on trade and migration.",
        "Negotiators on both sides said privately that a deal before the summer was possible, though far from certain at this point.",
        "Business groups welcomed the progress, while unions asked for guarantees on jobs in the sectors most exposed to the deal.",
        "A first draft of the text is due to be shared with parliament before the end of the month, officials said on Tuesday.",
    ];
    let page = |style: &str, shown: &[&str]| {
        format!(
            "<html><body><article><h1>Talks</h1><div style=\"{style}\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>{}</article></body></html>",
            shown.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
        )
    };
    let html = |style: &str| page(style, &shown);
    assert_eq!(texts(&html("visibility: hidden")), shown);
    // Also when it holds most of the prose, but not when it holds all.
    assert_eq!(texts(&page("visibility: hidden", &shown[..1])), &shown[..1]);
    assert_eq!(texts(&page("visibility:hidden", &[])), [P1, P2, P3]);
    // A collapsed accordion of that much prose is the article's.
    assert_eq!(texts(&html("display: none")), [&[P1, P2, P3][..], &shown].concat());
}

#[test]
fn article_split_over_same_class_cards_is_kept() {
    let card =
        |p: &str| format!("<div class=\"card collection-item\"><div class=\"card-content\"><p>{p}</p></div></div>");
    let html = format!(
        "<html><body><div class=\"card\"><a href=\"/\">Top stories</a></div><div id=\"article-body\">{}{}{}</div></body></html>",
        card(P1), card(P2), card(P3)
    );
    assert_eq!(texts(&html), vec![P1, P2, P3]);
}

#[test]
fn article_in_a_box_classed_like_chrome_is_kept_when_it_holds_the_page_prose() {
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><section class=\"hero\"><h1>Talks</h1><p>Short intro line for the story.</p></section>\
         <div class=\"sidebar-content\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><div class=\"share\"><p>Share this story with your friends.</p></div></div>\
         <div class=\"sidebar\"><div class=\"republish\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>\
         <div class=\"comments\"><p>I could not agree more with this, it is a very good summary of the whole situation.</p></div></body></html>"
    );
    assert_eq!(texts(&html), vec![P1, P2, P3]);
    assert!(explain_html(&html, None).contains("keep article-box"));
    // A sidebar beside an article that holds most of the prose stays dropped.
    let beside = format!(
        "<html><body><article><p>{P1}</p><p>{P2}</p></article><div class=\"sidebar\"><p>{P3}</p></div></body></html>"
    );
    assert_eq!(texts(&beside), vec![P1, P2]);
}

#[test]
fn article_box_classed_like_chrome_is_kept_when_it_holds_as_much_prose_as_the_rest() {
    let html = format!(
        "<html><body><div class=\"intro\"><p>The agency funds legal aid for people on low incomes in every state, and has done so for fifty years.</p>\
         <p>It is run by a board whose members the president appoints and the senate confirms, for terms of three years.</p></div>\
         <div id=\"map-and-related\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
         <footer><p>{P1}</p><p>{P2}</p></footer></body></html>"
    );
    let got = texts(&html);
    assert!([P1, P2, P3].iter().all(|p| got.iter().any(|t| t == p)), "{got:?}");
    assert!(explain_html(&html, None).contains("keep article-box"));
}

#[test]
fn article_box_classed_like_chrome_is_kept_when_it_holds_nearly_as_much_prose_as_the_rest() {
    let summary = "LSC is an independent nonprofit established by Congress in 1974 to provide financial support for civil legal aid to low-income Americans. \
        The Corporation currently provides funding to 130 independent nonprofit legal aid organizations in every state, the District of Columbia, and U.S. Territories.";
    let help = [
        "If you are looking for help with a civil legal problem, enter an address or city below to find an LSC-funded legal aid organization near you.",
        "You can also visit LawHelp.org to look up information about your legal questions and find free legal forms.",
        "Begin typing an address in the search box below, then select one of the suggested results. You can also click on the map.",
    ];
    let html = format!(
        "<html><body><div class=\"intro\"><h1>I Need Legal Help</h1><p>{summary}</p><p>Legal aid programs help with housing, family, benefits and consumer cases.</p></div>\
         <div id=\"map-and-related\"><p>{}</p><p>{}</p><p>{}</p></div></body></html>",
        help[0], help[1], help[2]
    );
    let got = texts(&html);
    assert!(help.iter().all(|h| got.iter().any(|t| t == h)), "{got:?}");
    assert!(explain_html(&html, None).contains("keep article-box"));
}

#[test]
fn a_page_footer_is_dropped_even_when_it_outweighs_a_short_article() {
    let html = "<html><body><main><section><h1>Safe rentals</h1><p>A good safety program screens every renter at the counter, checks the licence and logs the car.</p>\
        <p>Key topics in the guide include:</p><ul><li>Procedures at the rental counter</li><li>Reporting losses</li></ul></section></main>\
        <footer><section><div><p>This material is not intended to replace the advice of a qualified advisor, lawyer, accountant or broker. \
        Information has been obtained from sources believed reliable, but its accuracy, completeness and timeliness are not guaranteed.</p>\
        <p>Products and services referenced are for general information only, may not be offered in every state, and are subject to terms, \
        conditions, exclusions and limits set out in the policy itself.</p></div></section></footer></body></html>";
    let got = texts(html);
    assert_eq!(
        got[0], "A good safety program screens every renter at the counter, checks the licence and logs the car.",
        "{got:?}"
    );
    assert!(got.iter().all(|t| !t.contains("qualified advisor") && !t.contains("general information")), "{got:?}");
}

#[test]
fn a_sidebar_aside_outweighing_a_short_article_is_dropped_unless_it_holds_nearly_all() {
    // A live ticker in the sidebar holds more paragraph text than the
    // short report beside it (liberation-1 of the readability tests).
    let ticker = chrome_rules(&format!(
        "<html><body><div><p>{P1}</p></div><aside id=\"sidebar\" role=\"complementary\"><ul><li><p>{P2}</p></li>\
         <li><p>{P3}</p></li></ul></aside></body></html>"
    ));
    assert_eq!(ticker, [("<aside#sidebar>".to_string(), Rule::ChromeTag)]);
    // A wrapper left unclosed holds the whole article: it is kept.
    let wrapper = chrome_rules(&format!(
        "<html><body><aside class=\"sidebar\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></aside><p>Short line.</p></body></html>"
    ));
    assert_eq!(wrapper, [("<aside.sidebar>".to_string(), Rule::MainText)]);
    // An aside that no class, id or role names a sidebar keeps the
    // half-share test.
    let plain =
        chrome_rules(&format!("<html><body><div><p>{P1}</p></div><aside><p>{P2}</p><p>{P3}</p></aside></body></html>"));
    assert_eq!(plain, [("<aside>".to_string(), Rule::MainText)]);
}

#[test]
fn box_holding_most_prose_does_not_score_as_chrome() {
    let html = format!(
        "<html><body><section class=\"hero\"><h1>Talks</h1><p>Short intro line for the story.</p></section>\
         <div class=\"sidebar-content\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
    );
    assert_eq!(texts(&html), vec![P1, P2, P3]);
}

#[test]
fn section_headers_inside_the_article_are_kept() {
    let inside =
        "<section><header><h2>Buffalo Bayou Trail</h2><span>Best for families</span></header><p>{P3}</p></section>";
    let html = format!(
        "<html><body><header><h2>Example News</h2><a href=\"/\">Home</a></header><article><header><h1>Talks</h1><p>By Jane Doe</p></header><p>{P1}</p><p>{P2}</p>{}</article></body></html>",
        inside.replace("{P3}", P3)
    );
    assert_eq!(texts(&html), vec![P1, P2, "Buffalo Bayou Trail", "Best for families", P3]);
}

#[test]
fn highlighted_code_keeps_its_comments() {
    let code = "<pre><code class=\"hljs\"><span class=\"hljs-comment\"># stage all modified files</span>\ngit add -A</code></pre>";
    let got = texts(&page("", code, ""));
    assert_eq!(got[2], "# stage all modified files\ngit add -A");
}

#[test]
fn toc_anchored_sections_and_skip_item_boxes_are_kept() {
    let html = format!(
        "<html><body><div class=\"skipLink-wrapper\"><a href=\"#main\">Skip to Main Content</a></div>\
         <div class=\"content-nav-section\"><p>{P1}</p></div><div class=\"skip-item\"><p>{P2}</p><p>{P3}</p></div></body></html>"
    );
    assert_eq!(texts(&html), vec![P1, P2, P3]);
}

#[test]
fn links_classed_like_chrome_inside_a_sentence_are_kept() {
    let sentence = "<p>Before you can start anything, you and your partner need to determine \
        <a class=\"recommendation-inline-link\" href=\"/budget\">who will be paying for your celebration</a>—and how much you can spend.</p>";
    let got = texts(&page("", sentence, ""));
    assert_eq!(got[2], "Before you can start anything, you and your partner need to determine who will be paying for your celebration—and how much you can spend.");
    // Screen-reader text inside a sentence, and a chrome link standing alone, still go.
    let unseen = "<p>Read the <a href=\"/r\">full report<span class=\"sr-only popup\"> (opens in a new window)</span></a> before the vote.</p>\
        <div><a class=\"popup-trigger\" href=\"/s\">Subscribe now</a></div>";
    let got = texts(&page("", unseen, ""));
    assert_eq!(got, vec![P1, P2, "Read the full report before the vote.", P3]);
    // A card that pops up over a name lists the person's other stories
    // (thehill.com): the name stays in the sentence, the card goes.
    let card =
        "<p>He threatened to kill Rep. <span class=\"rollover-people\"><a href=\"/people/ilhan-omar\">Ilhan Omar</a>\
        <span class=\"rollover-people-block\"><a href=\"/a\">Progressives oppose spending stopgap measure</a> \
        <a href=\"/b\">Omar asks court to apply compassion</a></span></span> (D-Minn.), the office said.</p>";
    let got = texts(&page("", card, ""));
    assert_eq!(got[2], "He threatened to kill Rep. Ilhan Omar (D-Minn.), the office said.");
}

#[test]
fn sections_whose_anchor_id_holds_a_chrome_word_are_kept() {
    let section = format!(
        "<div class=\"section\" id=\"getting-into-trouble-with-shared-mutable-history\"><h2>Getting into trouble with shared mutable history</h2><p>{P3}</p></div>"
    );
    let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{section}</article></body></html>");
    assert_eq!(texts(&html), vec![P1, P2, "Getting into trouble with shared mutable history", P3]);
}

#[test]
fn boxes_flagged_as_laid_out_without_a_sidebar_are_kept() {
    let part = |p: &str| format!("<div class=\"blog-article__main sidebar-enabled--false container\"><p>{p}</p></div>");
    let html = format!(
        "<html><body><h1>Talks</h1>{}{}{}<div class=\"sidebar\"><p>{P1}</p></div></body></html>",
        part(P1),
        part(P2),
        part(P3)
    );
    assert_eq!(texts(&html), vec![P1, P2, P3]);
}

#[test]
fn writer_boxes_named_as_parts_of_the_post_are_dropped() {
    let bio = "<div class=\"post-author\"><p class=\"post-author__bio\">Maria Lopez covers diplomacy and trade for the paper. She has reported from Brussels, Geneva and Washington, \
        and before that worked for ten years as an economist at a development bank, writing on tariffs, sanctions and the rules of the world trade system.</p></div>";
    let html = format!("<html><body><article><h1>Talks reach decisive stage</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p>{bio}</article></body></html>");
    assert_eq!(texts(&html), vec![P1, P2, P3, P1]);
    // A writer's slug on the article's own box names no writer's box.
    let html = format!("<html><body><article class=\"author-mlopez post\"><h1>Talks reach decisive stage</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>");
    assert_eq!(texts(&html), vec![P1, P2, P3]);
}

#[test]
fn disclaimer_boxes_are_dropped() {
    let disclaimer = "<div class=\"legal-disclaimer\"><p>This page is general information only and not advice for your situation.</p></div>";
    assert_eq!(texts(&page("", disclaimer, "")), vec![P1, P2, P3]);
}

#[test]
fn captions_styled_by_text_utilities_are_dropped() {
    let caption =
        "<div class=\"img-caption text-center\">Delegates arrive for the second round of talks. Photo: Agency</div>";
    assert_eq!(texts(&page("", caption, "")), vec![P1, P2, P3]);
}

/// The elements the pass drops or keeps against a chrome signal: each
/// one's tag and classes, and the rule.
fn chrome_rules(html: &str) -> Vec<(String, Rule)> {
    after(html, "chrome", |page| {
        let label = |i: usize| page.dom.describe(i).split_once(' ').map_or(String::new(), |(_, l)| l.to_string());
        page.chrome.iter().enumerate().filter_map(|(i, rule)| Some((label(i), (*rule)?))).collect()
    })
}

#[test]
fn chrome_is_dropped_by_tag_class_role_and_hiding() {
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"share-bar\"><a href=\"#\">Share</a></div>\
         <div role=\"navigation\"><a href=\"/a\">Archive</a></div><div hidden><p>Enable JavaScript.</p></div>\
         <article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>"
    );
    let rules = chrome_rules(&html);
    assert_eq!(
        rules,
        [
            ("<nav>".to_string(), Rule::ChromeTag),
            ("<div.share-bar>".to_string(), Rule::ChromeClass),
            ("<div>".to_string(), Rule::ChromeRole),
            ("<div>".to_string(), Rule::Hidden),
        ]
    );
}

#[test]
fn chrome_signals_overruled_are_named() {
    let note = format!("<aside class=\"note\"><p>{P1} {P2} {P3}</p></aside>");
    let html = format!(
        "<html><body><article><header><h2>Reactions</h2></header><p>{P1}</p>{note}\
         <p>Read <a class=\"popup-link\" href=\"/r\">the report</a> first.</p><div class=\"meta\"><p>{P2} {P3} {P1}</p></div>\
         <pre><code class=\"hljs\"><span class=\"hljs-comment\"># note</span></code></pre></article></body></html>"
    );
    let rules = chrome_rules(&html);
    assert_eq!(
        rules,
        [
            ("<header>".to_string(), Rule::SectionHeader),
            ("<aside.note>".to_string(), Rule::NoteInText),
            ("<a.popup-link>".to_string(), Rule::PhraseInText),
            ("<div.meta>".to_string(), Rule::HoldsProse),
            ("<pre>".to_string(), Rule::Code),
        ]
    );
}

#[test]
fn boxes_that_hold_the_pages_prose_are_kept_whatever_their_class() {
    let cards = [P1, P2, P3].map(|p| format!("<div class=\"card\"><p>{p}</p></div>")).concat();
    let run = chrome_rules(&format!("<html><body><div>{cards}</div></body></html>"));
    assert_eq!(run, vec![("<div.card>".to_string(), Rule::ProseRun); 3]);
    let main = chrome_rules(&format!(
        "<html><body><div class=\"sidebar\"><p>{P1}</p><p>{P2}</p></div><p>Short intro line.</p></body></html>"
    ));
    assert_eq!(main, [("<div.sidebar>".to_string(), Rule::MainText)]);
    // Under half the page's prose, but about all that the rest keeps.
    let article_box = chrome_rules(&format!(
        "<html><body><div><p>{P2}</p><p>{P3}</p></div><div id=\"map-and-related\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
         <footer><p>{P1}</p><p>{P2}</p></footer></body></html>"
    ));
    assert_eq!(
        article_box,
        [("<div#map-and-related>".to_string(), Rule::ArticleBox), ("<footer>".to_string(), Rule::ChromeTag)]
    );
}
