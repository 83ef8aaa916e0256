//! The real binary in a pseudo-terminal on the demo county: paste, hang-ups, a dropped
//! terminal, a refused second process, a burst of typing, as an SSH user meets them.

use super::{by, demo_session, median_of_5, to_free_text, until, until_exit, writes};
use sqa_board::store::Store;
use std::process::Command;
use std::time::{Duration, Instant};

fn paste_50_kb() -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = demo_session(dir.path());
    to_free_text(&mut pty);
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 50_000 {
        text.push_str(&format!("Line {i}: evidence seen\u{1b}[31m in books.\r\n"));
        i += 1;
    }
    text.push_str("THE LAST WORDS");
    let t = Instant::now();
    pty.send(&format!("\x1b[200~{text}\x1b[201~"));
    until(&pty, "the pasted text", |s| s.contains("THE LAST WORDS"));
    let took = t.elapsed();
    pty.send("\x03");
    pty.wait_exit();
    took
}

/// From sending SIGHUP (through kill(1), as the tests do) mid-sentence to the exit, the draft
/// written.
fn hang_up_exit() -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = demo_session(dir.path());
    to_free_text(&mut pty);
    pty.send("The head said — très bien — that phonics is improv");
    pty.wait_for("is improv");
    let t = Instant::now();
    pty.hang_up();
    until_exit(&mut pty);
    t.elapsed()
}

/// tests/support/drop_connection.py closes the terminal's master side on the board and times
/// the exit.
fn terminal_closed_exit() -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/drop_connection.py"
    );
    let store = dir.path().join("store");
    let out = Command::new("python3")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_sqa"))
        .arg(&store)
        .output()
        .expect("python3");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.starts_with("exit 0 after "), "{text}");
    let secs: f64 = text
        .trim()
        .rsplit(" after ")
        .next()
        .and_then(|s| s.trim_end_matches(" s").parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    Duration::from_secs_f64(secs)
}

/// A second `sqa` on the store a running one holds: from its start to its exit, refused.
fn second_process_refused() -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = demo_session(dir.path());
    let store = dir.path().join("store");
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_sqa"))
        .env("SQA_STORE", &store)
        .env("SQA_CONFIG", store.with_file_name("config.toml"))
        .env("SQA_USER", "second")
        .output()
        .expect("second sqa");
    let took = t.elapsed();
    assert_eq!(out.status.code(), Some(2), "not refused");
    pty.send("q");
    pty.wait_exit();
    took
}

/// A second `Store::open` in the process that holds the store.
fn second_open_refused() -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    let _held = Store::open(&path, &by("alice")).expect("open");
    let t = Instant::now();
    let refused = Store::open(&path, &by("bob")).is_err();
    let took = t.elapsed();
    assert!(refused, "the second open was not refused");
    took
}

pub fn terminal_figures() {
    println!("demo county, the real binary in a pseudo-terminal at 80x24 (median of 5 runs):");
    println!(
        "  50 kB bracketed paste into a note, until its last words are on screen: {:.0} ms (target <= 1000 ms)",
        median_of_5(paste_50_kb)
    );
    println!(
        "  SIGHUP mid-note until the process has exited (draft kept): {:.0} ms (target <= 2000 ms)",
        median_of_5(hang_up_exit)
    );
    println!(
        "  terminal closed (an SSH drop) until the process has exited: {:.0} ms (target <= 2000 ms)",
        median_of_5(terminal_closed_exit)
    );
    println!(
        "  second sqa on a held store, from its start until it exits refused: {:.0} ms (target <= 1000 ms)",
        median_of_5(second_process_refused)
    );
    println!(
        "  second Store::open in the holding process, until refused: {:.3} ms (target <= 1000 ms)",
        median_of_5(second_open_refused)
    );
}

/// A 64 KB burst of typing without bracketed paste (PuTTY's right-click paste, a backlog after
/// a freeze) into a note's free text, until its last words are on screen.
fn burst_64_kb() -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = demo_session(dir.path());
    to_free_text(&mut pty);
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 64 * 1024 {
        let end = if i % 12 == 11 { "\r" } else { " " };
        text.push_str(&format!("w{i}{end}"));
        i += 1;
    }
    text.push_str("LASTWORDS");
    let t = Instant::now();
    pty.send(&text);
    let deadline = Instant::now() + Duration::from_secs(300);
    while !pty.screen().contains("LASTWORDS") {
        assert!(Instant::now() < deadline, "the burst never landed");
        std::thread::sleep(Duration::from_millis(1));
    }
    let took = t.elapsed();
    pty.send("\x03");
    pty.wait_exit();
    took
}

/// SIGHUP with half an escape sequence or half a paste read, until the exit. Cut points vary
/// over the runs (a fixed sequence of them, so figures compare between runs).
fn hang_up_inside_a_sequence(run: usize) -> Duration {
    const PARTS: [&str; 5] = [
        "\x1b[",
        "\x1b[1;5",
        "\x1bO",
        "\x1b[200~pasted text, cut",
        "\x1b[200~pasted\r\ntext\x1b[20",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = demo_session(dir.path());
    to_free_text(&mut pty);
    pty.send("Typed before");
    pty.wait_for("Typed before");
    pty.send(PARTS[run % PARTS.len()]);
    let t = Instant::now();
    pty.hang_up();
    until_exit(&mut pty);
    t.elapsed()
}

/// The middle value (the upper one of an even count).
fn median_ms(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn input_figures() {
    println!(
        "input read by the runtime (src/input), the real binary in a pseudo-terminal at 80x24:"
    );
    let burst: Vec<f64> = (0..3)
        .map(|_| burst_64_kb().as_secs_f64() * 1000.0)
        .collect();
    println!(
        "  64 KB burst without bracketed paste into a note, until its last words are on screen: {:.0} ms (median of 3: {:?})",
        median_ms(burst.clone()),
        burst.iter().map(|x| x.round()).collect::<Vec<_>>()
    );
    writes::writes_per_keystroke();
    let exits: Vec<f64> = (0..10)
        .map(|run| hang_up_inside_a_sequence(run).as_secs_f64() * 1000.0)
        .collect();
    println!(
        "  SIGHUP inside an escape sequence or a paste, until exit: slowest {:.0} ms, median {:.0} ms of 10 (target <= 2000 ms)",
        exits.iter().copied().fold(0.0, f64::max),
        median_ms(exits.clone())
    );
}
