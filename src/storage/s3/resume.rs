//! [`ResumingReader`]: an object's body as a blocking reader that survives
//! dropped connections.

use super::block_on;
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use std::io::{self, Read};
use std::time::Duration;

/// Consecutive failed attempts to continue an object stream, each after a
/// longer pause, before its reader gives up with an error.
const MAX_RESUMES: u32 = 5;
const RESUME_PAUSE: Duration = Duration::from_millis(100);

/// One GET: the object's size and version, and its body from the offset asked.
pub struct Fetched {
    pub size: u64,
    pub e_tag: Option<String>,
    pub stream: BoxStream<'static, object_store::Result<Bytes>>,
}

/// A blocking reader over an object fetched by `fetch(offset, e_tag)`. A
/// stream that fails or ends before the object's size is asked for again from
/// the offset reached, so no byte is lost or repeated; after [`MAX_RESUMES`]
/// attempts in a row that deliver nothing, reading fails with an error that
/// says where.
pub struct ResumingReader<F> {
    fetch: F,
    stream: Option<BoxStream<'static, object_store::Result<Bytes>>>,
    pending: Bytes,
    offset: u64,
    size: u64,
    e_tag: Option<String>,
    failures: u32,
}

impl<F: FnMut(u64, Option<&str>) -> io::Result<Fetched>> ResumingReader<F> {
    /// Sends the first request, so that a missing object fails here.
    pub(super) fn new(mut fetch: F) -> io::Result<Self> {
        let first = fetch(0, None)?;
        Ok(ResumingReader {
            fetch,
            stream: Some(first.stream),
            pending: Bytes::new(),
            offset: 0,
            size: first.size,
            e_tag: first.e_tag,
            failures: 0,
        })
    }

    /// The next piece of the body, resuming as needed; `None` at the end.
    fn next_chunk(&mut self) -> io::Result<Option<Bytes>> {
        while self.offset < self.size {
            let attempt: Result<Bytes, String> = match self.stream.as_mut() {
                Some(stream) => match block_on(stream.next())? {
                    Some(Ok(chunk)) => Ok(chunk),
                    Some(Err(e)) => Err(e.to_string()),
                    None => Err("the stream ended early".to_string()),
                },
                None => match (self.fetch)(self.offset, self.e_tag.as_deref()) {
                    Ok(fetched) => {
                        self.stream = Some(fetched.stream);
                        continue;
                    }
                    Err(e) => Err(e.to_string()),
                },
            };
            match attempt {
                Ok(chunk) if chunk.is_empty() => {}
                Ok(chunk) => {
                    self.failures = 0;
                    self.offset += chunk.len() as u64;
                    return Ok(Some(chunk));
                }
                Err(why) => {
                    self.stream = None;
                    self.failures += 1;
                    if self.failures > MAX_RESUMES {
                        return Err(io::Error::new(
                            io::ErrorKind::ConnectionAborted,
                            format!("the object stream stopped at byte {} of {}, and {MAX_RESUMES} attempts to resume failed: {why}", self.offset, self.size),
                        ));
                    }
                    std::thread::sleep(RESUME_PAUSE * self.failures);
                }
            }
        }
        Ok(None)
    }
}

impl<F: FnMut(u64, Option<&str>) -> io::Result<Fetched>> Read for ResumingReader<F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            match self.next_chunk()? {
                Some(chunk) => self.pending = chunk,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        let _ = self.pending.split_to(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    /// A fake object whose streams break after `cut_after` bytes the first
    /// `cuts` times.
    fn flaky(
        body: &'static [u8],
        cut_after: usize,
        mut cuts: u32,
    ) -> impl FnMut(u64, Option<&str>) -> io::Result<Fetched> {
        move |offset, _| {
            let rest = &body[offset as usize..];
            let chunks: Vec<object_store::Result<Bytes>> = if cuts > 0 {
                cuts -= 1;
                let end = cut_after.min(rest.len());
                vec![
                    Ok(Bytes::from_static(&rest[..end])),
                    Err(object_store::Error::Generic { store: "S3", source: "connection reset".into() }),
                ]
            } else {
                rest.chunks(7).map(|c| Ok(Bytes::from_static(c))).collect()
            };
            Ok(Fetched { size: body.len() as u64, e_tag: Some("v1".into()), stream: stream::iter(chunks).boxed() })
        }
    }

    const BODY: &[u8] = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nthe whole body, every byte of it, in order";

    #[test]
    fn a_dropped_stream_resumes_at_the_offset_reached() {
        let mut read = Vec::new();
        ResumingReader::new(flaky(BODY, 10, 3)).unwrap().read_to_end(&mut read).unwrap();
        assert_eq!(read, BODY);
    }

    #[test]
    fn a_stream_that_keeps_failing_is_an_error_not_a_short_read() {
        let mut read = Vec::new();
        let error = ResumingReader::new(flaky(BODY, 0, 100)).unwrap().read_to_end(&mut read).unwrap_err();
        assert!(read.is_empty());
        assert!(error.to_string().contains("stopped at byte 0 of"), "{error}");
    }
}
