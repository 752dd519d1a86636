//! A byte-oriented HTML tokenizer feeding html5ever's tree builder.
//!
//! html5ever's tokenizer pulls the page one char at a time through a queue of
//! buffers and was about 80% of the parse. This one scans the page as bytes,
//! with memchr for the long runs (text, attribute values, comments), and
//! hands each text run over as one token. Every byte it splits at is ASCII,
//! so each slice ends on a char boundary. Tree construction stays html5ever's,
//! so the tree is the one `scraper::Html::parse_document` builds; the tokens
//! follow html5ever 0.40's tokenizer (not the spec where they differ).
//!
//! Pages with NUL bytes (rare, and a different token in every state) go to
//! scraper's parser whole.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, ScriptEscapeKind};
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{data, ns, Attribute, LocalName, QualName};
use scraper::{Html, HtmlTreeSink};

/// Parses a whole document into the tree `scraper::Html::parse_document`
/// builds.
pub fn parse_document(html: &str) -> Html {
    parse_fast(html).unwrap_or_else(|| Html::parse_document(html))
}

/// Parses with [`FastTokenizer`]; `None` for a page with NUL bytes.
fn parse_fast(html: &str) -> Option<Html> {
    // html5ever drops a leading byte-order mark.
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let input = normalize_newlines(html)?;
    // Scripting on, as in scraper's parse_document (it decides how <noscript> parses).
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), TreeBuilderOpts::default());
    FastTokenizer::new(&input, &builder).run();
    Some(builder.sink.finish())
}

/// The input stream after html5ever's preprocessing: CR LF and lone CR become
/// LF. Pages with NUL bytes are left to html5ever (NUL turns into different
/// tokens in every state).
fn normalize_newlines(html: &str) -> Option<Cow<'_, str>> {
    let Some(first) = find2(html.as_bytes(), 0, 0, b'\r') else {
        return Some(Cow::Borrowed(html));
    };
    if find(html.as_bytes(), first, 0).is_some() {
        return None;
    }
    // One pass and one copy: CR LF and a lone CR both become LF.
    let mut normalized = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(cr) = rest.find('\r') {
        normalized.push_str(&rest[..cr]);
        normalized.push('\n');
        rest = &rest[cr + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    normalized.push_str(rest);
    Some(Cow::Owned(normalized))
}

/// What the tree builder last asked the tokenizer to read text as.
#[derive(Clone, Copy)]
enum Mode {
    Data,
    Raw(RawKind),
    Plaintext,
}

/// Turns a preprocessed page into html5ever tokens for `sink`.
struct FastTokenizer<'a, S> {
    input: &'a str,
    bytes: &'a [u8],
    pos: usize,
    sink: &'a S,
    mode: Mode,
    /// Characters not yet handed to the sink: one token per run between markup.
    text: StrTendril,
    /// Decides which end tag closes RCDATA, RAWTEXT and script text.
    last_start_tag: Option<LocalName>,
}

impl<'a, S: TokenSink> FastTokenizer<'a, S> {
    /// `input` must be preprocessed: no CR, no NUL (see [`normalize_newlines`]).
    fn new(input: &'a str, sink: &'a S) -> Self {
        FastTokenizer {
            input,
            bytes: input.as_bytes(),
            pos: 0,
            sink,
            mode: Mode::Data,
            text: StrTendril::new(),
            last_start_tag: None,
        }
    }

    /// Feeds the whole input and the end of file to the sink.
    fn run(mut self) {
        while self.pos < self.bytes.len() {
            match self.mode {
                Mode::Data => self.text_run(true, true),
                Mode::Raw(RawKind::Rcdata) => self.text_run(true, false),
                Mode::Raw(RawKind::Rawtext) => self.text_run(false, false),
                Mode::Raw(RawKind::ScriptData) => self.script_run(Escape::None),
                Mode::Raw(RawKind::ScriptDataEscaped(ScriptEscapeKind::Escaped)) => self.script_run(Escape::Escaped),
                Mode::Raw(RawKind::ScriptDataEscaped(ScriptEscapeKind::DoubleEscaped)) => {
                    self.script_run(Escape::Double)
                }
                Mode::Plaintext => {
                    self.push_text(self.pos, self.bytes.len());
                    self.pos = self.bytes.len();
                }
            }
        }
        self.flush_text();
        self.process(Token::EOFToken);
        self.sink.end();
    }

    /// Text up to the next markup, then that markup. `decodes`: character
    /// references count (data and RCDATA); `markup`: `<` opens any tag
    /// (data), else only the end tag of the RCDATA or RAWTEXT element.
    fn text_run(&mut self, decodes: bool, markup: bool) {
        let start = self.pos;
        let found = if decodes { find2(self.bytes, start, b'<', b'&') } else { find(self.bytes, start, b'<') };
        let Some(at) = found else {
            self.push_text(start, self.bytes.len());
            self.pos = self.bytes.len();
            return;
        };
        self.push_text(start, at);
        self.pos = at + 1;
        if self.bytes[at] == b'&' {
            let decoded = char_ref(self.input, self.pos, false);
            self.push_char_ref(decoded);
        } else if markup {
            self.tag_open();
        } else if self.end_tag_at(at) {
            self.pos = at + 2;
            self.tag(TagKind::EndTag);
        } else {
            self.text.push_char('<');
        }
    }

    /// Script text, then its end tag.
    fn script_run(&mut self, escape: Escape) {
        let start = self.pos;
        let end = self.script_end(start, escape);
        self.push_text(start, end);
        if end < self.bytes.len() {
            self.pos = end + 2;
            self.tag(TagKind::EndTag);
        } else {
            self.pos = end;
        }
    }

    /// Where script text from `from` ends: the `<` of the script's end tag,
    /// or the end of input. html5ever's escaped states: after `<!--`, a
    /// `<script>` makes the text run over the next `</script>` (double
    /// escaped) until `</script>` or `-->`.
    fn script_end(&self, from: usize, mut escape: Escape) -> usize {
        let bytes = self.bytes;
        // Dashes just read in an escaped state (two or more count as two).
        let mut dashes = 0;
        let mut i = from;
        loop {
            if escape == Escape::None {
                let Some(lt) = find(bytes, i, b'<') else { return bytes.len() };
                if self.end_tag_at(lt) {
                    return lt;
                }
                if bytes[lt + 1..].starts_with(b"!--") {
                    (escape, dashes, i) = (Escape::Escaped, 2, lt + 4);
                } else {
                    i = lt + 1;
                }
                continue;
            }
            let Some(&b) = bytes.get(i) else { return bytes.len() };
            i += 1;
            match b {
                b'-' => {
                    dashes = 2.min(dashes + 1);
                    continue;
                }
                b'>' if dashes == 2 => escape = Escape::None,
                b'<' if escape == Escape::Escaped && self.end_tag_at(i - 1) => return i - 1,
                b'<' => {
                    // `<script` escapes twice, `</script` back once; the
                    // whitespace, `/` or `>` after the name is consumed.
                    let closing = bytes.get(i) == Some(&b'/');
                    let toggles = match escape {
                        Escape::Escaped => !closing && letters_len(bytes, i) > 0,
                        _ => closing,
                    };
                    if toggles {
                        let name_start = if closing { i + 1 } else { i };
                        let name_end = name_start + letters_len(bytes, name_start);
                        i = name_end;
                        if is_tag_name_end(bytes.get(name_end)) {
                            i += 1;
                            if bytes[name_start..name_end].eq_ignore_ascii_case(b"script") {
                                escape = if escape == Escape::Escaped { Escape::Double } else { Escape::Escaped };
                            }
                        }
                    }
                }
                _ => {}
            }
            dashes = 0;
        }
    }

    /// Whether the `<` at `at` starts the end tag of the element whose text
    /// this is: `</`, its name in any case, then whitespace, `/` or `>`.
    fn end_tag_at(&self, at: usize) -> bool {
        let Some(last) = self.last_start_tag.as_deref() else { return false };
        let name_start = at + 2;
        let name_end = name_start + letters_len(self.bytes, name_start);
        self.bytes.get(at + 1) == Some(&b'/')
            && name_end > name_start
            && last.eq_ignore_ascii_case(&self.input[name_start..name_end])
            && is_tag_name_end(self.bytes.get(name_end))
    }

    fn push_char_ref(&mut self, decoded: Option<CharRef>) {
        match decoded {
            Some(CharRef { chars, end }) => {
                chars.iter().flatten().for_each(|&c| self.text.push_char(c));
                self.pos = end;
            }
            None => self.text.push_char('&'),
        }
    }

    /// After `<` in data.
    fn tag_open(&mut self) {
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

    /// After `<!`.
    fn markup_declaration(&mut self) {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"--") {
            self.pos += 2;
            self.comment();
        } else if rest.get(..7).is_some_and(|word| word.eq_ignore_ascii_case(b"doctype")) {
            self.pos += 7;
            self.doctype();
        } else if rest.starts_with(b"[CDATA[") && self.sink.adjusted_current_node_present_but_not_in_html_namespace() {
            self.pos += 7;
            self.cdata();
        } else {
            self.bogus_comment(self.pos);
        }
    }

    /// After `<!--`: the comment ends at the first `-->` or `--!>`, where
    /// `<!-->` and `<!--->` are empty comments; at the end of input, the
    /// dashes of an unfinished end are not part of it.
    fn comment(&mut self) {
        let start = self.pos;
        let rest = &self.bytes[start..];
        let (data_end, next) = if rest.starts_with(b">") {
            (start, start + 1)
        } else if rest.starts_with(b"->") {
            (start, start + 2)
        } else {
            let mut from = start;
            loop {
                let Some(gt) = find(self.bytes, from, b'>') else {
                    let trailing = [&b"--!"[..], b"--", b"-"]
                        .into_iter()
                        .find(|end| rest.ends_with(end))
                        .map_or(0, |end| end.len());
                    break (self.bytes.len() - trailing, self.bytes.len());
                };
                let before = &self.bytes[start..gt];
                if before.ends_with(b"--") {
                    break (gt - 2, gt + 1);
                }
                if before.ends_with(b"--!") {
                    break (gt - 3, gt + 1);
                }
                from = gt + 1;
            }
        };
        self.emit_comment(start, data_end);
        self.pos = next;
    }

    /// After `<![CDATA[` in SVG or MathML: text up to `]]>`, handed over as
    /// a token of its own even when empty, as html5ever does.
    fn cdata(&mut self) {
        let start = self.pos;
        let mut from = start;
        let (end, next) = loop {
            match find(self.bytes, from, b'>') {
                Some(gt) if self.bytes[start..gt].ends_with(b"]]") => break (gt - 2, gt + 1),
                Some(gt) => from = gt + 1,
                None => break (self.bytes.len(), self.bytes.len()),
            }
        };
        self.flush_text();
        self.process(Token::CharacterTokens(StrTendril::from_slice(&self.input[start..end])));
        self.pos = next;
    }

    /// `<?…>`, `</ …>`, `<!…>`: a comment of everything up to the next `>`.
    fn bogus_comment(&mut self, start: usize) {
        let (data_end, next) =
            find(self.bytes, start, b'>').map_or((self.bytes.len(), self.bytes.len()), |gt| (gt, gt + 1));
        self.emit_comment(start, data_end);
        self.pos = next;
    }

    fn emit_comment(&mut self, start: usize, end: usize) {
        self.flush_text();
        self.process(Token::CommentToken(StrTendril::from_slice(&self.input[start..end])));
    }

    /// After `<!DOCTYPE`, html5ever's doctype states; a missing name, a
    /// malformed identifier or the end of input force quirks mode.
    fn doctype(&mut self) {
        let mut doctype = Doctype::default();
        let mut quirks = true;
        // The Doctype state: one whitespace is consumed, anything else is reread.
        if matches!(self.bytes.get(self.pos), Some(b'\t' | b'\n' | b'\x0C' | b' ')) {
            self.pos += 1;
        }
        self.skip_whitespace();
        'parse: {
            match self.bytes.get(self.pos) {
                None => break 'parse,
                Some(b'>') => {
                    self.pos += 1;
                    break 'parse;
                }
                Some(_) => {}
            }
            let name_start = self.pos;
            let name_end = self.scan(name_start + 1, |b| matches!(b, b'\t' | b'\n' | b'\x0C' | b' ' | b'>'));
            doctype.name = Some(StrTendril::from_slice(&self.input[name_start..name_end].to_ascii_lowercase()));
            self.pos = name_end;
            self.skip_whitespace();
            let mut id_kind = match self.bytes.get(self.pos) {
                None => break 'parse,
                Some(b'>') => {
                    self.pos += 1;
                    quirks = false;
                    break 'parse;
                }
                Some(_) => {
                    let keyword = self.bytes.get(self.pos..self.pos + 6);
                    if keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"public")) {
                        DoctypeId::Public
                    } else if keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"system")) {
                        DoctypeId::System
                    } else {
                        self.bogus_doctype();
                        break 'parse;
                    }
                }
            };
            self.pos += 6;
            // A missing space before an identifier is only a parse error.
            self.skip_whitespace();
            loop {
                let quote = match self.bytes.get(self.pos) {
                    None => break 'parse,
                    Some(b'>') => {
                        self.pos += 1;
                        break 'parse;
                    }
                    Some(&q @ (b'"' | b'\'')) => q,
                    Some(_) => {
                        self.bogus_doctype();
                        break 'parse;
                    }
                };
                let id_start = self.pos + 1;
                let id_end = self.scan(id_start, |b| b == quote || b == b'>');
                let id = Some(StrTendril::from_slice(&self.input[id_start..id_end]));
                match id_kind {
                    DoctypeId::Public => doctype.public_id = id,
                    DoctypeId::System => doctype.system_id = id,
                }
                match self.bytes.get(id_end) {
                    Some(&b) if b == quote => self.pos = id_end + 1,
                    Some(_) => {
                        self.pos = id_end + 1;
                        break 'parse;
                    }
                    None => {
                        self.pos = id_end;
                        break 'parse;
                    }
                }
                self.skip_whitespace();
                match (id_kind, self.bytes.get(self.pos)) {
                    (_, None) => break 'parse,
                    (_, Some(b'>')) => {
                        self.pos += 1;
                        quirks = false;
                        break 'parse;
                    }
                    // A system identifier may follow a public one, with or without space.
                    (DoctypeId::Public, Some(b'"' | b'\'')) => id_kind = DoctypeId::System,
                    (DoctypeId::Public, Some(_)) => {
                        self.bogus_doctype();
                        break 'parse;
                    }
                    // Junk after the system identifier is skipped without forcing quirks.
                    (DoctypeId::System, Some(_)) => {
                        self.bogus_doctype();
                        quirks = false;
                        break 'parse;
                    }
                }
            }
        }
        doctype.force_quirks = quirks;
        self.flush_text();
        self.process(Token::DoctypeToken(doctype));
    }

    /// The rest of a malformed doctype, up to and including `>`.
    fn bogus_doctype(&mut self) {
        self.pos = find(self.bytes, self.pos, b'>').map_or(self.bytes.len(), |gt| gt + 1);
    }

    /// A start or end tag whose name begins at `self.pos`; dropped if the
    /// input ends inside it.
    fn tag(&mut self, kind: TagKind) {
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

    fn skip_whitespace(&mut self) {
        self.pos = self.scan(self.pos, |b| !matches!(b, b'\t' | b'\n' | b'\x0C' | b' '));
    }

    /// The index of the first byte from `from` on that `stop` accepts, or the
    /// input's length; for the short runs of names.
    fn scan(&self, from: usize, stop: impl Fn(u8) -> bool) -> usize {
        let from = from.min(self.bytes.len());
        self.bytes[from..].iter().position(|&b| stop(b)).map_or(self.bytes.len(), |i| from + i)
    }

    fn push_text(&mut self, start: usize, end: usize) {
        if start < end {
            append(&mut self.text, &self.input[start..end]);
        }
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.process(Token::CharacterTokens(text));
        }
    }

    /// Hands over a token that is not a tag: the sink only switches states after tags.
    fn process(&self, token: Token) {
        let _ = self.sink.process_token(token, 0);
    }
}

/// Appends `piece` to `tendril`. Pushing onto an empty tendril allocates
/// twice (a minimal buffer, then a power-of-two one): the first piece, most
/// often the only one, goes into a buffer of its own size instead.
fn append(tendril: &mut StrTendril, piece: &str) {
    if tendril.is_empty() {
        *tendril = StrTendril::from_slice(piece);
    } else {
        tendril.push_slice(piece);
    }
}

/// Where script text is in html5ever's escaped states.
#[derive(Clone, Copy, PartialEq)]
enum Escape {
    None,
    /// After `<!--`.
    Escaped,
    /// After `<!--<script>`: `</script>` does not end the script.
    Double,
}

/// The number of ASCII letters from `at` on.
fn letters_len(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_alphabetic()).count())
}

/// Whitespace, `/` and `>` end a tag name.
fn is_tag_name_end(byte: Option<&u8>) -> bool {
    matches!(byte, Some(b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>'))
}

#[derive(Clone, Copy)]
enum DoctypeId {
    Public,
    System,
}

/// Tag and attribute names are ASCII-lowercased.
fn lowercase_name(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}

/// A decoded character reference: one or two characters, and where the
/// input goes on.
#[derive(Debug, PartialEq)]
struct CharRef {
    chars: [Option<char>; 2],
    end: usize,
}

/// Decodes the character reference whose `&` ends at `at`, as html5ever
/// does: the longest named match even without `;` (legacy entities), except
/// that inside an attribute a match without `;` followed by `=` or an
/// alphanumeric stays text; numeric references map C1 controls to
/// Windows-1252 and invalid code points to U+FFFD. `None`: the `&` is text.
fn char_ref(input: &str, at: usize, in_attribute: bool) -> Option<CharRef> {
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

/// The index of the first `needle` from `from` on.
fn find(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|i| from + i)
}

/// The index of the first byte from `from` on that is `a` or `b`.
fn find2(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    memchr::memchr2(a, b, bytes.get(from..)?).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::limits::tests::{assert_same_tree, fixture_pages, html5lib_cases, mutated_cases, tree_lines};

    fn full_tree(doc: &Html) -> Vec<String> {
        let mut lines = tree_lines(doc, |_| true, |_| true);
        lines.push(format!("{:?}", doc.quirks_mode));
        lines
    }

    /// Asserts the fast parse builds html5ever's tree, and falls back only
    /// on what it leaves to html5ever.
    fn same_as_html5ever(html: &str) {
        let expected = full_tree(&Html::parse_document(html));
        assert_same_tree(&expected, &full_tree(&parse_document(html)), html);
        assert!(parse_fast(html).is_some() || html.contains('\0'), "fell back on {html:?}");
    }

    fn body_text(html: &str) -> String {
        let doc = parse_fast(html).expect("tokenized without fallback");
        doc.root_element().text().collect()
    }

    fn attr(html: &str, name: &str) -> String {
        let doc = parse_fast(html).expect("tokenized without fallback");
        let element = doc.tree.nodes().filter_map(|n| n.value().as_element().and_then(|e| e.attr(name))).next();
        element.unwrap_or_default().to_string()
    }

    #[test]
    fn fixtures_parse_to_html5evers_tree() {
        let pages = fixture_pages();
        assert!(pages.len() > 200, "{} pages", pages.len());
        pages.iter().for_each(|html| same_as_html5ever(html));
    }

    #[test]
    fn html5lib_tree_construction_inputs_parse_to_html5evers_tree() {
        // The shared corpus sits beside the project (`make eval`'s ../shared).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/malformed/html5lib-tests/tree-construction");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        };
        let mut cases = Vec::new();
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "dat") {
                cases.extend(html5lib_cases(&std::fs::read_to_string(entry.path()).unwrap_or_default()));
            }
        }
        assert!(cases.len() > 1000, "{} cases", cases.len());
        cases.iter().for_each(|html| same_as_html5ever(html));
    }

    #[test]
    fn character_references_follow_the_legacy_rules() {
        assert_eq!(
            body_text("<p>Fish &amp; chips &copy 2024 &notit; &#x41;&#66;&#128; &bogus; &#xD800;</p>"),
            "Fish & chips © 2024 ¬it; AB€ &bogus; \u{fffd}"
        );
        // In attributes a reference without `;` before `=` or a letter stays text.
        assert_eq!(attr("<a href='/q?a=1&copy=2&amp;b=3&lt'>x</a>", "href"), "/q?a=1&copy=2&b=3<");
    }

    #[test]
    fn newlines_are_normalized_everywhere() {
        assert_eq!(body_text("<p>one\r\ntwo\rthree</p>"), "one\ntwo\nthree");
        assert_eq!(attr("<p title=\"a\r\nb\">x</p>", "title"), "a\nb");
    }

    #[test]
    fn raw_text_ends_only_at_its_own_end_tag() {
        let doc = parse_fast("<title>a <b> &amp; </titlex> c</TITLE><textarea>\n<p>x</textarea>").expect("fast");
        let title: String =
            doc.tree.nodes().filter_map(|n| n.value().as_text()).map(|t| t.to_string()).collect::<Vec<_>>().join("|");
        assert_eq!(title, "a <b> & </titlex> c|<p>x");
        for (html, script) in [
            ("<script>a <!-- b </script>c", "a <!-- b "),
            ("<script><!-- <script> </script> --></script>c", "<!-- <script> </script> -->"),
            ("<script><!-- <script> </script> </script>c", "<!-- <script> </script> "),
            ("<script><!-- <script> --> </script>c", "<!-- <script> --> "),
        ] {
            let doc = parse_fast(html).expect("fast");
            let texts: Vec<String> =
                doc.tree.nodes().filter_map(|n| n.value().as_text()).map(|t| t.to_string()).collect();
            assert_eq!(texts, [script, "c"], "{html}");
        }
    }

    #[test]
    fn comments_and_doctypes_match_html5ever() {
        for html in [
            "<!DOCTYPE html><p>a<!-- x -- y --!> b<!--> c<!---> d<!-- e",
            "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><p>x",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><p>x",
            "<!DOCTYPE html SYSTEM 'about:legacy-compat' junk><p>x",
            "<!DOCTYPE html PUBLIC><p>x",
            "<!DOCTYPE><?php echo 1 ?></ x><p>x",
            "<p a=1 A=2 b c = 'd' /e=\"f\"g>x</p>",
            "<p><![CDATA[x]]><svg><![CDATA[a<b]]]><![CDATA[]]>c<![CDATA[d",
        ] {
            same_as_html5ever(html);
        }
    }

    #[test]
    fn mutated_pages_parse_to_html5evers_tree() {
        let sources = fixture_pages();
        let cases = mutated_cases(&sources, 3_000, 0x5eed_1234_abcd_0001);
        let (mut fallbacks, mut diverging) = (0, Vec::new());
        for html in &cases {
            let Some(fast) = parse_fast(html) else {
                assert!(html.contains('\0'), "fell back on {html:?}");
                fallbacks += 1;
                continue;
            };
            let (expected, actual) = (full_tree(&Html::parse_document(html)), full_tree(&fast));
            if expected != actual {
                diverging.push((html, expected, actual));
            }
        }
        if let Some((html, expected, actual)) = diverging.first() {
            eprintln!("{} of {} cases diverge", diverging.len(), cases.len());
            assert_same_tree(expected, actual, html);
        }
        // NUL is the only input left to html5ever, and most cases have none.
        assert!(fallbacks < cases.len() / 5, "{fallbacks} of {} cases fell back", cases.len());
    }

    #[test]
    fn find_gives_the_first_of_its_bytes_from_an_offset() {
        let text = b"0123456789abcdef<ghij&";
        assert_eq!(find2(text, 0, b'&', b'<'), Some(16));
        assert_eq!(find2(text, 17, b'&', b'<'), Some(21));
        assert_eq!(find(text, 0, b'>'), None);
    }
}
