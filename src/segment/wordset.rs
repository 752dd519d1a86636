//! Word lists asked of many words of every document: hashed once, looked up
//! in any case without allocating.

use std::sync::OnceLock;

use foldhash::HashSet;

/// Longest word lowered on the stack; longer ones are compared one by one.
const MAX_WORD_BYTES: usize = 24;

/// A static list of lower-case words.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    hashed: OnceLock<HashSet<&'static str>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet { words, hashed: OnceLock::new() }
    }

    /// Whether the list holds `word`, in any ASCII case.
    pub fn contains(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_WORD_BYTES];
        match ascii_lower(word, &mut buf) {
            Some(lower) => self.hashed.get_or_init(|| self.words.iter().copied().collect()).contains(lower),
            // Non-ASCII (`didn’t`) or long: rare, compared one by one.
            None => self.words.iter().any(|w| w.eq_ignore_ascii_case(word)),
        }
    }
}

/// `word` in ASCII lower case, in `buf`; `None` when it is longer or not ASCII.
pub(crate) fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; MAX_WORD_BYTES]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    let out = buf.get_mut(..bytes.len()).filter(|_| word.is_ascii())?;
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_case_ascii_or_not() {
        static WORDS: WordSet = WordSet::new(&["said", "didn’t", "spokeswoman"]);
        assert!(WORDS.contains("Said") && WORDS.contains("SAID") && WORDS.contains("didn’t"));
        assert!(WORDS.contains("Didn’t") && !WORDS.contains("sai") && !WORDS.contains(""));
        assert!(!WORDS.contains("a-very-long-word-beyond-the-buffer"));
    }
}
