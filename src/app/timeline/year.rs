//! The timeline of one school's academic year: move, change year, complete or cancel an
//! activity.

use super::*;
use crate::app::{Layer, Nav, Question};

impl App {
    pub(super) fn update_timeline_screen(&mut self, action: Action) -> Vec<Effect> {
        let n = self.timeline_list().len();
        let selected = self.timeline_selected().cloned();
        let Some(t) = self.tl.timeline.as_mut() else {
            self.close(Screen::Timeline);
            return vec![];
        };
        match action {
            Action::Up => t.selected = t.selected.saturating_sub(1),
            Action::Down => t.selected = (t.selected + 1).min(n.saturating_sub(1)),
            Action::PrevYear | Action::NextYear => {
                t.year = if action == Action::PrevYear {
                    t.year.prev()
                } else {
                    t.year.next()
                };
                t.selected = 0;
                t.offset.set(0);
            }
            Action::Back => {
                self.close(Screen::Timeline);
                self.tl.timeline = None;
            }
            Action::Open => match selected {
                Some(a) => self.open_activity_form(Some(a)),
                None => self.set_status("No activity here: a adds one.".into()),
            },
            Action::NewActivity => self.open_activity_form(None),
            Action::CompleteItem => match selected {
                Some(a) => return self.set_activity_status(a.id, true),
                None => self.set_status("No activity selected.".into()),
            },
            Action::CancelItem => match selected {
                Some(a) if a.status == ActivityStatus::Planned => {
                    self.nav(Nav::Push(Layer::Confirm(Question::CancelActivity(a.id))));
                    self.set_status(format!(
                        "Cancel {} on {}? y/n",
                        a.kind.name(),
                        fmt_date(a.planned)
                    ));
                }
                Some(_) => self.set_status("Only a planned activity can be cancelled.".into()),
                None => self.set_status("No activity selected.".into()),
            },
            Action::OpenReview => {
                let urn = t.urn;
                self.open_review(urn);
            }
            Action::OpenPlan => {
                let (urn, year) = (t.urn, t.year);
                self.open_plan(urn, year);
            }
            _ => {}
        }
        vec![]
    }

    /// `c` (done today) or a confirmed `x` (cancelled) on an activity: saved at once.
    pub(super) fn set_activity_status(&mut self, id: Id, done: bool) -> Vec<Effect> {
        let Some(mut a) = self.data.activities.iter().find(|a| a.id == id).cloned() else {
            return vec![];
        };
        let msg = if done {
            a.status = ActivityStatus::Done;
            a.done = Some(self.today);
            "Activity done"
        } else {
            a.status = ActivityStatus::Cancelled;
            a.done = None;
            "Activity cancelled"
        };
        vec![Effect::Save(SaveRequest {
            records: vec![(
                Record::Activity(a),
                if done { "completed" } else { "cancelled" }.into(),
            )],
            done_message: msg.into(),
        })]
    }
}
