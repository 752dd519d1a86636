//! The inputs of a run: the user's files and folders expanded into files to
//! read, and the names a run gives them.
//!
//! Folders are walked recursively in name order (so runs are reproducible),
//! taking only files that look like inputs ([`looks_like_input`]). What
//! cannot be walked does not stop the run: a dangling link or a link loop to
//! a file is still listed, and becomes one reject row when it is read; a
//! folder that cannot be listed, or a link back to a folder above it, is
//! passed over with a warning.
//!
//! An input has two names. Its *source* ([`path_text`]), the path as given,
//! is what its rows say. Its *key* ([`input_key`]), the absolute path with
//! its folders' links resolved, is what the ledger knows it by, so that
//! `in`, `./in` and `/abs/in` are one input. File names are raw bytes: a
//! name that is not UTF-8 is neither passed over nor confused with another;
//! its bytes that are not UTF-8 are written `\xNN` in both names.

use super::detect::looks_like_input;
use crate::storage::s3::{self, ObjectUrl};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// The files of a run: those to read, in a stable order, and those found in
/// folders but passed over as not inputs (reported in the manifest).
#[derive(Debug, Default)]
pub struct InputFiles {
    pub files: Vec<PathBuf>,
    pub ignored: Vec<PathBuf>,
}

/// Expands the user's inputs into the files to read, each once (by
/// [`input_key`]). Fails with a clear message when an input does not exist.
pub fn collect_inputs(inputs: &[PathBuf]) -> anyhow::Result<InputFiles> {
    let mut found = InputFiles::default();
    for input in inputs {
        if let Some(url) = ObjectUrl::parse(input) {
            collect_objects(&url, &mut found)?;
            continue;
        }
        let meta = match std::fs::metadata(input) {
            Ok(meta) => meta,
            Err(e) => crate::usage_bail!("cannot read input {}: {e}", input.display()),
        };
        if meta.is_dir() {
            walk(input, &mut found);
        } else {
            found.files.push(input.clone());
        }
    }
    let mut seen = HashSet::new();
    found.files.retain(|f| seen.insert(input_key(f)));
    Ok(found)
}

/// Adds the input files under the folder `root`.
fn walk(root: &Path, found: &mut InputFiles) {
    for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if looks_like_input(entry.path()) {
                    found.files.push(entry.into_path());
                } else {
                    found.ignored.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let Some(path) = e.path().map(Path::to_path_buf) else { continue };
                let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                if !is_link || e.loop_ancestor().is_some() {
                    eprintln!("newsmill: warning: passing over {}: {e}", path.display());
                    // Listed in the manifest too, not only on a terminal nobody reads at night.
                    found.ignored.push(path);
                } else if looks_like_input(&path) {
                    // A dangling link, or a loop of links: read, it becomes a reject.
                    found.files.push(path);
                } else {
                    found.ignored.push(path);
                }
            }
        }
    }
}

/// Adds the object `url` names, or else the objects under it as a prefix.
fn collect_objects(url: &ObjectUrl, found: &mut InputFiles) -> anyhow::Result<()> {
    if !url.key.is_empty() {
        match s3::head(url) {
            Ok(_) => {
                found.files.push(url.to_path());
                return Ok(());
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => anyhow::bail!("cannot read input {url}: {e}"),
        }
    }
    let objects = s3::list(url).map_err(|e| anyhow::anyhow!("cannot list input {url}: {e}"))?;
    if objects.is_empty() {
        crate::usage_bail!("cannot read input {url}: there is no object with this name or under this prefix");
    }
    for meta in objects {
        let path = url.with_key(meta.location.as_ref()).to_path();
        if looks_like_input(&path) {
            found.files.push(path);
        } else {
            found.ignored.push(path);
        }
    }
    Ok(())
}

/// A path as text, byte for byte: UTF-8 as it is, any other byte as `\xNN`,
/// so that two names differing only in such bytes stay two names.
pub fn path_text(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut text = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            text.push_str(&format!("\\x{byte:02X}"));
        }
    }
    text
}

/// The name the ledger knows an input by: its absolute path with the links
/// and `.`/`..` of its folders resolved (the file's own name kept, as a link
/// to a file is an input of its own); an object's URL as it is.
pub fn input_key(path: &Path) -> String {
    if ObjectUrl::parse(path).is_some() {
        return path_text(path);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let resolved = match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    path_text(&resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
        let latin1 = Path::new(OsStr::from_bytes(b"caf\xe9.html"));
        let other = Path::new(OsStr::from_bytes(b"caf\xe8.html"));
        assert_eq!(path_text(latin1), "caf\\xE9.html");
        assert_ne!(path_text(latin1), path_text(other));
        assert_eq!(path_text(Path::new("café.html")), "café.html");
    }

    #[test]
    fn one_file_named_three_ways_has_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("in");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.html"), "<p>a</p>").unwrap();
        std::os::unix::fs::symlink(&folder, dir.path().join("linked")).unwrap();
        let key = input_key(&folder.join("a.html"));
        assert!(Path::new(&key).is_absolute(), "{key}");
        assert_eq!(input_key(&folder.join("./a.html")), key);
        assert_eq!(input_key(&folder.join("../in/a.html")), key);
        assert_eq!(input_key(&dir.path().join("linked/a.html")), key);
        assert_ne!(input_key(&folder.join("b.html")), key);
    }
}
