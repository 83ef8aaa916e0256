//! Opening a store only to read it (`sqa check`, `sqa export`).
//!
//! sled 0.34 has no read-only mode: opening writes (the log's recovered tail, snapshots, the
//! config), so it fails on a read-only or full disk, and it creates an empty store where there
//! was none. A reader instead copies the store's files into a private temporary directory and
//! opens the copy: the store itself is never written, a mistyped path is an error rather than a
//! new store, and a store on a full or read-only disk can still be checked and exported, so
//! its data can be rescued elsewhere.

use super::{Stamp, Store, StoreError};
use std::fs::{self, DirBuilder, File};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A private directory removed when dropped (the last clone of the store holding it).
#[derive(Debug)]
pub(super) struct TempCopy(PathBuf);

impl Drop for TempCopy {
    fn drop(&mut self) {
        // Best effort: a copy left behind in the temporary directory is private (0700) and
        // harmless, and a reader must not fail after it has done its work.
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    DirBuilder::new().mode(0o700).create(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        // The holder file says who has the original open; the copy's opener writes its own.
        if name == "holder" || name == "holder.tmp" {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(&name))?;
        } else if kind.is_file() {
            // `fs::copy` keeps the source's mode; the copy is private whatever the original's.
            fs::copy(entry.path(), to.join(&name))?;
            fs::set_permissions(
                to.join(&name),
                std::os::unix::fs::PermissionsExt::from_mode(0o600),
            )?;
        }
    }
    Ok(())
}

/// Removes copies left by readers that were killed before they could remove their own (a copy
/// is as big as the store). A copy is named after its process; one whose process is gone is an
/// orphan. Best effort, like `TempCopy`'s drop.
fn remove_orphans(tmp: &Path) {
    let Ok(entries) = fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("sqa-read-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Store {
    /// Opens the store in `path` to read it, through a copy (see the module comment); the
    /// store's `path()` is still `path`, for messages.
    ///
    /// Fails with `NoStore` when `path` holds no store, with `Locked` when a session has it
    /// open (a copy taken while it writes could be torn), and with `Io` when the copy cannot
    /// be made (the message names the temporary directory, so the user can point `TMPDIR`
    /// somewhere with room).
    pub fn open_to_read(path: &Path, by: &Stamp) -> Result<Store, StoreError> {
        let db = path.join("db");
        if !db.is_file() {
            return Err(StoreError::NoStore {
                path: path.to_path_buf(),
            });
        }
        let io = |what: &str, where_: &Path, e: &dyn std::fmt::Display| {
            StoreError::Io(format!("{what} {}: {e}", where_.display()))
        };
        // A shared lock on the original's `db` for the length of the copy: sled's opener takes
        // an exclusive one, so no session can open the store and write while it is copied, and
        // one that has it open already makes this fail at once.
        let db_file = File::open(&db).map_err(|e| io("cannot read", &db, &e))?;
        match db_file.try_lock_shared() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                    holder: super::lock::holder_text(path),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(io("cannot lock", &db, &e)),
        }
        static COPIES: AtomicU64 = AtomicU64::new(0);
        let tmp = std::env::temp_dir();
        remove_orphans(&tmp);
        let dir = tmp.join(format!(
            "sqa-read-{}-{}",
            std::process::id(),
            COPIES.fetch_add(1, Ordering::Relaxed)
        ));
        let copy = TempCopy(dir.clone());
        let store_copy = dir.join("store");
        DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .and_then(|()| copy_tree(path, &store_copy))
            .map_err(|e| {
                io(
                    "cannot copy the store to read it into",
                    &tmp,
                    &format!("{e} (set TMPDIR to a disk with room)"),
                )
            })?;
        drop(db_file);
        // Errors from opening the copy name the copy; the user knows the store by its path.
        // The smallest cache: a command that only reads goes through the store once, front to
        // back, so a page is seldom read twice (a region's store would otherwise be given
        // 256 MiB of it: most of `export`'s and `check`'s memory).
        let mut store = Store::open_with_cache(&store_copy, by, super::CACHE_CAPACITY).map_err(
            |e| match e {
                StoreError::Io(m) => StoreError::Io(m.replace(
                    &store_copy.display().to_string(),
                    &path.display().to_string(),
                )),
                e => e,
            },
        )?;
        store.path = std::sync::Arc::new(path.to_path_buf());
        store.copy = Some(std::sync::Arc::new(copy));
        Ok(store)
    }
}
