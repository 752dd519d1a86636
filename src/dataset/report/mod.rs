//! `DIR/report.html`: the dataset and its last run at a glance, written with
//! every run beside the card. One self-contained page (inline CSS and SVG, no
//! script, nothing fetched), so it opens from a laptop's disk or a bucket.
//!
//! The dataset's figures (documents per day, sites, languages, paragraph
//! kinds, duplicates, the most quoted people, reject reasons) are read from
//! the version's own tables and `rejects.csv`, so an incremental dataset is
//! shown whole; the stage times are the run's, from its manifest.

mod charts;
mod page;

use super::manifest::Manifest;
use crate::storage::local::write_file;
use crate::write::schema::Table;
use anyhow::Context;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type};
use arrow_array::{Array, RecordBatch};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Bars shown for the sites and the people; the rest are summed up in words.
const TOP: usize = 15;

/// A count per label, largest first (or in the label's own order for days).
type Tally = Vec<(String, u64)>;

/// One person as the report lists them: quotes and documents over the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub name: String,
    pub quotes: u64,
    pub documents: u64,
}

/// What the report shows of the dataset.
#[derive(Debug, Default)]
pub struct Figures {
    /// Documents per publication day (`YYYY-MM-DD`), in date order.
    pub per_day: Tally,
    pub undated: u64,
    pub sites: Tally,
    pub languages: Tally,
    pub paragraph_kinds: Tally,
    /// Originals, near-copies (`dup_of`), and exact repeats the run skipped.
    pub duplicates: Tally,
    pub reject_reasons: Tally,
    /// People with at least one quote, most quoted first.
    pub people: Vec<Quoted>,
    /// How many people are quoted in all (the list holds the top ones).
    pub people_quoted: usize,
}

/// Writes the report of the version in `dir`, whose tables are complete.
pub fn write_report(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    let figures = Figures::read(dir, manifest)?;
    write_file(&dir.join(super::layout::REPORT), page::render(&figures, manifest).as_bytes())
}

impl Figures {
    /// Reads the figures of the version in `dir` (its part files as the
    /// manifest lists them, and its rejects.csv).
    pub fn read(dir: &Path, manifest: &Manifest) -> anyhow::Result<Figures> {
        let parts = &manifest.files.parts;
        let mut days = BTreeMap::new();
        let (mut undated, mut originals, mut near_copies) = (0, 0, 0);
        let (mut sites, mut languages) = (HashMap::new(), HashMap::new());
        for part in &parts[Table::Documents] {
            for batch in
                read_columns(&dir.join(&part.path), &["published_date", "site_name", "hostname", "language", "dup_of"])?
            {
                let published = batch.column(0).as_primitive::<Date32Type>();
                let (site_name, hostname, language, dup_of) = (
                    batch.column(1).as_string::<i32>(),
                    batch.column(2).as_string::<i32>(),
                    batch.column(3).as_string::<i32>(),
                    batch.column(4),
                );
                for i in 0..batch.num_rows() {
                    match published.value_as_date(i).filter(|_| !published.is_null(i)) {
                        Some(t) => *days.entry(t.format("%Y-%m-%d").to_string()).or_insert(0) += 1,
                        None => undated += 1,
                    }
                    let site = value(site_name, i).or_else(|| value(hostname, i)).unwrap_or("(unknown)");
                    *sites.entry(site.to_string()).or_insert(0) += 1;
                    *languages.entry(value(language, i).unwrap_or("(unknown)").to_string()).or_insert(0) += 1;
                    if dup_of.is_null(i) {
                        originals += 1;
                    } else {
                        near_copies += 1;
                    }
                }
            }
        }
        let mut kinds = HashMap::new();
        for part in &parts[Table::Paragraphs] {
            for batch in read_columns(&dir.join(&part.path), &["kind"])? {
                let kind = batch.column(0).as_string::<i32>();
                for i in 0..batch.num_rows() {
                    *kinds.entry(kind.value(i).to_string()).or_insert(0) += 1;
                }
            }
        }
        let mut people: HashMap<String, (u64, u64)> = HashMap::new();
        for part in &parts[Table::People] {
            for batch in read_columns(&dir.join(&part.path), &["name", "n_quotes"])? {
                let (name, n_quotes) =
                    (batch.column(0).as_string::<i32>(), batch.column(1).as_primitive::<Int32Type>());
                for i in (0..batch.num_rows()).filter(|&i| n_quotes.value(i) > 0) {
                    let person = people.entry(name.value(i).to_string()).or_default();
                    person.0 += n_quotes.value(i) as u64;
                    person.1 += 1;
                }
            }
        }
        let people_quoted = people.len();
        let mut people: Vec<Quoted> =
            people.into_iter().map(|(name, (quotes, documents))| Quoted { name, quotes, documents }).collect();
        people.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(b.documents.cmp(&a.documents)).then(a.name.cmp(&b.name)));
        people.truncate(TOP);
        let repeats = manifest.counts.skipped_by_reason.get(crate::reason::SkipReason::Duplicate.as_str()).copied();
        let mut duplicates = vec![("original".to_string(), originals), ("near-copy (dup_of)".to_string(), near_copies)];
        duplicates.push(("exact repeat, skipped by the last run".to_string(), repeats.unwrap_or(0)));
        Ok(Figures {
            per_day: days.into_iter().collect(),
            undated,
            sites: largest_first(sites, Some(TOP)),
            languages: largest_first(languages, None),
            paragraph_kinds: largest_first(kinds, None),
            duplicates,
            reject_reasons: reject_reasons(&dir.join(super::layout::REJECTS))?,
            people,
            people_quoted,
        })
    }
}

/// The batches of `columns` of one part file.
fn read_columns(path: &Path, columns: &[&str]) -> anyhow::Result<Vec<RecordBatch>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .with_context(|| format!("{} is not a readable Parquet file", path.display()))?;
    let mask = ProjectionMask::columns(builder.parquet_schema(), columns.iter().copied());
    let reader = builder.with_projection(mask).build()?;
    let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>()?;
    // The projection keeps the file's column order; reorder to `columns`.
    batches
        .into_iter()
        .map(|b| Ok(b.project(&columns.iter().map(|c| b.schema().index_of(c)).collect::<Result<Vec<_>, _>>()?)?))
        .collect()
}

fn value(column: &arrow_array::StringArray, i: usize) -> Option<&str> {
    (!column.is_null(i)).then(|| column.value(i))
}

/// Counts largest first (ties by label), the first `top` of them if given.
fn largest_first(counts: HashMap<String, u64>, top: Option<usize>) -> Tally {
    let mut tally: Tally = counts.into_iter().collect();
    tally.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tally.truncate(top.unwrap_or(usize::MAX));
    tally
}

/// Rows of `rejects.csv` per reason.
fn reject_reasons(path: &Path) -> anyhow::Result<Tally> {
    let mut counts = HashMap::new();
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let column = reader.headers()?.iter().position(|h| h == "reason").context("rejects.csv has no reason column")?;
    for row in reader.records() {
        *counts.entry(row?.get(column).unwrap_or_default().to_string()).or_insert(0) += 1;
    }
    Ok(largest_first(counts, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_are_largest_first_then_by_label() {
        let counts = HashMap::from([("b".to_string(), 2), ("a".to_string(), 2), ("c".to_string(), 5)]);
        assert_eq!(largest_first(counts, Some(2)), vec![("c".to_string(), 5), ("a".to_string(), 2)]);
    }
}
