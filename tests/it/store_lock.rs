//! One opener at a time: a second open (in this process or another) is refused, not kept
//! waiting, naming the holder; files are private; data survives a reopen. (How soon it is
//! refused is a figure of `cargo bench --bench figures`.)

use crate::store_support as support;

use sqa_board::domain::School;
use sqa_board::store::{Store, StoreError};
use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::time::Duration;
use support::*;

const CHILD_ENV: &str = "SQA_STORE_LOCK_CHILD";

#[test]
fn second_open_in_process_is_locked_and_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _held = Store::open(&path, &by("alice")).unwrap();
    // Opened on another thread, so that an open kept waiting for the lock fails the test
    // instead of hanging it (the ceiling is only that guard).
    let (tx, rx) = std::sync::mpsc::channel();
    let second = path.clone();
    std::thread::spawn(move || tx.send(Store::open(&second, &by("bob")).map(drop)));
    let err = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the second open waited for the lock")
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert!(
        msg.starts_with(&format!(
            "store {} is in use by alice (pid ",
            path.display()
        )),
        "{msg}"
    );
    assert!(msg.contains(") since ") && msg.ends_with("; close that sqa first"));
    assert!(!msg.contains('\n'));
}

#[test]
fn locked_without_holder_file_says_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _held = Store::open(&path, &by("alice")).unwrap();
    std::fs::remove_file(path.join("holder")).unwrap();
    let msg = Store::open(&path, &by("bob")).unwrap_err().to_string();
    assert!(msg.contains("in use by another process;"), "{msg}");
}

/// Runs in the child process spawned by `second_process_is_locked`; a no-op otherwise.
#[test]
fn child_tries_to_open() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    match Store::open(std::path::Path::new(&path), &by("bob")) {
        Err(StoreError::Locked { holder, .. }) => println!("LOCKED by {holder}"),
        other => panic!("expected Locked, got {other:?}"),
    }
}

#[test]
fn second_process_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let _held = Store::open(&path, &by("alice")).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "store_lock::child_tries_to_open", "--nocapture"])
        .env(CHILD_ENV, &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!("LOCKED by alice (pid {})", std::process::id())),
        "{stdout}"
    );
}

#[test]
fn data_survives_reopen_and_files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/store");
    {
        let store = Store::open(&path, &by("alice")).unwrap();
        assert_eq!(store.path(), path);
        store
            .save(&school(100234), &by("alice"), "created")
            .unwrap();
        assert!(store.next_id().unwrap() >= 1);
    }
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o700);
    assert_eq!(mode(&path.join("holder")), 0o600);
    assert_eq!(mode(&path.join("db")), 0o600);
    assert_eq!(mode(&path.join("conf")), 0o600);
    // sled frees the lock once its flusher has let go of the dropped handle: wait for that.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let store = loop {
        match Store::open(&path, &by("bob")) {
            Ok(s) => break s,
            Err(e) if std::time::Instant::now() > deadline => panic!("reopen: {e}"),
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    };
    let s: School = store.get(&100234).unwrap().unwrap();
    assert_eq!(s.rev, 1);
    let id = store.next_id().unwrap();
    assert!(id >= 2, "ids persist across reopen");
}

#[test]
fn an_existing_open_folder_and_its_files_are_made_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    drop(Store::open(&path, &by("alice")).unwrap());
    // As a folder made by hand, copied with `cp -r`, or left by an older sqa would be.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    for name in ["db", "conf", "holder"] {
        std::fs::set_permissions(path.join(name), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(path.join("blobs"), std::fs::Permissions::from_mode(0o755)).unwrap();
    // sled frees the lock once its flusher has let go of the dropped handle: wait for that.
    let store = loop {
        match Store::open(&path, &by("bob")) {
            Ok(s) => break s,
            Err(StoreError::Locked { .. }) => std::thread::yield_now(),
            Err(e) => panic!("reopen: {e}"),
        }
    };
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o700);
    assert_eq!(mode(&path.join("blobs")), 0o700);
    for name in ["db", "conf", "holder"] {
        assert_eq!(mode(&path.join(name)), 0o600, "{name}");
    }
    drop(store);
}

#[test]
fn a_store_missing_its_db_file_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    drop(Store::open(&path, &by("alice")).unwrap());
    std::fs::remove_file(path.join("db")).unwrap();
    let err = Store::open(&path, &by("alice")).unwrap_err();
    assert!(matches!(err, StoreError::Io(_)));
    assert!(err.to_string().contains(&path.display().to_string()));
    assert!(!path.join("db").exists());
}

#[test]
fn a_file_in_the_way_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    std::fs::write(&path, "x").unwrap();
    let err = Store::open(&path, &by("alice")).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
