//! No single key destroys typed work (issue 13, item 1): the real-life sequences that lost
//! notes, typed as an officer types them, against a real store. Each failed before the fix.

use crate::app_common;

use app_common::{Live, dataset, keys, today};
use sqa_board::app::discarded::Binned;
use sqa_board::app::note::{Popup, RowPart, Slot, TextField};
use sqa_board::app::{App, Effect, Screen};
use sqa_board::keymap::Context;

use crate::notes_form::{form, new_note, tab_to};

/// The screen at 80x24, as text.
fn draw(app: &App) -> String {
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    let buf = t.backend().buffer().clone();
    (0..24u16)
        .map(|y| {
            (0..80u16)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hands the session the drafts in its store, as the runtime does at start-up.
fn reopen(app: &mut Live) {
    let drafts = app.store.drafts().expect("drafts read");
    app.set_drafts(drafts);
}

fn no_discard_or_save(effects: &[Effect]) {
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::DeleteDraft(_) | Effect::Save(_))),
        "{effects:?}"
    );
}

#[test]
fn esc_then_carrying_on_typing_development_keeps_every_word() {
    let mut app = new_note();
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "Next term's ");
    let effects = keys(&mut app, "<Esc>development of phonics");
    no_discard_or_save(&effects);
    assert_eq!(app.screen(), Screen::Note);
    assert_eq!(app.context(), Context::NoteForm);
    assert_eq!(
        form(&app).text(TextField::Text),
        "Next term's development of phonics"
    );
    // Any plain key answers "keep typing": s, d, y, Enter among them.
    let effects = keys(&mut app, "<Esc>s<Esc>d<Esc>y<Esc><Enter>");
    no_discard_or_save(&effects);
    assert_eq!(
        form(&app).text(TextField::Text),
        "Next term's development of phonicssdy\n"
    );
    assert!(app.discarded.is_empty());
}

#[test]
fn ctrl_f_then_y_or_enter_does_not_finalise_a_half_written_note() {
    let mut app = new_note();
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "Half writ");
    // A Windows hand: Ctrl-F to find, then y / Enter / a word.
    let effects = keys(&mut app, "<C-f>y<Enter>");
    no_discard_or_save(&effects);
    assert_eq!(app.context(), Context::NoteForm);
    assert_eq!(form(&app).text(TextField::Text), "Half writy\n");
    let (_, msg) = form(&app).error.clone().expect("what is missing");
    assert!(
        msg.contains("Visitor(s)") && msg.contains("Purpose"),
        "{msg}"
    );
    assert!(!msg.contains("Date"), "{msg}");
    assert_eq!(app.status.as_deref(), Some(msg.as_str()));
    assert_eq!(form(&app).slot, Slot::Text(TextField::Text), "cursor stays");
    // Complete, the note asks; y and Enter are still typing, not a yes.
    tab_to(&mut app, Slot::Text(TextField::Visitors));
    keys(&mut app, "Jo Marsh");
    tab_to(&mut app, Slot::Text(TextField::Purpose));
    keys(&mut app, "Reading");
    tab_to(&mut app, Slot::Text(TextField::Text));
    let effects = keys(&mut app, "<C-f>");
    assert!(effects.is_empty());
    assert_eq!(app.context(), Context::NoteConfirm);
    let effects = keys(&mut app, "y<C-f><Enter><C-f>n");
    no_discard_or_save(&effects);
    assert_eq!(form(&app).text(TextField::Text), "Half writy\ny\nn");
    assert!(form(&app).base.is_none(), "nothing finalised");
    // The deliberate chord finalises.
    keys(&mut app, "<C-f>");
    let effects = keys(&mut app, "<C-t>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    assert_eq!(req.done_message, "Note finalised");
}

#[test]
fn ctrl_d_on_an_action_row_is_undone_by_ctrl_z() {
    let mut app = new_note();
    tab_to(&mut app, Slot::NoRows);
    keys(&mut app, "<Enter>Phonics plan<Tab>Head<Tab>4/12");
    keys(&mut app, "<C-n>Governor visit");
    // A readline hand deletes a character with Ctrl-D: the row goes…
    keys(&mut app, "<C-d>");
    assert_eq!(form(&app).rows.len(), 1);
    assert!(app.status.as_deref().unwrap_or("").contains("Ctrl-Z"));
    keys(&mut app, "<Up><C-d>");
    assert!(form(&app).rows.is_empty());
    // …and comes back, both rows in their places, with every word.
    keys(&mut app, "<C-z><C-z>");
    let f = form(&app);
    assert_eq!(f.rows.len(), 2);
    let text = |i: usize, p: RowPart| sqa_board::app::note::content(f.rows[i].part(p));
    assert_eq!(text(0, RowPart::Text), "Phonics plan");
    assert_eq!(text(0, RowPart::Owner), "Head");
    assert_eq!(text(1, RowPart::Text), "Governor visit");
    // Once something else is typed, Ctrl-Z is the text's undo again.
    keys(&mut app, "<C-d>");
    keys(&mut app, "<Tab>x<C-z>");
    assert_eq!(form(&app).rows.len(), 1);
}

#[test]
fn a_discarded_note_can_be_put_back_from_the_board_a_week_later() {
    let mut app = new_note();
    tab_to(&mut app, Slot::Text(TextField::Text));
    keys(&mut app, "Worth keeping after all");
    // A deliberate discard: Esc, then Ctrl-Q.
    keys(&mut app, "<Esc>");
    assert!(matches!(form(&app).popup, Some(Popup::Unsaved)));
    let effects = keys(&mut app, "<C-q>");
    app.run(effects);
    assert_eq!(app.screen(), Screen::Board);
    // Another session, seven days on.
    let later = today() + chrono::Duration::days(7);
    let mut next = Live::join(&app.store, "tester", later);
    reopen(&mut next);
    assert!(
        next.status.is_none(),
        "a discarded note is not offered as a draft"
    );
    keys(&mut next, "R");
    assert_eq!(next.screen(), Screen::Discarded);
    assert_eq!(next.context(), Context::NoteDiscarded);
    let screen = draw(&next);
    assert!(screen.contains("Recently discarded"), "{screen}");
    assert!(
        screen.contains("note       Ashby"),
        "the kind and the school: {screen}"
    );
    assert!(
        screen.contains("tester: Worth keeping after all"),
        "{screen}"
    );
    assert!(screen.contains("Enter put back"), "{screen}");
    let effects = keys(&mut next, "<Enter>");
    next.run(effects);
    assert_eq!(next.context(), Context::NoteRestore);
    keys(&mut next, "r");
    assert_eq!(form(&next).text(TextField::Text), "Worth keeping after all");
    assert!(next.discarded.is_empty());
    let stored = next.store.drafts().expect("drafts read");
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].key.starts_with("discarded/"),
        "{}",
        stored[0].key
    );
}

#[test]
fn discarded_notes_go_after_fourteen_days_and_r_says_so() {
    let mut app = new_note();
    keys(&mut app, "<Tab>Jo<Esc>");
    let effects = keys(&mut app, "<C-q>");
    app.run(effects);
    let mut week = Live::join(&app.store, "tester", today() + chrono::Duration::days(14));
    reopen(&mut week);
    assert_eq!(week.discarded.len(), 1, "kept 14 days");
    let mut later = Live::join(&app.store, "tester", today() + chrono::Duration::days(15));
    reopen(&mut later);
    assert!(later.discarded.is_empty());
    let effects = later.idle(1);
    later.run(effects);
    assert!(later.store.drafts().expect("drafts read").is_empty());
    keys(&mut later, "R");
    assert_eq!(later.screen(), Screen::Board);
    assert!(
        later
            .status
            .as_deref()
            .unwrap_or("")
            .contains("Nothing was discarded")
    );
}

#[test]
fn a_draft_offered_back_is_discarded_only_by_ctrl_q_and_can_be_put_back() {
    let mut app = new_note();
    keys(&mut app, "<Tab>Jo");
    let d = app.unsaved_draft(0).expect("a draft");
    app.run(vec![Effect::SaveDraft(Box::new(d))]);
    let mut next = Live::join(&app.store, "tester", today());
    reopen(&mut next);
    keys(&mut next, "n");
    assert_eq!(next.context(), Context::NoteRestore);
    // Typing straight away ("development…") discards nothing.
    let effects = keys(&mut next, "development");
    no_discard_or_save(&effects);
    assert_eq!(next.context(), Context::NoteRestore);
    let effects = keys(&mut next, "<C-q>");
    next.run(effects);
    assert_eq!(next.discarded.len(), 1);
    let Binned::Note(d) = &next.discarded[0].item else {
        panic!("a note: {:?}", next.discarded[0])
    };
    assert_eq!(d.body.visitors, ["Jo"]);
}

#[test]
fn esc_in_the_activity_and_checkpoint_forms_keeps_what_is_typed() {
    let mut app = Live::new(&dataset(), "tester", today());
    keys(&mut app, "t");
    assert_eq!(app.screen(), Screen::Timeline);
    keys(&mut app, "a");
    assert_eq!(app.screen(), Screen::ActivityForm);
    keys(&mut app, "<Tab>Visit to discuss development");
    keys(&mut app, "<Esc>");
    assert_eq!(
        app.screen(),
        Screen::ActivityForm,
        "Esc does not drop typing"
    );
    assert!(app.status.as_deref().unwrap_or("").contains("Ctrl-Q"));
    keys(&mut app, "<C-q>");
    assert_eq!(app.screen(), Screen::Timeline);
    // Nothing typed: Esc closes at once.
    keys(&mut app, "a<Esc>");
    assert_eq!(app.screen(), Screen::Timeline);
}

#[test]
fn esc_while_planning_a_meeting_keeps_the_attendees() {
    let mut app = Live::new(&dataset(), "tester", today());
    keys(&mut app, "MN");
    let plan = |app: &App| {
        app.meeting
            .as_ref()
            .and_then(|m| m.plan.as_ref())
            .map(|p| p.attendees.clone())
    };
    assert_eq!(plan(&app), Some(String::new()));
    keys(&mut app, "Jo Marsh, development lead");
    // Esc leaves the field, then does not close a plan with typing in it.
    keys(&mut app, "<Esc><Esc>");
    assert_eq!(plan(&app).as_deref(), Some("Jo Marsh, development lead"));
    assert!(app.status.as_deref().unwrap_or("").contains("Ctrl-Q"));
    keys(&mut app, "<C-q>");
    assert_eq!(plan(&app), None);
    assert_eq!(app.context(), Context::MeetingList);
}

/// A note draft kept by `user` for the first school's new note, as the runtime keeps it.
fn kept_by(store: &sqa_board::store::Store, user: &str, text: &str) {
    let mut s = Live::join(store, user, today());
    keys(&mut s, "n");
    tab_to(&mut s, Slot::Text(TextField::Text));
    keys(&mut s, text);
    let d = s.unsaved_draft(0).expect("a draft");
    s.run(vec![Effect::SaveDraft(Box::new(d))]);
}

#[test]
fn a_draft_is_its_officers_own() {
    let alice = Live::new(&dataset(), "alice", today());
    kept_by(&alice.store, "alice", "Alice's words");
    // Bob is not offered it, is told of it when he opens the note, and keeps his own.
    let mut bob = Live::join(&alice.store, "bob", today());
    reopen(&mut bob);
    assert!(bob.status.is_none(), "{:?}", bob.status);
    keys(&mut bob, "n");
    assert_eq!(
        bob.context(),
        Context::NoteForm,
        "no restore of alice's draft"
    );
    let said = bob.status.clone().unwrap_or_default();
    assert!(said.contains("alice has an unsaved draft"), "{said}");
    tab_to(&mut bob, Slot::Text(TextField::Text));
    keys(&mut bob, "Bob's words");
    let d = bob.unsaved_draft(0).expect("a draft");
    bob.run(vec![Effect::SaveDraft(Box::new(d))]);
    let mut texts: Vec<(String, String)> = bob
        .store
        .drafts()
        .expect("drafts read")
        .into_iter()
        .map(|d| (d.author, d.body.text))
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        [
            ("alice".to_string(), "Alice's words".to_string()),
            ("bob".to_string(), "Bob's words".to_string())
        ]
    );
    // Alice is offered hers, not Bob's.
    let mut alice = Live::join(&alice.store, "alice", today());
    reopen(&mut alice);
    keys(&mut alice, "nr");
    assert_eq!(form(&alice).text(TextField::Text), "Alice's words");
}

#[test]
fn drafts_kept_before_they_were_per_officer_move_to_their_authors_key() {
    let app = Live::new(&dataset(), "alice", today());
    let urn = app.board.selected_urn().expect("a school");
    let old = sqa_board::store::Draft {
        key: sqa_board::store::Draft::key_for(urn, None),
        urn,
        note: None,
        amend_reason: None,
        author: "alice".into(),
        at: chrono::DateTime::from_timestamp_millis(1_795_442_520_000).expect("a time"),
        body: sqa_board::domain::NoteBody {
            text: "From an older version".into(),
            ..Default::default()
        },
    };
    app.store.put_draft(&old).expect("draft written");
    // Bob's session moves it (the author is in the draft) and does not offer it.
    let mut bob = Live::join(&app.store, "bob", today());
    reopen(&mut bob);
    let effects = bob.idle(1);
    bob.run(effects);
    let stored = bob.store.drafts().expect("drafts read");
    let keys_now: Vec<&str> = stored.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys_now, [format!("{urn}/new/alice").as_str()]);
    let mut alice = Live::join(&app.store, "alice", today());
    reopen(&mut alice);
    keys(&mut alice, "nr");
    assert_eq!(form(&alice).text(TextField::Text), "From an older version");
}
