//! Program code set as a paragraph (a `<pre>` block, whose line breaks the
//! extractor folds): its string literals and quote characters are not
//! speech, nor is the block itself a blockquote quotation.

/// Fewest signs of code in a paragraph that reads as code.
const MIN_CODE_SIGNS: usize = 3;
/// Fewest kinds of sign among them: prose uses one kind at times (braces as
/// brackets, `a = b` in a formula), code mixes them.
const MIN_CODE_SIGN_KINDS: usize = 2;
/// Most words per sign: a long paragraph of prose naming `f()` thrice is
/// still prose.
const MAX_WORDS_PER_CODE_SIGN: usize = 15;

/// The kinds of sign of code, as bits.
const CALL: u8 = 1;
const BRACE: u8 = 2;
const ASSIGNMENT: u8 = 4;
const OPERATOR: u8 = 8;
const INDEX: u8 = 16;

/// The sign of code starting at byte `i`, if any: a call (`name(`), a
/// brace, an assignment (` = `, `:=`), an operator prose does not write
/// (`==`, `!=`, `=>`, `->`, `::`, `&&`, `||`), or a string index (`["`,
/// `']`).
fn sign_at(bytes: &[u8], i: usize) -> Option<u8> {
    let at = |k: usize| bytes.get(k).copied().unwrap_or(b' ');
    let (previous, byte, next) = (i.checked_sub(1).map_or(b' ', at), at(i), at(i + 1));
    match (byte, next) {
        (b'(', _) if previous.is_ascii_alphanumeric() || previous == b'_' => Some(CALL),
        (b'{' | b'}', _) => Some(BRACE),
        (b'=', b' ') if previous == b' ' => Some(ASSIGNMENT),
        (b':', b'=') => Some(ASSIGNMENT),
        (b'=' | b'!', b'=') if at(i + 2) != b'=' && previous != b'=' => Some(OPERATOR),
        (b'=' | b'-', b'>') | (b':', b':') | (b'&', b'&') | (b'|', b'|') => Some(OPERATOR),
        (b'[', b'"' | b'\'') | (b'"' | b'\'', b']') => Some(INDEX),
        _ => None,
    }
}

/// Whether a paragraph reads as program code: enough signs of code, of
/// more than one kind, dense enough among its words. One pass over the
/// bytes; news prose has none of these signs together.
pub fn reads_as_code(paragraph: &str) -> bool {
    let bytes = paragraph.as_bytes();
    let (mut signs, mut kinds, mut words) = (0, 0u8, 0);
    let mut in_word = false;
    for i in 0..bytes.len() {
        let space = bytes[i].is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
        if let Some(kind) = sign_at(bytes, i) {
            signs += 1;
            kinds |= kind;
        }
    }
    signs >= MIN_CODE_SIGNS
        && kinds.count_ones() as usize >= MIN_CODE_SIGN_KINDS
        && signs * MAX_WORDS_PER_CODE_SIGN >= words
}

#[cfg(test)]
mod tests {
    use super::reads_as_code;
    use crate::extract::BlockKind;
    use crate::segment::paragraphs::split_text;
    use crate::segment::quotes::QuoteSegmenter;

    #[test]
    fn a_code_block_gives_no_quote() {
        let text = "The script reads:\n\nCONFIG = { \"apps\": { \"notes\": \"Notes\" } } open_app(CONFIG[\"apps\"])\n\n\"It works,\" he said.";
        let mut paragraphs = split_text(text);
        let found: Vec<_> = QuoteSegmenter.segment(text, &paragraphs).quotes.into_iter().map(|q| q.text).collect();
        assert_eq!(found, ["It works,"]);
        // Nor as a blockquote (a `<pre>` inside a `<blockquote>`).
        paragraphs[1].kind = BlockKind::Blockquote;
        assert_eq!(QuoteSegmenter.segment(text, &paragraphs).quotes.len(), 1);
        // Its line numbers, set apart in a gutter, neither.
        let numbers = "Install it:\n\n1 2\n\npip install it";
        let mut paragraphs = split_text(numbers);
        paragraphs[1].kind = BlockKind::Blockquote;
        assert_eq!(QuoteSegmenter.segment(numbers, &paragraphs).quotes.len(), 0);
        let prose = "The governor wrote:\n\nWe will rebuild the bridge by spring.";
        let mut paragraphs = split_text(prose);
        paragraphs[1].kind = BlockKind::Blockquote;
        assert_eq!(QuoteSegmenter.segment(prose, &paragraphs).quotes.len(), 1);
    }

    #[test]
    fn code_folded_into_a_paragraph_reads_as_code() {
        assert!(reads_as_code("def open_url(url): if url: subprocess.Popen([\"open\", url]) return CONFIG[\"apps\"]"));
        assert!(reads_as_code("console.log(parse(\"price = 100\")) // { name: \"price\" }"));
        assert!(reads_as_code("if x == 0 { return } y := f(x)"));
    }

    #[test]
    fn prose_with_a_sign_of_code_does_not() {
        // One kind of sign only: braces as brackets, a formula.
        assert!(!reads_as_code("I count “One” {in-breath}, “One” {out-breath}, “Two” {in-breath} and so on."));
        assert!(!reads_as_code("ROI = (Gain / Cost) x 100 = 50% = a fair return"));
        // Signs few among many words.
        let long = format!("The function f() was called, {} and then g() ran: a == b.", "words ".repeat(40));
        assert!(!reads_as_code(&long));
        assert!(!reads_as_code("\"We will win,\" she said (on Tuesday) to the crowd."));
    }
}
