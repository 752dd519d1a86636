//! The dataset's life: how a folder of tables comes to be, grows and is
//! published.
//!
//! A run ([`build()`], or [`commit()`] of a sharded build's shards) opens the
//! dataset folder as a [`Dataset`] (its lock taken, a crashed run's leftovers
//! removed), begins a new version folder, fills it (the row sink
//! [`crate::write`] fed by the record flow [`crate::pipeline`], or the
//! shards' part files), and hands it to [`Dataset::publish`], the one way a
//! version becomes the dataset. [`layout`] names every file; [`store`] keeps
//! the versions; [`carry`] starts an incremental version from the last one,
//! as the [`ledger`] of inputs decides; [`shard`] is one task's share of a
//! sharded build; [`upload`] copies a published version to object storage;
//! [`manifest`], [`card`] and [`report`] record each run.

pub mod build;
pub mod card;
pub mod carry;
pub mod commit;
pub mod layout;
pub mod ledger;
pub mod lock;
pub mod manifest;
pub mod report;
pub mod shard;
pub mod store;
pub mod upload;

pub use build::{build, BuildOptions};
pub use commit::commit;
pub use shard::Shard;

use crate::dedup::DedupIndex;
use anyhow::Context;
use ledger::Ledger;
use lock::DatasetLock;
use manifest::Manifest;
use std::fs::File;
use std::path::Path;
use store::{DatasetStore, Version};

/// A dataset folder held by this process for one run: its lock taken, and
/// brought back to its published state after a crash.
#[derive(Debug)]
pub struct Dataset {
    _lock: DatasetLock,
    store: DatasetStore,
    current: Option<Version>,
}

impl Dataset {
    /// Locks the folder `out` (created if need be) and recovers it.
    pub fn open(out: &Path) -> anyhow::Result<Dataset> {
        let lock = DatasetLock::acquire(out)?;
        let store = DatasetStore::open(out);
        let current = store.current()?;
        store.recover(current.as_ref())?;
        Ok(Dataset { _lock: lock, store, current })
    }

    /// The published version, if the folder holds one.
    pub fn current(&self) -> Option<&Version> {
        self.current.as_ref()
    }

    pub fn store(&self) -> &DatasetStore {
        &self.store
    }

    /// Creates the empty folder of the next version.
    pub fn begin(&self) -> anyhow::Result<Version> {
        self.store.begin(self.current.as_ref())
    }

    /// Publishes `version`, whose tables are written: saves the run's record,
    /// the dataset card and the report into it, then swaps it in whole.
    pub fn publish(&self, version: &Version, record: &RunRecord) -> anyhow::Result<()> {
        record.save(&version.dir)?;
        card::write_card(&version.dir, record.manifest)?;
        report::write_report(&version.dir, record.manifest)?;
        self.store.publish(version)
    }
}

/// What a run leaves beside its tables, saved before its folder (a version
/// or a shard) is marked complete.
pub struct RunRecord<'a> {
    /// Every input the folder holds.
    pub ledger: &'a Ledger,
    /// Every document the folder holds, for the next run's deduplication.
    pub dedup: &'a DedupIndex,
    pub manifest: &'a Manifest,
}

impl RunRecord<'_> {
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        self.ledger.save(dir)?;
        save_index(dir, self.dedup)?;
        self.manifest.write(dir)
    }
}

/// The dedup index saved in a version or shard folder (empty if there is none).
pub fn load_index(dir: &Path) -> anyhow::Result<DedupIndex> {
    let path = dir.join(layout::DEDUP);
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
    let path = dir.join(layout::DEDUP);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    index
        .save(&mut out)
        .and_then(|_| std::io::Write::flush(&mut out))
        .with_context(|| format!("cannot write {}", path.display()))?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all().with_context(|| format!("cannot sync {}", path.display()))
}
