//! Bounded loss on a crash (issue 13, item 2): while a note is typed its draft is kept within
//! 2 s of a pause, at least every 5 s of steady typing, and after 200 edits, on the clock the
//! runtime hands to `App::idle`; `App::wake_at_ms` says when the runtime must next call it.

use crate::app_common;

use app_common::{Live, dataset, keys, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::note::{KEEP_AFTER_PAUSE_MS, KEEP_WHILE_TYPING_MS, Slot, TextField};
use sqa_board::app::{App, Effect, Screen};

/// 09:00:00 UTC on the test day, in ms: where the runtime's clock starts.
pub(crate) fn start_ms() -> i64 {
    today()
        .and_hms_opt(9, 0, 0)
        .expect("a time")
        .and_utc()
        .timestamp_millis()
}

fn note_at_free_text() -> Live {
    let mut app = Live::new(&dataset(), "tester", today());
    keys(&mut app, "n");
    assert_eq!(app.screen(), Screen::Note);
    for _ in 0..40 {
        if app.note.form.as_ref().map(|f| f.slot) == Some(Slot::Text(TextField::Text)) {
            break;
        }
        keys(&mut app, "<Tab>");
    }
    app
}

fn text(app: &App) -> String {
    app.note.form.as_ref().expect("form").text(TextField::Text)
}

/// The drafts among `effects`, by the length of their free text.
fn kept(effects: &[Effect]) -> Option<usize> {
    effects.iter().rev().find_map(|e| match e {
        Effect::SaveDraft(d) => Some(d.body.text.chars().count()),
        _ => None,
    })
}

/// Types one character every `every_ms` for `for_ms`, as the runtime would run it: `idle`
/// after each key and whenever `wake_at_ms` falls due before the next key. Checks after every
/// turn that the kept draft holds everything typed at least `KEEP_WHILE_TYPING_MS` ago;
/// returns how many times the draft was kept.
fn type_steadily(app: &mut Live, every_ms: i64, for_ms: i64) -> usize {
    let t0 = start_ms();
    app.idle(t0);
    let mut now = t0;
    let mut next_key = t0 + every_ms;
    let mut typed: Vec<(i64, usize)> = Vec::new();
    let mut kept_len = 0usize;
    let mut keeps = 0usize;
    while now < t0 + for_ms {
        now = match app.wake_at_ms() {
            Some(w) if w < next_key => w.max(now),
            _ => next_key,
        };
        if now == next_key {
            keys(app, "a");
            typed.push((now, text(app).chars().count()));
            next_key += every_ms;
        }
        let effects = app.idle(now);
        if let Some(n) = kept(&effects) {
            kept_len = n;
            keeps += 1;
        }
        app.run(effects);
        let must = typed
            .iter()
            .filter(|(t, _)| *t <= now - KEEP_WHILE_TYPING_MS)
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        assert!(
            kept_len >= must,
            "at +{} ms the draft holds {kept_len} characters; {must} were typed 5 s before",
            now - t0
        );
    }
    keeps
}

#[test]
fn steady_typing_is_kept_at_least_every_five_seconds() {
    let mut app = note_at_free_text();
    // 8 characters a second (a brisk typist) for 30 s.
    let keeps = type_steadily(&mut app, 125, 30_000);
    // About once every 5 s: bounded loss without a write per key.
    assert!((6..=7).contains(&keeps), "{keeps} keeps in 30 s");
    // The store holds the last one, and the form says when it was kept (local time).
    let stored = app.store.drafts().expect("drafts read");
    assert_eq!(stored.len(), 1);
    let kept_at = app.note.form.as_ref().and_then(|f| f.kept_at);
    assert_eq!(kept_at, Some(stored[0].at));
}

#[test]
fn typing_on_the_boundary_is_kept_by_five_seconds() {
    let mut app = note_at_free_text();
    // Slow keys straddling the 5 s boundary: one every 1.9 s never pauses 2 s.
    let keeps = type_steadily(&mut app, 1_900, 20_000);
    assert!(keeps >= 3, "{keeps}");
}

#[test]
fn a_pause_keeps_the_draft_within_two_seconds() {
    let mut app = note_at_free_text();
    let t = start_ms();
    app.idle(t);
    keys(&mut app, "The head said");
    assert!(app.idle(t + 40).is_empty());
    let due = app.wake_at_ms().expect("a keep is due");
    assert_eq!(due, t + 40 + KEEP_AFTER_PAUSE_MS);
    assert!(
        kept(&app.idle(due - 1)).is_none(),
        "not before the pause is 2 s"
    );
    let effects = app.idle(due);
    assert_eq!(kept(&effects), Some("The head said".len()));
    app.run(effects);
    assert_eq!(
        app.wake_at_ms(),
        None,
        "nothing more to keep: the runtime may sleep"
    );
    assert!(
        kept(&app.idle(due + 60_000)).is_none(),
        "kept once per pause"
    );
}

#[test]
fn two_hundred_edits_keep_the_draft_at_once() {
    let mut app = note_at_free_text();
    let t = start_ms();
    app.idle(t);
    let mut keeps = Vec::new();
    for i in 1..=250i64 {
        keys(&mut app, "z");
        if let Some(n) = kept(&app.idle(t + i * 5)) {
            keeps.push(n);
        }
    }
    assert_eq!(
        keeps,
        [200],
        "within 1.25 s: only the 200-edit rule applies"
    );
}

#[test]
fn the_kept_time_is_in_the_title_and_changes_only_when_kept() {
    let mut app = note_at_free_text();
    let t = start_ms();
    app.idle(t);
    keys(&mut app, "Reading");
    app.idle(t + 10);
    let effects = app.idle(t + 10 + KEEP_AFTER_PAUSE_MS);
    app.run(effects);
    let title = |app: &App| {
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        term.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
        let buf = term.backend().buffer().clone();
        (0..80u16)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect::<String>()
    };
    // The test clock shows UTC: 09:00:02 is when the pause was 2 s old.
    assert!(title(&app).contains("kept 09:00:02"), "{}", title(&app));
    app.take_dirty();
    keys(&mut app, "s");
    app.idle(t + 3_000);
    assert!(
        title(&app).contains("kept 09:00:02"),
        "unchanged until the next keep"
    );
}
