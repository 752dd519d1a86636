//! The command line.

use crate::dataset::{build, BuildOptions, Shard};
use crate::error::UsageError;
use crate::pipeline::ProgressMode;
use crate::write::schema::Table;
use clap::{Parser, Subcommand};
use help::{build_long_about, COMMIT_LONG_ABOUT};
use std::path::PathBuf;

mod explain;
mod help;

const ABOUT: &str = "Turns crawl dumps of news pages into a clean Parquet dataset of documents, paragraphs and quotes.";

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

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// An HTML page (optionally .gz), or a WARC whose first page (or --record) is explained.
    #[arg(value_name = "PAGE")]
    pub page: PathBuf,
    /// The URL the page was fetched from, to resolve relative links and URL dates.
    #[arg(long)]
    pub url: Option<String>,
    /// Which record of a WARC to explain: its `record_offset`, `url` or `record_id`, as
    /// the documents table gives them.
    #[arg(long, value_name = "OFFSET|URL|ID")]
    pub record: Option<String>,
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
    #[arg(long, short = 'j', value_name = "N", allow_negative_numbers = true, value_parser = parse_threads)]
    pub threads: Option<u16>,
    /// Progress on standard error: a bar on a terminal, else a log line every 10 s
    /// (auto); a bar on a terminal, else a log line at once and every 3 s (always);
    /// or nothing but the summary (never).
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
    /// Read only the first N input records (documents, skips and rejects alike), for a
    /// quick first try on a big crawl. The manifest and the summary say the run was
    /// limited; _ledger.json marks the inputs not read to their end, and a later
    /// --incremental run replaces what was read of them with all their records.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), conflicts_with_all = ["incremental", "shard"])]
    pub limit: Option<u64>,
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

fn parse_threads(value: &str) -> Result<u16, String> {
    match value.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{value:?} is not a number of threads: give a whole number from 1 to {}, or leave --threads out to use \
             every core",
            u16::MAX
        )),
    }
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
        Command::Explain(args) => match explain::explain(&args) {
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
            report_error(log, crate::interrupt::install().and_then(|()| run_build(args)))
        }
        Command::Commit(args) => {
            let log = args.log_format;
            report_error(log, crate::interrupt::install().and_then(|()| run_commit(&args)))
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
        limit: args.limit,
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
            "limited_to_records": manifest.run.limited.then_some(manifest.run.limit).flatten(),
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
    if let (true, Some(limit)) = (run.limited, run.limit) {
        eprintln!(
            "newsmill: --limit {limit}: the run stopped after the first {limit} records; the rest of the inputs was not \
             read (the counts above are of those {limit} records)"
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
