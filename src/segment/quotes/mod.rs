//! Direct quotes and their speakers.
//!
//! - [`marks`]: pairs quote marks into quotation segments per paragraph.
//! - [`gaps`]: the words around the quotations, tokenized once.
//! - [`attribution`]: the speaker mention and speech verb of a quotation.
//! - [`kinds`]: whole quotation, partial quote, or no speech at all.
//! - [`sources`]: where each quotation's speaker comes from (its own
//!   attribution, or one continued from before).
//!
//! Whom a speaker mention names is the people pass's answer
//! ([`crate::segment::people`]).

mod attribution;
mod gaps;
mod kinds;
mod marks;
mod sources;

use super::people::{PeoplePass, Speaker, SpeakerMention};
use super::tokens::tokenize;
use super::verbs::lemma;
use super::{ParagraphSpan, Person, Quote, QuoteKind};
use attribution::Span;
use gaps::Gaps;
use marks::Segment;
use sources::{attribute, continue_narrated, indices_in_paragraph, introduced_by_subject, Source, Unattributed};

pub(crate) use attribution::appositive;

/// Finds direct quotes in a document, attributes them to speakers, and
/// finds the people the document names.
#[derive(Debug, Default)]
pub struct QuoteSegmenter;

/// What [`QuoteSegmenter::segment`] finds in a document.
#[derive(Debug, Clone, Default)]
pub struct QuotesAndPeople {
    /// In document order.
    pub quotes: Vec<Quote>,
    /// Every person the text names, quoted or not, in order of first mention.
    pub people: Vec<Person>,
}

impl QuoteSegmenter {
    /// The quotes of `text`, whose paragraphs are `paragraphs`, with who
    /// said them, and the people of the text.
    pub fn segment(&self, text: &str, paragraphs: &[ParagraphSpan]) -> QuotesAndPeople {
        let segments: Vec<Segment> = marks::find_segments(text, paragraphs)
            .into_iter()
            .filter(|s| text.get(s.start.byte..s.end.byte).is_some_and(|t| t.chars().any(char::is_alphanumeric)))
            .collect();
        let gaps = Gaps::new(text, paragraphs, &segments);
        let k_of = indices_in_paragraph(&segments);
        let mut sources = attribute(text, &segments, &k_of, &gaps);
        // Each speaker mention once, in document order, for the people pass.
        let mut mentions: Vec<SpeakerMention> = sources
            .iter()
            .filter_map(|source| match source {
                Source::Found(found) | Source::Reported(found) => Some(found.speaker),
                _ => None,
            })
            .map(|span| SpeakerMention { char_start: span.char_start, char_end: span.char_end, text: span.text(text) })
            .collect();
        mentions.sort_by_key(|m| (m.char_start, m.char_end));
        mentions.dedup_by_key(|m| (m.char_start, m.char_end));
        // The paragraphs attribution did not tokenize are tokenized one by
        // one into the same buffer.
        let mut pass = PeoplePass::new(text);
        let mut buffer = Vec::new();
        for (index, para) in paragraphs.iter().enumerate() {
            match gaps.paragraph(index) {
                Some(tokens) => pass.paragraph(tokens),
                None => {
                    buffer.clear();
                    tokenize(text, para.byte_start, para.byte_end, para.char_start, &mut buffer);
                    pass.paragraph(&buffer);
                }
            }
        }
        let cast = pass.cast(&mentions);
        let speaker_of = |span: Span| {
            let key = (span.char_start, span.char_end);
            mentions.binary_search_by_key(&key, |m| (m.char_start, m.char_end)).ok().and_then(|i| cast.speakers.get(i))
        };
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
            match *source {
                Source::Found(found) => {
                    let verb = found.verb.text(text);
                    quote.speaker = Some(found.speaker.text(text).to_string());
                    quote.speaker_start = Some(found.speaker.char_start);
                    quote.speaker_end = Some(found.speaker.char_end);
                    quote.verb = Some(verb.to_string());
                    quote.verb_lemma = Some(lemma(verb));
                    name_speaker(
                        &mut quote,
                        speaker_of(found.speaker),
                        found.role.map(|role| role.text(text)),
                        &cast.people,
                    );
                }
                // Continued from the previous paragraph's reporting
                // sentence: named, with no mention or verb of its own.
                Source::Reported(reported) => {
                    name_speaker(&mut quote, speaker_of(reported.speaker), None, &cast.people)
                }
                Source::Inherited(_) | Source::Narrated | Source::Unknown => {}
            }
            quotes.push(quote);
        }
        // Inherited speakers point at a quotation with its own attribution,
        // which may come later (a quotation over several paragraphs
        // attributed at its end).
        for (i, source) in sources.iter().enumerate() {
            // The speaker's fields only, not the whole quote with its text.
            let Source::Inherited(from) = *source else { continue };
            let Some(from) = quotes.get(from) else { continue };
            let speaker = (from.speaker_name.clone().or_else(|| from.speaker.clone()), from.speaker_role.clone());
            let person_index = from.person_index;
            (quotes[i].speaker_name, quotes[i].speaker_role) = speaker;
            quotes[i].person_index = person_index;
        }
        let mut unattributed = Unattributed {
            segments: &segments,
            gaps: &gaps,
            k_of: &k_of,
            sources: &mut sources,
            quotes: &mut quotes,
            cast: &cast,
        };
        introduced_by_subject(&mut unattributed);
        continue_narrated(&mut unattributed);
        // Only now: inherited speakers index `quotes` as built above.
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
                        // Continued from an earlier paragraph or narrative.
                        Source::Inherited(_) | Source::Reported(_) | Source::Narrated => kinds::Speaker::Inherited,
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
        let mut people = cast.people;
        for person in quotes.iter().filter_map(|q| q.person_index) {
            if let Some(person) = people.get_mut(person) {
                person.n_quotes += 1;
            }
        }
        QuotesAndPeople { quotes, people }
    }
}

/// Fills a quote's speaker from whom its mention names: the person's
/// fullest name and index, and a role: the one written with the mention,
/// else its appositive, else the person's.
fn name_speaker(quote: &mut Quote, speaker: Option<&Speaker>, appositive: Option<&str>, people: &[Person]) {
    let Some(speaker) = speaker else { return };
    let person = speaker.person.and_then(|p| people.get(p));
    quote.person_index = speaker.person;
    quote.speaker_name = speaker.name.clone();
    quote.speaker_role =
        speaker.role.clone().or_else(|| appositive.map(str::to_string)).or_else(|| person.and_then(|p| p.role.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs::split_text;
    use crate::segment::QuoteKind;

    fn quotes(text: &str) -> Vec<Quote> {
        QuoteSegmenter.segment(text, &split_text(text)).quotes
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
        // Straight marks nest the same way: a mark between a space and a
        // word opens, whatever mark is open.
        let text = "\"He told me \"no\" twice,\" Kerry said.";
        assert_eq!(summary(text), [row("He told me \"no\" twice,", Some("Kerry"), Some("Kerry"))]);
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
                // A quote by the person takes their role.
                (Some("John Kerry"), Some("U.S. Secretary of State"), Some("According to"), Some("according to")),
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
        let found = QuoteSegmenter.segment(text, &paragraphs).quotes;
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
        assert!(QuoteSegmenter.segment("é\"x\"", &bad).quotes.is_empty());
    }
}
