//! The store: the only sled user. One tree per record kind (keys in `keys`), every value in a
//! versioned envelope (`envelope`, `migrate`), compare-and-swap on `rev` plus an audit entry in
//! the same transaction for every save (`write`), whole-dataset import/export (`dataset`).
//!
//! A `Store` is cheap to clone (sled's `Db` is an `Arc` inside); all sessions in one process
//! share one, since sled admits one opener per directory (`lock`).

mod audit_index;
pub mod board_cache;
mod changelog;
mod clear;
mod dataset;
pub mod drafts;
mod durable;
pub mod envelope;
mod error;
mod export_stream;
mod import;
pub mod keys;
mod lock;
pub mod migrate;
mod notify;
mod overview;
mod read;
mod read_copy;
mod record;
mod search_cache;
mod write;

pub use board_cache::BoardPreview;
pub use drafts::Draft;
pub use error::StoreError;
pub use export_stream::ExportCounts;
pub use import::ImportWriter;
pub use read::MAX_PROBLEMS;
pub use record::{Record, decode as decode_record};
pub use write::{AUDIT_SCHEMA, Change, SCHEME_SCHEMA, Staged, Stamp};

use notify::Subscribers;
use std::collections::BTreeMap;
use std::fs::DirBuilder;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Trees of the record kinds, in `Dataset` order.
pub const RECORD_TREES: [&str; 9] = [
    "school",
    "decision",
    "meeting",
    "activity",
    "plan",
    "checkpoint",
    "note",
    "action",
    "escalation",
];
/// id → primary key, for the kinds whose key holds a date or year that can change.
pub const INDEX_TREES: [&str; 8] = [
    "decision.by_id",
    "meeting.by_id",
    "activity.by_id",
    "plan.by_id",
    "checkpoint.by_id",
    "note.by_id",
    "action.by_id",
    "escalation.by_id",
];
/// Audit entries keyed by sequence number (u64 BE).
pub const AUDIT_TREE: &str = "audit";
/// Scheme and counters.
pub const META_TREE: &str = "meta";

/// sled's page cache for a new or small store (sled's own default is 1 GiB).
pub(super) const CACHE_CAPACITY: u64 = 32 << 20;
/// The most sled may cache, however large the store.
const CACHE_MAX: u64 = 256 << 20;

/// sled's cache for the store in `path`, sized from the store: half its files' size (a region's
/// 6,000 schools take ~800 MiB on disk), at least `CACHE_CAPACITY` and at most `CACHE_MAX`.
fn cache_for(path: &Path) -> u64 {
    fn bytes(dir: &Path, depth: u32) -> u64 {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .filter_map(|e| e.ok())
            .map(|e| match e.metadata() {
                Ok(m) if m.is_dir() && depth > 0 => bytes(&e.path(), depth - 1),
                Ok(m) if m.is_file() => m.len(),
                _ => 0,
            })
            .sum()
    }
    (bytes(path, 1) / 2).clamp(CACHE_CAPACITY, CACHE_MAX)
}

/// How long a flush may take before the store gives up waiting: far more than any disk that
/// works needs (a save's flush takes milliseconds), and short enough that a stuck one (sled
/// can wait for ever on a write that failed) ends in an error the user sees.
pub const FLUSH_LIMIT: Duration = Duration::from_secs(20);

/// A loaded overview and the store revision it was read at. Weak: the sessions holding it keep
/// it, and a lone session's copy is its own, so its first save changes it in place instead of
/// copying everything (0.2–0.45 s at 6,000 schools) because the store still held it too.
type SharedOverview = (u64, std::sync::Weak<crate::domain::Dataset>);
/// An overview and its index by school (`domain::index`), both held by the sessions.
type SharedIndexOf = (
    std::sync::Weak<crate::domain::Dataset>,
    std::sync::Weak<crate::domain::index::DataIndex>,
);

#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    path: Arc<PathBuf>,
    trees: Arc<BTreeMap<&'static str, sled::Tree>>,
    subscribers: Arc<Subscribers>,
    /// What `flush` syncs after sled's flush; none for a temporary store (tests), which does
    /// not outlive the process anyway.
    durable: Option<Arc<durable::Durable>>,
    /// The first write this session that failed in sled or on disk (a full disk, an I/O
    /// error). sled keeps such an error for good: every later write through this handle would
    /// fail too, or worse, meet the failed write still in sled's memory and take it for someone
    /// else's save. So from then on every write is refused at once with this error.
    failed: Arc<Mutex<Option<StoreError>>>,
    /// The last `load_overview_shared`, with the revision it was read at: sessions over one
    /// store reloading after the same commit read it once (`sqa serve`).
    overview: Arc<Mutex<Option<SharedOverview>>>,
    /// The index of the last shared overview (`overview_index`), while sessions hold both.
    overview_index: Arc<Mutex<Option<SharedIndexOf>>>,
    /// What each commit through this store wrote, so the shared overview can follow the
    /// commits by reading their records only (`overview`).
    changelog: Arc<changelog::Changelog>,
    /// The last `search_index`, with the revision it was built at (`search_cache`).
    search: Arc<Mutex<Option<search_cache::SharedIndex>>>,
    /// Dropped with the last clone; see `KeepAfterFailure`.
    _keep: Arc<KeepAfterFailure>,
    /// For a store opened to read (`open_to_read`): the copy sled has open, removed when the
    /// last clone is dropped. Last, so it is dropped after the sled handles above.
    copy: Option<Arc<read_copy::TempCopy>>,
}

/// A handle on sled that is never closed once a write has failed. Closing a sled database
/// flushes it, and after a failed write that flush can wait for ever (traced: `TreeInner::drop`
/// → `make_stable`): quitting sqa after a full disk hung until `kill -9`. So when the last
/// store clone goes after a failure, this handle is leaked instead: the process is ending, and
/// the system closes the file and frees sled's lock when it does.
struct KeepAfterFailure {
    db: Option<sled::Db>,
    failed: Arc<Mutex<Option<StoreError>>>,
}

impl Drop for KeepAfterFailure {
    fn drop(&mut self) {
        // A poisoned lock means a write panicked: treat it as failed too.
        let failed = self.failed.lock().map_or(true, |f| f.is_some());
        if failed {
            std::mem::forget(self.db.take());
        }
    }
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
        Store::open_with_cache(path, by, cache_for(path))
    }

    /// `open`, with sled's page cache at `cache` bytes.
    pub(super) fn open_with_cache(
        path: &Path,
        by: &Stamp,
        cache: u64,
    ) -> Result<Store, StoreError> {
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
        // `mode` above applies only to a directory it creates: one that existed (made by hand,
        // copied, or from an older sqa) is made private here, as a new one would be.
        restrict_dir(path).map_err(|e| io("cannot restrict permissions of", &e))?;
        let config = sled::Config::new()
            .path(path)
            .cache_capacity(cache)
            // Every commit and kept draft is flushed (and fdatasync'd) by `flush` as it is
            // made; sled's own flusher would only fsync an idle store twice a second (traced:
            // 16 fsyncs in 8 s of a board left alone), which an idle session must not do.
            .flush_every_ms(None);
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
            Ok(Err(e @ sled::Error::Corruption { .. })) => {
                return Err(io(
                    "cannot open store",
                    &format!(
                        "its db file is damaged ({}); restore it from a backup or an export",
                        read::sled_text(&e)
                    ),
                ));
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
        let durable = durable::Durable::open(path).map_err(|e| io("cannot sync", &e))?;
        Store::from_db(db, path.to_path_buf(), Some(Arc::new(durable)))
    }

    /// A store in a temporary directory, removed when the last clone is dropped. For tests.
    pub fn open_temporary() -> Result<Store, StoreError> {
        let config = sled::Config::new()
            .temporary(true)
            .cache_capacity(CACHE_CAPACITY);
        let path = config.get_path();
        let db = config.open()?;
        Store::from_db(db, path, None)
    }

    fn from_db(
        db: sled::Db,
        path: PathBuf,
        durable: Option<Arc<durable::Durable>>,
    ) -> Result<Store, StoreError> {
        let mut trees = BTreeMap::new();
        let names = RECORD_TREES
            .iter()
            .chain(INDEX_TREES.iter())
            .chain([AUDIT_TREE, audit_index::AUDIT_BY_SCHOOL, META_TREE].iter());
        for &name in names {
            trees.insert(name, db.open_tree(name)?);
        }
        let failed: Arc<Mutex<Option<StoreError>>> = Arc::default();
        let keep = Arc::new(KeepAfterFailure {
            db: Some(db.clone()),
            failed: Arc::clone(&failed),
        });
        let store = Store {
            overview: Arc::default(),
            overview_index: Arc::default(),
            changelog: Arc::default(),
            search: Arc::default(),
            db,
            path: Arc::new(path),
            trees: Arc::new(trees),
            subscribers: Arc::default(),
            durable,
            failed,
            _keep: keep,
            copy: None,
        };
        // An import cut short by a crash is undone before anything reads the store.
        store.undo_interrupted_import()?;
        store.ensure_audit_index()?;
        Ok(store)
    }

    /// Where the store lives (for one opened to read, the original, not the copy).
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

    /// The same store, named `path` in messages (a temporary copy of a served store's data is
    /// known to the user by the store's path).
    pub fn shown_as(mut self, path: &Path) -> Store {
        self.path = Arc::new(path.to_path_buf());
        self
    }

    /// `subscribe`, calling `wake` after each notice (to wake a session asleep in poll).
    pub fn subscribe_waking(&self, wake: notify::WakeFn) -> Receiver<Change> {
        self.subscribers.subscribe_waking(Some(wake))
    }

    /// Writes everything to disk and waits until it is durable: sled's flush, then an
    /// `fdatasync` of what it wrote (see `durable`). Only then may anything say "saved".
    ///
    /// Bounded: the flush runs on its own thread and a flush that has not finished within
    /// `FLUSH_LIMIT` is an error (the thread is left to finish or not; the process can still
    /// quit). Any failure is latched (see `failed`).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.writable()?;
        let (tx, rx) = std::sync::mpsc::channel();
        let (db, durable) = (self.db.clone(), self.durable.clone());
        let flusher = move || {
            let flushed = flush_now(&db, durable.as_deref());
            // Let go of sled before answering: a caller that then drops the store and opens it
            // again must find sled's lock free.
            drop((db, durable));
            // The caller may have stopped waiting: nobody to tell then.
            let _ = tx.send(flushed);
        };
        let spawned = std::thread::Builder::new()
            .name("sqa-flush".into())
            .spawn(flusher);
        let result = match spawned {
            // No thread to spare (a transient limit): the write is made already, so it must
            // still be flushed, here, without the bound, rather than left half done.
            Err(_) => flush_now(&self.db, self.durable.as_deref()),
            Ok(_) => match rx.recv_timeout(FLUSH_LIMIT) {
                Ok(r) => r,
                Err(RecvTimeoutError::Timeout) => Err(StoreError::Stalled(FLUSH_LIMIT.as_secs())),
                Err(RecvTimeoutError::Disconnected) => Err(StoreError::Io(
                    "the flush thread ended without an answer".into(),
                )),
            },
        };
        result.map_err(|e| self.latch(e))
    }

    /// Refuses a write once one has failed (see `failed`), repeating that failure.
    pub(super) fn writable(&self) -> Result<(), StoreError> {
        match self.failed.lock() {
            Ok(failed) => match failed.as_ref() {
                None => Ok(()),
                Some(e) => Err(e.again()),
            },
            Err(_) => Err(StoreError::Io(
                "a write panicked earlier in this session".into(),
            )),
        }
    }

    /// Records `e` as this session's write failure when it is one (a refused compare-and-swap
    /// or an invalid record is not), and hands it back.
    pub(super) fn latch(&self, e: StoreError) -> StoreError {
        if e.is_storage()
            && let Ok(mut failed) = self.failed.lock()
            && failed.is_none()
        {
            *failed = Some(e.again());
        }
        e
    }

    /// A failed transaction as the caller sees it; a storage failure is latched.
    pub(super) fn tx_failed(
        &self,
        e: sled::transaction::TransactionError<StoreError>,
    ) -> StoreError {
        self.latch(write::from_tx(e))
    }
}

/// sled's flush, then the fdatasync that makes it durable (see `durable`).
fn flush_now(db: &sled::Db, durable: Option<&durable::Durable>) -> Result<(), StoreError> {
    db.flush()?;
    if let Some(d) = durable {
        d.sync()?;
    }
    Ok(())
}

/// Owner-only permissions on a directory (0700), changed only when it allows more: a store
/// on a read-only disk whose folder is already private can still be opened.
fn restrict_dir(dir: &Path) -> std::io::Result<()> {
    let mode = std::fs::metadata(dir)?.permissions().mode();
    if mode & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Owner-only permissions on the files sled created (0600), and on its `blobs` folder and the
/// files in it. The directory is already 0700, so this is a second fence for stores copied
/// somewhere less private.
fn restrict_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_file() {
            restrict_file(&entry.path())?;
        } else if kind.is_dir() {
            restrict_dir(&entry.path())?;
            restrict_files(&entry.path())?;
        }
    }
    Ok(())
}

/// Owner-only (sled's files are 0600 then), changed only when the file allows more (see
/// `restrict_dir`).
fn restrict_file(path: &Path) -> std::io::Result<()> {
    restrict_open_file(&std::fs::File::open(path)?)
}

pub(super) fn restrict_open_file(f: &std::fs::File) -> std::io::Result<()> {
    let mode = f.metadata()?.permissions().mode();
    if mode & 0o077 != 0 {
        f.set_permissions(std::fs::Permissions::from_mode(mode & 0o600))?;
    }
    Ok(())
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    #[test]
    fn the_cache_is_sized_from_the_store_and_bounded() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(cache_for(dir.path()), CACHE_CAPACITY);
        let db = std::fs::File::create(dir.path().join("db")).expect("db");
        // Sparse files: their length is what counts, nothing is written.
        db.set_len(200 << 20).expect("len");
        assert_eq!(cache_for(dir.path()), 100 << 20);
        std::fs::create_dir(dir.path().join("blobs")).expect("blobs");
        let blob = std::fs::File::create(dir.path().join("blobs").join("1")).expect("blob");
        blob.set_len(4 << 30).expect("len");
        assert_eq!(cache_for(dir.path()), CACHE_MAX);
    }
}
