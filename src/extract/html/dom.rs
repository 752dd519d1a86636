//! A flat, preorder copy of the parsed DOM with per-node text statistics,
//! so that every later pass is a linear loop instead of a tree recursion.

use crate::extract::attribute::AttributeByName;
use ego_tree::iter::Edge;
use html5ever::{local_name, LocalName};
use scraper::{node::Element, Html, Node as HtmlNode};

/// The element kinds extraction distinguishes; everything else is `Inline`
/// (text joined without spaces) or `OtherBlock` (a block boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    P,
    Div,
    Section,
    Article,
    Main,
    Body,
    Heading(u8),
    Li,
    List,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tr,
    Cell,
    Figure,
    Figcaption,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    A,
    Br,
    OtherBlock,
    Inline,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "p" => Tag::P,
            "div" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "body" => Tag::Body,
            "h1" => Tag::Heading(1),
            "h2" => Tag::Heading(2),
            "h3" => Tag::Heading(3),
            "h4" => Tag::Heading(4),
            "h5" => Tag::Heading(5),
            "h6" => Tag::Heading(6),
            "li" => Tag::Li,
            "ul" | "ol" | "dl" | "menu" => Tag::List,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "table" => Tag::Table,
            "tr" => Tag::Tr,
            "td" | "th" => Tag::Cell,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "nav" => Tag::Nav,
            "aside" => Tag::Aside,
            "form" => Tag::Form,
            "a" => Tag::A,
            "br" => Tag::Br,
            "address" | "center" | "details" | "summary" | "caption" | "hr" | "html" | "thead" | "tbody" | "tfoot"
            | "fieldset" | "hgroup" => Tag::OtherBlock,
            _ => Tag::Inline,
        }
    }

    /// Whether the element starts and ends a block of text.
    pub fn is_block(self) -> bool {
        !matches!(self, Tag::A | Tag::Br | Tag::Inline | Tag::Cell)
    }
}

/// Whether an `<a>` runs a script instead of leading to a page
/// (`href="javascript:…"`): its text is the text around it, as a browser
/// shows it, not a link's (Readability replaces such links by their text).
fn is_script_link(el: &Element) -> bool {
    el.attribute(&local_name!("href")).is_some_and(|href| {
        let href = href.trim_start().as_bytes();
        href.get(..11).is_some_and(|scheme| scheme.eq_ignore_ascii_case(b"javascript:"))
    })
}

/// Elements whose content is never article text.
fn is_never_content(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "canvas"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "label"
            | "dialog"
            | "picture"
            | "img"
            | "source"
            | "map"
    )
}

pub enum Content<'a> {
    Element(&'a Element),
    Text(&'a str),
}

pub struct Node<'a> {
    pub content: Content<'a>,
    pub tag: Tag,
    /// Index of the parent; the root's parent is itself (0).
    pub parent: usize,
    /// One past the last descendant: the subtree is `index..end`.
    pub end: usize,
    /// Non-whitespace characters of text in the subtree.
    pub text_len: u32,
    /// Of which inside links.
    pub link_len: u32,
    /// Commas in the subtree's text (a sign of running prose).
    pub commas: u32,
    /// Non-whitespace characters inside `<p>` elements in the subtree.
    pub p_text_len: u32,
    /// A text node's own [`text_counts`], counted once: the statistics are
    /// computed again after chrome is removed.
    own_counts: (u32, u32),
}

impl Node<'_> {
    pub fn element(&self) -> Option<&Element> {
        match self.content {
            Content::Element(e) => Some(e),
            Content::Text(_) => None,
        }
    }

    /// An element's attribute by its interned name; `None` for a text node.
    pub fn attribute(&self, name: &LocalName) -> Option<&str> {
        self.element().and_then(|e| e.attribute(name))
    }

    pub fn link_density(&self) -> f32 {
        if self.text_len == 0 {
            0.0
        } else {
            self.link_len as f32 / self.text_len as f32
        }
    }
}

/// The page as a preorder array: a node's descendants follow it directly.
pub struct FlatDom<'a> {
    pub nodes: Vec<Node<'a>>,
}

impl<'a> FlatDom<'a> {
    /// Flattens the document, leaving out elements that never hold article text.
    pub fn build(doc: &'a Html) -> FlatDom<'a> {
        // At most one node per node of the tree: reserved at once, not grown.
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(doc.tree.nodes().len());
        // Indices of the open elements; `ego_tree`'s traversal is iterative.
        let mut open: Vec<usize> = Vec::new();
        // While inside a left-out element: how many of its nested opens to skip.
        let mut skip_depth = 0usize;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node_ref) => {
                    if skip_depth > 0 {
                        skip_depth += 1;
                        continue;
                    }
                    let parent = open.last().copied().unwrap_or(0);
                    match node_ref.value() {
                        HtmlNode::Element(el) => {
                            if is_never_content(el.name()) {
                                skip_depth = 1;
                                continue;
                            }
                            open.push(nodes.len());
                            let tag = match Tag::of(el.name()) {
                                Tag::A if is_script_link(el) => Tag::Inline,
                                tag => tag,
                            };
                            nodes.push(Node::new(Content::Element(el), tag, parent));
                        }
                        HtmlNode::Text(t) => {
                            nodes.push(Node {
                                own_counts: text_counts(t),
                                ..Node::new(Content::Text(t), Tag::Inline, parent)
                            });
                            let i = nodes.len() - 1;
                            nodes[i].end = nodes.len();
                            // A text node gets an Open and a Close edge; balance it.
                            open.push(i);
                        }
                        HtmlNode::Document | HtmlNode::Fragment => {
                            open.push(nodes.len());
                            nodes.push(Node::new(Content::Text(""), Tag::OtherBlock, 0));
                        }
                        _ => skip_depth = 1,
                    }
                }
                Edge::Close(_) => {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if let Some(i) = open.pop() {
                        nodes[i].end = nodes.len();
                    }
                }
            }
        }
        let mut dom = FlatDom { nodes };
        dom.compute_stats(&[]);
        dom
    }

    /// Recomputes the text statistics bottom-up, leaving out `removed` subtrees
    /// (an empty slice removes nothing).
    pub fn compute_stats(&mut self, removed: &[bool]) {
        for n in &mut self.nodes {
            n.text_len = 0;
            n.link_len = 0;
            n.commas = 0;
            n.p_text_len = 0;
        }
        for i in (1..self.nodes.len()).rev() {
            if removed.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Content::Text(_) = self.nodes[i].content {
                let n = &mut self.nodes[i];
                (n.text_len, n.commas) = n.own_counts;
            }
            let n = &self.nodes[i];
            let (text_len, commas, parent) = (n.text_len, n.commas, n.parent);
            let link_len = if n.tag == Tag::A { text_len } else { n.link_len };
            let p_text_len = if n.tag == Tag::P { text_len } else { n.p_text_len };
            let parent = &mut self.nodes[parent];
            parent.text_len += text_len;
            parent.link_len += link_len;
            parent.commas += commas;
            parent.p_text_len += p_text_len;
        }
        // Keep link_len of links themselves consistent for density checks.
        for n in &mut self.nodes {
            if n.tag == Tag::A {
                n.link_len = n.text_len;
            }
        }
    }
}

impl FlatDom<'_> {
    /// The ancestors of node `i`, nearest first, up to the root (the node
    /// that is its own parent).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&a| Some(self.nodes[a].parent).filter(|&p| p != a)).skip(1)
    }

    /// Direct element children of node `i`.
    pub fn element_children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].end;
        let mut j = i + 1;
        std::iter::from_fn(move || {
            while j < end {
                let k = j;
                j = self.nodes[k].end.max(k + 1);
                if self.nodes[k].element().is_some() {
                    return Some(k);
                }
            }
            None
        })
    }

    /// The text of the subtree at `i`, whitespace-normalised.
    pub fn subtree_text(&self, i: usize) -> String {
        let end = self.nodes[i].end.max(i + 1);
        let mut text = String::new();
        for n in &self.nodes[i..end] {
            if let Content::Text(t) = n.content {
                text.push_str(t);
            }
        }
        crate::extract::normalize_whitespace(&text)
    }

    /// A short CSS-like label of node `i` for reports: `#index <tag.class#id>`.
    pub fn describe(&self, i: usize) -> String {
        let Some(el) = self.nodes[i].element() else {
            return format!("#{i} text");
        };
        let mut label = format!("#{i} <{}", el.name());
        if let Some(class) = el.attribute(&local_name!("class")) {
            for c in class.split_whitespace().take(3) {
                label.push('.');
                label.push_str(c);
            }
        }
        if let Some(id) = el.attribute(&local_name!("id")) {
            label.push('#');
            label.push_str(id);
        }
        label.push('>');
        label
    }
}

impl<'a> Node<'a> {
    fn new(content: Content<'a>, tag: Tag, parent: usize) -> Node<'a> {
        Node { content, tag, parent, end: 0, text_len: 0, link_len: 0, commas: 0, p_text_len: 0, own_counts: (0, 0) }
    }
}

/// Non-whitespace characters and commas (Latin and CJK) of a text.
///
/// Counted over bytes in one pass: characters are the bytes that start one,
/// and only the chars whose first byte may start a non-ASCII space or comma
/// are decoded. This runs on every text node of every page.
pub fn text_counts(text: &str) -> (u32, u32) {
    let bytes = text.as_bytes();
    let (mut chars, mut spaces, mut commas) = (0, 0, 0);
    // Counted in u8 over chunks of 255 bytes, which the compiler turns into
    // sixteen bytes an instruction; a usize count widens every byte to 64 bits.
    for chunk in bytes.chunks(u8::MAX as usize) {
        let (mut c, mut s, mut k) = (0u8, 0u8, 0u8);
        for &b in chunk {
            c = c.wrapping_add(u8::from(!is_continuation_byte(b)));
            s = s.wrapping_add(u8::from(b == b' ' || b.wrapping_sub(b'\t') < 5));
            k = k.wrapping_add(u8::from(b == b','));
        }
        (chars, spaces, commas) = (chars + usize::from(c), spaces + usize::from(s), commas + usize::from(k));
    }
    // No byte continues a char: the text is ASCII.
    if chars == bytes.len() {
        return ((chars - spaces) as u32, commas as u32);
    }
    let mut wide_spaces = 0;
    // The first bytes of U+0085, U+00A0, U+060C, U+1680, U+2000-U+205F,
    // U+3000-U+3001 and U+FF0C, found by memchr's vector scans.
    let leads = memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).chain(memchr::memchr3_iter(0xD8, 0xE1, 0xEF, bytes));
    for at in leads {
        match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_whitespace() => wide_spaces += 1,
            Some('，' | '、' | '،') => commas += 1,
            _ => {}
        }
    }
    ((chars - spaces - wide_spaces) as u32, commas as u32)
}

/// A UTF-8 byte that continues a char (`10xxxxxx`).
fn is_continuation_byte(b: u8) -> bool {
    (b as i8) < -0x40
}

#[cfg(test)]
mod tests {
    use super::text_counts;

    #[test]
    fn text_counts_skip_every_kind_of_whitespace() {
        // ASCII, with every ASCII whitespace char (vertical tab included).
        assert_eq!(text_counts(" The mayor said,\tyes,\r\n\x0b\x0cno. "), (20, 2));
        // Non-ASCII: no-break and ideographic spaces; CJK and Arabic commas.
        assert_eq!(text_counts("12,5\u{a0}€ 東京、大阪，名古屋\u{3000}قال،"), (18, 4));
        // Every Unicode space and every char sharing a first byte with one.
        let by_chars = |t: &str| {
            let kept = t.chars().filter(|c| !c.is_whitespace());
            let commas = t.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count();
            (kept.count() as u32, commas as u32)
        };
        for t in [
            "a\u{85}b\u{a0}c\u{a9}d\u{1680}e\u{1681}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{2060}",
            "\u{3000}\u{3001}\u{3002}\u{ff0c}\u{ff0d}\u{60c}\u{60d} ,“quoted,” she said…",
        ] {
            assert_eq!(text_counts(t), by_chars(t), "{t:?}");
        }
    }
}
