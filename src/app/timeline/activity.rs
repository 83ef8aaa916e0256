//! The activity form: its fields, building an `Activity` from them, and its update.

use super::*;
use crate::app::{Ctx, Nav};

/// The fields of the activity form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityField {
    Kind,
    Title,
    Planned,
    Done,
    Owner,
    Status,
}

impl ActivityField {
    pub const ALL: [ActivityField; 6] = [
        ActivityField::Kind,
        ActivityField::Title,
        ActivityField::Planned,
        ActivityField::Done,
        ActivityField::Owner,
        ActivityField::Status,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ActivityField::Kind => "Kind",
            ActivityField::Title => "Title",
            ActivityField::Planned => "Planned date",
            ActivityField::Done => "Done date",
            ActivityField::Owner => "Owner",
            ActivityField::Status => "Status",
        }
    }
    pub fn is_text(self) -> bool {
        !matches!(self, ActivityField::Kind | ActivityField::Status)
    }
}

/// An activity being created or edited. Dates are kept as typed until saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityForm {
    /// The activity as it was (for its id, rev and note), `None` when new.
    pub original: Option<Activity>,
    pub urn: Urn,
    pub kind: ActivityKind,
    pub title: String,
    pub planned: String,
    pub done: String,
    pub owner: String,
    pub status: ActivityStatus,
    pub field: usize,
    /// An inline error naming the field, e.g. "Planned date: '31/02' is not a date".
    pub error: Option<String>,
    /// A save was asked for and has not come back yet.
    pub pending: bool,
}

impl ActivityForm {
    pub fn current(&self) -> ActivityField {
        ActivityField::ALL[self.field.min(ActivityField::ALL.len() - 1)]
    }
    pub(crate) fn text_mut(&mut self) -> Option<&mut String> {
        match self.current() {
            ActivityField::Title => Some(&mut self.title),
            ActivityField::Planned => Some(&mut self.planned),
            ActivityField::Done => Some(&mut self.done),
            ActivityField::Owner => Some(&mut self.owner),
            _ => None,
        }
    }
    pub(super) fn cycle_value(&mut self, dir: isize) {
        match self.current() {
            ActivityField::Kind => {
                let all = ActivityKind::ALL;
                let i = all.iter().position(|k| *k == self.kind).unwrap_or(0) as isize;
                self.kind = all[(i + dir).rem_euclid(all.len() as isize) as usize];
            }
            ActivityField::Status => {
                let all = [
                    ActivityStatus::Planned,
                    ActivityStatus::Done,
                    ActivityStatus::Cancelled,
                ];
                let i = all.iter().position(|k| *k == self.status).unwrap_or(0) as isize;
                self.status = all[(i + dir).rem_euclid(3) as usize];
            }
            _ => {}
        }
    }
    /// The activity to save, or an error naming the field.
    pub fn build(&self, id: Id, today: NaiveDate) -> Result<Activity, String> {
        let planned = parse_date(&self.planned, today)
            .map_err(|e| format!("{}: {e}", ActivityField::Planned.name()))?;
        let done = if self.done.trim().is_empty() {
            None
        } else {
            Some(
                parse_date(&self.done, today)
                    .map_err(|e| format!("{}: {e}", ActivityField::Done.name()))?,
            )
        };
        let done = match self.status {
            ActivityStatus::Done => Some(done.unwrap_or(today)),
            _ => done,
        };
        let title = clean_line(self.title.trim());
        let o = self.original.as_ref();
        Ok(Activity {
            id: o.map_or(id, |a| a.id),
            urn: self.urn,
            kind: self.kind,
            title: if title.is_empty() {
                self.kind.name().to_string()
            } else {
                title
            },
            planned,
            done,
            status: self.status,
            owner: clean_line(self.owner.trim()),
            note: o.and_then(|a| a.note),
            rev: o.map_or(0, |a| a.rev),
        })
    }
}

impl App {
    pub(super) fn open_activity_form(&mut self, activity: Option<Activity>) {
        let Some(t) = self.tl.timeline.as_ref() else {
            return;
        };
        let owner = self
            .data
            .schools
            .iter()
            .find(|s| s.urn == t.urn)
            .map(|s| clean_line(&s.link_officer))
            .unwrap_or_else(|| self.user.clone());
        let form = match activity {
            Some(a) => ActivityForm {
                urn: a.urn,
                kind: a.kind,
                title: clean_line(&a.title),
                planned: fmt_date(a.planned),
                done: a.done.map(fmt_date).unwrap_or_default(),
                owner: clean_line(&a.owner),
                status: a.status,
                original: Some(a),
                field: 0,
                error: None,
                pending: false,
            },
            None => ActivityForm {
                original: None,
                urn: t.urn,
                kind: ActivityKind::Visit,
                title: String::new(),
                planned: fmt_date(self.today),
                done: String::new(),
                owner,
                status: ActivityStatus::Planned,
                field: 0,
                error: None,
                pending: false,
            },
        };
        self.tl.activity = Some(form);
        self.push(Screen::ActivityForm);
        // What "unchanged" means for keeping the form at exit: as opened, before any restore.
        self.activity_form_as_opened = None;
        self.activity_form_as_opened = self.activity_draft_on_exit(0);
        self.restore_activity_draft();
    }

    /// The activity form's keys (`ActivityForm::update`); leaving it lets go of the form
    /// kept for this activity.
    pub(super) fn update_activity_form(&mut self, action: Action) -> Vec<Effect> {
        let typed = self.activity_draft_on_exit(0);
        let Some(mut f) = self.tl.activity.take() else {
            self.close(Screen::ActivityForm);
            return vec![];
        };
        let (effects, nav) = f.update(action, &mut self.ctx());
        if nav == Nav::Pop {
            let which = (f.urn, f.original.as_ref().map(|a| a.id));
            self.close(Screen::ActivityForm);
            self.kept_given_up(which, typed);
        } else {
            self.tl.activity = Some(f);
            self.nav(nav);
        }
        effects
    }
}

impl ActivityForm {
    /// Moving between fields, choosing a kind or status, saving (once valid, with a fresh id
    /// for a new activity) and closing without saving.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let none = (vec![], Nav::Stay);
        let n = ActivityField::ALL.len();
        match action {
            Action::FieldNext => self.field = (self.field + 1) % n,
            Action::FieldPrev => self.field = (self.field + n - 1) % n,
            // On a text field ← → move the caret (App::update).
            Action::ValueNext => self.cycle_value(1),
            Action::ValuePrev => self.cycle_value(-1),
            Action::FormCancel => {
                ctx.say("Activity not saved.");
                return (vec![], Nav::Pop);
            }
            Action::FormSave => {
                if self.pending {
                    return none;
                }
                // Validate before taking an id.
                if let Err(e) = self.build(0, ctx.today) {
                    self.error = Some(e);
                    return none;
                }
                let id = match self.original.as_ref() {
                    Some(a) => a.id,
                    None => match ctx.new_id() {
                        Some(id) => id,
                        None => return none,
                    },
                };
                match self.build(id, ctx.today) {
                    Ok(a) => {
                        self.pending = true;
                        let summary = if self.original.is_some() {
                            "edited"
                        } else {
                            "created"
                        };
                        let save = Effect::Save(SaveRequest {
                            records: vec![(Record::Activity(a), summary.into())],
                            done_message: "Activity saved".into(),
                        });
                        return (vec![save], Nav::Stay);
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            _ => {}
        }
        none
    }
}
