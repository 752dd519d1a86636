//! `newsmill build`: the inputs collected, then a new version of the dataset
//! (fresh, or incremental from the last), one shard of a sharded build, or a
//! staged build uploaded to object storage.

use super::carry::carry_over;
use super::layout;
use super::ledger::{Ledger, CUT_SHORT};
use super::lock::DatasetLock;
use super::manifest::{Manifest, RunClock, RunSummary};
use super::shard::{self, Shard, ShardInfo};
use super::store::crash_point;
use super::{upload, Dataset, RunRecord};
use crate::dedup::DedupIndex;
use crate::pipeline::{self, FlowSettings, Flowed, ProgressMode};
use crate::read::inputs::{collect_inputs, path_text, InputFiles};
use crate::storage::{self, s3::ObjectUrl};
use crate::write::schema::Table;
use crate::write::{Carried, DatasetWriter};
use anyhow::Context;
use std::path::PathBuf;

/// What `newsmill build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub threads: usize,
    pub progress: ProgressMode,
    pub overwrite: bool,
    /// Add only new or changed inputs to the dataset already in `out`.
    pub incremental: bool,
    /// Read only this shard's share of the inputs, into a shard folder.
    pub shard: Option<Shard>,
    /// Progress log lines as JSON objects rather than text.
    pub json_log: bool,
    /// Read only the first this many input records (`--limit`).
    pub limit: Option<u64>,
    /// Where a dataset for an `s3://` `out` is built before upload (the
    /// system's temporary folder if `None`).
    pub stage: Option<PathBuf>,
}

impl BuildOptions {
    /// A fresh build of `inputs` into `out` on every core, quietly.
    pub fn new(inputs: Vec<PathBuf>, out: PathBuf) -> BuildOptions {
        BuildOptions {
            inputs,
            out,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            progress: ProgressMode::Never,
            overwrite: false,
            incremental: false,
            shard: None,
            json_log: false,
            limit: None,
            stage: None,
        }
    }

    /// How the record flow runs for this build.
    fn flow(&self) -> FlowSettings {
        FlowSettings {
            threads: self.threads.max(1),
            progress: self.progress,
            limit: self.limit,
            json_log: self.json_log,
        }
    }
}

/// Runs a whole build (or one shard of it) and returns its manifest (also
/// written to the folder).
pub fn build(opts: &BuildOptions) -> anyhow::Result<Manifest> {
    let clock = RunClock::start();
    let object_out = ObjectUrl::parse(&opts.out);
    if let (Some(stage), None) = (&opts.stage, &object_out) {
        crate::usage_bail!(
            "--stage {} applies to an s3:// --out only; {} is a local folder, built in place",
            stage.display(),
            opts.out.display()
        );
    }
    if object_out.is_none() && opts.out.exists() && !opts.out.is_dir() {
        crate::usage_bail!(
            "--out {} is a file; name a folder for the dataset (it is created if need be)",
            opts.out.display()
        );
    }
    let InputFiles { files, ignored } = collect_inputs(&opts.inputs)?;
    if files.is_empty() {
        crate::usage_bail!(
            "no input files found in {}: newsmill reads .warc/.warc.gz, .html/.htm/.xhtml(.gz), .jsonl(.gz) and .txt files",
            opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    if let Some(url) = object_out {
        return build_into_object_store(opts, &url, &files, ignored, clock);
    }
    match opts.shard {
        Some(shard) => build_shard(opts, &files, ignored, shard, clock),
        None => build_version(opts, &files, ignored, clock),
    }
}

/// A build for `--out s3://...`: built in a local staging folder, then
/// uploaded in the order [`upload`] explains.
fn build_into_object_store(
    opts: &BuildOptions,
    url: &ObjectUrl,
    files: &[PathBuf],
    ignored: Vec<PathBuf>,
    clock: RunClock,
) -> anyhow::Result<Manifest> {
    if opts.incremental {
        crate::usage_bail!(
            "--incremental cannot write to object storage ({url}): it adds to the files of the previous version in \
             place; build into a local DIR with --incremental and copy it, or rebuild {url} with --overwrite"
        );
    }
    if opts.shard.is_some() {
        crate::usage_bail!(
            "--shard cannot write to object storage ({url}): `newsmill commit` joins the shards in one shared folder; \
             build the shards into a shared local DIR"
        );
    }
    let previous = upload::existing_objects(url, opts.overwrite)?;
    let staging = upload::Staging::create(opts.stage.as_deref())?;
    let staged = BuildOptions { out: staging.path().to_path_buf(), overwrite: false, ..opts.clone() };
    let manifest = build_version(&staged, files, ignored, clock)?;
    upload::publish_current(staging.path(), url, &previous)?;
    Ok(manifest)
}

/// A build that publishes a new version of the dataset in `opts.out`.
fn build_version(
    opts: &BuildOptions,
    files: &[PathBuf],
    ignored: Vec<PathBuf>,
    clock: RunClock,
) -> anyhow::Result<Manifest> {
    let dataset = Dataset::open(&opts.out)?;
    let current = dataset.current();
    let foreign = dataset.store().foreign_entries();
    if (current.is_some() || !foreign.is_empty()) && !opts.overwrite && !opts.incremental {
        let held: Vec<&str> = if foreign.is_empty() { Table::ALL.map(Table::name).to_vec() } else { foreign.clone() };
        crate::usage_bail!(
            "{} already holds a dataset ({}); pass --incremental to add new and changed inputs to it, --overwrite to \
             replace it, or choose another --out",
            opts.out.display(),
            held.join(", ")
        );
    }
    if !foreign.is_empty() {
        if opts.incremental {
            crate::usage_bail!(
                "{} holds a dataset ({}) that was not written by this version of newsmill, so there is no ledger \
                 of its inputs; rebuild it once with --overwrite",
                opts.out.display(),
                foreign.join(", ")
            );
        }
        dataset.store().remove_foreign_entries()?;
    }
    let incremental = opts.incremental && current.is_some();
    let previous_ledger = match current {
        Some(v) if incremental => Ledger::load(&v.dir)?,
        _ => Ledger::default(),
    };
    let plan = previous_ledger.plan(files, incremental)?;
    let run = RunSummary {
        version: current.map_or(1, |v| v.number + 1),
        incremental,
        inputs_read: plan.read.len(),
        inputs_unchanged: plan.unchanged.len(),
        inputs_replaced: plan.replaced.iter().map(|e| e.path.clone()).collect(),
        shard: None,
        limit: opts.limit,
        limited: false,
    };
    if incremental && plan.is_noop() {
        return Ok(Manifest::new(&clock, opts.flow().threads, run, &ignored));
    }
    if !incremental {
        dataset.store().clear_shards()?;
    }
    let version = dataset.begin()?;
    let carried = match current {
        Some(previous) if incremental => carry_over(previous, &version.dir, &plan.replaced)?,
        _ => Carried::default(),
    };
    crash_point("after_carry");
    let writer = DatasetWriter::create(&version.dir, &layout::run_prefix(version.number), carried)?;
    let flowed = pipeline::run(opts.flow(), plan.files(), writer)?;
    let (manifest, dedup) = flowed_record(flowed, Manifest::new(&clock, opts.flow().threads, run, &ignored));
    let ledger = read_ledger(plan.next_ledger(&previous_ledger, version.number, incremental), &manifest);
    dataset.publish(&version, &RunRecord { ledger: &ledger, dedup: &dedup, manifest: &manifest })?;
    Ok(manifest)
}

/// One shard's build: its share of the inputs into its own folder, marked
/// complete at the end; `newsmill commit` publishes the shards together.
fn build_shard(
    opts: &BuildOptions,
    files: &[PathBuf],
    ignored: Vec<PathBuf>,
    shard: Shard,
    clock: RunClock,
) -> anyhow::Result<Manifest> {
    if opts.incremental {
        crate::usage_bail!("--shard builds a dataset from scratch and cannot be combined with --incremental");
    }
    let sized: Vec<(PathBuf, u64)> =
        files.iter().map(|f| (f.clone(), storage::stat(f).map_or(0, |s| s.size))).collect();
    let mine = shard.assign(&sized);
    let info = ShardInfo {
        index: shard.index,
        count: shard.count,
        inputs_total: files.len(),
        inputs: mine.iter().map(|(i, p)| (*i, path_text(p))).collect(),
    };
    let my_files: Vec<PathBuf> = mine.into_iter().map(|(_, p)| p).collect();
    let dir = layout::shard_dir(&opts.out, shard.index, shard.count);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let lock = DatasetLock::acquire(&dir)?;
    let plan = Ledger::default().plan(&my_files, false)?;
    let run = RunSummary {
        version: 0,
        incremental: false,
        inputs_read: my_files.len(),
        inputs_unchanged: 0,
        inputs_replaced: Vec::new(),
        shard: Some(format!("{}/{}", shard.index, shard.count)),
        limit: None,
        limited: false,
    };
    if shard::is_complete(&dir, &info, &my_files)? {
        let done = RunSummary { inputs_read: 0, inputs_unchanged: my_files.len(), ..run };
        return Ok(Manifest::new(&clock, opts.flow().threads, done, &ignored));
    }
    shard::reset(&dir)?;
    let writer = DatasetWriter::create(&dir, &layout::shard_prefix(shard.index), Carried::default())?;
    let flowed = pipeline::run(opts.flow(), plan.files(), writer)?;
    let ledger = plan.next_ledger(&Ledger::default(), 0, false);
    let (manifest, dedup) = flowed_record(flowed, Manifest::new(&clock, opts.flow().threads, run, &ignored));
    RunRecord { ledger: &ledger, dedup: &dedup, manifest: &manifest }.save(&dir)?;
    lock.ensure_held()?;
    shard::mark_complete(&dir, &info)?;
    Ok(manifest)
}

/// The manifest of a run whose inputs went through the record flow (`base`
/// filled in with what the flow gave), and the dedup index it leaves.
fn flowed_record(flowed: Flowed, base: Manifest) -> (Manifest, DedupIndex) {
    let Flowed { sink, inputs, stage_cpu_secs, stage_wall_secs, limited } = flowed;
    // A limited run counts only the inputs it read to their end.
    let inputs_read = if limited { inputs.len() } else { base.run.inputs_read };
    let run = RunSummary { limited, inputs_read, ..base.run.clone() };
    let manifest = Manifest {
        stage_cpu_secs,
        stage_wall_secs: Some(stage_wall_secs),
        inputs,
        counts: sink.counts,
        files: sink.written,
        run,
        ..base
    };
    (manifest, sink.dedup)
}

/// The ledger of a run: every input it read, but when `--limit` cut the run
/// short, the inputs not read to their end are marked [`CUT_SHORT`], so that
/// a later `--incremental` run replaces their rows (and rejects) with all of
/// their records, never doubling the ones this run wrote.
fn read_ledger(ledger: Ledger, manifest: &Manifest) -> Ledger {
    if !manifest.run.limited {
        return ledger;
    }
    let whole: std::collections::HashSet<&str> = manifest.inputs.iter().map(|i| i.path.as_str()).collect();
    let mut ledger = ledger;
    // The manifest names inputs as typed, like each entry's path; the
    // ledger's keys are canonical paths.
    for entry in ledger.inputs.values_mut() {
        if entry.run == manifest.run.version && !whole.contains(entry.path.as_str()) {
            entry.fingerprint.hash = CUT_SHORT.into();
        }
    }
    ledger
}
