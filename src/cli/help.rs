//! The long help texts of the subcommands.

use crate::reason::{code_list, RejectReason, SkipReason, RENAMED};

/// `build --help`: [`BUILD_LONG_ABOUT`], the reason codes, [`BUILD_LONG_ABOUT_RUNS`].
pub fn build_long_about() -> String {
    format!("{BUILD_LONG_ABOUT}\n{}\n{BUILD_LONG_ABOUT_RUNS}", reason_codes_help())
}

/// The REASON CODES section of `build --help`, from the codes themselves.
fn reason_codes_help() -> String {
    let renamed: Vec<String> = RENAMED.iter().map(|(old, new)| format!("{old} -> {new}")).collect();
    format!(
        "REASON CODES\n  Rejected records (the reason column of rejects.csv):\n{}  Skipped records (skipped_by_reason in \
         _manifest.json):\n{}  Renamed codes (old -> new): {}.\n",
        code_list(RejectReason::ALL, RejectReason::meaning, "    "),
        code_list(SkipReason::ALL, SkipReason::meaning, "    "),
        renamed.join(", ")
    )
}

/// The part of `build --help` before the reason codes.
const BUILD_LONG_ABOUT: &str = "\
Reads every INPUT (a file, or a folder walked recursively) and writes a dataset folder.

INPUT KINDS (recognised by content; the extension only breaks ties)
  WARC       WARC/1.0, 1.1 and 0.18, plain (.warc), gzip per record (.warc.gz, as Common
             Crawl writes them) or gzip as a whole. `response` and `resource` records holding
             HTML are pages; request, metadata, revisit and warcinfo records and non-HTML
             payloads (images, PDF, robots.txt) are skipped and counted.
  HTML       .html/.htm/.xhtml, optionally .gz: one page per file.
  JSONL      .jsonl, optionally .gz: one object per line with `id` (or `doc_id`) and `text`,
             optional `url` (else `metadata.url`) and `title`; every other field (datatrove's
             or Hugging Face's `metadata`...) is kept as the JSON object input_metadata. The
             text is already extracted and is kept exactly, so offsets in the output are
             offsets into your input.
  Text       .txt: the text of a page as a scraper saved it. Chrome lines (skip links,
             \"Breaking News\", media-player lines...) are dropped; the headline becomes the title.
  In a folder, only files with these extensions (or WARC content) are read; a file named
  on the command line is always read. Character sets are sniffed as a browser does: byte
  order mark, HTTP charset, <meta> tag, then detection; a declared legacy charset yields
  to UTF-8 when the bytes are valid UTF-8 (pages re-saved as UTF-8 keep their old <meta>).

OUTPUT (DIR)
  documents/*.parquet   one row per page: doc_id, source, record_offset, record_id, url,
                        fetched_at, title, byline, published_at, site_name, language, text,
                        n_paragraphs, n_quotes, n_words, dup_of, published_date,
                        description, tags, image, hostname, crawl_url, page_type,
                        language_declared, language_confidence, input_metadata
  paragraphs/*.parquet  doc_id, paragraph_index, kind (paragraph|heading|list_item|
                        blockquote|code), text, char_start, char_end
  quotes/*.parquet      doc_id, quote_index, paragraph_index, text, char_start, char_end,
                        speaker, speaker_name, person_index, speaker_role, speaker_start,
                        speaker_end, verb, verb_lemma, kind (direct|partial|blockquote)
  people/*.parquet      doc_id, person_index, name, role, gender, n_mentions, n_quotes,
                        char_start, char_end: one row per person a document names
  rejects.csv           source, record_offset, reason, detail: every record that gave no
                        document and was not simply skipped
  README.md             the dataset card: tables, columns, counts, date range, sources
  report.html           charts of the dataset and the run, one page that needs no network
  _manifest.json        tool version, this run's inputs and counts (records seen = documents +
                        skipped + rejected), stage times, the dataset's files and rows
  _ledger.json          every input the dataset holds: path, size, mtime, content hash, run
  Offsets are Unicode code points into documents.text, end exclusive: in Python
  text[char_start:char_end], in DuckDB substr(text, char_start + 1, char_end - char_start).
  The schemas/ folder of the source tree describes every column. Each entry is a link into
  DIR/.newsmill/current, the published version: a run writes a whole new version and swaps
  that link at the end, so readers see the previous dataset or the new one, never half a run,
  and a run killed at any moment leaves the previous one intact.

LIMITS
  A record over 8 MiB, or a page nested over 5,000 deep, with over 50,000 elements, an element
  with over 256 attributes or over 2 MiB outside scripts and styles, is rejected with its reason
  in rejects.csv, so one page cannot stall a run or exhaust memory.
";

/// The part of `build --help` after the reason codes.
const BUILD_LONG_ABOUT_RUNS: &str = "\
NIGHTLY RUNS AND DUPLICATES
  --incremental reads only inputs that are new or changed since DIR/_ledger.json (same size
  and mtime: unchanged; else the content hash decides), adds their rows as new part files and
  replaces a changed input's earlier rows. The same night twice changes nothing. The same
  record twice (same URL and bytes) is one document; the repeat counts as skipped, reason
  `duplicate`. A near-copy under another URL gets `dup_of`, the doc_id it repeats.

OBJECT STORAGE (S3 and S3-compatible stores)
  An INPUT s3://bucket/prefix is a folder: the objects under the prefix are read in name
  order, filtered as in a folder; s3://bucket/key naming one object is always read. Objects
  are streamed, not downloaded first; a connection dropped mid-object is resumed from the
  byte reached (5 failures in a row and the rest of the input becomes a reject in rejects.csv
  saying at which byte the stream stopped). --incremental and --shard know objects by size, last-modified time and ETag.
  --out s3://bucket/prefix builds the dataset in a local staging folder (--stage, default
  $TMPDIR), then uploads the part files, rejects.csv, README.md and _ledger.json, then
  _manifest.json, and _SUCCESS last: readers should wait for _SUCCESS. A prefix that holds
  objects needs --overwrite, which deletes its _SUCCESS first. --incremental and --shard
  cannot write to s3:// (build into a local DIR), and nothing stops two runs writing to the
  same prefix at once. Credentials, region and endpoint come from the usual variables:
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL
  (for MinIO, Ceph, R2...) and AWS_ALLOW_HTTP=true for a plain-http endpoint.

The same input gives the same rows in the same order whatever --threads is.

EXIT CODES
  0  the dataset was written
  1  the run failed (I/O error, full disk, a bug): the dataset is incomplete
  2  bad arguments: unknown option, missing input, a dataset already in DIR without --overwrite
     or --incremental, or DIR locked by another run
  3  the dataset was written, but the share of rejected records is above --max-reject-rate

EXAMPLES
  newsmill build crawl/ --out dataset
  newsmill build CC-MAIN-2024-10.warc.gz pages/ --out dataset --threads 8 --overwrite
  newsmill build /crawl/nightly/ --out dataset --incremental --log-format json
  newsmill build s3://crawls/2024-10/ --out s3://datasets/news-2024-10 --overwrite";

pub const COMMIT_LONG_ABOUT: &str = "\
Publishes the shards of a sharded build as one dataset.

Each task of a job array runs `newsmill build INPUT... --out DIR --shard K/N` with the same
inputs and its own K; each writes its share into DIR/.newsmill/shards/ and marks it complete.
Once all N are complete, `newsmill commit DIR` checks them, keeps a record repeated in two
shards once, decides dup_of over all documents in input order, and publishes the result as
one version of DIR: exactly the rows one unsharded `newsmill build INPUT... --out DIR` gives.
It fails, naming them, if shards are missing; the shards can then be rerun (finished ones are
not redone) and commit run again.

Shards write into a folder all tasks share (NFS, Lustre, a ReadWriteMany volume). To publish
to object storage, add --upload s3://BUCKET/PREFIX: the committed version is uploaded with
_SUCCESS last, so readers that wait for _SUCCESS never see part of it.

EXAMPLES
  sbatch --array=0-15 --wrap 'newsmill build s3://crawl/2026-11/ --out /data/news --shard auto/16'
  newsmill commit /data/news
  newsmill commit /data/news --upload s3://datasets/news --overwrite";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_help_lists_the_reason_codes_and_the_renames() {
        let help = build_long_about();
        let codes = help.split("REASON CODES").nth(1).and_then(|s| s.split("NIGHTLY RUNS").next()).unwrap();
        for code in RejectReason::ALL.iter().map(|r| r.as_str()).chain(SkipReason::ALL.iter().map(|s| s.as_str())) {
            assert!(codes.contains(&format!("    {code} ")), "{code} is not listed");
        }
        assert!(codes.contains("corrupt_gzip -> gzip_corrupt, io_error -> read_error"), "{codes}");
    }
}
