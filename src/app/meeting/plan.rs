//! Planning a meeting: date, attendees and the agenda (remove, add back, reorder), then save.

use super::*;

impl App {
    pub(super) fn update_plan(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(p) = self.meeting.as_mut().and_then(|m| m.plan.as_mut()) else {
            return vec![];
        };
        match action {
            // Esc in a field leaves it (text kept, as on the run screen); on the agenda it
            // closes, unless something is typed: then only Ctrl-Q throws the plan away.
            MeetingAction::Back if p.focus != PlanFocus::Agenda => p.focus = PlanFocus::Agenda,
            MeetingAction::Back
                if !p.attendees.trim().is_empty()
                    || p.date != fmt_date(self.today)
                    || !p.removed.is_empty() =>
            {
                self.set_status(
                    "Not closed: the plan has changes. Enter saves it, Ctrl-Q discards it.".into(),
                );
            }
            MeetingAction::Back | MeetingAction::Discard => {
                let s = self.st();
                s.plan = None;
                s.view = MeetingView::List;
            }
            MeetingAction::NextField => {
                p.focus = match p.focus {
                    PlanFocus::Date => PlanFocus::Attendees,
                    PlanFocus::Attendees => PlanFocus::Agenda,
                    PlanFocus::Agenda => PlanFocus::Date,
                }
            }
            MeetingAction::Backspace => {
                self.edit_text(Edit::Backspace);
            }
            MeetingAction::Up => p.sel = p.sel.saturating_sub(1),
            MeetingAction::Down => p.sel = (p.sel + 1).min(p.agenda.len().saturating_sub(1)),
            MeetingAction::Remove if p.sel < p.agenda.len() => {
                let urn = p.agenda.remove(p.sel);
                p.removed.push(urn);
                p.sel = p.sel.min(p.agenda.len().saturating_sub(1));
            }
            MeetingAction::AddBack => {
                if let Some(urn) = p.removed.pop() {
                    let at = (p.sel + 1).min(p.agenda.len());
                    p.agenda.insert(at, urn);
                    p.sel = at;
                }
            }
            MeetingAction::MoveUp if p.sel > 0 && p.sel < p.agenda.len() => {
                p.agenda.swap(p.sel, p.sel - 1);
                p.sel -= 1;
            }
            MeetingAction::MoveDown if p.sel + 1 < p.agenda.len() => {
                p.agenda.swap(p.sel, p.sel + 1);
                p.sel += 1;
            }
            MeetingAction::Submit => {
                if p.focus != PlanFocus::Agenda {
                    p.focus = match p.focus {
                        PlanFocus::Date => PlanFocus::Attendees,
                        _ => PlanFocus::Agenda,
                    };
                    return vec![];
                }
                return self.save_plan();
            }
            _ => {}
        }
        vec![]
    }

    pub(super) fn save_plan(&mut self) -> Vec<Effect> {
        let Some(p) = self.meeting.as_ref().and_then(|m| m.plan.clone()) else {
            return vec![];
        };
        let date = match parse_date(&p.date, self.today) {
            Ok(d) => d,
            Err(e) => {
                self.set_status(e.to_string());
                return vec![];
            }
        };
        if p.agenda.is_empty() {
            self.set_status("The agenda is empty: a adds a school back.".into());
            return vec![];
        }
        let Some(id) = self.new_id() else {
            return vec![];
        };
        let term = self.terms.term_of(date);
        let year = AcademicYear::of(date);
        let meeting = Meeting {
            id,
            date,
            term,
            year,
            title: format!("SQA meeting, {term} term {year}"),
            attendees: p
                .attendees
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            agenda: p
                .agenda
                .iter()
                .map(|&urn| AgendaItem {
                    urn,
                    state: AgendaState::Pending,
                    decision: None,
                    reason: None,
                })
                .collect(),
            status: MeetingStatus::Planned,
            minutes: None,
            rev: 0,
        };
        self.st().awaiting = Some(Awaiting::Plan(id));
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Meeting(meeting), "planned".into())],
            done_message: format!(
                "Meeting planned for {} ({} schools): Enter starts it",
                fmt_date(date),
                p.agenda.len()
            ),
        })]
    }
}
