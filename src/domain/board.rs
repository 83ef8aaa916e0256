//! The board: one row per school, derived from the records. Pure: the same data and day give
//! the same board.

use super::action::{Action, past_due};
use super::activity::{Activity, ActivityKind, ActivityStatus};
use super::checkpoint::{CheckpointReview, is_overdue};
use super::dataset::Dataset;
use super::decision::Decision;
use super::escalation::{EscalationMark, EscalationStep};
use super::list::List;
use super::priority::{Change, Scheme};
use super::school::{School, Urn};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
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
    /// The next checkpoint review (`next_checkpoint`, the one rule).
    pub next_checkpoint: Option<NaiveDate>,
    /// Whether that review is planned (an activity), or only proposed by the entitlement
    /// because none is planned.
    pub checkpoint_planned: bool,
    pub checkpoint_overdue: bool,
    pub open_actions: usize,
    pub overdue_actions: usize,
    /// The current decision has not yet been communicated to the school (or diocese).
    pub to_inform: bool,
    /// The school's furthest open escalation step, if any.
    pub escalation: Option<EscalationMark>,
}

/// Borrowed view of the records the board needs (so callers need not clone a whole dataset).
pub struct BoardInput<'a> {
    pub scheme: &'a Scheme,
    pub schools: &'a List<School>,
    pub decisions: &'a List<Decision>,
    pub activities: &'a List<Activity>,
    pub checkpoints: &'a List<CheckpointReview>,
    pub actions: &'a List<Action>,
    pub escalations: &'a List<EscalationStep>,
}

impl<'a> BoardInput<'a> {
    /// Everything in a dataset that the board reads.
    pub fn of(data: &'a Dataset) -> BoardInput<'a> {
        BoardInput {
            scheme: &data.scheme,
            schools: &data.schools,
            decisions: &data.decisions,
            activities: &data.activities,
            checkpoints: &data.checkpoints,
            actions: &data.actions,
            escalations: &data.escalations,
        }
    }
}

/// The current (latest) decision for each school: latest date, then highest id.
pub fn current_decisions(decisions: &List<Decision>) -> HashMap<Urn, &Decision> {
    super::work::seen(decisions.len());
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
pub fn history(decisions: &List<Decision>, urn: Urn) -> Vec<&Decision> {
    super::work::seen(decisions.len());
    let mut v: Vec<&Decision> = decisions.iter().filter(|d| d.urn == urn).collect();
    v.sort_by_key(|d| (d.date, d.id));
    v
}

/// A school's next checkpoint review, and whether it is planned or only proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextCheckpoint {
    pub date: NaiveDate,
    /// A planned checkpoint-review activity (`false`: proposed by the entitlement).
    pub planned: bool,
}

/// The one rule for "when is this school's next checkpoint?", used by the board, the due list,
/// the school screen, the exports and the minutes: the earliest checkpoint review that is
/// planned (not done, not cancelled) — overdue until it is done or cancelled, whatever
/// decisions are made meanwhile. Only when none is planned does the entitlement propose one:
/// the latest review's "next due", else the decision date plus the category's interval.
/// `None` when nothing is planned and the category has no checkpoints.
pub fn next_checkpoint(
    scheme: &Scheme,
    current: Option<(&str, NaiveDate)>,
    earliest_planned: Option<NaiveDate>,
    latest_review: Option<ReviewDates>,
) -> Option<NextCheckpoint> {
    if let Some(date) = earliest_planned {
        return Some(NextCheckpoint {
            date,
            planned: true,
        });
    }
    let (category, decided) = current?;
    checkpoint_due(scheme, category, decided, latest_review).map(|date| NextCheckpoint {
        date,
        planned: false,
    })
}

impl NextCheckpoint {
    /// Overdue on `today`: a planned review stays overdue until it is done or cancelled.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        is_overdue(self.date, today)
    }
}

/// `next_checkpoint` for one school, from the records: what the timeline and the school screen
/// show (the board and due list take the same rule over every school at once).
pub fn school_next_checkpoint(input: &BoardInput<'_>, urn: Urn) -> Option<NextCheckpoint> {
    super::work::seen(input.decisions.len() + input.activities.len() + input.checkpoints.len());
    school_next_checkpoint_of(
        input.scheme,
        input.decisions.iter().filter(|d| d.urn == urn),
        input.activities.iter().filter(|a| a.urn == urn),
        input.checkpoints.iter().filter(|r| r.urn == urn),
    )
}

/// `school_next_checkpoint` from one school's own records (as an index by school gives them).
pub fn school_next_checkpoint_of<'a>(
    scheme: &Scheme,
    decisions: impl IntoIterator<Item = &'a Decision>,
    activities: impl IntoIterator<Item = &'a Activity>,
    checkpoints: impl IntoIterator<Item = &'a CheckpointReview>,
) -> Option<NextCheckpoint> {
    let current = decisions.into_iter().max_by_key(|d| (d.date, d.id));
    let planned = activities
        .into_iter()
        .filter(|a| a.kind == ActivityKind::CheckpointReview && a.status == ActivityStatus::Planned)
        .map(|a| a.planned)
        .min();
    let latest = checkpoints
        .into_iter()
        .max_by_key(|r| (r.date, r.id))
        .map(ReviewDates::of);
    next_checkpoint(
        scheme,
        current.map(|d| (d.category.as_str(), d.date)),
        planned,
        latest,
    )
}

/// How a next checkpoint reads wherever it is written out in words: "12/11/26 — OVERDUE",
/// "06/01/27 (not yet planned)".
pub fn describe_next_checkpoint(next: Option<NextCheckpoint>, today: NaiveDate) -> String {
    let Some(n) = next else {
        return "none".into();
    };
    let date = super::calendar::fmt_date(n.date);
    match (n.overdue(today), n.planned) {
        (true, true) => format!("{date} — OVERDUE"),
        (true, false) => format!("{date} — OVERDUE, not yet planned"),
        (false, true) => date,
        (false, false) => format!("{date} (not yet planned)"),
    }
}

/// The earliest planned checkpoint review of each school.
pub fn earliest_planned_reviews(activities: &List<Activity>) -> HashMap<Urn, NaiveDate> {
    super::work::seen(activities.len());
    let mut out: HashMap<Urn, NaiveDate> = HashMap::new();
    for a in activities {
        if a.kind == ActivityKind::CheckpointReview && a.status == ActivityStatus::Planned {
            let e = out.entry(a.urn).or_insert(a.planned);
            *e = (*e).min(a.planned);
        }
    }
    out
}

/// The latest checkpoint review of each school (latest date, then highest id).
pub fn latest_reviews(checkpoints: &List<CheckpointReview>) -> HashMap<Urn, ReviewDates> {
    super::work::seen(checkpoints.len());
    let mut latest: HashMap<Urn, &CheckpointReview> = HashMap::new();
    for r in checkpoints {
        let e = latest.entry(r.urn).or_insert(r);
        if (r.date, r.id) > (e.date, e.id) {
            *e = r;
        }
    }
    latest
        .into_iter()
        .map(|(u, r)| (u, ReviewDates::of(r)))
        .collect()
}

fn checkpoint_due(
    scheme: &Scheme,
    category: &str,
    decided: NaiveDate,
    latest_review: Option<ReviewDates>,
) -> Option<NaiveDate> {
    let weeks = scheme.get(category)?.entitlement.checkpoint_weeks?;
    match latest_review {
        Some(r) if r.date >= decided || r.next_due.is_some_and(|n| n >= decided) => r.next_due,
        _ => Some(decided + Duration::weeks(weeks as i64)),
    }
}

/// What the board needs to know of one school's records, whatever the day: the day only
/// decides what is overdue and which visits are past. Small and serialisable so the store can
/// keep it as a cache from which the board's first frame is drawn before everything is loaded.
/// Changing these types changes the cache's encoding: bump `store::board_cache::SCHEMA`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolFacts {
    pub urn: Urn,
    pub current: Option<CurrentDecision>,
    pub latest_review: Option<ReviewDates>,
    /// The earliest planned (not done, not cancelled) checkpoint review.
    pub planned_review: Option<NaiveDate>,
    /// Dates of done visits: the latest on or before the day the facts were taken, and every
    /// later one (a visit recorded as done ahead of its date counts once its day comes).
    pub visits: Vec<NaiveDate>,
    /// Due dates of the open actions.
    pub open_actions: Vec<Option<NaiveDate>>,
    /// The furthest open escalation step.
    pub escalation: Option<EscalationMark>,
}

/// The parts of a school's current decision that the board shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentDecision {
    pub date: NaiveDate,
    pub category: String,
    pub previous: Option<String>,
    pub at_risk: bool,
    pub school_informed: bool,
    pub diocese_informed: bool,
}

impl CurrentDecision {
    fn of(d: &Decision) -> CurrentDecision {
        CurrentDecision {
            date: d.date,
            category: d.category.clone(),
            previous: d.previous.clone(),
            at_risk: d.at_risk,
            school_informed: d.school_informed.is_some(),
            diocese_informed: d.diocese_informed.is_some(),
        }
    }
    fn awaiting_communication(&self, has_diocese: bool) -> bool {
        super::decision::awaiting_communication(
            self.school_informed,
            self.diocese_informed,
            has_diocese,
        )
    }
}

/// The dates of a school's latest checkpoint review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDates {
    pub date: NaiveDate,
    pub next_due: Option<NaiveDate>,
}

impl ReviewDates {
    fn of(r: &CheckpointReview) -> ReviewDates {
        ReviewDates {
            date: r.date,
            next_due: r.next_due,
        }
    }
}

/// The facts of every school in `input.schools` (same order), taken on `as_of`: they give the
/// same rows as the records for any day on or after `as_of`.
pub fn school_facts(input: &BoardInput<'_>, as_of: NaiveDate) -> Vec<SchoolFacts> {
    let current = current_decisions(input.decisions);
    super::work::seen(input.activities.len() + input.actions.len());
    let mut visits: HashMap<Urn, Vec<NaiveDate>> = HashMap::new();
    for a in input.activities {
        if a.kind == ActivityKind::Visit && a.status == ActivityStatus::Done {
            visits.entry(a.urn).or_default().push(a.date());
        }
    }
    let latest_review = latest_reviews(input.checkpoints);
    let planned = earliest_planned_reviews(input.activities);
    let mut open: HashMap<Urn, Vec<Option<NaiveDate>>> = HashMap::new();
    for a in input.actions.iter().filter(|a| a.is_open()) {
        open.entry(a.urn).or_default().push(a.due);
    }
    let mut steps: HashMap<Urn, Vec<&EscalationStep>> = HashMap::new();
    for e in input.escalations {
        steps.entry(e.urn).or_default().push(e);
    }
    input
        .schools
        .iter()
        .map(|s| {
            let mut v = visits.remove(&s.urn).unwrap_or_default();
            v.sort_unstable();
            v.dedup();
            // Keep the latest past visit and everything after it.
            let first = v.partition_point(|d| *d <= as_of).saturating_sub(1);
            v.drain(..first);
            SchoolFacts {
                urn: s.urn,
                current: current.get(&s.urn).map(|d| CurrentDecision::of(d)),
                latest_review: latest_review.get(&s.urn).copied(),
                planned_review: planned.get(&s.urn).copied(),
                visits: v,
                open_actions: open.remove(&s.urn).unwrap_or_default(),
                escalation: steps.remove(&s.urn).and_then(EscalationMark::of),
            }
        })
        .collect()
}

/// The board's rows from the schools and their facts (matched by urn; a school without facts
/// has no decision, visit, review or action). `today` must not be before the facts' day.
pub fn rows_from_facts<'a>(
    scheme: &Scheme,
    schools: impl IntoIterator<Item = &'a School>,
    facts: &[SchoolFacts],
    today: NaiveDate,
) -> Vec<BoardRow> {
    let by_urn: HashMap<Urn, &SchoolFacts> = facts.iter().map(|f| (f.urn, f)).collect();
    let n = scheme.categories.len();
    schools
        .into_iter()
        .map(|s| {
            let f = by_urn.get(&s.urn).copied();
            let dec = f.and_then(|f| f.current.as_ref());
            let next = next_checkpoint(
                scheme,
                dec.map(|d| (d.category.as_str(), d.date)),
                f.and_then(|f| f.planned_review),
                f.and_then(|f| f.latest_review),
            );
            let dues = f.map_or(&[][..], |f| &f.open_actions[..]);
            BoardRow {
                urn: s.urn,
                name: s.name.clone(),
                category: dec.map(|d| d.category.clone()),
                rank: dec.map_or(n + 1, |d| scheme.rank(&d.category)),
                change: dec.map_or(Change::New, |d| {
                    scheme.change(d.previous.as_deref(), &d.category)
                }),
                at_risk: dec.is_some_and(|d| d.at_risk),
                last_visit: f.and_then(|f| f.visits.iter().rev().find(|d| **d <= today).copied()),
                next_checkpoint: next.map(|n| n.date),
                checkpoint_planned: next.is_some_and(|n| n.planned),
                checkpoint_overdue: next.is_some_and(|n| is_overdue(n.date, today)),
                open_actions: dues.len(),
                overdue_actions: dues.iter().filter(|d| past_due(**d, today)).count(),
                to_inform: dec.is_some_and(|d| d.awaiting_communication(s.diocese.is_some())),
                escalation: f.and_then(|f| f.escalation),
            }
        })
        .collect()
}

pub fn board_rows(input: &BoardInput<'_>, today: NaiveDate) -> Vec<BoardRow> {
    rows_from_facts(
        input.scheme,
        input.schools,
        &school_facts(input, today),
        today,
    )
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
