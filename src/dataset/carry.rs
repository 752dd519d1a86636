//! An incremental run starts its version from the previous one: part files
//! are carried over as hard links, except those of runs that read an input
//! which has changed since, which are rewritten without that input's rows
//! (documents by `source`, their paragraphs and quotes by `doc_id`). The
//! rejects and the dedup index lose the same records.

use super::layout::{self, REJECTS};
use super::ledger::LedgerEntry;
use super::load_index;
use super::store::Version;
use crate::dedup::doc_id_value;
use crate::write::parquet::{filter_rows, list_parts, string_column, transfer_part, Edit};
use crate::write::schema::Table;
use crate::write::Carried;
use anyhow::Context;
use arrow_array::{BooleanArray, RecordBatch};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// Carries `previous` into the empty version folder `next`, dropping the rows
/// of the `replaced` inputs.
pub fn carry_over(previous: &Version, next: &Path, replaced: &[LedgerEntry]) -> anyhow::Result<Carried> {
    super::state::require(&previous.dir, REJECTS)?;
    let sources: HashSet<&str> = replaced.iter().map(|e| e.path.as_str()).collect();
    let runs: BTreeSet<u32> = replaced.iter().map(|e| e.run).collect();
    let mut carried = Carried::default();
    let mut removed: HashSet<u128> = HashSet::new();
    // Documents first: they name the doc_ids whose paragraphs and quotes go too.
    for table in Table::ALL {
        for from in list_parts(&previous.dir, table)? {
            crate::interrupt::check()?;
            let name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut drop_replaced = |batch: &RecordBatch| {
                let keep: BooleanArray = if table == Table::Documents {
                    let (source, doc_id) = (string_column(batch, "source")?, string_column(batch, "doc_id")?);
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
                    let doc_id = string_column(batch, "doc_id")?;
                    (0..batch.num_rows())
                        .map(|i| Some(doc_id_value(doc_id.value(i)).is_none_or(|d| !removed.contains(&d))))
                        .collect()
                };
                filter_rows(batch, &keep)
            };
            let from_replaced_run = layout::part_run(&name).is_some_and(|run| runs.contains(&run));
            let edit: Option<Edit> = if from_replaced_run { Some(&mut drop_replaced) } else { None };
            carried.parts[table].extend(transfer_part(&from, next, table, &name, edit)?);
        }
    }
    carried.rejects = carry_rejects(&previous.dir.join(REJECTS), &next.join(REJECTS), &sources)?;
    carried.dedup = load_index(&previous.dir)?.without(&removed);
    Ok(carried)
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
