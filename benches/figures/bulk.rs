//! The bulk paths at each size (`-- --bulk-only --sizes 600,6000`, issue 19): the real binary's
//! `export --json`, `import --json` of that file into a new store, and `check` of it, each
//! timed with its peak memory (VmHWM of the child, read from /proc while it runs); and the
//! first board-cache refresh after an import, in a fresh process.
//!
//! Targets at 6,000 schools: import <= 20 s with <= 1 GB peak memory; export, check and the
//! refresh linear in the size (compare the two sizes).

use super::{by, today};
use sqa_board::store::Store;
use sqa_board::synth;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The child that generates an authority of `n` schools into `path` (imported in memory, as
/// the other figures' stores are) and times the first board-cache refresh after it. Prints
/// the refresh's seconds.
pub fn generate_and_refresh(path: &Path, n: usize) {
    let ds = synth::authority(synth::Size::schools(n), today(), 42);
    let store = Store::open(path, &by("bench")).expect("open store");
    store.import_dataset(&ds, &by("bench")).expect("import");
    drop(ds);
    let t = Instant::now();
    store.refresh_board_cache(today()).expect("board cache");
    println!("{:.2}", t.elapsed().as_secs_f64());
}

/// Runs the real `sqa` on `store` with `args`; returns its seconds and peak memory in MB. The
/// peak is read every 5 ms while it runs (the last reading before it exits: VmHWM only grows).
fn sqa(store: &Path, args: &[&str]) -> (f64, f64) {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sqa"))
        .args(args)
        .env("SQA_STORE", store)
        .env("SQA_CONFIG", store.with_file_name("config.toml"))
        .env("SQA_USER", "bench")
        .env("SQA_TODAY", "23/11/2026")
        .env("SQA_NOW", "2026-11-23T10:00:00Z")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn sqa");
    let mut peak = 0;
    let status = loop {
        peak = peak.max(super::proc_kb(child.id(), "VmHWM"));
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let secs = t.elapsed().as_secs_f64();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        panic!("sqa {args:?} failed: {err}");
    }
    (secs, peak as f64 / 1024.0)
}

pub fn bulk_figures(sizes: &[usize]) {
    for &n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = dir.path().join("first");
        let refresh = super::child_with("generate-refresh", &first, &[&n.to_string()]);
        let file = dir.path().join("export.json");
        let file_arg = file.to_str().expect("utf-8");
        let (export_s, export_mb) = sqa(&first, &["export", "--json", file_arg]);
        let size_mb = std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1e6;
        let second = dir.path().join("second");
        let (import_s, import_mb) = sqa(&second, &["import", "--json", file_arg]);
        let (check_s, check_mb) = sqa(&second, &["check"]);
        let (import_target, mem_target) = if n >= 6000 {
            (" (target <= 20 s)", " (target <= 1 GB)")
        } else {
            ("", "")
        };
        println!("bulk paths at {n} schools (the real binary):");
        println!("  export --json: {export_s:.1} s, peak {export_mb:.0} MB, file {size_mb:.0} MB");
        println!(
            "  import --json of it, board cache included: {import_s:.1} s{import_target}, peak {import_mb:.0} MB{mem_target}"
        );
        println!("  check: {check_s:.1} s, peak {check_mb:.0} MB");
        println!("  first board-cache refresh after an import (in process): {refresh} s");
    }
}
