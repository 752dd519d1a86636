//! Wiring: reader thread → parallel transforms → writer thread.
//!
//! The reader walks the inputs in order (several files at once on many
//! cores, see [`lanes`]) and groups their records into batches; each batch is transformed on the rayon pool (records in parallel,
//! so one large WARC uses every core) and collected back in input order; the
//! writer appends the results. Bounded channels between the three stages keep
//! at most a few batches in memory whatever the input size, and the order of
//! rows depends only on the input, never on `--threads`.

mod lanes;
mod progress;
pub mod transform;

use crate::dataset::carry::{carry_over, Carried};
use crate::dataset::commit::{self as shards, ShardInfo};
use crate::dataset::layout;
use crate::dataset::ledger::{Ledger, Plan};
use crate::dataset::lock::DatasetLock;
use crate::dataset::manifest::{InputSummary, Manifest, RunSummary, StageSeconds};
pub use crate::dataset::shard::Shard;
use crate::dataset::store::{crash_point, DatasetStore};
use crate::dataset::upload;
use crate::read::detect::{collect_inputs, ByteCounter, InputFiles};
use crate::read::ReadEvent;
use crate::storage::s3::ObjectUrl;
use crate::write::schema::Table;
use crate::write::{Counts, Written};
use crate::write::{DatasetWriter, Outcome};
use anyhow::Context;
use crossbeam_channel::bounded;
use progress::Progress;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use transform::{Stage, Transformer};

/// How progress is shown on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// A progress bar on a terminal, periodic log lines otherwise.
    Auto,
    /// Always a progress bar.
    Always,
    /// Nothing but the final summary.
    Never,
}

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
            stage: None,
        }
    }
}

pub use crate::error::UsageError;

/// A batch closes at this many records or this many payload bytes.
const BATCH_MIN_RECORDS: usize = 64;
const BATCH_BYTES: usize = 32 * 1024 * 1024;
/// Batches waiting between stages; with the batch in each stage this bounds
/// memory to a few times `BATCH_BYTES`.
const QUEUE_BATCHES: usize = 2;
/// Batches being transformed at once.
const BATCHES_IN_FLIGHT: usize = 3;

/// When a run started, for its manifest.
struct RunClock {
    started: Instant,
    started_at: chrono::DateTime<chrono::Utc>,
}

/// What reading the inputs through every stage gave.
struct StagesOutput {
    counts: Counts,
    files: Written,
    inputs: Vec<InputSummary>,
    stage_secs: StageSeconds,
}

/// Runs a whole build (or one shard of it) and returns its manifest (also
/// written to the folder).
pub fn build(opts: &BuildOptions) -> anyhow::Result<Manifest> {
    let clock = RunClock { started: Instant::now(), started_at: chrono::Utc::now() };
    let object_out = ObjectUrl::parse(&opts.out);
    if let (Some(stage), None) = (&opts.stage, &object_out) {
        crate::usage_bail!(
            "--stage {} applies to an s3:// --out only; {} is a local folder, built in place",
            stage.display(),
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
    let version = DatasetStore::open(staging.path()).current()?.context("the staged build published no version")?;
    upload::publish(&version.dir, url, &previous)?;
    Ok(manifest)
}

/// A build that publishes a new version of the dataset in `opts.out`.
fn build_version(
    opts: &BuildOptions,
    files: &[PathBuf],
    ignored: Vec<PathBuf>,
    clock: RunClock,
) -> anyhow::Result<Manifest> {
    let _lock = DatasetLock::acquire(&opts.out)?;
    let store = DatasetStore::open(&opts.out);
    let current = store.current()?;
    store.recover(current.as_ref())?;
    let foreign = store.foreign_entries();
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
        store.remove_foreign_entries()?;
    }
    let incremental = opts.incremental && current.is_some();
    let previous_ledger = match &current {
        Some(v) if incremental => Ledger::load(&v.dir)?,
        _ => Ledger::default(),
    };
    let plan = previous_ledger.plan(files, incremental)?;
    let run = RunSummary {
        version: current.as_ref().map_or(1, |v| v.number + 1),
        incremental,
        inputs_read: plan.read.len(),
        inputs_unchanged: plan.unchanged.len(),
        inputs_replaced: plan.replaced.iter().map(|e| e.path.clone()).collect(),
        shard: None,
    };
    let threads = opts.threads.max(1);
    if incremental && plan.is_noop() {
        return Ok(Manifest::unchanged(clock.started_at, clock.started, threads, run, ignored));
    }
    if !incremental {
        store.clear_shards()?;
    }
    let version = store.begin(current.as_ref())?;
    let carried = match &current {
        Some(previous) if incremental => carry_over(previous, &version.dir, &plan.replaced)?,
        _ => Carried::default(),
    };
    crash_point("after_carry");
    let writer = DatasetWriter::create(&version.dir, &layout::run_prefix(version.number), carried)?;
    let output = run_stages(opts, &plan, writer)?;
    plan.next_ledger(&previous_ledger, version.number, incremental).save(&version.dir)?;
    let manifest = manifest(opts, clock, run, output, ignored);
    crate::dataset::card::write_card(&version.dir, &manifest)?;
    manifest.write(&version.dir)?;
    store.publish(&version)?;
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
        files.iter().map(|f| (f.clone(), crate::storage::stat(f).map_or(0, |s| s.size))).collect();
    let mine = shard.assign(&sized);
    let info = ShardInfo {
        index: shard.index,
        count: shard.count,
        inputs_total: files.len(),
        inputs: mine.iter().map(|(i, p)| (*i, p.display().to_string())).collect(),
    };
    let my_files: Vec<PathBuf> = mine.into_iter().map(|(_, p)| p).collect();
    let dir = layout::shard_dir(&opts.out, shard.index, shard.count);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let _lock = DatasetLock::acquire(&dir)?;
    let plan = Ledger::default().plan(&my_files, false)?;
    let run = RunSummary {
        version: 0,
        incremental: false,
        inputs_read: my_files.len(),
        inputs_unchanged: 0,
        inputs_replaced: Vec::new(),
        shard: Some(format!("{}/{}", shard.index, shard.count)),
    };
    if shards::is_complete(&dir, &info, &my_files)? {
        return Ok(Manifest::unchanged(
            clock.started_at,
            clock.started,
            opts.threads.max(1),
            RunSummary { inputs_read: 0, inputs_unchanged: my_files.len(), ..run },
            ignored,
        ));
    }
    shards::reset(&dir)?;
    let writer = DatasetWriter::create(&dir, &layout::shard_prefix(shard.index), Carried::default())?;
    let output = run_stages(opts, &plan, writer)?;
    plan.next_ledger(&Ledger::default(), 0, false).save(&dir)?;
    let manifest = manifest(opts, clock, run, output, ignored);
    manifest.write(&dir)?;
    shards::finish(&dir, &info)?;
    Ok(manifest)
}

fn manifest(
    opts: &BuildOptions,
    clock: RunClock,
    run: RunSummary,
    output: StagesOutput,
    ignored: Vec<PathBuf>,
) -> Manifest {
    Manifest {
        tool: "newsmill",
        tool_version: env!("CARGO_PKG_VERSION"),
        schema_version: Table::Documents.spec().version,
        started_at: clock.started_at.to_rfc3339(),
        finished_at: chrono::Utc::now().to_rfc3339(),
        duration_secs: clock.started.elapsed().as_secs_f64(),
        threads: opts.threads.max(1),
        run,
        stage_secs: output.stage_secs,
        inputs: output.inputs,
        ignored_files: ignored.iter().map(|p| p.display().to_string()).collect(),
        counts: output.counts,
        files: output.files,
    }
}

/// Reads the plan's inputs through decode, extract and segment on the
/// worker pool, into `writer`.
fn run_stages(opts: &BuildOptions, plan: &Plan, writer: DatasetWriter) -> anyhow::Result<StagesOutput> {
    let threads = opts.threads.max(1);
    // Shared with the reader, which inflates gzip members on it.
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("newsmill-worker-{i}"))
            .build()
            .context("cannot start the worker threads")?,
    );
    let reader_pool = pool.clone();
    let files: Vec<(PathBuf, u64)> = plan.read.iter().map(|(path, f)| (path.clone(), f.size)).collect();
    let total_bytes: u64 = plan.read.iter().map(|(_, f)| f.size).sum();
    let counter = Arc::new(ByteCounter::default());
    let batch_records = BATCH_MIN_RECORDS.max(threads * 16);

    let (batch_tx, batch_rx) = bounded::<Vec<ReadEvent>>(QUEUE_BATCHES);
    let (out_tx, out_rx) = bounded::<Vec<Outcome>>(QUEUE_BATCHES);

    let transformer = Arc::new(Transformer::default());
    let reader_counter = counter.clone();
    let reader_transformer = transformer.clone();
    let lanes = lanes::lanes_for(threads, files.len());
    let reader = std::thread::Builder::new().name("newsmill-reader".into()).spawn(move || -> anyhow::Result<_> {
        let mut batch = Vec::with_capacity(batch_records);
        let mut batch_bytes = 0;
        let inputs = lanes::read_in_order(
            files,
            lanes,
            Some(reader_pool),
            &reader_counter,
            &reader_transformer.clock,
            |event| {
                batch_bytes += event.payload_len();
                batch.push(event);
                if batch.len() < batch_records && batch_bytes < BATCH_BYTES {
                    return true;
                }
                batch_bytes = 0;
                // A failed send means the run stopped downstream; its error is reported there.
                batch_tx.send(std::mem::replace(&mut batch, Vec::with_capacity(batch_records))).is_ok()
            },
        )?;
        if !batch.is_empty() {
            let _ = batch_tx.send(batch);
        }
        Ok(inputs)
    })?;

    let out_dir = opts.out.clone();
    let writer_transformer = transformer.clone();
    let writer = std::thread::Builder::new().name("newsmill-writer".into()).spawn(move || -> anyhow::Result<_> {
        let mut writer = writer;
        for outcomes in out_rx {
            writer_transformer.clock.time(Stage::Write, || writer.write(outcomes))?;
        }
        writer_transformer.clock.time(Stage::Write, || writer.finish())
    })?;

    let mut progress = Progress::new(opts.progress, total_bytes, opts.json_log);
    let mut records = 0u64;
    // Several batches are in flight on the pool at once, so workers that
    // finish their share of one batch start on the next instead of waiting
    // for its slowest record; results still leave in input order.
    let mut in_flight = std::collections::VecDeque::with_capacity(BATCHES_IN_FLIGHT);
    let mut writer_alive = true;
    for batch in batch_rx {
        records += batch.len() as u64;
        let (done_tx, done_rx) = bounded::<Vec<Outcome>>(1);
        let transformer = transformer.clone();
        pool.spawn(move || {
            let outcomes = batch.into_par_iter().map(|event| transformer.transform(event)).collect();
            let _ = done_tx.send(outcomes);
        });
        in_flight.push_back(done_rx);
        if in_flight.len() >= BATCHES_IN_FLIGHT {
            writer_alive = forward(&mut in_flight, &out_tx)?;
            progress.update(counter.get(), records);
            if !writer_alive {
                break; // the writer failed; its error is returned below
            }
        }
    }
    while writer_alive && !in_flight.is_empty() {
        writer_alive = forward(&mut in_flight, &out_tx)?;
        progress.update(counter.get(), records);
    }
    drop(out_tx);
    let inputs = reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))??;
    let (counts, files) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?
        .with_context(|| format!("writing the dataset into {} failed", out_dir.display()))?;
    progress.finish(counter.get(), counts.records_seen);
    Ok(StagesOutput { counts, files, inputs, stage_secs: transformer.clock.seconds() })
}

/// Hands the oldest finished batch to the writer. `Ok(false)` when the
/// writer has stopped (its own error says why).
fn forward(
    in_flight: &mut std::collections::VecDeque<crossbeam_channel::Receiver<Vec<Outcome>>>,
    out_tx: &crossbeam_channel::Sender<Vec<Outcome>>,
) -> anyhow::Result<bool> {
    let Some(batch) = in_flight.pop_front() else { return Ok(true) };
    // Transforms catch their panics, so a batch cannot vanish; if one did,
    // failing the run beats a dataset silently missing records.
    let outcomes = batch.recv().map_err(|_| anyhow::anyhow!("a batch of records was lost by the worker threads"))?;
    Ok(out_tx.send(outcomes).is_ok())
}
