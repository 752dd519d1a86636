//! The WARC reader over real files from Common Crawl, ClueWeb09, wget,
//! warcio and jwarc (see tests/fixtures/warc/README.md).

use flate2::read::GzDecoder;
use newsmill::read::{warc::WarcReader, Body, ReadEvent, Record};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warc").join(name)
}

fn read(name: &str) -> Vec<ReadEvent> {
    let file = std::fs::File::open(fixture(name)).expect("fixture present");
    WarcReader::new(Arc::from(name), Box::new(file)).collect()
}

/// (records, skips, rejects)
fn counts(events: &[ReadEvent]) -> (usize, usize, usize) {
    events.iter().fold((0, 0, 0), |(r, s, j), event| match event {
        ReadEvent::Record(_) => (r + 1, s, j),
        ReadEvent::Skipped(_) => (r, s + 1, j),
        ReadEvent::Rejected(_) => (r, s, j + 1),
    })
}

fn records(events: &[ReadEvent]) -> Vec<&Record> {
    events.iter().filter_map(|e| if let ReadEvent::Record(r) = e { Some(r) } else { None }).collect()
}

fn html(record: &Record) -> (String, Option<&str>) {
    match &record.body {
        Body::Html { bytes, http_charset } => (String::from_utf8_lossy(bytes).into_owned(), http_charset.as_deref()),
        other => panic!("expected HTML, got {other:?}"),
    }
}

fn offset(event: &ReadEvent) -> u64 {
    let offset = match event {
        ReadEvent::Record(r) => r.record_offset,
        ReadEvent::Skipped(s) => s.record_offset,
        ReadEvent::Rejected(r) => r.record_offset,
    };
    offset.expect("WARC events carry offsets") as u64
}

/// What `tail -c +OFF FILE | zcat | head -c 5` shows: the start of the gzip
/// member at `offset`.
fn member_start(name: &str, offset: u64) -> Vec<u8> {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let mut start = Vec::new();
    GzDecoder::new(&bytes[offset as usize..]).take(5).read_to_end(&mut start).unwrap();
    start
}

#[test]
fn common_crawl_extract_reads_every_triple_at_member_offsets() {
    let name = "resiliparse/warcfile.warc.gz";
    let events = read(name);
    // warcinfo, 16 request/response/metadata triples, a last lone request.
    assert_eq!(counts(&events), (16, 34, 0));
    for event in &events {
        assert_eq!(member_start(name, offset(event)), b"WARC/", "offset {}", offset(event));
    }
    let page = records(&events)
        .into_iter()
        .find(|r| r.url.as_deref() == Some("http://0900-hovenier.nl/gelderland/oosterbeek/"))
        .expect("known page");
    assert_eq!(page.record_offset, Some(125552));
    assert_eq!(page.fetched_at.as_deref(), Some("2020-08-08T18:02:09Z"));
    let (text, charset) = html(page);
    assert_eq!(charset, Some("UTF-8"));
    assert!(text.contains("<title>Hovenier in Oosterbeek nodig?</title>"));
}

#[test]
fn common_crawl_renamed_headers_leave_the_stored_body_alone() {
    let events = read("jwarc/cc.warc.gz");
    assert_eq!(counts(&events), (1, 0, 0));
    let page = records(&events)[0];
    assert_eq!(page.url.as_deref(), Some("http://commoncrawl.org/"));
    assert_eq!(page.record_id.as_deref(), Some("<urn:uuid:ececb7b0-ed4d-4d27-9ae8-2676df51cf7d>"));
    let (text, charset) = html(page);
    assert_eq!(charset, Some("UTF-8"));
    assert!(text.contains("<title>Common Crawl</title>"));
    assert_eq!(text.len(), 20289, "X-Crawler-Content-Length");
}

#[test]
fn clueweb_warc_0_18_with_stale_content_encoding() {
    let name = "resiliparse/clueweb-quirk-head.warc.gz";
    let events = read(name);
    assert_eq!(counts(&events), (3, 1, 0));
    for event in &events {
        assert_eq!(member_start(name, offset(event)), b"WARC/");
    }
    let page = records(&events)[0];
    assert_eq!(page.url.as_deref(), Some("http://www.uraharajuku.st/shopdetail/001005000005/019/000/order/"));
    assert_eq!(page.fetched_at.as_deref(), Some("2008-10-294T05:21:46-0700"), "kept as written");
    let (text, charset) = html(page);
    assert_eq!(charset, Some("EUC-JP"));
    assert!(text.starts_with("<html>\n<head>\n<title>"));
}

#[test]
fn plain_per_record_and_whole_file_gzip_give_the_same_records() {
    let plain = read("warcio/example.warc");
    let per_record = read("warcio/example.warc.gz");
    let whole = read("warcio/example-bad-non-chunked.warc.gz");
    for events in [&plain, &per_record, &whole] {
        assert_eq!(counts(events), (1, 5, 0));
        let (text, _) = html(records(events)[0]);
        assert!(text.contains("<title>Example Domain</title>"));
        assert_eq!(records(events)[0].url.as_deref(), Some("http://example.com/"));
    }
    let plain_bytes = std::fs::read(fixture("warcio/example.warc")).unwrap();
    let mut unzipped = Vec::new();
    GzDecoder::new(std::fs::File::open(fixture("warcio/example-bad-non-chunked.warc.gz")).unwrap())
        .read_to_end(&mut unzipped)
        .unwrap();
    for event in &plain {
        assert!(plain_bytes[offset(event) as usize..].starts_with(b"WARC/1.0\r\n"));
    }
    // Whole-file gzip: offsets in the decompressed stream.
    for event in &whole {
        assert!(unzipped[offset(event) as usize..].starts_with(b"WARC/1.0\r\n"));
    }
    for event in &per_record {
        assert_eq!(member_start("warcio/example.warc.gz", offset(event)), b"WARC/");
    }
}

#[test]
fn record_split_over_gzip_members_is_read_whole() {
    let events = read("warcio/example-wrong-chunks.warc.gz");
    assert_eq!(counts(&events), (1, 1, 0));
    let (text, charset) = html(records(&events)[0]);
    assert_eq!(charset, Some("UTF-8"));
    assert!(text.starts_with("<!doctype html>") && text.trim_end().ends_with("</html>"));
    // The request's member starts with the separator of the response.
    assert_eq!(offset(&events[1]), 1130);
}

#[test]
fn chunked_body_is_joined() {
    let events = read("warcio/example-iana.org-chunked.warc");
    assert_eq!(counts(&events), (1, 2, 0));
    let (text, _) = html(records(&events)[0]);
    assert!(text.contains("<title>Internet Assigned Numbers Authority</title>"));
    assert!(text.trim_end().ends_with("</html>"));
    assert!(!text.contains("\r\n0\r\n"), "no chunk framing left");
}

#[test]
fn resource_records_and_odd_target_uris() {
    let events = read("warcio/example-resource.warc.gz");
    assert_eq!(counts(&events), (1, 2, 0));
    assert_eq!(records(&events)[0].url.as_deref(), Some("http://example.com/"));
    assert!(html(records(&events)[0]).0.contains("<title>Example Domain</title>"));

    let events = read("warcio/example-space-in-target-uri.warc.gz");
    assert_eq!(counts(&events), (0, 2, 0), "a PNG resource is skipped");

    let events = read("warcio/example-wget-bad-target-uri.warc.gz");
    assert_eq!(counts(&events), (1, 5, 0));
    assert_eq!(records(&events)[0].url.as_deref(), Some("http://example.com/"));
}

#[test]
fn bad_records_are_rejected_and_their_neighbours_read() {
    let events = read("warcio/example-trunc.warc");
    assert_eq!(counts(&events), (0, 3, 1));
    let ReadEvent::Rejected(reject) = &events[2] else { panic!("{:?}", events[2]) };
    assert_eq!((reject.reason.as_str(), reject.record_offset), ("warc_bad_length", Some(1197)));
    assert!(reject.detail.contains("Content-Length 973"), "{}", reject.detail);
    assert!(
        matches!(&events[3], ReadEvent::Skipped(s) if s.reason.as_str() == "warc_request" && s.record_offset == Some(2566))
    );

    let events = read("resiliparse/clipped.warc.gz");
    assert_eq!(counts(&events), (0, 0, 1));
    let ReadEvent::Rejected(reject) = &events[0] else { unreachable!() };
    assert_eq!(reject.reason.as_str(), "warc_truncated");
    assert!(reject.detail.contains("88275-byte block"), "{}", reject.detail);
}
