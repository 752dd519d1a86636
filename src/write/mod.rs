//! Sinks: the dataset folder.
//!
//! ```text
//! DIR/documents/part-*.parquet   DIR/paragraphs/part-*.parquet
//! DIR/quotes/part-*.parquet      DIR/rejects.csv      DIR/_manifest.json
//! ```
//!
//! plus `DIR/README.md`, the dataset card, and `DIR/_SUCCESS` once complete.
//! A run writes everything into a hidden staging folder and publishes it at
//! the end (Spark's output-commit model): a reader globbing `documents/*.parquet`
//! sees the previous dataset or the new one, and a crashed run leaves only a
//! staging folder, which the next run clears.

pub mod card;
pub mod lock;
pub mod manifest;
pub mod parquet;
pub mod rows;
pub mod schema;

use crate::read::{Reject, Skip};
use crate::segment::Document;
use anyhow::Context;
use parquet::{ParquetSink, PartFile};
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
    counts: Counts,
    published_range: Option<(i64, i64)>,
}

/// The files and folders a dataset consists of (what `--overwrite` replaces).
const DATASET_ENTRIES: &[&str] = &["documents", "paragraphs", "quotes", "rejects.csv", "_manifest.json", "_SUCCESS"];
/// Where a run writes before it publishes; hidden from `*/*.parquet` globs.
const STAGING: &str = ".newsmill-staging";

impl DatasetWriter {
    /// Prepares a run into `out`. An existing dataset there is an error unless
    /// `overwrite` is set; it stays readable until [`Staged::publish`] replaces
    /// it. The caller holds the folder's lock, so a staging area left behind is
    /// a crashed run's and is cleared.
    pub fn create(out: &Path, overwrite: bool) -> anyhow::Result<Self> {
        let existing: Vec<&str> = DATASET_ENTRIES.iter().copied().filter(|e| out.join(e).exists()).collect();
        if !existing.is_empty() && !overwrite {
            crate::usage_bail!(
                "{} already holds a dataset ({}); pass --overwrite to replace it, or choose another --out",
                out.display(),
                existing.join(", ")
            );
        }
        let staging = out.join(STAGING);
        if staging.exists() {
            std::fs::remove_dir_all(&staging).with_context(|| format!("cannot clear a crashed run's {}", staging.display()))?;
        }
        std::fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        let sinks = [
            ParquetSink::new(&staging, Table::Documents)?,
            ParquetSink::new(&staging, Table::Paragraphs)?,
            ParquetSink::new(&staging, Table::Quotes)?,
        ];
        let rejects_path = staging.join("rejects.csv");
        let file = File::create(&rejects_path).with_context(|| format!("cannot create {}", rejects_path.display()))?;
        let mut rejects = csv::Writer::from_writer(file);
        rejects.write_record(["source", "record_offset", "reason", "detail"])?;
        Ok(DatasetWriter { out: out.to_path_buf(), sinks, rejects, counts: Counts::default(), published_range: None })
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

    /// Closes every file of the staging area; returns what was written and
    /// the staged dataset, still to be published.
    pub fn finish(self) -> anyhow::Result<(Counts, Written, Staged)> {
        let [documents, paragraphs, quotes] = self.sinks;
        let written = Written {
            documents: documents.finish()?,
            paragraphs: paragraphs.finish()?,
            quotes: quotes.finish()?,
            rejects: "rejects.csv".into(),
        };
        let file = self.rejects.into_inner().map_err(|e| anyhow::anyhow!("cannot write rejects.csv: {}", e.error()))?;
        file.sync_all()?;
        let mut counts = self.counts;
        let rfc3339 = |t: i64| chrono::DateTime::from_timestamp_micros(t).map(|t| t.to_rfc3339());
        if let Some((from, to)) = self.published_range {
            counts.published_from = rfc3339(from);
            counts.published_to = rfc3339(to);
        }
        Ok((counts, written, Staged { out: self.out.clone(), staging: self.out.join(STAGING) }))
    }
}

/// A complete run waiting in the staging area.
#[derive(Debug)]
pub struct Staged {
    out: PathBuf,
    staging: PathBuf,
}

impl Staged {
    /// The staging folder, for the last files of the run (card, manifest).
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Moves the staged dataset into place, replacing the previous one, and
    /// marks it complete with `_SUCCESS`. Each table folder is swapped by two
    /// renames, so a reader sees the old or the new table, never a mix of
    /// part files; `_manifest.json` and `_SUCCESS` appear last.
    pub fn publish(self) -> anyhow::Result<()> {
        let _ = std::fs::remove_file(self.out.join("_SUCCESS"));
        for entry in ["documents", "paragraphs", "quotes", "rejects.csv", "README.md", "_manifest.json"] {
            let staged = self.staging.join(entry);
            let live = self.out.join(entry);
            let retired = self.staging.join(format!("{entry}.previous"));
            if live.exists() {
                std::fs::rename(&live, &retired).with_context(|| format!("cannot move the previous {} aside", live.display()))?;
            }
            std::fs::rename(&staged, &live).with_context(|| format!("cannot publish {}", live.display()))?;
        }
        std::fs::write(self.out.join("_SUCCESS"), b"")?;
        std::fs::remove_dir_all(&self.staging).with_context(|| format!("cannot remove {}", self.staging.display()))?;
        Ok(())
    }
}
