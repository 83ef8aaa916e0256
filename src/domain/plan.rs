//! Support plans: a school's headline priorities for an academic year.

use super::calendar::AcademicYear;
use super::decision::Id;
use super::school::Urn;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPriority {
    pub title: String,
    pub success_criteria: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportPlan {
    pub id: Id,
    pub urn: Urn,
    pub year: AcademicYear,
    pub priorities: Vec<PlanPriority>,
    pub rev: u64,
}
