//! Page metadata: title, byline, publication date, site name, canonical URL,
//! language; from meta tags, JSON-LD and the DOM.
//!
//! Each field is read from the sources in decreasing order of reliability:
//! structured data the publisher wrote for machines (JSON-LD, Open Graph and
//! other `<meta>` tags) before what the DOM shows to readers. The date is the
//! exception: the date shown with the headline or byline decides the day,
//! machine metadata gives the exact instant when it agrees (see the date
//! policy at `published_at`).

use super::{normalize_whitespace, whitespace_normalized};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use ego_tree::iter::Edge;
use html5ever::{local_name, ns, LocalName};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Metadata found in a page. Every field is optional: a value that cannot be
/// found or parsed is `None`, never a guess.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Microseconds since the Unix epoch, UTC.
    pub published_at: Option<i64>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Reads the metadata of a parsed page.
pub fn extract_metadata(doc: &Html, page_url: Option<&str>) -> Metadata {
    let elements = Elements::collect(doc);
    let metas = MetaTags::collect(&elements.metas);
    let json_ld = JsonLd::collect(&elements.typed_scripts, &elements.metas);
    let url = canonical_url(&elements.links, &metas, page_url);
    let site_name = site_name(&metas, &json_ld);
    let title = title(&elements, &metas, &json_ld, site_name.as_deref());
    let visible = VisibleText::collect(doc, title.as_deref());
    let byline = byline(&elements, &metas, &json_ld, &visible, site_name.as_deref());
    let published_at =
        published_at(&metas, &json_ld, &elements, &visible, byline.as_deref(), [url.as_deref(), page_url]);
    let language = language(doc, &metas);
    Metadata { title, byline, published_at, site_name, url, language }
}

// ---------------------------------------------------------------- sources

fn selector(css: &str) -> Selector {
    // The selectors are literals of this file; a typo is a bug caught by the tests.
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

macro_rules! static_selector {
    ($css:expr) => {{
        static SEL: OnceLock<Selector> = OnceLock::new();
        SEL.get_or_init(|| selector($css))
    }};
}

macro_rules! static_regex {
    ($re:expr) => {{
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new($re).unwrap_or_else(|e| panic!("bad regex {:?}: {e}", $re)))
    }};
}

/// An element's text as displayed: inline elements run together, line
/// breaks and block elements separate words.
fn element_text(el: ElementRef) -> String {
    let mut text = String::new();
    for node in el.descendants() {
        match node.value() {
            scraper::Node::Text(t) => text.push_str(t),
            scraper::Node::Element(e)
                if matches!(
                    e.name(),
                    "br" | "div" | "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section"
                ) =>
            {
                text.push(' ')
            }
            _ => {}
        }
    }
    normalize_whitespace(&text)
}

fn non_empty(s: String) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

// ------------------------------------------------------------- elements

/// The elements the metadata rules read, found in one pass over the page
/// instead of one selector walk per rule. Each list keeps the order
/// `Html::select` visits elements in (the tree's node order), so every rule
/// sees the same candidates, first to last, as its selector would give.
struct Elements<'a> {
    /// `meta[content]`
    metas: Vec<ElementRef<'a>>,
    /// `script[type]`
    typed_scripts: Vec<ElementRef<'a>>,
    /// `link[rel][href]`
    links: Vec<ElementRef<'a>>,
    /// The first `title`.
    title: Option<ElementRef<'a>>,
    h1s: Vec<ElementRef<'a>>,
    times: Vec<ElementRef<'a>>,
    /// The byline and date elements, sorted out on first use: reading every
    /// class and id is the costly part of the pass, and most pages give
    /// their byline and date in structured data.
    named: OnceCell<NamedElements<'a>>,
    doc: &'a Html,
}

/// The elements the DOM byline and date rules read, in the order of [`Elements`].
#[derive(Default)]
struct NamedElements<'a> {
    /// `[itemprop~=author]`
    author_props: Vec<ElementRef<'a>>,
    /// `a[rel~=author]`
    author_rels: Vec<ElementRef<'a>>,
    /// `[class*=byline], [id*=byline], [class*=Byline]`
    byline_named: Vec<ElementRef<'a>>,
    /// `a[href*='/author/'], a[href*='/authors/']`
    author_links: Vec<ElementRef<'a>>,
    /// `[class*=author], [id*=author]`
    author_named: Vec<ElementRef<'a>>,
    /// `[class*=date], [class*=publish], [class*=posted], [id*=date], [id*=publish]`
    date_named: Vec<ElementRef<'a>>,
}

impl<'a> Elements<'a> {
    fn collect(doc: &'a Html) -> Self {
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

    fn named(&self) -> &NamedElements<'a> {
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

/// `<meta>` values by lower-cased key (`name`, `property`, `itemprop` or
/// `http-equiv`), in document order. A `property` may list several keys
/// separated by spaces.
struct MetaTags(HashMap<String, Vec<String>>);

impl MetaTags {
    fn collect(metas: &[ElementRef]) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for el in metas {
            let attrs = el.value();
            let Some(content) = attrs.attr("content").map(normalize_whitespace).and_then(non_empty) else {
                continue;
            };
            for attr in ["name", "property", "itemprop", "http-equiv"] {
                for key in attrs.attr(attr).unwrap_or("").split_whitespace() {
                    map.entry(key.to_ascii_lowercase()).or_default().push(content.clone());
                }
            }
        }
        MetaTags(map)
    }

    /// The first value of the first key present.
    fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.get(*k).and_then(|v| v.first())).map(String::as_str)
    }

    /// All values of the keys, in key order.
    fn all<'a>(&'a self, keys: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
        keys.iter().flat_map(move |k| self.0.get(*k).into_iter().flatten()).map(String::as_str)
    }
}

/// The typed objects of a page's JSON-LD scripts, flattened out of arrays,
/// `@graph` lists and nesting, in document order.
struct JsonLd(Vec<Value>);

/// How deep to look for typed objects inside JSON-LD (guards the recursion).
const JSON_LD_MAX_DEPTH: usize = 12;

impl JsonLd {
    fn collect(typed_scripts: &[ElementRef], metas: &[ElementRef]) -> Self {
        let mut objects = Vec::new();
        let scripts = typed_scripts
            .iter()
            .filter(|s| s.value().attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
            .map(|s| s.text().collect::<String>());
        // Some CMSs move their scripts into meta tags: `<meta name="script:ld+json" content="{...}">`.
        let moved = metas
            .iter()
            .filter(|m| m.value().attr("name").is_some_and(|n| n.trim().eq_ignore_ascii_case("script:ld+json")))
            .filter_map(|m| m.value().attr("content").map(str::to_string));
        for raw in scripts.chain(moved) {
            for value in parse_lenient_json(&raw) {
                flatten_typed(&value, 0, &mut objects);
            }
        }
        JsonLd(objects)
    }

    /// Objects whose `@type` satisfies `pred`.
    fn typed<'a>(&'a self, pred: impl Fn(&str) -> bool + 'a) -> impl Iterator<Item = &'a Value> + 'a {
        self.0.iter().filter(move |o| types_of(o).iter().any(|t| pred(t)))
    }

    /// The object a `{"@id": ...}` reference points to.
    fn by_id(&self, id: &str) -> Option<&Value> {
        self.0.iter().find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.get("name").is_some())
    }

    /// Article-like objects: the page's main story.
    fn articles(&self) -> impl Iterator<Item = &Value> + '_ {
        self.typed(is_article_type)
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting") || matches!(t, "Report" | "Review" | "Recipe" | "Blog")
}

fn types_of(obj: &Value) -> Vec<&str> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn flatten_typed(value: &Value, depth: usize, out: &mut Vec<Value>) {
    if depth > JSON_LD_MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten_typed(v, depth + 1, out)),
        Value::Object(map) => {
            if map.contains_key("@type") {
                out.push(value.clone());
            }
            // Nested objects (`@graph`, `mainEntity`, ...) may hold the article;
            // authors and publishers are read from their parent, not here.
            for (key, v) in map {
                if !matches!(key.as_str(), "author" | "creator" | "publisher" | "image" | "logo") {
                    flatten_typed(v, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// Parses the JSON of a script as publishers write it: HTML comment and
/// CDATA wrappers, `//` and `/* */` comments, trailing commas, raw control
/// characters inside strings, several values one after another.
fn parse_lenient_json(raw: &str) -> Vec<Value> {
    let cleaned = clean_json(raw);
    serde_json::Deserializer::from_str(&cleaned).into_iter::<Value>().map_while(Result::ok).collect()
}

fn clean_json(raw: &str) -> String {
    let mut s = raw.trim();
    for wrapper in ["<!--", "<![CDATA[", "//<![CDATA["] {
        s = s.strip_prefix(wrapper).unwrap_or(s).trim_start();
    }
    for wrapper in ["-->", "]]>", "//]]>"] {
        s = s.strip_suffix(wrapper).unwrap_or(s).trim_end();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if in_string {
            match c {
                '\\' => {
                    out.push(c);
                    if let Some(n) = next {
                        out.push(n);
                    }
                    i += 2;
                    continue;
                }
                '"' => in_string = false,
                c if c.is_control() => {
                    out.push(' ');
                    i += 1;
                    continue;
                }
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        match (c, next) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            ('/', Some('*')) => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            (',', _) => {
                // A comma followed only by whitespace and a closing bracket is dropped.
                let rest = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if !matches!(rest, Some('}') | Some(']')) {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// A JSON-LD value as plain strings: a string, the `name` of an object (or
/// its `@value`), or each of an array's items.
fn json_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.extend(non_empty(decode_entities(&normalize_whitespace(s)))),
        Value::Object(map) => {
            if let Some(v) = map.get("name").or_else(|| map.get("@value")) {
                json_strings(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn json_first_string(obj: &Value, key: &str) -> Option<String> {
    let mut out = Vec::new();
    json_strings(obj.get(key)?, &mut out);
    out.into_iter().next()
}

// ------------------------------------------------------------------ URL

fn canonical_url(links: &[ElementRef], metas: &MetaTags, page_url: Option<&str>) -> Option<String> {
    let canonical = links
        .iter()
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
        })
        .and_then(|l| l.value().attr("href"));
    let found = canonical.or_else(|| metas.first(&["og:url"])).map(str::trim).filter(|u| !u.is_empty());
    match (found, page_url) {
        (Some(u), Some(base)) => resolve_url(base, u).or_else(|| Some(base.to_string())),
        (Some(u), None) => is_absolute_url(u).then(|| u.to_string()),
        (None, base) => base.map(str::to_string),
    }
}

fn is_absolute_url(u: &str) -> bool {
    static_regex!(r"^[A-Za-z][A-Za-z0-9+.-]*://").is_match(u)
}

/// Resolves `href` against the absolute URL `base` (RFC 3986, the common
/// cases: absolute, scheme-relative, root-relative, path-relative).
fn resolve_url(base: &str, href: &str) -> Option<String> {
    if is_absolute_url(href) {
        return Some(href.to_string());
    }
    let caps = static_regex!(r"^([A-Za-z][A-Za-z0-9+.-]*):(//[^/?#]*)?([^?#]*)").captures(base)?;
    let scheme = caps.get(1)?.as_str();
    let authority = caps.get(2).map_or("", |m| m.as_str());
    let base_path = caps.get(3).map_or("", |m| m.as_str());
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{rest}"));
    }
    let joined = if href.starts_with('/') {
        href.to_string()
    } else if href.starts_with('?') || href.starts_with('#') {
        format!("{base_path}{href}")
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{href}")
    };
    Some(format!("{scheme}:{authority}{}", remove_dot_segments(&joined)))
}

fn remove_dot_segments(path_and_query: &str) -> String {
    let split = path_and_query.find(['?', '#']).unwrap_or(path_and_query.len());
    let (path, tail) = path_and_query.split_at(split);
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (i, seg) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *seg {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            s => segments.push(s),
        }
    }
    let mut out = segments.join("/");
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out + tail
}

// ------------------------------------------------------------ site name

fn site_name(metas: &MetaTags, json_ld: &JsonLd) -> Option<String> {
    metas
        .first(&["og:site_name"])
        .map(str::to_string)
        .or_else(|| json_ld.articles().find_map(|a| json_first_string(a, "publisher")))
        .or_else(|| {
            json_ld.typed(|t| t == "WebSite" || t == "NewsMediaOrganization").find_map(|o| json_first_string(o, "name"))
        })
        .or_else(|| metas.first(&["application-name", "apple-mobile-web-app-title"]).map(str::to_string))
}

// ---------------------------------------------------------------- title

/// Separators between a headline and the site or section name in `<title>`
/// and social titles.
const TITLE_SEPARATORS: [&str; 10] = [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " « ", " / "];

fn title(elements: &Elements, metas: &MetaTags, json_ld: &JsonLd, site_name: Option<&str>) -> Option<String> {
    let site_key = site_name.map(title_key).unwrap_or_default();
    // A heading that names the site is its logo, not the headline.
    let headline_like =
        |h: &String| !h.is_empty() && h.chars().count() <= 300 && (site_key.is_empty() || title_key(h) != site_key);
    let headings: Vec<String> = elements
        .h1s
        .iter()
        .copied()
        .filter(|h| !is_logo_heading(*h))
        .map(element_text)
        .filter(headline_like)
        .take(5)
        .collect();
    let document_title = elements.title.map(element_text).and_then(non_empty);
    let candidates: Vec<String> = metas
        .all(&["og:title", "twitter:title"])
        .map(str::to_string)
        .chain(json_ld.articles().find_map(|a| json_first_string(a, "headline")))
        .chain(
            metas
                .first(&["dc.title", "dcterms.title", "headline", "sailthru.title", "parsely-title"])
                .map(str::to_string),
        )
        .chain(document_title)
        .map(|c| decode_entities(&c))
        .collect();
    // A heading that a structured title confirms is the headline as shown.
    let confirmed = headings.iter().find(|h| {
        let key = title_key(h);
        !key.is_empty()
            && candidates
                .iter()
                .any(|c| title_key(c).starts_with(&key) || key.starts_with(&title_key(&strip_site_name(c, site_name))))
    });
    // Else the article's own heading, or the page's only one.
    let in_article = || {
        // `article h1, main h1, [role=main] h1`
        let in_main = |h: &ElementRef| {
            h.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "article" | "main") || a.value().attr("role") == Some("main"))
        };
        elements
            .h1s
            .iter()
            .copied()
            .filter(in_main)
            .filter(|h| !is_logo_heading(*h))
            .map(element_text)
            .find(headline_like)
    };
    let only_heading = || (headings.len() == 1).then(|| headings[0].clone());
    // A heading that shares no word with any title the publisher wrote is a
    // section or site name ("Allergies Health Center"), not the headline.
    let related = |h: &String| candidates.is_empty() || candidates.iter().any(|c| shares_word(h, c));
    // A heading that puts a date or a label before a structured title
    // ("Dec 18 2025 Preparing a transition", "Blog: ...") shows that title.
    // Other words before it are the headline's own ("The Best ...").
    let labelled = || {
        let heading_keys: Vec<String> = headings.iter().map(|h| title_key(h)).collect();
        candidates.iter().map(|c| strip_site_name(c, site_name)).find(|t| {
            let key = format!(" {}", title_key(t));
            key.len() > 1
                && headings.iter().zip(&heading_keys).any(|(h, heading_key)| {
                    heading_key.strip_suffix(&key).is_some_and(|label| {
                        label.split(' ').count() <= 3
                            && (has_ascii_digit(label)
                                || h.split_once(':').is_some_and(|(before, _)| title_key(before) == label))
                    })
                })
        })
    };
    confirmed
        .map(|h| strip_heading_suffixes(h, &site_key))
        .or_else(labelled)
        .or_else(|| in_article().filter(related))
        .or_else(|| only_heading().filter(related))
        .or_else(|| candidates.first().map(|c| strip_site_name(c, site_name)))
        .or_else(|| headings.first().cloned())
}

/// Whether an `<h1>` is the site's logo: in the site banner (a header with
/// the navigation, outside any article) or a link to the home page.
fn is_logo_heading(h: ElementRef) -> bool {
    let mut in_header = false;
    for a in h.ancestors().filter_map(ElementRef::wrap) {
        match a.value().name() {
            "article" | "main" => return false,
            "nav" => in_header = true,
            "header" => in_header |= a.select(static_selector!("nav")).next().is_some(),
            _ => in_header |= a.value().attr("role") == Some("banner"),
        }
    }
    let links_home = h.select(static_selector!("a[href]")).any(|a| {
        let href = a.value().attr("href").unwrap_or("");
        href == "/" || static_regex!(r"^(?:https?:)?//[^/]+/?$").is_match(href)
    });
    in_header || links_home
}

/// Lower-cased words of a title, for comparing titles that differ in
/// punctuation, case or spacing.
fn title_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two titles share a word of four letters or more (shorter ones are
/// mostly articles and prepositions).
fn shares_word(a: &str, b: &str) -> bool {
    let key_b = title_key(b);
    let words_b: Vec<&str> = key_b.split(' ').filter(|w| w.chars().count() >= 4).collect();
    title_key(a).split(' ').any(|w| w.chars().count() >= 4 && words_b.contains(&w))
}

/// Whether `title_key(text)` is `key` (a non-empty key), compared word by
/// word without building it: most texts differ in their first word.
fn has_title_key(text: &str, key: &str) -> bool {
    let mut words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let mut key_words = key.split(' ');
    loop {
        match (words.next(), key_words.next()) {
            (None, None) => return true,
            (Some(word), Some(key_word)) if word.to_lowercase() == key_word => {}
            _ => return false,
        }
    }
}

/// Removes a site or section name joined to a headline by a separator: the
/// part that is the site name when it is known, else a short trailing (or
/// leading) part next to a longer headline.
fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let title = normalize_whitespace(title);
    let Some(separator) = TITLE_SEPARATORS.into_iter().find(|sep| title.contains(sep)) else {
        return title;
    };
    let parts: Vec<&str> = title.split(separator).collect();
    let site_key = site_name.map(title_key).unwrap_or_default();
    let without_site: Vec<&str> = parts.iter().copied().filter(|p| !is_site_part(p, &site_key)).collect();
    // With the site name gone, a remaining short edge part is a section name.
    let rest = if without_site.is_empty() { parts } else { without_site };
    trim_short_edges(&rest, word_count).join(separator)
}

/// Removes the suffixes a heading repeats from its page's title: the site's
/// name after any separator, and short section names after pipes. Other
/// separators in a heading are the headline's own punctuation
/// ("Zero Waste - A Beginner's Guide"); pipes are a title template's. `site_key` is the
/// site's name as [`title_key`] gives it.
fn strip_heading_suffixes(heading: &str, site_key: &str) -> String {
    let site_suffix =
        |sep: &str| heading.rsplit_once(sep).filter(|(_, tail)| is_site_part(tail, site_key)).map(|(head, _)| head);
    let heading = TITLE_SEPARATORS.iter().find_map(|sep| site_suffix(sep)).unwrap_or(heading);
    let parts: Vec<&str> = heading.split(" | ").collect();
    trim_short_tail(&parts, word_count).join(" | ")
}

/// Whether a title part is the site's name (`site_key` as [`title_key`] gives it).
fn is_site_part(part: &str, site_key: &str) -> bool {
    let key = title_key(part);
    !site_key.is_empty() && (key == site_key || key.replace(' ', "") == site_key.replace(' ', ""))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Drops short (site- or section-like) parts from the end, then from the
/// start, while a longer headline part remains.
fn trim_short_edges<'a>(parts: &[&'a str], words: impl Fn(&str) -> usize) -> Vec<&'a str> {
    let longest = parts.iter().map(|p| words(p)).max().unwrap_or(0);
    let mut kept = trim_short_tail(parts, &words);
    while kept.len() > 1 && words(kept[0]) <= 3 && words(kept[0]) < longest {
        kept.remove(0);
    }
    kept
}

/// Drops short (site- or section-like) parts from the end while a longer
/// headline part remains.
fn trim_short_tail<'a>(parts: &[&'a str], words: impl Fn(&str) -> usize) -> Vec<&'a str> {
    let mut kept: Vec<&str> = parts.to_vec();
    let longest = kept.iter().map(|p| words(p)).max().unwrap_or(0);
    while let [_, .., last] = kept[..] {
        if words(last) <= 4 && words(last) < longest {
            kept.pop();
        } else {
            break;
        }
    }
    kept
}

// ------------------------------------------------------ visible text

/// The page's visible text nodes in document order, and the position of the
/// headline among them: bylines and dates shown to readers sit next to it.
struct VisibleText<'a> {
    /// Each node's text as the page writes it.
    raw: Vec<&'a str>,
    /// Each node's text whitespace-normalised, made when a rule first reads
    /// it: the rules read the few nodes near the headline, or those a byte
    /// test on the raw text lets through.
    normalized: Vec<OnceCell<Cow<'a, str>>>,
    /// For each node, the `datetime` of the `<time>` element holding it.
    datetimes: Vec<Option<&'a str>>,
    /// For each node, whether its markup marks it as a modification date.
    marked_modified: Vec<bool>,
    headline: Option<usize>,
}

/// How many text nodes after (and before) the headline may hold its byline or date.
const AFTER_HEADLINE: usize = 40;
const BEFORE_HEADLINE: usize = 12;
/// Without a headline, how far into the page to look.
const NO_HEADLINE_SPAN: usize = 300;

/// Elements whose text is not shown.
const HIDDEN_TEXT: [LocalName; 6] = [
    local_name!("script"),
    local_name!("style"),
    local_name!("noscript"),
    local_name!("template"),
    local_name!("title"),
    local_name!("head"),
];

/// An element open around the text nodes of [`VisibleText::collect`], with
/// what the text rules ask of it read once, when it opens.
struct OpenElement<'a> {
    el: ElementRef<'a>,
    /// Inside a quote, an embedded post or comments: they carry other
    /// people's names and dates.
    quoted: bool,
    /// Its own text is not shown.
    hidden: bool,
    /// `h1` or `h2`.
    heading: Option<&'static str>,
    is_time: bool,
}

impl<'a> OpenElement<'a> {
    fn of(el: ElementRef<'a>, in_quoted: bool) -> Self {
        let name = &el.value().name.local;
        let heading = if *name == local_name!("h1") {
            Some("h1")
        } else if *name == local_name!("h2") {
            Some("h2")
        } else {
            None
        };
        OpenElement {
            el,
            quoted: in_quoted || *name == local_name!("blockquote") || is_comments(el),
            hidden: HIDDEN_TEXT.contains(name),
            heading,
            is_time: *name == local_name!("time"),
        }
    }
}

impl<'a> VisibleText<'a> {
    fn collect(doc: &'a Html, title: Option<&str>) -> Self {
        let headline_key = title.map(title_key).unwrap_or_default();
        let (mut raw, mut datetimes, mut marked_modified) = (Vec::new(), Vec::new(), Vec::new());
        // The headline is the title shown in a heading, else the first
        // `<h1>`, else the title anywhere (breadcrumbs repeat it too).
        let (mut title_heading, mut h1, mut title_anywhere) = (None, None, None);
        // The open elements, root first, and how many of them are headings
        // and `<time>`s: most text is in neither, and is spared the look-up.
        let mut open: Vec<OpenElement> = Vec::new();
        let (mut open_headings, mut open_times) = (0usize, 0usize);
        for edge in doc.root_element().traverse() {
            let node = match edge {
                Edge::Open(node) => node,
                Edge::Close(node) => {
                    if node.value().is_element() {
                        if let Some(closed) = open.pop() {
                            open_headings = open_headings.saturating_sub(usize::from(closed.heading.is_some()));
                            open_times = open_times.saturating_sub(usize::from(closed.is_time));
                        }
                    }
                    continue;
                }
            };
            if let Some(el) = ElementRef::wrap(node) {
                let inherited = open.last().is_some_and(|o| o.quoted);
                let opened = OpenElement::of(el, inherited);
                open_headings += usize::from(opened.heading.is_some());
                open_times += usize::from(opened.is_time);
                open.push(opened);
                continue;
            }
            let Some(text) = node.value().as_text() else { continue };
            let Some(parent) = open.last() else { continue };
            if parent.quoted || parent.hidden {
                continue;
            }
            let text: &'a str = text;
            // Most text nodes are the whitespace between tags.
            if text.trim().is_empty() {
                continue;
            }
            // The parent's nearest `levels` ancestors, then the parent.
            let near = |levels: usize| open.iter().rev().skip(1).take(levels).chain(open.last());
            let heading = if open_headings > 0 { near(4).find_map(|o| o.heading) } else { None };
            // Normalising changes only whitespace: the raw text has the same
            // words, letters and digits. The first letter is compared first:
            // it spares most nodes the key.
            let first_letter = text.chars().find(|c| c.is_alphanumeric()).and_then(|c| c.to_lowercase().next());
            let is_title = first_letter.is_some()
                && first_letter == headline_key.chars().next()
                && has_title_key(text, &headline_key);
            let here = Some(raw.len());
            if is_title && heading.is_some() {
                title_heading = title_heading.or(here);
            }
            if is_title {
                title_anywhere = title_anywhere.or(here);
            }
            if heading == Some("h1") {
                h1 = h1.or(here);
            }
            // Only a text with a digit can hold a date.
            marked_modified.push(has_ascii_digit(text) && near(2).any(|o| is_marked_modified(o.el)));
            raw.push(text);
            let time = if open_times > 0 { near(2).find(|o| o.is_time) } else { None };
            datetimes.push(time.and_then(|t| t.el.value().attr("datetime")));
        }
        let normalized = raw.iter().map(|_| OnceCell::new()).collect();
        VisibleText { raw, normalized, datetimes, marked_modified, headline: title_heading.or(h1).or(title_anywhere) }
    }

    fn len(&self) -> usize {
        self.raw.len()
    }

    /// The whitespace-normalised text of node `i`.
    fn text(&self, i: usize) -> Option<&str> {
        let raw = self.raw.get(i)?;
        Some(self.normalized.get(i)?.get_or_init(|| whitespace_normalized(raw)))
    }

    /// Indices of the nodes around the headline, nearest first.
    fn near_headline(&self) -> Vec<usize> {
        match self.headline {
            Some(h) => {
                let after = (h + 1)..self.len().min(h + 1 + AFTER_HEADLINE);
                let before = (h.saturating_sub(BEFORE_HEADLINE)..h).rev();
                let mut order: Vec<usize> = after.chain(before).collect();
                // Nearest first; a node before the headline counts as 2.5
                // times as far (bylines and dates mostly follow it, menus
                // and section names precede it). The sort is stable.
                order.sort_by_key(|&i| if i > h { 2 * (i - h) } else { 5 * (h - i) });
                order
            }
            None => (0..self.len().min(NO_HEADLINE_SPAN)).collect(),
        }
    }
}

// --------------------------------------------------------------- byline

/// An author name list and whether it may be the site rather than a person.
struct BylineCandidate {
    names: String,
    weak: bool,
}

fn byline(
    elements: &Elements,
    metas: &MetaTags,
    json_ld: &JsonLd,
    visible: &VisibleText,
    site_name: Option<&str>,
) -> Option<String> {
    let site_key = site_name.map(title_key).unwrap_or_default();
    let publisher_keys: Vec<String> = json_ld
        .articles()
        .filter_map(|a| json_first_string(a, "publisher"))
        .map(|p| title_key(&p))
        .chain([site_key])
        .filter(|k| !k.is_empty())
        .collect();
    let candidate = |names: Option<String>| {
        names.map(|names| {
            let key = title_key(&names);
            let single = !names.contains(' ');
            let username_like = single
                && (names.chars().any(|c| matches!(c, '.' | '_' | '@') || c.is_ascii_digit())
                    || !names.chars().any(char::is_uppercase));
            let is_site = publisher_keys.iter().any(|p| *p == key || p.replace(' ', "") == key.replace(' ', ""));
            let name_like = names.split(", ").all(looks_like_name);
            BylineCandidate { names, weak: username_like || is_site || !name_like }
        })
    };
    let sources: [&dyn Fn() -> Option<String>; 4] =
        [&|| json_ld_authors(json_ld), &|| meta_authors(metas), &|| dom_byline(elements), &|| {
            text_byline(visible, visible.near_headline())
        }];
    let mut fallback = None;
    for source in sources {
        if let Some(c) = candidate(source()) {
            if !c.weak {
                return Some(c.names);
            }
            fallback.get_or_insert(c.names);
        }
    }
    // Last, a by-line anywhere: an author box after the article ("Written by
    // ...", "Article by" / name). Less sure than any name found above.
    fallback.or_else(|| candidate(text_byline(visible, 0..visible.len())).filter(|c| !c.weak).map(|c| c.names))
}

fn json_ld_authors(json_ld: &JsonLd) -> Option<String> {
    json_ld.articles().find_map(|article| {
        let mut names = Vec::new();
        for key in ["author", "creator"] {
            if let Some(v) = article.get(key) {
                json_names(v, json_ld, &mut names);
            }
            if !names.is_empty() {
                break;
            }
        }
        join_names(names.iter().map(String::as_str))
    })
}

/// Author names of a JSON-LD value, following `{"@id": ...}` references to
/// the objects of the page's graph.
fn json_names(value: &Value, json_ld: &JsonLd, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_names(v, json_ld, out)),
        Value::Object(map) if !map.contains_key("name") => {
            let target = map.get("@id").and_then(Value::as_str).and_then(|id| json_ld.by_id(id));
            if let Some(obj) = target {
                json_strings(obj, out);
            }
        }
        other => json_strings(other, out),
    }
}

fn meta_authors(metas: &MetaTags) -> Option<String> {
    let keys = [
        "author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author", "parsely-author", "byl",
        "citation_author",
    ];
    keys.iter().find_map(|k| join_names(metas.all(&[k]))).or_else(|| {
        // Twitter card labels: `twitter:label1` = "Written by", `twitter:data1` = the name.
        (1..=4).find_map(|i| {
            let label = metas.first(&[&format!("twitter:label{i}")])?;
            let is_author_label = static_regex!(r"(?i)^(written by|author|by)$").is_match(label);
            is_author_label
                .then(|| metas.first(&[&format!("twitter:data{i}")]))
                .flatten()
                .and_then(|d| join_names(std::iter::once(d)))
        })
    })
}

/// The "By" that introduces author names ("Written by", "Text by", "Par"…),
/// as a regex fragment.
macro_rules! by_label {
    () => {
        r"(?:(?:written|posted|published|reported|words|story|text|article|authored|recipe)\s+)?(?:by|par|von|por|door|av)"
    };
}

/// Byline elements: `itemprop=author`, `rel=author` links, elements whose
/// class or id says byline, links to author pages, then class or id author.
fn dom_byline(elements: &Elements) -> Option<String> {
    let outside_comments = |el: &ElementRef| !in_comments_or_nav(*el);
    let from = |candidates: &[ElementRef]| -> Option<String> {
        let names: Vec<String> = candidates
            .iter()
            .copied()
            .filter(outside_comments)
            .take(8)
            .filter_map(|el| {
                let name = el.select(static_selector!("[itemprop~=name]")).next().unwrap_or(el);
                let text = match name.value().attr("content") {
                    Some(content) => normalize_whitespace(content),
                    None => names_in_nodes(&text_nodes(name))?,
                };
                (text.chars().count() <= 100).then_some(text)
            })
            .collect();
        join_names(names.iter().map(String::as_str))
    };
    let named = elements.named();
    from(&named.author_props)
        .or_else(|| from(&named.author_rels))
        .or_else(|| first_names(&named.byline_named, outside_comments))
        .or_else(|| first_names(&named.author_links, outside_comments))
        .or_else(|| first_names(&named.author_named, outside_comments))
}

/// Whether an element is in the comments or a menu: their authors and
/// dates are not the article's.
fn in_comments_or_nav(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "nav" || is_comments(a))
}

/// Whether an element's class or id says it holds comments.
fn is_comments(el: ElementRef) -> bool {
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
    let flag = ["has-", "has_", "no-", "no_", "with-", "with_"].iter().any(|p| lower.starts_with(p))
        || ["-open", "_open", "-closed", "_closed"].iter().any(|s| lower.ends_with(s));
    !flag
}

/// Names in the first matching element that holds some.
fn first_names(candidates: &[ElementRef], keep: impl Fn(&ElementRef) -> bool) -> Option<String> {
    candidates.iter().copied().filter(keep).take(20).find_map(|el| {
        let text = names_in_nodes(&text_nodes(el))?;
        (text.chars().count() <= 100).then(|| join_names(std::iter::once(text.as_str()))).flatten()
    })
}

/// An element's first [`BYLINE_NODES`] visible text nodes, whitespace-normalised.
fn text_nodes(el: ElementRef<'_>) -> Vec<Cow<'_, str>> {
    el.descendants()
        .filter(|n| {
            n.parent()
                .and_then(ElementRef::wrap)
                .is_none_or(|p| !matches!(p.value().name(), "script" | "style" | "noscript"))
        })
        .filter_map(|n| n.value().as_text().filter(|t| !t.trim().is_empty()).map(|t| whitespace_normalized(t)))
        .take(BYLINE_NODES)
        .collect()
}

/// How many text nodes from its start a by-line may span.
const BYLINE_NODES: usize = 12;

/// The byline text in a run of text nodes: the names after any "By" label,
/// joined through "and" / "," nodes, up to the first node that is neither
/// (a date, a job title, a bio). Avatar initials ("JD") are skipped.
fn names_in_nodes<S: AsRef<str>>(nodes: &[S]) -> Option<String> {
    let label = static_regex!(concat!(r"(?i)^", by_label!(), r"\s*:?$|^authors?\s*:?$"));
    let connector = static_regex!(r"(?i)^(?:,|&|and|und|et|y)$");
    let initials = static_regex!(r"^\p{Lu}{1,3}$");
    let trailing_and = static_regex!(r"(?i)\s(?:and|&)$");
    let mut text = String::new();
    let mut expecting_name = true;
    for node in nodes.iter().take(BYLINE_NODES).map(AsRef::as_ref) {
        if label.is_match(node) || initials.is_match(node) {
            if text.is_empty() {
                continue;
            }
            break;
        }
        if connector.is_match(node) {
            text.push_str(if node == "," { ", " } else { " and " });
            expecting_name = true;
            continue;
        }
        if !expecting_name {
            break;
        }
        text.push(' ');
        text.push_str(node);
        expecting_name = node.ends_with(',') || trailing_and.is_match(node);
    }
    non_empty(normalize_whitespace(&text))
}

/// A "By Jane Doe" line (or a "Written by" label and the name after it)
/// among the given text nodes.
fn text_byline(visible: &VisibleText, nodes: impl IntoIterator<Item = usize>) -> Option<String> {
    nodes.into_iter().find_map(|i| {
        let line = visible.text(i)?;
        let by_label = static_regex!(concat!(r"(?i)^", by_label!(), r"\s*:?$|^authors?\s*:?$")).is_match(line);
        let by_line = static_regex!(concat!(r"(?i)^", by_label!(), r"\s*:?\s+\S")).is_match(line);
        if !(by_label || by_line) {
            return None;
        }
        let run: Vec<&str> = (i..visible.len().min(i + BYLINE_NODES)).filter_map(|j| visible.text(j)).collect();
        let text = names_in_nodes(&run)?;
        (text.chars().count() <= 100).then(|| join_names(std::iter::once(text.as_str()))).flatten()
    })
}

/// Cleans author names and joins them with ", ", without repeats.
fn join_names<'a>(raw: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for r in raw {
        for name in clean_byline(r) {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
        }
    }
    non_empty(names.join(", "))
}

/// Words that make a byline part after a name a job title or credit.
const JOB_TITLE_WORDS: [&str; 20] = [
    "writer", "reporter", "editor", "correspondent", "contributor", "columnist", "staff", "journalist", "producer",
    "photographer", "bureau", "chief", "senior", "associate", "freelance", "contributing", "desk", "director",
    "manager", "head",
];

/// Lower-case words that may sit inside a person's name.
const NAME_PARTICLES: [&str; 14] =
    ["van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "bin", "al", "y"];

/// Labels that stand where a name should be.
const NOT_NAMES: [&str; 9] =
    ["author", "the author", "authors", "admin", "administrator", "unknown", "by", "written by", "posted by"];

/// Splits a byline into the author names it lists: drops "By", URLs,
/// handles, dates and job titles; "and" separates names.
fn clean_byline(raw: &str) -> Vec<String> {
    let text = decode_entities(&normalize_whitespace(raw));
    if is_absolute_url(&text) || text.starts_with('/') || text.starts_with('@') || text.contains("www.") {
        return Vec::new();
    }
    let text = static_regex!(concat!(r"(?i)^", by_label!(), r"\s*:?\s+")).replace(&text, "");
    let text = static_regex!(r"(?i)^(?:authors?|author\(s\)|autor|auteur)\b\s*:?\s*").replace(&text, "");
    // A date, a reading time or an "updated" note often follows the names.
    let text = static_regex!(
        r"(?i)\s*(?:\||•|·|—|–|\s-\s|-\s|\bon\s+(?:mon|tue|wed|thu|fri|sat|sun)|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\bon\s+\d|\s\d|\s\S+@\S+|\b(?:last\s+)?updated\b|\bpublished\b).*$"
    )
    .replace(&text, "");
    let text = text.trim();
    let split_on_and = static_regex!(r"(?i)\s+(?:and|&|und|et)\s+").split(text).all(looks_like_name);
    let text =
        if split_on_and { static_regex!(r"(?i)\s+(?:and|&|und|et)\s+").replace_all(text, ", ") } else { text.into() };
    let parts: Vec<&str> = text
        .split([',', ';'])
        .map(|p| p.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')').trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            // A job title follows a name ("Jane Doe, Staff Writer"); alone it is the name ("Podium Staff").
            *i == 0 || !p.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| JOB_TITLE_WORDS.contains(&w))
        })
        .map(|(_, p)| *p)
        .filter(|p| {
            p.chars().any(char::is_alphabetic)
                && p.split_whitespace().count() <= 6
                && !NOT_NAMES.contains(&p.to_lowercase().as_str())
        })
        .map(str::to_string)
        .collect()
}

/// Whether a phrase reads as a person's name: a few capitalised words.
fn looks_like_name(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

/// Decodes the character references publishers leave in JSON-LD strings.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    static_regex!(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|quot|apos|lt|gt|nbsp);")
        .replace_all(s, |caps: &regex::Captures| {
            let entity = &caps[1];
            let code = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = entity.strip_prefix('#') {
                dec.parse().ok()
            } else {
                Some(match entity {
                    "amp" => '&' as u32,
                    "quot" => '"' as u32,
                    "apos" => '\'' as u32,
                    "lt" => '<' as u32,
                    "gt" => '>' as u32,
                    _ => ' ' as u32,
                })
            };
            code.and_then(char::from_u32).map_or_else(|| caps[0].to_string(), String::from)
        })
        .into_owned()
}

// ---------------------------------------------------------------- dates
//
// Date policy. The article's date is the date a reader sees with its
// headline or byline: that is what people cite, and it is what the page
// stands by. Machine metadata (JSON-LD, `<meta>`) is exact (time of day,
// offset) but may be a template's default or an import date. So:
// 1. The first date shown near the headline or in the byline area is the
//    article's day. If a machine date (published, else modified) falls on
//    that day (as its writer wrote it, or in some time zone), that exact
//    instant is kept; otherwise the shown day, as midnight UTC. An
//    unlabelled shown date that the metadata gives only as the modification
//    stays the article's: readers' "article date" on wcxb-dev is the shown
//    one on 8 such pages, the machine publication date on 6.
// 2. A shown date labelled as an update ("Updated April 19, 2025"), or
//    marked as one in its markup (`itemprop=dateModified`), dates a
//    revision, not the article: the machine publication date wins over it
//    when there is one (measured on both benchmarks: of 42 pages showing
//    an update and a different machine publication date, readers' "article
//    date" is the publication date on 23, the update on 19; re-measured
//    on wcxb-dev: taking the update gains 17 pages and loses 24).
// 3. Without a shown date: the machine publication date, then the date
//    just after the author's name (an author box after the article), then a
//    labelled dateline anywhere ("Posted on ..."), then the URL's date (the
//    article's own permalink), then a date in an element named for dates
//    (which may be a sidebar's).
// Instants are always honest UTC: a page written in UTC+05:30 at 01:00 on
// December 19 is December 18 in UTC.

/// A date as a page writes it: the calendar day in the writer's own offset
/// (what readers of the page see), and the instant in UTC microseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    day: NaiveDate,
    utc_micros: i64,
}

impl Stamp {
    /// A day without a time: midnight UTC of that calendar day.
    fn of_day(day: NaiveDate) -> Option<Self> {
        Some(Stamp { day, utc_micros: Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?).timestamp_micros() })
    }

    /// Whether the stamp is a day without a time: midnight UTC of its own day.
    fn is_bare_day(&self) -> bool {
        Stamp::of_day(self.day).is_some_and(|midnight| midnight == *self)
    }

    /// The calendar day of the instant in UTC.
    fn utc_day(&self) -> Option<NaiveDate> {
        DateTime::from_timestamp_micros(self.utc_micros).map(|dt| dt.date_naive())
    }

    /// Whether `instant` may fall on this stamp's day somewhere in the world
    /// (UTC-12 to UTC+14): a date shown without a time is the writer's local
    /// day, and a machine date written in UTC may name the day before or after.
    fn could_be(&self, instant: &Stamp) -> bool {
        const HOUR: i64 = 3_600_000_000;
        let Some(midnight) = Stamp::of_day(self.day) else { return false };
        (midnight.utc_micros - 14 * HOUR..midnight.utc_micros + 36 * HOUR).contains(&instant.utc_micros)
    }
}

/// JSON-LD and `<meta>` keys for when an article was published, and for
/// when it was last modified.
const JSON_LD_PUBLISHED: [&str; 2] = ["datePublished", "dateCreated"];
const JSON_LD_MODIFIED: [&str; 1] = ["dateModified"];
const META_PUBLISHED: [&str; 16] = [
    "article:published_time", "og:published_time", "og:article:published_time", "published_time", "dc.date",
    "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "dcterms.date", "datepublished",
    "sailthru.date", "parsely-pub-date", "article.published", "pubdate", "date",
];
const META_MODIFIED: [&str; 6] = [
    "article:modified_time", "og:updated_time", "dc.date.modified", "dcterms.modified", "datemodified", "last-modified",
];

fn published_at(
    metas: &MetaTags,
    json_ld: &JsonLd,
    elements: &Elements,
    visible: &VisibleText,
    byline: Option<&str>,
    urls: [Option<&str>; 2],
) -> Option<i64> {
    let published = machine_dates(metas, json_ld, &JSON_LD_PUBLISHED, &META_PUBLISHED, true);
    let modified = machine_dates(metas, json_ld, &JSON_LD_MODIFIED, &META_MODIFIED, false);
    let shown = shown_date(&elements.times, visible);
    // A publication dated after the update the page shows is not the
    // article's first appearance but a later save: the page's date is the
    // only one left standing, and the machine dates are not its instant.
    let contradicted = |s: &ShownDate| s.is_update && published.first().is_some_and(|p| p.day > s.stamp.day);
    if let Some(update) = shown.filter(contradicted) {
        return Some(update.stamp.utc_micros);
    }
    // An update note is the revision's date; the publication date, when the
    // publisher gives one, is the article's.
    let shown = shown.filter(|s| !s.is_update || published.is_empty()).map(|s| s.stamp);
    if let Some(shown) = shown {
        // Publication dates are tried before modification dates: a page
        // revised on the day after it went out (in UTC) has its revision on
        // the shown day as written and its publication only in some zone.
        // Sources that write the same local time with different offsets
        // contradict each other: the one whose UTC day is the shown day
        // contradicts the page least.
        let on_shown_day = |dates: &[Stamp]| {
            let same_day = || dates.iter().filter(|m| m.day == shown.day);
            same_day()
                .find(|m| m.utc_day() == Some(shown.day))
                .or_else(|| same_day().next())
                .or_else(|| dates.iter().find(|m| shown.could_be(m)))
                .copied()
        };
        let exact = on_shown_day(&published).or_else(|| on_shown_day(&modified));
        return Some(exact.unwrap_or(shown).utc_micros);
    }
    let from_date_elements = || {
        elements
            .named()
            .date_named
            .iter()
            .take(20)
            .find_map(|&el| Some(element_text(el)).filter(|t| t.chars().count() <= 80).and_then(|t| text_date(&t)))
            .and_then(Stamp::of_day)
    };
    let from_url = || urls.iter().flatten().find_map(|u| date_in_url(u));
    // A publication written as a bare day (midnight UTC) names no time: an
    // instant another source gives that may fall on that day is the same
    // publication, told precisely.
    let precise = |day: Stamp| published.iter().copied().find(|p| !p.is_bare_day() && day.could_be(p)).unwrap_or(day);
    published
        .first()
        .map(|&first| if first.is_bare_day() { precise(first) } else { first })
        .or_else(|| next_to_byline(visible, byline?))
        .or_else(|| labelled_dateline(visible))
        .or_else(from_url)
        .or_else(from_date_elements)
        .map(|s| s.utc_micros)
}

/// Machine-readable dates under the given keys, most reliable first: the
/// article's JSON-LD, `<meta>` tags, then a web page's JSON-LD (its own date,
/// less specific than the article's).
fn machine_dates(
    metas: &MetaTags,
    json_ld: &JsonLd,
    ld_keys: &[&str],
    meta_keys: &[&str],
    published: bool,
) -> Vec<Stamp> {
    let date_of = |o: &Value| ld_keys.iter().find_map(|k| json_first_string(o, k).and_then(|d| parse_date(&d)));
    let mut out: Vec<Stamp> = json_ld.articles().filter_map(date_of).collect();
    out.extend(metas.all(meta_keys).filter_map(parse_date));
    if published {
        // Other names publishers give the field: `publish-date`, `published_date`...
        let mut keys: Vec<&String> =
            metas.0.keys().filter(|k| k.contains("publish") && !k.contains("publisher")).collect();
        keys.sort();
        out.extend(keys.into_iter().flat_map(|k| metas.0.get(k).into_iter().flatten()).filter_map(|v| parse_date(v)));
    }
    out.extend(json_ld.typed(|t| t.ends_with("Page")).filter_map(date_of));
    out
}

/// How many text nodes apart a publication and an update date shown
/// together may be.
const DATELINE_SPREAD: usize = 3;

/// A date shown to readers, and whether its label says it is an update.
#[derive(Clone, Copy)]
struct ShownDate {
    stamp: Stamp,
    is_update: bool,
}

/// "Updated", "Last modified", "Reviewed"... in the languages of [`month_number`].
fn is_update_label(text: &str) -> bool {
    static_regex!(r"(?i)updated|modified|reviewed|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt|mis à jour|mise à jour").is_match(text)
}

/// Whether an element's markup marks it as the date of a modification:
/// schema.org's `dateModified`, or hAtom's `updated` class without its
/// `published` one (themes put both on a date never revised).
fn is_marked_modified(el: ElementRef) -> bool {
    // One pass over the attributes, read in place (`Element::classes` interns
    // every class name), names compared as interned atoms.
    let (mut modified_prop, mut updated, mut published) = (false, false, false);
    for (name, value) in el.value().attrs.iter() {
        if name.local == local_name!("itemprop") {
            modified_prop |= value.split_whitespace().any(|p| p == "dateModified");
        } else if name.local == local_name!("class") {
            for class in value.split_ascii_whitespace() {
                updated |= class == "updated";
                published |= class == "published";
            }
        }
    }
    modified_prop || (updated && !published)
}

/// The date shown to readers: the first one in a short text near the
/// headline (a `<time>` there gives its `datetime` when its text is not a
/// date, as in "3 days ago"), else in a `<time>` element of the article or
/// its byline area. Its label is in its own text or in the short text just
/// before ("Updated on" / "April 19, 2025").
fn shown_date(times: &[ElementRef], visible: &VisibleText) -> Option<ShownDate> {
    let written_at = |i: usize| {
        let text = visible.text(i).filter(|t| t.chars().count() <= 80)?;
        dateline_date(text).and_then(Stamp::of_day).or_else(|| parse_timestamp(text))
    };
    let is_update_at = |i: usize| {
        let label = i.checked_sub(1).and_then(|j| visible.text(j)).filter(|t| t.chars().count() <= 30);
        visible.text(i).is_some_and(is_update_label)
            || label.is_some_and(is_update_label)
            || visible.marked_modified.get(i).is_some_and(|&m| m)
    };
    let shown_at = |i: usize| {
        let datetime = || visible.datetimes.get(i).copied().flatten().and_then(parse_date);
        Some(ShownDate { stamp: written_at(i).or_else(datetime)?, is_update: is_update_at(i) })
    };
    let first = visible.near_headline().into_iter().find_map(|i| Some((i, shown_at(i)?)));
    // A publication date shown beside the update ("December 22, 2022" /
    // "Updated: January 2, 2026") is the article's.
    let near_headline = first.map(|(i, shown)| {
        let beside = (i.saturating_sub(DATELINE_SPREAD)..=i + DATELINE_SPREAD).filter(|&j| j != i);
        let published_beside = || beside.filter(|&j| !is_update_at(j)).find_map(written_at);
        match shown.is_update.then(published_beside).flatten() {
            Some(stamp) => ShownDate { stamp, is_update: false },
            None => shown,
        }
    });
    let time_element = || {
        // `article time[datetime], main time[datetime], time[itemprop~=datePublished], time[pubdate]`
        let published_time = |t: &ElementRef| {
            let v = t.value();
            let in_article =
                || t.ancestors().filter_map(ElementRef::wrap).any(|a| matches!(a.value().name(), "article" | "main"));
            (v.attr("datetime").is_some() && in_article())
                || v.attr("itemprop").is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "datePublished"))
                || v.attr("pubdate").is_some()
        };
        let dated = |t: &ElementRef| t.value().attr("datetime").is_some();
        times
            .iter()
            .copied()
            .filter(published_time)
            .chain(times.iter().copied().filter(dated).filter(|t| in_byline_area(*t)))
            .filter(|t| !in_comments_or_nav(*t))
            .find_map(|t| {
                let stamp = t.value().attr("datetime").and_then(parse_date)?;
                let class = [t.value().attr("class"), t.value().attr("itemprop")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                Some(ShownDate { stamp, is_update: is_update_label(&class) })
            })
    };
    near_headline.or_else(time_element)
}

/// How many text nodes after an author's name may hold the date shown with it.
const AFTER_BYLINE: usize = 3;

/// A dateline just after where the author's name is first shown, however
/// far from the headline (an author box after the article). Later mentions
/// are other posts by the same author (related-post cards).
fn next_to_byline(visible: &VisibleText, byline: &str) -> Option<Stamp> {
    let first_author = byline.split(", ").next().filter(|a| !a.is_empty())?;
    // The normalised text only joins words with single spaces: a node
    // whose raw text lacks the name's first word cannot hold the name.
    let first_word = first_author.split(' ').next().unwrap_or(first_author);
    let holds_author = |i: &usize| {
        visible.raw.get(*i).is_some_and(|raw| raw.contains(first_word))
            && visible.text(*i).is_some_and(|t| t.len() <= 100 && t.contains(first_author))
    };
    let author_node = (0..visible.len()).find(holds_author)?;
    let after = (author_node + 1..visible.len()).take(AFTER_BYLINE).filter_map(|j| visible.text(j));
    after.filter(|t| t.chars().count() <= 80).find_map(dateline_date).and_then(Stamp::of_day)
}

/// A dateline with a publication or update label ("Posted on April 13,
/// 2023", "Last updated: November 13, 2025") anywhere in the visible text:
/// the label says whose date it is, however far from the headline. Words
/// before the label are the post's kind or section ("Essay - Published:
/// 2025.12.17"). In a longer text, a publication label directly followed by
/// the date ("This article was originally published on 26 Sep 2019 at
/// 4:12pm but has been regularly updated").
fn labelled_dateline(visible: &VisibleText) -> Option<Stamp> {
    let label = static_regex!(r"(?i)\b(?:published|posted|updated|publié|publicado|veröffentlicht|pubblicato)\b");
    let published_on =
        static_regex!(r"(?i)\b(?:published|posted|publié|publicado|veröffentlicht|pubblicato)(?:\s+on|\s+the|:)?\s+");
    let labelled = |t: &str| {
        if t.chars().count() <= 80 {
            return label.find(t).and_then(|m| t.get(m.start()..)).and_then(dateline_date);
        }
        let rest = t.get(published_on.find(t)?.end()..)?;
        find_text_date(rest).filter(|(_, span)| span.start == 0).map(|(date, _)| date)
    };
    // Normalising whitespace keeps every run of digits: the raw text tells.
    let dated = (0..visible.len()).filter(|&i| visible.raw.get(i).is_some_and(|raw| has_year_digits(raw)));
    dated.filter_map(|i| visible.text(i)).find_map(labelled).and_then(Stamp::of_day)
}

/// Whether an element sits in a byline / post-meta area (looked up a few levels).
fn in_byline_area(el: ElementRef) -> bool {
    el.ancestors().take(4).filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        let attrs = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_ascii_lowercase();
        v.name() == "header"
            || ["byline", "meta", "date", "posted", "author", "header"].iter().any(|k| attrs.contains(k))
    })
}

/// Parses the date formats publishers put in metadata. A value without a
/// time is midnight UTC; a value without an offset is UTC.
fn parse_date(raw: &str) -> Option<Stamp> {
    parse_timestamp(raw).or_else(|| text_date(raw.trim()).and_then(Stamp::of_day))
}

/// Parses a text that is nothing but a machine timestamp (RFC 3339, RFC
/// 2822, ISO 8601), as metadata holds and some pages show.
fn parse_timestamp(raw: &str) -> Option<Stamp> {
    let s = raw.trim();
    // Every form reads its numbers in ASCII digits: most texts (run through
    // here near every headline) have none.
    if !has_ascii_digit(s) {
        return None;
    }
    let stamp = |dt: DateTime<chrono::FixedOffset>| Stamp {
        day: dt.date_naive(),
        utc_micros: dt.with_timezone(&Utc).timestamp_micros(),
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(stamp(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(stamp(dt));
    }
    // ISO 8601 variants: space for `T`, `+0100` or `+01` offsets, no seconds,
    // fractions, trailing `Z` or `UTC`.
    let iso = static_regex!(
        r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$"
    );
    // Its year is read as four ASCII digits at the start (`\d` also matches
    // other scripts' digits, which `parse` refuses): most texts fail here.
    if !s.as_bytes().get(..4).is_some_and(|year| year.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let caps = iso.captures(s)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = caps.get(1)?.as_str().parse::<i32>().ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(2)?, num(3)?)?;
    let time = date.and_hms_opt(num(4).unwrap_or(0), num(5).unwrap_or(0), num(6).unwrap_or(0))?;
    let offset_secs = caps.get(7).map_or(Some(0), |m| parse_offset(m.as_str()))?;
    let utc = NaiveDateTime::checked_sub_signed(time, chrono::Duration::seconds(i64::from(offset_secs)))?;
    Some(Stamp { day: date, utc_micros: Utc.from_utc_datetime(&utc).timestamp_micros() })
}

/// `Z`, `UTC`, `+01`, `+0100`, `+01:00` as seconds east of UTC.
fn parse_offset(s: &str) -> Option<i32> {
    if matches!(s, "Z" | "UTC" | "GMT") {
        return Some(0);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// Month names (English, German, French, Spanish, Italian, Portuguese,
/// Dutch) and abbreviations, by month.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "januar", "janvier", "enero", "ene", "gennaio", "janeiro", "januari"],
    &["february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari"],
    &["march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt"],
    &["april", "apr", "avril", "abril", "abr", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "jun", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "jul", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
    &["september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"],
    &["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro"],
    &["november", "nov", "novembre", "noviembre", "novembro"],
    &["december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre", "dic", "dicembre", "dezembro"],
];

/// A month name or abbreviation → its month number.
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|names| names.contains(&w.as_str())).and_then(|i| u32::try_from(i + 1).ok())
}

/// A calendar date written in text ("Published March 5, 2024", "5 March
/// 2024", "25.03.2024", "2024-03-05", "3/25/2024"). Numeric dates whose day
/// and month order is ambiguous give None.
fn text_date(text: &str) -> Option<NaiveDate> {
    find_text_date(text).map(|(date, _)| date)
}

/// The first date written in a text, and its byte range in the text.
fn find_text_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    // Every form has a four-digit year: most texts are ruled out without a regex.
    if !has_year_digits(text) {
        return None;
    }
    // A date's word is a whole word of letters that [`month_number`] reads:
    // matching only month names finds the same dates as any word would.
    let month_first = static_regex!(&with_month_names(r"(?i)\b(MONTH)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"));
    // Day first also with hyphens, as date formats of some CMSs write it ("04-Aug-2021").
    let day_first = static_regex!(&with_month_names(
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?(?:\s+|-)(?:de\s+)?(MONTH)\.?,?(?:\s+|-)(?:de\s+)?(\d{4})\b"
    ));
    let iso = static_regex!(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b");
    let numeric = static_regex!(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b");
    let date = |y: &str, m: u32, d: &str| NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?);
    let span = |c: &regex::Captures| c.get(0).map_or(0..0, |m| m.range());
    let named = month_first
        .captures_iter(text)
        .find_map(|c| Some((month_number(&c[1]).and_then(|m| date(&c[3], m, &c[2]))?, span(&c))))
        .or_else(|| {
            day_first
                .captures_iter(text)
                .find_map(|c| Some((month_number(&c[2]).and_then(|m| date(&c[3], m, &c[1]))?, span(&c))))
        });
    if named.is_some() {
        return named;
    }
    if let Some(c) = iso.captures(text) {
        return Some((date(&c[1], c[2].parse().ok()?, &c[3])?, span(&c)));
    }
    let c = numeric.captures(text)?;
    let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    // Read only when one of the numbers cannot be a month, or both orders
    // agree: US pages write month-first dates with dots too ("09.10.2024"
    // for September 10).
    let (day, month) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, false) if a == b => (a, b),
        (false, true) => (b, a),
        _ => return None,
    };
    Some((date(&c[3], month, &day.to_string())?, span(&c)))
}

/// A date pattern with `MONTH` standing for any of [`MONTHS`].
fn with_month_names(pattern: &str) -> String {
    pattern.replace("MONTH", &MONTHS.concat().join("|"))
}

/// Whether a text has an ASCII digit. A branch-free pass (vectorised by the
/// compiler): it runs on every visible text, and most have none.
fn has_ascii_digit(text: &str) -> bool {
    text.bytes().fold(0u8, |found, b| found | u8::from(b.is_ascii_digit())) != 0
}

/// Whether a text has four ASCII digits in a row, as every year
/// [`find_text_date`] reads has.
fn has_year_digits(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// Words that may stand with a date in a dateline: labels, times, zones,
/// weekdays, reading time (English, French, Spanish, German, Italian).
const DATELINE_WORDS: [&str; 76] = [
    "published", "publish", "updated", "update", "last", "posted", "on", "the", "by", "at", "date", "modified",
    "reviewed", "created", "written", "originally", "first", "mise", "am", "pm", "a", "p", "m", "est", "edt", "cst",
    "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "utc", "gmt", "cet", "cest", "bst", "ist", "min", "mins", "minute",
    "minutes", "read", "publié", "publie", "le", "mis", "à", "jour", "publicado", "actualizado", "el",
    "veröffentlicht", "aktualisiert", "um", "uhr", "pubblicato", "il", "aggiornato", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
];

/// The date of a text that is a dateline: a date with only its label, time
/// and the like around it ("Updated on March 5, 2024 at 10:00 am"). A
/// sentence that mentions a date ("valid until March 5, 2024") is not one.
/// Post-meta lines join their parts with separators ("By Jane Doe | Apr 21,
/// 2017 | Products Liability"): each part is read on its own.
fn dateline_date(text: &str) -> Option<NaiveDate> {
    // A part has a year only where the whole text has one: most texts have none.
    if !has_year_digits(text) {
        return None;
    }
    text.split(['|', '•', '·']).find_map(dateline_part_date)
}

/// [`dateline_date`] of one part of a post-meta line.
fn dateline_part_date(text: &str) -> Option<NaiveDate> {
    let (date, span) = find_text_date(text)?;
    let rest = [text.get(..span.start)?, text.get(span.end..)?];
    // "16-19 March 2026" is an event's dates, not the article's.
    if rest[0].trim_end().strip_suffix(['-', '–']).is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    let is_dateline_word =
        |w: &&str| w.chars().all(|c| c.is_ascii_digit()) || DATELINE_WORDS.contains(&w.to_lowercase().as_str());
    let other_words = rest
        .iter()
        .flat_map(|r| r.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .filter(|w| !is_dateline_word(w));
    (other_words.count() == 0).then_some(date)
}

/// A `/2024/03/05/` (or `/2024-03-05/`, `/2024/march/05/`) date in a URL path.
fn date_in_url(url: &str) -> Option<Stamp> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    // Separators may be percent-encoded (`%2F`) in URLs copied from metadata.
    let caps = static_regex!(&with_month_names(
        r"(?i)(?:/|%2F)((?:19|20)\d{2})(?:[/-]|%2F)(\d{1,2}|MONTH)(?:[/-]|%2F)(\d{1,2})(?:\D|$)"
    ))
    .captures(path)?;
    let year = caps.get(1)?.as_str().parse().ok()?;
    let month = caps.get(2).and_then(|m| m.as_str().parse().ok().or_else(|| month_number(m.as_str())))?;
    let day = caps.get(3)?.as_str().parse().ok()?;
    Stamp::of_day(NaiveDate::from_ymd_opt(year, month, day)?)
}

// ------------------------------------------------------------- language

fn language(doc: &Html, metas: &MetaTags) -> Option<String> {
    let html_lang = doc.root_element().value().attr("lang").or_else(|| doc.root_element().value().attr("xml:lang"));
    html_lang
        .into_iter()
        .chain(metas.first(&["content-language", "language", "dc.language"]))
        .chain(metas.first(&["og:locale"]))
        .find_map(normalize_language_tag)
}

/// `en_us` → `en-US`, `zh-hant-tw` → `zh-Hant-TW`; the first of a list.
fn normalize_language_tag(raw: &str) -> Option<String> {
    let first = raw.split([',', ';']).next()?.trim().replace('_', "-");
    let mut parts = first.split('-').filter(|p| !p.is_empty());
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut tag = primary.to_ascii_lowercase();
    for sub in parts {
        if !sub.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        tag.push('-');
        match sub.len() {
            2 => tag.push_str(&sub.to_ascii_uppercase()),
            4 => {
                let mut chars = sub.chars();
                if let Some(c) = chars.next() {
                    tag.push(c.to_ascii_uppercase());
                }
                tag.push_str(&chars.as_str().to_ascii_lowercase());
            }
            _ => tag.push_str(&sub.to_ascii_lowercase()),
        }
    }
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str, url: Option<&str>) -> Metadata {
        extract_metadata(&Html::parse_document(html), url)
    }

    fn micros(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339).expect("test date").timestamp_micros()
    }

    #[test]
    fn json_ld_graph_with_news_article() {
        // Yoast-style graph: the author is a reference to a Person node; the
        // script has a comment and a trailing comma, as real pages do.
        let html = r#"<html><head><title>Council Approves Budget - The Gazette</title>
            <script type="application/ld+json">
            /* generated */
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "@id": "https://gazette.example/#website", "name": "The Gazette"},
              {"@type": ["NewsArticle"], "headline": "Council Approves Budget",
               "datePublished": "2024-03-05T10:30:00-05:00",
               "author": [{"@id": "https://gazette.example/#/person/1"}],
               "publisher": {"@type": "Organization", "name": "The Gazette"},},
              {"@type": "Person", "@id": "https://gazette.example/#/person/1", "name": "Jane Doe"}
            ]}
            </script></head><body><h1>Council Approves Budget</h1><p>Text.</p></body></html>"#;
        let m = meta_of(html, None);
        assert_eq!(m.title.as_deref(), Some("Council Approves Budget"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(m.published_at, Some(micros("2024-03-05T15:30:00Z")));
        assert_eq!(m.site_name.as_deref(), Some("The Gazette"));
    }

    #[test]
    fn json_ld_moved_into_a_meta_tag() {
        let html = r#"<html><head><meta name="script:ld+json" content="{&quot;@type&quot;: &quot;NewsArticle&quot;,
            &quot;author&quot;: {&quot;@type&quot;: &quot;Person&quot;, &quot;name&quot;: &quot;Jane Doe&quot;},
            &quot;datePublished&quot;: &quot;2024-03-05T10:30:00Z&quot;}"></head><body><h1>Council Approves Budget</h1></body></html>"#;
        let m = meta_of(html, None);
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(m.published_at, Some(micros("2024-03-05T10:30:00Z")));
    }

    #[test]
    fn comment_state_flags_do_not_hide_the_article() {
        let html = r#"<html><body><article class="post has-comments comments-open"><h1>Floods Close Roads</h1>
            <p class="byline">By Jane Doe</p><p>March 5, 2024</p><p>Heavy rain fell.</p></article>
            <div id="comments" class="comments-area"><p>By John Roe</p><p>March 9, 2024</p></div></body></html>"#;
        let m = meta_of(html, None);
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(m.published_at, Some(micros("2024-03-05T00:00:00Z")));
        assert!(
            is_comments_token("post-comments")
                && is_comments_token("disqus_thread")
                && !is_comments_token("has-comments")
        );
    }

    #[test]
    fn byline_drops_by_and_job_title() {
        let html = r#"<html><body><article><h1>Floods Close Roads</h1>
            <div class="byline">By Jane Doe, Staff Writer</div><p>Heavy rain fell.</p></article></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn byline_joins_several_authors() {
        assert_eq!(clean_byline("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(clean_byline("Written by: Ana Lima | March 5, 2024"), ["Ana Lima"]);
        // An organisation name keeps its "and".
        assert_eq!(
            clean_byline("Center for Drug Evaluation and Research"),
            ["Center for Drug Evaluation and Research"]
        );
        let html = r#"<html><head><meta name="author" content="Jane Doe"><meta name="author" content="John Roe"></head></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe, John Roe"));
    }

    #[test]
    fn by_line_after_a_long_article() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><h1>Choosing a CRM</h1>{paragraphs}<div class="bio"><p>Written by John Crenshaw</p>
            <p>John writes about software.</p></div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).byline.as_deref(), Some("John Crenshaw"));
        // A weaker name found earlier (the site's) is not replaced by it.
        let with_site = html.replace("<html>", r#"<html><head><meta name="author" content="crmsite"></head>"#);
        assert_eq!(meta_of(&with_site, None).byline.as_deref(), Some("crmsite"));
    }

    #[test]
    fn author_url_is_not_a_name() {
        let html = r#"<html><head><meta property="article:author" content="https://www.facebook.com/janedoe">
            </head><body><a rel="author" href="/by/jane">Jane Doe</a></body></html>"#;
        assert_eq!(meta_of(html, None).byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn unparseable_date_gives_none() {
        let html = r#"<html><head><meta property="article:published_time" content="sometime last week"></head>
            <body><h1>A Story</h1></body></html>"#;
        assert_eq!(meta_of(html, Some("https://news.example/story")).published_at, None);
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(text_date("04/05/2024"), None, "day and month order is ambiguous");
        assert_eq!(text_date("09.10.2024"), None, "dotted dates too");
        assert_eq!(text_date("12.12.2025"), NaiveDate::from_ymd_opt(2025, 12, 12), "either order");
    }

    #[test]
    fn date_formats_normalise_to_utc() {
        let utc = |raw: &str| parse_date(raw).map(|s| s.utc_micros);
        assert_eq!(utc("2024-03-05"), Some(micros("2024-03-05T00:00:00Z")));
        assert_eq!(utc("2024-03-05 23:10:00+0200"), Some(micros("2024-03-05T21:10:00Z")));
        assert_eq!(utc("Tue, 05 Mar 2024 10:00:00 GMT"), Some(micros("2024-03-05T10:00:00Z")));
        assert_eq!(utc("Feb 08, 2022"), Some(micros("2022-02-08T00:00:00Z")));
        assert_eq!(text_date("Published on 5. März 2024"), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(text_date("Last updated: 25/03/2024"), NaiveDate::from_ymd_opt(2024, 3, 25));
        assert_eq!(text_date("Pubblicato il 7 luglio 2025"), NaiveDate::from_ymd_opt(2025, 7, 7));
        assert_eq!(text_date("FlowGuard EMEA on 04-ago-2021 5:11:10"), NaiveDate::from_ymd_opt(2021, 8, 4));
        // The day as written is kept apart from the UTC instant it names.
        let local = parse_date("2025-12-19T01:00:00+05:30").expect("parses");
        assert_eq!(local.day, NaiveDate::from_ymd_opt(2025, 12, 19).expect("date"));
        assert_eq!(local.utc_micros, micros("2025-12-18T19:30:00Z"));
    }

    #[test]
    fn date_from_url_path_when_nothing_else() {
        let html = "<html><body><h1>Floods Close Roads</h1><p>Heavy rain.</p></body></html>";
        let m = meta_of(html, Some("https://news.example/world/2024/03/05/floods-close-roads/"));
        assert_eq!(m.published_at, Some(micros("2024-03-05T00:00:00Z")));
        assert_eq!(date_in_url("https://news.example/2024/13/05/x"), None);
        assert_eq!(
            date_in_url("https://blog.example/articles/2025-12-15+Rust+backend").map(|s| s.utc_micros),
            Some(micros("2025-12-15T00:00:00Z"))
        );
        assert_eq!(date_in_url("https://news.example/2024/03/051/x"), None);
        assert_eq!(
            date_in_url("https://www.wine.example/knowledge-centre/blog/2023/october/03/how-many-wine-types/")
                .map(|s| s.utc_micros),
            Some(micros("2023-10-03T00:00:00Z"))
        );
        assert_eq!(date_in_url("https://news.example/2024/octopus/03/x"), None);
        // The permalink's date before a related post's, below the article.
        let article = "<p>Wine comes in six styles.</p>".repeat(AFTER_HEADLINE);
        let html = format!(
            r#"<html><body><h1>How Many Wine Types Are There?</h1><div class="blog-date">03/10/2023</div>{article}
            <aside><span class="post_date">16 February 2026</span></aside></body></html>"#
        );
        let m = meta_of(&html, Some("https://www.wine.example/blog/2023/october/03/how-many-wine-types/"));
        assert_eq!(m.published_at, Some(micros("2023-10-03T00:00:00Z")));
    }

    #[test]
    fn visible_date_next_to_the_headline() {
        let html = r#"<html><body><nav>Home</nav><h1>Floods Close Roads</h1>
            <p><span>Posted on</span> <span>March 5, 2024</span></p><p>Heavy rain fell on the region.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2024-03-05T00:00:00Z")));
    }

    #[test]
    fn date_just_above_the_headline_beats_related_posts_below() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(12);
        let html = format!(
            r#"<html><body><p>Mobile</p><p>January 16, 2025</p><h1>Types of Mobile Apps</h1>{paragraphs}
            <h3>Related</h3><p>July 15, 2025</p></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_at, Some(micros("2025-01-16T00:00:00Z")));
    }

    #[test]
    fn date_element_after_a_long_article() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><h1>How Mobile Apps Are Made</h1>{paragraphs}
            <div class="author-box"><p>Moses Kim</p><p class="post-date">April 8, 2024</p></div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_at, Some(micros("2024-04-08T00:00:00Z")));
    }

    #[test]
    fn title_suffix_is_stripped() {
        let with_site = r#"<html><head><meta property="og:site_name" content="Daily Planet">
            <title>Floods close roads across the region | Daily Planet</title></head></html>"#;
        assert_eq!(meta_of(with_site, None).title.as_deref(), Some("Floods close roads across the region"));
        assert_eq!(
            strip_site_name("Floods close roads across the region - The Gazette", None),
            "Floods close roads across the region"
        );
        assert_eq!(
            strip_site_name("World | Floods close roads across the region", None),
            "Floods close roads across the region"
        );
        assert_eq!(strip_site_name("Rust 2024 - what changes", None), "Rust 2024 - what changes");
        assert_eq!(strip_site_name("A brief intro to git • Cory Dransfeldt", None), "A brief intro to git");
    }

    #[test]
    fn logo_heading_is_not_the_title() {
        let html = r#"<html><head><title>Small adventures with models - Data Blog</title></head><body>
            <header><h1><a href="https://blog.example/">Data Blog</a></h1><nav>Home</nav></header>
            <h3>Small adventures with models</h3></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Small adventures with models"));
    }

    #[test]
    fn heading_loses_the_title_suffixes_it_repeats() {
        let html = r#"<html><head><title>How meditation rewires brains and improves physical health | Opinion</title></head>
            <body><h1>How meditation rewires brains and improves physical health | Opinion</h1><p>Sit still.</p></body></html>"#;
        assert_eq!(
            meta_of(html, None).title.as_deref(),
            Some("How meditation rewires brains and improves physical health")
        );
        let html = r#"<html><head><meta property="og:site_name" content="Artlyst">
            <title>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst - Artlyst</title></head>
            <body><h1>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst</h1><p>Ten shows.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Critics’ Choice: Best UK Art Exhibitions 2025"));
        // A dash in a heading is the headline's own.
        let html = r#"<html><head><title>Transitioning to a plant-based diet – tips and tricks | Parkview Health</title></head>
            <body><h1>Transitioning to a plant-based diet – tips and tricks</h1><p>Start slowly.</p></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Transitioning to a plant-based diet – tips and tricks"));
    }

    #[test]
    fn heading_with_a_date_or_label_before_the_title_shows_the_title() {
        let html = r#"<html><head><title>Preparing a transition in Debusine | Colin Watson's blog</title></head>
            <body><main><h1><span>Dec 18 2025</span> Preparing a transition in Debusine</h1><p>Debian's tooling.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Preparing a transition in Debusine"));
        let html = r#"<html><head><meta property="og:title" content="Best Social Media Advertising Agencies in 2025"></head>
            <body><main><h1>Blog: Best Social Media Advertising Agencies in 2025</h1><p>Ranked.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Best Social Media Advertising Agencies in 2025"));
        // "The" is the headline's own word, not a label.
        let html = r#"<html><head><title>Best Home Security Cameras of 2026 | Security.org</title></head>
            <body><main><h1>The Best Home Security Cameras of 2026</h1><p>Tested.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("The Best Home Security Cameras of 2026"));
    }

    #[test]
    fn section_heading_is_not_the_title() {
        let html = r#"<html><head><title>Babies Who Eat Peanuts Early May Avoid Allergy</title></head><body>
            <main><h1>Allergies Health Center</h1><p>Feeding peanut products early may help.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Babies Who Eat Peanuts Early May Avoid Allergy"));
        // A heading worded apart from the metadata's title, sharing its words, is the headline shown.
        let html = r#"<html><head><title>Affordable food: Nutrition for low-income families | Arla Foods</title></head>
            <body><main><h1>Affordable nutrition</h1><p>Milk proteins are cheap.</p></main></body></html>"#;
        assert_eq!(meta_of(html, None).title.as_deref(), Some("Affordable nutrition"));
    }

    #[test]
    fn canonical_url_resolves_against_the_page() {
        let html = r#"<html><head><link rel="canonical" href="../news/story.html?id=1"></head></html>"#;
        let m = meta_of(html, Some("https://news.example/section/page/index.html"));
        assert_eq!(m.url.as_deref(), Some("https://news.example/section/news/story.html?id=1"));
        let og = r#"<html><head><meta property="og:url" content="//news.example/a"></head></html>"#;
        assert_eq!(meta_of(og, Some("http://other.example/b")).url.as_deref(), Some("http://news.example/a"));
        assert_eq!(meta_of("<p>x</p>", Some("https://news.example/c")).url.as_deref(), Some("https://news.example/c"));
    }

    #[test]
    fn language_tags_are_normalised() {
        assert_eq!(meta_of(r#"<html lang="EN-us"><p>x</p></html>"#, None).language.as_deref(), Some("en-US"));
        let og = r#"<html><head><meta property="og:locale" content="pt_br"></head></html>"#;
        assert_eq!(meta_of(og, None).language.as_deref(), Some("pt-BR"));
        assert_eq!(normalize_language_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_language_tag("{{lang}}"), None);
    }

    #[test]
    fn shown_date_wins_over_machine_publication_date() {
        // A template's date in the metadata; readers see the article's own.
        let html = r#"<html><head><script type="application/ld+json">{"@type": "BlogPosting",
            "datePublished": "Jun 24, 2025"}</script></head><body><h1>How Much to Charge for Yoga</h1>
            <div class="staff"><div class="author">Shauna Mitchell</div><div class="date">August 25, 2024</div></div>
            <p>Prices vary by city.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2024-08-25T00:00:00Z")));
    }

    #[test]
    fn shown_update_date_yields_to_the_publication_date() {
        let head = r#"<head><meta property="article:published_time" content="2024-02-01T15:46:14+00:00">
            <meta property="article:modified_time" content="2025-04-19T23:02:46+00:00"></head>"#;
        let body = r#"<body><h1>How Video Production Works</h1><div class="header-update"><div>Updated on</div>
            <div>April 19, 2025</div></div><p>Video production has three stages.</p></body>"#;
        let page = format!("<html>{head}{body}</html>");
        assert_eq!(meta_of(&page, None).published_at, Some(micros("2024-02-01T15:46:14Z")));
        // Without a publication date, the update is the only date there is.
        let without = format!("<html>{}{body}</html>", head.replace("article:published_time", "x"));
        assert_eq!(meta_of(&without, None).published_at, Some(micros("2025-04-19T23:02:46Z")));
    }

    #[test]
    fn bare_publication_day_takes_the_instant_another_source_gives() {
        // The article's object gives the local day only; the page's object the instant (evening of that day in the US).
        let html = r#"<html><head><script type="application/ld+json">{"@graph": [
            {"@type": "Article", "datePublished": "2023-05-17T00:00:00+0000"},
            {"@type": "WebPage", "datePublished": "2023-05-18T04:39:05+00:00"}]}</script></head>
            <body><h1>MBA Rankings</h1><p>Full-time programs.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2023-05-18T04:39:05Z")));
        // An instant days away is another event: the day stays.
        let far = html.replace("2023-05-18T04:39:05", "2023-05-20T04:39:05");
        assert_eq!(meta_of(&far, None).published_at, Some(micros("2023-05-17T00:00:00Z")));
    }

    #[test]
    fn shown_update_wins_over_a_publication_dated_after_it() {
        // The metadata stamps one later save as both publication and modification.
        let html = r#"<html><head><script type="application/ld+json">{"@type": "Article",
            "datePublished": "13/11/2025 09:21:40", "dateModified": "13/11/2025 09:21:40"}</script></head>
            <body><h1>Eat Well on a Budget</h1><div class="date-type">Page updated:</div><div class="date">12 November 2025</div>
            <p>Seven days of meals.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-11-12T00:00:00Z")));
    }

    #[test]
    fn publication_date_shown_beside_the_update_wins() {
        let html = r#"<html><body><div><a href="/category/mental-health">Mental Health</a><span>DECEMBER 22, 2022</span>
            <span>Updated: JANUARY 02, 2026</span></div><h1>Ways Meditation Helps</h1><p>Breathe in.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2022-12-22T00:00:00Z")));
        // A `<time>` holding both: its datetime is the update's, not the text beside it.
        let html = r#"<html><body><h1>Meditation Calms Anxiety</h1><time datetime="2022-11-11T20:23:00-05:00">
            <span>Updated November 11, 2022</span><span>8:23 PM ET</span><span>Originally published
            <span>November 9, 2022</span></span></time><p>A new study.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2022-11-09T00:00:00Z")));
    }

    #[test]
    fn date_marked_as_modified_yields_to_the_publication_date() {
        // Shown first, marked only in the markup as the revision's date.
        let html = r#"<html><body><h1 class="entry-title" itemprop="headline">Espresso Machines Under $500</h1>
            <div class="entry-meta"><span class="posted-on"><time class="updated" datetime="2025-05-21T14:06:47+00:00"
            itemprop="dateModified">May 21, 2025</time><time class="entry-date published" datetime="2025-04-24T16:12:49+00:00"
            itemprop="datePublished">April 24, 2025</time></span></div><p>Our picks.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-04-24T00:00:00Z")));
        // Themes mark a never-revised date both published and updated.
        let doc = Html::parse_fragment(
            r#"<time class="entry-date published updated">12th February 2025</time><span class="updated">2025-11-03</span>"#,
        );
        let marked: Vec<bool> = doc.select(static_selector!("time, span")).map(is_marked_modified).collect();
        assert_eq!(marked, [false, true]);
    }

    #[test]
    fn machine_instant_kept_when_it_agrees_with_the_shown_day() {
        let html = r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle",
            "datePublished": "2025-12-19T01:00:00+05:30"}</script></head><body>
            <h1>Markets Rally</h1><p class="byline">By Jane Doe</p><p>December 19, 2025</p><p>Shares rose.</p></body></html>"#;
        // Honest UTC: 01:00 in UTC+05:30 is the evening before in UTC.
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-12-18T19:30:00Z")));
        // A machine date written in UTC may name the day next to the shown one.
        let shown = Stamp::of_day(NaiveDate::from_ymd_opt(2018, 6, 13).expect("date")).expect("stamp");
        assert!(shown.could_be(&parse_date("2018-06-12T23:00:00Z").expect("parses")));
        assert!(!shown.could_be(&parse_date("2018-06-11T09:00:00Z").expect("parses")));
    }

    #[test]
    fn shown_day_matched_to_the_publication_before_the_revision() {
        // Published at 23:00 UTC, shown as the next day in the writer's zone,
        // revised later that next day.
        let html = r#"<html><head><meta property="article:published_time" content="2025-12-02T23:00:55+00:00">
            <meta property="article:modified_time" content="2025-12-03T21:31:05+00:00"></head><body>
            <h1>Ethical Clothing Brands</h1><p>Published: 03 Dec 2025</p><p>Our editors curate.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-12-02T23:00:55Z")));
    }

    #[test]
    fn shown_day_matched_to_the_source_that_keeps_it_in_utc() {
        // JSON-LD writes the evening in New York, the meta tags the same
        // clock time in UTC: the page shows June 25.
        let html = r#"<html><head><script type="application/ld+json">{"@type": "Article",
            "datePublished": "2025-06-25T20:57:54-0400"}</script>
            <meta property="article:published_time" content="2025-06-25T20:57:00Z"></head><body>
            <h1>Hosting Trends</h1><p>By Rebecca Norris</p><p>Published: Jun 25, 2025</p><p>Every item.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-06-25T20:57:00Z")));
    }

    #[test]
    fn dateline_is_a_date_with_its_label_only() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(dateline_date("Updated on March 5, 2024 at 10:00 am EST"), day(2024, 3, 5));
        assert_eq!(dateline_date("Last Updated: Dec 17, 2025"), day(2025, 12, 17));
        assert_eq!(dateline_date("Friday, December 19, 2025"), day(2025, 12, 19));
        assert_eq!(dateline_date("Mise à jour le 5 mars 2024"), day(2024, 3, 5));
        assert_eq!(dateline_date("The offer is valid until December 3, 2025."), None);
        assert_eq!(dateline_date("Recorded on August 19, 2025"), None);
        assert_eq!(dateline_date("| Apr 21, 2017 | Products Liability"), day(2017, 4, 21));
        assert_eq!(dateline_date("Hotels | valid until December 3, 2025"), None);
    }

    #[test]
    fn dates_in_quotes_and_comments_are_not_the_articles() {
        let html = r#"<html><head><meta property="article:published_time" content="2025-07-20T10:00:00+00:00"></head><body>
            <h1>Best Apps</h1><blockquote><p>Great news!</p><a href="https://social.example/1">October 16, 2024</a></blockquote>
            <p>Our picks follow.</p><div class="comment-meta"><time datetime="2025-09-17T18:26:47+01:00">September 17, 2025</time></div>
            </body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2025-07-20T10:00:00Z")));
    }

    #[test]
    fn dateline_forms_and_event_ranges() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(dateline_date("Posted on the 15/12/2025 at 19:00 by"), day(2025, 12, 15));
        assert_eq!(dateline_date("- Mar 27, 2024"), day(2024, 3, 27));
        assert_eq!(dateline_date(": 16-19 March 2026"), None, "an event's dates");
        let html = r#"<html><body><h1>Cycling in Amsterdam</h1><p><span>Nick van Mead</span></p>
            <p><span>2022-11-23T08:10+02:00 </span></p><p>Bikes everywhere.</p></body></html>"#;
        assert_eq!(meta_of(html, None).published_at, Some(micros("2022-11-23T06:10:00Z")));
    }

    #[test]
    fn date_in_the_author_box_after_the_article() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><h1>How Mobile Apps Are Made</h1>{paragraphs}
            <div><p>Written by <a href="/blog/author/moses-kim">Moses Kim</a></p><p>April 8, 2024</p></div>
            <h3>Related</h3><div><span>Moses Kim</span><span>January 23, 2025</span></div></body></html>"#
        );
        let m = meta_of(&html, None);
        assert_eq!(m.byline.as_deref(), Some("Moses Kim"));
        assert_eq!(m.published_at, Some(micros("2024-04-08T00:00:00Z")));
    }

    #[test]
    fn labelled_date_far_from_the_headline() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            r#"<html><body><div class="news-date-list">Archive</div><h1>Journal Indexing</h1>{paragraphs}
            <div class="meta"><span>Posted on April 13, 2023</span></div></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_at, Some(micros("2023-04-13T00:00:00Z")));
        let html = format!(
            r#"<html><body><h1>The Language Death Spiral</h1>{paragraphs}
            <p class="pt-3"><span>Essay - Published: 2025.12.17 | </span><a href="/tags/tech">Tech</a></p></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_at, Some(micros("2025-12-17T00:00:00Z")));
        let html = format!(
            r#"<html><body><h1>Tiny House Roofs</h1>{paragraphs}<p>This article was originally published on 26 Sep 2019
            at 4:12pm but has been regularly updated to keep the information current.</p></body></html>"#
        );
        assert_eq!(meta_of(&html, None).published_at, Some(micros("2019-09-26T00:00:00Z")));
        let encoded = "https://blog.example%2Farticles%2F2025-12-15%2BRust%2Bbackend";
        assert_eq!(date_in_url(encoded).map(|s| s.utc_micros), Some(micros("2025-12-15T00:00:00Z")));
    }

    #[test]
    fn shortcuts_agree_with_the_long_forms() {
        let key = title_key("Floods Close Roads");
        assert!(has_title_key("FLOODS: close roads!", &key));
        assert!(!has_title_key("Floods close", &key));
        assert!(!has_title_key("Floods close roads again", &key));
        let words = NameWords::of("post-meta entry-date c-Byline__author");
        assert!(words.date && words.byline_capitalised && words.author && !words.byline && !words.publish);
        let words = NameWords::of("post-published byline");
        assert!(words.publish && words.byline && !words.posted && !words.date && !words.author);
        let words = NameWords::of("posted-on");
        assert!(words.posted && !words.publish);
        let none = NameWords::of("flex items-center bYline Date");
        assert!(!(none.byline || none.byline_capitalised || none.author || none.date || none.publish || none.posted));
        assert!(has_year_digits("Posted 5 March 2024") && !has_year_digits("5 min read, 12 comments"));
        assert!(has_ascii_digit("Posted 5 March") && !has_ascii_digit("Posted in March") && !has_ascii_digit(""));
    }

    #[test]
    fn month_names_in_any_case_and_after_other_words() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(text_date("Mittwoch, 5. MÄRZ 2024"), day(2024, 3, 5));
        assert_eq!(text_date("Sept. 5th, 2024"), day(2024, 9, 5));
        // Words that are not months, before and around the date.
        assert_eq!(text_date("Issue 12 2024 of the review, released Oct 3, 2024"), day(2024, 10, 3));
        assert_eq!(text_date("Mayor 5, 2024"), None);
        assert_eq!(text_date("15 de dezembro de 2025"), day(2025, 12, 15));
    }

    #[test]
    fn comment_words_are_found_in_any_case() {
        let doc = Html::parse_fragment(
            r#"<div class="post Comment-List"></div><div id="DISQUS_thread"></div><div class="has-comments x"></div><div id="discuss"></div><div class="summary commentary"></div><div class="COMMENTS"></div>"#,
        );
        let flags: Vec<bool> = doc.select(static_selector!("div")).map(is_comments).collect();
        assert_eq!(flags, [true, true, false, false, true, true]);
        assert!(
            !may_name_comments("")
                && !may_name_comments("m")
                && !may_name_comments("summary")
                && may_name_comments("x DisQus")
        );
    }

    #[test]
    fn author_found_across_a_line_break_in_the_page() {
        let paragraphs = "<p>Paragraph of the article.</p>".repeat(AFTER_HEADLINE + 10);
        let html = format!(
            "<html><head><meta name=\"author\" content=\"Moses Kim\"></head><body><h1>How Mobile Apps Are Made</h1>{paragraphs}
            <div><p>Moses\n   Kim</p><p>April 8, 2024</p></div></body></html>"
        );
        assert_eq!(meta_of(&html, None).published_at, Some(micros("2024-04-08T00:00:00Z")));
    }

    #[test]
    fn malformed_json_ld_is_read_or_ignored() {
        let values = parse_lenient_json(
            "<!-- {\"@type\": \"Article\", \"headline\": \"A\\\"B\", // note\n \"name\": \"x\",} -->",
        );
        assert_eq!(values.len(), 1);
        assert_eq!(values[0]["headline"], "A\"B");
        assert!(parse_lenient_json("{\"@type\": ").is_empty());
    }
}
