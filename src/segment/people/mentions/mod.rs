//! Person mentions in the words of a document, a paragraph at a time: names
//! (title and role apart), personal pronouns and role descriptions (`the
//! Kentucky Republican`), each with its place in its sentence. Photo
//! credits and bylines are skipped: they are no people of the story.

use super::gender::{self, first_name, honorific_gender, noun_gender, Evidence, Pronoun};
use super::roles::{description_after, description_before, is_boundary, role_before};
use super::words::{is_non_person_word, is_person_noun, is_title, is_title_or_not_name, strip_possessive};
use crate::segment::tokens::{is_capitalized, word, Kind, Token};
use crate::segment::verbs::{is_auxiliary, is_speech_verb, lower_in};
use crate::segment::Gender;

mod clause;

use clause::SUBJECT_OPENERS;

/// One mention; offsets are code points into the document text.
#[derive(Debug, Clone)]
pub(crate) struct Mention<'t> {
    pub char_start: usize,
    pub sentence: usize,
    pub paragraph: usize,
    /// The first mention of its sentence, no preposition before it: the
    /// subject of the main clause, as near as words tell.
    pub subject: bool,
    /// The speaker of a reporting clause (`X said`, `X, a …, says`, `said
    /// X`, `according to X`).
    pub reporting: bool,
    pub kind: MentionKind<'t>,
}

impl<'t> Mention<'t> {
    /// The name words of a name mention.
    pub fn name_text(&self) -> Option<&'t str> {
        match &self.kind {
            MentionKind::Name(name) => Some(name.text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum MentionKind<'t> {
    Name(Name<'t>),
    Pronoun(Pronoun),
    /// A definite description by role (`the rookie defenceman`): its words
    /// after `the`, and its head noun.
    Description {
        words: &'t str,
        head: &'t str,
        gender: Option<Gender>,
    },
}

/// A name as written, with what its words and neighbours say of it.
#[derive(Debug, Clone)]
pub(crate) struct Name<'t> {
    /// The name words, title and possessive ending apart (`Sartaj Aziz`).
    pub text: &'t str,
    /// Where `text` starts and ends, code points.
    pub chars: (usize, usize),
    pub first: &'t str,
    pub last: &'t str,
    pub words: usize,
    pub role: Option<&'t str>,
    pub gender: Option<(Gender, Evidence)>,
    /// A title, role, description, age or known first name makes it a person's.
    pub person: bool,
    /// A word of it is an organisation's or a place's (`Authority`, `County`).
    pub organisation: bool,
    pub possessive: bool,
}

/// Months that are also names.
const MONTH_NAMES: &[&str] = &["April", "May", "June", "August"];

/// First words of a parenthetical photo credit (`(Submitted by Jane Roe)`).
const CREDIT_WORDS: &[&str] = &["Photo", "Photos", "Photograph", "Submitted", "Courtesy", "Credit", "File", "Image"];

/// Most words of a byline paragraph (`By Jane Roe`).
const MAX_BYLINE_WORDS: usize = 8;
/// Most words of a role description after `the`.
const MAX_DESCRIPTION_WORDS: usize = 4;

/// The mentions of a document, paragraph by paragraph.
pub(crate) struct Scanner<'t> {
    text: &'t str,
    pub mentions: Vec<Mention<'t>>,
    sentence: usize,
    paragraph: usize,
    /// Index into `mentions` of the first mention of the current sentence.
    sentence_mentions: usize,
    /// Index into the paragraph's tokens of the current sentence's first.
    sentence_start: usize,
    /// Whether the current sentence has a word yet.
    has_words: bool,
}

/// Whether only one white-space char separates two tokens (not `Roe/AFP`).
fn spaced(text: &str, a: &Token, b: &Token) -> bool {
    let mut between = text.get(a.byte_end..b.byte_start).unwrap_or("/").chars();
    between.next().is_some_and(char::is_whitespace) && between.next().is_none()
}

impl<'t> Scanner<'t> {
    pub fn new(text: &'t str) -> Scanner<'t> {
        Scanner {
            text,
            // About one mention per 60 bytes of news text: reserve once.
            mentions: Vec::with_capacity(text.len() / 60),
            sentence: 0,
            paragraph: 0,
            sentence_mentions: 0,
            sentence_start: 0,
            has_words: false,
        }
    }

    /// Starts a sentence at token `next_token` of the paragraph; a sentence
    /// without words yet (after a period ending a paragraph) goes on.
    fn new_sentence(&mut self, next_token: usize) {
        if self.has_words {
            self.sentence += 1;
            self.has_words = false;
        }
        self.sentence_mentions = self.mentions.len();
        self.sentence_start = next_token;
    }

    /// Reads the mentions of one paragraph: its words outside quotations,
    /// each quotation one [`Kind::Quotation`] token.
    pub fn paragraph(&mut self, tokens: &[Token]) {
        self.new_sentence(0);
        let text = self.text;
        let byline = word(text, tokens, 0) == Some("By")
            && tokens.iter().filter(|t| t.kind == Kind::Word).count() <= MAX_BYLINE_WORDS;
        let credits = if byline { vec![(0, tokens.len())] } else { credit_parentheticals(text, tokens) };
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            match token.kind {
                Kind::SentenceEnd => self.new_sentence(i + 1),
                Kind::Quotation => {
                    self.has_words = true;
                    if quotation_ends_sentence(text, token, tokens.get(i + 1)) {
                        self.new_sentence(i + 1);
                    }
                }
                Kind::Word => {
                    self.has_words = true;
                    // Most words start with a lower-case letter no pronoun,
                    // `the` or name starts with: skip them at a glance.
                    let lead = text.as_bytes().get(token.byte_start).copied().unwrap_or(0);
                    if lead.is_ascii_lowercase() && !matches!(lead, b'h' | b's' | b't') {
                        i += 1;
                        continue;
                    }
                    let w = token.text(text);
                    if let Some(pronoun) = gender::pronoun(w) {
                        self.pronoun(tokens, i, pronoun);
                    } else if let Some(end) = (w.eq_ignore_ascii_case("the") && self.may_speak(tokens, i))
                        .then(|| self.description(tokens, i))
                        .flatten()
                    {
                        i = end;
                        continue;
                    } else if is_capitalized(w) {
                        let end = run_end(text, tokens, i);
                        if !credits.iter().any(|&(a, b)| a <= i && i < b) {
                            self.name(tokens, i, end);
                        }
                        i = end;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.paragraph += 1;
    }

    /// Records the mention of `tokens[first..end]`, whose title or role
    /// starts at token `extent`.
    fn push(
        &mut self,
        tokens: &[Token],
        (extent, first, end): (usize, usize, usize),
        kind: MentionKind<'t>,
        subject: bool,
    ) {
        // A possessor speaks no verb after it (`his view`, `Putin's remarks`).
        let possessor = match &kind {
            MentionKind::Pronoun(pronoun) => !pronoun.subject,
            MentionKind::Name(name) => name.possessive,
            MentionKind::Description { .. } => false,
        };
        let reporting = !possessor && self.is_reporting(tokens, extent, end);
        self.mentions.push(Mention {
            char_start: tokens[first].char_start,
            sentence: self.sentence,
            paragraph: self.paragraph,
            subject,
            reporting,
            kind,
        });
    }

    fn pronoun(&mut self, tokens: &[Token], i: usize, pronoun: Pronoun) {
        let subject = pronoun.subject && self.is_subject(tokens, i);
        self.push(tokens, (i, i, i + 1), MentionKind::Pronoun(pronoun), subject);
    }

    /// Whether a description starting at token `at` stands where a speaker
    /// does: opening a clause, or after a speech verb (`said the rookie
    /// defenceman`). Descriptions elsewhere (`he met the mayor`) are left
    /// unread: most `the` are not worth it.
    fn may_speak(&self, tokens: &[Token], at: usize) -> bool {
        match at.checked_sub(1).filter(|&b| b >= self.sentence_start) {
            None => true,
            Some(before) => match word(self.text, tokens, before) {
                None => true,
                Some(w) => is_speech_verb(w) || SUBJECT_OPENERS.contains(w),
            },
        }
    }

    /// A description by role after `the` at token `at` (`the rookie
    /// defenceman`, `the Kentucky Republican`): its words up to the last
    /// person noun before a boundary; none when a name follows (there it is
    /// the name's role). Returns the index past it.
    fn description(&mut self, tokens: &[Token], at: usize) -> Option<usize> {
        let text = self.text;
        let mut head = None;
        let mut j = at + 1;
        while j - at <= MAX_DESCRIPTION_WORDS {
            // `the lanky, bespectacled professor`: adjectives in a row.
            if tokens.get(j).is_some_and(|t| t.kind == Kind::Comma)
                && word(text, tokens, j + 1).is_some_and(|w| w.starts_with(char::is_lowercase) && !is_boundary(w))
            {
                j += 1;
                continue;
            }
            let Some(w) = word(text, tokens, j) else { break };
            if is_boundary(w) || is_speech_verb(w) || is_auxiliary(w) || strip_possessive(w).1 {
                break;
            }
            if is_person_noun(w) {
                head = Some(j);
            }
            j += 1;
        }
        let head = head?;
        let name_follows = word(text, tokens, head + 1).is_some_and(is_capitalized);
        if name_follows {
            return None;
        }
        let head_word = tokens[head].text(text);
        let words = text.get(tokens[at + 1].byte_start..tokens[head].byte_end).unwrap_or(head_word);
        let subject = self.is_subject(tokens, at);
        let kind = MentionKind::Description { words, head: head_word, gender: noun_gender(head_word) };
        self.push(tokens, (at, at, head + 1), kind, subject);
        Some(head + 1)
    }

    /// The name at the end of the capitalized run `tokens[start..end]`.
    fn name(&mut self, tokens: &[Token], start: usize, end: usize) {
        let text = self.text;
        let mut first = end;
        while first > start {
            let w = strip_possessive(tokens[first - 1].text(text)).0;
            let place = Place { opens_sentence: first - 1 == self.sentence_start, before_capital: first < end };
            let never_name = is_title_or_not_name(w) || is_capitalized_word(w, place);
            // `Theresa May`, `Ms. May`: a month that is a name after a
            // first name or title.
            let month_name = || {
                MONTH_NAMES.contains(&w)
                    && first == end
                    && first - 1 > start
                    && word(text, tokens, first - 2).is_some_and(|prev| is_title(prev) || first_name(prev).is_some())
            };
            if !is_capitalized(w) || (never_name && !month_name()) {
                break;
            }
            first -= 1;
        }
        if first == end {
            return;
        }
        let last_token = &tokens[end - 1];
        let (last, possessive) = strip_possessive(last_token.text(text));
        let title = first.checked_sub(1).filter(|&t| t >= start).map(|t| tokens[t].text(text));
        let before = start.checked_sub(1).and_then(|i| word(text, tokens, i));
        // `the Ford government`, `a Kerry aide`: a surname used as a
        // modifier (not `the Larry Ellison appraisal`).
        let modifier = title.is_none() && end - first == 1 && before.is_some_and(|w| lower_in(w, &["the", "a", "an"]));
        let credit = text.get(..tokens[start].byte_start).is_some_and(|b| b.trim_end_matches(' ').ends_with('/'))
            || text.get(last_token.byte_end..).is_some_and(|a| a.trim_start_matches(' ').starts_with('/'));
        // `LAKE BUENA VISTA, Fla.`, `UFCW`: a dateline or acronym.
        let capitals = || {
            (first..end).all(|i| {
                let w = tokens[i].text(text);
                w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
            })
        };
        if modifier || credit || (end - first > 1 && capitals()) {
            return;
        }
        let name_text = text.get(tokens[first].byte_start..last_token.byte_start + last.len()).unwrap_or("");
        let name_chars = (tokens[first].char_start, last_token.char_start + last.chars().count());
        let words = end - first;
        let before_role = role_before(text, tokens, first);
        let after = (!possessive).then(|| description_after(text, tokens, end)).flatten();
        let ahead = || description_before(text, tokens, first, end);
        let (extent, role) = match (before_role, after) {
            (Some((at, role)), _) => (at, Some(role)),
            (None, Some(role)) => (first, Some(role)),
            (None, None) => match ahead() {
                Some((at, role)) => {
                    // The description is this name's role, not a mention of its own.
                    let (from, sentence) = (tokens[at].char_start, self.sentence);
                    self.mentions.retain(|m| {
                        !(m.sentence == sentence
                            && m.char_start >= from
                            && matches!(m.kind, MentionKind::Description { .. }))
                    });
                    (at, Some(role))
                }
                None => (first, None),
            },
        };
        let honorific = title.and_then(honorific_gender).map(|g| (g, Evidence::Honorific));
        let gender = honorific.or_else(|| {
            let role_words = title.into_iter().chain(role.into_iter().flat_map(str::split_whitespace));
            role_words
                .take_while(|w| !lower_in(w, &["of", "for", "at", "with", "in", "from", "to"]))
                .find_map(noun_gender)
                .map(|g| (g, Evidence::Noun))
        });
        let first_word = strip_possessive(tokens[first].text(text)).0;
        let aged = tokens.get(end).is_some_and(|t| t.kind == Kind::Comma)
            && word(text, tokens, end + 1).is_some_and(|w| w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
            && tokens.get(end + 2).is_some_and(|t| t.kind == Kind::Comma);
        let person = title.is_some_and(is_title)
            || role.is_some()
            || gender.is_some()
            || aged
            || (words > 1 && first_name(first_word).is_some_and(|name| name.common));
        let organisation = (first..end).any(|i| is_non_person_word(strip_possessive(tokens[i].text(text)).0));
        let kind = MentionKind::Name(Name {
            text: name_text,
            chars: name_chars,
            first: first_word,
            last,
            words,
            role,
            gender,
            person,
            organisation,
            possessive,
        });
        let subject = !possessive && self.is_subject(tokens, extent);
        self.push(tokens, (extent, first, end), kind, subject);
    }
}

/// Where a capitalized word stands: opening its sentence, and before
/// another capitalized word.
#[derive(Clone, Copy)]
struct Place {
    opens_sentence: bool,
    before_capital: bool,
}

/// Whether a capitalized word is an ordinary word, no name: a contraction
/// (`They’re`); opening its sentence, a function word (`Is Ellison …?`), or
/// an adverb or participle before a name (`Finally Demi said`, `Knowing
/// Bardos, …`) that is no first name.
fn is_capitalized_word(word: &str, place: Place) -> bool {
    let contraction =
        ["’re", "'re", "’ll", "'ll", "’ve", "'ve", "’d", "'d", "’m", "'m"].iter().any(|c| word.ends_with(c));
    if contraction || !place.opens_sentence {
        return contraction;
    }
    let modifier =
        place.before_capital && (word.ends_with("ly") || word.ends_with("ing")) && first_name(word).is_none();
    modifier || is_boundary(word) || is_auxiliary(word)
}

/// The end (exclusive) of the run of capitalized words from token `start`,
/// one space apart; a possessive or a pronoun ends it.
fn run_end(text: &str, tokens: &[Token], start: usize) -> usize {
    let mut end = start + 1;
    while let (Some(next), Some(prev)) = (tokens.get(end), tokens.get(end - 1)) {
        let w = next.text(text);
        let continues = next.kind == Kind::Word
            && is_capitalized(w)
            && gender::pronoun(w).is_none()
            && spaced(text, prev, next)
            && !strip_possessive(prev.text(text)).1;
        if !continues {
            break;
        }
        end += 1;
    }
    end
}

/// Whether a quotation ends the sentence it is in: its words end with a
/// period, `!` or `?`, and no lower-case word goes on after it (`“…?” she
/// asked`).
fn quotation_ends_sentence(text: &str, quotation: &Token, next: Option<&Token>) -> bool {
    let quoted =
        quotation.text(text).trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '!' | '?' | '…'));
    let ends = quoted.ends_with(['.', '!', '?', '…']);
    let goes_on = next.is_some_and(|t| t.kind == Kind::Word && t.text(text).starts_with(char::is_lowercase));
    ends && !goes_on
}

/// Token ranges of parenthetical photo credits (`(Jane Roe/AFP/Getty
/// Images)`, `(Submitted by Jane Roe)`).
fn credit_parentheticals(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut credits = Vec::new();
    for (open, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Break || token.text(text) != "(" {
            continue;
        }
        let Some(close) = tokens[open..].iter().position(|t| t.text(text) == ")").map(|p| open + p) else { continue };
        let inside = text.get(token.byte_end..tokens[close].byte_start).unwrap_or("");
        let credit_word = word(text, tokens, open + 1).is_some_and(|w| CREDIT_WORDS.contains(&w));
        if inside.contains('/') || credit_word {
            credits.push((open, close));
        }
    }
    credits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    /// The mentions of a one-paragraph text.
    pub(super) fn mentions(text: &str) -> Vec<Mention<'_>> {
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), 0, &mut tokens);
        let mut scanner = Scanner::new(text);
        scanner.paragraph(&tokens);
        scanner.mentions
    }

    fn names(text: &str) -> Vec<&str> {
        mentions(text).iter().filter_map(Mention::name_text).collect()
    }

    fn name<'t>(mentions: &[Mention<'t>], text: &str) -> Name<'t> {
        mentions
            .iter()
            .find_map(|m| match &m.kind {
                MentionKind::Name(name) if name.text == text => Some(name.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no name {text}"))
    }

    #[test]
    fn photo_credits_and_bylines_are_no_mentions() {
        assert_eq!(names("Fans cheered. (Jane Roe/AFP/Getty Images)"), ["Fans"]);
        assert_eq!(names("Fans cheered. (Jane Roe / Daily News)"), ["Fans"]);
        assert_eq!(names("Kody Cook planned a move. (Submitted by Wendy Golden)"), ["Kody Cook"]);
        assert_eq!(names("Tijana Martin / The Canadian Press"), Vec::<&str>::new());
        assert!(names("By Jane Roe").is_empty());
    }

    #[test]
    fn titles_and_roles_are_no_part_of_a_name() {
        let found = mentions("U.S. Secretary of State John Kerry says it is central.");
        let kerry = name(&found, "John Kerry");
        assert_eq!((kerry.role, kerry.person, kerry.words), (Some("U.S. Secretary of State"), true, 2));
        let found = mentions("Ms. Ana Ruiz said no.");
        assert_eq!(name(&found, "Ana Ruiz").gender, Some((Gender::Female, Evidence::Honorific)));
        let found = mentions("Spokeswoman Ana Ruiz said no.");
        assert_eq!(name(&found, "Ana Ruiz").gender, Some((Gender::Female, Evidence::Noun)));
    }

    #[test]
    fn ordinary_capitalized_words_are_no_names() {
        assert_eq!(names("Finally Demi said no."), ["Demi"]);
        assert_eq!(names("Knowing Bardos, she laughed."), ["Bardos"]);
        assert_eq!(names("They’re here. Is Ellison there?"), ["Ellison"]);
        assert_eq!(names("LAKE BUENA VISTA — Lincicome won."), ["Lincicome"]);
    }

    #[test]
    fn months_after_a_title_or_first_name_are_names() {
        assert_eq!(names("Ms. May spoke."), ["May"]);
        assert_eq!(names("Theresa May spoke."), ["Theresa May"]);
        assert!(names("In May, it rained.").is_empty());
    }

    #[test]
    fn a_surname_before_a_noun_is_a_modifier() {
        assert!(names("He praised the Ford government.").is_empty());
        assert_eq!(names("I like the Larry Ellison appraisal."), ["Larry Ellison"]);
    }

    #[test]
    fn evidence_that_a_name_is_a_person_s() {
        let person = |text: &str, who: &str| name(&mentions(text), who).person;
        assert!(person("Toronto retiree Doug Purdy lost weight.", "Doug Purdy"));
        assert!(person("Mary Nicholson, director of health care, agreed.", "Mary Nicholson"));
        assert!(person("Green, 58, is caddieing again.", "Green"));
        assert!(person("We met Jane Park there.", "Jane Park"));
        assert!(!person("Gallup Korea polled voters.", "Gallup Korea"));
        assert!(!person("We spent Christmas Day there.", "Christmas Day"));
        assert!(!person("He joined Foreign Relations.", "Relations"));
        assert!(name(&mentions("He toured Nova Scotia."), "Nova Scotia").organisation);
    }

    #[test]
    fn role_descriptions_after_the() {
        fn heads(text: &str) -> Vec<&str> {
            mentions(text)
                .iter()
                .filter_map(|m| match m.kind {
                    MentionKind::Description { head, .. } => Some(head),
                    _ => None,
                })
                .collect()
        }
        assert_eq!(heads("\"Yes,\" said the rookie defenceman."), ["defenceman"]);
        assert_eq!(heads("\"Yes,\" the Kentucky Republican said."), ["Republican"]);
        assert_eq!(heads("\"Yes,\" the lanky, bespectacled professor said."), ["professor"]);
        assert!(heads("\"Yes,\" the company said.").is_empty());
        // Before a name the description is its role.
        let found = mentions("The finance minister, Ana Souza, said no.");
        assert!(heads("The finance minister, Ana Souza, said no.").is_empty());
        assert_eq!(name(&found, "Ana Souza").role, Some("The finance minister"));
        assert!(heads("The former mayor John Smith spoke.").is_empty());
    }
}
