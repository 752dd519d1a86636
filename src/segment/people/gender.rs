//! Gender for pronoun agreement: what the text says (pronouns, honorifics,
//! gendered titles and nouns), and a prior from the first name when it says
//! nothing (the US birth counts of `first_names/`).

use std::sync::OnceLock;

use foldhash::HashMap;

use crate::segment::wordset::{ascii_lower, WordSet};
use crate::segment::Gender;

/// How sure a piece of the text's evidence is: a stronger one replaces a
/// weaker one, an equal one never replaces the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Evidence {
    /// A pronoun the resolver tied to the person.
    Pronoun,
    /// A gendered title or noun of their role (`chairman`, `mother`).
    Noun,
    /// An honorific (`Mr.`, `Ms.`).
    Honorific,
}

/// What a personal pronoun tells: its gender and whether it can be the
/// subject of a clause (`he`) or only its object or possessor (`him`, `his`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pronoun {
    pub gender: Gender,
    pub subject: bool,
}

pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    // Asked of every word: most start with another letter.
    if !word.starts_with(['h', 'H', 's', 'S']) {
        return None;
    }
    // `he's`, `she’d`, `he'll`: the pronoun and a verb.
    let word = word.split(['\'', '’']).next().unwrap_or(word);
    let (gender, subject) = match word {
        "he" | "He" => (Gender::Male, true),
        "she" | "She" => (Gender::Female, true),
        "him" | "his" | "His" | "himself" => (Gender::Male, false),
        "her" | "Her" | "hers" | "herself" => (Gender::Female, false),
        _ => return None,
    };
    Some(Pronoun { gender, subject })
}

/// The gender an honorific tells (`Mr.`, `Mrs`, `Ms.`, `Sir`).
pub(crate) fn honorific_gender(word: &str) -> Option<Gender> {
    match word {
        "Mr." | "Mr" | "Sir" | "Lord" | "M." => Some(Gender::Male),
        "Mrs." | "Mrs" | "Ms." | "Ms" | "Miss" | "Lady" | "Dame" | "Mme" | "Mme." => Some(Gender::Female),
        _ => None,
    }
}

/// Titles and nouns of one gender (`King`, `spokeswoman`, `mother`),
/// beyond the `-man` / `-woman` endings [`noun_gender`] reads.
static MALE_NOUNS: WordSet = WordSet::new(&[
    "king", "prince", "father", "brother", "son", "husband", "boyfriend", "widower", "uncle", "nephew", "grandfather",
    "grandson", "dad", "boy", "actor", "pope", "monk", "duke", "baron", "emperor", "sultan",
]);
static FEMALE_NOUNS: WordSet = WordSet::new(&[
    "queen", "princess", "mother", "sister", "daughter", "wife", "girlfriend", "widow", "aunt", "niece", "grandmother",
    "granddaughter", "mom", "mum", "girl", "actress", "nun", "duchess", "baroness", "empress", "lady", "sister-in-law",
    "mother-in-law", "daughter-in-law",
]);

/// `-man` words that are no man's role.
static NOT_MALE_MAN: WordSet =
    WordSet::new(&["human", "german", "roman", "ottoman", "talisman", "shaman", "caiman", "ombudsman"]);

/// The gender a title or role noun tells, in any case (`Chairman`,
/// `spokeswoman`, `mother`); `None` for `Senator`, `spokesperson`.
pub(crate) fn noun_gender(word: &str) -> Option<Gender> {
    let mut buf = [0u8; 24];
    let lower = ascii_lower(word, &mut buf)?;
    if lower.ends_with("woman") || lower.ends_with("women") || FEMALE_NOUNS.contains(lower) {
        Some(Gender::Female)
    } else if (lower.ends_with("man") && !NOT_MALE_MAN.contains(lower)) || MALE_NOUNS.contains(lower) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// What the birth counts say of a first name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FirstName {
    /// The sex of at least 95% of the births bearing it; `None` for a name
    /// of no clear gender (`Jordan`, `Jean`).
    pub gender: Option<Gender>,
    /// Given to 1,000 children or more: a first name before a capitalized
    /// word makes a person's name (`Christmas Day`, `Metro Vancouver` are
    /// rarer).
    pub common: bool,
}

/// The names of `first_names/`, hashed once.
fn first_names() -> &'static HashMap<&'static str, FirstName> {
    static NAMES: OnceLock<HashMap<&'static str, FirstName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let lists = [
            (include_str!("first_names/female.txt"), Some(Gender::Female), true),
            (include_str!("first_names/male.txt"), Some(Gender::Male), true),
            (include_str!("first_names/either.txt"), None, true),
            (include_str!("first_names/female-rare.txt"), Some(Gender::Female), false),
            (include_str!("first_names/male-rare.txt"), Some(Gender::Male), false),
            (include_str!("first_names/either-rare.txt"), None, false),
        ];
        lists
            .into_iter()
            .flat_map(|(names, gender, common)| names.lines().map(move |name| (name, FirstName { gender, common })))
            .collect()
    })
}

/// What the birth counts say of `word` as a first name (`Mary`, `JORDAN`);
/// `None` for a word no one in the counts was named (`Pakistan`).
pub(crate) fn first_name(word: &str) -> Option<FirstName> {
    let mut buf = [0u8; 24];
    let lower = ascii_lower(word, &mut buf)?;
    first_names().get(lower).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_lean_by_birth_counts() {
        assert_eq!(first_name("Mary"), Some(FirstName { gender: Some(Gender::Female), common: true }));
        assert_eq!(first_name("Sartaj"), Some(FirstName { gender: Some(Gender::Male), common: false }));
        assert_eq!(first_name("Jordan"), Some(FirstName { gender: None, common: true }));
        assert_eq!(first_name("Pakistan"), None);
        assert_eq!(first_name("Zoë"), None);
        // 46,193 names of at least 50 births, each in one list.
        assert_eq!(first_names().len(), 46_193);
    }

    #[test]
    fn gendered_titles_and_nouns() {
        assert_eq!(noun_gender("Spokeswoman"), Some(Gender::Female));
        assert_eq!(noun_gender("chairman"), Some(Gender::Male));
        assert_eq!(noun_gender("mother"), Some(Gender::Female));
        assert_eq!(noun_gender("spokesperson"), None);
        assert_eq!(noun_gender("human"), None);
        assert_eq!(honorific_gender("Ms."), Some(Gender::Female));
        assert_eq!(pronoun("his"), Some(Pronoun { gender: Gender::Male, subject: false }));
        assert_eq!(pronoun("they"), None);
        assert_eq!(pronoun("she’s"), Some(Pronoun { gender: Gender::Female, subject: true }));
    }
}
