//! The dataset folder's versions (laid out as [`super::layout`] shows), and
//! how a run publishes one atomically.
//!
//! A run writes a complete new version folder (unchanged part files of the
//! previous version are hard links, not copies), then swaps the `current`
//! link with one `rename`, the only atomic step a file system offers over
//! several files. A reader globbing `DIR/documents/*.parquet` therefore sees
//! the whole previous version or the whole new one, all tables together; a
//! run killed at any moment leaves at most an unpublished version folder,
//! which the next run deletes.

use super::layout::{self, parse_version, version_name, CURRENT, STORE, SUCCESS};
use crate::storage::local::{replace_link, sync_dir, TMP_SUFFIX};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// A version folder of the dataset.
#[derive(Debug, Clone)]
pub struct Version {
    pub number: u32,
    pub dir: PathBuf,
}

/// The dataset folder `DIR`, opened by a run that holds its lock.
#[derive(Debug)]
pub struct DatasetStore {
    out: PathBuf,
    store: PathBuf,
}

impl DatasetStore {
    pub fn open(out: &Path) -> DatasetStore {
        DatasetStore { out: out.to_path_buf(), store: out.join(STORE) }
    }

    /// The published version, if the folder holds one.
    pub fn current(&self) -> anyhow::Result<Option<Version>> {
        let link = self.store.join(CURRENT);
        match std::fs::read_link(&link) {
            Ok(target) => {
                let name = target.to_string_lossy().into_owned();
                let number = parse_version(&name).with_context(|| {
                    format!("{} points at {name:?}, not at a version folder; was it edited by hand?", link.display())
                })?;
                Ok(Some(Version { number, dir: self.store.join(name) }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", link.display())),
        }
    }

    /// Top-level entries that are not newsmill's links: a dataset written by
    /// another tool or by hand, which a run must not silently replace.
    pub fn foreign_entries(&self) -> Vec<&'static str> {
        layout::published_entries()
            .filter(|e| std::fs::symlink_metadata(self.out.join(e)).is_ok_and(|m| !m.file_type().is_symlink()))
            .collect()
    }

    /// Removes foreign top-level entries (`--overwrite` of a dataset newsmill
    /// did not lay out this way).
    pub fn remove_foreign_entries(&self) -> anyhow::Result<()> {
        for entry in self.foreign_entries() {
            let path = self.out.join(entry);
            let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            removed.with_context(|| format!("cannot remove {} to replace it", path.display()))?;
        }
        Ok(())
    }

    /// The published version, found again when `current` is missing or
    /// points at nothing (a copy that lost links, a hand edit): the newest
    /// complete version is published again, so that a run never mistakes a
    /// dataset for an empty folder and deletes it.
    pub fn resolve_current(&self) -> anyhow::Result<Option<Version>> {
        let lost = match self.current()? {
            Some(v) if v.dir.is_dir() => return Ok(Some(v)),
            Some(v) => format!("points at {}, which is gone", v.dir.display()),
            None => "is missing".to_string(),
        };
        let versions = self.versions()?;
        if versions.is_empty() {
            return Ok(None);
        }
        let link = self.store.join(CURRENT);
        let newest = versions.iter().rev().find(|v| v.dir.join(SUCCESS).exists()).cloned();
        let Some(newest) = newest else {
            // Only folders of runs that died before publishing: none was ever the dataset.
            return Ok(None);
        };
        eprintln!(
            "newsmill: warning: {} {lost}; publishing again the newest complete version, {}",
            link.display(),
            version_name(newest.number)
        );
        replace_link(Path::new(&version_name(newest.number)), &link)?;
        sync_dir(&self.store)?;
        Ok(Some(newest))
    }

    /// The version folders, oldest first.
    fn versions(&self) -> anyhow::Result<Vec<Version>> {
        let entries = match std::fs::read_dir(&self.store) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("cannot list {}", self.store.display())),
        };
        let mut versions = Vec::new();
        for entry in entries {
            let entry = entry?;
            if let Some(number) = entry.file_name().to_str().and_then(parse_version) {
                versions.push(Version { number, dir: entry.path() });
            }
        }
        versions.sort_by_key(|v| v.number);
        Ok(versions)
    }

    /// Brings the folder back to its published state after a crash: deletes
    /// unpublished and replaced version folders and leftover temporary links,
    /// and makes sure the top-level links of the published version exist.
    /// Without a published version, only unfinished ones (no [`SUCCESS`])
    /// are deleted: a complete version is never thrown away unreplaced.
    pub fn recover(&self, current: Option<&Version>) -> anyhow::Result<()> {
        if !self.store.exists() {
            return Ok(());
        }
        self.remove_versions_except(current.map(|v| v.number))?;
        if current.is_some() {
            self.link_entries()?;
        }
        Ok(())
    }

    /// Removes the shard folders of an earlier sharded build (a new build
    /// from scratch makes them stale).
    pub fn clear_shards(&self) -> anyhow::Result<()> {
        let shards = layout::shards_dir(&self.out);
        if shards.exists() {
            std::fs::remove_dir_all(&shards).with_context(|| format!("cannot remove {}", shards.display()))?;
        }
        Ok(())
    }

    /// Creates the empty folder of the version after `current`.
    pub fn begin(&self, current: Option<&Version>) -> anyhow::Result<Version> {
        let number = current.map_or(1, |v| v.number + 1);
        let dir = self.store.join(version_name(number));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Version { number, dir })
    }

    /// Deletes every version folder but `keep` (with no `keep`, only
    /// unfinished ones), and leftover temporary links.
    fn remove_versions_except(&self, keep: Option<u32>) -> anyhow::Result<()> {
        let entries =
            std::fs::read_dir(&self.store).with_context(|| format!("cannot list {}", self.store.display()))?;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if let Some(number) = parse_version(&name) {
                let unfinished = !path.join(SUCCESS).exists();
                if Some(number) != keep && (keep.is_some() || unfinished) {
                    remove_version(&path)?;
                }
            } else if name.ends_with(TMP_SUFFIX) {
                std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
        Ok(())
    }

    /// Publishes `version`: marks it complete, swaps `current` to it in one
    /// rename, makes sure the top-level links exist, then deletes older versions
    /// (readers holding their files open keep reading them).
    pub fn publish(&self, version: &Version) -> anyhow::Result<()> {
        sync_dir(&version.dir)?;
        std::fs::write(version.dir.join(SUCCESS), b"").context("cannot write _SUCCESS")?;
        sync_dir(&version.dir)?;
        crash_point("before_publish");
        replace_link(Path::new(&version_name(version.number)), &self.store.join(CURRENT))?;
        sync_dir(&self.store)?;
        crash_point("after_publish");
        self.link_entries()?;
        self.remove_versions_except(Some(version.number))
    }

    /// Points each top-level entry at the current version.
    fn link_entries(&self) -> anyhow::Result<()> {
        for entry in layout::published_entries() {
            let link = self.out.join(entry);
            let target = Path::new(STORE).join(CURRENT).join(entry);
            if std::fs::read_link(&link).ok().as_deref() != Some(target.as_path()) {
                replace_link(&target, &link)?;
            }
        }
        Ok(())
    }
}

/// Deletes a version folder.
pub fn remove_version(dir: &Path) -> anyhow::Result<()> {
    std::fs::remove_dir_all(dir).with_context(|| format!("cannot remove the version {}", dir.display()))
}

/// Test hook for the crash tests: `NEWSMILL_CRASH_AT=<point>` aborts the
/// process there, as `kill -9` would, at a moment a timer cannot hit reliably.
pub fn crash_point(point: &str) {
    if std::env::var("NEWSMILL_CRASH_AT").is_ok_and(|p| p == point) {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_swaps_every_table_at_once_and_clears_old_versions() {
        let dir = tempfile::tempdir().unwrap();
        let store = DatasetStore::open(dir.path());
        assert!(store.current().unwrap().is_none());
        let v1 = store.begin(None).unwrap();
        std::fs::create_dir(v1.dir.join("documents")).unwrap();
        std::fs::write(v1.dir.join("documents/part.parquet"), b"one").unwrap();
        store.publish(&v1).unwrap();
        assert_eq!(std::fs::read(dir.path().join("documents/part.parquet")).unwrap(), b"one");
        assert!(dir.path().join("_SUCCESS").exists());

        let v2 = store.begin(store.current().unwrap().as_ref()).unwrap();
        assert_eq!(v2.number, 2);
        std::fs::create_dir(v2.dir.join("documents")).unwrap();
        std::fs::write(v2.dir.join("documents/part.parquet"), b"two").unwrap();
        // Until published, readers still see version 1.
        assert_eq!(std::fs::read(dir.path().join("documents/part.parquet")).unwrap(), b"one");
        store.publish(&v2).unwrap();
        assert_eq!(std::fs::read(dir.path().join("documents/part.parquet")).unwrap(), b"two");
        assert!(!v1.dir.exists(), "the previous version is deleted once replaced");
    }

    #[test]
    fn an_unpublished_version_left_by_a_crash_is_deleted_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let store = DatasetStore::open(dir.path());
        let v1 = store.begin(None).unwrap();
        store.publish(&v1).unwrap();
        let crashed = store.begin(store.current().unwrap().as_ref()).unwrap();
        std::fs::write(crashed.dir.join("half.parquet"), b"x").unwrap();
        store.recover(store.current().unwrap().as_ref()).unwrap();
        let next = store.begin(store.current().unwrap().as_ref()).unwrap();
        assert_eq!(next.number, 2);
        assert!(!next.dir.join("half.parquet").exists());
        assert_eq!(store.current().unwrap().unwrap().number, 1);
    }

    #[test]
    fn a_dataset_not_laid_out_by_newsmill_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("documents")).unwrap();
        let store = DatasetStore::open(dir.path());
        assert_eq!(store.foreign_entries(), vec!["documents"]);
        store.remove_foreign_entries().unwrap();
        assert!(store.foreign_entries().is_empty());
    }
}
