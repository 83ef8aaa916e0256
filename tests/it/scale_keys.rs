//! Per-key work does not grow with the authority (issue 19): the same keys, on the same
//! school, with its frame drawn, look at as many records on a 60-school authority as on a
//! 600-school one (`domain::work` counts the records each lookup or scan looks at). Not a
//! timing: a count, on any machine.
//!
//! The generator makes the first schools identically at any size, so the school shown is the
//! same school with the same records in both.

use crate::app_common::script;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::{App, Effect, Record, Screen};
use sqa_board::domain::board::board_rows;
use sqa_board::domain::work;
use sqa_board::domain::{AgendaItem, AgendaState, Dataset, Meeting, MeetingStatus, Note, Term};
use sqa_board::synth;
use std::collections::HashMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The first school the generator makes (the same at every size).
const FIRST: u32 = 900_000;

/// An app on a generated authority of `n` schools, with a planned meeting of its first ten
/// schools, and the notes the store would give it (by school).
struct Bench {
    app: App,
    notes: HashMap<u32, Vec<Note>>,
    term: Terminal<TestBackend>,
}

impl Bench {
    fn new(n: usize) -> Bench {
        let mut ds: Dataset = synth::authority(synth::Size::schools(n), today(), 42);
        ds.meetings.push(Meeting {
            id: 9_000_000,
            date: today(),
            term: Term::Autumn,
            year: sqa_board::domain::AcademicYear::of(today()),
            title: "SQA meeting".into(),
            attendees: vec!["Priya Shah".into()],
            agenda: ds
                .schools
                .iter()
                .take(10)
                .map(|s| AgendaItem {
                    urn: s.urn,
                    state: AgendaState::Pending,
                    decision: None,
                    reason: None,
                })
                .collect(),
            status: MeetingStatus::Planned,
            minutes: None,
            rev: 1,
        });
        let mut notes: HashMap<u32, Vec<Note>> = HashMap::new();
        for n in std::mem::take(&mut ds.notes) {
            notes.entry(n.urn).or_default().push(n);
        }
        let app = App::new(
            ds,
            sqa_board::session::Session::new(
                "Priya Shah",
                sqa_board::clock::Clock::frozen_on(today()),
            ),
        );
        let term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        Bench { app, notes, term }
    }

    /// Carries out effects as the store would: a save hands back its records one revision on,
    /// notes come from what the store holds.
    fn run(&mut self, effects: Vec<Effect>) {
        for e in effects {
            match e {
                Effect::Save(req) => {
                    let records = req
                        .records
                        .into_iter()
                        .map(|(r, _)| bump(r))
                        .collect::<Vec<_>>();
                    self.app.saved(records, req.done_message);
                }
                Effect::LoadNotes(urn) => {
                    let notes = self.notes.get(&urn).cloned().unwrap_or_default();
                    self.app.set_notes(urn, notes);
                }
                _ => {}
            }
        }
    }

    /// Keys as the runtime takes them: each key's effects, the idle turn, one frame.
    fn keys(&mut self, s: &str) {
        for key in script(s) {
            let effects = self.app.handle_key(key);
            self.run(effects);
            let now = self.app.clock.now().timestamp_millis();
            let pending = self.app.idle(now);
            self.run(pending);
            let app = &self.app;
            self.term
                .draw(|f| sqa_board::ui::draw(f, app))
                .expect("draw");
        }
    }

    /// Records looked at by these keys.
    fn count(&mut self, s: &str) -> u64 {
        work::counted(|| self.keys(s)).0
    }

    /// Selects `urn` on the board.
    fn select(&mut self, urn: u32) {
        let b = &mut self.app.board;
        b.selected = b
            .visible
            .iter()
            .position(|&i| b.rows[i].urn == urn)
            .expect("the school is on the board");
    }
}

fn bump(mut r: Record) -> Record {
    let rev = r.rev();
    r.set_rev(rev + 1);
    r
}

/// The same keys at both sizes; returns the two counts.
fn both(setup: impl Fn(&mut Bench), keys: &str) -> (u64, u64) {
    let mut small = Bench::new(60);
    let mut large = Bench::new(600);
    setup(&mut small);
    setup(&mut large);
    (small.count(keys), large.count(keys))
}

fn start_meeting(b: &mut Bench) {
    b.keys("M<Enter>");
    assert_eq!(b.app.current_item().map(|i| i.urn), Some(FIRST));
}

#[test]
fn meeting_start_looks_at_the_schools_shown_only() {
    let (small, large) = both(|b| b.keys("M"), "<Enter>");
    assert_eq!(
        small, large,
        "meeting start: {small} records at 60 schools, {large} at 600"
    );
}

#[test]
fn meeting_keys_look_at_the_school_shown_only() {
    for keys in ["n", "p", "j<Space>", "r", "rLeaders", "<PgDn>", "u", "!"] {
        let (small, large) = both(start_meeting, keys);
        assert_eq!(
            small, large,
            "{keys:?}: {small} records at 60 schools, {large} at 600"
        );
    }
}

#[test]
fn a_decision_save_looks_at_the_school_saved_only() {
    let (small, large) = both(start_meeting, "2Steady progress<Enter>");
    assert_eq!(
        small, large,
        "save: {small} records at 60 schools, {large} at 600"
    );
    // And the board after it is the board rebuilt from every record.
    let mut b = Bench::new(600);
    start_meeting(&mut b);
    b.keys("2Steady progress<Enter>=Same again<Enter>1Raised<Enter>");
    let input = sqa_board::domain::board::BoardInput::of(&b.app.data);
    assert_eq!(b.app.board.rows, board_rows(&input, today()));
    let shown = b.app.board.visible.clone();
    b.app.board.refresh(&b.app.data, None);
    assert_eq!(
        b.app.board.visible, shown,
        "the incremental order is the full sort's"
    );
}

#[test]
fn board_and_school_screen_keys_look_at_one_school_only() {
    let (small, large) = both(|_| {}, "jjk");
    assert_eq!(
        small, large,
        "board moves: {small} records at 60 schools, {large} at 600"
    );
    let open = |b: &mut Bench| b.select(FIRST);
    let (small, large) = both(open, "<Enter>");
    assert_eq!(
        small, large,
        "school opened: {small} at 60 schools, {large} at 600"
    );
    let on_school = |b: &mut Bench| {
        b.select(FIRST);
        b.keys("<Enter>");
        assert_eq!(b.app.screen(), Screen::School);
    };
    for keys in ["<Tab>", "<Tab><Tab>", "<Tab><Tab><Tab><Tab>", "j", "<Esc>"] {
        let (small, large) = both(on_school, keys);
        assert_eq!(
            small, large,
            "{keys:?}: {small} records at 60 schools, {large} at 600"
        );
    }
}

/// On the first school's screen, with `then` typed.
fn on_school_then(then: &'static str) -> impl Fn(&mut Bench) {
    move |b: &mut Bench| {
        b.select(FIRST);
        b.keys("<Enter>");
        assert_eq!(b.app.screen(), Screen::School);
        b.keys(then);
    }
}

/// The school's timeline, its review and activity forms, typing and saving them, and a note
/// of visit typed: the records looked at are the school's, whatever the authority's size.
#[test]
fn timeline_forms_and_note_keys_look_at_one_school_only() {
    let cases: [(&'static str, &str); 9] = [
        ("", "t"),
        ("t", "jjk]["),
        ("t", "c"),
        ("tc", "u"),
        ("", "r"),
        ("r", "<Tab>Governors challenge leaders"),
        ("r<Tab>Governors challenge leaders", "<C-s>"),
        ("ta", "<Right><Tab>Deep dive on reading"),
        ("ta<Right><Tab>Deep dive on reading", "<C-s>"),
    ];
    for (setup, keys) in cases {
        let (small, large) = both(on_school_then(setup), keys);
        assert_eq!(
            small, large,
            "{setup:?} then {keys:?}: {small} records at 60 schools, {large} at 600"
        );
    }
    // The two saves above did save (the form closed on the saved records).
    for (setup, form) in [
        ("r<Tab>Governors challenge leaders", Screen::CheckpointForm),
        ("ta<Right><Tab>Deep dive on reading", Screen::ActivityForm),
    ] {
        let mut b = Bench::new(60);
        on_school_then(setup)(&mut b);
        assert_eq!(b.app.screen(), form);
        b.keys("<C-s>");
        assert_ne!(b.app.screen(), form, "{:?}", b.app.status);
    }
    // A note of visit: its section, a new note, typing.
    let to_notes = |b: &mut Bench| {
        on_school_then("")(b);
        for _ in 0..10 {
            if b.app.context() == sqa_board::keymap::Context::SchoolNotes {
                break;
            }
            b.keys("<Tab>");
        }
        assert_eq!(b.app.context(), sqa_board::keymap::Context::SchoolNotes);
    };
    for keys in ["n", "nReading"] {
        let (small, large) = both(to_notes, keys);
        assert_eq!(
            small, large,
            "notes then {keys:?}: {small} records at 60 schools, {large} at 600"
        );
    }
}
