//! A school's timeline across an academic year, what falls due across all schools, and the
//! activity form. The checkpoint review form and the actions tracker live beside this file and
//! are reached from here.

use super::checkpoint_form::CheckpointForm;
use super::tracker::TrackerState;
use super::{Action, App, Effect, Record, SaveRequest, SchoolState, Screen};
use crate::domain::calendar::{AcademicYear, fmt_date, parse_date};
use crate::domain::schedule::{DueFilter, DueItem, cycle, due_items, officers, year_activities};
use crate::domain::text::clean_line;
use crate::domain::{Activity, ActivityKind, ActivityStatus, Id, Urn};
use crate::keymap::Context;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::Cell;

/// State of the screens of this module, kept on the `App`.
#[derive(Debug, Default)]
pub struct Screens {
    pub timeline: Option<TimelineState>,
    pub due: Option<DueState>,
    pub activity: Option<ActivityForm>,
    pub checkpoint: Option<CheckpointForm>,
    pub tracker: Option<TrackerState>,
    pub plan: Option<super::plan_form::PlanForm>,
    /// A question waiting for y/n.
    pub confirm: Option<Confirm>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    CancelActivity(Id),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineState {
    pub urn: Urn,
    pub year: AcademicYear,
    /// Index into the year's activities (`domain::schedule::year_activities`).
    pub selected: usize,
    /// Where Esc goes.
    pub from: Screen,
    /// First list row drawn; kept by the view.
    pub offset: Cell<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueState {
    pub weeks: u32,
    pub filter: DueFilter,
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl Default for DueState {
    fn default() -> Self {
        DueState {
            weeks: 6,
            filter: DueFilter::default(),
            selected: 0,
            offset: Cell::new(0),
        }
    }
}

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
    fn cycle_value(&mut self, dir: isize) {
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
    /// The keymap context of this module's screens, if one is open.
    pub(crate) fn timeline_context(&self) -> Option<Context> {
        if self.tl.confirm.is_some() {
            return Some(Context::Confirm);
        }
        Some(match self.screen {
            Screen::Timeline => Context::Timeline,
            Screen::Due => Context::Due,
            Screen::ActivityForm => Context::ActivityForm,
            Screen::CheckpointForm => Context::CheckpointForm,
            Screen::Tracker => Context::Tracker,
            Screen::PlanForm => Context::PlanForm,
            _ => return None,
        })
    }

    /// Typed text for the form that has the keyboard.
    pub(crate) fn timeline_text_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            || c.is_control()
        {
            return None;
        }
        if !matches!(
            self.screen,
            Screen::ActivityForm | Screen::CheckpointForm | Screen::PlanForm
        ) {
            return None;
        }
        self.edit_text(super::caret::Edit::Insert(c)).then(Vec::new)
    }

    pub(crate) fn open_from_board(&mut self, action: Action) -> Vec<Effect> {
        self.board.searching = false;
        self.board.filter_popup = None;
        match action {
            Action::OpenTimeline => {
                let Some(urn) = self.board.selected_urn() else {
                    self.set_status("No school selected: clear the search or filters (x).".into());
                    return vec![];
                };
                self.open_timeline(urn, Screen::Board);
            }
            Action::OpenDue => {
                self.tl.due.get_or_insert_with(DueState::default);
                self.screen = Screen::Due;
            }
            Action::OpenTracker => {
                self.tl.tracker.get_or_insert_with(TrackerState::default);
                self.screen = Screen::Tracker;
            }
            _ => {}
        }
        vec![]
    }

    pub(crate) fn open_from_school(&mut self, urn: Urn, action: Action) -> Vec<Effect> {
        match action {
            Action::OpenTimeline => self.open_timeline(urn, Screen::School),
            Action::OpenReview => self.open_review(urn, Screen::School),
            _ => {}
        }
        vec![]
    }

    pub fn open_timeline(&mut self, urn: Urn, from: Screen) {
        self.tl.timeline = Some(TimelineState {
            urn,
            year: AcademicYear::of(self.today),
            selected: 0,
            from,
            offset: Cell::new(0),
        });
        // Start on the first activity from today on.
        let today = self.today;
        let first = self.timeline_list().iter().position(|a| a.date() >= today);
        let n = self.timeline_list().len();
        if let Some(t) = self.tl.timeline.as_mut() {
            t.selected = first.unwrap_or(n.saturating_sub(1));
        }
        self.screen = Screen::Timeline;
    }

    /// The open timeline's activities for its year, by date.
    pub fn timeline_list(&self) -> Vec<&Activity> {
        match &self.tl.timeline {
            Some(t) => year_activities(&self.data.activities, t.urn, t.year),
            None => vec![],
        }
    }

    /// The activity selected on the timeline.
    pub fn timeline_selected(&self) -> Option<&Activity> {
        let i = self.tl.timeline.as_ref()?.selected;
        self.timeline_list().get(i).copied()
    }

    /// The due list as the due screen shows it.
    pub fn due_list(&self) -> Vec<DueItem> {
        match &self.tl.due {
            Some(d) => due_items(&self.data, self.today, d.weeks, &d.filter),
            None => vec![],
        }
    }

    pub(crate) fn update_timeline(&mut self, action: Action) -> Vec<Effect> {
        if let Some(c) = self.tl.confirm {
            self.tl.confirm = None;
            if action == Action::ConfirmYes {
                return match c {
                    Confirm::CancelActivity(id) => self.set_activity_status(id, false),
                };
            }
            self.set_status("Not cancelled.".into());
            return vec![];
        }
        match self.screen {
            Screen::Timeline => self.update_timeline_screen(action),
            Screen::Due => self.update_due(action),
            Screen::ActivityForm => self.update_activity_form(action),
            Screen::CheckpointForm => self.update_checkpoint_form(action),
            Screen::Tracker => self.update_tracker(action),
            Screen::PlanForm => self.update_plan_form(action),
            _ => vec![],
        }
    }

    fn update_timeline_screen(&mut self, action: Action) -> Vec<Effect> {
        let n = self.timeline_list().len();
        let selected = self.timeline_selected().cloned();
        let Some(t) = self.tl.timeline.as_mut() else {
            self.screen = Screen::Board;
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
                self.screen = t.from;
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
                    self.tl.confirm = Some(Confirm::CancelActivity(a.id));
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
                self.open_review(urn, Screen::Timeline);
            }
            Action::OpenPlan => {
                let (urn, year) = (t.urn, t.year);
                self.open_plan(urn, year, Screen::Timeline);
            }
            _ => {}
        }
        vec![]
    }

    /// `c` (done today) or a confirmed `x` (cancelled) on an activity: saved at once.
    fn set_activity_status(&mut self, id: Id, done: bool) -> Vec<Effect> {
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

    fn open_activity_form(&mut self, activity: Option<Activity>) {
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
        self.screen = Screen::ActivityForm;
        // What "unchanged" means for keeping the form at exit: as opened, before any restore.
        self.activity_form_as_opened = None;
        self.activity_form_as_opened = self.activity_draft_on_exit(0);
        self.restore_activity_draft();
    }

    fn update_activity_form(&mut self, action: Action) -> Vec<Effect> {
        let today = self.today;
        let Some(f) = self.tl.activity.as_mut() else {
            self.screen = Screen::Timeline;
            return vec![];
        };
        let n = ActivityField::ALL.len();
        match action {
            Action::FieldNext => f.field = (f.field + 1) % n,
            Action::FieldPrev => f.field = (f.field + n - 1) % n,
            // On a text field ← → move the caret (App::update).
            Action::ValueNext => f.cycle_value(1),
            Action::ValuePrev => f.cycle_value(-1),
            Action::FormCancel => {
                let which = (f.urn, f.original.as_ref().map(|a| a.id));
                self.tl.activity = None;
                self.screen = Screen::Timeline;
                self.activity_draft_done(which.0, which.1);
                self.set_status("Activity not saved.".into());
            }
            Action::FormSave => {
                if f.pending {
                    return vec![];
                }
                // Validate before taking an id.
                if let Err(e) = f.build(0, today) {
                    f.error = Some(e);
                    return vec![];
                }
                let id = match f.original.as_ref() {
                    Some(a) => a.id,
                    None => match self.new_id() {
                        Some(id) => id,
                        None => return vec![],
                    },
                };
                let Some(f) = self.tl.activity.as_mut() else {
                    return vec![];
                };
                match f.build(id, today) {
                    Ok(a) => {
                        f.pending = true;
                        let summary = if f.original.is_some() {
                            "edited"
                        } else {
                            "created"
                        };
                        return vec![Effect::Save(SaveRequest {
                            records: vec![(Record::Activity(a), summary.into())],
                            done_message: "Activity saved".into(),
                        })];
                    }
                    Err(e) => f.error = Some(e),
                }
            }
            _ => {}
        }
        vec![]
    }

    fn update_due(&mut self, action: Action) -> Vec<Effect> {
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
            self.screen = Screen::Board;
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
            Action::Back => self.screen = Screen::Board,
            Action::Open => {
                if let Some(item) = list.get(d.selected) {
                    return self.jump_to_school(item.urn, Screen::Due);
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

    /// Opens a school's screen from `from`, selecting it on the board too (clearing the search
    /// and filters if they hide it), so J/K move on from it. Esc goes back to `from`.
    pub(crate) fn jump_to_school(&mut self, urn: Urn, from: Screen) -> Vec<Effect> {
        self.board.refresh(&self.data, Some(urn));
        if self.board.selected_urn() != Some(urn) {
            self.board.filters = super::Filters::default();
            self.board.search.clear();
            self.board.refresh(&self.data, Some(urn));
        }
        self.screen = Screen::School;
        let mut school = SchoolState::new(urn);
        school.back_to = from;
        self.school = Some(school);
        vec![Effect::LoadNotes(urn), Effect::LoadAudit(urn)]
    }

    /// A save asked for by one of this module's forms landed: close the form.
    pub(crate) fn timeline_saved(&mut self) {
        if let Some(f) = self.tl.activity.as_ref().filter(|f| f.pending) {
            let which = (f.urn, f.original.as_ref().map(|a| a.id));
            self.tl.activity = None;
            self.activity_draft_done(which.0, which.1);
            if self.screen == Screen::ActivityForm {
                self.screen = Screen::Timeline;
            }
        }
        if let Some(f) = self.tl.plan.as_ref().filter(|f| f.pending) {
            let (back, urn, year) = (f.from, f.urn, f.year);
            self.tl.plan = None;
            self.plan_draft_done(urn, year);
            if self.screen == Screen::PlanForm {
                self.screen = back;
            }
        }
        if let Some(f) = self.tl.checkpoint.as_ref().filter(|f| f.pending) {
            let (back, urn) = (f.from, f.urn);
            self.tl.checkpoint = None;
            self.checkpoint_draft_done(urn);
            if self.screen == Screen::CheckpointForm {
                self.screen = back;
            }
        }
        // Keep the timeline's selection within the (possibly longer) list.
        let n = self.timeline_list().len();
        if let Some(t) = self.tl.timeline.as_mut() {
            t.selected = t.selected.min(n.saturating_sub(1));
        }
    }

    /// A save failed: the forms stay open with what was typed.
    pub(crate) fn timeline_save_failed(&mut self) {
        if let Some(f) = self.tl.activity.as_mut() {
            f.pending = false;
        }
        if let Some(f) = self.tl.checkpoint.as_mut() {
            f.pending = false;
        }
        if let Some(f) = self.tl.plan.as_mut() {
            f.pending = false;
        }
    }
}
