//! End to end: the sample crawl dump of data/ becomes a dataset whose rows
//! hold the real articles, without their chrome, with quotes and speakers.

mod common;

use common::{get, rejects, repo, rows, run_build, Row};
use std::sync::OnceLock;

/// One build of data/ shared by the tests of this file.
fn sample() -> &'static (tempfile::TempDir, newsmill::dataset::manifest::Manifest) {
    static SAMPLE: OnceLock<(tempfile::TempDir, newsmill::dataset::manifest::Manifest)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let out = tempfile::tempdir().expect("tempdir");
        let manifest = run_build(&[repo("data")], out.path(), 2);
        (out, manifest)
    })
}

fn document(source_suffix: &str) -> Row {
    let (out, _) = sample();
    rows(out.path(), "documents")
        .into_iter()
        .find(|d| get(d, "source").is_some_and(|s| s.ends_with(source_suffix)))
        .unwrap_or_else(|| panic!("no document from {source_suffix}"))
}

#[test]
fn every_record_of_the_sample_is_accounted_for() {
    let (out, manifest) = sample();
    let c = &manifest.counts;
    // 28 WARC records (12 pages + 16 that are not pages) + 3 HTML files + 1 text file.
    assert_eq!(c.records_seen, 32, "{c:?}");
    assert_eq!(c.documents, 16, "{c:?} rejects: {:?}", rejects(out.path()));
    assert_eq!(c.skipped, 16, "{c:?}");
    assert_eq!(c.rejected, 0, "{c:?}");
    assert_eq!(c.records_seen, c.documents + c.skipped + c.rejected);
    assert_eq!(rows(out.path(), "documents").len() as u64, c.documents);
    assert_eq!(rows(out.path(), "paragraphs").len() as u64, c.paragraphs);
    assert_eq!(rows(out.path(), "quotes").len() as u64, c.quotes);
    assert_eq!(rows(out.path(), "people").len() as u64, c.people);
}

#[test]
fn seed_page_loses_its_chrome_and_keeps_the_article() {
    let doc = document("voa-us-pakistan-counterterror.txt");
    assert_eq!(get(&doc, "title"), Some("US, Pakistan Work to Improve Counter-Terror Cooperation"));
    let text = get(&doc, "text").expect("text");
    assert!(text.starts_with("U.S. and Pakistani officials say they are working"), "{text}");
    for chrome in
        ["Accessibility links", "Breaking News", "please wait", "No media source currently available", "0:00 0:02:21"]
    {
        assert!(!text.contains(chrome), "chrome {chrome:?} leaked into the text");
    }
    assert!(text.ends_with("and Energy Department."), "{text}");
    assert_eq!(get(&doc, "language"), Some("en"));
}

#[test]
fn seed_page_quotes_have_full_speaker_names() {
    let (out, _) = sample();
    let doc = document("voa-us-pakistan-counterterror.txt");
    let doc_id = get(&doc, "doc_id").expect("doc_id");
    let quotes: Vec<Row> =
        rows(out.path(), "quotes").into_iter().filter(|q| get(q, "doc_id") == Some(doc_id)).collect();
    let speaker_of = |start: &str| {
        let q = quotes
            .iter()
            .find(|q| get(q, "text").is_some_and(|t| t.starts_with(start)))
            .unwrap_or_else(|| panic!("no quote starting {start:?} in {quotes:?}"));
        get(q, "speaker_name").map(str::to_string)
    };
    assert_eq!(quotes.len(), 9, "{quotes:?}");
    assert_eq!(speaker_of("We also have a common cause").as_deref(), Some("John Kerry"));
    assert_eq!(speaker_of("Although the war in Afghanistan").as_deref(), Some("Sartaj Aziz"));
    assert_eq!(speaker_of("The Pakistani Taliban and the government").as_deref(), Some("Akbar Ahmed"));
    assert_eq!(speaker_of("We recognize that Pakistan").as_deref(), Some("John Kerry"));
    assert_eq!(speaker_of("And we know how closely").as_deref(), Some("John Kerry"));
    assert_eq!(speaker_of("The Pakistan army would want").as_deref(), Some("Akbar Ahmed"));
    assert_eq!(speaker_of("There's a strong perception").as_deref(), Some("Sartaj Aziz"));
    assert_eq!(speaker_of("Our legitimate concerns").as_deref(), Some("Sartaj Aziz"));
    let verbs: Vec<Option<&str>> = quotes.iter().map(|q| get(q, "verb")).collect();
    assert!(verbs.iter().all(|v| v.is_some()), "{verbs:?}");
}

#[test]
fn seed_page_people_are_rows_its_quotes_point_at() {
    let (out, _) = sample();
    let doc = document("voa-us-pakistan-counterterror.txt");
    let doc_id = get(&doc, "doc_id").expect("doc_id");
    let of_doc = |table| rows(out.path(), table).into_iter().filter(|r| get(r, "doc_id") == Some(doc_id));
    let people: Vec<Row> = of_doc("people").collect();
    let person = |index: &str| people.iter().find(|p| get(p, "person_index") == Some(index));
    let quoted: Vec<(&str, &str, &str, &str)> = people
        .iter()
        .filter(|p| get(p, "n_quotes") != Some("0"))
        .map(|p| {
            (
                get(p, "name").unwrap(),
                get(p, "role").unwrap_or("-"),
                get(p, "gender").unwrap_or("-"),
                get(p, "n_quotes").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        quoted,
        [
            ("John Kerry", "U.S. Secretary of State", "male", "3"),
            ("Sartaj Aziz", "Pakistani National Security and Foreign Affairs Advisor", "male", "3"),
            ("Akbar Ahmed", "Former Pakistani High Commissioner", "male", "3"),
        ]
    );
    // Every quote's person_index names the row of its speaker.
    for quote in of_doc("quotes") {
        let index = get(&quote, "person_index").expect("every seed quote has a person");
        let person = person(index).unwrap_or_else(|| panic!("no people row {index}"));
        assert_eq!(get(&quote, "speaker_name"), get(person, "name"));
        assert_eq!(get(&quote, "speaker_role"), get(person, "role"));
    }
}

#[test]
fn html_page_metadata_and_text() {
    let doc = document("ars-1.html");
    assert_eq!(get(&doc, "title"), Some("Just-released Minecraft exploit makes it easy to crash game servers"));
    assert_eq!(get(&doc, "byline"), Some("Dan Goodin"));
    assert_eq!(get(&doc, "site_name"), Some("Ars Technica"));
    assert_eq!(get(&doc, "language"), Some("en"));
    assert_eq!(get(&doc, "language_declared"), Some("en-US"));
    assert_eq!(get(&doc, "published_date"), Some("2015-04-16"));
    assert_eq!(get(&doc, "hostname"), Some("arstechnica.com"));
    assert_eq!(get(&doc, "page_type"), Some("article"));
    assert_eq!(get(&doc, "crawl_url"), None, "a file on disk was not crawled");
    assert!(get(&doc, "description").is_some_and(|d| d.starts_with("Two-year-old bug exposes")), "{doc:?}");
    assert_eq!(get(&doc, "record_offset"), None, "single-page files have no record offset");
    let text = get(&doc, "text").expect("text");
    assert!(text.contains("A flaw in the wildly popular online game Minecraft makes it easy"), "{text}");
    assert!(text.contains("Ars is asking Mojang for comment and will update this post"), "{text}");
    for chrome in ["Subscribe", "Sign in"] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into the text");
    }
    let folha = document("folha.html");
    assert_eq!(get(&folha, "language"), Some("pt"), "{folha:?}");
    assert_eq!(get(&folha, "language_declared"), Some("pt-BR"), "{folha:?}");
}

#[test]
fn warc_pages_carry_their_crawl_metadata() {
    let (out, _) = sample();
    let docs: Vec<Row> = rows(out.path(), "documents")
        .into_iter()
        .filter(|d| get(d, "source").is_some_and(|s| s.ends_with("sample.warc.gz")))
        .collect();
    assert_eq!(docs.len(), 12);
    let mut offsets: Vec<i64> =
        docs.iter().map(|d| get(d, "record_offset").expect("offset").parse().expect("int")).collect();
    let sorted = {
        let mut s = offsets.clone();
        s.sort();
        s
    };
    assert_eq!(offsets, sorted, "documents come in input order");
    offsets.dedup();
    assert_eq!(offsets.len(), 12);
    for d in &docs {
        assert!(get(d, "record_id").is_some_and(|id| id.starts_with("<urn:uuid:")), "{d:?}");
        assert!(get(d, "url").is_some_and(|u| u.starts_with("http")), "{d:?}");
        assert!(get(d, "fetched_at").is_some(), "{d:?}");
        assert!(get(d, "text").is_some_and(|t| t.len() > 500), "{d:?}");
        // The crawled URL is the record's, its host the page's.
        let crawl_url = get(d, "crawl_url").expect("WARC-Target-URI");
        let host = get(d, "hostname").expect("hostname");
        assert!(crawl_url.starts_with("http") && crawl_url.contains(host) && !host.starts_with("www."), "{d:?}");
    }
    let bbc = docs.iter().find(|d| get(d, "url").is_some_and(|u| u.contains("bbc.com"))).expect("the BBC page");
    assert!(get(bbc, "text").is_some_and(|t| t.contains("Obama")), "{bbc:?}");
}

#[test]
fn offsets_slice_the_document_text() {
    let (out, _) = sample();
    let texts: std::collections::HashMap<String, Vec<char>> = rows(out.path(), "documents")
        .iter()
        .map(|d| (get(d, "doc_id").unwrap().to_string(), get(d, "text").unwrap().chars().collect()))
        .collect();
    let slice = |doc: &str, start: Option<&str>, end: Option<&str>| -> String {
        let (s, e): (usize, usize) = (start.unwrap().parse().unwrap(), end.unwrap().parse().unwrap());
        texts[doc][s..e].iter().collect()
    };
    for table in ["paragraphs", "quotes"] {
        for r in rows(out.path(), table) {
            let doc = get(&r, "doc_id").unwrap();
            assert_eq!(
                slice(doc, get(&r, "char_start"), get(&r, "char_end")),
                get(&r, "text").unwrap(),
                "{table} {r:?}"
            );
            if table == "quotes" && get(&r, "speaker_start").is_some() {
                assert_eq!(
                    slice(doc, get(&r, "speaker_start"), get(&r, "speaker_end")),
                    get(&r, "speaker").unwrap(),
                    "{r:?}"
                );
            }
        }
    }
}

#[test]
fn same_rows_in_the_same_order_whatever_the_threads() {
    let one = tempfile::tempdir().unwrap();
    let three = tempfile::tempdir().unwrap();
    // 13 workers read the sample's files on three reader lanes.
    let thirteen = tempfile::tempdir().unwrap();
    run_build(&[repo("data")], one.path(), 1);
    run_build(&[repo("data")], three.path(), 3);
    run_build(&[repo("data")], thirteen.path(), 13);
    for table in ["documents", "paragraphs", "quotes"] {
        assert_eq!(rows(one.path(), table), rows(three.path(), table), "{table} differs");
        assert_eq!(rows(one.path(), table), rows(thirteen.path(), table), "{table} differs on reader lanes");
    }
    // doc_id is stable across runs.
    let (out, _) = sample();
    let ids = |dir: &std::path::Path| {
        rows(dir, "documents").iter().map(|d| get(d, "doc_id").unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(ids(one.path()), ids(out.path()));
}

#[test]
fn dataset_card_describes_tables_counts_and_sources() {
    let (out, manifest) = sample();
    let card = std::fs::read_to_string(out.path().join("README.md")).expect("README.md dataset card");
    assert!(card.starts_with("---\npretty_name: newsmill dataset\nlanguage:\n- de\n- en\n- fr\n- pt\n"), "{card}");
    assert!(card.contains(&format!("| documents | {} |", manifest.counts.documents)));
    assert!(card.contains("| `speaker_name` | string | yes |"));
    assert!(card.contains("Publication dates of the documents added range from 2015-"));
    assert!(card.contains("sample.warc.gz"));
}

#[test]
fn a_run_publishes_at_the_end_and_clears_a_crashed_runs_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dataset");
    // What a first run killed mid-way leaves: an unpublished version with a half part file.
    let stale = out.join(".newsmill/v000001/documents");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("part-000001-00000.parquet"), b"PAR1 half").unwrap();
    let manifest = run_build(&[repo("data/text")], &out, 1);
    assert!(out.join("_SUCCESS").exists());
    assert!(std::fs::symlink_metadata(out.join("documents")).unwrap().file_type().is_symlink());
    assert_eq!(rows(&out, "documents").len() as u64, manifest.counts.documents);
    // A second run replaces the tables whole: no part file of the first survives.
    run_build(&[repo("data/html/ars-1.html")], &out, 1);
    let docs = rows(&out, "documents");
    assert_eq!(docs.len(), 1);
    assert!(get(&docs[0], "source").unwrap().ends_with("ars-1.html"));
    let versions: Vec<String> = std::fs::read_dir(out.join(".newsmill"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(versions.contains(&"v000002".to_string()) && !versions.contains(&"v000001".to_string()), "{versions:?}");
}

#[test]
fn jsonl_lines_keep_their_other_fields_as_input_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("hf.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"a","text":"The port reopened on Monday after storms.","metadata":{"url":"https://news.example/a","dump":"CC-MAIN-2024-10","token_count":7}}"#,
            "\n",
            r#"{"id":"b","text":"Ferries sailed again on Tuesday morning.","url":"https://news.example/b","lang_score":0.98}"#,
            "\n",
            r#"{"id":"c","text":"Nothing else is known about the storm."}"#,
            "\n"
        ),
    )
    .expect("write");
    let out = dir.path().join("o");
    run_build(&[input], &out, 1);
    let docs = rows(&out, "documents");
    let by_id = |id: &str| docs.iter().find(|d| get(d, "record_id") == Some(id)).expect("document");
    assert_eq!(get(by_id("a"), "url"), Some("https://news.example/a"), "the url comes from metadata.url");
    assert_eq!(
        get(by_id("a"), "input_metadata"),
        Some(r#"{"metadata":{"dump":"CC-MAIN-2024-10","token_count":7,"url":"https://news.example/a"}}"#)
    );
    assert_eq!(get(by_id("b"), "url"), Some("https://news.example/b"));
    assert_eq!(get(by_id("b"), "input_metadata"), Some(r#"{"lang_score":0.98}"#));
    assert_eq!(get(by_id("c"), "input_metadata"), None);
    let (sample_out, _) = sample();
    assert!(rows(sample_out.path(), "documents").iter().all(|d| get(d, "input_metadata").is_none()));
}
