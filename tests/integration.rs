//! The integration tests, one module per file beside this one, built as one
//! test binary: `make test` builds the tests with the release profile, whose
//! thin LTO re-optimises every dependency into each test binary, so one
//! binary instead of one per file saves most of the build (Cargo.toml sets
//! `autotests = false`). A test file this list lacks fails
//! `every_test_file_is_built`.
//!
//! Each file keeps its own `mod common;`, as a test crate of its own would:
//! the helpers are compiled once per file, which costs little.
#![allow(clippy::duplicate_mod)]

#[path = "bad_input.rs"]
mod bad_input;
#[path = "build_dataset.rs"]
mod build_dataset;
#[path = "cli.rs"]
mod cli;
#[path = "crash.rs"]
mod crash;
#[path = "hostile_input.rs"]
mod hostile_input;
#[path = "hostile_read.rs"]
mod hostile_read;
#[path = "incremental.rs"]
mod incremental;
#[path = "lifecycle.rs"]
mod lifecycle;
#[path = "report.rs"]
mod report;
#[path = "s3.rs"]
mod s3;
#[path = "schema_drift.rs"]
mod schema_drift;
#[path = "seed_people.rs"]
mod seed_people;
#[path = "shards.rs"]
mod shards;
#[path = "warc_reader.rs"]
mod warc_reader;

#[test]
fn every_test_file_is_built() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let listed = include_str!("integration.rs");
    for entry in std::fs::read_dir(&tests).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "integration") {
            assert!(listed.contains(&format!("mod {module};")), "tests/{name} is not a module of tests/integration.rs");
        }
    }
}
