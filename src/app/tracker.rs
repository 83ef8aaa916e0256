//! The actions tracker: every open action across schools, filtered by owner, by the school
//! selected on the board, or to the overdue ones; completed in a keystroke.

use super::{Action, App, Ctx, Effect, Nav, Record, SaveRequest, Screen};
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
        let Some(mut t) = self.tl.tracker.take() else {
            self.close(Screen::Tracker);
            return vec![];
        };
        let (effects, nav) = t.update(action, &mut self.ctx());
        // The tracker keeps its filters for the next time it is opened.
        self.tl.tracker = Some(t);
        self.nav(nav);
        effects
    }
}

impl TrackerState {
    /// The tracker's keys: move, filter by owner, school or overdue, complete the selected
    /// action (saved at once), leave.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let list: Vec<Task> = open_actions(&ctx.data.actions, self, ctx.today)
            .into_iter()
            .cloned()
            .collect();
        let mut owners: Vec<String> = ctx
            .data
            .actions
            .iter()
            .filter(|a| a.is_open())
            .map(|a| clean_line(&a.owner))
            .collect();
        owners.sort();
        owners.dedup();
        let mut effects = vec![];
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(list.len().saturating_sub(1)),
            Action::CycleOfficer => {
                self.owner = cycle(&self.owner, &owners, 1);
                self.selected = 0;
            }
            Action::ToggleSchool => {
                self.school = if self.school.is_some() {
                    None
                } else {
                    ctx.board_school
                };
                self.selected = 0;
            }
            Action::ToggleOverdue => {
                self.overdue_only = !self.overdue_only;
                self.selected = 0;
            }
            Action::Back => return (effects, Nav::Pop),
            Action::CompleteItem => match list.get(self.selected) {
                Some(a) => {
                    let mut a = a.clone();
                    a.status = ActionStatus::Done;
                    a.completed = Some(ctx.today);
                    effects.push(Effect::Save(SaveRequest {
                        records: vec![(Record::Action(a), "completed".into())],
                        done_message: "Action done".into(),
                    }));
                }
                None => ctx.say("No open action selected."),
            },
            _ => {}
        }
        // The list may have shrunk.
        let n = open_actions(&ctx.data.actions, self, ctx.today).len();
        self.selected = self.selected.min(n.saturating_sub(1));
        (effects, Nav::Stay)
    }
}
