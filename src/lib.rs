//! newsmill: crawl dumps in, a Parquet dataset of documents, paragraphs and quotes out.
//!
//! The modules follow the pipeline, and data flows one way through them:
//!
//! ```text
//! read ──▶ decode ──▶ extract ──▶ segment ──▶ dedup ──▶ write
//! ```
//!
//! [`pipeline`] wires the stages together, runs them in parallel and keeps the
//! output deterministic; [`mod@write`] is the row sink at its end. [`dataset`]
//! owns the dataset's life around a run: which inputs it reads (ledger,
//! shards), the version it writes into, and the one way a version is
//! published (`build` and `commit`, locally or uploaded). [`storage`] is
//! where bytes live, local files or S3, for readers and dataset alike;
//! [`reason`] names why a record was rejected or skipped; [`cli`] is the
//! command line on top.

pub mod cli;
pub mod dataset;
pub mod decode;
pub mod dedup;
pub mod error;
pub mod extract;
pub mod interrupt;
pub mod pipeline;
pub mod read;
pub mod reason;
pub mod segment;
pub mod storage;
pub mod write;
