//! The escalation step form kept across sessions (`KeptForm`): a step being recorded or edited
//! when the session ended (a hang-up, kill -9, a crash), or kept while it was typed, is put
//! back when the form for that step (or a new one for that school) opens again.

use super::App;
use super::escalation::StepForm;
use super::kept::{FormDraft, KeptForm, kept_form_fields, stamp};
use crate::domain::escalation::{Prompt, StepKind, StepStatus};
use crate::domain::text::clean_line;
use crate::domain::{Id, Urn};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Schema of `StepDraft` in the store's form drafts.
pub const STEP_DRAFT_SCHEMA: u16 = 1;
/// Key prefix of escalation step drafts among the store's form drafts.
pub const STEP_DRAFT_PREFIX: &str = "escalation/";

/// What was typed and chosen in the escalation step form (dates as typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDraft {
    pub urn: Urn,
    /// The step edited; `None` for a new one.
    pub step: Option<Id>,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    pub kind: StepKind,
    pub date: String,
    pub status: StepStatus,
    pub by: String,
    pub grounds: String,
    pub response_due: String,
    pub prompt: Option<Prompt>,
}

impl KeptForm for StepDraft {
    type Which = (Urn, Option<Id>);
    const PREFIX: &'static str = STEP_DRAFT_PREFIX;
    const SCHEMA: u16 = STEP_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved escalation step";
    const KIND: &'static str = "escalation";
    const REOPEN: &'static str = "E on its school (or Enter on the step) opens it";

    fn which(&self) -> Self::Which {
        (self.urn, self.step)
    }
    fn key_of((urn, step): Self::Which, author: &str) -> String {
        let which = step.map_or_else(|| "new".to_string(), |id| id.to_string());
        format!("{STEP_DRAFT_PREFIX}{urn}/{which}/{author}")
    }
    fn wrap(self) -> FormDraft {
        FormDraft::Step(self)
    }
    fn urn(&self) -> Option<Urn> {
        Some(self.urn)
    }
    fn summary(&self) -> String {
        let which = self
            .step
            .map_or_else(|| "new step".to_string(), |id| format!("step {id}"));
        format!(
            "{} ({which}: {})",
            clean_line(self.grounds.trim()),
            self.kind.name()
        )
    }
    kept_form_fields!(step_drafts);

    /// Nothing if no step form is open, it is being saved, or nothing was changed in it.
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let f = app
            .step_form
            .as_ref()
            .filter(|f| !f.pending && f.changed())?;
        Some(StepDraft {
            urn: f.urn,
            step: f.original.as_ref().map(|s| s.id),
            author: app.user.clone(),
            at: stamp(app, now_ms),
            kind: f.kind,
            date: f.date.clone(),
            status: f.status,
            by: f.by.clone(),
            grounds: f.grounds.clone(),
            response_due: f.response_due.clone(),
            prompt: f.prompt,
        })
    }
}

impl StepForm {
    /// Which step the form is for, as its draft names it.
    pub fn which(&self) -> (Urn, Option<Id>) {
        (self.urn, self.original.as_ref().map(|s| s.id))
    }

    fn load(&mut self, d: StepDraft) {
        self.kind = d.kind;
        self.date = d.date;
        self.status = d.status;
        self.by = d.by;
        self.grounds = d.grounds;
        self.response_due = d.response_due;
        // A prompt no longer offered (its decision gone) is not put back.
        if self.prompts.iter().any(|(p, _)| *p == d.prompt) {
            self.prompt = d.prompt;
        }
        self.field = self.field.min(self.fields().len() - 1);
    }
}

impl App {
    /// Puts back a kept form for the step form just opened, if there is one (its "as opened"
    /// state stays as stored, so the form counts as changed and Esc does not lose it).
    pub(super) fn restore_step_draft(&mut self) {
        let Some(which) = self.step_form.as_ref().map(StepForm::which) else {
            return;
        };
        let Some(d) = self.step_drafts.take(which) else {
            return;
        };
        let (author, at) = (d.author.clone(), d.at);
        if let Some(f) = self.step_form.as_mut() {
            f.load(d);
        }
        self.say_restored(StepDraft::WHAT, &author, at);
    }
}
