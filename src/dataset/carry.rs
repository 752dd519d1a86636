//! An incremental run starts its version from the previous one: part files
//! are carried over as hard links, except those of runs that read an input
//! which has changed since, which are rewritten without that input's rows
//! (documents by `source`, their paragraphs and quotes by `doc_id`). The
//! rejects and the dedup index lose the same records.

use super::layout::{self, DEDUP, REJECTS};
use super::ledger::LedgerEntry;
use super::store::Version;
use crate::dedup::{doc_id_value, DedupIndex};
use crate::storage::local::link_or_copy;
use crate::write::parquet::{filter_rows, list_parts, part_rows, rewrite_part, PartFile};
use crate::write::schema::{PerTable, Table};
use anyhow::Context;
use arrow_array::{Array, BooleanArray, RecordBatch, StringArray};
use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::path::Path;

/// What the new version holds before the run adds its own rows.
#[derive(Debug, Default)]
pub struct Carried {
    /// The part files carried over.
    pub parts: PerTable<Vec<PartFile>>,
    pub dedup: DedupIndex,
    /// Rows of rejects.csv carried over (the file is already in the new version).
    pub rejects: u64,
}

pub fn column<'a>(batch: &'a RecordBatch, name: &str) -> anyhow::Result<&'a StringArray> {
    batch.column_by_name(name).and_then(|c| c.as_any().downcast_ref::<StringArray>()).with_context(|| {
        format!("a part file has no string column {name:?}; was it written by another newsmill version?")
    })
}

/// Carries `previous` into the empty version folder `next`, dropping the rows
/// of the `replaced` inputs.
pub fn carry_over(previous: &Version, next: &Path, replaced: &[LedgerEntry]) -> anyhow::Result<Carried> {
    let sources: HashSet<&str> = replaced.iter().map(|e| e.path.as_str()).collect();
    let runs: BTreeSet<u32> = replaced.iter().map(|e| e.run).collect();
    let mut carried = Carried::default();
    let mut removed: HashSet<u128> = HashSet::new();
    // Documents first: they name the doc_ids whose paragraphs and quotes go too.
    for table in Table::ALL {
        let to_dir = next.join(table.name());
        std::fs::create_dir_all(&to_dir).with_context(|| format!("cannot create {}", to_dir.display()))?;
        for from in list_parts(&previous.dir, table)? {
            let name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let to = to_dir.join(&name);
            let rows = if layout::part_run(&name).is_some_and(|run| runs.contains(&run)) {
                rewrite_part(&from, &to, table, |batch| {
                    let keep: BooleanArray = if table == Table::Documents {
                        let (source, doc_id) = (column(batch, "source")?, column(batch, "doc_id")?);
                        (0..batch.num_rows())
                            .map(|i| {
                                let gone = sources.contains(source.value(i));
                                if gone {
                                    removed.extend(doc_id_value(doc_id.value(i)));
                                }
                                Some(!gone)
                            })
                            .collect()
                    } else {
                        let doc_id = column(batch, "doc_id")?;
                        (0..batch.num_rows())
                            .map(|i| Some(doc_id_value(doc_id.value(i)).is_none_or(|d| !removed.contains(&d))))
                            .collect()
                    };
                    filter_rows(batch, &keep)
                })?
            } else {
                link_or_copy(&from, &to)?;
                part_rows(&to)?
            };
            if rows > 0 {
                carried.parts[table].push(PartFile { path: format!("{}/{name}", table.name()), rows });
            } else if to.exists() {
                // A table's lone empty part file: the new run writes its own if it must.
                std::fs::remove_file(&to).with_context(|| format!("cannot remove {}", to.display()))?;
            }
        }
    }
    carried.rejects = carry_rejects(&previous.dir.join(REJECTS), &next.join(REJECTS), &sources)?;
    carried.dedup = load_index(&previous.dir)?.without(&removed);
    Ok(carried)
}

/// The dedup index saved in a version or shard folder (empty if there is none).
pub fn load_index(dir: &Path) -> anyhow::Result<DedupIndex> {
    let path = dir.join(DEDUP);
    match File::open(&path) {
        Ok(file) => {
            let loaded = DedupIndex::load(&mut std::io::BufReader::new(file))
                .with_context(|| format!("{} is damaged; rebuild the dataset with --overwrite", path.display()))?;
            if loaded.dropped_signatures > 0 {
                eprintln!(
                    "newsmill: warning: {} holds {} near-duplicate signatures of an older newsmill, which this version cannot \
                     compare and drops: those documents are still skipped when read again, but near-copies of them will not get \
                     dup_of (rebuild with --overwrite for that)",
                    path.display(),
                    loaded.dropped_signatures
                );
            }
            Ok(loaded.index)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(DedupIndex::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Saves a dedup index into a version or shard folder, synced to disk.
pub fn save_index(dir: &Path, index: &DedupIndex) -> anyhow::Result<()> {
    let path = dir.join(DEDUP);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    index
        .save(&mut out)
        .and_then(|_| std::io::Write::flush(&mut out))
        .with_context(|| format!("cannot write {}", path.display()))?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all().with_context(|| format!("cannot sync {}", path.display()))
}

/// Copies the rejects of inputs that stay; returns how many rows were kept.
fn carry_rejects(from: &Path, to: &Path, replaced: &HashSet<&str>) -> anyhow::Result<u64> {
    let mut writer = csv::Writer::from_path(to).with_context(|| format!("cannot create {}", to.display()))?;
    writer.write_record(crate::write::REJECTS_HEADER)?;
    let mut kept = 0;
    if from.exists() {
        let mut reader = csv::Reader::from_path(from).with_context(|| format!("cannot read {}", from.display()))?;
        for row in reader.records() {
            let row = row.with_context(|| format!("{} is damaged", from.display()))?;
            if !row.get(0).is_some_and(|source| replaced.contains(source)) {
                writer.write_record(&row)?;
                kept += 1;
            }
        }
    }
    writer.flush()?;
    Ok(kept)
}
