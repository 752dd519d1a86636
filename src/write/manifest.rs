//! `_manifest.json`: what a run read, what it wrote, and how long it took.

use super::{Counts, Written};
use crate::read::detect::InputKind;
use anyhow::Context;
use std::path::Path;

/// One input file of a run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputSummary {
    pub path: String,
    pub kind: InputKind,
    pub bytes: u64,
}

/// Seconds spent per pipeline stage.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StageSeconds {
    pub read: f64,
    pub decode: f64,
    pub extract: f64,
    pub segment: f64,
    pub write: f64,
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
    /// Time spent in each stage, summed over threads (so it can exceed the
    /// duration on several cores). Extract includes HTML parsing.
    pub stage_secs: StageSeconds,
    pub inputs: Vec<InputSummary>,
    /// Files found in input folders that are not inputs (README, images...).
    pub ignored_files: Vec<String>,
    pub counts: Counts,
    pub files: Written,
}

impl Manifest {
    /// Writes the manifest into `dir` (the run's staging folder).
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.join("_manifest.json");
        std::fs::write(&path, serde_json::to_vec_pretty(self)?).with_context(|| format!("cannot write {}", path.display()))
    }
}
