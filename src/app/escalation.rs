//! Recording a formal escalation step from the school screen (`E` adds one, Enter on a step in
//! the Escalation section edits it): kind and status chosen with ←→, dates typed dd/mm/yyyy,
//! Ctrl-S saves as one commit, audited field by field. Esc with changes asks for Ctrl-S or
//! Ctrl-Q: no lone letter throws typing away.

use super::escalation_draft::StepDraft;
use super::kept::KeptForm;
use super::{Action, App, Effect, Record, SaveRequest, Screen};
use crate::domain::calendar::{fmt_date, parse_date};
use crate::domain::escalation::{EscalationStep, Prompt, StepKind, StepStatus, steps_of};
use crate::domain::text::clean_line;
use crate::domain::{Id, Urn};
use chrono::NaiveDate;

/// The fields of the form, in order (the response date only for a warning notice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Kind,
    Date,
    Status,
    By,
    Grounds,
    ResponseDue,
    Prompt,
}

impl StepField {
    pub fn is_text(self) -> bool {
        matches!(
            self,
            StepField::Date | StepField::By | StepField::Grounds | StepField::ResponseDue
        )
    }
    pub fn name(self, kind: StepKind) -> &'static str {
        match self {
            StepField::Kind => "Step",
            StepField::Date => "Date",
            StepField::Status => "Status",
            StepField::By => "Who",
            StepField::Grounds if kind.has_response_due() => "Grounds",
            StepField::Grounds => "Details",
            StepField::ResponseDue => "Response due",
            StepField::Prompt => "Prompted by",
        }
    }
}

/// A step being added or edited; dates are kept as typed until saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepForm {
    pub original: Option<EscalationStep>,
    pub urn: Urn,
    pub kind: StepKind,
    pub date: String,
    pub status: StepStatus,
    pub by: String,
    pub grounds: String,
    pub response_due: String,
    pub prompt: Option<Prompt>,
    /// What may be chosen as the prompt: none, the school's decisions, its meetings.
    pub prompts: Vec<(Option<Prompt>, String)>,
    /// Index into `fields()`.
    pub field: usize,
    pub error: Option<String>,
    pub pending: bool,
    /// The form as it opened (Esc closes at once only if unchanged).
    pub opened: Option<Box<StepForm>>,
}

impl StepForm {
    pub fn fields(&self) -> Vec<StepField> {
        use StepField::*;
        let mut v = vec![Kind, Date, Status, By, Grounds];
        if self.kind.has_response_due() {
            v.push(ResponseDue);
        }
        v.push(Prompt);
        v
    }
    pub fn current(&self) -> StepField {
        let f = self.fields();
        f[self.field.min(f.len() - 1)]
    }
    pub(crate) fn text_mut(&mut self) -> Option<&mut String> {
        match self.current() {
            StepField::Date => Some(&mut self.date),
            StepField::By => Some(&mut self.by),
            StepField::Grounds => Some(&mut self.grounds),
            StepField::ResponseDue => Some(&mut self.response_due),
            _ => None,
        }
    }
    /// The prompt chosen, in words.
    pub fn prompt_label(&self) -> String {
        self.prompts
            .iter()
            .find(|(p, _)| *p == self.prompt)
            .map_or_else(|| "— none".into(), |(_, l)| l.clone())
    }
    fn cycle(&mut self, by: isize) {
        fn step<T: Copy + PartialEq>(all: &[T], cur: T, by: isize) -> T {
            let i = all.iter().position(|k| *k == cur).unwrap_or(0) as isize;
            all[(i + by).rem_euclid(all.len() as isize) as usize]
        }
        match self.current() {
            StepField::Kind => self.kind = step(&StepKind::ALL, self.kind, by),
            StepField::Status => self.status = step(&StepStatus::ALL, self.status, by),
            StepField::Prompt => {
                let all: Vec<Option<Prompt>> = self.prompts.iter().map(|p| p.0).collect();
                if !all.is_empty() {
                    self.prompt = step(&all, self.prompt, by);
                }
            }
            _ => {}
        }
        self.field = self.field.min(self.fields().len() - 1);
    }
    /// The step to save, or an error naming the field.
    pub fn build(&self, id: Id, today: NaiveDate) -> Result<EscalationStep, String> {
        let name = |f: StepField| f.name(self.kind);
        let date = parse_date(&self.date, today)
            .map_err(|e| format!("{}: {e} (dd/mm/yyyy)", name(StepField::Date)))?;
        let response_due = if !self.kind.has_response_due() || self.response_due.trim().is_empty() {
            None
        } else {
            let d = parse_date(&self.response_due, today)
                .map_err(|e| format!("{}: {e} (dd/mm/yyyy)", name(StepField::ResponseDue)))?;
            if d < date {
                return Err(format!(
                    "{}: {} is before the notice's date {}",
                    name(StepField::ResponseDue),
                    fmt_date(d),
                    fmt_date(date)
                ));
            }
            Some(d)
        };
        let by = clean_line(self.by.trim());
        if by.is_empty() {
            return Err(format!("{}: say who took the step", name(StepField::By)));
        }
        let grounds = clean_line(self.grounds.trim());
        if self.kind.has_response_due() && grounds.is_empty() {
            return Err("Grounds: a warning notice states its grounds".into());
        }
        let o = self.original.as_ref();
        Ok(EscalationStep {
            id: o.map_or(id, |s| s.id),
            urn: self.urn,
            kind: self.kind,
            date,
            by,
            status: self.status,
            grounds,
            response_due,
            prompted_by: self.prompt,
            rev: o.map_or(0, |s| s.rev),
        })
    }
    fn typed(&self) -> (StepKind, &str, StepStatus, &str, &str, &str, Option<Prompt>) {
        (
            self.kind,
            &self.date,
            self.status,
            &self.by,
            &self.grounds,
            &self.response_due,
            self.prompt,
        )
    }
    pub fn changed(&self) -> bool {
        self.opened
            .as_ref()
            .is_some_and(|o| o.typed() != self.typed())
    }
}

/// What the field-by-field audit says changed: "status: open → done; response due: — → 16/12/2026".
pub fn changes(old: &EscalationStep, new: &EscalationStep) -> Vec<String> {
    let d = |d: Option<NaiveDate>| d.map_or_else(|| "—".into(), fmt_date);
    let mut v = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            v.push(format!("{what}: {a} → {b}"));
        }
    };
    diff("step", old.kind.name().into(), new.kind.name().into());
    diff("date", fmt_date(old.date), fmt_date(new.date));
    diff("status", old.status.name().into(), new.status.name().into());
    diff("who", old.by.clone(), new.by.clone());
    diff("grounds", old.grounds.clone(), new.grounds.clone());
    diff("response due", d(old.response_due), d(new.response_due));
    diff(
        "prompted by",
        crate::domain::escalation::prompt_words(old.prompted_by),
        crate::domain::escalation::prompt_words(new.prompted_by),
    );
    v
}

impl App {
    /// The prompts a step of `urn` may name: none, its decisions, then the meetings it was on
    /// the agenda of (newest first).
    fn prompt_choices(&self, urn: Urn) -> Vec<(Option<Prompt>, String)> {
        let mut v = vec![(None, "— none".to_string())];
        let mut decisions: Vec<_> = self
            .data
            .decisions
            .iter()
            .filter(|d| d.urn == urn)
            .collect();
        decisions.sort_by_key(|d| std::cmp::Reverse((d.date, d.id)));
        for d in decisions {
            let cat = self
                .data
                .scheme
                .get(&d.category)
                .map_or(d.category.clone(), |c| c.label.clone());
            v.push((
                Some(Prompt::Decision(d.id)),
                format!("decision {} {}", fmt_date(d.date), clean_line(&cat)),
            ));
        }
        let mut meetings: Vec<_> = self
            .data
            .meetings
            .iter()
            .filter(|m| m.agenda.iter().any(|a| a.urn == urn))
            .collect();
        meetings.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
        for m in meetings {
            v.push((
                Some(Prompt::Meeting(m.id)),
                format!("meeting {} {}", fmt_date(m.date), clean_line(&m.title)),
            ));
        }
        v
    }

    /// `E` on the school screen (a new step), Enter on a step of its Escalation section.
    pub(super) fn open_step_form(&mut self, urn: Urn, step: Option<EscalationStep>) {
        let by = clean_line(self.officer_names.name(&self.user));
        let mut prompts = self.prompt_choices(urn);
        let form = match step {
            Some(s) => {
                if !prompts.iter().any(|p| p.0 == s.prompted_by) {
                    prompts.push((
                        s.prompted_by,
                        crate::domain::escalation::prompt_words(s.prompted_by),
                    ));
                }
                StepForm {
                    urn,
                    kind: s.kind,
                    date: fmt_date(s.date),
                    status: s.status,
                    by: clean_line(&s.by),
                    grounds: clean_line(&s.grounds),
                    response_due: s.response_due.map(fmt_date).unwrap_or_default(),
                    prompt: s.prompted_by,
                    original: Some(s),
                    prompts,
                    field: 0,
                    error: None,
                    pending: false,
                    opened: None,
                }
            }
            None => StepForm {
                original: None,
                urn,
                kind: StepKind::ConcernsRaised,
                date: fmt_date(self.today),
                status: StepStatus::Open,
                by,
                grounds: String::new(),
                response_due: String::new(),
                prompt: None,
                prompts,
                field: 0,
                error: None,
                pending: false,
                opened: None,
            },
        };
        let mut form = form;
        form.opened = Some(Box::new(form.clone()));
        self.step_form = Some(form);
        self.push(Screen::StepForm);
        self.restore_step_draft();
    }

    /// The selected step of the open school's Escalation section (newest first).
    pub(super) fn selected_step(&self, urn: Urn) -> Option<EscalationStep> {
        let sel = self.school.as_ref().map_or(0, |s| s.step);
        steps_of(&self.data.escalations, urn)
            .get(sel)
            .map(|s| (*s).clone())
    }

    pub(super) fn update_step_form(&mut self, action: Action) -> Vec<Effect> {
        let Some(f) = self.step_form.as_mut() else {
            self.close(Screen::StepForm);
            return vec![];
        };
        let n = f.fields().len();
        match action {
            Action::FieldNext => f.field = (f.field + 1) % n,
            Action::FieldPrev => f.field = (f.field + n - 1) % n,
            Action::ValueNext => f.cycle(1),
            Action::ValuePrev => f.cycle(-1),
            Action::FormCancel if f.changed() => {
                f.error = Some("Changed: Ctrl-S saves, Ctrl-Q discards the changes.".into());
            }
            Action::FormCancel | Action::FormDiscard => {
                let changed = f.changed();
                let which = f.which();
                let typed = StepDraft::open(self, 0);
                self.step_form = None;
                self.close(Screen::StepForm);
                if changed {
                    self.set_status("Escalation step not saved.".into());
                }
                self.kept_given_up::<StepDraft>(which, typed);
            }
            Action::FormSave if !f.pending => return self.save_step(),
            _ => {}
        }
        vec![]
    }

    fn save_step(&mut self) -> Vec<Effect> {
        let today = self.today;
        let Some(f) = self.step_form.as_mut() else {
            return vec![];
        };
        // Validate before taking an id.
        if let Err(e) = f.build(0, today) {
            f.error = Some(e);
            return vec![];
        }
        let id = match f.original.as_ref().map(|s| s.id) {
            Some(id) => id,
            None => match self.new_id() {
                Some(id) => id,
                None => return vec![],
            },
        };
        let Some(f) = self.step_form.as_mut() else {
            return vec![];
        };
        let step = match f.build(id, today) {
            Ok(s) => s,
            Err(e) => {
                f.error = Some(e);
                return vec![];
            }
        };
        let summary = match &f.original {
            None => format!("{} recorded", step.kind.name()),
            Some(old) => {
                let c = changes(old, &step);
                if c.is_empty() {
                    let which = f.which();
                    self.step_form = None;
                    self.kept_done::<StepDraft>(which);
                    self.close(Screen::StepForm);
                    self.set_status("Nothing changed.".into());
                    return vec![];
                }
                c.join("; ")
            }
        };
        f.pending = true;
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Escalation(step), summary)],
            done_message: "Escalation step saved".into(),
        })]
    }

    /// A save came back: the form that asked for it closes.
    pub(super) fn step_form_saved(&mut self, records: &[Record]) {
        let landed = records.iter().any(|r| matches!(r, Record::Escalation(_)));
        if landed && let Some(f) = self.step_form.as_ref().filter(|f| f.pending) {
            let which = f.which();
            self.step_form = None;
            self.close(Screen::StepForm);
            self.kept_done::<StepDraft>(which);
        }
    }

    /// A save failed: what was typed stays, to try again.
    pub(super) fn step_form_save_failed(&mut self) {
        if let Some(f) = self.step_form.as_mut() {
            f.pending = false;
        }
    }
}
