//! Where each quotation's speaker comes from: its own attribution, one
//! elsewhere in its sentence or paragraph, one introducing it from the
//! previous paragraph (`X said:`), or a speaker continued from the previous
//! paragraph (its quotation's, or its reporting sentence's: `X says …. ¶
//! "…"`).

use super::attribution::{self, Attribution};
use super::gaps::Gaps;
use super::marks::Segment;
use crate::segment::people::Cast;
use crate::segment::tokens::Kind;
use crate::segment::Quote;

/// Paragraphs of narrative a quotation may continue a speaker over.
const MAX_NARRATIVE_PARAGRAPHS: usize = 2;

/// How a quotation got its speaker.
#[derive(Clone, Copy)]
pub(super) enum Source {
    Found(Attribution),
    /// Continues the speaker of another quotation (by index): the previous
    /// paragraph's, or the later part of a quotation over paragraphs.
    Inherited(usize),
    /// Continues what the speaker of the reporting sentence ending the
    /// previous paragraph says.
    Reported(Attribution),
    /// Continues the person who spoke last, over narrative about them, or
    /// takes the subject of the sentence introducing it with a colon.
    Narrated,
    Unknown,
}

/// Index of each segment among its paragraph's segments.
pub(super) fn indices_in_paragraph(segments: &[Segment]) -> Vec<usize> {
    let mut k_of: Vec<usize> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let k = if i > 0 && segments[i - 1].paragraph == segment.paragraph { k_of[i - 1] + 1 } else { 0 };
        k_of.push(k);
    }
    k_of
}

/// The speaker source of each segment: its own attribution, else one
/// farther away in its sentence, else that of another quotation in its
/// paragraph, else one introducing it from the previous paragraph
/// (`… said:`), else the previous paragraph's speaker continued: its
/// quotation's, or its reporting sentence's.
///
/// `k_of` is each segment's index among its paragraph's.
pub(super) fn attribute(text: &str, segments: &[Segment], k_of: &[usize], gaps: &Gaps) -> Vec<Source> {
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(segments.len());
    for (segment, &k) in segments.iter().zip(k_of) {
        let (before, after) = gaps.around(segment.paragraph, k);
        let last_char =
            text.get(segment.start.byte..segment.end.byte).and_then(|quoted| quoted.trim_end().chars().last());
        let ends_sentence = last_char.is_some_and(|c| matches!(c, '.' | '!' | '?'));
        let after_attribution = || attribution::after_quote(text, after, ends_sentence);
        let before_attribution = || attribution::before_quote(text, before);
        // A period closes the sentence the quotation ends (`X said Y is
        // “….” Z called …`): an attribution after it starts another one,
        // unlike after `,`, `!` or `?` (`“…?” she asked`).
        own.push(if last_char == Some('.') {
            before_attribution().or_else(after_attribution)
        } else {
            after_attribution().or_else(before_attribution)
        });
    }
    let same_paragraph = |i: usize, j: usize| segments[i].paragraph == segments[j].paragraph;
    // Nearest own attribution at or before / after each segment in its
    // paragraph (two linear passes, so long paragraphs stay linear).
    let mut before_own: Vec<Option<Attribution>> = Vec::with_capacity(segments.len());
    for i in 0..segments.len() {
        let carried = if i > 0 && same_paragraph(i, i - 1) { before_own[i - 1] } else { None };
        before_own.push(own[i].or(carried));
    }
    let mut after_own: Vec<Option<Attribution>> = vec![None; segments.len()];
    for i in (0..segments.len()).rev() {
        let carried = if i + 1 < segments.len() && same_paragraph(i, i + 1) { after_own[i + 1] } else { None };
        after_own[i] = own[i].or(carried);
    }
    let mut sources: Vec<Source> = Vec::with_capacity(segments.len());
    // The last segment with a speaker in the current and previous paragraph.
    let mut last_known: Option<(usize, usize)> = None;
    let mut previous_known: Option<(usize, usize)> = None;
    for (i, segment) in segments.iter().enumerate() {
        let para = segment.paragraph;
        if i > 0 && !same_paragraph(i, i - 1) {
            previous_known = last_known.filter(|&(p, _)| p + 1 == para);
            last_known = None;
        }
        let (before, after) = gaps.around(para, k_of[i]);
        let found = own[i]
            .or_else(|| attribution::in_sentence(text, before, after))
            .or(before_own[i])
            .or(after_own[i])
            .or_else(|| introduced_by_previous(text, segment, gaps));
        // Without a speaker of its own, a quotation continues the speaker of
        // the previous paragraph's.
        let source = match (found, previous_known) {
            (Some(found), _) => Source::Found(found),
            (None, Some((_, j))) => match sources[j] {
                Source::Inherited(from) => Source::Inherited(from),
                _ => Source::Inherited(j),
            },
            (None, None) => reported_before(text, segment, gaps).map_or(Source::Unknown, Source::Reported),
        };
        if !matches!(source, Source::Unknown) {
            last_known = Some((para, i));
        }
        sources.push(source);
    }
    // The earlier parts of a quotation over several paragraphs take the
    // speaker of its later parts.
    for i in (0..segments.len().saturating_sub(1)).rev() {
        let next_part = segments[i].runs_on() && segments[i + 1].paragraph == segments[i].paragraph + 1;
        if next_part && matches!(sources[i], Source::Unknown) {
            sources[i] = match sources[i + 1] {
                Source::Found(_) | Source::Reported(_) => Source::Inherited(i + 1),
                other => other,
            };
        }
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
    let last_gap = gaps.gap(previous, gaps.count(previous).checked_sub(1)?);
    let ends_with_colon = last_gap.last().is_some_and(|t| t.kind == Kind::Colon);
    ends_with_colon.then(|| attribution::before_quote(text, last_gap)).flatten()
}

/// The reporting clause of the sentence ending the previous paragraph,
/// when that paragraph quotes no one and this quotation opens its own
/// (`Chapman says that's not what the union is seeing. ¶ "Commonly, …"`).
fn reported_before(text: &str, segment: &Segment, gaps: &Gaps) -> Option<Attribution> {
    let previous = segment.paragraph.checked_sub(1)?;
    if !gaps.gap(segment.paragraph, 0).is_empty() || gaps.count(previous) != 1 {
        return None;
    }
    let words = gaps.gap(previous, 0);
    let end = words.iter().rposition(|t| t.kind != Kind::SentenceEnd).map_or(0, |i| i + 1);
    let start = words[..end].iter().rposition(|t| t.kind == Kind::SentenceEnd).map_or(0, |i| i + 1);
    attribution::reporting_clause(text, &words[start..end])
}

/// What the passes over quotations left without a speaker read and fill:
/// the quotations, where they stand, and the people of the document.
pub(super) struct Unattributed<'a> {
    pub segments: &'a [Segment],
    pub gaps: &'a Gaps,
    /// Index of each segment among its paragraph's.
    pub k_of: &'a [usize],
    pub sources: &'a mut [Source],
    pub quotes: &'a mut [Quote],
    pub cast: &'a Cast,
}

/// A quotation with no speaker that a sentence introduces with a colon
/// takes that sentence's subject, if a person (`Martell, the addictions
/// doctor, is more blunt: "…"`).
pub(super) fn introduced_by_subject(found: &mut Unattributed) {
    let Unattributed { segments, gaps, k_of, sources, quotes, cast } = found;
    for (i, segment) in segments.iter().enumerate() {
        if !matches!(sources[i], Source::Unknown) {
            continue;
        }
        let before = gaps.gap(segment.paragraph, k_of[i]);
        let Some(colon) = before.last().filter(|t| t.kind == Kind::Colon) else { continue };
        let start = before.iter().rposition(|t| t.kind == Kind::SentenceEnd).map_or(0, |e| e + 1);
        let Some(person) = before.get(start).and_then(|first| cast.subject(first.char_start, colon.char_start)) else {
            continue;
        };
        sources[i] = Source::Narrated;
        name_person(&mut quotes[i], person, cast);
    }
}

/// Gives a quote a person of the cast as speaker, with no mention of its own.
fn name_person(quote: &mut Quote, person: usize, cast: &Cast) {
    quote.person_index = Some(person);
    quote.speaker_name = cast.people.get(person).map(|p| p.name.clone());
    quote.speaker_role = cast.people.get(person).and_then(|p| p.role.clone());
}

/// Quotations that are sentences of their own with no speaker continue
/// the person who spoke last before them (the previous quotation's, or the
/// speaker of a reporting clause after it) over narrative about that person
/// or no one (`"…," Laurin said. ¶ Laurin lost her income. ¶ "It took me
/// years…"`; `Cerato said she defied the odds, but she had to choose. ¶
/// "I feel…"`); anyone else named in between stops it.
pub(super) fn continue_narrated(found: &mut Unattributed) {
    let Unattributed { segments, gaps, k_of, sources, quotes, cast } = found;
    for i in 0..segments.len() {
        let segment = &segments[i];
        let (before, after) = gaps.around(segment.paragraph, k_of[i]);
        let own_sentence =
            before.last().is_none_or(|t| t.kind == Kind::SentenceEnd) && after.iter().all(|t| t.kind != Kind::Word);
        if !own_sentence || !matches!(sources[i], Source::Unknown) {
            continue;
        }
        // Unattributed quotations between are fragments of the narrative.
        let previous = (0..i).rev().find(|&j| !matches!(sources[j], Source::Unknown));
        let previous = previous.map(|j| (&segments[j], quotes[j].person_index));
        let after = previous.map_or(0, |(previous, _)| previous.close.char);
        let spoke = cast.last_reporting(after, segment.open.char).or_else(|| {
            let (previous, person) = previous?;
            Some((person?, previous.close.char, previous.paragraph))
        });
        let Some((person, from, paragraph)) = spoke else { continue };
        if segment.paragraph - paragraph <= MAX_NARRATIVE_PARAGRAPHS + 1
            && cast.only_mentions(person, from, segment.open.char)
        {
            sources[i] = Source::Narrated;
            name_person(&mut quotes[i], person, cast);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::BlockKind;
    use crate::segment::paragraphs::split_text;
    use crate::segment::quotes::QuoteSegmenter;

    /// (speaker as written, speaker name, verb) of each quote.
    fn rows(text: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
        let quotes = QuoteSegmenter.segment(text, &split_text(text)).quotes;
        quotes.into_iter().map(|q| (q.speaker, q.speaker_name, q.verb)).collect()
    }

    fn continued(name: &str) -> (Option<String>, Option<String>, Option<String>) {
        (None, Some(name.to_string()), None)
    }

    #[test]
    fn the_reporting_sentence_ending_a_paragraph_speaks_on() {
        let text = "But the director of operations for EHS, Jeff Fraser, says the system is designed for that.\n\n\"As we go to zero, we move resources.\"";
        assert_eq!(rows(text), [continued("Jeff Fraser")]);
    }

    #[test]
    fn narrative_about_the_speaker_or_no_one_keeps_them_speaking() {
        let text = "\"I think I am lucky,\" Carole Laurin said.\n\nStill, Laurin lost income when she gave up her career.\n\n\"It took me two years to grieve.\"";
        assert_eq!(rows(text)[1], continued("Carole Laurin"));
        let text = "\"The loss was real,\" Allan Garland said.\n\nThe drop in earnings was the largest for strokes.\n\n\"And it lasted years.\"";
        assert_eq!(rows(text)[1], continued("Allan Garland"));
        // Narrative about someone else stops it.
        let text = "\"I think I am lucky,\" Carole Laurin said.\n\nMark Jones lost income when he gave up his career.\n\n\"It took me two years to grieve.\"";
        assert_eq!(rows(text)[1], (None, None, None));
    }

    #[test]
    fn a_colon_gives_the_quotation_to_the_subject_of_its_sentence() {
        let text = "Dave Martell, the addictions doctor, is more blunt: \"They will uncover horrors.\"";
        assert_eq!(rows(text), [continued("Dave Martell")]);
        let text = "The message was simple: \"Do not share pills.\"";
        assert_eq!(rows(text)[0].1, None);
    }

    #[test]
    fn a_blockquote_takes_the_speaker_of_the_sentence_before() {
        for (before, speaker, verb) in [
            ("Governor Ann Lee wrote on Twitter:", Some("Governor Ann Lee"), Some("wrote")),
            ("Governor Ann Lee tweeted on Monday morning.", None, None),
        ] {
            let text = format!("{before}\n\nWe will rebuild the bridge by spring.");
            let mut paragraphs = split_text(&text);
            paragraphs[1].kind = BlockKind::Blockquote;
            let quotes = QuoteSegmenter.segment(&text, &paragraphs).quotes;
            assert_eq!(quotes.len(), 1, "{before}");
            assert_eq!(quotes[0].speaker.as_deref(), speaker, "{before}");
            assert_eq!(quotes[0].speaker_name.as_deref(), Some("Ann Lee"), "{before}");
            assert_eq!(quotes[0].speaker_role.as_deref(), Some("Governor"), "{before}");
            assert_eq!(quotes[0].verb.as_deref(), verb, "{before}");
        }
    }
}
