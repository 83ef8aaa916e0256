//! End to end: the real binary in a pseudo-terminal, as a newcomer would use it.

mod common;
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

#[test]
fn idle_board_writes_nothing() {
    let dir = demo_store();
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    std::thread::sleep(Duration::from_millis(500));
    let before = pty.raw_output().len();
    std::thread::sleep(Duration::from_millis(1500));
    let after = pty.raw_output().len();
    assert_eq!(
        before,
        after,
        "the idle board wrote {} bytes",
        after - before
    );
    pty.send("q");
    pty.wait_exit();
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
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("j");
    std::thread::sleep(Duration::from_millis(300));
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
    pty.wait_for("Details (1/6)");
    pty.send("\x1b");
    pty.wait_until("the board", |s| s.contains("s sort"));
    for (cols, rows) in [(120, 40), (100, 30)] {
        pty.resize(cols, rows);
        std::thread::sleep(Duration::from_millis(200));
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
        .find(|l| l.starts_with('›'))
        .unwrap_or_default()
        .to_string()
}
