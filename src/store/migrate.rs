//! Older schemas, kept so that a store written by an older sqa-board still opens. A migration
//! runs on read; the record is written in the current schema the next time it is saved.
//!
//! History:
//! - school v1 → v2: added `chair_of_governors` and `opened`.

use super::envelope::decode_body;
use crate::domain::{OfstedOutcome, Phase, School, SchoolType, Urn};
use chrono::NaiveDate;
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

impl From<SchoolV1> for School {
    fn from(v: SchoolV1) -> School {
        School {
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

pub fn school(found: u16, body: &[u8]) -> Result<School, String> {
    match found {
        1 => decode_body::<SchoolV1>(body).map(School::from),
        _ => Err(format!("no migration from school schema {found}")),
    }
}
