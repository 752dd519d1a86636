//! Direct quotes and their speakers.
//!
//! - [`marks`]: pairs quote marks into quotation segments per paragraph.
//! - [`tokens`]: words and punctuation of the text around the quotations.
//! - [`attribution`]: the speaker mention and speech verb of a quotation.
//! - [`speakers`]: mentions resolved to full names.

mod attribution;
mod marks;
mod speakers;
mod tokens;

use std::collections::HashMap;

use super::{ParagraphSpan, Quote};
use attribution::Attribution;
use marks::Segment;
use speakers::Resolver;
use tokens::{Kind, Token};

pub use attribution::is_speech_verb;

/// Finds direct quotes in a document and attributes them to speakers.
#[derive(Debug, Default)]
pub struct QuoteSegmenter;

/// The text outside quotations: for each paragraph, the tokens of each gap
/// between its segments (`gaps[k]` before segment k, `gaps[k + 1]` after).
struct Gaps {
    by_paragraph: Vec<Vec<Vec<Token>>>,
}

impl Gaps {
    fn new(text: &str, paragraphs: &[ParagraphSpan], segments: &[Segment]) -> Gaps {
        let mut by_paragraph = Vec::with_capacity(paragraphs.len());
        let mut rest = segments;
        for (index, para) in paragraphs.iter().enumerate() {
            let count = rest.iter().take_while(|s| s.paragraph == index).count();
            let (own, later) = rest.split_at(count);
            rest = later;
            let mut gaps = Vec::with_capacity(own.len() + 1);
            let mut from = (para.byte_start, para.char_start);
            for segment in own {
                gaps.push(tokens::tokenize(text, from.0, segment.open.byte, from.1));
                from = (segment.close.byte, segment.close.char);
            }
            gaps.push(tokens::tokenize(text, from.0, para.byte_end, from.1));
            by_paragraph.push(gaps);
        }
        Gaps { by_paragraph }
    }

    fn around(&self, paragraph: usize, k: usize) -> (&[Token], &[Token]) {
        let gaps = self.by_paragraph.get(paragraph).map_or(&[][..], Vec::as_slice);
        let gap = |i: usize| gaps.get(i).map_or(&[][..], Vec::as_slice);
        (gap(k), gap(k + 1))
    }

    fn paragraph(&self, paragraph: usize) -> Vec<Token> {
        self.by_paragraph.get(paragraph).into_iter().flatten().flatten().copied().collect()
    }

    fn all(&self) -> Vec<Token> {
        self.by_paragraph.iter().flatten().flatten().copied().collect()
    }
}

/// How a quotation got its speaker.
#[derive(Clone, Copy)]
enum Source {
    Found(Attribution),
    /// Continues the speaker of the previous paragraph's quotation.
    Inherited(usize),
    Unknown,
}

impl QuoteSegmenter {
    /// Quotes of `text`, whose paragraphs are `paragraphs`, in document order.
    pub fn segment(&self, text: &str, paragraphs: &[ParagraphSpan]) -> Vec<Quote> {
        let segments: Vec<Segment> = marks::find_segments(text, paragraphs)
            .into_iter()
            .filter(|s| text.get(s.start.byte..s.end.byte).is_some_and(|t| t.chars().any(char::is_alphanumeric)))
            .collect();
        let gaps = Gaps::new(text, paragraphs, &segments);
        let sources = attribute(text, &segments, &gaps);
        let mut resolver = Resolver::new(text, &gaps.all());
        let mut names: HashMap<usize, Option<String>> = HashMap::new();
        let mut quotes: Vec<Quote> = Vec::with_capacity(segments.len());
        for (segment, source) in segments.iter().zip(&sources) {
            let mut quote = Quote {
                paragraph_index: segment.paragraph,
                char_start: segment.start.char,
                char_end: segment.end.char,
                text: text.get(segment.start.byte..segment.end.byte).unwrap_or("").to_string(),
                speaker: None,
                speaker_name: None,
                speaker_start: None,
                speaker_end: None,
                verb: None,
            };
            match *source {
                Source::Found(found) => {
                    let mention = found.speaker.text(text);
                    let name = names
                        .entry(found.speaker.char_start)
                        .or_insert_with(|| resolver.resolve(&mention_words(mention), found.speaker.char_start));
                    quote.speaker = Some(mention.to_string());
                    quote.speaker_name = name.clone();
                    quote.speaker_start = Some(found.speaker.char_start);
                    quote.speaker_end = Some(found.speaker.char_end);
                    quote.verb = Some(found.verb.text(text).to_string());
                }
                Source::Inherited(from) => {
                    if let Some(earlier) = quotes.get(from) {
                        quote.speaker_name = earlier.speaker_name.clone().or_else(|| earlier.speaker.clone());
                    }
                }
                Source::Unknown => {}
            }
            quotes.push(quote);
        }
        quotes
    }
}

fn mention_words(mention: &str) -> Vec<&str> {
    mention
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The speaker source of each segment: its own attribution, else one in its
/// paragraph, else one introducing it from the previous paragraph
/// (`… said:`), else the previous paragraph's speaker continued.
fn attribute(text: &str, segments: &[Segment], gaps: &Gaps) -> Vec<Source> {
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(segments.len());
    let mut k = 0;
    for (i, segment) in segments.iter().enumerate() {
        k = if i > 0 && segments[i - 1].paragraph == segment.paragraph { k + 1 } else { 0 };
        let (before, after) = gaps.around(segment.paragraph, k);
        own.push(attribution::after_quote(text, after).or_else(|| attribution::before_quote(text, before)));
    }
    let mut sources: Vec<Source> = Vec::with_capacity(segments.len());
    let mut paragraph_fallback: Option<(usize, Option<Attribution>)> = None;
    for (i, segment) in segments.iter().enumerate() {
        let para = segment.paragraph;
        let same_paragraph = |j: &usize| segments[*j].paragraph == para;
        let nearby = own[i]
            .or_else(|| (0..i).rev().take_while(same_paragraph).find_map(|j| own[j]))
            .or_else(|| (i + 1..segments.len()).take_while(same_paragraph).find_map(|j| own[j]));
        let source = match nearby {
            Some(found) => Source::Found(found),
            None => {
                let anywhere = match paragraph_fallback {
                    Some((p, found)) if p == para => found,
                    _ => {
                        let found = attribution::anywhere(text, &gaps.paragraph(para))
                            .or_else(|| introduced_by_previous(text, segment, gaps));
                        paragraph_fallback = Some((para, found));
                        found
                    }
                };
                match anywhere {
                    Some(found) => Source::Found(found),
                    None => continued_from(segments, &sources, i),
                }
            }
        };
        sources.push(source);
    }
    sources
}

/// An attribution ending the previous paragraph with a colon, for a
/// quotation opening its paragraph (`X said:` ¶ `"…"`).
fn introduced_by_previous(text: &str, segment: &Segment, gaps: &Gaps) -> Option<Attribution> {
    let previous = segment.paragraph.checked_sub(1)?;
    let (opening, _) = gaps.around(segment.paragraph, 0);
    if !opening.is_empty() {
        return None;
    }
    let last_gap = gaps.by_paragraph.get(previous)?.last()?;
    let ends_with_colon = last_gap.last().is_some_and(|t| t.kind == Kind::Colon);
    ends_with_colon.then(|| attribution::before_quote(text, last_gap)).flatten()
}

/// The previous paragraph's speaker, when that paragraph holds an
/// attributed quotation.
fn continued_from(segments: &[Segment], sources: &[Source], i: usize) -> Source {
    let Some(paragraph) = segments[i].paragraph.checked_sub(1) else { return Source::Unknown };
    (0..i)
        .rev()
        .skip_while(|&j| segments[j].paragraph > paragraph)
        .take_while(|&j| segments[j].paragraph == paragraph)
        .find(|&j| !matches!(sources[j], Source::Unknown))
        .map_or(Source::Unknown, |j| match sources[j] {
            Source::Inherited(from) => Source::Inherited(from),
            _ => Source::Inherited(j),
        })
}
