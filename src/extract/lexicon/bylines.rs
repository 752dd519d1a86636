//! The words of bylines: the "By" before names, the particles inside them,
//! the job titles after them.

/// Words that introduce author names ("by", and its French, German,
/// Spanish, Dutch and Swedish words).
pub const BY_WORDS: &[&str] = &["by", "par", "von", "por", "door", "av"];

/// Words that may stand before "by" in a byline's label ("Written by",
/// "Story by").
pub const BY_VERBS: &[&str] =
    &["written", "posted", "published", "reported", "words", "story", "text", "article", "authored", "recipe"];

/// Openings of a byline line in the article's body, before the writer's
/// name. Apart from [`BY_VERBS`] and [`BY_WORDS`], which the metadata's
/// byline reads: as one list, the body would also drop "Por Josh Max" lines
/// (3 on readability) and the metadata take a "Reviewed by" name for the
/// author (1 page on wcxb).
pub const BYLINE_OPENINGS: &[&str] =
    &["by", "written by", "reviewed by", "edited by", "posted by", "words by", "story by", "recipe by"];

/// Lower-case words that may sit inside a person's name.
pub const NAME_PARTICLES: &[&str] =
    &["van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "bin", "al", "y"];

/// Small words that join the names, roles, places and dates of a byline
/// line in the article's body, besides the [`NAME_PARTICLES`].
pub const BYLINE_JOINERS: &[&str] = &["and", "on", "at", "of", "the", "for", "in"];

/// Words that make a byline part after a name a job title or credit.
pub const JOB_TITLE_WORDS: &[&str] = &[
    "writer", "reporter", "editor", "correspondent", "contributor", "columnist", "staff", "journalist", "producer",
    "photographer", "bureau", "chief", "senior", "associate", "freelance", "contributing", "desk", "director",
    "manager", "head",
];

/// Labels that stand where a name should be, and the labels of the links
/// to a writer's page ("Learn More" under the name in an author box).
pub const NOT_NAMES: &[&str] = &[
    "author", "the author", "authors", "admin", "administrator", "unknown", "by", "written by", "posted by",
    "learn more", "read more", "see more", "view profile", "full bio", "more info", "about the author",
];
