//! The words outside quotations around quotations: the tokens of the
//! paragraphs with a quotation, and of those right before one (which may
//! introduce it), in one vector, a [`Kind::Quotation`] token in place of each
//! quotation, so that the gaps between a paragraph's quotations are slices of
//! it. Read by attribution (the gaps around a quotation) and by the people
//! pass (those paragraphs; it tokenizes the others itself, one at a time).

use std::ops::Range;

use super::marks::Segment;
use crate::segment::tokens::{tokenize, Kind, Token};
use crate::segment::ParagraphSpan;

pub(super) struct Gaps {
    tokens: Vec<Token>,
    /// Token ranges of the gaps, paragraph after paragraph: a paragraph with
    /// k quotations has k + 1 (`gaps[k]` before its quotation k).
    gaps: Vec<Range<usize>>,
    /// Index into `gaps` of each paragraph's first gap, and one past the last.
    first_gap: Vec<usize>,
}

impl Gaps {
    /// Tokenizes the paragraphs of `text` with a quotation and those right
    /// before one; `segments` are in document order.
    pub fn new(text: &str, paragraphs: &[ParagraphSpan], segments: &[Segment]) -> Gaps {
        let mut tokens = Vec::new();
        let mut gaps = Vec::with_capacity(2 * segments.len() + 1);
        let mut first_gap = Vec::with_capacity(paragraphs.len() + 1);
        let mut rest = segments;
        for (index, para) in paragraphs.iter().enumerate() {
            let count = rest.iter().take_while(|s| s.paragraph == index).count();
            let (own, later) = rest.split_at(count);
            rest = later;
            first_gap.push(gaps.len());
            if own.is_empty() && later.first().is_none_or(|next| next.paragraph != index + 1) {
                continue;
            }
            let mut from = (para.byte_start, para.char_start);
            for segment in own {
                let start = tokens.len();
                tokenize(text, from.0, segment.open.byte, from.1, &mut tokens);
                gaps.push(start..tokens.len());
                tokens.push(Token {
                    kind: Kind::Quotation,
                    byte_start: segment.open.byte,
                    byte_end: segment.close.byte,
                    char_start: segment.open.char,
                    char_end: segment.close.char,
                });
                from = (segment.close.byte, segment.close.char);
            }
            let start = tokens.len();
            tokenize(text, from.0, para.byte_end, from.1, &mut tokens);
            gaps.push(start..tokens.len());
        }
        first_gap.push(gaps.len());
        Gaps { tokens, gaps, first_gap }
    }

    /// The gap ranges of a paragraph.
    fn ranges(&self, paragraph: usize) -> &[Range<usize>] {
        let from = self.first_gap.get(paragraph).copied().unwrap_or(0);
        let to = self.first_gap.get(paragraph + 1).copied().unwrap_or(from);
        self.gaps.get(from..to).unwrap_or_default()
    }

    /// Gap `k` of a paragraph; empty if there is none.
    pub fn gap(&self, paragraph: usize, k: usize) -> &[Token] {
        self.ranges(paragraph).get(k).and_then(|range| self.tokens.get(range.clone())).unwrap_or_default()
    }

    /// How many gaps a paragraph has.
    pub fn count(&self, paragraph: usize) -> usize {
        self.ranges(paragraph).len()
    }

    /// The gaps before and after quotation k of a paragraph.
    pub fn around(&self, paragraph: usize, k: usize) -> (&[Token], &[Token]) {
        (self.gap(paragraph, k), self.gap(paragraph, k + 1))
    }

    /// A paragraph's tokens, its quotations as [`Kind::Quotation`] tokens;
    /// `None` for a paragraph not tokenized here.
    pub fn paragraph(&self, paragraph: usize) -> Option<&[Token]> {
        let ranges = self.ranges(paragraph);
        self.tokens.get(ranges.first()?.start..ranges.last()?.end)
    }

    /// The words of the sentence around quotation k of the paragraph,
    /// outside quotations: back and forth over the gaps of other quotations
    /// in the same sentence.
    pub fn sentence_around(&self, paragraph: usize, k: usize) -> Vec<Token> {
        let mut words = Vec::new();
        for i in (0..=k).rev() {
            let gap = self.gap(paragraph, i);
            let start = gap.iter().rposition(|t| t.kind == Kind::SentenceEnd);
            words.extend_from_slice(&gap[start.map_or(0, |i| i + 1)..]);
            if start.is_some() {
                break;
            }
        }
        for i in k + 1..self.count(paragraph) {
            let gap = self.gap(paragraph, i);
            let end = gap.iter().position(|t| t.kind == Kind::SentenceEnd);
            words.extend_from_slice(&gap[..end.unwrap_or(gap.len())]);
            if end.is_some() {
                break;
            }
        }
        words
    }
}
