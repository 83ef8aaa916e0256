//! The store: the only sled user. One tree per record kind (keys in `keys`), every value in a
//! versioned envelope (`envelope`, `migrate`), compare-and-swap on `rev` plus an audit entry in
//! the same transaction for every save (`write`), whole-dataset import/export (`dataset`).
//!
//! A `Store` is cheap to clone (sled's `Db` is an `Arc` inside); all sessions in one process
//! share one, since sled admits one opener per directory (`lock`).

mod audit_index;
pub mod board_cache;
mod clear;
mod dataset;
pub mod drafts;
pub mod envelope;
mod error;
pub mod keys;
mod lock;
pub mod migrate;
mod notify;
mod read;
mod record;
mod write;

pub use board_cache::BoardPreview;
pub use drafts::Draft;
pub use error::StoreError;
pub use record::{Record, decode as decode_record};
pub use write::{AUDIT_SCHEMA, Change, SCHEME_SCHEMA, Staged, Stamp};

use notify::Subscribers;
use std::collections::BTreeMap;
use std::fs::DirBuilder;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// Trees of the record kinds, in `Dataset` order.
pub const RECORD_TREES: [&str; 8] = [
    "school",
    "decision",
    "meeting",
    "activity",
    "plan",
    "checkpoint",
    "note",
    "action",
];
/// id → primary key, for the kinds whose key holds a date or year that can change.
pub const INDEX_TREES: [&str; 7] = [
    "decision.by_id",
    "meeting.by_id",
    "activity.by_id",
    "plan.by_id",
    "checkpoint.by_id",
    "note.by_id",
    "action.by_id",
];
/// Audit entries keyed by sequence number (u64 BE).
pub const AUDIT_TREE: &str = "audit";
/// Scheme and counters.
pub const META_TREE: &str = "meta";

const CACHE_CAPACITY: u64 = 32 << 20;

#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    path: Arc<PathBuf>,
    trees: Arc<BTreeMap<&'static str, sled::Tree>>,
    subscribers: Arc<Subscribers>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if need be) the store in directory `path`, as `by` (who, and since when,
    /// for the holder file a refused opener reads).
    ///
    /// Fails with `Locked` when another opener holds it, and with `Io` naming the path when sled
    /// cannot open it: a store that does not open is never replaced by a fresh empty one.
    pub fn open(path: &Path, by: &Stamp) -> Result<Store, StoreError> {
        let io = |what: &str, e: &dyn std::fmt::Display| {
            StoreError::Io(format!("{what} {}: {e}", path.display()))
        };
        // sled would quietly start an empty database if `db` had gone while `conf` stayed
        // (a half-copied or half-deleted store); that would look like lost data, so refuse.
        if path.join("conf").exists() && !path.join("db").exists() {
            return Err(StoreError::Io(format!(
                "store {} has no db file (half copied or deleted?); refusing to start an empty store there",
                path.display()
            )));
        }
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)
            .map_err(|e| io("cannot create store directory", &e))?;
        let config = sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_CAPACITY);
        // sled 0.34 can panic on some damaged files instead of returning an error; the caller
        // must get an error it can show, not a crash.
        let db = match catch_unwind(AssertUnwindSafe(|| config.open())) {
            Ok(Ok(db)) => db,
            Ok(Err(e)) if lock::is_lock_error(&e) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                    holder: lock::holder_text(path),
                });
            }
            Ok(Err(e)) => return Err(io("cannot open store", &e)),
            Err(_) => {
                return Err(io(
                    "cannot open store",
                    &"sled panicked reading it (damaged?); restore from an export",
                ));
            }
        };
        lock::write_holder(path, by).map_err(|e| io("cannot write holder file in", &e))?;
        restrict_files(path).map_err(|e| io("cannot restrict permissions in", &e))?;
        Store::from_db(db, path.to_path_buf())
    }

    /// A store in a temporary directory, removed when the last clone is dropped. For tests.
    pub fn open_temporary() -> Result<Store, StoreError> {
        let config = sled::Config::new()
            .temporary(true)
            .cache_capacity(CACHE_CAPACITY);
        let path = config.get_path();
        let db = config.open()?;
        Store::from_db(db, path)
    }

    fn from_db(db: sled::Db, path: PathBuf) -> Result<Store, StoreError> {
        let mut trees = BTreeMap::new();
        let names = RECORD_TREES
            .iter()
            .chain(INDEX_TREES.iter())
            .chain([AUDIT_TREE, audit_index::AUDIT_BY_SCHOOL, META_TREE].iter());
        for &name in names {
            trees.insert(name, db.open_tree(name)?);
        }
        let store = Store {
            db,
            path: Arc::new(path),
            trees: Arc::new(trees),
            subscribers: Arc::default(),
        };
        // An import cut short by a crash is undone before anything reads the store.
        store.undo_interrupted_import()?;
        store.ensure_audit_index()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn tree(&self, name: &str) -> Result<&sled::Tree, StoreError> {
        self.trees
            .get(name)
            .ok_or_else(|| StoreError::Io(format!("no tree named {name}")))
    }

    /// True when the store holds no schools (a fresh store, before import or demo data).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.tree("school")?.is_empty())
    }

    /// A receiver that hears what changed after every successful commit, scheme change or
    /// import made through any clone of this store.
    pub fn subscribe(&self) -> Receiver<Change> {
        self.subscribers.subscribe()
    }

    /// Writes everything to disk (sled's fsync-like flush).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }
}

/// Owner-only permissions on the files sled created. The directory is already 0700, so this is
/// a second fence for stores copied somewhere less private.
fn restrict_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}
