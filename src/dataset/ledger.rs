//! `_ledger.json`: which inputs the dataset holds, and from which run.
//!
//! Every run records each input it read with its size, modification time and
//! content hash. `--incremental` compares the inputs of the night with the
//! ledger: an input with the same size and time is done; one whose size or
//! time changed is hashed, and only a different hash makes it changed. New
//! and changed inputs are read; a changed input's earlier rows are removed
//! first, so its records are replaced, never doubled.
//!
//! An object in object storage has no mtime to speak of and is costly to read
//! twice: its last-modified time stands for the mtime, and its ETag (which
//! changes with its content) for the content hash.

use super::layout::LEDGER;
use crate::read::inputs::{input_key, path_text};
use crate::storage::local::write_file;
use crate::storage::{self, stat, Stat};
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::Xxh3;

/// An input as the ledger knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// xxh3-128 of the file's bytes, 32 hex digits; for an object with an
    /// ETag, `etag:` and the ETag.
    pub hash: String,
}

/// One input in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LedgerEntry {
    /// The input's path as the run named it (the `source` column of its rows).
    pub path: String,
    #[serde(flatten)]
    pub fingerprint: Fingerprint,
    /// The run (version number) whose part files hold this input's rows.
    pub run: u32,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ledger {
    /// How the inputs are keyed: 0 (absent) by the path as typed, which
    /// [`Ledger::load`] migrates, [`LEDGER_FORMAT`] by [`input_key`].
    #[serde(default)]
    pub format: u32,
    /// By [`input_key`].
    pub inputs: BTreeMap<String, LedgerEntry>,
}

/// The ledger format this newsmill writes: inputs keyed by [`input_key`].
pub const LEDGER_FORMAT: u32 = 2;

impl Default for Ledger {
    fn default() -> Ledger {
        Ledger { format: LEDGER_FORMAT, inputs: BTreeMap::new() }
    }
}

/// The hash of an input that could not be read (a dangling link, no
/// permission): it was a reject, and is tried again every run.
const UNREADABLE: &str = "unreadable";

/// The hash of an input a `--limit` run stopped inside (or before): some of
/// its records may be in the dataset and the rest are not, so the next
/// `--incremental` run replaces its rows with all of them.
pub const CUT_SHORT: &str = "cut-short";

/// The fingerprint of an input, [`UNREADABLE`] if it cannot be read.
fn fingerprint(path: &Path, stat: Option<Stat>) -> anyhow::Result<Fingerprint> {
    let Some(stat) = stat else { return Ok(Fingerprint { size: 0, mtime_ns: 0, hash: UNREADABLE.into() }) };
    let hash = match stat.hash {
        Some(hash) => hash,
        None => match content_hash(path) {
            Ok(hash) => hash,
            Err(e) if cannot_be_read(&e) => UNREADABLE.into(),
            Err(e) => return Err(e),
        },
    };
    Ok(Fingerprint { size: stat.size, mtime_ns: stat.mtime_ns, hash })
}

/// Whether an error says the input cannot be read at all (a dangling link,
/// a loop of links, no permission), rather than that reading failed this
/// time (an object store or NFS error), which must fail the run, not drop the
/// input's rows.
fn cannot_be_read(e: &anyhow::Error) -> bool {
    e.chain().filter_map(|cause| cause.downcast_ref::<std::io::Error>()).any(|io| {
        matches!(io.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied)
            || io.raw_os_error() == Some(libc::ELOOP)
    })
}

/// xxh3-128 of an input's bytes.
pub fn content_hash(path: &Path) -> anyhow::Result<String> {
    let mut file = storage::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut hasher = Xxh3::new();
    // On the stack: a fresh zeroed heap buffer per input showed up in profiles.
    let mut buf = [0u8; 64 * 1024];
    loop {
        crate::interrupt::check()?;
        let n = file.read(&mut buf).with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:032x}", hasher.digest128()))
}

/// What a run has to do with its inputs.
#[derive(Debug, Default)]
pub struct Plan {
    /// Inputs to read, in the order given, with their keys and fingerprints.
    pub read: Vec<(PathBuf, String, Fingerprint)>,
    /// Ledger entries of inputs that stay as they are, by key.
    pub unchanged: Vec<(String, LedgerEntry)>,
    /// Earlier entries of changed inputs: their rows must go.
    pub replaced: Vec<LedgerEntry>,
}

impl Ledger {
    /// The ledger of a version or shard folder; fails if it is missing or
    /// damaged (see [`super::state`]).
    pub fn load(dir: &Path) -> anyhow::Result<Ledger> {
        super::state::require(dir, LEDGER)?;
        let path = dir.join(LEDGER);
        // Every folder a run completes has a ledger, even one of an older
        // newsmill that kept no checksums: none means one was lost.
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "cannot read {}: newsmill cannot tell what the dataset holds, and stops before changing it; restore \
                 the file, or rebuild the dataset from all its inputs with --overwrite",
                path.display()
            )
        })?;
        let ledger: Ledger =
            serde_json::from_slice(&bytes).with_context(|| format!("{} is damaged", path.display()))?;
        Ok(ledger.migrated())
    }

    /// A ledger of an older format, keyed by the paths as they were typed,
    /// keyed by [`input_key`] (relative paths taken from the current folder,
    /// as the nightly job that wrote them ran from it).
    fn migrated(self) -> Ledger {
        if self.format >= LEDGER_FORMAT {
            return self;
        }
        let inputs = self.inputs.into_values().map(|e| (input_key(Path::new(&e.path)), e)).collect();
        Ledger { format: LEDGER_FORMAT, inputs }
    }

    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        write_file(&dir.join(LEDGER), &serde_json::to_vec_pretty(self)?)
    }

    /// Splits `files` into inputs to read and inputs already in the ledger.
    /// With `incremental` false every input is read (and none replaced: the
    /// run starts a fresh dataset). An input that cannot be read is read all
    /// the same, to become a reject, unless it was already unreadable.
    pub fn plan(&self, files: &[PathBuf], incremental: bool) -> anyhow::Result<Plan> {
        let mut plan = Plan::default();
        for path in files {
            crate::interrupt::check()?;
            let stat = match stat(path) {
                Ok(stat) => Some(stat),
                Err(e) if cannot_be_read(&e) => None,
                Err(e) => return Err(e),
            };
            let key = input_key(path);
            let earlier = self.inputs.get(&key).filter(|_| incremental);
            match earlier {
                Some(e)
                    if ![UNREADABLE, CUT_SHORT].contains(&e.fingerprint.hash.as_str())
                        && stat
                            .as_ref()
                            .is_some_and(|s| (s.size, s.mtime_ns) == (e.fingerprint.size, e.fingerprint.mtime_ns)) =>
                {
                    plan.unchanged.push((key, e.clone()))
                }
                Some(e) => {
                    let fingerprint = fingerprint(path, stat)?;
                    if e.fingerprint.hash == fingerprint.hash {
                        // Touched, not changed: keep its rows, remember the new time.
                        plan.unchanged.push((key, LedgerEntry { fingerprint, ..e.clone() }));
                    } else {
                        plan.replaced.push(e.clone());
                        plan.read.push((path.clone(), key, fingerprint));
                    }
                }
                None => plan.read.push((path.clone(), key, fingerprint(path, stat)?)),
            }
        }
        Ok(plan)
    }
}

impl Plan {
    /// The inputs to read, each with its size in bytes.
    pub fn files(&self) -> Vec<(PathBuf, u64)> {
        self.read.iter().map(|(path, _, f)| (path.clone(), f.size)).collect()
    }

    /// Whether the run has nothing to do.
    pub fn is_noop(&self) -> bool {
        self.read.is_empty() && self.replaced.is_empty()
    }

    /// The ledger after this run (number `run`): unchanged inputs, inputs of
    /// the previous ledger not given tonight (their rows stay), and tonight's.
    pub fn next_ledger(&self, previous: &Ledger, run: u32, incremental: bool) -> Ledger {
        let mut ledger = if incremental { previous.clone() } else { Ledger::default() };
        for (key, entry) in &self.unchanged {
            ledger.inputs.insert(key.clone(), entry.clone());
        }
        for (path, key, fingerprint) in &self.read {
            let entry = LedgerEntry { path: path_text(path), fingerprint: fingerprint.clone(), run };
            ledger.inputs.insert(key.clone(), entry);
        }
        ledger
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_unchanged_touched_and_changed_inputs_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c] = ["a.html", "b.html", "c.html"].map(|n| dir.path().join(n));
        std::fs::write(&a, "<p>first</p>").unwrap();
        std::fs::write(&b, "<p>second</p>").unwrap();
        let first = Ledger::default().plan(&[a.clone(), b.clone()], true).unwrap();
        assert_eq!(first.read.len(), 2);
        let ledger = first.next_ledger(&Ledger::default(), 1, true);

        let again = ledger.plan(&[a.clone(), b.clone()], true).unwrap();
        assert!(again.is_noop(), "the same inputs twice: nothing to do");

        // b is rewritten with the same bytes (touched), a with new bytes, c is new.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::write(&b, "<p>second</p>").unwrap();
        std::fs::File::options().write(true).open(&b).unwrap().set_modified(later).unwrap();
        std::fs::write(&a, "<p>first, corrected</p>").unwrap();
        std::fs::write(&c, "<p>third</p>").unwrap();
        let plan = ledger.plan(&[a.clone(), b.clone(), c.clone()], true).unwrap();
        let read: Vec<_> = plan.read.iter().map(|(p, _, _)| p.clone()).collect();
        assert_eq!(read, vec![a.clone(), c.clone()]);
        assert_eq!(plan.replaced.iter().map(|e| e.path.clone()).collect::<Vec<_>>(), vec![a.display().to_string()]);
        assert_eq!(plan.unchanged.len(), 1);
        let next = plan.next_ledger(&ledger, 2, true);
        assert_eq!(next.inputs[&input_key(&a)].run, 2);
        assert_eq!(next.inputs[&input_key(&b)].run, 1);

        let fresh = ledger.plan(&[a, b, c], false).unwrap();
        assert_eq!(fresh.read.len(), 3, "without --incremental every input is read");
        assert!(fresh.replaced.is_empty());
    }
}
