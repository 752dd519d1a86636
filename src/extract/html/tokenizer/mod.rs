//! A byte-oriented HTML tokenizer feeding html5ever's tree builder.
//!
//! html5ever's tokenizer pulls the page one char at a time through a queue of
//! buffers and was about 80% of the parse. This one scans the page as bytes,
//! with memchr for the long runs (text, attribute values, comments), and
//! hands each text run over as one token. Every byte it splits at is ASCII,
//! so each slice ends on a char boundary. Tree construction stays html5ever's,
//! so the tree is the one `scraper::Html::parse_document` builds; the tokens
//! follow html5ever 0.40's tokenizer (not the spec where they differ).
//!
//! Pages with NUL bytes (rare, and a different token in every state) go to
//! scraper's parser whole.
//!
//! This module runs the scan (text and what the tree builder asks of it);
//! [`tag`] reads tags and attributes, [`markup`] comments, CDATA and
//! doctypes, [`raw_text`] the text of `<script>`, `<style>`, `<title>` and
//! the like, [`char_ref`] character references.

mod char_ref;
mod markup;
mod raw_text;
mod tag;

use char_ref::char_ref;
use raw_text::Escape;
use std::borrow::Cow;

use ego_tree::Tree;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, ScriptEscapeKind};
use html5ever::tokenizer::{TagKind, Token, TokenSink};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::LocalName;
use scraper::{Html, HtmlTreeSink, Node};

/// Parses a whole document into the tree `scraper::Html::parse_document`
/// builds.
pub fn parse_document(html: &str) -> Html {
    parse_fast(html).unwrap_or_else(|| Html::parse_document(html))
}

/// Parses with [`FastTokenizer`]; `None` for a page with NUL bytes.
fn parse_fast(html: &str) -> Option<Html> {
    // html5ever drops a leading byte-order mark.
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let input = normalize_newlines(html)?;
    // The tree's nodes reserved at once, about one per `<` (an element or a
    // comment, and the text after it): growing the node vector copied it
    // ten times over on a median page.
    let nodes = memchr::memchr_iter(b'<', input.as_bytes()).count();
    let document = Html { tree: Tree::with_capacity(Node::Document, nodes), ..Html::new_document() };
    // Scripting on, as in scraper's parse_document (it decides how <noscript> parses).
    let builder = TreeBuilder::new(HtmlTreeSink::new(document), TreeBuilderOpts::default());
    FastTokenizer::new(&input, &builder).run();
    Some(builder.sink.finish())
}

/// The input stream after html5ever's preprocessing: CR LF and lone CR become
/// LF. Pages with NUL bytes are left to html5ever (NUL turns into different
/// tokens in every state).
fn normalize_newlines(html: &str) -> Option<Cow<'_, str>> {
    let Some(first) = find2(html.as_bytes(), 0, 0, b'\r') else {
        return Some(Cow::Borrowed(html));
    };
    if find(html.as_bytes(), first, 0).is_some() {
        return None;
    }
    // One pass and one copy: CR LF and a lone CR both become LF.
    let mut normalized = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(cr) = rest.find('\r') {
        normalized.push_str(&rest[..cr]);
        normalized.push('\n');
        rest = &rest[cr + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    normalized.push_str(rest);
    Some(Cow::Owned(normalized))
}

/// What the tree builder last asked the tokenizer to read text as.
#[derive(Clone, Copy)]
enum Mode {
    Data,
    Raw(RawKind),
    Plaintext,
}

/// Turns a preprocessed page into html5ever tokens for `sink`.
struct FastTokenizer<'a, S> {
    input: &'a str,
    bytes: &'a [u8],
    pos: usize,
    sink: &'a S,
    mode: Mode,
    /// Characters not yet handed to the sink: one token per run between markup.
    text: StrTendril,
    /// Decides which end tag closes RCDATA, RAWTEXT and script text.
    last_start_tag: Option<LocalName>,
}

impl<'a, S: TokenSink> FastTokenizer<'a, S> {
    /// `input` must be preprocessed: no CR, no NUL (see [`normalize_newlines`]).
    fn new(input: &'a str, sink: &'a S) -> Self {
        FastTokenizer {
            input,
            bytes: input.as_bytes(),
            pos: 0,
            sink,
            mode: Mode::Data,
            text: StrTendril::new(),
            last_start_tag: None,
        }
    }

    /// Feeds the whole input and the end of file to the sink.
    fn run(mut self) {
        while self.pos < self.bytes.len() {
            match self.mode {
                Mode::Data => self.text_run(true, true),
                Mode::Raw(RawKind::Rcdata) => self.text_run(true, false),
                Mode::Raw(RawKind::Rawtext) => self.text_run(false, false),
                Mode::Raw(RawKind::ScriptData) => self.script_run(Escape::None),
                Mode::Raw(RawKind::ScriptDataEscaped(ScriptEscapeKind::Escaped)) => self.script_run(Escape::Escaped),
                Mode::Raw(RawKind::ScriptDataEscaped(ScriptEscapeKind::DoubleEscaped)) => {
                    self.script_run(Escape::Double)
                }
                Mode::Plaintext => {
                    self.push_text(self.pos, self.bytes.len());
                    self.pos = self.bytes.len();
                }
            }
        }
        self.flush_text();
        self.process(Token::EOFToken);
        self.sink.end();
    }

    /// Text up to the next markup, then that markup. `decodes`: character
    /// references count (data and RCDATA); `markup`: `<` opens any tag
    /// (data), else only the end tag of the RCDATA or RAWTEXT element.
    fn text_run(&mut self, decodes: bool, markup: bool) {
        let start = self.pos;
        let found = if decodes { find2(self.bytes, start, b'<', b'&') } else { find(self.bytes, start, b'<') };
        let Some(at) = found else {
            self.push_text(start, self.bytes.len());
            self.pos = self.bytes.len();
            return;
        };
        self.push_text(start, at);
        self.pos = at + 1;
        if self.bytes[at] == b'&' {
            let decoded = char_ref(self.input, self.pos, false);
            self.push_char_ref(decoded);
        } else if markup {
            self.tag_open();
        } else if self.end_tag_at(at) {
            self.pos = at + 2;
            self.tag(TagKind::EndTag);
        } else {
            self.text.push_char('<');
        }
    }

    fn skip_whitespace(&mut self) {
        self.pos = self.scan(self.pos, |b| !matches!(b, b'\t' | b'\n' | b'\x0C' | b' '));
    }

    /// The index of the first byte from `from` on that `stop` accepts, or the
    /// input's length; for the short runs of names.
    fn scan(&self, from: usize, stop: impl Fn(u8) -> bool) -> usize {
        let from = from.min(self.bytes.len());
        self.bytes[from..].iter().position(|&b| stop(b)).map_or(self.bytes.len(), |i| from + i)
    }

    fn push_text(&mut self, start: usize, end: usize) {
        if start < end {
            append(&mut self.text, &self.input[start..end]);
        }
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.process(Token::CharacterTokens(text));
        }
    }

    /// Hands over a token that is not a tag: the sink only switches states after tags.
    fn process(&self, token: Token) {
        let _ = self.sink.process_token(token, 0);
    }
}

/// Appends `piece` to `tendril`. Pushing onto an empty tendril allocates
/// twice (a minimal buffer, then a power-of-two one): the first piece, most
/// often the only one, goes into a buffer of its own size instead.
fn append(tendril: &mut StrTendril, piece: &str) {
    if tendril.is_empty() {
        *tendril = StrTendril::from_slice(piece);
    } else {
        tendril.push_slice(piece);
    }
}

/// The index of the first `needle` from `from` on.
fn find(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|i| from + i)
}

/// The index of the first byte from `from` on that is `a` or `b`.
fn find2(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    memchr::memchr2(a, b, bytes.get(from..)?).map(|i| from + i)
}

/// Helpers of the tokenizer tests.
#[cfg(test)]
mod testing {
    use super::{parse_document, parse_fast};
    use crate::extract::limits::same_tree::{assert_same_tree, tree_lines};
    use scraper::Html;

    pub fn full_tree(doc: &Html) -> Vec<String> {
        let mut lines = tree_lines(doc, |_| true, |_| true);
        lines.push(format!("{:?}", doc.quirks_mode));
        lines
    }

    /// Asserts the fast parse builds html5ever's tree, and falls back only
    /// on what it leaves to html5ever.
    pub fn same_as_html5ever(html: &str) {
        let expected = full_tree(&Html::parse_document(html));
        assert_same_tree(&expected, &full_tree(&parse_document(html)), html);
        assert!(parse_fast(html).is_some() || html.contains('\0'), "fell back on {html:?}");
    }

    pub fn body_text(html: &str) -> String {
        let doc = parse_fast(html).expect("tokenized without fallback");
        doc.root_element().text().collect()
    }

    pub fn attr(html: &str, name: &str) -> String {
        let doc = parse_fast(html).expect("tokenized without fallback");
        let element = doc.tree.nodes().filter_map(|n| n.value().as_element().and_then(|e| e.attr(name))).next();
        element.unwrap_or_default().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{attr, body_text, full_tree, same_as_html5ever};
    use super::*;
    use crate::extract::limits::same_tree::{assert_same_tree, fixture_pages, html5lib_cases, mutated_cases};

    #[test]
    fn fixtures_parse_to_html5evers_tree() {
        let pages = fixture_pages();
        assert!(pages.len() > 200, "{} pages", pages.len());
        pages.iter().for_each(|html| same_as_html5ever(html));
    }

    #[test]
    fn html5lib_tree_construction_inputs_parse_to_html5evers_tree() {
        // The shared corpus sits beside the project (`make eval`'s ../shared).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/malformed/html5lib-tests/tree-construction");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            // Past the harness's capture, so the skip shows in the output.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "html5lib tree-construction: skipped, {} is absent", dir.display());
            return;
        };
        let mut cases = Vec::new();
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "dat") {
                cases.extend(html5lib_cases(&std::fs::read_to_string(entry.path()).unwrap_or_default()));
            }
        }
        assert!(cases.len() > 1000, "{} cases", cases.len());
        cases.iter().for_each(|html| same_as_html5ever(html));
    }

    #[test]
    fn newlines_are_normalized_everywhere() {
        assert_eq!(body_text("<p>one\r\ntwo\rthree</p>"), "one\ntwo\nthree");
        assert_eq!(attr("<p title=\"a\r\nb\">x</p>", "title"), "a\nb");
    }

    #[test]
    fn mutated_pages_parse_to_html5evers_tree() {
        let sources = fixture_pages();
        let cases = mutated_cases(&sources, 3_000, 0x5eed_1234_abcd_0001);
        let (mut fallbacks, mut diverging) = (0, Vec::new());
        for html in &cases {
            let Some(fast) = parse_fast(html) else {
                assert!(html.contains('\0'), "fell back on {html:?}");
                fallbacks += 1;
                continue;
            };
            let (expected, actual) = (full_tree(&Html::parse_document(html)), full_tree(&fast));
            if expected != actual {
                diverging.push((html, expected, actual));
            }
        }
        if let Some((html, expected, actual)) = diverging.first() {
            eprintln!("{} of {} cases diverge", diverging.len(), cases.len());
            assert_same_tree(expected, actual, html);
        }
        // NUL is the only input left to html5ever, and most cases have none.
        assert!(fallbacks < cases.len() / 5, "{fallbacks} of {} cases fell back", cases.len());
    }

    #[test]
    fn find_gives_the_first_of_its_bytes_from_an_offset() {
        let text = b"0123456789abcdef<ghij&";
        assert_eq!(find2(text, 0, b'&', b'<'), Some(16));
        assert_eq!(find2(text, 17, b'&', b'<'), Some(21));
        assert_eq!(find(text, 0, b'>'), None);
    }
}
