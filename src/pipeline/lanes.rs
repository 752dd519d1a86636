//! Reading several input files at once, their events still in input order.
//!
//! Reading (open, gunzip, WARC framing) is about a tenth of a page's work, so
//! one reader thread keeps a handful of workers busy but caps a run on many
//! cores. Each extra reader lane takes the next unread file; the collator
//! hands events on file by file, in input order, so rows never depend on how
//! many lanes there are. A lane runs at most one chunk ahead of the collator
//! per file, which bounds the memory the look-ahead takes.

use super::transform::{Stage, StageClock};
use super::InputSummary;
use crate::read::detect::{open_input_inflating_on, ByteCounter, InputKind};
use crate::read::inputs::path_text;
use crate::read::warc::Pool;
use crate::read::ReadEvent;
use crossbeam_channel::{bounded, unbounded, Receiver, Sender};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

/// One reader lane feeds about this many workers: reading is roughly a
/// sixth to a tenth of a page's work on one core.
const WORKERS_PER_LANE: usize = 6;
/// A lane sends a file's events in chunks of at most this many events or
/// bytes (a single larger record goes alone).
const CHUNK_EVENTS: usize = 64;
const CHUNK_BYTES: usize = 2 * 1024 * 1024;

/// How many reader lanes a run on `threads` workers uses for `files` inputs.
pub fn lanes_for(threads: usize, files: usize) -> usize {
    threads.div_ceil(WORKERS_PER_LANE).clamp(1, files.max(1))
}

/// What a lane says about the file it reads.
enum Piece {
    Events(Vec<ReadEvent>),
    /// The file is read to its end.
    Done(InputKind),
}

/// A file for a lane to read, and where its pieces go.
struct Job {
    path: PathBuf,
    source: Arc<str>,
    pieces: Sender<Piece>,
}

/// Reads `files` on `lanes` threads (inline when one) and gives every event
/// to `emit`, in input order, until `emit` returns false (the run stopped
/// downstream). WARC gzip members are inflated ahead on `pool`, if given.
/// Returns what each file read to its end was, in input order.
pub fn read_in_order(
    files: Vec<(PathBuf, u64)>,
    lanes: usize,
    pool: Option<Pool>,
    counter: &Arc<ByteCounter>,
    clock: &StageClock,
    mut emit: impl FnMut(ReadEvent) -> bool,
) -> anyhow::Result<Vec<InputSummary>> {
    if lanes <= 1 {
        let mut inputs = Vec::with_capacity(files.len());
        for (path, bytes) in files {
            let source: Arc<str> = path_text(&path).into();
            let (kind, finished) = read_input(&path, source.clone(), &pool, counter, clock, &mut emit);
            if !finished {
                break;
            }
            inputs.push(InputSummary { path: source.to_string(), kind, bytes });
        }
        return Ok(inputs);
    }
    let (job_tx, job_rx) = unbounded::<Job>();
    std::thread::scope(|scope| {
        for lane in 0..lanes {
            let (jobs, pool) = (job_rx.clone(), pool.clone());
            std::thread::Builder::new()
                .name(format!("newsmill-reader-{lane}"))
                .spawn_scoped(scope, move || read_lane(jobs, &pool, counter, clock))?;
        }
        drop(job_rx);
        // The collator's channels close when it returns, before the scope
        // joins the lanes, so a lane blocked on a stopped run wakes and ends.
        collate(files, lanes, job_tx, emit)
    })
}

/// Reads one input into `emit`. Returns its kind and whether it was read to
/// the end (false: `emit` refused an event).
fn read_input(
    path: &std::path::Path,
    source: Arc<str>,
    pool: &Option<Pool>,
    counter: &Arc<ByteCounter>,
    clock: &StageClock,
    emit: &mut impl FnMut(ReadEvent) -> bool,
) -> (InputKind, bool) {
    let (kind, mut events) =
        clock.time(Stage::Read, || open_input_inflating_on(path, source, counter.clone(), pool.clone()));
    while let Some(event) = clock.time(Stage::Read, || events.next()) {
        if !emit(event) {
            return (kind, false);
        }
    }
    (kind, true)
}

/// A lane: reads the files it is given, one after another, in chunks.
fn read_lane(jobs: Receiver<Job>, pool: &Option<Pool>, counter: &Arc<ByteCounter>, clock: &StageClock) {
    for Job { path, source, pieces } in jobs {
        let mut chunk = Vec::new();
        let mut chunk_bytes = 0;
        let (kind, finished) = read_input(&path, source, pool, counter, clock, &mut |event: ReadEvent| {
            chunk_bytes += event.payload_len();
            chunk.push(event);
            if chunk.len() < CHUNK_EVENTS && chunk_bytes < CHUNK_BYTES {
                return true;
            }
            chunk_bytes = 0;
            pieces.send(Piece::Events(std::mem::take(&mut chunk))).is_ok()
        });
        if finished && (chunk.is_empty() || pieces.send(Piece::Events(chunk)).is_ok()) {
            let _ = pieces.send(Piece::Done(kind));
        }
    }
}

/// Hands the lanes their files, a few ahead of the one being passed on, and
/// passes each file's events on in input order.
fn collate(
    files: Vec<(PathBuf, u64)>,
    lanes: usize,
    jobs: Sender<Job>,
    mut emit: impl FnMut(ReadEvent) -> bool,
) -> anyhow::Result<Vec<InputSummary>> {
    let mut inputs = Vec::with_capacity(files.len());
    let mut files = files.into_iter();
    // Files handed out, oldest first. Jobs are taken in order, so the oldest
    // is always held by a lane (never waiting behind a blocked one).
    let mut open: VecDeque<(Arc<str>, u64, Receiver<Piece>)> = VecDeque::with_capacity(lanes + 1);
    let mut hand_out = |open: &mut VecDeque<_>| {
        if let Some((path, bytes)) = files.next() {
            let source: Arc<str> = path_text(&path).into();
            // One chunk waits while the next is read: a lane is at most two
            // chunks ahead of the collator on its file.
            let (pieces, received) = bounded(1);
            // The lanes hold the receiving end until the collator returns.
            let _ = jobs.send(Job { path, source: source.clone(), pieces });
            open.push_back((source, bytes, received));
        }
    };
    for _ in 0..=lanes {
        hand_out(&mut open);
    }
    while let Some((source, bytes, received)) = open.pop_front() {
        loop {
            match received.recv() {
                Ok(Piece::Events(events)) => {
                    for event in events {
                        if !emit(event) {
                            return Ok(inputs);
                        }
                    }
                }
                Ok(Piece::Done(kind)) => {
                    inputs.push(InputSummary { path: source.to_string(), kind, bytes });
                    break;
                }
                Err(_) => anyhow::bail!("the reader of {source} stopped before the end of the file"),
            }
        }
        hand_out(&mut open);
    }
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn summary(event: &ReadEvent) -> String {
        match event {
            ReadEvent::Record(r) => {
                format!("record {} {:?} {}", r.source, r.record_offset, r.url.as_deref().unwrap_or("-"))
            }
            ReadEvent::Skipped(s) => format!("skip {} {:?} {}", s.source, s.record_offset, s.reason),
            ReadEvent::Rejected(r) => format!("reject {} {:?} {}", r.source, r.record_offset, r.reason),
        }
    }

    /// Inputs of every kind, some with many records, so lanes interleave.
    fn inputs(dir: &std::path::Path) -> Vec<(PathBuf, u64)> {
        let mut files = Vec::new();
        for i in 0..9 {
            let path = dir.join(format!("{i}.jsonl"));
            let mut f = std::fs::File::create(&path).unwrap();
            for line in 0..(40 + 30 * i) {
                writeln!(f, r#"{{"id": "{i}-{line}", "url": "https://example.org/{i}/{line}", "text": "Words of line {line}."}}"#).unwrap();
            }
            if i == 4 {
                writeln!(f, "not json").unwrap();
            }
            files.push(path);
            let page = dir.join(format!("{i}.html"));
            std::fs::write(&page, format!("<html><body><p>Page {i} has a paragraph.</p></body></html>")).unwrap();
            files.push(page);
        }
        let empty = dir.join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        files.insert(5, empty);
        files.into_iter().map(|p| (p, 0)).collect()
    }

    fn read_all(files: Vec<(PathBuf, u64)>, lanes: usize, stop_after: usize) -> (Vec<String>, Vec<String>) {
        let clock = StageClock::default();
        let counter = Arc::new(ByteCounter::default());
        let mut seen = Vec::new();
        let inputs = read_in_order(files, lanes, None, &counter, &clock, |event| {
            seen.push(summary(&event));
            seen.len() < stop_after
        })
        .unwrap();
        (seen, inputs.iter().map(|i| format!("{} {:?}", i.path, i.kind)).collect())
    }

    #[test]
    fn lanes_give_the_events_and_inputs_of_one_reader_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        let files = inputs(dir.path());
        let (events, kinds) = read_all(files.clone(), 1, usize::MAX);
        assert!(events.len() > 1_000, "{}", events.len());
        assert!(events.iter().any(|e| e.starts_with("reject") && e.contains("4.jsonl")));
        assert_eq!(kinds.len(), files.len());
        for lanes in [2, 3, 8] {
            assert_eq!(read_all(files.clone(), lanes, usize::MAX), (events.clone(), kinds.clone()), "{lanes} lanes");
        }
    }

    #[test]
    fn a_stop_downstream_ends_every_lane() {
        let dir = tempfile::tempdir().unwrap();
        let files = inputs(dir.path());
        let (all, _) = read_all(files.clone(), 1, usize::MAX);
        let (events, kinds) = read_all(files, 3, 100);
        assert_eq!(events, all[..100]);
        assert!(kinds.len() < 5, "{kinds:?}");
    }

    #[test]
    fn one_lane_per_six_workers_and_never_more_than_files() {
        assert_eq!(lanes_for(1, 100), 1);
        assert_eq!(lanes_for(6, 100), 1);
        assert_eq!(lanes_for(7, 100), 2);
        assert_eq!(lanes_for(16, 100), 3);
        assert_eq!(lanes_for(64, 2), 2);
        assert_eq!(lanes_for(4, 0), 1);
    }
}
