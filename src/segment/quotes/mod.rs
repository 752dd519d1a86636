//! Direct quotes and their speakers.
//!
//! - [`marks`]: pairs quote marks into quotation segments per paragraph.
//! - [`tokens`]: words and punctuation of the text around the quotations.
//! - [`attribution`]: the speaker mention and speech verb of a quotation.
//! - [`kinds`]: whole quotation, partial quote, or no speech at all.
//! - [`speakers`]: mentions resolved to full names.

mod attribution;
mod kinds;
mod marks;
mod speakers;
mod tokens;

use std::collections::HashMap;

use super::{ParagraphSpan, Quote, QuoteKind};
use attribution::Attribution;
use marks::Segment;
use speakers::{Resolver, Speaker};
use tokens::{Kind, Token};

pub use attribution::is_speech_verb;

/// Finds direct quotes in a document and attributes them to speakers.
#[derive(Debug, Default)]
pub struct QuoteSegmenter;

/// The text outside quotations: for each paragraph, the tokens of each gap
/// between its segments (`gaps[k]` before segment k, `gaps[k + 1]` after).
/// Only paragraphs with a segment, and those right before one (which may
/// introduce it), are tokenized here: the others only when [`Gaps::all`]
/// needs them, which most documents without an attribution never do.
struct Gaps {
    by_paragraph: Vec<Option<Vec<Vec<Token>>>>,
}

impl Gaps {
    fn new(text: &str, paragraphs: &[ParagraphSpan], segments: &[Segment]) -> Gaps {
        let mut by_paragraph = Vec::with_capacity(paragraphs.len());
        let mut rest = segments;
        for (index, para) in paragraphs.iter().enumerate() {
            let count = rest.iter().take_while(|s| s.paragraph == index).count();
            let (own, later) = rest.split_at(count);
            rest = later;
            if own.is_empty() && later.first().is_none_or(|next| next.paragraph != index + 1) {
                by_paragraph.push(None);
                continue;
            }
            let mut gaps = Vec::with_capacity(own.len() + 1);
            let mut from = (para.byte_start, para.char_start);
            for segment in own {
                gaps.push(tokens::tokenize(text, from.0, segment.open.byte, from.1));
                from = (segment.close.byte, segment.close.char);
            }
            gaps.push(tokens::tokenize(text, from.0, para.byte_end, from.1));
            by_paragraph.push(Some(gaps));
        }
        Gaps { by_paragraph }
    }

    /// The gaps of a paragraph tokenized in [`Gaps::new`]; none for the others.
    fn of(&self, paragraph: usize) -> &[Vec<Token>] {
        self.by_paragraph.get(paragraph).and_then(Option::as_deref).unwrap_or_default()
    }

    fn around(&self, paragraph: usize, k: usize) -> (&[Token], &[Token]) {
        let gaps = self.of(paragraph);
        let gap = |i: usize| gaps.get(i).map_or(&[][..], Vec::as_slice);
        (gap(k), gap(k + 1))
    }

    /// The words of the sentence around segment k of the paragraph, outside
    /// quotations: back and forth over the gaps of other quotations in
    /// the same sentence.
    fn sentence_around(&self, paragraph: usize, k: usize) -> Vec<Token> {
        let gaps = self.of(paragraph);
        let mut words = Vec::new();
        for gap in gaps.iter().take(k + 1).rev() {
            let start = gap.iter().rposition(|t| t.kind == Kind::SentenceEnd);
            words.extend_from_slice(&gap[start.map_or(0, |i| i + 1)..]);
            if start.is_some() {
                break;
            }
        }
        for gap in gaps.iter().skip(k + 1) {
            let end = gap.iter().position(|t| t.kind == Kind::SentenceEnd);
            words.extend_from_slice(&gap[..end.unwrap_or(gap.len())]);
            if end.is_some() {
                break;
            }
        }
        words
    }

    /// The tokens of all the text outside quotations, in order; a paragraph
    /// without a segment is one gap.
    fn all(&self, text: &str, paragraphs: &[ParagraphSpan]) -> Vec<Token> {
        let mut all = Vec::new();
        for (gaps, para) in self.by_paragraph.iter().zip(paragraphs) {
            match gaps {
                Some(gaps) => all.extend(gaps.iter().flatten()),
                None => all.extend(tokens::tokenize(text, para.byte_start, para.byte_end, para.char_start)),
            }
        }
        all
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
        // Most documents quote no one: skip tokenizing their text.
        if segments.is_empty() {
            return Vec::new();
        }
        let gaps = Gaps::new(text, paragraphs, &segments);
        let sources = attribute(text, &segments, &gaps);
        // Built on the first attribution: it collects every name in the text.
        let mut resolver: Option<Resolver> = None;
        let mut names: HashMap<usize, Speaker> = HashMap::new();
        let mut quotes: Vec<Quote> = Vec::with_capacity(segments.len());
        for (segment, source) in segments.iter().zip(&sources) {
            let mut quote = Quote {
                paragraph_index: segment.paragraph,
                char_start: segment.start.char,
                char_end: segment.end.char,
                text: text.get(segment.start.byte..segment.end.byte).unwrap_or("").to_string(),
                kind: segment.kind,
                speaker: None,
                speaker_name: None,
                speaker_role: None,
                speaker_start: None,
                speaker_end: None,
                verb: None,
                verb_lemma: None,
                person_index: None,
            };
            if let Source::Found(found) = *source {
                let mention = found.speaker.text(text);
                let speaker = names.entry(found.speaker.char_start).or_insert_with(|| {
                    resolver
                        .get_or_insert_with(|| Resolver::new(text, &gaps.all(text, paragraphs)))
                        .resolve(mention, found.speaker.char_start)
                });
                let verb = found.verb.text(text);
                quote.speaker = Some(mention.to_string());
                quote.speaker_name = speaker.name.clone();
                // A title before the name, else an appositive after it.
                quote.speaker_role =
                    speaker.role.clone().or_else(|| found.role.map(|role| role.text(text).to_string()));
                quote.speaker_start = Some(found.speaker.char_start);
                quote.speaker_end = Some(found.speaker.char_end);
                quote.verb = Some(verb.to_string());
                quote.verb_lemma = Some(attribution::lemma(verb));
            }
            quotes.push(quote);
        }
        // Inherited speakers point at a quotation with its own attribution,
        // which may come later (a quotation over several paragraphs
        // attributed at its end).
        for (i, source) in sources.iter().enumerate() {
            if let Source::Inherited(from) = *source {
                let name = quotes.get(from).and_then(|q| q.speaker_name.clone().or_else(|| q.speaker.clone()));
                quotes[i].speaker_name = name;
            }
        }
        // Only now: inherited speakers index `quotes` as built above.
        let k_of = indices_in_paragraph(&segments);
        let kinds: Vec<Option<QuoteKind>> = (0..segments.len())
            .map(|i| {
                let (paragraph, k) = (segments[i].paragraph, k_of[i]);
                let (before, after) = gaps.around(paragraph, k);
                let quotation = kinds::Quotation {
                    text,
                    segment: &segments[i],
                    before,
                    after,
                    previous: (k > 0).then(|| &segments[i - 1]),
                    speaker: match sources[i] {
                        Source::Found(_) => kinds::Speaker::Found,
                        Source::Inherited(_) => kinds::Speaker::Inherited,
                        Source::Unknown => kinds::Speaker::Unknown,
                    },
                };
                kinds::classify(&quotation, || gaps.sentence_around(paragraph, k))
            })
            .collect();
        let mut kinds = kinds.into_iter();
        quotes.retain_mut(|quote| match kinds.next().flatten() {
            Some(kind) => {
                quote.kind = kind;
                true
            }
            None => false,
        });
        quotes
    }
}

/// Index of each segment among its paragraph's segments.
fn indices_in_paragraph(segments: &[Segment]) -> Vec<usize> {
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
/// (`… said:`), else the previous paragraph's speaker continued.
fn attribute(text: &str, segments: &[Segment], gaps: &Gaps) -> Vec<Source> {
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(segments.len());
    // Index of each segment within its paragraph.
    let k_of = indices_in_paragraph(segments);
    for (segment, &k) in segments.iter().zip(&k_of) {
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
            (None, None) => Source::Unknown,
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
                Source::Found(_) => Source::Inherited(i + 1),
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
    let last_gap = gaps.of(previous).last()?;
    let ends_with_colon = last_gap.last().is_some_and(|t| t.kind == Kind::Colon);
    ends_with_colon.then(|| attribution::before_quote(text, last_gap)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs::split_text;
    use crate::segment::QuoteKind;

    fn quotes(text: &str) -> Vec<Quote> {
        QuoteSegmenter.segment(text, &split_text(text))
    }

    /// (quote text, speaker as written, resolved name) of each quote.
    fn summary(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        quotes(text).into_iter().map(|q| (q.text, q.speaker, q.speaker_name)).collect()
    }

    fn row(quote: &str, speaker: Option<&str>, name: Option<&str>) -> (String, Option<String>, Option<String>) {
        (quote.to_string(), speaker.map(str::to_string), name.map(str::to_string))
    }

    fn char_slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    /// The article paragraphs of the seed page (Voice of America, public domain).
    const SEED: &str = "U.S. and Pakistani officials say they are working to improve cooperation on counter-terrorism and economic development. Bilateral meetings this week in Washington follow October's White House talks between President Barack Obama and Pakistani Prime Minister Nawaz Sharif.

Ending attacks by the Taliban in Pakistan and Afghanistan tops the strategic dialogue between Washington and Islamabad.

U.S. Secretary of State John Kerry says it's central to U.S. security.

\"We also have a common cause and a common obligation to be partners for one and another's prosperity in the fight against those who want to limit opportunity and take Pakistan backwards,\" he said.

Pakistan's government says it is working to negotiate with Taliban fighters, but the Taliban is looking to capitalize on the withdrawal by the end of this year of most foreign troops in Afghanistan, says Pakistani National Security and Foreign Affairs Advisor Sartaj Aziz who is leading his country's delegation to Washington.

\"Although the war in Afghanistan may be winding down, just as in the past Pakistan will have to face the brunt of any instability that may engulf Afghanistan after 2014,\" Aziz said.

Former Pakistani High Commissioner Akbar Ahmed says there's been little progress between Pakistan's Taliban and the government in Islamabad.

\"The Pakistani Taliban and the government of Pakistan are so wide apart that I am finding it very difficult to conceive how they will be joined,\" he said.

Kerry says Washington and Islamabad are working to boost cooperation on cross-border counter-terrorism.

\"We recognize that Pakistan is a vital partner in supporting a secure Afghanistan,\" he said. \"And we know how closely Pakistan's own security is linked to Afghanistan's success.\"

Pakistani security is also linked to a successful U.S. withdrawal from Afghanistan.

\"The Pakistan army would want very much a strategic role in Afghanistan for its own reasons,\" Ahmed said. \"It does not want to be surrounded by India. It does not want to see India influencing Afghanistan on Pakistan's western borders.\"

Sartaj Aziz says many Pakistanis feel Washington unduly favors India, Pakistan's rival.

\"There's a strong perception in Pakistan that a lot of pressure is exerted on Pakistan on issues of concern to India,\" he said. \"Our legitimate concerns are not conveyed to India with the same intensity.\"

Kerry says Washington and Islamabad have a vital shared interest at the center of a dynamic South-Asian market, and these talks include meetings with officials at the Pentagon, Treasury, and Energy Department.";

    #[test]
    fn seed_page_quotes_resolve_to_full_names() {
        let found = quotes(SEED);
        let names: Vec<_> = found.iter().map(|q| q.speaker_name.as_deref().unwrap_or("-")).collect();
        assert_eq!(
            names,
            [
                "John Kerry", "Sartaj Aziz", "Akbar Ahmed", "John Kerry", "John Kerry", "Akbar Ahmed", "Akbar Ahmed",
                "Sartaj Aziz", "Sartaj Aziz"
            ]
        );
        let mentions: Vec<_> = found.iter().map(|q| q.speaker.as_deref().unwrap_or("-")).collect();
        assert_eq!(mentions, ["he", "Aziz", "he", "he", "he", "Ahmed", "Ahmed", "he", "he"]);
        assert!(found.iter().all(|q| q.verb.as_deref() == Some("said")));
        assert!(found[4].text.starts_with("And we know how closely"));
        for q in &found {
            assert_eq!(char_slice(SEED, q.char_start, q.char_end), q.text);
            let (start, end) = (q.speaker_start.unwrap(), q.speaker_end.unwrap());
            assert_eq!(Some(char_slice(SEED, start, end)), q.speaker);
        }
    }

    #[test]
    fn every_mark_style_delimits_a_quote() {
        for (text, inner) in [
            ("“Prices will rise,” the minister said.", "Prices will rise,"),
            ("\"Prices will rise,\" the minister said.", "Prices will rise,"),
            ("« Les prix vont monter », a dit le ministre.", " Les prix vont monter "),
            ("‹Prices will rise›, the minister said.", "Prices will rise"),
            ("„Die Preise steigen“, sagte der Minister.", "Die Preise steigen"),
            ("„Die Preise steigen”, sagte der Minister.", "Die Preise steigen"),
            ("‘Prices will rise,’ the minister said.", "Prices will rise,"),
            ("「物価は上がる」と大臣は述べた。", "物価は上がる"),
        ] {
            let found = quotes(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].text, inner);
            assert_eq!(char_slice(text, found[0].char_start, found[0].char_end), inner);
        }
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        assert!(quotes("It’s Pakistan’s policy since the ’90s, and the Joneses’ too, he said.").is_empty());
        assert!(quotes("It's the '90s again at Pakistan's embassy.").is_empty());
        assert_eq!(
            summary("‘It’s Pakistan’s turn,’ Aziz said."),
            [row("It’s Pakistan’s turn,", Some("Aziz"), Some("Aziz"))]
        );
    }

    #[test]
    fn single_marks_only_nest_where_double_marks_quote() {
        let text = "Trump: ‘I’m the Worst Thing That Ever Happened.’\n\n“We called it ‘a disaster,’” Trump said.";
        assert_eq!(summary(text), [row("We called it ‘a disaster,’", Some("Trump"), Some("Trump"))]);
    }

    #[test]
    fn titles_after_a_possessive_are_not_speech() {
        let text = "“We are ready,” Kerry told ABC’s “Good Morning America.” He said the show’s “hosts were fair.”";
        let found: Vec<_> = quotes(text).into_iter().map(|q| q.text).collect();
        assert_eq!(found, ["We are ready,", "hosts were fair."]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let text = "“He called it ‘a disaster’ and “a shame,” frankly,” Kerry said.";
        assert_eq!(
            summary(text),
            [row("He called it ‘a disaster’ and “a shame,” frankly,", Some("Kerry"), Some("Kerry"))]
        );
    }

    #[test]
    fn quotation_over_paragraphs_is_one_row_per_paragraph() {
        let text = "Senator Jane Doe spoke first.\n\n“We will win,” she said. “The vote is close.\n\n“And we will keep going.\n\n“Nobody stops us.”\n\nThe hall was quiet.";
        assert_eq!(
            summary(text),
            [
                row("We will win,", Some("she"), Some("Jane Doe")),
                row("The vote is close.", Some("she"), Some("Jane Doe")),
                row("And we will keep going.", None, Some("Jane Doe")),
                row("Nobody stops us.", None, Some("Jane Doe")),
            ]
        );
    }

    #[test]
    fn earlier_parts_take_the_speaker_named_at_the_end() {
        let text = "“The first part.\n\n“The second part,” said Mayor Ann Lee.";
        assert_eq!(
            summary(text),
            [
                row("The first part.", None, Some("Ann Lee")),
                row("The second part,", Some("Mayor Ann Lee"), Some("Ann Lee"))
            ]
        );
    }

    #[test]
    fn unbalanced_mark_stays_in_its_paragraph() {
        let text = "He said \"hello and left.\n\nShe said \"second\" and \"third\" too.";
        let found: Vec<_> = quotes(text).into_iter().map(|q| q.text).collect();
        assert_eq!(found, ["second", "third"]);
        let text = "“Open and “inner,” she said, then nothing.\n\nNext paragraph.";
        let found: Vec<_> = quotes(text).into_iter().map(|q| q.text).collect();
        assert_eq!(found, ["inner,"]);
    }

    #[test]
    fn attribution_shapes() {
        let cases = [
            ("\"We are ready,\" Smith said.", "Smith", "said"),
            ("\"We are ready,\" said Sen. Bernie Sanders, a Vermont independent.", "Sen. Bernie Sanders", "said"),
            ("Smith said: \"We are ready.\"", "Smith", "said"),
            ("Smith said that \"we are ready.\"", "Smith", "said"),
            ("\"We are ready\" Smith told Reuters.", "Smith", "told"),
            ("\"We are ready,\" Smith, a spokesman for the ministry, said.", "Smith", "said"),
            ("According to Smith, \"we are ready.\"", "Smith", "According to"),
            ("\"We are ready,\" a State Department spokesman said.", "a State Department spokesman", "said"),
            ("\"We are ready,\" officials said on Tuesday.", "officials", "said"),
            (
                "\"We are ready,\" U.S. Secretary of State John Kerry later added.",
                "U.S. Secretary of State John Kerry",
                "added",
            ),
        ];
        for (text, speaker, verb) in cases {
            let found = quotes(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].speaker.as_deref(), Some(speaker), "{text}");
            assert_eq!(found[0].verb.as_deref(), Some(verb), "{text}");
        }
    }

    #[test]
    fn a_period_ends_the_sentence_of_the_attribution() {
        let text = "Rival Marco Rubio said Trump is “unelectable now.” Ted Cruz called the KKK “abhorrent” in a tweet.";
        let speakers: Vec<_> = quotes(text).into_iter().map(|q| q.speaker).collect();
        assert_eq!(speakers, [Some("Rival Marco Rubio".to_string()), Some("Ted Cruz".to_string())]);
        assert_eq!(summary("“Is it over?” she asked."), [row("Is it over?", Some("she"), None)]);
    }

    #[test]
    fn a_sentence_of_its_own_before_another_quotation_of_the_paragraph() {
        let text = "“We can win,” Rubio said. “You can’t begin until you prove to people” that the border is secure, he added.";
        let speakers: Vec<_> = quotes(text).into_iter().map(|q| q.speaker).collect();
        assert_eq!(speakers, [Some("Rubio".to_string()), Some("he".to_string())]);
    }

    #[test]
    fn prepositions_participles_and_bars_are_not_speakers() {
        let text = "Speaker Paul Ryan, despite admitting concerns about “trial lawyers,” backed the bill.";
        assert!(quotes(text).iter().all(|q| q.speaker.as_deref() != Some("despite")));
        let text = "“It is insane,” Sanders said, going on to say the country spent “hundreds of years fighting.”";
        let speakers: Vec<_> = quotes(text).into_iter().map(|q| q.speaker).collect();
        assert_eq!(speakers, [Some("Sanders".to_string()), Some("Sanders".to_string())]);
        let text = "Massie backed Paul, but now said Trump had “the obligation to unite us.”";
        assert!(quotes(text).iter().all(|q| q.speaker.as_deref() != Some("now")));
        let text = "His returns were made public ― Trump boasted, “That makes me smart.”";
        assert_eq!(summary(text), [row("That makes me smart.", Some("Trump"), Some("Trump"))]);
    }

    #[test]
    fn names_are_stripped_and_surnames_resolved() {
        let text = "U.S. Secretary of State John Kerry arrived on Monday.\n\n\"We are ready,\" Kerry said.\n\n\"So are we,\" a State Department spokesman said.";
        assert_eq!(
            summary(text),
            [
                row("We are ready,", Some("Kerry"), Some("John Kerry")),
                row("So are we,", Some("a State Department spokesman"), Some("a State Department spokesman")),
            ]
        );
    }

    #[test]
    fn roles_and_verb_lemmas() {
        let text = "\"We are ready,\" U.S. Secretary of State John Kerry told reporters.\n\nAccording to Kerry, \"the talks went well.\"";
        let found = quotes(text);
        let rows: Vec<_> = found
            .iter()
            .map(|q| (q.speaker_name.as_deref(), q.speaker_role.as_deref(), q.verb.as_deref(), q.verb_lemma.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("John Kerry"), Some("U.S. Secretary of State"), Some("told"), Some("tell")),
                (Some("John Kerry"), None, Some("According to"), Some("according to")),
            ]
        );
        assert!(found.iter().all(|q| q.kind == QuoteKind::Direct));
    }

    #[test]
    fn appositive_roles() {
        let cases = [
            (
                "\"We are ready,\" Smith, a spokesman for the ministry, said.",
                "Smith",
                Some("a spokesman for the ministry"),
            ),
            ("\"We are ready,\" said Ann Lee, the mayor of Springfield.", "Ann Lee", Some("the mayor of Springfield")),
            (
                "\"We are ready,\" said Tom Jones, one of the organizers who marched.",
                "Tom Jones",
                Some("one of the organizers"),
            ),
            ("\"We are ready,\" said Sen. Bernie Sanders, a Vermont independent.", "Sen. Bernie Sanders", Some("Sen.")),
            ("\"We are ready,\" said Smith, who leads the group.", "Smith", None),
            ("\"We are ready,\" Smith said, adding that talks went well.", "Smith", None),
        ];
        for (text, speaker, role) in cases {
            let found = quotes(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].speaker.as_deref(), Some(speaker), "{text}");
            assert_eq!(found[0].speaker_role.as_deref(), role, "{text}");
        }
    }

    #[test]
    fn pronouns_resolve_to_persons_of_their_gender() {
        let text = "Gallup Korea polled voters after Mayor Jane Park met President Tom Lee in South Korea.\n\n\"We agreed on trade,\" she said.\n\n\"It went well,\" he said.\n\nSouth Korea and East Asian markets rose.\n\n\"Nobody knows why,\" he said.";
        assert_eq!(
            summary(text),
            [
                row("We agreed on trade,", Some("she"), Some("Jane Park")),
                row("It went well,", Some("he"), Some("Tom Lee")),
                row("Nobody knows why,", Some("he"), Some("Tom Lee")),
            ]
        );
        let text = "President Yoon Suk Yeol spoke.\n\n\"I will stay,\" Yoon said.\n\nSouth Korea and Gallup Korea disagree.\n\n\"Not so,\" he said.";
        assert_eq!(
            summary(text),
            [
                row("I will stay,", Some("Yoon"), Some("Yoon Suk Yeol")),
                row("Not so,", Some("he"), Some("Yoon Suk Yeol"))
            ]
        );
    }

    #[test]
    fn unmarked_blockquote_is_a_quote() {
        let text =
            "The governor wrote on Twitter:\n\nWe will rebuild the bridge by spring.\n\nCrews started on Monday.";
        let mut paragraphs = split_text(text);
        paragraphs[1].kind = crate::extract::BlockKind::Blockquote;
        let found = QuoteSegmenter.segment(text, &paragraphs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, QuoteKind::Blockquote);
        assert_eq!(found[0].text, "We will rebuild the bridge by spring.");
        assert_eq!(
            (found[0].speaker.as_deref(), found[0].verb_lemma.as_deref()),
            (Some("The governor"), Some("write"))
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_not_speech() {
        assert!(quotes("The so-called \"reform\" passed.").is_empty());
        assert!(quotes("Thousands of self-described “Berners” marched.").is_empty());
        assert!(quotes("She starred in “The Long Night” last year.").is_empty());
        // Short but in a sentence reporting speech, or a sentence of its own.
        assert_eq!(quotes("The deal, officials said on Tuesday, was \"dead\" by then.").len(), 1);
        assert_eq!(quotes("The crowd roared.\n\n\"Yes!\"").len(), 1);
    }

    #[test]
    fn many_quotes_in_one_paragraph() {
        let text = "\"Yes,\" he said, ".repeat(20_000) + "\"no\" \" unclosed";
        let found = quotes(&text);
        assert_eq!(found.len(), 20_001);
        assert_eq!(found[19_999].speaker.as_deref(), Some("he"));
        assert_eq!(found[20_000].text, "no");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in ["", "\"", "“", "„“”«»‹›‘’", "a\"b\"c", "\"\"", "é“ü”ß\"", "said \"", "\" said", "according to"]
        {
            let _ = quotes(text);
        }
        // Spans not on char boundaries or beyond the text are skipped.
        let bad = [ParagraphSpan {
            kind: crate::extract::BlockKind::Paragraph,
            char_start: 0,
            char_end: 9,
            byte_start: 1,
            byte_end: 99,
        }];
        assert!(QuoteSegmenter.segment("é\"x\"", &bad).is_empty());
    }
}
