//! [`ParquetSink`]: one table's part files, zstd-compressed, written into the
//! run's version folder (which hides them from readers until the run is
//! published, see [`crate::dataset::store`]); and the part file operations
//! carry-over and commit build on: list, read, rewrite, transfer.

use super::schema::{Table, SCHEMA_VERSION_KEY, TABLE_KEY};
use crate::dataset::layout;
use crate::storage::local::link_or_copy;
use anyhow::Context;
use arrow_array::{Array, BooleanArray, RecordBatch, StringArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use std::fs::File;
use std::path::{Path, PathBuf};

/// A part file grows until about this many bytes, then the next one starts.
const PART_TARGET_BYTES: usize = 256 * 1024 * 1024;
/// A table's in-progress row group (encoded pages and the buffers behind
/// them) is flushed past this much memory: the three tables' writers together
/// then hold at most about three times this, whatever the input size. 16 MiB
/// rather than 32: peak RSS on a 2 GB WARC 247 MB instead of 279-284, files
/// 0.4% larger.
const ROW_GROUP_MEMORY_BYTES: usize = 16 * 1024 * 1024;
/// zstd level, by measurement on the 794 corpus pages' tables (20.3 MB
/// encoded): level 1 writes 8.15 MB in about 40% of level 3's compression
/// time (7.34 MB, 11% smaller; level 2: 7.68 MB, 70% of the time). One
/// writer thread compresses for all workers, so its time bounds how far a
/// run scales with threads: level 1.
const ZSTD_LEVEL: i32 = 1;

/// A finished part file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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

/// Writes one table's batches into numbered part files in `DIR/<table>/`,
/// named `<prefix>-<n>.parquet`: the prefix names the run (`part-000002`)
/// so that the part files of every run of an incremental dataset can live
/// side by side, or the shard (`part-s0003`).
pub struct ParquetSink {
    table: Table,
    dir: PathBuf,
    prefix: String,
    props: WriterProperties,
    open: Option<OpenPart>,
    parts: Vec<PartFile>,
}

/// Columns of `table` whose values seldom repeat (texts, ids, URLs): the
/// writer would hash each value into a dictionary only to fall back to plain
/// encoding once the dictionary page is full.
fn unique_columns(table: Table) -> &'static [&'static str] {
    match table {
        Table::Documents => &["doc_id", "record_id", "url", "title", "text"],
        Table::Paragraphs | Table::Quotes => &["text"],
        // Names repeat across documents: the dictionary pays.
        Table::People => &[],
    }
}

/// The writer settings of every part file of `table`.
fn writer_properties(table: Table) -> anyhow::Result<WriterProperties> {
    let builder = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
        .set_created_by(format!("newsmill {}", env!("CARGO_PKG_VERSION")))
        .set_key_value_metadata(Some(vec![
            KeyValue::new(SCHEMA_VERSION_KEY.to_string(), table.spec().version.to_string()),
            KeyValue::new(TABLE_KEY.to_string(), table.name().to_string()),
        ]));
    let builder = unique_columns(table)
        .iter()
        .fold(builder, |b, &column| b.set_column_dictionary_enabled(ColumnPath::from(column), false));
    Ok(builder.build())
}

/// A string column of a part file's batch, by name.
pub fn string_column<'a>(batch: &'a RecordBatch, name: &str) -> anyhow::Result<&'a StringArray> {
    batch.column_by_name(name).and_then(|c| c.as_any().downcast_ref::<StringArray>()).with_context(|| {
        format!("a part file has no string column {name:?}; was it written by another newsmill version?")
    })
}

/// The rows of `batch` that `keep` selects.
pub fn filter_rows(batch: &RecordBatch, keep: &BooleanArray) -> anyhow::Result<RecordBatch> {
    Ok(arrow_select::filter::filter_record_batch(batch, keep)?)
}

/// Rows in a part file, from its footer.
pub fn part_rows(path: &Path) -> anyhow::Result<u64> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .with_context(|| format!("{} is not a readable Parquet file", path.display()))?;
    Ok(builder.metadata().file_metadata().num_rows().max(0) as u64)
}

/// The part files of `table` in a version or shard folder, in name order.
pub fn list_parts(dir: &Path, table: Table) -> anyhow::Result<Vec<PathBuf>> {
    let dir = dir.join(table.name());
    let mut parts: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(layout::is_part))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    parts.sort();
    Ok(parts)
}

/// The batches of a part file, read one at a time.
pub fn read_part(path: &Path) -> anyhow::Result<parquet::arrow::arrow_reader::ParquetRecordBatchReader> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .with_context(|| format!("{} is not a readable Parquet file", path.display()))
}

/// Copies part file `from` into `to`, each batch passed through `edit`
/// (which may drop rows or replace columns); `to` is not written when no
/// row is left. Returns the rows written.
pub fn rewrite_part(
    from: &Path,
    to: &Path,
    table: Table,
    mut edit: impl FnMut(&RecordBatch) -> anyhow::Result<RecordBatch>,
) -> anyhow::Result<u64> {
    let reader = read_part(from)?;
    let mut writer: Option<ArrowWriter<File>> = None;
    let mut rows = 0u64;
    for batch in reader {
        let batch = batch.with_context(|| format!("cannot read {}", from.display()))?;
        let kept = edit(&batch)?;
        if kept.num_rows() == 0 {
            continue;
        }
        if writer.is_none() {
            let file = File::create(to).with_context(|| format!("cannot create {}", to.display()))?;
            writer = Some(ArrowWriter::try_new(file, table.arrow_schema(), Some(writer_properties(table)?))?);
        }
        if let Some(w) = writer.as_mut() {
            w.write(&kept)?;
        }
        rows += kept.num_rows() as u64;
    }
    if let Some(w) = writer {
        w.into_inner()?.sync_all()?;
    }
    Ok(rows)
}

/// A batch edit applied while a part file is copied.
pub type Edit<'a> = &'a mut dyn FnMut(&RecordBatch) -> anyhow::Result<RecordBatch>;

/// Brings the part file `from` into the folder `dir` as `<table>/<name>`:
/// linked as it is, or rewritten through `edit` when given. Returns the part
/// file, or `None` when no row is left: an emptied part is removed (the run
/// writing into `dir` adds an empty one if the table would have none).
pub fn transfer_part(
    from: &Path,
    dir: &Path,
    table: Table,
    name: &str,
    edit: Option<Edit>,
) -> anyhow::Result<Option<PartFile>> {
    let to_dir = dir.join(table.name());
    std::fs::create_dir_all(&to_dir).with_context(|| format!("cannot create {}", to_dir.display()))?;
    let to = to_dir.join(name);
    let rows = match edit {
        Some(edit) => rewrite_part(from, &to, table, edit)?,
        None => {
            link_or_copy(from, &to)?;
            part_rows(&to)?
        }
    };
    if rows > 0 {
        return Ok(Some(PartFile { path: format!("{}/{name}", table.name()), rows }));
    }
    if to.exists() {
        std::fs::remove_file(&to).with_context(|| format!("cannot remove {}", to.display()))?;
    }
    Ok(None)
}

impl ParquetSink {
    pub fn new(dataset: &Path, table: Table, prefix: &str) -> anyhow::Result<Self> {
        let dir = dataset.join(table.name());
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(ParquetSink {
            table,
            dir,
            prefix: prefix.to_string(),
            props: writer_properties(table)?,
            open: None,
            parts: Vec::new(),
        })
    }

    pub fn table(&self) -> Table {
        self.table
    }

    fn open_part(&mut self) -> anyhow::Result<&mut OpenPart> {
        if self.open.is_none() {
            let name = layout::part_name(&self.prefix, self.parts.len());
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
            let rel =
                format!("{}/{}", self.table.name(), part.path.file_name().and_then(|n| n.to_str()).unwrap_or_default());
            self.parts.push(PartFile { path: rel, rows: part.rows });
        }
        Ok(())
    }

    /// Closes the last part. A table with no rows at all (`table_empty`:
    /// nothing carried over from earlier runs either) still gets one empty
    /// part file, so that readers globbing the folder find the schema.
    pub fn finish(mut self, table_empty: bool) -> anyhow::Result<Vec<PartFile>> {
        if self.open.is_none() && self.parts.is_empty() && table_empty {
            self.open_part()?;
        }
        self.close_part()?;
        Ok(self.parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{ArrayRef, Int32Array, Int64Array};
    use parquet::basic::Encoding;
    use std::sync::Arc;

    /// Three paragraphs of the documents `doc_ids`.
    fn paragraphs(doc_ids: [&str; 3]) -> RecordBatch {
        let texts =
            ["The council voted on Tuesday.", "Residents spoke against the depot.", "A final vote is expected."];
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(doc_ids.to_vec())),
            Arc::new(Int32Array::from(vec![0, 1, 2])),
            Arc::new(StringArray::from(vec!["body"; 3])),
            Arc::new(StringArray::from(texts.to_vec())),
            Arc::new(Int64Array::from(vec![0, 31, 67])),
            Arc::new(Int64Array::from(vec![29, 65, 92])),
        ];
        RecordBatch::try_new(Table::Paragraphs.arrow_schema(), columns).unwrap()
    }

    #[test]
    fn a_part_is_linked_rewritten_or_dropped_when_emptied() {
        let (from, to) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut sink = ParquetSink::new(from.path(), Table::Paragraphs, "part-000001").unwrap();
        sink.write(&paragraphs(["a", "b", "b"])).unwrap();
        let part = from.path().join(&sink.finish(true).unwrap()[0].path);

        let linked = transfer_part(&part, to.path(), Table::Paragraphs, "part-000002-00000.parquet", None).unwrap();
        assert_eq!(linked.map(|p| (p.path, p.rows)), Some(("paragraphs/part-000002-00000.parquet".into(), 3)));
        let mut drop_b = |batch: &RecordBatch| {
            let ids = string_column(batch, "doc_id")?;
            filter_rows(batch, &(0..batch.num_rows()).map(|i| Some(ids.value(i) != "b")).collect())
        };
        let edited = transfer_part(&part, to.path(), Table::Paragraphs, "edited.parquet", Some(&mut drop_b)).unwrap();
        assert_eq!(edited.map(|p| p.rows), Some(1));
        let mut drop_all = |batch: &RecordBatch| filter_rows(batch, &vec![false; batch.num_rows()].into());
        let emptied = transfer_part(&part, to.path(), Table::Paragraphs, "empty.parquet", Some(&mut drop_all)).unwrap();
        assert!(emptied.is_none());
        assert!(!to.path().join("paragraphs/empty.parquet").exists());
    }

    #[test]
    fn unique_text_columns_are_written_without_a_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        let batch = paragraphs(["0123456789abcdef0123456789abcdef"; 3]);
        let mut sink = ParquetSink::new(dir.path(), Table::Paragraphs, "part-000001").unwrap();
        sink.write(&batch).unwrap();
        let parts = sink.finish(true).unwrap();
        let path = dir.path().join(&parts[0].path);

        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&path).unwrap()).unwrap();
        let row_group = &reader.metadata().row_groups()[0];
        let dictionary_encoded = |name: &str| {
            let column = row_group.columns().iter().find(|c| c.column_path().string() == name).unwrap();
            column.encodings().any(|e| e == Encoding::RLE_DICTIONARY || e == Encoding::PLAIN_DICTIONARY)
        };
        assert!(!dictionary_encoded("text"));
        assert!(dictionary_encoded("kind"));
        let read: Vec<RecordBatch> = reader.build().unwrap().map(|b| b.unwrap()).collect();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].columns(), batch.columns());
    }

    #[test]
    fn every_unique_column_is_a_column_of_its_table() {
        for table in Table::ALL {
            for name in unique_columns(table) {
                assert!(table.arrow_schema().field_with_name(name).is_ok(), "{} has no column {name}", table.name());
            }
        }
    }
}
