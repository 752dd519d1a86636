//! Nightly runs: `--incremental` reads only new and changed inputs, replaces
//! a changed input's rows, and the same record seen twice is one document.

mod common;

use common::{get, repo, rows, Row};
use newsmill::dataset::manifest::Manifest;
use newsmill::dataset::{build, BuildOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn incremental(inputs: &[PathBuf], out: &Path) -> Manifest {
    build(&BuildOptions { incremental: true, threads: 2, ..BuildOptions::new(inputs.to_vec(), out.to_path_buf()) })
        .expect("build")
}

fn part_files(out: &Path, table: &str) -> BTreeSet<String> {
    std::fs::read_dir(out.join(table)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

fn doc_ids(docs: &[Row]) -> Vec<String> {
    docs.iter().map(|d| get(d, "doc_id").unwrap().to_string()).collect()
}

/// A night's crawl folder holding copies of the sample pages.
fn crawl() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo("data/html/ars-1.html"), dir.path().join("ars-1.html")).unwrap();
    std::fs::copy(repo("data/sample.warc.gz"), dir.path().join("sample.warc.gz")).unwrap();
    dir
}

#[test]
fn the_same_night_twice_changes_nothing() {
    let (crawl, out) = (crawl(), tempfile::tempdir().unwrap());
    let first = incremental(&[crawl.path().to_path_buf()], out.path());
    assert_eq!(first.run.version, 1);
    assert!(first.counts.documents > 10);
    let before: Vec<Row> = rows(out.path(), "documents");
    let parts = part_files(out.path(), "documents");
    let ledger = std::fs::read_to_string(out.path().join("_ledger.json")).unwrap();
    assert!(ledger.contains("sample.warc.gz") && ledger.contains("\"hash\""), "{ledger}");

    let second = incremental(&[crawl.path().to_path_buf()], out.path());
    assert_eq!((second.run.inputs_read, second.run.inputs_unchanged), (0, 2));
    assert_eq!(second.counts.records_seen, 0);
    assert_eq!(rows(out.path(), "documents"), before);
    assert_eq!(part_files(out.path(), "documents"), parts);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("_manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["run"]["version"], 1, "a run with nothing to do publishes no new version");
}

#[test]
fn a_new_input_adds_part_files_and_a_changed_one_replaces_its_rows() {
    let (crawl, out) = (crawl(), tempfile::tempdir().unwrap());
    incremental(&[crawl.path().to_path_buf()], out.path());
    let first = rows(out.path(), "documents");
    let first_parts = part_files(out.path(), "paragraphs");

    // Night two: a new page arrives.
    std::fs::copy(repo("data/html/folha.html"), crawl.path().join("folha.html")).unwrap();
    let second = incremental(&[crawl.path().to_path_buf()], out.path());
    assert_eq!((second.run.version, second.run.inputs_read, second.run.inputs_unchanged), (2, 1, 2));
    assert_eq!(second.counts.documents, 1);
    let docs = rows(out.path(), "documents");
    assert_eq!(docs.len(), first.len() + 1);
    assert!(part_files(out.path(), "paragraphs").is_superset(&first_parts), "earlier part files are kept as they were");
    assert!(part_files(out.path(), "paragraphs").iter().any(|p| p.starts_with("part-000002-")));

    // Night three: the page is corrected at its source and fetched again.
    let page = crawl.path().join("ars-1.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let corrected = html.replacen(
        "A flaw in the wildly popular",
        "Correction: an earlier version of this article misstated the launch year. A flaw in the wildly popular",
        1,
    );
    assert_ne!(html, corrected);
    std::fs::write(&page, corrected).unwrap();
    let old_id = docs
        .iter()
        .find(|d| get(d, "source").unwrap().ends_with("ars-1.html"))
        .map(|d| get(d, "doc_id").unwrap().to_string())
        .unwrap();
    let third = incremental(&[crawl.path().to_path_buf()], out.path());
    assert_eq!(third.run.inputs_replaced, vec![page.display().to_string()]);
    let after = rows(out.path(), "documents");
    assert_eq!(after.len(), docs.len(), "the changed page replaces its row, it is not added twice");
    let ids = doc_ids(&after);
    assert!(!ids.contains(&old_id));
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len(), "no doc_id twice");
    let ars: Vec<&Row> = after.iter().filter(|d| get(d, "source").unwrap().ends_with("ars-1.html")).collect();
    assert_eq!(ars.len(), 1);
    assert!(get(ars[0], "text").unwrap().contains("Correction: an earlier version"));
    // Its paragraphs and quotes went with it.
    for table in ["paragraphs", "quotes"] {
        assert!(
            rows(out.path(), table).iter().all(|r| get(r, "doc_id") != Some(old_id.as_str())),
            "{table} keeps rows of the replaced page"
        );
    }
    let paragraph_docs: BTreeSet<String> =
        rows(out.path(), "paragraphs").iter().map(|r| get(r, "doc_id").unwrap().to_string()).collect();
    assert_eq!(
        paragraph_docs,
        ids.iter().cloned().collect(),
        "every document has paragraphs and every paragraph a document"
    );
    // The dataset's files and the manifest agree.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("_manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["files"]["rows"]["documents"], after.len() as u64);
    assert_eq!(manifest["files"]["rows"]["paragraphs"], rows(out.path(), "paragraphs").len() as u64);
}

#[test]
fn the_same_records_twice_are_one_document_in_one_run_and_across_runs() {
    let (crawl, out) = (crawl(), tempfile::tempdir().unwrap());
    std::fs::copy(repo("data/sample.warc.gz"), crawl.path().join("sample-copy.warc.gz")).unwrap();
    let manifest = incremental(&[crawl.path().to_path_buf()], out.path());
    let single =
        newsmill::dataset::build(&BuildOptions::new(vec![repo("data/sample.warc.gz")], out.path().join("single")))
            .unwrap();
    assert_eq!(manifest.counts.documents, single.counts.documents + 1, "the copy adds nothing but ars-1.html");
    assert_eq!(manifest.counts.skipped_by_reason.get("duplicate").copied(), Some(single.counts.documents));
    assert_eq!(
        manifest.counts.records_seen,
        manifest.counts.documents + manifest.counts.skipped + manifest.counts.rejected
    );

    // The same WARC under a new name on a later night: nothing new.
    std::fs::copy(repo("data/sample.warc.gz"), crawl.path().join("sample-again.warc.gz")).unwrap();
    let later = incremental(&[crawl.path().to_path_buf()], out.path());
    assert_eq!(later.run.inputs_read, 1);
    assert_eq!(later.counts.documents, 0);
    assert_eq!(rows(out.path(), "documents").len() as u64, manifest.counts.documents);
}

#[test]
fn a_copy_of_an_article_under_another_name_points_at_the_first() {
    let (dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let html = std::fs::read_to_string(repo("data/html/ars-1.html")).unwrap();
    std::fs::write(dir.path().join("a-original.html"), &html).unwrap();
    // A syndicated copy: same story, another site's footer line.
    std::fs::write(
        dir.path().join("b-syndicated.html"),
        html.replace("</body>", "<p>Republished with permission of the original publisher.</p></body>"),
    )
    .unwrap();
    newsmill::dataset::build(&BuildOptions {
        overwrite: true,
        ..BuildOptions::new(vec![dir.path().to_path_buf()], out.path().to_path_buf())
    })
    .unwrap();
    let docs = rows(out.path(), "documents");
    assert_eq!(docs.len(), 2);
    let original = docs.iter().find(|d| get(d, "source").unwrap().ends_with("a-original.html")).unwrap();
    let copy = docs.iter().find(|d| get(d, "source").unwrap().ends_with("b-syndicated.html")).unwrap();
    assert_eq!(get(original, "dup_of"), None);
    assert_eq!(get(copy, "dup_of"), get(original, "doc_id"));
}

#[test]
fn without_incremental_or_overwrite_an_existing_dataset_is_kept() {
    let (crawl, out) = (crawl(), tempfile::tempdir().unwrap());
    incremental(&[crawl.path().to_path_buf()], out.path());
    let err =
        build(&BuildOptions::new(vec![crawl.path().to_path_buf()], out.path().to_path_buf())).unwrap_err().to_string();
    assert!(err.contains("already holds a dataset") && err.contains("--incremental"), "{err}");
}

/// The documents (doc_id, text) and the reject rows of a dataset, sorted.
fn held(out: &Path) -> (Vec<(String, String)>, Vec<Vec<String>>) {
    let docs = rows(out, "documents");
    let mut documents: Vec<(String, String)> =
        docs.iter().map(|d| (get(d, "doc_id").unwrap().into(), get(d, "text").unwrap().into())).collect();
    let mut rejects: Vec<Vec<String>> =
        common::rejects(out).iter().map(|r| r.iter().map(String::from).collect()).collect();
    documents.sort();
    rejects.sort();
    (documents, rejects)
}

/// `--limit` stops inside an input: a later `--incremental` run reads it
/// whole and replaces what the limited run wrote of it, so the dataset holds
/// what one run over the whole input gives, its reject once.
#[test]
fn an_incremental_run_after_a_limited_one_doubles_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lines.jsonl");
    let line = |n: usize| serde_json::json!({ "id": n.to_string(), "text": format!("Story {n}: the council met.") });
    // Line 2 is no JSON: a reject among the records the limit keeps.
    let lines: Vec<String> = (1..=6).map(|n| if n == 2 { "{not json".into() } else { line(n).to_string() }).collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let (limited, whole) = (dir.path().join("limited"), dir.path().join("whole"));
    let options =
        BuildOptions { threads: 2, limit: Some(3), ..BuildOptions::new(vec![input.clone()], limited.clone()) };
    build(&options).expect("limited build");
    assert_eq!(held(&limited).0.len(), 2, "lines 1 and 3");
    let nightly = incremental(std::slice::from_ref(&input), &limited);
    assert_eq!(nightly.run.inputs_replaced, [input.display().to_string()]);
    assert_eq!(nightly.counts.skipped, 0, "no record is a duplicate of itself");
    build(&BuildOptions { threads: 2, ..BuildOptions::new(vec![input], whole.clone()) }).expect("whole build");
    let (documents, rejects) = held(&limited);
    assert_eq!((documents.len(), rejects.len()), (5, 1), "{rejects:?}");
    assert_eq!((documents, rejects), held(&whole), "the rows of one run over the whole input");
}
