//! Agreed actions, from notes of visits, meetings and checkpoints.

use super::decision::Id;
use super::school::Urn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionSource {
    Note(Id),
    Meeting(Id),
    Checkpoint(Id),
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn name(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: Id,
    pub urn: Urn,
    pub source: ActionSource,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub completed: Option<NaiveDate>,
    pub rev: u64,
}

impl Action {
    pub fn is_open(&self) -> bool {
        self.status == ActionStatus::Open
    }
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && past_due(self.due, today)
    }
}

/// An open action with this due date is overdue on `today` (no due date: never).
pub fn past_due(due: Option<NaiveDate>, today: NaiveDate) -> bool {
    due.is_some_and(|d| d < today)
}
