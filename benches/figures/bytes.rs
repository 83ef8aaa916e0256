//! Bytes sent to the terminal per typed character in each one-line field, and per move on the
//! board (issue 19: over SSH every byte of an echo is waited for). The session core on the demo
//! county at 80x24, driven with the bytes a terminal sends, each key's frame counted; the same
//! path as the real binary's (`Runner`, the lean backend), with no terminal in between.
//! Counts, not timings: the same on any machine (`tests/it/wire_bytes.rs` holds the targets).

use sqa_board::app::{App, Screen};
use sqa_board::runner::Runner;
use sqa_board::store::{Stamp, Store};
use std::time::Instant;

const SIZE: ratatui::layout::Size = ratatui::layout::Size {
    width: 80,
    height: 24,
};

/// A sentence as typed: words that do not repeat.
const SENTENCE: &str = "Reading is taught well across the school";

/// The demo county in a temporary store, and an app over it on the bench's day.
fn demo_store() -> (Store, App) {
    let store = Store::open_temporary().expect("a temporary store");
    let data = sqa_board::demo::demo_dataset().expect("the demo");
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    store
        .import_dataset(&data, &Stamp::new("bench", at))
        .expect("import");
    let mut app = App::new(
        store.load_overview().expect("load"),
        sqa_board::session::Session::new(
            "bench",
            sqa_board::clock::Clock::frozen_on(super::today()),
        ),
    );
    let ids = store.clone();
    app.set_id_source(Box::new(move || ids.next_id().ok()));
    (store, app)
}

/// Sends `keys` as one read; the bytes of the frame that answers it.
fn key(r: &mut Runner, keys: &str) -> usize {
    r.input(keys.as_bytes(), Instant::now());
    r.frame().map(|f| f.len()).unwrap_or(0)
}

/// Bytes per character typed into the field that `reach` (keys, each sent as a read) gives
/// the keyboard, and the screen it is on; `None` if the keys did not reach a text field.
fn per_character(reach: &[&str], text: &str) -> Option<(f64, Screen)> {
    let (store, app) = demo_store();
    let mut r = Runner::new(&store, app, SIZE, 0x7f).ok()?;
    r.frame().ok()?;
    for k in reach {
        key(&mut r, k);
    }
    let screen = r.app().screen();
    let total: usize = text.chars().map(|c| key(&mut r, &c.to_string())).sum();
    Some((total as f64 / text.chars().count() as f64, screen))
}

pub fn bytes_figures() {
    println!("bytes to the terminal, the demo county at 80x24 (session core and lean backend):");
    let fields: [(&str, &[&str], &str); 10] = [
        // Typed once the board is narrowed to one school: the echo, not the filtering.
        ("board search (/)", &["/", "Hambleton V"], "ale Academy"),
        (
            "meeting rationale",
            &["M", "N", "Bench", "\t", "\r", "\r", "r"],
            SENTENCE,
        ),
        (
            "meeting prompt (defer: the reason)",
            &["M", "N", "Bench", "\t", "\r", "\r", "D"],
            SENTENCE,
        ),
        (
            "meeting plan (attendees)",
            &["M", "N"],
            "Priya Shah, Tom Reed",
        ),
        (
            "school details (notes)",
            &["\r", "e", "\t", "\t", "\t", "\t", "\t", "\t"],
            SENTENCE,
        ),
        ("activity title (timeline)", &["t", "a", "\t"], SENTENCE),
        (
            "escalation step (grounds)",
            &["\r", "E", "\x1b[C", "\t", "\t", "\t", "\t"],
            SENTENCE,
        ),
        (
            "checkpoint review (commentary)",
            &["\r", "r", "\t"],
            SENTENCE,
        ),
        // Ctrl-N: a new priority (the demo's are long already).
        (
            "support plan (a new priority)",
            &["t", "P", "\x0e"],
            SENTENCE,
        ),
        (
            "note search (F; words found nowhere)",
            &["F", "zq"],
            " nothing matches these words",
        ),
    ];
    let mut all = Vec::new();
    for (name, reach, text) in fields {
        match per_character(reach, text) {
            Some((b, screen)) => {
                println!(
                    "  typing in {name} ({screen:?}): {b:.2} bytes per character (target <= 1.2; the floor, the echo: 1)"
                );
                all.push(b);
            }
            None => println!("  typing in {name}: not reached"),
        }
    }
    if !all.is_empty() {
        let mean = all.iter().sum::<f64>() / all.len() as f64;
        let worst = all.iter().copied().fold(0.0, f64::max);
        println!("  one-line fields: mean {mean:.2}, worst {worst:.2} bytes per typed character");
    }
    // Past the end of a field: the view scrolls by half its width, the field redrawn each time.
    let long = format!("{SENTENCE}, and {SENTENCE} again, {SENTENCE} once more");
    if let Some((b, _)) = per_character(&["t", "a", "\t"], &long) {
        println!(
            "  typing {} characters into an activity title (52 cells; the view moves by 26): {b:.2} bytes per character",
            long.chars().count()
        );
    }
    let (store, app) = demo_store();
    let Ok(mut r) = Runner::new(&store, app, SIZE, 0x7f) else {
        return;
    };
    let _ = r.frame();
    let moves: Vec<usize> = ["j", "j", "\x1b[B", "\x1b[B", "k", "\x1b[A", "j", "k"]
        .iter()
        .map(|k| key(&mut r, k))
        .collect();
    println!(
        "  a board move (j/k, ↓/↑): {:?} bytes, worst {} (target <= 60; less scrolling a line: 59)",
        moves,
        moves.iter().max().unwrap_or(&0)
    );
    // Down the whole board and back: past the last row shown the table scrolls, redrawn.
    let mut down: Vec<usize> = (0..30).map(|_| key(&mut r, "j")).collect();
    down.extend((0..30).map(|_| key(&mut r, "k")));
    let scrolled: Vec<usize> = down.iter().copied().filter(|n| *n > 60).collect();
    println!(
        "  down the 22 schools and back (60 moves): {} scrolled the table, {:?} bytes each; the others {} bytes at most",
        scrolled.len(),
        scrolled,
        down.iter().filter(|n| **n <= 60).max().unwrap_or(&0)
    );
}
