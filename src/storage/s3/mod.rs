//! S3-compatible object storage, named `s3://bucket/key`: inputs listed and
//! streamed by the readers, datasets uploaded by `dataset::upload`.
//!
//! The rest of newsmill is synchronous, so this module owns one small tokio
//! runtime (current-thread: it runs inside whichever thread waits on it) and
//! bridges object_store's async calls to blocking ones. An object is read as a
//! stream, never downloaded to disk first; when the connection drops
//! mid-object, [`ResumingReader`] asks again from the byte offset already
//! delivered, a bounded number of times. A file is uploaded in parts of
//! [`PART_BYTES`], so memory stays bounded whatever its size.
//!
//! Credentials, region and endpoint come from the standard environment
//! variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//! `AWS_ENDPOINT_URL`, `AWS_ALLOW_HTTP`...), as `AmazonS3Builder::from_env` reads them.

mod resume;

use anyhow::Context;
use futures_util::stream::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
pub use object_store::ObjectMeta;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
pub use resume::{Fetched, ResumingReader};
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

const SCHEME: &str = "s3://";

/// Files up to this size go up in one request; larger ones in parts of this
/// size (S3 wants parts of 5 MiB or more).
pub const PART_BYTES: usize = 16 << 20;

/// An object, or a prefix of objects, in a bucket: `s3://bucket/key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectUrl {
    pub bucket: String,
    /// The key without a leading or trailing `/`; empty for the whole bucket.
    pub key: String,
}

impl ObjectUrl {
    /// The URL an input or `--out` names, if it is one (`None` for a local path).
    pub fn parse(path: &Path) -> Option<ObjectUrl> {
        let rest = path.to_str()?.strip_prefix(SCHEME)?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        Some(ObjectUrl { bucket: bucket.to_string(), key: key.trim_matches('/').to_string() })
    }

    /// The URL of `key` in the same bucket.
    pub fn with_key(&self, key: &str) -> ObjectUrl {
        ObjectUrl { bucket: self.bucket.clone(), key: key.to_string() }
    }

    /// The key below this prefix named by `relative` (`a/b`).
    pub fn join(&self, relative: &str) -> ObjectUrl {
        if self.key.is_empty() {
            self.with_key(relative)
        } else {
            self.with_key(&format!("{}/{relative}", self.key))
        }
    }

    /// The key as object_store's path. A key as listed is taken as it is
    /// (`from` would escape a `%` in it a second time); one that is not a
    /// valid path (an empty segment, `..`) is escaped.
    pub fn location(&self) -> ObjectPath {
        ObjectPath::parse(&self.key).unwrap_or_else(|_| ObjectPath::from(self.key.as_str()))
    }

    /// The URL as a path, the form inputs take through the pipeline.
    pub fn to_path(&self) -> std::path::PathBuf {
        self.to_string().into()
    }
}

impl std::fmt::Display for ObjectUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{SCHEME}{}/{}", self.bucket, self.key)
    }
}

/// The runtime that drives object_store, one client per bucket, and the
/// metadata of every object listed or looked up in this run by URL, so the
/// ledger's stat of an input just listed costs no second request.
struct Backend {
    runtime: tokio::runtime::Runtime,
    stores: Mutex<HashMap<String, Arc<dyn ObjectStore>>>,
    known: Mutex<HashMap<String, ObjectMeta>>,
}

fn backend() -> io::Result<&'static Backend> {
    static BACKEND: OnceLock<Backend> = OnceLock::new();
    if let Some(backend) = BACKEND.get() {
        return Ok(backend);
    }
    // reqwest is built without a TLS crypto provider of its own: ring is
    // installed here once (an error means one is installed already).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    Ok(BACKEND.get_or_init(|| Backend { runtime, stores: Mutex::default(), known: Mutex::default() }))
}

/// Runs `future` to completion from synchronous code.
pub fn block_on<F: std::future::Future>(future: F) -> io::Result<F::Output> {
    Ok(backend()?.runtime.block_on(future))
}

/// The client of `bucket`, configured from the environment.
pub fn store(bucket: &str) -> io::Result<Arc<dyn ObjectStore>> {
    let backend = backend()?;
    let mut stores =
        backend.stores.lock().map_err(|_| io::Error::other("the object store clients are unusable after a panic"))?;
    if let Some(store) = stores.get(bucket) {
        return Ok(store.clone());
    }
    // Few, quick retries inside object_store: a stream cut mid-object is
    // resumed by `ResumingReader` with its own bound.
    let retry = RetryConfig { max_retries: 3, retry_timeout: Duration::from_secs(60), ..RetryConfig::default() };
    let store: Arc<dyn ObjectStore> = Arc::new(
        AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(retry)
            .build()
            .map_err(|e| io::Error::other(format!("cannot configure the client of bucket {bucket}: {e}")))?,
    );
    stores.insert(bucket.to_string(), store.clone());
    Ok(store)
}

fn to_io(url: &ObjectUrl, e: object_store::Error) -> io::Error {
    let kind =
        if matches!(e, object_store::Error::NotFound { .. }) { io::ErrorKind::NotFound } else { io::ErrorKind::Other };
    io::Error::new(kind, format!("{url}: {e}"))
}

/// Remembers what a listing or a HEAD said of the object `url`.
fn remember(url: &ObjectUrl, meta: &ObjectMeta) -> io::Result<()> {
    let mut known =
        backend()?.known.lock().map_err(|_| io::Error::other("the object metadata cache is unusable after a panic"))?;
    known.insert(url.to_string(), meta.clone());
    Ok(())
}

/// The object's size, modification time and ETag; `NotFound` if there is none.
pub fn head(url: &ObjectUrl) -> io::Result<ObjectMeta> {
    let cached = backend()?.known.lock().ok().and_then(|known| known.get(&url.to_string()).cloned());
    if let Some(meta) = cached {
        return Ok(meta);
    }
    let store = store(&url.bucket)?;
    let meta = block_on(store.head(&url.location()))?.map_err(|e| to_io(url, e))?;
    remember(url, &meta)?;
    Ok(meta)
}

/// Every object under the prefix `url` (as a folder: `a/b` holds `a/b/c`,
/// not `a/bc`), in name order.
pub fn list(url: &ObjectUrl) -> io::Result<Vec<ObjectMeta>> {
    let store = store(&url.bucket)?;
    let prefix = (!url.key.is_empty()).then(|| url.location());
    let mut objects = block_on(store.list(prefix.as_ref()).collect::<Vec<_>>())?
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| to_io(url, e))?;
    objects.sort_by(|a, b| a.location.cmp(&b.location));
    for meta in &objects {
        remember(&url.with_key(meta.location.as_ref()), meta)?;
    }
    Ok(objects)
}

/// Opens the object `url` as a blocking byte stream that resumes after a
/// dropped connection.
// The closure's type is unnameable (no `impl Trait` in type aliases on stable).
#[allow(clippy::type_complexity)]
pub fn open(
    url: &ObjectUrl,
) -> io::Result<ResumingReader<impl FnMut(u64, Option<&str>) -> io::Result<Fetched> + Send>> {
    let store = store(&url.bucket)?;
    let url = url.clone();
    let location = url.location();
    let fetch = move |offset: u64, e_tag: Option<&str>| {
        // From the second request on: the rest of the same version of the object.
        let options = GetOptions::new()
            .with_range((offset > 0).then_some(GetRange::Offset(offset)))
            .with_if_match(e_tag.map(str::to_string));
        let result = block_on(store.get_opts(&location, options))?.map_err(|e| to_io(&url, e))?;
        let size = result.meta.size;
        let e_tag = result.meta.e_tag.clone();
        Ok(Fetched { size, e_tag, stream: result.into_stream() })
    };
    ResumingReader::new(fetch)
}

/// Deletes the object `url`.
pub fn delete(url: &ObjectUrl) -> anyhow::Result<()> {
    let store = store(&url.bucket)?;
    block_on(store.delete(&url.location()))?.with_context(|| format!("cannot delete the object {url}"))
}

/// Uploads the local `file` as the object `url`: in one request, or in parts
/// of [`PART_BYTES`] (an upload that fails is aborted, so that no part stays
/// stored and billed).
pub fn upload(file: &Path, url: &ObjectUrl) -> anyhow::Result<()> {
    let store = store(&url.bucket)?;
    let failed = || format!("cannot upload {} to {url}", file.display());
    let mut reader = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let location = url.location();
    let mut chunk = read_chunk(&mut reader).with_context(failed)?;
    if chunk.len() < PART_BYTES {
        block_on(store.put(&location, PutPayload::from(chunk)))?.with_context(failed)?;
        return Ok(());
    }
    let mut upload = block_on(store.put_multipart(&location))?.with_context(failed)?;
    let uploaded = (|| -> anyhow::Result<()> {
        while !chunk.is_empty() {
            block_on(upload.put_part(PutPayload::from(chunk)))??;
            chunk = read_chunk(&mut reader)?;
        }
        block_on(upload.complete())??;
        Ok(())
    })();
    if uploaded.is_err() {
        let _ = block_on(upload.abort());
    }
    uploaded.with_context(failed)
}

/// The next [`PART_BYTES`] of `reader` (fewer at its end).
fn read_chunk(reader: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut chunk = Vec::with_capacity(PART_BYTES);
    reader.take(PART_BYTES as u64).read_to_end(&mut chunk)?;
    Ok(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_a_bucket_and_a_key() {
        let url = ObjectUrl::parse(Path::new("s3://crawl/2024/10/")).unwrap();
        assert_eq!(url, ObjectUrl { bucket: "crawl".into(), key: "2024/10".into() });
        assert_eq!(url.join("a.warc.gz").to_string(), "s3://crawl/2024/10/a.warc.gz");
        assert_eq!(ObjectUrl::parse(Path::new("s3://crawl")).unwrap().join("x").to_string(), "s3://crawl/x");
        assert_eq!(ObjectUrl::parse(Path::new("crawl/2024")), None);
        let listed = url.join("50%25 off.html");
        assert_eq!(listed.location().as_ref(), "2024/10/50%25 off.html", "a listed key is used as it is");
    }
}
