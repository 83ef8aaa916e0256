//! Recently discarded for every kept form (issue 13 item 1), and the escalation step kept like
//! the others (issue 17 part 2): key scripts over the demo county in a real store, each
//! session's start-up as the runtime's (`effects::restore_kept`), and the list at 80x24.

use crate::app_common::{Live, today};
use crate::meeting_keys::{k, render};
use crate::notes_keep::start_ms;
use crate::timeline_keys::{SALLOW, demo_app, select_on_board};
use sqa_board::app::escalation_draft::StepDraft;
use sqa_board::app::kept::{FormDraft, KeptForm};
use sqa_board::app::note::KEEP_AFTER_PAUSE_MS;
use sqa_board::app::timeline::activity_draft::ActivityDraft;
use sqa_board::app::timeline::checkpoint::CheckpointDraft;
use sqa_board::app::timeline::plan::PlanDraft;
use sqa_board::app::{Effect, Screen};
use sqa_board::store::Store;

/// The runtime's next turn: queued effects (a discard's move) carried out.
fn settle(a: &mut Live) {
    let e = a.idle(start_ms());
    a.run(e);
}

/// The next session of `user`, `days` on, started as the runtime starts one.
fn restart(store: &Store, user: &str, days: i64) -> Live {
    let mut b = Live::join(store, user, today() + chrono::Duration::days(days));
    sqa_board::effects::restore_kept(store, &mut b.app);
    settle(&mut b);
    b
}

/// The discarded forms of kind `D` in the store, by key.
fn binned<D: KeptForm>(store: &Store) -> Vec<(String, D)> {
    store
        .discarded_form_drafts(D::PREFIX, D::SCHEMA, D::migrate)
        .expect("discarded forms read")
}

/// The kept (not discarded) forms of kind `D` in the store.
fn kept<D: KeptForm>(store: &Store) -> Vec<(String, D)> {
    store
        .form_drafts_migrating(D::PREFIX, D::SCHEMA, D::migrate)
        .expect("kept forms read")
}

fn status(a: &Live) -> String {
    a.status.clone().unwrap_or_default()
}

/// Sallow Cross: a review, an escalation step, an activity and a support plan typed and each
/// given up with Ctrl-Q; and a note of visit discarded too.
fn discard_one_of_each() -> Live {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>r<Tab>Half a thought<C-q>");
    assert_eq!(a.screen(), Screen::School);
    assert!(
        status(&a).contains("Kept in Recently discarded"),
        "{}",
        status(&a)
    );
    k(
        &mut a,
        "E<Right><Tab><Tab><Tab><Tab>Safeguarding records<C-q>",
    );
    assert_eq!(a.screen(), Screen::School);
    assert!(status(&a).contains("Recently discarded"), "{}", status(&a));
    k(&mut a, "ta<Right><Tab>Governors' meet<C-q>");
    assert_eq!(a.screen(), Screen::Timeline);
    k(&mut a, "]PImprove attend<C-q>");
    assert_eq!(a.screen(), Screen::Timeline);
    k(&mut a, "<Esc><Esc>n<Tab>Jo Marsh<Esc><C-q>");
    assert_eq!(a.screen(), Screen::Board);
    settle(&mut a);
    a
}

#[test]
fn every_kind_given_up_is_kept_discarded_in_the_store_not_deleted() {
    let a = discard_one_of_each();
    let kinds: Vec<&str> = a.discarded.iter().map(|d| d.kind()).collect();
    assert_eq!(
        kinds,
        ["note", "plan", "activity", "escalation", "checkpoint"],
        "newest first"
    );
    // Each moved from its own key to its discarded key: none is left under its own key…
    assert!(kept::<CheckpointDraft>(&a.store).is_empty());
    assert!(kept::<StepDraft>(&a.store).is_empty());
    assert!(kept::<ActivityDraft>(&a.store).is_empty());
    assert!(kept::<PlanDraft>(&a.store).is_empty());
    // …and each is in the store under `discarded/{ms}/{its key}`, with every word.
    let step = binned::<StepDraft>(&a.store);
    assert_eq!(step.len(), 1);
    assert!(
        step[0]
            .0
            .ends_with(&format!("/escalation/{SALLOW}/new/tester")),
        "{}",
        step[0].0
    );
    assert_eq!(step[0].1.grounds, "Safeguarding records");
    assert_eq!(
        binned::<CheckpointDraft>(&a.store)[0].1.commentary[0],
        "Half a thought"
    );
    assert_eq!(
        binned::<ActivityDraft>(&a.store)[0].1.title,
        "Governors' meet"
    );
    assert_eq!(
        binned::<PlanDraft>(&a.store)[0].1.priorities[0].title,
        "Improve attend"
    );
    let notes = a.store.drafts().expect("drafts read");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].key.starts_with("discarded/"), "{}", notes[0].key);
}

#[test]
fn a_week_later_r_lists_every_kind_and_enter_puts_a_step_back_into_its_form() {
    let a = discard_one_of_each();
    let mut b = restart(&a.store, "tester", 7);
    assert!(
        b.status.is_none(),
        "a discarded form is not offered: {:?}",
        b.status
    );
    assert_eq!(b.discarded.len(), 5);
    k(&mut b, "R");
    assert_eq!(b.screen(), Screen::Discarded);
    b.set_no_color(true);
    insta::assert_snapshot!("recently_discarded_80x24", render(&b, 80, 24).backend());
    // To the escalation step, Enter: back under its own key in one commit.
    let at = b
        .discarded
        .iter()
        .position(|d| d.kind() == "escalation")
        .expect("the step is listed");
    k(&mut b, &"<Down>".repeat(at));
    let e = b.handle_key(crate::app_common::script("<Enter>")[0]);
    let [Effect::MoveFormDraft { from, to, draft }] = e.as_slice() else {
        panic!("one move: {e:?}")
    };
    assert!(from.starts_with("discarded/"), "{from}");
    assert_eq!(*to, StepDraft::key_of((SALLOW, None), "tester"));
    assert!(matches!(**draft, FormDraft::Step(_)));
    b.run(e);
    assert_eq!(b.screen(), Screen::Board);
    assert!(status(&b).starts_with("Put back"), "{}", status(&b));
    assert_eq!(b.discarded.len(), 4);
    assert!(binned::<StepDraft>(&b.store).is_empty());
    assert_eq!(kept::<StepDraft>(&b.store).len(), 1);
    // Its form gives every word back when it opens.
    select_on_board(&mut b, SALLOW);
    k(&mut b, "<Enter>E");
    let f = b.step_form.as_ref().expect("the step form");
    assert_eq!(f.grounds, "Safeguarding records");
    assert_eq!(f.kind, sqa_board::domain::StepKind::WarningNotice);
    assert!(
        status(&b).starts_with("Restored the unsaved escalation step typed by tester"),
        "{}",
        status(&b)
    );
    // And a session after that still lists the four others.
    let c = restart(&b.store, "tester", 8);
    assert_eq!(c.discarded.len(), 4);
}

#[test]
fn the_review_activity_and_plan_put_back_come_back_in_their_forms() {
    let a = discard_one_of_each();
    let mut b = restart(&a.store, "tester", 1);
    // Put back all but the note (which opens its form): newest first, plan, activity, escalation, review.
    k(&mut b, "R<Down><Enter>");
    for _ in 0..3 {
        k(&mut b, "R<Down><Enter>");
    }
    assert_eq!(b.discarded.len(), 1, "the note is left");
    select_on_board(&mut b, SALLOW);
    k(&mut b, "<Enter>r");
    assert_eq!(
        b.tl.checkpoint.as_ref().expect("review").priorities[0].commentary,
        "Half a thought"
    );
    k(&mut b, "<C-q>ta");
    assert_eq!(
        b.tl.activity.as_ref().expect("activity").title,
        "Governors' meet"
    );
    k(&mut b, "<C-q>]P");
    assert_eq!(
        b.tl.plan.as_ref().expect("plan").priorities[0].title,
        "Improve attend"
    );
}

#[test]
fn discarded_forms_go_after_fourteen_days_and_are_their_officers_own() {
    let a = discard_one_of_each();
    // Another officer is never shown what this one threw away, and it stays for its author.
    let ben = restart(&a.store, "ben", 1);
    assert!(ben.discarded.is_empty());
    assert_eq!(binned::<StepDraft>(&a.store).len(), 1);
    let fortnight = restart(&a.store, "tester", 14);
    assert_eq!(fortnight.discarded.len(), 5, "kept 14 days");
    let mut later = restart(&a.store, "tester", 15);
    assert!(later.discarded.is_empty());
    assert!(binned::<StepDraft>(&later.store).is_empty(), "removed");
    assert!(binned::<CheckpointDraft>(&later.store).is_empty());
    assert!(later.store.drafts().expect("drafts").is_empty());
    k(&mut later, "R");
    assert_eq!(later.screen(), Screen::Board);
    assert!(status(&later).contains("Nothing was discarded"));
}

#[test]
fn an_escalation_step_is_kept_while_typed_and_survives_a_crash() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>E");
    assert!(a.idle(start_ms()).is_empty(), "nothing typed: nothing kept");
    k(&mut a, "<Tab><Tab><Tab><Tab>Attendance below 85%");
    let t0 = start_ms() + 100;
    let e = a.idle(t0);
    a.run(e);
    // A pause: kept within KEEP_AFTER_PAUSE_MS, and the form's title says when.
    let due = a.wake_at_ms().expect("a keep is due");
    assert!(due <= t0 + KEEP_AFTER_PAUSE_MS, "{due} {t0}");
    let e = a.idle(due);
    assert!(
        e.iter()
            .any(|e| matches!(e, Effect::KeepForm(d) if matches!(**d, FormDraft::Step(_)))),
        "{e:?}"
    );
    a.run(e);
    let screen = format!("{:?}", render(&a, 80, 24).backend());
    assert!(
        screen.contains(&format!("New escalation step, {SALLOW} · kept ")),
        "the kept time in the form's title: {screen}"
    );
    let stored = kept::<StepDraft>(&a.store);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, format!("escalation/{SALLOW}/new/tester"));
    assert_eq!(stored[0].1.grounds, "Attendance below 85%");
    // kill -9: no goodbye. Another officer is not offered it.
    let mut ben = restart(&a.store, "ben", 0);
    select_on_board(&mut ben, SALLOW);
    k(&mut ben, "<Enter>E");
    assert_eq!(ben.step_form.as_ref().expect("form").grounds, "");
    // Its officer is, with every word; Esc does not lose it.
    let mut b = restart(&a.store, "tester", 0);
    select_on_board(&mut b, SALLOW);
    k(&mut b, "<Enter>E");
    assert_eq!(
        b.step_form.as_ref().expect("form").grounds,
        "Attendance below 85%"
    );
    k(&mut b, "<Esc>");
    assert_eq!(b.screen(), Screen::StepForm);
    // Saved: the kept copy goes.
    let saved = k(&mut b, "<C-s>");
    assert_eq!(saved.len(), 1, "{:?}", b.status);
    settle(&mut b);
    assert!(kept::<StepDraft>(&b.store).is_empty());
    assert!(binned::<StepDraft>(&b.store).is_empty());
}

#[test]
fn an_unchanged_step_form_closed_leaves_nothing_discarded() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>E<Esc>");
    assert_eq!(a.screen(), Screen::School);
    settle(&mut a);
    assert!(a.discarded.is_empty());
    assert!(binned::<StepDraft>(&a.store).is_empty());
}

/// Esc then carrying on typing a word that starts with "d" (issue 13's first sequence) in the
/// escalation step form and the school details form: nothing closes, nothing is discarded,
/// every letter is in the field.
#[test]
fn esc_then_development_in_the_step_and_details_forms_keeps_every_word() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>E<Tab><Tab><Tab><Tab>Next term's ");
    k(&mut a, "<Esc>development<Esc>s<Esc>d<Esc>y");
    assert_eq!(a.screen(), Screen::StepForm);
    assert_eq!(
        a.step_form.as_ref().expect("the form").grounds,
        "Next term's developmentsdy"
    );
    settle(&mut a);
    assert!(a.discarded.is_empty());
    assert!(binned::<StepDraft>(&a.store).is_empty());
    // The same in the school details form (the headteacher, its second field).
    k(&mut a, "<C-q>e<Tab><C-u>Mrs A ");
    k(&mut a, "<Esc>Devlin<Esc>d");
    assert_eq!(a.screen(), Screen::SchoolForm);
    assert_eq!(
        a.school_form
            .as_ref()
            .expect("the form")
            .details
            .headteacher,
        "Mrs A Devlind"
    );
}

/// The school details form is kept like the others: after a crash only what was changed is put
/// back (a detail saved meanwhile by another officer stays theirs); given up, it is listed
/// under Recently discarded.
#[test]
fn school_details_typed_are_kept_put_back_and_discarded_like_any_form() {
    use sqa_board::app::school_draft::SchoolDraft;
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    // The headteacher (second field) typed over.
    k(&mut a, "<Enter>e<Tab><C-u>Mrs A Newhead");
    let e = a.idle(start_ms());
    a.run(e);
    let due = a.wake_at_ms().expect("a keep is due");
    let e = a.idle(due);
    a.run(e);
    let stored = kept::<SchoolDraft>(&a.store);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, format!("school/{SALLOW}/tester"));
    let screen = format!("{:?}", render(&a, 80, 24).backend());
    assert!(
        screen.contains(&format!("Details of {SALLOW} · kept ")),
        "{screen}"
    );
    // kill -9. Meanwhile another officer saves the school's notes.
    let mut ben = restart(&a.store, "ben", 0);
    select_on_board(&mut ben, SALLOW);
    k(&mut ben, "<Enter>e<S-Tab><C-u>Ben's note");
    let saved = k(&mut ben, "<C-s>");
    assert_eq!(saved.len(), 1, "{:?}", ben.status);
    // The next session: the headteacher typed comes back, Ben's note is kept.
    let mut b = restart(&a.store, "tester", 0);
    select_on_board(&mut b, SALLOW);
    k(&mut b, "<Enter>e");
    let f = b.school_form.as_ref().expect("the form");
    assert_eq!(f.details.headteacher, "Mrs A Newhead");
    assert_eq!(f.details.notes, "Ben's note");
    assert!(
        status(&b).starts_with("Restored the unsaved school details typed by tester"),
        "{}",
        status(&b)
    );
    // Esc asks; Ctrl-Q gives it up into Recently discarded.
    k(&mut b, "<Esc>");
    assert_eq!(b.screen(), Screen::SchoolForm);
    k(&mut b, "<C-q>");
    assert_eq!(b.screen(), Screen::School);
    settle(&mut b);
    assert!(kept::<SchoolDraft>(&b.store).is_empty());
    assert_eq!(binned::<SchoolDraft>(&b.store).len(), 1);
    assert_eq!(b.discarded[0].kind(), "details");
    assert!(
        b.discarded[0]
            .summary()
            .starts_with("Mrs A Newhead (headteacher"),
        "{}",
        b.discarded[0].summary()
    );
}

/// Steady typing in the escalation step form is kept with the note's bound (at least every 5 s,
/// 2 s after a pause): what is in the store is never more than 5 s behind what was typed.
#[test]
fn steady_typing_in_the_step_form_is_kept_within_five_seconds() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>E<Tab><Tab><Tab><Tab>");
    let grounds = |app: &sqa_board::app::App| {
        app.step_form
            .as_ref()
            .map(|f| f.grounds.clone())
            .unwrap_or_default()
    };
    let kept_grounds = |s: &Store| {
        kept::<StepDraft>(s)
            .into_iter()
            .next()
            .map(|(_, d)| d.grounds)
    };
    let text = "Safeguarding records incomplete; the chair was told on 20/11 and agreed";
    crate::forms_keep::type_steadily(&mut a, text, 150, grounds, kept_grounds);
    // kill -9: nothing written at exit; the next session has every word.
    let mut b = restart(&a.store, "tester", 0);
    select_on_board(&mut b, SALLOW);
    k(&mut b, "<Enter>E");
    assert_eq!(grounds(&b), text);
}

/// A long list scrolls with the selection at 80x24: the selected entry is always drawn.
#[test]
fn a_long_list_keeps_the_selection_on_screen() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>");
    for i in 0..30 {
        k(
            &mut a,
            &format!("E<Tab><Tab><Tab><Tab>Concern number {i:02}<C-q>"),
        );
    }
    k(&mut a, "<Esc>R");
    assert_eq!(a.screen(), Screen::Discarded);
    assert_eq!(a.discarded.len(), 30);
    let screen = |a: &Live| format!("{:?}", render(a, 80, 24).backend());
    assert!(screen(&a).contains("›"), "the first is selected");
    assert!(screen(&a).contains("Concern number 29"), "newest first");
    k(&mut a, &"<Down>".repeat(40));
    assert_eq!(a.discarded_sel, 29);
    let s = screen(&a);
    assert!(
        s.contains("Concern number 00"),
        "the oldest, selected, is drawn: {s}"
    );
    assert!(!s.contains("Concern number 29"), "scrolled past the newest");
}
