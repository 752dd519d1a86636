//! The record flow: reader thread → parallel transforms → writer thread.
//!
//! The reader walks the inputs in order (several files at once on many
//! cores, see [`lanes`]) and groups their records into batches; each batch is transformed on the rayon pool (records in parallel,
//! so one large WARC uses every core) and collected back in input order; the
//! writer appends the results. Bounded channels between the three stages keep
//! at most a few batches in memory whatever the input size, and the order of
//! rows depends only on the input, never on `--threads`. Which inputs a run
//! reads and where its rows go is the business of [`crate::dataset`].

mod lanes;
mod progress;
pub mod transform;

use crate::read::detect::{ByteCounter, InputKind};
use crate::read::ReadEvent;
use crate::write::{DatasetWriter, Finished, Outcome};
use anyhow::Context;
use crossbeam_channel::{bounded, RecvTimeoutError};
use progress::Progress;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use transform::{Span, Stage, StageSeconds, StageWallSeconds, Transformer};

/// How progress is shown on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// A progress bar on a terminal, a log line every 10 s otherwise.
    Auto,
    /// A progress bar on a terminal, otherwise a log line at once and then
    /// one every 3 s.
    Always,
    /// Nothing but the final summary.
    Never,
}

/// How the flow runs: on how many workers, and what it tells on standard error.
#[derive(Debug, Clone, Copy)]
pub struct FlowSettings {
    pub threads: usize,
    pub progress: ProgressMode,
    /// Stop after this many input records (`--limit`).
    pub limit: Option<u64>,
    /// Progress log lines as JSON objects rather than text.
    pub json_log: bool,
}

/// One input file of a run, as the manifest lists it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct InputSummary {
    pub path: String,
    pub kind: InputKind,
    pub bytes: u64,
}

/// What the flow gave: the sink's rows and counts, what each input read to
/// its end was, and the time spent per stage.
pub struct Flowed {
    pub sink: Finished,
    pub inputs: Vec<InputSummary>,
    pub stage_cpu_secs: StageSeconds,
    pub stage_wall_secs: StageWallSeconds,
    /// Whether reading stopped at [`FlowSettings::limit`].
    pub limited: bool,
}

/// A batch closes at this many records or this many payload bytes.
const BATCH_MIN_RECORDS: usize = 64;
const BATCH_BYTES: usize = 32 * 1024 * 1024;
/// Batches waiting between stages; with the batch in each stage this bounds
/// memory to a few times `BATCH_BYTES`.
const QUEUE_BATCHES: usize = 2;
/// Batches being transformed at once.
const BATCHES_IN_FLIGHT: usize = 3;
/// How often a wait for a batch looks whether the run was asked to stop.
const STOP_CHECK: std::time::Duration = std::time::Duration::from_millis(100);

/// Reads `files` (each with its size in bytes) through decode, extract and
/// segment on the worker pool, into `writer`.
pub fn run(settings: FlowSettings, files: Vec<(PathBuf, u64)>, writer: DatasetWriter) -> anyhow::Result<Flowed> {
    let threads = settings.threads.max(1);
    // Shared with the reader, which inflates gzip members on it.
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("newsmill-worker-{i}"))
            .build()
            .context("cannot start the worker threads")?,
    );
    let reader_pool = pool.clone();
    let total_bytes: u64 = files.iter().map(|(_, size)| size).sum();
    let counter = Arc::new(ByteCounter::default());
    let batch_records = BATCH_MIN_RECORDS.max(threads * 16);

    let (batch_tx, batch_rx) = bounded::<Vec<ReadEvent>>(QUEUE_BATCHES);
    let (out_tx, out_rx) = bounded::<Vec<Outcome>>(QUEUE_BATCHES);

    let transformer = Arc::new(Transformer::default());
    let reader_counter = counter.clone();
    let reader_transformer = transformer.clone();
    let lanes = lanes::lanes_for(threads, files.len());
    let limit = settings.limit;
    let reader = std::thread::Builder::new().name("newsmill-reader".into()).spawn(move || -> anyhow::Result<_> {
        let mut span = Span::default();
        span.touch();
        let mut batch = Vec::with_capacity(batch_records);
        let mut batch_bytes = 0;
        let mut left = limit.unwrap_or(u64::MAX);
        let inputs = lanes::read_in_order(
            files,
            lanes,
            Some(reader_pool),
            &reader_counter,
            &reader_transformer.clock,
            |event| {
                batch_bytes += event.payload_len();
                batch.push(event);
                left -= 1;
                if left > 0 && batch.len() < batch_records && batch_bytes < BATCH_BYTES {
                    return true;
                }
                batch_bytes = 0;
                if crate::interrupt::check().is_err() {
                    return false; // asked to stop; the error is returned below
                }
                // A failed send means the run stopped downstream; its error is reported there.
                let sent = batch_tx.send(std::mem::replace(&mut batch, Vec::with_capacity(batch_records))).is_ok();
                sent && left > 0
            },
        )?;
        if !batch.is_empty() {
            let _ = batch_tx.send(batch);
        }
        span.touch();
        Ok((inputs, span, left == 0))
    })?;

    let out_dir = writer.dir().to_path_buf();
    let writer_transformer = transformer.clone();
    let writer = std::thread::Builder::new().name("newsmill-writer".into()).spawn(move || -> anyhow::Result<_> {
        let mut writer = writer;
        let mut span = Span::default();
        for outcomes in out_rx {
            span.touch();
            writer_transformer.clock.time(Stage::Write, || writer.write(outcomes))?;
        }
        let finished = writer_transformer.clock.time(Stage::Write, || writer.finish());
        span.touch();
        finished.map(|sink| (sink, span))
    })?;

    let mut progress = Progress::new(settings.progress, total_bytes, settings.json_log);
    let mut records = 0u64;
    // Several batches are in flight on the pool at once, so workers that
    // finish their share of one batch start on the next instead of waiting
    // for its slowest record; results still leave in input order.
    let mut in_flight = std::collections::VecDeque::with_capacity(BATCHES_IN_FLIGHT);
    let mut flowing = true;
    let mut transform_span = Span::default();
    for batch in batch_rx {
        transform_span.touch();
        if crate::interrupt::check().is_err() {
            break; // asked to stop: batches in flight are abandoned, the error is returned below
        }
        records += batch.len() as u64;
        let (done_tx, done_rx) = bounded::<Vec<Outcome>>(1);
        let transformer = transformer.clone();
        pool.spawn(move || {
            let outcomes = batch.into_par_iter().map(|event| transformer.transform(event)).collect();
            let _ = done_tx.send(outcomes);
        });
        in_flight.push_back(done_rx);
        if in_flight.len() >= BATCHES_IN_FLIGHT {
            flowing = forward(&mut in_flight, &out_tx)?;
            progress.update(counter.get(), records);
            if !flowing {
                break; // the writer failed or a stop was asked for; the error is returned below
            }
        }
    }
    while flowing && !in_flight.is_empty() && crate::interrupt::check().is_ok() {
        flowing = forward(&mut in_flight, &out_tx)?;
        progress.update(counter.get(), records);
    }
    transform_span.touch();
    drop(out_tx);
    let read = reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    let written = writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
    // A stop asked for is the reason, whatever the threads made of it.
    crate::interrupt::check()?;
    let (inputs, read_span, limited) = read?;
    let (sink, write_span) =
        written.with_context(|| format!("writing the dataset into {} failed", out_dir.display()))?;
    progress.finish(counter.get(), sink.counts.records_seen);
    let stage_wall_secs = StageWallSeconds {
        read: read_span.seconds(),
        transform: transform_span.seconds(),
        write: write_span.seconds(),
    };
    Ok(Flowed { sink, inputs, stage_cpu_secs: transformer.clock.seconds(), stage_wall_secs, limited })
}

/// Hands the oldest finished batch to the writer. `Ok(false)` when the
/// writer has stopped (its own error says why) or the run was asked to stop
/// (checked while waiting, so that a stop does not wait for the batch).
fn forward(
    in_flight: &mut std::collections::VecDeque<crossbeam_channel::Receiver<Vec<Outcome>>>,
    out_tx: &crossbeam_channel::Sender<Vec<Outcome>>,
) -> anyhow::Result<bool> {
    let Some(batch) = in_flight.pop_front() else { return Ok(true) };
    let outcomes = loop {
        match batch.recv_timeout(STOP_CHECK) {
            Ok(outcomes) => break outcomes,
            Err(RecvTimeoutError::Timeout) if crate::interrupt::check().is_err() => return Ok(false),
            Err(RecvTimeoutError::Timeout) => continue,
            // Transforms catch their panics, so a batch cannot vanish; if one did,
            // failing the run beats a dataset silently missing records.
            Err(RecvTimeoutError::Disconnected) => {
                anyhow::bail!("a batch of records was lost by the worker threads")
            }
        }
    };
    Ok(out_tx.send(outcomes).is_ok())
}
