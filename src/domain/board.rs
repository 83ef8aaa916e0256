//! The board: one row per school, derived from the records. Pure: the same data and day give
//! the same board.

use super::action::Action;
use super::activity::{Activity, ActivityKind, ActivityStatus};
use super::checkpoint::{CheckpointReview, is_overdue};
use super::decision::Decision;
use super::priority::{Change, Scheme};
use super::school::{School, Urn};
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub urn: Urn,
    pub name: String,
    /// Category key of the current decision, if any.
    pub category: Option<String>,
    /// Rank in the scheme (0 = most support); schools without a decision rank last.
    pub rank: usize,
    pub change: Change,
    pub at_risk: bool,
    pub last_visit: Option<NaiveDate>,
    pub next_checkpoint: Option<NaiveDate>,
    pub checkpoint_overdue: bool,
    pub open_actions: usize,
    pub overdue_actions: usize,
    /// The current decision has not yet been communicated to the school (or diocese).
    pub to_inform: bool,
}

/// Borrowed view of the records the board needs (so callers need not clone a whole dataset).
pub struct BoardInput<'a> {
    pub scheme: &'a Scheme,
    pub schools: &'a [School],
    pub decisions: &'a [Decision],
    pub activities: &'a [Activity],
    pub checkpoints: &'a [CheckpointReview],
    pub actions: &'a [Action],
}

/// The current (latest) decision for each school: latest date, then highest id.
pub fn current_decisions(decisions: &[Decision]) -> HashMap<Urn, &Decision> {
    let mut cur: HashMap<Urn, &Decision> = HashMap::new();
    for d in decisions {
        let e = cur.entry(d.urn).or_insert(d);
        if (d.date, d.id) > (e.date, e.id) {
            *e = d;
        }
    }
    cur
}

/// A school's decisions, oldest first.
pub fn history(decisions: &[Decision], urn: Urn) -> Vec<&Decision> {
    let mut v: Vec<&Decision> = decisions.iter().filter(|d| d.urn == urn).collect();
    v.sort_by_key(|d| (d.date, d.id));
    v
}

/// Next checkpoint due for a school in a category: the latest review's "next due", else the
/// decision date plus the entitlement's interval. `None` when the category has no checkpoints.
pub fn next_checkpoint_due(
    scheme: &Scheme,
    decision: &Decision,
    latest_review: Option<&CheckpointReview>,
) -> Option<NaiveDate> {
    let weeks = scheme
        .get(&decision.category)?
        .entitlement
        .checkpoint_weeks?;
    match latest_review {
        Some(r) if r.date >= decision.date || r.next_due.is_some_and(|n| n >= decision.date) => {
            r.next_due
        }
        _ => Some(decision.date + Duration::weeks(weeks as i64)),
    }
}

pub fn board_rows(input: &BoardInput<'_>, today: NaiveDate) -> Vec<BoardRow> {
    let current = current_decisions(input.decisions);
    let mut last_visit: HashMap<Urn, NaiveDate> = HashMap::new();
    for a in input.activities {
        if a.kind == ActivityKind::Visit && a.status == ActivityStatus::Done {
            let d = a.date();
            if d <= today {
                let e = last_visit.entry(a.urn).or_insert(d);
                *e = (*e).max(d);
            }
        }
    }
    let mut latest_review: HashMap<Urn, &CheckpointReview> = HashMap::new();
    for r in input.checkpoints {
        let e = latest_review.entry(r.urn).or_insert(r);
        if (r.date, r.id) > (e.date, e.id) {
            *e = r;
        }
    }
    let mut open: HashMap<Urn, (usize, usize)> = HashMap::new();
    for a in input.actions.iter().filter(|a| a.is_open()) {
        let e = open.entry(a.urn).or_default();
        e.0 += 1;
        if a.is_overdue(today) {
            e.1 += 1;
        }
    }
    let n = input.scheme.categories.len();
    input
        .schools
        .iter()
        .map(|s| {
            let dec = current.get(&s.urn).copied();
            let next = dec.and_then(|d| {
                next_checkpoint_due(input.scheme, d, latest_review.get(&s.urn).copied())
            });
            let (open_actions, overdue_actions) = open.get(&s.urn).copied().unwrap_or_default();
            BoardRow {
                urn: s.urn,
                name: s.name.clone(),
                category: dec.map(|d| d.category.clone()),
                rank: dec.map_or(n + 1, |d| input.scheme.rank(&d.category)),
                change: dec.map_or(Change::New, |d| {
                    input.scheme.change(d.previous.as_deref(), &d.category)
                }),
                at_risk: dec.is_some_and(|d| d.at_risk),
                last_visit: last_visit.get(&s.urn).copied(),
                next_checkpoint: next,
                checkpoint_overdue: next.is_some_and(|n| is_overdue(n, today)),
                open_actions,
                overdue_actions,
                to_inform: dec.is_some_and(|d| d.awaiting_communication(s.diocese.is_some())),
            }
        })
        .collect()
}

/// Schools per category, in scheme order, plus those with no decision yet (last).
pub fn category_counts(scheme: &Scheme, rows: &[BoardRow]) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = scheme
        .categories
        .iter()
        .map(|c| {
            (
                c.key.clone(),
                rows.iter()
                    .filter(|r| r.category.as_deref() == Some(&c.key))
                    .count(),
            )
        })
        .collect();
    let none = rows.iter().filter(|r| r.category.is_none()).count();
    v.push(("none".into(), none));
    v
}
