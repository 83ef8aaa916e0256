//! SQA meetings: the termly desktop review of every school.

use super::calendar::{AcademicYear, Term};
use super::decision::Id;
use super::school::Urn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    Planned,
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgendaState {
    Pending,
    Decided,
    Skipped,
    Deferred,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub urn: Urn,
    pub state: AgendaState,
    pub decision: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: Id,
    pub date: NaiveDate,
    pub term: Term,
    pub year: AcademicYear,
    pub title: String,
    pub attendees: Vec<String>,
    pub agenda: Vec<AgendaItem>,
    pub status: MeetingStatus,
    pub rev: u64,
}
