//! Making a flush durable before anything says "saved".
//!
//! sled 0.34's `flush` writes the log and ends with `sync_file_range`, which starts and waits
//! for the page writes but neither flushes the disk's write cache nor the file's size; sled's
//! own `fsync` comes from its flusher thread, hundreds of milliseconds later. A power cut in
//! that window would lose a save the screen had already called saved. So after every flush the
//! store `fdatasync`s what sled wrote: the `db` file, and any new blob file (sled writes values
//! too large for the log into `blobs/` without syncing them) with the `blobs` directory entry.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub(super) struct Durable {
    /// `<store>/db`, opened once: `fdatasync` works on a read-only descriptor.
    db: File,
    blobs: PathBuf,
    /// Blob files already synced, so a flush syncs only the new ones.
    synced: Mutex<HashSet<OsString>>,
}

impl Durable {
    /// For the store in `dir`, which sled has just opened (so `db` exists). Also syncs `dir`
    /// itself, so the files sled created on a first open are found after a power cut.
    pub(super) fn open(dir: &Path) -> io::Result<Durable> {
        let db = File::open(dir.join("db"))?;
        File::open(dir)?.sync_all()?;
        let durable = Durable {
            db,
            blobs: dir.join("blobs"),
            synced: Mutex::new(HashSet::new()),
        };
        // Blobs from earlier sessions were synced by sled's flusher long ago; remembering them
        // keeps the first save as quick as the rest.
        if let Ok(mut synced) = durable.synced.lock() {
            synced.extend(durable.blob_names()?);
        }
        Ok(durable)
    }

    fn blob_names(&self) -> io::Result<Vec<OsString>> {
        match std::fs::read_dir(&self.blobs) {
            Ok(entries) => entries.map(|e| e.map(|e| e.file_name())).collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(vec![]),
            Err(e) => Err(e),
        }
    }

    /// After sled's flush: new blobs first (a log entry must not outlive its blob), then the
    /// log itself.
    pub(super) fn sync(&self) -> io::Result<()> {
        let mut synced = self
            .synced
            .lock()
            .map_err(|_| io::Error::other("the sync lock was poisoned by a panic"))?;
        let mut new_blobs = false;
        for name in self.blob_names()? {
            if synced.contains(&name) {
                continue;
            }
            let path = self.blobs.join(&name);
            match File::open(&path) {
                // sled creates blobs by the umask; the store's files are owner-only.
                Ok(f) => {
                    super::restrict_open_file(&f)?;
                    f.sync_data()?
                }
                // sled removes blobs it no longer needs; one gone meanwhile needs no sync.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            }
            synced.insert(name);
            new_blobs = true;
        }
        if new_blobs {
            File::open(&self.blobs)?.sync_all()?;
        }
        self.db.sync_data()
    }
}
