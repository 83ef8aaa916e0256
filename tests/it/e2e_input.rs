//! End to end, in a pseudo-terminal: input the runtime reads itself arrives whole however much
//! comes at once (a burst without bracketed paste, a paste near the cap), and a hang-up part-way
//! through an escape sequence ends the process with the draft kept and the store free. How soon
//! is a figure of `cargo bench --bench figures`.

use crate::common;
use common::pty::{Pty, sqa_command};
use std::path::Path;
use std::time::Duration;

/// The guard against hanging for the 64 KB burst (a slow debug build on a busy machine).
const BURST_GUARD: Duration = Duration::from_secs(300);

fn start(store: &Path) -> Pty {
    let pty = Pty::spawn(sqa_command(store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty
}

/// A new note of visit, its free text focused.
fn to_free_text(pty: &mut Pty) {
    pty.send("n");
    pty.wait_for("Note of visit");
    pty.tab_to_free_text();
    pty.wait_for("›Notes");
}

#[test]
fn a_64_kb_burst_without_bracketed_paste_arrives_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    to_free_text(&mut pty);
    let mut text = String::new();
    let mut i = 0;
    // 64 KB: sixty-four times what used to stall at ~1 KB. The session hands each read's run
    // of typed characters to the text field as one insertion (src/runner.rs): key by key,
    // ratatui-textarea redoes its wrap map every time, and 64 K keys took minutes.
    while text.len() < 64 * 1024 {
        // Lines as a document pasted without bracketed paste has them (Enter is \r).
        let end = if i % 12 == 11 { "\r" } else { " " };
        text.push_str(&format!("w{i}{end}"));
        i += 1;
    }
    text.push_str("LASTWORDS");
    // All at once, as a paste without bracketed paste (PuTTY's right-click) or a backlog.
    pty.send(&text);
    pty.wait_until_within("LASTWORDS", BURST_GUARD, |s| s.contains("LASTWORDS"));
    // Whole: the words just before the last are there too, in order.
    let before = format!("w{} ", i - 2);
    let s = pty.screen();
    assert!(s.contains(&before), "{before:?} not on screen:\n{s}");
    pty.send("\x03");
    pty.wait_exit();
}

#[test]
fn a_1_mb_bracketed_paste_arrives_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    to_free_text(&mut pty);
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!("Line {i}: evidence seen in books.\r\n"));
        i += 1;
    }
    text.push_str("THE LAST WORDS");
    pty.send(&format!("\x1b[200~{text}\x1b[201~"));
    pty.wait_for("THE LAST WORDS");
    let last_line = format!("Line {}: evidence seen in books.", i - 1);
    let s = pty.screen();
    assert!(s.contains(&last_line), "{last_line:?} not on screen:\n{s}");
    pty.send("\x03");
    pty.wait_exit();
}

#[test]
fn a_hang_up_inside_an_escape_sequence_keeps_the_draft_and_frees_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    to_free_text(&mut pty);
    pty.type_keys("Typed before");
    pty.wait_for("Typed before");
    // Half an arrow key, then the link drops.
    pty.send("\x1b[");
    pty.hang_up();
    pty.wait_exit();

    let mut pty = start(&store);
    pty.restore_note_draft();
    pty.wait_for("Typed before");
    pty.send("\x03");
    pty.wait_exit();
}
