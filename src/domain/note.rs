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
    /// The school's response to the note, once it has been received (schema 2).
    #[serde(default)]
    pub response: Option<SchoolResponse>,
    pub rev: u64,
}

/// What the school said back about a note of visit sent to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolResponse {
    /// The day the response was received.
    pub received: NaiveDate,
    /// The school asks for factual corrections (`false`: it accepts the note as accurate).
    pub corrections: bool,
    /// What the school said: the corrections asked for, or any comment.
    pub comment: String,
    /// Who recorded it, and when.
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl SchoolResponse {
    /// "Accurate" or "Factual corrections requested".
    pub fn verdict(&self) -> &'static str {
        if self.corrections {
            "Factual corrections requested"
        } else {
            "Accepted as accurate"
        }
    }
}

impl NoteBody {
    /// The text fields with the labels the note's view uses (agreed actions one line each).
    pub fn labelled(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![
            ("Purpose", self.purpose.clone()),
            ("Visit type", self.visit_type.clone()),
            ("People met", self.people_met.clone()),
            ("Evidence seen", self.evidence.clone()),
            ("Strengths", self.strengths.clone()),
            ("Areas for development", self.development.clone()),
            ("Next steps", self.next_steps.clone()),
            ("Notes", self.text.clone()),
            ("Visitors", self.visitors.join(", ")),
        ];
        for a in &self.actions {
            v.push(("Agreed action", a.text.clone()));
        }
        v
    }
}

impl Note {
    pub fn date(&self) -> NaiveDate {
        self.body.date.unwrap_or_else(|| self.created.date_naive())
    }
    pub fn version(&self) -> u32 {
        self.amendments.len() as u32 + 1
    }
    /// The amendments in the order they were made: the i-th (from 0) made version i + 2.
    pub fn amendments_in_order(&self) -> Vec<&Amendment> {
        let mut v: Vec<&Amendment> = self.amendments.iter().collect();
        v.sort_by_key(|a| (a.version, a.at));
        v
    }
    /// The body of version `v` (1 = as first written; the current version is `version()`),
    /// or `None` if there is no such version.
    pub fn body_of(&self, v: u32) -> Option<&NoteBody> {
        if v == self.version() {
            return Some(&self.body);
        }
        // Each amendment keeps the body it replaced: the one that made version v + 1.
        let i = usize::try_from(v.checked_sub(1)?).ok()?;
        self.amendments_in_order().get(i).map(|a| &a.previous)
    }
    /// Who made version `v` and when ("written" for version 1; the amendment's officer,
    /// time and reason after that): (login, when, reason).
    pub fn made_by(&self, v: u32) -> Option<(&str, DateTime<Utc>, Option<&str>)> {
        if v == 1 {
            return Some((&self.author, self.created, None));
        }
        let i = usize::try_from(v.checked_sub(2)?).ok()?;
        let a = self.amendments_in_order().into_iter().nth(i)?;
        Some((&a.author, a.at, Some(a.reason.as_str())))
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
