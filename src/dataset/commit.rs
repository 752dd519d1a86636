//! Sharded builds: each task of a job array writes its share of the inputs
//! into its own folder, `DIR/.newsmill/shards/<K>-of-<N>/`, and marks it
//! complete; `newsmill commit DIR` checks that all N shards are complete and
//! publishes them as one version of the dataset, exactly the rows one
//! unsharded run would give.
//!
//! A shard cannot see the others, so two decisions wait for the commit: a
//! record repeated in two shards is kept once (the copy earliest in input
//! order), and `dup_of` is decided again over all documents in input order,
//! as one run would have decided it.

use super::layout::{self, REJECTS};
use super::ledger::Ledger;
use super::manifest::{Manifest, RunClock, RunSummary};
use super::shard::{complete_shards, ShardRun};
use super::{load_index, Dataset, RunRecord};
use crate::dedup::{doc_id_value, DedupIndex, Signature, Verdict};
use crate::pipeline::transform::StageSeconds;
use crate::reason::SkipReason;
use crate::write::parquet::{filter_rows, list_parts, read_part, string_column, transfer_part, Edit, PartFile};
use crate::write::schema::{PerTable, Table};
use crate::write::{Counts, DocumentSummary, Written, REJECTS_HEADER};
use anyhow::Context;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StringArray};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Each input's place in the job's input list, by path.
type InputOrder<'a> = HashMap<&'a str, usize>;

/// What deduplication over all shards decided of each document, by (shard, doc_id).
type Verdicts = HashMap<(u32, u128), Verdict>;

/// Joins the complete shards of `out` into one published version.
pub fn commit(out: &Path) -> anyhow::Result<Manifest> {
    let clock = RunClock::start();
    let dataset = Dataset::open(out)?;
    dataset.store().remove_foreign_entries()?;
    let shards = complete_shards(out)?;
    let order: InputOrder = shards.iter().flat_map(|s| s.info.inputs.iter().map(|(i, p)| (p.as_str(), *i))).collect();
    let (verdicts, dedup) = replay_dedup(&shards, &order)?;
    let version = dataset.begin()?;
    let tables = join_tables(&shards, &verdicts, &version.dir, version.number)?;
    let rejects = join_rejects(&shards, &order, &version.dir.join(REJECTS))?;
    let ledger = join_ledgers(&shards, version.number)?;
    let run = RunSummary {
        version: version.number,
        incremental: false,
        inputs_read: shards.iter().map(|s| s.manifest.inputs.len()).sum(),
        inputs_unchanged: 0,
        inputs_replaced: Vec::new(),
        shard: Some(format!("{} shards", shards.len())),
        limit: None,
        limited: false,
    };
    let manifest = joined_manifest(&clock, run, &shards, &order, tables, rejects);
    dataset.publish(&version, &RunRecord { ledger: &ledger, dedup: &dedup, manifest: &manifest })?;
    Ok(manifest)
}

/// A document of a shard, by its place in the job's input order.
struct ShardDoc {
    input: usize,
    offset: i64,
    shard: u32,
    doc_id: u128,
}

/// Deduplication replayed over every document of every shard in input
/// order, as one run would have met them: the verdict on each, and the
/// dedup index of the documents kept.
fn replay_dedup(shards: &[ShardRun], order: &InputOrder) -> anyhow::Result<(Verdicts, DedupIndex)> {
    let mut docs = Vec::new();
    let mut signatures: HashMap<(u32, u128), Option<Signature>> = HashMap::new();
    for shard in shards {
        for part in list_parts(&shard.dir, Table::Documents)? {
            for batch in read_part(&part)? {
                let batch = batch.with_context(|| format!("cannot read {}", part.display()))?;
                let (ids, sources) = (string_column(&batch, "doc_id")?, string_column(&batch, "source")?);
                let offsets = batch
                    .column_by_name("record_offset")
                    .context("documents without record_offset")?
                    .as_primitive::<Int64Type>();
                for i in 0..batch.num_rows() {
                    let doc_id = doc_id_value(ids.value(i))
                        .with_context(|| format!("{} holds a malformed doc_id", part.display()))?;
                    let input = order.get(sources.value(i)).copied().unwrap_or(usize::MAX);
                    let offset = if offsets.is_null(i) { 0 } else { offsets.value(i) };
                    docs.push(ShardDoc { input, offset, shard: shard.index, doc_id });
                }
            }
        }
        let index = load_index(&shard.dir)?;
        signatures.extend(index.signatures().map(|(id, sig)| ((shard.index, id), sig.copied())));
    }
    docs.sort_by_key(|d| (d.input, d.offset, d.shard));
    let mut index = DedupIndex::default();
    let mut verdicts = Verdicts::with_capacity(docs.len());
    for d in &docs {
        let signature = signatures.get(&(d.shard, d.doc_id)).copied().flatten();
        verdicts.insert((d.shard, d.doc_id), index.admit(&format!("{:032x}", d.doc_id), signature.as_ref()));
    }
    Ok((verdicts, index))
}

/// The shards' tables joined in a version folder.
struct JoinedTables {
    parts: PerTable<Vec<PartFile>>,
    /// Documents dropped as repeats of a document of another shard.
    dropped: u64,
    documents: DocumentSummary,
}

/// Brings every shard's part files into the version folder `dir` of run
/// `run`: documents rewritten with their `dup_of` and without repeats, the
/// other tables without the repeats' rows (linked as they are when the
/// shard has no repeat).
fn join_tables(shards: &[ShardRun], verdicts: &Verdicts, dir: &Path, run: u32) -> anyhow::Result<JoinedTables> {
    let prefix = layout::run_prefix(run);
    let mut joined = JoinedTables { parts: PerTable::default(), dropped: 0, documents: DocumentSummary::default() };
    for shard in shards {
        let verdict = |id: &str| doc_id_value(id).and_then(|d| verdicts.get(&(shard.index, d)));
        let duplicate = |id: &str| matches!(verdict(id), Some(Verdict::Duplicate));
        let has_duplicates = verdicts.iter().any(|((s, _), v)| *s == shard.index && *v == Verdict::Duplicate);
        let mut decide_documents = |batch: &RecordBatch| {
            let ids = string_column(batch, "doc_id")?;
            let keep: BooleanArray = (0..batch.num_rows()).map(|i| Some(!duplicate(ids.value(i)))).collect();
            joined.dropped += (batch.num_rows() - keep.true_count()) as u64;
            let kept = filter_rows(batch, &keep)?;
            let ids = string_column(&kept, "doc_id")?;
            let dup_of: StringArray = (0..kept.num_rows())
                .map(|i| match verdict(ids.value(i)) {
                    Some(Verdict::New { dup_of }) => dup_of.clone(),
                    _ => None,
                })
                .collect();
            let batch = replace_column(&kept, "dup_of", Arc::new(dup_of))?;
            summarize(&mut joined.documents, &batch)?;
            Ok(batch)
        };
        let mut drop_duplicates = |batch: &RecordBatch| {
            let ids = string_column(batch, "doc_id")?;
            filter_rows(batch, &(0..batch.num_rows()).map(|i| Some(!duplicate(ids.value(i)))).collect())
        };
        for table in Table::ALL {
            for from in list_parts(&shard.dir, table)? {
                let name =
                    from.file_name().map(|n| layout::part_in_run(&n.to_string_lossy(), &prefix)).unwrap_or_default();
                let edit: Option<Edit> = match table {
                    Table::Documents => Some(&mut decide_documents),
                    _ if has_duplicates => Some(&mut drop_duplicates),
                    _ => None,
                };
                joined.parts[table].extend(transfer_part(&from, dir, table, &name, edit)?);
            }
        }
    }
    Ok(joined)
}

/// Adds the languages and publication dates of a batch of documents.
fn summarize(summary: &mut DocumentSummary, batch: &RecordBatch) -> anyhow::Result<()> {
    let language = string_column(batch, "language")?;
    let published = batch.column_by_name("published_date").context("documents without published_date")?;
    let published = published.as_primitive::<Date32Type>();
    for i in 0..batch.num_rows() {
        let language = (!language.is_null(i)).then(|| language.value(i));
        summary.add(language, published.value_as_date(i).filter(|_| !published.is_null(i)));
    }
    Ok(())
}

/// The shards' ledgers as one, every input now held by run `run`.
fn join_ledgers(shards: &[ShardRun], run: u32) -> anyhow::Result<Ledger> {
    let mut ledger = Ledger::default();
    for shard in shards {
        for (path, mut entry) in Ledger::load(&shard.dir)?.inputs {
            entry.run = run;
            ledger.inputs.insert(path, entry);
        }
    }
    Ok(ledger)
}

/// The manifest of a commit: the shards' record counts, stage times and
/// inputs (in input order) summed, with the rows the joined tables hold.
fn joined_manifest(
    clock: &RunClock,
    run: RunSummary,
    shards: &[ShardRun],
    order: &InputOrder,
    tables: JoinedTables,
    rejects: u64,
) -> Manifest {
    let mut counts = Counts::default();
    let mut stage_cpu_secs = StageSeconds::default();
    let mut inputs = Vec::new();
    for shard in shards {
        let c = &shard.manifest.counts;
        counts.records_seen += c.records_seen;
        counts.skipped += c.skipped;
        counts.rejected += c.rejected;
        for (reason, n) in &c.skipped_by_reason {
            *counts.skipped_by_reason.entry(reason.clone()).or_default() += n;
        }
        for (reason, n) in &c.rejected_by_reason {
            *counts.rejected_by_reason.entry(reason.clone()).or_default() += n;
        }
        stage_cpu_secs.add(&shard.manifest.stage_cpu_secs);
        inputs.extend(shard.manifest.inputs.iter().cloned());
    }
    inputs.sort_by_key(|i| order.get(i.path.as_str()).copied().unwrap_or(usize::MAX));
    let files = Written::new(tables.parts, rejects);
    for (table, rows) in files.rows.tables.iter() {
        *counts.rows_mut(table) = *rows;
    }
    if tables.dropped > 0 {
        counts.skipped += tables.dropped;
        *counts.skipped_by_reason.entry(SkipReason::Duplicate.as_str().to_string()).or_default() += tables.dropped;
    }
    tables.documents.record(&mut counts);
    Manifest { stage_cpu_secs, inputs, counts, files, ..Manifest::new(clock, 1, run, &[]) }
}

fn replace_column(batch: &RecordBatch, name: &str, values: ArrayRef) -> anyhow::Result<RecordBatch> {
    let at = batch.schema().index_of(name)?;
    let mut columns = batch.columns().to_vec();
    columns[at] = values;
    Ok(RecordBatch::try_new(batch.schema(), columns)?)
}

/// The shards' rejects in input order; returns the row count.
fn join_rejects(shards: &[ShardRun], order: &InputOrder, to: &Path) -> anyhow::Result<u64> {
    let mut rows = Vec::new();
    for shard in shards {
        super::state::require(&shard.dir, REJECTS)?;
        let path = shard.dir.join(REJECTS);
        let mut reader = csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
        for row in reader.records() {
            let row = row.with_context(|| format!("{} is damaged", path.display()))?;
            let input = row.get(0).and_then(|s| order.get(s)).copied().unwrap_or(usize::MAX);
            rows.push((input, row));
        }
    }
    rows.sort_by_key(|(input, _)| *input);
    let mut writer = csv::Writer::from_path(to).with_context(|| format!("cannot create {}", to.display()))?;
    writer.write_record(REJECTS_HEADER)?;
    for (_, row) in &rows {
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(rows.len() as u64)
}
