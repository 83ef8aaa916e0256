//! The list of meetings: move, plan a new one, open one to run it.

use super::*;

impl App {
    pub(super) fn update_list(&mut self, action: MeetingAction) -> Vec<Effect> {
        let n = self.data.meetings.len();
        match action {
            MeetingAction::Up => {
                let s = self.st();
                s.list_sel = s.list_sel.saturating_sub(1);
            }
            MeetingAction::Down => {
                let s = self.st();
                s.list_sel = (s.list_sel + 1).min(n.saturating_sub(1));
            }
            MeetingAction::Back => {
                // Unsaved decision forms are kept (and written to the store) for next time.
                let effects = self.stash_meeting_forms();
                self.meeting = None;
                self.close(Screen::Meeting);
                return effects;
            }
            MeetingAction::New => self.start_plan(),
            MeetingAction::Open => return self.open_selected_meeting(),
            MeetingAction::Inform => {
                if let Some(id) = self.selected_meeting_id() {
                    let s = self.st();
                    s.meeting = Some(id);
                    s.view = MeetingView::Inform;
                    s.inform_sel = 0;
                }
            }
            _ => {}
        }
        vec![]
    }

    pub(super) fn selected_meeting_id(&self) -> Option<Id> {
        let sel = self.meeting.as_ref()?.list_sel;
        meetings_newest_first(&self.data.meetings)
            .get(sel)
            .map(|m| m.id)
    }

    pub(super) fn start_plan(&mut self) {
        let rows = &self.board.rows;
        let mut agenda: Vec<(usize, String, Urn)> = rows
            .iter()
            .map(|r| (r.rank, r.name.to_lowercase(), r.urn))
            .collect();
        agenda.sort();
        let plan = PlanForm {
            date: fmt_date(self.today),
            attendees: String::new(),
            agenda: agenda.into_iter().map(|(_, _, u)| u).collect(),
            removed: vec![],
            sel: 0,
            focus: PlanFocus::Attendees,
        };
        let s = self.st();
        s.plan = Some(plan);
        s.view = MeetingView::Plan;
    }

    pub(super) fn open_selected_meeting(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_meeting_id() else {
            self.set_status("No meetings yet: N plans one.".into());
            return vec![];
        };
        let Some(m) = self.data.meetings.iter().find(|m| m.id == id) else {
            return vec![];
        };
        // Starting early dates every decision to a day still to come: asked first (unless
        // it could not start anyway: `start_meeting` says why).
        let other_open = self
            .data
            .meetings
            .iter()
            .any(|x| x.status == MeetingStatus::Open && x.id != id);
        if m.status == MeetingStatus::Planned && m.date > self.today && !other_open {
            self.ask(PromptKind::StartEarly(id), String::new());
            return vec![];
        }
        self.start_meeting(id)
    }

    /// Opens meeting `id` on the run view, starting it (saved as open) if it was planned.
    pub(super) fn start_meeting(&mut self, id: Id) -> Vec<Effect> {
        let Some(m) = self.data.meetings.iter().find(|m| m.id == id).cloned() else {
            return vec![];
        };
        let mut effects = vec![];
        if m.status == MeetingStatus::Planned {
            if let Some(open) = self
                .data
                .meetings
                .iter()
                .find(|x| x.status == MeetingStatus::Open && x.id != id)
            {
                let msg = format!(
                    "Another meeting is open ({}): close it before starting this one.",
                    fmt_date(open.date)
                );
                self.set_status(msg);
                return vec![];
            }
            let mut started = m.clone();
            started.status = MeetingStatus::Open;
            effects.push(Effect::Save(SaveRequest {
                records: vec![(Record::Meeting(started), "meeting started".into())],
                done_message: format!("Meeting of {} started", fmt_date(m.date)),
            }));
        }
        let first = m
            .agenda
            .iter()
            .position(|i| i.state == AgendaState::Pending)
            .unwrap_or(0);
        if self.meeting.as_ref().and_then(|s| s.meeting) != Some(id) {
            effects.extend(self.stash_meeting_forms());
        }
        let s = self.st();
        s.meeting = Some(id);
        s.view = MeetingView::Run;
        s.pos = first;
        s.editing = None;
        // Starting the meeting says so once its save lands: what was put back is said with it.
        if self.restore_meeting_forms(&m)
            && let Some(said) = self.status.clone()
        {
            for e in effects.iter_mut() {
                if let Effect::Save(req) = e {
                    req.done_message = format!("{}. {said}", req.done_message);
                }
            }
        }
        effects
    }
}
