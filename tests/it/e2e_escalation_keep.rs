//! End to end: an escalation step being typed when the connection drops (SIGHUP) is kept, and
//! the next session puts every word back when the form opens again (issue 13 for every kept
//! form; issue 17 part 2). Given up with Ctrl-Q, it is listed under Recently discarded. The real
//! binary in a pseudo-terminal.

use crate::common;
use common::pty::{Pty, sqa_command};

const GROUNDS: &str = "Safeguarding records incomplete, governors told";
const DUE: &str = "04/12/2026";

/// From the board to Sallow Cross's school screen, then `E`: a new step's form.
fn open_sallow_step(pty: &mut Pty) {
    pty.wait_until("Sallow Cross on the board", |s| s.contains("Sallow Cross"));
    pty.send("/");
    pty.type_keys("sallow");
    pty.wait_until("search narrowed to Sallow Cross", |s| {
        s.contains("Sallow Cross") && !s.contains("Ashcombe")
    });
    pty.send("\r");
    pty.send("\r");
    pty.wait_for("Details (1/8)");
    pty.send("E");
    pty.wait_for("New escalation step");
}

#[test]
fn sighup_mid_escalation_step_keeps_every_word() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-step-hup")
        .tempdir()
        .expect("a temporary folder");
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_step(&mut pty);
    // A warning notice (→ from concerns raised), its grounds and the date its response is due.
    pty.send("\x1b[C");
    pty.wait_for("Warning notice issued");
    pty.send("\t\t\t\t");
    pty.type_keys(GROUNDS);
    pty.wait_for(GROUNDS);
    pty.send("\t");
    pty.type_keys(DUE);
    pty.wait_for(DUE);
    pty.hang_up();
    pty.wait_exit();

    // The next session: the same form gives every word back, and says whose they are.
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    open_sallow_step(&mut pty);
    pty.wait_for("Restored the unsaved escalation step typed by e2e");
    pty.wait_for("Warning notice issued");
    pty.wait_for(GROUNDS);
    pty.wait_for(DUE);
    // Esc keeps it (it holds typing); Ctrl-Q gives it up into Recently discarded.
    pty.send("\x1b");
    pty.wait_for("Ctrl-Q discards");
    pty.send("\x11");
    pty.wait_for("Recently discarded");
    pty.wait_for("Details (1/8)");
    pty.send("\x1b");
    pty.wait_until("the board", |s| s.contains("s sort"));
    pty.send("R");
    pty.wait_for("SQA Board › Recently discarded");
    pty.wait_until("the step in the list", |s| {
        s.lines()
            .any(|l| l.contains("escalation") && l.contains("Sallow Cross") && l.contains("e2e:"))
    });
    pty.send("\x1b");
    pty.wait_until("the board", |s| s.contains("s sort"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
