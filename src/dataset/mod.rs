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
pub mod state;
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
use state::StateCheck;
use std::fs::File;
use std::path::Path;
use store::{DatasetStore, Version};

/// A dataset folder held by this process for one run: its lock taken, and
/// brought back to its published state after a crash. A version begun and
/// not published (the run failed or was stopped) is deleted when the
/// `Dataset` is dropped, before the lock is released.
#[derive(Debug)]
pub struct Dataset {
    store: DatasetStore,
    current: Option<Version>,
    /// The version this run began and has not published yet.
    pending: std::cell::RefCell<Option<Version>>,
    lock: DatasetLock,
}

impl Dataset {
    /// Locks the folder `out` (created if need be) and recovers it.
    pub fn open(out: &Path) -> anyhow::Result<Dataset> {
        let lock = DatasetLock::acquire(out)?;
        let store = DatasetStore::open(out);
        let current = store.resolve_current()?;
        store.recover(current.as_ref())?;
        Ok(Dataset { store, current, pending: Default::default(), lock })
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
        let version = self.store.begin(self.current.as_ref())?;
        *self.pending.borrow_mut() = Some(version.clone());
        Ok(version)
    }

    /// Publishes `version`, whose tables are written: saves the run's record,
    /// the dataset card and the report into it, then swaps it in whole.
    pub fn publish(&self, version: &Version, record: &RunRecord) -> anyhow::Result<()> {
        record.save(&version.dir)?;
        card::write_card(&version.dir, record.manifest)?;
        report::write_report(&version.dir, record.manifest)?;
        crate::interrupt::check()?;
        self.lock.ensure_held()?;
        self.store.publish(version)?;
        self.pending.borrow_mut().take();
        Ok(())
    }
}

impl Drop for Dataset {
    fn drop(&mut self) {
        let pending = self.pending.get_mut().take();
        // A publish that failed after the swap has made it the dataset.
        let published = |v: &Version| self.store.current().ok().flatten().is_some_and(|c| c.number == v.number);
        // Not after another run took the lock over: the folder may be its own
        // new version of the same number.
        if let Some(version) = pending.filter(|v| !published(v) && self.lock.ensure_held().is_ok()) {
            match store::remove_version(&version.dir) {
                Ok(()) => eprintln!("newsmill: the unpublished version {} was removed", version.dir.display()),
                Err(e) => eprintln!("newsmill: warning: {e:#}; the next run removes it"),
            }
        }
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
        self.manifest.write(dir)?;
        state::save_checksums(dir)
    }
}

/// The dedup index saved in a version or shard folder (empty if there is
/// none); rebuilt from the folder's documents when it is missing or damaged.
pub fn load_index(dir: &Path) -> anyhow::Result<DedupIndex> {
    let path = dir.join(layout::DEDUP);
    let loaded = match state::check(dir, layout::DEDUP)? {
        StateCheck::Missing | StateCheck::Damaged => None,
        StateCheck::Sound | StateCheck::Unchecked => {
            File::open(&path).ok().and_then(|file| DedupIndex::load(&mut std::io::BufReader::new(file)).ok())
        }
    };
    let Some(loaded) = loaded else {
        eprintln!(
            "newsmill: warning: {} is missing or damaged; rebuilding it from the documents of {}",
            path.display(),
            dir.display()
        );
        return rebuild_index(dir);
    };
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

/// The dedup index of the documents a version or shard folder holds: each
/// doc_id with the signature of its text, as the run that wrote it computed it.
fn rebuild_index(dir: &Path) -> anyhow::Result<DedupIndex> {
    use crate::write::parquet::{list_parts, read_part, string_column};
    let mut index = DedupIndex::default();
    for part in list_parts(dir, crate::write::schema::Table::Documents)? {
        for batch in read_part(&part)? {
            let batch = batch.with_context(|| format!("cannot read {}", part.display()))?;
            let (ids, texts) = (string_column(&batch, "doc_id")?, string_column(&batch, "text")?);
            for (id, text) in ids.iter().zip(texts.iter()) {
                let (Some(id), Some(text)) = (id, text) else { continue };
                index.admit(id, crate::dedup::Signature::of(text).as_ref());
            }
        }
    }
    Ok(index)
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
