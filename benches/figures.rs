//! Performance figures for a large authority (600 schools, five years of history).
//!
//! `cargo bench --bench figures` generates the authority into a temporary store, then measures,
//! each in a fresh child process so the figures are what a user starting `sqa` would see:
//! - open the store, load the board data and draw the first 80x24 frame (median of 5 runs),
//! - peak resident memory of that process (VmHWM),
//! - durable save latency: save + flush of one record, p50 / p99 over 300 saves,
//! - loading everything (`Store::load_overview`).
//! - what the fsync behind "Saved" costs: sled's flush alone against flush + fdatasync.
//!
//! Then, on the demo county, the real binary in a pseudo-terminal (median of 5 runs each):
//! - a 50 kB bracketed paste into a note, until its last words are on screen,
//! - SIGHUP mid-note (the draft is kept), and the terminal closed (an SSH drop), until exit,
//! - a 64 KB burst without bracketed paste, until its last words are on screen,
//! - a hang-up at a random byte inside an escape sequence or a paste, until exit (the slowest
//!   of 10),
//! - a second `sqa` on a store another holds, until it exits refused; and a second
//!   `Store::open` in one process, until it is refused.
//!
//! - bytes to the terminal per character typed in each one-line field and per board move
//!   (`figures/bytes.rs`; `-- --bytes-only` that part alone, a few seconds).
//!
//! - keeping a note's draft while typing: store writes per minute, how far behind it falls.
//!
//! - meeting mode on a generated authority (`figures/meeting.rs`): meeting start, a key, a
//!   decision save, a board move, at 600 schools; `-- --sizes 600,6000` (or `--schools N`)
//!   at each size given, `-- --meeting-only` that part alone (6,000 schools: ~40 s, most of
//!   it generating and importing the store).
//!
//! - a foreign commit in `sqa serve` (`figures/follow.rs`): the reload after it and the first
//!   save after it, before and after; `-- --follow-only --sizes 600,6000`.
//!
//! - the bulk paths (`figures/bulk.rs`): export, import and check with the real binary, and the
//!   first board-cache refresh after an import; `-- --bulk-only --sizes 600,6000`.
//!
//! The tests check these behaviours on any machine, with no time limit; the times are here.
//! `-- --terminal-only` skips the large authority (quick, while developing); `-- --drafts-only`
//! gives only the draft-keeping figures.
//!
//! Targets: first frame <= 100 ms, peak RSS <= 64 MB, save p99 <= 20 ms, load everything
//! <= 100 ms, paste <= 1 s, hang-up and terminal-closed exit <= 2 s, refused lock <= 1 s.

/// The allocator the `sqa` binary uses (src/main.rs), so the in-process figures are the
/// product's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[path = "figures/bulk.rs"]
mod bulk;
#[path = "figures/bytes.rs"]
mod bytes;
#[path = "figures/follow.rs"]
mod follow;
#[path = "figures/fsync.rs"]
mod fsync;
#[path = "figures/keep.rs"]
mod keep;
#[path = "figures/meeting.rs"]
mod meeting;
#[path = "../tests/it/common/pty.rs"]
mod pty;
#[path = "figures/search.rs"]
mod search;
#[path = "figures/serve.rs"]
mod serve;
#[path = "figures/start.rs"]
mod start;
#[path = "figures/terminal.rs"]
mod terminal;
#[path = "figures/writes.rs"]
mod writes;
use terminal::{input_figures, terminal_figures};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use sqa_board::cli::board_app;
use sqa_board::domain::{Action, ActionSource, ActionStatus, Scheme};
use sqa_board::store::Store;
use sqa_board::synth;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn peak_rss_kb() -> u64 {
    proc_kb("self", "VmHWM")
}

/// A figure of `/proc/<pid>/status` given in kB (`VmHWM`, `VmRSS`); 0 once the process has
/// gone. `pid` is a number or "self".
fn proc_kb(pid: impl std::fmt::Display, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn generate(path: &Path) {
    let t = Instant::now();
    let ds = synth::authority(synth::Size::large(), today(), 42);
    let gen_ms = t.elapsed().as_millis();
    let store = Store::open(path, &by("bench")).expect("open store");
    let t = Instant::now();
    store.import_dataset(&ds, &by("bench")).expect("import");
    // As `sqa import` does: take the board's facts for the first start.
    store.refresh_board_cache(today()).expect("board cache");
    println!(
        "generated {} schools, {} notes, {} activities, {} decisions, {} checkpoints, {} actions in {gen_ms} ms; imported in {} ms",
        ds.schools.len(),
        ds.notes.len(),
        ds.activities.len(),
        ds.decisions.len(),
        ds.checkpoints.len(),
        ds.actions.len(),
        t.elapsed().as_millis()
    );
}

fn terminal_80x24() -> Terminal<CrosstermBackend<std::io::Sink>> {
    Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
        },
    )
    .expect("terminal")
}

/// What `sqa` does at start-up (`cli::board_app`): open the store, build the board's first
/// frame and draw it; then the work before the first key (loading everything when the first
/// frame came from the cached board facts, caching them when it did not).
/// Prints: first frame ms, ready-for-keys ms, peak RSS KiB, and whether the cache was used.
fn first_frame(path: &Path) {
    let t = Instant::now();
    let store = Store::open(path, &by("bench")).expect("open store");
    let t_open = t.elapsed();
    let cached = store.board_preview(today()).expect("preview").is_some();
    let t_probe = t.elapsed();
    let (mut app, after) = board_app(
        &store,
        &sqa_board::session::Session::new("bench", sqa_board::clock::Clock::frozen_on(today())),
    )
    .expect("board app");
    let t_app = t.elapsed();
    let mut terminal = terminal_80x24();
    terminal
        .draw(|f| sqa_board::ui::draw(f, &app))
        .expect("draw");
    let first = t.elapsed();
    after.run_now(&mut app).expect("after first frame");
    terminal
        .draw(|f| sqa_board::ui::draw(f, &app))
        .expect("draw");
    let ready = t.elapsed();
    let f = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "open {:.1} ms, app {:.1} ms, first frame {:.1} ms, ready {:.1} ms",
        f(t_open),
        f(t_app - t_probe),
        f(first),
        f(ready)
    );
    println!(
        "{:.2} {:.2} {} {}",
        f(first),
        f(ready),
        peak_rss_kb(),
        if cached { "cached" } else { "uncached" }
    );
}

/// Makes the next start find the board cache stale, as after a session that crashed.
fn stale(path: &Path) {
    let store = Store::open(path, &by("bench")).expect("open store");
    let scheme = store
        .scheme()
        .expect("scheme")
        .unwrap_or_else(Scheme::la_default);
    let mut other = scheme.clone();
    other.name.push('*');
    // Two scheme changes: the store ends as it was, one revision on.
    store.set_scheme(&other, &by("bench")).expect("scheme");
    store.set_scheme(&scheme, &by("bench")).expect("scheme");
}

fn saves(path: &Path) {
    let store = Store::open(path, &by("bench")).expect("open store");
    let mut times = Vec::new();
    for i in 0..300u32 {
        let id = store.next_id().expect("id");
        let action = Action {
            id,
            urn: 900_000 + (i % 600),
            source: ActionSource::Other,
            text: format!("Benchmark action {i}"),
            owner: "Bench".into(),
            due: Some(today()),
            status: ActionStatus::Open,
            completed: None,
            rev: 0,
        };
        let t = Instant::now();
        store.save(&action, &by("bench"), "created").expect("save");
        times.push(t.elapsed());
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{:.2} {:.2}",
        p(0.5).as_secs_f64() * 1000.0,
        p(0.99).as_secs_f64() * 1000.0
    );
}

/// Loads everything the board and screens need, three times in one process: the first from a
/// cold start, then warm. Prints both, in ms.
fn overview(path: &Path) {
    let store = Store::open(path, &by("bench")).expect("open store");
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let ov = store.load_overview().expect("load_overview");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(ov);
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("{:.1} {best:.1}", times[0]);
}

fn child(mode: &str, path: &Path) -> String {
    child_with(mode, path, &[])
}

/// This bench run again as `--child MODE PATH ARGS…` (a fresh process, as `sqa` starts);
/// what it printed.
fn child_with(mode: &str, path: &Path, args: &[&str]) -> String {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args(["--child", mode])
        .arg(path)
        .args(args)
        .output()
        .expect("spawn child");
    if !out.status.success() {
        panic!("{mode} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child")
        && args.get(i + 1).map(String::as_str) == Some("meeting")
    {
        let n = args.get(i + 2).and_then(|n| n.parse().ok()).unwrap_or(600);
        meeting::meeting_figures(n, today());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let mode = args.get(i + 1).map(String::as_str).unwrap_or("");
        let path = PathBuf::from(args.get(i + 2).cloned().unwrap_or_default());
        match mode {
            "generate" => generate(&path),
            "first-frame" => first_frame(&path),
            "stale" => stale(&path),
            "saves" => saves(&path),
            "overview" => overview(&path),
            "generate-refresh" => {
                let n = args.get(i + 3).and_then(|n| n.parse().ok()).unwrap_or(600);
                bulk::generate_and_refresh(&path, n)
            }
            "generate-sized" => {
                let n = args.get(i + 3).and_then(|n| n.parse().ok()).unwrap_or(600);
                start::generate_sized(&path, n)
            }
            _ => panic!("unknown mode {mode}"),
        }
        return;
    }
    // `-- --sizes 600,6000` (or `--schools N`): meeting figures at each size (default: 600).
    let sizes: Vec<usize> = args
        .iter()
        .position(|a| a == "--sizes" || a == "--schools")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![600]);
    let meeting_at_sizes = || {
        for n in &sizes {
            let out = Command::new(std::env::current_exe().expect("exe"))
                .args(["--child", "meeting", &n.to_string()])
                .output()
                .expect("spawn child");
            print!("{}", String::from_utf8_lossy(&out.stdout));
            if !out.status.success() {
                panic!(
                    "meeting at {n} failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    };
    if args.iter().any(|a| a == "--meeting-only") {
        meeting_at_sizes();
        return;
    }
    if args.iter().any(|a| a == "--bulk-only") {
        bulk::bulk_figures(&sizes);
        return;
    }
    if args.iter().any(|a| a == "--follow-only") {
        follow::follow_figures(&sizes);
        return;
    }
    if args.iter().any(|a| a == "--start-only") {
        start::start_figures(&sizes);
        return;
    }
    if args.iter().any(|a| a == "--drafts-only") {
        keep::keep_figures();
        return;
    }
    if args.iter().any(|a| a == "--serve-only") {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        println!("large authority: {}", child("generate", &path));
        search::search_figure(&path, today());
        serve::serve_figures(&path);
        return;
    }
    if args.iter().any(|a| a == "--bytes-only") {
        bytes::bytes_figures();
        return;
    }
    if args.iter().any(|a| a == "--terminal-only") {
        bytes::bytes_figures();
        keep::keep_figures();
        terminal_figures();
        input_figures();
        return;
    }
    // `-- --keep DIR` generates the authority into DIR and keeps it (to run the real binary on
    // it, e.g. with tuiprobe: benches/tuiprobe/large_start.json).
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = match &keep {
        Some(p) if p.exists() => panic!("{} exists: give a new directory to --keep", p.display()),
        Some(p) => p.clone(),
        None => dir.path().join("store"),
    };
    println!("large authority: {}", child("generate", &path));
    let run = || {
        let line = child("first-frame", &path);
        let v: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize| {
            v.get(i)
                .and_then(|x| x.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
        };
        let cached = v.get(3) == Some(&"cached");
        (num(0), num(1), num(2), cached)
    };
    let median = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    // As a user starts it: the facts cached by the import (or the last session).
    let warm: Vec<_> = (0..5).map(|_| run()).collect();
    // As after a session that ended without updating the cache (a crash, a hang-up).
    let cold: Vec<_> = (0..5)
        .map(|_| {
            child("stale", &path);
            run()
        })
        .collect();
    assert!(warm.iter().all(|r| r.3), "the cache was not used");
    assert!(cold.iter().all(|r| !r.3), "a stale cache was used");
    let rss_mb = warm.iter().chain(&cold).map(|r| r.2).fold(0.0, f64::max) / 1024.0;
    println!(
        "first frame (open store + board + draw 80x24): median {:.1} ms of 5 runs (target <= 100 ms)",
        median(warm.iter().map(|r| r.0).collect())
    );
    println!(
        "  then everything loaded, ready for keys: median {:.1} ms",
        median(warm.iter().map(|r| r.1).collect())
    );
    println!(
        "first frame when the board cache is stale (after a crash or hang-up; loads everything first): median {:.1} ms",
        median(cold.iter().map(|r| r.0).collect())
    );
    println!("peak RSS of those processes: {rss_mb:.1} MB (target <= 64 MB)");
    let line = child("saves", &path);
    let mut it = line.split_whitespace();
    let p50 = it.next().unwrap_or("?");
    let p99 = it.next().unwrap_or("?");
    println!(
        "durable save (save + flush), 300 saves: p50 {p50} ms, p99 {p99} ms (target p99 <= 20 ms)"
    );
    let line = child("overview", &path);
    let mut it = line.split_whitespace();
    let first = it.next().unwrap_or("?");
    let best = it.next().unwrap_or("?");
    println!(
        "load everything (Store::load_overview): first {first} ms, best of 3 {best} ms (target <= 100 ms)"
    );
    fsync::fsync_cost(dir.path());
    meeting_at_sizes();
    search::search_figure(&path, today());
    serve::serve_figures(&path);
    keep::keep_figures();
    bytes::bytes_figures();
    terminal_figures();
    input_figures();
}

/// Median of five runs, in ms.
fn median_of_5(mut run: impl FnMut() -> Duration) -> f64 {
    let mut xs: Vec<f64> = (0..5).map(|_| run().as_secs_f64() * 1000.0).collect();
    xs.sort_by(f64::total_cmp);
    xs[2]
}

/// Waits until the screen satisfies `pred`, looking every millisecond (the tests' helper looks
/// every 20 ms: too coarse for a figure).
fn until(pty: &pty::Pty, what: &str, pred: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + pty::HANG_GUARD;
    while !pred(&pty.screen()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Waits until the process has exited, looking every millisecond.
fn until_exit(pty: &mut pty::Pty) {
    let deadline = Instant::now() + pty::HANG_GUARD;
    while pty.child.try_wait().expect("try_wait").is_none() {
        assert!(Instant::now() < deadline, "sqa did not exit");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The demo county in a pseudo-terminal at 80x24, its board drawn.
fn demo_session(dir: &Path) -> pty::Pty {
    let pty = pty::Pty::spawn(pty::sqa_command(&dir.join("store"), &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty
}

/// A new note of visit, its free text focused (as tests/e2e_notes.rs gets there).
fn to_free_text(pty: &mut pty::Pty) {
    pty.send("n");
    pty.wait_for("Note of visit");
    pty.send(&"\t".repeat(12));
    pty.wait_for("›Notes");
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
