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

/// `titles` with the title `old` become `new`, sorted.
fn replaced(mut titles: Vec<String>, old: &str, new: &str) -> Vec<String> {
    titles.retain(|t| t != old);
    titles.push(new.to_string());
    titles.sort();
    titles
}

/// A crawl folder of pages `range` and where its dataset goes.
fn crawl_and_out(range: std::ops::Range<usize>) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, out) = (dir.path().join("crawl"), dir.path().join("out"));
    write_pages(&crawl, range);
    (dir, crawl, out)
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
    let (_dir, crawl, out) = crawl_and_out(0..30);
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
    let (_dir, crawl, out) = crawl_and_out(0..20);
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    // Night two: a page is corrected and a new one arrives.
    std::fs::write(crawl.join("story-0005.html"), page(5).replace("Story 5", "Story 5, corrected")).unwrap();
    write_pages(&crawl, 20..21);
    let ledger = out.join(".newsmill/v000001/_ledger.json");
    let kept = std::fs::read(&ledger).unwrap();
    let cases = [("deleted", "is missing"), ("flipped", "is damaged"), ("deleted, no checksums", "cannot read")];
    for (damage, says) in cases {
        match damage {
            "deleted" => std::fs::remove_file(&ledger).unwrap(),
            "flipped" => {
                std::fs::write(&ledger, &kept).unwrap();
                flip_a_byte(&ledger);
            }
            _ => {
                // As an older newsmill left it: no _checksums.json.
                std::fs::remove_file(out.join(".newsmill/v000001/_checksums.json")).unwrap();
                std::fs::remove_file(&ledger).unwrap();
            }
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
    let expected = replaced(story_titles(0..21), "Story 5", "Story 5, corrected");
    assert_eq!(titles(&out), expected, "the changed page is replaced, never doubled");
}

#[test]
fn a_missing_or_damaged_dedup_index_is_rebuilt_and_no_document_comes_in_twice() {
    let (dir, crawl, out) = crawl_and_out(0..20);
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    for (night, damage) in ["deleted", "flipped", "deleted, no checksums"].into_iter().enumerate() {
        let version = out.join(format!(".newsmill/v{:06}", night + 1));
        let index = version.join("_dedup.bin");
        match damage {
            "deleted" => std::fs::remove_file(&index).unwrap(),
            "flipped" => flip_a_byte(&index),
            _ => {
                std::fs::remove_file(version.join("_checksums.json")).unwrap();
                std::fs::remove_file(&index).unwrap();
            }
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
    replaced(story_titles(0..10), "Story 3", "Story 3, corrected")
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
    let (_dir, crawl, out) = crawl_and_out(0..3);
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
    assert_eq!(titles(&out), replaced(expected, "Story 7", "Story 9"), "only the changed one is replaced");
}

#[test]
fn broken_links_and_loops_in_an_input_folder_are_rejects_and_warnings() {
    let (dir, crawl, out) = crawl_and_out(0..5);
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

/// A night big enough that a run on the debug build lasts a few seconds:
/// pages 100..100+`pages` beside the 5 of a first, finished night.
fn a_first_night_and_a_long_second(pages: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, crawl, out) = crawl_and_out(0..5);
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    write_pages(&crawl, 100..100 + pages);
    (dir, crawl, out)
}

/// Waits until `path` exists (a run has got that far), at most 60 s.
fn wait_for(path: &Path) {
    let started = std::time::Instant::now();
    while !path.exists() {
        assert!(started.elapsed().as_secs() < 60, "{} never appeared", path.display());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// A run started in the background, its standard error collected.
fn spawn(cmd: &mut Command) -> std::process::Child {
    cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start newsmill")
}

/// Waits for a background run: (exit code, standard error, how long it took to end).
fn finish(child: std::process::Child) -> (i32, String) {
    let Output { status, stderr, .. } = child.wait_with_output().unwrap();
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&stderr).into_owned())
}

/// Whether this machine lets us make PID namespaces; says so when not.
fn can_unshare(test: &str) -> bool {
    use std::io::Write;
    let ok = Command::new("unshare")
        .args(["--pid", "--fork", "--mount-proc", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let _ =
            writeln!(std::io::stderr(), "{test}: skipped, `unshare --pid --fork --mount-proc` is not permitted here");
    }
    ok
}

/// newsmill as PID 1 of a new PID namespace (with its own /proc).
fn newsmill_as_pid_1(inputs: &[&Path], out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new("unshare");
    cmd.args(["--pid", "--fork", "--mount-proc", env!("CARGO_BIN_EXE_newsmill"), "build"]);
    cmd.args(inputs).arg("--out").arg(out).args(["--threads", "2", "--progress", "never"]).args(extra);
    cmd.stdin(Stdio::null());
    cmd
}

#[test]
fn a_run_in_another_pid_namespace_never_takes_over_a_live_lock() {
    let test = "a_run_in_another_pid_namespace_never_takes_over_a_live_lock";
    if !can_unshare(test) {
        return;
    }
    let (_dir, crawl, out) = a_first_night_and_a_long_second(150);
    for holder_is_pid_1 in [false, true] {
        std::fs::write(
            crawl.join("story-0000.html"),
            page(0).replace("Story 0", &format!("Story 0, {holder_is_pid_1}")),
        )
        .unwrap();
        let holder = spawn(&mut if holder_is_pid_1 {
            newsmill_as_pid_1(&[&crawl], &out, &["--incremental"])
        } else {
            newsmill(&[&crawl], &out, &["--incremental"])
        });
        let pending = out.join(format!(".newsmill/v{:06}", if holder_is_pid_1 { 3 } else { 2 }));
        wait_for(&pending);
        let lock = std::fs::read_to_string(out.join(".newsmill.lock")).unwrap();
        assert!(lock.contains("\"host\"") && lock.contains("\"heartbeat\""), "{lock}");
        // The other side of the namespace boundary: it cannot see the holder's pid.
        let (code, err) = finish(spawn(&mut if holder_is_pid_1 {
            newsmill(&[&crawl], &out, &["--incremental"])
        } else {
            newsmill_as_pid_1(&[&crawl], &out, &["--incremental"])
        }));
        assert_eq!(code, 2, "holder is pid 1: {holder_is_pid_1}: {err}");
        assert!(err.contains("another newsmill run") && err.contains("is writing to"), "{err}");
        let (code, err) = finish(holder);
        assert_eq!(code, 0, "the holder finishes undisturbed: {err}");
    }
    let mut expected = story_titles(1..5);
    expected.extend(story_titles(100..250));
    expected.push("Story 0, true".into());
    expected.sort();
    assert_eq!(titles(&out), expected);
    assert_eq!(version_folders(&out), ["v000003"]);
}

#[test]
fn a_lock_of_another_host_is_honoured_until_its_heartbeat_is_old() {
    let (_dir, crawl, out) = crawl_and_out(0..5);
    std::fs::create_dir_all(&out).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let lock = |age: i64| {
        serde_json::json!({"host": "node-b", "pid": 1, "started": "2026-12-06T22:00:00Z", "heartbeat": now - age})
            .to_string()
    };
    std::fs::write(out.join(".newsmill.lock"), lock(2)).unwrap();
    let (code, err) = run(&[&crawl], &out, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pid 1 on node-b"), "{err}");
    assert!(!out.join(".newsmill").exists(), "nothing was written");
    std::fs::write(out.join(".newsmill.lock"), lock(600)).unwrap();
    let (code, err) = run(&[&crawl], &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("taking over a stale lock") && err.contains("heartbeat stopped"), "{err}");
    assert_eq!(titles(&out), story_titles(0..5));
    assert!(!out.join(".newsmill.lock").exists());
}

#[test]
fn runs_racing_for_a_stale_lock_lose_with_exit_2() {
    let (_dir, crawl, out) = a_first_night_and_a_long_second(60);
    // Left by a run of this host that died: its flock went with it.
    let stale =
        serde_json::json!({"host": hostname(), "pid": 4_000_000, "started": "2026-12-06T22:00:00Z", "heartbeat": 0});
    std::fs::write(out.join(".newsmill.lock"), stale.to_string()).unwrap();
    let runs: Vec<_> = (0..4).map(|_| spawn(&mut newsmill(&[&crawl], &out, &["--incremental"]))).collect();
    let codes: Vec<(i32, String)> = runs.into_iter().map(finish).collect();
    for (code, err) in &codes {
        assert!(*code == 0 || (*code == 2 && err.contains("another newsmill run")), "{code}: {err}");
    }
    assert!(codes.iter().filter(|(c, _)| *c == 0).count() >= 1, "{codes:?}");
    assert!(codes.iter().filter(|(c, _)| *c == 2).count() >= 1, "{codes:?}");
    let mut expected = story_titles(0..5);
    expected.extend(story_titles(100..160));
    expected.sort();
    assert_eq!(titles(&out), expected);
}

fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into `buf`.
    assert_eq!(unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) }, 0);
    String::from_utf8_lossy(&buf[..buf.iter().position(|&b| b == 0).unwrap()]).into_owned()
}

/// The host pid of the one child of `pid` (unshare's child, PID 1 inside).
fn only_child(pid: u32) -> i32 {
    let started = std::time::Instant::now();
    loop {
        let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        if let Some(child) = children.split_whitespace().next() {
            return child.parse().unwrap();
        }
        assert!(started.elapsed().as_secs() < 10, "unshare started no child");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn sigterm_sigint_and_sighup_stop_a_run_and_leave_the_dataset_as_it_was() {
    // Long enough that a release build is still writing when the signal comes
    // (400 pages took it 0.1 s); the signal goes as soon as writing starts.
    let (_dir, crawl, out) = a_first_night_and_a_long_second(3000);
    let pid_1 = can_unshare("sigterm_sigint_and_sighup_stop_a_run (as PID 1)");
    let cases = [(libc::SIGTERM, "SIGTERM", false), (libc::SIGINT, "SIGINT", false), (libc::SIGHUP, "SIGHUP", false)]
        .into_iter()
        .chain(pid_1.then_some((libc::SIGTERM, "SIGTERM", true)));
    for (signal, name, as_pid_1) in cases {
        let child = spawn(&mut if as_pid_1 {
            newsmill_as_pid_1(&[&crawl], &out, &["--incremental"])
        } else {
            newsmill(&[&crawl], &out, &["--incremental"])
        });
        wait_for(&out.join(".newsmill/v000002/documents"));
        let target = if as_pid_1 { only_child(child.id()) } else { child.id() as i32 };
        let sent = std::time::Instant::now();
        // SAFETY: a signal to a process this test started.
        assert_eq!(unsafe { libc::kill(target, signal) }, 0);
        let (code, err) = finish(child);
        let took = sent.elapsed();
        assert!(took < std::time::Duration::from_secs(5), "{name} (pid 1: {as_pid_1}) took {took:?} to stop: {err}");
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains(&format!("stopped by {name} before publishing")), "{name}: {err}");
        assert_eq!(version_folders(&out), ["v000001"], "{name}: the unpublished version is removed");
        assert!(!out.join(".newsmill.lock").exists(), "{name}: the lock is released");
        assert_eq!(titles(&out), story_titles(0..5), "{name}: the dataset is as it was");
    }
    let (code, err) = run(&[&crawl], &out, &["--incremental"]);
    assert_eq!(code, 0, "{err}");
    let mut expected = story_titles(0..5);
    expected.extend(story_titles(100..3100));
    expected.sort();
    assert_eq!(titles(&out), expected, "the next run does the night whole");
}

#[test]
fn a_run_that_fails_writing_removes_its_unpublished_version() {
    use std::os::unix::process::CommandExt;
    let (_dir, crawl, out) = a_first_night_and_a_long_second(100);
    let mut cmd = newsmill(&[&crawl], &out, &["--incremental"]);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            // A full disk, as far as the run can tell: files over 8 KiB fail (EFBIG).
            let limit = libc::rlimit { rlim_cur: 8 * 1024, rlim_max: 8 * 1024 };
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let (code, err) = finish(spawn(&mut cmd));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unpublished version") && err.contains("was removed"), "{err}");
    assert_eq!(version_folders(&out), ["v000001"]);
    assert!(!out.join(".newsmill.lock").exists());
    assert_eq!(titles(&out), story_titles(0..5));
    assert_eq!(run(&[&crawl], &out, &["--incremental"]).0, 0);
    let mut expected = story_titles(0..5);
    expected.extend(story_titles(100..200));
    expected.sort();
    assert_eq!(titles(&out), expected);
}

#[test]
fn an_unreadable_file_is_a_reject_and_an_unreadable_folder_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, crawl, out) = crawl_and_out(0..4);
    write_pages(&crawl.join("private"), 10..12);
    let mode = |path: &Path, mode| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    mode(&crawl.join("story-0002.html"), 0o000);
    mode(&crawl.join("private"), 0o000);
    // Root reads anything: run as nobody then, if this machine lets us.
    let mut cmd = if unsafe { libc::geteuid() } == 0 {
        mode(dir.path(), 0o777);
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_newsmill"), "build"]);
        cmd.arg(&crawl).arg("--out").arg(&out).args(["--threads", "2", "--progress", "never"]);
        cmd
    } else {
        newsmill(&[&crawl], &out, &[])
    };
    let Output { status, stderr, .. } = cmd.output().expect("run newsmill");
    let err = String::from_utf8_lossy(&stderr);
    if status.code() == Some(127) || err.contains("setpriv:") {
        use std::io::Write;
        let _ =
            writeln!(std::io::stderr(), "an_unreadable_file_is_a_reject: skipped, cannot run as another user: {err}");
        return;
    }
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.contains("warning: passing over") && err.contains("private"), "{err}");
    let ignored = manifest(&out)["ignored_files"].to_string();
    assert!(ignored.contains("private"), "the folder passed over is in the manifest: {ignored}");
    let mut expected = story_titles(0..4);
    expected.retain(|t| t != "Story 2");
    assert_eq!(titles(&out), expected);
    let rejected: Vec<(String, String)> =
        rejects(&out).iter().map(|r| (r[0].rsplit('/').next().unwrap().to_string(), r[2].to_string())).collect();
    assert_eq!(rejected, [("story-0002.html".to_string(), "unreadable_file".to_string())]);
    mode(&crawl.join("private"), 0o755);
}
