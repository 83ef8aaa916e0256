//! Everything the tool holds, as one value: the shape of the demo data, the JSON export and the
//! snapshot the app draws from. Each kind's list is a `List` (a persistent vector): a copy of a
//! dataset shares every list, and a change copies only the chunks it touches.

use super::action::Action;
use super::activity::Activity;
use super::audit::AuditEntry;
use super::checkpoint::CheckpointReview;
use super::decision::Decision;
use super::escalation::EscalationStep;
use super::list::List;
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
    pub schools: List<School>,
    pub decisions: List<Decision>,
    pub meetings: List<Meeting>,
    pub activities: List<Activity>,
    pub plans: List<SupportPlan>,
    pub checkpoints: List<CheckpointReview>,
    pub notes: List<Note>,
    pub actions: List<Action>,
    /// Formal steps with schools causing concern (absent in exports before they existed).
    #[serde(default)]
    pub escalations: List<EscalationStep>,
    #[serde(default)]
    pub audit: List<AuditEntry>,
}

impl Dataset {
    pub fn empty(scheme: Scheme) -> Self {
        Dataset {
            format: EXPORT_FORMAT,
            scheme,
            schools: List::default(),
            decisions: List::default(),
            meetings: List::default(),
            activities: List::default(),
            plans: List::default(),
            checkpoints: List::default(),
            notes: List::default(),
            actions: List::default(),
            escalations: List::default(),
            audit: List::default(),
        }
    }
}
