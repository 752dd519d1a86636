//! `_checksums.json`: the xxh3-128 of each state file a version or shard
//! folder holds (ledger, dedup index, rejects, manifest), written when its
//! record is saved and checked whenever a later run reads one of them.
//!
//! A state file that is missing or does not match stops the run (exit 1)
//! before it writes anything, except the dedup index, which is rebuilt from
//! the documents the folder holds: a run never goes on with a ledger or
//! rejects it cannot trust, which would leave stale rows beside new ones,
//! nor with a dedup index that would let a document in twice. A folder
//! written before checksums were kept has no `_checksums.json`: its files are
//! read as they are (a missing ledger still stops the run, a missing or
//! unreadable dedup index is still rebuilt), and its next version has one.

use super::layout::{CHECKSUMS, DEDUP, LEDGER, MANIFEST, REJECTS};
use crate::storage::local::write_file;
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::Path;

/// The state files, in the order they are checked.
pub const STATE_FILES: [&str; 4] = [LEDGER, DEDUP, REJECTS, MANIFEST];

/// What the check of a state file found.
#[derive(Debug, PartialEq, Eq)]
pub enum StateCheck {
    /// The file matches its checksum.
    Sound,
    /// The folder keeps no checksums (an older newsmill wrote it).
    Unchecked,
    Missing,
    Damaged,
}

/// Records the checksums of the state files in `dir` (those that exist).
pub fn save_checksums(dir: &Path) -> anyhow::Result<()> {
    let mut sums = BTreeMap::new();
    for name in STATE_FILES {
        if dir.join(name).exists() {
            sums.insert(name.to_string(), super::ledger::content_hash(&dir.join(name))?);
        }
    }
    write_file(&dir.join(CHECKSUMS), &serde_json::to_vec_pretty(&sums)?)
}

/// Checks the state file `name` of `dir` against its recorded checksum.
pub fn check(dir: &Path, name: &str) -> anyhow::Result<StateCheck> {
    let sums_path = dir.join(CHECKSUMS);
    let sums: BTreeMap<String, String> = match std::fs::read(&sums_path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StateCheck::Unchecked),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", sums_path.display())),
    };
    let path = dir.join(name);
    if !path.exists() {
        return Ok(StateCheck::Missing);
    }
    Ok(match sums.get(name) {
        Some(sum) if *sum == super::ledger::content_hash(&path)? => StateCheck::Sound,
        _ => StateCheck::Damaged,
    })
}

/// Fails, saying what to do, unless the state file `name` of `dir` is sound
/// (or unchecked).
pub fn require(dir: &Path, name: &str) -> anyhow::Result<()> {
    let what = match check(dir, name)? {
        StateCheck::Sound | StateCheck::Unchecked => return Ok(()),
        StateCheck::Missing => "is missing",
        StateCheck::Damaged => "is damaged (it does not match its checksum in _checksums.json)",
    };
    anyhow::bail!(
        "{} {what}: newsmill cannot tell what the dataset holds, and stops before changing it; restore the file, \
         or rebuild the dataset from all its inputs with --overwrite",
        dir.join(name).display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_changed_state_file_is_told_from_a_sound_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LEDGER), b"{\"inputs\": {}}").unwrap();
        std::fs::write(dir.path().join(DEDUP), b"index bytes").unwrap();
        assert_eq!(check(dir.path(), LEDGER).unwrap(), StateCheck::Unchecked, "no checksums yet");
        save_checksums(dir.path()).unwrap();
        assert_eq!(check(dir.path(), LEDGER).unwrap(), StateCheck::Sound);
        std::fs::write(dir.path().join(DEDUP), b"index bytez").unwrap();
        assert_eq!(check(dir.path(), DEDUP).unwrap(), StateCheck::Damaged);
        assert!(require(dir.path(), DEDUP).unwrap_err().to_string().contains("is damaged"));
        std::fs::remove_file(dir.path().join(LEDGER)).unwrap();
        assert_eq!(check(dir.path(), LEDGER).unwrap(), StateCheck::Missing);
        assert_eq!(check(dir.path(), REJECTS).unwrap(), StateCheck::Missing, "a file left out is missing");
    }
}
