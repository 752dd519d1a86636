//! The words of dates and datelines: month and weekday names, the labels a
//! page sets before a date ("Published", "Updated on"), times and zones.

/// Month names and abbreviations, by month, in English, German, French,
/// Spanish, Italian, Portuguese, Dutch, then Russian, Polish (each in the
/// nominative and the genitive dates use), Turkish and Arabic. Patterns
/// made of the list keep its order.
pub const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "janvier", "enero", "ene", "gennaio", "janeiro", "januari", "январь", "января",
        "styczeń", "stycznia", "ocak", "يناير",
    ],
    &[
        "february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "февраль",
        "февраля", "luty", "lutego", "şubat", "subat", "فبراير",
    ],
    &[
        "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt", "март", "марта", "marzec",
        "marca", "mart", "مارس",
    ],
    &["april", "apr", "avril", "abril", "abr", "aprile", "апрель", "апреля", "kwiecień", "kwietnia", "nisan", "أبريل"],
    &["may", "mai", "mayo", "maggio", "maio", "mei", "май", "мая", "maj", "maja", "mayıs", "mayis", "مايو"],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "junho", "июнь", "июня", "czerwiec", "czerwca", "haziran",
        "يونيو",
    ],
    &[
        "july", "jul", "juli", "juillet", "julio", "luglio", "julho", "июль", "июля", "lipiec", "lipca", "temmuz",
        "يوليو",
    ],
    &[
        "august", "aug", "août", "aout", "agosto", "ago", "augustus", "август", "августа", "sierpień", "sierpnia",
        "ağustos", "agustos", "أغسطس",
    ],
    &[
        "september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro", "сентябрь", "сентября",
        "wrzesień", "września", "eylül", "eylul", "سبتمبر",
    ],
    &[
        "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro", "октябрь", "октября",
        "październik", "października", "ekim", "أكتوبر",
    ],
    &[
        "november", "nov", "novembre", "noviembre", "novembro", "ноябрь", "ноября", "listopad", "listopada", "kasım",
        "kasim", "نوفمبر",
    ],
    &[
        "december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre", "dic", "dicembre", "dezembro",
        "декабрь", "декабря", "grudzień", "grudnia", "aralık", "aralik", "ديسمبر",
    ],
];

/// English weekday names.
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Weekday names in the other languages of [`MONTH_NAMES`], as datelines
/// write them before the date ("segunda-feira, 22 de janeiro de 2018"),
/// split into words as datelines are.
pub const WEEKDAYS_ABROAD: &[&str] = &[
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
    "domingo", "segunda", "terça", "quarta", "quinta", "sexta", "feira", "lunedì", "martedì", "mercoledì", "giovedì",
    "venerdì", "sabato", "domenica", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье", "poniedziałek", "wtorek",
    "środa", "czwartek", "piątek", "sobota", "niedziela", "pazartesi", "salı", "çarşamba", "perşembe", "cuma",
    "cumartesi", "pazar",
];

/// Words that join the parts of a date or its time when it is written out
/// ("22 de janeiro de 2018 às 0:13", "5. März 2024 um 10 Uhr", "5 марта
/// 2024 г. в 10:00").
pub const DATE_JOINERS: &[&str] =
    &["de", "del", "às", "à", "a", "le", "um", "uhr", "alle", "ore", "om", "г", "года", "в", "o", "godz", "saat"];

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
    "veröffentlicht", "aktualisiert", "um", "uhr", "pubblicato", "il", "aggiornato", "опубликовано", "обновлено",
    "opublikowano", "zaktualizowano", "gepubliceerd", "bijgewerkt", "atualizado",
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

/// Labels of a line that times the article's reading ("5 min read",
/// "Tempo de leitura: 1 minuto", "Lesezeit: 4 Min.").
pub const READING_TIME_LABELS: &[&str] = &[
    "min read", "minute read", "lesezeit", "temps de lecture", "tiempo de lectura", "tempo de leitura",
    "tempo di lettura", "leestijd", "время чтения", "czas czytania", "okuma süresi",
];

/// Suffixes of a number in a date or time ("5th", "10am").
pub const NUMBER_SUFFIXES: &[&str] = &["am", "pm", "st", "nd", "rd", "th"];
