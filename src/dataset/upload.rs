//! `--out s3://bucket/prefix`: a dataset built in a local staging folder,
//! then uploaded.
//!
//! Object storage has no rename to swap a whole dataset at once, so the order
//! of the uploads is the contract: the part files of every table first, then
//! `rejects.csv`, `README.md` and `_ledger.json`, then `_manifest.json`, and
//! `_SUCCESS` last. A reader that waits for `_SUCCESS` never sees half a
//! dataset. Replacing a dataset (`--overwrite`) deletes its `_SUCCESS` first
//! and its other objects next, so while the new one uploads the prefix is
//! visibly incomplete, never a mix of two runs.

use super::layout::{self, SUCCESS};
use super::store::DatasetStore;
use crate::storage::s3::{self, ObjectMeta, ObjectUrl};
use crate::write::parquet::list_parts;
use crate::write::schema::Table;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// The objects already under `url`, which a build or commit may replace only
/// with `overwrite`; checked before any work so a refusal costs nothing.
pub fn existing_objects(url: &ObjectUrl, overwrite: bool) -> anyhow::Result<Vec<ObjectMeta>> {
    let previous = s3::list(url).map_err(|e| anyhow::anyhow!("cannot list the output {url}: {e}"))?;
    if !previous.is_empty() && !overwrite {
        crate::usage_bail!(
            "{url} already holds {} objects; pass --overwrite to replace them, or choose another destination",
            previous.len()
        );
    }
    Ok(previous)
}

/// Uploads the published version of the local dataset `out` under `url`,
/// after deleting `previous` (the objects that were there).
pub fn publish_current(out: &Path, url: &ObjectUrl, previous: &[ObjectMeta]) -> anyhow::Result<()> {
    let version = DatasetStore::open(out)
        .current()?
        .with_context(|| format!("{} has no published version to upload", out.display()))?;
    publish(&version.dir, url, previous)
}

/// Uploads the published files of the version folder `version_dir` under
/// `url`, after deleting `previous` (the objects that were there).
fn publish(version_dir: &Path, url: &ObjectUrl, previous: &[ObjectMeta]) -> anyhow::Result<()> {
    let (success, others): (Vec<&ObjectMeta>, Vec<&ObjectMeta>) =
        previous.iter().partition(|meta| meta.location.filename() == Some(SUCCESS));
    for meta in success.into_iter().chain(others) {
        s3::delete(&url.with_key(meta.location.as_ref())).context("cannot delete the old dataset")?;
    }
    for (relative, file) in upload_order(version_dir)? {
        s3::upload(&file, &url.join(&relative))?;
    }
    Ok(())
}

/// The files to upload, each with its name under the prefix, in the order
/// that keeps `_SUCCESS` meaningful.
fn upload_order(version_dir: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for table in Table::ALL {
        for part in list_parts(version_dir, table)? {
            let name = part.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push((format!("{}/{name}", table.name()), part));
        }
    }
    for entry in layout::PUBLISHED_FILES {
        let path = version_dir.join(entry);
        if path.exists() {
            files.push((entry.to_string(), path));
        }
    }
    Ok(files)
}

/// A local folder a dataset is built in before upload, deleted when dropped.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// A new folder in `parent` (the system's temporary folder if `None`).
    pub fn create(parent: Option<&Path>) -> anyhow::Result<Staging> {
        let parent = parent.map_or_else(std::env::temp_dir, Path::to_path_buf);
        let stamp = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let dir = parent.join(format!("newsmill-stage-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the staging folder {}", dir.display()))?;
        Ok(Staging { dir })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_goes_up_first_the_manifest_next_and_success_last() {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in
            [("documents/part-2.parquet", "b"), ("documents/part-1.parquet", "a"), ("quotes/part-1.parquet", "q")]
        {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        }
        for name in [SUCCESS, layout::MANIFEST, layout::REJECTS, layout::DEDUP] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let order: Vec<String> = upload_order(dir.path()).unwrap().into_iter().map(|(name, _)| name).collect();
        assert_eq!(
            order,
            [
                "documents/part-1.parquet",
                "documents/part-2.parquet",
                "quotes/part-1.parquet",
                "rejects.csv",
                layout::MANIFEST,
                SUCCESS
            ]
        );
    }

    #[test]
    fn staging_folder_is_removed_when_done() {
        let parent = tempfile::tempdir().unwrap();
        let staging = Staging::create(Some(parent.path())).unwrap();
        let dir = staging.path().to_path_buf();
        std::fs::write(dir.join("x"), "x").unwrap();
        drop(staging);
        assert!(!dir.exists());
    }
}
