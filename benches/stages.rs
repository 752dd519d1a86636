//! Micro-benchmarks of the hot function of each pipeline stage (`make bench-micro`,
//! or `cargo bench --bench stages [-- FILTER]`): WARC reading (gunzip + parse),
//! charset decoding, the HTML parse, HTML extraction, paragraph joining and quote
//! segmentation, Arrow batch building and the Parquet write, and one whole record
//! transform.
//!
//! Pages: three real article pages from the article-extraction-benchmark
//! (benches/fixtures/aeb, MIT), 69, 113 and 184 KB of HTML. WARCs: the Common
//! Crawl extract of tests/fixtures/warc (Apache-2.0), and a per-record-gzip WARC
//! of the three pages built in memory.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use flate2::write::GzEncoder;
use flate2::Compression;
use newsmill::decode::decode_html;
use newsmill::extract::html::extract_html;
use newsmill::pipeline::transform::Transformer;
use newsmill::read::warc::WarcReader;
use newsmill::read::{Body, ReadEvent, Record};
use newsmill::segment::paragraphs::{join_blocks, split_text};
use newsmill::segment::quotes::QuoteSegmenter;
use newsmill::segment::Document;
use newsmill::write::parquet::ParquetSink;
use newsmill::write::rows::batches;
use newsmill::write::schema::Table;
use newsmill::write::Outcome;
use std::io::{Cursor, Read, Write};
use std::sync::{Arc, LazyLock};

fn main() {
    divan::main();
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/fixtures/aeb/");
const PAGE_NAMES: [&str; 3] = ["small", "medium", "large"];
const PAGE_FILES: [&str; 3] = [
    "c69e539d689a8335a69042727f1b58edab09d5d99fb607ec625a63151a537dc2.html.gz",
    "3c5bf8db4272925bf1dd5713fc325e179fd0d1cc6fb8c77aa2d917cfd2518a32.html.gz",
    "65408257dbe4b41f71a35ade24e30243265095fc1d4988a35b9a6ca52f2b4eab.html.gz",
];
const CC_WARC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/warc/resiliparse/warcfile.warc.gz");
/// Copies of the three pages in the in-memory WARC: enough records that
/// opening the reader is noise.
const WARC_COPIES: usize = 10;
/// Documents in the Parquet batch: about one pipeline batch.
const BATCH_DOCS: usize = 64;
const VOA_TEXT: &str = include_str!("../data/text/voa-us-pakistan-counterterror.txt");

/// A fixture page: its raw bytes and its decoded HTML.
struct Page {
    bytes: Vec<u8>,
    html: String,
}

static PAGES: LazyLock<Vec<Page>> = LazyLock::new(|| {
    PAGE_FILES
        .iter()
        .map(|file| {
            let gz = std::fs::read(format!("{FIXTURES}{file}")).expect("benches/fixtures/aeb page");
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut bytes).expect("fixture page gunzips");
            let html = String::from_utf8_lossy(&bytes).into_owned();
            Page { bytes, html }
        })
        .collect()
});

fn page(name: &str) -> &'static Page {
    let index = PAGE_NAMES.iter().position(|n| *n == name).expect("known page name");
    &PAGES[index]
}

/// The three pages, `WARC_COPIES` times each with distinct URLs, one gzip
/// member per record (Common Crawl's layout).
static PAGES_WARC: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut warc = Vec::new();
    for copy in 0..WARC_COPIES {
        for (name, page) in PAGE_NAMES.iter().zip(PAGES.iter()) {
            let mut block = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                page.bytes.len()
            )
            .into_bytes();
            block.extend_from_slice(&page.bytes);
            let head = format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{copy}-{name}>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n\
                 WARC-Target-URI: https://bench.example/{copy}/{name}\r\nContent-Type: application/http; msgtype=response\r\n\
                 Content-Length: {}\r\n\r\n",
                block.len()
            );
            let mut member = GzEncoder::new(Vec::new(), Compression::default());
            member
                .write_all(head.as_bytes())
                .and_then(|_| member.write_all(&block))
                .and_then(|_| member.write_all(b"\r\n\r\n"))
                .expect("in memory");
            warc.extend(member.finish().expect("in memory"));
        }
    }
    warc
});

static CC_WARC_BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| std::fs::read(CC_WARC).expect("tests/fixtures/warc"));

/// Reads every event of a WARC held in memory; returns the payload bytes seen.
fn read_warc(bytes: &'static [u8]) -> usize {
    WarcReader::new("bench.warc.gz".into(), Box::new(Cursor::new(bytes))).map(|event| event.payload_len()).sum()
}

#[divan::bench_group]
mod read {
    use super::*;

    /// Gunzip + WARC/HTTP parsing of the in-memory WARC of the fixture pages.
    #[divan::bench]
    fn warc_pages(bencher: Bencher) {
        let bytes: &'static [u8] = &PAGES_WARC;
        bencher.counter(BytesCount::new(bytes.len())).bench(|| read_warc(black_box(bytes)));
    }

    /// A real Common Crawl extract: request/response/metadata triples.
    #[divan::bench]
    fn warc_common_crawl(bencher: Bencher) {
        let bytes: &'static [u8] = &CC_WARC_BYTES;
        bencher.counter(BytesCount::new(bytes.len())).bench(|| read_warc(black_box(bytes)));
    }
}

#[divan::bench(args = PAGE_NAMES)]
fn decode(bencher: Bencher, name: &str) {
    let page = page(name);
    bencher.counter(BytesCount::new(page.bytes.len())).bench(|| decode_html(black_box(&page.bytes), Some("utf-8")));
}

/// Charset sniffing without an HTTP charset: the `<meta>` prescan, else chardetng.
#[divan::bench(args = PAGE_NAMES)]
fn decode_sniffed(bencher: Bencher, name: &str) {
    let page = page(name);
    bencher.counter(BytesCount::new(page.bytes.len())).bench(|| decode_html(black_box(&page.bytes), None));
}

/// Parse + block scoring + metadata: the extract stage.
#[divan::bench(args = PAGE_NAMES)]
fn extract(bencher: Bencher, name: &str) {
    let page = page(name);
    bencher
        .counter(BytesCount::new(page.html.len()))
        .bench(|| extract_html(black_box(&page.html), Some("https://bench.example/article")));
}

/// The HTML parse alone, of the pruned page the extractor gets: html5ever's
/// tokenizer (scraper's parse) vs the byte-oriented one feeding the same tree
/// builder.
#[divan::bench_group]
mod parse {
    use super::*;
    use newsmill::extract::limits::check_and_prune;

    fn pruned(name: &str) -> String {
        check_and_prune(&page(name).html).expect("fixture page is within limits")
    }

    #[divan::bench(args = PAGE_NAMES)]
    fn html5ever(bencher: Bencher, name: &str) {
        let html = pruned(name);
        bencher.counter(BytesCount::new(html.len())).bench(|| scraper::Html::parse_document(black_box(&html)));
    }

    #[divan::bench(args = PAGE_NAMES)]
    fn fast_tokenizer(bencher: Bencher, name: &str) {
        let html = pruned(name);
        bencher
            .counter(BytesCount::new(html.len()))
            .bench(|| newsmill::extract::html::tokenizer::parse_document(black_box(&html)));
    }
}

#[divan::bench_group]
mod segment {
    use super::*;

    #[divan::bench(args = PAGE_NAMES)]
    fn join_paragraphs(bencher: Bencher, name: &str) {
        let blocks = extract_html(&page(name).html, None).blocks;
        bencher.bench(|| join_blocks(black_box(&blocks)));
    }

    #[divan::bench(args = PAGE_NAMES)]
    fn quotes(bencher: Bencher, name: &str) {
        let (text, paragraphs) = join_blocks(&extract_html(&page(name).html, None).blocks);
        let segmenter = QuoteSegmenter;
        bencher.counter(BytesCount::new(text.len())).bench(|| segmenter.segment(black_box(&text), &paragraphs));
    }

    /// A quote-dense news text (Voice of America, with its scraped chrome).
    #[divan::bench]
    fn quotes_voa(bencher: Bencher) {
        let paragraphs = split_text(VOA_TEXT);
        let segmenter = QuoteSegmenter;
        bencher.counter(BytesCount::new(VOA_TEXT.len())).bench(|| segmenter.segment(black_box(VOA_TEXT), &paragraphs));
    }
}

fn html_record(name: &str, copy: usize) -> ReadEvent {
    ReadEvent::Record(Record {
        source: Arc::from("bench.warc.gz"),
        record_offset: Some(copy as i64),
        record_id: Some(format!("<urn:uuid:{copy}-{name}>")),
        url: Some(format!("https://bench.example/{copy}/{name}")),
        fetched_at: Some("2024-05-01T12:00:00Z".into()),
        body: Body::Html { bytes: page(name).bytes.clone(), http_charset: Some("utf-8".into()) },
    })
}

/// decode → extract → segment of one record, as a pipeline worker runs it.
#[divan::bench(args = PAGE_NAMES)]
fn transform(bencher: Bencher, name: &str) {
    let transformer = Transformer::default();
    bencher
        .counter(BytesCount::new(page(name).bytes.len()))
        .with_inputs(|| html_record(name, 0))
        .bench_values(|record| transformer.transform(record));
}

/// `BATCH_DOCS` documents made from the fixture pages, as the writer gets them.
static DOCUMENTS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    let transformer = Transformer::default();
    (0..BATCH_DOCS)
        .filter_map(|i| match transformer.transform(html_record(PAGE_NAMES[i % PAGE_NAMES.len()], i)) {
            Outcome::Document(doc) => Some(*doc),
            _ => None,
        })
        .collect()
});

#[divan::bench_group]
mod write {
    use super::*;

    /// Arrow batches of the three tables from one batch of documents.
    #[divan::bench]
    fn arrow_batches(bencher: Bencher) {
        let docs: Vec<&Document> = DOCUMENTS.iter().collect();
        bencher.counter(ItemsCount::new(docs.len())).bench(|| batches(black_box(&docs)).expect("batches"));
    }

    /// The three tables' batches written and closed as zstd Parquet files.
    #[divan::bench(sample_count = 20)]
    fn parquet(bencher: Bencher) {
        let docs: Vec<&Document> = DOCUMENTS.iter().collect();
        let tables = batches(&docs).expect("batches");
        let dir = tempfile::tempdir().expect("temp dir");
        bencher.counter(ItemsCount::new(docs.len())).bench(|| {
            for (table, batch) in Table::ALL.into_iter().zip(&tables) {
                let mut sink = ParquetSink::new(dir.path(), table, "part-000001").expect("sink");
                sink.write(batch).expect("write");
                sink.finish(true).expect("finish");
            }
        });
    }
}
