//! Schedule truth by key scripts on the demo county (frozen on Mon 23 Nov 2026): a meeting
//! decision leaves an overdue planned review overdue everywhere; recording it moves every view
//! on; cancelling a review asks why; the tracker asks before completing, can reopen, and shows
//! an action in full.

use crate::app_common;

use app_common::{Live, keys, script};
use chrono::NaiveDate;
use sqa_board::app::{App, Question, Record, Screen};
use sqa_board::domain::board::{BoardInput, school_next_checkpoint};
use sqa_board::domain::schedule::{DueWhat, due_items};
use sqa_board::domain::{ActionStatus, ActivityKind, ActivityStatus, Dataset};
use sqa_board::keymap::Context;

const SALLOW: u32 = 990014;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn demo_app() -> Live {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let data: Dataset =
        serde_json::from_str(&std::fs::read_to_string(path).expect("demo.json")).expect("parses");
    Live::new(&data, "tester", d(2026, 11, 23))
}

/// Each key, then its effects (as the runtime does); the records saved.
fn k(app: &mut Live, s: &str) -> Vec<Record> {
    let mut all = vec![];
    for key in script(s) {
        let e = app.handle_key(key);
        all.extend(app.run(e));
    }
    all
}

fn row(app: &App, urn: u32) -> sqa_board::domain::board::BoardRow {
    app.board
        .rows
        .iter()
        .find(|r| r.urn == urn)
        .expect("row")
        .clone()
}

/// Every view's answer for Sallow Cross's next checkpoint: (date, overdue) from the board, the
/// due list's first checkpoint item, and the one rule for the school (timeline, school screen).
fn sallow_everywhere(a: &App) -> [(Option<NaiveDate>, bool); 3] {
    let r = row(a, SALLOW);
    let due = due_items(&a.data, a.today, 52, &Default::default());
    let first = due
        .iter()
        .filter(|i| i.urn == SALLOW)
        .filter(|i| {
            matches!(
                i.what,
                DueWhat::Checkpoint | DueWhat::Activity(ActivityKind::CheckpointReview, _)
            )
        })
        .min_by_key(|i| i.date);
    let one = school_next_checkpoint(&BoardInput::of(&a.data), SALLOW);
    [
        (r.next_checkpoint, r.checkpoint_overdue),
        (first.map(|i| i.date), first.is_some_and(|i| i.overdue)),
        (one.map(|n| n.date), one.is_some_and(|n| n.overdue(a.today))),
    ]
}

/// The issue's scenario: any meeting decision for Sallow Cross left the board at the decision
/// date plus the entitlement; the planned 12/11 review stays the next checkpoint, overdue, until
/// it is recorded; then every view moves to the next one.
#[test]
fn a_meeting_decision_leaves_the_overdue_review_overdue_until_it_is_recorded() {
    let mut a = demo_app();
    let overdue = (Some(d(2026, 11, 12)), true);
    assert_eq!(sallow_everywhere(&a), [overdue; 3]);

    // Plan a meeting of the whole county, start it, step to Sallow Cross, keep its category.
    k(&mut a, "MNPriya Shah<Tab><Enter><Enter>");
    assert!(a.current_item().is_some(), "{:?}", a.status);
    for _ in 0..30 {
        if a.current_item().map(|i| i.urn) == Some(SALLOW) {
            break;
        }
        k(&mut a, "n");
    }
    assert_eq!(a.current_item().map(|i| i.urn), Some(SALLOW));
    let saved = k(&mut a, "=Still the best fit<Enter>");
    assert!(
        saved
            .iter()
            .any(|r| matches!(r, Record::Decision(x) if x.urn == SALLOW)),
        "{saved:?} {:?}",
        a.status
    );
    assert_eq!(sallow_everywhere(&a), [overdue; 3], "after the decision");
    // The minutes say the same of Sallow Cross.
    let m = a.current_meeting().expect("the meeting").clone();
    let text = sqa_board::domain::minutes::minutes(&a.data, &m);
    let sallow = text
        .split("(URN 990014)")
        .nth(1)
        .expect("Sallow Cross in the minutes");
    assert!(
        sallow.contains("- **Next checkpoint review:** 12/11/2026 — OVERDUE\n"),
        "{text}"
    );
    k(&mut a, "<Esc><Esc>");
    assert_eq!(a.screen(), Screen::Board);
    assert!(row(&a, SALLOW).checkpoint_planned);

    // Record the review: the planned one is done, the next is planned, every view moves.
    k(&mut a, "/sallow<Enter><Enter>r");
    assert_eq!(a.screen(), Screen::CheckpointForm);
    k(
        &mut a,
        "<Left><Tab>Governors now challenge.<Tab><Tab><Tab><Tab><Tab>",
    );
    k(&mut a, "<Tab>Better.");
    let saved = k(&mut a, "<C-s>");
    assert!(
        saved.iter().any(|r| matches!(r, Record::Checkpoint(_))),
        "{saved:?}"
    );
    let next = (Some(d(2027, 1, 4)), false);
    assert_eq!(sallow_everywhere(&a), [next; 3], "after the review");
    assert!(row(&a, SALLOW).checkpoint_planned);
}

/// Cancelling a planned checkpoint review asks why; nothing typed asks again; the reason goes
/// into the audit trail; Esc keeps the review. Other activities keep their yes/no question.
#[test]
fn cancelling_a_checkpoint_review_asks_why() {
    let mut a = demo_app();
    k(&mut a, "/sallow<Enter>t");
    assert_eq!(a.screen(), Screen::Timeline);
    let at = a
        .timeline_list()
        .iter()
        .position(|x| {
            x.kind == ActivityKind::CheckpointReview && x.status == ActivityStatus::Planned
        })
        .expect("the planned 12/11 review");
    a.tl.timeline.as_mut().expect("timeline").selected = at;
    let id = a.timeline_selected().expect("selected").id;
    assert!(k(&mut a, "x").is_empty());
    assert_eq!(a.question(), Some(Question::CancelReview(id)));
    assert_eq!(a.context(), Context::CancelReason);
    // Enter with no reason: asks again, nothing saved.
    assert!(keys(&mut a, "<Enter>").is_empty());
    assert_eq!(a.question(), Some(Question::CancelReview(id)));
    // Letters are the reason, not commands (y, n, q, x).
    k(&mut a, "yx<Bs>");
    assert_eq!(a.tl.cancel_reason, "y");
    k(&mut a, "<Esc>");
    assert_eq!(a.question(), None);
    assert_eq!(a.status.as_deref(), Some("Not cancelled."));
    assert_eq!(sallow_everywhere(&a)[0], (Some(d(2026, 11, 12)), true));

    k(&mut a, "x");
    assert_eq!(a.tl.cancel_reason, "", "a fresh reason each time");
    let e = keys(&mut a, "Head on long-term leave; rearranged<Enter>");
    assert_eq!(a.question(), None);
    let Some(sqa_board::app::Effect::Save(req)) = e.first() else {
        panic!("no save: {e:?}");
    };
    assert_eq!(
        req.records[0].1,
        "cancelled: Head on long-term leave; rearranged"
    );
    let saved = a.run(e);
    match saved.as_slice() {
        [Record::Activity(x)] => assert_eq!(x.status, ActivityStatus::Cancelled),
        other => panic!("{other:?}"),
    }
    // Cancelled: no review is planned, so the entitlement proposes one (the last review's
    // "next due", still owed), shown as not planned; every view agrees.
    let [board, due, one] = sallow_everywhere(&a);
    assert_eq!(board, due);
    assert_eq!(board, one);
    assert!(!row(&a, SALLOW).checkpoint_planned);

    // Planning the proposed review is one key (C on the timeline); then it is planned.
    let proposed = board.0.expect("a proposal");
    let saved = k(&mut a, "C");
    match saved.as_slice() {
        [Record::Activity(x)] => {
            assert_eq!(x.kind, ActivityKind::CheckpointReview);
            assert_eq!((x.planned, x.status), (proposed, ActivityStatus::Planned));
        }
        other => panic!("{other:?}"),
    }
    assert!(row(&a, SALLOW).checkpoint_planned);
    assert_eq!(row(&a, SALLOW).next_checkpoint, Some(proposed));
    assert!(k(&mut a, "C").is_empty(), "already planned: nothing more");
}

/// The tracker: `c` shows the action and asks (a second `c` does not answer); Esc keeps it
/// open; Enter completes it; `u` reopens it (audited); `d` lists done actions and `u` reopens
/// the selected one; Enter shows an action in full with its source.
#[test]
fn tracker_completes_after_asking_and_reopens() {
    let mut a = demo_app();
    k(&mut a, "A");
    assert_eq!(a.screen(), Screen::Tracker);
    let first = a.tracker_list()[0].clone();
    k(&mut a, "c");
    assert_eq!(a.question(), Some(Question::CompleteAction(first.id)));
    assert_eq!(a.context(), Context::CompleteConfirm);
    assert!(k(&mut a, "cyc").is_empty(), "lone letters do not complete");
    assert_eq!(a.question(), Some(Question::CompleteAction(first.id)));
    k(&mut a, "<Esc>");
    assert_eq!(a.question(), None);
    assert_eq!(a.status.as_deref(), Some("Not completed."));
    assert!(a.tracker_list().iter().any(|x| x.id == first.id));

    let e = keys(&mut a, "c<Enter>");
    let Some(sqa_board::app::Effect::Save(req)) = e.first() else {
        panic!("no save: {e:?}");
    };
    assert_eq!(req.records[0].1, "completed");
    let saved = a.run(e);
    assert!(matches!(saved.as_slice(), [Record::Action(x)] if x.status == ActionStatus::Done));
    assert!(a.tracker_list().iter().all(|x| x.id != first.id));

    // u right after: open again, audited as reopened.
    let e = keys(&mut a, "u");
    let Some(sqa_board::app::Effect::Save(req)) = e.first() else {
        panic!("no save: {e:?}");
    };
    assert_eq!(req.records[0].1, "reopened");
    let saved = a.run(e);
    match saved.as_slice() {
        [Record::Action(x)] => {
            assert_eq!(x.id, first.id);
            assert_eq!(x.status, ActionStatus::Open);
            assert_eq!(x.completed, None);
        }
        other => panic!("{other:?}"),
    }
    assert!(a.tracker_list().iter().any(|x| x.id == first.id));
    // Nothing more to undo.
    assert!(keys(&mut a, "u").is_empty());

    // Complete it again; later, with done actions listed, reopen it by selecting it.
    k(&mut a, "c<Enter>");
    k(&mut a, "d");
    let list = a.tracker_list();
    let at = list
        .iter()
        .position(|x| x.id == first.id)
        .expect("listed as done");
    let open = list.iter().take_while(|x| x.is_open()).count();
    assert!(
        list[open..].iter().all(|x| !x.is_open()),
        "done ones after the open"
    );
    a.tl.tracker.as_mut().expect("tracker").selected = at;
    a.tl.tracker.as_mut().expect("tracker").last_done = None;
    let saved = k(&mut a, "u");
    assert!(matches!(saved.as_slice(), [Record::Action(x)] if x.is_open()));

    // Enter: the action in full, with its source; Esc back to the list.
    k(&mut a, "d");
    a.tl.tracker.as_mut().expect("tracker").selected = 0;
    let shown = a.tracker_list()[0].clone();
    k(&mut a, "<Enter>");
    assert_eq!(a.context(), Context::ActionView);
    assert_eq!(a.tracker_viewing().map(|x| x.id), Some(shown.id));
    let source = sqa_board::ui::action_view::source_text(&a, &shown);
    assert!(!source.is_empty());
    k(&mut a, "<Esc>");
    assert_eq!(a.context(), Context::Tracker);
    assert_eq!(a.screen(), Screen::Tracker);
}

const HAMBLETON: u32 = 990019;

/// A recorded review reads back: the school screen's Reviews section lists it with its progress
/// per priority and commentary; Enter opens it read-only (typing changes nothing); `e` amends
/// it in the review form, saved as the same record and audited as an amendment; the schedule is
/// left alone. Enter on the done review in the timeline opens the same review.
#[test]
fn a_recorded_review_opens_read_only_and_is_amended_by_an_explicit_key() {
    let mut a = demo_app();
    let review = sqa_board::domain::schedule::reviews_newest_first(&a.data.checkpoints, HAMBLETON)
        .first()
        .copied()
        .cloned()
        .expect("Hambleton Vale has a recorded review");
    k(&mut a, "/hambleton vale<Enter><Enter>");
    assert_eq!(a.screen(), Screen::School);
    k(&mut a, "<Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(a.context(), Context::SchoolReviews);
    k(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::ReviewView);
    assert_eq!(a.context(), Context::ReviewView);
    assert_eq!(a.review_viewed().map(|r| r.id), Some(review.id));
    // Read-only: letters and Ctrl-S do nothing.
    assert!(k(&mut a, "xyz<C-s>").is_empty());
    assert_eq!(a.review_viewed(), Some(&review));

    // e: the form, filled from the review.
    k(&mut a, "e");
    assert_eq!(a.screen(), Screen::CheckpointForm);
    let f = a.tl.checkpoint.as_ref().expect("form");
    assert_eq!(f.original.as_ref().map(|r| r.id), Some(review.id));
    assert_eq!(f.judgement, review.judgement);
    assert_eq!(
        f.priorities
            .iter()
            .map(|p| p.commentary.clone())
            .collect::<Vec<_>>(),
        review
            .progress
            .iter()
            .map(|p| p.commentary.clone())
            .collect::<Vec<_>>()
    );
    let activities = a.data.activities.clone();
    // To the overall commentary (two fields per priority, then the overall judgement).
    let to_judgement = "<Tab>".repeat(2 * f.priorities.len() + 1);
    k(&mut a, &format!("{to_judgement}<End> Amended."));
    let e = keys(&mut a, "<C-s>");
    let Some(sqa_board::app::Effect::Save(req)) = e.first() else {
        panic!(
            "no save: {e:?} {:?}",
            a.tl.checkpoint.as_ref().and_then(|f| f.error.clone())
        );
    };
    assert_eq!(req.records.len(), 1, "the review only: {req:?}");
    assert_eq!(req.records[0].1, "amended by tester");
    let saved = a.run(e);
    match saved.as_slice() {
        [Record::Checkpoint(r)] => {
            assert_eq!(
                (r.id, r.date, &r.reviewer),
                (review.id, review.date, &review.reviewer)
            );
            assert_eq!(r.judgement, format!("{} Amended.", review.judgement));
            assert_eq!(r.progress, review.progress);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(a.data.activities, activities, "the schedule is left alone");
    assert_eq!(a.screen(), Screen::ReviewView, "back on the review");
    assert!(
        a.review_viewed()
            .is_some_and(|r| r.judgement.ends_with("Amended."))
    );
    k(&mut a, "<Esc>");
    assert_eq!(a.context(), Context::SchoolReviews);

    // From the timeline: Enter on the done review reads it (not the activity editor).
    k(&mut a, "t");
    let at = a
        .timeline_list()
        .iter()
        .position(|x| x.kind == ActivityKind::CheckpointReview && x.done == Some(review.date))
        .expect("the done review on the timeline");
    a.tl.timeline.as_mut().expect("timeline").selected = at;
    k(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::ReviewView);
    assert_eq!(a.review_viewed().map(|r| r.id), Some(review.id));
}

/// Saving a note of visit for Sallow Cross marks its planned visit of 07/12 (within 14 days)
/// done on the note's day: the board's "Visited", the timeline and the due list follow; saving
/// the note again records no second visit.
#[test]
fn a_saved_note_of_visit_counts_as_the_visit() {
    let mut a = demo_app();
    let planned = a
        .data
        .activities
        .iter()
        .find(|x| {
            x.urn == SALLOW
                && x.kind == ActivityKind::Visit
                && x.status == ActivityStatus::Planned
                && x.planned == d(2026, 12, 7)
        })
        .cloned()
        .expect("Sallow Cross's planned visit of 07/12");
    assert_ne!(row(&a, SALLOW).last_visit, Some(a.today));
    k(&mut a, "/sallow<Enter>n");
    assert_eq!(a.screen(), Screen::Note);
    let saved = k(&mut a, "<C-s>");
    let visit = saved
        .iter()
        .find_map(|r| match r {
            Record::Activity(x) => Some(x.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no visit saved: {saved:?} {:?}", a.status));
    assert_eq!(visit.id, planned.id);
    assert_eq!(visit.status, ActivityStatus::Done);
    assert_eq!(visit.done, Some(a.today));
    assert!(visit.note.is_some());
    assert_eq!(
        row(&a, SALLOW).last_visit,
        Some(a.today),
        "the board's Visited"
    );
    let due = due_items(&a.data, a.today, 6, &Default::default());
    assert!(
        !due.iter()
            .any(|i| i.what == DueWhat::Activity(ActivityKind::Visit, planned.id)),
        "no longer due"
    );
    // Saved again: no second visit.
    let again = k(&mut a, "<C-s>");
    assert!(
        !again.iter().any(|r| matches!(r, Record::Activity(_))),
        "{again:?}"
    );
    let visits = a
        .data
        .activities
        .iter()
        .filter(|x| x.urn == SALLOW && x.kind == ActivityKind::Visit && x.done == Some(a.today))
        .count();
    assert_eq!(visits, 1);
}

mod screens;
