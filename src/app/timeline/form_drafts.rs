//! What is kept of the checkpoint review and support plan forms (`KeptForm`): their drafts'
//! keys (per officer), and the open form as its draft.

use super::checkpoint::{CHECKPOINT_DRAFT_PREFIX, CHECKPOINT_DRAFT_SCHEMA, CheckpointDraft};
use super::plan::{PLAN_DRAFT_PREFIX, PLAN_DRAFT_SCHEMA, PlanDraft};
use crate::app::App;
use crate::app::kept::{FormDraft, KeptForm, kept_form_fields, stamp};
use crate::domain::Urn;
use crate::domain::calendar::AcademicYear;
use crate::domain::text::clean_line;

impl KeptForm for CheckpointDraft {
    type Which = Urn;
    const PREFIX: &'static str = CHECKPOINT_DRAFT_PREFIX;
    const SCHEMA: u16 = CHECKPOINT_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved checkpoint review";
    const KIND: &'static str = "checkpoint";
    const REOPEN: &'static str = "r on its school records a review";

    fn which(&self) -> Urn {
        self.urn
    }
    fn key_of(urn: Urn, author: &str) -> String {
        format!("{CHECKPOINT_DRAFT_PREFIX}{urn}/{author}")
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

    /// Nothing if no review is open, it is being saved, or nothing has been typed in it. An
    /// amendment is not kept: a kept draft is put back into a new review.
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let f = app
            .tl
            .checkpoint
            .as_ref()
            .filter(|f| !f.pending && f.original.is_none())?;
        let typed = f.priorities.iter().any(|p| !p.commentary.trim().is_empty())
            || !f.judgement.trim().is_empty();
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
        })
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
