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
    /// Why the school was deferred (asked for, and in the minutes). Absent from files written
    /// before it was kept.
    #[serde(default)]
    pub reason: Option<String>,
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
    /// The minutes as filed when the meeting was closed: what `sqa minutes` prints from then
    /// on, whatever changes after (a school informed later). `None` until closed, and for
    /// meetings closed before the text was kept (their minutes are written from the records).
    #[serde(default)]
    pub minutes: Option<String>,
    pub rev: u64,
}
