//! What can go wrong in the store, phrased for the person at the keyboard: what, where, what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process (or another `Store::open` in this one) holds sled's exclusive lock.
    #[error("store {} is in use by {holder}; close that sqa first", path.display())]
    Locked { path: PathBuf, holder: String },

    /// A stored value that cannot be decoded; `key` is the record key as text.
    #[error(
        "record {key} in {tree} cannot be read ({reason}); restore it from an export, `sqa check` lists every damaged record"
    )]
    Corrupt {
        tree: String,
        key: String,
        reason: String,
    },

    #[error(
        "record {key} in {tree} was written by a newer sqa-board (schema {found}, this one knows {known}): upgrade sqa"
    )]
    NewerSchema {
        tree: String,
        key: String,
        found: u16,
        known: u16,
    },

    /// Compare-and-swap failed: the record was saved elsewhere since it was read.
    #[error(
        "{kind} {key} was saved by someone else meanwhile (yours was based on rev {expected}, the store has rev {found}); reload it and apply your change again"
    )]
    Conflict {
        kind: String,
        key: String,
        expected: u64,
        found: u64,
    },

    /// For callers that need a record to exist; `Store::get` itself returns `Ok(None)`.
    #[error("{kind} {key} is not in the store")]
    NotFound { kind: String, key: String },

    #[error("store {} already holds records; import only into an empty store", path.display())]
    NotEmpty { path: PathBuf },

    /// Data handed to the store that it refuses to write (duplicate ids in an import, say).
    #[error("{0}")]
    Invalid(String),

    /// sled or file-system failure; the message names the path where there is one.
    #[error("store I/O error: {0}")]
    Io(String),
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Io(e.to_string())
    }
}
