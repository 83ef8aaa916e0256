//! Meeting mode on a generated authority of a given size (issue 19: cost per key and per save
//! independent of the authority's size). In one process, as the runtime does it: the real app,
//! the real effect runner over a temporary store holding the whole authority, each key followed
//! by an 80x24 frame drawn.
//!
//! - meeting start: Enter on the planned meeting (its agenda every school, as planned by
//!   default) until its first frame is drawn, the effects (the save, notes loaded) carried out;
//! - a meeting key: `n` (next school) and a character typed into the rationale, p50 / p99;
//! - a decision save: Enter on a typed rationale, through the store (commit, flush and
//!   fdatasync), the app told and the next school's frame drawn, p50 / p99;
//! - the board: a move (`j`) with its frame, p50.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sqa_board::app::App;
use sqa_board::domain::{AgendaItem, AgendaState, Meeting, MeetingStatus, Term};
use sqa_board::store::{Stamp, Store};
use sqa_board::synth;
use std::time::{Duration, Instant};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(k: KeyCode) -> KeyEvent {
    KeyEvent::new(k, KeyModifiers::NONE)
}

struct Session {
    store: Store,
    app: App,
    term: ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::Sink>>,
}

impl Session {
    /// One key as the runtime takes it: the update, its effects carried out, a frame drawn.
    fn press(&mut self, k: KeyEvent) -> Duration {
        self.press_parts(k).iter().sum()
    }

    /// One key's time in its parts: the update, the effects (the store's work and the app
    /// told), the runtime's idle turn, the frame.
    fn press_parts(&mut self, k: KeyEvent) -> [Duration; 4] {
        let t = Instant::now();
        let effects = self.app.handle_key(k);
        let update = t.elapsed();
        let t = Instant::now();
        sqa_board::effects::run_effects(&self.store, &mut self.app, effects);
        let run = t.elapsed();
        let t = Instant::now();
        let now = self.app.clock.now().timestamp_millis();
        let pending = self.app.idle(now);
        sqa_board::effects::run_effects(&self.store, &mut self.app, pending);
        let idle = t.elapsed();
        let t = Instant::now();
        let app = &self.app;
        self.term
            .draw(|f| sqa_board::ui::draw(f, app))
            .expect("draw");
        [update, run, idle, t.elapsed()]
    }
}

/// What `sqa` does after a quit, before the prompt comes back (`cli::open_board`): keep the
/// board's facts from the session's copy of the data, and finish the daily backup's thread
/// (which never waits for it: it was taken while the board was open). Prints their times, and
/// how long the backup took on its thread.
fn quit_work(store: &Store, app: &App, today: NaiveDate) {
    use sqa_board::background::{DailyBackup, Outcome};
    let revision = store.revision().expect("revision");
    let (backup, starter) = DailyBackup::spawn(store.clone(), today, sqa_board::backup::KEEP);
    starter.start();
    // Quitting while the backup is being written (the worst case: a quit soon after start).
    let t = Instant::now();
    let kept = store
        .keep_board_facts(&app.data, revision, today)
        .expect("board cache");
    let cache = t.elapsed();
    let t = Instant::now();
    let running = !backup.is_finished();
    let outcome = backup.finish();
    let finish = t.elapsed();
    assert!(kept, "the session saved: the facts were stale");
    // The backup on its own, as the thread takes it while the board is open.
    let _ = std::fs::remove_dir_all(sqa_board::backup::backup_dir(store.path()));
    let t = Instant::now();
    let (backup, starter) = DailyBackup::spawn(store.clone(), today, sqa_board::backup::KEEP);
    starter.start();
    assert_eq!(backup.wait(), Outcome::Done);
    let taken = t.elapsed();
    let dir = sqa_board::backup::backup_dir(store.path());
    let mb = dir_bytes(&dir) as f64 / (1 << 20) as f64;
    let _ = std::fs::remove_dir_all(&dir);
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  after quit, before the prompt: board facts kept {:.1} ms + backup thread finished {:.2} ms ({}) = {:.1} ms (target: quit <= 150 ms)",
        ms(cache),
        ms(finish),
        if running {
            format!("left running: {outcome:?}")
        } else {
            format!("{outcome:?}")
        },
        ms(cache + finish)
    );
    println!(
        "    the daily backup on its thread while the board is open: {:.0} ms ({mb:.0} MiB of JSON)",
        ms(taken)
    );
}

/// Bytes of the files under `dir`.
fn dir_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn pct(times: &mut [Duration], q: f64) -> f64 {
    times.sort();
    let i = ((times.len() as f64 * q) as usize).min(times.len() - 1);
    times[i].as_secs_f64() * 1000.0
}

/// Prints the meeting figures for an authority of `schools` schools.
pub fn meeting_figures(schools: usize, today: NaiveDate) {
    let t = Instant::now();
    let mut ds = synth::authority(synth::Size::schools(schools), today, 42);
    let meeting_id = ds
        .decisions
        .iter()
        .map(|d| d.id)
        .chain(ds.notes.iter().map(|n| n.id))
        .chain(ds.activities.iter().map(|a| a.id))
        .chain(ds.actions.iter().map(|a| a.id))
        .chain(ds.checkpoints.iter().map(|c| c.id))
        .max()
        .unwrap_or(0)
        + 1;
    ds.meetings.push(Meeting {
        id: meeting_id,
        date: today,
        term: Term::Autumn,
        year: sqa_board::domain::AcademicYear::of(today),
        title: "SQA meeting".into(),
        attendees: vec!["Bench".into()],
        agenda: ds
            .schools
            .iter()
            .map(|s| AgendaItem {
                urn: s.urn,
                state: AgendaState::Pending,
                decision: None,
                reason: None,
            })
            .collect(),
        status: MeetingStatus::Planned,
        minutes: None,
        rev: 0,
    });
    let gen_ms = t.elapsed().as_millis();
    let t = Instant::now();
    let store = Store::open_temporary().expect("store");
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    store
        .import_dataset(&ds, &Stamp::new("bench", at))
        .expect("import");
    let import_ms = t.elapsed().as_millis();
    store.flush().expect("flush");
    let on_disk = dir_bytes(store.path()) as f64 / (1 << 20) as f64;
    let t = Instant::now();
    let data = store.load_overview().expect("load");
    let load_ms = t.elapsed().as_millis();
    drop(ds);
    let mut app = App::new(
        data,
        sqa_board::session::Session::new("bench", sqa_board::clock::Clock::frozen_on(today)),
    );
    let ids = store.clone();
    app.set_id_source(Box::new(move || ids.next_id().ok()));
    let mut s = Session {
        store,
        app,
        term: super::terminal_80x24(),
    };
    println!(
        "meeting at {schools} schools (generated in {gen_ms} ms, imported in {import_ms} ms, loaded in {load_ms} ms; {on_disk:.0} MiB on disk; the agenda every school, each key with its 80x24 frame):"
    );
    let mut board: Vec<Duration> = (0..100).map(|_| s.press(key('j'))).collect();
    s.press(key('M'));
    let start_parts = s.press_parts(code(KeyCode::Enter));
    let start: Duration = start_parts.iter().sum();
    assert!(
        s.app.current_meeting().map(|m| m.status) == Some(MeetingStatus::Open),
        "the meeting did not start: {:?}",
        s.app.status
    );
    let mut next: Vec<Duration> = (0..100).map(|_| s.press(key('n'))).collect();
    s.press(key('r'));
    let mut typing: Vec<Duration> = "Leaders have an accurate view of the school"
        .chars()
        .map(|c| s.press(key(c)))
        .collect();
    s.press(code(KeyCode::Esc));
    let mut saves = vec![];
    let mut parts: [Vec<Duration>; 4] = Default::default();
    for _ in 0..30 {
        s.press(key('2'));
        for c in "Steady progress".chars() {
            s.press(key(c));
        }
        let before = s.app.meeting_progress().map_or(0, |p| p.0);
        let p = s.press_parts(code(KeyCode::Enter));
        for (v, d) in parts.iter_mut().zip(p) {
            v.push(d);
        }
        saves.push(p.iter().sum());
        let after = s.app.meeting_progress().map_or(0, |p| p.0);
        assert_eq!(after, before + 1, "not saved: {:?}", s.app.status);
    }
    println!(
        "  board move (j): p50 {:.2} ms, p99 {:.2} ms (target: independent of size)",
        pct(&mut board, 0.5),
        pct(&mut board, 0.99)
    );
    println!(
        "  meeting start (Enter on the planned meeting, until its first frame): {:.1} ms (target <= 100 ms)",
        start.as_secs_f64() * 1000.0
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "    of which: update {:.1}, effects (store, app told) {:.1}, idle turn {:.1}, frame {:.1} ms",
        ms(start_parts[0]),
        ms(start_parts[1]),
        ms(start_parts[2]),
        ms(start_parts[3])
    );
    println!(
        "  meeting key, next school (n): p50 {:.2} ms, p99 {:.2} ms (target p50 <= 1 ms)",
        pct(&mut next, 0.5),
        pct(&mut next, 0.99)
    );
    println!(
        "  meeting key, a character of the rationale: p50 {:.2} ms, p99 {:.2} ms (target p50 <= 1 ms)",
        pct(&mut typing, 0.5),
        pct(&mut typing, 0.99)
    );
    println!(
        "  decision save (Enter, store commit + flush + fdatasync, next school drawn), 30 saves: p50 {:.2} ms, p99 {:.2} ms (target p50 <= 5 ms plus the fsync)",
        pct(&mut saves, 0.5),
        pct(&mut saves, 0.99)
    );
    let [u, r, i, f] = &mut parts;
    println!(
        "    of which, p50: update {:.2}, effects (store commit + fdatasync, app told) {:.2}, idle turn {:.2}, frame {:.2} ms",
        pct(u, 0.5),
        pct(r, 0.5),
        pct(i, 0.5),
        pct(f, 0.5)
    );
    quit_work(&s.store, &s.app, today);
}
