//! Gzip members inflated ahead on a worker pool give exactly the events of
//! the sequential reader, for clean, damaged and odd-sized members.

use super::*;

fn test_pool() -> Pool {
    static POOL: std::sync::OnceLock<Pool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| Arc::new(rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap())).clone()
}

/// Reads `bytes` with and without inflating on a pool, checks that the
/// events are the same, and tells whether any member fell back to the
/// sequential path.
fn read_both_ways(bytes: Vec<u8>) -> (Vec<ReadEvent>, bool) {
    let sequential = read_all(bytes.clone());
    let mut reader =
        WarcReader::new(Arc::from("test.warc"), Box::new(std::io::Cursor::new(bytes))).inflating_on(test_pool());
    let inflated: Vec<ReadEvent> = reader.by_ref().collect();
    assert_eq!(format!("{inflated:?}"), format!("{sequential:?}"));
    (inflated, reader.input.fell_back())
}

/// Per-record gzip members of `count` pages of incompressible text, a
/// few KiB each, so that they span several inflate windows.
fn many_members(count: usize) -> Vec<Vec<u8>> {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    (0..count)
        .map(|i| {
            let words: Vec<u8> = (0..6000)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    b"abcdefghijklmnopqrstuvwxyz ."[(seed % 28) as usize]
                })
                .collect();
            let page = [&b"<html><p>"[..], &words].concat();
            let uri = format!("http://news.example/{i}");
            gzip(&record("resource", &uri, "text/html", &page))
        })
        .collect()
}

/// The events of `count` regular members with `odd` inserted at `at`, read
/// both ways; the odd member must have been read on the sequential path.
fn with_odd_member(count: usize, at: usize, odd: Vec<u8>) -> Vec<String> {
    let mut members = many_members(count);
    members.insert(at, odd);
    let (events, fell_back) = read_both_ways(members.concat());
    assert!(fell_back);
    assert_eq!(events.len(), count + 1);
    summary(&events)
}

#[test]
fn members_inflated_on_a_pool_give_the_sequential_events() {
    let mut members = many_members(600);
    // NUL padding (tape blocks) between members is passed over either way.
    members[100].extend_from_slice(&[0; 512]);
    let file = members.concat();
    assert!(file.len() > 2 * members::WINDOW);
    let (events, fell_back) = read_both_ways(file);
    assert!(!fell_back);
    assert_eq!(events.len(), 600);
    let offsets: Vec<i64> = members.iter().scan(0, |at, m| Some(std::mem::replace(at, *at + m.len()) as i64)).collect();
    assert_eq!(events.iter().map(offset_of).collect::<Vec<_>>(), offsets);
    assert_eq!(summary(&events)[599], format!("record {} http://news.example/599", offsets[599]));
}

#[test]
fn a_gzip_magic_inside_a_members_compressed_bytes_falls_back_for_that_member() {
    let false_start = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff";
    let page = [&b"<html><p>"[..], false_start, b" stored as is</p>"].concat();
    // Stored deflate blocks keep the page's bytes, the false start with them.
    let mut encoder = GzEncoder::new(Vec::new(), Compression::none());
    encoder.write_all(&record("resource", "http://news.example/stored", "text/html", &page)).unwrap();
    let stored = encoder.finish().unwrap();
    assert_eq!(members::member_starts(&stored).len(), 2);
    let lines = with_odd_member(300, 150, stored);
    assert!(lines[150].ends_with("http://news.example/stored"));
}

#[test]
fn a_corrupt_member_in_the_middle_is_rejected_as_without_the_pool() {
    let mut members = many_members(400);
    let crc_at = members[200].len() - 8;
    members[200][crc_at] ^= 0xff;
    let middle = members[300].len() / 2;
    members[300][middle..middle + 8].copy_from_slice(b"\xff\xff\xff\xff\x00\x00\x00\x00");
    let (events, fell_back) = read_both_ways(members.concat());
    assert!(fell_back);
    let lines = summary(&events);
    assert_eq!(lines.len(), 400, "{:?}", &lines[195..]);
    assert!(lines[200].ends_with("gzip_corrupt"), "{}", lines[200]);
    assert!(lines[300].starts_with("reject"), "{}", lines[300]);
    assert!(lines[399].ends_with("http://news.example/399"));
}

#[test]
fn a_member_larger_than_the_window_is_read_sequentially_between_inflated_ones() {
    // Gzip members do not compress further: this one is as large as they are.
    let big = many_members(300).concat();
    let big = gzip(&record("resource", "http://news.example/big", "application/octet-stream", &big));
    assert!(big.len() > members::WINDOW);
    let lines = with_odd_member(200, 100, big);
    assert!(lines[100].ends_with("not_html"));
}

#[test]
fn a_truncated_last_member_or_a_failing_source_ends_as_without_the_pool() {
    let mut file = many_members(300).concat();
    file.truncate(file.len() - 30);
    let (events, _) = read_both_ways(file.clone());
    assert_eq!(events.len(), 300);
    assert!(summary(&events)[299].ends_with("warc_truncated"));

    let read = |pool: Option<Pool>| {
        let reader = WarcReader::new(Arc::from("test.warc"), Box::new(Dropping(std::io::Cursor::new(file.clone()))));
        let events: Vec<ReadEvent> = match pool {
            Some(pool) => reader.inflating_on(pool).collect(),
            None => reader.collect(),
        };
        format!("{events:?}")
    };
    let sequential = read(None);
    assert!(sequential.contains("ReadError"));
    assert_eq!(read(Some(test_pool())), sequential);
}

#[test]
fn any_cut_or_flipped_byte_gives_the_sequential_events_on_a_pool() {
    let members: Vec<Vec<u8>> = standard_file().iter().map(|r| gzip(r)).collect();
    let file = members.concat();
    for cut in 0..file.len() {
        read_both_ways(file[..cut].to_vec());
    }
    for at in (0..file.len()).step_by(3) {
        let mut damaged = file.clone();
        damaged[at] ^= 0x5a;
        read_both_ways(damaged);
    }
}
