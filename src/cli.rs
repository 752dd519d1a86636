//! The command line.

use crate::dataset::{build, BuildOptions, Shard};
use crate::error::UsageError;
use crate::pipeline::ProgressMode;
use crate::reason::{code_list, RejectReason, SkipReason, RENAMED};
use crate::write::schema::Table;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const ABOUT: &str = "Turns crawl dumps of news pages into a clean Parquet dataset of documents, paragraphs and quotes.";

/// `build --help`: [`BUILD_LONG_ABOUT`], the reason codes, [`BUILD_LONG_ABOUT_RUNS`].
fn build_long_about() -> String {
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
             optional `url` and `title`. The text is already extracted and is kept exactly, so
             offsets in the output are offsets into your input.
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
                        language_declared, language_confidence
  paragraphs/*.parquet  doc_id, paragraph_index, kind (paragraph|heading|list_item|
                        blockquote|code), text, char_start, char_end
  quotes/*.parquet      doc_id, quote_index, paragraph_index, text, char_start, char_end,
                        speaker, speaker_name, speaker_role, speaker_start, speaker_end,
                        verb, verb_lemma, kind (direct|blockquote)
  rejects.csv           source, record_offset, reason, detail: every record that gave no
                        document and was not simply skipped
  README.md             the dataset card: tables, columns, counts, date range, sources
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

#[derive(Debug, Parser)]
#[command(name = "newsmill", version, about = ABOUT, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a dataset from crawl dumps, HTML pages, JSONL or text files.
    #[command(long_about = build_long_about())]
    Build(BuildArgs),
    /// Publish the shards of a sharded build (`build --shard K/N`) as one dataset.
    #[command(long_about = COMMIT_LONG_ABOUT)]
    Commit(CommitArgs),
    /// Show how one HTML page is read: its metadata, the chrome dropped, the
    /// containers chosen, and every block kept or dropped with the rule that decided.
    Explain(ExplainArgs),
}

#[derive(Debug, clap::Args)]
pub struct CommitArgs {
    /// The dataset folder the shards were written into (their --out).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// After publishing DIR, upload the new version to s3://BUCKET/PREFIX: part files first,
    /// _manifest.json next, _SUCCESS last (as `build --out s3://...` does).
    #[arg(long, value_name = "URL")]
    pub upload: Option<String>,
    /// Replace the objects already under the --upload URL (deleting _SUCCESS first).
    #[arg(long, requires = "upload")]
    pub overwrite: bool,
    /// Log lines as text for people or as JSON objects (one per line) for machines.
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

const COMMIT_LONG_ABOUT: &str = "\
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

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// An HTML page (optionally .gz), or a WARC whose first page is explained.
    #[arg(value_name = "PAGE")]
    pub page: PathBuf,
    /// The URL the page was fetched from, to resolve relative links and URL dates.
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Files or folders to read (folders are walked recursively), or s3://bucket/prefix.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The dataset folder to write, or s3://bucket/prefix (see OBJECT STORAGE).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// With an s3:// --out: the local folder in which the dataset is built before it is
    /// uploaded (it needs room for the whole dataset; deleted afterwards)
    /// [default: the system's temporary folder, $TMPDIR or /tmp].
    #[arg(long, value_name = "DIR")]
    pub stage: Option<PathBuf>,
    /// Worker threads for decoding, extraction and segmentation, which also
    /// inflate the gzip members of WARC files [default: all cores]. Input
    /// files are read on one thread per six workers (at least one), several
    /// at once.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Progress on standard error: a bar on a terminal and log lines every 10 s
    /// otherwise (auto), always a bar, or none.
    #[arg(long, value_enum, default_value = "auto")]
    pub progress: ProgressMode,
    /// Replace a dataset already in DIR (its tables, rejects.csv and manifest).
    #[arg(long, conflicts_with = "incremental")]
    pub overwrite: bool,
    /// Add to the dataset already in DIR: read only inputs that are new or changed
    /// since the runs recorded in DIR/_ledger.json, replace a changed input's rows,
    /// and leave the rest. Without a dataset in DIR, a normal build.
    #[arg(long)]
    pub incremental: bool,
    /// Read only shard K of N (K from 0 to N-1) of the inputs, for one task of a job
    /// array; `auto/N` takes K from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX (Kubernetes)
    /// or AWS_BATCH_JOB_ARRAY_INDEX. Publish the shards with `newsmill commit DIR`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, conflicts_with_all = ["incremental", "overwrite"])]
    pub shard: Option<Shard>,
    /// Exit with code 3 when more than this share of records (0 to 1) is rejected;
    /// the dataset is still written.
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub max_reject_rate: Option<f64>,
    /// Log lines as text for people or as JSON objects (one per line) for machines.
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

/// How newsmill logs to standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

fn parse_shard(value: &str) -> Result<Shard, String> {
    Shard::parse(value, |name| std::env::var(name).ok())
}

fn parse_rate(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{value:?} is not a rate between 0 and 1 (0.05 means 5%)")),
    }
}

/// Process exit codes, for schedulers (cron, systemd, Airflow) to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The dataset was written and the reject rate is within bounds.
    Ok = 0,
    /// The run failed: I/O error, full disk, a bug; the dataset is incomplete.
    Failure = 1,
    /// Bad arguments: unknown option, missing input, an existing dataset without --overwrite.
    Usage = 2,
    /// The dataset was written, but more records were rejected than --max-reject-rate allows.
    TooManyRejects = 3,
}

/// Runs the parsed command line and reports on standard error.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Explain(args) => match explain(&args) {
            Ok(report) => {
                print!("{report}");
                ExitCode::Ok
            }
            Err(e) => {
                eprintln!("newsmill: error: {e:#}");
                if e.is::<UsageError>() {
                    ExitCode::Usage
                } else {
                    ExitCode::Failure
                }
            }
        },
        Command::Build(args) => {
            let log = args.log_format;
            report_error(log, run_build(args))
        }
        Command::Commit(args) => {
            let log = args.log_format;
            report_error(log, run_commit(&args))
        }
    }
}

/// The exit code of a finished command, with its error logged.
fn report_error(log: LogFormat, outcome: anyhow::Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(e) => {
            let code = if e.is::<UsageError>() { ExitCode::Usage } else { ExitCode::Failure };
            match log {
                LogFormat::Text => eprintln!("newsmill: error: {e:#}"),
                LogFormat::Json => eprintln!(
                    "{}",
                    serde_json::json!({"event": "error", "exit_code": code as i32, "message": format!("{e:#}")})
                ),
            }
            code
        }
    }
}

fn run_commit(args: &CommitArgs) -> anyhow::Result<ExitCode> {
    use crate::dataset::upload;
    use crate::storage::s3::ObjectUrl;
    let destination = match &args.upload {
        Some(raw) => match ObjectUrl::parse(std::path::Path::new(raw)) {
            Some(url) => Some((upload::existing_objects(&url, args.overwrite)?, url)),
            None => crate::usage_bail!("--upload takes an s3://BUCKET/PREFIX URL, not {raw:?}"),
        },
        None => None,
    };
    let manifest = crate::dataset::commit(&args.dir)?;
    let mut uploaded = None;
    if let Some((previous, url)) = destination {
        upload::publish_current(&args.dir, &url, &previous)?;
        uploaded = Some(url.to_string());
    }
    let rows = &manifest.files.rows;
    let c = &manifest.counts;
    match args.log_format {
        LogFormat::Json => eprintln!(
            "{}",
            serde_json::json!({"event": "committed", "exit_code": 0, "out": args.dir.display().to_string(), "uploaded_to": uploaded, "run": manifest.run, "rows": rows, "counts": c})
        ),
        LogFormat::Text => eprintln!(
            "newsmill: committed {} ({} inputs, {} records): {} documents ({} paragraphs, {} quotes), {} skipped, {} rejected -> {} (version {})",
            manifest.run.shard.as_deref().unwrap_or("shards"),
            manifest.inputs.len(),
            c.records_seen,
            rows.tables[Table::Documents],
            rows.tables[Table::Paragraphs],
            rows.tables[Table::Quotes],
            c.skipped,
            c.rejected,
            args.dir.display(),
            manifest.run.version
        ),
    }
    if let (LogFormat::Text, Some(url)) = (args.log_format, &uploaded) {
        eprintln!("newsmill: uploaded version {} to {url} (_SUCCESS last)", manifest.run.version);
    }
    Ok(ExitCode::Ok)
}

/// The `explain` report of one page: its metadata, then the extractor's
/// decisions. The page is read by the same readers as `build`, so a gzip page
/// or the first page of a WARC works too.
fn explain(args: &ExplainArgs) -> anyhow::Result<String> {
    use crate::read::{Body, ReadEvent};
    let source: std::sync::Arc<str> = args.page.display().to_string().into();
    let (_, events) = crate::read::detect::open_input(&args.page, source, Default::default());
    let mut page = None;
    for event in events {
        match event {
            ReadEvent::Record(record) => {
                page = Some(record);
                break;
            }
            ReadEvent::Rejected(r) => {
                crate::usage_bail!("cannot explain {}: {} ({})", args.page.display(), r.detail, r.reason)
            }
            ReadEvent::Skipped(_) => continue,
        }
    }
    let Some(record) = page else { crate::usage_bail!("{} holds no page", args.page.display()) };
    let Body::Html { bytes, http_charset } = record.body else {
        crate::usage_bail!("{} is not HTML: explain shows how the HTML extractor reads a page", args.page.display())
    };
    let url = args.url.as_deref().or(record.url.as_deref());
    let decoded = crate::decode::decode_html(&bytes, http_charset.as_deref());
    // The page as `build` parses it.
    let html = match crate::extract::limits::check_and_prune(&decoded.text) {
        Ok(html) => html,
        Err(exceeded) => {
            crate::usage_bail!("{} is not parsed: {} ({})", args.page.display(), exceeded.detail, exceeded.reason)
        }
    };
    let article = crate::extract::html::extract_html(&html, url);
    let m = &article.metadata;
    let instant = m.published_at.and_then(chrono::DateTime::from_timestamp_micros).map(|t| t.to_rfc3339());
    let published = instant.or_else(|| m.published_date.map(|d| d.to_string()));
    let mut report = format!(
        "== metadata\ncharset    {} ({:?}{})\ntitle      {}\nbyline     {}\npublished  {}\nsite_name  {}\nurl        {}\nlanguage   {}\nblocks     {}\n",
        decoded.encoding.name(),
        decoded.source,
        if decoded.repaired_double_encoding { ", double-encoded UTF-8 repaired" } else { "" },
        m.title.as_deref().unwrap_or("-"),
        m.byline.as_deref().unwrap_or("-"),
        published.as_deref().unwrap_or("-"),
        m.site_name.as_deref().unwrap_or("-"),
        m.url.as_deref().unwrap_or("-"),
        m.language.as_deref().unwrap_or("-"),
        article.blocks.len()
    );
    report.push_str(&crate::extract::html::explain_html(&html, url));
    Ok(report)
}

fn run_build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let opts = BuildOptions {
        inputs: args.inputs,
        out: args.out,
        threads,
        progress: args.progress,
        overwrite: args.overwrite,
        incremental: args.incremental,
        shard: args.shard,
        json_log: args.log_format == LogFormat::Json,
        stage: args.stage,
    };
    let manifest = build(&opts)?;
    let c = &manifest.counts;
    let reject_rate = if c.records_seen == 0 { 0.0 } else { c.rejected as f64 / c.records_seen as f64 };
    let code = match args.max_reject_rate {
        Some(max) if reject_rate > max => ExitCode::TooManyRejects,
        _ => ExitCode::Ok,
    };
    if args.log_format == LogFormat::Json {
        let summary = serde_json::json!({
            "event": "finished",
            "exit_code": code as i32,
            "out": opts.out.display().to_string(),
            "duration_secs": manifest.duration_secs,
            "inputs": manifest.inputs.len(),
            "ignored_files": manifest.ignored_files.len(),
            "reject_rate": reject_rate,
            "counts": c,
        });
        eprintln!("{summary}");
        return Ok(code);
    }
    let run = &manifest.run;
    let nothing_done = run.inputs_read == 0 && run.inputs_replaced.is_empty();
    if !nothing_done {
        eprintln!(
            "newsmill: {} records from {} inputs in {:.1}s: {} documents ({} paragraphs, {} quotes, {} people), {} skipped, {} rejected -> {}",
            c.records_seen,
            manifest.inputs.len(),
            manifest.duration_secs,
            c.documents,
            c.paragraphs,
            c.quotes,
            c.people,
            c.skipped,
            c.rejected,
            opts.out.display()
        );
    }
    if let Some(shard) = &run.shard {
        if run.inputs_read == 0 {
            eprintln!("newsmill: shard {shard} was already complete for these inputs; nothing was redone");
        } else {
            eprintln!(
                "newsmill: shard {shard} is complete; once every shard is, publish them with `newsmill commit {}`",
                opts.out.display()
            );
        }
    }
    if run.incremental {
        eprintln!(
            "newsmill: incremental: {} inputs read, {} unchanged and left as they were, {} changed and replaced; {}",
            run.inputs_read,
            run.inputs_unchanged,
            run.inputs_replaced.len(),
            if run.inputs_read == 0 && run.inputs_replaced.is_empty() {
                "nothing new, the dataset is unchanged".to_string()
            } else {
                let rows = &manifest.files.rows;
                format!("the dataset now holds {} documents (version {})", rows.tables[Table::Documents], run.version)
            }
        );
    }
    if !manifest.ignored_files.is_empty() {
        eprintln!(
            "newsmill: {} files in the input folders are not inputs and were passed over (listed in _manifest.json)",
            manifest.ignored_files.len()
        );
    }
    if c.rejected > 0 {
        let reasons: Vec<String> = c.rejected_by_reason.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        eprintln!(
            "newsmill: rejects ({}) are listed in {}",
            reasons.join(", "),
            opts.out.join(crate::dataset::layout::REJECTS).display()
        );
    }
    if code == ExitCode::TooManyRejects {
        eprintln!(
            "newsmill: {:.1}% of records were rejected, above --max-reject-rate {:.1}%: exiting with code 3",
            reject_rate * 100.0,
            args.max_reject_rate.unwrap_or_default() * 100.0
        );
    }
    Ok(code)
}

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
