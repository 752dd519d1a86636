//! `newsmill explain`: how the extractor reads one page.

use super::ExplainArgs;

/// The `explain` report of one page: its metadata, then the extractor's
/// decisions. The page is read by the same readers as `build`, so a gzip page
/// or a WARC works too: its first page, or the one `--record` names.
pub fn explain(args: &ExplainArgs) -> anyhow::Result<String> {
    use crate::read::{Body, ReadEvent};
    let source: std::sync::Arc<str> = args.page.display().to_string().into();
    let (_, events) = crate::read::detect::open_input(&args.page, source, Default::default());
    let wanted = args.record.as_deref().map(RecordKey::parse);
    let mut page = None;
    for event in events {
        match event {
            ReadEvent::Record(record) if wanted.as_ref().is_none_or(|key| key.matches(&record)) => {
                page = Some(record);
                break;
            }
            ReadEvent::Rejected(r)
                if wanted.as_ref().is_none_or(|key| key.offset.is_some() && key.offset == r.record_offset) =>
            {
                crate::usage_bail!("cannot explain {}: {} ({})", args.page.display(), r.detail, r.reason)
            }
            _ => continue,
        }
    }
    let Some(record) = page else {
        match &args.record {
            Some(key) => crate::usage_bail!(
                "{} holds no page whose record_offset, url or record_id is {key:?}",
                args.page.display()
            ),
            None => crate::usage_bail!("{} holds no page", args.page.display()),
        }
    };
    let Body::Html { bytes, http_charset } = record.body else {
        crate::usage_bail!("{} is not HTML: explain shows how the HTML extractor reads a page", args.page.display())
    };
    let url = args.url.as_deref().or(record.url.as_deref());
    let decoded = crate::decode::decode_html(&bytes, http_charset.as_deref());
    // The page as `build` parses it.
    let html = match crate::extract::limits::check_and_prune(&decoded.text) {
        Ok(html) => html,
        Err(exceeded) => {
            crate::usage_bail!("{} is not parsed: {} ({})", args.page.display(), exceeded.detail, exceeded.reason)
        }
    };
    let article = crate::extract::html::extract_html(&html, url);
    let m = &article.metadata;
    let instant = m.published_at.and_then(chrono::DateTime::from_timestamp_micros).map(|t| t.to_rfc3339());
    let published = instant.or_else(|| m.published_date.map(|d| d.to_string()));
    let mut report = format!(
        "== metadata\ncharset    {} ({:?}{})\ntitle      {}\nbyline     {}\npublished  {}\nsite_name  {}\nurl        {}\nlanguage   {}\nblocks     {}\n",
        decoded.encoding.name(),
        decoded.source,
        if decoded.repaired_double_encoding { ", double-encoded UTF-8 repaired" } else { "" },
        m.title.as_deref().unwrap_or("-"),
        m.byline.as_deref().unwrap_or("-"),
        published.as_deref().unwrap_or("-"),
        m.site_name.as_deref().unwrap_or("-"),
        m.url.as_deref().unwrap_or("-"),
        m.language.as_deref().unwrap_or("-"),
        article.blocks.len()
    );
    report.push_str(&crate::extract::html::explain_html(&html, url));
    Ok(report)
}

/// What `--record` names: a record's byte offset, its URL or its id.
struct RecordKey<'a> {
    text: &'a str,
    /// The offset the text reads as, if it is a number.
    offset: Option<i64>,
}

impl<'a> RecordKey<'a> {
    fn parse(text: &'a str) -> RecordKey<'a> {
        RecordKey { text, offset: text.trim().parse().ok() }
    }

    /// Whether `record` is the one named: by offset, id or target URL, or by
    /// the canonical URL its page declares (the documents table's `url`).
    fn matches(&self, record: &crate::read::Record) -> bool {
        (self.offset.is_some() && record.record_offset == self.offset)
            || record.url.as_deref() == Some(self.text)
            || record.record_id.as_deref() == Some(self.text)
            || (self.text.contains("://") && canonical_url(record).as_deref() == Some(self.text))
    }
}

/// The canonical URL a record's page declares, as extraction reads it.
fn canonical_url(record: &crate::read::Record) -> Option<String> {
    let crate::read::Body::Html { bytes, http_charset } = &record.body else { return None };
    let decoded = crate::decode::decode_html(bytes, http_charset.as_deref());
    let html = crate::extract::limits::check_and_prune(&decoded.text).ok()?;
    crate::extract::html::extract_html(&html, record.url.as_deref()).metadata.url
}
