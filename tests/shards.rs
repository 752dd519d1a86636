//! Sharded builds: the union of N shards, committed, is exactly the rows of
//! one unsharded run, for several N; a finished shard is not redone; commit
//! refuses while shards are missing.

mod common;

use common::{get, repo, rows, Row};
use newsmill::dataset::commit;
use newsmill::dataset::{build, BuildOptions, Shard};
use std::path::Path;
use std::process::Command;

/// Inputs with records repeated across files (exact duplicates that land in
/// different shards) and a near-copy, so that commit has real work.
fn crawl() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("data/sample.warc.gz"), dir.path().join("a.warc.gz")).unwrap();
    std::fs::copy(repo("data/sample.warc.gz"), dir.path().join("b-repeat.warc.gz")).unwrap();
    std::fs::copy(repo("data/html/folha.html"), dir.path().join("c-folha.html")).unwrap();
    let ars = std::fs::read_to_string(repo("data/html/ars-1.html")).unwrap();
    std::fs::write(dir.path().join("d-ars.html"), &ars).unwrap();
    std::fs::write(
        dir.path().join("e-ars-syndicated.html"),
        ars.replace("</body>", "<p>Republished with permission.</p></body>"),
    )
    .unwrap();
    std::fs::copy(repo("data/text/voa-us-pakistan-counterterror.txt"), dir.path().join("f-voa.txt")).unwrap();
    dir
}

fn options(crawl: &Path, out: &Path) -> BuildOptions {
    BuildOptions { threads: 2, ..BuildOptions::new(vec![crawl.to_path_buf()], out.to_path_buf()) }
}

fn sorted_rows(out: &Path, table: &str) -> Vec<Row> {
    let mut rows = rows(out, table);
    rows.sort();
    rows
}

#[test]
fn the_union_of_n_shards_is_exactly_one_unsharded_run() {
    let crawl = crawl();
    let single = tempfile::tempdir().unwrap();
    let one_run = build(&options(crawl.path(), single.path())).unwrap();
    let docs = rows(single.path(), "documents");
    assert!(one_run.counts.skipped_by_reason.get("duplicate").copied().unwrap_or(0) > 5, "the inputs repeat records");
    assert!(docs.iter().any(|d| get(d, "dup_of").is_some()), "the inputs hold a near-copy");

    for count in [1, 2, 3, 5] {
        let out = tempfile::tempdir().unwrap();
        for index in 0..count {
            build(&BuildOptions { shard: Some(Shard { index, count }), ..options(crawl.path(), out.path()) }).unwrap();
        }
        let committed = commit(out.path()).unwrap();
        for table in ["documents", "paragraphs", "quotes"] {
            assert_eq!(sorted_rows(out.path(), table), sorted_rows(single.path(), table), "{table}, {count} shards");
        }
        let c = (&committed.counts, &one_run.counts);
        assert_eq!(
            (c.0.records_seen, c.0.documents, c.0.skipped, c.0.rejected, c.0.paragraphs, c.0.quotes, c.0.people),
            (c.1.records_seen, c.1.documents, c.1.skipped, c.1.rejected, c.1.paragraphs, c.1.quotes, c.1.people),
            "{count} shards: counts"
        );
        assert_eq!(c.0.skipped_by_reason, c.1.skipped_by_reason, "{count} shards");
        assert_eq!(c.0.documents_by_language, c.1.documents_by_language, "{count} shards");
        let rejects = |dir: &Path| std::fs::read_to_string(dir.join("rejects.csv")).unwrap();
        assert_eq!(rejects(out.path()), rejects(single.path()), "{count} shards: rejects.csv");
        assert!(out.path().join("_SUCCESS").exists());
    }
}

#[test]
fn a_finished_shard_is_not_redone_and_commit_waits_for_every_shard() {
    let crawl = crawl();
    let out = tempfile::tempdir().unwrap();
    let first = build(&BuildOptions { shard: Some(Shard { index: 0, count: 3 }), ..options(crawl.path(), out.path()) })
        .unwrap();
    assert!(first.run.inputs_read > 0);
    let again = build(&BuildOptions { shard: Some(Shard { index: 0, count: 3 }), ..options(crawl.path(), out.path()) })
        .unwrap();
    assert_eq!((again.run.inputs_read, again.counts.records_seen), (0, 0), "a finished shard is a no-op");

    let err = commit(out.path()).unwrap_err().to_string();
    assert!(err.contains("2 of 3 shards have not finished (shard 1, 2)"), "{err}");
    assert!(!out.path().join("documents").exists(), "nothing is published while shards are missing");
    build(&BuildOptions { shard: Some(Shard { index: 2, count: 3 }), ..options(crawl.path(), out.path()) }).unwrap();
    assert!(commit(out.path()).unwrap_err().to_string().contains("(shard 1)"));
}

#[test]
fn auto_takes_the_index_from_the_schedulers_environment() {
    let crawl = crawl();
    let out = tempfile::tempdir().unwrap();
    let newsmill = env!("CARGO_BIN_EXE_newsmill");
    let args = |shard: &str| -> Vec<String> {
        vec![
            "build".into(),
            crawl.path().display().to_string(),
            "--out".into(),
            out.path().display().to_string(),
            "--shard".into(),
            shard.into(),
        ]
    };
    for (variable, index) in [("SLURM_ARRAY_TASK_ID", "0"), ("JOB_COMPLETION_INDEX", "1")] {
        let status = Command::new(newsmill).args(args("auto/2")).env(variable, index).output().unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        assert!(String::from_utf8_lossy(&status.stderr).contains(&format!("shard {index}/2 is complete")));
    }
    let missing = Command::new(newsmill).args(args("auto/2")).env_remove("SLURM_ARRAY_TASK_ID").output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("SLURM_ARRAY_TASK_ID"));
    let committed =
        Command::new(newsmill).args(["commit".to_string(), out.path().display().to_string()]).output().unwrap();
    assert!(committed.status.success(), "{}", String::from_utf8_lossy(&committed.stderr));
    let single = tempfile::tempdir().unwrap();
    build(&options(crawl.path(), single.path())).unwrap();
    assert_eq!(sorted_rows(out.path(), "documents"), sorted_rows(single.path(), "documents"));
}
