//! Speaker names: titles stripped from a mention ("U.S. Secretary of State
//! John Kerry" → "John Kerry", role "U.S. Secretary of State"), and pronouns
//! and surnames resolved to the full name of a person mentioned earlier in
//! the document.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::tokens::{Kind, Token};

/// Capitalized words that are roles or honorifics, not part of a name.
const TITLES: &[&str] = &[
    "President", "Vice", "Secretary", "State", "Senator", "Sen.", "Sens.", "Rep.", "Reps.", "Representative", "Gov.",
    "Governor", "Lt.", "Mayor", "Minister", "Prime", "Foreign", "Defense", "Advisor", "Adviser", "Commissioner",
    "High", "Former", "Chief", "Chairman", "Chairwoman", "Chair", "Speaker", "Leader", "Majority", "Minority",
    "Director", "General", "Attorney", "Gen.", "Col.", "Sgt.", "Capt.", "Adm.", "Maj.", "Dr.", "Mr.", "Mrs.", "Ms.",
    "Mr", "Mrs", "Ms", "Dr", "Miss", "Prof.", "Professor", "Rev.", "Judge", "Justice", "Ambassador", "Spokesman",
    "Spokeswoman", "Spokesperson", "Officer", "CEO", "Candidate", "Democrat", "Democratic", "Republican", "GOP",
    "Councilman", "Councilwoman", "Assemblyman", "Congressman", "Congresswoman", "Pope", "King", "Queen", "Prince",
    "Princess", "Sheriff", "Deputy", "Assistant", "Executive", "Press", "Security", "National", "Affairs", "Homeland",
    "Treasury", "Department", "Ministry", "U.S.", "US", "U.N.", "House", "Senate", "Supreme", "Court", "Federal",
    "Sir", "Lord", "Lady", "Dame", "Rabbi", "Imam", "Father", "Sister", "Brother", "Bishop", "Cardinal", "Archbishop",
    "Chancellor", "Premier", "Commander", "Admiral", "Colonel", "Sergeant", "Captain", "Major", "Lieutenant", "Coach",
    "Presidential", "Nominee", "Frontrunner", "Hopeful", "Sens", "Rep", "Sen", "Gov", "Del.",
];

/// Capitalized words that start sentences or are dates, never names.
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "But", "And", "Or", "In", "On", "At", "For", "If", "When", "While", "After", "Before", "As",
    "So", "Yet", "Then", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "His", "Her",
    "Their", "Our", "My", "Its", "There", "Here", "What", "Why", "How", "Who", "Where", "Still", "Also", "Now",
    "Meanwhile", "However", "Last", "Next", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Yesterday", "Today", "Tonight", "According", "Asked", "Speaking", "Like", "Unlike",
    "With", "Without", "From", "To", "By", "Of", "Over", "Under", "During", "Since", "Until", "Although", "Though",
    "Because", "Even", "Just", "Only", "Both", "All", "Many", "Some", "Most", "Other", "Another", "Every", "Each",
    "No", "Not", "Mr.", "Mrs.", "Ms.",
];

/// Whether a capitalized word ends a name from its right: a title or a word
/// that is never a name. Asked of every capitalized word of every document,
/// so the two lists are hashed once.
fn is_title_or_not_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| TITLES.iter().chain(NOT_NAMES).copied().collect()).contains(word)
}

/// Words that make a capitalized run an organization or place, not a person.
const NON_PERSON_WORDS: &[&str] = &[
    "Department", "House", "Party", "Committee", "Council", "University", "College", "Times", "News", "Post",
    "Journal", "Network", "Street", "Bank", "Congress", "Senate", "Court", "Agency", "Office", "Institute", "Center",
    "Centre", "Foundation", "Association", "Union", "Company", "Inc.", "Corp.", "Group", "Ministry", "Administration",
    "Campaign", "Service", "Services", "Force", "Army", "Navy", "Police", "Church", "School", "Hospital", "Airport",
    "Square", "Avenue", "Road", "County", "City", "States", "Republic", "Kingdom", "Nations", "Organization",
    "Commission", "Board", "Authority", "Fund", "Trust", "Club", "Press", "Radio", "TV", "Television", "Channel",
    "Magazine", "Review", "Daily", "Herald", "Tribune", "Gazette", "Caucus", "Project", "Forum", "Tower", "Hall",
    "Conference", "Convention", "Act", "Bill", "Plan", "Program", "Programme", "Reuters", "Twitter", "Facebook",
    "Street",
];

/// Titles right before a name that make it a person's, with the gender
/// they tell, if any (`Secretary of State John Kerry`, `Mrs. Clinton`).
const PERSON_TITLES: &[(&str, Gender)] = &[
    ("Mr.", Gender::Male),
    ("Mr", Gender::Male),
    ("Sir", Gender::Male),
    ("Lord", Gender::Male),
    ("King", Gender::Male),
    ("Prince", Gender::Male),
    ("Father", Gender::Male),
    ("Brother", Gender::Male),
    ("Congressman", Gender::Male),
    ("Councilman", Gender::Male),
    ("Assemblyman", Gender::Male),
    ("Chairman", Gender::Male),
    ("Spokesman", Gender::Male),
    ("Pope", Gender::Male),
    ("Mrs.", Gender::Female),
    ("Mrs", Gender::Female),
    ("Ms.", Gender::Female),
    ("Ms", Gender::Female),
    ("Miss", Gender::Female),
    ("Lady", Gender::Female),
    ("Dame", Gender::Female),
    ("Queen", Gender::Female),
    ("Princess", Gender::Female),
    ("Sister", Gender::Female),
    ("Congresswoman", Gender::Female),
    ("Councilwoman", Gender::Female),
    ("Chairwoman", Gender::Female),
    ("Spokeswoman", Gender::Female),
    ("President", Gender::Unknown),
    ("Secretary", Gender::Unknown),
    ("Senator", Gender::Unknown),
    ("Sen.", Gender::Unknown),
    ("Sen", Gender::Unknown),
    ("Rep.", Gender::Unknown),
    ("Rep", Gender::Unknown),
    ("Representative", Gender::Unknown),
    ("Gov.", Gender::Unknown),
    ("Gov", Gender::Unknown),
    ("Governor", Gender::Unknown),
    ("Mayor", Gender::Unknown),
    ("Minister", Gender::Unknown),
    ("Advisor", Gender::Unknown),
    ("Adviser", Gender::Unknown),
    ("Commissioner", Gender::Unknown),
    ("Chair", Gender::Unknown),
    ("Speaker", Gender::Unknown),
    ("Leader", Gender::Unknown),
    ("Director", Gender::Unknown),
    ("General", Gender::Unknown),
    ("Gen.", Gender::Unknown),
    ("Col.", Gender::Unknown),
    ("Sgt.", Gender::Unknown),
    ("Capt.", Gender::Unknown),
    ("Adm.", Gender::Unknown),
    ("Maj.", Gender::Unknown),
    ("Lt.", Gender::Unknown),
    ("Dr.", Gender::Unknown),
    ("Dr", Gender::Unknown),
    ("Prof.", Gender::Unknown),
    ("Professor", Gender::Unknown),
    ("Rev.", Gender::Unknown),
    ("Judge", Gender::Unknown),
    ("Justice", Gender::Unknown),
    ("Ambassador", Gender::Unknown),
    ("Spokesperson", Gender::Unknown),
    ("Officer", Gender::Unknown),
    ("CEO", Gender::Unknown),
    ("Candidate", Gender::Unknown),
    ("Nominee", Gender::Unknown),
    ("Sheriff", Gender::Unknown),
    ("Chancellor", Gender::Unknown),
    ("Premier", Gender::Unknown),
    ("Commander", Gender::Unknown),
    ("Admiral", Gender::Unknown),
    ("Colonel", Gender::Unknown),
    ("Sergeant", Gender::Unknown),
    ("Captain", Gender::Unknown),
    ("Major", Gender::Unknown),
    ("Lieutenant", Gender::Unknown),
    ("Coach", Gender::Unknown),
    ("Rabbi", Gender::Unknown),
    ("Imam", Gender::Unknown),
    ("Bishop", Gender::Unknown),
    ("Cardinal", Gender::Unknown),
    ("Archbishop", Gender::Unknown),
];

/// Common first names: a capitalized run starting with one is a person's
/// name, of the gender the name tells.
const MALE_NAMES: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Christopher",
    "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin",
    "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
    "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Frank",
    "Alexander", "Raymond", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Henry", "Nathan",
    "Douglas", "Zachary", "Peter", "Kyle", "Walter", "Ethan", "Jeremy", "Harold", "Keith", "Christian", "Roger",
    "Noah", "Gerald", "Carl", "Terry", "Sean", "Austin", "Arthur", "Lawrence", "Jesse", "Dylan", "Bryan", "Joe",
    "Jordan", "Billy", "Bruce", "Albert", "Willie", "Gabriel", "Logan", "Alan", "Juan", "Wayne", "Roy", "Ralph",
    "Randy", "Eugene", "Vincent", "Russell", "Elijah", "Louis", "Bobby", "Philip", "Johnny", "Barack", "Bernie", "Ted",
    "Marco", "Jeb", "Ben", "Chris", "Rand", "Mike", "Mitch", "Tim", "Bill", "Newt", "Rick", "Lindsey", "Reince",
    "Harry", "Vladimir", "Mohammed", "Muhammad", "Ahmed", "Abdul", "Jim", "Tom", "Dick", "Bob", "Ron", "Don", "Dan",
    "Steve", "Tony", "Pete", "Sam", "Jon", "Al", "Ed", "Nick", "Matt", "Greg", "Ken", "Jeff", "Doug", "Rudy", "Corey",
    "Jared", "Hugh", "Ian", "Luis", "Carlos", "Pedro", "Pierre", "Francois", "Emmanuel", "Angelo", "Giuseppe", "Hans",
    "Klaus", "Boris", "Sergei", "Dmitry", "Recep", "Shinzo", "Narendra", "Nawaz", "Akbar", "Sartaj", "Malcolm",
    "Martin", "Howard", "Earl", "Leon", "Reid",
];

const FEMALE_NAMES: &[&str] = &[
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa",
    "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Dorothy",
    "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Angela", "Shirley",
    "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen", "Samantha", "Katherine", "Christine", "Debra", "Rachel",
    "Carolyn", "Janet", "Catherine", "Maria", "Heather", "Diane", "Ruth", "Julie", "Olivia", "Joyce", "Virginia",
    "Victoria", "Kelly", "Lauren", "Christina", "Joan", "Evelyn", "Judith", "Megan", "Andrea", "Cheryl", "Hannah",
    "Jacqueline", "Martha", "Gloria", "Teresa", "Ann", "Anne", "Sara", "Madison", "Frances", "Kathryn", "Janice",
    "Abigail", "Alice", "Judy", "Sophia", "Grace", "Denise", "Amber", "Doris", "Marilyn", "Danielle", "Beverly",
    "Isabella", "Theresa", "Diana", "Natalie", "Brittany", "Charlotte", "Marie", "Kayla", "Alexis", "Lori", "Hillary",
    "Carly", "Nancy", "Kellyanne", "Huma", "Nikki", "Condoleezza", "Madeleine", "Dianne", "Kamala", "Elise", "Debbie",
    "Michele", "Jill", "Melania", "Ivanka", "Chelsea", "Federica", "Susana", "Loretta", "Sally", "Kate", "Katie",
    "Liz", "Meg", "Jane", "Joni", "Kirsten", "Tammy", "Claire", "Maxine", "Nina", "Dana", "Erin", "Ellen", "Eva",
    "Jean",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    /// Whether a pronoun of gender `self` can refer to a person of `other`.
    fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

fn pronoun_gender(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "he" | "him" => Some(Gender::Male),
        "she" | "her" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender a first name tells; names on both lists (Jean) tell none.
/// Asked of every name mentioned, so the lists are hashed once.
fn first_name_gender(word: &str) -> Option<Gender> {
    static NAMES: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names: HashMap<&'static str, Gender> = MALE_NAMES.iter().map(|&name| (name, Gender::Male)).collect();
        for &name in FEMALE_NAMES {
            names.entry(name).and_modify(|gender| *gender = Gender::Unknown).or_insert(Gender::Female);
        }
        names
    });
    names.get(word).copied()
}

/// The gender a title before a name tells (`Unknown` for `Senator`).
fn title_gender(word: &str) -> Option<Gender> {
    static TITLES: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        let mut titles = HashMap::new();
        for &(title, gender) in PERSON_TITLES {
            titles.entry(title).or_insert(gender);
        }
        titles
    });
    titles.get(word).copied()
}

/// Whether a name word makes its run an organisation or place.
fn is_non_person_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| NON_PERSON_WORDS.iter().copied().collect()).contains(word)
}

/// A full name and, for a person, gender.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    /// `None` when nothing says the name is a person's.
    gender: Option<Gender>,
}

/// Who a speaker mention refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Speaker {
    /// Full name of a person, or a nominal or organisation as written.
    pub name: Option<String>,
    /// Title or role words before the name (`U.S. Secretary of State`).
    pub role: Option<String>,
}

/// Full names of persons found in the text, in order, with the surname
/// map and recent persons as of the position reached. Quotations are
/// resolved in document order, so one forward pass serves the whole
/// document.
pub struct Resolver<'t> {
    mentions: Vec<Mention<'t>>,
    next: usize,
    by_surname: HashMap<String, Person>,
    /// Persons in order of their latest mention, latest last.
    recent: Vec<Person>,
}

/// Persons a pronoun may reach back over to find one of its gender.
const MAX_RECENT: usize = 8;

/// A capitalized run's name, its words borrowed from the document text.
struct Mention<'t> {
    char_start: usize,
    /// Title-stripped name words.
    name: Vec<&'t str>,
    /// The word right before the name in its capitalized run, if any.
    title: Option<&'t str>,
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
        if !is_capitalized(word) || is_title_or_not_name(word) {
            break;
        }
        name.push(word);
    }
    name.reverse();
    name
}

impl<'t> Resolver<'t> {
    /// Collects the capitalized runs of `tokens` (the text outside
    /// quotations, so names inside quotes never become antecedents).
    pub fn new(text: &'t str, tokens: &[Token]) -> Resolver<'t> {
        let mut mentions = Vec::new();
        let mut run: Vec<&Token> = Vec::new();
        let flush = |run: &mut Vec<&Token>, mentions: &mut Vec<Mention<'t>>| {
            // Most tokens are lower-case words that find no run to end.
            if run.is_empty() {
                return;
            }
            let words: Vec<&str> = run.iter().map(|t| t.text(text)).collect();
            let name = name_words(&words);
            let first = words.len() - name.len();
            if let (false, Some(token)) = (name.is_empty(), run.get(first)) {
                mentions.push(Mention {
                    char_start: token.char_start,
                    name,
                    title: first.checked_sub(1).and_then(|i| words.get(i)).copied(),
                });
            }
            run.clear();
        };
        for token in tokens {
            if token.kind == Kind::Word && is_capitalized(token.text(text)) {
                let adjacent = run.last().is_some_and(|last| last.char_end + 1 == token.char_start);
                if !adjacent {
                    flush(&mut run, &mut mentions);
                }
                run.push(token);
                if strip_possessive(token.text(text)).1 {
                    flush(&mut run, &mut mentions);
                }
            } else {
                flush(&mut run, &mut mentions);
            }
        }
        flush(&mut run, &mut mentions);
        Resolver { mentions, next: 0, by_surname: HashMap::new(), recent: Vec::new() }
    }

    fn mentioned(&mut self, person: Person) {
        self.recent.retain(|p| p.name != person.name);
        if self.recent.len() == MAX_RECENT {
            self.recent.remove(0);
        }
        self.recent.push(person);
    }

    /// Takes in the mentions before `char_pos`. Only names that a title or
    /// a common first name marks as a person's become antecedents of
    /// pronouns (not `South Korea`, `Gallup Korea`).
    fn advance_to(&mut self, char_pos: usize) {
        while let Some(mention) = self.mentions.get(self.next).filter(|m| m.char_start < char_pos) {
            self.next += 1;
            let title = mention.title.and_then(title_gender);
            let Some(surname) = mention.name.last() else { continue };
            if let Some(known) = self.by_surname.get(*surname).filter(|_| mention.name.len() == 1) {
                let known = known.clone();
                if known.gender.is_some() {
                    self.mentioned(known);
                }
                continue;
            }
            let organisation = mention.name.iter().any(|w| is_non_person_word(w));
            if organisation || (mention.name.len() == 1 && title.is_none()) {
                continue;
            }
            let gender = match (title, mention.name.first().and_then(|w| first_name_gender(w))) {
                (Some(Gender::Unknown), Some(named)) => Some(named),
                (Some(titled), _) => Some(titled),
                (None, named) => named,
            };
            let person = Person { name: mention.name.join(" "), gender };
            self.by_surname.insert(surname.to_string(), person.clone());
            // Family name first (`Yoon Suk Yeol` … `Yoon`): the first word
            // also names the person, unless it already names someone.
            if let Some(first) = mention.name.first().filter(|_| mention.name.len() > 1) {
                self.by_surname.entry(first.to_string()).or_insert_with(|| person.clone());
            }
            if gender.is_some() {
                self.mentioned(person);
            }
        }
    }

    /// Who the speaker mention (as written) at `char_pos` is: a pronoun
    /// the last person of its gender named before it, a surname the full
    /// name introduced earlier, a name without its title; a nominal
    /// (`a State Department spokesman`) as written; no name for an
    /// unresolved pronoun.
    pub fn resolve(&mut self, mention: &str, char_pos: usize) -> Speaker {
        self.advance_to(char_pos);
        let words = mention_words(mention);
        if let [word] = words.as_slice() {
            if let Some(gender) = pronoun_gender(word) {
                let person = self.recent.iter().rev().find(|p| gender.agrees(p.gender.unwrap_or(Gender::Unknown)));
                return Speaker { name: person.map(|p| p.name.clone()), role: None };
            }
            if OTHER_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(word)) {
                return Speaker::default();
            }
        }
        let name = name_words(&words);
        let Some(first) = name.first() else {
            return Speaker { name: Some(mention.to_string()), role: None };
        };
        // The role is what the mention holds before the name.
        let role = mention
            .rfind(first)
            .map(|at| mention[..at].trim_end_matches(|c: char| c.is_whitespace() || c == ','))
            // `The New Yorker`: an article is no role.
            .filter(|role| !role.is_empty() && !NOT_NAMES.contains(role))
            .map(str::to_string);
        let full = match name.as_slice() {
            [surname] => self.by_surname.get(*surname).map_or_else(|| surname.to_string(), |p| p.name.clone()),
            _ => name.join(" "),
        };
        Speaker { name: Some(full), role }
    }
}

/// Pronouns that never name a person's full name (`they`, `we`).
const OTHER_PRONOUNS: &[&str] = &["they", "we", "i", "it", "you", "them", "us"];

/// The words of a mention, punctuation around them trimmed.
fn mention_words(mention: &str) -> Vec<&str> {
    mention
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .filter(|w| !w.is_empty())
        .collect()
}
