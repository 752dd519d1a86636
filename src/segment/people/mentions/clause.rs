//! Where a mention stands in its sentence: the subject of the main clause,
//! or the speaker of a reporting clause.

use super::Scanner;
use crate::segment::tokens::{word, Kind, Token};
use crate::segment::verbs::{inverts, is_auxiliary, is_speech_verb};
use crate::segment::wordset::WordSet;

/// Words right before a mention that make it no subject (`for Megda
/// Belkacemi`, `told Smith`).
static NOT_BEFORE_SUBJECT: WordSet = WordSet::new(&[
    "of", "for", "to", "with", "by", "from", "in", "on", "at", "about", "against", "among", "between", "like", "than",
    "via", "into", "over", "under", "after", "before", "during", "including", "told", "asked", "thanked", "and", "or",
]);

/// Words that may come between a clause start and its subject.
pub(super) static SUBJECT_OPENERS: WordSet = WordSet::new(&[
    "and", "but", "so", "then", "now", "still", "yet", "also", "meanwhile", "however", "instead", "later", "earlier",
    "today", "yesterday", "finally", "eventually", "previously", "recently", "since", "because", "while", "when",
    "although", "though", "if", "as",
]);

/// Most tokens of an apposition between a name and its verb.
const MAX_APPOSITION_TOKENS: usize = 25;

impl Scanner<'_> {
    /// Whether a mention whose words start at token `first` opens its
    /// sentence's main clause.
    /// The first mention of its sentence, at the start of a clause: after
    /// the sentence start, a comma or dash, or a conjunction or adverb
    /// (`But`, `Now`); a preposition opening the sentence leaves its object
    /// the topic (`For Megda Belkacemi, Friday is a day she …`). Not deep in
    /// a clause (`That includes a message that captain X sent`).
    pub(super) fn is_subject(&self, tokens: &[Token], first: usize) -> bool {
        // Mentions come in order: the sentence's first is its earliest.
        let from = tokens[first].char_start;
        let first_mention = self.mentions.get(self.sentence_mentions).is_none_or(|m| m.char_start >= from);
        let opens_clause = match first.checked_sub(1).filter(|&b| b >= self.sentence_start) {
            None => true,
            Some(b) => match word(self.text, tokens, b) {
                None => true,
                Some(w) => SUBJECT_OPENERS.contains(w) || (b == self.sentence_start && NOT_BEFORE_SUBJECT.contains(w)),
            },
        };
        first_mention && opens_clause
    }

    /// Whether a mention from token `first` to `end` (exclusive) speaks:
    /// a speech verb after it (over an apposition and auxiliaries), or an
    /// inverting one before it (`, says X`, `said X`, `according to X`).
    pub(super) fn is_reporting(&self, tokens: &[Token], first: usize, end: usize) -> bool {
        let text = self.text;
        let mut k = end;
        // `…, Jeff Fraser, says`: the name closes an apposition.
        if tokens.get(k).is_some_and(|t| t.kind == Kind::Comma) && word(text, tokens, k + 1).is_some_and(is_speech_verb)
        {
            return true;
        }
        if tokens.get(k).is_some_and(|t| t.kind == Kind::Comma) {
            let close = tokens.iter().skip(k + 1).take(MAX_APPOSITION_TOKENS).position(|t| t.kind != Kind::Word);
            k = match close.map(|p| k + 1 + p) {
                Some(c) if tokens[c].kind == Kind::Comma => c + 1,
                _ => k,
            };
        }
        while word(text, tokens, k).is_some_and(is_auxiliary) {
            k += 1;
        }
        if word(text, tokens, k).is_some_and(is_speech_verb) {
            return true;
        }
        let Some(verb) = first.checked_sub(1).and_then(|i| word(text, tokens, i)) else { return false };
        let clause_start =
            first - 1 == self.sentence_start || tokens.get(first.wrapping_sub(2)).is_some_and(|t| t.kind != Kind::Word);
        (inverts(verb) && clause_start)
            || (verb == "to"
                && word(text, tokens, first.wrapping_sub(2)).is_some_and(|w| w.eq_ignore_ascii_case("according")))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::mentions;

    #[test]
    fn subjects_open_their_clause() {
        let subjects = |text: &str| -> Vec<(String, bool)> {
            let found = mentions(text);
            found.iter().filter_map(|m| m.name_text().map(|n| (n.to_string(), m.subject))).collect()
        };
        assert_eq!(subjects("Now, Jane Park said no."), [("Jane Park".to_string(), true)]);
        assert_eq!(subjects("For Megda Belkacemi, Friday matters."), [("Megda Belkacemi".to_string(), true)]);
        assert_eq!(
            subjects("That includes a text that captain Jose Olazabal sent."),
            [("Jose Olazabal".to_string(), false)]
        );
        assert_eq!(subjects("She met Tom Lee."), [("Tom Lee".to_string(), false)]);
    }

    #[test]
    fn reporting_clauses_before_and_after_a_name() {
        let reporting = |text: &str| -> Vec<bool> { mentions(text).iter().map(|m| m.reporting).collect() };
        assert_eq!(reporting("Kerry says it is central."), [true]);
        assert_eq!(reporting("Mary Nicholson, a director, agreed."), [true]);
        assert_eq!(reporting("The talks failed, says Pakistani Advisor Sartaj Aziz."), [true]);
        assert_eq!(reporting("It stems from his view that talks fail."), [false]);
        assert_eq!(reporting("Then Jones recorded a goal."), [false]);
        assert_eq!(reporting("\"Yes,\" he said."), [true]);
    }
}
