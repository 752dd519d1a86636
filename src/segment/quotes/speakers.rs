//! Speaker names: titles stripped from a mention ("U.S. Secretary of State
//! John Kerry" → "John Kerry"), and pronouns and surnames resolved to the
//! full name mentioned earlier in the document.

use std::collections::HashMap;

use super::tokens::{Kind, Token};

/// Capitalized words that are roles or honorifics, not part of a name.
const TITLES: &[&str] = &[
    "President", "Vice", "Secretary", "State", "Senator", "Sen.", "Sens.", "Rep.", "Reps.",
    "Representative", "Gov.", "Governor", "Lt.", "Mayor", "Minister", "Prime", "Foreign", "Defense",
    "Advisor", "Adviser", "Commissioner", "High", "Former", "Chief", "Chairman", "Chairwoman", "Chair",
    "Speaker", "Leader", "Majority", "Minority", "Director", "General", "Attorney", "Gen.", "Col.",
    "Sgt.", "Capt.", "Adm.", "Maj.", "Dr.", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr", "Miss",
    "Prof.", "Professor", "Rev.", "Judge", "Justice", "Ambassador", "Spokesman", "Spokeswoman",
    "Spokesperson", "Officer", "CEO", "Candidate", "Democrat", "Democratic", "Republican", "GOP",
    "Councilman", "Councilwoman", "Assemblyman", "Congressman", "Congresswoman", "Pope", "King",
    "Queen", "Prince", "Princess", "Sheriff", "Deputy", "Assistant", "Executive", "Press", "Security",
    "National", "Affairs", "Homeland", "Treasury", "Department", "Ministry", "U.S.", "US", "U.N.",
    "House", "Senate", "Supreme", "Court", "Federal", "Sir", "Lord", "Lady", "Dame", "Rabbi", "Imam",
    "Father", "Sister", "Brother", "Bishop", "Cardinal", "Archbishop", "Chancellor", "Premier",
    "Commander", "Admiral", "Colonel", "Sergeant", "Captain", "Major", "Lieutenant", "Coach",
    "Presidential", "Nominee", "Frontrunner", "Hopeful", "Sens", "Rep", "Sen", "Gov", "Del.",
];

/// Capitalized words that start sentences or are dates, never names.
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "But", "And", "Or", "In", "On", "At", "For", "If", "When", "While", "After",
    "Before", "As", "So", "Yet", "Then", "This", "That", "These", "Those", "It", "He", "She", "They",
    "We", "I", "You", "His", "Her", "Their", "Our", "My", "Its", "There", "Here", "What", "Why",
    "How", "Who", "Where", "Still", "Also", "Now", "Meanwhile", "However", "Last", "Next", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Yesterday", "Today", "Tonight", "According", "Asked", "Speaking", "Like", "Unlike",
    "With", "Without", "From", "To", "By", "Of", "Over", "Under", "During", "Since", "Until",
    "Although", "Though", "Because", "Even", "Just", "Only", "Both", "All", "Many", "Some", "Most",
    "Other", "Another", "Every", "Each", "No", "Not", "Mr.", "Mrs.", "Ms.",
];

/// Words that make a capitalized run an organization or place, not a person.
const NON_PERSON_WORDS: &[&str] = &[
    "Department", "House", "Party", "Committee", "Council", "University", "College", "Times", "News",
    "Post", "Journal", "Network", "Street", "Bank", "Congress", "Senate", "Court", "Agency", "Office",
    "Institute", "Center", "Centre", "Foundation", "Association", "Union", "Company", "Inc.",
    "Corp.", "Group", "Ministry", "Administration", "Campaign", "Service", "Services", "Force",
    "Army", "Navy", "Police", "Church", "School", "Hospital", "Airport", "Square", "Avenue", "Road",
    "County", "City", "States", "Republic", "Kingdom", "Nations", "Organization", "Commission",
    "Board", "Authority", "Fund", "Trust", "Club", "Press", "Radio", "TV", "Television", "Channel",
    "Magazine", "Review", "Daily", "Herald", "Tribune", "Gazette", "Caucus", "Project", "Forum",
    "Tower", "Hall", "Conference", "Convention", "Act", "Bill", "Plan", "Program", "Programme",
    "Reuters", "Twitter", "Facebook", "Street",
];

const PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// Full names found in the text, in order, with the surname map and last
/// person as of the position reached. Quotations are resolved in document
/// order, so one forward pass serves the whole document.
pub struct Resolver {
    mentions: Vec<Mention>,
    next: usize,
    full_names: HashMap<String, String>,
    last_person: Option<String>,
}

struct Mention {
    char_start: usize,
    /// Title-stripped name words.
    name: Vec<String>,
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The word without a possessive ending, and whether it had one.
fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    (word, false)
}

/// The name in a mention's words: the trailing run of capitalized words
/// that are not titles (`Former Pakistani High Commissioner Akbar Ahmed` →
/// `Akbar Ahmed`). Empty for nominals (`a State Department spokesman`).
pub fn name_words<'w>(words: &[&'w str]) -> Vec<&'w str> {
    let mut name = Vec::new();
    for word in words.iter().rev() {
        let (word, _) = strip_possessive(word);
        let title = TITLES.contains(&word) || NOT_NAMES.contains(&word);
        if !is_capitalized(word) || title {
            break;
        }
        name.push(word);
    }
    name.reverse();
    name
}

impl Resolver {
    /// Collects the capitalized runs of `tokens` (the text outside
    /// quotations, so names inside quotes never become antecedents).
    pub fn new(text: &str, tokens: &[Token]) -> Resolver {
        let mut mentions = Vec::new();
        let mut run: Vec<&Token> = Vec::new();
        let flush = |run: &mut Vec<&Token>, mentions: &mut Vec<Mention>| {
            let words: Vec<&str> = run.iter().map(|t| t.text(text)).collect();
            let name = name_words(&words);
            if let (false, Some(first)) = (name.is_empty(), run.get(words.len() - name.len())) {
                mentions.push(Mention { char_start: first.char_start, name: name.iter().map(|w| w.to_string()).collect() });
            }
            run.clear();
        };
        for token in tokens {
            let word = token.text(text);
            let adjacent = run.last().is_some_and(|last| last.char_end + 1 == token.char_start);
            if token.kind == Kind::Word && is_capitalized(word) {
                if !adjacent {
                    flush(&mut run, &mut mentions);
                }
                run.push(token);
                if strip_possessive(word).1 {
                    flush(&mut run, &mut mentions);
                }
            } else {
                flush(&mut run, &mut mentions);
            }
        }
        flush(&mut run, &mut mentions);
        Resolver { mentions, next: 0, full_names: HashMap::new(), last_person: None }
    }

    /// Takes in the mentions before `char_pos`.
    fn advance_to(&mut self, char_pos: usize) {
        while let Some(mention) = self.mentions.get(self.next).filter(|m| m.char_start < char_pos) {
            self.next += 1;
            let person = !mention.name.iter().any(|w| NON_PERSON_WORDS.contains(&w.as_str()));
            match mention.name.as_slice() {
                [surname] => {
                    if let Some(full) = self.full_names.get(surname) {
                        self.last_person = Some(full.clone());
                    }
                }
                [.., surname] if person => {
                    let full = mention.name.join(" ");
                    self.full_names.insert(surname.clone(), full.clone());
                    self.last_person = Some(full);
                }
                _ => {}
            }
        }
    }

    /// The full name of the speaker mentioned as `words` at `char_pos`:
    /// a pronoun is the last person named before it, a surname the full
    /// name introduced earlier; `None` for nominals and unresolved pronouns.
    pub fn resolve(&mut self, words: &[&str], char_pos: usize) -> Option<String> {
        self.advance_to(char_pos);
        if let [pronoun] = words {
            if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(pronoun)) {
                return self.last_person.clone();
            }
        }
        match name_words(words).as_slice() {
            [] => None,
            [surname] => Some(self.full_names.get(*surname).cloned().unwrap_or_else(|| surname.to_string())),
            name => Some(name.join(" ")),
        }
    }
}
