//! The timeline of one school's academic year: move, change year, complete or cancel an
//! activity.

use super::*;
use crate::app::{Ctx, Layer, Nav, Question};

impl TimelineState {
    /// The year's activities of the school, by date.
    pub fn activities<'a>(&self, ctx: &Ctx<'a>) -> Vec<&'a Activity> {
        year_activities(ctx.activities_of(self.urn), self.urn, self.year)
    }

    /// Moving, changing year, completing an activity (saved at once) or asking before
    /// cancelling one; Esc leaves. (Opening a form is the app's business:
    /// `App::update_timeline_screen`.)
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let list = self.activities(ctx);
        let n = list.len();
        let selected = list.get(self.selected).map(|a| (*a).clone());
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Action::PrevYear | Action::NextYear => {
                self.year = if action == Action::PrevYear {
                    self.year.prev()
                } else {
                    self.year.next()
                };
                self.selected = 0;
                self.offset.set(0);
            }
            Action::Back => return (vec![], Nav::Pop),
            Action::PlanCheckpoint => return (plan_proposed_review(ctx, self.urn), Nav::Stay),
            Action::CompleteItem => match selected {
                Some(a) if a.status == ActivityStatus::Done => {
                    ctx.say("Already done (u undoes the last change here).");
                }
                Some(a) => {
                    let effects = status_change(ctx, a.id, true, None);
                    self.last = Some(a);
                    return (effects, Nav::Stay);
                }
                None => ctx.say("No activity selected."),
            },
            Action::Reopen => match self.last.take() {
                Some(before) => return (undo_change(ctx, &before), Nav::Stay),
                None => ctx.say("Nothing to undo here."),
            },
            Action::CancelItem => match selected {
                // A checkpoint review is what the board's next checkpoint rests on: say why.
                Some(a)
                    if a.status == ActivityStatus::Planned
                        && a.kind == ActivityKind::CheckpointReview =>
                {
                    return (
                        vec![],
                        Nav::Push(Layer::Confirm(Question::CancelReview(a.id))),
                    );
                }
                // Any other: cancelled at once, as `c` is done at once; `u` puts it back (no
                // question a lone typed letter could answer).
                Some(a) if a.status == ActivityStatus::Planned => {
                    let effects = status_change(ctx, a.id, false, None);
                    self.last = Some(a);
                    return (effects, Nav::Stay);
                }
                Some(_) => ctx.say("Only a planned activity can be cancelled."),
                None => ctx.say("No activity selected."),
            },
            _ => {}
        }
        (vec![], Nav::Stay)
    }
}

/// `c` (done today) or `x` (cancelled, with the reason when one was asked for) on an
/// activity: saved at once (and undoable with `u`); the reason goes into the audit trail.
pub(super) fn status_change(ctx: &Ctx, id: Id, done: bool, reason: Option<&str>) -> Vec<Effect> {
    let Some(mut a) = ctx.activity(id).cloned() else {
        return vec![];
    };
    let msg = if done {
        a.status = ActivityStatus::Done;
        a.done = Some(ctx.today);
        "Activity done (u undoes)"
    } else {
        a.status = ActivityStatus::Cancelled;
        a.done = None;
        "Activity cancelled (u undoes)"
    };
    vec![Effect::Save(SaveRequest {
        records: vec![(
            Record::Activity(a),
            match (done, reason) {
                (true, _) => "completed".into(),
                (false, Some(r)) => format!("cancelled: {r}"),
                (false, None) => "cancelled".into(),
            },
        )],
        done_message: msg.into(),
    })]
}

/// Puts an activity back as it was before a `c` or `x` (its status and done date), over
/// what is stored now (its current revision): saved at once, audited.
fn undo_change(ctx: &Ctx, before: &Activity) -> Vec<Effect> {
    let Some(mut a) = ctx
        .data
        .activities
        .iter()
        .find(|a| a.id == before.id)
        .cloned()
    else {
        return vec![];
    };
    a.status = before.status;
    a.done = before.done;
    vec![Effect::Save(SaveRequest {
        records: vec![(Record::Activity(a), "undone: back as it was".into())],
        done_message: "Undone: the activity is back as it was".into(),
    })]
}

impl App {
    /// The timeline's keys: opening a form over it is the app's business; the rest is the
    /// timeline's own (`TimelineState::update`).
    pub(super) fn update_timeline_screen(&mut self, action: Action) -> Vec<Effect> {
        let selected = self.timeline_selected().cloned();
        let Some(mut t) = self.tl.timeline.take() else {
            self.close(Screen::Timeline);
            return vec![];
        };
        let (urn, year) = (t.urn, t.year);
        match action {
            Action::Open | Action::NewActivity | Action::OpenReview | Action::OpenPlan => {
                self.tl.timeline = Some(t);
                match action {
                    Action::Open => match selected {
                        // A done checkpoint review is read as the review it recorded.
                        Some(a) => match super::review::review_of(self.checkpoints_of(a.urn), &a) {
                            Some(r) => {
                                let id = r.id;
                                self.open_review_view(id);
                            }
                            None => self.open_activity_form(Some(a)),
                        },
                        None => self.set_status("No activity here: a adds one.".into()),
                    },
                    Action::NewActivity => self.open_activity_form(None),
                    Action::OpenReview => self.open_review(urn),
                    _ => self.open_plan(urn, year),
                }
                vec![]
            }
            _ => {
                let (effects, nav) = t.update(action, &mut self.ctx());
                // Leaving the timeline drops its state.
                if nav == Nav::Pop {
                    self.close(Screen::Timeline);
                } else {
                    self.tl.timeline = Some(t);
                    self.nav(nav);
                }
                effects
            }
        }
    }
}
