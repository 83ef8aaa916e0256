//! Saving, as data: the app asks for records to be saved (an `Effect::Save`), the runtime does
//! it against the store and hands the outcome back (`App::saved` / `App::save_failed`). The app
//! never touches the store itself.

use crate::domain::{
    Action as ActionRecord, Activity, CheckpointReview, Decision, EscalationStep, Id, Meeting,
    Note, School, SupportPlan,
};

/// Any record the app can ask to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    School(School),
    Decision(Decision),
    Meeting(Meeting),
    Activity(Activity),
    Plan(SupportPlan),
    Checkpoint(CheckpointReview),
    Note(Note),
    Action(ActionRecord),
    Escalation(EscalationStep),
}

impl Record {
    pub fn kind(&self) -> &'static str {
        match self {
            Record::School(_) => "school",
            Record::Decision(_) => "decision",
            Record::Meeting(_) => "meeting",
            Record::Activity(_) => "activity",
            Record::Plan(_) => "plan",
            Record::Checkpoint(_) => "checkpoint",
            Record::Note(_) => "note",
            Record::Action(_) => "action",
            Record::Escalation(_) => "escalation",
        }
    }
    /// The record's key as the store writes it in audit entries and conflicts.
    pub fn key_text(&self) -> String {
        use crate::store::Record as _;
        match self {
            Record::School(r) => r.key_text(),
            Record::Decision(r) => r.key_text(),
            Record::Meeting(r) => r.key_text(),
            Record::Activity(r) => r.key_text(),
            Record::Plan(r) => r.key_text(),
            Record::Checkpoint(r) => r.key_text(),
            Record::Note(r) => r.key_text(),
            Record::Action(r) => r.key_text(),
            Record::Escalation(r) => r.key_text(),
        }
    }
    /// The school the record belongs to (`None` for a meeting, which has many).
    pub fn urn(&self) -> Option<crate::domain::Urn> {
        match self {
            Record::School(r) => Some(r.urn),
            Record::Decision(r) => Some(r.urn),
            Record::Meeting(_) => None,
            Record::Activity(r) => Some(r.urn),
            Record::Plan(r) => Some(r.urn),
            Record::Checkpoint(r) => Some(r.urn),
            Record::Note(r) => Some(r.urn),
            Record::Action(r) => Some(r.urn),
            Record::Escalation(r) => Some(r.urn),
        }
    }
    /// The record's revision.
    pub fn rev(&self) -> u64 {
        use crate::store::Record as _;
        match self {
            Record::School(r) => r.rev(),
            Record::Decision(r) => r.rev(),
            Record::Meeting(r) => r.rev(),
            Record::Activity(r) => r.rev(),
            Record::Plan(r) => r.rev(),
            Record::Checkpoint(r) => r.rev(),
            Record::Note(r) => r.rev(),
            Record::Action(r) => r.rev(),
            Record::Escalation(r) => r.rev(),
        }
    }
    pub fn set_rev(&mut self, rev: u64) {
        use crate::store::Record as _;
        match self {
            Record::School(r) => r.set_rev(rev),
            Record::Decision(r) => r.set_rev(rev),
            Record::Meeting(r) => r.set_rev(rev),
            Record::Activity(r) => r.set_rev(rev),
            Record::Plan(r) => r.set_rev(rev),
            Record::Checkpoint(r) => r.set_rev(rev),
            Record::Note(r) => r.set_rev(rev),
            Record::Action(r) => r.set_rev(rev),
            Record::Escalation(r) => r.set_rev(rev),
        }
    }
    /// The record's id (the URN for a school).
    pub fn id(&self) -> Id {
        match self {
            Record::School(r) => r.urn as Id,
            Record::Decision(r) => r.id,
            Record::Meeting(r) => r.id,
            Record::Activity(r) => r.id,
            Record::Plan(r) => r.id,
            Record::Checkpoint(r) => r.id,
            Record::Note(r) => r.id,
            Record::Action(r) => r.id,
            Record::Escalation(r) => r.id,
        }
    }
}

/// What one user action saves: records of any kinds, written as one commit (one transaction,
/// one flush), each with its own audit entry.
/// The `summary` is what the audit trail says ("created", "finalised", "amended: reason").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub records: Vec<(Record, String)>,
    /// What the status line says when every record is saved, e.g. "Note saved".
    pub done_message: String,
}

/// Why a save did not happen, as the app needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveFailure {
    /// Someone else saved this record meanwhile: the user's version is kept in the form.
    Conflict {
        kind: String,
        id: Id,
        message: String,
        /// The record as it is now in the store, and who saved it when, for the choices
        /// `App::save_failed` offers (view theirs, keep mine, save over theirs, discard mine).
        theirs: Option<Box<Theirs>>,
    },
    Other(String),
}

/// Someone else's save that a save of ours ran into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theirs {
    pub record: Record,
    /// Their login and time, from the audit trail (empty / `None` when it has no entry).
    pub by: String,
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

impl SaveFailure {
    pub fn message(&self) -> &str {
        match self {
            SaveFailure::Conflict { message, .. } | SaveFailure::Other(message) => message,
        }
    }
}

/// Where new record ids come from. The store provides them in the runtime; tests use a counter.
/// Ids are handed out before a save so that records can refer to each other (a note to its
/// actions) in one request.
pub type IdSource = Box<dyn FnMut() -> Option<Id> + Send>;

/// A counter, for tests and for a session without a store.
pub fn counter_ids(start: Id) -> IdSource {
    let mut next = start;
    Box::new(move || {
        next += 1;
        Some(next)
    })
}
