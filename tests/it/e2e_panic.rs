//! A bug that panics mid-session: the terminal is given back (the shell works, the message is
//! readable), what was typed is kept as a draft, and the store is free for the next session.
//! The panic is injected through `SQA_FAULT_PANIC_ON` (src/tui/mod.rs).

use crate::common;
use common::pty::{Pty, sqa_command};

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let mut cmd = sqa_command(&store, &["demo"]);
    // Ctrl-\ (a byte raw mode hands over as it is) stands for "whatever the bug was".
    cmd.env("SQA_FAULT_PANIC_ON", "\x1c");
    let mut pty = Pty::spawn(cmd, 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("n");
    pty.wait_for("Note of visit");
    pty.tab_to_free_text();
    pty.type_keys("Typed before the crash");
    pty.wait_for("Typed before the crash");
    pty.send("\x1c");
    let code = pty.wait_exit();
    assert_ne!(code, 0, "a panic must not look like a clean exit");
    pty.assert_restored();
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(
        raw.contains("fault injected"),
        "the panic message was not shown"
    );

    // The next session opens the store (the lock was released) and offers the draft back.
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.restore_note_draft();
    pty.wait_for("Typed before the crash");
    pty.send("\x03");
    pty.wait_exit();
}
