//! Markup that is not an element's tag: comments, CDATA sections,
//! doctypes, and bogus comments (`<?…>`, `</ …>`, `<!…>`).

use super::{find, FastTokenizer};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Doctype, Token, TokenSink};

impl<S: TokenSink> FastTokenizer<'_, S> {
    /// After `<!`.
    pub(super) fn markup_declaration(&mut self) {
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
    pub(super) fn bogus_comment(&mut self, start: usize) {
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
}

#[derive(Clone, Copy)]
enum DoctypeId {
    Public,
    System,
}

#[cfg(test)]
mod tests {
    use super::super::testing::same_as_html5ever;

    #[test]
    fn comments_and_doctypes_match_html5ever() {
        for html in [
            "<!DOCTYPE html><p>a<!-- x -- y --!> b<!--> c<!---> d<!-- e",
            "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><p>x",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><p>x",
            "<!DOCTYPE html SYSTEM 'about:legacy-compat' junk><p>x",
            "<!DOCTYPE html PUBLIC><p>x",
            "<!DOCTYPE><?php echo 1 ?></ x><p>x",
            "<p><![CDATA[x]]><svg><![CDATA[a<b]]]><![CDATA[]]>c<![CDATA[d",
        ] {
            same_as_html5ever(html);
        }
    }
}
