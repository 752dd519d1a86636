//! Turns the flat DOM into text blocks in reading order, each tied to the
//! block element that owns its text.

use super::dom::{Content, FlatDom, Tag};
use crate::extract::BlockKind;

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
pub fn collect(dom: &FlatDom, removed: &[bool]) -> Vec<RawBlock> {
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
                if tag == Tag::Br {
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
            self.link_len += super::dom::text_counts(t).0;
        }
        if t.chars().any(|c| !c.is_whitespace()) {
            self.after_br = false;
        }
    }

    fn flush(&mut self, stack: &[Open], out: &mut Vec<RawBlock>) {
        self.after_br = false;
        let text = crate::extract::normalize_whitespace(&self.text);
        self.text.clear();
        let link_len = std::mem::take(&mut self.link_len);
        if text.is_empty() {
            return;
        }
        let owner_entry = stack.iter().rev().find(|o| o.is_block);
        let kind = owner_entry.map_or(BlockKind::Paragraph, |o| o.kind);
        let owner = owner_entry.map_or(0, |o| o.index);
        let text_len = super::dom::text_counts(&text).0;
        out.push(RawBlock { kind, text, owner, text_len, link_len: link_len.min(text_len) });
    }
}
