//! Performance figures for a large authority (600 schools, five years of history).
//!
//! `cargo bench --bench figures` generates the authority into a temporary store, then measures,
//! each in a fresh child process so the figures are what a user starting `sqa` would see:
//! - open the store, load the board data and draw the first 80x24 frame (median of 5 runs),
//! - peak resident memory of that process (VmHWM),
//! - durable save latency: save + flush of one record, p50 / p99 over 300 saves.
//!
//! Targets: first frame <= 100 ms, peak RSS <= 64 MB, save p99 <= 20 ms.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use sqa_board::app::App;
use sqa_board::domain::{Action, ActionSource, ActionStatus};
use sqa_board::store::Store;
use sqa_board::synth;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn generate(path: &Path) {
    let t = Instant::now();
    let ds = synth::authority(synth::Size::large(), today(), 42);
    let gen_ms = t.elapsed().as_millis();
    let store = Store::open(path, "bench").expect("open store");
    let t = Instant::now();
    store.import_dataset(&ds, "bench").expect("import");
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

fn first_frame(path: &Path) {
    let t = Instant::now();
    let store = Store::open(path, "bench").expect("open store");
    let t_open = t.elapsed();
    let data = store.load_overview().expect("load");
    let t_load = t.elapsed();
    let app = App::new(data, today(), "bench".into());
    let t_app = t.elapsed();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
        },
    )
    .expect("terminal");
    terminal
        .draw(|f| sqa_board::ui::draw(f, &app))
        .expect("draw");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let f = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "open {:.1} ms, load {:.1} ms, app {:.1} ms, total {ms:.1} ms",
        f(t_open),
        f(t_load - t_open),
        f(t_app - t_load)
    );
    println!("{ms:.2} {}", peak_rss_kb());
}

fn saves(path: &Path) {
    let store = Store::open(path, "bench").expect("open store");
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
        store.save(&action, "bench", "created").expect("save");
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

fn child(mode: &str, path: &Path) -> String {
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args(["--child", mode])
        .arg(path)
        .output()
        .expect("spawn child");
    if !out.status.success() {
        panic!("{mode} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let mode = args.get(i + 1).map(String::as_str).unwrap_or("");
        let path = PathBuf::from(args.get(i + 2).cloned().unwrap_or_default());
        match mode {
            "generate" => generate(&path),
            "first-frame" => first_frame(&path),
            "saves" => saves(&path),
            _ => panic!("unknown mode {mode}"),
        }
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    println!("large authority: {}", child("generate", &path));
    let mut runs: Vec<(f64, u64)> = (0..5)
        .map(|_| {
            let line = child("first-frame", &path);
            let mut it = line.split_whitespace();
            let ms = it.next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
            let kb = it.next().and_then(|v| v.parse().ok()).unwrap_or(0);
            (ms, kb)
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (ms, _) = runs[runs.len() / 2];
    let rss_mb = runs.iter().map(|r| r.1).max().unwrap_or(0) as f64 / 1024.0;
    println!(
        "first frame (open store + load + draw 80x24): median {ms:.1} ms of 5 runs (target <= 100 ms)"
    );
    println!("peak RSS of that process: {rss_mb:.1} MB (target <= 64 MB)");
    let line = child("saves", &path);
    let mut it = line.split_whitespace();
    let p50 = it.next().unwrap_or("?");
    let p99 = it.next().unwrap_or("?");
    println!(
        "durable save (save + flush), 300 saves: p50 {p50} ms, p99 {p99} ms (target p99 <= 20 ms)"
    );
}
