//! Word and punctuation tokens of the text around quotations.

/// Words that keep their trailing period (so it does not end a sentence).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Adm", "Cmdr", "Maj", "Prof", "Rev", "Jr", "Sr", "St", "Mt", "Ft", "Inc", "Co", "Corp", "Ltd",
    "No", "vs", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Del", "Pres",
    "Atty", "Supt", "Insp", "Sec", "Amb", "Hon",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// `.`, `!`, `?`
    SentenceEnd,
    Comma,
    Colon,
    /// `;`, dashes, brackets and anything else that splits clauses.
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.byte_start..self.byte_end).unwrap_or("")
    }
}

/// Joiners kept inside a word when a letter or digit follows (`U.S`,
/// `it's`, `Pakistan’s`, `counter-terror`, `AT&T`).
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '&')
}

fn keeps_period(word: &str) -> bool {
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word)
}

/// Tokens of `text[byte_start..byte_end]`, whose first char is code point
/// `char_start` of the document. Quote marks and other symbols are skipped.
pub fn tokenize(text: &str, byte_start: usize, byte_end: usize, char_start: usize) -> Vec<Token> {
    let Some(slice) = text.get(byte_start..byte_end) else { return Vec::new() };
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let byte_at = |i: usize| byte_start + chars.get(i).map_or(slice.len(), |&(b, _)| b);
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        let start = i;
        let kind = if c.is_alphanumeric() {
            i += 1;
            while let Some(&(_, c)) = chars.get(i) {
                let joined = is_joiner(c) && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if c.is_alphanumeric() || joined {
                    i += if joined { 2 } else { 1 };
                } else {
                    break;
                }
            }
            let word = &text[byte_at(start)..byte_at(i)];
            if chars.get(i).is_some_and(|&(_, c)| c == '.') && keeps_period(word) {
                i += 1;
            }
            Kind::Word
        } else {
            i += 1;
            match c {
                '.' | '!' | '?' | '…' => Kind::SentenceEnd,
                ',' => Kind::Comma,
                ':' => Kind::Colon,
                ';' | '—' | '–' | '―' | '‒' | '-' | '(' | ')' | '[' | ']' | '|' => Kind::Break,
                _ => continue,
            }
        };
        tokens.push(Token {
            kind,
            byte_start: byte_at(start),
            byte_end: byte_at(i),
            char_start: char_start + start,
            char_end: char_start + i,
        });
    }
    tokens
}
