//! What falls due across all schools in the coming weeks: move, weeks, officer and priority
//! filters, open the item's school.

use super::*;
use crate::app::{Ctx, Nav};

impl DueState {
    /// The items as the due screen shows them.
    pub fn items(&self, ctx: &Ctx) -> Vec<DueItem> {
        due_items(ctx.data, ctx.today, self.weeks, &self.filter)
    }

    /// Moving, the weeks shown and the officer and priority filters; Esc leaves. (Opening the
    /// item's school is the app's business: `App::update_due`.)
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let n = self.items(ctx).len();
        let officers = officers(ctx.data);
        let cats: Vec<String> = ctx
            .data
            .scheme
            .categories
            .iter()
            .map(|c| c.key.clone())
            .collect();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Action::MoreWeeks => self.weeks = (self.weeks + 1).min(52),
            Action::FewerWeeks => self.weeks = self.weeks.saturating_sub(1).max(1),
            Action::CycleOfficer => {
                self.filter.officer = cycle(&self.filter.officer, &officers, 1);
                self.selected = 0;
            }
            Action::CyclePriority => {
                self.filter.priority = cycle(&self.filter.priority, &cats, 1);
                self.selected = 0;
            }
            Action::Back => return (vec![], Nav::Pop),
            _ => {}
        }
        // The list may have shrunk.
        let n = self.items(ctx).len();
        self.selected = self.selected.min(n.saturating_sub(1));
        (vec![], Nav::Stay)
    }
}

impl App {
    pub(super) fn update_due(&mut self, action: Action) -> Vec<Effect> {
        let Some(mut d) = self.tl.due.take() else {
            self.close(Screen::Due);
            return vec![];
        };
        if action == Action::Open {
            let urn = d.items(&self.ctx()).get(d.selected).map(|i| i.urn);
            // The due list keeps its filters under the school, for Esc to come back to.
            self.tl.due = Some(d);
            return match urn {
                Some(urn) => self.jump_to_school(urn),
                None => vec![],
            };
        }
        let (effects, nav) = d.update(action, &mut self.ctx());
        self.tl.due = Some(d);
        self.nav(nav);
        effects
    }
}
