//! `sqa serve` figures: the first frame through attach, memory per added session, and the time
//! from a commit in one session to every other session's redraw.

use super::{pty, until};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A process's resident memory (VmRSS), in kB.
fn rss_kb(pid: u32) -> u64 {
    super::proc_kb(pid, "VmRSS")
}

/// `sqa serve` on the store at `store` with sessions attached through the real binary:
/// the first frame through attach, memory per added session, and the time from a commit in
/// one session to every other session's redraw.
pub fn serve_figures(store: &Path) {
    const SESSIONS: usize = 20;
    println!(
        "sqa serve on that store, {SESSIONS} sessions attached (sqa attach in pseudo-terminals at 80x24):"
    );
    let mut server = Command::new(env!("CARGO_BIN_EXE_sqa"))
        .arg("serve")
        .env("SQA_STORE", store)
        .env("SQA_CONFIG", store.with_file_name("serve-config.toml"))
        .env("SQA_TODAY", "23/11/2026")
        .env("SQA_NOW", "2026-11-23T10:00:00Z")
        .env_remove("SQA_SOCKET")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("sqa serve");
    let socket = PathBuf::from(format!("{}.sock", store.display()));
    let deadline = Instant::now() + pty::HANG_GUARD;
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(Instant::now() < deadline, "the server did not answer");
        std::thread::sleep(Duration::from_millis(5));
    }
    let idle_kb = rss_kb(server.id());
    let attach = || {
        let pty = pty::Pty::spawn(pty::sqa_command(store, &["attach"]), 80, 24);
        until(&pty, "the board", |s| {
            s.contains("Mon 23 Nov 2026") && s.contains("schools")
        });
        pty
    };
    let t = Instant::now();
    let first = attach();
    let first_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Ready for keys: what loads after the first frame has loaded.
    std::thread::sleep(Duration::from_millis(500));
    let one_kb = rss_kb(server.id());
    let mut sessions = vec![first];
    for _ in 1..SESSIONS {
        sessions.push(attach());
    }
    std::thread::sleep(Duration::from_millis(500));
    let all_kb = rss_kb(server.id());
    println!("  first frame through attach (connect, session, board): {first_ms:.0} ms");
    println!(
        "  server memory: {:.1} MB idle, {:.1} MB with one session, {:.1} MB with {SESSIONS}: {:.2} MB per added session (target <= 1 MB)",
        idle_kb as f64 / 1024.0,
        one_kb as f64 / 1024.0,
        all_kb as f64 / 1024.0,
        (all_kb.saturating_sub(one_kb)) as f64 / 1024.0 / (SESSIONS - 1) as f64
    );
    // Commits from session 0: complete an action in the tracker, then reopen it, in turn.
    let (writer, others) = sessions.split_first_mut().expect("sessions");
    writer.send("A");
    until(writer, "the tracker", |s| s.contains("c done"));
    let mut times = Vec::new();
    for i in 0..10 {
        // A key in each other session clears its status line (the last "Updated: …").
        for p in others.iter_mut() {
            p.send("j");
        }
        for p in others.iter() {
            until(p, "the status cleared", |s| !s.contains("Updated:"));
        }
        let t = Instant::now();
        if i % 2 == 0 {
            writer.send("c");
            until(writer, "the completion dialog", |s| {
                s.contains("Complete this action?")
            });
            writer.send("\r");
        } else {
            writer.send("u");
        }
        // Each other session has heard of the commit, reloaded and redrawn its status line.
        for p in others.iter() {
            until(p, "the other sessions' redraw", |s| s.contains("Updated:"));
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "  a commit in one session until all {} others have redrawn: p50 {:.0} ms, slowest of 10 {:.0} ms",
        SESSIONS - 1,
        times[times.len() / 2],
        times[times.len() - 1]
    );
    for mut p in sessions {
        let _ = p.child.kill();
        let _ = p.wait_exit();
    }
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
}
