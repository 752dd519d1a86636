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

    /// Reads `len` block bytes into `self.block` (or drops them). Returns how
    /// many the input had.
    pub(super) fn take_block(&mut self, len: u64, keep: bool) -> Result<u64, InputError> {
        self.block.clear();
        if keep {
            self.block.reserve(len as usize);
        }
        let mut got = 0;
        while got < len {
            let buf = self.input.fill()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(usize::try_from(len - got).unwrap_or(usize::MAX));
            if keep {
                self.block.extend_from_slice(&buf[..take]);
            }
            self.input.consume(take);
            got += take as u64;
        }
        Ok(got)
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
        let next = self.block.windows(6).position(|w| w[0] == b'\n' && &w[1..] == b"WARC/");
        match next {
            Some(at) => {
                let tail = [&self.block[at + 1..], after].concat();
                self.input.unread(&tail);
                true
            }
            None => false,
        }
    }

    /// Consumes input up to the next line starting with `WARC/`.
    pub(super) fn resync(&mut self, mut at_line_start: bool) -> Result<(), InputError> {
        loop {
            let buf = self.input.fill()?;
            if buf.is_empty() {
                return Ok(());
            }
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
