//! The daily backup, taken while the board is in use instead of after it: quitting never waits
//! for it (at 6,000 schools it takes seconds; the prompt must be back within 150 ms).
//!
//! The backup runs on a thread of its own once the board has loaded (`Starter::start`), so it
//! does not compete with the first frame. At the end of the session `DailyBackup::finish`
//! stops it if it has not finished (a hang-up or a quick quit): nothing is left half-written
//! (the file is written under a temporary name and renamed), and the next session takes it
//! instead. A save landing while it is written would make the file mix two revisions, so it is
//! taken again then.

use crate::store::Store;
use chrono::NaiveDate;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

/// How many times a backup that a save overtook is taken again in one session.
const ATTEMPTS: usize = 3;

/// What became of the session's backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Today's backup was there already, or has been written.
    Done,
    /// The session ended before it was taken (the next one will).
    NotTaken,
    /// Writing it failed: the message, for the user.
    Failed(String),
}

/// The session's daily backup, on its own thread.
pub struct DailyBackup {
    handle: Option<JoinHandle<Outcome>>,
    /// Dropped (by `finish` or with the last `Starter`) to tell a thread still waiting that
    /// the session is over.
    start: Option<Sender<()>>,
    /// Set by `finish`: a backup still being written stops at its next record (the thread
    /// then ends instead of writing on after the session).
    cancel: Arc<AtomicBool>,
}

/// Lets the backup begin; handed to the work done after the board's first frame.
#[derive(Clone)]
pub struct Starter(Sender<()>);

impl Starter {
    pub fn start(&self) {
        // The thread may have gone (the session is ending): nothing to start then.
        let _ = self.0.send(());
    }
}

impl DailyBackup {
    /// A thread that waits for `Starter::start`, then takes today's backup of `store` if it is
    /// not there yet, keeping the newest `keep`.
    pub fn spawn(store: Store, today: NaiveDate, keep: usize) -> (DailyBackup, Starter) {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let handle = std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || run(&store, today, keep, &rx, &stop))
            .ok();
        let backup = DailyBackup {
            handle,
            start: Some(tx.clone()),
            cancel,
        };
        (backup, Starter(tx))
    }

    /// Whether the thread has ended (its outcome is then ready).
    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(|h| h.is_finished())
    }

    /// At the end of the session: the outcome if the backup has ended, else `NotTaken` without
    /// waiting for it (the process may exit at once: the file is never seen half-written).
    pub fn finish(mut self) -> Outcome {
        self.start = None;
        match self.handle.take() {
            Some(h) if h.is_finished() => h
                .join()
                .unwrap_or_else(|_| Outcome::Failed("the backup thread panicked".into())),
            Some(_) | None => {
                self.cancel.store(true, Ordering::Relaxed);
                Outcome::NotTaken
            }
        }
    }

    /// Waits for the backup to end (for tests and the benches, which must know it ran).
    pub fn wait(mut self) -> Outcome {
        self.start = None;
        match self.handle.take() {
            Some(h) => h
                .join()
                .unwrap_or_else(|_| Outcome::Failed("the backup thread panicked".into())),
            None => Outcome::NotTaken,
        }
    }
}

fn run(
    store: &Store,
    today: NaiveDate,
    keep: usize,
    start: &Receiver<()>,
    cancel: &AtomicBool,
) -> Outcome {
    // Every sender dropped before a start: the session ended before the board loaded.
    if start.recv().is_err() {
        return Outcome::NotTaken;
    }
    for _ in 0..ATTEMPTS {
        let before = match store.revision() {
            Ok(r) => r,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let written = match crate::backup::daily_unless(store, today, keep, Some(cancel)) {
            Ok(written) => written,
            // Stopped by `finish`: the session is over, the next one takes it.
            Err(_) if cancel.load(Ordering::Relaxed) => return Outcome::NotTaken,
            Err(e) => return Outcome::Failed(format!("{e:#}")),
        };
        let Some(path) = written else {
            return Outcome::Done;
        };
        match store.revision() {
            Ok(after) if after == before => return Outcome::Done,
            Ok(_) => {
                // A save landed while the file was written: it may hold half of it. Taken
                // again, from the store as it is now.
                if let Err(e) = std::fs::remove_file(&path) {
                    return Outcome::Failed(format!("could not remove {}: {e}", path.display()));
                }
            }
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    }
    Outcome::NotTaken
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Stamp;

    fn stamp() -> Stamp {
        Stamp {
            user: "tester".into(),
            at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
        }
    }

    fn demo_store(dir: &std::path::Path) -> Store {
        let store = Store::open(&dir.join("store"), &stamp()).expect("opens");
        let ds = crate::demo::demo_dataset().expect("demo data");
        store.import_dataset(&ds, &stamp()).expect("imports");
        store
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    fn backups(store: &Store) -> Vec<std::path::PathBuf> {
        let dir = crate::backup::backup_dir(store.path());
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_session_that_ends_before_the_board_loads_takes_no_backup() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = demo_store(dir.path());
        let (backup, starter) = DailyBackup::spawn(store.clone(), day(), 3);
        drop(starter);
        assert_eq!(backup.wait(), Outcome::NotTaken);
        assert!(backups(&store).is_empty());
    }

    #[test]
    fn once_started_todays_backup_is_written_whole_and_only_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = demo_store(dir.path());
        let (backup, starter) = DailyBackup::spawn(store.clone(), day(), 3);
        starter.start();
        assert_eq!(backup.wait(), Outcome::Done);
        let files = backups(&store);
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(
            files[0].ends_with("sqa-backup-2026-11-23.json"),
            "{files:?}"
        );
        let text = std::fs::read_to_string(&files[0]).expect("reads");
        let back: crate::domain::Dataset = serde_json::from_str(&text).expect("a whole export");
        assert_eq!(back.schools.len(), 22);
        // A second session the same day finds it there.
        let (again, starter) = DailyBackup::spawn(store.clone(), day(), 3);
        starter.start();
        assert_eq!(again.wait(), Outcome::Done);
        assert_eq!(backups(&store), files);
    }

    #[test]
    fn finishing_never_waits_for_a_backup_still_being_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = demo_store(dir.path());
        let (backup, starter) = DailyBackup::spawn(store.clone(), day(), 3);
        // Not started: the thread is waiting, and finishing says so at once.
        assert!(!backup.is_finished());
        assert_eq!(backup.finish(), Outcome::NotTaken);
        drop(starter);
        assert!(backups(&store).is_empty());
    }
}
