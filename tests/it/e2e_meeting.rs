//! End to end: plan, run and close a five-school meeting in the real binary by keyboard alone,
//! then compare its minutes (from the TUI and from `sqa minutes`) with a golden file.

use crate::common;
use common::pty::{Pty, sqa_command};
use std::time::Duration;

fn pause() {
    std::thread::sleep(Duration::from_millis(120));
}

/// From the run screen back to the meeting list, the board, then quit: exit 0.
fn quit_from_the_run(pty: &mut Pty) {
    pty.send("\x1b");
    pty.wait_for("Enter run");
    pause();
    pty.send("\x1b");
    pty.wait_for("s sort");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// The demo county in its own folder (minutes land there), meeting mode open and a new
/// meeting being planned with `attendees` typed and the agenda focused.
fn planning(prefix: &str, attendees: &str) -> (tempfile::TempDir, std::path::PathBuf, Pty) {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let mut cmd = sqa_command(&store, &["demo"]);
    cmd.cwd(dir.path());
    let mut pty = Pty::spawn(cmd, 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("M");
    pty.wait_for("Schools per category");
    pty.send("N");
    pty.wait_for("Agenda: 22 schools");
    pty.type_keys(attendees);
    pty.send("\t");
    (dir, store, pty)
}

#[test]
fn five_school_meeting_by_keyboard_then_minutes_match_golden() {
    let (dir, store, mut pty) = planning("sqa-demo", "Priya Shah, Tom Reed");
    pause();
    pty.type_keys(&"d".repeat(17));
    pty.wait_for("Agenda: 5 schools (17 removed)");
    pty.send("\r");
    pty.wait_for("Meeting planned");
    pty.send("\r");
    pty.wait_for("0 of 5 decided");
    // Four decided (one raised, with an action agreed and a line of evidence added), the
    // fifth deferred with its reason: the minutes golden covers every section.
    let decisions = [
        "=Steady; core visits continue.",
        "aAttendance improvement plan; Priya Shah; 15/01/2027\reAttendance data, autumn half-term\r1Attendance fell sharply; raised.",
        "=No change in the evidence.",
        "=Outcomes remain strong.",
    ];
    for (i, d) in decisions.iter().enumerate() {
        for part in d.split_inclusive('\r') {
            pty.type_keys(part.trim_end_matches('\r'));
            if part.ends_with('\r') {
                pty.send("\r");
                pause();
            }
        }
        pty.send("\r");
        pty.wait_for(&format!("{} of 5 decided", i + 1));
    }
    pty.send("D");
    pty.wait_for("Reason:");
    pty.type_keys("Awaiting the trust's governance review");
    pty.send("\r");
    pty.wait_for("[deferred]");
    pty.send("C");
    pty.wait_for("Type close, then Enter");
    pty.wait_for("Still undecided (1):");
    pty.type_keys("close");
    pty.send("\r");
    pty.wait_for("Minutes written to");
    quit_from_the_run(&mut pty);
    pty.assert_restored();

    // Filed beside the store by default: <store>-minutes.
    let tui = std::fs::read_to_string(
        dir.path()
            .join("demo-store-minutes")
            .join("sqa-minutes-2026-11-23.md"),
    )
    .expect("the TUI filed the minutes beside the store");
    let out = dir.path().join("cli-minutes.md");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_sqa"))
        .args(["minutes", "23/11/2026", "--out"])
        .arg(&out)
        .env("SQA_STORE", &store)
        .env("SQA_TODAY", "23/11/2026")
        .env("SQA_USER", "e2e")
        .status()
        .unwrap();
    assert!(status.success());
    let cli = std::fs::read_to_string(&out).unwrap();
    assert_eq!(tui, cli, "the TUI and the CLI write the same minutes");
    let golden_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/minutes_five_schools.md"
    );
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::write(golden_path, &cli).unwrap();
    }
    let golden = std::fs::read_to_string(golden_path).expect("golden file");
    assert_eq!(cli, golden);
}

/// SIGHUP (a dropped SSH connection) mid-rationale: the next session restores the decision
/// form with every character, and once it is saved nothing is offered again.
#[test]
fn sighup_mid_rationale_keeps_the_decision_form() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-hup")
        .tempdir()
        .unwrap();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("M");
    pty.wait_for("Schools per category");
    pty.send("N");
    pty.wait_for("Agenda: 22 schools");
    pty.type_keys("Priya Shah");
    pty.send("\t");
    pause();
    pty.type_keys(&"d".repeat(20));
    pty.wait_for("Agenda: 2 schools (20 removed)");
    pty.send("\r");
    pty.wait_for("Meeting planned");
    pty.send("\r");
    pty.wait_for("0 of 2 decided");
    let typed = "=Gov très engagés";
    pty.type_keys(typed);
    pty.wait_for("Gov très engagés");
    pty.hang_up();
    pty.wait_exit();

    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("M");
    pty.wait_for("Schools per category");
    pty.send("\r");
    pty.wait_for("Restored unsaved decision forms for 1 school(s), typed by e2e");
    pty.wait_for("Rationale: Gov très engagés");
    pty.send("r");
    pty.type_keys(", rien à changer");
    pty.send("\r");
    pty.wait_for("1 of 2 decided");
    quit_from_the_run(&mut pty);

    // Saved: nothing to restore any more.
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("M");
    pty.wait_for("Schools per category");
    pty.send("\r");
    pty.wait_for("1 of 2 decided");
    // Kept forms are put back as the run opens, in its first frame, and said so on the status
    // line in place of the key hints: once the run's bottom row is drawn, so is the rest of
    // that frame, and whether anything was put back is settled.
    pty.wait_until("the run's bottom row", |_| {
        let bottom = pty.bottom_line();
        bottom.contains("1-9 category") || bottom.contains("Restored")
    });
    assert!(!pty.screen().contains("Restored"), "{}", pty.screen());
    quit_from_the_run(&mut pty);
}

/// Issue 11's slip, in the real binary: decide a school, go back to it (`p`), decide it again.
/// The form comes back as saved, the second save replaces the first (one entry in the minutes,
/// counted once among the raised), and `sqa check` finds nothing wrong. Closing names the
/// schools still undecided and takes the word `close`, not a lone letter.
#[test]
fn revisit_and_redecide_in_the_real_binary() {
    let (dir, store, mut pty) = planning("sqa-revisit", "Priya Shah");
    pause();
    pty.type_keys(&"d".repeat(19));
    pty.wait_for("Agenda: 3 schools (19 removed)");
    pty.send("\r");
    pty.wait_for("Meeting planned");
    pty.send("\r");
    pty.wait_for("0 of 3 decided");
    pty.type_keys("=Steady; core visits continue.");
    pty.send("\r");
    pty.wait_for("1 of 3 decided · school 2 of 3");
    pty.type_keys("1Attendance fell sharply; raised.");
    pty.send("\r");
    pty.wait_for("2 of 3 decided · school 3 of 3");
    // Back to it: the decision as saved.
    pty.send("p");
    pty.wait_for("2 of 3 decided · school 2 of 3");
    pty.wait_for("Saved: ▲ HIGH");
    pty.wait_for("Rationale: Attendance fell sharply;");
    pty.wait_for("[1 HIGH]");
    pty.wait_for("(raised)");
    // The same keys again: saved once more, still two of three decided.
    pty.send("1");
    pty.send("\r");
    pty.wait_for("(raised) saved");
    pty.wait_for("2 of 3 decided · school 3 of 3");
    // Closing: a lone letter does not close it; the undecided school is named.
    pty.send("C");
    pty.wait_for("Type close, then Enter");
    pty.wait_for("Still undecided (1):");
    pty.send("y\r");
    pty.wait_for("Type the word close");
    pty.send("\x7f");
    pty.type_keys("close");
    pty.send("\r");
    pty.wait_for("Minutes written to");
    quit_from_the_run(&mut pty);

    let minutes = std::fs::read_to_string(
        dir.path()
            .join("demo-store-minutes")
            .join("sqa-minutes-2026-11-23.md"),
    )
    .expect("the minutes were written");
    assert_eq!(
        minutes.matches("(raised)\n").count(),
        1,
        "one entry for the school decided twice: {minutes}"
    );
    assert_eq!(minutes.matches("\n### ").count(), 2, "{minutes}");
    assert!(minutes.contains("## Not decided\n\n- "), "{minutes}");
    assert!(minutes.contains("): not reached\n"), "{minutes}");
    assert!(minutes.contains("\n- Raised: 1: "), "{minutes}");
    assert!(minutes.contains("- **Rationale:** Attendance fell sharply; raised."));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sqa"))
        .arg("check")
        .env("SQA_STORE", &store)
        .env("SQA_TODAY", "23/11/2026")
        .env("SQA_USER", "e2e")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sqa check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
