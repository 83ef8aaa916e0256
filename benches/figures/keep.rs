//! What keeping a note's draft costs (issue 13, item 2): store writes per minute of typing
//! at a steady pace, with the app's own rule (`App::idle` / `App::wake_at_ms`) on a clock the
//! figure steps itself. Bytes per keystroke are the e2e test's
//! (`typing_in_a_note_costs_a_few_bytes_per_character`): a keep redraws only the title's
//! "kept" time, once per keep.

use sqa_board::app::{App, Effect};
use sqa_board::clock::Clock;
use sqa_board::session::Session;

/// Keeps per minute of typing one character every `every_ms`, and the oldest the kept draft
/// ever was behind the typing (ms).
fn keeps_per_minute(every_ms: i64) -> (usize, i64) {
    let today = super::today();
    let size = sqa_board::synth::Size {
        schools: 3,
        years: 1,
        notes_per_school_year: 1,
        activities_per_school_year: 1,
        decisions_per_school_year: 1,
    };
    let data = sqa_board::synth::authority(size, today, 7);
    let mut app = App::new(data, Session::new("bench", Clock::frozen_on(today)));
    let key = |app: &mut App, code| {
        use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    };
    use ratatui::crossterm::event::KeyCode;
    key(&mut app, KeyCode::Char('n'));
    for _ in 0..12 {
        key(&mut app, KeyCode::Tab);
    }
    let t0 = 1_800_000_000_000i64;
    app.idle(t0);
    let (mut now, mut next_key) = (t0, t0 + every_ms);
    let (mut keeps, mut last_kept_key, mut worst) = (0usize, t0, 0i64);
    let mut typed_at: Vec<i64> = Vec::new();
    while now < t0 + 60_000 {
        now = match app.wake_at_ms() {
            Some(w) if w < next_key => w.max(now),
            _ => next_key,
        };
        if now == next_key {
            key(&mut app, KeyCode::Char('a'));
            typed_at.push(now);
            next_key += every_ms;
        }
        if app
            .idle(now)
            .iter()
            .any(|e| matches!(e, Effect::SaveDraft(_)))
        {
            keeps += 1;
            last_kept_key = typed_at.last().copied().unwrap_or(t0);
        }
        // How long ago the oldest key not yet kept was typed.
        if let Some(t) = typed_at.iter().find(|t| **t > last_kept_key) {
            worst = worst.max(now - t);
        }
    }
    (keeps, worst)
}

pub fn keep_figures() {
    println!("keeping a note's draft while typing (the app's rule, stepped clock):");
    for (pace, every_ms) in [("8 characters a second", 125), ("1 every 1.9 s", 1_900)] {
        let (keeps, worst) = keeps_per_minute(every_ms);
        println!(
            "  {pace}: {keeps} store writes per minute of typing; the draft is at most {:.1} s behind (target <= 5 s)",
            worst as f64 / 1000.0
        );
    }
}
