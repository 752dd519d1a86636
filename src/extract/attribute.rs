//! Attributes read by a name interned once.
//!
//! scraper's `Element::attr(&str)` interns the name into an atom on every
//! call (a hash of the name and a table lookup) before it searches: over the
//! elements of every page that was ~2% of a run's instructions. The parse
//! keeps only the few attributes extraction reads, so a scan comparing
//! atoms (one integer each) finds one at once.

use html5ever::{ns, LocalName};
use scraper::node::Element;

/// An element's attribute by its interned name: `attribute(&local_name!("class"))`.
pub trait AttributeByName {
    /// The value of the attribute `name` without prefix or namespace, as
    /// `Element::attr` gives it.
    fn attribute(&self, name: &LocalName) -> Option<&str>;
}

impl AttributeByName for Element {
    fn attribute(&self, name: &LocalName) -> Option<&str> {
        self.attrs.iter().find(|(q, _)| q.local == *name && q.ns == ns!() && q.prefix.is_none()).map(|(_, v)| &**v)
    }
}

#[cfg(test)]
mod tests {
    use super::AttributeByName;
    use html5ever::local_name;

    #[test]
    fn finds_the_attribute_attr_finds() {
        let doc = scraper::Html::parse_fragment(
            r#"<div CLASS="story lead" data-x=1 id=main></div><svg><a xlink:href="/x" href="/y"></a></svg>"#,
        );
        let elements: Vec<_> = doc.tree.nodes().filter_map(|n| n.value().as_element()).collect();
        for el in &elements {
            for (name, text) in
                [(local_name!("class"), "class"), (local_name!("id"), "id"), (local_name!("href"), "href")]
            {
                assert_eq!(el.attribute(&name), el.attr(text), "{text} of <{}>", el.name());
            }
        }
        let div = elements.iter().find(|e| e.name() == "div").unwrap();
        assert_eq!(div.attribute(&local_name!("class")), Some("story lead"));
        assert_eq!(div.attribute(&local_name!("role")), None);
        // `xlink:href` has a prefix and a namespace: not `href`.
        let link = elements.iter().find(|e| e.name() == "a").unwrap();
        assert_eq!(link.attribute(&local_name!("href")), Some("/y"));
    }
}
