//! Helpers for the integration tests: run a build, read the tables back.

#![allow(dead_code)] // each test binary uses its own subset

pub mod hostile;

use arrow_array::{Array, RecordBatch};
use newsmill::dataset::manifest::Manifest;
use newsmill::dataset::{build, BuildOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A folder of the shared development corpus, `../shared/corpus/<path>`
/// beside the checkout, or `None` when it is absent (a fresh machine). The
/// skip is written to the terminal, past the test harness's capture, so it
/// shows in `cargo test`'s output.
pub fn shared_corpus(path: &str, test: &str) -> Option<PathBuf> {
    use std::io::Write;
    let dir = repo("../shared/corpus").join(path);
    if dir.is_dir() {
        return Some(dir);
    }
    let _ = writeln!(std::io::stderr(), "{test}: skipped, {} is absent", dir.display());
    None
}

pub fn run_build(inputs: &[PathBuf], out: &Path, threads: usize) -> Manifest {
    let opts = BuildOptions { threads, overwrite: true, ..BuildOptions::new(inputs.to_vec(), out.to_path_buf()) };
    build(&opts).expect("build succeeds")
}

/// All batches of a table, part files in name order.
pub fn read_table(out: &Path, table: &str) -> Vec<RecordBatch> {
    let mut parts: Vec<PathBuf> = std::fs::read_dir(out.join(table))
        .expect("table folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    parts.sort();
    parts
        .iter()
        .flat_map(|p| {
            let file = std::fs::File::open(p).expect("part file");
            ParquetRecordBatchReaderBuilder::try_new(file)
                .expect("parquet")
                .build()
                .expect("reader")
                .map(|b| b.expect("batch"))
        })
        .collect()
}

/// One row of a table as column name → value rendered as a string (None for null).
pub type Row = std::collections::BTreeMap<String, Option<String>>;

pub fn rows(out: &Path, table: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for batch in read_table(out, table) {
        let schema = batch.schema();
        for i in 0..batch.num_rows() {
            let mut row = Row::new();
            for (field, column) in schema.fields().iter().zip(batch.columns()) {
                let value = (!column.is_null(i)).then(|| render(column.as_ref(), i));
                row.insert(field.name().clone(), value);
            }
            rows.push(row);
        }
    }
    rows
}

fn render(column: &dyn Array, i: usize) -> String {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int32Type, Int64Type, TimestampMicrosecondType};
    use arrow_schema::DataType;
    match column.data_type() {
        DataType::Utf8 => column.as_string::<i32>().value(i).to_string(),
        DataType::Int32 => column.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::Timestamp(_, _) => column.as_primitive::<TimestampMicrosecondType>().value(i).to_string(),
        DataType::Float64 => column.as_primitive::<Float64Type>().value(i).to_string(),
        // A day as ISO 8601 (`2024-03-05`).
        DataType::Date32 => {
            let days = column.as_primitive::<Date32Type>().value(i);
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
            (epoch + chrono::Duration::days(i64::from(days))).to_string()
        }
        // A list of strings as a JSON array.
        DataType::List(_) => {
            let items = column.as_list::<i32>().value(i);
            let strings: Vec<&str> = items.as_string::<i32>().iter().flatten().collect();
            serde_json::to_string(&strings).expect("json")
        }
        other => panic!("unexpected column type {other}"),
    }
}

pub fn get<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    row.get(column).unwrap_or_else(|| panic!("no column {column}")).as_deref()
}

pub fn rejects(out: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(out.join("rejects.csv")).expect("rejects.csv");
    reader.records().map(|r| r.expect("csv row")).collect()
}
