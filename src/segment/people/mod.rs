//! The people of a document: who is named in it, with the role and gender
//! the text gives them, and whom each quote's speaker mention names. One
//! pass over the words outside quotations, on every document.
//!
//! - [`mentions`]: names, personal pronouns and role descriptions, with
//!   their place in the sentence; photo credits and bylines skipped.
//! - [`roles`]: titles and role words before a name, descriptions around it.
//! - [`gender`]: what the text says of gender, and the first-name prior of
//!   `first_names/` (US birth counts, public domain).
//! - [`resolve`]: names joined into people; pronouns and descriptions
//!   resolved to the most salient person that agrees.
//! - [`words`]: the word lists.

mod gender;
mod mentions;
mod resolve;
mod roles;
mod words;

use super::tokens::Token;
use super::Person;
use mentions::Scanner;
use resolve::{Referent, Resolver};
pub(crate) use words::is_person_noun;

/// Whom a quote's speaker mention names, for the quote row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Speaker {
    /// Index into the document's people.
    pub person: Option<usize>,
    /// The person's fullest name, the names of several, an organisation's
    /// name or a description as written; `None` for a pronoun naming no one.
    pub name: Option<String>,
    /// The role given with this mention, else the person's.
    pub role: Option<String>,
}

/// A speaker mention of a quote: its span in code points and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpeakerMention<'t> {
    pub char_start: usize,
    pub char_end: usize,
    pub text: &'t str,
}

/// The people of a document and whom its speaker mentions name.
#[derive(Debug, Default)]
pub(crate) struct Cast {
    /// In order of first mention by name.
    pub people: Vec<Person>,
    /// One for each speaker mention given, in its order.
    pub speakers: Vec<Speaker>,
    /// The mentions of people (names, pronouns, descriptions), in order.
    pub mentioned: Vec<Mentioned>,
}

/// A mention of a person, or a pronoun of no one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mentioned {
    pub char_start: usize,
    pub paragraph: usize,
    /// Whom it names; `None` for a pronoun naming no one.
    pub person: Option<usize>,
    /// Whether it speaks in a reporting clause.
    pub reporting: bool,
    /// Whether it is the subject of its sentence.
    pub subject: bool,
}

impl Cast {
    fn mentioned_in(&self, from: usize, to: usize) -> &[Mentioned] {
        let start = self.mentioned.partition_point(|m| m.char_start < from);
        let end = self.mentioned.partition_point(|m| m.char_start < to);
        self.mentioned.get(start..end).unwrap_or_default()
    }

    /// Whether every mention of a person from `from` up to `to` (code
    /// points) names `person`, if any does.
    pub fn only_mentions(&self, person: usize, from: usize, to: usize) -> bool {
        self.mentioned_in(from, to).iter().all(|m| m.person == Some(person))
    }

    /// The person who is the subject of a sentence from `from` up to `to`.
    pub fn subject(&self, from: usize, to: usize) -> Option<usize> {
        self.mentioned_in(from, to).iter().find(|m| m.subject).and_then(|m| m.person)
    }

    /// The person of the last reporting clause from `from` up to `to`, where
    /// it starts and its paragraph.
    pub fn last_reporting(&self, from: usize, to: usize) -> Option<(usize, usize, usize)> {
        let mention = self.mentioned_in(from, to).iter().rev().find(|m| m.reporting)?;
        Some((mention.person?, mention.char_start, mention.paragraph))
    }
}

/// Pronouns that name no one by themselves.
const PLAIN_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

/// The people pass of a document: fed its paragraphs in order, then asked
/// whom its speaker mentions name.
pub(crate) struct PeoplePass<'t> {
    scanner: Scanner<'t>,
}

impl<'t> PeoplePass<'t> {
    pub fn new(text: &'t str) -> PeoplePass<'t> {
        PeoplePass { scanner: Scanner::new(text) }
    }

    /// Reads the next paragraph: its words outside quotations, a
    /// [`Kind::Quotation`](super::tokens::Kind) token for each quotation.
    pub fn paragraph(&mut self, tokens: &[Token]) {
        self.scanner.paragraph(tokens);
    }

    /// The people of the paragraphs read, and whom `speakers` (in document
    /// order) name.
    pub fn cast(self, speakers: &[SpeakerMention<'t>]) -> Cast {
        cast(&self.scanner, speakers)
    }
}

fn cast<'t>(scanner: &Scanner<'t>, speakers: &[SpeakerMention<'t>]) -> Cast {
    let mut resolver = Resolver::new(&scanner.mentions);
    let resolved: Vec<(Referent, Option<&str>)> =
        speakers.iter().map(|s| resolver.speaker(s.text, s.char_start, s.char_end)).collect();
    resolver.advance_to(usize::MAX);
    let entities = &resolver.entities;
    let mut index_of = vec![None; entities.len()];
    let mut people = Vec::new();
    for (e, entity) in entities.iter().enumerate().filter(|(_, entity)| entity.person) {
        index_of[e] = Some(people.len());
        people.push(Person {
            name: entity.name.to_string(),
            role: entity.role.map(str::to_string),
            gender: entity.gender.map(|(gender, _)| gender),
            n_mentions: entity.n_mentions,
            n_quotes: 0,
            char_start: entity.named_at.0,
            char_end: entity.named_at.1,
        });
    }
    let speakers = speakers
        .iter()
        .zip(resolved)
        .map(|(mention, (referent, role))| match referent {
            Referent::Person(e) => Speaker {
                person: index_of[e],
                name: Some(entities[e].name.to_string()),
                role: role.or(entities[e].role).map(str::to_string),
            },
            Referent::Group(members) => {
                let names: Vec<&str> = members.iter().map(|&e| entities[e].name).collect();
                Speaker { person: None, name: Some(names.join(" and ")), role: role.map(str::to_string) }
            }
            Referent::Named(name) => {
                Speaker { person: None, name: Some(name.to_string()), role: role.map(str::to_string) }
            }
            Referent::Unnamed => {
                let plain = PLAIN_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(mention.text));
                Speaker { person: None, name: (!plain).then(|| mention.text.to_string()), role: None }
            }
        })
        .collect();
    let mentioned = scanner
        .mentions
        .iter()
        .zip(&resolver.resolved)
        .filter_map(|(mention, &e)| {
            let person = e.and_then(|e| index_of[e]);
            let counts = person.is_some() || matches!(mention.kind, mentions::MentionKind::Pronoun(_));
            let (char_start, paragraph) = (mention.char_start, mention.paragraph);
            let (reporting, subject) = (mention.reporting, mention.subject);
            counts.then_some(Mentioned { char_start, paragraph, person, reporting, subject })
        })
        .collect();
    Cast { people, speakers, mentioned }
}
