//! newsmill: crawl dumps in, a Parquet dataset of documents, paragraphs and quotes out.
//!
//! The modules follow the pipeline, and data flows one way through them:
//!
//! ```text
//! read ──▶ decode ──▶ extract ──▶ segment ──▶ dedup ──▶ write
//! ```
//!
//! [`pipeline`] wires the stages together, runs them in parallel and keeps the
//! output deterministic; [`cli`] is the command line on top.

pub mod cli;
pub mod dataset;
pub mod decode;
pub mod dedup;
pub mod error;
pub mod extract;
pub mod pipeline;
pub mod read;
pub mod reason;
pub mod segment;
pub mod storage;
pub mod write;
