//! End to end: record a checkpoint review by keyboard in the real binary and see the board's
//! next-checkpoint column move.

use crate::common;
use common::pty::{Pty, sqa_command};
use std::time::Duration;

fn sallow_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Sallow Cross"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn checkpoint_review_by_keyboard_moves_the_next_checkpoint() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-chk")
        .tempdir()
        .unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    // Read the row only once it is drawn (a frame may arrive in more than one read).
    pty.wait_until("Sallow Cross's overdue checkpoint on the board", |s| {
        sallow_row(s).contains("!12/11/26")
    });

    // Open Sallow Cross and its review form. Record progress on the first priority, commentary,
    // overall judgement text.
    record_sallow_review(&mut pty);

    // The school's changes name who recorded the review (Shift-Tab wraps to the last section).
    pty.send("\x1b[Z\x1b[Z");
    pty.wait_for("Changes (7/8)");
    pty.wait_until("the review in the school's changes", |s| {
        s.lines()
            .any(|l| l.contains("e2e") && l.contains("checkpoint review recorded"))
    });
    pty.send("\t\t");
    pty.wait_for("Details (1/8)");

    // Back on the board, the next-checkpoint column has moved.
    pty.send("\x1b");
    pty.wait_until("board with the new next checkpoint", |s| {
        sallow_row(s).contains("04/01/27")
    });
    let row = sallow_row(&pty.screen());
    assert!(!row.contains("!12/11/26"), "{row}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
    // The overdue date was drawn as one run of text in this session (so the check below can
    // see it if it were drawn again).
    let first = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(first.contains("!12/11/26"));

    // Next start: the first frame comes from the cached board facts, which the quit took again
    // after the save. No frame may show the old overdue date, not even for a moment.
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_until("board after restart", |s| {
        sallow_row(s).contains("04/01/27")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let again = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(
        !again.contains("12/11/26"),
        "a stale board was drawn after the restart"
    );
}

/// From the school screen back to the board, then quit (Esc and q apart: together they
/// would read as Alt-q).
fn leave_school(pty: &mut Pty) {
    pty.wait_for("Details (1/8)");
    pty.send("\x1b");
    pty.wait_until("the board", |s| s.contains("s sort"));
    pty.send("q");
}

/// Opens Sallow Cross's review form and records it: progress on the first priority, its
/// commentary, the overall commentary; saved with Ctrl-S, back on the school screen.
fn record_sallow_review(pty: &mut Pty) {
    open_sallow_review(pty);
    // The default next date: six weeks on (High).
    pty.wait_for("04/01/2027");
    pty.send("\x1b[D"); // ← progress: on track
    pty.send("\t");
    pty.type_keys("Governors challenge");
    // To the overall commentary: 4 more priority fields, then judgement, then its text.
    for _ in 0..6 {
        pty.send("\t");
        std::thread::sleep(Duration::from_millis(15));
    }
    pty.type_keys("Mixed progress");
    pty.wait_for("Mixed progress");
    pty.send("\x13"); // Ctrl-S
    pty.wait_for("next due 04/01/2027");
    pty.wait_for("Details (1/8)");
}

pub(crate) fn open_sallow_review(pty: &mut Pty) {
    pty.wait_until("Sallow Cross on the board", |s| !sallow_row(s).is_empty());
    pty.send("/");
    pty.type_keys("sallow");
    pty.wait_until("search narrowed to Sallow Cross", |s| {
        s.contains("Sallow Cross") && !s.contains("Ashcombe")
    });
    pty.send("\r");
    pty.send("\r");
    pty.wait_for("Details (1/8)");
    pty.send("r");
    pty.wait_for("Next checkpoint");
}

/// SIGHUP mid-review: the next session puts the typed commentary back; cancelling the review
/// then gives it up for good.
#[test]
fn sighup_mid_review_keeps_the_typed_commentary() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-chk-hup")
        .tempdir()
        .unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_review(&mut pty);
    pty.send("\t");
    pty.type_keys("Phonics lead très active");
    pty.wait_for("Phonics lead très active");
    pty.hang_up();
    pty.wait_exit();

    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_review(&mut pty);
    pty.wait_for("Restored the unsaved checkpoint review typed by e2e");
    pty.wait_for("Phonics lead très active");
    pty.send("\x11"); // Ctrl-Q: given up (Esc no longer drops typing)
    pty.wait_for("Checkpoint review not saved");
    leave_school(&mut pty);
    assert_eq!(pty.wait_exit(), 0);

    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_review(&mut pty);
    // A kept review is put back as the form opens, in the form's first frame, and said so on
    // the status line in place of the key hints: once the form's bottom row is drawn, so is
    // the rest of that frame, and whether anything was put back is settled.
    pty.wait_until("the review form's bottom row", |_| {
        let bottom = pty.bottom_line();
        bottom.contains("Esc close") || bottom.contains("Restored")
    });
    let s = pty.screen();
    assert!(
        !s.contains("Phonics lead") && !s.contains("Restored"),
        "{s}"
    );
    pty.send("\x1b");
    pty.wait_for("Checkpoint review not saved");
    leave_school(&mut pty);
    assert_eq!(pty.wait_exit(), 0);
}

/// The issue's scenario in the real binary: a meeting decision for Sallow Cross leaves its
/// planned 12/11 review overdue on the board and the due list (it used to jump to the decision
/// date plus the entitlement); recording the review moves the board on to the next one.
#[test]
fn a_meeting_decision_keeps_the_overdue_review_until_it_is_recorded() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-chk-meet")
        .tempdir()
        .unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_until("Sallow Cross's overdue checkpoint on the board", |s| {
        sallow_row(s).contains("!12/11/26")
    });

    // A meeting of the whole county; step along the agenda to Sallow Cross and keep its
    // category ('=' and a rationale).
    pty.send("M");
    pty.wait_for("Schools per category");
    pty.send("N");
    pty.wait_for("Agenda: 22 schools");
    pty.type_keys("Priya Shah");
    pty.send("\t");
    pty.wait_for("Priya Shah");
    pty.send("\r");
    pty.wait_for("Meeting planned");
    pty.send("\r");
    pty.wait_for("0 of 22 decided");
    for i in 1..22 {
        if pty.screen().contains("of 22: 990014 ") {
            break;
        }
        pty.send("n");
        pty.wait_for(&format!("school {} of 22", i + 1));
    }
    pty.wait_until("Sallow Cross to decide", |s| {
        s.lines()
            .any(|l| l.contains("of 22: 990014 ") && l.contains("[to decide]"))
    });
    pty.type_keys("=Evidence unchanged; the review is still owed.");
    pty.send("\r");
    pty.wait_for("1 of 22 decided");
    pty.send("\x1b");
    pty.wait_for("Enter run");
    pty.send("\x1b");
    pty.wait_for("s sort");

    // Still the planned review, still overdue: on the board and in the due list's Overdue group.
    pty.wait_until("the board after the decision", |s| {
        sallow_row(s).contains("!12/11/26")
    });
    pty.send("w");
    pty.wait_until("Sallow Cross's review in the due list, overdue", |s| {
        s.lines().any(|l| {
            l.contains("!12/11/26") && l.contains("Sallow Cross") && l.contains("Checkpoint")
        })
    });
    pty.send("\x1b");
    pty.wait_for("s sort");

    // Record the review: the board moves on to the next one.
    record_sallow_review(&mut pty);
    pty.send("\x1b");
    pty.wait_until("the board with the next review", |s| {
        sallow_row(s).contains("04/01/27")
    });
    assert!(!sallow_row(&pty.screen()).contains("!12/11/26"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}
