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

    /// Puts back the unsaved forms kept for meeting `m` (for schools not decided at it: still
    /// to decide, skipped to come back to, or deferred), then carries forward to its pending
    /// schools what was typed for them at an earlier meeting that deferred them. True when
    /// the status line says so.
    pub(super) fn restore_meeting_forms(&mut self, m: &Meeting) -> bool {
        let open: HashSet<Urn> = m
            .agenda
            .iter()
            .filter(|i| i.state != AgendaState::Decided)
            .map(|i| i.urn)
            .collect();
        let mut n = 0;
        let mut from = None;
        if let Some(d) = self.meeting_drafts.take(m.id) {
            let s = self.st();
            for (urn, f) in d.forms {
                if open.contains(&urn) && !s.forms.contains_key(&urn) {
                    s.forms.insert(urn, f.into());
                    n += 1;
                }
            }
            from = Some((d.author, d.at));
        }
        let carried = self.carry_deferred_forms(m);
        if let Some((author, at)) = from.filter(|_| n > 0) {
            self.say_restored(
                &format!("unsaved decision forms for {n} school(s),"),
                &author,
                at,
            );
        }
        if carried > 0 {
            let said = self.status.take().unwrap_or_default();
            let sep = if said.is_empty() { "" } else { " " };
            self.set_status(format!(
                "{said}{sep}Brought forward what was typed for {carried} school(s) deferred at an earlier meeting."
            ));
        }
        n > 0 || carried > 0
    }

    /// For each school pending at `m` without a form: the form typed for it at another meeting
    /// that deferred it, if it holds typing, moved into this meeting's forms. This meeting's
    /// forms are written before the other meeting's draft is rewritten without it: a crash in
    /// between leaves it in both, never in neither.
    fn carry_deferred_forms(&mut self, m: &Meeting) -> usize {
        let pending: Vec<Urn> = m
            .agenda
            .iter()
            .filter(|i| i.state == AgendaState::Pending)
            .map(|i| i.urn)
            .filter(|u| {
                self.meeting
                    .as_ref()
                    .is_none_or(|s| !s.forms.contains_key(u))
            })
            .collect();
        let deferred_at = |meeting: Id, urn: Urn, data: &crate::domain::Dataset| {
            data.meetings.iter().any(|o| {
                o.id == meeting
                    && o.agenda
                        .iter()
                        .any(|i| i.urn == urn && i.state == AgendaState::Deferred)
            })
        };
        let mut moved: Vec<(Id, Urn)> = Vec::new();
        for urn in pending {
            let found = self
                .meeting_drafts
                .waiting()
                .filter(|d| d.meeting != m.id && deferred_at(d.meeting, urn, &self.data))
                .filter_map(|d| {
                    let f = d.forms.iter().find(|(u, _)| *u == urn)?;
                    typed(&f.1).then(|| (d.at, d.meeting, f.1.clone()))
                })
                .max_by_key(|(at, id, _)| (*at, *id));
            if let Some((_, id, f)) = found {
                self.st().forms.insert(urn, f.into());
                moved.push((id, urn));
            }
        }
        if moved.is_empty() {
            return 0;
        }
        if let Some(d) = MeetingDraft::open(self, 0) {
            self.meeting_drafts.stash(d.clone());
            self.queue(Effect::KeepForm(Box::new(d.wrap())));
        }
        let mut ids: Vec<Id> = moved.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let Some(mut d) = self.meeting_drafts.take(id) else {
                continue;
            };
            d.forms
                .retain(|(u, _)| !moved.iter().any(|(mid, mu)| *mid == id && mu == u));
            if d.forms.is_empty() {
                self.kept_done::<MeetingDraft>(id);
            } else {
                self.meeting_drafts.stash(d.clone());
                self.queue(Effect::KeepForm(Box::new(d.wrap())));
            }
        }
        moved.len()
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

/// A kept decision form holds something typed (a rationale or an agreed action), not only
/// what it was seeded with.
fn typed(f: &DecisionDraft) -> bool {
    !f.rationale.trim().is_empty() || !f.actions.is_empty() || !f.action_line.trim().is_empty()
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
