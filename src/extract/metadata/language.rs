//! Field: the page's language, as its markup declares it.

use super::meta_tags::MetaTags;
use crate::extract::attribute::AttributeByName;
use html5ever::local_name;
use scraper::Html;

/// The page's language tag: `<html lang>`, else a language `<meta>` tag,
/// else the Open Graph locale; normalised (`en-US`).
pub(super) fn language(doc: &Html, metas: &MetaTags) -> Option<String> {
    let html_lang = doc
        .root_element()
        .value()
        .attribute(&local_name!("lang"))
        .or_else(|| doc.root_element().value().attribute(&local_name!("xml:lang")));
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
    // Two letters (ISO 639-1), or three that name a language the detector
    // knows (ISO 639-3): not a charset (`utf-8`) from a misused tag.
    let known = match primary.len() {
        2 => true,
        3 => whatlang::Lang::from_code(primary.to_ascii_lowercase()).is_some(),
        _ => false,
    };
    if !known || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
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
    use super::super::testing::meta_of;
    use super::*;

    #[test]
    fn language_tags_are_normalised() {
        let m = meta_of(r#"<html lang="EN-us"><p>x</p></html>"#, None);
        assert_eq!((m.language.as_deref(), m.details.language_declared.as_deref()), (Some("en"), Some("en-US")));
        let og = r#"<html><head><meta property="og:locale" content="pt_br"></head></html>"#;
        assert_eq!(meta_of(og, None).details.language_declared.as_deref(), Some("pt-BR"));
        let charset = r#"<html lang="utf-8"><head><meta http-equiv="content-language" content="de"></head></html>"#;
        assert_eq!(meta_of(charset, None).language.as_deref(), Some("de"));
        assert_eq!(normalize_language_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_language_tag("{{lang}}"), None);
    }
}
