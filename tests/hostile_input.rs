//! Hostile input through the whole pipeline: broken archives, broken markup,
//! oversized and pathological pages. Every case must end in documents or
//! reject rows with a reason (never a panic or an `internal_error`), the
//! manifest's counts must reconcile, and the good records around the bad one
//! must come out as documents with their text.

mod common;

use common::hostile::*;
use common::{get, shared_corpus};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---- broken archives -------------------------------------------------------

#[test]
fn truncated_gzip_member_between_good_members() {
    let bad = gzip(&good_record(2));
    let cut = &bad[..bad.len() / 2];
    let file = [gzip(&good_record(1)), cut.to_vec(), gzip(&good_record(3))].concat();
    let run = build_one("cut-member.warc.gz", &file);
    run.keeps_good_records([1, 3]);
    assert_eq!((run.counts.documents, run.counts.rejected), (3, 1), "{:?}", run.rejects);
    assert!(["gzip_corrupt", "warc_truncated"].contains(&run.reasons()[0]), "{:?}", run.rejects);
}

#[test]
fn truncated_gzip_member_at_the_end() {
    let bad = gzip(&good_record(2));
    let file = [gzip(&good_record(1)), bad[..bad.len() - 40].to_vec()].concat();
    let run = build_one("cut-end.warc.gz", &file);
    run.keeps_good_records([1]);
    assert_eq!(run.reasons(), ["warc_truncated"]);
}

#[test]
fn content_length_too_short_in_the_middle() {
    let block = http(good_page(2).as_bytes(), "text/html; charset=utf-8");
    let file = [good_record(1), warc_record(&url(2), &block, -100), good_record(3)].concat();
    let run = build_one("short.warc", &file);
    run.keeps_good_records([1, 3]);
    assert_eq!(run.reasons(), ["warc_bad_length"]);
    assert!(run.rejects[0].2.contains("is wrong"), "{:?}", run.rejects);
}

#[test]
fn content_length_too_long_in_the_middle() {
    let block = http(good_page(2).as_bytes(), "text/html; charset=utf-8");
    // The declared block runs 60 bytes into the next record's header.
    let file = [good_record(1), warc_record(&url(2), &block, 60), good_record(3), good_record(4)].concat();
    let run = build_one("long.warc", &file);
    run.keeps_good_records([1, 3, 4]);
    assert_eq!(run.reasons(), ["warc_bad_length"]);
}

#[test]
fn content_length_too_long_in_gzip_members() {
    let block = http(good_page(2).as_bytes(), "text/html; charset=utf-8");
    let file = [gzip(&good_record(1)), gzip(&warc_record(&url(2), &block, 60)), gzip(&good_record(3))].concat();
    let run = build_one("long.warc.gz", &file);
    run.keeps_good_records([1, 3]);
    assert_eq!(run.reasons(), ["warc_bad_length"]);
}

#[test]
fn content_length_too_long_at_the_end() {
    let block = http(good_page(2).as_bytes(), "text/html; charset=utf-8");
    let file = [good_record(1), warc_record(&url(2), &block, 500)].concat();
    let run = build_one("long-end.warc", &file);
    run.keeps_good_records([1]);
    assert_eq!(run.reasons(), ["warc_truncated"]);
}

#[test]
fn garbage_between_records() {
    let garbage =
        b"\x00\x01 not a record \xff\xfe\r\nHTTP/1.1 200 OK\r\n<html>stray</html>\r\nmore WARC/1.0 in a line\r\n\r\n";
    let file = [good_record(1), garbage.to_vec(), good_record(2), b"trailing junk".to_vec()].concat();
    let run = build_one("garbage.warc", &file);
    run.keeps_good_records([1, 2]);
    assert_eq!(run.reasons(), ["warc_garbage", "warc_garbage"]);

    // Bytes that are not gzip between gzip members.
    let file = [gzip(&good_record(1)), b"junk between members\n".to_vec(), gzip(&good_record(2))].concat();
    let run = build_one("garbage.warc.gz", &file);
    run.keeps_good_records([1, 2]);
    assert_eq!(run.reasons(), ["gzip_corrupt"]);
}

#[test]
fn empty_files_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let empty_gzip = gzip(b"");
    let run = build(
        dir.path(),
        &[("a.warc", b""), ("b.warc.gz", &empty_gzip), ("c.jsonl", b""), ("d.txt", b""), ("e.html.gz", &empty_gzip)],
    );
    assert_eq!(run.counts.documents, 1, "{:?}", run.rejects);
    assert_eq!(run.counts.rejected, 5, "{:?}", run.rejects);
}

#[test]
fn binary_payload_in_a_warc_html_record() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa\0\0\0\0IEND";
    let file = [good_record(1), warc_record(&url(2), &http(png, "text/html"), 0), good_record(3)].concat();
    let run = build_one("png-as-html.warc", &file);
    run.keeps_good_records([1, 3]);
    assert_eq!(run.counts.records_seen, 4);
    assert_eq!(run.counts.documents + run.counts.skipped, 3, "the PNG is skipped or rejected: {:?}", run.rejects);
}

// ---- encodings -------------------------------------------------------------

#[test]
fn records_in_mixed_encodings_each_decode_right() {
    let japanese = "<html><head><title>橋の修理</title></head><body><article><h1>橋の修理</h1>\
<p>市議会は火曜日、冬が来る前に川にかかる古い橋を修理することを決めた。市長は春の会議でこの計画を提案していた。</p>\
<p>「もう一年待つことはできない」と市長は述べ、工事は来月始まる予定だと説明した。住民の多くも賛成している。</p></article></body></html>";
    let russian = "<html><head><meta charset=windows-1251><title>Ремонт моста</title></head><body><article><h1>Ремонт моста</h1>\
<p>Городской совет во вторник проголосовал за ремонт старого моста через реку до наступления зимы.</p>\
<p>«Мы не можем ждать ещё один год», — сказала мэр Анна Лопес, предложившая этот план весной.</p></article></body></html>";
    let french = "<html><head><title>Le pont</title></head><body><article><h1>Le pont</h1>\
<p>Le conseil a voté mardi la réparation du vieux pont sur la rivière avant l’arrivée de l’hiver, a précisé la mairie.</p>\
<p>« Nous ne pouvons pas attendre une année de plus », a déclaré la maire, qui a proposé le plan au printemps dernier.</p></article></body></html>";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(french);
    // UTF-8 declared, with a stray Latin-1 byte (a copy-paste from another page).
    let mut stray = good_page(5).into_bytes();
    let at = stray.windows(6).position(|w| w == b"repair").unwrap();
    stray.splice(at..at, *b"caf\xe9 ");
    let file = [
        good_record(1),
        warc_record("https://news.example/ja", &http(&sjis, "text/html; charset=Shift_JIS"), 0),
        warc_record("https://news.example/ru", &http(&cp1251, "text/html"), 0),
        warc_record("https://news.example/fr", &http(&cp1252, "text/html"), 0),
        warc_record(&url(5), &http(&stray, "text/html; charset=utf-8"), 0),
        good_record(6),
    ]
    .concat();
    let run = build_one("encodings.warc", &file);
    run.keeps_good_records([1, 6]);
    let text = |u: &str| get(run.document(u), "text").unwrap_or_default().to_string();
    assert!(text("https://news.example/ja").contains("冬が来る前に川にかかる古い橋を修理する"));
    assert!(text("https://news.example/ru").contains("проголосовал за ремонт старого моста"));
    assert!(text("https://news.example/fr").contains("la réparation du vieux pont sur la rivière avant l’arrivée"));
    assert!(text(&url(5)).contains("to caf\u{fffd} repair the old bridge"), "{}", text(&url(5)));
}

#[test]
fn utf16_page_with_a_bom_and_one_without() {
    let page = good_page(1);
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(page.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let run = build_one("utf16.html", &le);
    assert_eq!(run.counts.documents, 2, "{:?}", run.rejects);
    assert!(run.documents.iter().any(|d| get(d, "text").is_some_and(|t| t.contains(&good_sentence(1)))));

    // Without a BOM the NUL bytes make it binary data: rejected, not garbled.
    let bare: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let run = build_one("utf16-bare.html", &bare);
    assert_eq!(run.reasons(), ["binary_content"]);
}

// ---- oversized and pathological pages --------------------------------------

/// A 50 MB page of real-looking paragraphs.
fn fifty_megabyte_page() -> Vec<u8> {
    let paragraph =
        "<p>The council voted on Tuesday to repair the old bridge, and “we cannot wait,” said the mayor.</p>\n";
    let mut page = String::with_capacity(50 * 1024 * 1024 + 200);
    page.push_str("<!doctype html><html><head><meta charset=utf-8><title>Huge</title></head><body><article>");
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(paragraph);
    }
    page.push_str("</article></body></html>");
    page.into_bytes()
}

#[test]
fn fifty_megabyte_page_is_rejected_before_parsing() {
    let page = fifty_megabyte_page();
    let started = Instant::now();
    let run = build_one("huge.html", &page);
    assert_eq!(run.reasons(), ["record_too_large"]);
    assert!(run.rejects[0].2.contains("larger than the 8 MiB limit"), "{:?}", run.rejects);
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());

    let file = [good_record(1), warc_record("https://news.example/huge", &http(&page, "text/html"), 0), good_record(2)]
        .concat();
    let run = build_one("huge.warc", &file);
    run.keeps_good_records([1, 2]);
    assert_eq!(run.reasons(), ["warc_record_too_large"]);
}

#[test]
fn hundred_thousand_deep_nesting() {
    let deep = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(100_000),
        good_sentence(9),
        "</div>".repeat(100_000)
    );
    let started = Instant::now();
    let run = build_one("deep.html", deep.as_bytes());
    assert_eq!(run.reasons(), ["too_deeply_nested"]);
    assert!(run.rejects[0].2.contains("more than 5000 deep"), "{:?}", run.rejects);
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

/// A page of `body` inside an article, built, and its single reject.
fn pathological(name: &str, body: &str) -> (String, String, Duration) {
    let page =
        format!("<!doctype html><html><head><title>T</title></head><body><article>{body}</article></body></html>");
    let started = Instant::now();
    let run = build_one(name, page.as_bytes());
    assert_eq!(run.rejects.len(), 1, "{:?}", run.rejects);
    let (_, reason, detail) = run.rejects[0].clone();
    (reason, detail, started.elapsed())
}

#[test]
fn an_element_with_a_hundred_thousand_attributes() {
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=x")).collect();
    let (reason, detail, took) =
        pathological("attributes.html", &format!("<div{attributes}><p>{}</p></div>", good_sentence(1)));
    assert_eq!(reason, "too_many_attributes", "{detail}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_table_of_sixty_thousand_cells() {
    let (reason, detail, took) =
        pathological("table.html", &format!("<table>{}</table>", "<tr><td>cell</td><td>cell</td></tr>".repeat(30_000)));
    assert_eq!(reason, "too_many_elements", "{detail}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_three_megabyte_text_node() {
    let (reason, detail, took) = pathological("long-text.html", &format!("<p>{}</p>", "word ".repeat(600_000)));
    assert_eq!(reason, "page_too_large", "{detail}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

// ---- third-party malformed inputs ----------------------------------------

fn fixture(path: &str) -> PathBuf {
    common::repo("tests/fixtures/hostile").join(path)
}

/// The `#data` sections of html5lib tree-construction `.dat` files.
fn html5lib_inputs(dat: &str) -> Vec<String> {
    dat.split("#data\n").skip(1).filter_map(|test| test.split("\n#errors").next()).map(str::to_string).collect()
}

/// Every html5lib input of `dats` as a WARC response, good records first and
/// last; returns the run and the number of html5lib records.
fn run_html5lib(dats: &[PathBuf]) -> (Run, usize) {
    let mut file = good_record(1);
    let mut inputs = 0;
    for dat in dats {
        let text = String::from_utf8_lossy(&std::fs::read(dat).unwrap()).into_owned();
        let name = dat.file_stem().unwrap().to_string_lossy().into_owned();
        for (i, input) in html5lib_inputs(&text).iter().enumerate() {
            let block = http(input.as_bytes(), "text/html; charset=utf-8");
            file.extend(warc_record(&format!("https://html5lib.example/{name}/{i}"), &block, 0));
            inputs += 1;
        }
    }
    file.extend(good_record(2));
    let run = build_one("html5lib.warc", &file);
    run.keeps_good_records([1, 2]);
    assert_eq!(run.counts.records_seen as usize, inputs + 3, "{:?}", run.counts);
    (run, inputs)
}

#[test]
fn html5lib_tree_construction_inputs_in_the_fixtures() {
    let dats: Vec<PathBuf> =
        ["adoption01", "tricky01", "tables01", "plain-text-unsafe", "tests26", "webkit01", "template"]
            .iter()
            .map(|n| fixture(&format!("html5lib/{n}.dat")))
            .collect();
    let (run, inputs) = run_html5lib(&dats);
    assert!(inputs > 250, "{inputs}");
    // Fragments are mostly too short to be articles; some hold real text.
    assert!(run.counts.documents > 3, "{:?}", run.counts);
    assert!(
        run.reasons().iter().all(|r| ["no_text", "binary_content"].contains(r)),
        "{:?}",
        run.counts.rejected_by_reason
    );
}

#[test]
fn html5lib_tree_construction_inputs_of_the_shared_corpus() {
    let test = "html5lib_tree_construction_inputs_of_the_shared_corpus";
    let Some(dir) = shared_corpus("malformed/html5lib-tests/tree-construction", test) else { return };
    let entries = std::fs::read_dir(&dir).expect("readable corpus folder");
    let mut dats: Vec<PathBuf> =
        entries.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|e| e == "dat")).collect();
    dats.sort();
    let (run, inputs) = run_html5lib(&dats);
    assert!(inputs > 1500, "{inputs}");
    assert!(
        run.reasons().iter().all(|r| ["no_text", "binary_content"].contains(r)),
        "{:?}",
        run.counts.rejected_by_reason
    );
}

/// A third-party WARC with a good page next to it: its own counts.
fn third_party(path: &Path) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::copy(path, dir.path().join(&name)).unwrap();
    let bytes = std::fs::read(path).unwrap();
    build(dir.path(), &[(&name, &bytes)])
}

#[test]
fn malformed_warcs_in_the_fixtures() {
    // (file, documents with the good page, reject reasons)
    let cases: &[(&str, u64, &[&str])] = &[
        ("warcio/bad.arc", 1, &["arc_format"]),
        ("warcio/example.arc.gz", 1, &["arc_format"]),
        ("warcio/example-bad.warc.gz.bad", 2, &[]),
        ("warcio/example-digest.warc", 1, &[]),
        ("warcio/post-test.warc.gz", 1, &[]),
        ("jwarc/gzip_extra_sl.warc.gz", 1, &[]),
        ("resiliparse/block-sized-records.warc.gz", 1, &[]),
    ];
    for (path, documents, reasons) in cases {
        let run = third_party(&fixture(path));
        assert_eq!(
            (run.counts.documents, run.reasons()),
            (*documents, reasons.to_vec()),
            "{path}: {:?} {:?}",
            run.counts,
            run.rejects
        );
    }
}

#[test]
fn every_warc_of_the_shared_corpus() {
    let Some(dir) = shared_corpus("warc", "every_warc_of_the_shared_corpus") else { return };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && p.file_name().is_none_or(|n| n != "LICENSE"))
        .collect();
    assert!(files.len() > 15, "{files:?}");
    for path in &files {
        // `build` checks the invariants; the reasons are for the failure message.
        let run = third_party(path);
        assert!(run.counts.records_seen >= 2, "{}: {:?} {:?}", path.display(), run.counts, run.rejects);
    }
}
