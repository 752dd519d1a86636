//! The dataset's life: building it, committing shards, and publishing each
//! version whole.

pub mod card;
pub mod carry;
pub mod commit;
pub mod layout;
pub mod ledger;
pub mod lock;
pub mod manifest;
pub mod shard;
pub mod store;
pub mod upload;
