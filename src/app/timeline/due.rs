//! What falls due across all schools in the coming weeks: move, weeks, officer and priority
//! filters, open the item's school.

use super::*;

impl App {
    pub(super) fn update_due(&mut self, action: Action) -> Vec<Effect> {
        let list = self.due_list();
        let officers = officers(&self.data);
        let cats: Vec<String> = self
            .data
            .scheme
            .categories
            .iter()
            .map(|c| c.key.clone())
            .collect();
        let Some(d) = self.tl.due.as_mut() else {
            self.close(Screen::Due);
            return vec![];
        };
        match action {
            Action::Up => d.selected = d.selected.saturating_sub(1),
            Action::Down => d.selected = (d.selected + 1).min(list.len().saturating_sub(1)),
            Action::MoreWeeks => d.weeks = (d.weeks + 1).min(52),
            Action::FewerWeeks => d.weeks = d.weeks.saturating_sub(1).max(1),
            Action::CycleOfficer => {
                d.filter.officer = cycle(&d.filter.officer, &officers, 1);
                d.selected = 0;
            }
            Action::CyclePriority => {
                d.filter.priority = cycle(&d.filter.priority, &cats, 1);
                d.selected = 0;
            }
            Action::Back => self.close(Screen::Due),
            Action::Open => {
                if let Some(item) = list.get(d.selected) {
                    return self.jump_to_school(item.urn);
                }
            }
            _ => {}
        }
        // The list may have shrunk.
        let n = self.due_list().len();
        if let Some(d) = self.tl.due.as_mut() {
            d.selected = d.selected.min(n.saturating_sub(1));
        }
        vec![]
    }
}
