//! Older schemas, kept so that a store written by an older sqa-board still opens. A migration
//! runs on read; the record is written in the current schema the next time it is saved.
//!
//! History:
//! - school v1 → v2: added `chair_of_governors` and `opened`.
//! - school v2 → v3: added `report_card` (the November 2025 framework; an older school's
//!   inspection reads as the "overall grade" kind), and the LA's own `contact_email` and `notes`.
//! - meeting v1 → v2: added each agenda item's `reason` and the meeting's filed `minutes`.
//! - note v1 → v2: added the school's `response`.
//! - scheme v1 → v2: added `map` (an earlier scheme's categories and what each now counts as).

use super::envelope::decode_body;
use crate::domain::calendar::{AcademicYear, Term};
use crate::domain::{
    AgendaItem, AgendaState, Amendment, Id, Meeting, MeetingStatus, Note, NoteBody, NoteStatus,
    OfstedOutcome, Phase, School, SchoolType, Urn,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// School as schema 1 stored it. Field order matters to bincode: never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolV1 {
    pub urn: Urn,
    pub name: String,
    pub phase: Phase,
    pub school_type: SchoolType,
    pub trust: Option<String>,
    pub diocese: Option<String>,
    pub headteacher: String,
    pub link_officer: String,
    pub pupils: u32,
    pub ofsted: OfstedOutcome,
    pub ofsted_date: Option<NaiveDate>,
    pub rev: u64,
}

impl From<SchoolV1> for SchoolV2 {
    fn from(v: SchoolV1) -> SchoolV2 {
        SchoolV2 {
            urn: v.urn,
            name: v.name,
            phase: v.phase,
            school_type: v.school_type,
            trust: v.trust,
            diocese: v.diocese,
            headteacher: v.headteacher,
            // Not recorded before v2: blank, for an officer to fill in.
            chair_of_governors: String::new(),
            link_officer: v.link_officer,
            pupils: v.pupils,
            ofsted: v.ofsted,
            ofsted_date: v.ofsted_date,
            opened: None,
            rev: v.rev,
        }
    }
}

/// School as schema 2 stored it. Field order matters to bincode: never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolV2 {
    pub urn: Urn,
    pub name: String,
    pub phase: Phase,
    pub school_type: SchoolType,
    pub trust: Option<String>,
    pub diocese: Option<String>,
    pub headteacher: String,
    pub chair_of_governors: String,
    pub link_officer: String,
    pub pupils: u32,
    pub ofsted: OfstedOutcome,
    pub ofsted_date: Option<NaiveDate>,
    pub opened: Option<NaiveDate>,
    pub rev: u64,
}

impl From<SchoolV2> for School {
    fn from(v: SchoolV2) -> School {
        School {
            urn: v.urn,
            name: v.name,
            phase: v.phase,
            school_type: v.school_type,
            trust: v.trust,
            diocese: v.diocese,
            headteacher: v.headteacher,
            chair_of_governors: v.chair_of_governors,
            link_officer: v.link_officer,
            // Not recorded before v3.
            contact_email: String::new(),
            notes: String::new(),
            pupils: v.pupils,
            ofsted: v.ofsted,
            ofsted_date: v.ofsted_date,
            // No report card before v3: the overall grade is the school's inspection.
            report_card: None,
            opened: v.opened,
            rev: v.rev,
        }
    }
}

pub fn school(found: u16, body: &[u8]) -> Result<School, String> {
    match found {
        1 => decode_body::<SchoolV1>(body).map(|v| School::from(SchoolV2::from(v))),
        2 => decode_body::<SchoolV2>(body).map(School::from),
        _ => Err(format!("no migration from school schema {found}")),
    }
}

/// An agenda item as meeting schema 1 stored it. Field order matters to bincode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemV1 {
    pub urn: Urn,
    pub state: AgendaState,
    pub decision: Option<Id>,
}

/// Meeting as schema 1 stored it. Field order matters to bincode: never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingV1 {
    pub id: Id,
    pub date: NaiveDate,
    pub term: Term,
    pub year: AcademicYear,
    pub title: String,
    pub attendees: Vec<String>,
    pub agenda: Vec<AgendaItemV1>,
    pub status: MeetingStatus,
    pub rev: u64,
}

impl From<MeetingV1> for Meeting {
    fn from(v: MeetingV1) -> Meeting {
        Meeting {
            id: v.id,
            date: v.date,
            term: v.term,
            year: v.year,
            title: v.title,
            attendees: v.attendees,
            agenda: v
                .agenda
                .into_iter()
                .map(|i| AgendaItem {
                    urn: i.urn,
                    state: i.state,
                    decision: i.decision,
                    reason: None,
                })
                .collect(),
            status: v.status,
            // Not kept before v2: such a meeting's minutes are written from its records.
            minutes: None,
            rev: v.rev,
        }
    }
}

pub fn meeting(found: u16, body: &[u8]) -> Result<Meeting, String> {
    match found {
        1 => decode_body::<MeetingV1>(body).map(Meeting::from),
        _ => Err(format!("no migration from meeting schema {found}")),
    }
}

/// Note as schema 1 stored it. Field order matters to bincode: never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteV1 {
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

impl From<NoteV1> for Note {
    fn from(v: NoteV1) -> Note {
        Note {
            id: v.id,
            urn: v.urn,
            author: v.author,
            created: v.created,
            status: v.status,
            finalised: v.finalised,
            body: v.body,
            amendments: v.amendments,
            // Not recorded before v2: no response received yet, as far as the tool knows.
            response: None,
            rev: v.rev,
        }
    }
}

pub fn note(found: u16, body: &[u8]) -> Result<Note, String> {
    match found {
        1 => decode_body::<NoteV1>(body).map(Note::from),
        _ => Err(format!("no migration from note schema {found}")),
    }
}

/// The priority scheme as schema 1 stored it. Field order matters to bincode: never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeV1 {
    pub name: String,
    pub categories: Vec<crate::domain::Category>,
}

pub fn scheme(found: u16, body: &[u8]) -> Result<crate::domain::Scheme, String> {
    match found {
        1 => decode_body::<SchemeV1>(body).map(|v| crate::domain::Scheme {
            name: v.name,
            categories: v.categories,
            map: vec![],
        }),
        _ => Err(format!("no migration from scheme schema {found}")),
    }
}
