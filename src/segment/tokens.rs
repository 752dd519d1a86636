//! Word and punctuation tokens of the text around quotations, read by the
//! quote attribution and the people pass.

/// Words that keep their trailing period (so it does not end a sentence).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "Cmdr",
    "Maj", "Prof", "Rev", "Jr", "Sr", "St", "Mt", "Ft", "Inc", "Co", "Corp", "Ltd", "No", "vs", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Del", "Pres", "Atty", "Supt", "Insp", "Sec", "Amb", "Hon",
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
    /// A whole quotation, marks included, standing for its words where the
    /// people pass reads the text outside quotations (never made by
    /// [`tokenize`]).
    Quotation,
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

/// The word at token `i`, if that token is a word.
pub(crate) fn word<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    tokens.get(i).filter(|t| t.kind == Kind::Word).map(|t| t.text(text))
}

/// Whether a word starts with a capital letter.
pub(crate) fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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

/// The char at byte `at` of `text` (a char boundary), decoded only when
/// it is not ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Appends to `tokens` the tokens of `text[byte_start..byte_end]`, whose
/// first char is code point `char_start` of the document. Quote marks and
/// other symbols are skipped. This runs over all of every document's text
/// outside quotations, so it walks the bytes once, ASCII letters and digits
/// without decoding.
pub fn tokenize(text: &str, byte_start: usize, byte_end: usize, char_start: usize, tokens: &mut Vec<Token>) {
    let Some(slice) = text.get(byte_start..byte_end) else { return };
    let bytes = slice.as_bytes();
    // Byte offset in `slice` and chars consumed so far.
    let (mut at, mut n) = (0, 0);
    while let Some(c) = char_at(slice, at) {
        let (start_byte, start) = (at, n);
        at += c.len_utf8();
        n += 1;
        let kind = if c.is_alphanumeric() {
            loop {
                // ASCII letters and digits are every byte a char.
                let ascii_run =
                    bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count());
                at += ascii_run;
                n += ascii_run;
                match char_at(slice, at) {
                    Some(c) if c.is_alphanumeric() => {
                        at += c.len_utf8();
                        n += 1;
                    }
                    Some(joiner) if is_joiner(joiner) => match char_at(slice, at + joiner.len_utf8()) {
                        Some(next) if next.is_alphanumeric() => {
                            at += joiner.len_utf8() + next.len_utf8();
                            n += 2;
                        }
                        _ => break,
                    },
                    _ => break,
                }
            }
            if bytes.get(at) == Some(&b'.') && slice.get(start_byte..at).is_some_and(keeps_period) {
                at += 1;
                n += 1;
            }
            Kind::Word
        } else {
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
            byte_start: byte_start + start_byte,
            byte_end: byte_start + at,
            char_start: char_start + start,
            char_end: char_start + n,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_joiners_and_abbreviation_periods() {
        // From a news sentence; the document's text starts 10 chars earlier.
        let text = "«Ça va», dit Sen. Lindsey Graham’s aide — U.S. counter-terror chief… AT&T, ok.";
        let mut tokens = Vec::new();
        tokenize(text, 0, text.len(), 10, &mut tokens);
        let shown: Vec<(Kind, &str)> = tokens.iter().map(|t| (t.kind, t.text(text))).collect();
        use Kind::*;
        assert_eq!(
            shown,
            [
                (Word, "Ça"),
                (Word, "va"),
                (Comma, ","),
                (Word, "dit"),
                (Word, "Sen."),
                (Word, "Lindsey"),
                (Word, "Graham’s"),
                (Word, "aide"),
                (Break, "—"),
                (Word, "U.S."),
                (Word, "counter-terror"),
                (Word, "chief"),
                (SentenceEnd, "…"),
                (Word, "AT&T"),
                (Comma, ","),
                (Word, "ok"),
                (SentenceEnd, "."),
            ]
        );
        // Code point offsets count from char_start, bytes from the text.
        let graham = tokens[6];
        assert_eq!(
            text.chars().skip(graham.char_start - 10).take(graham.char_end - graham.char_start).collect::<String>(),
            "Graham’s"
        );
        assert_eq!(&text[graham.byte_start..graham.byte_end], "Graham’s");
    }
}
