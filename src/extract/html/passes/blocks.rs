//! Pass `blocks`: turns what the chrome pass left of the flat DOM into text
//! blocks in reading order, each tied to the block element that owns its
//! text.

use super::{Page, Pass};
use crate::extract::html::dom::{self, Content, FlatDom, Tag};
use crate::extract::BlockKind;

pub(super) const PASS: Pass = Pass { name: "blocks", run };

fn run(page: &mut Page) {
    page.blocks = collect(&page.dom, &page.removed);
}

/// A block of text with the facts later passes judge it by.
pub struct RawBlock {
    pub kind: BlockKind,
    pub text: String,
    /// Innermost block element around the text.
    pub owner: usize,
    /// Non-whitespace characters, of which inside links.
    pub text_len: u32,
    pub link_len: u32,
}

struct Open {
    end: usize,
    index: usize,
    kind: BlockKind,
    is_block: bool,
    is_link: bool,
}

/// Collects the text of every node not marked in `removed`, split at block
/// element boundaries and at double `<br>`; inline text is joined as written.
fn collect(dom: &FlatDom, removed: &[bool]) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut buf = Buffer::default();
    let mut link_depth = 0usize;
    let mut i = 0;
    let n = dom.nodes.len();
    while i < n {
        while let Some(top) = stack.last() {
            if top.end > i {
                break;
            }
            if top.is_block {
                buf.flush(&stack, &mut blocks);
            }
            if top.is_link {
                link_depth -= 1;
            }
            stack.pop();
        }
        let node = &dom.nodes[i];
        if removed.get(i).copied().unwrap_or(false) {
            i = node.end.max(i + 1);
            continue;
        }
        match node.content {
            Content::Text(t) => buf.push_text(t, link_depth > 0),
            Content::Element(_) => {
                let tag = node.tag;
                let in_code = stack.last().is_some_and(|o| o.kind == BlockKind::Code);
                if tag == Tag::Br && in_code {
                    buf.text.push('\n');
                } else if tag == Tag::Br {
                    if buf.after_br {
                        buf.flush(&stack, &mut blocks);
                    } else {
                        buf.text.push(' ');
                        buf.after_br = true;
                    }
                } else {
                    if tag == Tag::Cell {
                        buf.text.push(' ');
                    }
                    let is_block = tag.is_block();
                    if is_block {
                        buf.flush(&stack, &mut blocks);
                    }
                    let parent_kind = stack.last().map_or(BlockKind::Paragraph, |o| o.kind);
                    let kind = match tag {
                        Tag::Heading(_) => BlockKind::Heading,
                        Tag::Li | Tag::Dt | Tag::Dd => BlockKind::ListItem,
                        Tag::Blockquote => BlockKind::Blockquote,
                        Tag::Pre => BlockKind::Code,
                        _ => parent_kind,
                    };
                    let is_link = tag == Tag::A;
                    if is_link {
                        link_depth += 1;
                    }
                    stack.push(Open { end: node.end, index: i, kind, is_block, is_link });
                }
            }
        }
        i += 1;
    }
    while let Some(top) = stack.last() {
        if top.is_block {
            buf.flush(&stack, &mut blocks);
        }
        stack.pop();
    }
    buf.flush(&stack, &mut blocks);
    blocks
}

#[derive(Default)]
struct Buffer {
    text: String,
    link_len: u32,
    after_br: bool,
}

impl Buffer {
    fn push_text(&mut self, t: &str, in_link: bool) {
        self.text.push_str(t);
        if in_link {
            self.link_len += dom::text_counts(t).0;
        }
        if t.chars().any(|c| !c.is_whitespace()) {
            self.after_br = false;
        }
    }

    fn flush(&mut self, stack: &[Open], out: &mut Vec<RawBlock>) {
        self.after_br = false;
        let owner_entry = stack.iter().rev().find(|o| o.is_block);
        let kind = owner_entry.map_or(BlockKind::Paragraph, |o| o.kind);
        let text = if kind == BlockKind::Code {
            code_lines(&self.text)
        } else {
            crate::extract::normalize_whitespace(&self.text)
        };
        self.text.clear();
        let link_len = std::mem::take(&mut self.link_len);
        if text.is_empty() {
            return;
        }
        let owner = owner_entry.map_or(0, |o| o.index);
        let text_len = dom::text_counts(&text).0;
        out.push(RawBlock { kind, text, owner, text_len, link_len: link_len.min(text_len) });
    }
}

/// The text of a code block: its lines as written (indentation kept,
/// trailing blanks cut), blank lines left out so that a blank line still
/// separates one paragraph of the document's text from the next.
fn code_lines(text: &str) -> String {
    let lines = text.lines().map(str::trim_end).filter(|l| !l.is_empty());
    let mut out = String::with_capacity(text.len());
    for line in lines {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::extract_html;
    use crate::extract::html::passes::testing::after;
    use crate::extract::html::testing::{page, texts, P1, P2, P3};

    /// Each block's kind, text, owner, and linked and whole non-whitespace chars.
    fn blocks_of(html: &str) -> Vec<(BlockKind, String, String, u32, u32)> {
        after(html, "blocks", |page| {
            let describe = |b: &RawBlock| page.dom.describe(b.owner);
            page.blocks.iter().map(|b| (b.kind, b.text.clone(), describe(b), b.link_len, b.text_len)).collect()
        })
    }

    #[test]
    fn blocks_split_at_block_elements_and_belong_to_the_innermost() {
        let got = blocks_of(
            "<div><p>One <a href=\"/x\">two</a></p>Loose  text<ul><li>Item</li></ul>\
             <table><tr><td>a</td><td>b</td></tr></table></div>",
        );
        let want = [
            (BlockKind::Paragraph, "One two", "<p>", 3, 6),
            (BlockKind::Paragraph, "Loose text", "<div>", 0, 9),
            (BlockKind::ListItem, "Item", "<li>", 0, 4),
            (BlockKind::Paragraph, "a b", "<tr>", 0, 2),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (got, want) in got.iter().zip(want) {
            assert_eq!((got.0, got.1.as_str(), got.3, got.4), (want.0, want.1, want.3, want.4), "{got:?}");
            assert!(got.2.ends_with(want.2), "{got:?}");
        }
    }

    #[test]
    fn dropped_chrome_makes_no_block() {
        let got = blocks_of("<body><nav><a href=\"/\">Home</a></nav><p>Floods close roads.</p></body>");
        assert_eq!(got.iter().map(|b| b.1.as_str()).collect::<Vec<_>>(), ["Floods close roads."]);
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
    fn pre_is_a_code_block_that_keeps_its_lines() {
        let inside = "<blockquote><pre><code>fn main() {\n    println!(\"hi\");\n\n}\n</code></pre></blockquote>";
        let blocks = extract_html(&page("", inside, ""), None).blocks;
        let code: Vec<(BlockKind, &str)> =
            blocks.iter().filter(|b| b.kind != BlockKind::Paragraph).map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(code, [(BlockKind::Code, "fn main() {\n    println!(\"hi\");\n}")]);
        let got = blocks_of("<pre>$ ls<br>a.txt</pre>");
        assert_eq!((got[0].0, got[0].1.as_str()), (BlockKind::Code, "$ ls\na.txt"));
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
    fn double_br_splits_a_block_and_single_br_is_a_space() {
        let html = format!("<html><body><div class=\"story-body\">{P1}<br>{P2}<br><br>{P3}</div></body></html>");
        assert_eq!(texts(&html), vec![format!("{P1} {P2}"), P3.to_string()]);
    }
}
