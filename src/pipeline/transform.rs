//! The transforms of one record: decode → extract → segment, timed per stage.

use crate::decode::{decode_html, decode_text};
use crate::dedup::Signature;
use crate::extract::html::extract_html;
use crate::extract::language::document_language;
use crate::extract::limits::check_and_prune;
use crate::extract::metadata::{hostname, Details, Metadata};
use crate::extract::text_page::ChromeFilter;
use crate::extract::Article;
use crate::read::detect::is_binary;
use crate::read::{Body, ReadEvent, Record, Reject};
use crate::reason::RejectReason;
use crate::segment::paragraphs::{join_blocks, split_text};
use crate::segment::quotes::{QuoteSegmenter, QuotesAndPeople};
use crate::segment::{count_words, Document, ParagraphSpan};
use crate::write::Outcome;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// CPU time spent in each stage, summed over all threads.
#[derive(Debug, Default)]
pub struct StageClock {
    read: AtomicU64,
    decode: AtomicU64,
    extract: AtomicU64,
    segment: AtomicU64,
    write: AtomicU64,
}

/// CPU seconds spent per pipeline stage, summed over threads, as the manifest
/// reports them.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct StageSeconds {
    pub read: f64,
    pub decode: f64,
    pub extract: f64,
    pub segment: f64,
    pub write: f64,
}

impl StageSeconds {
    /// Adds another run's seconds (a shard's, for a commit).
    pub fn add(&mut self, other: &StageSeconds) {
        self.read += other.read;
        self.decode += other.decode;
        self.extract += other.extract;
        self.segment += other.segment;
        self.write += other.write;
    }
}

/// Wall-clock seconds from a stage's first work to its last, where one span
/// is known: reading (the reader thread), the transforms (decode, extract and
/// segment interleave on the workers, so only their joint span is known) and
/// writing (the writer thread). Stages overlap, so the spans add up to more
/// than the run's duration.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct StageWallSeconds {
    pub read: f64,
    pub transform: f64,
    pub write: f64,
}

/// The wall-clock span of a stage: from its first [`Span::touch`] to its last.
#[derive(Debug, Default, Clone, Copy)]
pub struct Span {
    first_last: Option<(Instant, Instant)>,
}

impl Span {
    /// Marks work of the stage now.
    pub fn touch(&mut self) {
        let now = Instant::now();
        self.first_last = Some(self.first_last.map_or((now, now), |(first, _)| (first, now)));
    }

    pub fn seconds(&self) -> f64 {
        self.first_last.map_or(0.0, |(first, last)| (last - first).as_secs_f64())
    }
}

/// A pipeline stage, for [`StageClock`].
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    Read,
    Decode,
    Extract,
    Segment,
    Write,
}

impl StageClock {
    fn counter(&self, stage: Stage) -> &AtomicU64 {
        match stage {
            Stage::Read => &self.read,
            Stage::Decode => &self.decode,
            Stage::Extract => &self.extract,
            Stage::Segment => &self.segment,
            Stage::Write => &self.write,
        }
    }

    /// Runs `f`, adding its duration to `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.counter(stage).fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        value
    }

    /// Seconds per stage, for the manifest.
    pub fn seconds(&self) -> StageSeconds {
        let secs = |stage| self.counter(stage).load(Ordering::Relaxed) as f64 / 1e9;
        StageSeconds {
            read: secs(Stage::Read),
            decode: secs(Stage::Decode),
            extract: secs(Stage::Extract),
            segment: secs(Stage::Segment),
            write: secs(Stage::Write),
        }
    }
}

/// Everything the workers share: the quote segmenter and the stage clock.
#[derive(Debug, Default)]
pub struct Transformer {
    segmenter: QuoteSegmenter,
    pub clock: StageClock,
}

impl Transformer {
    /// Turns one read event into its outcome. A panic in a transform is a bug,
    /// but it must not take the run down or lose the record: it becomes a reject.
    pub fn transform(&self, event: ReadEvent) -> Outcome {
        match event {
            ReadEvent::Skipped(skip) => Outcome::Skipped(skip),
            ReadEvent::Rejected(reject) => Outcome::Rejected(reject),
            ReadEvent::Record(record) => {
                let (source, offset) = (record.source.clone(), record.record_offset);
                std::panic::catch_unwind(AssertUnwindSafe(|| self.process(record))).unwrap_or_else(|panic| {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Outcome::Rejected(Reject {
                        source,
                        record_offset: offset,
                        reason: RejectReason::InternalError,
                        detail: format!("newsmill failed on this record (a bug, please report it): {message}"),
                    })
                })
            }
        }
    }

    /// decode → extract → segment for one record.
    pub fn process(&self, record: Record) -> Outcome {
        let doc_id = doc_id(&record);
        let Record { source, record_offset, record_id, url, fetched_at, body } = record;
        let reject = |reason: RejectReason, detail: String| {
            Outcome::Rejected(Reject { source: source.clone(), record_offset, reason, detail })
        };
        let mut input_metadata = None;
        let (article, text, paragraphs): (Article, String, Vec<ParagraphSpan>) = match body {
            Body::Html { bytes, http_charset } => {
                if is_binary(&bytes) {
                    return reject(
                        RejectReason::BinaryContent,
                        format!("the {} bytes given as HTML are binary data", bytes.len()),
                    );
                }
                let decoded = self.clock.time(Stage::Decode, || decode_html(bytes, http_charset.as_deref()));
                let html = match self.clock.time(Stage::Extract, || check_and_prune(&decoded.text)) {
                    Ok(html) => html,
                    Err(exceeded) => return reject(exceeded.reason, exceeded.detail),
                };
                // Only the pruned page is read from here on: two copies of
                // every page in flight would be a third more memory.
                drop(decoded);
                let article = self.clock.time(Stage::Extract, || extract_html(&html, url.as_deref()));
                let (text, paragraphs) = join_blocks(&article.blocks);
                (article, text, paragraphs)
            }
            Body::ScrapedText { bytes } => {
                if is_binary(&bytes) {
                    return reject(
                        RejectReason::BinaryContent,
                        format!("the {} bytes given as text are binary data", bytes.len()),
                    );
                }
                let decoded = self.clock.time(Stage::Decode, || decode_text(bytes));
                let article = self.clock.time(Stage::Extract, || ChromeFilter.extract(&decoded.text));
                let (text, paragraphs) = join_blocks(&article.blocks);
                (article, text, paragraphs)
            }
            Body::Text { text, title, input_metadata: metadata } => {
                input_metadata = metadata;
                let paragraphs = split_text(&text);
                (Article { metadata: Metadata { title, ..Metadata::default() }, blocks: Vec::new() }, text, paragraphs)
            }
        };
        if paragraphs.is_empty() {
            return reject(RejectReason::NoText, "no article text was found in the page".into());
        }
        let (QuotesAndPeople { quotes, people }, signature, n_words) = self.clock.time(Stage::Segment, || {
            (self.segmenter.segment(&text, &paragraphs), Signature::of(&text), count_words(&text))
        });
        let mut meta = article.metadata;
        let (language, language_confidence) = document_language(meta.language.as_deref(), &text);
        let details = Details {
            hostname: meta.url.as_deref().or(url.as_deref()).and_then(hostname),
            crawl_url: url.clone(),
            language_confidence,
            ..std::mem::take(&mut meta.details)
        };
        Outcome::Document(Box::new(Document {
            doc_id,
            source,
            record_offset,
            record_id,
            url: meta.url.or(url),
            fetched_at: fetched_at.as_deref().and_then(parse_timestamp),
            title: meta.title,
            byline: meta.byline,
            published_at: meta.published_at,
            published_date: meta.published_date,
            site_name: meta.site_name,
            language,
            text,
            n_words,
            paragraphs,
            quotes,
            people,
            signature,
            dup_of: None,
            details,
            input_metadata,
        }))
    }
}

/// A stable id: the record's identity (URL, else record id, else file name)
/// and its raw payload, hashed together. Paths and run order play no part.
fn doc_id(record: &Record) -> String {
    let file_name = record.source.rsplit(['/', '\\']).next().unwrap_or(&record.source);
    let identity = record.url.as_deref().or(record.record_id.as_deref()).unwrap_or(file_name);
    let payload: &[u8] = match &record.body {
        Body::Html { bytes, .. } | Body::ScrapedText { bytes } => bytes,
        Body::Text { text, .. } => text.as_bytes(),
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(identity.as_bytes());
    hasher.update(&[0]);
    hasher.update(payload);
    format!("{:032x}", hasher.digest128())
}

/// Microseconds since the epoch of an RFC 3339 / ISO 8601 time (WARC-Date).
fn parse_timestamp(value: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(value.trim()).ok().map(|t| t.timestamp_micros())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl_record(text: &str) -> Record {
        Record {
            source: "in.jsonl".into(),
            record_offset: Some(0),
            record_id: Some("a".into()),
            url: None,
            fetched_at: None,
            body: Body::Text { text: text.into(), title: Some("T".into()), input_metadata: None },
        }
    }

    #[test]
    fn jsonl_text_is_kept_exactly_and_split_into_paragraphs() {
        let text = "First paragraph.\n\nSecond one.\n";
        let Outcome::Document(doc) = Transformer::default().process(jsonl_record(text)) else { panic!() };
        assert_eq!(doc.text, text);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.doc_id.len(), 32);
    }

    #[test]
    fn doc_id_is_stable_and_depends_on_content() {
        let a = doc_id(&jsonl_record("x"));
        assert_eq!(a, doc_id(&jsonl_record("x")));
        assert_ne!(a, doc_id(&jsonl_record("y")));
    }

    #[test]
    fn empty_text_is_a_reject_not_an_empty_document() {
        let outcome = Transformer::default().process(jsonl_record("  \n\n "));
        assert!(matches!(outcome, Outcome::Rejected(r) if r.reason == RejectReason::NoText));
    }

    #[test]
    fn binary_html_is_rejected() {
        let record = Record {
            body: Body::Html { bytes: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), http_charset: None },
            ..jsonl_record("")
        };
        let outcome = Transformer::default().process(record);
        assert!(matches!(outcome, Outcome::Rejected(r) if r.reason == RejectReason::BinaryContent));
    }
}
