//! The note of visit form as state: keys in, field text, validation and effects out; saves
//! carried out by the real effect runner against a temporary store.

use crate::app_common;

use app_common::{Live, app, d, dataset, keys, notes, today};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sqa_board::app::note::{Popup, RowPart, Slot, TextField};
use sqa_board::app::{App, Effect, Record, Screen};
use sqa_board::domain::{ActionSource, Area, NoteStatus};
use sqa_board::keymap::Context;
use sqa_board::store::Draft;

/// Carries out effects as the runtime does (the real runner, a temporary store); the records
/// saved, as stored.
fn run_save(app: &mut Live, effects: Vec<Effect>) -> Vec<Record> {
    app.run(effects)
}

pub(crate) fn form(app: &App) -> &sqa_board::app::NoteForm {
    app.note.form.as_ref().expect("note form open")
}

/// Opens a new note for the first school on the board, over a real store.
pub(crate) fn new_note() -> Live {
    let mut app = Live::new(&dataset(), "tester", today());
    keys(&mut app, "n");
    assert_eq!(app.screen(), Screen::Note);
    app
}

pub(crate) fn tab_to(app: &mut App, slot: Slot) {
    for _ in 0..40 {
        if form(app).slot == slot {
            return;
        }
        keys(app, "<Tab>");
    }
    panic!("never reached {slot:?}");
}

#[test]
fn n_on_board_opens_a_form_dated_today() {
    let app = new_note();
    let f = form(&app);
    assert_eq!(f.text(TextField::Date), "23/11/2026");
    assert_eq!(f.slot, Slot::Text(TextField::Date));
    assert_eq!(app.context(), Context::NoteForm);
    assert_eq!(f.visit_type(), "Support visit");
}

#[test]
fn typing_and_tab_order() {
    let mut app = new_note();
    keys(
        &mut app,
        "<Tab>Jo Marsh<Tab> <Tab>Check reading<Tab>Head, SENCo<Tab>14",
    );
    let f = form(&app);
    assert_eq!(f.text(TextField::Visitors), "Jo Marsh");
    assert_eq!(f.visit_type(), "Monitoring visit");
    assert_eq!(f.text(TextField::Purpose), "Check reading");
    assert_eq!(f.text(TextField::PeopleMet), "Head, SENCo");
    assert_eq!(f.focus, vec![Area::QualityOfEducation, Area::Behaviour]);
    let order = f.order();
    assert_eq!(
        order,
        vec![
            Slot::Text(TextField::Date),
            Slot::Text(TextField::Visitors),
            Slot::VisitType,
            Slot::Text(TextField::Purpose),
            Slot::Text(TextField::PeopleMet),
            Slot::Focus,
            Slot::Text(TextField::Evidence),
            Slot::Text(TextField::Strengths),
            Slot::Text(TextField::Development),
            Slot::NoRows,
            Slot::Text(TextField::NextSteps),
            Slot::Text(TextField::NextVisit),
            Slot::Text(TextField::Text),
        ]
    );
    keys(&mut app, "<BackTab><BackTab>");
    assert_eq!(form(&app).slot, Slot::Text(TextField::Purpose));
    // Multi-line fields take Enter as a new line; one-line fields move on.
    tab_to(&mut app, Slot::Text(TextField::Evidence));
    keys(&mut app, "Books<Enter>Work — 学校 🏫");
    assert_eq!(
        form(&app).text(TextField::Evidence),
        "Books\nWork — 学校 🏫"
    );
    assert_eq!(form(&app).slot, Slot::Text(TextField::Evidence));
}

#[test]
fn visitors_complete_from_known_officers() {
    let mut app = new_note();
    keys(&mut app, "<Tab>");
    let officer = form(&app)
        .officers
        .first()
        .cloned()
        .expect("officers known");
    let prefix: String = officer.chars().take(2).collect();
    keys(&mut app, &prefix);
    assert_eq!(form(&app).suggestion(), Some(officer.as_str()));
    keys(&mut app, "<Right>");
    assert_eq!(form(&app).text(TextField::Visitors), officer);
}

#[test]
fn bad_date_gets_an_inline_message_and_nothing_is_saved() {
    let mut app = new_note();
    keys(
        &mut app,
        "<Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs>32/13/2026<Tab>",
    );
    let (slot, msg) = form(&app)
        .error
        .clone()
        .expect("message on leaving the field");
    assert_eq!(slot, Slot::Text(TextField::Date));
    assert!(msg.starts_with("Date:"), "{msg}");
    assert!(msg.contains("dd/mm/yyyy"), "{msg}");
    let effects = keys(&mut app, "<C-s>");
    assert!(effects.is_empty(), "saved an invalid note: {effects:?}");
    assert_eq!(form(&app).slot, Slot::Text(TextField::Date));
    // Fixed: the message goes and the note saves.
    keys(
        &mut app,
        "<Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs>yesterday",
    );
    let effects = keys(&mut app, "<C-s>");
    assert!(form(&app).error.is_none());
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    let Record::Note(n) = &req.records[0].0 else {
        panic!("not a note")
    };
    assert_eq!(n.body.date, Some(d(2026, 11, 22)));
}

#[test]
fn action_rows_are_added_and_removed_by_keyboard() {
    let mut app = new_note();
    tab_to(&mut app, Slot::NoRows);
    keys(&mut app, "<Enter>Phonics plan<Tab>Head<Tab>4/12");
    keys(&mut app, "<C-n>Governor visit<Tab>Chair<Tab>bad");
    assert_eq!(form(&app).rows.len(), 2);
    assert_eq!(form(&app).slot, Slot::Row(1, RowPart::Due));
    // A bad due date names the row.
    assert!(keys(&mut app, "<C-s>").is_empty());
    let (_, msg) = form(&app).error.clone().unwrap();
    assert!(msg.starts_with("Action 2 due date:"), "{msg}");
    keys(&mut app, "<C-d>");
    assert_eq!(form(&app).rows.len(), 1);
    assert_eq!(form(&app).slot, Slot::Row(0, RowPart::Text));
    keys(&mut app, "<C-d>");
    assert!(form(&app).rows.is_empty());
    assert_eq!(form(&app).slot, Slot::NoRows);
}

#[test]
fn ctrl_s_saves_the_note_and_one_action_per_row() {
    let mut app = new_note();
    let urn = form(&app).urn;
    let open_before = app.data.actions.iter().filter(|a| a.is_open()).count();
    tab_to(&mut app, Slot::Text(TextField::Purpose));
    keys(&mut app, "Reading review");
    tab_to(&mut app, Slot::NoRows);
    keys(&mut app, "<Enter>Phonics plan<Tab>Head<Tab>4/12/2026");
    keys(&mut app, "<C-n>Share data<Tab>Jo<Tab>");
    let effects = keys(&mut app, "<C-s>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    assert_eq!(req.done_message, "Note saved");
    // The note, its two actions, and the visit it records.
    assert_eq!(req.records.len(), 4);
    let Record::Note(n) = req.records[0].0.clone() else {
        panic!("first record is not the note")
    };
    assert_eq!(n.urn, urn);
    assert_eq!(n.status, NoteStatus::Draft);
    assert_eq!(n.author, "tester");
    assert_eq!(n.body.purpose, "Reading review");
    assert_eq!(n.body.actions.len(), 2);
    let Record::Action(a) = &req.records[1].0 else {
        panic!("second record is not an action")
    };
    assert_eq!(a.source, ActionSource::Note(n.id));
    assert_eq!(a.text, "Phonics plan");
    assert_eq!(a.owner, "Head");
    assert_eq!(a.due, Some(d(2026, 12, 4)));
    assert_eq!(n.body.actions[0].action, Some(a.id));
    let effects = effects.clone();

    let saved = run_save(&mut app, effects);
    assert_eq!(app.status.as_deref(), Some("Note saved"));
    let f = form(&app);
    assert_eq!(f.base.as_ref().map(|n| n.rev), Some(1));
    assert!(!f.changed);
    assert!(f.rows.iter().all(|r| r.action.is_some()));
    // The actions are in the data the board and school screen draw from.
    assert_eq!(
        app.data.actions.iter().filter(|a| a.is_open()).count(),
        open_before + 2
    );
    assert!(
        app.notes[&urn]
            .iter()
            .any(|x| Record::Note(x.clone()) == saved[0])
    );
    // The draft of a saved note goes.
    let later = app.idle(10_000);
    assert!(later.contains(&Effect::DeleteDraft(Draft::key_of(urn, None, "tester"))));
    // Saving again keeps the ids and the new rev; unchanged actions are not saved again.
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "!");
    let effects = keys(&mut app, "<C-s>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no second save")
    };
    assert_eq!(req.records.len(), 1);
    let Record::Note(n2) = &req.records[0].0 else {
        panic!()
    };
    assert_eq!((n2.id, n2.rev), (n.id, 1));
}

#[test]
fn esc_with_changes_asks_and_bare_esc_keeps_editing() {
    let mut app = new_note();
    // No changes: Esc closes.
    keys(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Board);
    keys(&mut app, "n<Tab>Jo");
    keys(&mut app, "<Esc>");
    assert!(matches!(form(&app).popup, Some(Popup::Unsaved)));
    assert_eq!(app.context(), Context::NoteUnsaved);
    keys(&mut app, "<Esc>");
    assert!(form(&app).popup.is_none());
    assert_eq!(form(&app).text(TextField::Visitors), "Jo");
    keys(&mut app, "<Esc>");
    let effects = keys(&mut app, "<C-q>");
    assert_eq!(app.screen(), Screen::Board);
    assert!(app.note.form.is_none());
    // Moved to its discarded key in one commit: nothing is ever only deleted.
    let [Effect::MoveDraft { from, draft: bin }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(bin.key.starts_with("discarded/"), "{}", bin.key);
    assert!(bin.key.ends_with(from.as_str()), "{} from {from}", bin.key);
    assert_eq!(bin.body.visitors, ["Jo"]);
}

#[test]
fn esc_then_s_saves_and_closes() {
    let mut app = new_note();
    keys(&mut app, "<Tab>Jo<Esc>");
    let effects = keys(&mut app, "<C-s>");
    assert!(matches!(effects.as_slice(), [Effect::Save(_)]));
    run_save(&mut app, effects);
    assert_eq!(app.screen(), Screen::Board);
    assert_eq!(app.status.as_deref(), Some("Note saved"));
}

#[test]
fn paste_is_cleaned_and_is_one_edit() {
    let mut app = new_note();
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "Start ");
    app.paste("red\u{1b}[31m text\tand\r\nline two\u{7}\u{1b}]0;title\u{7} — 学校 🏫");
    assert_eq!(
        form(&app).text(TextField::Text),
        "Start red text    and\nline two — 学校 🏫"
    );
    keys(&mut app, "<C-z>");
    assert_eq!(form(&app).text(TextField::Text), "Start ");
    keys(&mut app, "<C-y>");
    assert!(form(&app).text(TextField::Text).ends_with("🏫"));
    // A large paste lands whole.
    let big = "All work and no play. ".repeat(2400);
    app.paste(&big);
    assert!(form(&app).text(TextField::Text).len() > 50_000);
    // In a one-line field, line breaks become spaces.
    tab_to(&mut app, Slot::Text(TextField::Purpose));
    app.paste("one\ntwo");
    assert_eq!(form(&app).text(TextField::Purpose), "one two");
}

#[test]
fn cut_and_paste_within_the_app() {
    let mut app = new_note();
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "hello");
    let shift_left = KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT);
    for _ in 0..5 {
        app.handle_key(shift_left);
    }
    keys(&mut app, "<C-x>");
    assert_eq!(form(&app).text(TextField::Text), "");
    keys(&mut app, "<C-v><C-v>");
    assert_eq!(form(&app).text(TextField::Text), "hellohello");
}

#[test]
fn finalise_then_amend_makes_an_amendment() {
    let mut app = new_note();
    keys(&mut app, "<Tab>Jo Marsh<Tab><Tab>Reading review");
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "First version");
    assert!(keys(&mut app, "<C-f>").is_empty());
    assert_eq!(app.context(), Context::NoteConfirm);
    let effects = keys(&mut app, "<C-t>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no save")
    };
    assert_eq!(req.done_message, "Note finalised");
    run_save(&mut app, effects);
    // Finalised: the form gives way to the note's read-only view.
    assert!(app.note.form.is_none());
    assert_eq!(app.screen(), Screen::NoteView);
    assert_eq!(app.context(), Context::NoteView);
    // Typing does nothing to a finalised note.
    keys(&mut app, "zzz");
    assert_eq!(app.note_viewed().unwrap().body.text, "First version");
    keys(&mut app, "a");
    assert_eq!(app.context(), Context::NoteReason);
    keys(&mut app, "<Enter>");
    assert_eq!(app.context(), Context::NoteReason, "a reason is required");
    keys(&mut app, "Typo in evidence<Enter>");
    assert_eq!(app.context(), Context::NoteForm);
    keys(&mut app, " corrected");
    let effects = keys(&mut app, "<C-s>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no amendment saved")
    };
    assert_eq!(req.done_message, "Note amended (version 2)");
    assert_eq!(req.records[0].1, "amended: Typo in evidence");
    let Record::Note(n) = &req.records[0].0 else {
        panic!()
    };
    assert_eq!(n.status, NoteStatus::Final);
    assert_eq!(n.body.text, "First version corrected");
    assert_eq!(n.amendments.len(), 1);
    let a = &n.amendments[0];
    assert_eq!(
        (a.version, a.reason.as_str(), a.author.as_str()),
        (2, "Typo in evidence", "tester")
    );
    assert_eq!(a.previous.text, "First version");
    run_save(&mut app, effects);
    // Back on the view, below the form, showing the new version.
    assert!(app.note.form.is_none());
    assert_eq!(app.context(), Context::NoteView);
    let n = app.note_viewed().unwrap();
    assert_eq!(
        (n.version(), n.body.text.as_str()),
        (2, "First version corrected")
    );
    assert_eq!(app.note.view.as_ref().unwrap().version, None);
}

#[test]
fn draft_is_written_after_a_pause_and_on_exit() {
    let mut app = new_note();
    let urn = form(&app).urn;
    assert!(app.unsaved_draft(1).is_none(), "nothing typed, no draft");
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "Half a sent");
    assert!(app.idle(1_000).is_empty());
    assert_eq!(
        app.wake_at_ms(),
        Some(3_000),
        "a keep is due 2 s after the pause"
    );
    assert!(app.idle(2_999).is_empty(), "typing paused only 1.999 s");
    let effects = app.idle(3_000);
    let [Effect::SaveDraft(draft)] = effects.as_slice() else {
        panic!("no draft: {effects:?}")
    };
    assert_eq!(draft.key, Draft::key_of(urn, None, "tester"));
    assert_eq!(draft.author, "tester");
    assert_eq!(draft.body.text, "Half a sent");
    assert!(app.idle(9_000).is_empty(), "written once per pause");
    keys(&mut app, "ence");
    let d = app.unsaved_draft(10_000).expect("draft on exit");
    assert_eq!(d.body.text, "Half a sentence");
}

#[test]
fn draft_is_offered_back_when_the_note_is_opened() {
    let mut app = app();
    let urn = app.board.selected_urn().unwrap();
    let draft = Draft {
        key: Draft::key_for(urn, None),
        urn,
        note: None,
        amend_reason: None,
        author: "tester".into(),
        at: chrono::DateTime::from_timestamp_millis(1_795_442_520_000).unwrap(),
        body: sqa_board::domain::NoteBody {
            text: "Every word kept".into(),
            ..Default::default()
        },
    };
    app.set_drafts(vec![draft]);
    assert!(app.status.as_deref().unwrap_or("").contains("draft"));
    keys(&mut app, "n");
    assert_eq!(app.context(), Context::NoteRestore);
    keys(&mut app, "r");
    assert_eq!(app.context(), Context::NoteForm);
    assert_eq!(form(&app).text(TextField::Text), "Every word kept");
    assert!(form(&app).changed);
}

#[test]
fn school_notes_section_selects_and_opens_notes() {
    let mut app = app();
    keys(&mut app, "<Enter>");
    let urn = app.school.as_ref().unwrap().urn;
    app.set_notes(urn, notes(urn));
    // Details → History → Activities → Notes.
    keys(&mut app, "<Tab><Tab><Tab>");
    assert_eq!(app.context(), Context::SchoolNotes);
    // Newest first: the draft of 18/11, then the final note of 15/09.
    keys(&mut app, "<Enter>");
    assert_eq!(form(&app).base.as_ref().map(|n| n.id), Some(2));
    assert_eq!(app.context(), Context::NoteForm);
    keys(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::School);
    // A finalised note opens in its read-only view, not the form.
    keys(&mut app, "<Down><Enter>");
    assert!(app.note.form.is_none());
    assert_eq!(app.note_viewed().map(|n| n.id), Some(1));
    assert_eq!(app.context(), Context::NoteView);
    keys(&mut app, "<Esc>");
    assert_eq!(app.context(), Context::SchoolNotes);
    keys(&mut app, "n");
    assert_eq!(app.context(), Context::NoteForm);
    assert!(form(&app).base.is_none());
}

#[test]
fn external_edit_replaces_the_free_text() {
    let mut app = new_note();
    tab_to(&mut app, Slot::Text(TextField::Purpose));
    keys(&mut app, "x");
    let effects = keys(&mut app, "<C-e>");
    assert_eq!(effects, vec![Effect::EditExternally(String::new())]);
    app.external_edit_done("From vi\n\u{1b}[2Jsecond line\n");
    assert_eq!(form(&app).text(TextField::Text), "From vi\nsecond line");
    assert_eq!(form(&app).slot, Slot::Text(TextField::Text));
}

#[test]
fn a_failed_save_keeps_the_text_and_the_form_open() {
    let mut app = new_note();
    keys(&mut app, "<Tab>Jo<Esc>");
    let effects = keys(&mut app, "<C-s>");
    assert!(matches!(effects.as_slice(), [Effect::Save(_)]));
    app.save_failed(sqa_board::app::SaveFailure::Conflict {
        kind: "note".into(),
        id: 1,
        message: "changed meanwhile. Your text is kept".into(),
        theirs: None,
    });
    assert_eq!(app.screen(), Screen::Note);
    assert_eq!(form(&app).text(TextField::Visitors), "Jo");
    assert!(form(&app).changed);
    assert!(app.status.as_deref().unwrap_or("").starts_with("Not saved"));
}

#[test]
fn visit_types_and_officers_come_from_the_configuration() {
    let mut app = app();
    app.visit_types = vec!["Link visit".into(), "Safeguarding audit".into()];
    app.officers = vec!["Zara Quinn".into()];
    keys(&mut app, "n");
    assert_eq!(form(&app).visit_type(), "Link visit");
    keys(&mut app, "<Tab><Tab> ");
    assert_eq!(form(&app).visit_type(), "Safeguarding audit");
    assert!(form(&app).officers.contains(&"Zara Quinn".to_string()));
}
