//! Hostile input the readers must see through without losing or doubling a
//! record: lying WARC lengths, gzip members that end their record early,
//! segmented records, HTTP/2 heads, charsets no browser decodes, and JSONL
//! with huge, torn or unnamed lines. Each build checks that the counts
//! reconcile (documents + skips + rejects = records seen), that no `doc_id`
//! repeats (`common::hostile::build`), and the records that must come out.

mod common;

use common::get;
use common::hostile::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeSet;
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The largest single allocation made while the tests of this file run: a
/// JSONL line held whole would show here as one allocation its size.
struct LargestAllocation;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for LargestAllocation {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: LargestAllocation = LargestAllocation;

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
