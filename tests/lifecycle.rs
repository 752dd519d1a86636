//! The dataset's life under a hostile night: a lost `current` link, damaged
//! state files, inputs named three ways, signals, a second runner in another
//! PID namespace, broken links in input folders. Every test runs the binary
//! and checks the rows that come out: one document per page, no doc_id
//! twice, and counts that reconcile.

mod common;

use common::{get, rejects, rows};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newsmill(inputs: &[&Path], out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsmill"));
    cmd.arg("build").args(inputs).arg("--out").arg(out).args(["--threads", "2", "--progress", "never"]).args(extra);
    cmd.stdin(Stdio::null());
    cmd
}

/// Runs newsmill to its end: (exit code, standard error).
fn run(inputs: &[&Path], out: &Path, extra: &[&str]) -> (i32, String) {
    let Output { status, stderr, .. } = newsmill(inputs, out, extra).output().expect("run newsmill");
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&stderr).into_owned())
}

/// A page with its own words, so that no two pages are near-copies.
fn page(n: usize) -> String {
    let words =
        ["harbour", "council", "budget", "river", "school", "market", "bridge", "festival", "station", "library"];
    let topic = |i: usize| words[(n / 10usize.pow(i as u32)) % 10];
    format!(
        "<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>\
         <p>The {} committee met on Tuesday to discuss the {} plan number {n}, which has divided residents for months.</p>\
         <p>Officials said the {} proposal would be revised before the vote, and the {} report is due next week.</p>\
         </article></body></html>",
        topic(0),
        topic(1),
        topic(2),
        topic(3)
    )
}

/// Writes pages `range` into `dir` as `story-<n>.html`.
fn write_pages(dir: &Path, range: std::ops::Range<usize>) {
    std::fs::create_dir_all(dir).unwrap();
    for n in range {
        std::fs::write(dir.join(format!("story-{n:04}.html")), page(n)).unwrap();
    }
}

/// The dataset as published, checked: no doc_id twice, and the manifest's
/// counts reconcile. Returns the titles of its documents, sorted.
fn titles(out: &Path) -> Vec<String> {
    let docs = rows(out, "documents");
    let ids: BTreeSet<&str> = docs.iter().map(|d| get(d, "doc_id").unwrap()).collect();
    assert_eq!(ids.len(), docs.len(), "a doc_id appears twice");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("_manifest.json")).unwrap()).unwrap();
    let c = &manifest["counts"];
    let seen = c["records_seen"].as_u64().unwrap();
    assert_eq!(
        seen,
        c["documents"].as_u64().unwrap() + c["skipped"].as_u64().unwrap() + c["rejected"].as_u64().unwrap()
    );
    assert_eq!(manifest["files"]["rows"]["documents"].as_u64().unwrap(), docs.len() as u64);
    let mut titles: Vec<String> = docs.iter().map(|d| get(d, "title").unwrap_or("").to_string()).collect();
    titles.sort();
    titles
}

fn story_titles(range: std::ops::Range<usize>) -> Vec<String> {
    let mut titles: Vec<String> = range.map(|n| format!("Story {n}")).collect();
    titles.sort();
    titles
}

fn version_folders(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.join(".newsmill"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('v'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_lost_or_dangling_current_link_never_deletes_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, out) = (dir.path().join("crawl"), dir.path().join("out"));
    write_pages(&crawl, 0..30);
    assert_eq!(run(&[&crawl], &out, &[]).0, 0);
    assert_eq!(titles(&out), story_titles(0..30));

    // current is gone: a plain build must not take the folder for empty.
    std::fs::remove_file(out.join(".newsmill/current")).unwrap();
    write_pages(&crawl, 30..31);
    let (code, err) = run(&[&crawl], &out, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("current is missing") && err.contains("already holds a dataset"), "{err}");
    assert_eq!(titles(&out), story_titles(0..30), "the dataset is published again, whole");

    // current points at a version that is gone.
    std::os::unix::fs::symlink("v000009", out.join(".newsmill/current.tmp")).unwrap();
    std::fs::rename(out.join(".newsmill/current.tmp"), out.join(".newsmill/current")).unwrap();
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("which is gone"), "{err}");
    assert_eq!(titles(&out), story_titles(0..31), "the new page is added to the recovered version");
    assert_eq!(version_folders(&out), ["v000002"]);
}

/// The manifest of the published version.
fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("_manifest.json")).unwrap()).unwrap()
}

/// Flips one byte in the middle of a file.
fn flip_a_byte(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_missing_or_damaged_ledger_stops_the_run_before_it_changes_anything() {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, out) = (dir.path().join("crawl"), dir.path().join("out"));
    write_pages(&crawl, 0..20);
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    // Night two: a page is corrected and a new one arrives.
    std::fs::write(crawl.join("story-0005.html"), page(5).replace("Story 5", "Story 5, corrected")).unwrap();
    write_pages(&crawl, 20..21);
    let ledger = out.join(".newsmill/v000001/_ledger.json");
    let kept = std::fs::read(&ledger).unwrap();
    for (damage, says) in [("deleted", "is missing"), ("flipped", "is damaged")] {
        if damage == "deleted" {
            std::fs::remove_file(&ledger).unwrap();
        } else {
            std::fs::write(&ledger, &kept).unwrap();
            flip_a_byte(&ledger);
        }
        let (code, err) = run(&[&crawl], &out, &["--incremental"]);
        assert_eq!(code, 1, "{damage}: {err}");
        assert!(err.contains("_ledger.json") && err.contains(says) && err.contains("--overwrite"), "{damage}: {err}");
        assert_eq!(titles(&out), story_titles(0..20), "{damage}: the dataset is left as it was");
        assert_eq!(version_folders(&out), ["v000001"], "{damage}: nothing is left behind");
        assert!(!out.join(".newsmill.lock").exists(), "{damage}: the lock is released");
    }
    std::fs::write(&ledger, &kept).unwrap();
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    let mut expected = story_titles(0..21);
    expected.retain(|t| t != "Story 5");
    expected.push("Story 5, corrected".into());
    expected.sort();
    assert_eq!(titles(&out), expected, "the changed page is replaced, never doubled");
}

#[test]
fn a_missing_or_damaged_dedup_index_is_rebuilt_and_no_document_comes_in_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, out) = (dir.path().join("crawl"), dir.path().join("out"));
    write_pages(&crawl, 0..20);
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    for (night, damage) in ["deleted", "flipped"].into_iter().enumerate() {
        let index = out.join(format!(".newsmill/v{:06}/_dedup.bin", night + 1));
        if damage == "deleted" {
            std::fs::remove_file(&index).unwrap();
        } else {
            flip_a_byte(&index);
        }
        // The same page fetched again into another folder: the same doc_id.
        let again = dir.path().join(format!("again-{night}"));
        std::fs::create_dir(&again).unwrap();
        std::fs::copy(crawl.join("story-0001.html"), again.join("story-0001.html")).unwrap();
        write_pages(&again, 30 + night..31 + night);
        let (code, err) = run(&[&crawl, &again], &out, &["--incremental"]);
        assert_eq!(code, 0, "{damage}: {err}");
        assert!(err.contains("_dedup.bin is missing or damaged; rebuilding it"), "{damage}: {err}");
        let mut expected = story_titles(0..20);
        expected.extend((30..31 + night).map(|n| format!("Story {n}")));
        expected.sort();
        assert_eq!(titles(&out), expected, "{damage}: the repeat is not a second document");
        let skipped = &manifest(&out)["counts"]["skipped_by_reason"];
        assert_eq!(skipped["duplicate"], 1, "{damage}: {skipped}");
    }
}
