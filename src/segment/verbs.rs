//! Speech verbs: every form of the verbs that report speech, their base
//! forms, and the words that sit between a subject and its verb.

use std::sync::OnceLock;

use foldhash::HashMap;

use super::wordset::WordSet;

/// Speech verbs by base form; inflections are generated. Drawn from the cue
/// annotations of news attribution corpora (said/told/wrote/added/… cover
/// most; the tail is reporting verbs that frame a quotation).
const SPEECH_VERBS: &[&str] = &[
    "say", "tell", "write", "add", "ask", "explain", "note", "argue", "claim", "continue", "declare", "insist",
    "reply", "state", "warn", "tweet", "respond", "report", "recall", "conclude", "suggest", "acknowledge", "admit",
    "announce", "observe", "remark", "joke", "shout", "yell", "chant", "quip", "boast", "predict", "promise", "vow",
    "pledge", "assure", "complain", "lament", "concede", "interject", "emphasize", "stress", "proclaim", "answer",
    "testify", "email", "call", "describe", "label", "dub", "accuse", "blast", "mock", "mention", "scoff", "urge",
    "charge", "counter", "retort", "muse", "wonder", "whisper", "reflect", "recount", "sigh", "exclaim", "affirm",
    "assert", "caution", "confirm", "contend", "demand", "deny", "echo", "maintain", "plead", "reiterate", "repeat",
    "reveal", "point", "talk", "title", "release", "publish", "post", "express", "deliver", "propose", "credit",
    "name", "refer", "fire", "show", "offer", "portray", "sign", "share", "seem", "prefer", "list", "indicate",
    "include", "hope", "discuss", "bemoan", "expect", "snipe", "surmise", "start", "rip", "riff", "retaliate",
    "remember", "refuse", "reference", "react", "rate", "rank", "promote", "press", "play", "order", "oppose", "open",
    "view", "use", "vote", "turn", "worry", "welcome", "toss", "wave", "voice", "recognize", "recite", "approve",
    "liken", "love", "like", "invite", "interrupt", "introduce", "imagine", "identify", "highlight", "herald",
    "grouse", "fume", "follow", "feature", "exhort", "estimate", "entitle", "elaborate", "defend", "decline",
    "contrast", "confess", "command", "coach", "challenge", "cheer", "bill", "beam", "attack", "assume", "anticipate",
    "address", "accept", "acclaim", "appear", "adopt", "frame", "coin", "hit", "knock", "issue", "plan", "seek",
    "embrace", "criticise", "sound", "tout", "praise", "criticize", "slam", "question", "cite", "quote", "agree",
    "thank", "comment", "reason", "speculate", "volunteer", "brag", "gush", "hint", "implore", "summarize", "vent",
    "read", "speak", "think", "believe", "pronounce", "imply", "blame", "rail", "cry", "scream", "laugh", "sneer",
    "tease", "taunt", "chide", "scold", "rebuke", "decry", "denounce", "condemn", "allege", "disclose", "confide",
    "concur", "object", "protest", "beg", "pray", "preach", "lecture", "instruct", "advise", "inform", "notify",
    "remind", "snap", "bark", "growl", "murmur", "mutter", "stammer", "groan", "moan", "applaud", "lambaste",
    "dismiss", "reject", "refute", "rebut", "brand", "characterize", "deem", "insult", "trumpet", "opine", "posit",
    "theorize", "ponder", "retweet", "chuckle", "blurt",
];

/// Irregular forms, and the regular forms of verbs that double their last
/// consonant, with their base form.
const IRREGULAR_FORMS: &[(&str, &str)] = &[
    ("said", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("read", "read"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("thought", "think"),
    ("quipped", "quip"),
    ("quipping", "quip"),
    ("admitted", "admit"),
    ("admitting", "admit"),
    ("dubbed", "dub"),
    ("dubbing", "dub"),
    ("rebutted", "rebut"),
    ("rebutting", "rebut"),
    ("snapped", "snap"),
    ("snapping", "snap"),
    ("referred", "refer"),
    ("referring", "refer"),
    ("shot", "shoot"),
    ("found", "find"),
    ("began", "begin"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("sings", "sing"),
    ("ripped", "rip"),
    ("ripping", "rip"),
    ("sought", "seek"),
    ("cried", "cry"),
    ("cries", "cry"),
    ("put", "put"),
    ("puts", "put"),
];

/// Words between a subject and its verb that belong to neither (`he later said`).
const AUXILIARIES: &[&str] = &[
    "also", "later", "has", "had", "have", "would", "will", "then", "once", "recently", "further", "again", "is",
    "was", "were", "are", "previously", "quickly", "simply", "just", "repeatedly", "reportedly", "earlier", "first",
    "often", "frequently", "never", "always", "even", "still", "famously", "publicly", "privately", "flatly",
    "bluntly", "angrily", "jokingly", "been", "did", "does", "went", "on", "to", "wryly", "tersely", "should", "could",
    "can", "may", "might", "must", "shall", "not", "didn't", "didn’t", "doesn't", "doesn’t", "don't", "don’t", "won't",
    "won’t", "wouldn't", "wouldn’t", "hasn't", "hasn’t", "haven't", "haven’t", "wasn't", "wasn’t", "now", "otherwise",
    "all",
];

/// Every form of a speech verb, with its base form.
fn speech_verbs() -> &'static HashMap<String, &'static str> {
    static VERBS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    VERBS.get_or_init(|| {
        let mut forms: HashMap<String, &'static str> =
            IRREGULAR_FORMS.iter().map(|&(form, base)| (form.to_string(), base)).collect();
        for base in SPEECH_VERBS {
            for form in inflections(base) {
                forms.entry(form).or_insert(base);
            }
        }
        forms
    })
}

/// The base form of a speech verb as written (`said` → `say`, `Told` →
/// `tell`); other cues (`according to`) stay as written, in lower case.
pub(crate) fn lemma(verb: &str) -> String {
    let lower = verb.to_lowercase();
    speech_verbs().get(&lower).map_or(lower, |base| base.to_string())
}

/// Base, third person, past and gerund of a regular verb.
fn inflections(base: &str) -> [String; 4] {
    let stem = base.strip_suffix('e').unwrap_or(base);
    let consonant_y =
        base.len() > 1 && base.ends_with('y') && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let third = if consonant_y {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") || base.ends_with('o') {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let past = if consonant_y { format!("{}ied", &base[..base.len() - 1]) } else { format!("{stem}ed") };
    [base.to_string(), third, past, format!("{stem}ing")]
}

/// Whether `word` is a form of a speech verb (lower case: a capitalized
/// word is more often a name, `Post`, `Hope`, than a sentence-initial verb).
pub(crate) fn is_speech_verb(word: &str) -> bool {
    speech_verbs().contains_key(word)
}

/// Auxiliaries and adverbs between a subject and its verb (`has
/// increasingly decried`).
pub(crate) fn is_auxiliary(word: &str) -> bool {
    static WORDS: WordSet = WordSet::new(AUXILIARIES);
    WORDS.contains(word) || (word.ends_with("ly") && word.chars().all(char::is_lowercase))
}

pub(crate) fn lower_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Verbs that put their subject after them (`"…," said X`, `"…," quipped
/// X`): verbs of saying and of the manner of saying. A name after `told`,
/// `called`, `urged` and the like is their object.
pub(crate) fn inverts(verb: &str) -> bool {
    const BASES: &[&str] = &[
        "say", "write", "add", "note", "explain", "continue", "argue", "ask", "recall", "warn", "insist", "observe",
        "remark", "declare", "reply", "respond", "conclude", "quip", "joke", "tweet", "exclaim", "counter", "retort",
        "offer", "suggest", "admit", "concede", "boast", "scoff", "snap", "sigh", "laugh", "shout", "yell", "whisper",
        "mutter", "complain", "lament", "muse", "wonder", "gush", "cry", "scream", "groan", "scold", "confirm",
        "state", "announce", "recount", "reflect", "chuckle", "blurt", "testify",
    ];
    speech_verbs().get(verb).is_some_and(|base| BASES.contains(base))
}

/// Verbs that are not also common nouns (`remarks`, `calls`, `turn`) nor
/// participles (`a statement saying`): past tenses and the commonest
/// speech verbs.
pub(crate) fn is_clearly_verb(word: &str) -> bool {
    word.ends_with("ed")
        || IRREGULAR_FORMS.iter().any(|&(form, _)| form == word)
        || ["say", "says", "tell", "tells", "write", "writes", "add", "adds", "ask", "asks"].contains(&word)
}
