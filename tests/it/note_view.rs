//! A finalised note read in its own view: opened from the school's Notes section, every field
//! in full and scrolling, its versions stepped through with what changed marked, amended by an
//! explicit key, and the school's response recorded and stored with the note. Key scripts on
//! the state over a real store, and the view drawn at 80x24 and 200x60.

use crate::app_common;

use app_common::{Live, d, dataset, keys, today};
use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::{App, Effect, Screen};
use sqa_board::domain::{
    Action, ActionSource, ActionStatus, AgreedAction, Amendment, Area, Note, NoteBody, NoteStatus,
    OfficerNames,
};
use sqa_board::keymap::Context;

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    t
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let b = t.backend().buffer();
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

const LONG: &str = "Leaders have a clear and accurate view of the school's strengths and of \
what still needs to improve. The phonics programme is taught consistently from Reception, and \
pupils who fall behind are quickly given extra sessions with trained staff. Reading records show \
that most pupils read at home at least three times a week; those who do not are heard in school \
every day. The end of this sentence must be on screen: FINAL-WORD.";

/// A note finalised on 4/11 and amended on 10/11, with a long evidence field and one agreed
/// action (done in the tracker); the school's first school on the board.
fn note(urn: u32) -> Note {
    let first = NoteBody {
        date: Some(d(2026, 11, 3)),
        visitors: vec!["jmarsh".into()],
        visit_type: "Support visit".into(),
        purpose: "Review reading across the school".into(),
        people_met: "Head, English lead".into(),
        focus: vec![Area::QualityOfEducation],
        evidence: LONG.into(),
        strengths: "Strong leadership of reading".into(),
        development: "Reading in KS2".into(),
        actions: vec![AgreedAction {
            text: "Publish the reading plan".into(),
            owner: "Head".into(),
            due: Some(d(2026, 12, 1)),
            action: Some(900),
        }],
        next_steps: "Follow up in spring".into(),
        next_visit: Some(d(2027, 1, 20)),
        text: "Free text".into(),
    };
    let mut now = first.clone();
    now.development = "Reading in KS2, and spelling in Year 6".into();
    Note {
        id: 77,
        urn,
        author: "jmarsh".into(),
        created: chrono::Utc.with_ymd_and_hms(2026, 11, 3, 16, 5, 0).unwrap(),
        status: NoteStatus::Final,
        finalised: Some(chrono::Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap()),
        body: now,
        amendments: vec![Amendment {
            version: 2,
            reason: "Added spelling, agreed with the head".into(),
            author: "jmarsh".into(),
            at: chrono::Utc
                .with_ymd_and_hms(2026, 11, 10, 14, 30, 0)
                .unwrap(),
            previous: first,
        }],
        response: None,
        rev: 0,
    }
}

/// The app over a store holding that note, on the school screen's Notes section.
fn on_notes() -> Live {
    let mut data = dataset();
    let urn = data.schools[0].urn;
    data.notes.push(note(urn));
    data.actions.push(Action {
        id: 900,
        urn,
        source: ActionSource::Note(77),
        text: "Publish the reading plan".into(),
        owner: "Head".into(),
        due: Some(d(2026, 12, 1)),
        status: ActionStatus::Done,
        completed: Some(d(2026, 11, 20)),
        rev: 0,
    });
    let mut app = Live::new(&data, "tester", today());
    app.officer_names = OfficerNames::new(vec![("jmarsh".into(), "Jo Marsh".into())]);
    app.set_no_color(true);
    keys(&mut app, "<Enter>");
    let urn = app.school.as_ref().expect("school open").urn;
    let stored: Vec<Note> = app
        .store
        .export_dataset()
        .expect("the store reads")
        .notes
        .into_iter()
        .filter(|n| n.urn == urn)
        .collect();
    assert_eq!(stored.len(), 1, "the note is in the store for school {urn}");
    app.set_notes(urn, stored);
    keys(&mut app, "<Tab><Tab><Tab>");
    assert_eq!(app.context(), Context::SchoolNotes);
    app
}

fn view(app: &App) -> &sqa_board::app::note::NoteView {
    app.note.view.as_ref().expect("note view open")
}

#[test]
fn enter_on_a_finalised_note_opens_its_view_and_it_scrolls() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::NoteView);
    assert_eq!(app.context(), Context::NoteView);
    assert!(app.note.form.is_none(), "not the form");
    let s = screen_text(&render(&app, 80, 24));
    assert!(
        s.contains("Note 77 · Final · version 2 of 2 (current)"),
        "{s}"
    );
    assert!(s.contains("Jo Marsh"), "display name, not the login: {s}");
    // Scrolling: the view found how far it can go when drawn.
    let max = view(&app).max.get();
    assert!(max > 10, "a long note scrolls at 80x24 ({max})");
    keys(&mut app, "<Down><Down>j");
    assert_eq!(view(&app).scroll, 3);
    keys(&mut app, "<Up>");
    assert_eq!(view(&app).scroll, 2);
    keys(&mut app, "<PgDn>");
    assert_eq!(view(&app).scroll, 2 + view(&app).page.get());
    keys(&mut app, "<End>");
    assert_eq!(view(&app).scroll, max);
    let s = screen_text(&render(&app, 80, 24));
    assert!(s.contains("The school's response"), "{s}");
    assert!(s.contains("v2 amended by Jo Marsh"), "{s}");
    keys(&mut app, "<PgUp><Home>");
    assert_eq!(view(&app).scroll, 0);
    // Every word of a long field is on screen somewhere as it scrolls: nothing is cut.
    let mut seen = String::new();
    for _ in 0..=max {
        seen.push_str(&screen_text(&render(&app, 80, 24)));
        keys(&mut app, "<Down>");
    }
    assert!(seen.contains("FINAL-WORD."), "the evidence in full");
    keys(&mut app, "<Esc>");
    assert_eq!(app.context(), Context::SchoolNotes);
    assert!(app.note.view.is_none());
}

#[test]
fn an_earlier_version_is_viewable_with_what_changed() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>");
    let s = screen_text(&render(&app, 200, 60));
    assert!(
        s.contains("Areas for development ● changed in this version"),
        "{s}"
    );
    assert!(s.contains("spelling in Year 6"), "{s}");
    assert!(
        !s.contains("Strengths ● changed"),
        "only what changed is marked"
    );
    keys(&mut app, "<Left>");
    assert_eq!(view(&app).version, Some(1));
    let s = screen_text(&render(&app, 200, 60));
    assert!(s.contains("version 1 of 2 (earlier"), "{s}");
    assert!(
        !s.contains("spelling in Year 6"),
        "version 1 as it was: {s}"
    );
    assert!(s.contains("› v1 written by Jo Marsh"), "{s}");
    keys(&mut app, "[");
    assert_eq!(view(&app).version, Some(1), "no version before the first");
    assert_eq!(app.status.as_deref(), Some("This is the first version"));
    keys(&mut app, "<Right>");
    assert_eq!(view(&app).version, None, "back to the current version");
}

#[test]
fn amending_is_an_explicit_key_from_the_view() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>");
    keys(&mut app, "a");
    assert_eq!(app.context(), Context::NoteReason);
    // Not amending after all: back to the view.
    keys(&mut app, "<Esc>");
    assert_eq!(app.context(), Context::NoteView);
    keys(&mut app, "aSpelling of a name<Enter>");
    assert_eq!(app.context(), Context::NoteForm);
    keys(&mut app, "<Esc>");
    assert_eq!(
        app.context(),
        Context::NoteView,
        "nothing typed: back to the view"
    );
}

#[test]
fn the_schools_response_is_recorded_from_the_view_and_stored() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>r");
    assert_eq!(app.context(), Context::NoteResponse);
    let t = render(&app, 80, 24);
    insta::assert_snapshot!("note_response_80x24", t.backend());
    // A date that does not exist is refused where it was typed; nothing is saved.
    keys(
        &mut app,
        "<Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs>31/02/2026",
    );
    assert!(keys(&mut app, "<C-s>").is_empty());
    let r = view(&app).response.as_ref().expect("form open");
    assert!(r.error.as_deref().unwrap_or("").contains("not a date"));
    keys(
        &mut app,
        "<Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs>20/11/2026<Tab> <Tab>The visit was on Tuesday",
    );
    // Paste lands in the focused field, cleaned.
    app.paste("; pasted\u{1b}[2J");
    let effects = keys(&mut app, "<C-s>");
    assert!(
        matches!(effects.as_slice(), [Effect::Save(_)]),
        "{effects:?}"
    );
    app.run(effects);
    assert_eq!(app.context(), Context::NoteView, "saved: the form closes");
    let n = app.note_viewed().expect("note");
    let resp = n.response.as_ref().expect("response held");
    assert_eq!(resp.received, d(2026, 11, 20));
    assert!(resp.corrections);
    assert_eq!(resp.comment, "The visit was on Tuesday; pasted");
    assert_eq!(resp.recorded_by, "tester");
    // Stored with the note, in one save.
    let stored = app.store.export_dataset().expect("reads");
    let n = stored.notes.iter().find(|n| n.id == 77).expect("stored");
    assert_eq!(
        n.response.as_ref().map(|r| r.received),
        Some(d(2026, 11, 20))
    );
    // Drawn once to find the new end, then scrolled there.
    render(&app, 80, 24);
    keys(&mut app, "<End>");
    let s = screen_text(&render(&app, 80, 24));
    assert!(s.contains("Factual corrections requested"), "{s}");
    assert!(s.contains("The visit was on Tuesday"), "{s}");
}

#[test]
fn the_view_drawn_at_80x24_and_200x60() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>");
    insta::assert_snapshot!("note_view_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("note_view_200x60", render(&app, 200, 60).backend());
    keys(&mut app, "<Left>");
    insta::assert_snapshot!("note_view_v1_200x60", render(&app, 200, 60).backend());
}

#[test]
fn the_help_lists_the_views_keys() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>?");
    assert_eq!(app.help_context(), Context::NoteView);
    let s = screen_text(&render(&app, 200, 60));
    for needle in [
        "Record the school's response",
        "View the earlier version",
        "Amend this finalised note",
        "Page down",
    ] {
        assert!(s.contains(needle), "{needle}: {s}");
    }
    keys(&mut app, "<Esc>");
    let s = screen_text(&render(&app, 200, 60));
    let hints = s.lines().last().unwrap_or("");
    for word in ["scroll", "version", "amend", "response", "close"] {
        assert!(hints.contains(word), "{word} in {hints}");
    }
}

/// Text from the store reaches the terminal cleaned: no escape sequence or control character
/// from a note, an officer's name or an amendment's reason is drawn.
#[test]
fn hostile_text_in_a_note_is_drawn_clean() {
    let mut app = on_notes();
    let urn = app.school.as_ref().expect("school").urn;
    let mut n = note(urn);
    n.author = "evil\u{1b}]0;owned\u{7}".into();
    n.body.evidence = "Before\u{1b}[2J\u{1b}[31mafter\u{8}\u{7}".into();
    n.amendments[0].reason = "why\u{1b}[5m".into();
    n.body.actions[0].owner = "\u{9b}31mHead".into();
    app.set_notes(urn, vec![n]);
    keys(&mut app, "<Enter>");
    for (w, h) in [(80, 24), (200, 60)] {
        render(&app, w, h);
        keys(&mut app, "<End>");
        let s = screen_text(&render(&app, w, h));
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n'),
            "a control character drawn at {w}x{h}: {s:?}"
        );
        keys(&mut app, "<Home>");
        let s = screen_text(&render(&app, w, h));
        assert!(s.contains("Before"), "{s}");
    }
}

/// After a visit, the next one: the view offers the date the entitlement proposes when no visit
/// is planned after it, and `v` plans it (saved, audited); a second `v` plans no second one.
#[test]
fn the_view_offers_the_next_visit_and_v_plans_it() {
    use sqa_board::domain::{ActivityKind, ActivityStatus};
    let mut app = on_notes();
    let urn = app.school.as_ref().expect("school").urn;
    // This school has no visit planned after the note's 3/11 visit in the test data.
    std::sync::Arc::make_mut(&mut app.data)
        .activities
        .retain(|a| {
            !(a.urn == urn && a.kind == ActivityKind::Visit && a.status == ActivityStatus::Planned)
        });
    keys(&mut app, "<Enter>");
    let proposed = sqa_board::domain::schedule::proposed_visit(&app.data, urn, d(2026, 11, 3), 0);
    let proposed = proposed.expect("the school's category has visits, none planned");
    let s = screen_text(&render(&app, 80, 24));
    assert!(s.contains("the entitlement proposes"), "{s}");
    let effects = keys(&mut app, "v");
    let saved = app.run(effects);
    let planned: Vec<_> = saved
        .iter()
        .filter_map(|r| match r {
            sqa_board::app::Record::Activity(a) => Some(a.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(planned.len(), 1, "{saved:?}");
    assert_eq!(planned[0].planned, proposed.planned);
    assert_eq!(planned[0].status, ActivityStatus::Planned);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("Next visit planned")
    );
    assert!(
        keys(&mut app, "v").is_empty(),
        "a second visit is not planned"
    );
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("already planned")
    );
}

/// Esc in the amendment reason does not throw the typed reason away: the next amend of the
/// note offers it again; once used, it is gone.
#[test]
fn a_reason_typed_then_left_with_esc_comes_back() {
    let mut app = on_notes();
    keys(&mut app, "<Enter>aHead's name was misspelt");
    keys(&mut app, "<Esc>");
    assert_eq!(app.context(), Context::NoteView);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("reason you typed is kept")
    );
    keys(&mut app, "a");
    assert_eq!(app.context(), Context::NoteReason);
    keys(&mut app, "<Enter>");
    assert_eq!(
        app.context(),
        Context::NoteForm,
        "the kept reason is the reason"
    );
    let f = app.note.form.as_ref().expect("the form");
    assert_eq!(f.amend_reason.as_deref(), Some("Head's name was misspelt"));
    assert!(app.note.reason_kept.is_none());
}
