//! [`ParquetSink`]: one table's part files, zstd-compressed, written into the
//! run's staging folder (which hides them from readers until the run is
//! published, see [`super::Staged`]).

use super::schema::{Table, SCHEMA_VERSION_KEY, TABLE_KEY};
use anyhow::Context;
use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::path::{Path, PathBuf};

/// A part file grows until about this many bytes, then the next one starts.
const PART_TARGET_BYTES: usize = 256 * 1024 * 1024;
/// A table's in-progress row group (encoded pages and the buffers behind
/// them) is flushed past this much memory: the three tables' writers together
/// then hold at most about three times this, whatever the input size.
const ROW_GROUP_MEMORY_BYTES: usize = 32 * 1024 * 1024;
/// zstd level, by measurement on the corpus tables: level 1 compresses in
/// about half the time of 3 but writes 11% more bytes, level 6 saves 6% for
/// twice the time; compression is about 2% of a run's CPU, so 3 it stays.
const ZSTD_LEVEL: i32 = 3;

/// A finished part file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PartFile {
    /// Path relative to the dataset folder, e.g. `documents/part-00000.parquet`.
    pub path: String,
    pub rows: u64,
}

struct OpenPart {
    writer: ArrowWriter<File>,
    path: PathBuf,
    rows: u64,
}

/// Writes one table's batches into numbered part files in `DIR/<table>/`.
pub struct ParquetSink {
    table: Table,
    dir: PathBuf,
    props: WriterProperties,
    open: Option<OpenPart>,
    parts: Vec<PartFile>,
}

impl ParquetSink {
    pub fn new(dataset: &Path, table: Table) -> anyhow::Result<Self> {
        let dir = dataset.join(table.name());
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let version = table.spec().version.to_string();
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
            .set_created_by(format!("newsmill {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(vec![
                KeyValue::new(SCHEMA_VERSION_KEY.to_string(), version),
                KeyValue::new(TABLE_KEY.to_string(), table.name().to_string()),
            ]))
            .build();
        Ok(ParquetSink { table, dir, props, open: None, parts: Vec::new() })
    }

    fn open_part(&mut self) -> anyhow::Result<&mut OpenPart> {
        if self.open.is_none() {
            let name = format!("part-{:05}.parquet", self.parts.len());
            let path = self.dir.join(&name);
            let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let writer = ArrowWriter::try_new(file, self.table.arrow_schema(), Some(self.props.clone()))?;
            self.open = Some(OpenPart { writer, path, rows: 0 });
        }
        Ok(self.open.as_mut().expect("opened above"))
    }

    /// Appends a batch; flushes row groups and rotates part files by size.
    pub fn write(&mut self, batch: &RecordBatch) -> anyhow::Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let part = self.open_part()?;
        part.writer.write(batch)?;
        part.rows += batch.num_rows() as u64;
        if part.writer.memory_size() >= ROW_GROUP_MEMORY_BYTES {
            part.writer.flush()?;
        }
        if part.writer.bytes_written() + part.writer.in_progress_size() >= PART_TARGET_BYTES {
            self.close_part()?;
        }
        Ok(())
    }

    fn close_part(&mut self) -> anyhow::Result<()> {
        if let Some(part) = self.open.take() {
            let file = part.writer.into_inner()?;
            file.sync_all()?;
            let rel = format!("{}/{}", self.table.name(), part.path.file_name().and_then(|n| n.to_str()).unwrap_or_default());
            self.parts.push(PartFile { path: rel, rows: part.rows });
        }
        Ok(())
    }

    /// Closes the last part. A table with no rows still gets one (empty)
    /// part file, so that readers globbing the folder find the schema.
    pub fn finish(mut self) -> anyhow::Result<Vec<PartFile>> {
        if self.open.is_none() && self.parts.is_empty() {
            self.open_part()?;
        }
        self.close_part()?;
        Ok(self.parts)
    }
}
