//! A disk that fills during a session: every save returns at once with an error that says the
//! disk is full and nothing was saved (never a hang, never "saved by someone else"), and every
//! save that was acknowledged is on disk afterwards.
//!
//! Two ways to fill the disk: a file-size limit (`RLIMIT_FSIZE`, no privileges needed: writes
//! past it fail with EFBIG, as a full disk fails them with ENOSPC), and, when the test runs as
//! root and may mount, a real 6 MB tmpfs that fills up. Each runs in a child process (the limit
//! is per process), which the parent waits for.

use crate::store_support as support;

use sqa_board::domain::{Id, Note, School};
use sqa_board::store::{Store, StoreError};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use support::*;

const CHILD_ENV: &str = "SQA_FULL_DISK_CHILD";
/// How much each note adds: the disk fills within a few hundred saves.
const NOTE_TEXT: usize = 16 * 1024;
/// A hang guard only, far above what the child needs (well under a second when it works).
const HANG_GUARD: Duration = Duration::from_secs(120);

fn big_note(id: Id) -> Note {
    let mut n = note(id, 100234, day(2026, 11, 23));
    n.body.text = format!("{id} ").repeat(NOTE_TEXT / 4);
    n
}

/// Saves notes until the disk is full, then checks that a failed save says so and that later
/// saves (of new records, and of the same record again) fail the same way at once. Prints
/// "ACKED <id>" for every save that returned Ok, and "DONE" at the end.
fn fill_and_save(store: &Store, limit: usize) {
    let mut first_failure = None;
    for id in 1..=limit as Id {
        match store.save(&big_note(id), &by("alice"), "created") {
            Ok(_) => println!("ACKED {id}"),
            Err(e) => {
                first_failure = Some((id, e));
                break;
            }
        }
    }
    let Some((id, err)) = first_failure else {
        panic!("{limit} saves and the disk never filled");
    };
    assert!(matches!(err, StoreError::Full(_)), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with("nothing was saved: the disk holding the store is full")
            && msg.contains("free some space, then quit sqa and start it again"),
        "{msg}"
    );
    // The user saves the same form again (same rev): still the disk, not a conflict.
    for _ in 0..3 {
        let again = store
            .save(&big_note(id), &by("alice"), "created")
            .unwrap_err();
        assert!(matches!(again, StoreError::Full(_)), "{again:?}");
    }
    // And something else entirely, small: the same answer, at once.
    let other = store
        .save(&school(100999), &by("alice"), "created")
        .unwrap_err();
    assert!(matches!(other, StoreError::Full(_)), "{other:?}");
    assert!(matches!(store.next_id(), Err(StoreError::Full(_))));
    let kept = store.put_form_draft("meeting/1/alice", 1, &"typed");
    assert!(matches!(kept, Err(StoreError::Full(_))), "{kept:?}");
    // Reading still works: the board stays usable, and the user can copy text out.
    assert!(store.get::<School>(&100234).unwrap().is_some());
    println!("DONE");
}

/// Runs in the child process of `a_file_size_limit_fails_saves_at_once`; a no-op otherwise.
#[test]
fn child_fills_a_file_size_limit() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(Path::new(&path), &by("alice")).unwrap();
    // A write past the limit raises SIGXFSZ, which would kill the process; with a handler the
    // write fails with EFBIG instead, as a full disk fails it with ENOSPC.
    let hit = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGXFSZ, hit).unwrap();
    let db_len = std::fs::metadata(Path::new(&path).join("db"))
        .unwrap()
        .len();
    let limit = db_len + 2 * 1024 * 1024;
    rustix::process::setrlimit(
        rustix::process::Resource::Fsize,
        rustix::process::Rlimit {
            current: Some(limit),
            maximum: None,
        },
    )
    .unwrap();
    fill_and_save(&store, 1000);
}

/// The child's output once it has exited, or a panic naming what it printed if it hangs.
fn run_child(test: &str, path: &Path) -> Output {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the child hung on a full disk; it printed:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Every save the child acknowledged is in the store when it is opened again (on the full
/// disk still: as `sqa check` and `sqa export` open it).
fn acknowledged_saves_survive(out: &Output, path: &Path) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("DONE"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let acked: Vec<Id> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ACKED ")?.trim().parse().ok())
        .collect();
    assert!(!acked.is_empty(), "{stdout}");
    // Read through a copy: the full disk cannot take even the holder file an opener writes.
    let store = Store::open_to_read(path, &by("bob")).unwrap();
    for id in acked {
        let n: Option<Note> = store.get(&id).unwrap();
        assert!(
            n.is_some(),
            "note {id} was acknowledged but is not in the store"
        );
    }
    assert!(store.get::<School>(&100999).unwrap().is_none());
}

#[test]
fn a_file_size_limit_fails_saves_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    Store::open(&path, &by("alice"))
        .unwrap()
        .save(&school(100234), &by("alice"), "created")
        .unwrap();
    let out = run_child("store_full_disk::child_fills_a_file_size_limit", &path);
    acknowledged_saves_survive(&out, &path);
}

/// Runs in the child process of `a_full_tmpfs_fails_saves_at_once`; a no-op otherwise.
#[test]
fn child_fills_a_tmpfs() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(Path::new(&path), &by("alice")).unwrap();
    // Space the user frees once the disk is full.
    let filler = Path::new(&path).with_file_name("filler");
    std::fs::write(&filler, vec![1u8; 2 << 20]).unwrap();
    fill_and_save(&store, 1000);
    // The user frees space and quits: closing sled after a failed write used to wait for ever
    // (its final flush); the parent sees this process end.
    std::fs::remove_file(&filler).unwrap();
    let more = store.save(&school(100998), &by("alice"), "created");
    assert!(matches!(more, Err(StoreError::Full(_))), "{more:?}");
    drop(store);
}

#[test]
fn a_full_tmpfs_fails_saves_at_once() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("SKIPPED a_full_tmpfs_fails_saves_at_once: mounting a tmpfs needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("tiny");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs"])
        .arg(&mnt)
        .output();
    match mounted {
        Ok(o) if o.status.success() => {}
        other => {
            eprintln!("SKIPPED a_full_tmpfs_fails_saves_at_once: cannot mount a tmpfs: {other:?}");
            return;
        }
    }
    // Unmounted however the test ends.
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&mnt);
    let path = mnt.join("store");
    Store::open(&path, &by("alice"))
        .unwrap()
        .save(&school(100234), &by("alice"), "created")
        .unwrap();
    let out = run_child("store_full_disk::child_fills_a_tmpfs", &path);
    acknowledged_saves_survive(&out, &path);
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
