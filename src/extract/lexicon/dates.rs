//! The words of dates and datelines: month and weekday names, the labels a
//! page sets before a date ("Published", "Updated on"), times and zones.

/// Month names and abbreviations, by month, in English, German, French,
/// Spanish, Italian, Portuguese and Dutch. Patterns made of the list keep
/// its order.
pub const MONTH_NAMES: [&[&str]; 12] = [
    &["january", "jan", "januar", "janvier", "enero", "ene", "gennaio", "janeiro", "januari"],
    &["february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari"],
    &["march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt"],
    &["april", "apr", "avril", "abril", "abr", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "jun", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "jul", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
    &["september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"],
    &["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro"],
    &["november", "nov", "novembre", "noviembre", "novembro"],
    &["december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre", "dic", "dicembre", "dezembro"],
];

/// English weekday names.
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Abbreviated English weekdays, as datelines write them.
pub const WEEKDAY_ABBREVIATIONS: &[&str] = &["mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"];

/// Words that may stand with a date in a dateline, besides numbers and
/// weekdays: labels, times, zones, reading time (English, French, Spanish,
/// German, Italian).
pub const DATELINE_WORDS: &[&str] = &[
    "published", "publish", "updated", "update", "last", "posted", "on", "the", "by", "at", "date", "modified",
    "reviewed", "created", "written", "originally", "first", "mise", "am", "pm", "a", "p", "m", "est", "edt", "cst",
    "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "utc", "gmt", "cet", "cest", "bst", "ist", "min", "mins", "minute",
    "minutes", "read", "publié", "publie", "le", "mis", "à", "jour", "publicado", "actualizado", "el",
    "veröffentlicht", "aktualisiert", "um", "uhr", "pubblicato", "il", "aggiornato",
];

/// Labels that say a date is the article's publication (English, French,
/// Spanish, German, Italian).
pub const PUBLICATION_LABELS: &[&str] = &["published", "posted", "publié", "publicado", "veröffentlicht", "pubblicato"];

/// Labels that say a date is a revision's, not the article's, in the
/// languages of [`MONTH_NAMES`].
pub const UPDATE_LABELS: &[&str] = &[
    "updated", "modified", "reviewed", "aktualisiert", "actualizado", "aggiornato", "atualizado", "bijgewerkt",
    "mis à jour", "mise à jour",
];

/// Stamps that open a line of the article's body that only dates it
/// ("Published June 23, 2025"), longest first so that the whole stamp is
/// cut. The body's dateline rule reads only these (and month names), while
/// the metadata's reads any of [`DATELINE_WORDS`] around a date: as one
/// rule, the body would lose 37 lines it keeps (aeb, wcxb, warc), tables of
/// dated figures ("1/1/2013 +13.1%") among them.
pub const DATE_STAMPS: &[&str] =
    &["published on", "published", "last updated on", "last updated", "updated on", "updated", "posted on", "posted"];

/// Suffixes of a number in a date or time ("5th", "10am").
pub const NUMBER_SUFFIXES: &[&str] = &["am", "pm", "st", "nd", "rd", "th"];
