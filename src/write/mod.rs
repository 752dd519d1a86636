//! Sinks: the dataset folder.
//!
//! ```text
//! DIR/documents/part-*.parquet   DIR/paragraphs/part-*.parquet
//! DIR/quotes/part-*.parquet      DIR/rejects.csv      DIR/_manifest.json
//! ```
//!
//! plus `DIR/README.md`, the dataset card. Every file is written under a
//! temporary name and renamed into place once complete; `_manifest.json`
//! comes last, so its presence means the run finished.

pub mod card;
pub mod lock;
pub mod manifest;
pub mod parquet;
pub mod rows;
pub mod schema;

use crate::read::{Reject, Skip};
use crate::segment::Document;
use anyhow::Context;
use parquet::{ParquetSink, PartFile, IN_PROGRESS_SUFFIX};
use schema::Table;
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

/// What became of one input record.
#[derive(Debug)]
pub enum Outcome {
    Document(Box<Document>),
    Skipped(Skip),
    Rejected(Reject),
}

/// Row and record counts of a run, as the manifest reports them.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Counts {
    /// Every input record met: documents + skipped + rejected.
    pub records_seen: u64,
    pub documents: u64,
    pub skipped: u64,
    pub rejected: u64,
    pub paragraphs: u64,
    pub quotes: u64,
    pub skipped_by_reason: BTreeMap<&'static str, u64>,
    pub rejected_by_reason: BTreeMap<&'static str, u64>,
    /// Earliest and latest `published_at` of the documents (RFC 3339), if any.
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// Documents per language (null language counted as "unknown").
    pub documents_by_language: BTreeMap<String, u64>,
}

/// Files of a finished dataset, per table.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Written {
    pub documents: Vec<PartFile>,
    pub paragraphs: Vec<PartFile>,
    pub quotes: Vec<PartFile>,
    pub rejects: String,
}

/// Writes a run's outcomes into the dataset folder.
pub struct DatasetWriter {
    out: PathBuf,
    sinks: [ParquetSink; 3],
    rejects: csv::Writer<File>,
    rejects_temp: PathBuf,
    counts: Counts,
    published_range: Option<(i64, i64)>,
}

/// The files and folders a dataset consists of (what `--overwrite` removes).
const DATASET_ENTRIES: &[&str] = &["documents", "paragraphs", "quotes", "rejects.csv", "_manifest.json"];

impl DatasetWriter {
    /// Prepares `out` for a new dataset. An existing dataset there is an
    /// error unless `overwrite` is set, in which case it is removed first.
    pub fn create(out: &Path, overwrite: bool) -> anyhow::Result<Self> {
        let existing: Vec<&str> = DATASET_ENTRIES.iter().copied().filter(|e| out.join(e).exists()).collect();
        if !existing.is_empty() {
            if !overwrite {
                crate::usage_bail!(
                    "{} already holds a dataset ({}); pass --overwrite to replace it, or choose another --out",
                    out.display(),
                    existing.join(", ")
                );
            }
            for entry in existing {
                let path = out.join(entry);
                let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
                removed.with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
        std::fs::create_dir_all(out).with_context(|| format!("cannot create output folder {}", out.display()))?;
        let sinks = [
            ParquetSink::new(out, Table::Documents)?,
            ParquetSink::new(out, Table::Paragraphs)?,
            ParquetSink::new(out, Table::Quotes)?,
        ];
        let rejects_temp = out.join(format!(".rejects.csv{IN_PROGRESS_SUFFIX}"));
        let file = File::create(&rejects_temp).with_context(|| format!("cannot create {}", rejects_temp.display()))?;
        let mut rejects = csv::Writer::from_writer(file);
        rejects.write_record(["source", "record_offset", "reason", "detail"])?;
        Ok(DatasetWriter { out: out.to_path_buf(), sinks, rejects, rejects_temp, counts: Counts::default(), published_range: None })
    }

    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// Writes a batch of outcomes, in order.
    pub fn write(&mut self, outcomes: &[Outcome]) -> anyhow::Result<()> {
        let mut docs = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            self.counts.records_seen += 1;
            match outcome {
                Outcome::Document(d) => {
                    self.counts.documents += 1;
                    self.counts.paragraphs += d.paragraphs.len() as u64;
                    self.counts.quotes += d.quotes.len() as u64;
                    let language = d.language.as_deref().unwrap_or("unknown");
                    *self.counts.documents_by_language.entry(language.to_string()).or_default() += 1;
                    if let Some(t) = d.published_at {
                        self.published_range = Some(self.published_range.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))));
                    }
                    docs.push(d.as_ref());
                }
                Outcome::Skipped(s) => {
                    self.counts.skipped += 1;
                    *self.counts.skipped_by_reason.entry(s.reason).or_default() += 1;
                }
                Outcome::Rejected(r) => {
                    self.counts.rejected += 1;
                    *self.counts.rejected_by_reason.entry(r.reason).or_default() += 1;
                    let offset = r.record_offset.map(|o| o.to_string()).unwrap_or_default();
                    self.rejects.write_record([&*r.source, &offset, r.reason, &r.detail])?;
                }
            }
        }
        if !docs.is_empty() {
            for (sink, batch) in self.sinks.iter_mut().zip(rows::batches(&docs)?) {
                sink.write(&batch)?;
            }
        }
        Ok(())
    }

    /// Closes every file and moves it into place; returns what was written.
    pub fn finish(self) -> anyhow::Result<(Counts, Written)> {
        let [documents, paragraphs, quotes] = self.sinks;
        let written = Written {
            documents: documents.finish()?,
            paragraphs: paragraphs.finish()?,
            quotes: quotes.finish()?,
            rejects: "rejects.csv".into(),
        };
        let file = self.rejects.into_inner().map_err(|e| anyhow::anyhow!("cannot write rejects.csv: {}", e.error()))?;
        file.sync_all()?;
        std::fs::rename(&self.rejects_temp, self.out.join("rejects.csv"))?;
        let mut counts = self.counts;
        let rfc3339 = |t: i64| chrono::DateTime::from_timestamp_micros(t).map(|t| t.to_rfc3339());
        if let Some((from, to)) = self.published_range {
            counts.published_from = rfc3339(from);
            counts.published_to = rfc3339(to);
        }
        Ok((counts, written))
    }
}
