//! The activity form kept across sessions: an activity being added or edited when the session
//! ended, or kept while it was typed, is put back when the form for that activity (or a new
//! one for that school) opens.

use crate::app::App;
use crate::app::kept::{FormDraft, KeptForm, kept_form_fields, stamp};
use crate::domain::{ActivityKind, ActivityStatus, Id, Urn};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Schema of `ActivityDraft` in the store's form drafts.
pub const ACTIVITY_DRAFT_SCHEMA: u16 = 1;
/// Key prefix of activity drafts among the store's form drafts.
pub const ACTIVITY_DRAFT_PREFIX: &str = "activity/";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDraft {
    pub urn: Urn,
    /// The activity edited; `None` for a new one.
    pub activity: Option<Id>,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    pub kind: ActivityKind,
    pub title: String,
    pub planned: String,
    pub done: String,
    pub owner: String,
    pub status: ActivityStatus,
}

impl KeptForm for ActivityDraft {
    type Which = (Urn, Option<Id>);
    const PREFIX: &'static str = ACTIVITY_DRAFT_PREFIX;
    const SCHEMA: u16 = ACTIVITY_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved activity";
    const KIND: &'static str = "activity";
    const REOPEN: &'static str = "on its school's timeline (t), a adds or Enter edits it";

    fn which(&self) -> Self::Which {
        (self.urn, self.activity)
    }
    fn key_of((urn, activity): Self::Which, author: &str) -> String {
        let which = activity.map_or_else(|| "new".to_string(), |id| id.to_string());
        format!("{ACTIVITY_DRAFT_PREFIX}{urn}/{which}/{author}")
    }
    fn wrap(self) -> FormDraft {
        FormDraft::Activity(self)
    }
    fn urn(&self) -> Option<Urn> {
        Some(self.urn)
    }
    fn summary(&self) -> String {
        let which = self
            .activity
            .map_or_else(|| "new".to_string(), |id| format!("activity {id}"));
        format!(
            "{} ({which}: {})",
            crate::domain::text::clean_line(self.title.trim()),
            self.kind.name()
        )
    }
    kept_form_fields!(activity_drafts);

    /// Nothing if no activity form is open, it is being saved, or nothing was changed in it.
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let f = app.tl.activity.as_ref().filter(|f| !f.pending)?;
        let d = ActivityDraft {
            urn: f.urn,
            activity: f.original.as_ref().map(|a| a.id),
            author: app.user.clone(),
            at: stamp(app, now_ms),
            kind: f.kind,
            title: f.title.clone(),
            planned: f.planned.clone(),
            done: f.done.clone(),
            owner: f.owner.clone(),
            status: f.status,
        };
        let unchanged = app.activity_form_as_opened.as_ref().is_some_and(|o| {
            *o == ActivityDraft {
                at: o.at,
                ..d.clone()
            }
        });
        (!unchanged).then_some(d)
    }
}

impl App {
    /// Activity drafts found in the store at start-up (this user's only).
    pub fn set_activity_drafts(&mut self, drafts: Vec<ActivityDraft>) {
        self.load_kept(drafts);
    }

    /// The activity form as it is, to keep when the session ends (nothing if none is open, it
    /// is being saved, or nothing was changed in it).
    pub fn activity_draft_on_exit(&self, now_ms: i64) -> Option<ActivityDraft> {
        ActivityDraft::open(self, now_ms)
    }

    /// Puts back a kept form for this activity (or a new one for this school), if there is one.
    pub(in crate::app) fn restore_activity_draft(&mut self) {
        let Some(f) = self.tl.activity.as_mut() else {
            return;
        };
        let which = (f.urn, f.original.as_ref().map(|a| a.id));
        let Some(d) = self.activity_drafts.take(which) else {
            return;
        };
        f.kind = d.kind;
        f.title = d.title;
        f.planned = d.planned;
        f.done = d.done;
        f.owner = d.owner;
        f.status = d.status;
        self.say_restored(ActivityDraft::WHAT, &d.author, d.at);
    }

    /// The activity form for `which` was saved or given up: a kept copy is obsolete.
    pub(in crate::app) fn activity_draft_done(&mut self, urn: Urn, activity: Option<Id>) {
        self.kept_done::<ActivityDraft>((urn, activity));
    }
}
