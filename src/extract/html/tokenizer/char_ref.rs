//! Character references (`&amp;`, `&#x41;`, legacy `&copy`), decoded as
//! html5ever decodes them.

use super::FastTokenizer;
use html5ever::data;
use html5ever::tokenizer::TokenSink;

impl<S: TokenSink> FastTokenizer<'_, S> {
    #[inline]
    pub(super) fn push_char_ref(&mut self, decoded: Option<CharRef>) {
        match decoded {
            Some(CharRef { chars, end }) => {
                chars.iter().flatten().for_each(|&c| self.text.push_char(c));
                self.pos = end;
            }
            None => self.text.push_char('&'),
        }
    }
}

/// A decoded character reference: one or two characters, and where the
/// input goes on.
#[derive(Debug, PartialEq)]
pub(super) struct CharRef {
    pub chars: [Option<char>; 2],
    pub end: usize,
}

/// Decodes the character reference whose `&` ends at `at`, as html5ever
/// does: the longest named match even without `;` (legacy entities), except
/// that inside an attribute a match without `;` followed by `=` or an
/// alphanumeric stays text; numeric references map C1 controls to
/// Windows-1252 and invalid code points to U+FFFD. `None`: the `&` is text.
#[inline]
pub(super) fn char_ref(input: &str, at: usize, in_attribute: bool) -> Option<CharRef> {
    let bytes = input.as_bytes();
    match bytes.get(at)? {
        b'#' => numeric_char_ref(bytes, at + 1),
        b if b.is_ascii_alphanumeric() => {
            let mut longest = None;
            let mut end = at;
            while end < bytes.len() && bytes[end].is_ascii() {
                end += 1;
                match data::NAMED_ENTITIES.get(&input[at..end]) {
                    // Codes (0, 0) mark a prefix of longer names.
                    Some(&(first, second)) if first != 0 => longest = Some((end, first, second)),
                    Some(_) => {}
                    None => break,
                }
            }
            let (end, first, second) = longest?;
            let legacy = bytes[end - 1] != b';';
            if in_attribute && legacy && bytes.get(end).is_some_and(|&b| b == b'=' || b.is_ascii_alphanumeric()) {
                return None;
            }
            Some(CharRef { chars: [char::from_u32(first), char::from_u32(second).filter(|_| second != 0)], end })
        }
        _ => None,
    }
}

/// After `&#`: decimal, or hexadecimal after `x`; no digits means no reference.
fn numeric_char_ref(bytes: &[u8], at: usize) -> Option<CharRef> {
    let (base, digits) = match bytes.get(at) {
        Some(b'x' | b'X') => (16, at + 1),
        _ => (10, at),
    };
    let mut code: u32 = 0;
    let mut too_big = false;
    let mut end = digits;
    while let Some(digit) = bytes.get(end).and_then(|&b| char::from(b).to_digit(base)) {
        code = code.wrapping_mul(base);
        too_big |= code > 0x10FFFF;
        code = code.wrapping_add(digit);
        end += 1;
    }
    if end == digits {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let c = match code {
        _ if too_big || code > 0x10FFFF => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => data::C1_REPLACEMENTS
            .get((code - 0x80) as usize)
            .copied()
            .flatten()
            .or(char::from_u32(code))
            .unwrap_or('\u{fffd}'),
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    };
    Some(CharRef { chars: [Some(c), None], end })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{attr, body_text};

    #[test]
    fn character_references_follow_the_legacy_rules() {
        assert_eq!(
            body_text("<p>Fish &amp; chips &copy 2024 &notit; &#x41;&#66;&#128; &bogus; &#xD800;</p>"),
            "Fish & chips © 2024 ¬it; AB€ &bogus; \u{fffd}"
        );
        // In attributes a reference without `;` before `=` or a letter stays text.
        assert_eq!(attr("<a href='/q?a=1&copy=2&amp;b=3&lt'>x</a>", "href"), "/q?a=1&copy=2&b=3<");
    }
}
