//! The board's facts (what the store caches so the first frame needs no full load) give the
//! same rows as the records, for the day they were taken and any later day.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use sqa_board::domain::board::{
    BoardInput, BoardRow, ReviewDates, board_rows, current_decisions, next_checkpoint,
    rows_from_facts, school_facts,
};
use sqa_board::domain::checkpoint::is_overdue;
use sqa_board::domain::{ActivityKind, ActivityStatus, Change, CheckpointReview, Dataset, Urn};
use sqa_board::synth::{self, Size};

/// The board computed straight from the records, written independently of `school_facts`
/// (the rules as DOMAIN.md states them), as the oracle.
fn reference_rows(ds: &Dataset, today: NaiveDate) -> Vec<BoardRow> {
    let current = current_decisions(&ds.decisions);
    let n = ds.scheme.categories.len();
    ds.schools
        .iter()
        .map(|s| {
            let dec = current.get(&s.urn).copied();
            let latest: Option<&CheckpointReview> = ds
                .checkpoints
                .iter()
                .filter(|r| r.urn == s.urn)
                .max_by_key(|r| (r.date, r.id));
            // The earliest planned review; else what the entitlement proposes.
            let planned = ds
                .activities
                .iter()
                .filter(|a| a.urn == s.urn && a.kind == ActivityKind::CheckpointReview)
                .filter(|a| a.status == ActivityStatus::Planned)
                .map(|a| a.planned)
                .min();
            let next = next_checkpoint(
                &ds.scheme,
                dec.map(|d| (d.category.as_str(), d.date)),
                planned,
                latest.map(|r| ReviewDates {
                    date: r.date,
                    next_due: r.next_due,
                }),
            );
            let last_visit = ds
                .activities
                .iter()
                .filter(|a| a.urn == s.urn && a.kind == ActivityKind::Visit)
                .filter(|a| a.status == ActivityStatus::Done && a.date() <= today)
                .map(|a| a.date())
                .max();
            let open: Vec<_> = ds
                .actions
                .iter()
                .filter(|a| a.urn == s.urn && a.is_open())
                .collect();
            BoardRow {
                urn: s.urn,
                name: s.name.clone(),
                category: dec.map(|d| d.category.clone()),
                rank: dec.map_or(n + 1, |d| ds.scheme.rank(&d.category)),
                change: dec.map_or(Change::New, |d| {
                    ds.scheme.change(d.previous.as_deref(), &d.category)
                }),
                at_risk: dec.is_some_and(|d| d.at_risk),
                last_visit,
                next_checkpoint: next.map(|n| n.date),
                checkpoint_planned: next.is_some_and(|n| n.planned),
                checkpoint_overdue: next.is_some_and(|n| is_overdue(n.date, today)),
                open_actions: open.len(),
                overdue_actions: open.iter().filter(|a| a.is_overdue(today)).count(),
                to_inform: dec.is_some_and(|d| d.awaiting_communication(s.diocese.is_some())),
                escalation: sqa_board::domain::escalation::EscalationMark::of(
                    ds.escalations.iter().filter(|e| e.urn == s.urn),
                ),
            }
        })
        .collect()
}

fn small_authority(seed: u64, made_on: NaiveDate) -> Dataset {
    let size = Size {
        schools: 25,
        years: 2,
        notes_per_school_year: 0,
        activities_per_school_year: 12,
        decisions_per_school_year: 3,
    };
    synth::authority(size, made_on, seed)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Facts taken `back` days before the data ends (so visits "done" after that day exist, as
    /// records entered ahead of time) give the reference rows on every later day.
    #[test]
    fn facts_give_the_rows_of_the_records(seed in any::<u64>(), back in 0i64..400, later in 0i64..400) {
        let made_on = day(2026, 11, 23);
        let ds = small_authority(seed, made_on);
        let as_of = made_on - Duration::days(back);
        let today = as_of + Duration::days(later);
        let facts = school_facts(&BoardInput::of(&ds), as_of);
        let from_facts = rows_from_facts(&ds.scheme, &ds.schools, &facts, today);
        prop_assert_eq!(&from_facts, &reference_rows(&ds, today));
        prop_assert_eq!(&board_rows(&BoardInput::of(&ds), today), &from_facts);
    }
}

#[test]
fn the_demo_board_is_the_same_from_facts() {
    let ds = sqa_board::demo::demo_dataset().expect("demo data");
    let today = day(2026, 11, 23);
    let facts = school_facts(&BoardInput::of(&ds), today);
    assert_eq!(
        rows_from_facts(&ds.scheme, &ds.schools, &facts, today),
        reference_rows(&ds, today)
    );
}

#[test]
fn a_school_missing_from_the_facts_shows_nothing_known() {
    let ds = small_authority(7, day(2026, 11, 23));
    let today = day(2026, 11, 23);
    let mut facts = school_facts(&BoardInput::of(&ds), today);
    let gone: Urn = facts.remove(0).urn;
    let rows = rows_from_facts(&ds.scheme, &ds.schools, &facts, today);
    let row = rows.iter().find(|r| r.urn == gone).expect("row kept");
    assert_eq!(
        (row.category.as_ref(), row.last_visit, row.open_actions),
        (None, None, 0)
    );
}
