//! Framing: the bytes between records, a record's block, the separator
//! after it, and the way back to the next record when the framing is wrong.

use super::input::InputError;
use super::WarcReader;

impl WarcReader {
    /// Consumes CR/LF bytes. Returns false at the end of the input.
    pub(super) fn skip_blank(&mut self) -> Result<bool, InputError> {
        loop {
            let buf = self.input.fill()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let blank = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            let more = blank < buf.len();
            self.input.consume(blank);
            if more {
                return Ok(true);
            }
        }
    }

    /// Reads up to `len` block bytes into `self.block` (or drops them, but
    /// then looks for a record inside them, as a block over the size limit
    /// is most often a lying Content-Length). Stops early where the input
    /// ends, where a new gzip member opens with a `WARC/` line (in per-record
    /// gzip a member ends its record) and, when dropping, before a `WARC/`
    /// line.
    pub(super) fn take_block(&mut self, len: u64, keep: bool) -> Result<BlockEnd, InputError> {
        self.block.clear();
        if keep {
            self.block.reserve(len as usize);
        }
        let mut member = self.input.members_opened();
        let mut scan = (!keep).then(RecordLineScan::new);
        let mut got = 0;
        while got < len {
            if self.input.fill()?.is_empty() {
                return Ok(BlockEnd::InputEnded { got });
            }
            if self.input.members_opened() != member {
                // A record split over several members goes on in the next one.
                if opens_record(self.input.fill()?) {
                    return Ok(BlockEnd::MemberEnded { got });
                }
                member = self.input.members_opened();
            }
            let buf = self.input.fill()?;
            let take = buf.len().min(usize::try_from(len - got).unwrap_or(usize::MAX));
            match scan.as_mut().and_then(|scan| scan.find(&buf[..take])) {
                Some(RecordLine::InChunk(at)) => {
                    self.input.consume(at);
                    return Ok(BlockEnd::RecordInside { got: got + at as u64 });
                }
                Some(RecordLine::Straddling(consumed)) => {
                    self.input.unread(&consumed);
                    return Ok(BlockEnd::RecordInside { got: got - consumed.len() as u64 });
                }
                None => {}
            }
            if keep {
                self.block.extend_from_slice(&buf[..take]);
            }
            self.input.consume(take);
            got += take as u64;
        }
        Ok(BlockEnd::Whole)
    }

    /// After a block: the CRLF CRLF separator (anything after it is the next
    /// record's business), or at least the end or a next record right away,
    /// as some writers skip or shorten the separator. `None` when the record
    /// ends there, else the CR/LF bytes consumed looking.
    pub(super) fn at_record_end(&mut self) -> Result<Option<Vec<u8>>, InputError> {
        const SEPARATOR: &[u8] = b"\r\n\r\n";
        let mut blank = Vec::new();
        loop {
            if blank == SEPARATOR {
                // A per-record gzip member ends here: its CRC check fails this
                // record rather than the next.
                self.input.close_spent_member()?;
                return Ok(None);
            }
            match self.input.fill()?.first() {
                None => return Ok(None),
                Some(&b) if b == b'\r' || b == b'\n' => {
                    blank.push(b);
                    self.input.consume(1);
                }
                Some(_) => break,
            }
        }
        let buf = self.input.fill()?;
        let n = buf.len().min(5);
        Ok((buf[..n] != b"WARC/"[..n]).then_some(blank))
    }

    /// When a block turns out not to end where its Content-Length says, gives
    /// back what follows the first `WARC/` line inside it (a length too long
    /// swallows the start of the next record) with `after` the bytes read past
    /// the block, so that the next record is read whole. Returns whether it did.
    pub(super) fn give_back_next_record(&mut self, after: &[u8]) -> bool {
        let next = memchr::memmem::find(&self.block, RECORD_LINE);
        match next {
            Some(at) => {
                let tail = [&self.block[at + 1..], after].concat();
                self.input.unread(&tail);
                true
            }
            None => false,
        }
    }

    /// Consumes input up to the next line starting with `WARC/` (a new gzip
    /// member starts a line).
    pub(super) fn resync(&mut self, mut at_line_start: bool) -> Result<(), InputError> {
        loop {
            let member = self.input.members_opened();
            if self.input.fill()?.is_empty() {
                return Ok(());
            }
            at_line_start |= self.input.members_opened() != member;
            let buf = self.input.fill()?;
            let mut consumed = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                if at_line_start && b == b'W' {
                    let n = (buf.len() - i).min(5);
                    if buf[i..i + n] == b"WARC/"[..n] {
                        consumed = i;
                        break;
                    }
                }
                at_line_start = b == b'\n';
            }
            let found = consumed < buf.len();
            self.input.consume(consumed);
            if found {
                return Ok(());
            }
        }
    }
}

/// Where reading a block stopped.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum BlockEnd {
    /// All of the declared length was read.
    Whole,
    /// The input ended after `got` bytes of the block.
    InputEnded { got: u64 },
    /// After `got` bytes the record's gzip member ended and the next one
    /// opens with a `WARC/` line.
    MemberEnded { got: u64 },
    /// A `WARC/` line starts `got` bytes into a block being dropped.
    RecordInside { got: u64 },
}

/// Whether decompressed bytes open like a record: CR/LF, then `WARC/`.
fn opens_record(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|&b| b != b'\r' && b != b'\n').unwrap_or(bytes.len());
    bytes[start..].starts_with(b"WARC/")
}

/// A `WARC/` at a line start: where the reader looks for the next record
/// when the framing fails.
const RECORD_LINE: &[u8] = b"\nWARC/";

/// Where a [`RecordLineScan`] found a `WARC/` line.
#[derive(Debug, PartialEq, Eq)]
enum RecordLine {
    /// At this index of the chunk.
    InChunk(usize),
    /// It began in the chunks before: the bytes of it already consumed.
    Straddling(Vec<u8>),
}

/// Looks for a `WARC/` line in a stream one chunk at a time, the line
/// possibly straddling two chunks.
struct RecordLineScan {
    /// The last bytes seen (fewer than [`RECORD_LINE`]), in `tail[..tail_len]`.
    tail: [u8; RECORD_LINE.len() - 1],
    tail_len: usize,
}

impl RecordLineScan {
    /// A scan from a line start (a block starts after an empty line).
    fn new() -> Self {
        let mut tail = [0; RECORD_LINE.len() - 1];
        tail[0] = b'\n';
        RecordLineScan { tail, tail_len: 1 }
    }

    /// The first `WARC/` line in `chunk`, the chunks before included.
    fn find(&mut self, chunk: &[u8]) -> Option<RecordLine> {
        let keep = self.tail.len();
        let mut joined = [0; 2 * RECORD_LINE.len()];
        let head = &chunk[..chunk.len().min(keep)];
        joined[..self.tail_len].copy_from_slice(&self.tail[..self.tail_len]);
        joined[self.tail_len..self.tail_len + head.len()].copy_from_slice(head);
        let joined = &joined[..self.tail_len + head.len()];
        if let Some(at) = memchr::memmem::find(joined, RECORD_LINE) {
            let line = at + 1;
            return Some(match line.checked_sub(self.tail_len) {
                Some(in_chunk) => RecordLine::InChunk(in_chunk),
                None => RecordLine::Straddling(joined[line..self.tail_len].to_vec()),
            });
        }
        if let Some(at) = memchr::memmem::find(chunk, RECORD_LINE) {
            return Some(RecordLine::InChunk(at + 1));
        }
        let last = if chunk.len() >= keep { chunk } else { joined };
        let last = &last[last.len().saturating_sub(keep)..];
        self.tail[..last.len()].copy_from_slice(last);
        self.tail_len = last.len();
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan over `chunks`: the chunk index and the finding.
    fn scan(chunks: &[&[u8]]) -> Option<(usize, RecordLine)> {
        let mut scan = RecordLineScan::new();
        chunks.iter().enumerate().find_map(|(i, chunk)| scan.find(chunk).map(|found| (i, found)))
    }

    #[test]
    fn a_record_line_is_found_inside_a_chunk_at_its_start_or_across_chunks() {
        assert_eq!(scan(&[b"WARC/1.0\r\n"]), Some((0, RecordLine::InChunk(0))));
        assert_eq!(scan(&[b"abc", b"def\r\nWARC/1.1"]), Some((1, RecordLine::InChunk(5))));
        assert_eq!(scan(&[b"abc\r\nWA", b"RC/1.0"]), Some((1, RecordLine::Straddling(b"WA".to_vec()))));
        assert_eq!(scan(&[b"abc\n", b"W", b"A", b"RC/"]), Some((3, RecordLine::Straddling(b"WA".to_vec()))));
        assert_eq!(scan(&[b"abc\n", b"WARC/"]), Some((1, RecordLine::InChunk(0))));
        assert_eq!(scan(&[b"a WARC/1.0 in a line", b"\nWARC"]), None);
        assert_eq!(scan(&[b"xWARC/", b"\nWAR", b"x/"]), None);
    }
}
