//! End to end: writing notes of visits in the real binary, in a pseudo-terminal.

use crate::common;
use common::pty::{Pty, sqa_command};
use std::path::Path;
use std::time::Duration;

fn demo_store() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("sqa-notes")
        .tempdir()
        .unwrap()
}

/// Date → … → Notes (the free text) is this many Tabs on a new note.
const TABS_TO_FREE_TEXT: usize = 12;

fn start(store: &Path) -> Pty {
    let pty = Pty::spawn(sqa_command(store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty
}

fn tabs(pty: &mut Pty, n: usize) {
    for _ in 0..n {
        pty.send("\t");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn quit_from_board(pty: &mut Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn write_save_quit_restart_and_reopen() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    pty.send("n");
    pty.wait_for("Note of visit");
    tabs(&mut pty, 3);
    pty.type_keys("Reading review");
    tabs(&mut pty, TABS_TO_FREE_TEXT - 3);
    pty.type_keys("Met the head — FIERTÉ 学校 ok");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for("Note saved");
    pty.send("\x1b");
    pty.wait_until("board", |s| {
        s.contains("? help") || s.contains("Note saved")
    });
    pty.wait_until("board again", |s| !s.contains("Note of visit"));
    quit_from_board(&mut pty);

    let mut pty = start(&store);
    pty.send("\r");
    pty.wait_for("Headteacher");
    tabs(&mut pty, 3);
    pty.wait_for("Reading review");
    pty.send("\r");
    pty.wait_for("Note of visit");
    // The title comes first in the frame: wait for the fields themselves.
    pty.wait_for("Reading review");
    pty.wait_for("Met the head — FIERTÉ 学校 ok");
    pty.send("\x1b");
    pty.wait_for("Notes of visits (");
    pty.send("\x1b");
    pty.wait_until("board", |s| !s.contains("Notes of visits ("));
    quit_from_board(&mut pty);
}

/// How long the paste takes is a figure of `cargo bench --bench figures`, not a test.
#[test]
fn a_50_kb_bracketed_paste_lands_whole_and_clean() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    pty.send("n");
    pty.wait_for("Note of visit");
    tabs(&mut pty, TABS_TO_FREE_TEXT);
    // The free text has the focus (its label is marked) before the paste arrives.
    pty.wait_for("›Notes");
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 50_000 {
        text.push_str(&format!("Line {i}: evidence seen\u{1b}[31m in books.\r\n"));
        i += 1;
    }
    text.push_str("THE LAST WORDS");
    pty.send(&format!("\x1b[200~{text}\x1b[201~"));
    pty.wait_for("THE LAST WORDS");
    let s = pty.screen();
    assert!(!s.contains("[31m"), "escape sequence not cleaned:\n{s}");
    // Whole up to its end: the last full line is there, cleaned, just above the last words.
    let last_line = format!("Line {}: evidence seen in books.", i - 1);
    assert!(s.contains(&last_line), "{last_line:?} not on screen:\n{s}");
    pty.send("\x03"); // Ctrl-C quits; the note is kept as a draft.
    pty.wait_exit();
}

#[test]
fn sighup_mid_sentence_keeps_every_character() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    pty.send("n");
    pty.wait_for("Note of visit");
    tabs(&mut pty, TABS_TO_FREE_TEXT);
    let typed = "The head said — très bien — that phonics 学校 is improv";
    pty.type_keys(typed);
    pty.wait_for("is improv");
    pty.hang_up();
    // It exits (how soon is a figure of `cargo bench --bench figures`).
    pty.wait_exit();

    let mut pty = start(&store);
    pty.wait_for("Unsaved draft note");
    pty.send("n");
    pty.wait_for("Restore the draft by e2e from");
    pty.send("r");
    pty.wait_for("Draft restored");
    tabs(&mut pty, TABS_TO_FREE_TEXT);
    pty.wait_for(typed);
    pty.send("\x13");
    pty.wait_for("Note saved");
    pty.send("\x1b");
    pty.wait_until("board", |s| !s.contains("Note of visit"));
    quit_from_board(&mut pty);

    // Saved: no draft is offered any more. A draft is announced on the status line of the
    // first frame (drafts are read before it is drawn), in place of the key hints, and nothing
    // announces one later without a key: once the first frame's bottom row is drawn, with the
    // hints, the absence is settled.
    let mut pty = start(&store);
    pty.wait_until("the first frame's bottom row", |_| {
        !pty.bottom_line().trim().is_empty()
    });
    let s = pty.screen();
    assert!(pty.bottom_line().contains("? help"), "{s}");
    assert!(!s.contains("Unsaved draft"), "{s}");
    quit_from_board(&mut pty);
}

#[test]
fn finalise_amend_and_see_both_versions() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    pty.send("n");
    pty.wait_for("Note of visit");
    // Finalising needs the date, a visitor, the visit type and the purpose.
    tabs(&mut pty, 1);
    pty.type_keys("Jo Marsh");
    tabs(&mut pty, 2);
    pty.type_keys("Reading review");
    tabs(&mut pty, TABS_TO_FREE_TEXT - 3);
    pty.type_keys("Version one");
    pty.send("\x06"); // Ctrl-F
    pty.wait_for("Finalise this note?");
    pty.send("\x14"); // Ctrl-T
    pty.wait_for("Note finalised");
    // Finalised, it is read in its own view.
    pty.wait_for("Final · version 1 of 1 (current)");
    pty.send("a");
    pty.wait_for("Why is this note being amended?");
    pty.type_keys("Fix typo");
    pty.send("\r");
    pty.wait_for("Amending: Fix typo");
    pty.type_keys(" and two");
    pty.send("\x13");
    pty.wait_for("Note amended (version 2)");
    pty.wait_for("version 2 of 2 (current)");
    // The end of the view: the free text and both versions, who, when and why.
    pty.send("G");
    pty.wait_for(": Fix typo");
    let s = pty.screen();
    assert!(s.contains("v1 written by e2e"), "{s}");
    assert!(s.contains("v2 amended by e2e"), "{s}");
    assert!(s.contains("Version one and two"), "{s}");
    // What version 2 changed is marked; the earlier version reads as it was.
    assert!(s.contains("Further notes ● changed in this version"), "{s}");
    pty.send("[");
    pty.wait_for("version 1 of 2 (earlier");
    pty.send("G");
    pty.wait_until("version 1's end", |s| s.contains("› v1 written"));
    let s = pty.screen();
    assert!(s.contains("Version one") && !s.contains("and two"), "{s}");
    pty.send("\x1b");
    pty.wait_until("board", |s| !s.contains("Note of visit"));
    quit_from_board(&mut pty);
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The bytes are counted in the session's whole output, once it has ended: nothing is still on
/// its way, whatever the machine's speed.
#[test]
fn typing_in_a_note_costs_a_few_bytes_per_character() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = start(&store);
    pty.send("n");
    pty.wait_for("Note of visit");
    tabs(&mut pty, TABS_TO_FREE_TEXT);
    // Keys read together are drawn in one frame: type only once the frame that gives the free
    // text the focus (its label marked) is drawn, so that frame holds none of the typing.
    pty.wait_for("›Notes");
    let text = "Phonics teaching is consistent";
    pty.type_keys(text);
    // Likewise quit only once the last character is drawn.
    pty.wait_for(text);
    pty.send("\x03");
    pty.wait_exit();
    let raw = pty.raw_output();
    // The typing's frames lie between the end of the frame that marked the label (the pen
    // reset after it: no style is left set between frames) and the hand-back of the terminal at
    // the exit (it starts by turning bracketed paste off).
    let label = raw
        .windows("›Notes".len())
        .rposition(|w| w == "›Notes".as_bytes())
        .expect("the free text's label was drawn");
    let from = label + find(&raw[label..], b"\x1b[m").expect("the label's frame ends") + 3;
    let to = from + find(&raw[from..], b"\x1b[?2004l").expect("the terminal was handed back");
    let typed = String::from_utf8_lossy(&raw[from..to]);
    assert!(
        typed.contains("Phonics"),
        "not the typing's frames: {typed:?}"
    );
    let per_char = (to - from) as f64 / text.len() as f64;
    eprintln!("{per_char:.2} bytes per typed character: {typed:?}");
    // The echo is the floor (1 byte); a space at a line's end is sent as a space, not a cursor
    // move. Room is left for one redraw of the title's "kept" time, should a draft be kept
    // while typing on a slow machine (vim sends ~13 bytes a character).
    assert!(
        per_char <= 2.0,
        "{per_char:.1} bytes per typed character: {typed:?}"
    );
}

#[test]
fn ctrl_e_edits_the_free_text_in_the_editor() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut cmd = sqa_command(&store, &["demo"]);
    // A non-interactive "editor": rewrites the file it is given.
    cmd.env("VISUAL", "sed -i s/one/ONE/");
    let mut pty = Pty::spawn(cmd, 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("n");
    pty.wait_for("Note of visit");
    tabs(&mut pty, TABS_TO_FREE_TEXT);
    pty.type_keys("version one");
    pty.send("\x05"); // Ctrl-E
    pty.wait_for("version ONE");
    let s = pty.screen();
    assert!(s.contains("Note of visit"), "not redrawn:\n{s}");
    assert!(s.contains("Tab field"), "not redrawn:\n{s}");
    pty.send("\x13");
    pty.wait_for("Note saved");
    pty.send("\x1b");
    pty.wait_until("board", |s| !s.contains("Note of visit"));
    quit_from_board(&mut pty);
}
