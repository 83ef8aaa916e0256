//! A simple support plan editor: the school's headline priorities for an academic year, each
//! with success criteria, edited as a list of lines. Ctrl-N adds a priority, Enter adds a
//! success criterion under the current line, typing edits the selected line.

use super::checkpoint_form::plan_for;
use super::{Action, App, Effect, Record, SaveRequest, Screen};
use crate::domain::calendar::AcademicYear;
use crate::domain::text::clean_line;
use crate::domain::{PlanPriority, SupportPlan, Urn};

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
    pub from: Screen,
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

impl App {
    pub fn open_plan(&mut self, urn: Urn, year: AcademicYear, from: Screen) {
        let original = plan_for(&self.data.plans, urn, year).cloned();
        let mut form = PlanForm {
            urn,
            year,
            priorities: original
                .as_ref()
                .map(|p| p.priorities.clone())
                .unwrap_or_default(),
            original,
            line: 0,
            from,
            pending: false,
        };
        if form.priorities.is_empty() {
            form.add_priority();
        }
        self.tl.plan = Some(form);
        self.screen = Screen::PlanForm;
    }

    pub(crate) fn update_plan_form(&mut self, action: Action) -> Vec<Effect> {
        let Some(f) = self.tl.plan.as_mut() else {
            self.screen = Screen::Board;
            return vec![];
        };
        let n = f.lines().len().max(1);
        match action {
            Action::FieldNext => f.line = (f.line + 1) % n,
            Action::FieldPrev => f.line = (f.line + n - 1) % n,
            Action::NewActivity => f.add_priority(),
            Action::Open => f.add_criterion(),
            Action::FormBackspace => {
                if let Some(t) = f.text_mut() {
                    t.pop();
                }
            }
            Action::FormCancel => {
                self.screen = f.from;
                self.tl.plan = None;
                self.set_status("Support plan not saved.".into());
            }
            Action::FormSave => {
                if f.pending {
                    return vec![];
                }
                let id = match f.original.as_ref() {
                    Some(p) => p.id,
                    None => match self.new_id() {
                        Some(id) => id,
                        None => return vec![],
                    },
                };
                let Some(f) = self.tl.plan.as_mut() else {
                    return vec![];
                };
                f.pending = true;
                let plan = f.build(id);
                let summary = if f.original.is_some() {
                    "edited"
                } else {
                    "created"
                };
                return vec![Effect::Save(SaveRequest {
                    records: vec![(Record::Plan(plan), summary.into())],
                    done_message: "Support plan saved".into(),
                })];
            }
            _ => {}
        }
        vec![]
    }
}
