//! The actions tracker: every open action across schools (and the done ones, on request),
//! filtered by owner, by the school selected on the board, or to the overdue ones. Completing
//! one shows it and asks first; `u` reopens it (audited); Enter shows one in full.

use super::{Action, App, Ctx, Effect, Nav, Record, SaveRequest, Screen};
use crate::domain::list::List;
use crate::domain::schedule::cycle;
use crate::domain::text::clean_line;
use crate::domain::{Action as Task, ActionStatus, Id, Urn};
use std::cell::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrackerState {
    pub owner: Option<String>,
    pub school: Option<Urn>,
    pub overdue_only: bool,
    /// Done actions are listed too (after the open ones), so they can be reopened.
    pub show_done: bool,
    /// The action completed last in this tracker: `u` reopens it.
    pub last_done: Option<Id>,
    /// The action shown in full (Enter), over the list.
    pub viewing: Option<Id>,
    pub selected: usize,
    pub offset: Cell<usize>,
}

/// Actions as the tracker shows them: open ones (and done ones when asked, after them),
/// overdue first, then by due date (none last), school.
pub fn open_actions<'a>(
    actions: &'a List<Task>,
    t: &TrackerState,
    today: chrono::NaiveDate,
) -> Vec<&'a Task> {
    let mut v: Vec<&Task> = actions
        .iter()
        .filter(|a| a.is_open() || (t.show_done && a.status == ActionStatus::Done))
        .filter(|a| t.owner.as_ref().is_none_or(|o| *o == clean_line(&a.owner)))
        .filter(|a| t.school.is_none_or(|u| u == a.urn))
        .filter(|a| !t.overdue_only || a.is_overdue(today))
        .collect();
    v.sort_by_key(|a| {
        (
            !a.is_open(),
            !a.is_overdue(today),
            a.due.is_none(),
            a.due,
            a.urn,
            a.id,
        )
    });
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
            Action::ToggleDone => {
                self.show_done = !self.show_done;
                self.selected = 0;
            }
            Action::Back if self.viewing.is_some() => self.viewing = None,
            Action::Back => return (effects, Nav::Pop),
            Action::Open => match list.get(self.selected) {
                Some(a) => {
                    self.viewing = Some(a.id);
                    // The source note's title, if the action came from a note of visit.
                    effects.push(Effect::LoadNotes(a.urn));
                }
                None => ctx.say("No action selected."),
            },
            Action::CompleteItem => {
                let target = match self.viewing {
                    Some(id) => ctx.action(id),
                    None => list.get(self.selected),
                };
                match target {
                    Some(a) if a.is_open() => {
                        let q = super::Question::CompleteAction(a.id);
                        return (effects, Nav::Push(super::Layer::Confirm(q)));
                    }
                    Some(_) => ctx.say("This action is not open (u reopens a done one)."),
                    None => ctx.say("No open action selected."),
                }
            }
            Action::Reopen => {
                // The one shown in full, else the selected done one, else the one just done.
                let selected = match self.viewing {
                    Some(id) => Some(id),
                    None => list
                        .get(self.selected)
                        .filter(|a| a.status == ActionStatus::Done)
                        .map(|a| a.id),
                };
                let target = selected
                    .or(self.last_done)
                    .and_then(|id| ctx.action(id))
                    .filter(|a| a.status == ActionStatus::Done);
                match target {
                    Some(a) => {
                        effects.push(reopen(a));
                        if self.last_done == Some(a.id) {
                            self.last_done = None;
                        }
                    }
                    None => ctx.say("No done action to reopen here (d lists done actions)."),
                }
            }
            _ => {}
        }
        // The list may have shrunk.
        let n = open_actions(&ctx.data.actions, self, ctx.today).len();
        self.selected = self.selected.min(n.saturating_sub(1));
        (effects, Nav::Stay)
    }
}

/// Completing an action (the dialog answered yes): saved at once, audited.
pub(super) fn complete(a: &Task, today: chrono::NaiveDate) -> Effect {
    let mut a = a.clone();
    a.status = ActionStatus::Done;
    a.completed = Some(today);
    Effect::Save(SaveRequest {
        records: vec![(Record::Action(a), "completed".into())],
        done_message: "Action done — u reopens it".into(),
    })
}

/// Reopening a done action: open again, its completion date cleared, audited.
fn reopen(a: &Task) -> Effect {
    let mut a = a.clone();
    a.status = ActionStatus::Open;
    a.completed = None;
    Effect::Save(SaveRequest {
        records: vec![(Record::Action(a), "reopened".into())],
        done_message: "Action reopened".into(),
    })
}

impl App {
    /// The answer to "complete this action?" (the question's layer is already off).
    pub(crate) fn complete_answered(&mut self, id: Id, yes: bool) -> Vec<Effect> {
        let found = self.action_by_id(id).filter(|a| a.is_open());
        match found {
            Some(a) if yes => {
                let effect = complete(a, self.today);
                if let Some(t) = self.tl.tracker.as_mut() {
                    t.last_done = Some(id);
                }
                vec![effect]
            }
            _ => {
                self.set_status("Not completed.".into());
                vec![]
            }
        }
    }

    /// The action the tracker shows in full, if any.
    pub fn tracker_viewing(&self) -> Option<&Task> {
        let id = self.tl.tracker.as_ref()?.viewing?;
        self.action_by_id(id)
    }
}
