//! Crash safety: `kill -9` at any moment, then the same command again, ends
//! with exactly the rows of an uninterrupted run; and while a run is dead or
//! unfinished, readers see the previous version whole.

mod common;

use common::{repo, rows, Row};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn newsmill(inputs: &[&Path], out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsmill"));
    cmd.arg("build")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(["--incremental", "--threads", "2", "--progress", "never"]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

fn run_to_end(inputs: &[&Path], out: &Path) {
    let status = newsmill(inputs, out).status().expect("run newsmill");
    assert!(status.success(), "{status}");
}

/// Every row of every table, sorted: the dataset as a set of rows.
fn dataset(out: &Path) -> Vec<Vec<Row>> {
    ["documents", "paragraphs", "quotes"]
        .iter()
        .map(|table| {
            let mut rows = if out.join(table).exists() { rows(out, table) } else { Vec::new() };
            rows.sort();
            rows
        })
        .collect()
}

/// Two nights of crawl: several WARCs and pages, enough for a run that
/// lasts long enough to be killed in the middle.
fn nights() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("night-1"), dir.path().join("night-2"));
    for night in [&one, &two] {
        std::fs::create_dir(night).unwrap();
    }
    std::fs::copy(repo("data/sample.warc.gz"), one.join("sample.warc.gz")).unwrap();
    std::fs::copy(repo("data/html/ars-1.html"), one.join("ars-1.html")).unwrap();
    let warc = std::fs::read(repo("data/sample.warc.gz")).unwrap();
    for i in 0..3 {
        // The same pages fetched again on night two, under other URLs: new documents (near-copies).
        let refetched = String::from_utf8_lossy(&flate_roundtrip(&warc))
            .replace("WARC-Target-URI: http", &format!("WARC-Target-URI: http://mirror{i}.example/http"));
        // Only headers change, so every Content-Length stays right.
        std::fs::write(two.join(format!("refetch-{i}.warc")), refetched.as_bytes()).unwrap();
    }
    std::fs::copy(repo("data/html/folha.html"), two.join("folha.html")).unwrap();
    (dir, one, two)
}

/// Copies a dataset folder as it is, links included (they are relative).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src).unwrap(), &dst).unwrap();
        } else if kind.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// The WARC, decompressed.
fn flate_roundtrip(gz: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(gz).read_to_end(&mut out).unwrap();
    out
}

/// Two uninterrupted nights: the rows after each, a copy of the folder after
/// night one to start every interrupted night two from, and how long an
/// uninterrupted night two took.
struct Reference {
    dir: tempfile::TempDir,
    one: PathBuf,
    two: PathBuf,
    after_night_one: PathBuf,
    night_one: Vec<Vec<Row>>,
    expected: Vec<Vec<Row>>,
    duration: std::time::Duration,
}

fn reference() -> Reference {
    let (dir, one, two) = nights();
    let reference = dir.path().join("reference");
    run_to_end(&[&one], &reference);
    let night_one = dataset(&reference);
    let after_night_one = dir.path().join("after-night-one");
    copy_tree(&reference, &after_night_one);
    let started = Instant::now();
    run_to_end(&[&one, &two], &reference);
    let duration = started.elapsed();
    let expected = dataset(&reference);
    assert!(expected[0].len() > night_one[0].len() + 10, "night two adds documents");
    Reference { dir, one, two, after_night_one, night_one, expected, duration }
}

#[test]
fn kill_9_at_any_moment_then_the_same_command_gives_the_uninterrupted_rows() {
    let Reference { dir, one, two, after_night_one, night_one, expected, duration } = reference();

    for (i, share) in [0.1, 0.35, 0.6, 0.85].into_iter().enumerate() {
        let out = dir.path().join(format!("killed-{i}"));
        copy_tree(&after_night_one, &out);
        let mut child = newsmill(&[&one, &two], &out).spawn().unwrap();
        std::thread::sleep(duration.mul_f64(share));
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup
        let status = child.wait().unwrap();
        let seen = dataset(&out);
        assert!(seen == night_one || seen == expected, "kill at {share}: readers see a mix of versions ({status})");
        run_to_end(&[&one, &two], &out);
        assert_eq!(dataset(&out), expected, "kill at {share} of the run ({status}), then the same command");
    }
}

#[test]
fn a_crash_at_each_step_of_publishing_leaves_a_whole_version_and_recovers() {
    let Reference { dir, one, two, after_night_one, night_one, expected, .. } = reference();

    for point in ["after_carry", "before_publish", "after_publish"] {
        let out = dir.path().join(point);
        copy_tree(&after_night_one, &out);
        let status = newsmill(&[&one, &two], &out).env("NEWSMILL_CRASH_AT", point).status().unwrap();
        assert!(!status.success(), "{point}: the crash hook fired");
        let seen = dataset(&out);
        if point == "after_publish" {
            assert_eq!(seen, expected, "{point}: the new version is published whole");
        } else {
            assert_eq!(seen, night_one, "{point}: readers still see the previous version whole");
        }
        assert!(out.join(".newsmill.lock").exists(), "{point}: the dead run's lock is left behind");
        run_to_end(&[&one, &two], &out);
        assert_eq!(dataset(&out), expected, "{point}: the same command again");
        let versions = std::fs::read_dir(out.join(".newsmill"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with('v'))
            .count();
        assert_eq!(versions, 1, "{point}: unpublished and replaced versions are cleared");
    }
}
