//! What a quotation is, from where its marks sit in the writer's sentence:
//! a whole quotation ([`QuoteKind::Direct`]), a fragment of speech inside
//! the writer's sentence ([`QuoteKind::Partial`]), or no speech at all
//! (a scare quote, a title, a nickname, a word cited as a word: no row).
//!
//! Every rule is syntactic: what precedes the opening mark in the sentence,
//! what follows the closing one, the case of the first quoted letter, the
//! punctuation inside the marks and speech verbs near them. Here: direct or
//! partial; [`not_speech`]: the marks that hold no one's speech; [`code`]:
//! paragraphs of program code, which hold no quotation at all.

mod code;
mod not_speech;

use super::attribution::after_quote;
use super::marks::Segment;
use crate::segment::tokens::{Kind, Token};
use crate::segment::verbs::{inverts, is_speech_verb, lower_in};
use crate::segment::QuoteKind;
pub use code::reads_as_code;
use not_speech::{
    is_defined_word, is_named_by_participle, is_nickname, is_possessed_title, is_scare_modifier, is_speech,
    is_title_case, is_title_in_flow,
};

/// A quotation in its place in the text.
pub struct Quotation<'a> {
    pub text: &'a str,
    pub segment: &'a Segment,
    /// The words from the paragraph start, or from the previous quotation's
    /// closing mark, to this one's opening mark.
    pub before: &'a [Token],
    /// The words from the closing mark to the next quotation or the
    /// paragraph end.
    pub after: &'a [Token],
    /// The previous quotation of the same paragraph.
    pub previous: Option<&'a Segment>,
    pub speaker: Speaker,
}

/// Where a quotation's speaker comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// An attribution in its sentence or paragraph, or one introducing it.
    Found,
    /// The speaker of a quotation in an earlier paragraph, continued.
    Inherited,
    Unknown,
}

impl Quotation<'_> {
    fn quoted(&self) -> &str {
        self.text.get(self.segment.start.byte..self.segment.end.byte).unwrap_or("")
    }

    /// Whether the gap before the quotation starts a sentence: it starts
    /// the paragraph, or follows a quotation that ended its sentence.
    fn gap_starts_sentence(&self) -> bool {
        self.previous.is_none_or(|previous| ends_sentence(self.text.get(previous.start.byte..previous.end.byte)))
    }
}

/// The row kind of a quotation, or `None` when it is not speech.
/// `sentence` gives the words of the sentence around it, outside
/// quotations; it is asked for only when a rule needs it.
pub fn classify(quotation: &Quotation, sentence: impl FnOnce() -> Vec<Token>) -> Option<QuoteKind> {
    if quotation.segment.kind == QuoteKind::Blockquote {
        return Some(QuoteKind::Blockquote);
    }
    let quoted = quotation.quoted();
    let a_name = is_possessed_title(quotation, quoted)
        || is_nickname(quotation, quoted)
        || is_named_by_participle(quotation)
        || is_defined_word(quotation, quoted);
    // Without an attribution of its own (a speaker inherited from an
    // earlier paragraph continues a quotation, not a term in a sentence),
    // a title or a scare quote is the writer's, not a speaker's.
    let own_speaker = quotation.speaker == Speaker::Found;
    if a_name || (!own_speaker && !is_speech(quotation, quoted, sentence)) {
        return None;
    }
    let kind = kind_by_place(quotation, quoted);
    let the_writers = !own_speaker
        && kind == QuoteKind::Partial
        && (is_title_in_flow(quoted) || is_scare_modifier(quotation, quoted));
    (!the_writers).then_some(kind)
}

/// What comes right before a quotation's opening mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The paragraph start, a sentence end, or a previous quotation that
    /// ended its sentence (`"…." "…"`).
    SentenceStart,
    /// `X said: "…"`.
    Colon,
    /// A comma, dash, semicolon or bracket: `X said, "…"`, `— "…"`.
    ClauseBreak,
    /// A word of the writer's sentence, or a quotation ending mid-sentence
    /// right before: the marks sit inside that sentence.
    Word,
}

fn lead(quotation: &Quotation, quoted: &str) -> Lead {
    match quotation.before.last() {
        Some(token) => match token.kind {
            Kind::SentenceEnd => Lead::SentenceStart,
            Kind::Colon => Lead::Colon,
            Kind::Comma | Kind::Break => Lead::ClauseBreak,
            Kind::Word if abbreviation_ends_sentence(token.text(quotation.text), quoted) => Lead::SentenceStart,
            // Never in the gaps around quotations (the people pass's token).
            Kind::Word | Kind::Quotation => Lead::Word,
        },
        None if quotation.gap_starts_sentence() => Lead::SentenceStart,
        None => Lead::Word,
    }
}

/// Whether a word that keeps its period (`U.S.`, `Inc.`) also ends the
/// sentence: the tokens cannot tell, a capital after it can (`…by revenue
/// in the U.S. "Forget about Ford," Ellison said.`).
fn abbreviation_ends_sentence(word: &str, quoted: &str) -> bool {
    word.ends_with('.') && quoted.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase)
}

fn ends_sentence(quoted: Option<&str>) -> bool {
    quoted.is_some_and(|q| q.trim_end().ends_with(['.', '!', '?', '…']))
}

/// Whether the first letter of the quotation is lower case: it takes up a
/// sentence already begun, the writer's or the speaker's. Letters without
/// case (CJK) and digits give no such sign.
fn starts_lower(quoted: &str) -> bool {
    quoted.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
}

/// Direct or partial, by where the marks sit in the writer's sentence:
/// a quotation that opens a sentence, follows a colon, or follows a clause
/// break with a capital or right after an attribution is a whole
/// quotation; one whose marks sit among the writer's words is a fragment
/// of speech in the writer's sentence, unless it holds a sentence of its
/// own ([`is_sentence_in_flow`]).
fn kind_by_place(quotation: &Quotation, quoted: &str) -> QuoteKind {
    let whole = match lead(quotation, quoted) {
        Lead::SentenceStart | Lead::Colon => true,
        Lead::ClauseBreak => {
            !starts_lower(quoted)
                || follows_attribution(quotation)
                || is_attributed_after(quotation)
                || runs_into_sentences(quoted)
        }
        Lead::Word => {
            is_sentence_in_flow(quotation, quoted)
                || is_quoted_complement(quotation, quoted)
                || runs_into_sentences(quoted)
        }
    };
    if whole {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

/// Whether an attribution of its own follows the closing mark (`family --
/// "the spouse who can't go back to work," she said`): set off by a break
/// before it and a speaker after it, the words are the speaker's, not a
/// fragment of the writer's sentence.
fn is_attributed_after(quotation: &Quotation) -> bool {
    after_quote(quotation.text, quotation.after, false).is_some()
}

/// Whether the quotation runs on past a sentence of its own into another
/// (`for "publicly speaking against these detentions. And that is very
/// important."`): one or more of the speaker's sentences, not a fragment.
/// The word before the inner period is a lower-case word, not an initial
/// or abbreviation (`U.S.`, `Dr.`).
fn runs_into_sentences(quoted: &str) -> bool {
    let words = quoted.split_whitespace();
    words.clone().zip(words.skip(1)).any(|(end, next)| {
        let body = end.trim_end_matches(['.', '!', '?']);
        end.len() > body.len()
            && body.chars().count() >= MIN_WORD_BEFORE_INNER_END
            && body.chars().all(char::is_lowercase)
            && next.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Fewest letters of the word before a sentence end inside a quotation.
const MIN_WORD_BEFORE_INNER_END: usize = 3;

/// Longest clause before a comma searched for its speech verb
/// (`"…," said Rep. Jim Roe, "…"`).
const MAX_ATTRIBUTION_WORDS: usize = 6;

/// Whether the clause before the comma (or dash) right before the opening
/// mark is an attribution, a speech verb or `according to` among its few
/// words, with none of the writer's words before it in the sentence. A
/// lower-case quotation there resumes a speaker's sentence that the
/// attribution interrupts (`"I'm not an alien," she said, "but I am a
/// mutant."`) or follows it whole (`According to Kerry, "the talks went
/// well."`), unlike a fragment that ends the writer's sentence (`An
/// economic downturn, he said, "could be a good time…"`, `and that, "to
/// date, …"`).
fn follows_attribution(quotation: &Quotation) -> bool {
    let tokens = &quotation.before[..quotation.before.len().saturating_sub(1)];
    let clause_start = tokens.iter().rposition(|t| t.kind != Kind::Word).map_or(0, |i| i + 1);
    let clause = &tokens[clause_start..];
    let sentence_start = tokens.iter().rposition(|t| t.kind == Kind::SentenceEnd).map_or(0, |i| i + 1);
    let writers_words_before =
        tokens[sentence_start.min(clause_start)..clause_start].iter().any(|t| t.kind == Kind::Word);
    clause.len() <= MAX_ATTRIBUTION_WORDS
        && !writers_words_before
        && clause.iter().any(|t| {
            let word = t.text(quotation.text);
            is_speech_verb(word) || word.eq_ignore_ascii_case("according")
        })
}

/// Whether the quotation is the whole complement of the speech verb right
/// before its opening mark, up to the end of the clause: the writer frames
/// the speaker's words without a comma (`Na'moks said "we're not there
/// yet."`, `writing "It's unbelievable…"`). Only verbs that introduce
/// speech ([`inverts`]): after `called` or `described as` the marks hold a
/// name or description; after `said that` the writer reports, and quotes
/// a part.
fn is_quoted_complement(quotation: &Quotation, quoted: &str) -> bool {
    let verb = quotation.before.last().is_some_and(|t| inverts(t.text(quotation.text)));
    let closes_clause = quoted.trim_end().ends_with(['.', ',', '!', '?', '…'])
        || quotation.after.first().is_none_or(|t| t.kind != Kind::Word);
    verb && closes_clause
}

/// Prepositions that take a noun phrase, never a sentence, as object
/// (`like` is left out: `things like "I stand with them."` quotes one).
const NOUN_PHRASE_PREPOSITIONS: &[&str] =
    &["of", "about", "for", "from", "with", "by", "into", "on", "at", "in", "to", "as", "against", "over"];

/// Fewest words of a statement quoted inside the writer's sentence; an
/// exclamation or a question may be shorter (`"Build that wall!"`).
const MIN_SENTENCE_WORDS: usize = 5;

/// Whether a quotation inside the writer's sentence still holds a sentence
/// of its own: a capital, sentence-final punctuation inside the marks and
/// some words, not all capitalized as in a title (`shouted "Build that
/// wall!"`, `things like "I stand with the school today."`, not `known as
/// "Bam Bam."` nor `like "Wal-Mart security guards."`), and not after
/// `that`, which makes it the writer's reported clause (`told reporters
/// that "Kasich is throwing votes away."`), nor after a preposition, whose
/// object is a noun phrase, not a sentence (`smacks of "Western egotism and
/// white supremacy."`).
fn is_sentence_in_flow(quotation: &Quotation, quoted: &str) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    // After `that` the writer reports; after a preposition the marks hold its object.
    let in_writers_clause = quotation.before.last().is_some_and(|t| {
        let word = t.text(quotation.text);
        word.eq_ignore_ascii_case("that") || lower_in(word, NOUN_PHRASE_PREPOSITIONS)
    });
    let uttered = quoted.trim_end().ends_with(['!', '?']);
    !starts_lower(quoted)
        && ends_sentence(Some(quoted))
        && (uttered || words.len() >= MIN_SENTENCE_WORDS)
        && !is_title_case(&words)
        && !in_writers_clause
}

#[cfg(test)]
mod tests {
    use crate::segment::paragraphs::split_text;
    use crate::segment::quotes::QuoteSegmenter;
    use crate::segment::QuoteKind;

    /// (text, kind) of each quote of a made-up paragraph.
    pub(super) fn kinds(text: &str) -> Vec<(String, QuoteKind)> {
        QuoteSegmenter.segment(text, &split_text(text)).quotes.into_iter().map(|q| (q.text, q.kind)).collect()
    }

    pub(super) fn one(quoted: &str, kind: QuoteKind) -> Vec<(String, QuoteKind)> {
        vec![(quoted.to_string(), kind)]
    }

    #[test]
    fn a_quotation_opening_a_sentence_or_after_a_colon_is_direct() {
        use QuoteKind::Direct;
        assert_eq!(kinds("\"We are ready,\" Smith said."), one("We are ready,", Direct));
        assert_eq!(kinds("The hall was quiet. \"We are ready.\""), one("We are ready.", Direct));
        assert_eq!(kinds("Smith said: \"we are ready.\""), one("we are ready.", Direct));
    }

    #[test]
    fn marks_among_the_writers_words_hold_a_partial_quote() {
        use QuoteKind::Partial;
        assert_eq!(
            kinds("Smith called it \"a catastrophic defeat\" on Monday."),
            one("a catastrophic defeat", Partial)
        );
        assert_eq!(kinds("The firm said it is \"working closely\" with the city."), one("working closely", Partial));
        // US style puts the period inside the marks: still a fragment.
        assert_eq!(kinds("Smith said the plan was \"dead on arrival.\""), one("dead on arrival.", Partial));
    }

    #[test]
    fn after_a_clause_break_the_case_and_the_attribution_decide() {
        use QuoteKind::{Direct, Partial};
        assert_eq!(kinds("Smith told the crowd, \"We are ready.\""), one("We are ready.", Direct));
        assert_eq!(
            kinds("\"I'm not done,\" she said, \"but I am tired.\""),
            [("I'm not done,".to_string(), Direct), ("but I am tired.".to_string(), Direct)]
        );
        assert_eq!(kinds("According to Smith, \"the talks went well.\""), one("the talks went well.", Direct));
        assert_eq!(
            kinds("A downturn, he said, \"could be a good time to borrow.\""),
            one("could be a good time to borrow.", Partial)
        );
        assert_eq!(
            kinds("Police said the review was routine and that, \"to date, the officers acted well.\""),
            one("to date, the officers acted well.", Partial)
        );
    }

    #[test]
    fn words_set_off_and_attributed_after_or_running_into_sentences_are_direct() {
        use QuoteKind::{Direct, Partial};
        assert_eq!(
            kinds("There is the family -- \"the spouse who can't go back to work,\" she said."),
            one("the spouse who can't go back to work,", Direct)
        );
        assert_eq!(
            kinds("He thanked them for \"speaking out against these detentions. And that is very important.\""),
            one("speaking out against these detentions. And that is very important.", Direct)
        );
        // An initial or abbreviation before a capital ends no sentence.
        assert_eq!(
            kinds("Smith said the bill was \"dead in the U.S. Senate now.\""),
            one("dead in the U.S. Senate now.", Partial)
        );
        assert_eq!(kinds("It was, he wrote, \"a long night\" in March."), one("a long night", Partial));
    }

    #[test]
    fn the_whole_complement_of_a_speech_verb_is_direct() {
        use QuoteKind::{Direct, Partial};
        assert_eq!(kinds("But Smith said \"we're not there yet.\""), one("we're not there yet.", Direct));
        assert_eq!(
            kinds("Roe noted the slope, testifying \"it was anything but flat.\""),
            one("it was anything but flat.", Direct)
        );
        // Not the whole clause, or after a complementizer or a naming verb.
        assert_eq!(kinds("Apps it said \"may not work\" were listed."), one("may not work", Partial));
        assert_eq!(kinds("The memo said that \"the trust will grow.\""), one("the trust will grow.", Partial));
        assert_eq!(kinds("He called \"the deal a disaster.\""), one("the deal a disaster.", Partial));
    }

    #[test]
    fn a_capital_after_an_abbreviation_opens_a_sentence() {
        assert_eq!(
            kinds("It sold best in the U.S. \"Forget about Ford,\" Ellison said."),
            one("Forget about Ford,", QuoteKind::Direct)
        );
    }

    #[test]
    fn a_sentence_quoted_inside_the_writers_sentence_is_direct() {
        use QuoteKind::Direct;
        assert_eq!(
            kinds("Fans posted things like \"I stand with the team today.\""),
            one("I stand with the team today.", Direct)
        );
        assert_eq!(kinds("The crowd shouted \"Build that wall!\" twice."), one("Build that wall!", Direct));
        assert_eq!(
            kinds("The book likens them to \"Wal-Mart security guards.\""),
            one("Wal-Mart security guards.", QuoteKind::Partial)
        );
        let object = kinds("It smacks of \"Western egotism and white supremacy.\"");
        assert_eq!(object, one("Western egotism and white supremacy.", QuoteKind::Partial));
        let reported = kinds("Fiorina told reporters that \"Kasich is throwing votes away.\"");
        assert_eq!(reported, one("Kasich is throwing votes away.", QuoteKind::Partial));
        // A capital and a period alone make a title, not a sentence.
        assert!(kinds("She is the boxer known as \"The Lioness.\"").iter().all(|(_, kind)| *kind != Direct));
    }
}
