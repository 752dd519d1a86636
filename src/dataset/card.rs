//! `DIR/README.md`: the dataset card, written with every run, as dataset hubs
//! expect one: what the tables are, their columns (from `schemas/`), the
//! counts, the date range and the sources.

use super::manifest::Manifest;
use crate::reason::{RejectReason, SkipReason, RENAMED};
use crate::storage::local::write_file;
use crate::write::schema::Table;
use std::fmt::Write as _;
use std::path::Path;

/// Renders the card of a finished run.
pub fn render_card(manifest: &Manifest) -> String {
    let c = &manifest.counts;
    let mut md = String::new();
    let _ = writeln!(md, "---\npretty_name: newsmill dataset\nlanguage:");
    let languages: std::collections::BTreeSet<String> = c
        .documents_by_language
        .keys()
        .filter(|l| *l != "unknown")
        .map(|l| l.split('-').next().unwrap_or(l).to_ascii_lowercase())
        .collect();
    for language in languages {
        let _ = writeln!(md, "- {language}");
    }
    let _ = writeln!(md, "configs:");
    for table in Table::ALL {
        let _ = writeln!(md, "- config_name: {0}\n  data_files: \"{0}/*.parquet\"", table.name());
    }
    let _ = writeln!(md, "---\n\n# newsmill dataset\n");
    let _ = writeln!(
        md,
        "News pages turned into documents, their paragraphs, the quotes in them with who said them, and \
         the people each story names. Last built by newsmill {} on {} in {:.1} s.\n",
        manifest.tool_version, manifest.finished_at, manifest.duration_secs
    );
    let rows = &manifest.files.rows;
    let _ = writeln!(md, "## Counts\n\n| what | count |\n|---|---|");
    let tables = rows.tables.iter().map(|(table, n)| (table.name(), *n));
    count_rows(&mut md, &tables.chain([("records rejected (rows of rejects.csv)", rows.rejects)]).collect::<Vec<_>>());
    let _ = writeln!(
        md,
        "\nThe last run (version {}{}{}) read {} inputs{}:\n\n| what | count |\n|---|---|",
        manifest.run.version,
        if manifest.run.incremental { ", incremental" } else { "" },
        match (manifest.run.limited, manifest.run.limit) {
            (true, Some(limit)) => format!(", stopped after the first {limit} records by --limit"),
            _ => String::new(),
        },
        manifest.run.inputs_read,
        if manifest.run.incremental {
            format!(
                ", left {} unchanged and replaced the rows of {}",
                manifest.run.inputs_unchanged,
                manifest.run.inputs_replaced.len()
            )
        } else {
            String::new()
        }
    );
    count_rows(
        &mut md,
        &[
            ("input records seen", c.records_seen),
            ("documents added", c.documents),
            ("records skipped (not pages, or documents already held)", c.skipped),
            ("records rejected", c.rejected),
        ],
    );
    let range = match (&c.published_from, &c.published_to) {
        (Some(from), Some(to)) => format!("from {from} to {to}"),
        _ => "unknown (no document gives a publication date)".into(),
    };
    let _ = writeln!(md, "\nPublication dates of the documents added range {range}.\n");
    let languages: Vec<String> = c.documents_by_language.iter().map(|(l, n)| format!("{l} ({n})")).collect();
    let _ = writeln!(md, "Languages: {}.\n", languages.join(", "));
    reading(&mut md);
    for table in Table::ALL {
        let spec = table.spec();
        let _ = writeln!(
            md,
            "## `{}/` (schema version {})\n\n{}\n\n| column | type | nullable | meaning |\n|---|---|---|---|",
            spec.table, spec.version, spec.description
        );
        for col in &spec.columns {
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} |",
                col.name,
                col.kind.as_str(),
                if col.nullable { "yes" } else { "no" },
                col.description.replace('|', "\\|")
            );
        }
        let _ = writeln!(md);
    }
    reason_codes(&mut md);
    let _ = writeln!(md, "## Sources read by the last run\n\n`_ledger.json` lists every input the dataset holds.\n");
    for input in &manifest.inputs {
        let _ = writeln!(md, "- `{}` ({:?}, {} bytes)", input.path, input.kind, input.bytes);
    }
    let _ = writeln!(
        md,
        "\nOffsets (`char_start`, `char_end`, `speaker_start`, `speaker_end`) are Unicode code points into \
         `documents.text`, end exclusive. `_manifest.json` has the full run record."
    );
    md
}

/// How to load the tables: one glob per table, and pandas' nullable types.
fn reading(md: &mut String) {
    let views: Vec<String> = Table::ALL
        .iter()
        .map(|t| format!("CREATE VIEW {0} AS SELECT * FROM read_parquet('{0}/*.parquet');", t.name()))
        .collect();
    let _ = writeln!(
        md,
        "## Loading the tables\n\n`report.html` beside this card charts the dataset and its last run.\n\n\
         DuckDB, one glob per table:\n\n```sql\n{}\n```\n\n\
         Glob each table's own folder, never `**` over the whole dataset folder: DuckDB does not follow the \
         tables' links, so it reads the part files of all four tables at once from the version folders under \
         `.newsmill/` (and an unpublished version's too, while a run writes one).\n\n\
         pandas reads the nullable integer columns (`record_offset`, `person_index`, `speaker_start`...) as \
         float64 with NaN unless asked for Arrow types:\n\n```python\nimport pandas as pd\n\
         docs = pd.read_parquet(\"documents\", dtype_backend=\"pyarrow\")\n\
         quotes = pd.read_parquet(\"quotes\", dtype_backend=\"pyarrow\")\n```\n",
        views.join("\n")
    );
}

/// The reason codes of `rejects.csv` and the manifest's skips, and the codes
/// that were renamed, so that a reader of an older dataset can map them.
fn reason_codes(md: &mut String) {
    let _ = writeln!(md, "## Reason codes\n\nThe `reason` of a row of `rejects.csv`:\n\n| code | meaning |\n|---|---|");
    for reason in RejectReason::ALL {
        let _ = writeln!(md, "| `{reason}` | {} |", reason.meaning());
    }
    let _ = writeln!(
        md,
        "\nWhy records were skipped (`skipped_by_reason` in `_manifest.json`):\n\n| code | meaning |\n|---|---|"
    );
    for reason in SkipReason::ALL {
        let _ = writeln!(md, "| `{reason}` | {} |", reason.meaning());
    }
    let renamed: Vec<String> = RENAMED.iter().map(|(old, new)| format!("`{old}` → `{new}`")).collect();
    let _ = writeln!(
        md,
        "\nRenamed codes (datasets of older newsmill versions hold the old ones): {}.\n",
        renamed.join(", ")
    );
}

/// Rows of a two-column `| what | count |` table.
fn count_rows(md: &mut String, rows: &[(&str, u64)]) {
    for (what, n) in rows {
        let _ = writeln!(md, "| {what} | {n} |");
    }
}

/// Writes the card into `dir` (the run's staging folder).
pub fn write_card(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    write_file(&dir.join(super::layout::CARD), render_card(manifest).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_shows_per_table_globs_and_pyarrow_types() {
        let mut md = String::new();
        reading(&mut md);
        assert!(md.contains("CREATE VIEW people AS SELECT * FROM read_parquet('people/*.parquet');"), "{md}");
        assert!(md.contains("never `**` over the whole dataset folder") && md.contains("`.newsmill/`"), "{md}");
        assert!(md.contains(r#"pd.read_parquet("documents", dtype_backend="pyarrow")"#), "{md}");
    }

    #[test]
    fn the_card_lists_every_code_and_each_rename() {
        let mut md = String::new();
        reason_codes(&mut md);
        assert!(md.contains("| `no_text` | no article text was found in the page |"), "{md}");
        assert!(md.contains("| `duplicate` |"), "{md}");
        assert!(md.contains("`corrupt_gzip` → `gzip_corrupt`, `io_error` → `read_error`"), "{md}");
        assert_eq!(md.matches("\n| `").count(), RejectReason::ALL.len() + SkipReason::ALL.len());
    }
}
