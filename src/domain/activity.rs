//! Activities that make up a school's timeline across the academic year.

use super::decision::Id;
use super::school::Urn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActivityKind {
    Visit,
    StrategyMeeting,
    DeepDive,
    PeerReview,
    GovernanceReview,
    GoverningBoard,
    OfstedInspection,
    Training,
    CheckpointReview,
    SqaReview,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 10] = [
        ActivityKind::Visit,
        ActivityKind::StrategyMeeting,
        ActivityKind::DeepDive,
        ActivityKind::PeerReview,
        ActivityKind::GovernanceReview,
        ActivityKind::GoverningBoard,
        ActivityKind::OfstedInspection,
        ActivityKind::Training,
        ActivityKind::CheckpointReview,
        ActivityKind::SqaReview,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ActivityKind::Visit => "Visit",
            ActivityKind::StrategyMeeting => "LA strategy meeting",
            ActivityKind::DeepDive => "Deep dive",
            ActivityKind::PeerReview => "Peer review",
            ActivityKind::GovernanceReview => "Review of governance",
            ActivityKind::GoverningBoard => "Governing board meeting",
            ActivityKind::OfstedInspection => "Ofsted inspection",
            ActivityKind::Training => "Training",
            ActivityKind::CheckpointReview => "Checkpoint review",
            ActivityKind::SqaReview => "SQA review",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityStatus {
    Planned,
    Done,
    Cancelled,
}

/// Status as a person sees it on a given day: a planned activity whose date has passed is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShownStatus {
    Planned,
    Done,
    Cancelled,
    Overdue,
}

impl ShownStatus {
    pub fn name(self) -> &'static str {
        match self {
            ShownStatus::Planned => "planned",
            ShownStatus::Done => "done",
            ShownStatus::Cancelled => "cancelled",
            ShownStatus::Overdue => "OVERDUE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub urn: Urn,
    pub kind: ActivityKind,
    pub title: String,
    pub planned: NaiveDate,
    pub done: Option<NaiveDate>,
    pub status: ActivityStatus,
    pub owner: String,
    /// The note of visit that records it.
    pub note: Option<Id>,
    pub rev: u64,
}

impl Activity {
    pub fn shown_status(&self, today: NaiveDate) -> ShownStatus {
        match self.status {
            ActivityStatus::Done => ShownStatus::Done,
            ActivityStatus::Cancelled => ShownStatus::Cancelled,
            ActivityStatus::Planned if self.planned < today => ShownStatus::Overdue,
            ActivityStatus::Planned => ShownStatus::Planned,
        }
    }
    /// The date that places it on a timeline: when it happened, else when it is planned.
    pub fn date(&self) -> NaiveDate {
        self.done.unwrap_or(self.planned)
    }
}
