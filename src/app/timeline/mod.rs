//! The timeline screens: which of them has the keyboard and how they open and close. Each
//! screen's own update is in a file of this folder: `year` (a school's academic year), `due`
//! (what falls due across all schools), `activity` (the activity form), `checkpoint` (the
//! checkpoint review form), `plan` (the support plan editor); the actions tracker is
//! `app::tracker`.

use super::tracker::TrackerState;
use super::{Action, App, Effect, Record, SaveRequest, SchoolState, Screen};
use crate::domain::calendar::{AcademicYear, fmt_date, parse_date};
use crate::domain::schedule::{DueFilter, DueItem, cycle, due_items, officers, year_activities};
use crate::domain::text::clean_line;
use crate::domain::{Activity, ActivityKind, ActivityStatus, Id, Urn};
use crate::keymap::Context;
use checkpoint::CheckpointForm;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::Cell;

mod activity;
pub mod activity_draft;
pub mod checkpoint;
mod due;
mod form_drafts;
pub mod plan;
pub mod review;
mod year;

pub use activity::{ActivityField, ActivityForm};

/// Plans the checkpoint review a school's entitlement proposes (one key on the timeline): saved
/// at once, audited.
pub(crate) fn plan_proposed_review(ctx: &mut crate::app::Ctx, urn: Urn) -> Vec<Effect> {
    if crate::domain::schedule::proposed_review(ctx.data, urn, 0).is_none() {
        ctx.say("A checkpoint review is already planned (or the priority has none).");
        return vec![];
    }
    let Some(id) = ctx.new_id() else {
        return vec![];
    };
    let Some(a) = crate::domain::schedule::proposed_review(ctx.data, urn, id) else {
        return vec![];
    };
    let msg = format!("Checkpoint review planned for {}", fmt_date(a.planned));
    vec![Effect::Save(SaveRequest {
        records: vec![(
            Record::Activity(a),
            "planned as the entitlement proposes".into(),
        )],
        done_message: msg,
    })]
}

/// State of the screens of this module, kept on the `App`.
#[derive(Debug, Default)]
pub struct Screens {
    pub timeline: Option<TimelineState>,
    pub due: Option<DueState>,
    pub activity: Option<ActivityForm>,
    pub checkpoint: Option<CheckpointForm>,
    pub tracker: Option<TrackerState>,
    pub plan: Option<plan::PlanForm>,
    /// The recorded review shown read-only.
    pub review: Option<review::ReviewViewState>,
    /// The reason being typed for cancelling a checkpoint review (`Question::CancelReview`).
    pub cancel_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineState {
    pub urn: Urn,
    pub year: AcademicYear,
    /// Index into the year's activities (`domain::schedule::year_activities`).
    pub selected: usize,
    /// First list row drawn; kept by the view.
    pub offset: Cell<usize>,
    /// The activity as it was before the last `c` (done) or `x` (cancelled) here: `u` puts it
    /// back, so one key never changes the diary for good.
    pub last: Option<Activity>,
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

impl App {
    /// The keymap context of this module's screens, if one is open.
    pub(crate) fn timeline_context(&self) -> Option<Context> {
        Some(match self.screen() {
            Screen::Timeline => Context::Timeline,
            Screen::Due => Context::Due,
            Screen::ActivityForm => Context::ActivityForm,
            Screen::CheckpointForm => Context::CheckpointForm,
            Screen::Tracker if self.tracker_viewing().is_some() => Context::ActionView,
            Screen::Tracker => Context::Tracker,
            Screen::PlanForm => Context::PlanForm,
            Screen::ReviewView => Context::ReviewView,
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
        if matches!(self.question(), Some(super::Question::CancelReview(_))) {
            self.edit_text(super::caret::Edit::Insert(c));
            return Some(vec![]);
        }
        if !matches!(
            self.screen(),
            Screen::ActivityForm | Screen::CheckpointForm | Screen::PlanForm
        ) {
            return None;
        }
        self.edit_text(super::caret::Edit::Insert(c)).then(Vec::new)
    }

    pub(crate) fn open_from_board(&mut self, action: Action) -> Vec<Effect> {
        self.board.searching = false;
        match action {
            Action::OpenTimeline => {
                let Some(urn) = self.board.selected_urn() else {
                    self.set_status("No school selected: clear the search or filters (x).".into());
                    return vec![];
                };
                self.open_timeline(urn);
            }
            Action::OpenDue => {
                self.tl.due.get_or_insert_with(DueState::default);
                self.push(Screen::Due);
            }
            Action::OpenTracker => {
                self.tl.tracker.get_or_insert_with(TrackerState::default);
                self.push(Screen::Tracker);
            }
            _ => {}
        }
        vec![]
    }

    pub(crate) fn open_from_school(&mut self, urn: Urn, action: Action) -> Vec<Effect> {
        match action {
            Action::OpenTimeline => self.open_timeline(urn),
            Action::OpenReview => self.open_review(urn),
            _ => {}
        }
        vec![]
    }

    /// Opens a school's timeline over the screen on top.
    pub fn open_timeline(&mut self, urn: Urn) {
        self.tl.timeline = Some(TimelineState {
            urn,
            year: AcademicYear::of(self.today),
            selected: 0,
            offset: Cell::new(0),
            last: None,
        });
        // Start on the first activity from today on.
        let today = self.today;
        let first = self.timeline_list().iter().position(|a| a.date() >= today);
        let n = self.timeline_list().len();
        if let Some(t) = self.tl.timeline.as_mut() {
            t.selected = first.unwrap_or(n.saturating_sub(1));
        }
        self.push(Screen::Timeline);
    }

    /// The open timeline's activities for its year, by date.
    pub fn timeline_list(&self) -> Vec<&Activity> {
        match &self.tl.timeline {
            Some(t) => year_activities(self.activities_of(t.urn), t.urn, t.year),
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

    /// A key while the reason for cancelling a checkpoint review is typed: Enter cancels it
    /// with the reason (none typed: asks again), Esc keeps it, Backspace edits.
    pub(crate) fn cancel_reason_key(&mut self, id: Id, action: Action) -> Vec<Effect> {
        match action {
            Action::ConfirmYes => {
                let reason = clean_line(self.tl.cancel_reason.trim());
                if reason.is_empty() {
                    self.set_status("Say why the review is cancelled (Esc keeps it).".into());
                    return vec![];
                }
                self.nav(super::Nav::Pop);
                self.tl.cancel_reason.clear();
                let before = self.activity_by_id(id).cloned();
                if let Some(t) = self.tl.timeline.as_mut() {
                    t.last = before;
                }
                year::status_change(&self.ctx(), id, false, Some(&reason))
            }
            Action::TextEdit(e) => {
                self.edit_text(e);
                vec![]
            }
            Action::FormBackspace => {
                self.edit_text(super::caret::Edit::Backspace);
                vec![]
            }
            Action::ConfirmNo | Action::Back => {
                self.nav(super::Nav::Pop);
                self.tl.cancel_reason.clear();
                self.set_status("Not cancelled.".into());
                vec![]
            }
            _ => vec![],
        }
    }

    /// The answer to "cancel this activity?" (the question's layer is already off).
    pub(crate) fn cancel_answered(&mut self, id: Id, yes: bool) -> Vec<Effect> {
        if yes {
            let before = self.activity_by_id(id).cloned();
            if let Some(t) = self.tl.timeline.as_mut() {
                t.last = before;
            }
            return year::status_change(&self.ctx(), id, false, None);
        }
        self.set_status("Not cancelled.".into());
        vec![]
    }

    pub(crate) fn update_timeline(&mut self, action: Action) -> Vec<Effect> {
        // Esc never throws away typing (an officer may press it to leave a field, or in
        // another program's habit): once something is typed only Ctrl-Q discards.
        let action = match action {
            Action::FormCancel if self.timeline_form_typed() => {
                self.set_status(
                    "Not closed: something is typed. Ctrl-S saves it, Ctrl-Q discards it.".into(),
                );
                return vec![];
            }
            Action::FormDiscard => Action::FormCancel,
            a => a,
        };
        match self.screen() {
            Screen::Timeline => self.update_timeline_screen(action),
            Screen::Due => self.update_due(action),
            Screen::ActivityForm => self.update_activity_form(action),
            Screen::CheckpointForm => self.update_checkpoint_form(action),
            Screen::Tracker => self.update_tracker(action),
            Screen::PlanForm => self.update_plan_form(action),
            Screen::ReviewView => self.update_review_view(action),
            _ => vec![],
        }
    }

    /// Opens a school's screen over the one on top, selecting it on the board too (clearing the
    /// search and filters if they hide it), so n/p move on from it. Esc comes back here.
    pub(crate) fn jump_to_school(&mut self, urn: Urn) -> Vec<Effect> {
        self.board.refresh(&self.data, Some(urn));
        if self.board.selected_urn() != Some(urn) {
            self.board.filters = super::Filters::default();
            self.board.search.clear();
            self.board.refresh(&self.data, Some(urn));
        }
        self.push(Screen::School);
        self.school = Some(SchoolState::new(urn));
        vec![Effect::LoadNotes(urn), Effect::LoadAudit(urn)]
    }

    /// The activity, checkpoint or plan form on top has typing that is not saved (what would
    /// be kept as its draft).
    fn timeline_form_typed(&self) -> bool {
        match self.screen() {
            Screen::ActivityForm => self.activity_draft_on_exit(0).is_some(),
            Screen::CheckpointForm => self.checkpoint_draft_on_exit(0).is_some(),
            Screen::PlanForm => self.plan_draft_on_exit(0).is_some(),
            _ => false,
        }
    }

    /// A save asked for by one of this module's forms landed: close the form.
    pub(crate) fn timeline_saved(&mut self) {
        if let Some(f) = self.tl.activity.as_ref().filter(|f| f.pending) {
            let which = (f.urn, f.original.as_ref().map(|a| a.id));
            self.tl.activity = None;
            self.activity_draft_done(which.0, which.1);
            self.close(Screen::ActivityForm);
        }
        if let Some(f) = self.tl.plan.as_ref().filter(|f| f.pending) {
            let (urn, year) = (f.urn, f.year);
            self.tl.plan = None;
            self.plan_draft_done(urn, year);
            self.close(Screen::PlanForm);
        }
        if let Some(f) = self.tl.checkpoint.as_ref().filter(|f| f.pending) {
            let which = f.which();
            self.tl.checkpoint = None;
            self.checkpoint_draft_done(which);
            self.close(Screen::CheckpointForm);
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
