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

    /// A reader (`check`, `export`) was pointed at a directory without a store.
    #[error("no store at {} (is the --store path right?)", path.display())]
    NoStore { path: PathBuf },

    #[error("store {} already holds records; import only into an empty store", path.display())]
    NotEmpty { path: PathBuf },

    /// Data handed to the store that it refuses to write (duplicate ids in an import, say).
    #[error("{0}")]
    Invalid(String),

    /// The disk (or the user's quota, or a file-size limit) is full: what was being written is
    /// not on disk. Never reported as a conflict: the app keeps the text on screen. sled cannot
    /// write again through the handle that failed, so the way on is a restart.
    #[error(
        "nothing was saved: the disk holding the store is full ({0}). Copy out any text you need, free some space, then quit sqa and start it again: until then nothing more can be saved"
    )]
    Full(String),

    /// The store's disk or files refuse writes (a read-only mount, permissions).
    #[error(
        "nothing was saved: the store cannot be written ({0}). Copy out any text you need, check the disk and the store's permissions, then quit sqa and start it again; `sqa export` still reads it"
    )]
    Unwritable(String),

    /// A flush that did not finish in time (see `store::FLUSH_LIMIT`).
    #[error(
        "the disk did not finish writing within {0} s, so this may not be saved. Copy out any text you need, then quit sqa and start it again and look at the record"
    )]
    Stalled(u64),

    /// sled or file-system failure; the message names the path where there is one.
    #[error("store I/O error: {0}")]
    Io(String),
}

impl StoreError {
    /// Whether this is a failure to write to disk (after which sled cannot be trusted to
    /// write again), rather than a refusal of the data or a conflict.
    pub fn is_storage(&self) -> bool {
        matches!(
            self,
            StoreError::Full(_)
                | StoreError::Unwritable(_)
                | StoreError::Stalled(_)
                | StoreError::Io(_)
        )
    }

    /// The same failure again, for every write after the first (see `Store::writable`).
    pub(super) fn again(&self) -> StoreError {
        match self {
            StoreError::Full(s) => StoreError::Full(s.clone()),
            StoreError::Unwritable(s) => StoreError::Unwritable(s.clone()),
            StoreError::Stalled(s) => StoreError::Stalled(*s),
            e => StoreError::Io(format!(
                "{e} (an earlier write failed: quit sqa and start it again)"
            )),
        }
    }
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        match e {
            sled::Error::Io(io) => io.into(),
            e => StoreError::Io(e.to_string()),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        // sled keeps an I/O error's kind but not its errno (it clones errors by kind and
        // text), so the kind is what tells a full disk from other failures.
        match e.kind() {
            // The kind's own words ("no storage space"): sled's copy of the text is Debug output.
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => {
                StoreError::Full(e.kind().to_string())
            }
            K::ReadOnlyFilesystem | K::PermissionDenied => {
                StoreError::Unwritable(e.kind().to_string())
            }
            _ => StoreError::Io(e.to_string()),
        }
    }
}
