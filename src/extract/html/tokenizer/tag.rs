//! Start and end tags with their attributes; a tag hands the tree builder
//! its token and learns how the text after it is read.

use super::char_ref::{char_ref, CharRef};
use super::{append, find2, FastTokenizer, Mode};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};

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
        common_name(name).unwrap_or_else(|| LocalName::from(name))
    }
}

/// The interned name of the commonest tags and kept attributes, matched
/// without hashing: interning hashes the name, ~70 instructions a call on
/// every tag and attribute of every page.
fn common_name(name: &str) -> Option<LocalName> {
    Some(match name {
        "a" => local_name!("a"),
        "b" => local_name!("b"),
        "i" => local_name!("i"),
        "p" => local_name!("p"),
        "br" => local_name!("br"),
        "em" => local_name!("em"),
        "h2" => local_name!("h2"),
        "h3" => local_name!("h3"),
        "id" => local_name!("id"),
        "li" => local_name!("li"),
        "td" => local_name!("td"),
        "tr" => local_name!("tr"),
        "ul" => local_name!("ul"),
        "div" => local_name!("div"),
        "img" => local_name!("img"),
        "rel" => local_name!("rel"),
        "svg" => local_name!("svg"),
        "href" => local_name!("href"),
        "link" => local_name!("link"),
        "meta" => local_name!("meta"),
        "name" => local_name!("name"),
        "path" => local_name!("path"),
        "role" => local_name!("role"),
        "span" => local_name!("span"),
        "type" => local_name!("type"),
        "class" => local_name!("class"),
        "input" => local_name!("input"),
        "style" => local_name!("style"),
        "button" => local_name!("button"),
        "script" => local_name!("script"),
        "source" => local_name!("source"),
        "strong" => local_name!("strong"),
        "content" => local_name!("content"),
        "picture" => local_name!("picture"),
        "section" => local_name!("section"),
        "property" => local_name!("property"),
        "aria-hidden" => local_name!("aria-hidden"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{attr, same_as_html5ever};

    #[test]
    fn common_names_are_the_interned_names() {
        use html5ever::LocalName;
        let names = "a b i p br em h2 h3 id li td tr ul div img rel svg href link meta name path role span type class \
                     input style button script source strong content picture section property aria-hidden";
        for name in names.split_whitespace() {
            assert_eq!(super::common_name(name), Some(LocalName::from(name)), "{name}");
            assert_eq!(super::lowercase_name(&name.to_ascii_uppercase()), LocalName::from(name));
        }
        assert_eq!(super::common_name("article"), None);
        assert_eq!(super::lowercase_name("article"), LocalName::from("article"));
    }

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
