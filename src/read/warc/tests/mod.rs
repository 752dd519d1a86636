//! The reader's events on made-up WARC files: plain, gzipped per record
//! or as a whole, damaged in every way the rejects name; [`pool`] checks
//! that inflating gzip members ahead gives the same events.

mod pool;

use super::*;
use flate2::{write::GzEncoder, Compression};
use std::io::Write;

fn record(warc_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{warc_type}-1>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(head: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("{head}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    record("response", "http://news.example/a", "application/http; msgtype=response", &block)
}

const PAGE: &[u8] = b"<!doctype html><title>Budget vote</title><p>The council approved it.</p>";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn read_all(bytes: Vec<u8>) -> Vec<ReadEvent> {
    WarcReader::new(Arc::from("test.warc"), Box::new(std::io::Cursor::new(bytes))).collect()
}

/// One line per event: `record OFF URL`, `skip OFF REASON`, `reject OFF REASON`.
fn summary(events: &[ReadEvent]) -> Vec<String> {
    events
        .iter()
        .map(|event| match event {
            ReadEvent::Record(r) => {
                format!("record {} {}", r.record_offset.unwrap_or(-1), r.url.as_deref().unwrap_or("-"))
            }
            ReadEvent::Skipped(s) => format!("skip {} {}", s.record_offset.unwrap_or(-1), s.reason),
            ReadEvent::Rejected(r) => format!("reject {} {}", r.record_offset.unwrap_or(-1), r.reason),
        })
        .collect()
}

fn html_of(event: &ReadEvent) -> (&[u8], Option<&str>) {
    match event {
        ReadEvent::Record(Record { body: Body::Html { bytes, http_charset }, .. }) => (bytes, http_charset.as_deref()),
        other => panic!("expected an HTML record, got {other:?}"),
    }
}

fn standard_file() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
        record("request", "http://news.example/a", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
        http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1", PAGE),
        http_response("HTTP/1.1 200 OK\r\nContent-Type: image/png", b"\x89PNG...."),
        record("metadata", "http://news.example/a", "application/warc-fields", b"fetchTimeMs: 12\r\n"),
    ]
}

#[test]
fn plain_file_gives_one_event_per_record_at_file_offsets() {
    let records = standard_file();
    let offsets: Vec<usize> = records.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()))).collect();
    let events = read_all(records.concat());
    assert_eq!(
        summary(&events),
        [
            format!("skip {} warc_warcinfo", offsets[0]),
            format!("skip {} warc_request", offsets[1]),
            format!("record {} http://news.example/a", offsets[2]),
            format!("skip {} not_html", offsets[3]),
            format!("skip {} warc_metadata", offsets[4]),
        ]
    );
    let ReadEvent::Record(page) = &events[2] else { unreachable!() };
    assert_eq!(page.record_id.as_deref(), Some("<urn:uuid:response-1>"));
    assert_eq!(page.fetched_at.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(html_of(&events[2]), (PAGE, Some("ISO-8859-1")));
}

#[test]
fn per_record_gzip_points_at_members_and_whole_file_gzip_at_stream_offsets() {
    let records = standard_file();
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    let events = read_all(members.concat());
    let offsets: Vec<i64> = events.iter().map(offset_of).collect();
    let expected: Vec<i64> =
        members.iter().scan(0, |at, m| Some(std::mem::replace(at, *at + m.len()) as i64)).collect();
    assert_eq!(offsets, expected);
    assert_eq!(html_of(&events[2]).0, PAGE);

    let events = read_all(gzip(&records.concat()));
    let offsets: Vec<i64> = events.iter().map(offset_of).collect();
    let expected: Vec<i64> =
        records.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()) as i64)).collect();
    assert_eq!(offsets, expected);
}

fn offset_of(event: &ReadEvent) -> i64 {
    match event {
        ReadEvent::Record(r) => r.record_offset,
        ReadEvent::Skipped(s) => s.record_offset,
        ReadEvent::Rejected(r) => r.record_offset,
    }
    .unwrap_or(-1)
}

#[test]
fn chunked_gzip_body_is_decoded_but_crawler_renamed_headers_are_not() {
    let compressed = gzip(PAGE);
    let mut chunked = format!("{:x}\r\n", 10).into_bytes();
    chunked.extend_from_slice(&compressed[..10]);
    chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", compressed.len() - 10).as_bytes());
    chunked.extend_from_slice(&compressed[10..]);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let encoded = http_response(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
        &chunked,
    );
    // Common Crawl: payload stored decoded, original headers renamed.
    let stored_decoded = http_response(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Crawler-Transfer-Encoding: chunked\r\nX-Crawler-Content-Encoding: gzip",
        PAGE,
    );
    let events = read_all([encoded, stored_decoded].concat());
    assert_eq!(html_of(&events[0]).0, PAGE);
    assert_eq!(html_of(&events[1]).0, PAGE);
}

#[test]
fn stale_content_encoding_on_a_decoded_body_keeps_the_body() {
    let events = read_all(http_response(
        "HTTP/1.1 200 OK\nContent-Type: text/html; charset=EUC-JP\nContent-Encoding: gzip",
        PAGE,
    ));
    assert_eq!(html_of(&events[0]), (PAGE, Some("EUC-JP")));
}

#[test]
fn statuses_types_and_sniffing_decide_skips() {
    let events = read_all(
        [
            http_response("HTTP/1.1 301 Moved Permanently\r\nLocation: /b", b""),
            http_response("HTTP/1.1 404 Not Found\r\nContent-Type: text/html", PAGE),
            http_response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream", PAGE),
            http_response("HTTP/1.1 200 OK", b"%PDF-1.4 ..."),
            http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html", b"\r\n  "),
            http_response("HTTP/2 200\r\ncontent-type: application/xhtml+xml", PAGE),
            record("revisit", "http://news.example/a", "application/http", b"HTTP/1.1 200 OK\r\n\r\n"),
            record("conversion", "http://news.example/a", "text/plain", b"text"),
        ]
        .concat(),
    );
    let reasons: Vec<String> =
        summary(&events).iter().map(|s| s.rsplit(' ').next().unwrap_or("").to_string()).collect();
    assert_eq!(
        reasons,
        [
            "http_redirect", "http_error", "http://news.example/a", "not_html", "empty_payload",
            "http://news.example/a", "warc_revisit", "warc_other_type"
        ]
    );
}

#[test]
fn resource_record_is_typed_by_its_warc_content_type_and_url_loses_brackets() {
    let events = read_all(
        [
            record("resource", " <http://news.example/r> ", "text/html; charset=utf-8", PAGE),
            record("resource", "file:///a b.png", "image/png", b"\x89PNG"),
        ]
        .concat(),
    );
    assert_eq!(summary(&events)[0], "record 0 http://news.example/r");
    assert_eq!(html_of(&events[0]), (PAGE, Some("utf-8")));
    assert!(summary(&events)[1].ends_with("not_html"));
}

#[test]
fn truncated_record_is_rejected_after_the_good_ones() {
    let mut bytes = standard_file()[..3].concat();
    bytes.truncate(bytes.len() - 20);
    let events = read_all(bytes);
    assert_eq!(events.len(), 3);
    let ReadEvent::Rejected(reject) = &events[2] else { panic!("{:?}", events[2]) };
    assert_eq!(reject.reason, RejectReason::WarcTruncated);
    assert!(reject.detail.contains("ends after"), "{}", reject.detail);
}

#[test]
fn wrong_content_length_and_garbage_are_rejected_and_reading_resumes() {
    let good = standard_file();
    let text = String::from_utf8(good[2].clone()).unwrap();
    let declared = text.split("Content-Length: ").nth(1).unwrap().split('\r').next().unwrap();
    let wrong = (declared.parse::<usize>().unwrap() - 2).to_string();
    let short = text.replace(&format!("Content-Length: {declared}"), &format!("Content-Length: {wrong}"));
    let short = short.into_bytes();
    let events = read_all(
        [good[0].clone(), short, b"junk line\r\nmore junk WARC/1.0\r\n".to_vec(), good[1].clone(), good[4].clone()]
            .concat(),
    );
    let lines = summary(&events);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].ends_with("warc_warcinfo"));
    assert!(lines[1].ends_with("warc_bad_length"));
    assert!(lines[2].ends_with("warc_request"));
    assert!(lines[3].ends_with("warc_metadata"));

    let events = read_all([good[0].clone(), b"\r\nnot a record\r\n".to_vec(), good[4].clone()].concat());
    let lines = summary(&events);
    assert!(lines[1].ends_with("warc_garbage"), "{lines:?}");
    assert!(lines[2].ends_with("warc_metadata"), "{lines:?}");
}

#[test]
fn input_that_is_not_warc_gives_one_reject() {
    let events = read_all(b"<html><body>just a page</body></html>\n\nWARC/1.0 is mentioned here".to_vec());
    assert_eq!(summary(&events), ["reject 0 warc_garbage"]);
    let ReadEvent::Rejected(reject) = &events[0] else { unreachable!() };
    assert!(reject.detail.contains("expected a `WARC/` version line"), "{}", reject.detail);
}

#[test]
fn corrupt_gzip_member_is_rejected_and_the_next_member_read() {
    let records = standard_file();
    let mut bad_crc = gzip(&records[2]);
    let crc_at = bad_crc.len() - 8;
    bad_crc[crc_at] ^= 0xff;
    let members = [gzip(&records[0]), bad_crc, gzip(&records[4])];
    let lines = summary(&read_all(members.concat()));
    assert_eq!(
        lines,
        [
            "skip 0 warc_warcinfo".to_string(),
            format!("reject {} gzip_corrupt", members[0].len()),
            format!("skip {} warc_metadata", members[0].len() + members[1].len()),
        ]
    );

    // Damage inside the deflate data: whatever it breaks first, one reject.
    let mut garbled = gzip(&records[2]);
    let middle = garbled.len() / 2;
    garbled[middle..middle + 8].copy_from_slice(b"\xff\xff\xff\xff\x00\x00\x00\x00");
    let members = [gzip(&records[0]), garbled, gzip(&records[4])];
    let lines = summary(&read_all(members.concat()));
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].starts_with(&format!("reject {} ", members[0].len())), "{lines:?}");
    assert_eq!(lines[2], format!("skip {} warc_metadata", members[0].len() + members[1].len()));
}

#[test]
fn too_long_content_length_gives_the_next_record_back() {
    let records = standard_file();
    let text = String::from_utf8(records[1].clone()).unwrap();
    let declared = text.split("Content-Length: ").nth(1).unwrap().split('\r').next().unwrap();
    // The request's block runs 30 bytes into the response's header.
    let long = text.replace(
        &format!("Content-Length: {declared}"),
        &format!("Content-Length: {}", declared.parse::<usize>().unwrap() + 34),
    );
    let file = [records[0].clone(), long.into_bytes(), records[2].clone(), records[4].clone()];
    let response_at = file[0].len() + file[1].len();
    let lines = summary(&read_all(file.concat()));
    assert_eq!(
        lines,
        [
            "skip 0 warc_warcinfo".to_string(),
            format!("reject {} warc_bad_length", file[0].len()),
            format!("record {response_at} http://news.example/a"),
            format!("skip {} warc_metadata", response_at + file[2].len()),
        ]
    );
}

/// Gives its bytes, then fails as a connection that could not be resumed.
struct Dropping(std::io::Cursor<Vec<u8>>);

impl std::io::Read for Dropping {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "connection reset")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_source_failing_under_gzip_is_a_read_error_and_ends_the_input() {
    let records = standard_file();
    let response = gzip(&records[2]);
    let members = [gzip(&records[0]), response[..response.len() / 2].to_vec()];
    let reader = WarcReader::new(Arc::from("test.warc"), Box::new(Dropping(std::io::Cursor::new(members.concat()))));
    let events: Vec<ReadEvent> = reader.collect();
    assert_eq!(
        summary(&events),
        ["skip 0 warc_warcinfo".to_string(), format!("reject {} read_error", members[0].len())]
    );
}

#[test]
fn gzip_member_cut_short_loses_only_its_own_record() {
    let records = standard_file();
    let cut = gzip(&records[2]);
    let members = [gzip(&records[0]), cut[..cut.len() / 2].to_vec(), gzip(&records[2]), gzip(&records[4])];
    let at = |i: usize| members[..i].iter().map(Vec::len).sum::<usize>();
    let lines = summary(&read_all(members.concat()));
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[1], format!("reject {} gzip_corrupt", at(1)));
    assert_eq!(lines[2], format!("record {} http://news.example/a", at(2)));
    assert_eq!(lines[3], format!("skip {} warc_metadata", at(3)));
}

#[test]
fn truncated_gzip_member_is_a_truncated_record() {
    let mut bytes = [gzip(&standard_file()[0]), gzip(&standard_file()[2])].concat();
    bytes.truncate(bytes.len() - 30);
    let lines = summary(&read_all(bytes));
    assert_eq!(lines.len(), 2);
    assert!(lines[1].ends_with("warc_truncated"), "{lines:?}");
}

#[test]
fn record_over_the_size_cap_is_rejected_and_skipped_over() {
    let records = standard_file();
    let mut reader = WarcReader::new(Arc::from("t"), Box::new(std::io::Cursor::new(records.concat())));
    reader.max_block = 100;
    let lines = summary(&reader.collect::<Vec<_>>());
    assert_eq!(lines.len(), 5);
    assert!(lines[2].ends_with("warc_record_too_large"), "{lines:?}");
    assert!(lines[4].ends_with("warc_metadata"));
}

#[test]
fn broken_http_heads_and_chunks_are_rejected() {
    let events = read_all(
        [
            record("response", "http://news.example/a", "application/http", PAGE),
            http_response(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
                b"5\r\n<html\r\nzz\r\nmore",
            ),
            http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked", PAGE),
        ]
        .concat(),
    );
    let lines = summary(&events);
    assert!(lines[0].ends_with("http_missing_head"), "{lines:?}");
    assert!(lines[1].ends_with("http_bad_chunked"), "{lines:?}");
    // Not chunked at all despite the header: read as is.
    assert_eq!(html_of(&events[2]).0, PAGE);
}

#[test]
fn any_cut_or_flipped_byte_still_yields_the_records_before_it() {
    let records = standard_file();
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    for file in [records.concat(), members.concat()] {
        let first_len = if file[0] == 0x1f { members[0].len() } else { records[0].len() };
        for cut in 0..file.len() {
            let events = read_all(file[..cut].to_vec());
            if cut > first_len {
                assert!(summary(&events)[0].ends_with("warc_warcinfo"), "cut at {cut}");
            }
        }
        for at in (0..file.len()).step_by(7) {
            let mut damaged = file.clone();
            damaged[at] ^= 0x5a;
            let events = read_all(damaged);
            assert!(!events.is_empty() && events.len() <= 2 * records.len(), "flip at {at}");
        }
    }
}

#[test]
fn a_segmented_record_is_rejected_and_its_continuation_skipped() {
    let page = http_response("HTTP/1.1 200 OK\r\nContent-Type: text/html", PAGE);
    let text = String::from_utf8(page.clone()).unwrap();
    let (head, block) = text.split_once("\r\n\r\n").unwrap();
    let block = &block[..block.len() - 4];
    let (first, rest) = block.split_at(block.len() / 2);
    let segment = |head: &str, number: usize, part: &str| {
        format!("{head}\r\nWARC-Segment-Number: {number}\r\n\r\n{part}\r\n\r\n")
            .replace(&format!("Content-Length: {}", block.len()), &format!("Content-Length: {}", part.len()))
    };
    let continuation = head.replace("WARC-Type: response", "WARC-Type: continuation")
        + &format!("\r\nWARC-Segment-Origin-ID: <urn:uuid:response-1>\r\nWARC-Segment-Total-Length: {}", block.len());
    let records = standard_file();
    let file =
        [segment(head, 1, first).into_bytes(), records[0].clone(), segment(&continuation, 2, rest).into_bytes(), page];
    let at = |i: usize| file[..i].iter().map(Vec::len).sum::<usize>();
    let events = read_all(file.concat());
    assert_eq!(
        summary(&events),
        [
            "reject 0 warc_segmented".to_string(),
            format!("skip {} warc_warcinfo", at(1)),
            format!("skip {} warc_other_type", at(2)),
            format!("record {} http://news.example/a", at(3)),
        ]
    );
    let ReadEvent::Rejected(reject) = &events[0] else { unreachable!() };
    assert!(reject.detail.contains("segment 1 of a record split"), "{}", reject.detail);
}
