//! Gzip members of a per-record-gzip WARC inflated on the worker pool, so
//! that on many cores the reader thread only frames records.
//!
//! The raw file is read in windows cut at the member starts found in them;
//! the members of a window inflate in parallel while the reader serves the
//! window before. A member is only used when it decodes whole from its own
//! span (trailer checked, nothing but NUL padding up to the next start), so
//! every member the sequential path would read differently (corrupt, cut
//! short, a false start inside its compressed bytes, larger than a window)
//! is left to that path.

use crossbeam_channel::{bounded, Receiver};
use flate2::bufread::GzDecoder;
use rayon::prelude::*;
use std::io::Read;
use std::ops::Range;
use std::sync::Arc;

/// The worker pool members are inflated on.
pub type Pool = Arc<rayon::ThreadPool>;

/// Raw bytes read per window. Common Crawl members are a few dozen KiB; a
/// member larger than a window is read sequentially.
pub const WINDOW: usize = 1024 * 1024;
/// Decompressed bytes allowed per compressed byte of a member (HTML inflates
/// 4-10x), so that a window's output stays bounded; a member beyond it is
/// read sequentially.
const MAX_RATIO: usize = 32;
/// Decompressed bytes always allowed, for tiny members of headers.
const MIN_OUTPUT_CAP: usize = 64 * 1024;

/// Offsets in `raw` where a gzip member may start: the magic and deflate
/// method, then a header byte with no reserved flag set and an operating
/// system byte that RFC 1952 defines. The header checks cut false starts
/// inside compressed data (a 2^-24 chance per byte) to a rare few; those
/// left make their span fail to inflate.
pub fn member_starts(raw: &[u8]) -> Vec<usize> {
    const HEADER: usize = 10;
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(i) = raw.get(from..).and_then(|rest| rest.iter().position(|&b| b == 0x1f)) {
        let at = from + i;
        if let Some(head) = raw.get(at..at + HEADER) {
            if head[1] == 0x8b && head[2] == 0x08 && head[3] & 0xe0 == 0 && (head[9] <= 13 || head[9] == 255) {
                starts.push(at);
            }
        }
        from = at + 1;
    }
    starts
}

/// Inflates `span` as exactly one gzip member followed by nothing but NUL
/// padding. `None` when it is not that, or inflates beyond the output cap.
pub fn inflate_member(span: &[u8]) -> Option<Vec<u8>> {
    let cap = span.len().saturating_mul(MAX_RATIO).max(MIN_OUTPUT_CAP);
    // The trailer's ISIZE is the output size when the member ends the span.
    let size_hint = span.len().checked_sub(4).and_then(|at| span.get(at..)).map_or(0, |tail| {
        u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) as usize
    });
    let mut out = Vec::with_capacity(if size_hint <= cap { size_hint } else { span.len() * 4 });
    let mut decoder = GzDecoder::new(span);
    match (&mut decoder).take(cap as u64 + 1).read_to_end(&mut out) {
        Ok(n) if n <= cap => {}
        _ => return None,
    }
    // Reading to the end checked CRC and size; what is left must be padding.
    decoder.into_inner().iter().all(|&b| b == 0).then_some(out)
}

/// One window of raw bytes, cut into member spans inflating on the pool.
pub struct Window {
    /// File offset of `raw[0]`.
    pub offset: u64,
    pub raw: Arc<Vec<u8>>,
    /// Member spans in `raw`, in file order.
    pub spans: Vec<Range<usize>>,
    /// The inflated members, one per span (`None`: read it sequentially).
    inflated: Receiver<Vec<Option<Vec<u8>>>>,
}

impl Window {
    /// Starts inflating the first `usable` of `spans` (those after are left
    /// to the sequential path) of `raw` on `pool`.
    pub fn spawn(pool: &Pool, offset: u64, raw: Vec<u8>, spans: Vec<Range<usize>>, usable: usize) -> Window {
        let raw = Arc::new(raw);
        let (tx, inflated) = bounded(1);
        let (job_raw, job_spans) = (raw.clone(), spans.clone());
        pool.spawn(move || {
            let members = job_spans
                .into_par_iter()
                .enumerate()
                .map(|(i, span)| if i < usable { job_raw.get(span).and_then(inflate_member) } else { None })
                .collect();
            // The reader may have stopped, or fallen back, meanwhile.
            let _ = tx.send(members);
        });
        Window { offset, raw, spans, inflated }
    }

    /// Waits for the window's members.
    pub fn members(&self) -> Vec<Option<Vec<u8>>> {
        // A job that vanished leaves every member to the sequential path.
        self.inflated.recv().unwrap_or_else(|_| vec![None; self.spans.len()])
    }
}
