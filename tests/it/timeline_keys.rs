//! Key scripts on the app state for the timeline, due list, activity and checkpoint forms and the
//! actions tracker. Saves are carried out by the real effect runner against a temporary store.

use crate::app_common;

use app_common::{Live, keys};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sqa_board::app::{App, Effect, Question, Record, SaveFailure, Screen};
use sqa_board::domain::{ActionStatus, ActivityKind, ActivityStatus, Dataset, Progress};
use sqa_board::keymap::Context;

pub(crate) const SALLOW: u32 = 990014;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// The demo county over a real store, its saves run by the real effect runner.
pub(crate) fn demo_app() -> Live {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let data: Dataset =
        serde_json::from_str(&std::fs::read_to_string(path).expect("demo.json")).expect("parses");
    Live::new(&data, "tester", d(2026, 11, 23))
}

/// Carries out the effects of a key script as the runtime does; the records saved, as stored.
pub(crate) fn run(app: &mut Live, effects: Vec<Effect>) -> Vec<Record> {
    app.run(effects)
}

pub(crate) fn select_on_board(app: &mut App, urn: u32) {
    keys(app, "/sallow<Enter>");
    assert_eq!(app.board.selected_urn(), Some(urn));
}

fn row(app: &App, urn: u32) -> sqa_board::domain::board::BoardRow {
    app.board
        .rows
        .iter()
        .find(|r| r.urn == urn)
        .expect("row")
        .clone()
}

#[test]
fn timeline_opens_from_board_and_school_moves_and_changes_year() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "t");
    assert_eq!(a.screen(), Screen::Timeline);
    assert_eq!(a.context(), Context::Timeline);
    let sel = a.timeline_selected().expect("selected").clone();
    assert_eq!(
        sel.planned,
        d(2026, 12, 7),
        "starts at the first from today"
    );
    keys(&mut a, "k");
    assert_eq!(
        a.timeline_selected().map(|x| x.planned),
        Some(d(2026, 11, 17))
    );
    keys(&mut a, "jjjjjjjjjjjj");
    assert_eq!(
        a.timeline_selected().map(|x| x.planned),
        Some(d(2027, 2, 9)),
        "clamps at the last"
    );
    keys(&mut a, "[");
    assert_eq!(a.tl.timeline.as_ref().map(|t| t.year.0), Some(2025));
    assert!(a.timeline_list().iter().all(|x| x.date() < d(2026, 9, 1)));
    keys(&mut a, "]]");
    assert_eq!(a.tl.timeline.as_ref().map(|t| t.year.0), Some(2027));
    assert!(a.timeline_list().is_empty());
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Board);
    // From the school screen, Esc comes back to it.
    keys(&mut a, "<Enter>t");
    assert_eq!(a.screen(), Screen::Timeline);
    keys(&mut a, "q");
    assert_eq!(a.screen(), Screen::School);
    assert!(!a.should_quit());
}

#[test]
fn complete_and_cancel_at_once_and_undo_with_u() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "t");
    // The planned visit of 07/12/2026: x cancels it at once (no y/n a typed letter could
    // answer), and u puts it back, planned as it was.
    let e = keys(&mut a, "x");
    assert_eq!(a.context(), Context::Timeline);
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Activity(x)] => {
            assert_eq!(x.status, ActivityStatus::Cancelled);
            assert_eq!(x.planned, d(2026, 12, 7));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        a.status.as_deref().unwrap_or("").contains("u undoes"),
        "{:?}",
        a.status
    );
    // A y typed next (the old confirmation) does nothing to the diary.
    assert!(keys(&mut a, "y").is_empty());
    let e = keys(&mut a, "u");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Activity(x)] => assert_eq!(x.status, ActivityStatus::Planned),
        other => panic!("{other:?}"),
    }
    let e = keys(&mut a, "x");
    let saved = run(&mut a, e);
    assert!(
        matches!(saved.as_slice(), [Record::Activity(x)] if x.status == ActivityStatus::Cancelled)
    );
    // The overdue checkpoint of 12/11/2026: done today.
    keys(&mut a, "kk");
    assert_eq!(
        a.timeline_selected().map(|x| x.kind),
        Some(ActivityKind::CheckpointReview)
    );
    let e = keys(&mut a, "c");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Activity(x)] => {
            assert_eq!(x.status, ActivityStatus::Done);
            assert_eq!(x.done, Some(d(2026, 11, 23)));
            assert_eq!(x.rev, 2);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        a.timeline_selected().map(|x| x.status),
        Some(ActivityStatus::Done)
    );
    // One key never changes the diary for good: u puts the review back as it was (planned,
    // not done), audited, and a second u has nothing to undo.
    assert!(a.status.as_deref().unwrap_or("").contains("u undoes"));
    let e = keys(&mut a, "u");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Activity(x)] => {
            assert_eq!(x.status, ActivityStatus::Planned);
            assert_eq!(x.done, None);
            assert_eq!(x.rev, 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(keys(&mut a, "u").is_empty());
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Nothing to undo")
    );
}

#[test]
fn add_an_activity_with_a_date_error_named_inline() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "ta");
    assert_eq!(a.screen(), Screen::ActivityForm);
    // Kind: cycle to a deep dive; title typed (q and ? are text here).
    keys(&mut a, "<Right><Right><Tab>Reading deep dive? q");
    keys(&mut a, "<Tab>");
    for _ in 0..10 {
        keys(&mut a, "<Bs>");
    }
    let e = keys(&mut a, "31/02/2027<C-s>");
    assert!(e.is_empty(), "not saved with a bad date");
    let f = a.tl.activity.as_ref().expect("form open");
    let err = f.error.clone().expect("an error");
    assert!(err.starts_with("Planned date"), "{err}");
    assert!(err.contains("31/02/2027"), "{err}");
    for _ in 0..10 {
        keys(&mut a, "<Bs>");
    }
    let e = keys(&mut a, "14/01/2027<C-s>");
    assert_eq!(e.len(), 1);
    assert!(a.tl.activity.as_ref().is_some_and(|f| f.pending));
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Activity(x)] => {
            assert_eq!(x.kind, ActivityKind::DeepDive);
            assert_eq!(x.title, "Reading deep dive? q");
            assert_eq!(x.planned, d(2027, 1, 14));
            assert_eq!(x.status, ActivityStatus::Planned);
            assert_eq!(x.owner, "Priya Shah");
            assert_eq!(x.urn, SALLOW);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(a.screen(), Screen::Timeline, "the form closes once saved");
    assert!(
        a.timeline_list()
            .iter()
            .any(|x| x.kind == ActivityKind::DeepDive)
    );
}

#[test]
fn edit_keeps_the_id_and_a_failed_save_keeps_the_form() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "t<Enter>");
    let f = a.tl.activity.as_ref().expect("form");
    let id = f.original.as_ref().map(|x| x.id).expect("editing");
    // Status → done, with no done date: done today.
    let e = keys(&mut a, "<BackTab><Right><C-s>");
    assert_eq!(e.len(), 1);
    a.save_failed(SaveFailure::Other("disk full".into()));
    assert_eq!(
        a.screen(),
        Screen::ActivityForm,
        "still open after a failure"
    );
    assert!(a.tl.activity.as_ref().is_some_and(|f| !f.pending));
    let e = keys(&mut a, "<C-s>");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Activity(x)] => {
            assert_eq!(x.id, id);
            assert_eq!(x.status, ActivityStatus::Done);
            assert_eq!(x.done, Some(d(2026, 11, 23)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn due_list_weeks_filters_and_jump_to_school() {
    let mut a = demo_app();
    keys(&mut a, "w");
    assert_eq!(a.screen(), Screen::Due);
    let six = a.due_list().len();
    keys(&mut a, "+");
    assert_eq!(a.tl.due.as_ref().map(|d| d.weeks), Some(7));
    assert!(a.due_list().len() >= six);
    keys(&mut a, "--");
    assert_eq!(a.tl.due.as_ref().map(|d| d.weeks), Some(5));
    keys(&mut a, "o");
    let officer =
        a.tl.due
            .as_ref()
            .and_then(|d| d.filter.officer.clone())
            .expect("an officer");
    assert!(a.due_list().iter().all(|i| i.owner == officer));
    keys(&mut a, "p");
    assert!(
        a.due_list()
            .iter()
            .all(|i| i.category.as_deref() == Some("high"))
    );
    // Back to all officers and High: the first is Sallow Cross's overdue checkpoint.
    while a
        .tl
        .due
        .as_ref()
        .is_some_and(|d| d.filter.officer.is_some())
    {
        keys(&mut a, "o");
    }
    let first = a.due_list().first().cloned().expect("items");
    assert!(first.overdue);
    assert_eq!(first.urn, SALLOW);
    keys(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::School);
    assert_eq!(a.school.as_ref().map(|s| s.urn), Some(SALLOW));
    // Esc goes back to the due list it came from, with its filters and selection kept...
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Due);
    assert_eq!(a.due_list().first().map(|i| i.urn), Some(SALLOW));
    assert_eq!(a.tl.due.as_ref().map(|d| d.weeks), Some(5));
    // ...and the board has it selected once the due list is left.
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Board);
    assert_eq!(a.board.selected_urn(), Some(SALLOW));
    // Moving to the next school (n) keeps the way back.
    keys(&mut a, "w<Enter>n");
    assert_eq!(a.screen(), Screen::School);
    assert_ne!(a.school.as_ref().map(|s| s.urn), Some(SALLOW));
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Due);
}

#[test]
fn checkpoint_review_saves_and_moves_the_boards_next_checkpoint() {
    let mut a = demo_app();
    assert_eq!(row(&a, SALLOW).next_checkpoint, Some(d(2026, 11, 12)));
    assert!(row(&a, SALLOW).checkpoint_overdue);
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "<Enter>r");
    assert_eq!(a.screen(), Screen::CheckpointForm);
    let f = a.tl.checkpoint.as_ref().expect("form");
    assert_eq!(f.priorities.len(), 3, "the 2026/27 support plan");
    assert_eq!(f.next_due, "04/01/2027", "High: six weeks on");
    // Priority 1: on track (cycle from some concern back round), commentary typed.
    keys(&mut a, "<Left><Tab>Governors now challenge.<Tab>");
    // Priority 2: skip; 3: skip to overall.
    keys(&mut a, "<Tab><Tab><Tab><Tab><Left>");
    keys(&mut a, "<Tab>Better.<Tab><Right>");
    let f = a.tl.checkpoint.as_ref().expect("form");
    assert_eq!(f.priorities[0].progress, Progress::OnTrack);
    assert_eq!(f.overall, Progress::SomeConcern);
    let e = keys(&mut a, "<C-s>");
    let saved = run(&mut a, e);
    assert_eq!(saved.len(), 3, "{saved:?}");
    match &saved[0] {
        Record::Checkpoint(c) => {
            assert_eq!(c.date, d(2026, 11, 23));
            assert_eq!(c.next_due, Some(d(2027, 1, 4)));
            assert_eq!(c.progress[0].commentary, "Governors now challenge.");
            assert_eq!(c.judgement, "Better.");
            assert_eq!(c.recommendation, sqa_board::domain::Recommendation::Raise);
        }
        other => panic!("{other:?}"),
    }
    match &saved[1] {
        Record::Activity(x) => {
            assert_eq!(x.planned, d(2026, 11, 12));
            assert_eq!(x.status, ActivityStatus::Done);
        }
        other => panic!("{other:?}"),
    }
    match &saved[2] {
        Record::Activity(x) => {
            assert_eq!(x.kind, ActivityKind::CheckpointReview);
            assert_eq!(x.planned, d(2027, 1, 4));
            assert_eq!(x.status, ActivityStatus::Planned);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(a.screen(), Screen::School, "back where it was opened");
    let r = row(&a, SALLOW);
    assert_eq!(r.next_checkpoint, Some(d(2027, 1, 4)));
    assert!(!r.checkpoint_overdue);
}

#[test]
fn checkpoint_next_date_error_is_named() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "tr");
    assert_eq!(a.screen(), Screen::CheckpointForm);
    keys(&mut a, "<BackTab>");
    for _ in 0..10 {
        keys(&mut a, "<Bs>");
    }
    assert!(keys(&mut a, "soon<C-s>").is_empty());
    let err = a.tl.checkpoint.as_ref().and_then(|f| f.error.clone());
    assert!(err.is_some_and(|e| e.starts_with("Next checkpoint")));
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Timeline);
}

#[test]
fn tracker_filters_and_completes_after_asking() {
    let mut a = demo_app();
    keys(&mut a, "A");
    assert_eq!(a.screen(), Screen::Tracker);
    let all = a.tracker_list().len();
    assert!(all > 0);
    keys(&mut a, "!");
    let today = d(2026, 11, 23);
    assert!(a.tracker_list().iter().all(|x| x.is_overdue(today)));
    assert!(a.tracker_list().len() < all);
    keys(&mut a, "!<Esc>");
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "As");
    assert!(a.tracker_list().iter().all(|x| x.urn == SALLOW));
    let first = a.tracker_list()[0].clone();
    // c asks first, showing the action; a second lone c does not answer it.
    assert!(keys(&mut a, "c").is_empty());
    assert_eq!(a.question(), Some(Question::CompleteAction(first.id)));
    let e = keys(&mut a, "<Enter>");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Action(x)] => {
            assert_eq!(x.id, first.id);
            assert_eq!(x.status, ActionStatus::Done);
            assert_eq!(x.completed, Some(today));
        }
        other => panic!("{other:?}"),
    }
    assert!(a.tracker_list().iter().all(|x| x.id != first.id));
    keys(&mut a, "o");
    let owner = a.tl.tracker.as_ref().and_then(|t| t.owner.clone());
    assert!(owner.is_some());
}

#[test]
fn support_plan_editor_adds_a_priority_and_criteria() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "t]P");
    assert_eq!(a.screen(), Screen::PlanForm);
    let f = a.tl.plan.as_ref().expect("form");
    assert!(f.original.is_none(), "no 2027/28 plan yet");
    // The first (empty) priority: a title, two criteria; then a second priority.
    keys(
        &mut a,
        "Improve attendance<Enter>Persistent absence below 15%",
    );
    keys(&mut a, "<Enter>Attendance panel termly");
    a.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    keys(&mut a, "Stable leadership<Bs>p<Enter>   ");
    let e = keys(&mut a, "<C-s>");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Plan(p)] => {
            assert_eq!(p.year.0, 2027);
            assert_eq!(p.urn, SALLOW);
            assert_eq!(p.priorities.len(), 2);
            assert_eq!(p.priorities[0].title, "Improve attendance");
            assert_eq!(
                p.priorities[0].success_criteria,
                vec!["Persistent absence below 15%", "Attendance panel termly"]
            );
            assert_eq!(p.priorities[1].title, "Stable leadership");
            assert!(
                p.priorities[1].success_criteria.is_empty(),
                "blank lines left out"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(a.screen(), Screen::Timeline);
    // Editing the existing 2026/27 plan keeps its id and changes a title.
    keys(&mut a, "[P");
    let id =
        a.tl.plan
            .as_ref()
            .and_then(|f| f.original.as_ref().map(|p| p.id))
            .expect("existing plan");
    keys(&mut a, "<Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs><Bs>");
    let e = keys(&mut a, "<C-s>");
    let saved = run(&mut a, e);
    match saved.as_slice() {
        [Record::Plan(p)] => {
            assert_eq!(p.id, id);
            assert_eq!(
                p.priorities[0].title,
                "Strengthen leadership capacity, including"
            );
            assert_eq!(p.priorities.len(), 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn checkpoint_commentary_is_edited_at_the_caret() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "<Enter>r<Tab>Govenors now challenge");
    // ← on a text field moves the caret (on a choice field it chooses).
    keys(&mut a, &"<Left>".repeat(18));
    keys(&mut a, "r<End>.");
    let f = a.tl.checkpoint.as_ref().expect("form");
    assert_eq!(f.priorities[0].commentary, "Governors now challenge.");
    // Home then Delete removes the first character.
    keys(&mut a, "<Home><Del>");
    let f = a.tl.checkpoint.as_ref().expect("form");
    assert_eq!(f.priorities[0].commentary, "overnors now challenge.");
}

#[test]
fn the_way_back_is_the_screen_below_however_deep() {
    let mut a = demo_app();
    // Due list -> a school -> its timeline -> the help -> back out one at a time.
    keys(&mut a, "w");
    let first = a.due_list().first().map(|i| i.urn);
    keys(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::School);
    assert_eq!(a.school.as_ref().map(|s| s.urn), first);
    keys(&mut a, "t?");
    assert_eq!(a.context(), Context::Help);
    assert_eq!(a.help_context(), Context::Timeline);
    let back: Vec<Screen> = ["<Esc>", "<Esc>", "<Esc>", "<Esc>", "<Esc>"]
        .iter()
        .map(|k| {
            keys(&mut a, k);
            a.screen()
        })
        .collect();
    assert_eq!(
        back,
        [
            Screen::Timeline,
            Screen::School,
            Screen::Due,
            Screen::Board,
            Screen::Board
        ]
    );
}
