//! Source: the typed objects of a page's JSON-LD scripts, read as
//! publishers write them (comments, trailing commas, several values).

use super::{decode_entities, non_empty, normalize_whitespace};
use crate::extract::attribute::AttributeByName;
use html5ever::local_name;
use scraper::ElementRef;
use serde_json::Value;

/// The typed objects of a page's JSON-LD scripts, flattened out of arrays,
/// `@graph` lists and nesting, in document order.
pub(super) struct JsonLd(Vec<Value>);

/// How deep to look for typed objects inside JSON-LD (guards the recursion).
const JSON_LD_MAX_DEPTH: usize = 12;

impl JsonLd {
    pub fn collect(typed_scripts: &[ElementRef], metas: &[ElementRef]) -> Self {
        let mut objects = Vec::new();
        let scripts = typed_scripts
            .iter()
            .filter(|s| {
                s.value()
                    .attribute(&local_name!("type"))
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            })
            .map(|s| s.text().collect::<String>());
        // Some CMSs move their scripts into meta tags: `<meta name="script:ld+json" content="{...}">`.
        let moved = metas
            .iter()
            .filter(|m| {
                m.value()
                    .attribute(&local_name!("name"))
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case("script:ld+json"))
            })
            .filter_map(|m| m.value().attribute(&local_name!("content")).map(str::to_string));
        for raw in scripts.chain(moved) {
            for value in parse_lenient_json(&raw) {
                flatten_typed(&value, 0, &mut objects);
            }
        }
        JsonLd(objects)
    }

    /// Objects whose `@type` satisfies `pred`.
    pub fn typed<'a>(&'a self, pred: impl Fn(&str) -> bool + 'a) -> impl Iterator<Item = &'a Value> + 'a {
        self.0.iter().filter(move |o| types_of(o).iter().any(|t| pred(t)))
    }

    /// The object a `{"@id": ...}` reference points to.
    pub fn by_id(&self, id: &str) -> Option<&Value> {
        self.0.iter().find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.get("name").is_some())
    }

    /// Article-like objects: the page's main story.
    pub fn articles(&self) -> impl Iterator<Item = &Value> + '_ {
        self.typed(is_article_type)
    }
}

/// Whether a JSON-LD object is typed as an organisation (`Organization`,
/// `NewsMediaOrganization`...), not a person.
pub(super) fn is_organization(obj: &Value) -> bool {
    types_of(obj).iter().any(|t| t.ends_with("Organization"))
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting") || matches!(t, "Report" | "Review" | "Recipe" | "Blog")
}

pub(super) fn types_of(obj: &Value) -> Vec<&str> {
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
pub(super) fn json_strings(value: &Value, out: &mut Vec<String>) {
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

pub(super) fn json_first_string(obj: &Value, key: &str) -> Option<String> {
    let mut out = Vec::new();
    json_strings(obj.get(key)?, &mut out);
    out.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{meta_of, micros};
    use super::*;

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
    fn malformed_json_ld_is_read_or_ignored() {
        let values = parse_lenient_json(
            "<!-- {\"@type\": \"Article\", \"headline\": \"A\\\"B\", // note\n \"name\": \"x\",} -->",
        );
        assert_eq!(values.len(), 1);
        assert_eq!(values[0]["headline"], "A\"B");
        assert!(parse_lenient_json("{\"@type\": ").is_empty());
    }
}
