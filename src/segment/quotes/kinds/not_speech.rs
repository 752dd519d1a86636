//! Quote marks that hold no one's speech: titles and names (after a
//! possessive or a naming participle, inside a name, title case in the
//! writer's sentence), words cited as words, and scare quotes.

use super::{starts_lower, Quotation};
use crate::segment::tokens::{Kind, Token};
use crate::segment::verbs::is_speech_verb;

/// Longest mark-delimited span without an attribution of its own that can
/// be a name or term rather than speech.
const MAX_NON_SPEECH_WORDS: usize = 6;

/// Whether a quotation without an attribution of its own is speech: not a title
/// (`“Wonder Woman”`: title case, no punctuation) nor a scare quote
/// (`self-described “Berners”`: a few words in a sentence without any
/// speech verb). (Attributed title-case spans are mostly epithets in
/// reported speech, `called him “Little Marco”`: measured, dropping them
/// too loses more than it gains.)
pub(super) fn is_speech(quotation: &Quotation, quoted: &str, sentence: impl FnOnce() -> Vec<Token>) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let punctuated = quoted.trim_end().ends_with(['.', '!', '?', ',', '…']);
    // `« … », a dit X`: punctuation after the closing mark.
    let comma_after = quotation
        .text
        .get(quotation.segment.close.byte..)
        .is_some_and(|rest| rest.trim_start().starts_with([',', ':']));
    // The speech-verb list is English: other scripts are left as speech.
    let other_script = quoted.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    if punctuated || comma_after || other_script || words.len() > MAX_NON_SPEECH_WORDS {
        return true;
    }
    !is_title_case(&words) && sentence().iter().any(|t| is_speech_verb(t.text(quotation.text)))
}

/// Whether every word longer than three letters is capitalized (`The Long
/// Night`, `Meet the Press`), and there is one.
pub(super) fn is_title_case(words: &[&str]) -> bool {
    let long_words = || words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3);
    long_words().count() > 0 && long_words().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a quotation is the name of something owned, not speech, even
/// when a speech verb is near: a short title-case span right after a
/// possessive (`told ABC’s “Good Morning America.”`, `CBS’ “Face the
/// Nation”`; `the law’s “Cadillac tax”` stays: lower case).
pub(super) fn is_possessed_title(quotation: &Quotation, quoted: &str) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let after_possessive = quotation
        .text
        .get(..quotation.segment.open.byte)
        .map(str::trim_end)
        .is_some_and(|before| ["'s", "’s", "s'", "s’", "S'", "S’"].iter().any(|ending| before.ends_with(ending)));
    after_possessive && words.len() <= MAX_NON_SPEECH_WORDS && is_title_case(&words)
}

/// Longest nickname between a first and last name, in words.
const MAX_NICKNAME_WORDS: usize = 3;

/// Whether a quotation is a nickname inside a name: a few capitalized
/// words between two capitalized words, with no punctuation in between
/// (`Cris “Cyborg” Justino`, `Dwayne “The Rock” Johnson`).
pub(super) fn is_nickname(quotation: &Quotation, quoted: &str) -> bool {
    let text = quotation.text;
    let capitalized = |token: Option<&Token>| {
        token.is_some_and(|t| t.kind == Kind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase))
    };
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let next_to_marks = |token: Option<&Token>, from: usize, to: usize| {
        token.is_some_and(|_| text.get(from..to).is_some_and(|between| between.trim().is_empty()))
    };
    let before = quotation.before.last();
    let after = quotation.after.first();
    capitalized(before)
        && capitalized(after)
        && next_to_marks(before, before.map_or(0, |t| t.byte_end), quotation.segment.open.byte)
        && next_to_marks(after, quotation.segment.close.byte, after.map_or(0, |t| t.byte_start))
        && words.len() <= MAX_NICKNAME_WORDS
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Words after which quote marks hold a name, not speech: naming
/// participles (`an app called "…"`, `a memo titled "…"`) and `so-called`.
const NAMING_WORDS: &[&str] =
    &["called", "named", "titled", "entitled", "dubbed", "nicknamed", "labeled", "labelled", "termed", "so-called"];

/// Words before a naming participle that make it a verb with its subject
/// (`which he called "…"`, `was named "…"`): the marks then hold that
/// speaker's words.
const NAMING_SUBJECTS: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "who", "whom", "which", "what", "that", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "not",
];

/// Longest subject of a relative clause before its naming verb (`what
/// multiple lawmakers called "…"`), in words.
const MAX_RELATIVE_SUBJECT_WORDS: usize = 3;

/// Whether the marks follow a naming participle or `so-called`, or `known
/// as`: they hold the name of a thing or a term (`a market-research app
/// called "Screenwise Meter"`, `the so-called "reform"`, `the player known
/// as "Bam Bam"`), not someone's speech (`which he called "an evil act"`,
/// `Mosman called "distasteful"`: a verb with its subject).
pub(super) fn is_named_by_participle(quotation: &Quotation) -> bool {
    let text = quotation.text;
    let Some((last, rest)) = quotation.before.split_last() else { return false };
    let word = last.text(text).to_lowercase();
    let before = rest.last();
    if word == "as" {
        return before.is_some_and(|t| t.text(text).eq_ignore_ascii_case("known"));
    }
    if word == "so-called" {
        return true;
    }
    // A participle after a noun (`an app called`) or set off by a comma
    // (`The ad, entitled "…"`), not after a name, pronoun or auxiliary,
    // nor after the subject of a relative clause (`what lawmakers called`).
    let relative = rest.iter().rev().take(MAX_RELATIVE_SUBJECT_WORDS + 1).any(|t| {
        let word = t.text(text);
        ["what", "which", "that", "whom"].iter().any(|w| w.eq_ignore_ascii_case(word))
    });
    let after_noun = !relative
        && before.is_some_and(|t| match t.kind {
            Kind::Comma => true,
            Kind::Word => {
                let noun = t.text(text);
                noun.chars().next().is_some_and(char::is_lowercase)
                    && !noun.ends_with("ly")
                    && !NAMING_SUBJECTS.contains(&noun)
            }
            _ => false,
        });
    NAMING_WORDS.contains(&word.as_str()) && after_noun
}

/// Longest word cited as a word, in words.
const MAX_CITED_WORDS: usize = 3;

/// Verbs that define the word before them (`A "renoviction" is when…`).
const DEFINING_VERBS: &[&str] = &["is", "are", "means", "refers", "stands"];

/// Whether the quotation is a word cited as a word: a few words without
/// punctuation that open their sentence, after at most an article, with a
/// defining verb after them (`A "renoviction" is when…`, `"Top secret" is
/// the highest level`), or after a sentence-initial `By` (`By "honorific" I
/// presume he means…`).
pub(super) fn is_defined_word(quotation: &Quotation, quoted: &str) -> bool {
    let text = quotation.text;
    let words = quoted.split_whitespace().count();
    if words > MAX_CITED_WORDS || quoted.trim_end().ends_with(['.', ',', '!', '?', ':', ';', '…']) {
        return false;
    }
    let sentence_start = quotation.before.iter().rposition(|t| t.kind == Kind::SentenceEnd).map_or(0, |i| i + 1);
    let opening: Vec<String> = quotation.before[sentence_start..].iter().map(|t| t.text(text).to_lowercase()).collect();
    let starts_sentence = sentence_start > 0 || quotation.gap_starts_sentence();
    let defined = quotation.after.first().is_some_and(|t| DEFINING_VERBS.contains(&t.text(text)));
    starts_sentence
        && match opening.as_slice() {
            [] => defined,
            [article] if ["a", "an", "the"].contains(&article.as_str()) => defined,
            [by] => by == "by",
            _ => false,
        }
}

/// Most words of a title in the writer's sentence.
const MAX_TITLE_WORDS: usize = 10;

/// Whether a quotation reads as a title or a name: a few words, every
/// long one capitalized (`after watching "We Believe: The Best Men Can
/// Be"`, `the "Activate" project`), not an exclamation or a question
/// (`chants of "Feel the Bern!"`: someone's cry).
pub(super) fn is_title_in_flow(quoted: &str) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let uttered = quoted.trim_end().ends_with(['!', '?']);
    words.len() <= MAX_TITLE_WORDS && is_title_case(&words) && !uttered
}

/// Longest scare quote inside a noun phrase, in words.
const MAX_SCARE_WORDS: usize = 2;

/// Words that start a noun phrase.
const DETERMINERS: &[&str] =
    &["a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those"];

/// Words after a quotation that do not continue a noun phrase.
const NOT_NOUNS: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but", "is", "are", "was", "were", "that",
    "which", "who", "as", "than", "over", "into", "about",
];

/// Whether the quotation is a scare quote modifying a noun: a word or two
/// in lower case between a determiner and the noun (`a "normal" couple`,
/// `the "strong man" trope`, `her "ballsy" move`).
pub(super) fn is_scare_modifier(quotation: &Quotation, quoted: &str) -> bool {
    let text = quotation.text;
    let words = quoted.split_whitespace().count();
    let determiner =
        quotation.before.last().is_some_and(|t| DETERMINERS.contains(&t.text(text).to_lowercase().as_str()));
    let noun_after = quotation.after.first().is_some_and(|t| {
        let word = t.text(text);
        t.kind == Kind::Word
            && word.chars().next().is_some_and(char::is_lowercase)
            && !NOT_NOUNS.contains(&word)
            && text.get(quotation.segment.close.byte..t.byte_start).is_some_and(|gap| gap.trim().is_empty())
    });
    words <= MAX_SCARE_WORDS
        && starts_lower(quoted)
        && !quoted.trim_end().ends_with(['.', ',', '!', '?', ':', ';', '…'])
        && determiner
        && noun_after
}

#[cfg(test)]
mod tests {
    use super::super::tests::{kinds, one};
    use crate::segment::QuoteKind;

    #[test]
    fn nicknames_are_not_quotes() {
        assert!(kinds("Nunes knocked out Cris \"Cyborg\" Justino in the first round.").is_empty());
        assert!(kinds("Dwayne “The Rock” Johnson said he would run.").is_empty());
        // A capitalized word after the closing mark alone is no name.
        assert_eq!(kinds("He said \"Never\" Tuesday.").len(), 1);
    }

    #[test]
    fn names_after_a_naming_participle_are_not_quotes() {
        assert!(kinds("The firm withdrew a research app called \"Screenwise Meter\" on Monday, he said.").is_empty());
        assert!(kinds("The so-called \"reform\" passed, officials said.").is_empty());
        assert!(kinds("It was won by the player known as \"Bam Bam.\"").is_empty());
        assert!(kinds("The ad, entitled \"Our History,\" ran in May.").is_empty());
        // A naming verb with its subject: that speaker's words.
        assert_eq!(
            kinds("It was what multiple lawmakers called \"fraud\" at the agency."),
            one("fraud", QuoteKind::Partial)
        );
        assert_eq!(
            kinds("He spoke of the attack, which he called \"an evil act.\""),
            one("an evil act.", QuoteKind::Partial)
        );
    }

    #[test]
    fn words_cited_as_words_are_not_quotes() {
        assert!(kinds("Rents rose.\n\nA \"renoviction\" is when a landlord evicts to renovate.").is_empty());
        assert!(kinds("He wrote that.\n\nBy \"honorific\" I presume he means a title.").is_empty());
        let after_a_quotation = kinds("He tweeted \"It is an honorific.\" By \"honorific\" he means a title.");
        assert_eq!(after_a_quotation, one("It is an honorific.", QuoteKind::Direct));
        // Speech that opens a sentence of narration stays.
        assert_eq!(kinds("\"No comment\" was all she said.").len(), 1);
    }

    #[test]
    fn titles_and_scare_quotes_in_the_writers_sentence_are_not_quotes() {
        assert!(kinds("I guess after watching \"We Believe: The Best Men Can Be\" I feel hopeful.").is_empty());
        assert!(kinds("At times it felt like they were a \"normal\" couple.").is_empty());
        assert_eq!(kinds("The crowd joined in a chant of \"Feel the Bern!\"").len(), 1);
        assert!(kinds("Its heroes fit the \"strong man\" trope.").is_empty());
        // With an attribution of its own, the word is the speaker's.
        assert_eq!(
            kinds("Police blamed the \"unpredictable\" nature of the camp, Smith said."),
            one("unpredictable", QuoteKind::Partial)
        );
    }

    #[test]
    fn a_term_does_not_inherit_the_previous_speaker() {
        let text = "\"We will win,\" Smith said.\n\nThe law fixes a \"living wage\" for all.";
        assert_eq!(kinds(text), one("We will win,", QuoteKind::Direct));
        // A quotation opening the paragraph continues the speaker's turn.
        let text = "\"We will win,\" Smith said.\n\n\"Soon.\"";
        assert_eq!(kinds(text).len(), 2);
    }

    #[test]
    fn titles_after_a_possessive_are_not_quotes() {
        assert!(kinds("Shelby said on CBS’ “Face the Nation” that talks would go on.").is_empty());
        assert!(kinds("Kerry told ABC’s “Good Morning America” so.").is_empty());
    }
}
