//! Article extraction from HTML.
//!
//! One parse, then linear passes over a flat copy of the DOM ([`dom`]):
//! 1. drop page chrome by tag (nav, aside, page header, footer, figure
//!    captions), ARIA role and class/id vocabulary ([`vocab`]), unless the
//!    element holds most of the page's paragraph text (or at least what the
//!    rest of the page keeps) and is not a footer;
//! 2. split the rest into text blocks ([`blocks`]);
//! 3. score paragraphs into their ancestors and pick the content container
//!    plus qualifying siblings ([`scoring`]);
//! 4. inside it, drop link-heavy containers (but keep link lists a label
//!    introduces between the article's paragraphs, and the linked titles of
//!    a roundup's items), boilerplate lines, sections headed as bios,
//!    related stories or promos, sign-up forms, second copies of a section
//!    and a standfirst named by its class;
//! 5. drop the boxes appended after the article's body ([`tail`]).

mod blocks;
mod dom;
mod lede;
mod listing;
mod scoring;
mod tail;
pub mod tokenizer;
mod vocab;

use super::{metadata, Article, Block, BlockKind};
use blocks::RawBlock;
use dom::{FlatDom, Tag};
use vocab::elements::{self, Signal};
use vocab::furniture::{self, Furniture};
use vocab::headings;

/// Parses `html` once and returns its article: metadata plus body blocks.
/// `page_url` is where the page was fetched from, if known.
pub fn extract_html(html: &str, page_url: Option<&str>) -> Article {
    let doc = tokenizer::parse_document(html);
    let blocks = Extraction::run(&doc).into_blocks();
    Article { metadata: metadata::extract_metadata(&doc, page_url), blocks }
}

/// Reports, stage by stage, what the extractor did with a page: the chrome
/// subtrees dropped before scoring (and by which rule), the containers chosen,
/// and every text block, kept or dropped by which rule. One line each.
pub fn explain_html(html: &str, page_url: Option<&str>) -> String {
    let doc = tokenizer::parse_document(html);
    let ex = Extraction::run(&doc);
    let mut out = String::new();
    if let Some(url) = page_url {
        out.push_str(&format!("page {url}\n"));
    }
    out.push_str("== chrome dropped before scoring (share of the page's <p> text)\n");
    let unfiltered = FlatDom::build(&doc);
    let total_p = unfiltered.nodes.first().map_or(0, |r| r.p_text_len).max(1) as f32;
    for (i, rule) in ex.chrome.iter().enumerate() {
        if let Some(rule) = rule {
            let text = ex.dom.subtree_text(i);
            if !text.is_empty() {
                let share = unfiltered.nodes[i].p_text_len as f32 / total_p;
                out.push_str(&format!(
                    "drop {:<14} p={share:.2} {} {}\n",
                    rule.name(),
                    ex.dom.describe(i),
                    preview(&text)
                ));
            }
        }
    }
    if let Some(b) = ex.article_box {
        let share = unfiltered.nodes[b].p_text_len as f32 / total_p;
        out.push_str(&format!(
            "keep article-box     p={share:.2} {} (classed like chrome, holds the page's prose)\n",
            ex.dom.describe(b)
        ));
    }
    out.push_str("== containers\n");
    for &r in &ex.roots {
        let what = if ex.ledes.contains(&r) { "lede" } else { "root" };
        out.push_str(&format!(
            "{what} {} text={} links={:.2}\n",
            ex.dom.describe(r),
            ex.dom.nodes[r].text_len,
            ex.dom.nodes[r].link_density()
        ));
    }
    out.push_str("== blocks\n");
    for (b, verdict) in ex.blocks.iter().zip(&ex.verdicts) {
        let status = verdict.map_or_else(|| "keep".to_string(), |rule| rule.to_string());
        out.push_str(&format!(
            "{status:<19} {:<10} {} {}\n",
            b.kind.as_str(),
            ex.dom.describe(b.owner),
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

/// Why a subtree or block is left out of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// nav, aside, header, footer, figcaption.
    ChromeTag,
    /// Class/id vocabulary of chrome.
    ChromeClass,
    /// ARIA landmark role of chrome.
    ChromeRole,
    /// Not shown on the page.
    Hidden,
    /// Outside the chosen content containers.
    OutsideContainer,
    /// Inside a link-heavy box (related stories, tag clouds, pagers).
    LinkHeavyBox,
    /// A paragraph line mostly made of links.
    LinkHeavyLine,
    /// A line of page furniture, by the detector that took it.
    Boilerplate(Furniture),
    /// The page's `<h1>`, which is the title, not the body.
    Title,
    /// A section headed "About the author" (a bio, not the article).
    AuthorSection,
    /// A section headed "Related posts", "Latest news" (links to other stories).
    RelatedSection,
    /// A section headed as an ad or a call to action ("Advertisement: ...", "Join our newsletter").
    PromoSection,
    /// A repeat of paragraphs already kept (a template's second copy).
    Repeated,
    /// In the small box of a sign-up form, beside its pitch or consent line.
    SignupBox,
    /// After the article's body, in a box of another kind (bio, disclaimer, promo).
    ArticleTail,
    /// A standfirst above the article's text, named so by its class.
    Standfirst,
    /// In a row of look-alike cards, each a linked title and an excerpt.
    TeaserListing,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::ChromeTag => "chrome-tag",
            Rule::ChromeClass => "chrome-class",
            Rule::ChromeRole => "chrome-role",
            Rule::Hidden => "hidden",
            Rule::OutsideContainer => "outside-container",
            Rule::LinkHeavyBox => "link-heavy-box",
            Rule::LinkHeavyLine => "link-heavy-line",
            Rule::Boilerplate(_) => "boilerplate",
            Rule::Title => "title",
            Rule::AuthorSection => "author-section",
            Rule::RelatedSection => "related-section",
            Rule::PromoSection => "promo-section",
            Rule::Repeated => "repeated",
            Rule::SignupBox => "signup-box",
            Rule::ArticleTail => "article-tail",
            Rule::Standfirst => "standfirst",
            Rule::TeaserListing => "teaser-listing",
        }
    }
}

/// A rule's name; a boilerplate line's names its detector too
/// ("boilerplate/dateline").
impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rule::Boilerplate(furniture) => write!(f, "{}/{}", self.name(), furniture.name()),
            rule => f.write_str(rule.name()),
        }
    }
}

/// The extractor's stages over one page, with each stage's decisions kept
/// so that [`explain_html`] can show them.
struct Extraction<'a> {
    dom: FlatDom<'a>,
    /// Per node: the rule that dropped the subtree rooted there as chrome.
    chrome: Vec<Option<Rule>>,
    /// A box whose class looked like chrome, kept as holding the article.
    article_box: Option<usize>,
    blocks: Vec<RawBlock>,
    /// Subtrees kept as the article: the chosen containers and the lede
    /// paragraphs before them, in document order.
    roots: Vec<usize>,
    /// Of the roots, the lede paragraphs.
    ledes: Vec<usize>,
    /// Per block: `None` when kept, else the rule that dropped it.
    verdicts: Vec<Option<Rule>>,
}

impl<'a> Extraction<'a> {
    fn run(doc: &'a scraper::Html) -> Extraction<'a> {
        let mut dom = FlatDom::build(doc);
        let (mut chrome, mut weights) = mark_chrome(&dom, None);
        let article_box = misjudged_article_box(&dom, &chrome);
        if article_box.is_some() {
            (chrome, weights) = mark_chrome(&dom, article_box);
        }
        let removed = covered_subtrees(&dom, &chrome);
        dom.compute_stats(&removed);
        let blocks = blocks::collect(&dom, &removed);
        let mut roots = scoring::choose_containers(&dom, &blocks, &weights);
        let ledes = lede::find(&dom, &blocks, &roots);
        roots.extend(&ledes);
        roots.sort_unstable();
        let junk = mark_junk_containers(&dom, &roots);
        let mut verdicts: Vec<Option<Rule>> = blocks.iter().map(|b| judge_block(&dom, &roots, &junk, b)).collect();
        keep_later_h1s(&blocks, &mut verdicts);
        keep_linked_item_titles(&blocks, &mut verdicts);
        drop_headed_sections(
            &dom,
            &blocks,
            &mut verdicts,
            headings::is_author_heading,
            MAX_AUTHOR_SECTION_LEN,
            Rule::AuthorSection,
        );
        drop_headed_sections(
            &dom,
            &blocks,
            &mut verdicts,
            headings::is_related_heading,
            MAX_RELATED_SECTION_LEN,
            Rule::RelatedSection,
        );
        drop_headed_sections(
            &dom,
            &blocks,
            &mut verdicts,
            headings::is_promo_heading,
            MAX_PROMO_SECTION_LEN,
            Rule::PromoSection,
        );
        drop_repeated_runs(&dom, &blocks, &mut verdicts);
        drop_signup_boxes(&dom, &blocks, &mut verdicts);
        drop_standfirsts(&dom, &blocks, &mut verdicts);
        let kept: Vec<bool> = verdicts.iter().map(Option::is_none).collect();
        for i in listing::find(&dom, &blocks, &kept) {
            verdicts[i] = Some(Rule::TeaserListing);
        }
        let kept: Vec<bool> = verdicts.iter().map(Option::is_none).collect();
        let linked: Vec<bool> =
            verdicts.iter().map(|v| matches!(v, Some(Rule::LinkHeavyBox | Rule::LinkHeavyLine))).collect();
        for i in tail::find(&dom, &blocks, &kept, &linked) {
            verdicts[i] = Some(Rule::ArticleTail);
        }
        Extraction { dom, chrome, article_box, blocks, roots, ledes, verdicts }
    }

    fn into_blocks(self) -> Vec<Block> {
        self.blocks
            .into_iter()
            .zip(self.verdicts)
            .filter(|(_, v)| v.is_none())
            .map(|(b, _)| Block { kind: b.kind, text: b.text })
            .collect()
    }
}

/// Share of the page's `<p>` text above which an element is the article
/// itself, whatever its class says.
const MAIN_TEXT_SHARE: f32 = 0.5;

/// Marks the roots of chrome subtrees (top-down, so nothing inside a dropped
/// subtree is judged again) and returns them with each element's class/id
/// weight for scoring. `article_box`, if given, is judged as plain content
/// whatever its class says (see [`misjudged_article_box`]).
fn mark_chrome(dom: &FlatDom, article_box: Option<usize>) -> (Vec<Option<Rule>>, scoring::Weights) {
    let n = dom.nodes.len();
    let mut chrome: Vec<Option<Rule>> = vec![None; n];
    let mut weights = vec![0.0f32; n];
    let total_p = dom.nodes.first().map_or(0, |r| r.p_text_len) as f32;
    let holds_text = holds_own_text(dom);
    let mut i = 1;
    while i < n {
        let node = &dom.nodes[i];
        let Some(el) = node.element() else {
            i += 1;
            continue;
        };
        let signal = if article_box == Some(i) { Signal::Neutral } else { elements::classify(el) };
        weights[i] = match signal {
            Signal::StrongChrome | Signal::Chrome => -25.0,
            Signal::Content => 25.0,
            Signal::Neutral => 0.0,
        };
        let rule = match node.tag {
            Tag::Body | Tag::Article | Tag::Main | Tag::P | Tag::Heading(_) => None,
            Tag::Header if is_section_header(dom, i) => None,
            Tag::Aside if is_note_in_text(dom, i) => None,
            Tag::Nav | Tag::Aside | Tag::Header | Tag::Footer | Tag::Figcaption => Some(Rule::ChromeTag),
            _ => match signal {
                Signal::StrongChrome if !is_phrase_in_text(dom, i, &holds_text) => Some(Rule::ChromeClass),
                Signal::Chrome if !holds_prose(node) && !in_prose_run(dom, i, total_p) => Some(Rule::ChromeClass),
                _ => elements::is_chrome_role(el).then_some(Rule::ChromeRole),
            },
        }
        // Collapsed accordions and tabs hide article paragraphs too; hidden
        // metadata and menus have none.
        .or_else(|| (elements::is_hidden(el) && node.p_text_len < 300).then_some(Rule::Hidden));
        // A footer is the foot of the page or of a section, never its body:
        // beside a short article, its disclaimers and addresses are most of
        // the page's paragraph text.
        let holds_main_text =
            node.tag != Tag::Footer && total_p > 0.0 && node.p_text_len as f32 >= MAIN_TEXT_SHARE * total_p;
        if rule.is_some() && !holds_main_text {
            chrome[i] = rule;
            i = node.end.max(i + 1);
        } else if is_code(node) {
            // Syntax highlighters class a code's tokens "comment", "meta",
            // "tag": the code is shown whole.
            i = node.end.max(i + 1);
        } else {
            // The article's own box does not score as chrome either.
            if holds_main_text {
                weights[i] = weights[i].max(0.0);
            }
            i += 1;
        }
    }
    (chrome, weights)
}

/// Per node: whether it holds non-whitespace text of its own, beside its
/// child elements (a paragraph's running text).
fn holds_own_text(dom: &FlatDom) -> Vec<bool> {
    let mut holds = vec![false; dom.nodes.len()];
    // Node 0 is the document, not a text node.
    for node in dom.nodes.iter().skip(1) {
        // A text node's text_len counts its non-whitespace chars.
        if node.element().is_none() && node.text_len > 0 {
            holds[node.parent] = true;
        }
    }
    holds
}

/// Whether element `i` is a link or an inline element set in running text
/// ("determine <a class=\"recommendation-inline-link\">who will be paying</a>
/// and how much"): a chrome word in its class names what the link does (opens
/// a popup, points to a recommended story), while its text is a phrase of the
/// sentence. Screen-reader-only text stays out, as the page does not show it.
fn is_phrase_in_text(dom: &FlatDom, i: usize, holds_text: &[bool]) -> bool {
    let node = &dom.nodes[i];
    matches!(node.tag, Tag::A | Tag::Inline)
        && holds_text[node.parent]
        && node.element().is_some_and(|el| !elements::names_unseen_text(el))
}

/// A code block or inline code, whose inner classes name code tokens.
fn is_code(node: &dom::Node) -> bool {
    node.tag == Tag::Pre || node.element().is_some_and(|e| e.name() == "code")
}

/// Whether the `<header>` at `i` heads a part of the article rather than the
/// page (HTML lets every section have one): it holds a sub-heading but not
/// the page's `<h1>`, and sits inside an `<article>`, `<section>` or `<main>`.
fn is_section_header(dom: &FlatDom, i: usize) -> bool {
    let subtree = &dom.nodes[i..dom.nodes[i].end.max(i + 1)];
    if subtree.iter().any(|n| n.tag == Tag::Heading(1)) || !subtree.iter().any(|n| matches!(n.tag, Tag::Heading(_))) {
        return false;
    }
    dom.ancestors(i).any(|a| matches!(dom.nodes[a].tag, Tag::Article | Tag::Section | Tag::Main))
}

/// Shortest paragraph, in non-whitespace chars, beside an `<aside>` that
/// places the aside in the article's text.
const MIN_FLOW_PARAGRAPH_LEN: u32 = 80;

/// Whether the `<aside>` at `i` is a note set in the article's text (a
/// "note on other devices", a definitions box): it holds prose and stands
/// among the article's paragraphs. A page's sidebar stands beside the
/// article's box, and pull quotes and related links hold no prose.
fn is_note_in_text(dom: &FlatDom, i: usize) -> bool {
    let node = &dom.nodes[i];
    holds_prose(node)
        && scoring::element_children(dom, node.parent)
            .any(|c| c != i && dom.nodes[c].tag == Tag::P && dom.nodes[c].text_len >= MIN_FLOW_PARAGRAPH_LEN)
}

/// Share of the kept paragraph text that a box dropped for its class must
/// hold to be the article's: a little under all of it, as the kept rest
/// counts a page title's summary and repeated intro lines too.
const ARTICLE_BOX_SHARE: f32 = 0.9;

/// A box dropped for its class that holds about as much paragraph text as
/// everything kept ([`ARTICLE_BOX_SHARE`]): the template names the article's
/// column like chrome ("sidebar-content", a tab panel classed "hidden"), and
/// without it the page keeps no more than its leftovers. Readability,
/// likewise, retries without its class filter when the strict pass leaves
/// too little text.
fn misjudged_article_box(dom: &FlatDom, chrome: &[Option<Rule>]) -> Option<usize> {
    let total_p = dom.nodes.first().map_or(0, |r| r.p_text_len);
    let dropped_p: u32 =
        chrome.iter().enumerate().filter(|(_, r)| r.is_some()).map(|(i, _)| dom.nodes[i].p_text_len).sum();
    let kept_p = total_p.saturating_sub(dropped_p);
    let (best, best_p) = chrome
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Some(Rule::ChromeClass))
        .map(|(i, _)| (i, dom.nodes[i].p_text_len))
        .max_by_key(|&(_, p)| p)?;
    (best_p > 0 && best_p as f32 >= ARTICLE_BOX_SHARE * kept_p as f32).then_some(best)
}

/// Whether element `i` is one of a run of same-class siblings that together
/// hold most of the page's paragraph text: an article laid out as one
/// "card" or "item" box per paragraph.
fn in_prose_run(dom: &FlatDom, i: usize, total_p: f32) -> bool {
    let node = &dom.nodes[i];
    let class = node.element().and_then(|e| e.attr("class"));
    if node.p_text_len == 0 || class.is_none() || total_p == 0.0 {
        return false;
    }
    let parent = node.parent;
    let mut run_p = 0u32;
    let mut j = parent + 1;
    while j < dom.nodes[parent].end {
        let sib = &dom.nodes[j];
        if sib.element().and_then(|e| e.attr("class")) == class {
            run_p += sib.p_text_len;
        }
        j = sib.end.max(j + 1);
    }
    run_p as f32 >= MAIN_TEXT_SHARE * total_p
}

/// Expands subtree-root marks to every node they cover.
fn covered_subtrees(dom: &FlatDom, roots: &[Option<Rule>]) -> Vec<bool> {
    let mut covered = vec![false; dom.nodes.len()];
    for (i, rule) in roots.iter().enumerate() {
        if rule.is_some() {
            let end = dom.nodes[i].end.max(i + 1);
            covered[i..end].fill(true);
        }
    }
    covered
}

/// Whether an element holds a body of unlinked text, which outweighs a weak
/// chrome signal.
fn holds_prose(node: &dom::Node) -> bool {
    node.text_len >= 300 && node.link_density() < 0.3
}

/// Share of a box's text, above which its links make it a link list or a
/// link-heavy box. Lists of the article's own (references, gear lists, course
/// lists) link a title or a product in most items and leave the rest plain,
/// so they can run well over half linked; menus and related-story boxes are
/// next to all links.
const MAX_BOX_LINK_DENSITY: f32 = 0.65;

/// Inside the chosen containers, marks link lists and link-heavy boxes
/// (related stories, tag clouds, pagers).
fn mark_junk_containers(dom: &FlatDom, roots: &[usize]) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut junk = vec![false; n];
    // Lists the text introduces are the article's, and their links do not
    // count toward the boxes that hold them.
    let mut introduced = vec![false; n];
    let mut introduced_len = vec![(0u32, 0u32); n];
    for &root in roots {
        let mut i = root + 1;
        while i < dom.nodes[root].end {
            let node = &dom.nodes[i];
            if node.tag == Tag::List && node.link_density() > 0.5 && is_introduced_list(dom, i, root) {
                introduced[i..node.end].fill(true);
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
            let link_list = link_dense && !(node.tag == Tag::List && holds_annotated_items(dom, i));
            junk[i] = is_box && node.text_len > 0 && (link_list || is_teaser(dom, i));
        }
    }
    junk
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
        .all(|n| n.element().and_then(|e| e.attr("href")).is_some_and(|href| href.starts_with('#')))
}

/// Unlinked text per item, on average, above which a link-dense list is an
/// annotated list (citations, picks with notes), not a list of links.
const MIN_ANNOTATION_LEN: u32 = 40;

/// Whether the list at `i` carries, besides its links, about a sentence of
/// unlinked text per item: references and annotated picks are the article's,
/// while related-story and tag lists are bare links.
fn holds_annotated_items(dom: &FlatDom, i: usize) -> bool {
    let node = &dom.nodes[i];
    let items = scoring::element_children(dom, i).filter(|&c| dom.nodes[c].tag == Tag::Li).count() as u32;
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

/// Longest author section dropped, in non-whitespace chars: a bio is a
/// paragraph or two, more is the article under a "Written by" heading.
const MAX_AUTHOR_SECTION_LEN: u32 = 1200;

/// Longest section of links to other stories dropped, in non-whitespace
/// chars: a few teasers with their excerpts; more is the article's own
/// section under an unlucky heading.
const MAX_RELATED_SECTION_LEN: u32 = 2000;

/// Longest section under an ad's or a call to action's heading dropped, in
/// non-whitespace chars: a pitch of a few paragraphs.
const MAX_PROMO_SECTION_LEN: u32 = 2000;

/// Rank of a paragraph that labels a section, below every heading.
const LABEL_RANK: u8 = 7;

/// Drops the sections headed by a heading (or a paragraph label ending in
/// ':') that `is_section_heading` accepts: the heading and the blocks after
/// it, inside the heading's parent box, up to the next heading of the same
/// or a higher rank, when the kept text of the section is at most `max_len`.
fn drop_headed_sections(
    dom: &FlatDom,
    blocks: &[RawBlock],
    verdicts: &mut [Option<Rule>],
    is_section_heading: fn(&str) -> bool,
    max_len: u32,
    rule: Rule,
) {
    let rank = |b: &RawBlock| match dom.nodes[b.owner].tag {
        Tag::Heading(level) => Some(level),
        _ => None,
    };
    for i in 0..blocks.len() {
        let level = match rank(&blocks[i]) {
            Some(level) => level,
            // A label set as a paragraph ("About the Author:") heads the
            // blocks up to the next heading of any rank.
            None if blocks[i].kind == BlockKind::Paragraph && blocks[i].text.ends_with(':') => LABEL_RANK,
            None => continue,
        };
        // A heading dropped as a furniture line ("You may also like") still
        // heads its section.
        if verdicts[i].is_some_and(|v| !matches!(v, Rule::Boilerplate(_))) || !is_section_heading(&blocks[i].text) {
            continue;
        }
        let owner = blocks[i].owner;
        let box_end = dom.nodes[dom.nodes[owner].parent].end;
        let section_len =
            blocks[i + 1..].iter().take_while(|b| b.owner < box_end && rank(b).is_none_or(|l| l > level)).count();
        let section = i..i + 1 + section_len;
        let kept_len: u32 = section.clone().filter(|&j| verdicts[j].is_none()).map(|j| blocks[j].text_len).sum();
        if kept_len <= max_len {
            for v in &mut verdicts[section] {
                v.get_or_insert(rule);
            }
        }
    }
}

/// Shortest block, in non-whitespace chars, checked for repeats: short
/// lines ("Pros", "Buy now") repeat legitimately.
const MIN_REPEAT_LEN: u32 = 40;

/// Fewest repeated paragraphs in a row that make a second copy of a section.
const MIN_REPEATED_RUN: usize = 2;

/// Drops kept blocks that repeat the text of an earlier kept block held in
/// another box, in runs of at least [`MIN_REPEATED_RUN`]: responsive templates
/// ship the same section twice (one copy per screen size), while a lone
/// repeat is often the article's own (a recap, a table row).
fn drop_repeated_runs(dom: &FlatDom, blocks: &[RawBlock], verdicts: &mut [Option<Rule>]) {
    // Text -> the box holding its first copy; a repeat in the same box is
    // the article's own (a refrain, a lorem ipsum filler).
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // Short lines between repeated paragraphs (headings, labels) neither
    // start nor break a run.
    let kept: Vec<usize> =
        (0..blocks.len()).filter(|&i| verdicts[i].is_none() && blocks[i].text_len >= MIN_REPEAT_LEN).collect();
    let repeated: Vec<bool> = kept
        .iter()
        .map(|&i| {
            let holder = dom.nodes[blocks[i].owner].parent;
            *seen.entry(blocks[i].text.as_str()).or_insert(holder) != holder
        })
        .collect();
    let mut start = 0;
    while start < kept.len() {
        if !repeated[start] {
            start += 1;
            continue;
        }
        let end = (start..kept.len()).find(|&j| !repeated[j]).unwrap_or(kept.len());
        if end - start >= MIN_REPEATED_RUN {
            for &i in &kept[start..end] {
                verdicts[i] = Some(Rule::Repeated);
            }
        }
        start = end;
    }
}

/// Most text, in non-whitespace chars, of a sign-up form's box: a pitch, a
/// field's label, a button and the consent line.
const MAX_SIGNUP_BOX_LEN: u32 = 400;

/// Drops the kept lines of sign-up forms set inside the article ("Be the
/// first to know! Get deals texted right to your phone!"): the largest box
/// of at most [`MAX_SIGNUP_BOX_LEN`] around a block dropped as a sign-up
/// notice holds the form's pitch and labels, not the article's text.
fn drop_signup_boxes(dom: &FlatDom, blocks: &[RawBlock], verdicts: &mut [Option<Rule>]) {
    let total_kept: u32 =
        blocks.iter().zip(verdicts.iter()).filter(|(_, v)| v.is_none()).map(|(b, _)| b.text_len).sum();
    let boxes: Vec<usize> = blocks
        .iter()
        .zip(verdicts.iter())
        .filter(|(b, v)| matches!(v, Some(Rule::Boilerplate(_))) && furniture::is_signup_notice(&b.text))
        .filter_map(|(b, _)| dom.ancestors(b.owner).take_while(|&a| dom.nodes[a].text_len <= MAX_SIGNUP_BOX_LEN).last())
        .collect();
    for signup_box in boxes {
        let inside = |b: &RawBlock| (signup_box..dom.nodes[signup_box].end).contains(&b.owner);
        let held: u32 =
            blocks.iter().zip(verdicts.iter()).filter(|(b, v)| v.is_none() && inside(b)).map(|(b, _)| b.text_len).sum();
        // A page whose whole text is that small is the form's page.
        if 2 * held >= total_kept {
            continue;
        }
        for (b, v) in blocks.iter().zip(verdicts.iter_mut()) {
            if v.is_none() && inside(b) {
                *v = Some(Rule::SignupBox);
            }
        }
    }
}

/// Most of the kept text a standfirst holds: a page that keeps little else
/// has its text in the box so named.
const MAX_STANDFIRST_SHARE: f32 = 0.25;

/// Drops the standfirst kept before the article's text: the paragraphs,
/// ahead of every other kept paragraph, whose box or its parent's box is
/// named an excerpt or a subtitle ([`elements::names_standfirst`]). It sums
/// up the article under its headline, and the article then says it again.
fn drop_standfirsts(dom: &FlatDom, blocks: &[RawBlock], verdicts: &mut [Option<Rule>]) {
    let named = |b: &RawBlock| {
        std::iter::once(b.owner)
            .chain(dom.ancestors(b.owner))
            .take(2)
            .any(|a| dom.nodes[a].element().is_some_and(elements::names_standfirst))
    };
    let leading: Vec<usize> = (0..blocks.len())
        .filter(|&i| verdicts[i].is_none() && blocks[i].kind == BlockKind::Paragraph)
        .take_while(|&i| named(&blocks[i]))
        .collect();
    let total_kept: u32 =
        blocks.iter().zip(verdicts.iter()).filter(|(_, v)| v.is_none()).map(|(b, _)| b.text_len).sum();
    let standfirst_len: u32 = leading.iter().map(|&i| blocks[i].text_len).sum();
    if standfirst_len as f32 > MAX_STANDFIRST_SHARE * total_kept as f32 {
        return;
    }
    for i in leading {
        verdicts[i] = Some(Rule::Standfirst);
    }
}

/// Fewest unlinked non-whitespace chars, and highest link density, of a
/// paragraph line whose links are phrases of its own sentence.
const MIN_SENTENCE_UNLINKED: u32 = 25;
const MAX_SENTENCE_LINK_DENSITY: f32 = 0.7;

/// Whether a link-dense paragraph line is a sentence that links a phrase
/// of its own ("The industry is taking off, with <a>market projections
/// showing growth from ...</a>."): it says something itself, while a
/// pointer ("Read next: ...") or a tag line is next to nothing but links.
fn links_a_sentence(b: &RawBlock, density: f32) -> bool {
    b.text_len.saturating_sub(b.link_len) >= MIN_SENTENCE_UNLINKED && density <= MAX_SENTENCE_LINK_DENSITY
}

/// Fewest words, and most chars, of a short line kept as a sentence
/// whatever its links.
const MIN_SENTENCE_WORDS: usize = 5;
const MAX_SHORT_SENTENCE_LEN: usize = 120;

/// Whether a short link-dense line is a whole sentence of the article
/// ("The <a>Askar SQA55</a> is available at <a>High Point Scientific</a>."):
/// it ends as a statement does, while a pointer to another story or a tag
/// line ends with its link's title.
fn is_short_linked_sentence(b: &RawBlock) -> bool {
    let text = b.text.trim_end();
    text.ends_with(['.', '!'])
        && text.chars().count() <= MAX_SHORT_SENTENCE_LEN
        && text.split_whitespace().count() >= MIN_SENTENCE_WORDS
}

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
fn keep_linked_item_titles(blocks: &[RawBlock], verdicts: &mut [Option<Rule>]) {
    let titles: Vec<usize> = (1..blocks.len().saturating_sub(1))
        .filter(|&i| {
            let next = &blocks[i + 1];
            verdicts[i] == Some(Rule::LinkHeavyLine)
                && !blocks[i].text.contains(':')
                && verdicts[i - 1].is_none()
                && verdicts[i + 1].is_none()
                && next.kind == BlockKind::Paragraph
                && next.text_len >= MIN_ITEM_TEXT_LEN
        })
        .collect();
    if titles.len() >= MIN_LINKED_ITEM_TITLES {
        for i in titles {
            verdicts[i] = None;
        }
    }
}

/// Keeps the `<h1>`s after the first one inside the article: the first is
/// its title, while markdown renderers and page builders set the article's
/// own sections as further `<h1>`s.
fn keep_later_h1s(blocks: &[RawBlock], verdicts: &mut [Option<Rule>]) {
    let mut titles = (0..blocks.len()).filter(|&i| verdicts[i] == Some(Rule::Title));
    titles.next();
    for i in titles.collect::<Vec<_>>() {
        verdicts[i] = furniture::furniture_heading(&blocks[i].text).map(Rule::Boilerplate);
    }
}

/// Whether a line ends with a colon, introducing the quote or list after
/// it ("Posted on <a>the ASA's community forum on 2025-07-09</a>:"): it
/// belongs to the article even when its source is linked, while pointers
/// to other stories ("Next: ...") end with their link.
fn introduces_what_follows(b: &RawBlock) -> bool {
    b.text.ends_with(':')
}

/// The rule that drops a block, if any.
fn judge_block(dom: &FlatDom, roots: &[usize], junk: &[bool], b: &RawBlock) -> Option<Rule> {
    if !roots.iter().any(|&r| b.owner >= r && b.owner < dom.nodes[r].end) {
        return Some(Rule::OutsideContainer);
    }
    if junk[b.owner] {
        return Some(Rule::LinkHeavyBox);
    }
    if dom.nodes[b.owner].tag == Tag::Heading(1) {
        return Some(Rule::Title);
    }
    // Linked headings and list items inside the article are its entries (a
    // listicle's "3. Product name", a reading list); a linked paragraph line
    // is a pointer elsewhere.
    let density = if b.text_len == 0 { 1.0 } else { b.link_len as f32 / b.text_len as f32 };
    if density > 0.5
        && b.kind == BlockKind::Paragraph
        && !links_a_sentence(b, density)
        && !introduces_what_follows(b)
        && !is_short_linked_sentence(b)
    {
        return Some(Rule::LinkHeavyLine);
    }
    let furniture = if b.kind == BlockKind::Heading {
        furniture::furniture_heading(&b.text)
    } else {
        furniture::boilerplate(&b.text)
    };
    furniture.map(Rule::Boilerplate)
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "The minister said on Tuesday that the talks, which began in March, had reached a decisive stage and would continue next week.";
    const P2: &str = "Officials from both countries, speaking on condition of anonymity, said the agreement covered trade, security and migration.";
    const P3: &str = "Critics of the deal, however, warned that it left several questions unanswered, including how it would be enforced.";

    fn texts(html: &str) -> Vec<String> {
        extract_html(html, None).blocks.into_iter().map(|b| b.text).collect()
    }

    fn page(extra_before: &str, extra_inside: &str, extra_after: &str) -> String {
        format!(
            "<html><body>{extra_before}<article><h1>Talks reach decisive stage</h1><p>{P1}</p><p>{P2}</p>{extra_inside}<p>{P3}</p></article>{extra_after}</body></html>"
        )
    }

    #[test]
    fn article_paragraphs_are_kept_in_order_without_the_title() {
        assert_eq!(texts(&page("", "", "")), vec![P1, P2, P3]);
    }

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
    fn list_items_headings_and_blockquotes_keep_their_kinds() {
        let inside = "<h2>What was agreed</h2><ul><li>Lower tariffs on steel and aluminium</li><li>A joint border commission</li></ul><blockquote><p>This is a historic day for both our nations.</p></blockquote>";
        let blocks = extract_html(&page("", inside, ""), None).blocks;
        let kinds: Vec<(BlockKind, &str)> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Paragraph, P1),
                (BlockKind::Paragraph, P2),
                (BlockKind::Heading, "What was agreed"),
                (BlockKind::ListItem, "Lower tariffs on steel and aluminium"),
                (BlockKind::ListItem, "A joint border commission"),
                (BlockKind::Blockquote, "This is a historic day for both our nations."),
                (BlockKind::Paragraph, P3),
            ]
        );
    }

    #[test]
    fn inline_elements_join_without_invented_spaces() {
        let inside = "<p>The  <a href=\"/x\">pre</a><em>sident</em>'s office, in a  statement,\n said it <span>welcomed</span> the outcome of the talks and the agreement.</p>";
        let got = texts(&page("", inside, ""));
        assert_eq!(
            got[2],
            "The president's office, in a statement, said it welcomed the outcome of the talks and the agreement."
        );
    }

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
    fn prose_notes_set_among_the_paragraphs_are_kept() {
        let note = "<aside class=\"center\"><p><strong>Not all vegetarians are the same.</strong><br>The types of vegetarian diets eaten in the United States can vary widely. \
            For example, vegans do not consume any animal products, including milk and eggs. Lacto-ovo vegetarians eat milk and eggs along with plant foods. \
            Some people have eating patterns that are mainly vegetarian but may include small amounts of meat, poultry, or seafood.</p></aside>";
        let got = texts(&page("", note, ""));
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[2].starts_with("Not all vegetarians are the same. The types of vegetarian diets"), "{got:?}");
        // The same note as a sidebar beside the article's box stays dropped.
        let beside = format!("<html><body><main><article><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p></article>{note}</main></body></html>");
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
    fn double_br_splits_a_block_and_single_br_is_a_space() {
        let html = format!("<html><body><div class=\"story-body\">{P1}<br>{P2}<br><br>{P3}</div></body></html>");
        assert_eq!(texts(&html), vec![format!("{P1} {P2}"), P3.to_string()]);
    }

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
    fn deep_nesting_does_not_overflow_the_stack() {
        // Deep enough to strain a recursive walk in a debug build; html5ever
        // itself is quadratic in nesting depth, so deeper only makes it slow.
        let depth = 5_000;
        let html = format!("<html><body>{}<p>{P1}</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let got = texts(&html);
        assert!(got.iter().any(|t| t == P1), "{got:?}");
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
        let beside = format!("<html><body><article><p>{P1}</p><p>{P2}</p></article><div class=\"sidebar\"><p>{P3}</p></div></body></html>");
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
    fn a_second_copy_of_a_section_in_another_box_is_dropped() {
        let html = format!(
            "<html><body><article><h1>Talks</h1><div class=\"desktop\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             <div class=\"mobile\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
        assert!(explain_html(&html, None).lines().any(|l| l.starts_with("repeated")));
        // Repeats in the same box, and lone repeats, are the article's own.
        let refrain = format!(
            "<html><body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p><p>{P2}</p></article></body></html>"
        );
        assert_eq!(texts(&refrain).len(), 5);
        let lone = format!("<html><body><article><div><p>{P1}</p><p>{P2}</p></div><div><p>{P3}</p><p>{P1}</p></div></article></body></html>");
        assert_eq!(texts(&lone).len(), 4);
    }

    #[test]
    fn highlighted_code_keeps_its_comments() {
        let code = "<pre><code class=\"hljs\"><span class=\"hljs-comment\"># stage all modified files</span>\ngit add -A</code></pre>";
        let got = texts(&page("", code, ""));
        assert_eq!(got[2], "# stage all modified files git add -A");
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
    fn toc_anchored_sections_and_skip_item_boxes_are_kept() {
        let html = format!(
            "<html><body><div class=\"skipLink-wrapper\"><a href=\"#main\">Skip to Main Content</a></div>\
             <div class=\"content-nav-section\"><p>{P1}</p></div><div class=\"skip-item\"><p>{P2}</p><p>{P3}</p></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn about_the_author_sections_are_dropped() {
        let bio = "<h2>About the Author</h2><p>Jane Doe is a finance writer who has covered markets for ten years.</p>\
                   <h3>Jane Doe</h3><p>Follow her for more.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><h2>Reactions</h2><p>{P2}</p>{bio}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, "Reactions", P2, "Next steps", P3]);
    }

    #[test]
    fn an_author_label_set_as_a_paragraph_heads_a_bio() {
        let bio = "<p><strong>About the Author:</strong></p><p>Jane Doe is a finance writer who has covered markets for ten years.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{bio}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
    }

    #[test]
    fn a_bare_about_heading_after_the_post_heads_a_bio() {
        let bio = "<h3>About</h3><p>Sara Harberson is the founder of Application Nation, which provides personalized advice to college applicants.</p>";
        let html = format!(
            "<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>{bio}</article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn related_story_sections_are_dropped_up_to_the_next_section() {
        let related = "<h2>Latest News</h2>\
            <h3>Can You Sue Social Security to Receive Your Benefits?</h3><p>When the Social Security Administration denies your claim, it can feel like a dead end.</p>\
            <h3>Social Security Disability Laws 101</h3><p>Navigating the complex landscape of disability laws can be overwhelming.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{related}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
        assert!(explain_html(&html, None)
            .lines()
            .any(|l| l.starts_with("related-section") && l.contains("Latest News")));
    }

    #[test]
    fn section_h1s_after_the_title_are_kept() {
        let html = format!(
            "<html><body><article><h1>Small is the new large</h1><p>{P1}</p><h1>What is a SLM?</h1><p>{P2}</p><h1>Subscribe</h1><h1>The results</h1><p>{P3}</p></article></body></html>"
        );
        assert_eq!(texts(&html), vec![P1, "What is a SLM?", P2, "The results", P3]);
    }

    #[test]
    fn table_of_contents_titles_are_dropped() {
        let toc = "<h2>Table of Contents:</h2><ul><li><a href=\"#agreed\">What was agreed</a></li><li><a href=\"#next\">Next steps</a></li></ul>";
        assert_eq!(texts(&page("", toc, "")), vec![P1, P2, P3]);
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
    fn pointer_headings_to_other_stories_are_dropped() {
        let inside = "<h4>READ MORE: Will ChatGPT Eliminate the College Admissions Essay?</h4><h5>Related: PPE Inspections and Why They’re Important</h5>";
        assert_eq!(texts(&page("", inside, "")), vec![P1, P2, P3]);
    }

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
    fn a_lone_standfirst_outside_the_body_box_is_left_out() {
        let html = format!(
            "<html><body><div class=\"top\"><div class=\"wrap\"><div class=\"hero\"><h1>Talks reach decisive stage</h1><p>{P1}</p></div></div></div>\
             <div class=\"main\"><div class=\"body\"><p>{P2}</p><p>{P3}</p></div></div></body></html>"
        );
        assert_eq!(texts(&html), vec![P2, P3]);
    }

    #[test]
    fn linked_entry_headings_are_kept_and_linked_lines_dropped() {
        let inside = "<h3><a href=\"/p/1\">1. Segway Ninebot Max</a></h3><p>Read next: <a href=\"/x\">The best scooters for commuters</a></p>";
        assert_eq!(texts(&page("", inside, "")), vec![P1, P2, "1. Segway Ninebot Max", P3]);
    }

    #[test]
    fn linked_lines_introducing_a_quote_are_kept() {
        let intro = "<p>Posted on <a href=\"/d\">American Statistical Association's community forum on 2025-07-09</a>:</p>\
            <blockquote><p>The Sports Analytics Club Program has released the fifth edition of its catalog.</p></blockquote>";
        let got = texts(&page("", intro, ""));
        assert_eq!(got[2], "Posted on American Statistical Association's community forum on 2025-07-09:");
        let pointer = "<p>Next: <a href=\"/x\">The best scooters for commuters</a></p>";
        assert_eq!(texts(&page("", pointer, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn sentences_that_link_a_title_are_kept() {
        let market = "<p>The coding bootcamp industry is taking off, with <a href=\"/r\">market projections showing growth from $1.36 billion in 2021 to an expected $3.66 billion by 2027</a>.</p>";
        let tags = "<p>Tags: <a href=\"/t/1\">circuit tester</a>, <a href=\"/t/2\">electrical tools</a>, <a href=\"/t/3\">electrician safety gear</a></p>";
        let got = texts(&page("", &format!("{market}{tags}"), ""));
        assert_eq!(got[2], "The coding bootcamp industry is taking off, with market projections showing growth from $1.36 billion in 2021 to an expected $3.66 billion by 2027.");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn sections_headed_as_an_ad_are_dropped_up_to_the_next_section() {
        let ad = "<h2>Advertisement: New AI Book!</h2><p>In this book, a marketing expert gives you the definitive playbook for the years ahead.</p>\
                  <p>Order your copy today and get the companion workbook free.</p>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{ad}<h2>Next steps</h2><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Next steps", P3]);
        assert!(explain_html(&html, None)
            .lines()
            .any(|l| l.starts_with("promo-section") && l.contains("Order your copy")));
    }

    #[test]
    fn the_lines_of_a_signup_form_inside_the_article_are_dropped() {
        let form = "<section class=\"deals\"><div>Example Deals</div><div>Be the first to know!</div><div>Get editor selected deals texted right to your phone!</div>\
                    <div>By signing up, you agree to receive recurring automated SMS marketing messages from Example Deals.</div></section>";
        assert_eq!(texts(&page("", form, "")), vec![P1, P2, P3]);
        assert!(explain_html(&page("", form, ""), None)
            .lines()
            .any(|l| l.starts_with("signup-box") && l.contains("Be the first")));
    }

    #[test]
    fn affiliate_disclosures_and_button_labels_are_dropped() {
        let inside = "<p>We may earn a commission from affiliate links on this page.</p><p>Share</p><h3>Subscribe</h3><p>{P3}</p><h2>Join our newsletter</h2>";
        let html = format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{inside}</article></body></html>")
            .replace("{P3}", P3);
        assert_eq!(texts(&html), vec![P1, P2, P3]);
    }

    #[test]
    fn boxes_after_the_article_body_are_dropped_unless_they_continue_it() {
        let body = format!("<div class=\"entry-content\"><p>{P1}</p><h2>Reactions</h2><p>{P2}</p><p>{P3}</p></div>");
        let bio = "<div class=\"writer-note\"><p>Irene is an experienced writer with five years' experience in the Tech, E-commerce, and Food niches.</p></div>";
        let html = format!("<html><body><article><h1>Talks</h1>{body}{bio}</article></body></html>");
        assert_eq!(texts(&html), vec![P1, "Reactions", P2, P3]);
        assert!(explain_html(&html, None).lines().any(|l| l.starts_with("article-tail") && l.contains("Irene")));
        // A second text widget, or a section headed like the body's, continues it.
        let widget = format!("<div class=\"entry-content\"><p>{P1}</p></div>");
        let continued = format!("<html><body><article><h1>Talks</h1>{body}{widget}</article></body></html>");
        assert_eq!(texts(&continued).len(), 5);
        let faq = "<section class=\"faq\"><h2>Reactions</h2><p>Most of the delegates welcomed the outcome of the talks.</p></section>";
        let headed = format!("<html><body><article><h1>Talks</h1>{body}{faq}</article></body></html>");
        assert_eq!(texts(&headed).len(), 6);
    }

    #[test]
    fn an_author_box_appended_to_the_body_lines_is_dropped() {
        let author_box = "<div class=\"abh_box\"><ul><li><a href=\"#about\">Author</a></li><li><a href=\"#posts\">Recent Posts</a></li></ul>\
            <div class=\"abh_text\"><p>Autumn founded Ambuja Yoga in 2014 to share her love of adventure, yoga, and travel with her fellow yogis.</p></div></div>";
        let html = format!("<html><body><article><h1>Talks</h1><div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>{author_box}</div></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, P3]);
        // An appended box without dropped links (references, a table) stays.
        let refs = "<div class=\"refs\"><p>Carriero et al., Procedural Knowledge Ontology, Section 1 (Introduction), 2024.</p></div>";
        let html = format!("<html><body><article><h1>Talks</h1><div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>{refs}</div></article></body></html>");
        assert_eq!(texts(&html).len(), 4);
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
    }

    #[test]
    fn sections_whose_anchor_id_holds_a_chrome_word_are_kept() {
        let section = format!(
            "<div class=\"section\" id=\"getting-into-trouble-with-shared-mutable-history\"><h2>Getting into trouble with shared mutable history</h2><p>{P3}</p></div>"
        );
        let html =
            format!("<html><body><article><h1>Talks</h1><p>{P1}</p><p>{P2}</p>{section}</article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, "Getting into trouble with shared mutable history", P3]);
    }

    #[test]
    fn short_sentences_made_mostly_of_links_are_kept() {
        let sentence =
            "<p>The <a href=\"/askar\">Askar SQA55</a> is available at <a href=\"/hps\">High Point Scientific</a>.</p>";
        let got = texts(&page("", sentence, ""));
        assert_eq!(got[2], "The Askar SQA55 is available at High Point Scientific.");
        // A pointer ends with the title it links to.
        let pointer = "<p>See also: <a href=\"/x\">The best telescopes for beginners</a></p>";
        assert_eq!(texts(&page("", pointer, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn boxes_flagged_as_laid_out_without_a_sidebar_are_kept() {
        let part =
            |p: &str| format!("<div class=\"blog-article__main sidebar-enabled--false container\"><p>{p}</p></div>");
        let html = format!(
            "<html><body><h1>Talks</h1>{}{}{}<div class=\"sidebar\"><p>{P1}</p></div></body></html>",
            part(P1),
            part(P2),
            part(P3)
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
    fn explain_names_the_rule_for_each_decision() {
        let report = explain_html(&page("<nav><a href=\"/\">Home</a></nav>", "", ""), Some("https://example.org/a"));
        assert!(report.contains("drop chrome-tag"), "{report}");
        assert!(report.contains("<nav>"), "{report}");
        assert!(report.contains("root #"), "{report}");
        assert!(report.contains("title "), "{report}");
        assert!(report.lines().any(|l| l.starts_with("keep") && l.contains("The minister said")), "{report}");
    }

    #[test]
    fn empty_and_text_free_pages_give_no_blocks() {
        assert!(texts("").is_empty());
        assert!(texts("<html><head><script>var x = 1;</script></head><body><img src=x></body></html>").is_empty());
    }

    #[test]
    fn standfirst_named_by_its_class_is_dropped() {
        let standfirst = "<div class=\"post-excerpt\">Talks between the two countries reached a decisive stage this week, officials said.</div>";
        let html = format!("<html><body><article><h1>Talks reach decisive stage</h1>{standfirst}<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2, P3]);
        // A box so named that holds the article's text keeps it.
        let html = format!("<html><body><article><h1>Talks reach decisive stage</h1><div class=\"entry-excerpt\"><p>{P1}</p><p>{P2}</p></div></article></body></html>");
        assert_eq!(texts(&html), vec![P1, P2]);
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
        let caption = "<div class=\"img-caption text-center\">Delegates arrive for the second round of talks. Photo: Agency</div>";
        assert_eq!(texts(&page("", caption, "")), vec![P1, P2, P3]);
    }

    #[test]
    fn byline_lines_are_dropped() {
        let byline = "<p>By Maria Lopez | March 12, 2025</p>";
        assert_eq!(texts(&page("", byline, "")), vec![P1, P2, P3]);
    }
}
