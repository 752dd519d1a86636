//! Sinks: the dataset folder.
//!
//! ```text
//! DIR/documents/part-*.parquet   DIR/paragraphs/part-*.parquet
//! DIR/quotes/part-*.parquet      DIR/rejects.csv      DIR/_manifest.json
//! ```
//!
//! plus `DIR/README.md`, the dataset card, `DIR/_ledger.json`, the inputs
//! the dataset holds, and `DIR/_SUCCESS`. Each is a link into the current
//! version folder; [`store`] explains how a run publishes a new version
//! atomically and [`carry`] how an incremental run starts from the last one.

pub mod parquet;
pub mod rows;
pub mod schema;

use crate::dataset::carry::{self, Carried};
use crate::dataset::layout;
use crate::dedup::Verdict;
use crate::read::{Reject, Skip};
use crate::reason::SkipReason;
use crate::segment::Document;
use anyhow::Context;
use parquet::{ParquetSink, PartFile};
use schema::{PerTable, Table};
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
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Every input record met: documents + skipped + rejected.
    pub records_seen: u64,
    pub documents: u64,
    pub skipped: u64,
    pub rejected: u64,
    pub paragraphs: u64,
    pub quotes: u64,
    pub skipped_by_reason: BTreeMap<String, u64>,
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Earliest and latest `published_at` of the documents (RFC 3339), if any.
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// Documents per language (null language counted as "unknown").
    pub documents_by_language: BTreeMap<String, u64>,
}

/// Adds one to `reason`'s count (allocating its key only the first time).
fn bump(counts: &mut BTreeMap<String, u64>, reason: &str) {
    match counts.get_mut(reason) {
        Some(n) => *n += 1,
        None => {
            counts.insert(reason.to_string(), 1);
        }
    }
}

impl Counts {
    fn skip(&mut self, reason: SkipReason) {
        self.skipped += 1;
        bump(&mut self.skipped_by_reason, reason.as_str());
    }

    /// The count of rows the run added to `table`.
    pub fn rows_mut(&mut self, table: Table) -> &mut u64 {
        match table {
            Table::Documents => &mut self.documents,
            Table::Paragraphs => &mut self.paragraphs,
            Table::Quotes => &mut self.quotes,
        }
    }
}

/// Files of a finished dataset, per table, with the rows the dataset holds
/// (rows carried over from earlier runs included).
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Written {
    #[serde(flatten)]
    pub parts: PerTable<Vec<PartFile>>,
    pub rejects: String,
    pub rows: DatasetRows,
}

impl Written {
    /// The dataset made of `parts`, with `rejects` rows in its rejects file.
    pub fn new(parts: PerTable<Vec<PartFile>>, rejects: u64) -> Written {
        let tables = PerTable::from_fn(|table| parts[table].iter().map(|p| p.rows).sum());
        Written { parts, rejects: layout::REJECTS.into(), rows: DatasetRows { tables, rejects } }
    }
}

/// Rows per table of the published dataset.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct DatasetRows {
    #[serde(flatten)]
    pub tables: PerTable<u64>,
    pub rejects: u64,
}

/// Columns of `rejects.csv`.
pub const REJECTS_HEADER: [&str; 4] = ["source", "record_offset", "reason", "detail"];

/// Writes a run's outcomes into its version folder.
pub struct DatasetWriter {
    dir: PathBuf,
    sinks: PerTable<ParquetSink>,
    rejects: csv::Writer<File>,
    counts: Counts,
    published_range: Option<(i64, i64)>,
    carried: Carried,
}

impl DatasetWriter {
    /// Prepares to write into the folder `dir` (a version, or a shard's
    /// folder), which already holds what was `carried` over from the previous
    /// version (nothing for a fresh build); part files are named `<part_prefix>-<n>`.
    pub fn create(dir: &Path, part_prefix: &str, carried: Carried) -> anyhow::Result<Self> {
        let sinks = PerTable::try_from_fn(|table| ParquetSink::new(dir, table, part_prefix))?;
        let rejects_path = dir.join(layout::REJECTS);
        let carried_rejects = rejects_path.exists();
        let file = File::options()
            .create(true)
            .append(true)
            .open(&rejects_path)
            .with_context(|| format!("cannot create {}", rejects_path.display()))?;
        let mut rejects = csv::Writer::from_writer(file);
        if !carried_rejects {
            rejects.write_record(REJECTS_HEADER)?;
        }
        Ok(DatasetWriter {
            dir: dir.to_path_buf(),
            sinks,
            rejects,
            counts: Counts::default(),
            published_range: None,
            carried,
        })
    }

    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// Writes a batch of outcomes, in order. A document the dataset already
    /// holds (same `doc_id`) is counted as skipped, and a near-copy of an
    /// earlier one gets its `dup_of`.
    pub fn write(&mut self, mut outcomes: Vec<Outcome>) -> anyhow::Result<()> {
        let mut docs = Vec::with_capacity(outcomes.len());
        for outcome in &mut outcomes {
            self.counts.records_seen += 1;
            match outcome {
                Outcome::Document(d) => {
                    match self.carried.dedup.admit(&d.doc_id, d.signature.as_ref()) {
                        Verdict::Duplicate => {
                            self.counts.skip(SkipReason::Duplicate);
                            continue;
                        }
                        Verdict::New { dup_of } => d.dup_of = dup_of,
                    }
                    let language = d.language.as_deref().unwrap_or("unknown");
                    *self.counts.documents_by_language.entry(language.to_string()).or_default() += 1;
                    if let Some(t) = d.published_at {
                        self.published_range =
                            Some(self.published_range.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))));
                    }
                    docs.push(&**d);
                }
                Outcome::Skipped(s) => self.counts.skip(s.reason),
                Outcome::Rejected(r) => {
                    self.counts.rejected += 1;
                    bump(&mut self.counts.rejected_by_reason, r.reason.as_str());
                    let offset = r.record_offset.map(|o| o.to_string()).unwrap_or_default();
                    self.rejects.write_record([&*r.source, &offset, r.reason.as_str(), &r.detail])?;
                }
            }
        }
        if !docs.is_empty() {
            for (table, batch) in rows::batches(&docs)?.iter() {
                *self.counts.rows_mut(table) += batch.num_rows() as u64;
                self.sinks[table].write(batch)?;
            }
        }
        Ok(())
    }

    /// Closes every file of the version and saves its dedup index; returns
    /// the run's counts and the version's files.
    pub fn finish(self) -> anyhow::Result<(Counts, Written)> {
        let carried = self.carried;
        let parts = self.sinks.try_map(|table, sink| {
            let mut parts = carried.parts[table].clone();
            sink.finish(parts.is_empty()).map(|new| {
                parts.extend(new);
                parts
            })
        })?;
        let written = Written::new(parts, carried.rejects + self.counts.rejected);
        let file = self.rejects.into_inner().map_err(|e| anyhow::anyhow!("cannot write rejects.csv: {}", e.error()))?;
        file.sync_all()?;
        carry::save_index(&self.dir, &carried.dedup)?;
        let mut counts = self.counts;
        let rfc3339 = |t: i64| chrono::DateTime::from_timestamp_micros(t).map(|t| t.to_rfc3339());
        if let Some((from, to)) = self.published_range {
            counts.published_from = rfc3339(from);
            counts.published_to = rfc3339(to);
        }
        Ok((counts, written))
    }
}
