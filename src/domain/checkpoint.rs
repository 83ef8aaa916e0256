//! Checkpoint reviews against a support plan, and when the next one falls due.

use super::decision::Id;
use super::priority::Entitlement;
use super::school::Urn;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Progress {
    OnTrack,
    SomeConcern,
    NotOnTrack,
}

impl Progress {
    pub fn name(self) -> &'static str {
        match self {
            Progress::OnTrack => "On track",
            Progress::SomeConcern => "Some concern",
            Progress::NotOnTrack => "Not on track",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Recommendation {
    Keep,
    Raise,
    Lower,
}

impl Recommendation {
    pub fn name(self) -> &'static str {
        match self {
            Recommendation::Keep => "Keep priority",
            Recommendation::Raise => "Raise priority",
            Recommendation::Lower => "Lower priority",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityProgress {
    /// Index into the support plan's priorities.
    pub priority: usize,
    pub progress: Progress,
    pub commentary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointReview {
    pub id: Id,
    pub urn: Urn,
    pub date: NaiveDate,
    pub reviewer: String,
    pub plan: Option<Id>,
    pub progress: Vec<PriorityProgress>,
    pub overall: Progress,
    pub judgement: String,
    pub recommendation: Recommendation,
    pub next_due: Option<NaiveDate>,
    pub rev: u64,
}

/// The next checkpoint date an entitlement gives after a review on `last`.
pub fn next_checkpoint(last: NaiveDate, entitlement: &Entitlement) -> Option<NaiveDate> {
    entitlement
        .checkpoint_weeks
        .map(|w| last + Duration::weeks(w as i64))
}

/// Whether a due date has passed on `today` (due today is not yet overdue).
pub fn is_overdue(due: NaiveDate, today: NaiveDate) -> bool {
    due < today
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::priority::Scheme;
    #[test]
    fn entitlement_gives_next_checkpoint() {
        let s = Scheme::la_default();
        let d = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        let high = &s.get("high").unwrap().entitlement;
        assert_eq!(
            next_checkpoint(d, high),
            NaiveDate::from_ymd_opt(2027, 1, 31)
        );
        assert_eq!(next_checkpoint(d, &s.get("low").unwrap().entitlement), None);
        let leap = NaiveDate::from_ymd_opt(2028, 1, 18).unwrap();
        assert_eq!(
            next_checkpoint(leap, high),
            NaiveDate::from_ymd_opt(2028, 2, 29)
        );
        assert!(is_overdue(d, d + Duration::days(1)));
        assert!(!is_overdue(d, d));
    }
}
