//! Word lists of the people pass: which capitalized words are titles, never
//! names, or words of organisations and places; which lower-case nouns name
//! a person by role (`the mayor`, `pipeline welder Joe Brandt`).

use std::sync::OnceLock;

use foldhash::HashSet;

use crate::segment::wordset::{ascii_lower, WordSet};

/// Capitalized words that are roles or honorifics, not part of a name.
const TITLES: &[&str] = &[
    "President", "Vice", "Secretary", "State", "Senator", "Sen.", "Sens.", "Rep.", "Reps.", "Representative", "Gov.",
    "Governor", "Lt.", "Mayor", "Minister", "Prime", "Foreign", "Defense", "Defence", "Advisor", "Adviser",
    "Commissioner", "High", "Former", "Chief", "Chairman", "Chairwoman", "Chair", "Speaker", "Leader", "Majority",
    "Minority", "Director", "General", "Attorney", "Gen.", "Col.", "Sgt.", "Capt.", "Adm.", "Maj.", "Dr.", "Mr.",
    "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr", "Miss", "Prof.", "Professor", "Rev.", "Judge", "Justice", "Ambassador",
    "Spokesman", "Spokeswoman", "Spokesperson", "Officer", "CEO", "Candidate", "Democrat", "Democratic", "Republican",
    "GOP", "Councilman", "Councilwoman", "Assemblyman", "Congressman", "Congresswoman", "Pope", "King", "Queen",
    "Prince", "Princess", "Sheriff", "Deputy", "Assistant", "Executive", "Press", "Security", "National", "Affairs",
    "Homeland", "Treasury", "Department", "Ministry", "U.S.", "US", "U.N.", "House", "Senate", "Supreme", "Court",
    "Federal", "Sir", "Lord", "Lady", "Dame", "Rabbi", "Imam", "Father", "Sister", "Brother", "Bishop", "Cardinal",
    "Archbishop", "Chancellor", "Premier", "Commander", "Admiral", "Colonel", "Sergeant", "Captain", "Major",
    "Lieutenant", "Coach", "Presidential", "Nominee", "Frontrunner", "Hopeful", "Sens", "Rep", "Sen", "Gov", "Del.",
    "MP", "MPs", "MPP", "MLA", "MEP", "MNA", "Councillor", "Councilor", "Alderman", "Trustee", "Constable", "Const.",
    "Cpl.", "Corporal", "Superintendent", "Supt.", "Inspector", "Insp.", "Detective", "Det.", "Dean", "Interim",
    "Acting", "Associate", "Parliamentary", "Opposition", "Hereditary", "Grand", "Manager", "Editor", "Principal",
    "Mme", "Mme.", "Msgr.", "Sr.", "Fr.",
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
    "No", "Not", "Instead", "Indeed", "Perhaps", "Earlier", "Later", "Nonetheless", "Nevertheless", "Having", "Being",
    "Despite", "Among", "Between", "Against", "Following", "Including", "Watch", "WATCH", "Read", "READ", "MORE",
    "Related", "Photo", "Video", "Advertisement", "Dear", "Yes", "Thanks", "Please", "Besides", "Whether", "Once",
    "Whatever", "Whenever", "Wherever", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
];

/// Words that make a capitalized run an organisation or place, not a person.
const NON_PERSON_WORDS: &[&str] = &[
    "Department", "House", "Party", "Committee", "Council", "University", "College", "Times", "News", "Post",
    "Journal", "Network", "Street", "Bank", "Congress", "Senate", "Court", "Agency", "Office", "Institute", "Center",
    "Centre", "Foundation", "Association", "Union", "Company", "Inc.", "Corp.", "Group", "Ministry", "Administration",
    "Campaign", "Service", "Services", "Force", "Army", "Navy", "Police", "Church", "School", "Hospital", "Airport",
    "Square", "Avenue", "Road", "County", "City", "States", "Republic", "Kingdom", "Nations", "Organization",
    "Organisation", "Commission", "Board", "Authority", "Fund", "Trust", "Club", "Press", "Radio", "TV", "Television",
    "Channel", "Magazine", "Review", "Daily", "Herald", "Tribune", "Gazette", "Caucus", "Project", "Forum", "Tower",
    "Hall", "Conference", "Convention", "Act", "Bill", "Plan", "Program", "Programme", "Reuters", "Twitter",
    "Facebook", "Power", "Energy", "Hydro", "Ltd.", "Ltd", "LLC", "Inc", "Corporation", "Partners", "Capital",
    "Holdings", "Industries", "Motors", "Airlines", "Systems", "Technologies", "Media", "Federation", "Alliance",
    "Coalition", "Society", "League", "Government", "Parliament", "Assembly", "Legislature", "Province", "Region",
    "District", "Township", "Lake", "River", "Island", "Bay", "Valley", "Clinic", "Museum", "Library", "Theatre",
    "Theater", "Stadium", "Arena", "Hotel", "Local", "Festival", "Awards", "Academy", "Research", "Studios", "Records",
    "Nation", "Team", "Games", "Cup", "Station", "Highway", "Heights", "Bridge", "Boulevard", "Drive", "Plaza",
    "Terminal", "Harbour", "Harbor", "Beach", "Falls", "Springs", "Creek", "Trail", "Gardens", "Village", "Parkway",
    "Expressway", "Freeway", "Mountains", "Line", "Complex", "Building", "Tournament", "Championship", "Championships",
    "Open", "Classic", "Invitational", "Series", "Bowl", "Marathon", "Olympics", "Resort", "Resorts", "Casino", "Inn",
    "Lodge", "Restaurant", "Cafe", "Café", "Grill", "Pub", "Brewery", "Winery", "Farms", "Mall", "Market", "Store",
    "Stores", "Foods", "Pharmacy", "Labs", "Laboratories",
];

/// Places that read like names: countries, provinces and states, regions,
/// and the words that open place names (`North Carolina`, `Nova Scotia`).
/// Places that are as often people's names (`Georgia`, `Jordan`,
/// `Washington`) are left out.
const PLACE_WORDS: &[&str] = &[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower",
    "Greater", "Metro", "New", "Nova", "Scotia", "Columbia", "Brunswick", "Labrador", "Newfoundland", "Ontario",
    "Quebec", "Manitoba", "Saskatchewan", "Yukon", "Nunavut", "Canada", "America", "Africa", "Asia", "Europe", "Korea",
    "Zealand", "Hampshire", "Jersey", "Mexico", "Texas", "California", "Florida", "Ohio", "Michigan", "Illinois",
    "Massachusetts", "Kentucky", "Tennessee", "Arizona", "Oregon", "Iowa", "Kansas", "Nebraska", "Oklahoma", "Alabama",
    "Mississippi", "Louisiana", "Arkansas", "Missouri", "Wisconsin", "Minnesota", "Colorado", "Utah", "Nevada",
    "Idaho", "Wyoming", "Alaska", "Hawaii", "Maryland", "Delaware", "Connecticut", "Vermont", "Maine", "Pennsylvania",
    "Britain", "England", "Scotland", "Wales", "Ireland", "France", "Germany", "Italy", "Spain", "Russia", "China",
    "Japan", "Pakistan", "Iran", "Iraq", "Syria", "Afghanistan", "Palestine", "Egypt", "Turkey", "Ukraine", "Poland",
    "Greece", "Brazil", "Argentina", "Chile", "Peru", "Venezuela", "Cuba", "Australia", "Indonesia", "Vietnam",
    "Thailand", "Philippines", "Nigeria", "Ethiopia", "Arabia", "Emirates", "Qatar", "Lanka", "Kong", "Taiwan",
    "Singapore", "Malaysia", "Vancouver", "Toronto", "Ottawa", "Montreal", "Calgary", "Edmonton", "Winnipeg",
    "Halifax", "Saskatoon", "Berlin", "Moscow", "Beijing", "Tokyo", "Chicago", "Boston", "Angeles", "Francisco",
    "Diego", "Seattle", "Atlanta", "N.S.", "B.C.", "N.B.", "P.E.I.", "N.L.", "Ont.", "Que.", "Alta.", "Sask.", "Man.",
    "N.W.T.", "N.Y.", "D.C.", "Calif.", "Fla.", "Mass.", "Ill.", "Mich.", "Ariz.", "Colo.", "Conn.", "Ga.", "Ky.",
    "La.", "Md.", "Minn.", "Mo.", "N.C.", "N.J.", "N.M.", "Ore.", "Pa.", "S.C.", "Tenn.", "Va.", "Wash.", "Wis.",
    "U.K.", "U.S.A.",
];

/// Lower-case nouns that name a person by what they do or are (`the mayor`,
/// `lead author`, `his wife`), beyond the endings [`is_person_noun`] reads.
const PERSON_NOUNS: &[&str] = &[
    "official", "spokesperson", "chief", "chair", "mayor", "premier", "president", "minister", "senator", "governor",
    "judge", "coach", "head", "expert", "analyst", "scientist", "economist", "author", "doctor", "physician",
    "surgeon", "nurse", "student", "resident", "parent", "mother", "father", "son", "daughter", "wife", "husband",
    "partner", "friend", "victim", "survivor", "witness", "chef", "executive", "ceo", "founder", "owner", "candidate",
    "nominee", "incumbent", "rookie", "veteran", "star", "captain", "goalie", "goaltender", "forward", "defenceman",
    "defenseman", "quarterback", "pitcher", "guard", "republican", "democrat", "liberal", "conservative", "delegate",
    "diplomat", "envoy", "ambassador", "attorney", "counsel", "advocate", "activist", "volunteer", "colleague", "boss",
    "aide", "adviser", "advisor", "deputy", "assistant", "agent", "detective", "constable", "sergeant", "lieutenant",
    "general", "colonel", "soldier", "pilot", "artist", "actor", "actress", "singer", "musician", "poet", "host",
    "anchor", "reporter", "editor", "columnist", "professor", "teacher", "principal", "dean", "chancellor", "mom",
    "dad", "sister", "brother", "aunt", "uncle", "niece", "nephew", "cousin", "girl", "boy", "child", "teen",
    "teenager", "man", "woman", "lady", "widow", "widower", "fan", "patient", "client", "tenant", "landlord",
    "homeowner", "trustee", "superintendent", "inspector", "mp", "mpp", "mla", "councillor", "councilor", "alderman",
    "member", "pastor", "priest", "bishop", "rabbi", "imam", "elder", "grandmother", "grandfather", "accountant",
    "consultant", "attendant", "applicant", "defendant", "plaintiff", "immigrant", "migrant", "participant", "servant",
    "merchant", "contestant", "retiree", "employee", "trainee", "refugee", "appointee", "detainee", "attendee",
];

/// Words with a person noun's ending that name things (`the letter`, `the
/// order`): a role description never ends with them.
const NOT_PERSON_NOUNS: &[&str] = &[
    "letter", "order", "paper", "number", "matter", "center", "centre", "water", "river", "border", "chapter",
    "quarter", "corner", "summer", "winter", "power", "tower", "cover", "other", "error", "sector", "factor", "floor",
    "door", "indicator", "monitor", "motor", "counter", "filter", "newsletter", "poster", "flyer", "register",
    "theatre", "theater", "minor", "major", "interior", "exterior", "senior", "junior", "human", "german", "roman",
    "ottoman", "talisman", "shaman", "caiman", "woman's", "manner", "banner", "dinner", "computer", "meter", "metre",
    "liter", "litre", "weather", "leather", "feather", "brother-in-law", "proposer", "mayor's", "tractor", "trailer",
    "container", "character", "carrier", "barrier", "career", "thriller", "trigger", "headquarter", "behavior",
    "behaviour", "favour", "favor", "honour", "honor", "humour", "humor", "labour", "labor", "colour", "color",
    "rumour", "rumor", "vapor", "vapour", "mirror", "horror", "terror", "corridor", "vendor's", "ancestor's", "cancer",
    "hamburger", "burger", "finger", "hunger", "anger", "danger", "ledger", "tiger", "christian", "median", "after",
    "under", "either", "neither", "whether", "rather", "further", "together", "better", "later", "earlier", "sooner",
    "longer", "greater", "higher", "lower", "bigger", "smaller", "larger", "older", "younger", "newer", "closer",
    "harder", "faster", "stronger", "wider", "deeper", "fewer", "another", "prior", "superior", "inferior", "former",
    "latter",
];

/// Nouns of what a person puts out in words (`her statement read`, `Smith's
/// email said`): the speaker is their possessor.
const STATEMENT_NOUNS: &[&str] = &[
    "statement", "email", "e-mail", "letter", "tweet", "post", "message", "memo", "note", "release", "blog", "column",
    "submission", "affidavit", "filing", "text", "posting", "video", "website", "account", "speech", "remarks",
    "testimony", "book", "report", "op-ed", "essay", "complaint", "lawsuit", "claim",
];

/// Whether a word names what a person says or writes (`statement`, `tweet`).
pub(crate) fn is_statement_noun(word: &str) -> bool {
    static WORDS: WordSet = WordSet::new(STATEMENT_NOUNS);
    WORDS.contains(word)
}

/// Whether a capitalized word ends a name from its right: a title or a word
/// that is never a name. Asked of every capitalized word of every document,
/// so the two lists are hashed once.
pub(crate) fn is_title_or_not_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| TITLES.iter().chain(NOT_NAMES).copied().collect()).contains(title_to_be(word))
}

/// A title still to be taken up is a title (`President-elect`,
/// `Minister-designate`).
fn title_to_be(word: &str) -> &str {
    ["-elect", "-designate"].iter().find_map(|suffix| word.strip_suffix(suffix)).unwrap_or(word)
}

/// Title words that only modify a title (`Vice`, `Foreign`, `Senate`): no
/// person's title by themselves (`Foreign Relations`).
const TITLE_MODIFIERS: &[&str] = &[
    "Vice", "State", "Prime", "Foreign", "Defense", "Defence", "High", "Former", "Majority", "Minority", "Executive",
    "Press", "Security", "National", "Affairs", "Homeland", "Treasury", "Department", "Ministry", "U.S.", "US", "U.N.",
    "House", "Senate", "Supreme", "Court", "Federal", "Presidential", "Deputy", "Assistant", "Interim", "Acting",
    "Associate", "Parliamentary", "Opposition", "Hereditary", "Grand", "Democratic", "Republican", "GOP", "Democrat",
];

/// Whether a capitalized word is a person's title (`Secretary`, `Dr.`,
/// `Mayor`), which makes the name after it a person's.
pub(crate) fn is_title(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| TITLES.iter().copied().filter(|w| !TITLE_MODIFIERS.contains(w)).collect())
        .contains(title_to_be(word))
}

/// Whether a capitalized word never starts a name (`The`, `But`, `Monday`).
pub(crate) fn is_not_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| NOT_NAMES.iter().copied().collect()).contains(word)
}

/// Whether a name word makes its run an organisation or place.
pub(crate) fn is_non_person_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| NON_PERSON_WORDS.iter().chain(PLACE_WORDS).copied().collect()).contains(word)
}

/// Whether a word, in any case, is a noun naming a person by role or
/// relation: listed, or an agent ending (`-er`, `-or`, `-ist`, `-ian`,
/// `-man`, `-woman`, `-person`) that is not a thing's.
pub(crate) fn is_person_noun(word: &str) -> bool {
    let mut buf = [0u8; 24];
    static LISTED: WordSet = WordSet::new(PERSON_NOUNS);
    static NOT_LISTED: WordSet = WordSet::new(NOT_PERSON_NOUNS);
    let Some(lower) = ascii_lower(word, &mut buf) else { return false };
    if LISTED.contains(lower) {
        return true;
    }
    let agent = ["er", "or", "ist", "ian", "man", "woman", "person"].iter().any(|end| lower.ends_with(end));
    // `-er`, `-or` words of fewer than five letters are rarely agents (`her`, `or`).
    agent && lower.len() > 4 && !NOT_LISTED.contains(lower) && !lower.ends_with("ever")
}

/// The word without a possessive ending, and whether it had one.
pub(crate) fn strip_possessive(word: &str) -> (&str, bool) {
    // Asked of every capitalized word: most end in no `s` nor apostrophe.
    if !word.ends_with(['s', '\'', '’']) {
        return (word, false);
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    (word, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_nouns_by_list_and_agent_ending() {
        for noun in ["mayor", "defenceman", "Republican", "author", "welder", "economist", "spokeswoman", "wife"] {
            assert!(is_person_noun(noun), "{noun}");
        }
        for noun in ["letter", "company", "report", "statement", "her", "order", "however", "team"] {
            assert!(!is_person_noun(noun), "{noun}");
        }
    }

    #[test]
    fn titles_and_words_that_are_never_names() {
        assert!(is_title("MP") && is_title("Secretary") && !is_title("Kerry") && !is_title("Foreign"));
        assert!(is_title_or_not_name("Monday") && is_title_or_not_name("Dr.") && !is_title_or_not_name("Green"));
        assert!(is_non_person_word("Authority") && !is_non_person_word("Fraser"));
        assert_eq!(strip_possessive("Pakistan’s"), ("Pakistan", true));
        assert_eq!(strip_possessive("Jones"), ("Jones", false));
        assert!(is_title("President-elect") && is_title_or_not_name("Minister-designate") && !is_title("Elect"));
    }
}
