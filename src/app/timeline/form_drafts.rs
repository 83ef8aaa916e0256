//! What is kept of the checkpoint review and support plan forms (`KeptForm`): their drafts'
//! keys (per officer), and the open form as its draft.

use super::checkpoint::{
    CHECKPOINT_DRAFT_PREFIX, CHECKPOINT_DRAFT_SCHEMA, CheckpointDraft, CheckpointForm,
};
use super::plan::{PLAN_DRAFT_PREFIX, PLAN_DRAFT_SCHEMA, PlanDraft};
use crate::app::App;
use crate::app::kept::{FormDraft, KeptForm, kept_form_fields, stamp};
use crate::domain::calendar::AcademicYear;
use crate::domain::calendar::fmt_date;
use crate::domain::text::clean_line;
use crate::domain::{CheckpointReview, Id, Progress, Recommendation, Urn};
use chrono::{DateTime, Utc};
use serde::Deserialize;

impl KeptForm for CheckpointDraft {
    /// The school, and the recorded review amended (`None`: a new review).
    type Which = (Urn, Option<Id>);
    const PREFIX: &'static str = CHECKPOINT_DRAFT_PREFIX;
    const SCHEMA: u16 = CHECKPOINT_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved checkpoint review";
    const KIND: &'static str = "checkpoint";
    const REOPEN: &'static str = "r on its school records a review";

    fn which(&self) -> Self::Which {
        (self.urn, self.amends.map(|(id, _)| id))
    }
    fn reopen(&self) -> &'static str {
        match self.amends {
            None => Self::REOPEN,
            Some(_) => "e on the recorded review amends it",
        }
    }
    /// A new review's key is as schema 1 had it; an amendment's names the review, so that it
    /// and a new review of the same school are kept side by side.
    fn key_of((urn, amends): Self::Which, author: &str) -> String {
        match amends {
            None => format!("{CHECKPOINT_DRAFT_PREFIX}{urn}/{author}"),
            Some(id) => format!("{CHECKPOINT_DRAFT_PREFIX}{urn}/amend-{id}/{author}"),
        }
    }
    fn migrate(schema: u16, body: &[u8]) -> Result<Self, String> {
        match schema {
            1 => Ok(crate::store::envelope::decode_body::<CheckpointDraftV1>(body)?.into()),
            _ => Err(format!(
                "no migration from checkpoint draft schema {schema}"
            )),
        }
    }
    fn wrap(self) -> FormDraft {
        FormDraft::Checkpoint(self)
    }
    fn urn(&self) -> Option<Urn> {
        Some(self.urn)
    }
    fn summary(&self) -> String {
        let said = self
            .commentary
            .iter()
            .chain(std::iter::once(&self.judgement))
            .map(|t| t.trim())
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        clean_line(said)
    }
    kept_form_fields!(checkpoint_drafts);

    /// Nothing if no review is open, it is being saved, or nothing has been typed in it (an
    /// amendment: nothing changed from the review as recorded).
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let f = app.tl.checkpoint.as_ref().filter(|f| !f.pending)?;
        let typed = match &f.original {
            None => {
                f.priorities.iter().any(|p| !p.commentary.trim().is_empty())
                    || !f.judgement.trim().is_empty()
            }
            Some(r) => amended(f, r),
        };
        if !typed {
            return None;
        }
        Some(CheckpointDraft {
            urn: f.urn,
            author: app.user.clone(),
            at: stamp(app, now_ms),
            plan: f.plan,
            progress: f.priorities.iter().map(|p| p.progress).collect(),
            commentary: f.priorities.iter().map(|p| p.commentary.clone()).collect(),
            overall: f.overall,
            judgement: f.judgement.clone(),
            recommendation: f.recommendation,
            next_due: f.next_due.clone(),
            amends: f.original.as_ref().map(|r| (r.id, r.rev)),
        })
    }
}

/// The amendment form differs from the review it was opened on.
fn amended(f: &CheckpointForm, r: &CheckpointReview) -> bool {
    let priorities = f.priorities.iter().enumerate().any(|(i, p)| {
        let rec = r.progress.iter().find(|x| x.priority == i);
        p.progress != rec.map_or(Progress::OnTrack, |x| x.progress)
            || p.commentary != rec.map(|x| x.commentary.as_str()).unwrap_or_default()
    });
    priorities
        || f.overall != r.overall
        || f.judgement != r.judgement
        || f.recommendation != r.recommendation
        || f.next_due != r.next_due.map(fmt_date).unwrap_or_default()
}

/// A checkpoint draft as schema 1 kept it (new reviews only). Field order matters to bincode:
/// never reorder.
#[derive(Deserialize)]
struct CheckpointDraftV1 {
    urn: Urn,
    author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    at: DateTime<Utc>,
    plan: Option<Id>,
    progress: Vec<Progress>,
    commentary: Vec<String>,
    overall: Progress,
    judgement: String,
    recommendation: Recommendation,
    next_due: String,
}

impl From<CheckpointDraftV1> for CheckpointDraft {
    fn from(d: CheckpointDraftV1) -> Self {
        CheckpointDraft {
            urn: d.urn,
            author: d.author,
            at: d.at,
            plan: d.plan,
            progress: d.progress,
            commentary: d.commentary,
            overall: d.overall,
            judgement: d.judgement,
            recommendation: d.recommendation,
            next_due: d.next_due,
            amends: None,
        }
    }
}

impl KeptForm for PlanDraft {
    type Which = (Urn, AcademicYear);
    const PREFIX: &'static str = PLAN_DRAFT_PREFIX;
    const SCHEMA: u16 = PLAN_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved support plan";
    const KIND: &'static str = "plan";
    const REOPEN: &'static str = "P on its school's timeline edits the plan";

    fn which(&self) -> Self::Which {
        (self.urn, self.year)
    }
    fn key_of((urn, year): Self::Which, author: &str) -> String {
        format!("{PLAN_DRAFT_PREFIX}{urn}/{}/{author}", year.0)
    }
    fn wrap(self) -> FormDraft {
        FormDraft::Plan(self)
    }
    fn urn(&self) -> Option<Urn> {
        Some(self.urn)
    }
    fn summary(&self) -> String {
        let said = self
            .priorities
            .iter()
            .flat_map(|p| std::iter::once(&p.title).chain(&p.success_criteria))
            .map(|t| t.trim())
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        format!("{} (support plan {})", clean_line(said), self.year)
    }
    kept_form_fields!(plan_drafts);

    /// Nothing if no plan is open, it is being saved, or it is as stored.
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let f = app.tl.plan.as_ref().filter(|f| !f.pending)?;
        let stored = f
            .original
            .as_ref()
            .map(|p| &p.priorities[..])
            .unwrap_or(&[]);
        let blank = f
            .priorities
            .iter()
            .all(|p| p.title.trim().is_empty() && p.success_criteria.is_empty());
        if f.priorities == stored || (stored.is_empty() && blank) {
            return None;
        }
        Some(PlanDraft {
            urn: f.urn,
            year: f.year,
            author: app.user.clone(),
            at: stamp(app, now_ms),
            priorities: f.priorities.clone(),
        })
    }
}
