//! A meeting's unsaved decision forms: kept while they are typed, when meeting mode is left
//! and when the session ends; restored when the meeting is opened again.

use super::*;
use crate::app::kept::{FormDraft, KeptForm, kept_form_fields, stamp};

impl App {
    /// Moves the decision forms being filled in out of the meeting state into the drafts kept
    /// for their meeting, and writes them to the store.
    pub(super) fn stash_meeting_forms(&mut self) -> Vec<Effect> {
        let Some(draft) = MeetingDraft::open(self, 0) else {
            return vec![];
        };
        if let Some(s) = self.meeting.as_mut() {
            s.forms.clear();
        }
        self.meeting_drafts.stash(draft.clone());
        vec![Effect::KeepForm(Box::new(draft.wrap()))]
    }

    /// Puts back the unsaved forms kept for meeting `m` (for schools still to decide).
    pub(super) fn restore_meeting_forms(&mut self, m: &Meeting) {
        let Some(d) = self.meeting_drafts.take(m.id) else {
            return;
        };
        let pending: HashSet<Urn> = m
            .agenda
            .iter()
            .filter(|i| i.state == AgendaState::Pending)
            .map(|i| i.urn)
            .collect();
        let s = self.st();
        let mut n = 0;
        for (urn, f) in d.forms {
            if pending.contains(&urn) && !s.forms.contains_key(&urn) {
                s.forms.insert(urn, f.into());
                n += 1;
            }
        }
        if n > 0 {
            self.say_restored(
                &format!("unsaved decision forms for {n} school(s),"),
                &d.author,
                d.at,
            );
        }
    }

    /// Meeting drafts found in the store at start-up (this user's only).
    pub fn set_meeting_drafts(&mut self, drafts: Vec<MeetingDraft>) {
        self.load_kept(drafts);
    }

    /// The unsaved decision forms to keep when the session ends: those being filled in now and
    /// those kept from earlier (already in the store, written again unchanged).
    pub fn meeting_drafts_on_exit(&self, now_ms: i64) -> Vec<MeetingDraft> {
        self.kept_on_exit(now_ms)
    }
}

impl KeptForm for MeetingDraft {
    type Which = Id;
    const PREFIX: &'static str = MEETING_DRAFT_PREFIX;
    const SCHEMA: u16 = MEETING_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved decision forms";
    const KIND: &'static str = "decisions";
    const REOPEN: &'static str = "M, then Enter on the meeting, opens its forms";

    fn which(&self) -> Id {
        self.meeting
    }
    /// Per meeting and officer: two facilitators' unsaved forms never replace each other.
    fn key_of(meeting: Id, author: &str) -> String {
        format!("{MEETING_DRAFT_PREFIX}{meeting}/{author}")
    }
    fn migrate(schema: u16, body: &[u8]) -> Result<Self, String> {
        migrate_meeting_draft(schema, body)
    }
    fn wrap(self) -> FormDraft {
        FormDraft::Meeting(self)
    }
    /// The school when the forms are for one school only.
    fn urn(&self) -> Option<Urn> {
        match self.forms.as_slice() {
            [(urn, _)] => Some(*urn),
            _ => None,
        }
    }
    fn summary(&self) -> String {
        let said = self
            .forms
            .iter()
            .map(|(_, f)| f.rationale.trim())
            .find(|r| !r.is_empty())
            .unwrap_or_default();
        format!(
            "{} (meeting {}, {} form(s))",
            crate::domain::text::clean_line(said),
            self.meeting,
            self.forms.len()
        )
    }
    kept_form_fields!(meeting_drafts);

    /// The decision forms being filled in for the meeting open now, if any.
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let s = app.meeting.as_ref()?;
        let id = s.meeting?;
        if s.forms.is_empty() {
            return None;
        }
        let mut forms: Vec<(Urn, DecisionDraft)> =
            s.forms.iter().map(|(u, f)| (*u, f.into())).collect();
        forms.sort_by_key(|(urn, _)| *urn);
        Some(MeetingDraft {
            meeting: id,
            author: app.user.clone(),
            at: stamp(app, now_ms),
            forms,
        })
    }
}
