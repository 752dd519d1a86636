//! Source: `<meta>` tags, by key.

use super::{non_empty, normalize_whitespace};
use crate::extract::attribute::AttributeByName;
use html5ever::local_name;
use scraper::ElementRef;
use std::collections::HashMap;

/// `<meta>` values by lower-cased key (`name`, `property`, `itemprop` or
/// `http-equiv`), in document order. A `property` may list several keys
/// separated by spaces.
pub(super) struct MetaTags(pub HashMap<String, Vec<String>>);

impl MetaTags {
    pub fn collect(metas: &[ElementRef]) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for el in metas {
            let attrs = el.value();
            let Some(content) = attrs.attribute(&local_name!("content")).map(normalize_whitespace).and_then(non_empty)
            else {
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
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.get(*k).and_then(|v| v.first())).map(String::as_str)
    }

    /// All values of the keys, in key order.
    pub fn all<'a>(&'a self, keys: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
        keys.iter().flat_map(move |k| self.0.get(*k).into_iter().flatten()).map(String::as_str)
    }
}
