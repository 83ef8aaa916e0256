//! Start and quit at each size (`-- --start-only --sizes 600,6000`): the warm start as a user
//! meets it (first frame from the cached board facts, then ready for a key, in a fresh
//! process), and the real binary's quit in a pseudo-terminal, from `q` (once the board answers keys)
//! until the process has exited while the day's backup is still being taken (issue 19: quit <= 150 ms always).

use super::{by, child, pty, today, until, until_exit};
use sqa_board::store::Store;
use sqa_board::synth;
use std::path::Path;
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

/// The real binary: from its start until the board is on screen, and until a move is
/// answered; then from `q` until the process has exited (the day's backup not yet taken, the
/// load perhaps still running). Returns those three in ms, and whether the backup was there.
fn start_and_quit(store: &Path) -> ([f64; 3], bool) {
    let _ = std::fs::remove_dir_all(sqa_board::backup::backup_dir(store));
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let mut pty = pty::Pty::spawn(pty::sqa_command(store, &[]), 80, 24);
    until(&pty, "the board", |s| s.contains("? help"));
    let board = ms(t);
    let before = pty.screen();
    pty.send("j");
    until(&pty, "the move", |s| s != before);
    let moved = ms(t);
    let t = Instant::now();
    pty.send("q");
    until_exit(&mut pty);
    let quit = ms(t);
    let backup = sqa_board::backup::backup_dir(store).join("sqa-backup-2026-11-23.json");
    ([board, moved, quit], backup.exists())
}

pub fn start_figures(sizes: &[usize]) {
    for &n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        let made = super::child_with("generate-sized", &path, &[&n.to_string()]);
        println!("start and quit at {n} schools ({made}):");
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
            "  in-process, median of 5: first frame {:.1} ms (target <= {first_target} ms; the board's keys are answered from here), everything loaded {:.1} ms (target for a key <= {ready_target} ms; keys that need it wait for it), peak RSS {:.0} MB",
            col(0),
            col(1),
            col(2) / 1024.0
        );
        let runs: Vec<([f64; 3], bool)> = (0..5).map(|_| start_and_quit(&path)).collect();
        let med = |i: usize| median(runs.iter().map(|r| r.0[i]).collect());
        println!(
            "  the real binary in a pty, median of 5: board on screen {:.1} ms, first move answered {:.1} ms after the start (target <= {ready_target} ms)",
            med(0),
            med(1)
        );
        println!(
            "  quit (q until the process has exited, the day's backup being taken): median {:.1} ms, slowest {:.1} ms of 5 (target <= 150 ms); the backup finished before the quit in {} of 5",
            med(2),
            runs.iter().map(|r| r.0[2]).fold(0.0, f64::max),
            runs.iter().filter(|r| r.1).count()
        );
    }
}
