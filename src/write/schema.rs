//! The output tables' schemas, read from `schemas/*.json`: those files are
//! the single written-down truth, compiled into the binary, and every batch
//! is checked against them when it is built.

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Parquet key-value metadata keys written in every part file.
pub const SCHEMA_VERSION_KEY: &str = "newsmill.schema_version";
pub const TABLE_KEY: &str = "newsmill.table";

/// The three tables newsmill writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Documents,
    Paragraphs,
    Quotes,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Documents, Table::Paragraphs, Table::Quotes];

    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Paragraphs => "paragraphs",
            Table::Quotes => "quotes",
        }
    }

    /// The JSON description of the table, as shipped in `schemas/`.
    pub fn spec_json(self) -> &'static str {
        match self {
            Table::Documents => include_str!("../../schemas/documents.json"),
            Table::Paragraphs => include_str!("../../schemas/paragraphs.json"),
            Table::Quotes => include_str!("../../schemas/quotes.json"),
        }
    }

    pub fn spec(self) -> &'static TableSpec {
        static SPECS: OnceLock<[TableSpec; 3]> = OnceLock::new();
        let specs = SPECS.get_or_init(|| {
            Table::ALL.map(|t| {
                serde_json::from_str(t.spec_json())
                    .unwrap_or_else(|e| panic!("schemas/{}.json is invalid: {e}", t.name()))
            })
        });
        &specs[self as usize]
    }

    /// The Arrow schema of the table, with the schema version in its
    /// metadata; built once, shared by every batch.
    pub fn arrow_schema(self) -> SchemaRef {
        static SCHEMAS: OnceLock<[SchemaRef; 3]> = OnceLock::new();
        SCHEMAS.get_or_init(|| Table::ALL.map(Table::build_arrow_schema))[self as usize].clone()
    }

    fn build_arrow_schema(self) -> SchemaRef {
        let spec = self.spec();
        let fields: Vec<Field> =
            spec.columns.iter().map(|c| Field::new(&c.name, c.kind.data_type(), c.nullable)).collect();
        let metadata = HashMap::from([
            (SCHEMA_VERSION_KEY.to_string(), spec.version.to_string()),
            (TABLE_KEY.to_string(), spec.table.clone()),
        ]);
        Arc::new(Schema::new_with_metadata(fields, metadata))
    }
}

/// A table as described in `schemas/<table>.json`.
#[derive(Debug, Deserialize)]
pub struct TableSpec {
    pub table: String,
    pub version: u32,
    pub description: String,
    pub columns: Vec<ColumnSpec>,
}

#[derive(Debug, Deserialize)]
pub struct ColumnSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    pub nullable: bool,
    pub description: String,
}

/// Column types, limited to what DuckDB, pandas and Spark all read cleanly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    String,
    Int32,
    Int64,
    TimestampUsUtc,
}

impl ColumnType {
    /// The name used in `schemas/*.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Int32 => "int32",
            ColumnType::Int64 => "int64",
            ColumnType::TimestampUsUtc => "timestamp_us_utc",
        }
    }

    pub fn data_type(self) -> DataType {
        match self {
            ColumnType::String => DataType::Utf8,
            ColumnType::Int32 => DataType::Int32,
            ColumnType::Int64 => DataType::Int64,
            ColumnType::TimestampUsUtc => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_parses_and_documents_every_column() {
        for table in Table::ALL {
            let spec = table.spec();
            assert_eq!(spec.table, table.name());
            assert!(!spec.columns.is_empty());
            for c in &spec.columns {
                assert!(c.description.len() > 10, "{}.{} lacks a description", spec.table, c.name);
            }
            assert_eq!(table.arrow_schema().metadata()[SCHEMA_VERSION_KEY], spec.version.to_string());
        }
    }
}
