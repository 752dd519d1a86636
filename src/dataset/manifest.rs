//! `_manifest.json`: what a run read, what it wrote, and how long it took.

use crate::pipeline::transform::{StageSeconds, StageWallSeconds};
use crate::pipeline::InputSummary;
use crate::storage::local::write_file;
use crate::write::schema::Table;
use crate::write::{Counts, Written};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// When a run started, for its manifest.
pub struct RunClock {
    started: Instant,
    started_at: chrono::DateTime<chrono::Utc>,
}

impl RunClock {
    pub fn start() -> RunClock {
        RunClock { started: Instant::now(), started_at: chrono::Utc::now() }
    }
}

/// What kind of run this was.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunSummary {
    /// The version of the dataset this run published (1 for a fresh build).
    pub version: u32,
    /// Whether the run added to the previous version (`--incremental`).
    pub incremental: bool,
    /// Inputs read by this run (new or changed).
    pub inputs_read: usize,
    /// Inputs the ledger already held unchanged, not read again.
    pub inputs_unchanged: usize,
    /// Changed inputs whose earlier rows this run replaced.
    pub inputs_replaced: Vec<String>,
    /// For a shard's run, which one (`K/N`); for a commit, how many shards it joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// `--limit N`: the run read at most the first N input records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// Whether reading stopped at the limit, leaving inputs unread or read in
    /// part (those are not in `_ledger.json`, so `--incremental` reads them).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub limited: bool,
}

#[derive(Debug, serde::Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub schema_version: u32,
    pub started_at: String,
    pub finished_at: String,
    pub duration_secs: f64,
    pub threads: usize,
    pub run: RunSummary,
    /// CPU seconds spent in each stage, summed over threads (so they can
    /// exceed the duration on several cores). Extract includes HTML parsing.
    pub stage_cpu_secs: StageSeconds,
    /// Wall-clock seconds each stage was at work, where known (not for a
    /// commit, whose shards ran apart).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_wall_secs: Option<StageWallSeconds>,
    /// Inputs read by this run (`_ledger.json` lists every input of the dataset).
    pub inputs: Vec<InputSummary>,
    /// Files found in input folders that are not inputs (README, images...).
    pub ignored_files: Vec<String>,
    /// Records of this run.
    pub counts: Counts,
    /// Files and rows of the dataset as published (earlier runs' included).
    pub files: Written,
}

impl Manifest {
    /// The record of a run that started on `clock` and finishes now, with
    /// nothing read or written yet: as it stands for an incremental run that
    /// found nothing new, and the base the other runs fill in.
    pub fn new(clock: &RunClock, threads: usize, run: RunSummary, ignored: &[PathBuf]) -> Manifest {
        Manifest {
            tool: "newsmill",
            tool_version: env!("CARGO_PKG_VERSION"),
            schema_version: Table::Documents.spec().version,
            started_at: clock.started_at.to_rfc3339(),
            finished_at: chrono::Utc::now().to_rfc3339(),
            duration_secs: clock.started.elapsed().as_secs_f64(),
            threads,
            run,
            stage_cpu_secs: StageSeconds::default(),
            stage_wall_secs: None,
            inputs: Vec::new(),
            ignored_files: ignored.iter().map(|p| p.display().to_string()).collect(),
            counts: Counts::default(),
            files: Written::default(),
        }
    }

    /// Writes the manifest into `dir` (a version or a shard folder).
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        write_file(&dir.join(super::layout::MANIFEST), &serde_json::to_vec_pretty(self)?)
    }
}
