//! The decompressed byte stream of a WARC file, and the offsets records are
//! reported at.
//!
//! Gzip input is read one member at a time so that the reader knows which
//! member (and at which file byte it starts) every decompressed byte comes
//! from: that is what lets a record point at its member, Common Crawl style.
//! Given the worker pool, the members are inflated ahead on it instead (see
//! [`super::members`]), and any member that does not inflate cleanly there
//! is read here one at a time, as without the pool.

use super::members::{self, Pool, Window, GZIP_MAGIC, WINDOW};
use flate2::bufread::GzDecoder;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

const FILE_BUFFER: usize = 256 * 1024;
/// How much of the current gzip member the file buffer keeps once read, so
/// that the search for the next member can restart just after the start of a
/// member that turns out cut short (its deflate stream then runs on into the
/// members after it). Common Crawl members are a few dozen KiB.
const MEMBER_REWIND: usize = 1024 * 1024;
const OUT_BUFFER: usize = 64 * 1024;
/// Windows read and inflating ahead of the one served. Workers take a window
/// between their jobs; the reader inflates what they have not started. Two
/// ahead leave busy workers more of it but cost ~10 MB more peak memory.
const WINDOWS_AHEAD: usize = 1;

/// The raw file behind a read buffer that counts consumed bytes.
struct FileBuf {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// File offset of `buf[start]`.
    offset: u64,
    /// File offset from which consumed bytes are kept (the current gzip
    /// member's start), while they fit in [`MEMBER_REWIND`].
    mark: Option<u64>,
    /// The underlying reader failed: nothing after this can be trusted.
    failed: bool,
    /// An error met reading ahead, returned when the reading gets there again.
    deferred: Option<io::Error>,
}

impl FileBuf {
    fn new(inner: Box<dyn Read + Send>) -> Self {
        FileBuf {
            inner,
            buf: vec![0; FILE_BUFFER],
            start: 0,
            end: 0,
            offset: 0,
            mark: None,
            failed: false,
            deferred: None,
        }
    }

    fn read_more(&mut self) -> io::Result<usize> {
        if let Some(e) = self.deferred.take() {
            self.failed = true;
            return Err(e);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(n) => {
                    self.end += n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            }
        }
    }

    /// Drops consumed bytes (but those from the mark, while they fit in
    /// [`MEMBER_REWIND`]) to make room for at least `n` unconsumed ones.
    fn make_room(&mut self, n: usize) {
        let first = self.offset - self.start as u64; // file offset of buf[0]
        let keep_from = match self.mark {
            Some(mark) if mark >= first && self.offset - mark <= MEMBER_REWIND as u64 => (mark - first) as usize,
            _ => {
                self.mark = None;
                self.start
            }
        };
        self.buf.copy_within(keep_from..self.end, 0);
        self.start -= keep_from;
        self.end -= keep_from;
        let wanted = self.start + n.max(FILE_BUFFER);
        if self.buf.len() < wanted {
            self.buf.resize(wanted, 0);
        }
    }

    /// Puts `bytes`, read just before the unconsumed ones, back in front of them.
    fn give_back(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let mut buf = Vec::with_capacity(bytes.len() + self.end - self.start + FILE_BUFFER);
        buf.extend_from_slice(bytes);
        buf.extend_from_slice(&self.buf[self.start..self.end]);
        self.end = buf.len();
        self.start = 0;
        buf.resize(self.end + FILE_BUFFER, 0);
        self.buf = buf;
        self.offset -= bytes.len() as u64;
        self.mark = None;
    }

    /// Moves back to file offset `to` if it is still in the buffer.
    fn rewind(&mut self, to: u64) {
        let first = self.offset - self.start as u64;
        if (first..=self.offset).contains(&to) {
            self.start = (to - first) as usize;
            self.offset = to;
        }
    }

    /// The buffered bytes, at least `n` of them unless the file ends first.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.start < n {
            self.make_room(n);
            while self.end - self.start < n && self.end < self.buf.len() && self.read_more()? > 0 {}
        }
        Ok(&self.buf[self.start..self.end])
    }

    /// Skips to the next gzip magic or the end. Returns `(skipped, all_zero)`:
    /// NUL padding between members (tape blocks) is not worth a complaint.
    fn skip_to_gzip_magic(&mut self) -> io::Result<(u64, bool)> {
        let (mut skipped, mut all_zero) = (0u64, true);
        loop {
            let buf = self.peek(GZIP_MAGIC.len())?;
            if buf.is_empty() || buf.starts_with(&GZIP_MAGIC) {
                return Ok((skipped, all_zero));
            }
            // Keep a possible magic start in the buffer for the next peek.
            let step = buf[1..].iter().position(|&b| b == GZIP_MAGIC[0]).map_or(buf.len(), |i| i + 1);
            all_zero &= buf[..step].iter().all(|&b| b == 0);
            skipped += step as u64;
            self.consume(step);
        }
    }
}

impl Read for FileBuf {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for FileBuf {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.make_room(FILE_BUFFER);
            self.read_more()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.offset += n as u64;
    }
}

/// Why the byte stream could not go on as it was.
#[derive(Debug)]
pub enum InputError {
    /// The underlying file could not be read: the stream is over.
    Io(io::Error),
    /// The gzip member starting at `member_offset` is corrupt or truncated.
    /// The stream has moved on to the next member.
    Gzip { member_offset: u64, error: io::Error },
    /// `skipped` bytes that are not gzip were found at file byte `offset`
    /// where a member should start. The stream has moved on to the next member.
    NotGzip { offset: u64, skipped: u64 },
}

enum Layer {
    Plain(FileBuf),
    Member(Box<GzDecoder<FileBuf>>),
    /// Between gzip members: the next fill opens one.
    Between(FileBuf),
    /// Gzip members inflated ahead on the worker pool.
    Inflated(Box<Inflated>),
    /// Only while a layer is being replaced.
    Swapping,
}

/// What comes next from the members inflated ahead.
enum Next {
    Member {
        offset: u64,
        bytes: Vec<u8>,
    },
    End,
    /// The member at this file offset is for the sequential path.
    Sequential(u64),
}

/// The raw file read ahead in windows whose members inflate on the pool.
struct Inflated {
    pool: Pool,
    /// Positioned after the last raw byte read.
    file: FileBuf,
    /// Raw bytes read after the last window's spans: the start of a member
    /// that may run past them.
    carry: Vec<u8>,
    /// No window follows the last one read: the file ended or failed, or that
    /// window ends in a span left to the sequential path.
    done: bool,
    ahead: VecDeque<Window>,
    /// The window being served, and its next span to serve.
    current: Option<Window>,
    next: usize,
}

impl Inflated {
    fn new(mut file: FileBuf, pool: Pool) -> Self {
        file.mark = None;
        Inflated { pool, file, carry: Vec::new(), done: false, ahead: VecDeque::new(), current: None, next: 0 }
    }

    /// Reads the next window and starts inflating it. The window ends at the
    /// last member start found in it (unless the file ends there), so that
    /// all its spans are whole members.
    fn read_window(&mut self) {
        let offset = self.file.offset - self.carry.len() as u64;
        let mut raw = std::mem::take(&mut self.carry);
        let wanted = WINDOW.saturating_sub(raw.len()) as u64;
        let file_ended = match (&mut self.file).take(wanted).read_to_end(&mut raw) {
            Ok(n) => (n as u64) < wanted,
            Err(e) => {
                // The sequential path meets it after the bytes given back.
                self.file.failed = false;
                self.file.deferred = Some(e);
                true
            }
        };
        if raw.is_empty() {
            self.done = true;
            return;
        }
        let mut starts = members::member_starts(&raw);
        // No member start where one should be, or a member larger than the
        // window: one span for the sequential path, and nothing read after it.
        let whole_members = starts.first() == Some(&0) && (file_ended || starts.len() > 1);
        if !whole_members {
            starts = vec![0];
        } else if !file_ended {
            let last = starts.pop().unwrap_or(0);
            self.carry = raw.split_off(last);
        }
        self.done = file_ended || !whole_members;
        let ends = starts.iter().skip(1).copied().chain([raw.len()]);
        let spans: Vec<_> = starts.iter().zip(ends).map(|(&start, end)| start..end).collect();
        let usable = if whole_members { spans.len() } else { 0 };
        self.ahead.push_back(Window::spawn(&self.pool, offset, raw, spans, usable));
    }

    fn next_member(&mut self) -> Next {
        loop {
            if let Some(window) = &self.current {
                if let Some(offset) = window.span_offset(self.next) {
                    let member = window.take_member(self.next);
                    self.next += 1;
                    return match member {
                        Some(bytes) => Next::Member { offset, bytes },
                        None => Next::Sequential(offset),
                    };
                }
                self.current = None;
            }
            if self.ahead.is_empty() {
                self.read_ahead();
            }
            let Some(window) = self.ahead.pop_front() else {
                // An error met reading ahead is the sequential path's to report.
                return if self.file.deferred.is_some() { Next::Sequential(self.file.offset) } else { Next::End };
            };
            // The next window inflates while this one is served.
            self.read_ahead();
            self.current = Some(window);
            self.next = 0;
        }
    }

    fn read_ahead(&mut self) {
        while !self.done && self.ahead.len() < WINDOWS_AHEAD {
            self.read_window();
        }
    }

    /// The raw file from offset `from` (a member start not served yet) on.
    fn into_file(self, from: u64) -> FileBuf {
        let mut unserved = Vec::new();
        for window in self.current.iter().chain(&self.ahead) {
            let skip = usize::try_from(from.saturating_sub(window.offset)).unwrap_or(usize::MAX);
            unserved.extend_from_slice(window.raw().get(skip..).unwrap_or_default());
        }
        unserved.extend_from_slice(&self.carry);
        let mut file = self.file;
        file.give_back(&unserved);
        debug_assert_eq!(file.offset, from);
        file
    }
}

/// The decompressed bytes of a WARC file, read through [`Input::fill`] and
/// [`Input::consume`] like a `BufRead`.
pub struct Input {
    layer: Layer,
    gzip: bool,
    out: Vec<u8>,
    pos: usize,
    len: usize,
    /// Error met while sniffing the first bytes, reported by the first fill.
    pending: Option<io::Error>,
    /// Bytes given back by [`Input::unread`], read again before the layer's.
    unread: Vec<u8>,
    unread_pos: usize,
    /// Offset in the decompressed stream of the next unconsumed byte.
    stream_offset: u64,
    /// File offset of the gzip member holding the next unconsumed byte.
    member_offset: u64,
    /// Something other than CR/LF was consumed from the current member.
    member_has_content: bool,
    /// Gzip members opened so far: tells a reader when one ended.
    members_opened: u64,
    /// The pool gzip members are inflated ahead on; none: one at a time here.
    pool: Option<Pool>,
    /// Members starting before this file offset are read here: one that
    /// did not inflate cleanly on the pool, till the reading is past it.
    sequential_before: u64,
}

impl Input {
    pub fn new(inner: Box<dyn Read + Send>) -> Self {
        let mut file = FileBuf::new(inner);
        let (gzip, pending) = match file.peek(2) {
            Ok(head) => (head.starts_with(&GZIP_MAGIC[..2]), None),
            Err(e) => (false, Some(e)),
        };
        Input {
            layer: if gzip { Layer::Between(file) } else { Layer::Plain(file) },
            gzip,
            out: if gzip { vec![0; OUT_BUFFER] } else { Vec::new() },
            pos: 0,
            len: 0,
            pending,
            unread: Vec::new(),
            unread_pos: 0,
            stream_offset: 0,
            member_offset: 0,
            member_has_content: false,
            members_opened: 0,
            pool: None,
            sequential_before: 0,
        }
    }

    /// Inflates gzip members ahead on `pool` (a per-record gzip file; one
    /// whole-file member is still read here).
    pub fn inflate_on(&mut self, pool: Pool) {
        if self.gzip {
            self.pool = Some(pool);
        }
    }

    /// Whether a member was read here after all, having not inflated
    /// cleanly on the pool.
    #[cfg(test)]
    pub fn fell_back(&self) -> bool {
        self.sequential_before > 0
    }

    /// Where the next record starts: the file offset of its gzip member when
    /// the record opens the member (only CR/LF before it in the member),
    /// otherwise its offset in the decompressed stream (plain files: the file
    /// offset).
    pub fn record_offset(&self) -> u64 {
        if self.gzip && !self.member_has_content {
            self.member_offset
        } else {
            self.stream_offset
        }
    }

    /// How many gzip members have been opened (0 for plain input): a change
    /// between two fills means the bytes of the second come from a new member.
    pub fn members_opened(&self) -> u64 {
        self.members_opened
    }

    /// Offset of the next byte in the decompressed stream.
    pub fn stream_offset(&self) -> u64 {
        self.stream_offset
    }

    /// The next bytes of the stream; empty at the end. Never spans two gzip
    /// members.
    pub fn fill(&mut self) -> Result<&[u8], InputError> {
        if let Some(e) = self.pending.take() {
            return Err(InputError::Io(e));
        }
        if self.unread_pos < self.unread.len() {
            return Ok(&self.unread[self.unread_pos..]);
        }
        if matches!(self.layer, Layer::Plain(_)) {
            return match &mut self.layer {
                Layer::Plain(file) => file.fill_buf().map_err(InputError::Io),
                _ => Ok(&[]),
            };
        }
        self.fill_gzip()
    }

    fn fill_gzip(&mut self) -> Result<&[u8], InputError> {
        while self.pos == self.len {
            match std::mem::replace(&mut self.layer, Layer::Swapping) {
                Layer::Member(decoder) => self.read_member(decoder)?,
                Layer::Inflated(mut inflated) => match inflated.next_member() {
                    Next::Member { offset, bytes } => {
                        self.member_offset = offset;
                        self.member_has_content = false;
                        self.members_opened += 1;
                        self.out = bytes;
                        self.pos = 0;
                        self.len = self.out.len();
                        self.layer = Layer::Inflated(inflated);
                    }
                    Next::End => {
                        self.layer = Layer::Inflated(inflated);
                        return Ok(&[]);
                    }
                    Next::Sequential(offset) => {
                        self.sequential_before = offset + 1;
                        // The decoder fills all of it: a served member may have been shorter.
                        self.out.resize(OUT_BUFFER, 0);
                        self.layer = Layer::Between(inflated.into_file(offset));
                    }
                },
                Layer::Between(mut file) => {
                    let head = match file.peek(GZIP_MAGIC.len()) {
                        Ok(head) => head,
                        Err(e) => {
                            self.layer = Layer::Between(file);
                            return Err(InputError::Io(e));
                        }
                    };
                    if head.is_empty() {
                        self.layer = Layer::Between(file);
                        return Ok(&[]);
                    }
                    if head.starts_with(&GZIP_MAGIC) {
                        if let Some(pool) = self.pool.as_ref().filter(|_| file.offset >= self.sequential_before) {
                            self.layer = Layer::Inflated(Box::new(Inflated::new(file, pool.clone())));
                            continue;
                        }
                        self.member_offset = file.offset;
                        file.mark = Some(file.offset);
                        self.member_has_content = false;
                        self.members_opened += 1;
                        self.layer = Layer::Member(Box::new(GzDecoder::new(file)));
                        continue;
                    }
                    let offset = file.offset;
                    let skipped = file.skip_to_gzip_magic();
                    self.layer = Layer::Between(file);
                    match skipped {
                        Err(e) => return Err(InputError::Io(e)),
                        Ok((_, true)) => continue,
                        Ok((skipped, false)) => return Err(InputError::NotGzip { offset, skipped }),
                    }
                }
                // Plain input returned above; `Swapping` never outlives a call.
                other => {
                    self.layer = other;
                    return Ok(&[]);
                }
            }
        }
        Ok(&self.out[self.pos..self.len])
    }

    /// Refills the buffer from the current member, or closes it at its end
    /// (checking its CRC).
    fn read_member(&mut self, mut decoder: Box<GzDecoder<FileBuf>>) -> Result<(), InputError> {
        match decoder.read(&mut self.out) {
            Ok(0) => {
                let mut file = decoder.into_inner();
                file.mark = None;
                self.layer = Layer::Between(file);
            }
            Ok(n) => {
                self.pos = 0;
                self.len = n;
                self.layer = Layer::Member(decoder);
            }
            Err(error) => return Err(self.abandon_member(decoder.into_inner(), error)),
        }
        Ok(())
    }

    /// When the current member's bytes are all consumed, reads it to its end
    /// so that a bad trailer is reported now, without opening the next member.
    pub fn close_spent_member(&mut self) -> Result<(), InputError> {
        if self.unread_pos < self.unread.len() || self.pos < self.len || !matches!(self.layer, Layer::Member(_)) {
            return Ok(());
        }
        match std::mem::replace(&mut self.layer, Layer::Swapping) {
            Layer::Member(decoder) => self.read_member(decoder),
            other => {
                self.layer = other;
                Ok(())
            }
        }
    }

    /// Drops what is left of a failed member and moves to the next one.
    fn abandon_member(&mut self, mut file: FileBuf, error: io::Error) -> InputError {
        if file.failed {
            self.layer = Layer::Between(file);
            return InputError::Io(error);
        }
        // Search on from just after this member's start: a member cut short
        // has its deflate stream run on into the next members, which must not
        // be lost with it. (One rejected at its header consumed nothing.)
        let resume = self.member_offset + 1;
        if file.offset < resume {
            file.consume(1);
        } else {
            file.rewind(resume);
        }
        let skip = file.skip_to_gzip_magic();
        self.layer = Layer::Between(file);
        match skip {
            Ok(_) => InputError::Gzip { member_offset: self.member_offset, error },
            Err(e) => InputError::Io(e),
        }
    }

    /// Gives back `bytes`, just consumed, to be read again: the part of a
    /// block with a wrong Content-Length that holds the next record. A record
    /// read from them is at its decompressed-stream offset.
    pub fn unread(&mut self, bytes: &[u8]) {
        self.unread.drain(..self.unread_pos);
        self.unread.splice(0..0, bytes.iter().copied());
        self.unread_pos = 0;
        self.stream_offset -= bytes.len() as u64;
        self.member_has_content = true;
    }

    pub fn consume(&mut self, n: usize) {
        if self.unread_pos < self.unread.len() {
            let n = n.min(self.unread.len() - self.unread_pos);
            self.unread_pos += n;
            self.stream_offset += n as u64;
            return;
        }
        self.stream_offset += n as u64;
        match &mut self.layer {
            Layer::Plain(file) => file.consume(n),
            _ => {
                let n = n.min(self.len - self.pos);
                if !self.member_has_content {
                    self.member_has_content =
                        self.out[self.pos..self.pos + n].iter().any(|&b| b != b'\r' && b != b'\n');
                }
                self.pos += n;
            }
        }
    }
}
