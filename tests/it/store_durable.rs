//! "Saved" means on disk: a save returns only after an `fdatasync` of the store's `db` file
//! has completed. sled's own flush ends with `sync_file_range`, which flushes neither the disk's
//! cache nor the file's size, and its `fsync` comes later from a background thread; so the
//! test looks, under strace, for an `fdatasync` (sled never issues one) of `<store>/db` that
//! finished between the moment the save began and the moment it returned.
//!
//! Needs strace (Debian's `strace`; .ci/run installs it) and permission to trace; without
//! them the test says SKIPPED and why.

use crate::store_support as support;

use sqa_board::store::Store;
use std::path::Path;
use std::process::Command;
use support::*;

const CHILD_ENV: &str = "SQA_DURABLE_CHILD";

/// Runs in the child process of `a_save_returns_after_an_fdatasync_of_the_db_file`: one save,
/// between two markers written to standard output.
#[test]
fn child_saves_between_markers() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(Path::new(&path), &by("alice")).unwrap();
    let first = store
        .save(&school(100234), &by("alice"), "created")
        .unwrap();
    println!("SAVE-BEGINS");
    let mut renamed = first.clone();
    renamed.name = "Renamed".into();
    store.save(&renamed, &by("alice"), "renamed").unwrap();
    println!("SAVE-RETURNED");
}

/// Whether strace can trace here (installed, and ptrace allowed).
fn strace_works() -> Result<(), String> {
    match Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .output()
    {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "strace cannot trace here: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Err(format!(
            "strace is not installed ({e}): apt-get install strace"
        )),
    }
}

#[test]
fn a_save_returns_after_an_fdatasync_of_the_db_file() {
    if let Err(why) = strace_works() {
        eprintln!("SKIPPED a_save_returns_after_an_fdatasync_of_the_db_file: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let trace = dir.path().join("trace");
    let out = Command::new("strace")
        .args(["-f", "-y", "-qq", "-s", "64"])
        .args(["-e", "trace=write,fsync,fdatasync,sync_file_range"])
        .arg("-o")
        .arg(&trace)
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store_durable::child_saves_between_markers",
            "--nocapture",
        ])
        .env(CHILD_ENV, &path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&trace).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at = |marker: &str| {
        lines
            .iter()
            .position(|l| l.contains("write(") && l.contains(marker))
            .unwrap_or_else(|| panic!("no write of {marker} in the trace:\n{text}"))
    };
    let (begins, returned) = (at("SAVE-BEGINS"), at("SAVE-RETURNED"));
    let db = format!("{}>", path.join("db").display());
    // The call, and where strace splits it across threads, its completion ("resumed").
    let synced = lines[begins..returned].iter().enumerate().any(|(i, l)| {
        let call = l.contains("fdatasync(") && l.contains(&db);
        let done = |l: &str| l.trim_end().ends_with("= 0");
        call && (done(l)
            || lines[begins + i..returned]
                .iter()
                .any(|r| r.contains("<... fdatasync resumed>") && done(r)))
    });
    assert!(
        synced,
        "no completed fdatasync of {db} while the save ran:\n{}",
        lines[begins..=returned].join("\n")
    );
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
