//! Where bytes live: local files and S3-compatible object storage, behind the
//! few calls both sides of newsmill need. Readers open inputs with [`open`],
//! the ledger fingerprints them with [`stat`], and the dataset publishes
//! versions with [`local`]'s links and uploads them with [`s3`].

pub mod local;
pub mod s3;

use anyhow::Context;
use s3::ObjectUrl;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The raw bytes of an input: a local file, or an object streamed from storage.
pub fn open(path: &Path) -> io::Result<Box<dyn Read + Send>> {
    match ObjectUrl::parse(path) {
        Some(url) => Ok(Box::new(s3::open(&url)?)),
        None => Ok(Box::new(File::open(path)?)),
    }
}

/// What an input's metadata tells, before any hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch; an object's
    /// last-modified time.
    pub mtime_ns: i64,
    /// The content hash that metadata already gives (an object's ETag).
    pub hash: Option<String>,
}

/// The size and modification time of an input file or object.
pub fn stat(path: &Path) -> anyhow::Result<Stat> {
    if let Some(url) = ObjectUrl::parse(path) {
        let meta = s3::head(&url).with_context(|| format!("cannot read {url}"))?;
        let mtime_ns = meta.last_modified.timestamp_nanos_opt().unwrap_or(i64::MAX);
        return Ok(Stat { size: meta.size, mtime_ns, hash: meta.e_tag.map(|tag| format!("etag:{tag}")) });
    }
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Ok(Stat { size: meta.len(), mtime_ns: mtime, hash: None })
}
