//! The session core driven directly: bytes in, frames out (read back through a vt100 screen),
//! over a real temporary store, with no terminal anywhere.

use crate::app_common::{Live, dataset, today};
use ratatui::layout::Size;
use sqa_board::app::note::{Slot, TextField};
use sqa_board::runner::{End, Runner, Step};
use std::time::{Duration, Instant};

const SIZE: Size = Size {
    width: 80,
    height: 24,
};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("not zero")
}

/// A session over the test data, and the screen its frames are drawn on.
struct Session {
    store: &'static sqa_board::store::Store,
    runner: Runner<'static>,
    screen: vt100::Parser,
}

impl Session {
    fn new() -> Session {
        let Live { store, app, .. } = Live::new(&dataset(), "tester", today());
        // The store outlives the session for the test's length; leaking it keeps the runner's
        // borrow simple.
        let store: &'static _ = Box::leak(Box::new(store));
        let runner = Runner::new(store, app, SIZE, 0x7f).expect("a session");
        let mut s = Session {
            store,
            runner,
            screen: vt100::Parser::new(nz(SIZE.height), nz(SIZE.width), 0),
        };
        s.draw();
        s
    }

    /// Ships the next frame to the screen; returns its bytes.
    fn draw(&mut self) -> Vec<u8> {
        let bytes = self.runner.frame().expect("a frame");
        self.screen.process(&bytes);
        bytes
    }

    fn send(&mut self, bytes: &[u8]) -> Step {
        let step = self.runner.input(bytes, Instant::now());
        self.draw();
        step
    }

    /// A new note for the first school, its free text focused.
    fn open_free_text(&mut self) {
        self.send(b"n");
        for _ in 0..40 {
            let slot = self.runner.app().note.form.as_ref().map(|f| f.slot);
            if slot == Some(Slot::Text(TextField::Text)) {
                return;
            }
            self.send(b"\t");
        }
        panic!("never reached the free text");
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }
}

#[test]
fn the_first_frame_is_the_board_and_an_idle_session_has_nothing_to_do() {
    let mut s = Session::new();
    assert!(s.text().contains("? help"), "{}", s.text());
    // Nothing changed: no bytes, and nothing is due (the transport sleeps until input).
    assert!(s.draw().is_empty());
    assert_eq!(s.runner.deadline(Instant::now()), None);
}

#[test]
fn a_keystrokes_echo_is_a_few_bytes_and_not_wrapped() {
    let mut s = Session::new();
    s.open_free_text();
    s.send(b"Visit");
    s.runner.input(b"e", Instant::now());
    let small = s.runner.frame().expect("a frame");
    assert!(!small.is_empty() && small.len() < 32, "{small:?}");
    assert!(!small.starts_with(b"\x1b[?2026h"), "{small:?}");
}

#[test]
fn a_full_redraw_is_wrapped_in_synchronized_output() {
    let mut s = Session::new();
    s.runner.resize(Size {
        width: 100,
        height: 30,
    });
    let bytes = s.runner.frame().expect("a frame");
    assert!(bytes.starts_with(b"\x1b[?2026h"), "{:?}", &bytes[..20]);
    assert!(bytes.ends_with(b"\x1b[?2026l"));
}

#[test]
fn a_resize_redraws_at_the_sessions_new_size() {
    let mut s = Session::new();
    s.runner.resize(Size {
        width: 120,
        height: 30,
    });
    s.screen.set_size(nz(30), nz(120));
    s.draw();
    let header = s.text().lines().next().unwrap_or_default().to_string();
    assert!(
        header.trim_end().chars().count() > 80,
        "the header is not drawn across 120 columns: {header:?}"
    );
}

#[test]
fn esc_and_a_key_in_one_read_are_two_keys() {
    let mut s = Session::new();
    s.send(b"/");
    s.send(b"zz");
    // A slow link delivers the Esc that leaves the search and the `?` after it together.
    s.send(b"\x1b?");
    assert!(
        s.text().contains("Help"),
        "Esc+? was not read as Esc then ?: {}",
        s.text()
    );
}

#[test]
fn typing_in_a_note_asks_for_a_timer_and_a_hangup_keeps_the_draft() {
    let mut s = Session::new();
    s.open_free_text();
    s.send(b"Words typed before the line dropped");
    let now = Instant::now();
    let due = s.runner.deadline(now).expect("a draft falls due");
    assert!(due <= now + Duration::from_secs(3), "{:?}", due - now);
    // The link drops halfway through an arrow key's escape sequence.
    s.runner.input(b"\x1b[", Instant::now());
    assert_eq!(s.runner.hangup(), Step::Ended(End::Hangup));
    s.runner.finish().expect("finish");
    let drafts = s.store.drafts().expect("drafts");
    assert!(
        drafts
            .iter()
            .any(|d| d.body.text.contains("before the line dropped")),
        "{drafts:?}"
    );
}

#[test]
fn a_64_kb_burst_without_bracketed_paste_lands_whole_in_reads_of_any_size() {
    let mut burst = String::new();
    let mut i = 0;
    while burst.len() < 64 * 1024 {
        // Lines as a document pasted without bracketed paste has them (Enter is \r).
        let end = if i % 12 == 11 { "\r" } else { " " };
        burst.push_str(&format!("w{i}{end}"));
        i += 1;
    }
    burst.push_str("LASTWORDS");
    for read in [4095, 1000] {
        let mut s = Session::new();
        s.open_free_text();
        for chunk in burst.as_bytes().chunks(read) {
            s.runner.input(chunk, Instant::now());
        }
        s.draw();
        let form = s.runner.app().note.form.as_ref().expect("the form");
        let got = form.text(TextField::Text);
        assert!(
            got == burst.replace('\r', "\n"),
            "reads of {read}: not whole, {} of {} bytes",
            got.len(),
            burst.len()
        );
        assert!(s.text().contains("LASTWORDS"), "{}", s.text());
    }
}

/// Two clerks at one meeting, each in their own session over one store (as `sqa serve` runs
/// them): each decides a different school at the same moment, and neither save is refused as
/// a conflict (the meeting's agenda is merged per school).
#[test]
fn two_sessions_decide_different_schools_of_one_meeting() {
    use sqa_board::domain::AgendaState;
    let a = crate::meeting_keys::planned_and_started(3);
    let Live { store, app, .. } = a;
    let store: &'static _ = Box::leak(Box::new(store));
    let mut a = Runner::new(store, app, SIZE, 0x7f).expect("session a");
    let b_app = Live::join(store, "clerk two", today()).app;
    let mut b = Runner::new(store, b_app, SIZE, 0x7f).expect("session b");
    b.frame().expect("b's first frame");
    // B opens the running meeting and goes to the next school still to decide after the
    // first (moving changes nothing stored).
    b.input(b"M", Instant::now());
    b.input(b"\r", Instant::now());
    b.input(b"u", Instant::now());
    // A decides the first school.
    a.input(b"=Still best fit\r", Instant::now());
    assert!(
        !a.app()
            .status
            .as_deref()
            .unwrap_or("")
            .contains("Not saved"),
        "{:?}",
        a.app().status
    );
    // B decides its school at the same moment, before it has heard of A's save: its copy of
    // the meeting is stale, and the store refuses it; the two changes are to different
    // schools, so they are merged and B's save lands too.
    b.input(b"=Fine as it is\r", Instant::now());
    let status = b.app().status.clone().unwrap_or_default();

    assert!(!status.contains("Not saved"), "{status}");
    let data = store.load_overview().expect("loads");
    let m = data
        .meetings
        .iter()
        .find(|m| m.status == sqa_board::domain::MeetingStatus::Open)
        .expect("the meeting");
    let decided = m
        .agenda
        .iter()
        .filter(|i| i.state == AgendaState::Decided)
        .count();
    assert_eq!(decided, 2, "{:?}", m.agenda);
}

/// Two officers on one note: when the other saves it while this session has unsaved changes to
/// it, this session says so at once (who, when), before any save of its own is refused.
#[test]
fn a_note_changed_by_another_officer_meanwhile_is_said_at_once() {
    use sqa_board::app::{Effect, Record, SaveRequest};
    let mut s = Session::new();
    s.open_free_text();
    s.send(b"First words");
    s.send(b"\x13");
    assert!(
        s.runner
            .app()
            .status
            .as_deref()
            .unwrap_or("")
            .contains("saved"),
        "{:?}",
        s.runner.app().status
    );
    s.send(b" and more, unsaved");
    // Another officer saves the same note, from their own session over the store.
    let mut other = Live::join(s.store, "clerk two", today());
    let mut note = other
        .store
        .export_dataset()
        .expect("reads")
        .notes
        .into_iter()
        .next()
        .expect("the saved note");
    note.body.text.push_str(" (theirs)");
    let saved = other.run(vec![Effect::Save(SaveRequest {
        records: vec![(Record::Note(note), "edited".into())],
        done_message: "Saved".into(),
    })]);
    assert_eq!(saved.len(), 1, "their save lands");
    s.runner.store_changed();
    let status = s.runner.app().status.clone().unwrap_or_default();
    assert!(status.contains("just changed by clerk two"), "{status}");
    // What this officer typed is still in the form.
    let form = s.runner.app().note.form.as_ref().expect("the form");
    assert!(form.text(TextField::Text).contains("and more, unsaved"));
}

/// A one-line field (an activity's title) costs the terminal a few bytes a typed character,
/// and its editing keys (word delete, undo) no full redraw: the app draws the field itself.
#[test]
fn typing_and_undo_in_a_one_line_field_cost_a_few_bytes() {
    let mut s = Session::new();
    s.send(b"ta\t");
    assert_eq!(
        s.runner.app().screen(),
        sqa_board::app::Screen::ActivityForm
    );
    let typed = "Deep dive into reading";
    let mut total = 0;
    for c in typed.chars() {
        s.runner.input(c.to_string().as_bytes(), Instant::now());
        total += s.draw().len();
    }
    let per_char = total as f64 / typed.len() as f64;
    eprintln!("{per_char:.2} bytes per typed character in an activity title");
    // Ctrl-W, then Ctrl-Z: each redraws the field's line, not the screen.
    for key in [b"\x17", b"\x1a"] {
        s.runner.input(key, Instant::now());
        let n = s.draw().len();
        eprintln!("{n} bytes for {key:?}");
        assert!(n < 200, "{n} bytes");
    }
    assert_eq!(
        s.runner
            .app()
            .tl
            .activity
            .as_ref()
            .map(|f| f.title.as_str()),
        Some(typed)
    );
    // The terminal's cursor is the field's caret: a character costs its echo (20 B when the
    // field drew its caret as a glyph; every field is measured in `wire_bytes`).
    assert!(per_char <= 1.2, "{per_char:.1} bytes per typed character");
}

/// What a quit keeps as the board's facts comes from the session's own copy of the data (a
/// load of everything takes seconds at 6,000 schools): after the session's saves, that copy
/// gives exactly the facts of the store.
#[test]
fn after_saves_the_sessions_copy_gives_the_boards_facts_of_the_store() {
    use sqa_board::domain::board::{BoardInput, school_facts};
    let Live { store, app, .. } = crate::meeting_keys::planned_and_started(3);
    let store: &'static _ = Box::leak(Box::new(store));
    let mut a = Runner::new(store, app, SIZE, 0x7f).expect("a session");
    a.frame().expect("first frame");
    a.input(b"=Still best fit\r", Instant::now());
    a.input(b"=Fine as it is\r", Instant::now());
    let (data, revision) = a.loaded().expect("everything loaded");
    assert_eq!(revision, store.revision().expect("revision"));
    let facts = |ds: &sqa_board::domain::Dataset| school_facts(&BoardInput::of(ds), today());
    assert_eq!(facts(&data), facts(&store.load_overview().expect("loads")));
    assert!(store.board_preview(today()).expect("reads").is_none());
    assert!(
        store
            .keep_board_facts(&data, revision, today())
            .expect("kept")
    );
    assert!(store.board_preview(today()).expect("reads").is_some());
    // Kept once: a second quit with nothing saved writes nothing.
    assert!(
        !store
            .keep_board_facts(&data, revision, today())
            .expect("kept")
    );
}

/// A region's authority takes most of a second to load after the board's first frame: the
/// board's keys are answered meanwhile, and a key that needs everything waits for the load
/// (never acts on the first frame's partial data).
#[test]
fn board_keys_are_answered_while_the_rest_loads_and_others_wait_for_it() {
    use sqa_board::runner::{AfterFirstFrame, Loading};
    let Live { store, .. } = Live::new(&dataset(), "tester", today());
    store.refresh_board_cache(today()).expect("cached");
    let preview = store
        .board_preview(today())
        .expect("reads")
        .expect("current");
    let mut first = sqa_board::domain::Dataset::empty(preview.scheme);
    first.schools = preview.schools.into();
    let app = sqa_board::app::App::with_board_facts(
        first,
        &preview.facts,
        sqa_board::session::Session::new("tester", sqa_board::clock::Clock::frozen_on(today())),
    );
    let store: &'static _ = Box::leak(Box::new(store));
    // The load waits for the test to let it go.
    let (gate, held) = std::sync::mpsc::channel::<()>();
    let from = store.clone();
    let load = AfterFirstFrame::Load(Loading {
        load: Box::new(move || {
            let _ = held.recv();
            Ok(from.load_overview_shared()?)
        }),
        then: Box::new(|app, data| {
            app.set_data(data);
            Ok(())
        }),
    });
    let mut r = Runner::new(store, app, SIZE, 0x7f)
        .expect("a session")
        .after_first_frame(load);
    r.frame().expect("first frame");
    assert!(!r.after_frame().expect("load started"));
    assert!(
        r.app().data.decisions.is_empty(),
        "only the first frame's data yet"
    );
    // Moving and searching the board are answered at once, the load still held.
    let selected = r.app().board.selected;
    r.input(b"j", Instant::now());
    assert_eq!(r.app().board.selected, selected + 1);
    r.input(b"/ash", Instant::now());
    assert_eq!(r.app().board.search, "ash");
    r.input(b"\x1b", Instant::now());
    // A lone Esc is told from the start of a sequence by the time after it.
    r.timer(Instant::now() + Duration::from_secs(1));
    assert_eq!(r.app().board.search, "");
    assert!(r.loaded().is_none(), "not loaded yet");
    assert!(r.deadline(Instant::now()).is_some(), "looks for the load");
    // Enter (open the school) needs its records: it waits for the load, then acts on it.
    let opener = std::thread::spawn(move || gate.send(()));
    r.input(b"\r", Instant::now());
    opener.join().expect("joined").expect("sent");
    assert!(r.loaded().is_some());
    assert!(!r.app().data.decisions.is_empty(), "everything loaded");
    assert!(r.app().school.is_some(), "the school opened");
}

/// A lone session's data is its own once loaded: its first save changes it in place, where a
/// copy held by the store too made that save copy everything (0.2–0.45 s at 6,000 schools).
/// Sessions of one server still share one copy until one of them saves.
#[test]
fn a_lone_sessions_data_is_its_own_and_sessions_of_a_server_share_one() {
    let Live { store, .. } = Live::new(&dataset(), "tester", today());
    let session =
        || sqa_board::session::Session::new("tester", sqa_board::clock::Clock::frozen_on(today()));
    let (mut app, after) = sqa_board::cli::board_app(&store, &session()).expect("an app");
    after.run_now(&mut app).expect("loaded");
    assert_eq!(std::sync::Arc::strong_count(&app.data), 1);
    let (mut other, after) = sqa_board::cli::board_app(&store, &session()).expect("an app");
    after.run_now(&mut other).expect("loaded");
    assert!(std::sync::Arc::ptr_eq(&app.data, &other.data), "one copy");
}
