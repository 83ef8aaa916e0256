//! write(2) calls and bytes per keystroke typed into a note, counted by strace.

use super::{pty, to_free_text, until, until_exit};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The write(2) calls to the terminal (fd 1) that strace logged in `log`, and their bytes.
fn terminal_writes(log: &Path) -> (u64, u64) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut writes = 0;
    let mut bytes = 0;
    for line in text.lines() {
        // `write(1, "..."..., 42) = 42`; strace may prefix a pid with -f.
        let call = line.split_once("write(1, ").map(|x| x.1);
        if let Some(rest) = call
            && let Some(n) = rest
                .rsplit_once("= ")
                .and_then(|x| x.1.trim().parse::<u64>().ok())
        {
            writes += 1;
            bytes += n;
        }
    }
    (writes, bytes)
}

/// The demo county under strace in a pseudo-terminal: a note's free text is opened and `keys`
/// characters are typed one at a time (each waited for on screen), then Ctrl-C. Returns the
/// terminal writes and bytes of the whole session.
fn traced_typing(keys: usize) -> Option<(u64, u64)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("strace.log");
    let sqa = pty::sqa_command(&dir.path().join("store"), &["demo"]);
    let mut cmd = portable_pty::CommandBuilder::new("strace");
    cmd.args([
        "-qq",
        "-e",
        "trace=write",
        "-e",
        "signal=none",
        "-s",
        "0",
        "-o",
    ]);
    cmd.arg(&log);
    cmd.arg(env!("CARGO_BIN_EXE_sqa"));
    cmd.arg("demo");
    for (k, v) in sqa.iter_full_env_as_str() {
        cmd.env(k, v);
    }
    cmd.env_remove("NO_COLOR");
    let mut pty = pty::Pty::spawn(cmd, 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    to_free_text(&mut pty);
    // Words that never repeat ("w001 w002 …"), a key at a time as a typist sends them, each
    // word waited for on screen before the next.
    for i in 0..keys / 5 {
        let word = format!("w{i:03} ");
        for c in word.chars() {
            pty.send(&c.to_string());
            std::thread::sleep(Duration::from_millis(5));
        }
        let shown = word.trim_end().to_string();
        until(&pty, "the word's echo", |s| s.contains(&shown));
    }
    pty.send("\x03");
    until_exit(&mut pty);
    Some(terminal_writes(&log))
}

/// Writes and bytes per keystroke typed into a note, counted as write(2) calls by strace (the
/// difference between a session that typed 200 characters and one that typed none).
pub fn writes_per_keystroke() {
    if Command::new("strace").arg("-V").output().is_err() {
        println!("  writes per keystroke: strace not installed, skipped");
        return;
    }
    let keys = 200;
    match (traced_typing(keys), traced_typing(0)) {
        (Some((w, b)), Some((w0, b0))) => println!(
            "  typing into a note, per keystroke: {:.2} write(2) calls, {:.1} bytes (whole session: {w} writes, {b} bytes; without the typing: {w0}, {b0})",
            (w - w0) as f64 / keys as f64,
            (b - b0) as f64 / keys as f64
        ),
        _ => println!("  writes per keystroke: could not be measured"),
    }
}
