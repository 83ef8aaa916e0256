//! A dropped SSH connection while `$EDITOR` is open on a note: sqa must not panic, must not keep
//! the store while an editor that ignores the hang-up runs on, and must keep what the editor had
//! written (after `:w`) as the note's draft, offered back on the next start.

use crate::common;
use common::pty::{Pty, sqa_command};
use std::path::Path;
use std::time::Duration;

/// Tabs from the date to the note's free text on a new note (as in tests/e2e_notes.rs).
const WRITTEN: &str = "Written in the editor before the line dropped";

/// An "editor" that saves `WRITTEN` at once (as `:w` does), says so through `ready`, then waits
/// (ignoring SIGHUP when `ignores_hangup`) until it is stopped.
fn editor_script(dir: &Path, ready: &Path, ignores_hangup: bool) -> String {
    let script = dir.join(if ignores_hangup {
        "stubborn-editor"
    } else {
        "editor"
    });
    let trap = if ignores_hangup { "trap '' HUP\n" } else { "" };
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' '{WRITTEN}' > \"$1\"\n: > '{}'\n{trap}exec sleep 60\n",
            ready.display()
        ),
    )
    .expect("write the editor script");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    }
    script.to_str().expect("utf-8 path").to_string()
}

fn start(store: &Path, editor: &str) -> Pty {
    let mut cmd = sqa_command(store, &["demo"]);
    cmd.env("EDITOR", editor);
    cmd.env_remove("VISUAL");
    let pty = Pty::spawn(cmd, 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty
}

/// Waits until `path` exists (the editor has saved its text).
fn wait_for_file(path: &Path, pty: &Pty) {
    for _ in 0..3000 {
        if path.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the editor never ran; screen:\n{}", pty.screen());
}

/// SIGHUP to the terminal's foreground process group, sqa and the editor, as the kernel sends
/// when the SSH connection drops (through kill(1): no libc, no unsafe).
fn hang_up_group(pty: &Pty) {
    let pid = pty.child.process_id().expect("pid");
    let sent = std::process::Command::new("kill")
        .args(["-HUP", "--", &format!("-{pid}")])
        .status()
        .expect("kill(1)");
    assert!(sent.success(), "kill -HUP -{pid}");
}

fn hang_up_in_the_editor(ignores_hangup: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo-store");
    let ready = dir.path().join("editor-saved");
    let editor = editor_script(dir.path(), &ready, ignores_hangup);
    let mut pty = start(&store, &editor);
    pty.send("n");
    pty.wait_for("Note of visit");
    pty.send("\x05"); // Ctrl-E: the free text in $EDITOR
    wait_for_file(&ready, &pty);
    hang_up_group(&pty);
    // No wall-clock bound is asserted; the limit only stops a hung test.
    let code = pty.wait_exit();
    let raw = String::from_utf8_lossy(&pty.raw_output()).to_string();
    assert!(!raw.contains("panicked"), "{raw}");
    assert_eq!(code, 0, "{raw}");
    drop(pty);

    // The store was let go, and the editor's text is the note's draft.
    let mut pty = start(&store, &editor);
    pty.restore_note_draft();
    pty.wait_for(WRITTEN);
    pty.send("\x03");
    pty.wait_exit();
}

#[test]
fn hang_up_while_the_editor_is_open_keeps_its_text_as_a_draft() {
    hang_up_in_the_editor(false);
}

#[test]
fn an_editor_that_ignores_the_hang_up_is_stopped_and_its_text_kept() {
    hang_up_in_the_editor(true);
}

/// The terminal itself goes away (the master side closed, as sshd does when the connection
/// drops), with an editor that ignores the hang-up: the kernel's SIGHUP reaches sqa, which stops
/// the editor, writes nothing to the dead terminal, exits 0 (never a panic, 101) and keeps the
/// text as a draft.
#[test]
fn closing_the_terminal_while_the_editor_is_open_keeps_its_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("demo-store");
    let ready = dir.path().join("editor-saved");
    let editor = editor_script(dir.path(), &ready, true);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/drop_in_editor.py"
    );
    let out = std::process::Command::new("python3")
        .args([
            script,
            env!("CARGO_BIN_EXE_sqa"),
            store.to_str().expect("utf-8"),
            &editor,
            ready.to_str().expect("utf-8"),
        ])
        .output()
        .expect("python3 is on every machine this project builds on");
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(said.trim(), "exit 0", "{said}");

    // drop_in_editor.py names the config `<store>.toml`; the restart uses the pty harness's.
    let mut pty = start(&store, &editor);
    pty.restore_note_draft();
    pty.wait_for(WRITTEN);
    pty.send("\x03");
    pty.wait_exit();
}
