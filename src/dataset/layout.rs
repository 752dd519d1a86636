//! Every name in a dataset folder, in one place.
//!
//! ```text
//! DIR/documents  -> .newsmill/current/documents    one folder per table (write::schema::Table)
//! DIR/rejects.csv, README.md, report.html,         each a link into the current version
//!     _ledger.json, _manifest.json, _SUCCESS
//! DIR/.newsmill.lock                               held by the run writing DIR
//! DIR/.newsmill/current -> v000002                 the published version
//! DIR/.newsmill/v000002/                           a version: the tables' part files
//!     documents/part-000002-00000.parquet          (named by the run that wrote them),
//!     ..., _dedup.bin, _checksums.json, _SUCCESS   the published files, the dedup index,
//!                                                  the checksums of the state files
//! DIR/.newsmill/shards/0003-of-0016/               a shard of a sharded build: its part
//!     documents/part-s0003-00000.parquet, ...,     files, rejects, ledger, dedup index and
//!     _shard.json, _SUCCESS                        manifest, its inputs, and its mark
//! ```

use crate::write::schema::Table;
use std::path::{Path, PathBuf};

/// The hidden folder holding the versions and the shards.
pub const STORE: &str = ".newsmill";
/// The link in [`STORE`] to the published version.
pub const CURRENT: &str = "current";
/// The folder in [`STORE`] holding the shards of a sharded build.
pub const SHARDS: &str = "shards";
/// The lock file of a folder being written (a dataset, or a shard).
pub const LOCK: &str = ".newsmill.lock";

pub const REJECTS: &str = "rejects.csv";
/// The dataset card.
pub const CARD: &str = "README.md";
/// Charts of the dataset and its last run, one self-contained page.
pub const REPORT: &str = "report.html";
pub const LEDGER: &str = "_ledger.json";
pub const MANIFEST: &str = "_manifest.json";
/// Empty; marks a version (or a shard) complete.
pub const SUCCESS: &str = "_SUCCESS";
/// The dedup index, kept in each version and shard, not published.
pub const DEDUP: &str = "_dedup.bin";
/// The checksums of a version's or shard's state files ([`super::state`]).
pub const CHECKSUMS: &str = "_checksums.json";
/// Which inputs a shard read.
pub const SHARD_INFO: &str = "_shard.json";

/// The files published beside the tables' folders, in the order an upload
/// sends them after the part files: `_manifest.json` next to last and
/// `_SUCCESS` last, so that readers waiting for them see a whole dataset.
pub const PUBLISHED_FILES: [&str; 6] = [REJECTS, CARD, REPORT, LEDGER, MANIFEST, SUCCESS];

/// What a reader sees at the top of the dataset folder: the tables' folders,
/// then [`PUBLISHED_FILES`].
pub fn published_entries() -> impl Iterator<Item = &'static str> {
    Table::ALL.into_iter().map(Table::name).chain(PUBLISHED_FILES)
}

/// The folder name of version `number`: `v000002`.
pub fn version_name(number: u32) -> String {
    format!("v{number:06}")
}

/// The version number a folder name gives, if it names a version.
pub fn parse_version(name: &str) -> Option<u32> {
    name.strip_prefix('v').filter(|n| n.len() == 6).and_then(|n| n.parse().ok())
}

/// The folder of shard `index` of `count`.
pub fn shard_dir(out: &Path, index: u32, count: u32) -> PathBuf {
    shards_dir(out).join(format!("{index:04}-of-{count:04}"))
}

/// The folder holding every shard of `out`.
pub fn shards_dir(out: &Path) -> PathBuf {
    out.join(STORE).join(SHARDS)
}

/// The (index, count) a shard folder's name gives, if it names a shard.
pub fn parse_shard_dir(name: &str) -> Option<(u32, u32)> {
    let (index, count) = name.split_once("-of-")?;
    Some((index.parse().ok()?, count.parse().ok()?))
}

const PART: &str = "part-";
const PART_EXTENSION: &str = ".parquet";

/// The part file name prefix of a run: `part-000002`. The runs of an
/// incremental dataset keep their part files side by side.
pub fn run_prefix(run: u32) -> String {
    format!("{PART}{run:06}")
}

/// The part file name prefix of a shard: `part-s0003`.
pub fn shard_prefix(index: u32) -> String {
    format!("{PART}s{index:04}")
}

/// The name of the `n`th part file of a run or shard.
pub fn part_name(prefix: &str, n: usize) -> String {
    format!("{prefix}-{n:05}{PART_EXTENSION}")
}

/// Whether a file name is a part file's.
pub fn is_part(name: &str) -> bool {
    name.starts_with(PART) && name.ends_with(PART_EXTENSION)
}

/// The run that wrote a part file, from its name (none for a shard's).
pub fn part_run(name: &str) -> Option<u32> {
    name.strip_prefix(PART)?.split('-').next()?.parse().ok()
}

/// A shard's part file name as the version `prefix` (a run's) holds it:
/// `part-s0003-00000.parquet` becomes `part-000002-s0003-00000.parquet`.
pub fn part_in_run(name: &str, prefix: &str) -> String {
    name.replacen(PART, &format!("{prefix}-"), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        assert_eq!(parse_version(&version_name(42)), Some(42));
        assert_eq!(parse_version("current"), None);
        let shard = shard_dir(Path::new("out"), 3, 16);
        assert_eq!(shard, Path::new("out/.newsmill/shards/0003-of-0016"));
        assert_eq!(parse_shard_dir(&shard.file_name().unwrap().to_string_lossy()), Some((3, 16)));
        let part = part_name(&run_prefix(2), 7);
        assert_eq!(part, "part-000002-00007.parquet");
        assert!(is_part(&part) && !is_part("README.md"));
        assert_eq!(part_run(&part), Some(2));
        let from_shard = part_name(&shard_prefix(3), 0);
        assert_eq!(part_run(&from_shard), None);
        let joined = part_in_run(&from_shard, &run_prefix(2));
        assert_eq!(joined, "part-000002-s0003-00000.parquet");
        assert_eq!(part_run(&joined), Some(2));
    }

    #[test]
    fn the_tables_come_first_and_success_last() {
        let entries: Vec<&str> = published_entries().collect();
        assert_eq!(&entries[..3], ["documents", "paragraphs", "quotes"]);
        assert_eq!(entries[entries.len() - 2..], [MANIFEST, SUCCESS]);
    }
}
