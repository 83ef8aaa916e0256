//! Everything the tool holds, as one value: the shape of the demo data, the JSON export and the
//! snapshot the app draws from.

use super::action::Action;
use super::activity::Activity;
use super::audit::AuditEntry;
use super::checkpoint::CheckpointReview;
use super::decision::Decision;
use super::escalation::EscalationStep;
use super::meeting::Meeting;
use super::note::Note;
use super::plan::SupportPlan;
use super::priority::Scheme;
use super::school::School;
use serde::{Deserialize, Serialize};

/// Version of the JSON export format (documented in README).
pub const EXPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// `EXPORT_FORMAT` of the program that wrote it.
    pub format: u32,
    pub scheme: Scheme,
    pub schools: Vec<School>,
    pub decisions: Vec<Decision>,
    pub meetings: Vec<Meeting>,
    pub activities: Vec<Activity>,
    pub plans: Vec<SupportPlan>,
    pub checkpoints: Vec<CheckpointReview>,
    pub notes: Vec<Note>,
    pub actions: Vec<Action>,
    /// Formal steps with schools causing concern (absent in exports before they existed).
    #[serde(default)]
    pub escalations: Vec<EscalationStep>,
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
}

impl Dataset {
    pub fn empty(scheme: Scheme) -> Self {
        Dataset {
            format: EXPORT_FORMAT,
            scheme,
            schools: vec![],
            decisions: vec![],
            meetings: vec![],
            activities: vec![],
            plans: vec![],
            checkpoints: vec![],
            notes: vec![],
            actions: vec![],
            escalations: vec![],
            audit: vec![],
        }
    }
}
