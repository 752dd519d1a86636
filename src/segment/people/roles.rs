//! Roles the text gives a named person: the title and role words before the
//! name (`U.S. Secretary of State John Kerry`, `said lead author Dr. Allan
//! Garland`), or a description set off by commas after it (`Smith, a
//! spokesman for the ministry,`) or before it (`The finance minister, Ana
//! Souza,`).

use super::words::{is_not_name, is_person_noun, is_title, is_title_or_not_name, strip_possessive};
use crate::segment::quotes::appositive;
use crate::segment::tokens::{is_capitalized, word, Kind, Token};
use crate::segment::verbs::{is_auxiliary, is_speech_verb, lower_in};
use crate::segment::wordset::WordSet;

/// Lower-case words inside a title between two capitalized words
/// (`Secretary of State`, `Security and Foreign Affairs Advisor`).
static TITLE_JOINERS: WordSet = WordSet::new(&["of", "and", "for", "the", "&", "de"]);

/// Words that a role never reaches back over: the sentence goes on before
/// them (`met with`, `the`, `after`).
const ROLE_BOUNDARIES: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those", "of", "in",
    "on", "at", "for", "with", "by", "from", "to", "about", "against", "among", "between", "into", "over", "under",
    "after", "before", "during", "like", "as", "than", "via", "including", "and", "or", "but", "nor", "so", "yet",
    "while", "when", "because", "if", "he", "she", "they", "we", "i", "it", "who", "which", "whom", "whose", "is",
    "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "not", "no", "also", "then", "says",
    "said",
];

/// Honorifics: no role by themselves, nor at the end of one (`lead author
/// Dr.`).
const HONORIFICS: &[&str] = &["Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Mme", "Mme.", "M."];

/// Prepositions that end the head of a description.
static HEAD_ENDS: WordSet =
    WordSet::new(&["of", "at", "for", "in", "with", "from", "on", "to", "who", "whose", "that"]);

/// Most lower-case words in a role before a name (`city councillor and
/// tenants advocate`).
const MAX_LOWER_ROLE_WORDS: usize = 5;
/// Most tokens in a role before a name.
const MAX_ROLE_TOKENS: usize = 12;
/// Most words of a description before a name and its comma.
const MAX_DESCRIPTION_WORDS: usize = 12;

/// Whether a word is one a role never reaches back over.
pub(crate) fn is_boundary(word: &str) -> bool {
    static WORDS: WordSet = WordSet::new(ROLE_BOUNDARIES);
    WORDS.contains(word)
}

fn is_role_modifier(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && !is_boundary(word)
        && !is_speech_verb(word)
        && !is_auxiliary(word)
        && !word.ends_with("ed")
        && !word.ends_with("ing")
}

/// The title and role words right before the name starting at token
/// `name`, as written, and their first token: capitalized words (and the
/// joiners between them), and lower-case role nouns with the words that
/// modify them (`said pipeline welder Joe Brandt`, `Veterans Affairs deputy
/// minister`), back to a boundary; a possessor starts them (`Kerry's
/// spokesman`). Honorifics at the end are no role (`lead author Dr.`).
pub(crate) fn role_before<'t>(text: &'t str, tokens: &[Token], name: usize) -> Option<(usize, &'t str)> {
    let mut first = name;
    let mut i = name;
    let mut lower_words = 0;
    while i > 0 && name - i < MAX_ROLE_TOKENS {
        let Some(w) = word(text, tokens, i - 1) else { break };
        // A number only inside a capitalized name (`UFCW Local 832`).
        let in_name = |w: &str| {
            w.starts_with(|c: char| c.is_ascii_digit())
                && word(text, tokens, i.wrapping_sub(2)).is_some_and(|w| is_capitalized(w) && !is_not_name(w))
        };
        if is_capitalized(w) || in_name(w) {
            if is_not_name(w) {
                break;
            }
            i -= 1;
            first = i;
            if strip_possessive(w).1 {
                break;
            }
        } else if TITLE_JOINERS.contains(w)
            && first == i
            && first < name
            // Between title words, not back into another name (`President
            // Barack Obama and Prime Minister Nawaz Sharif`).
            && word(text, tokens, i.wrapping_sub(2)).is_some_and(|w| is_title_or_not_name(w) && !is_not_name(w))
        {
            i -= 1;
        } else if is_role_head(w) && lower_words < MAX_LOWER_ROLE_WORDS {
            // A role noun, then the words that modify it (`lead author`),
            // or another role joined to it (`councillor and tenants advocate`).
            i -= 1;
            first = i;
            lower_words += 1;
            while lower_words < MAX_LOWER_ROLE_WORDS {
                let Some(w) = word(text, tokens, i.wrapping_sub(1)) else { break };
                let joins_role = w == "and" && word(text, tokens, i.wrapping_sub(2)).is_some_and(is_role_head);
                if !(is_role_modifier(w) || joins_role) {
                    break;
                }
                i -= 1;
                first = i;
                lower_words += 1;
            }
        } else {
            break;
        }
    }
    let mut last = name;
    while last > first && word(text, tokens, last - 1).is_some_and(|w| HONORIFICS.contains(&w)) {
        last -= 1;
    }
    let role = span_text(text, tokens, first, last);
    (first < last && names_a_role(role)).then_some((first, role))
}

/// Whether words name a role: a title or a person noun among them (`Roman
/// Catholic Diocese of`, `72-hole`, `Thursday's` do not).
fn names_a_role(words: &str) -> bool {
    words.split_whitespace().any(|w| {
        let w = strip_possessive(w).0;
        is_title(w) || is_person_noun(w) || w.ends_with("-year-old")
    })
}

/// A lower-case noun naming a person's role (`coach`, `welder`), which may
/// also be a verb (`coach`, `volunteer`).
fn is_role_head(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && !is_boundary(word) && is_person_noun(word)
}

/// The text from token `first` up to token `end` (exclusive).
fn span_text<'t>(text: &'t str, tokens: &[Token], first: usize, end: usize) -> &'t str {
    match (tokens.get(first), end.checked_sub(1).and_then(|i| tokens.get(i))) {
        (Some(a), Some(b)) if end > first => text.get(a.byte_start..b.byte_end).unwrap_or(""),
        _ => "",
    }
}

/// The description set off by a comma after the name ending before token
/// `end` (`, a spokesman for the ministry,`, `, director of …`, `, Minister
/// of Innovation,`).
pub(crate) fn description_after<'t>(text: &'t str, tokens: &[Token], end: usize) -> Option<&'t str> {
    let Some(description) = appositive(text, tokens, end) else { return title_after(text, tokens, end) };
    let description = description.text(text);
    let mut words = description.split_whitespace();
    let opener = words.next()?;
    // `, with the losers …`, `, who’s 23`: no description of a person.
    let determiner = lower_in(opener, &["a", "an", "the", "his", "her", "their", "its", "our", "my", "your"]);
    if (is_boundary(opener) && !determiner) || opener.starts_with("who") {
        return None;
    }
    // The head noun: the last word before a preposition (`director of …`,
    // `a specialist at …`; not `its support for separatist rebels`).
    let head_phrase = description.split([',', '(']).next().unwrap_or("");
    let head_end = head_phrase.split_whitespace().position(|w| HEAD_ENDS.contains(w));
    let head = head_phrase.split_whitespace().take(head_end.unwrap_or(usize::MAX)).last().unwrap_or("");
    names_a_role(head).then_some(description)
}

/// A title set off by a comma after a name (`Navdeep Bains, Minister of
/// Innovation, said`): its words up to the next punctuation.
fn title_after<'t>(text: &'t str, tokens: &[Token], end: usize) -> Option<&'t str> {
    tokens.get(end).filter(|t| t.kind == Kind::Comma)?;
    word(text, tokens, end + 1).filter(|w| is_title(w))?;
    let stop = (end + 1..tokens.len().min(end + 1 + MAX_DESCRIPTION_WORDS))
        .find(|&i| word(text, tokens, i).is_none_or(|w| is_speech_verb(w) || lower_in(w, &["who", "which", "that"])));
    let stop = stop.unwrap_or(tokens.len().min(end + 1 + MAX_DESCRIPTION_WORDS));
    Some(span_text(text, tokens, end + 1, stop)).filter(|title| !title.is_empty())
}

/// The description before a name set off by commas (`The finance minister,
/// Ana Souza, said`, `But the director of operations for EHS, Jeff Fraser,`,
/// `Smith's partner, Jason Lee`): a determiner or possessor and a role noun
/// before any preposition, from the clause start to the comma right before
/// token `name`; the name must close the apposition (a comma or the
/// sentence end after it, at token `end`).
pub(crate) fn description_before<'t>(
    text: &'t str,
    tokens: &[Token],
    name: usize,
    end: usize,
) -> Option<(usize, &'t str)> {
    let comma = name.checked_sub(1).filter(|&c| tokens[c].kind == Kind::Comma)?;
    tokens.get(end).filter(|t| matches!(t.kind, Kind::Comma | Kind::SentenceEnd))?;
    let mut first = comma;
    while first > 0 && comma - first < MAX_DESCRIPTION_WORDS && tokens[first - 1].kind == Kind::Word {
        first -= 1;
    }
    // Itself set off after a name (`Dave Martell, a doctor from Lunenburg,
    // N.S., who …`): the name's description, not this one's.
    let after_name = first >= 2
        && tokens[first - 1].kind == Kind::Comma
        && word(text, tokens, first - 2).is_some_and(is_capitalized);
    if after_name {
        return None;
    }
    // Back from the comma the words run to the clause start; a sentence
    // adverb or conjunction there is none of the description (`But the …`).
    while word(text, tokens, first).is_some_and(|w| is_not_name(w) && !w.eq_ignore_ascii_case("the")) {
        first += 1;
    }
    let opener = word(text, tokens, first)?;
    let determined = ["the", "a", "an"].iter().any(|d| d.eq_ignore_ascii_case(opener)) || strip_possessive(opener).1;
    let head_end = (first + 1..comma)
        .find(|&i| word(text, tokens, i).is_some_and(|w| lower_in(w, &["of", "for", "at", "with", "in", "from"])))
        .unwrap_or(comma);
    let has_role = (first + 1..head_end).rev().find_map(|i| word(text, tokens, i)).is_some_and(is_person_noun);
    (determined && has_role).then(|| (first, span_text(text, tokens, first, comma)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    /// The role before the first word of `name` in `text`.
    fn role(text: &str, name: &str) -> Option<String> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), 0, &mut tokens);
        let at = tokens.iter().position(|t| t.text(text) == name).unwrap();
        role_before(text, &tokens, at).map(|(_, role)| role.to_string())
    }

    #[test]
    fn titles_and_role_nouns_before_a_name() {
        assert_eq!(
            role("U.S. Secretary of State John Kerry says it is central.", "John").as_deref(),
            Some("U.S. Secretary of State")
        );
        assert_eq!(
            role("Pakistan's government says so, says Pakistani National Security and Foreign Affairs Advisor Sartaj Aziz who leads.", "Sartaj")
                .as_deref(),
            Some("Pakistani National Security and Foreign Affairs Advisor")
        );
        assert_eq!(
            role("\"Yes,\" said lead author Dr. Allan Garland, a specialist.", "Allan").as_deref(),
            Some("lead author")
        );
        assert_eq!(role("We spoke to Dr. Allan Garland.", "Allan"), None);
        assert_eq!(role("We spoke to Sen. Bernie Sanders.", "Bernie").as_deref(), Some("Sen."));
        assert_eq!(
            role("Later city councillor and tenants advocate Josh Matlow said no.", "Josh").as_deref(),
            Some("city councillor and tenants advocate")
        );
        assert_eq!(role("Boston coach Jim Roe said no.", "Jim").as_deref(), Some("Boston coach"));
        assert_eq!(
            role("But Wet'suwet'en Hereditary Chief Na'moks said no.", "Na'moks").as_deref(),
            Some("Wet'suwet'en Hereditary Chief")
        );
        assert_eq!(role("Kerry's spokesman John Kirby said no.", "John").as_deref(), Some("Kerry's spokesman"));
        assert_eq!(
            role("Talks between President Barack Obama and Prime Minister Nawaz Sharif.", "Nawaz").as_deref(),
            Some("Prime Minister")
        );
    }

    #[test]
    fn no_role_from_verbs_and_plain_words() {
        assert_eq!(role("The rally drew supporters John Smith and others.", "John"), None);
        assert_eq!(role("Police arrested John Smith on Monday.", "John"), None);
        assert_eq!(role("She met with John Smith.", "John"), None);
    }

    #[test]
    fn descriptions_around_a_name() {
        let check = |text: &str, name: &str, end_word: &str| {
            let mut tokens = Vec::new();
            tokenize(text, 0, text.len(), 0, &mut tokens);
            let at = tokens.iter().position(|t| t.text(text) == name).unwrap();
            let end = tokens.iter().position(|t| t.text(text) == end_word).unwrap() + 1;
            description_before(text, &tokens, at, end).map(|(_, d)| d.to_string())
        };
        assert_eq!(
            check("The finance minister, Ana Souza, said it.", "Ana", "Souza").as_deref(),
            Some("The finance minister")
        );
        assert_eq!(
            check("But the director of operations for EHS, Jeff Fraser, says so.", "Jeff", "Fraser").as_deref(),
            Some("the director of operations for EHS")
        );
        assert_eq!(check("Smith's partner, Jason Lee, said it.", "Jason", "Lee").as_deref(), Some("Smith's partner"));
        assert_eq!(check("In the end, Jason Lee said it.", "Jason", "Lee"), None);
        let text = "Mary Nicholson, director of health care for Veterans Affairs, agreed.";
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), 0, &mut tokens);
        assert_eq!(description_after(text, &tokens, 2), Some("director of health care for Veterans Affairs"));
    }
}
