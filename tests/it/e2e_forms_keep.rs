//! End to end: kill -9 while a checkpoint review is typed loses at most the last 5 s (issue 18
//! item 10, issue 13 item 2 for every kept form). The real binary in a pseudo-terminal.

use crate::common;
use crate::e2e_checkpoint::open_sallow_review;
use common::pty::{Pty, sqa_command};
use std::time::{Duration, Instant};

/// What keeping promises: nothing typed longer ago than this is lost.
const BOUND: Duration = Duration::from_secs(5);

#[test]
fn kill_9_mid_review_keeps_the_commentary_typed_before_the_last_five_seconds() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-keep-chk")
        .tempdir()
        .expect("a temporary folder");
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_review(&mut pty);
    pty.send("\t");
    pty.type_keys("Phonics lead très active");
    pty.wait_for("Phonics lead très active");
    let seen = Instant::now();
    // Steady typing after it (a full stop typed and taken back, each seen on screen) until the
    // commentary is older than the bound: the pause rule never fires, only the typing rule.
    while seen.elapsed() < BOUND + Duration::from_millis(500) {
        pty.send(".");
        pty.wait_for("active.");
        pty.send("\x7f");
        pty.wait_until("the full stop taken back", |s| !s.contains("active."));
    }
    // The form's title says when it was last kept (once at least, in 5 s of typing).
    pty.wait_until("the review's kept time in its title", |s| {
        s.lines().next().is_some_and(|l| l.contains("kept "))
    });
    pty.signal("KILL");
    pty.wait_exit();

    // The next session puts the commentary back when the review opens, and says whose it is.
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_review(&mut pty);
    pty.wait_for("Restored the unsaved checkpoint review typed by e2e");
    pty.wait_for("Phonics lead très active");
    pty.send("\x11"); // Ctrl-Q: given up
    pty.wait_for("Checkpoint review not saved");
    pty.wait_for("Details (1/8)");
    pty.send("\x1b");
    pty.wait_until("the board", |s| s.contains("s sort"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
