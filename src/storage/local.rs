//! The local file system's part in publishing a dataset: links swapped
//! atomically, folders synced to disk, files carried into a new version.

use anyhow::Context;
use std::path::Path;

/// Points `link` at `target`, replacing whatever `link` was, atomically: a
/// new link under a temporary name (`<link>.tmp`), renamed over the old one.
pub fn replace_link(target: &Path, link: &Path) -> anyhow::Result<()> {
    let tmp = link.with_file_name(format!(
        "{}{TMP_SUFFIX}",
        link.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    let _ = std::fs::remove_file(&tmp);
    symlink(target, &tmp).with_context(|| format!("cannot create the link {}", tmp.display()))?;
    std::fs::rename(&tmp, link).with_context(|| format!("cannot publish {}", link.display()))
}

/// The suffix of a link [`replace_link`] has not renamed yet: one left by a
/// crash is deleted by the next run.
pub const TMP_SUFFIX: &str = ".tmp";

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "newsmill publishes datasets with symbolic links, which need a Unix system",
    ))
}

/// Flushes a folder's entries to disk, so a power cut cannot publish a
/// version whose files are missing.
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).with_context(|| format!("cannot sync {}", dir.display()))
}

/// Links `from` (a file of the previous version) into `to`, copying when the
/// file system has no hard links.
pub fn link_or_copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)
            .with_context(|| format!("cannot carry {} over into {}", from.display(), to.display()))?;
    }
    Ok(())
}

/// Writes `bytes` to the file `path`, replacing it; the error names the file.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
