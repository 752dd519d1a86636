//! `--shard K/N`: which input files one task of a job array reads.
//!
//! Every task collects the same input list, so each can compute the same
//! assignment on its own: files are dealt largest first to the shard with
//! the fewest bytes so far (ties to the lower shard), which balances work
//! when file sizes differ a lot, and depends only on the list itself.

use std::path::PathBuf;

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
