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

/// Runs newsmill from the folder `cwd`, with inputs named as given.
fn run_in(cwd: &Path, inputs: &[&str], extra: &[&str]) -> (i32, String) {
    let inputs: Vec<&Path> = inputs.iter().map(Path::new).collect();
    let Output { status, stderr, .. } =
        newsmill(&inputs, Path::new("out"), extra).current_dir(cwd).output().expect("run newsmill");
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&stderr).into_owned())
}

/// Night three's change: page 3 corrected.
fn correct_page_3(crawl: &Path) -> Vec<String> {
    std::fs::write(crawl.join("story-0003.html"), page(3).replace("Story 3", "Story 3, corrected")).unwrap();
    let mut expected: Vec<String> = story_titles(0..10).into_iter().filter(|t| t != "Story 3").collect();
    expected.push("Story 3, corrected".into());
    expected.sort();
    expected
}

#[test]
fn in_dot_in_and_the_absolute_path_are_one_input() {
    let dir = tempfile::tempdir().unwrap();
    write_pages(&dir.path().join("in"), 0..10);
    let absolute = dir.path().join("in").display().to_string();
    assert_eq!(run_in(dir.path(), &["in"], &["--incremental"]).0, 0);
    let out = dir.path().join("out");
    let (code, err) = run_in(dir.path(), &["./in", &absolute], &["--incremental"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 inputs read, 10 unchanged"), "{err}");
    assert_eq!(manifest(&out)["run"]["version"], 1, "no change, no new version");
    let expected = correct_page_3(&dir.path().join("in"));
    let (code, err) = run_in(dir.path(), &[&absolute], &["--incremental"]);
    assert!(code == 0 && err.contains("1 inputs read, 9 unchanged") && err.contains("1 changed and replaced"), "{err}");
    assert_eq!(titles(&out), expected, "the changed page is replaced, not doubled");
}

#[test]
fn a_ledger_keyed_by_typed_paths_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    write_pages(&dir.path().join("in"), 0..10);
    assert_eq!(run_in(dir.path(), &["in"], &["--incremental"]).0, 0);
    // The ledger as an older newsmill wrote it: keyed by the path as typed, no checksums.
    let version = dir.path().join("out/.newsmill/v000001");
    let ledger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(version.join("_ledger.json")).unwrap()).unwrap();
    let old: serde_json::Map<String, serde_json::Value> = ledger["inputs"]
        .as_object()
        .unwrap()
        .values()
        .map(|e| (e["path"].as_str().unwrap().to_string(), e.clone()))
        .collect();
    assert!(old.contains_key("in/story-0000.html"), "{old:?}");
    std::fs::write(version.join("_ledger.json"), serde_json::json!({ "inputs": old }).to_string()).unwrap();
    std::fs::remove_file(version.join("_checksums.json")).unwrap();

    let (code, err) = run_in(dir.path(), &["./in"], &["--incremental"]);
    assert!(code == 0 && err.contains("0 inputs read, 10 unchanged"), "{err}");
    let expected = correct_page_3(&dir.path().join("in"));
    let absolute = dir.path().join("in").display().to_string();
    let (code, err) = run_in(dir.path(), &[&absolute], &["--incremental"]);
    assert!(code == 0 && err.contains("1 changed and replaced"), "{err}");
    let out = dir.path().join("out");
    assert_eq!(titles(&out), expected);
    let ledger: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("_ledger.json")).unwrap()).unwrap();
    assert_eq!(ledger["format"], 2);
    let keys: Vec<&String> = ledger["inputs"].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 10);
    assert!(keys.iter().all(|k| Path::new(k).is_absolute()), "{keys:?}");
}

#[test]
fn file_names_that_are_not_utf8_are_inputs_of_their_own() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let (crawl, out) = (dir.path().join("crawl"), dir.path().join("out"));
    write_pages(&crawl, 0..3);
    let named = |bytes: &[u8]| crawl.join(std::ffi::OsStr::from_bytes(bytes));
    std::fs::write(named(b"caf\xe9.html"), page(7)).unwrap();
    std::fs::write(named(b"caf\xe8.html"), page(8)).unwrap();
    let mut expected = story_titles(0..3);
    expected.extend(["Story 7".to_string(), "Story 8".to_string()]);
    expected.sort();
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(titles(&out), expected, "neither is passed over");
    let sources: BTreeSet<String> =
        rows(&out, "documents").iter().map(|d| get(d, "source").unwrap().to_string()).collect();
    assert!(
        sources.iter().any(|s| s.ends_with("caf\\xE9.html")) && sources.iter().any(|s| s.ends_with("caf\\xE8.html"))
    );
    for _ in 0..2 {
        let (code, err) = run(&[&crawl], &out, &["--incremental"]);
        assert!(code == 0 && err.contains("0 inputs read, 5 unchanged"), "{err}");
        assert_eq!(titles(&out), expected, "an unchanged night changes nothing");
    }
    std::fs::write(named(b"caf\xe9.html"), page(9)).unwrap();
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert!(code == 0 && err.contains("1 inputs read, 4 unchanged") && err.contains("1 changed and replaced"), "{err}");
    expected.retain(|t| t != "Story 7");
    expected.push("Story 9".into());
    expected.sort();
    assert_eq!(titles(&out), expected, "only the changed one is replaced");
}

#[test]
fn broken_links_and_loops_in_an_input_folder_are_rejects_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, out) = (dir.path().join("crawl"), dir.path().join("out"));
    write_pages(&crawl, 0..5);
    std::os::unix::fs::symlink(dir.path().join("nowhere.html"), crawl.join("dangling.html")).unwrap();
    std::os::unix::fs::symlink("loop.html", crawl.join("loop.html")).unwrap();
    std::fs::create_dir(crawl.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", crawl.join("sub/up")).unwrap();
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: passing over") && err.contains("sub/up"), "{err}");
    assert_eq!(titles(&out), story_titles(0..5));
    let rejected = |out: &Path| -> Vec<(String, String)> {
        rejects(out).iter().map(|r| (r[0].rsplit('/').next().unwrap().to_string(), r[2].to_string())).collect()
    };
    let expected = [("dangling.html", "unreadable_file"), ("loop.html", "unreadable_file")]
        .map(|(f, r)| (f.to_string(), r.to_string()));
    assert_eq!(rejected(&out), expected);
    // The same night again: nothing new, no reject twice.
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert!(code == 0 && err.contains("nothing new"), "{err}");
    assert_eq!(rejected(&out), expected);
    // The link's target arrives: its reject gives way to its document.
    std::fs::write(dir.path().join("nowhere.html"), page(42)).unwrap();
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(rejected(&out), expected[1..]);
    let mut titles_now = story_titles(0..5);
    titles_now.push("Story 42".into());
    titles_now.sort();
    assert_eq!(titles(&out), titles_now);
}
