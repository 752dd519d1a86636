//! Gzip members of a per-record-gzip WARC inflated on the worker pool, so
//! that on many cores the reader thread only frames records.
//!
//! The raw file is read in windows cut at the member starts found in them;
//! the members of a window inflate in parallel while the reader serves the
//! window before (or on the reader, when no worker got to one in time). A member is only used when it decodes whole from its own
//! span (trailer checked, nothing but NUL padding up to the next start), so
//! every member the sequential path would read differently (corrupt, cut
//! short, a false start inside its compressed bytes, larger than a window)
//! is left to that path.

use flate2::bufread::GzDecoder;
use std::io::Read;
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// First bytes of a gzip member: magic and the deflate method.
pub const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// The worker pool members are inflated on.
pub type Pool = Arc<rayon::ThreadPool>;

/// Raw bytes read per window. Common Crawl members are a few dozen KiB; a
/// member larger than a window is read sequentially.
pub const WINDOW: usize = 512 * 1024;
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
    // A vectorised substring search: this runs over every compressed byte.
    memchr::memmem::find_iter(raw, &GZIP_MAGIC)
        .filter(|&at| {
            raw.get(at..at + HEADER).is_some_and(|head| head[3] & 0xe0 == 0 && (head[9] <= 13 || head[9] == 255))
        })
        .collect()
}

/// Most bytes a member may inflate to: bounded by its compressed size.
fn output_cap(span: &[u8]) -> usize {
    span.len().saturating_mul(MAX_RATIO).max(MIN_OUTPUT_CAP)
}

/// Room to inflate `span` into: its trailer's ISIZE (the exact size, when
/// the member ends the span), or a guess.
fn output_room(span: &[u8]) -> usize {
    let size = span
        .len()
        .checked_sub(4)
        .and_then(|at| span.get(at..))
        .map_or(0, |tail| u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) as usize);
    if size <= output_cap(span) {
        size
    } else {
        span.len() * 4
    }
}

/// Inflates `span`, into `out`, as exactly one gzip member followed by
/// nothing but NUL padding. `None` when it is not that, or inflates beyond
/// the output cap.
pub fn inflate_member(span: &[u8], mut out: Vec<u8>) -> Option<Vec<u8>> {
    let cap = output_cap(span);
    out.clear();
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
    /// File offset of the window's first byte.
    pub offset: u64,
    shared: Arc<Spans>,
}

/// A window's spans and their members, shared by the reader and the workers:
/// whoever claims a span first inflates it, so the reader never waits for a
/// busy pool to get to a window, and the workers take the window's spans
/// between their own jobs.
struct Spans {
    raw: Vec<u8>,
    spans: Vec<Range<usize>>,
    /// The spans from this index on are left to the sequential path.
    usable: usize,
    slots: Mutex<Vec<Slot>>,
    inflated: Condvar,
}

enum Slot {
    /// With the room to inflate into, taken on the reader's thread: members
    /// are then freed where they were allocated, which keeps the workers'
    /// heaps from fragmenting.
    Unclaimed(Vec<u8>),
    Inflating,
    Inflated(Option<Vec<u8>>),
    /// Served, or dropped with the window.
    Gone,
}

impl Spans {
    fn slots(&self) -> MutexGuard<'_, Vec<Slot>> {
        // The lock is never held while inflating, so a panic cannot poison it mid-update.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn inflate(&self, i: usize, out: Vec<u8>) -> Option<Vec<u8>> {
        let span = self.spans.get(i).filter(|_| i < self.usable)?;
        inflate_member(self.raw.get(span.clone())?, out)
    }

    /// A worker's share: inflates unclaimed spans, in file order, till none is left.
    fn work(&self) {
        for i in 0..self.spans.len() {
            let claimed = match self.slots().get_mut(i) {
                Some(slot @ Slot::Unclaimed(_)) => match std::mem::replace(slot, Slot::Inflating) {
                    Slot::Unclaimed(out) => Some(out),
                    _ => None,
                },
                _ => None,
            };
            if let Some(out) = claimed {
                let member = self.inflate(i, out);
                if let Some(slot) = self.slots().get_mut(i) {
                    if matches!(slot, Slot::Inflating) {
                        *slot = Slot::Inflated(member);
                    }
                }
                self.inflated.notify_all();
            }
        }
    }
}

impl Window {
    /// Starts inflating the first `usable` of `spans` of `raw` (those after
    /// are left to the sequential path) on `pool`. Each worker takes its
    /// share when it is between jobs, ahead of jobs queued before.
    pub fn spawn(pool: &Pool, offset: u64, raw: Vec<u8>, spans: Vec<Range<usize>>, usable: usize) -> Window {
        let room = |i: usize, span: &Range<usize>| match raw.get(span.clone()) {
            Some(span) if i < usable => output_room(span),
            _ => 0,
        };
        let slots = Mutex::new(
            spans.iter().enumerate().map(|(i, span)| Slot::Unclaimed(Vec::with_capacity(room(i, span)))).collect(),
        );
        let shared = Arc::new(Spans { raw, spans, usable, slots, inflated: Condvar::new() });
        let job = shared.clone();
        pool.spawn_broadcast(move |_| job.work());
        Window { offset, shared }
    }

    pub fn raw(&self) -> &[u8] {
        &self.shared.raw
    }

    /// File offset of span `i`, if the window has it.
    pub fn span_offset(&self, i: usize) -> Option<u64> {
        self.shared.spans.get(i).map(|span| self.offset + span.start as u64)
    }

    /// Member `i`, inflated here if no worker has started on it (`None`:
    /// read it sequentially). Each member is taken once.
    pub fn take_member(&self, i: usize) -> Option<Vec<u8>> {
        let mut slots = self.shared.slots();
        loop {
            match slots.get_mut(i).map(|slot| std::mem::replace(slot, Slot::Gone))? {
                Slot::Unclaimed(out) => {
                    drop(slots);
                    return self.shared.inflate(i, out);
                }
                Slot::Inflated(member) => return member,
                Slot::Inflating => {
                    slots[i] = Slot::Inflating;
                    slots = self.shared.inflated.wait(slots).unwrap_or_else(PoisonError::into_inner);
                }
                Slot::Gone => return None,
            }
        }
    }
}

impl Drop for Window {
    /// Workers that get to the window after it is served or given up skip
    /// it, and members inflated for nothing are freed now.
    fn drop(&mut self) {
        for slot in self.shared.slots().iter_mut() {
            *slot = Slot::Gone;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn starts_need_a_plausible_header_and_members_must_end_their_span() {
        let record = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
        let member = gzip(record);
        // A reserved flag bit set: not a member start.
        let mut reserved = member.clone();
        reserved[3] = 0x20;
        let file = [member.clone(), vec![0; 16], reserved, member.clone()].concat();
        assert_eq!(member_starts(&file), [0, 2 * member.len() + 16]);

        let padded = [member.clone(), vec![0; 16]].concat();
        assert_eq!(inflate_member(&padded, Vec::new()).as_deref(), Some(&record[..]));
        assert_eq!(inflate_member(&[member.clone(), b"junk".to_vec()].concat(), Vec::new()), None);
        assert_eq!(inflate_member(&member[..member.len() - 1], Vec::new()), None);
    }
}
