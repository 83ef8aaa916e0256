//! One rule for the next checkpoint: over random schedules (decisions, planned, done and
//! cancelled checkpoint reviews, recorded reviews), the board, the due list, the rule for one
//! school (timeline, school screen, profile) and the CSV export give every school the same next
//! checkpoint, and call it overdue and planned alike.

use crate::store_support as support;

use chrono::Duration;
use proptest::prelude::*;
use sqa_board::domain::board::{BoardInput, board_rows, school_next_checkpoint};
use sqa_board::domain::schedule::{DueFilter, DueWhat, due_items};
use sqa_board::domain::*;
use support::*;

const URNS: [Urn; 3] = [100001, 100002, 100003];

/// (school, days from the base, category index) for a decision.
fn decisions() -> impl Strategy<Value = Vec<(usize, i64, usize)>> {
    prop::collection::vec((0..3usize, -200..0i64, 0..4usize), 0..5)
}

/// (school, days from the base, status 0 planned / 1 done / 2 cancelled) for a review activity.
fn reviews() -> impl Strategy<Value = Vec<(usize, i64, u8)>> {
    prop::collection::vec((0..3usize, -150..150i64, 0..3u8), 0..8)
}

proptest! {
    #[test]
    fn board_and_due_list_agree_on_the_next_checkpoint(
        decs in decisions(),
        acts in reviews(),
        recorded in prop::collection::vec((0..3usize, -150..0i64, prop::option::of(1..20i64)), 0..4),
        today_offset in -30..30i64,
    ) {
        let base = day(2027, 3, 1);
        let today = base + Duration::days(today_offset);
        let mut data = Dataset::empty(Scheme::la_default());
        data.schools = URNS.iter().map(|u| school(*u)).collect();
        let keys: Vec<String> = data.scheme.categories.iter().map(|c| c.key.clone()).collect();
        let mut id = 1;
        for (s, off, cat) in decs {
            let mut d = decision(id, URNS[s], base + Duration::days(off));
            d.category = keys[cat % keys.len()].clone();
            data.decisions.push(d);
            id += 1;
        }
        for (s, off, status) in acts {
            let mut a = activity(id, URNS[s], base + Duration::days(off));
            a.kind = ActivityKind::CheckpointReview;
            a.status = match status {
                0 => ActivityStatus::Planned,
                1 => ActivityStatus::Done,
                _ => ActivityStatus::Cancelled,
            };
            if a.status == ActivityStatus::Done {
                a.done = Some(a.planned);
            }
            data.activities.push(a);
            id += 1;
        }
        for (s, off, next) in recorded {
            let mut r = checkpoint(id, URNS[s], base + Duration::days(off));
            r.next_due = next.map(|w| r.date + Duration::weeks(w));
            data.checkpoints.push(r);
            id += 1;
        }
        let rows = board_rows(&BoardInput::of(&data), today);
        // The CSV export writes the board's rows: the same date and flags per school.
        let csv = sqa_board::export::csv::board_csv(&data.scheme, &data.schools, &rows);
        let mut reader = ::csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let cells: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
            .collect();
        // Far enough ahead that every next checkpoint falls inside the window.
        let due = due_items(&data, today, 200, &DueFilter::default());
        for row in &rows {
            let first = due
                .iter()
                .filter(|i| i.urn == row.urn)
                .filter(|i| matches!(i.what, DueWhat::Checkpoint | DueWhat::Activity(ActivityKind::CheckpointReview, _)))
                .min_by_key(|i| i.date);
            prop_assert_eq!(first.map(|i| i.date), row.next_checkpoint, "school {}", row.urn);
            // The one rule for one school (timeline, school screen, profile export).
            let one = school_next_checkpoint(&BoardInput::of(&data), row.urn);
            prop_assert_eq!(one.map(|n| n.date), row.next_checkpoint);
            prop_assert_eq!(one.is_some_and(|n| n.overdue(today)), row.checkpoint_overdue);
            prop_assert_eq!(one.is_some_and(|n| n.planned), row.checkpoint_planned);
            let line = cells.iter().find(|c| c[0] == row.urn.to_string()).expect("csv row");
            let date = one.map(|n| sqa_board::domain::calendar::fmt_date(n.date)).unwrap_or_default();
            let yes = |b: bool| if b { "yes" } else { "no" };
            prop_assert_eq!(&line[11], &date);
            prop_assert_eq!(line[12].as_str(), yes(row.checkpoint_overdue));
            prop_assert_eq!(line[13].as_str(), yes(one.is_some_and(|n| n.planned)));
            if let Some(i) = first {
                prop_assert_eq!(i.overdue, row.checkpoint_overdue, "school {}", row.urn);
                prop_assert_eq!(matches!(i.what, DueWhat::Activity(..)), row.checkpoint_planned);
            }
        }
    }
}

/// The case: a decision made after a planned review fell overdue does not move the
/// board's next checkpoint off that review; it stays overdue until the review is done.
#[test]
fn a_decision_does_not_hide_an_overdue_planned_review() {
    let today = day(2026, 11, 23);
    let mut data = Dataset::empty(Scheme::la_default());
    data.schools = vec![school(100001)].into();
    let mut old = decision(1, 100001, day(2026, 7, 10));
    old.category = "high".into();
    let mut review = activity(2, 100001, day(2026, 11, 12));
    review.kind = ActivityKind::CheckpointReview;
    data.decisions.push(old);
    data.activities.push(review.clone());
    let mut newer = decision(3, 100001, today);
    newer.category = "high".into();
    data.decisions.push(newer);
    let row = &board_rows(&BoardInput::of(&data), today)[0];
    assert_eq!(row.next_checkpoint, Some(day(2026, 11, 12)));
    assert!(row.checkpoint_overdue && row.checkpoint_planned);

    // Done: the entitlement proposes the next one (not planned) from the decision.
    let a = &mut data.activities[0];
    a.status = ActivityStatus::Done;
    a.done = Some(today);
    let row = &board_rows(&BoardInput::of(&data), today)[0];
    assert!(!row.checkpoint_overdue);
    assert!(!row.checkpoint_planned);
    assert!(row.next_checkpoint.is_some_and(|d| d > today));
}

/// A decision's first checkpoint: planned by the entitlement's interval unless a review is
/// already planned within it (then none); a review planned later does not count.
#[test]
fn a_raise_plans_a_review_only_when_none_is_planned_in_the_window() {
    use sqa_board::domain::schedule::checkpoint_to_plan;
    let decided = day(2026, 11, 23);
    let mut acts = vec![];
    assert_eq!(
        checkpoint_to_plan(&acts, 100001, decided, 6),
        Some(day(2027, 1, 4))
    );
    let mut a = activity(1, 100001, day(2027, 1, 7));
    a.kind = ActivityKind::CheckpointReview;
    acts.push(a.clone());
    // 07/01 is after the window (04/01): the new entitlement's earlier review is planned.
    assert_eq!(
        checkpoint_to_plan(&acts, 100001, decided, 6),
        Some(day(2027, 1, 4))
    );
    // Within an eight-week window it is the review: nothing more to plan.
    assert_eq!(checkpoint_to_plan(&acts, 100001, decided, 8), None);
    // Done or cancelled reviews, and other schools' reviews, do not count.
    acts[0].status = ActivityStatus::Cancelled;
    assert!(checkpoint_to_plan(&acts, 100001, decided, 8).is_some());
    acts[0].status = ActivityStatus::Planned;
    assert!(checkpoint_to_plan(&acts, 100002, decided, 8).is_some());
}

/// A raise whose window ends before the review already planned moves that review into the
/// window (the earliest, if several), rather than planning a second one beside it.
#[test]
fn a_raise_moves_a_later_planned_review_into_the_new_window() {
    use sqa_board::domain::schedule::checkpoint_to_move;
    let by = day(2027, 1, 4);
    let review = |id, planned| {
        let mut a = activity(id, 100001, planned);
        a.kind = ActivityKind::CheckpointReview;
        a
    };
    let mut acts = vec![review(1, day(2027, 2, 1)), review(2, day(2027, 1, 13))];
    let moved = checkpoint_to_move(&acts, 100001, by).expect("moved");
    assert_eq!((moved.id, moved.planned), (2, by));
    assert_eq!(
        checkpoint_to_move(&acts, 100002, by),
        None,
        "another school"
    );
    acts.retain(|a| a.id == 1);
    acts[0].status = ActivityStatus::Done;
    assert_eq!(
        checkpoint_to_move(&acts, 100001, by),
        None,
        "done ones stay"
    );
}

/// A saved note of visit records its visit: the planned visit nearest its date within the
/// window is marked done (linked to the note); none in the window: a done visit is recorded;
/// saved again, nothing more; a note dated ahead records nothing yet.
#[test]
fn a_note_of_visit_marks_the_matching_planned_visit_done() {
    use sqa_board::domain::schedule::visit_for_note;
    let today = day(2026, 11, 23);
    let n = note(50, 100001, today);
    let visit = |id, urn, planned| {
        let mut a = activity(id, urn, planned);
        a.kind = ActivityKind::Visit;
        a
    };
    let mut acts = vec![
        visit(1, 100001, day(2026, 12, 8)), // 15 days on: outside a 14-day window
        visit(2, 100001, day(2026, 12, 7)), // 14 days on: inside
        visit(3, 100001, day(2026, 11, 16)), // 7 days before: nearest
        visit(4, 100002, today),            // another school
    ];
    let got = visit_for_note(&acts, &n, today, 14, || Some(99)).expect("a visit");
    assert_eq!(got.id, 3);
    assert_eq!(got.status, ActivityStatus::Done);
    assert_eq!(got.done, Some(today));
    assert_eq!(got.note, Some(50));
    acts[2] = got;
    // Saved again: the linked visit already says so.
    assert_eq!(visit_for_note(&acts, &n, today, 14, || Some(99)), None);
    // The note's date corrected: the linked visit follows it.
    let mut moved = n.clone();
    moved.body.date = Some(day(2026, 11, 20));
    let got = visit_for_note(&acts, &moved, today, 14, || Some(99)).expect("follows");
    assert_eq!((got.id, got.done), (3, Some(day(2026, 11, 20))));
    // Another note: the next nearest within the window (07/12), never 08/12.
    let other = note(51, 100001, today);
    assert_eq!(
        visit_for_note(&acts, &other, today, 14, || Some(99)).map(|a| a.id),
        Some(2)
    );
    assert_eq!(
        visit_for_note(&acts, &other, today, 13, || Some(99)).map(|a| a.id),
        Some(99)
    );
    // None planned near it: a done visit is recorded, of the note's type, by its author.
    let got = visit_for_note(&[], &other, today, 14, || Some(99)).expect("recorded");
    assert_eq!(
        (
            got.id,
            got.kind,
            got.status,
            got.planned,
            got.done,
            got.note
        ),
        (
            99,
            ActivityKind::Visit,
            ActivityStatus::Done,
            today,
            Some(today),
            Some(51)
        )
    );
    assert_eq!((got.title.as_str(), got.owner.as_str()), ("Visit", "alice"));
    // A note dated ahead: the visit has not happened yet.
    let ahead = note(52, 100001, day(2026, 12, 1));
    assert_eq!(visit_for_note(&acts, &ahead, today, 14, || Some(99)), None);
}

/// The window is configurable; the default file says 14; nonsense is refused with its key.
#[test]
fn visit_match_days_is_configured() {
    use sqa_board::config::{Config, DEFAULT_TOML};
    assert_eq!(Config::default().visit_match_days, 14);
    assert_eq!(
        Config::parse(DEFAULT_TOML, "d").unwrap().visit_match_days,
        14
    );
    assert_eq!(
        Config::parse("visit_match_days = 7\n", "c")
            .unwrap()
            .visit_match_days,
        7
    );
    let err = Config::parse("visit_match_days = 400\n", "c")
        .unwrap_err()
        .to_string();
    assert!(err.contains("visit_match_days"), "{err}");
    assert!(Config::parse("visit_match_days = -1\n", "c").is_err());
}
