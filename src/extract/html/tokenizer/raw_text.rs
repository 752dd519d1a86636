//! Text the tree builder asks to be read raw (RCDATA, RAWTEXT, script
//! data): it ends only at the end tag of its own element, and script text
//! follows html5ever's escaped states.

use super::{find, FastTokenizer};
use html5ever::tokenizer::{TagKind, TokenSink};

impl<S: TokenSink> FastTokenizer<'_, S> {
    /// Script text, then its end tag.
    pub(super) fn script_run(&mut self, escape: Escape) {
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
    #[inline]
    pub(super) fn end_tag_at(&self, at: usize) -> bool {
        let Some(last) = self.last_start_tag.as_deref() else { return false };
        let name_start = at + 2;
        let name_end = name_start + letters_len(self.bytes, name_start);
        self.bytes.get(at + 1) == Some(&b'/')
            && name_end > name_start
            && last.eq_ignore_ascii_case(&self.input[name_start..name_end])
            && is_tag_name_end(self.bytes.get(name_end))
    }
}

/// Where script text is in html5ever's escaped states.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Escape {
    None,
    /// After `<!--`.
    Escaped,
    /// After `<!--<script>`: `</script>` does not end the script.
    Double,
}

/// The number of ASCII letters from `at` on.
#[inline]
fn letters_len(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_alphabetic()).count())
}

/// Whitespace, `/` and `>` end a tag name.
#[inline]
fn is_tag_name_end(byte: Option<&u8>) -> bool {
    matches!(byte, Some(b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>'))
}

#[cfg(test)]
mod tests {
    use super::super::parse_fast;

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
}
