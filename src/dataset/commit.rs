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

use super::card::write_card;
use super::carry::{column, load_index, save_index};
use super::layout::{self, shard_dir, REJECTS, SHARD_INFO, SUCCESS};
use super::ledger::Ledger;
use super::lock::DatasetLock;
use super::manifest::{InputSummary, Manifest, RunSummary, StageSeconds};
use super::store::DatasetStore;
use crate::dedup::{doc_id_value, DedupIndex, Signature, Verdict};
use crate::reason::SkipReason;
use crate::storage::local::link_or_copy;
use crate::write::parquet::{filter_rows, list_parts, part_rows, read_part, rewrite_part, PartFile};
use crate::write::schema::{PerTable, Table};
use crate::write::{Counts, Written, REJECTS_HEADER};
use anyhow::Context;
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StringArray};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `_shard.json`: which inputs a shard read, by their place in the whole
/// input list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShardInfo {
    pub index: u32,
    pub count: u32,
    /// Inputs of the whole job.
    pub inputs_total: usize,
    /// This shard's inputs: (index in the job's input list, path).
    pub inputs: Vec<(usize, String)>,
}

/// Whether the shard folder holds a complete run over exactly these inputs
/// (same paths, sizes and times), so that running it again is a no-op.
pub fn is_complete(dir: &Path, info: &ShardInfo, files: &[PathBuf]) -> anyhow::Result<bool> {
    if !dir.join(SUCCESS).exists() {
        return Ok(false);
    }
    let Ok(bytes) = std::fs::read(dir.join(SHARD_INFO)) else { return Ok(false) };
    if serde_json::from_slice::<ShardInfo>(&bytes).ok().as_ref() != Some(info) {
        return Ok(false);
    }
    let ledger = Ledger::load(dir)?;
    Ok(ledger.inputs.len() == files.len() && ledger.plan(files, true)?.is_noop())
}

/// Empties a shard folder for a new run of the shard.
pub fn reset(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Marks a shard complete, after everything else in it is written.
pub fn finish(dir: &Path, info: &ShardInfo) -> anyhow::Result<()> {
    std::fs::write(dir.join(SHARD_INFO), serde_json::to_vec_pretty(info)?)?;
    std::fs::File::open(dir).and_then(|d| d.sync_all())?;
    std::fs::write(dir.join(SUCCESS), b"").with_context(|| format!("cannot mark {} complete", dir.display()))
}

/// What commit needs from a shard's manifest.
#[derive(Debug, serde::Deserialize)]
struct ShardManifest {
    counts: Counts,
    inputs: Vec<InputSummary>,
    stage_secs: StageSeconds,
}

struct ShardRun {
    index: u32,
    dir: PathBuf,
    info: ShardInfo,
    manifest: ShardManifest,
}

/// The complete shards of `out`, or an error naming what is missing.
fn complete_shards(out: &Path) -> anyhow::Result<Vec<ShardRun>> {
    let root = layout::shards_dir(out);
    let mut by_count: BTreeMap<u32, Vec<(u32, PathBuf)>> = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((k, n)) = layout::parse_shard_dir(&name) {
                by_count.entry(n).or_default().push((k, entry.path()));
            }
        }
    }
    let Some((&count, _)) = by_count.iter().next() else {
        crate::usage_bail!(
            "{} holds no shards; run `newsmill build INPUT... --out {} --shard K/N` for every K from 0 to N-1 first",
            out.display(),
            out.display()
        );
    };
    if by_count.len() > 1 {
        let counts: Vec<String> = by_count.keys().map(|n| n.to_string()).collect();
        anyhow::bail!(
            "{} holds shards of jobs split {} ways; remove {} and run the shards of one job",
            out.display(),
            counts.join(" and "),
            root.display()
        );
    }
    let missing: Vec<String> =
        (0..count).filter(|&k| !shard_dir(out, k, count).join(SUCCESS).exists()).map(|k| k.to_string()).collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "{} of {count} shards have not finished (shard {}); run those tasks again (a finished shard is not redone), then commit",
            missing.len(),
            missing.join(", ")
        );
    }
    let mut runs = Vec::new();
    for index in 0..count {
        let dir = shard_dir(out, index, count);
        let read = |name: &str| {
            std::fs::read(dir.join(name)).with_context(|| format!("cannot read {}", dir.join(name).display()))
        };
        let info: ShardInfo = serde_json::from_slice(&read(SHARD_INFO)?)
            .with_context(|| format!("{} is damaged", dir.join(SHARD_INFO).display()))?;
        let manifest: ShardManifest = serde_json::from_slice(&read(layout::MANIFEST)?)
            .with_context(|| format!("{} is damaged", dir.join(layout::MANIFEST).display()))?;
        runs.push(ShardRun { index, dir, info, manifest });
    }
    let total = runs[0].info.inputs_total;
    let mut covered = vec![0u32; total];
    for run in &runs {
        for &(i, _) in &run.info.inputs {
            if let Some(c) = covered.get_mut(i) {
                *c += 1;
            }
        }
    }
    if runs.iter().any(|r| r.info.inputs_total != total) || covered.iter().any(|&c| c != 1) {
        anyhow::bail!(
            "the shards in {} were built from different input lists; run every shard of the job with the same inputs",
            root.display()
        );
    }
    Ok(runs)
}

/// A document of a shard, by its place in the job's input order.
struct ShardDoc {
    input: usize,
    offset: i64,
    shard: u32,
    doc_id: u128,
}

/// Joins the complete shards of `out` into one published version.
pub fn commit(out: &Path) -> anyhow::Result<Manifest> {
    let started = std::time::Instant::now();
    let started_at = chrono::Utc::now();
    let _lock = DatasetLock::acquire(out)?;
    let store = DatasetStore::open(out);
    let current = store.current()?;
    store.recover(current.as_ref())?;
    store.remove_foreign_entries()?;
    let shards = complete_shards(out)?;
    let input_index: HashMap<&str, usize> =
        shards.iter().flat_map(|s| s.info.inputs.iter().map(|(i, p)| (p.as_str(), *i))).collect();

    // Replay deduplication over every document in input order.
    let mut docs = Vec::new();
    let mut signatures: HashMap<(u32, u128), Option<Signature>> = HashMap::new();
    for shard in &shards {
        for part in list_parts(&shard.dir, Table::Documents)? {
            for batch in read_part(&part)? {
                let batch = batch.with_context(|| format!("cannot read {}", part.display()))?;
                let (ids, sources) = (column(&batch, "doc_id")?, column(&batch, "source")?);
                let offsets = batch
                    .column_by_name("record_offset")
                    .context("documents without record_offset")?
                    .as_primitive::<Int64Type>();
                for i in 0..batch.num_rows() {
                    let doc_id = doc_id_value(ids.value(i))
                        .with_context(|| format!("{} holds a malformed doc_id", part.display()))?;
                    let input = input_index.get(sources.value(i)).copied().unwrap_or(usize::MAX);
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
    let mut verdicts: HashMap<(u32, u128), Verdict> = HashMap::with_capacity(docs.len());
    for d in &docs {
        let signature = signatures.get(&(d.shard, d.doc_id)).copied().flatten();
        verdicts.insert((d.shard, d.doc_id), index.admit(&format!("{:032x}", d.doc_id), signature.as_ref()));
    }
    drop(signatures);

    let version = store.begin(current.as_ref())?;
    let prefix = layout::run_prefix(version.number);
    let mut parts: PerTable<Vec<PartFile>> = PerTable::default();
    let mut dropped = 0u64;
    let mut summary = DocumentSummary::default();
    for shard in &shards {
        let verdict = |id: &str| doc_id_value(id).and_then(|d| verdicts.get(&(shard.index, d)));
        let duplicate = |id: &str| matches!(verdict(id), Some(Verdict::Duplicate));
        let has_duplicates = verdicts.iter().any(|((s, _), v)| *s == shard.index && *v == Verdict::Duplicate);
        for table in Table::ALL {
            let to_dir = version.dir.join(table.name());
            std::fs::create_dir_all(&to_dir)?;
            for from in list_parts(&shard.dir, table)? {
                let name =
                    from.file_name().map(|n| layout::part_in_run(&n.to_string_lossy(), &prefix)).unwrap_or_default();
                let to = to_dir.join(&name);
                let rows = if table == Table::Documents {
                    rewrite_part(&from, &to, table, |batch| {
                        let ids = column(batch, "doc_id")?;
                        let keep: BooleanArray =
                            (0..batch.num_rows()).map(|i| Some(!duplicate(ids.value(i)))).collect();
                        dropped += (batch.num_rows() - keep.true_count()) as u64;
                        let kept = filter_rows(batch, &keep)?;
                        let ids = column(&kept, "doc_id")?;
                        let dup_of: StringArray = (0..kept.num_rows())
                            .map(|i| match verdict(ids.value(i)) {
                                Some(Verdict::New { dup_of }) => dup_of.clone(),
                                _ => None,
                            })
                            .collect();
                        let batch = replace_column(&kept, "dup_of", Arc::new(dup_of))?;
                        summary.add(&batch)?;
                        Ok(batch)
                    })?
                } else if has_duplicates {
                    rewrite_part(&from, &to, table, |batch| {
                        let ids = column(batch, "doc_id")?;
                        filter_rows(batch, &(0..batch.num_rows()).map(|i| Some(!duplicate(ids.value(i)))).collect())
                    })?
                } else {
                    link_or_copy(&from, &to)?;
                    part_rows(&to)?
                };
                if rows > 0 {
                    parts[table].push(PartFile { path: format!("{}/{name}", table.name()), rows });
                } else if to.exists() {
                    std::fs::remove_file(&to)?;
                }
            }
        }
    }

    let rejects = join_rejects(&shards, &input_index, &version.dir.join(REJECTS))?;
    let mut ledger = Ledger::default();
    for shard in &shards {
        for (path, mut entry) in Ledger::load(&shard.dir)?.inputs {
            entry.run = version.number;
            ledger.inputs.insert(path, entry);
        }
    }
    ledger.save(&version.dir)?;
    save_index(&version.dir, &index)?;

    let mut counts = Counts::default();
    let mut stage_secs = StageSeconds::default();
    let mut inputs: Vec<(usize, InputSummary)> = Vec::new();
    for shard in &shards {
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
        let s = &shard.manifest.stage_secs;
        stage_secs.read += s.read;
        stage_secs.decode += s.decode;
        stage_secs.extract += s.extract;
        stage_secs.segment += s.segment;
        stage_secs.write += s.write;
        inputs.extend(
            shard
                .manifest
                .inputs
                .iter()
                .map(|i| (input_index.get(i.path.as_str()).copied().unwrap_or(usize::MAX), i.clone())),
        );
    }
    inputs.sort_by_key(|(i, _)| *i);
    let written = Written::new(parts, rejects);
    for (table, rows) in written.rows.tables.iter() {
        *counts.rows_mut(table) = *rows;
    }
    if dropped > 0 {
        counts.skipped += dropped;
        *counts.skipped_by_reason.entry(SkipReason::Duplicate.as_str().to_string()).or_default() += dropped;
    }
    counts.documents_by_language = summary.languages;
    let rfc3339 = |t: i64| chrono::DateTime::from_timestamp_micros(t).map(|t| t.to_rfc3339());
    counts.published_from = summary.published.and_then(|(lo, _)| rfc3339(lo));
    counts.published_to = summary.published.and_then(|(_, hi)| rfc3339(hi));
    let manifest = Manifest {
        tool: "newsmill",
        tool_version: env!("CARGO_PKG_VERSION"),
        schema_version: Table::Documents.spec().version,
        started_at: started_at.to_rfc3339(),
        finished_at: chrono::Utc::now().to_rfc3339(),
        duration_secs: started.elapsed().as_secs_f64(),
        threads: 1,
        run: RunSummary {
            version: version.number,
            incremental: false,
            inputs_read: inputs.len(),
            inputs_unchanged: 0,
            inputs_replaced: Vec::new(),
            shard: Some(format!("{} shards", shards.len())),
        },
        stage_secs,
        inputs: inputs.into_iter().map(|(_, i)| i).collect(),
        ignored_files: Vec::new(),
        counts,
        files: written,
    };
    write_card(&version.dir, &manifest)?;
    manifest.write(&version.dir)?;
    store.publish(&version)?;
    Ok(manifest)
}

/// The published range and languages of the documents a commit keeps.
#[derive(Default)]
struct DocumentSummary {
    languages: BTreeMap<String, u64>,
    published: Option<(i64, i64)>,
}

impl DocumentSummary {
    fn add(&mut self, batch: &RecordBatch) -> anyhow::Result<()> {
        let language = column(batch, "language")?;
        let published = batch.column_by_name("published_at").context("documents without published_at")?;
        let published = published.as_primitive::<arrow_array::types::TimestampMicrosecondType>();
        for i in 0..batch.num_rows() {
            let name = if language.is_null(i) { "unknown" } else { language.value(i) };
            *self.languages.entry(name.to_string()).or_default() += 1;
            if !published.is_null(i) {
                let t = published.value(i);
                self.published = Some(self.published.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))));
            }
        }
        Ok(())
    }
}

fn replace_column(batch: &RecordBatch, name: &str, values: ArrayRef) -> anyhow::Result<RecordBatch> {
    let at = batch.schema().index_of(name)?;
    let mut columns = batch.columns().to_vec();
    columns[at] = values;
    Ok(RecordBatch::try_new(batch.schema(), columns)?)
}

/// The shards' rejects in input order; returns the row count.
fn join_rejects(shards: &[ShardRun], input_index: &HashMap<&str, usize>, to: &Path) -> anyhow::Result<u64> {
    let mut rows = Vec::new();
    for shard in shards {
        let path = shard.dir.join(REJECTS);
        let mut reader = csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
        for row in reader.records() {
            let row = row.with_context(|| format!("{} is damaged", path.display()))?;
            let input = row.get(0).and_then(|s| input_index.get(s)).copied().unwrap_or(usize::MAX);
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
