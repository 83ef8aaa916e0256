//! Calendar edge cases of the schedules: weeks across year ends, leap years, term boundaries,
//! checkpoint intervals from entitlements, and the due list's grouping by week.

use chrono::NaiveDate;
use sqa_board::domain::calendar::{AcademicYear, Term, TermBoundaries, fmt_long, week_start};
use sqa_board::domain::checkpoint::next_checkpoint;
use sqa_board::domain::schedule::{
    DueFilter, DueGroup, DueItem, DueWhat, axis_x, due_items, group_by_week,
};
use sqa_board::domain::{ActivityKind, Dataset, Scheme};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn item(date: NaiveDate, overdue: bool, school: &str) -> DueItem {
    DueItem {
        urn: 1,
        school: school.into(),
        what: DueWhat::Checkpoint,
        date,
        overdue,
        owner: "Priya Shah".into(),
        category: Some("high".into()),
    }
}

fn demo() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("demo.json")).expect("parses")
}

#[test]
fn a_week_spanning_two_calendar_years_is_one_group() {
    assert_eq!(week_start(d(2025, 12, 29)), d(2025, 12, 29));
    assert_eq!(week_start(d(2026, 1, 1)), d(2025, 12, 29));
    assert_eq!(week_start(d(2026, 1, 4)), d(2025, 12, 29));
    assert_eq!(week_start(d(2026, 1, 5)), d(2026, 1, 5));
    let items = vec![
        item(d(2025, 12, 20), true, "Late"),
        item(d(2025, 12, 30), false, "A"),
        item(d(2026, 1, 2), false, "B"),
        item(d(2026, 1, 6), false, "C"),
    ];
    let g = group_by_week(&items);
    assert_eq!(g.len(), 3);
    assert_eq!(g[0].0, DueGroup::Overdue, "overdue first");
    assert_eq!(g[1].0, DueGroup::Week(d(2025, 12, 29)));
    assert_eq!(g[1].1.len(), 2, "30 Dec 2025 and 2 Jan 2026 share a week");
    assert_eq!(fmt_long(d(2025, 12, 29)), "Mon 29 Dec 2025");
    assert_eq!(g[2].0, DueGroup::Week(d(2026, 1, 5)));
}

#[test]
fn leap_years_on_the_axis_and_in_checkpoint_intervals() {
    let y = AcademicYear(2027);
    assert!(y.contains(d(2028, 2, 29)));
    assert_eq!(axis_x(y, d(2028, 2, 29), 366), Some(181));
    assert_eq!(axis_x(y, d(2028, 8, 31), 366), Some(365));
    assert_eq!(axis_x(y, d(2028, 9, 1), 366), None);
    let high = Scheme::la_default()
        .get("high")
        .expect("high")
        .entitlement
        .clone();
    assert_eq!(next_checkpoint(d(2028, 1, 18), &high), Some(d(2028, 2, 29)));
    assert_eq!(week_start(d(2028, 2, 29)), d(2028, 2, 28));
}

#[test]
fn checkpoint_schedule_from_entitlements() {
    let s = Scheme::la_default();
    let today = d(2026, 11, 23);
    let ent = |k: &str| s.get(k).expect("category").entitlement.clone();
    assert_eq!(ent("high").checkpoint_weeks, Some(6));
    assert_eq!(next_checkpoint(today, &ent("high")), Some(d(2027, 1, 4)));
    assert_eq!(
        next_checkpoint(today, &ent("low")),
        None,
        "Low: no checkpoints"
    );
    assert_eq!(next_checkpoint(today, &ent("universal")), None);
}

#[test]
fn term_boundaries_place_dates() {
    let t = TermBoundaries::default();
    let y = AcademicYear(2026);
    assert_eq!(t.start(y, Term::Spring), d(2027, 1, 1));
    assert_eq!(t.end(y, Term::Autumn), d(2026, 12, 31));
    assert_eq!(t.term_of(d(2026, 12, 31)), Term::Autumn);
    assert_eq!(t.term_of(d(2027, 1, 1)), Term::Spring);
    // Term starts fall on the axis in order.
    let xs: Vec<usize> = Term::ALL
        .iter()
        .map(|term| axis_x(y, t.start(y, *term), 80).expect("in year"))
        .collect();
    assert!(xs[0] == 0 && xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < 80);
}

#[test]
fn due_list_overdue_first_then_by_date_within_the_weeks() {
    let data = demo();
    let today = d(2026, 11, 23);
    let all = due_items(&data, today, 6, &DueFilter::default());
    assert!(!all.is_empty());
    let first_not_overdue = all.iter().position(|i| !i.overdue).unwrap_or(all.len());
    assert!(all[..first_not_overdue].iter().all(|i| i.overdue));
    assert!(all[first_not_overdue..].iter().all(|i| !i.overdue));
    // Six weeks from w/c 23 Nov: up to Sun 3 Jan 2027.
    assert!(all.iter().all(|i| i.date <= d(2027, 1, 3)));
    let sallow: Vec<&DueItem> = all.iter().filter(|i| i.urn == 990014).collect();
    assert!(
        sallow.iter().any(|i| matches!(
            i.what,
            DueWhat::Activity(ActivityKind::CheckpointReview, _)
        ) && i.date == d(2026, 11, 12)
            && i.overdue),
        "Sallow Cross's overdue checkpoint: {sallow:?}"
    );
    assert_eq!(
        sallow.iter().filter(|i| i.date == d(2026, 11, 12)).count(),
        1,
        "the planned checkpoint activity is not listed twice"
    );
    let more = due_items(&data, today, 12, &DueFilter::default());
    assert!(more.len() > all.len());
    let priya = due_items(
        &data,
        today,
        6,
        &DueFilter {
            officer: Some("Priya Shah".into()),
            priority: None,
        },
    );
    assert!(!priya.is_empty() && priya.iter().all(|i| i.owner == "Priya Shah"));
    let high = due_items(
        &data,
        today,
        6,
        &DueFilter {
            officer: None,
            priority: Some("high".into()),
        },
    );
    assert!(high.iter().all(|i| i.category.as_deref() == Some("high")));
}
