//! Repair of double-encoded UTF-8.
//!
//! A CMS that reads UTF-8 as Windows-1252 or Latin-1 and writes the result
//! out as UTF-8 again turns "’" into "â€™" (or "â" and two C1 controls). The
//! page is valid UTF-8, so no choice of charset can undo it: each such run is
//! mapped back to the bytes it was read from, and those are decoded again.
//!
//! A page is touched only when it holds a run no real text contains: a lead
//! letter (Â..ô) followed by C1 controls or Windows-1252 punctuation that
//! together decode as one UTF-8 character. Then the weaker runs of the same
//! page ("Ã©" for "é", "Â" before a no-break space) are repaired as well;
//! alone they could be real text and are left as they are.

use encoding_rs::WINDOWS_1252;
use std::sync::OnceLock;

/// The repaired text, or `None` when `text` shows no double encoding.
pub fn repair(text: &str) -> Option<String> {
    let runs = runs(text);
    if !runs.iter().any(|run| run.unmistakable) {
        return None;
    }
    let mut repaired = String::with_capacity(text.len());
    let mut copied = 0;
    for run in &runs {
        repaired.push_str(&text[copied..run.start]);
        repaired.push(run.decoded);
        copied = run.end;
    }
    repaired.push_str(&text[copied..]);
    Some(repaired)
}

/// Chars `text[start..end]` that are the bytes of the UTF-8 char `decoded`.
struct Run {
    start: usize,
    end: usize,
    decoded: char,
    /// A continuation byte read as a C1 control or as Windows-1252
    /// punctuation, which no real text puts after a letter like "â".
    unmistakable: bool,
}

fn runs(text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut next = 0;
    // Every lead letter, U+00C2..U+00F4, is encoded as 0xC3 and a second byte.
    for start in memchr::memchr_iter(0xC3, text.as_bytes()) {
        if start < next {
            continue;
        }
        if let Some(run) = run_at(text, start) {
            next = run.end;
            runs.push(run);
        }
    }
    runs
}

fn run_at(text: &str, start: usize) -> Option<Run> {
    let mut chars = text[start..].chars();
    let lead = chars.next().and_then(byte_of)?;
    let continuations = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut end = start + 2;
    let mut unmistakable = false;
    for slot in &mut bytes[1..=continuations] {
        let c = chars.next()?;
        let byte = byte_of(c).filter(|b| (0x80..=0xBF).contains(b))?;
        unmistakable |= !('\u{A0}'..='\u{BF}').contains(&c);
        *slot = byte;
        end += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..=continuations]).ok()?.chars().next()?;
    Some(Run { start, end, decoded, unmistakable })
}

/// The byte Windows-1252 (or, for its five gaps and the C1 controls,
/// Latin-1) writes as `c`.
fn byte_of(c: char) -> Option<u8> {
    if let Ok(byte) = u8::try_from(c) {
        return Some(byte);
    }
    windows_1252_punctuation().iter().position(|&p| p == c).and_then(|i| u8::try_from(0x80 + i).ok())
}

/// The chars Windows-1252 gives the bytes 0x80..=0x9F, from encoding_rs's
/// table (its five gaps give the C1 controls of the same numbers).
fn windows_1252_punctuation() -> &'static [char] {
    static CHARS: OnceLock<Vec<char>> = OnceLock::new();
    CHARS.get_or_init(|| {
        let bytes: Vec<u8> = (0x80..=0x9F).collect();
        WINDOWS_1252.decode_without_bom_handling(&bytes).0.chars().collect()
    })
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn utf8_read_as_latin1_is_repaired() {
        // The <title> of a page in wcxb-articles-dev: "’" written as "â" U+0080 U+0099.
        let page =
            "<title>A DIY Investor\u{e2}\u{80}\u{99}s Guide to Retirement</title><p>recommendations?\u{c2}\u{a0}</p>";
        assert_eq!(
            repair(page).as_deref(),
            Some("<title>A DIY Investor\u{2019}s Guide to Retirement</title><p>recommendations?\u{a0}</p>")
        );
    }

    #[test]
    fn utf8_read_as_windows_1252_is_repaired_with_the_weaker_runs_of_the_page() {
        let page =
            "It\u{e2}\u{20ac}\u{2122}s a caf\u{c3}\u{a9} \u{e2}\u{20ac}\u{201c} and a \u{f0}\u{178}\u{2122}\u{201a}";
        assert_eq!(repair(page).as_deref(), Some("It\u{2019}s a caf\u{e9} \u{2013} and a \u{1f642}"));
    }

    #[test]
    fn real_accented_text_is_left_alone() {
        // "Ã" before "©" could be real text; nothing here is unmistakable.
        for text in ["São Paulo, café, Müller, © 2024", "Ã© alone", "NÃO", "it\u{2019}s fine"] {
            assert_eq!(repair(text), None, "{text}");
        }
    }

    #[test]
    fn a_run_cut_short_is_left_as_it_is() {
        let page = "ends with \u{e2}\u{20ac}";
        assert_eq!(repair(page), None);
        let page = "It\u{e2}\u{20ac}\u{2122}s and a cut \u{e2}\u{20ac}";
        assert_eq!(repair(page).as_deref(), Some("It\u{2019}s and a cut \u{e2}\u{20ac}"));
    }
}
