//! Quote marks: which characters open and close a quotation, and pairing
//! them into quotation segments, one paragraph at a time.

use super::kinds::reads_as_code;
use crate::extract::BlockKind;
use crate::segment::{ParagraphSpan, QuoteKind};

/// Deepest nesting tracked; deeper openers are ignored so that garbage input
/// cannot grow the stack.
const MAX_DEPTH: usize = 4;

/// A position in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub byte: usize,
    pub char: usize,
}

/// One quotation segment inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub paragraph: usize,
    /// Where the opening mark starts.
    pub open: Pos,
    /// Content span, marks excluded.
    pub start: Pos,
    pub end: Pos,
    /// Just past the closing mark (`end` when the quotation runs on into the
    /// next paragraph).
    pub close: Pos,
    pub kind: QuoteKind,
}

impl Segment {
    /// Whether the quotation runs on into the next paragraph (no closing mark).
    pub fn runs_on(&self) -> bool {
        self.kind == QuoteKind::Direct && self.close == self.end
    }
}

#[derive(Clone, Copy)]
struct Opener {
    mark: char,
    at: Pos,
    content: Pos,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether `c` at this place starts a quotation. Straight marks are opening
/// marks only where no word ends right before them (`12"` is inches,
/// `x="y"` is markup); `‘` only before a letter, so that `‘90s` stays an
/// apostrophe.
fn opens(c: char, prev: Option<char>, next: Option<char>) -> bool {
    match c {
        '"' => !is_word_char(prev) && prev != Some('=') && next.is_some_and(|n| !n.is_whitespace()),
        '“' | '„' | '«' | '‹' | '「' | '『' => true,
        '‘' => !is_word_char(prev) && next.is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Openers a closing mark `c` can end. Mixed typing (`“…"`) is common enough
/// to accept any double mark for any double opener.
fn closes(c: char, opener: char) -> bool {
    match c {
        '"' | '”' => matches!(opener, '"' | '“' | '„'),
        '“' => opener == '„',
        '»' => opener == '«',
        '›' => opener == '‹',
        '」' => opener == '「',
        '』' => opener == '『',
        '’' => opener == '‘',
        _ => false,
    }
}

/// Finds the quotation segments of all paragraphs, in document order.
///
/// A quotation that is still open at the end of its paragraph counts only if
/// the next paragraph starts with an opening mark (the convention for
/// quotations running over several paragraphs); otherwise the unbalanced
/// opener is dropped, and the quotations closed inside it are kept instead,
/// so one stray mark never swallows text beyond its paragraph.
///
/// A paragraph that reads as program code holds no quotation, marked or
/// as a blockquote.
///
/// In a text that quotes with double marks, single marks only nest inside
/// them: a single-marked span of its own is a headline quote or scare quote
/// (US style), not a quotation of the body.
pub fn find_segments(text: &str, paragraphs: &[ParagraphSpan]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let singles_open = !quotes_with_double_marks(text);
    for (index, para) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(para.byte_start..para.byte_end) else { continue };
        let reopens = paragraphs
            .get(index + 1)
            .and_then(|next| text.get(next.byte_start..next.byte_end))
            .and_then(|next| next.chars().next())
            .is_some_and(|first| matches!(first, '"' | '“' | '„' | '«' | '‹' | '‘' | '「' | '『'));
        let found = segments.len();
        scan_paragraph(body, index, para, reopens, singles_open, &mut segments);
        // Only paragraphs that would give a quotation pay for the test.
        let may_quote = segments.len() > found || para.kind == BlockKind::Blockquote;
        if may_quote && reads_as_code(body) {
            segments.truncate(found);
            continue;
        }
        if para.kind == BlockKind::Blockquote && segments.len() == found {
            segments.extend(unmarked_blockquote(body, index, para));
        }
    }
    segments
}

/// A blockquote paragraph without quote marks, whole, as one quotation;
/// not one without a letter (the line numbers of a code block, `1 2 3`).
fn unmarked_blockquote(body: &str, index: usize, para: &ParagraphSpan) -> Option<Segment> {
    let lead = body.len() - body.trim_start().len();
    let trimmed = body.trim();
    if !trimmed.chars().any(char::is_alphabetic) {
        return None;
    }
    let start = Pos { byte: para.byte_start + lead, char: para.char_start + body[..lead].chars().count() };
    let end = Pos { byte: start.byte + trimmed.len(), char: start.char + trimmed.chars().count() };
    Some(Segment { paragraph: index, open: start, start, end, close: end, kind: QuoteKind::Blockquote })
}

/// Whether the text has double quote marks: a curly or guillemet opener, or
/// a pair of straight marks.
fn quotes_with_double_marks(text: &str) -> bool {
    let bytes = text.as_bytes();
    ["“", "„", "«"].iter().any(|mark| memchr::memmem::find(bytes, mark.as_bytes()).is_some())
        || memchr::memchr_iter(b'"', bytes).nth(1).is_some()
}

/// Whether `c` can open or close a quotation (see [`opens`], [`closes`]):
/// every other char only ever becomes the `prev` of the next mark.
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』' | '‘' | '’')
}

/// Offsets in `bytes` (UTF-8) of the bytes a quote mark can start with: `"`
/// and the lead bytes of the others (0xC2 for guillemets, 0xE2 for curly
/// marks, 0xE3 for CJK brackets). Found with SIMD searches rather than by
/// decoding every char of every paragraph.
struct MarkStarts<'b> {
    bytes: &'b [u8],
    at: usize,
    /// The next 0xE3 byte at or after `at`, searched apart as it is rare
    /// outside CJK text.
    next_cjk: Option<usize>,
}

impl<'b> MarkStarts<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        MarkStarts { bytes, at: 0, next_cjk: memchr::memchr(0xE3, bytes) }
    }
}

impl Iterator for MarkStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let rest = self.bytes.get(self.at..)?;
        if self.next_cjk.is_some_and(|cjk| cjk < self.at) {
            self.next_cjk = memchr::memchr(0xE3, rest).map(|p| self.at + p);
        }
        let other = memchr::memchr3(b'"', 0xC2, 0xE2, rest).map(|p| self.at + p);
        let found = match (other, self.next_cjk) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        self.at = found + 1;
        Some(found)
    }
}

fn scan_paragraph(
    body: &str,
    index: usize,
    para: &ParagraphSpan,
    reopens: bool,
    singles_open: bool,
    out: &mut Vec<Segment>,
) {
    let mut stack: Vec<Opener> = Vec::with_capacity(MAX_DEPTH);
    // Quotations closed directly inside the outermost open one: kept if that
    // one turns out to be unbalanced.
    let mut inner: Vec<Segment> = Vec::new();
    // Only quote marks change the state: the loop jumps from one to the
    // next, counting the chars in between.
    let mut char_pos = para.char_start;
    let mut counted_to = 0;
    for offset in MarkStarts::new(body.as_bytes()) {
        // Every offset is a `"` or a lead byte, so a char boundary.
        let Some(c) = body.get(offset..).and_then(|rest| rest.chars().next()).filter(|&c| is_mark(c)) else { continue };
        char_pos += body.get(counted_to..offset).map_or(0, |skipped| skipped.chars().count());
        counted_to = offset;
        let prev = body.get(..offset).and_then(|before| before.chars().next_back());
        let next = body.get(offset + c.len_utf8()..).and_then(|after| after.chars().next());
        let at = Pos { byte: para.byte_start + offset, char: char_pos };
        let after = Pos { byte: at.byte + c.len_utf8(), char: char_pos + 1 };
        // A straight mark that clearly opens (space before, word after) is
        // a nested quotation rather than the end of the open one, curly or
        // straight (`"He told me "no" twice," …`).
        let clearly_opening = c == '"' && !is_word_char(prev) && is_word_char(next);
        let closing_depth = match c {
            '’' => stack.last().filter(|o| o.mark == '‘' && !is_word_char(next)).map(|_| stack.len() - 1),
            _ if clearly_opening => None,
            _ => stack.iter().rposition(|o| closes(c, o.mark)),
        };
        if let Some(depth) = closing_depth {
            let opener = stack[depth];
            stack.truncate(depth);
            let segment = Segment {
                paragraph: index,
                open: opener.at,
                start: opener.content,
                end: at,
                close: after,
                kind: QuoteKind::Direct,
            };
            match depth {
                0 => {
                    out.push(segment);
                    inner.clear();
                }
                1 => inner.push(segment),
                _ => {}
            }
        } else if opens(c, prev, next) && stack.len() < MAX_DEPTH && (singles_open || c != '‘' || !stack.is_empty()) {
            stack.push(Opener { mark: c, at, content: after });
        }
    }
    let end =
        Pos { byte: para.byte_end, char: char_pos + body.get(counted_to..).map_or(0, |rest| rest.chars().count()) };
    match stack.first() {
        Some(outer) if reopens && outer.mark != '‘' => {
            out.push(Segment {
                paragraph: index,
                open: outer.at,
                start: outer.content,
                end,
                close: end,
                kind: QuoteKind::Direct,
            });
        }
        Some(outer) if stack.len() == 1 => match stray_reopening(body, para, outer, &inner) {
            Some(whole) => out.push(whole),
            None => out.append(&mut inner),
        },
        Some(_) => out.append(&mut inner),
        None => {}
    }
}

/// The open quotation `outer`, run to the paragraph's last closing mark,
/// when the quotation nested in it opened right after a sentence end and
/// closes the paragraph (`"It is dangerous. "It evokes a reaction."`): the
/// mark in between is a stray one, typed as if the speaker's quotation
/// reopened, not the start of a quotation inside it. Not when the text
/// before it holds a mark that may have closed the quotation (`voters,’’
/// Will Moy told the BBC. "And …"`).
fn stray_reopening(body: &str, para: &ParagraphSpan, outer: &Opener, inner: &[Segment]) -> Option<Segment> {
    let [last] = inner else { return None };
    let local = |pos: Pos| pos.byte - para.byte_start;
    let before = body.get(local(outer.content)..local(last.open))?;
    if before.contains(['"', '”', '“', '„']) || before.contains("’’") || before.contains("''") {
        return None;
    }
    let after_sentence_end = before.len() > before.trim_end().len() && before.trim_end().ends_with(['.', '!', '?']);
    let ends_paragraph = body.get(local(last.close)..)?.chars().all(|c| c.is_whitespace() || c == '.');
    let double = |mark: Option<char>| matches!(mark, Some('"' | '“' | '„'));
    (after_sentence_end
        && ends_paragraph
        && double(Some(outer.mark))
        && double(body[local(last.open)..].chars().next()))
    .then_some(Segment { open: outer.at, start: outer.content, ..*last })
}

#[cfg(test)]
mod tests {
    use super::find_segments;
    use crate::segment::paragraphs::split_text;

    /// The quoted text of each segment of a made-up text.
    fn quoted(text: &str) -> Vec<&str> {
        find_segments(text, &split_text(text)).iter().map(|s| &text[s.start.byte..s.end.byte]).collect()
    }

    #[test]
    fn a_stray_mark_after_a_sentence_end_does_not_split_the_quotation() {
        assert_eq!(
            quoted("Roe said. \"That is dangerous. \"It evokes a reaction.\""),
            ["That is dangerous. \"It evokes a reaction."]
        );
        assert_eq!(
            quoted("Roe said. “That is dangerous. “It evokes a reaction.”."),
            ["That is dangerous. “It evokes a reaction."]
        );
        // Not after a sentence end, or not at the paragraph end: a nested
        // quotation of an unbalanced one, kept alone.
        assert_eq!(quoted("Roe said. \"He told me \"no.\""), ["no."]);
        assert_eq!(quoted("Roe said. \"It is over. \"No,\" she said, and left."), ["No,"]);
        // A mark the scan did not take for a closing one ends the quotation.
        assert_eq!(
            quoted("“It misled voters,’’ Roe told the BBC. “And I think it is wrong.”"),
            ["And I think it is wrong."]
        );
    }
}
