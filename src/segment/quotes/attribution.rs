//! Attribution: the speaker and speech verb of a quotation, found in the
//! words around it (`"…," X said`, `"…," said X`, `X said: "…"`,
//! `according to X, "…"`, `"…," X, a spokesman, said`).

use crate::segment::people::is_person_noun;
use crate::segment::tokens::{is_capitalized, Kind, Token};
use crate::segment::verbs::{inverts, is_auxiliary, is_clearly_verb, is_speech_verb, lower_in};
use crate::segment::wordset::WordSet;

/// Words that start a new clause: a subject never reaches back past them.
static CLAUSE_WORDS: WordSet = WordSet::new(&[
    "and", "but", "or", "nor", "that", "because", "while", "when", "as", "where", "which", "if", "so", "since",
    "though", "although", "after", "before", "until", "unless", "whether", "what", "how", "why", "than", "whom",
    "whose", "for", "yet", "said", "says", "who",
]);

/// Verbs that end a subject reaching back over them (`it was a report`).
static LINKING_VERBS: WordSet =
    WordSet::new(&["is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would"]);

/// Words a subject cannot end with.
static DETERMINERS: WordSet =
    WordSet::new(&["a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "this", "that"]);

/// Words that can start a nominal speaker named after its verb (`said a spokesman`).
static NOMINAL_STARTS: WordSet = WordSet::new(&[
    "a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "my", "his", "her", "their", "our",
]);

/// Words of quantity a speaker named after its verb may take `of` after
/// (`says one of the players`).
static QUANTITIES: WordSet =
    WordSet::new(&["one", "some", "many", "several", "two", "three", "most", "each", "none", "all"]);

/// Words that end a speaker named after its verb (`said Sen. X on Tuesday`).
static SPEAKER_STOPS: WordSet = WordSet::new(&[
    "who", "in", "on", "at", "during", "when", "after", "before", "while", "to", "as", "because", "from", "about",
    "with", "via", "and", "but", "that", "this", "last", "yesterday", "today", "tonight", "earlier", "later",
    "recently", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "adding", "noting",
    "referring", "told", "said", "says", "of",
]);

/// Words a subject cannot start with: the clause is something else.
static NOT_SUBJECT_START: WordSet = WordSet::new(&[
    "is", "was", "were", "are", "be", "been", "what", "which", "that", "and", "but", "or", "so", "if", "then",
    "because", "there", "here", "this", "these", "those", "to", "in", "on", "at", "of", "for", "by", "with", "from",
    "not", "no", "how", "why", "where", "when", "while", "said", "says", "also", "has", "had", "have", "will", "would",
    "can", "could", "should", "may", "might", "must", "do", "does", "did", "despite", "about", "into", "over",
    "through", "without", "against", "than", "upon", "among", "like", "between", "during",
    // Days and months are times, not speakers (`… between May and October,
    // says`); `May` stays out, a surname as often as a month.
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
]);

/// Prepositions whose object is no speaker.
static PREPOSITIONS: WordSet = WordSet::new(&["of", "for", "at", "with", "from", "by", "in", "to", "on"]);

/// Words that open a reported clause after a verb (`said he would`).
static CLAUSE_OPENERS: WordSet =
    WordSet::new(&["he", "she", "they", "we", "i", "it", "that", "the", "his", "her", "their", "this", "there"]);

/// Nouns of time that, with a word before them, end a subject without
/// being part of it (`Michelle Rempel earlier this week called`).
static TIME_NOUNS: WordSet = WordSet::new(&[
    "week", "month", "year", "weekend", "morning", "afternoon", "evening", "night", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday",
]);
static TIME_QUALIFIERS: WordSet =
    WordSet::new(&["this", "last", "next", "that", "on", "earlier", "later", "each", "every"]);

const MAX_SUBJECT_WORDS: usize = 10;
/// Most lower-case role words before the name a verb puts after it (`said
/// lead author Dr. Allan Garland`).
const MAX_ROLE_WORDS_AFTER_VERB: usize = 3;

/// A span of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

impl Span {
    fn of(first: &Token, last: &Token) -> Span {
        Span {
            byte_start: first.byte_start,
            byte_end: last.byte_end,
            char_start: first.char_start,
            char_end: last.char_end,
        }
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.byte_start..self.byte_end).unwrap_or("")
    }
}

/// A speaker mention and its speech verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Span,
    pub verb: Span,
    /// The appositive after the speaker that tells its role (`Smith, a
    /// spokesman for the ministry, said`; `said Jones, the mayor`).
    pub role: Option<Span>,
}

/// Index of the verb at `i`, and the index of its last token (`according
/// to` spans two). A speech word after a determiner is a noun (`the
/// report`, `her statement`).
fn verb_at(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let token = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
    let word = token.text(text);
    if word.eq_ignore_ascii_case("according") {
        return tokens.get(i + 1).filter(|t| t.text(text) == "to").map(|_| i + 1);
    }
    (is_speech_verb(word) && !follows_determiner(text, tokens, i) && !is_passive(text, tokens, i)).then_some(i)
}

/// `is expected to`, `was told`: a passive speech verb; its subject is
/// spoken of, not speaking.
fn is_passive(text: &str, tokens: &[Token], i: usize) -> bool {
    static BE: WordSet = WordSet::new(&["is", "was", "are", "were", "be", "been", "being"]);
    let word = tokens[i].text(text);
    (word.ends_with("ed") || is_clearly_verb(word))
        && i.checked_sub(1).is_some_and(|b| is_word(tokens, b) && BE.contains(tokens[b].text(text)))
}

fn follows_determiner(text: &str, tokens: &[Token], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|b| is_word(tokens, b) && DETERMINERS.contains(tokens[b].text(text)))
}

fn is_word(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
}

/// The subject ending right before `end` (exclusive): the words back to the
/// clause start, e.g. `U.S. Secretary of State John Kerry`, skipping a
/// parenthetical (`Sen. Bernie Sanders (I-Vt.) said`).
fn subject_before(text: &str, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut last = end;
    if last > 0 && tokens[last - 1].text(text) == ")" {
        let open = tokens[..last].iter().rposition(|t| t.text(text) == "(")?;
        last = open;
    }
    loop {
        let word = |i: usize| tokens[i].text(text);
        if last > 1
            && is_word(tokens, last - 1)
            && is_word(tokens, last - 2)
            && TIME_NOUNS.contains(word(last - 1))
            && TIME_QUALIFIERS.contains(word(last - 2))
        {
            last -= 2;
        } else if last > 0 && is_word(tokens, last - 1) && is_auxiliary(word(last - 1)) {
            last -= 1;
        } else {
            break;
        }
    }
    let mut first = last;
    while first > 0
        && last - first < MAX_SUBJECT_WORDS
        && is_word(tokens, first - 1)
        && !CLAUSE_WORDS.contains(tokens[first - 1].text(text))
        && !LINKING_VERBS.contains(tokens[first - 1].text(text))
        // `the report said`, `Boston coach Jim Roe said`: a speech word
        // after a determiner, or as often a noun as a verb, is no verb here.
        && (!is_speech_verb(tokens[first - 1].text(text))
            || follows_determiner(text, tokens, first - 1)
            || !is_clearly_verb(tokens[first - 1].text(text)))
    {
        first -= 1;
    }
    // `the lanky, bespectacled professor said`: adjectives in a row after a
    // determiner.
    let adjective_and_noun = first < last
        && last - first <= 3
        && (first..last).all(|i| starts_lower(tokens[i].text(text)))
        && is_person_noun(tokens[last - 1].text(text))
        && !PREPOSITIONS.contains(tokens[first].text(text))
        && !CLAUSE_WORDS.contains(tokens[first].text(text));
    if first >= 2 && tokens[first - 1].kind == Kind::Comma && adjective_and_noun {
        let determiner = (first.saturating_sub(4)..first - 1)
            .rev()
            .take_while(|&i| is_word(tokens, i))
            .find(|&i| lower_in(tokens[i].text(text), &["the", "a", "an"]));
        let adjectives = determiner.is_some_and(|d| (d + 1..first - 1).all(|i| starts_lower(tokens[i].text(text))));
        if let Some(d) = determiner.filter(|_| adjectives) {
            first = d;
        }
    }
    // A subject ending in a determiner or possessive (`Kasich’s showing`)
    // makes the "verb" a noun.
    // A lone participle (`…, going on to say`) is no subject either.
    let lone_participle = last - first == 1 && {
        let word = tokens[first].text(text);
        word.ends_with("ing") && word.chars().all(char::is_lowercase)
    };
    let valid = first < last
        && !lone_participle
        && !NOT_SUBJECT_START.contains(tokens[first].text(text))
        && !DETERMINERS.contains(tokens[last - 1].text(text))
        // `when she returned from talking`: a subject never ends in a preposition.
        && !PREPOSITIONS.contains(tokens[last - 1].text(text))
        && !["'s", "’s"].iter().any(|s| tokens[last - 1].text(text).ends_with(s));
    valid.then_some((first, last))
}

/// The speaker named after a verb (`said Sen. Bernie Sanders, …`).
fn speaker_after(text: &str, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
    let mut end = start;
    while end - start < MAX_SUBJECT_WORDS && is_word(tokens, end) {
        let word = tokens[end].text(text);
        let of_in_name = word == "of"
            && (tokens.get(end + 1).is_some_and(|t| is_capitalized(t.text(text)))
                || (end == start + 1 && QUANTITIES.contains(tokens[start].text(text))));
        if SPEAKER_STOPS.contains(word) && !of_in_name {
            break;
        }
        end += 1;
    }
    let first = tokens.get(start)?.text(text);
    let bounded = tokens.get(end).is_none_or(|t| t.kind != Kind::Word || SPEAKER_STOPS.contains(t.text(text)));
    // `said lead author Dr. Allan Garland`, `said pipeline welder Joe Brandt`.
    let role_before_name = (start + 1..end.min(start + MAX_ROLE_WORDS_AFTER_VERB + 1))
        .find(|&i| is_capitalized(tokens[i].text(text)))
        .is_some_and(|name| tokens[start..name].iter().all(|t| !is_speech_verb(t.text(text))));
    let names_someone = is_capitalized(first) || NOMINAL_STARTS.contains(first) || role_before_name;
    (end > start && bounded && names_someone).then_some((start, end))
}

/// A capitalized word or a personal pronoun: a subject that names someone,
/// unlike the tail of a list (`…, behind her aggressive tone, called`).
fn is_name_like(word: &str) -> bool {
    (is_capitalized(word) && !NOMINAL_STARTS.contains(word) && !DETERMINERS.contains(word))
        || lower_in(word, &["he", "she", "they", "we", "i", "it"])
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// The speaker of the speech verb spanning `tokens[verb..=verb_end]`:
/// its subject, the name before an appositive (`X, a spokesman, said`), or
/// the words after a clause-initial verb (`said X`, `according to X`).
/// `None` for a participle after a comma (`…, calling it`): its speaker is
/// the main clause's.
fn speaker_of(text: &str, tokens: &[Token], verb: usize, verb_end: usize) -> Option<(usize, usize)> {
    if verb_end > verb {
        return speaker_after(text, tokens, verb_end + 1);
    }
    let before = verb.checked_sub(1).map(|i| &tokens[i]);
    let after_comma = before.is_some_and(|t| t.kind == Kind::Comma);
    if after_comma && tokens[verb].text(text).ends_with("ing") {
        return None;
    }
    if after_comma {
        // `…, says Dante Scala`
        // (not `X, a columnist, calls Cruz "…"`: there the name runs into
        // the quotation).
        let named_after = inverts(tokens[verb].text(text))
            .then(|| speaker_after(text, tokens, verb + 1))
            .flatten()
            .filter(|&(first, end)| is_capitalized(tokens[first].text(text)) && end < tokens.len());
        if let Some(named) = named_after {
            return Some(named);
        }
        // `X, a spokesman, said` / `X, who …, said`: the name before the
        // appositive, else the appositive itself.
        let comma = verb - 1;
        // Back over the appositives (`Donald Tusk, the president of the
        // European Council, which represents EU leaders, urged`) to a name:
        // not a description (`The finance minister, Ana Souza, said`) nor the
        // object of a preposition in one (`the director of operations for
        // EHS, Jeff Fraser, says`); a description before a relative clause,
        // though (`a citizen, whose name is redacted, wrote`).
        let named_before = |c: usize, nominal: bool| {
            let relative = tokens.get(c + 1).is_some_and(|t| lower_in(t.text(text), &["who", "whose", "which"]));
            subject_before(text, tokens, c).filter(|&(first, _)| {
                let word = tokens[first].text(text);
                let object = first.checked_sub(1).is_some_and(|b| PREPOSITIONS.contains(tokens[b].text(text)));
                let named = if nominal {
                    relative && NOMINAL_STARTS.contains(word)
                } else {
                    is_name_like(word) && !DETERMINERS.contains(word)
                };
                named && !object
            })
        };
        let commas = || {
            (comma.saturating_sub(MAX_APPOSITIVE_TOKENS)..comma)
                .rev()
                .take_while(|&i| tokens[i].kind != Kind::SentenceEnd)
                .filter(|&i| tokens[i].kind == Kind::Comma)
        };
        let named =
            commas().find_map(|c| named_before(c, false)).or_else(|| commas().find_map(|c| named_before(c, true)));
        let appositive = || {
            subject_before(text, tokens, comma).filter(|&(first, _)| {
                let word = tokens[first].text(text);
                is_name_like(word) || NOMINAL_STARTS.contains(word)
            })
        };
        return named.or_else(appositive);
    }
    let starts_clause = before.is_none_or(|t| t.kind != Kind::Word && t.text(text) != ")");
    match subject_before(text, tokens, verb) {
        // `his recent remarks`, `her star turn`: a noun, not a verb.
        Some((first, _)) if !is_clearly_verb(tokens[verb].text(text)) && !is_name_like(tokens[first].text(text)) => {
            None
        }
        Some(found) => Some(found),
        None if starts_clause && inverts(tokens[verb].text(text)) => speaker_after(text, tokens, verb + 1),
        None => None,
    }
}

/// Longest appositive between a name and its verb, in tokens.
const MAX_APPOSITIVE_TOKENS: usize = 25;

fn attribution(
    text: &str,
    tokens: &[Token],
    (first, end): (usize, usize),
    verb: usize,
    verb_end: usize,
) -> Attribution {
    Attribution {
        speaker: Span::of(&tokens[first], &tokens[end - 1]),
        verb: Span::of(&tokens[verb], &tokens[verb_end]),
        role: appositive(text, tokens, end),
    }
}

/// Words that end a role appositive: a relative clause or another clause
/// follows (`a senator who …`).
static ROLE_STOPS: WordSet = WordSet::new(&[
    "who", "whom", "whose", "which", "that", "and", "but", "while", "when", "where", "as", "because", "since", "after",
    "before", "said", "says",
]);

/// Longest role appositive, in words.
const MAX_ROLE_WORDS: usize = 12;

/// The noun phrase set off by a comma after a speaker ending before
/// `end`: starting with a lower-case word (`a spokesman`, `the mayor`,
/// `one of the organizers`, `executive director of …`), up to the next
/// punctuation or relative clause. Not a clause (`, who …`), a participle
/// (`, adding …`) or a pronoun (`, he said`).
pub(crate) fn appositive(text: &str, tokens: &[Token], end: usize) -> Option<Span> {
    tokens.get(end).filter(|t| t.kind == Kind::Comma)?;
    let start = end + 1;
    let first = tokens.get(start).filter(|t| t.kind == Kind::Word)?.text(text);
    if !first.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let clause_like = CLAUSE_WORDS.contains(first)
        || CLAUSE_OPENERS.contains(first) && !DETERMINERS.contains(first)
        || is_speech_verb(first)
        || first.ends_with("ing")
        || first.ends_with("ed");
    if clause_like {
        return None;
    }
    let mut stop = start;
    while stop - start < MAX_ROLE_WORDS
        && tokens.get(stop).is_some_and(|t| t.kind == Kind::Word && !ROLE_STOPS.contains(t.text(text)))
    {
        stop += 1;
    }
    let bounded = tokens.get(stop).is_none_or(|t| t.kind != Kind::Word || ROLE_STOPS.contains(t.text(text)));
    let last = stop.checked_sub(1).and_then(|i| tokens.get(i)).filter(|_| bounded && stop > start)?;
    Some(Span::of(&tokens[start], last))
}

/// Longest run of words from a quotation's end to its verb
/// (`"…," a former senior law enforcement official said`, with appositive).
const MAX_WORDS_TO_VERB_AFTER: usize = 20;
/// Longest run of words from a verb to the quotation it introduces
/// (`X told reporters on Tuesday at the White House: "…"`).
const MAX_WORDS_VERB_TO_QUOTE: usize = 8;

/// Attribution in the words right after a quotation, up to the sentence end:
/// the subject must start the clause (`"…," X said`, `"…," said X`).
///
/// After a quotation ending its sentence (`"….`), a verb taking a clause
/// (`X said he would …`) starts a new sentence about something else.
pub fn after_quote(text: &str, tokens: &[Token], quote_ends_sentence: bool) -> Option<Attribution> {
    let mut start = 0;
    while tokens.get(start).is_some_and(|t| matches!(t.kind, Kind::Comma | Kind::Break)) {
        start += 1;
    }
    if tokens.get(start).is_some_and(|t| t.text(text).eq_ignore_ascii_case("as")) {
        start += 1;
    }
    let clause = &tokens[start.min(tokens.len())..];
    let sentence_len =
        clause.iter().position(|t| matches!(t.kind, Kind::SentenceEnd | Kind::Colon)).unwrap_or(clause.len());
    let clause = &clause[..sentence_len.min(MAX_WORDS_TO_VERB_AFTER + 4)];
    // `Boston coach Jim Roe said`: a word that is a noun as often as a
    // speech verb gives way to a clear verb after it; a verb with no
    // speaker (`a citizen, whose name is redacted, wrote`) to the next.
    let candidates: Vec<usize> = (0..clause.len())
        .filter(|&i| verb_at(text, clause, i).is_some() && !is_bare_participle(text, clause, i))
        .collect();
    let first = *candidates.first()?;
    let in_same_clause = |i: &&usize| clause[first..**i].iter().all(|t| t.kind == Kind::Word);
    let clear_after =
        candidates.iter().skip(1).take_while(in_same_clause).find(|&&i| is_clearly_verb(clause[i].text(text)));
    let preferred = clear_after.copied().filter(|_| !is_clearly_verb(clause[first].text(text))).unwrap_or(first);
    let (verb, verb_end, found) =
        std::iter::once(preferred).chain(candidates.iter().copied().filter(|&i| i > preferred)).find_map(|verb| {
            let verb_end = verb_at(text, clause, verb)?;
            speaker_of(text, clause, verb, verb_end).map(|found| (verb, verb_end, found))
        })?;
    // Without an appositive the subject runs from the quotation to the verb.
    let starts_clause = found.0 == 0 || (verb == 0 && found.0 == verb_end + 1);
    let has_appositive = clause[..verb].iter().any(|t| t.kind == Kind::Comma);
    let takes_clause = clause.get(verb_end + 1).is_some_and(|t| CLAUSE_OPENERS.contains(t.text(text)));
    if quote_ends_sentence && takes_clause {
        return None;
    }
    (starts_clause && (verb <= MAX_SUBJECT_WORDS || has_appositive))
        .then(|| attribution(text, clause, found, verb, verb_end))
}

/// A participle right after a noun with no auxiliary (`"…." A social impact
/// bond using …`): it modifies the noun, it reports no speech.
fn is_bare_participle(text: &str, tokens: &[Token], i: usize) -> bool {
    let word = tokens[i].text(text);
    word.ends_with("ing")
        && starts_lower(word)
        && i.checked_sub(1).is_some_and(|b| is_word(tokens, b) && !is_auxiliary(tokens[b].text(text)))
}

/// Attribution in the sentence leading up to a quotation: the last speech
/// verb shortly before it (`X said: "…"`, `X said that "…"`,
/// `according to X, "…"`, `X called it "…"`), or the outermost one when
/// the sentence reports speech within speech; a participle (`…, calling it
/// "…"`) passes on to the verb of its main clause.
pub fn before_quote(text: &str, tokens: &[Token]) -> Option<Attribution> {
    let sentence_start = tokens.iter().rposition(|t| t.kind == Kind::SentenceEnd).map_or(0, |i| i + 1);
    let sentence = &tokens[sentence_start..];
    let mut nearest = sentence.len().saturating_sub(MAX_WORDS_VERB_TO_QUOTE + 2);
    let mut found = None;
    // Verbs at or after this index are inside or after the found speaker.
    let mut left_of = sentence.len();
    for verb in (0..left_of).rev() {
        if verb < nearest {
            break;
        }
        if verb >= left_of {
            continue;
        }
        let Some(verb_end) = verb_at(text, sentence, verb) else { continue };
        match speaker_of(text, sentence, verb, verb_end) {
            Some(speaker) => {
                // Keep looking left of the speaker: in `X said Y called it
                // "…"` the source is X.
                found = Some(attribution(text, sentence, speaker, verb, verb_end));
                // Not across a comma: `The ad includes a clip, in which he
                // says …` is about the ad.
                left_of = speaker.0.min(verb);
                nearest = sentence[..left_of].iter().rposition(|t| t.kind == Kind::Comma).map_or(0, |c| c + 1);
            }
            None => nearest = verb.saturating_sub(MAX_WORDS_VERB_TO_QUOTE + 2).min(nearest),
        }
    }
    found
}

/// An attribution farther away in the sentence around a quotation (the
/// sentence's words before it, then after it) whose speaker is a name or
/// pronoun: nominal subjects this far from a quotation are mostly not its
/// speaker.
pub fn in_sentence(text: &str, before: &[Token], after: &[Token]) -> Option<Attribution> {
    let sentence_start = before.iter().rposition(|t| t.kind == Kind::SentenceEnd).map_or(0, |i| i + 1);
    let before = &before[sentence_start..];
    let sentence_end = after.iter().position(|t| t.kind == Kind::SentenceEnd).unwrap_or(after.len());
    let after = &after[..sentence_end];
    let named = |tokens: &[Token], verb: usize| {
        let verb_end = verb_at(text, tokens, verb).filter(|_| !is_bare_participle(text, tokens, verb))?;
        let found = speaker_of(text, tokens, verb, verb_end)?;
        is_name_like(tokens[found.0].text(text)).then(|| attribution(text, tokens, found, verb, verb_end))
    };
    (0..before.len())
        .find_map(|verb| named(before, verb))
        .or_else(|| (0..after.len()).find_map(|verb| named(after, verb)))
}

/// The reporting clause of a sentence: its last speech verb whose speaker
/// names someone (`According to EHS, the target is met but Chapman says
/// that's not what the union sees` → Chapman).
pub fn reporting_clause(text: &str, sentence: &[Token]) -> Option<Attribution> {
    (0..sentence.len()).rev().find_map(|verb| {
        let verb_end = verb_at(text, sentence, verb).filter(|_| !is_bare_participle(text, sentence, verb))?;
        let found = speaker_of(text, sentence, verb, verb_end)?;
        is_name_like(sentence[found.0].text(text)).then(|| attribution(text, sentence, found, verb, verb_end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    fn tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), 0, &mut tokens);
        tokens
    }

    /// Speaker and verb of the words after a quotation (`text` starts right
    /// after its closing mark).
    fn after(text: &str) -> Option<(&str, &str)> {
        after_quote(text, &tokens(text), false).map(|a| (a.speaker.text(text), a.verb.text(text)))
    }

    /// Speaker and verb of the words before a quotation.
    fn before(text: &str) -> Option<(&str, &str)> {
        before_quote(text, &tokens(text)).map(|a| (a.speaker.text(text), a.verb.text(text)))
    }

    #[test]
    fn role_nouns_before_a_name_after_the_verb() {
        assert_eq!(
            after(", said lead author Dr. Allan Garland, a specialist."),
            Some(("lead author Dr. Allan Garland", "said"))
        );
        assert_eq!(after(", said pipeline welder Joe Brandt."), Some(("pipeline welder Joe Brandt", "said")));
        assert_eq!(after(", says my two-year-old."), Some(("my two-year-old", "says")));
        assert_eq!(after(", says one of the players."), Some(("one of the players", "says")));
    }

    #[test]
    fn speech_words_after_a_determiner_are_nouns() {
        assert_eq!(after(", the report said."), Some(("the report", "said")));
        assert_eq!(after(", the memo read."), Some(("the memo", "read")));
        assert_eq!(after(", her statement read."), Some(("her statement", "read")));
    }

    #[test]
    fn times_prepositions_passives_and_participles_are_no_attribution() {
        // Days and months are no subjects; `May` may be a surname.
        assert_eq!(after(" between June and October, says the program."), None);
        assert_eq!(before("when she returned from talking with Colton, she crowed, "), None);
        let after_sentence = |text: &'static str| after_quote(text, &tokens(text), true).map(|a| a.speaker.text(text));
        assert_eq!(after_sentence(" Ms. May’s government is expected to survive."), None);
        assert_eq!(after_sentence(" A social impact bond using private money is one way."), None);
        assert_eq!(after_sentence(" Ms. Gray has said so before."), Some("Ms. Gray"));
    }

    #[test]
    fn verbs_of_manner_put_their_speaker_after_them() {
        assert_eq!(after(", quipped Green, who lives nearby."), Some(("Green", "quipped")));
        assert_eq!(after(", scolded Elyse."), Some(("Elyse", "scolded")));
    }

    #[test]
    fn a_word_as_often_a_noun_gives_way_to_a_clear_verb() {
        assert_eq!(after(", Boston coach Jim Roe said."), Some(("Boston coach Jim Roe", "said")));
        assert_eq!(
            after(", Rally Canada volunteer media coordinator Tom Hinderks said."),
            Some(("Rally Canada volunteer media coordinator Tom Hinderks", "said"))
        );
    }

    #[test]
    fn the_name_of_an_apposition_speaks() {
        assert_eq!(before("The finance minister, Ana Souza, said: "), Some(("Ana Souza", "said")));
        assert_eq!(
            before("The leader of Ennahda, Rachid Ghannouchi, condemned it as "),
            Some(("Rachid Ghannouchi", "condemned"))
        );
        assert_eq!(
            before("On Tuesday, Donald Tusk, the president of the European Council, which represents EU leaders, urged them "),
            Some(("Donald Tusk", "urged"))
        );
        assert_eq!(after(", a citizen, whose name is redacted, wrote on Aug. 29."), Some(("a citizen", "wrote")));
        assert_eq!(
            after(", the lanky, bespectacled professor said."),
            Some(("the lanky, bespectacled professor", "said"))
        );
    }

    #[test]
    fn a_time_phrase_ends_the_subject() {
        assert_eq!(
            before("Calgary MP Michelle Rempel earlier this week called him a "),
            Some(("Calgary MP Michelle Rempel", "called"))
        );
    }

    #[test]
    fn the_reporting_clause_of_a_sentence_is_its_last() {
        let text = "According to EHS, the target is met but Chapman says that is not so";
        let found = reporting_clause(text, &tokens(text)).map(|a| a.speaker.text(text));
        assert_eq!(found, Some("Chapman"));
    }
}
