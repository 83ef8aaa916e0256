//! Notes of visits. A draft until finalised; a finalised note is amended, never rewritten.

use super::decision::{Area, Id};
use super::school::Urn;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteStatus {
    Draft,
    Final,
}

/// A row of agreed actions as typed in the note; saving turns each into an `Action`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgreedAction {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The `Action` record made from this row once saved.
    pub action: Option<Id>,
}

/// The content of a note: everything an officer writes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NoteBody {
    pub date: Option<NaiveDate>,
    pub visitors: Vec<String>,
    pub visit_type: String,
    pub purpose: String,
    pub people_met: String,
    pub focus: Vec<Area>,
    pub evidence: String,
    pub strengths: String,
    pub development: String,
    pub actions: Vec<AgreedAction>,
    pub next_steps: String,
    pub next_visit: Option<NaiveDate>,
    pub text: String,
}

/// A past version of a finalised note, kept when it is amended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub version: u32,
    pub reason: String,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The body as it was before this amendment.
    pub previous: NoteBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: Id,
    pub urn: Urn,
    pub author: String,
    pub created: DateTime<Utc>,
    pub status: NoteStatus,
    pub finalised: Option<DateTime<Utc>>,
    pub body: NoteBody,
    pub amendments: Vec<Amendment>,
    pub rev: u64,
}

impl Note {
    pub fn date(&self) -> NaiveDate {
        self.body.date.unwrap_or_else(|| self.created.date_naive())
    }
    pub fn version(&self) -> u32 {
        self.amendments.len() as u32 + 1
    }
    /// A one-line title for lists.
    pub fn title(&self) -> String {
        let p = self.body.purpose.lines().next().unwrap_or("").trim();
        if p.is_empty() {
            self.body.visit_type.clone()
        } else {
            format!("{}: {}", self.body.visit_type, p)
        }
    }
}
