//! Test support: a parsed tree as lines, the fixture pages and html5lib
//! cases, and mutated cases made from them, to check that pruning (and the
//! tokenizer) leave the tree extraction reads unchanged.

use super::attributes::READ_ATTRIBUTES;
use super::check_and_prune;

/// The tree of a page as text, without the code of scripts and styles
/// (JSON-LD kept) and the attributes extraction does not read.
fn read_tree(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let is_code = |n: ego_tree::NodeRef<scraper::Node>| {
        n.parent().and_then(|p| p.value().as_element().map(|e| (e.name(), e.attr("type")))).is_some_and(
            |(name, kind)| matches!(name, "script" | "style") && !kind.is_some_and(|t| t.contains("ld+json")),
        )
    };
    tree_lines(
        &doc,
        |n| !(n.value().is_text() && is_code(n)),
        |name| READ_ATTRIBUTES.iter().any(|r| r.eq_ignore_ascii_case(name.as_bytes())),
    )
}

/// A parsed tree as one line per node in document order: its depth, then
/// the node (elements with their namespace and sorted attributes). Nodes
/// and attribute names the filters reject are left out.
pub(crate) fn tree_lines(
    doc: &scraper::Html,
    keep_node: impl Fn(ego_tree::NodeRef<scraper::Node>) -> bool,
    keep_attribute: impl Fn(&str) -> bool,
) -> Vec<String> {
    doc.tree
        .nodes()
        .filter(|n| keep_node(*n))
        .map(|n| match n.value() {
            scraper::Node::Element(e) => {
                let mut attrs: Vec<String> =
                    e.attrs().filter(|(k, _)| keep_attribute(k)).map(|(k, v)| format!("{k}={v}")).collect();
                attrs.sort();
                format!("{} <{} {} {}>", n.ancestors().count(), &*e.name.ns, e.name(), attrs.join(" "))
            }
            other => format!("{} {other:?}", n.ancestors().count()),
        })
        .collect()
}

/// Fails on the first line where two [`tree_lines`] differ.
pub(crate) fn assert_same_tree(before: &[String], after: &[String], page: &str) {
    let first = before.iter().zip(after).position(|(b, a)| b != a);
    assert_eq!(before.len(), after.len(), "{first:?}: {:?} in {page:?}", first.map(|i| (&before[i], &after[i])));
    assert_eq!(first, None, "{:?} in {page:?}", first.map(|i| (&before[i], &after[i])));
}

/// Real pages (data/html) and html5lib's tree-construction cases.
pub(crate) fn fixture_pages() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in ["data/html", "tests/fixtures/hostile/html5lib"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
            let path = entry.expect("fixture").path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            match path.extension().and_then(|e| e.to_str()) {
                Some("html") => pages.push(text),
                Some("dat") => pages.extend(html5lib_cases(&text)),
                _ => {}
            }
        }
    }
    pages
}

/// The `#data` inputs of an html5lib tree-construction file.
pub(crate) fn html5lib_cases(dat: &str) -> Vec<String> {
    dat.split("#data\n")
        .skip(1)
        .filter_map(|case| case.split_once("\n#errors"))
        .map(|(data, _)| data.to_string())
        .collect()
}

/// A small deterministic generator (xorshift64): the same cases every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A char boundary of `text`, anywhere from its start to its end.
    fn boundary(&mut self, text: &str) -> usize {
        let mut at = self.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// Markup that switches the tokenizer's states, half-finished on purpose,
/// in themes: a case draws most of its insertions from one theme, so
/// that sequences of related markup (`<script><!--<script></script>`)
/// come up often.
const MUTATIONS: &[&[&str]] = &[
    &["<", "&", "</", "<!", "<?", ">", "/>", "=", "\"", "'", "\0", "\r", "\r\n", "\n", " ", "x", "é", "\u{feff}"],
    &[
        "<script>", "</script>", "</script ", "<SCRIPT>", "<script ", "<!--", "-->", "->", "-", ">", "<", "/", "x",
        "</scripts>",
    ],
    &["<!--", "-->", "--!>", "-", "<!-->", "<!--->", "!", ">", "--", "<!", "-- >"],
    &[
        "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>", "<xmp>", "</xmp>", "<iframe>",
        "<noscript>", "<noembed>", "<plaintext>", "</", "<", "&amp;",
    ],
    &[
        "<svg>", "</svg>", "<math>", "</math>", "<mi>", "<foreignObject>", "<desc>", "<![CDATA[", "]]>", "]]", "]",
        "<font color=red>", "<p>", "<b>", "<script>", "</script>",
    ],
    &[
        "<table>", "<tr>", "<td>", "</td>", "</table>", "<template>", "</template>", "<select>", "<option>", "<b>",
        "</b>", "<a href=x>", "</a>", "<p>", "</p>", "<li>",
    ],
    &[
        "<p ", "<a href=", "<div class=\"x", "<DIV Id=A>", " id=", "=", "\"", "'", "/", ">", " ", "&amp", "&lt", "a=b",
        "<br/ >", "<img src=x/>",
    ],
    &[
        "&amp", "&amp;", "&#", "&#x", "&#128;", "&#x10FFFF;", "&#0;", "&#xD800;", "&notit;", "&copy=", "&copy", "&",
        ";", "x", "1", "=", "<p title=\"",
    ],
    &[
        "<!DOCTYPE html>", "<!doctype", " html", " PUBLIC", " SYSTEM", " \"-//W3C//DTD HTML 4.01//EN\"",
        " 'about:legacy-compat'", "\"", "'", ">", "<!DOCTYPE>",
    ],
];

/// Cases made from `sources` by up to twelve random edits: inserted
/// [`MUTATIONS`], cut ranges, truncations, on a window of at most 1,500
/// bytes of a source. Half the windows come from the few long sources
/// (real pages), half from the many short ones (html5lib inputs).
pub(crate) fn mutated_cases(sources: &[String], count: usize, seed: u64) -> Vec<String> {
    let (long, short): (Vec<&String>, Vec<&String>) = sources.iter().partition(|s| s.len() > 4_096);
    let mut random = XorShift(seed);
    (0..count)
        .map(|_| {
            let pool = if random.below(2) == 0 && !long.is_empty() { &long } else { &short };
            let source = pool[random.below(pool.len())];
            let source = if random.below(4) == 0 { "" } else { source.as_str() };
            let start = random.boundary(source);
            let mut end = (start + 1 + random.below(1_500)).min(source.len());
            while !source.is_char_boundary(end) {
                end -= 1;
            }
            let mut case = source[start..end].to_string();
            let theme = MUTATIONS[random.below(MUTATIONS.len())];
            for _ in 0..1 + random.below(12) {
                let at = random.boundary(&case);
                match random.below(10) {
                    0 => {
                        let mut to = (at + random.below(40)).min(case.len());
                        while !case.is_char_boundary(to) {
                            to -= 1;
                        }
                        case.replace_range(at..to, "");
                    }
                    1 => case.truncate(at),
                    2 => {
                        let any = MUTATIONS[random.below(MUTATIONS.len())];
                        case.insert_str(at, any[random.below(any.len())]);
                    }
                    _ => case.insert_str(at, theme[random.below(theme.len())]),
                }
            }
            case
        })
        .collect()
}

#[test]
fn mutated_pages_prune_to_the_same_tree() {
    for html in mutated_cases(&fixture_pages(), 1_500, 0x5eed_5678_ef01_0002) {
        let pruned = check_and_prune(&html).unwrap_or_else(|e| panic!("{e:?}"));
        assert_same_tree(&read_tree(&html), &read_tree(&pruned), &html);
    }
}

#[test]
fn pruned_pages_parse_to_the_same_tree() {
    // Pruning changes no element, text or attribute that extraction reads.
    let pages = fixture_pages();
    assert!(pages.len() > 200, "{} pages", pages.len());
    for html in &pages {
        let pruned = check_and_prune(html).unwrap_or_else(|e| panic!("{e:?}"));
        assert_same_tree(&read_tree(html), &read_tree(&pruned), html);
    }
}
