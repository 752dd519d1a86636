//! Limits that keep one pathological page from stalling a run.
//!
//! html5ever checks the stack of open elements for every tag it inserts, so
//! its time grows with the square of the nesting depth: 20,000 nested `<div>`s
//! take seconds, 100,000 about a minute. Real articles nest a few dozen levels
//! deep, so a page nested past [`MAX_NESTING`] is rejected before parsing,
//! with the depth in the reject's detail.

/// Deepest element nesting newsmill parses.
pub const MAX_NESTING: usize = 5_000;

/// Elements that never hold children.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source", b"track", b"wbr",
];
/// Elements whose end tag may be left out: the next sibling closes them, so
/// unclosed ones do not nest.
const SELF_CLOSING_SIBLINGS: &[&[u8]] = &[
    b"p", b"li", b"dt", b"dd", b"option", b"optgroup", b"tr", b"td", b"th", b"thead", b"tbody", b"tfoot", b"rb", b"rt", b"rp",
];

/// The nesting depth the markup reaches, counted up to `limit` (a cheap scan
/// of tags; scripts, styles and comments skipped). `Some(depth)` when the
/// depth passes `limit`.
pub fn nesting_beyond(html: &str, limit: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = html.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        at = start + 1;
        if rest.starts_with(b"!--") {
            at = html.get(start + 4..).and_then(|rest| rest.find("-->")).map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = &rest[name_start..name_start + name_len];
        let is = |list: &[&[u8]]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        if closing {
            if !is(SELF_CLOSING_SIBLINGS) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style") {
            at = close_tag(html, start + 1, name).unwrap_or(bytes.len());
            continue;
        }
        let tag_end = bytes[start..].iter().position(|&b| b == b'>').map_or(bytes.len(), |p| start + p);
        let self_closed = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if is(VOID) || is(SELF_CLOSING_SIBLINGS) || self_closed {
            continue;
        }
        depth += 1;
        if depth > limit {
            return Some(depth);
        }
    }
    None
}

/// Offset of the `</name` that ends a raw-text element (script, style).
fn close_tag(html: &str, from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = html.get(at..)?.find("</") {
        let close = at + offset;
        let candidate = html.as_bytes().get(close + 2..close + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name) {
            return Some(close);
        }
        at = close + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_caught_early() {
        let deep = format!("<html><body>{}<p>x</p>{}</body></html>", "<div>".repeat(6000), "</div>".repeat(6000));
        assert_eq!(nesting_beyond(&deep, MAX_NESTING), Some(MAX_NESTING + 1));
    }

    #[test]
    fn long_flat_pages_with_unclosed_paragraphs_are_fine() {
        let page = format!(
            "<html><body><ul>{}</ul><table>{}</table>{}<script>if (a<b && c<d) {{}}</script><!-- <div><div> --></body></html>",
            "<li>item<br>".repeat(10_000),
            "<tr><td>cell<td>cell".repeat(10_000),
            "<p>para <img src=x> <span>s</span>".repeat(10_000)
        );
        assert_eq!(nesting_beyond(&page, MAX_NESTING), None);
    }

    #[test]
    fn real_nesting_is_counted() {
        assert_eq!(nesting_beyond("<div><section><article><div><p>t</p></div></article></section></div>", 3), Some(4));
        assert_eq!(nesting_beyond("<div><section><article><div><p>t</p></div></article></section></div>", 4), None);
    }
}
