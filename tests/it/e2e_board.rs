//! End to end: the real binary in a pseudo-terminal, as a newcomer would use it.

use crate::common;
use common::pty::{HANG_GUARD, Pty, sqa_command};
use std::time::{Duration, Instant};

fn demo_store() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("sqa-demo")
        .tempdir()
        .unwrap()
}

#[test]
fn demo_board_search_open_school_and_quit_restores_terminal() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    // Wait for the whole first frame (header to hint line), not just its first line.
    pty.wait_until("the full board", |s| {
        s.contains("Mon 23 Nov 2026") && s.contains("? help")
    });
    let board = pty.screen();
    assert!(
        board.contains("HIGH"),
        "no priority labels on the board:\n{board}"
    );
    assert!(board.contains("? help"), "no key hints:\n{board}");

    // Search for a school by part of its name, open it, go back, quit.
    pty.send("/");
    pty.type_keys("ashc");
    pty.wait_until("search narrowed to Ashcombe", |s| {
        s.contains("Ashcombe") && !s.contains("Fenby")
    });
    pty.send("\r");
    pty.send("\r");
    pty.wait_for("Headteacher");
    let school = pty.screen();
    assert!(school.contains("Ashcombe"), "school screen:\n{school}");
    pty.send("\x1b");
    pty.wait_until("board again", |s| {
        s.contains("? help") && !s.contains("Headteacher")
    });
    pty.send("q");
    let code = pty.wait_exit();
    assert_eq!(code, 0);
    pty.assert_restored();
}

/// How soon it exits is a figure of `cargo bench --bench figures`.
#[test]
fn sighup_exits_and_keeps_the_store() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.hang_up();
    pty.wait_exit();
    // The store is intact and not locked: a check passes.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sqa"))
        .args(["check"])
        .env("SQA_STORE", &store)
        .env("SQA_CONFIG", store.with_file_name("config.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Refused, not kept waiting for the lock (how soon is a figure of `cargo bench --bench
/// figures`): a second process that waited would never end while the first holds the store.
#[test]
fn second_process_gets_a_lock_message_and_exit_code_2() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    let mut second = std::process::Command::new(env!("CARGO_BIN_EXE_sqa"))
        .env("SQA_STORE", &store)
        .env("SQA_CONFIG", store.with_file_name("config.toml"))
        .env("SQA_USER", "second")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It writes one line: the pipes cannot fill while it runs.
    let deadline = Instant::now() + HANG_GUARD;
    while second.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second sqa was still running after {HANG_GUARD:?}: waiting for the lock?");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = second.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "not one line: {err}");
    assert!(err.contains("in use"), "{err}");
    assert!(err.contains("e2e"), "does not say who holds it: {err}");
    assert!(
        err.contains(&store.display().to_string()),
        "does not name the store: {err}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// How many times the process's main thread has blocked (its voluntary context switches):
/// once per turn of the event loop on the idle board.
fn main_thread_waits(pty: &Pty) -> u64 {
    let pid = pty.child.process_id().expect("pid");
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/status"))
        .expect("the process's status")
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("voluntary_ctxt_switches")
}

/// Whether the process's main thread is asleep in ppoll(2) with no timeout: nothing is due,
/// so it wakes for nothing but input or a signal (Linux's /proc/PID/syscall gives the system
/// call a blocked thread is in and its arguments; ppoll's third is the timeout, 0 for none).
fn asleep_with_nothing_due(pty: &Pty) -> bool {
    #[cfg(target_arch = "x86_64")]
    const PPOLL: &str = "271";
    #[cfg(target_arch = "aarch64")]
    const PPOLL: &str = "73";
    // Elsewhere the system call's number is not known here: the check cannot be made.
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    return true;
    let pid = pty.child.process_id().expect("pid");
    let call =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/syscall")).unwrap_or_default();
    let args: Vec<&str> = call.split_whitespace().collect();
    args.first() == Some(&PPOLL) && args.get(3) == Some(&"0x0")
}

/// All a demo session writes, from its start to `q`, after its event loop has been woken
/// `wakes` times with nothing to do (a SIGWINCH at the same size), each once it was asleep
/// with nothing due.
fn board_session_output(wakes: u64) -> Vec<u8> {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_until("the full board", |s| {
        s.contains("Mon 23 Nov 2026") && s.contains("? help")
    });
    for _ in 0..wakes {
        pty.wait_until("the loop asleep with nothing due", |_| {
            asleep_with_nothing_due(&pty)
        });
        let before = main_thread_waits(&pty);
        pty.signal("WINCH");
        pty.wait_until("the wake-up's turn", |_| main_thread_waits(&pty) > before);
    }
    pty.wait_until("the loop asleep with nothing due", |_| {
        asleep_with_nothing_due(&pty)
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.raw_output()
}

/// Idling writes nothing and wakes for nothing: the idle board sleeps in poll with no timeout
/// (no polling interval), and a session woken 15 times with nothing to do writes byte for byte
/// what one that quit at once writes. Whole outputs are compared, taken once each session has
/// ended, so how fast the machine drew the start-up frames does not matter.
#[test]
fn idle_board_writes_nothing() {
    let at_once = board_session_output(0);
    let idled = board_session_output(15);
    let same = idled
        .iter()
        .zip(&at_once)
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        idled == at_once,
        "the sessions part after {same} bytes; the one that idled goes on with {:?}",
        String::from_utf8_lossy(&idled[same..])
    );
}

/// The parameters of every SGR sequence (`ESC [ … m`) in the output, as numbers.
fn sgr_params(raw: &str) -> Vec<Vec<u16>> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            out.push(
                rest[..end]
                    .split(';')
                    .filter(|p| !p.is_empty())
                    .filter_map(|p| p.parse().ok())
                    .collect(),
            );
        }
    }
    out
}

/// Does any SGR sequence set a colour (foreground or background, named, indexed or RGB)?
fn sets_a_colour(raw: &str) -> bool {
    sgr_params(raw)
        .iter()
        .flatten()
        .any(|&n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
}

fn board_output(no_color: bool) -> String {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut cmd = sqa_command(&store, &["demo"]);
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let mut pty = Pty::spawn(cmd, 80, 24);
    pty.wait_until("the board", |s| !selected_row(s).is_empty());
    let first = selected_row(&pty.screen());
    pty.send("j");
    // Quit once the move is drawn (a quit read with it would end the session first).
    pty.wait_until("the selection moved", |s| selected_row(s) != first);
    pty.send("q");
    pty.wait_exit();
    String::from_utf8_lossy(&pty.raw_output()).to_string()
}

#[test]
fn no_color_board_has_no_colour_codes() {
    // The check can see colour: the same board in colour sets some.
    assert!(sets_a_colour(&board_output(false)));
    let raw = board_output(true);
    assert!(!sgr_params(&raw).is_empty(), "bold/reverse are still used");
    assert!(!sets_a_colour(&raw), "a colour code with NO_COLOR");
}

/// The first key after a resize is not lost (crossterm's reader could drop the terminal's
/// readiness when the resize and the key woke it together).
#[test]
fn the_first_key_after_a_resize_is_handled() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("\r");
    pty.wait_for("Details (1/8)");
    pty.send("\x1b");
    pty.wait_until("the board", |s| s.contains("s sort"));
    for (cols, rows) in [(120, 40), (100, 30)] {
        pty.resize(cols, rows);
        // The board drawn again at the new size: its key hints on the new last row.
        pty.wait_until("the board redrawn at the new size", |_| {
            pty.bottom_line().contains("s sort")
        });
        let before = selected_row(&pty.screen());
        pty.send("j");
        pty.wait_until("the selection moved after the resize", |s| {
            selected_row(s) != before
        });
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// The line with the selection marker.
fn selected_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with('▶'))
        .unwrap_or_default()
        .to_string()
}

/// The daily backup is taken while the board is open (quitting never waits for it), whole.
#[test]
fn the_daily_backup_is_taken_while_the_board_is_open() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let backup = sqa_board::backup::backup_dir(&store).join("sqa-backup-2026-11-23.json");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_until("the full board", |s| s.contains("? help"));
    let deadline = Instant::now() + HANG_GUARD;
    while !backup.exists() {
        assert!(
            Instant::now() < deadline,
            "no backup while the board was open"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Renamed into place only once whole: it reads as an export of everything.
    let text = std::fs::read_to_string(&backup).unwrap();
    let data: sqa_board::domain::Dataset = serde_json::from_str(&text).unwrap();
    assert_eq!(data.schools.len(), 22);
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}
