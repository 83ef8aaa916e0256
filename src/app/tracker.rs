//! The actions tracker: every open action across schools, filtered by owner, by the school
//! selected on the board, or to the overdue ones; completed in a keystroke.

use super::{Action, App, Effect, Record, SaveRequest, Screen};
use crate::domain::schedule::cycle;
use crate::domain::text::clean_line;
use crate::domain::{Action as Task, ActionStatus, Urn};
use std::cell::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrackerState {
    pub owner: Option<String>,
    pub school: Option<Urn>,
    pub overdue_only: bool,
    pub selected: usize,
    pub offset: Cell<usize>,
}

/// Open actions as the tracker shows them: overdue first, then by due date (none last), school.
pub fn open_actions<'a>(
    actions: &'a [Task],
    t: &TrackerState,
    today: chrono::NaiveDate,
) -> Vec<&'a Task> {
    let mut v: Vec<&Task> = actions
        .iter()
        .filter(|a| a.is_open())
        .filter(|a| t.owner.as_ref().is_none_or(|o| *o == clean_line(&a.owner)))
        .filter(|a| t.school.is_none_or(|u| u == a.urn))
        .filter(|a| !t.overdue_only || a.is_overdue(today))
        .collect();
    v.sort_by_key(|a| (!a.is_overdue(today), a.due.is_none(), a.due, a.urn, a.id));
    v
}

impl App {
    pub fn tracker_list(&self) -> Vec<&Task> {
        match &self.tl.tracker {
            Some(t) => open_actions(&self.data.actions, t, self.today),
            None => vec![],
        }
    }

    pub(crate) fn update_tracker(&mut self, action: Action) -> Vec<Effect> {
        let list: Vec<Task> = self.tracker_list().into_iter().cloned().collect();
        let mut owners: Vec<String> = self
            .data
            .actions
            .iter()
            .filter(|a| a.is_open())
            .map(|a| clean_line(&a.owner))
            .collect();
        owners.sort();
        owners.dedup();
        let board_school = self.board.selected_urn();
        let Some(t) = self.tl.tracker.as_mut() else {
            self.close(Screen::Tracker);
            return vec![];
        };
        let mut effects = vec![];
        match action {
            Action::Up => t.selected = t.selected.saturating_sub(1),
            Action::Down => t.selected = (t.selected + 1).min(list.len().saturating_sub(1)),
            Action::CycleOfficer => {
                t.owner = cycle(&t.owner, &owners, 1);
                t.selected = 0;
            }
            Action::ToggleSchool => {
                t.school = if t.school.is_some() {
                    None
                } else {
                    board_school
                };
                t.selected = 0;
            }
            Action::ToggleOverdue => {
                t.overdue_only = !t.overdue_only;
                t.selected = 0;
            }
            Action::Back => self.close(Screen::Tracker),
            Action::CompleteItem => match list.get(t.selected) {
                Some(a) => {
                    let mut a = a.clone();
                    a.status = ActionStatus::Done;
                    a.completed = Some(self.today);
                    effects.push(Effect::Save(SaveRequest {
                        records: vec![(Record::Action(a), "completed".into())],
                        done_message: "Action done".into(),
                    }));
                }
                None => self.set_status("No open action selected.".into()),
            },
            _ => {}
        }
        let n = self.tracker_list().len();
        if let Some(t) = self.tl.tracker.as_mut() {
            t.selected = t.selected.min(n.saturating_sub(1));
        }
        effects
    }
}
