//! Start and end tags with their attributes; a tag hands the tree builder
//! its token and learns how the text after it is read.

use super::char_ref::{char_ref, CharRef};
use super::{append, find2, FastTokenizer, Mode};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};

impl<S: TokenSink> FastTokenizer<'_, S> {
    /// After `<` in data.
    #[inline]
    pub(super) fn tag_open(&mut self) {
        match self.bytes.get(self.pos) {
            Some(b'!') => {
                self.pos += 1;
                self.markup_declaration();
            }
            Some(b'/') => {
                self.pos += 1;
                match self.bytes.get(self.pos) {
                    Some(b) if b.is_ascii_alphabetic() => self.tag(TagKind::EndTag),
                    // `</>` is dropped.
                    Some(b'>') => self.pos += 1,
                    Some(_) => self.bogus_comment(self.pos),
                    None => append(&mut self.text, "</"),
                }
            }
            Some(b) if b.is_ascii_alphabetic() => self.tag(TagKind::StartTag),
            Some(b'?') => self.bogus_comment(self.pos),
            // Any other `<` is text; what follows is read as data again.
            _ => self.text.push_char('<'),
        }
    }

    /// A start or end tag whose name begins at `self.pos`; dropped if the
    /// input ends inside it.
    pub(super) fn tag(&mut self, kind: TagKind) {
        let name_start = self.pos;
        let name_end = self.scan(name_start, |b| matches!(b, b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>'));
        let name = lowercase_name(&self.input[name_start..name_end]);
        self.pos = name_end;
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut had_duplicate_attributes = false;
        let mut self_closing = false;
        // Each turn starts in html5ever's BeforeAttributeName state.
        loop {
            self.skip_whitespace();
            match self.bytes.get(self.pos) {
                None => return,
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.bytes.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        self_closing = true;
                        break;
                    }
                }
                Some(_) => {
                    // The first character belongs to the name even when it is `=`.
                    let name_start = self.pos;
                    let first_len = self.input[name_start..].chars().next().map_or(1, char::len_utf8);
                    let name_end = self.scan(name_start + first_len, |b| {
                        matches!(b, b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>' | b'=')
                    });
                    self.pos = name_end;
                    self.skip_whitespace();
                    let value = if self.bytes.get(self.pos) == Some(&b'=') {
                        self.pos += 1;
                        match self.attribute_value() {
                            Some(value) => value,
                            None => {
                                self.pos = self.bytes.len();
                                return;
                            }
                        }
                    } else {
                        StrTendril::new()
                    };
                    let name = lowercase_name(&self.input[name_start..name_end]);
                    if attrs.iter().any(|a| a.name.local == name) {
                        had_duplicate_attributes = true;
                    } else {
                        attrs.push(Attribute { name: QualName::new(None, ns!(), name), value });
                    }
                }
            }
        }
        self.flush_text();
        if kind == TagKind::StartTag {
            self.last_start_tag = Some(name.clone());
        }
        let tag = Tag { kind, name, self_closing, attrs, had_duplicate_attributes };
        self.mode = match self.sink.process_token(Token::TagToken(tag), 0) {
            TokenSinkResult::RawData(kind) => Mode::Raw(kind),
            TokenSinkResult::Plaintext => Mode::Plaintext,
            TokenSinkResult::Continue | TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => {
                Mode::Data
            }
        };
    }

    /// After `=`: the value, quoted or not, with character references
    /// decoded; `None` if the input ends inside it.
    fn attribute_value(&mut self) -> Option<StrTendril> {
        self.skip_whitespace();
        let mut value = StrTendril::new();
        let quote = match self.bytes.get(self.pos)? {
            &q @ (b'"' | b'\'') => {
                self.pos += 1;
                Some(q)
            }
            // `a=>` has an empty value and ends the tag.
            b'>' => return Some(value),
            _ => None,
        };
        loop {
            let start = self.pos;
            let end = match quote {
                Some(q) => find2(self.bytes, start, q, b'&'),
                None => {
                    let end = self.scan(start, |b| matches!(b, b'\t' | b'\n' | b'\x0C' | b' ' | b'&' | b'>'));
                    (end < self.bytes.len()).then_some(end)
                }
            }?;
            append(&mut value, &self.input[start..end]);
            if self.bytes[end] != b'&' {
                // A closing quote is consumed; whitespace or `>` after an unquoted value is left for the tag.
                self.pos = if quote.is_some() { end + 1 } else { end };
                return Some(value);
            }
            self.pos = end + 1;
            match char_ref(self.input, self.pos, true) {
                Some(CharRef { chars, end }) => {
                    chars.iter().flatten().for_each(|&c| value.push_char(c));
                    self.pos = end;
                }
                None => value.push_char('&'),
            }
        }
    }
}

/// Tag and attribute names are ASCII-lowercased.
#[inline]
fn lowercase_name(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{attr, same_as_html5ever};

    #[test]
    fn tags_and_attributes_match_html5ever() {
        for html in [
            "<p a=1 A=2 b c = 'd' /e=\"f\"g>x</p>",
            "<DIV ID=Main CLASS='a b'>x</DIV><p =x>y</p>",
            "<a href=x&amp;y title=>z</a><img src=\"a.png\"/><br/></>",
            "<p a='unterminated",
            "<p a=b",
        ] {
            same_as_html5ever(html);
        }
        assert_eq!(attr("<DIV CLASS='Lead Story'>x</DIV>", "class"), "Lead Story");
        assert_eq!(attr("<p a=1 A=2>x</p>", "a"), "1", "the first of duplicate attributes is kept");
    }
}
