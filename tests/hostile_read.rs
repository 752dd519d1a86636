//! Hostile input the readers must see through without losing or doubling a
//! record: lying WARC lengths, gzip members that end their record early,
//! segmented records, HTTP/2 heads, charsets no browser decodes, and JSONL
//! with huge, torn or unnamed lines. Each build checks that the counts
//! reconcile (documents + skips + rejects = records seen), that no `doc_id`
//! repeats (`common::hostile::build`), and the records that must come out.

mod common;

use common::get;
use common::hostile::*;
use newsmill::read::detect::{open_input, ByteCounter, InputKind};
use newsmill::read::ReadEvent;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::sync::Arc;

thread_local! {
    /// The largest single allocation made on this thread: a JSONL line held
    /// whole would show here as one allocation its size.
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

/// The system allocator, noting each thread's largest allocation.
struct NotingLargest;

fn note(size: usize) {
    // `try_with`: a thread being torn down allocates too.
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
}

unsafe impl GlobalAlloc for NotingLargest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: NotingLargest = NotingLargest;

// ---- a real Common Crawl extract, mutated --------------------------------

/// The records of a real per-record gzip WARC (Common Crawl extract,
/// Apache-2.0, see tests/fixtures/warc/README.md), one per gzip member.
fn real_records() -> Vec<Vec<u8>> {
    let bytes = std::fs::read(common::repo("tests/fixtures/warc/resiliparse/warcfile.warc.gz")).unwrap();
    let mut rest = &bytes[..];
    let mut records = Vec::new();
    while !rest.is_empty() {
        let mut member = flate2::bufread::GzDecoder::new(rest);
        let mut record = Vec::new();
        member.read_to_end(&mut record).unwrap();
        rest = member.into_inner();
        records.push(record);
    }
    records
}

/// The WARC header of `record` and its Content-Length.
fn declared_length(record: &[u8]) -> (usize, usize) {
    let head_end = record.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = std::str::from_utf8(&record[..head_end]).unwrap();
    let length = head.split("Content-Length: ").nth(1).unwrap().split('\r').next().unwrap();
    (head_end, length.parse().unwrap())
}

/// `record` with its WARC Content-Length replaced by `declared`.
fn declaring(record: &[u8], declared: u64) -> Vec<u8> {
    let (head_end, length) = declared_length(record);
    let head = std::str::from_utf8(&record[..head_end]).unwrap();
    let head = head.replacen(&format!("Content-Length: {length}\r\n"), &format!("Content-Length: {declared}\r\n"), 1);
    [head.as_bytes(), &record[head_end..]].concat()
}

fn document_urls(run: &Run) -> BTreeSet<String> {
    run.documents.iter().filter_map(|d| get(d, "url")).map(str::to_string).collect()
}

/// The WARC-Target-URI of a record.
fn target_uri(record: &[u8]) -> String {
    let text = String::from_utf8_lossy(record);
    text.split("WARC-Target-URI: ").nth(1).unwrap().split('\r').next().unwrap().to_string()
}

/// The real records as the three layouts a WARC comes in: (file name, bytes,
/// offset of record `k` as the reader reports it).
fn layouts(records: &[Vec<u8>], k: usize) -> Vec<(&'static str, Vec<u8>, usize)> {
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    let plain_at = records[..k].iter().map(Vec::len).sum();
    vec![
        ("plain.warc", records.concat(), plain_at),
        ("per-record.warc.gz", members.concat(), members[..k].iter().map(Vec::len).sum()),
        ("whole.warc.gz", gzip(&records.concat()), plain_at),
    ]
}

/// What the clean real file gives.
struct Clean {
    urls: BTreeSet<String>,
    records_seen: u64,
    /// The reject reasons, sorted (pages without article text).
    reasons: Vec<String>,
}

impl Clean {
    /// Checks a run of the real file with record `k`, of `url`, mutated:
    /// the same records seen, and the same documents and rejects but for
    /// record `k`, which is a document if `kept`, else one more reject,
    /// `warc_bad_length` at `offset`.
    fn matches(&self, run: &Run, case: &str, url: &str, kept: bool, offset: usize) {
        let case = format!("{case}: {:?}", run.rejects);
        assert_eq!(run.counts.records_seen, self.records_seen, "{case}");
        let mut reasons: Vec<String> = run.reasons().iter().map(|r| r.to_string()).collect();
        reasons.sort();
        let mut expected_reasons = self.reasons.clone();
        let mut expected_urls = self.urls.clone();
        if !kept {
            expected_reasons.push("warc_bad_length".into());
            expected_reasons.sort();
            expected_urls.remove(url);
            let at = run.reasons().iter().position(|r| *r == "warc_bad_length");
            assert_eq!(at.map(|at| run.reject_offsets[at].clone()), Some(offset.to_string()), "{case}");
        }
        assert_eq!(reasons, expected_reasons, "{case}");
        assert_eq!(document_urls(run), expected_urls, "{case}");
    }
}

/// The first response record that gives a document, with records after
/// it, and what the clean file gives.
fn victim(records: &[Vec<u8>]) -> (usize, Clean) {
    let clean = build_one("clean.warc.gz", &records.iter().map(|r| gzip(r)).collect::<Vec<_>>().concat());
    let urls = document_urls(&clean);
    assert!(urls.len() > 10, "{urls:?}");
    let is_document =
        |r: &Vec<u8>| String::from_utf8_lossy(r).contains("WARC-Type: response") && urls.contains(&target_uri(r));
    let k = records.iter().position(is_document).unwrap();
    assert!(k < records.len() / 2, "{k}");
    let mut reasons: Vec<String> = clean.reasons().iter().map(|r| r.to_string()).collect();
    reasons.sort();
    (k, Clean { urls, records_seen: clean.counts.records_seen, reasons })
}

/// Item 1: a Content-Length over the 8 MiB limit, as a number that fits
/// and as 2^63, in each layout: one `warc_bad_length` reject at the
/// record's offset, and every other record of the real file as without it.
#[test]
fn a_lying_content_length_over_the_limit_hides_no_record_after_it() {
    let records = real_records();
    let (k, clean) = victim(&records);
    for declared in [9_000_000, 1 << 63] {
        let mut lying = records.clone();
        lying[k] = declaring(&records[k], declared);
        for (name, bytes, offset) in layouts(&lying, k) {
            let run = build_one(name, &bytes);
            clean.matches(&run, &format!("{name} declaring {declared}"), &target_uri(&records[k]), false, offset);
        }
    }
}

/// Item 2: in per-record gzip, a record without its trailing CRLF CRLF
/// whose length counts them (or runs further) ends with its member and
/// does not swallow the next member's record; with a right length it is
/// a document.
#[test]
fn a_gzip_member_ends_a_record_that_lacks_its_trailing_newlines() {
    let records = real_records();
    let (k, clean) = victim(&records);
    let (_, length) = declared_length(&records[k]);
    let bare = records[k].strip_suffix(b"\r\n\r\n").unwrap();
    for (declared, kept) in [(length, true), (length + 4, false), (length + 300, false)] {
        let mut mutated = records.clone();
        mutated[k] = declaring(bare, declared as u64);
        let members: Vec<Vec<u8>> = mutated.iter().map(|r| gzip(r)).collect();
        let run = build_one("bare.warc.gz", &members.concat());
        let offset = members[..k].iter().map(Vec::len).sum();
        let case = format!("declaring {declared} for {length} bytes");
        clean.matches(&run, &case, &target_uri(&records[k]), kept, offset);
    }
}

/// Items 1 and 2 on made-up records: the next record right after the lie,
/// a short length without the trailer, and a lying length at the file's end.
#[test]
fn lying_lengths_between_made_up_records() {
    let block = http(good_page(2).as_bytes(), "text/html; charset=utf-8");
    let lying = warc_record_with(&url(2), &block, "Content-Length: 9000000");
    let file = [good_record(1), lying.clone(), good_record(3)].concat();
    let run = build_one("lie.warc", &file);
    run.keeps_good_records([1, 3]);
    assert_eq!(run.reasons(), ["warc_bad_length"]);
    assert_eq!(run.reject_offsets, [good_record(1).len().to_string()]);
    assert!(run.rejects[0].2.contains("a `WARC/` line starts a record"), "{:?}", run.rejects);

    // At the end of the file there is nothing to find: the record is cut short.
    let run = build_one("lie-end.warc", &[good_record(1), lying].concat());
    run.keeps_good_records([1]);
    assert_eq!(run.reasons(), ["warc_truncated"]);

    // Too short and no trailer: the search for the next record starts a line at the member start.
    let short = warc_record(&url(2), &block, -30);
    let members = [gzip(&good_record(1)), gzip(short.strip_suffix(b"\r\n\r\n").unwrap()), gzip(&good_record(3))];
    let run = build_one("short.warc.gz", &members.concat());
    run.keeps_good_records([1, 3]);
    assert_eq!(run.reasons(), ["warc_bad_length"]);
    assert_eq!(run.counts.records_seen, 4);
}

// ---- JSONL ----------------------------------------------------------------

/// A JSONL line with `text`.
fn json_line(id: usize, text: &str) -> String {
    format!("{}\n", serde_json::json!({ "id": id.to_string(), "text": text }))
}

/// The text of the document read from JSONL line `id`.
fn jsonl_text(run: &Run, id: usize) -> String {
    let document = run.documents.iter().find(|d| get(d, "record_id") == Some(&id.to_string()));
    let text = document.and_then(|d| get(d, "text"));
    text.unwrap_or_else(|| panic!("no document for line {id}: {:?} {:?}", run.counts, run.rejects)).to_string()
}

/// Item 11: a line over the 8 MiB limit in a `.jsonl.gz` is one reject and
/// the lines around it come out; read directly, the reader holds no more
/// than the limit of it at once (one allocation twice the limit at most,
/// where holding the 40 MiB line would take one of 40 MiB or more).
#[test]
fn a_jsonl_line_over_the_limit_is_skipped_in_bounded_memory() {
    const MIB: usize = 1024 * 1024;
    let huge_line = |words: usize| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(json_line(1, &good_sentence(1)).as_bytes()).unwrap();
        gz.write_all(b"{\"id\": \"2\", \"text\": \"").unwrap();
        for _ in 0..words / 1000 {
            gz.write_all(&b"word ".repeat(1000)).unwrap();
        }
        gz.write_all(b"\"}\n").unwrap();
        gz.write_all(json_line(3, &good_sentence(3)).as_bytes()).unwrap();
        gz.finish().unwrap()
    };

    let run = build_one("huge-line.jsonl.gz", &huge_line(12 * MIB / 5));
    assert_eq!(run.reasons(), ["record_too_large"]);
    assert!(run.rejects[0].2.contains("longer than the 8 MiB limit"), "{:?}", run.rejects);
    assert_eq!((run.counts.records_seen, run.counts.documents), (4, 3));
    assert_eq!(jsonl_text(&run, 1), good_sentence(1));
    assert_eq!(jsonl_text(&run, 3), good_sentence(3));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge-line.jsonl.gz");
    std::fs::write(&path, huge_line(40 * MIB / 5)).unwrap();
    LARGEST.with(|largest| largest.set(0));
    let (kind, events) = open_input(&path, Arc::from("huge-line.jsonl.gz"), Arc::new(ByteCounter::default()));
    let events: Vec<String> = events
        .map(|event| match event {
            ReadEvent::Record(r) => format!("record {}", r.record_id.unwrap_or_default()),
            ReadEvent::Rejected(r) => format!("reject {}", r.reason),
            ReadEvent::Skipped(s) => format!("skip {}", s.reason),
        })
        .collect();
    let largest = LARGEST.with(Cell::get);
    assert_eq!(
        (kind, events),
        (InputKind::Jsonl, vec!["record 1".into(), "reject record_too_large".into(), "record 3".into()])
    );
    assert!(largest <= 2 * 8 * MIB + MIB, "an allocation of {} MiB", largest / MIB);
}

/// Item 12: a torn write, good lines then NUL bytes to the end: the good
/// lines are documents, the tail one reject.
#[test]
fn a_jsonl_with_a_nul_filled_tail_keeps_its_good_lines() {
    let lines = json_line(1, &good_sentence(1)) + &json_line(2, &good_sentence(2));
    for name in ["torn.jsonl", "torn-export.data"] {
        let file = [lines.as_bytes(), b"{\"id\": \"3\", \"te", &[0; 6000]].concat();
        let run = build_one(name, &file);
        assert_eq!(run.reasons(), ["invalid_json"], "{name}");
        assert!(run.rejects[0].2.contains("6000 NUL bytes"), "{:?}", run.rejects);
        assert_eq!(run.reject_offsets, [lines.len().to_string()]);
        assert_eq!((run.counts.records_seen, run.counts.documents), (4, 3), "{name}");
        assert_eq!(jsonl_text(&run, 1), good_sentence(1));
        assert_eq!(jsonl_text(&run, 2), good_sentence(2));
    }
}

/// Item 13: JSONL not named `.jsonl` whose first line is longer than the
/// 8 KiB the format is sniffed from is still read line by line.
#[test]
fn a_jsonl_not_so_named_with_a_long_first_line_is_read_as_jsonl() {
    let long_text: String = (0..200).map(|n| format!("{} ", good_sentence(n))).collect();
    assert!(long_text.len() > 12 * 1024);
    let file = json_line(1, long_text.trim_end()) + &json_line(2, &good_sentence(2));
    for (name, bytes) in [("export.data", file.clone().into_bytes()), ("export.data.gz", gzip(file.as_bytes()))] {
        let run = build_one(name, &bytes);
        assert!(run.rejects.is_empty(), "{name}: {:?}", run.rejects);
        assert_eq!((run.counts.records_seen, run.counts.documents), (3, 3), "{name}");
        assert_eq!(jsonl_text(&run, 1), long_text.trim_end());
        assert_eq!(jsonl_text(&run, 2), good_sentence(2));
    }
}

// ---- charsets, HTTP/2, segments ------------------------------------------

/// Item 14: a charset encoding_rs maps to its replacement encoding (one
/// U+FFFD for the whole page) declared on ASCII bytes, by HTTP or by meta.
#[test]
fn a_charset_no_browser_decodes_does_not_make_a_page_of_replacement_characters() {
    // ASCII only: valid UTF-8 with non-ASCII text would overrule the declaration.
    let ascii_page = |n: usize| good_page(n).replace(['“', '”'], "\"");
    let meta = ascii_page(2).replace("<meta charset=utf-8>", "<meta charset=iso-2022-kr>");
    let file = [
        good_record(1),
        warc_record(&url(2), &http(meta.as_bytes(), "text/html"), 0),
        warc_record(&url(3), &http(ascii_page(3).as_bytes(), "text/html; charset=iso-2022-kr"), 0),
        warc_record(&url(4), &http(ascii_page(4).as_bytes(), "text/html; charset=HZ-GB-2312"), 0),
    ]
    .concat();
    let run = build_one("replacement.warc", &file);
    assert!(run.rejects.is_empty(), "{:?}", run.rejects);
    run.keeps_good_records([1, 2, 3, 4]);
    for document in &run.documents {
        assert!(!get(document, "text").unwrap_or_default().contains('\u{fffd}'), "{document:?}");
    }
}

/// Item 15: HTTP/2 heads with the quirks HTTP/1.1 heads are forgiven (a
/// space before a colon, a folded line, a line without a colon).
#[test]
fn http2_heads_are_read_as_leniently_as_http1_ones() {
    let quirky = |version: &str, n: usize| {
        let head = format!(
            "{version} 200\r\ncontent-type : text/html; charset=utf-8\r\nx-folded: a\r\n b\r\nnot a header\r\n\r\n"
        );
        warc_record(&url(n), &[head.as_bytes(), good_page(n).as_bytes()].concat(), 0)
    };
    let file = [quirky("HTTP/1.1", 1), quirky("HTTP/2", 2), quirky("HTTP/2.0", 3), good_record(4)].concat();
    let run = build_one("http2.warc", &file);
    assert!(run.rejects.is_empty(), "{:?}", run.rejects);
    run.keeps_good_records([1, 2, 3, 4]);
}

/// Item 16: a record split over two WARC records (WARC-Segment-Number):
/// one `warc_segmented` reject for its first segment, never a document cut
/// short; the continuation is skipped as `warc_other_type`.
#[test]
fn a_segmented_record_is_rejected_not_cut_short() {
    let block = http(good_page(2).as_bytes(), "text/html; charset=utf-8");
    let (first, rest) = block.split_at(block.len() / 2);
    let segment =
        warc_record_with(&url(2), first, &format!("WARC-Segment-Number: 1\r\nContent-Length: {}", first.len()));
    let continuation = String::from_utf8(warc_record_with(
        &url(2),
        rest,
        &format!(
            "WARC-Segment-Number: 2\r\nWARC-Segment-Origin-ID: <urn:uuid:{:x}>\r\nWARC-Segment-Total-Length: {}\r\nContent-Length: {}",
            record_id_for(&url(2)),
            block.len(),
            rest.len()
        ),
    ))
    .unwrap()
    .replace("WARC-Type: response", "WARC-Type: continuation");
    let file = [good_record(1), segment, good_record(3), continuation.into_bytes(), good_record(4)].concat();
    let run = build_one("segmented.warc", &file);
    run.keeps_good_records([1, 3, 4]);
    assert_eq!(run.reasons(), ["warc_segmented"]);
    assert_eq!(run.reject_offsets, [good_record(1).len().to_string()]);
    assert_eq!(run.counts.skipped_by_reason.get("warc_other_type"), Some(&1));
    assert_eq!((run.counts.records_seen, run.counts.documents), (6, 4));
    assert!(run.documents.iter().all(|d| get(d, "url") != Some(url(2).as_str())));
}
