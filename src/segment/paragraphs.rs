//! Paragraph spans: the document text and where each paragraph sits in it.

use super::ParagraphSpan;
use crate::extract::{Block, BlockKind};

/// Joins article blocks into the document text, a blank line between blocks,
/// and returns the text with one span per block.
pub fn join_blocks(blocks: &[Block]) -> (String, Vec<ParagraphSpan>) {
    let capacity = blocks.iter().map(|b| b.text.len() + 2).sum();
    let mut text = String::with_capacity(capacity);
    let mut spans = Vec::with_capacity(blocks.len());
    let mut chars = 0;
    for block in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        let byte_start = text.len();
        let char_start = chars;
        text.push_str(&block.text);
        chars += block.text.chars().count();
        spans.push(ParagraphSpan { kind: block.kind, char_start, char_end: chars, byte_start, byte_end: text.len() });
    }
    (text, spans)
}

/// Splits a given text (kept exactly as it is) into paragraphs: each non-blank
/// line is one paragraph, its span trimmed of surrounding white space.
pub fn split_text(text: &str) -> Vec<ParagraphSpan> {
    let mut spans = Vec::new();
    let mut byte = 0;
    let mut chars = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let byte_start = byte + lead;
            let char_start = chars + line[..lead].chars().count();
            spans.push(ParagraphSpan {
                kind: BlockKind::Paragraph,
                char_start,
                char_end: char_start + trimmed.chars().count(),
                byte_start,
                byte_end: byte_start + trimmed.len(),
            });
        }
        byte += line.len();
        chars += line.chars().count();
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn char_slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn joined_spans_slice_back_to_blocks() {
        let blocks = vec![
            Block { kind: BlockKind::Heading, text: "Über uns".into() },
            Block { kind: BlockKind::Paragraph, text: "«Ça va», dit-il.".into() },
        ];
        let (text, spans) = join_blocks(&blocks);
        assert_eq!(text, "Über uns\n\n«Ça va», dit-il.");
        for (span, block) in spans.iter().zip(&blocks) {
            assert_eq!(char_slice(&text, span.char_start, span.char_end), block.text);
            assert_eq!(&text[span.byte_start..span.byte_end], block.text);
            assert_eq!(span.kind, block.kind);
        }
    }

    #[test]
    fn split_keeps_offsets_into_the_given_text() {
        let text = "  Première ligne.\r\n\n\t“Deuxième”  \nlast";
        let spans = split_text(text);
        let got: Vec<_> = spans.iter().map(|s| char_slice(text, s.char_start, s.char_end)).collect();
        assert_eq!(got, ["Première ligne.", "“Deuxième”", "last"]);
        for s in &spans {
            assert_eq!(text[s.byte_start..s.byte_end], char_slice(text, s.char_start, s.char_end));
        }
    }
}
