//! `--shard K/N`: one task of a job array reads its share of the inputs into
//! its own folder, `DIR/.newsmill/shards/<K>-of-<N>/`, and marks it complete;
//! [`super::commit()`] publishes the complete shards as one version.
//!
//! Every task collects the same input list, so each can compute the same
//! assignment on its own: files are dealt largest first to the shard with
//! the fewest bytes so far (ties to the lower shard), which balances work
//! when file sizes differ a lot, and depends only on the list itself.

use super::layout::{self, shard_dir, LEDGER, SHARD_INFO, SUCCESS};
use super::ledger::Ledger;
use super::state::{self, StateCheck};
use crate::pipeline::transform::StageSeconds;
use crate::pipeline::InputSummary;
use crate::write::Counts;
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One shard of a job: `index` in `0..count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// Environment variables job-array schedulers set to the task's index.
pub const INDEX_VARIABLES: &[&str] = &["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"];

impl Shard {
    /// Parses `K/N`, or `auto/N` with K from the scheduler's environment
    /// (`env` looks a variable up).
    pub fn parse(spec: &str, env: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
        let (index, count) =
            spec.split_once('/').ok_or_else(|| format!("{spec:?} is not K/N (for example 0/4, or auto/4)"))?;
        let count: u32 = count
            .trim()
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{count:?} is not a shard count of 1 or more"))?;
        let index = if index.trim() == "auto" {
            let (name, value) =
                INDEX_VARIABLES.iter().find_map(|name| env(name).map(|v| (*name, v))).ok_or_else(|| {
                    format!(
                        "--shard auto/{count} needs the task index in one of {}; none is set",
                        INDEX_VARIABLES.join(", ")
                    )
                })?;
            value.trim().parse::<u32>().map_err(|_| format!("{name}={value:?} is not a task index"))?
        } else {
            index.trim().parse::<u32>().map_err(|_| format!("{index:?} is not a shard index"))?
        };
        if index >= count {
            return Err(format!(
                "shard index {index} is out of range for {count} shards (indexes run from 0 to {}; a Slurm array for \
                 this is --array=0-{})",
                count - 1,
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }

    /// The files of this shard, each with its index in `files`, in input order.
    pub fn assign(&self, files: &[(PathBuf, u64)]) -> Vec<(usize, PathBuf)> {
        let mut by_size: Vec<usize> = (0..files.len()).collect();
        by_size.sort_by(|&a, &b| files[b].1.cmp(&files[a].1).then(a.cmp(&b)));
        let mut load = vec![0u64; self.count as usize];
        let mut mine = Vec::new();
        for i in by_size {
            let shard = (0..load.len()).min_by_key(|&s| (load[s], s)).unwrap_or(0);
            load[shard] += files[i].1.max(1);
            if shard == self.index as usize {
                mine.push(i);
            }
        }
        mine.sort_unstable();
        mine.into_iter().map(|i| (i, files[i].0.clone())).collect()
    }
}

/// `_shard.json`: which inputs a shard read, by their place in the whole
/// input list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShardInfo {
    pub index: u32,
    pub count: u32,
    /// Inputs of the whole job.
    pub inputs_total: usize,
    /// This shard's inputs: (index in the job's input list, path).
    pub inputs: Vec<(usize, String)>,
}

/// Whether the shard folder holds a complete run over exactly these inputs
/// (same paths, sizes and times), so that running it again is a no-op.
pub fn is_complete(dir: &Path, info: &ShardInfo, files: &[PathBuf]) -> anyhow::Result<bool> {
    if !dir.join(SUCCESS).exists() {
        return Ok(false);
    }
    let Ok(bytes) = std::fs::read(dir.join(SHARD_INFO)) else { return Ok(false) };
    if serde_json::from_slice::<ShardInfo>(&bytes).ok().as_ref() != Some(info) {
        return Ok(false);
    }
    // A shard whose state files are damaged is run again (the ledger's own
    // check is Ledger::load's).
    let sound = |name| matches!(state::check(dir, name), Ok(StateCheck::Sound | StateCheck::Unchecked));
    if !state::STATE_FILES.into_iter().filter(|&name| name != LEDGER).all(sound) {
        return Ok(false);
    }
    let Ok(ledger) = Ledger::load(dir) else { return Ok(false) };
    Ok(ledger.inputs.len() == files.len() && ledger.plan(files, true)?.is_noop())
}

/// Empties a shard folder for a new run of the shard, but for the lock
/// the run holds.
pub fn reset(dir: &Path) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n == layout::LOCK) {
            continue;
        }
        let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        removed.with_context(|| format!("cannot clear {}", path.display()))?;
    }
    Ok(())
}

/// Marks a shard complete, after everything else in it is written.
pub fn mark_complete(dir: &Path, info: &ShardInfo) -> anyhow::Result<()> {
    std::fs::write(dir.join(SHARD_INFO), serde_json::to_vec_pretty(info)?)?;
    std::fs::File::open(dir).and_then(|d| d.sync_all())?;
    std::fs::write(dir.join(SUCCESS), b"").with_context(|| format!("cannot mark {} complete", dir.display()))
}

/// What commit needs from a shard's manifest.
#[derive(Debug, serde::Deserialize)]
pub struct ShardManifest {
    pub counts: Counts,
    pub inputs: Vec<InputSummary>,
    #[serde(alias = "stage_secs")]
    pub stage_cpu_secs: StageSeconds,
}

/// A complete shard, as commit reads it.
pub struct ShardRun {
    pub index: u32,
    pub dir: PathBuf,
    pub info: ShardInfo,
    pub manifest: ShardManifest,
}

/// The complete shards of `out`, or an error naming what is missing.
pub fn complete_shards(out: &Path) -> anyhow::Result<Vec<ShardRun>> {
    let root = layout::shards_dir(out);
    let mut by_count: BTreeMap<u32, Vec<(u32, PathBuf)>> = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((k, n)) = layout::parse_shard_dir(&name) {
                by_count.entry(n).or_default().push((k, entry.path()));
            }
        }
    }
    let Some((&count, _)) = by_count.iter().next() else {
        crate::usage_bail!(
            "{} holds no shards; run `newsmill build INPUT... --out {} --shard K/N` for every K from 0 to N-1 first",
            out.display(),
            out.display()
        );
    };
    if by_count.len() > 1 {
        let counts: Vec<String> = by_count.keys().map(|n| n.to_string()).collect();
        anyhow::bail!(
            "{} holds shards of jobs split {} ways; remove {} and run the shards of one job",
            out.display(),
            counts.join(" and "),
            root.display()
        );
    }
    let missing: Vec<String> =
        (0..count).filter(|&k| !shard_dir(out, k, count).join(SUCCESS).exists()).map(|k| k.to_string()).collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "{} of {count} shards have not finished (shard {}); run those tasks again (a finished shard is not redone), then commit",
            missing.len(),
            missing.join(", ")
        );
    }
    let mut runs = Vec::new();
    for index in 0..count {
        let dir = shard_dir(out, index, count);
        let read = |name: &str| {
            std::fs::read(dir.join(name)).with_context(|| format!("cannot read {}", dir.join(name).display()))
        };
        let info: ShardInfo = serde_json::from_slice(&read(SHARD_INFO)?)
            .with_context(|| format!("{} is damaged", dir.join(SHARD_INFO).display()))?;
        let manifest: ShardManifest = serde_json::from_slice(&read(layout::MANIFEST)?)
            .with_context(|| format!("{} is damaged", dir.join(layout::MANIFEST).display()))?;
        runs.push(ShardRun { index, dir, info, manifest });
    }
    let total = runs[0].info.inputs_total;
    let mut covered = vec![0u32; total];
    for run in &runs {
        for &(i, _) in &run.info.inputs {
            if let Some(c) = covered.get_mut(i) {
                *c += 1;
            }
        }
    }
    if runs.iter().any(|r| r.info.inputs_total != total) || covered.iter().any(|&c| c != 1) {
        anyhow::bail!(
            "the shards in {} were built from different input lists; run every shard of the job with the same inputs",
            root.display()
        );
    }
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_of_n_and_auto_from_each_scheduler() {
        let none = |_: &str| None;
        assert_eq!(Shard::parse("2/4", none), Ok(Shard { index: 2, count: 4 }));
        for name in INDEX_VARIABLES {
            let env = |v: &str| (v == *name).then(|| "3".to_string());
            assert_eq!(Shard::parse("auto/4", env), Ok(Shard { index: 3, count: 4 }), "{name}");
        }
        assert!(Shard::parse("auto/4", none).unwrap_err().contains("SLURM_ARRAY_TASK_ID"));
        assert!(Shard::parse("4/4", none).unwrap_err().contains("--array=0-3"));
        assert!(Shard::parse("1/0", none).is_err());
        assert!(Shard::parse("1", none).is_err());
    }

    #[test]
    fn every_file_goes_to_exactly_one_shard_and_big_files_are_spread() {
        let files: Vec<(PathBuf, u64)> = [900, 10, 800, 20, 700, 30, 5, 1000]
            .iter()
            .enumerate()
            .map(|(i, &s)| (PathBuf::from(format!("f{i}")), s))
            .collect();
        for count in 1..=5 {
            let mut seen: Vec<usize> =
                (0..count).flat_map(|k| Shard { index: k, count }.assign(&files)).map(|(i, _)| i).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..files.len()).collect::<Vec<_>>(), "{count} shards");
        }
        let loads: Vec<u64> = (0..3)
            .map(|k| Shard { index: k, count: 3 }.assign(&files).iter().map(|(i, _)| files[*i].1).sum())
            .collect();
        // Greedy largest-first: no shard exceeds an even share by more than the largest file.
        let total: u64 = loads.iter().sum();
        assert!(loads.iter().all(|&l| l <= total / 3 + 1000), "{loads:?}");
        assert!(loads.iter().all(|&l| l > 0), "{loads:?}");
    }
}
