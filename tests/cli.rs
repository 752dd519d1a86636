//! The binary as a scheduler sees it: exit codes, JSON logs, help.

use std::path::Path;
use std::process::{Command, Output};

fn newsmill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsmill")).args(args).output().expect("run newsmill")
}

fn page(dir: &Path) -> String {
    let path = dir.join("page.html");
    std::fs::write(&path, "<html><body><article><p>The harbour reopened on Monday after a week of storms closed it to all ships.</p></article></body></html>").unwrap();
    path.display().to_string()
}

#[test]
fn help_teaches_inputs_tables_and_exit_codes() {
    let out = newsmill(&["build", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in
        ["WARC", "JSONL", "paragraphs/*.parquet", "rejects.csv", "_manifest.json", "EXIT CODES", "--max-reject-rate"]
    {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn missing_input_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsmill(&["build", "/nonexistent/crawl", "--out", &dir.path().join("o").display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot read input /nonexistent/crawl"), "{err}");
}

#[test]
fn existing_dataset_needs_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let input = page(dir.path());
    let out_dir = dir.path().join("o").display().to_string();
    assert_eq!(newsmill(&["build", &input, "--out", &out_dir, "--progress", "never"]).status.code(), Some(0));
    let again = newsmill(&["build", &input, "--out", &out_dir, "--progress", "never"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8(again.stderr).unwrap().contains("--overwrite"));
    assert_eq!(
        newsmill(&["build", &input, "--out", &out_dir, "--overwrite", "--progress", "never"]).status.code(),
        Some(0)
    );
}

#[test]
fn too_many_rejects_exit_3_with_the_dataset_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = page(dir.path());
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, b"").unwrap();
    let out_dir = dir.path().join("o");
    let args =
        ["build", &good, &empty.display().to_string(), "--out", &out_dir.display().to_string(), "--progress", "never"];
    let strict = newsmill(&[&args[..], &["--max-reject-rate", "0.1", "--log-format", "json"]].concat());
    assert_eq!(strict.status.code(), Some(3));
    assert!(out_dir.join("_manifest.json").exists());
    let stderr = String::from_utf8(strict.stderr).unwrap();
    let last: serde_json::Value = serde_json::from_str(stderr.lines().last().unwrap()).unwrap();
    assert_eq!(last["event"], "finished");
    assert_eq!(last["exit_code"], 3);
    assert_eq!(last["counts"]["rejected"], 1);
    assert_eq!(last["reject_rate"], 0.5);
    let lenient = newsmill(&[&args[..], &["--max-reject-rate", "0.5", "--overwrite"]].concat());
    assert_eq!(lenient.status.code(), Some(0));
}

#[test]
fn bad_rate_is_refused_by_the_parser() {
    let out = newsmill(&["build", "x", "--out", "y", "--max-reject-rate", "5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("between 0 and 1"));
}

#[test]
fn explain_shows_metadata_and_every_decision() {
    let page = concat!(env!("CARGO_MANIFEST_DIR"), "/data/html/ars-1.html");
    let out = newsmill(&["explain", page]);
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("title      Just-released Minecraft exploit makes it easy to crash game servers"),
        "{report}"
    );
    assert!(report.contains("byline     Dan Goodin"));
    assert!(report.contains("<a.screen-reader-text.skip-link> \"Skip to main content\""), "{report}");
    assert!(report.lines().any(|l| l.starts_with("keep") && l.contains("A flaw in the wildly popular online game")));
    assert_eq!(newsmill(&["explain", "/nonexistent.html"]).status.code(), Some(2));
}

#[test]
fn out_naming_a_file_is_a_usage_error_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let input = page(dir.path());
    let file = dir.path().join("taken");
    std::fs::write(&file, "not a dataset").unwrap();
    let out = newsmill(&["build", &input, "--out", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("is a file; name a folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a dataset");
}

#[test]
fn negative_threads_say_which_values_are_valid() {
    let out = newsmill(&["build", "x", "--out", "y", "--threads", "-1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("give a whole number from 1 to 65535"), "{err}");
    assert!(!err.contains("-- -1"), "{err}");
}

#[test]
fn explain_picks_a_warc_record_by_offset_url_or_id() {
    let warc = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample.warc.gz");
    let title = |key: &str| {
        let out = newsmill(&["explain", warc, "--record", key]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let report = String::from_utf8(out.stdout).unwrap();
        report.lines().find_map(|l| l.strip_prefix("title      ")).unwrap().to_string()
    };
    let sudan = "United States to Lift Sudan Sanctions";
    assert_eq!(title("110606"), sudan);
    assert_eq!(title("https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html"), sudan);
    assert_eq!(title("<urn:uuid:f3b02ad7-156f-54e4-bec0-2a08dc53dccc>"), sudan);
    assert_ne!(title("538"), sudan);
    let missing = newsmill(&["explain", warc, "--record", "5"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8(missing.stderr).unwrap().contains("holds no page whose record_offset, url or record_id"));
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("_manifest.json")).unwrap()).unwrap()
}

#[test]
fn limit_reads_the_first_records_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    // A relative input (tests run in the package folder): the ledger keys
    // inputs by canonical path, the manifest by the path as typed.
    let data = "data";
    assert!(std::path::Path::new(data).join("sample.warc.gz").exists(), "tests run in the package folder");
    let run = newsmill(&["build", data, "--out", &out.display().to_string(), "--limit", "10"]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("newsmill: 10 records from"), "{stderr}");
    assert!(stderr.contains("--limit 10: the run stopped after the first 10 records"), "{stderr}");
    let m = manifest(&out);
    let c = &m["counts"];
    assert_eq!(c["records_seen"], 10);
    let parts = ["documents", "skipped", "rejected"].map(|k| c[k].as_u64().unwrap());
    assert_eq!(parts.iter().sum::<u64>(), 10);
    assert_eq!((m["run"]["limit"].as_u64(), m["run"]["limited"].as_bool()), (Some(10), Some(true)));
    // The inputs read whole are in the ledger as read; the one cut short is
    // marked so, so that --incremental reads it again.
    let ledger: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("_ledger.json")).unwrap()).unwrap();
    let entries = ledger["inputs"].as_object().unwrap();
    let cut: Vec<&String> = entries.iter().filter(|(_, e)| e["hash"] == "cut-short").map(|(k, _)| k).collect();
    assert_eq!(entries.len() - cut.len(), m["inputs"].as_array().unwrap().len());
    assert!(cut.iter().any(|p| p.ends_with("sample.warc.gz")), "{cut:?}");
    assert!(std::fs::read_to_string(out.join("README.md")).unwrap().contains("stopped after the first 10 records"));
    let conflict = newsmill(&["build", data, "--out", &out.display().to_string(), "--limit", "5", "--incremental"]);
    assert_eq!(conflict.status.code(), Some(2));
}

#[test]
fn manifest_stage_times_are_cpu_seconds_with_wall_spans() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let warc = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample.warc.gz");
    assert_eq!(newsmill(&["build", warc, "--out", &out.display().to_string()]).status.code(), Some(0));
    let m = manifest(&out);
    assert!(m.get("stage_secs").is_none(), "the old unlabelled name is gone");
    let cpu = &m["stage_cpu_secs"];
    assert!(cpu["extract"].as_f64().unwrap() > 0.0 && cpu["segment"].as_f64().unwrap() > 0.0, "{cpu}");
    let wall = &m["stage_wall_secs"];
    let duration = m["duration_secs"].as_f64().unwrap();
    for stage in ["read", "transform", "write"] {
        let secs = wall[stage].as_f64().unwrap();
        assert!(secs > 0.0 && secs <= duration, "{stage}: {secs} of {duration}");
    }
}

#[test]
fn progress_always_logs_at_once_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = page(dir.path());
    let out_dir = dir.path().join("o").display().to_string();
    let first_line = |mode: &str| {
        let run = newsmill(&["build", &input, "--out", &out_dir, "--overwrite", "--progress", mode]);
        assert_eq!(run.status.code(), Some(0));
        let stderr = String::from_utf8(run.stderr).unwrap();
        stderr.lines().next().unwrap_or_default().to_string()
    };
    // The form of auto's lines, which come every 10 s; this run is over long before.
    assert_eq!(first_line("always"), "newsmill: 0 records, 0.0 of 0.0 MB read (0 records/s)");
    assert!(first_line("auto").starts_with("newsmill: 1 records from 1 inputs"));
}

#[test]
fn the_readme_tells_a_new_user_where_the_binary_is_and_what_set_up_costs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for needle in [
        "make install",
        "target/release/newsmill",
        "from crates.io",
        "from PyPI",
        "What it costs: `make dataset` then `make test`",
        r#"dtype_backend="pyarrow""#,
        "never `**` over the dataset",
    ] {
        assert!(readme.contains(needle), "README.md lacks {needle:?}");
    }
    let makefile = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Makefile")).unwrap();
    assert!(makefile.contains("install:\n\t$(CARGO) install --path . --locked"), "make install");
    assert!(makefile.contains("$(CARGO) test --release --locked"), "make test reuses the release build");
}
