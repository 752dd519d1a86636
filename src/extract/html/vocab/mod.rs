//! Vocabulary signals: what the class, id and role words of an element say
//! ([`elements`]), and what the words of a line or heading say
//! ([`furniture`], [`headings`]). The words themselves are the
//! [`lexicon`](crate::extract::lexicon)'s.

pub mod elements;
pub mod furniture;
pub mod headings;

/// Whether `lower` starts with `prefix` ending at a word boundary: "share on"
/// is not the start of "share one thing".
pub fn starts_with_words(lower: &str, prefix: &str) -> bool {
    lower
        .strip_prefix(prefix)
        .is_some_and(|rest| !prefix.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric))
}
