//! Keys typed ahead: over SSH several keys arrive in one read, before the answer to the first.
//! Each save must be carried out before the next key is handled, or the next save is made
//! against the revision before it and reported as someone else's ("Not saved: … conflict").

use crate::common;
use common::pty::{Pty, sqa_command};

#[test]
fn three_completions_typed_ahead_in_the_tracker_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("A");
    pty.wait_for("c done");
    // One write: the three completions (c, then Enter in the dialog) reach sqa together.
    pty.send("c\rc\rc\r");
    pty.wait_for("Action done");
    pty.send("q");
    pty.wait_until("the board", |s| s.contains("q quit"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&pty.raw_output()).to_string();
    assert!(!raw.contains("Not saved"), "a false conflict was reported");

    // All three are done in the store: the audit trail has three completions.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sqa"))
        .arg("changes")
        .env("SQA_STORE", &store)
        .env("SQA_CONFIG", store.with_file_name("config.toml"))
        .env("SQA_TODAY", "23/11/2026")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let done = text
        .lines()
        .filter(|l| l.contains(" e2e ") && l.contains("action"))
        .count();
    assert_eq!(done, 3, "{text}");
}
