//! Language of a text, for documents whose markup does not declare one.

/// ISO 639-1 code of the text's language when detection is reliable.
pub fn detect_language(_text: &str) -> Option<String> {
    None
}
