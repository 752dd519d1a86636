//! Source: the elements the metadata rules read, indexed in one pass over
//! the page, and whether an element holds comments (whose names and dates
//! are not the article's).

use crate::extract::lexicon::class_names::{STATE_FLAG_PREFIXES, STATE_FLAG_SUFFIXES};
use html5ever::{local_name, ns, LocalName};
use scraper::{ElementRef, Html};
use std::cell::OnceCell;

/// The elements the metadata rules read, found in one pass over the page
/// instead of one selector walk per rule. Each list keeps the order
/// `Html::select` visits elements in (the tree's node order), so every rule
/// sees the same candidates, first to last, as its selector would give.
pub(super) struct Elements<'a> {
    /// `meta[content]`
    pub metas: Vec<ElementRef<'a>>,
    /// `script[type]`
    pub typed_scripts: Vec<ElementRef<'a>>,
    /// `link[rel][href]`
    pub links: Vec<ElementRef<'a>>,
    /// The first `title`.
    pub title: Option<ElementRef<'a>>,
    pub h1s: Vec<ElementRef<'a>>,
    pub times: Vec<ElementRef<'a>>,
    /// The byline and date elements, sorted out on first use: reading every
    /// class and id is the costly part of the pass, and most pages give
    /// their byline and date in structured data.
    named: OnceCell<NamedElements<'a>>,
    doc: &'a Html,
}

/// The elements the DOM byline and date rules read, in the order of [`Elements`].
#[derive(Default)]
pub(super) struct NamedElements<'a> {
    /// `[itemprop~=author]`
    pub author_props: Vec<ElementRef<'a>>,
    /// `a[rel~=author]`
    pub author_rels: Vec<ElementRef<'a>>,
    /// `[class*=byline], [id*=byline], [class*=Byline]`
    pub byline_named: Vec<ElementRef<'a>>,
    /// `a[href*='/author/'], a[href*='/authors/']`
    pub author_links: Vec<ElementRef<'a>>,
    /// `[class*=author], [id*=author]`
    pub author_named: Vec<ElementRef<'a>>,
    /// `[class*=date], [class*=publish], [class*=posted], [id*=date], [id*=publish]`
    pub date_named: Vec<ElementRef<'a>>,
}

impl<'a> Elements<'a> {
    pub fn collect(doc: &'a Html) -> Self {
        let (mut metas, mut typed_scripts, mut links, mut title, mut h1s, mut times) =
            (Vec::new(), Vec::new(), Vec::new(), None, Vec::new(), Vec::new());
        // Names compare as interned atoms: one integer comparison each.
        for node in doc.tree.nodes() {
            let Some(el) = ElementRef::wrap(node) else { continue };
            let name = &el.value().name.local;
            if *name == local_name!("meta") {
                if has_attr(el, &local_name!("content")) {
                    metas.push(el);
                }
            } else if *name == local_name!("script") {
                if has_attr(el, &local_name!("type")) {
                    typed_scripts.push(el);
                }
            } else if *name == local_name!("link") {
                if has_attr(el, &local_name!("rel")) && has_attr(el, &local_name!("href")) {
                    links.push(el);
                }
            } else if *name == local_name!("title") {
                title.get_or_insert(el);
            } else if *name == local_name!("h1") {
                h1s.push(el);
            } else if *name == local_name!("time") {
                times.push(el);
            }
        }
        Elements { metas, typed_scripts, links, title, h1s, times, named: OnceCell::new(), doc }
    }

    pub fn named(&self) -> &NamedElements<'a> {
        self.named.get_or_init(|| NamedElements::collect(self.doc))
    }
}

/// Whether an element has the attribute (without a namespace, as selectors read it).
fn has_attr(el: ElementRef, local: &LocalName) -> bool {
    el.value().attrs.iter().any(|(name, _)| name.ns == ns!() && name.local == *local)
}

impl<'a> NamedElements<'a> {
    fn collect(doc: &'a Html) -> Self {
        let mut found = NamedElements::default();
        for node in doc.tree.nodes() {
            let Some(el) = ElementRef::wrap(node) else { continue };
            let attr = Attrs::of(el);
            if el.value().name.local == local_name!("a") {
                // `rel` values compare case-insensitively on HTML elements (as selectors do).
                let is_html = el.value().name.ns == ns!(html);
                let author_rel = |t: &str| if is_html { t.eq_ignore_ascii_case("author") } else { t == "author" };
                if attr.rel.is_some_and(|r| r.split_ascii_whitespace().any(author_rel)) {
                    found.author_rels.push(el);
                }
                if attr.href.is_some_and(|h| h.contains("/author/") || h.contains("/authors/")) {
                    found.author_links.push(el);
                }
            }
            if attr.itemprop.is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "author")) {
                found.author_props.push(el);
            }
            let (class, id) =
                (attr.class.map(NameWords::of).unwrap_or_default(), attr.id.map(NameWords::of).unwrap_or_default());
            if class.byline || id.byline || class.byline_capitalised {
                found.byline_named.push(el);
            }
            if class.author || id.author {
                found.author_named.push(el);
            }
            if class.date || class.publish || class.posted || id.date || id.publish {
                found.date_named.push(el);
            }
        }
        found
    }
}

/// Which words the element rules look for occur in a class or id value
/// (as substrings, like the `*=` selectors they stand for).
#[derive(Default, Clone, Copy)]
struct NameWords {
    byline: bool,
    byline_capitalised: bool,
    author: bool,
    date: bool,
    publish: bool,
    posted: bool,
}

impl NameWords {
    /// One pass over the value's bytes: most values hold none of the words,
    /// and a substring search per word costs more than the whole pass (byte
    /// searches too, on values this short).
    fn of(value: &str) -> Self {
        let mut words = NameWords::default();
        let bytes = value.as_bytes();
        // Every word starts with one of these letter pairs; a branch-free
        // pass (vectorised by the compiler) rules out most values first.
        let starts_word = |a: u8, b: u8| {
            ((a == b'b') | (a == b'B')) & (b == b'y')
                | (a == b'a') & (b == b'u')
                | (a == b'd') & (b == b'a')
                | (a == b'p') & ((b == b'u') | (b == b'o'))
        };
        let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
        if pairs.fold(0u8, |found, (&a, &b)| found | u8::from(starts_word(a, b))) == 0 {
            return words;
        }
        for (i, &b) in bytes.iter().enumerate() {
            let rest = &bytes[i..];
            match b {
                b'b' => words.byline |= rest.starts_with(b"byline"),
                b'B' => words.byline_capitalised |= rest.starts_with(b"Byline"),
                b'a' => words.author |= rest.starts_with(b"author"),
                b'd' => words.date |= rest.starts_with(b"date"),
                b'p' => {
                    words.publish |= rest.starts_with(b"publish");
                    words.posted |= rest.starts_with(b"posted");
                }
                _ => {}
            }
        }
        words
    }
}

/// The attributes (without a namespace, as selectors read them) that
/// [`NamedElements::collect`] sorts elements by, read in one pass over them.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(el: ElementRef<'a>) -> Self {
        let mut attrs = Attrs::default();
        for (name, value) in el.value().attrs.iter() {
            if name.ns != ns!() {
                continue;
            }
            let local = &name.local;
            let slot = if *local == local_name!("class") {
                &mut attrs.class
            } else if *local == local_name!("id") {
                &mut attrs.id
            } else if *local == local_name!("itemprop") {
                &mut attrs.itemprop
            } else if *local == local_name!("rel") {
                &mut attrs.rel
            } else if *local == local_name!("href") {
                &mut attrs.href
            } else {
                continue;
            };
            *slot = Some(value);
        }
        attrs
    }
}

/// Whether an element is in the comments or a menu: their authors and
/// dates are not the article's.
pub(super) fn in_comments_or_nav(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "nav" || is_comments(a))
}

/// Whether an element's class or id says it holds comments.
#[inline]
pub(super) fn is_comments(el: ElementRef) -> bool {
    // One pass over the attributes, names compared as interned atoms: it runs on every element.
    el.value().attrs.iter().any(|(name, value)| {
        (name.local == local_name!("class") || name.local == local_name!("id"))
            && may_name_comments(value)
            && value.split_ascii_whitespace().any(is_comments_token)
    })
}

/// Whether a class or id value holds a word [`is_comments_token`] looks for.
/// It runs on every element's class and id (long lists of utility classes on
/// many pages): both words have letters rare in class names ("comment" its
/// "mm", "disqus" its "q"), which a branch-free pass over the bytes (one the
/// compiler vectorises) rules out first.
fn may_name_comments(value: &str) -> bool {
    let bytes = value.as_bytes();
    // `| 0x20` lower-cases ASCII letters; only `M`/`m` give `m`, `Q`/`q` give `q`, and so on.
    let next_bytes = bytes.get(1..).unwrap_or_default();
    let has_q = bytes.iter().fold(0u8, |found, &b| found | u8::from(b | 0x20 == b'q'));
    let has_mm = bytes
        .iter()
        .zip(next_bytes)
        .fold(0u8, |found, (&a, &b)| found | (u8::from(a | 0x20 == b'm') & u8::from(b | 0x20 == b'm')));
    if has_q | has_mm == 0 {
        return false;
    }
    let word_at = |i: usize, word: &[u8]| bytes.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
    bytes.iter().enumerate().any(|(i, &b)| match b | 0x20 {
        b'c' => word_at(i, b"comment"),
        b'd' => word_at(i, b"disqus"),
        _ => false,
    })
}

/// Whether a class or id token names comments ("comments-area", "post-comments",
/// "disqus_thread"), not a state flag an article carries ("has-comments",
/// "comments-open").
fn is_comments_token(token: &str) -> bool {
    // The word is compared only where its first letter is.
    let bytes = token.as_bytes();
    let names_comments = memchr::memchr2_iter(b'c', b'C', bytes)
        .any(|i| bytes.get(i..i + 7).is_some_and(|w| w.eq_ignore_ascii_case(b"comment")));
    if !names_comments {
        return token.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("disqus"));
    }
    let lower = token.to_ascii_lowercase();
    let flag = STATE_FLAG_PREFIXES.iter().any(|p| lower.starts_with(p))
        || STATE_FLAG_SUFFIXES.iter().any(|s| lower.ends_with(s));
    !flag
}

#[cfg(test)]
mod tests {
    use super::super::testing::{day, meta_of};
    use super::*;

    #[test]
    fn comment_state_flags_do_not_hide_the_article() {
        let html = r#"<html><body><article class="post has-comments comments-open"><h1>Floods Close Roads</h1>
            <p class="byline">By Jane Doe</p><p>March 5, 2024</p><p>Heavy rain fell.</p></article>
            <div id="comments" class="comments-area"><p>By John Roe</p><p>March 9, 2024</p></div></body></html>"#;
        let m = meta_of(html, None);
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(m.published_date, Some(day("2024-03-05")));
        assert!(
            is_comments_token("post-comments")
                && is_comments_token("disqus_thread")
                && !is_comments_token("has-comments")
        );
    }

    #[test]
    fn comment_words_are_found_in_any_case() {
        let doc = Html::parse_fragment(
            r#"<div class="post Comment-List"></div><div id="DISQUS_thread"></div><div class="has-comments x"></div><div id="discuss"></div><div class="summary commentary"></div><div class="COMMENTS"></div>"#,
        );
        let flags: Vec<bool> =
            doc.select(&scraper::Selector::parse("div").expect("selector")).map(is_comments).collect();
        assert_eq!(flags, [true, true, false, false, true, true]);
        assert!(
            !may_name_comments("")
                && !may_name_comments("m")
                && !may_name_comments("summary")
                && may_name_comments("x DisQus")
        );
    }

    #[test]
    fn name_words_agree_with_substring_searches() {
        let words = NameWords::of("post-meta entry-date c-Byline__author");
        assert!(words.date && words.byline_capitalised && words.author && !words.byline && !words.publish);
        let words = NameWords::of("post-published byline");
        assert!(words.publish && words.byline && !words.posted && !words.date && !words.author);
        let words = NameWords::of("posted-on");
        assert!(words.posted && !words.publish);
        let none = NameWords::of("flex items-center bYline Date");
        assert!(!(none.byline || none.byline_capitalised || none.author || none.date || none.publish || none.posted));
    }
}
