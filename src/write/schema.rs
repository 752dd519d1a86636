//! The output tables' schemas, read from `schemas/*.json`: those files are
//! the single written-down truth, compiled into the binary, and every batch
//! is checked against them when it is built.

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::HashMap;
use std::ops::{Index, IndexMut};
use std::sync::{Arc, OnceLock};

/// Parquet key-value metadata keys written in every part file.
pub const SCHEMA_VERSION_KEY: &str = "newsmill.schema_version";
pub const TABLE_KEY: &str = "newsmill.table";

/// The tables newsmill writes. Adding one takes a variant here (in `ALL`,
/// `name`, `spec_json`), its `schemas/<table>.json`, its rows in
/// [`super::rows`] and its line in [`crate::write::Counts::rows_mut`]: every
/// other place (sinks, part files, carry-over, commit, upload, links, card)
/// goes through [`Table::ALL`] and [`PerTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Documents,
    Paragraphs,
    Quotes,
    People,
}

impl Table {
    pub const COUNT: usize = 4;
    pub const ALL: [Table; Table::COUNT] = [Table::Documents, Table::Paragraphs, Table::Quotes, Table::People];

    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Paragraphs => "paragraphs",
            Table::Quotes => "quotes",
            Table::People => "people",
        }
    }

    /// The JSON description of the table, as shipped in `schemas/`.
    pub fn spec_json(self) -> &'static str {
        match self {
            Table::Documents => include_str!("../../schemas/documents.json"),
            Table::Paragraphs => include_str!("../../schemas/paragraphs.json"),
            Table::Quotes => include_str!("../../schemas/quotes.json"),
            Table::People => include_str!("../../schemas/people.json"),
        }
    }

    pub fn spec(self) -> &'static TableSpec {
        static SPECS: OnceLock<PerTable<TableSpec>> = OnceLock::new();
        let specs = SPECS.get_or_init(|| {
            PerTable::from_fn(|t| {
                serde_json::from_str(t.spec_json())
                    .unwrap_or_else(|e| panic!("schemas/{}.json is invalid: {e}", t.name()))
            })
        });
        &specs[self]
    }

    /// The Arrow schema of the table, with the schema version in its
    /// metadata; built once, shared by every batch.
    pub fn arrow_schema(self) -> SchemaRef {
        static SCHEMAS: OnceLock<PerTable<SchemaRef>> = OnceLock::new();
        SCHEMAS.get_or_init(|| PerTable::from_fn(Table::build_arrow_schema))[self].clone()
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

/// One value for each table, in [`Table::ALL`] order: its part files, its
/// rows, its batch. Serialized as a map from table name to value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PerTable<T>([T; Table::COUNT]);

impl<T> PerTable<T> {
    pub fn from_fn(f: impl FnMut(Table) -> T) -> PerTable<T> {
        PerTable(Table::ALL.map(f))
    }

    /// One value per table, or the first error.
    pub fn try_from_fn<E>(mut f: impl FnMut(Table) -> Result<T, E>) -> Result<PerTable<T>, E> {
        let mut values = Vec::with_capacity(Table::COUNT);
        for table in Table::ALL {
            values.push(f(table)?);
        }
        match values.try_into() {
            Ok(values) => Ok(PerTable(values)),
            Err(_) => unreachable!("one value per table"),
        }
    }

    /// Each table with its value, in [`Table::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Table, &T)> {
        Table::ALL.into_iter().zip(&self.0)
    }

    /// Each value passed through `f`, or the first error.
    pub fn try_map<U, E>(self, mut f: impl FnMut(Table, T) -> Result<U, E>) -> Result<PerTable<U>, E> {
        let mut values = self.0.into_iter();
        PerTable::try_from_fn(|table| match values.next() {
            Some(value) => f(table, value),
            None => unreachable!("one value per table"),
        })
    }
}

impl<T> Index<Table> for PerTable<T> {
    type Output = T;

    fn index(&self, table: Table) -> &T {
        &self.0[table as usize]
    }
}

impl<T> IndexMut<Table> for PerTable<T> {
    fn index_mut(&mut self, table: Table) -> &mut T {
        &mut self.0[table as usize]
    }
}

impl<'a, T> IntoIterator for &'a PerTable<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for PerTable<T> {
    type Item = T;
    type IntoIter = std::array::IntoIter<T, { Table::COUNT }>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T: Serialize> Serialize for PerTable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(table, value)| (table.name(), value)))
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
    Float64,
    TimestampUsUtc,
    Date,
    #[serde(rename = "list<string>")]
    StringList,
}

impl ColumnType {
    /// The name used in `schemas/*.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Int32 => "int32",
            ColumnType::Int64 => "int64",
            ColumnType::Float64 => "float64",
            ColumnType::TimestampUsUtc => "timestamp_us_utc",
            ColumnType::Date => "date",
            ColumnType::StringList => "list<string>",
        }
    }

    pub fn data_type(self) -> DataType {
        match self {
            ColumnType::String => DataType::Utf8,
            ColumnType::Int32 => DataType::Int32,
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Float64 => DataType::Float64,
            ColumnType::TimestampUsUtc => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            ColumnType::Date => DataType::Date32,
            ColumnType::StringList => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, false))),
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

    #[test]
    fn per_table_values_serialize_by_table_name_in_table_order() {
        let rows = PerTable::from_fn(|t| t.name().len());
        assert_eq!(rows[Table::Paragraphs], 10);
        assert_eq!(serde_json::to_string(&rows).unwrap(), r#"{"documents":9,"paragraphs":10,"quotes":6,"people":6}"#);
        let failed = rows.clone().try_map(|t, n| if t == Table::Quotes { Err(n) } else { Ok(n) });
        assert_eq!(failed, Err(6));
        assert_eq!(rows.into_iter().sum::<usize>(), 31);
    }
}
