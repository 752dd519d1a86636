//! The row sink: a run's outcomes written into a folder's tables (part
//! files per [`schema::Table`], in [`parquet`]) and its `rejects.csv`, and
//! counted for the manifest. Which folder that is, what it already holds and
//! how it becomes the published dataset is [`crate::dataset`]'s business.

pub mod parquet;
pub mod rows;
pub mod schema;

use crate::dataset::layout;
use crate::dedup::{DedupIndex, Verdict};
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
    /// Rows of the people table: people per document, summed.
    #[serde(default)]
    pub people: u64,
    pub skipped_by_reason: BTreeMap<String, u64>,
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Earliest and latest `published_date` of the documents (YYYY-MM-DD), if any.
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
            Table::People => &mut self.people,
        }
    }
}

/// What the manifest tells of the documents themselves: their languages and
/// the range of their publication dates.
#[derive(Debug, Default)]
pub struct DocumentSummary {
    languages: BTreeMap<String, u64>,
    /// Earliest and latest `published_date`.
    published: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl DocumentSummary {
    /// Counts one document (a null language counts as "unknown").
    pub fn add(&mut self, language: Option<&str>, published_date: Option<chrono::NaiveDate>) {
        bump(&mut self.languages, language.unwrap_or("unknown"));
        if let Some(t) = published_date {
            self.published = Some(self.published.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))));
        }
    }

    /// Puts the languages and the date range into `counts`.
    pub fn record(self, counts: &mut Counts) {
        counts.documents_by_language = self.languages;
        counts.published_from = self.published.map(|(from, _)| from.to_string());
        counts.published_to = self.published.map(|(_, to)| to.to_string());
    }
}

/// What a folder holds before a run adds its rows: the part files and
/// rejects carried over from the previous version, and the dedup index of
/// the documents in them (all empty for a fresh build).
#[derive(Debug, Default)]
pub struct Carried {
    pub parts: PerTable<Vec<PartFile>>,
    pub dedup: DedupIndex,
    /// Rows of rejects.csv carried over (the file is already in the folder).
    pub rejects: u64,
}

/// What a finished run wrote: its counts, the folder's files, and the dedup
/// index of every document the folder holds, for the next run.
pub struct Finished {
    pub counts: Counts,
    pub written: Written,
    pub dedup: DedupIndex,
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

/// Writes a run's outcomes into its folder.
pub struct DatasetWriter {
    dir: PathBuf,
    sinks: PerTable<ParquetSink>,
    rejects: csv::Writer<File>,
    counts: Counts,
    documents: DocumentSummary,
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
            documents: DocumentSummary::default(),
            carried,
        })
    }

    /// The folder written into.
    pub fn dir(&self) -> &Path {
        &self.dir
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
                    self.documents.add(d.language.as_deref(), d.published_date);
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

    /// Closes every file of the folder; returns the run's counts, the
    /// folder's files and its dedup index.
    pub fn finish(self) -> anyhow::Result<Finished> {
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
        let mut counts = self.counts;
        self.documents.record(&mut counts);
        Ok(Finished { counts, written, dedup: carried.dedup })
    }
}
