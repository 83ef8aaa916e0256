//! Schedules: a school's year of activities, and what falls due across all schools in the coming
//! weeks, grouped by week. Pure: the same records and day give the same lists.

use super::activity::{Activity, ActivityKind, ActivityStatus};
use super::board::{current_decisions, earliest_planned_reviews, latest_reviews, next_checkpoint};
use super::calendar::{AcademicYear, week_start};
use super::checkpoint::{CheckpointReview, is_overdue};
use super::dataset::Dataset;
use super::decision::Id;
use super::school::Urn;
use super::text::clean_line;
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;

/// A school's activities placed in an academic year (by `Activity::date`), by date then id.
pub fn year_activities<'a>(
    activities: impl IntoIterator<Item = &'a Activity>,
    urn: Urn,
    year: AcademicYear,
) -> Vec<&'a Activity> {
    let mut n = 0;
    let mut v: Vec<&Activity> = activities
        .into_iter()
        .inspect(|_| n += 1)
        .filter(|a| a.urn == urn && year.contains(a.date()))
        .collect();
    super::work::seen(n);
    v.sort_by_key(|a| (a.date(), a.id));
    v
}

/// When a decision puts a school in a category whose entitlement calls for checkpoint reviews
/// every `weeks`, the review to plan: one by `decided + weeks`, unless a planned (not done,
/// not cancelled) review already falls within that window — then nothing, so a raise never
/// puts a second "first" review beside one already in the diary.
pub fn checkpoint_to_plan(
    activities: &[Activity],
    urn: Urn,
    decided: NaiveDate,
    weeks: u32,
) -> Option<NaiveDate> {
    let by = decided + Duration::weeks(i64::from(weeks));
    super::work::seen(activities.len());
    let planned_in_window = activities.iter().any(|a| {
        a.urn == urn
            && a.kind == ActivityKind::CheckpointReview
            && a.status == ActivityStatus::Planned
            && a.planned <= by
    });
    (!planned_in_window).then_some(by)
}

/// How many days either side of a note of visit a planned visit may be and still be the visit
/// the note records (config `visit_match_days`).
pub const VISIT_MATCH_DAYS: u32 = 14;

/// The visit a saved note of visit records, to save with it (`None`: nothing to change). The
/// visit already linked to the note follows its date; else the school's planned visit nearest
/// the note's date within `window` days is marked done; else a done visit is recorded (`fresh`
/// gives its id). A note dated after `today` records nothing yet: the visit has not happened.
pub fn visit_for_note<'a>(
    activities: impl IntoIterator<Item = &'a Activity>,
    note: &super::note::Note,
    today: NaiveDate,
    window: u32,
    fresh: impl FnOnce() -> Option<Id>,
) -> Option<Activity> {
    // The school's own visits are all that can match (the caller may pass only those).
    let activities: Vec<&Activity> = activities
        .into_iter()
        .filter(|a| a.urn == note.urn)
        .collect();
    let day = note.date();
    let linked = activities
        .iter()
        .copied()
        .find(|a| a.kind == ActivityKind::Visit && a.note == Some(note.id));
    if let Some(a) = linked {
        if a.done == Some(day) && a.status == ActivityStatus::Done {
            return None;
        }
        let mut a = a.clone();
        a.status = ActivityStatus::Done;
        a.done = Some(day);
        return Some(a);
    }
    if day > today {
        return None;
    }
    let w = i64::from(window);
    let planned = activities
        .iter()
        .copied()
        .filter(|a| {
            a.urn == note.urn
                && a.kind == ActivityKind::Visit
                && a.status == ActivityStatus::Planned
                && a.note.is_none()
                && (a.planned - day).num_days().abs() <= w
        })
        .min_by_key(|a| ((a.planned - day).num_days().abs(), a.planned, a.id));
    if let Some(a) = planned {
        let mut a = a.clone();
        a.status = ActivityStatus::Done;
        a.done = Some(day);
        a.note = Some(note.id);
        return Some(a);
    }
    let title = clean_line(&note.body.visit_type);
    Some(Activity {
        id: fresh()?,
        urn: note.urn,
        kind: ActivityKind::Visit,
        title: if title.trim().is_empty() {
            "Visit".into()
        } else {
            title
        },
        planned: day,
        done: Some(day),
        status: ActivityStatus::Done,
        owner: clean_line(&note.author),
        note: Some(note.id),
        rev: 0,
    })
}

/// The checkpoint review to plan for a school when none is planned: on the date the entitlement
/// proposes (`board::next_checkpoint`), owned by the link officer. `None` when one is planned
/// already or the category has no checkpoint reviews.
pub fn proposed_review(data: &Dataset, urn: Urn, id: Id) -> Option<Activity> {
    let next = super::board::school_next_checkpoint(&super::board::BoardInput::of(data), urn)
        .filter(|n| !n.planned)?;
    let owner = data
        .schools
        .iter()
        .find(|s| s.urn == urn)
        .map(|s| clean_line(&s.link_officer))
        .unwrap_or_default();
    Some(Activity {
        id,
        urn,
        kind: ActivityKind::CheckpointReview,
        title: "Checkpoint review".into(),
        planned: next.date,
        done: None,
        status: ActivityStatus::Planned,
        owner,
        note: None,
        rev: 0,
    })
}

/// The next link-officer visit to plan after a visit on `after`, when the school has none planned
/// after that day: the category's entitlement spreads its visits over the academic year (39
/// school weeks), so the next falls that many weeks on, owned by the link officer. `None` when
/// a visit is planned already, or the category has no visits.
pub fn proposed_visit(data: &Dataset, urn: Urn, after: NaiveDate, id: Id) -> Option<Activity> {
    let planned = data.activities.iter().any(|a| {
        a.urn == urn
            && a.kind == ActivityKind::Visit
            && a.status == ActivityStatus::Planned
            && a.planned > after
    });
    if planned {
        return None;
    }
    let current = super::board::current_decisions(&data.decisions);
    let category = current
        .get(&urn)
        .and_then(|d| data.scheme.get(&d.category))?;
    let per_year = category.entitlement.visits_per_year;
    if per_year == 0 {
        return None;
    }
    // School weeks in a year, shared out; at least a week apart.
    let weeks = (39 / per_year).max(1);
    let owner = data
        .schools
        .iter()
        .find(|s| s.urn == urn)
        .map(|s| clean_line(&s.link_officer))
        .unwrap_or_default();
    Some(Activity {
        id,
        urn,
        kind: ActivityKind::Visit,
        title: "Visit".into(),
        planned: after + chrono::Duration::weeks(i64::from(weeks)),
        done: None,
        status: ActivityStatus::Planned,
        owner,
        note: None,
        rev: 0,
    })
}

/// When `checkpoint_to_plan` asks for a review by `by` and the school has one planned only
/// later (under the old, slower entitlement): that review, moved to `by`. Re-planning it rather
/// than planning another keeps one review in the diary where the new entitlement wants one.
pub fn checkpoint_to_move(activities: &[Activity], urn: Urn, by: NaiveDate) -> Option<Activity> {
    super::work::seen(activities.len());
    let later = activities
        .iter()
        .filter(|a| {
            a.urn == urn
                && a.kind == ActivityKind::CheckpointReview
                && a.status == ActivityStatus::Planned
                && a.planned > by
        })
        .min_by_key(|a| (a.planned, a.id))?;
    let mut a = later.clone();
    a.planned = by;
    Some(a)
}

/// The activity kinds present in a list, in `ActivityKind::ALL` order.
pub fn kinds_present(list: &[&Activity]) -> Vec<ActivityKind> {
    ActivityKind::ALL
        .into_iter()
        .filter(|k| list.iter().any(|a| a.kind == *k))
        .collect()
}

/// The latest checkpoint review of a school: latest date, then highest id.
pub fn latest_review<'a>(
    checkpoints: impl IntoIterator<Item = &'a CheckpointReview>,
    urn: Urn,
) -> Option<&'a CheckpointReview> {
    let mut n = 0;
    let last = checkpoints
        .into_iter()
        .inspect(|_| n += 1)
        .filter(|r| r.urn == urn)
        .max_by_key(|r| (r.date, r.id));
    super::work::seen(n);
    last
}

/// A school's checkpoint reviews, newest first (date, then id).
pub fn reviews_newest_first<'a>(
    checkpoints: impl IntoIterator<Item = &'a CheckpointReview>,
    urn: Urn,
) -> Vec<&'a CheckpointReview> {
    let mut v: Vec<&CheckpointReview> = checkpoints.into_iter().filter(|r| r.urn == urn).collect();
    super::work::seen(v.len());
    v.sort_by_key(|r| std::cmp::Reverse((r.date, r.id)));
    v
}

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueWhat {
    /// A checkpoint review the entitlement calls for while none is planned (the board's rule,
    /// `board::next_checkpoint`); planned reviews are listed as activities.
    Checkpoint,
    /// A planned activity (its id).
    Activity(ActivityKind, Id),
}

impl DueWhat {
    pub fn name(self) -> &'static str {
        match self {
            DueWhat::Checkpoint => "Checkpoint review (not planned)",
            DueWhat::Activity(k, _) => k.name(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub urn: Urn,
    pub school: String,
    pub what: DueWhat,
    pub date: NaiveDate,
    pub overdue: bool,
    /// The activity's owner, or the school's link officer for a checkpoint.
    pub owner: String,
    /// The school's current category key.
    pub category: Option<String>,
}

/// Filters of the due list (`None` = all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueFilter {
    pub officer: Option<String>,
    pub priority: Option<String>,
}

/// Everything due from `today` for `weeks` weeks (up to the Sunday of the last week), plus
/// everything overdue, overdue first then by date and school name.
pub fn due_items(data: &Dataset, today: NaiveDate, weeks: u32, f: &DueFilter) -> Vec<DueItem> {
    let until = week_start(today) + Duration::weeks(i64::from(weeks)) - Duration::days(1);
    let current = current_decisions(&data.decisions);
    let mut out = Vec::new();
    let planned = earliest_planned_reviews(&data.activities);
    let reviews = latest_reviews(&data.checkpoints);
    for s in &data.schools {
        let Some(dec) = current.get(&s.urn) else {
            continue;
        };
        let next = next_checkpoint(
            &data.scheme,
            Some((dec.category.as_str(), dec.date)),
            planned.get(&s.urn).copied(),
            reviews.get(&s.urn).copied(),
        );
        // A planned review is listed below with the other planned activities.
        if let Some(n) = next.filter(|n| !n.planned) {
            let due = n.date;
            if due <= until {
                out.push(DueItem {
                    urn: s.urn,
                    school: clean_line(&s.name),
                    what: DueWhat::Checkpoint,
                    date: due,
                    overdue: is_overdue(due, today),
                    owner: clean_line(&s.link_officer),
                    category: Some(dec.category.clone()),
                });
            }
        }
    }
    let schools: HashMap<Urn, &super::school::School> =
        data.schools.iter().map(|s| (s.urn, s)).collect();
    for a in &data.activities {
        if a.status != ActivityStatus::Planned || a.planned > until {
            continue;
        }
        let Some(s) = schools.get(&a.urn) else {
            continue;
        };
        out.push(DueItem {
            urn: a.urn,
            school: clean_line(&s.name),
            what: DueWhat::Activity(a.kind, a.id),
            date: a.planned,
            overdue: is_overdue(a.planned, today),
            owner: clean_line(&a.owner),
            category: current.get(&a.urn).map(|d| d.category.clone()),
        });
    }
    out.retain(|i| {
        f.officer.as_ref().is_none_or(|o| *o == i.owner)
            && f.priority
                .as_ref()
                .is_none_or(|p| i.category.as_ref() == Some(p))
    });
    out.sort_by(|a, b| {
        (!a.overdue, a.date, &a.school, a.what.name()).cmp(&(
            !b.overdue,
            b.date,
            &b.school,
            b.what.name(),
        ))
    });
    out
}

/// A group of the due list: everything overdue, or a week (its Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueGroup {
    Overdue,
    Week(NaiveDate),
}

/// Groups a sorted due list: overdue first, then by week commencing Monday.
pub fn group_by_week(items: &[DueItem]) -> Vec<(DueGroup, Vec<&DueItem>)> {
    let mut out: Vec<(DueGroup, Vec<&DueItem>)> = Vec::new();
    for i in items {
        let g = if i.overdue {
            DueGroup::Overdue
        } else {
            DueGroup::Week(week_start(i.date))
        };
        match out.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(i),
            None => out.push((g, vec![i])),
        }
    }
    out.sort_by_key(|(g, _)| *g);
    out
}

/// The officers a due list can be filtered on: link officers and activity owners, sorted.
pub fn officers(data: &Dataset) -> Vec<String> {
    let mut v: Vec<String> = data
        .schools
        .iter()
        .map(|s| clean_line(&s.link_officer))
        .chain(data.activities.iter().map(|a| clean_line(&a.owner)))
        .filter(|s| !s.trim().is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Cycles `None → first → … → last → None` (or backwards).
pub fn cycle<T: PartialEq + Clone>(cur: &Option<T>, opts: &[T], dir: isize) -> Option<T> {
    if opts.is_empty() {
        return None;
    }
    let n = opts.len() as isize + 1;
    let i = match cur {
        None => 0,
        Some(v) => opts
            .iter()
            .position(|o| o == v)
            .map_or(0, |p| p as isize + 1),
    };
    let j = (i + dir).rem_euclid(n);
    if j == 0 {
        None
    } else {
        opts.get(j as usize - 1).cloned()
    }
}

/// Where a date falls on an axis of `width` cells spanning the academic year (0-based).
pub fn axis_x(year: AcademicYear, date: NaiveDate, width: usize) -> Option<usize> {
    if width == 0 || !year.contains(date) {
        return None;
    }
    let days = (year.end() - year.start()).num_days() + 1;
    let at = (date - year.start()).num_days();
    Some(((at as usize) * width / days as usize).min(width - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn axis_spans_the_year() {
        let y = AcademicYear(2026);
        assert_eq!(axis_x(y, d(2026, 9, 1), 60), Some(0));
        assert_eq!(axis_x(y, d(2027, 8, 31), 60), Some(59));
        assert_eq!(axis_x(y, d(2026, 8, 31), 60), None);
        assert_eq!(axis_x(y, d(2027, 3, 1), 365), Some(181));
        // A leap year is a day longer and still fits.
        assert_eq!(axis_x(AcademicYear(2027), d(2028, 8, 31), 366), Some(365));
        assert_eq!(axis_x(AcademicYear(2027), d(2028, 2, 29), 366), Some(181));
    }
}
