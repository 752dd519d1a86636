//! The Parquet files newsmill writes must match `schemas/*.json`, read here
//! independently of the library's own schema code.

mod common;

use arrow_schema::{DataType, TimeUnit};
use common::{repo, run_build};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::reader::{FileReader, SerializedFileReader};

fn expected_type(name: &str) -> DataType {
    match name {
        "string" => DataType::Utf8,
        "int32" => DataType::Int32,
        "int64" => DataType::Int64,
        "float64" => DataType::Float64,
        "timestamp_us_utc" => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        "date" => DataType::Date32,
        "list<string>" => DataType::List(std::sync::Arc::new(arrow_schema::Field::new("item", DataType::Utf8, false))),
        other => panic!("schemas/ uses an undocumented type {other}"),
    }
}

#[test]
fn written_parquet_matches_the_schema_files() {
    let out = tempfile::tempdir().unwrap();
    run_build(&[repo("data/text")], out.path(), 1);
    for table in ["documents", "paragraphs", "quotes", "people"] {
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(repo(&format!("schemas/{table}.json"))).unwrap()).unwrap();
        let part = out.path().join(table).join("part-000001-00000.parquet");
        let file = std::fs::File::open(&part).unwrap();
        let schema = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().schema().clone();
        let columns = spec["columns"].as_array().unwrap();
        assert_eq!(schema.fields().len(), columns.len(), "{table}: column count drifted from schemas/{table}.json");
        for (field, column) in schema.fields().iter().zip(columns) {
            assert_eq!(field.name(), column["name"].as_str().unwrap(), "{table}: column order/name drifted");
            assert_eq!(field.data_type(), &expected_type(column["type"].as_str().unwrap()), "{table}.{}", field.name());
            assert_eq!(
                field.is_nullable(),
                column["nullable"].as_bool().unwrap(),
                "{table}.{} nullability",
                field.name()
            );
        }
        let reader = SerializedFileReader::new(std::fs::File::open(&part).unwrap()).unwrap();
        let kv = reader.metadata().file_metadata().key_value_metadata().cloned().unwrap_or_default();
        let version = kv.iter().find(|k| k.key == "newsmill.schema_version").and_then(|k| k.value.clone());
        assert_eq!(version, Some(spec["version"].to_string()), "{table}: schema version missing from Parquet metadata");
        // A published table folder holds finished part files and nothing else.
        for entry in std::fs::read_dir(out.path().join(table)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(name.starts_with("part-") && name.ends_with(".parquet"), "{table}/{name} left behind");
        }
    }
}
