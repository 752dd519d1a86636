//! Wiring: reader thread → parallel transforms → writer thread.
//!
//! The reader walks the inputs in order and groups their records into
//! batches; each batch is transformed on the rayon pool (records in parallel,
//! so one large WARC uses every core) and collected back in input order; the
//! writer appends the results. Bounded channels between the three stages keep
//! at most a few batches in memory whatever the input size, and the order of
//! rows depends only on the input, never on `--threads`.

use crate::decode::{decode_html, decode_text};
use crate::extract::html::extract_html;
use crate::extract::language::detect_language;
use crate::extract::text_page::ChromeFilter;
use crate::extract::metadata::Metadata;
use crate::extract::Article;
use crate::read::detect::{collect_inputs, open_input, ByteCounter, InputFiles};
use crate::read::{Body, ReadEvent, Record, Reject};
use crate::segment::paragraphs::{join_blocks, split_text};
use crate::segment::quotes::QuoteSegmenter;
use crate::segment::{Document, ParagraphSpan};
use crate::write::manifest::{InputSummary, Manifest};
use crate::write::{DatasetWriter, Outcome};
use anyhow::Context;
use crossbeam_channel::bounded;
use rayon::prelude::*;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How progress is shown on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// A progress bar on a terminal, periodic log lines otherwise.
    Auto,
    /// Always a progress bar.
    Always,
    /// Nothing but the final summary.
    Never,
}

/// What `newsmill build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub threads: usize,
    pub progress: ProgressMode,
    pub overwrite: bool,
}

/// A batch closes at this many records or this many payload bytes.
const BATCH_MIN_RECORDS: usize = 64;
const BATCH_BYTES: usize = 32 * 1024 * 1024;
/// Batches waiting between stages; with the batch in each stage this bounds
/// memory to a few times `BATCH_BYTES`.
const QUEUE_BATCHES: usize = 2;
/// Batches being transformed at once.
const BATCHES_IN_FLIGHT: usize = 3;

/// Runs a whole build and returns its manifest (also written to the folder).
pub fn build(opts: &BuildOptions) -> anyhow::Result<Manifest> {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    let InputFiles { files, ignored } = collect_inputs(&opts.inputs)?;
    if files.is_empty() {
        anyhow::bail!(
            "no input files found in {}: newsmill reads .warc/.warc.gz, .html/.htm/.xhtml(.gz), .jsonl(.gz) and .txt files",
            opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    let total_bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let threads = opts.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("newsmill-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let writer = DatasetWriter::create(&opts.out, opts.overwrite)?;
    let counter = Arc::new(ByteCounter::default());
    let batch_records = BATCH_MIN_RECORDS.max(threads * 16);

    let (batch_tx, batch_rx) = bounded::<Vec<ReadEvent>>(QUEUE_BATCHES);
    let (out_tx, out_rx) = bounded::<Vec<Outcome>>(QUEUE_BATCHES);

    let reader_counter = counter.clone();
    let reader = std::thread::Builder::new().name("newsmill-reader".into()).spawn(move || {
        let mut inputs = Vec::with_capacity(files.len());
        let mut batch = Vec::with_capacity(batch_records);
        let mut batch_bytes = 0;
        for path in files {
            let source: Arc<str> = path.display().to_string().into();
            let (kind, events) = open_input(&path, source.clone(), reader_counter.clone());
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            inputs.push(InputSummary { path: source.to_string(), kind, bytes });
            for event in events {
                batch_bytes += event.payload_len();
                batch.push(event);
                if batch.len() >= batch_records || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    if batch_tx.send(std::mem::replace(&mut batch, Vec::with_capacity(batch_records))).is_err() {
                        return inputs; // the run stopped downstream; its error is reported there
                    }
                }
            }
        }
        if !batch.is_empty() {
            let _ = batch_tx.send(batch);
        }
        inputs
    })?;

    let out_dir = opts.out.clone();
    let writer = std::thread::Builder::new().name("newsmill-writer".into()).spawn(move || -> anyhow::Result<_> {
        let mut writer = writer;
        for outcomes in out_rx {
            writer.write(&outcomes)?;
        }
        writer.finish()
    })?;

    let mut progress = Progress::new(opts.progress, total_bytes);
    let segmenter = Arc::new(QuoteSegmenter::default());
    let mut records = 0u64;
    // Several batches are in flight on the pool at once, so workers that
    // finish their share of one batch start on the next instead of waiting
    // for its slowest record; results still leave in input order.
    let mut in_flight = std::collections::VecDeque::with_capacity(BATCHES_IN_FLIGHT);
    let mut writer_alive = true;
    for batch in batch_rx {
        records += batch.len() as u64;
        let (done_tx, done_rx) = bounded::<Vec<Outcome>>(1);
        let segmenter = segmenter.clone();
        pool.spawn(move || {
            let outcomes = batch.into_par_iter().map(|event| transform(event, &segmenter)).collect();
            let _ = done_tx.send(outcomes);
        });
        in_flight.push_back(done_rx);
        if in_flight.len() >= BATCHES_IN_FLIGHT {
            writer_alive = forward(&mut in_flight, &out_tx)?;
            progress.update(counter.get(), records);
            if !writer_alive {
                break; // the writer failed; its error is returned below
            }
        }
    }
    while writer_alive && !in_flight.is_empty() {
        writer_alive = forward(&mut in_flight, &out_tx)?;
        progress.update(counter.get(), records);
    }
    drop(out_tx);
    let inputs = reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    let (counts, files) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
        .with_context(|| format!("writing the dataset into {} failed", out_dir.display()))?;
    progress.finish(counter.get(), counts.records_seen);

    let manifest = Manifest {
        tool: "newsmill",
        tool_version: env!("CARGO_PKG_VERSION"),
        schema_version: crate::write::schema::Table::Documents.spec().version,
        started_at: started_at.to_rfc3339(),
        finished_at: chrono::Utc::now().to_rfc3339(),
        duration_secs: started.elapsed().as_secs_f64(),
        threads,
        inputs,
        ignored_files: ignored.iter().map(|p| p.display().to_string()).collect(),
        counts,
        files,
    };
    manifest.write(&opts.out)?;
    Ok(manifest)
}

/// Hands the oldest finished batch to the writer. `Ok(false)` when the
/// writer has stopped (its own error says why).
fn forward(
    in_flight: &mut std::collections::VecDeque<crossbeam_channel::Receiver<Vec<Outcome>>>,
    out_tx: &crossbeam_channel::Sender<Vec<Outcome>>,
) -> anyhow::Result<bool> {
    let Some(batch) = in_flight.pop_front() else { return Ok(true) };
    // Transforms catch their panics, so a batch cannot vanish; if one did,
    // failing the run beats a dataset silently missing records.
    let outcomes = batch.recv().map_err(|_| anyhow::anyhow!("a batch of records was lost by the worker threads"))?;
    Ok(out_tx.send(outcomes).is_ok())
}

/// Turns one read event into its outcome. A panic in a transform is a bug,
/// but it must not take the run down or lose the record: it becomes a reject.
fn transform(event: ReadEvent, segmenter: &QuoteSegmenter) -> Outcome {
    match event {
        ReadEvent::Skipped(skip) => Outcome::Skipped(skip),
        ReadEvent::Rejected(reject) => Outcome::Rejected(reject),
        ReadEvent::Record(record) => {
            let (source, offset) = (record.source.clone(), record.record_offset);
            std::panic::catch_unwind(AssertUnwindSafe(|| process(record, segmenter))).unwrap_or_else(|panic| {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Outcome::Rejected(Reject {
                    source,
                    record_offset: offset,
                    reason: "internal_error",
                    detail: format!("newsmill failed on this record (a bug, please report it): {message}"),
                })
            })
        }
    }
}

/// decode → extract → segment for one record.
pub fn process(record: Record, segmenter: &QuoteSegmenter) -> Outcome {
    let doc_id = doc_id(&record);
    let Record { source, record_offset, record_id, url, fetched_at, body } = record;
    let reject = |reason: &'static str, detail: String| {
        Outcome::Rejected(Reject { source: source.clone(), record_offset, reason, detail })
    };
    let (article, text, paragraphs): (Article, String, Vec<ParagraphSpan>) = match body {
        Body::Html { bytes, http_charset } => {
            if looks_binary(&bytes) {
                return reject("binary_content", format!("the {} bytes given as HTML are binary data", bytes.len()));
            }
            let decoded = decode_html(&bytes, http_charset.as_deref());
            let article = extract_html(&decoded.text, url.as_deref());
            let (text, paragraphs) = join_blocks(&article.blocks);
            (article, text, paragraphs)
        }
        Body::ScrapedText { bytes } => {
            if looks_binary(&bytes) {
                return reject("binary_content", format!("the {} bytes given as text are binary data", bytes.len()));
            }
            let article = ChromeFilter.extract(&decode_text(&bytes).text);
            let (text, paragraphs) = join_blocks(&article.blocks);
            (article, text, paragraphs)
        }
        Body::Text { text, title } => {
            let paragraphs = split_text(&text);
            (Article { metadata: Metadata { title, ..Metadata::default() }, blocks: Vec::new() }, text, paragraphs)
        }
    };
    if paragraphs.is_empty() {
        return reject("no_text", "no article text was found in the page".into());
    }
    let quotes = segmenter.segment(&text, &paragraphs);
    let meta = article.metadata;
    let language = meta.language.or_else(|| detect_language(&text));
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
        site_name: meta.site_name,
        language,
        text,
        paragraphs,
        quotes,
    }))
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

/// Binary data passed off as a page: NUL bytes in the first kilobytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    !utf16 && head.iter().filter(|&&b| b == 0).count() > 0
}

/// Microseconds since the epoch of an RFC 3339 / ISO 8601 time (WARC-Date).
fn parse_timestamp(value: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(value.trim()).ok().map(|t| t.timestamp_micros())
}

/// Progress on standard error: a bar on a terminal, log lines otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    log_every: Option<Duration>,
    last_log: Instant,
    started: Instant,
    total_bytes: u64,
}

impl Progress {
    fn new(mode: ProgressMode, total_bytes: u64) -> Self {
        use std::io::IsTerminal;
        let terminal = std::io::stderr().is_terminal();
        let bar = (mode == ProgressMode::Always || (mode == ProgressMode::Auto && terminal)).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(Some(total_bytes), indicatif::ProgressDrawTarget::stderr());
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {bytes_per_sec} · {msg} · ETA {eta}",
                )
                .expect("static template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let log_every = (mode == ProgressMode::Auto && !terminal).then_some(Duration::from_secs(10));
        Progress { bar, log_every, last_log: Instant::now(), started: Instant::now(), total_bytes }
    }

    fn update(&mut self, bytes: u64, records: u64) {
        let rate = records as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_message(format!("{records} records ({rate:.0}/s)"));
        } else if let Some(every) = self.log_every {
            if self.last_log.elapsed() >= every {
                self.last_log = Instant::now();
                eprintln!(
                    "newsmill: {records} records, {:.1} of {:.1} MB read ({rate:.0} records/s)",
                    bytes as f64 / 1e6,
                    self.total_bytes as f64 / 1e6
                );
            }
        }
    }

    fn finish(&self, bytes: u64, records: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.finish_with_message(format!("{records} records"));
        }
    }
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
            body: Body::Text { text: text.into(), title: Some("T".into()) },
        }
    }

    #[test]
    fn jsonl_text_is_kept_exactly_and_split_into_paragraphs() {
        let text = "First paragraph.\n\nSecond one.\n";
        let Outcome::Document(doc) = process(jsonl_record(text), &QuoteSegmenter::default()) else { panic!() };
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
        let outcome = process(jsonl_record("  \n\n "), &QuoteSegmenter::default());
        assert!(matches!(outcome, Outcome::Rejected(r) if r.reason == "no_text"));
    }

    #[test]
    fn binary_html_is_rejected() {
        let record = Record { body: Body::Html { bytes: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), http_charset: None }, ..jsonl_record("") };
        let outcome = process(record, &QuoteSegmenter::default());
        assert!(matches!(outcome, Outcome::Rejected(r) if r.reason == "binary_content"));
    }
}
