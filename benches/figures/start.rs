//! Start and quit at each size (`-- --start-only --sizes 600,6000`): the warm start as a user
//! meets it (first frame from the cached board facts, then ready for a key, in a fresh
//! process), and the real binary's quit in a pseudo-terminal, from `q` (once the board answers keys)
//! until the process has exited while the day's backup is still being taken (issue 19: quit <= 150 ms always).

use super::{by, child, pty, today, until, until_exit};
use sqa_board::store::Store;
use sqa_board::synth;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The child that generates an authority of `n` schools into `path`, as `sqa import` leaves
/// it (the board's facts cached).
pub fn generate_sized(path: &Path, n: usize) {
    let ds = synth::authority(synth::Size::schools(n), today(), 42);
    let store = Store::open(path, &by("bench")).expect("open store");
    store.import_dataset(&ds, &by("bench")).expect("import");
    store.refresh_board_cache(today()).expect("board cache");
    println!("{} schools, {} notes", ds.schools.len(), ds.notes.len());
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// From `q` on the board until the process has exited, the day's backup not yet taken.
fn quit_ms(store: &Path) -> (f64, bool) {
    let _ = std::fs::remove_dir_all(sqa_board::backup::backup_dir(store));
    let mut pty = pty::Pty::spawn(pty::sqa_command(store, &[]), 80, 24);
    until(&pty, "the board", |s| s.contains("? help"));
    // Ready for keys: a move is answered (keys wait for the load after the first frame).
    let before = pty.screen();
    pty.send("j");
    until(&pty, "the move", |s| s != before);
    let t = Instant::now();
    pty.send("q");
    until_exit(&mut pty);
    let took = t.elapsed().as_secs_f64() * 1000.0;
    let backup = sqa_board::backup::backup_dir(store).join("sqa-backup-2026-11-23.json");
    (took, backup.exists())
}

pub fn start_figures(sizes: &[usize]) {
    for &n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        let out = Command::new(std::env::current_exe().expect("exe"))
            .args(["--child", "generate-sized"])
            .arg(&path)
            .arg(n.to_string())
            .output()
            .expect("spawn child");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "start and quit at {n} schools ({}):",
            String::from_utf8_lossy(&out.stdout).trim()
        );
        let runs: Vec<Vec<f64>> = (0..5)
            .map(|_| {
                child("first-frame", &path)
                    .split_whitespace()
                    .take(3)
                    .map(|x| x.parse().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        let col = |i: usize| {
            median(
                runs.iter()
                    .map(|r| r.get(i).copied().unwrap_or(f64::NAN))
                    .collect(),
            )
        };
        let (first_target, ready_target) = if n <= 600 { (50, 100) } else { (150, 500) };
        println!(
            "  warm start, median of 5: first frame {:.1} ms (target <= {first_target} ms), ready for a key {:.1} ms (target <= {ready_target} ms), peak RSS {:.0} MB",
            col(0),
            col(1),
            col(2) / 1024.0
        );
        let quits: Vec<(f64, bool)> = (0..5).map(|_| quit_ms(&path)).collect();
        println!(
            "  quit (the real binary: q until the process has exited, the day's backup being taken): median {:.1} ms, slowest {:.1} ms of 5 (target <= 150 ms); the backup finished before the quit in {} of 5",
            median(quits.iter().map(|q| q.0).collect()),
            quits.iter().map(|q| q.0).fold(0.0, f64::max),
            quits.iter().filter(|q| q.1).count()
        );
    }
}
