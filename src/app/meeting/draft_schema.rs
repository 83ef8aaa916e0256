//! What a meeting draft keeps of each decision form (`DecisionDraft`: what was chosen and
//! typed, not where the form's cursor was), and reading drafts kept under older schemas.

use super::{AgreedLine, DecisionForm, EvidenceLine, MeetingDraft};
use crate::domain::{Area, Id, Rating, RiskFactor, Urn};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One school's decision form as kept (meeting draft schema 3). Field order matters to
/// bincode: never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionDraft {
    pub category: Option<String>,
    pub ratings: Vec<(Area, Rating)>,
    pub risks: Vec<RiskFactor>,
    pub at_risk: bool,
    pub rationale: String,
    pub actions: Vec<AgreedLine>,
    /// An agreed action being typed.
    pub action_line: String,
    /// The evidence considered, once the form's list was touched (`DecisionForm::evidence`).
    pub evidence: Option<Vec<EvidenceLine>>,
    /// An evidence line being typed.
    pub evidence_line: String,
}

impl From<&DecisionForm> for DecisionDraft {
    fn from(f: &DecisionForm) -> Self {
        DecisionDraft {
            category: f.category.clone(),
            ratings: f.ratings.clone(),
            risks: f.risks.clone(),
            at_risk: f.at_risk,
            rationale: f.rationale.clone(),
            actions: f.actions.clone(),
            action_line: f.action_line.clone(),
            evidence: f.evidence.clone(),
            evidence_line: f.evidence_line.clone(),
        }
    }
}

impl From<DecisionForm> for DecisionDraft {
    fn from(f: DecisionForm) -> Self {
        DecisionDraft::from(&f)
    }
}

/// Put back into a form: the cursor at its start; a new decision id at its save.
impl From<DecisionDraft> for DecisionForm {
    fn from(d: DecisionDraft) -> Self {
        DecisionForm {
            category: d.category,
            ratings: d.ratings,
            risks: d.risks,
            at_risk: d.at_risk,
            rationale: d.rationale,
            actions: d.actions,
            action_line: d.action_line,
            cursor: 0,
            decision_id: None,
            evidence: d.evidence,
            evidence_line: d.evidence_line,
        }
    }
}

/// A decision form as meeting drafts of schema 1 kept it (before the evidence list). Field
/// order matters to bincode: never reorder.
#[derive(Deserialize)]
struct DecisionFormV1 {
    category: Option<String>,
    ratings: Vec<(Area, Rating)>,
    risks: Vec<RiskFactor>,
    at_risk: bool,
    rationale: String,
    actions: Vec<AgreedLine>,
    action_line: String,
    _cursor: usize,
    _decision_id: Option<Id>,
}

/// A meeting draft of schema 1 or 2: the same but for its forms.
#[derive(Deserialize)]
struct MeetingDraftOf<F> {
    meeting: Id,
    author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    at: DateTime<Utc>,
    forms: Vec<(Urn, F)>,
}

impl<F: Into<DecisionDraft>> MeetingDraftOf<F> {
    fn upgrade(self) -> MeetingDraft {
        MeetingDraft {
            meeting: self.meeting,
            author: self.author,
            at: self.at,
            forms: self
                .forms
                .into_iter()
                .map(|(urn, f)| (urn, f.into()))
                .collect(),
        }
    }
}

impl From<DecisionFormV1> for DecisionDraft {
    fn from(f: DecisionFormV1) -> Self {
        DecisionDraft {
            category: f.category,
            ratings: f.ratings,
            risks: f.risks,
            at_risk: f.at_risk,
            rationale: f.rationale,
            actions: f.actions,
            action_line: f.action_line,
            // Not kept before v2: offered again from the evidence panel.
            evidence: None,
            evidence_line: String::new(),
        }
    }
}

/// Reads a meeting draft kept under an older schema (forms typed before an upgrade are kept):
/// v1 (no evidence list) and v2 (the whole `DecisionForm`, cursor included).
pub fn migrate_meeting_draft(schema: u16, body: &[u8]) -> Result<MeetingDraft, String> {
    use crate::store::envelope::decode_body;
    match schema {
        1 => Ok(decode_body::<MeetingDraftOf<DecisionFormV1>>(body)?.upgrade()),
        2 => Ok(decode_body::<MeetingDraftOf<DecisionForm>>(body)?.upgrade()),
        _ => Err(format!("no migration from meeting draft schema {schema}")),
    }
}
