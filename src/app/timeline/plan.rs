//! A simple support plan editor: the school's headline priorities for an academic year, each
//! with success criteria, edited as a list of lines. Ctrl-N adds a priority, Enter adds a
//! success criterion under the current line, typing edits the selected line.

use super::checkpoint::plan_for;
use crate::app::kept::KeptForm;
use crate::app::{Action, App, Ctx, Effect, Nav, Record, SaveRequest, Screen};
use crate::domain::calendar::AcademicYear;
use crate::domain::text::clean_line;
use crate::domain::{PlanPriority, SupportPlan, Urn};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One line of the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanLine {
    /// The title of priority `i`.
    Title(usize),
    /// Success criterion `j` of priority `i`.
    Criterion(usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    pub urn: Urn,
    pub year: AcademicYear,
    /// The plan as stored, `None` when new.
    pub original: Option<SupportPlan>,
    pub priorities: Vec<PlanPriority>,
    /// Index into `lines()`.
    pub line: usize,
    pub pending: bool,
}

impl PlanForm {
    pub fn lines(&self) -> Vec<PlanLine> {
        let mut v = Vec::new();
        for (i, p) in self.priorities.iter().enumerate() {
            v.push(PlanLine::Title(i));
            for j in 0..p.success_criteria.len() {
                v.push(PlanLine::Criterion(i, j));
            }
        }
        v
    }
    pub fn current(&self) -> Option<PlanLine> {
        self.lines().get(self.line).copied()
    }
    pub(crate) fn text_mut(&mut self) -> Option<&mut String> {
        match self.current()? {
            PlanLine::Title(i) => self.priorities.get_mut(i).map(|p| &mut p.title),
            PlanLine::Criterion(i, j) => self
                .priorities
                .get_mut(i)
                .and_then(|p| p.success_criteria.get_mut(j)),
        }
    }
    fn add_priority(&mut self) {
        self.priorities.push(PlanPriority {
            title: String::new(),
            success_criteria: vec![],
        });
        self.line = self.lines().len().saturating_sub(1);
    }
    /// A new success criterion after the current line (at the top of a priority's list when on
    /// its title).
    fn add_criterion(&mut self) {
        let Some(cur) = self.current() else {
            self.add_priority();
            return;
        };
        let (i, at) = match cur {
            PlanLine::Title(i) => (i, 0),
            PlanLine::Criterion(i, j) => (i, j + 1),
        };
        if let Some(p) = self.priorities.get_mut(i) {
            p.success_criteria.insert(at, String::new());
        }
        if let Some(pos) = self
            .lines()
            .iter()
            .position(|l| *l == PlanLine::Criterion(i, at))
        {
            self.line = pos;
        }
    }
    /// The plan to save: empty lines and untitled priorities left out, text cleaned.
    pub fn build(&self, id: crate::domain::Id) -> SupportPlan {
        let priorities = self
            .priorities
            .iter()
            .filter(|p| !p.title.trim().is_empty())
            .map(|p| PlanPriority {
                title: clean_line(p.title.trim()),
                success_criteria: p
                    .success_criteria
                    .iter()
                    .map(|c| clean_line(c.trim()))
                    .filter(|c| !c.is_empty())
                    .collect(),
            })
            .collect();
        let o = self.original.as_ref();
        SupportPlan {
            id: o.map_or(id, |p| p.id),
            urn: self.urn,
            year: self.year,
            priorities,
            rev: o.map_or(0, |p| p.rev),
        }
    }
}

/// Schema of `PlanDraft` in the store's form drafts.
pub const PLAN_DRAFT_SCHEMA: u16 = 1;
/// Key prefix of support plan drafts among the store's form drafts.
pub const PLAN_DRAFT_PREFIX: &str = "plan/";

/// A support plan being edited when the session ended: kept in the store and put back when
/// the plan of that school and year is opened again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDraft {
    pub urn: Urn,
    pub year: AcademicYear,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    pub priorities: Vec<PlanPriority>,
}

impl App {
    /// Support plan drafts found in the store at start-up (this user's only).
    pub fn set_plan_drafts(&mut self, drafts: Vec<PlanDraft>) {
        self.load_kept(drafts);
    }

    /// The plan being edited, to keep when the session ends (nothing if none is open, it is
    /// being saved, or it is as stored).
    pub fn plan_draft_on_exit(&self, now_ms: i64) -> Option<PlanDraft> {
        PlanDraft::open(self, now_ms)
    }

    /// The plan of `urn` for `year` was saved or given up: a kept copy is obsolete.
    pub(in crate::app) fn plan_draft_done(&mut self, urn: Urn, year: AcademicYear) {
        self.kept_done::<PlanDraft>((urn, year));
    }

    /// Opens the support plan editor of a school's year over the screen on top.
    pub fn open_plan(&mut self, urn: Urn, year: AcademicYear) {
        let original = plan_for(self.plans_of(urn), urn, year).cloned();
        let mut form = PlanForm {
            urn,
            year,
            priorities: original
                .as_ref()
                .map(|p| p.priorities.clone())
                .unwrap_or_default(),
            original,
            line: 0,
            pending: false,
        };
        if form.priorities.is_empty() {
            form.add_priority();
        }
        if let Some(d) = self.plan_drafts.take((urn, year)) {
            form.priorities = d.priorities;
            self.say_restored(PlanDraft::WHAT, &d.author, d.at);
        }
        self.tl.plan = Some(form);
        self.push(Screen::PlanForm);
    }

    /// The support plan editor's keys (`PlanForm::update`); leaving it lets go of the plan
    /// kept for this school and year.
    pub(crate) fn update_plan_form(&mut self, action: Action) -> Vec<Effect> {
        let typed = self.plan_draft_on_exit(0);
        let Some(mut f) = self.tl.plan.take() else {
            self.close(Screen::PlanForm);
            return vec![];
        };
        let (effects, nav) = f.update(action, &mut self.ctx());
        if nav == Nav::Pop {
            self.close(Screen::PlanForm);
            self.kept_given_up((f.urn, f.year), typed);
        } else {
            self.tl.plan = Some(f);
            self.nav(nav);
        }
        effects
    }
}

impl PlanForm {
    /// Moving between lines, adding a priority or a success criterion, saving (with a fresh id
    /// for a new plan) and closing without saving.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let n = self.lines().len().max(1);
        match action {
            Action::FieldNext => self.line = (self.line + 1) % n,
            Action::FieldPrev => self.line = (self.line + n - 1) % n,
            Action::NewActivity => self.add_priority(),
            Action::Open => self.add_criterion(),
            Action::FormCancel => {
                ctx.say("Support plan not saved.");
                return (vec![], Nav::Pop);
            }
            Action::FormSave if !self.pending => {
                let id = match self.original.as_ref() {
                    Some(p) => p.id,
                    None => match ctx.new_id() {
                        Some(id) => id,
                        None => return (vec![], Nav::Stay),
                    },
                };
                self.pending = true;
                let plan = self.build(id);
                let summary = if self.original.is_some() {
                    "edited"
                } else {
                    "created"
                };
                let save = Effect::Save(SaveRequest {
                    records: vec![(Record::Plan(plan), summary.into())],
                    done_message: "Support plan saved".into(),
                });
                return (vec![save], Nav::Stay);
            }
            _ => {}
        }
        (vec![], Nav::Stay)
    }
}
