//! Escalation of a school causing concern: the formal steps an authority takes, one record per
//! step (concerns raised with the school, a warning notice with its grounds and response date,
//! the response, an interim executive board, a referral to the Regional Director for an academy,
//! an academy order), each with its date, who took it, its status and what prompted it.

use super::decision::Id;
use super::list::List;
use super::school::Urn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The formal steps, in the order an escalation usually climbs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StepKind {
    ConcernsRaised,
    WarningNotice,
    ResponseReceived,
    InterimExecutiveBoard,
    RegionalDirectorReferral,
    AcademyOrder,
}

impl StepKind {
    pub const ALL: [StepKind; 6] = [
        StepKind::ConcernsRaised,
        StepKind::WarningNotice,
        StepKind::ResponseReceived,
        StepKind::InterimExecutiveBoard,
        StepKind::RegionalDirectorReferral,
        StepKind::AcademyOrder,
    ];
    pub fn name(self) -> &'static str {
        match self {
            StepKind::ConcernsRaised => "Concerns raised with the school",
            StepKind::WarningNotice => "Warning notice issued",
            StepKind::ResponseReceived => "Response received",
            StepKind::InterimExecutiveBoard => "Interim executive board",
            StepKind::RegionalDirectorReferral => "Referred to the Regional Director",
            StepKind::AcademyOrder => "Academy order",
        }
    }
    /// The board's mark, two or three capitals (the legend is in the `?` help and the README).
    pub fn code(self) -> &'static str {
        match self {
            StepKind::ConcernsRaised => "CR",
            StepKind::WarningNotice => "WN",
            StepKind::ResponseReceived => "RR",
            StepKind::InterimExecutiveBoard => "IEB",
            StepKind::RegionalDirectorReferral => "RD",
            StepKind::AcademyOrder => "AO",
        }
    }
    /// Whether the step has grounds and a date by which the school must respond.
    pub fn has_response_due(self) -> bool {
        self == StepKind::WarningNotice
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepStatus {
    /// Taken and still in force (a warning notice awaiting its response, a board in place).
    Open,
    /// Concluded.
    Done,
    Withdrawn,
}

impl StepStatus {
    pub const ALL: [StepStatus; 3] = [StepStatus::Open, StepStatus::Done, StepStatus::Withdrawn];
    pub fn name(self) -> &'static str {
        match self {
            StepStatus::Open => "open",
            StepStatus::Done => "done",
            StepStatus::Withdrawn => "withdrawn",
        }
    }
}

/// What prompted a step: a priority decision, or an SQA meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Prompt {
    Decision(Id),
    Meeting(Id),
}

/// What prompted a step, in words for the audit trail: "decision 1061", "meeting 12", "—".
pub fn prompt_words(p: Option<Prompt>) -> String {
    match p {
        Some(Prompt::Decision(id)) => format!("decision {id}"),
        Some(Prompt::Meeting(id)) => format!("meeting {id}"),
        None => "—".into(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationStep {
    pub id: Id,
    pub urn: Urn,
    pub kind: StepKind,
    /// When the step was taken.
    pub date: NaiveDate,
    /// Who took it: an officer's display name.
    pub by: String,
    pub status: StepStatus,
    /// The grounds of a warning notice; what was raised or decided for the other kinds.
    pub grounds: String,
    /// When the school must respond to a warning notice.
    pub response_due: Option<NaiveDate>,
    pub prompted_by: Option<Prompt>,
    pub rev: u64,
}

impl EscalationStep {
    /// An open warning notice whose response date has passed.
    pub fn response_overdue(&self, today: NaiveDate) -> bool {
        self.status == StepStatus::Open && self.response_due.is_some_and(|d| d < today)
    }
}

/// A school's steps, newest first (date, then id).
pub fn steps_of(steps: &List<EscalationStep>, urn: Urn) -> Vec<&EscalationStep> {
    let mut v: Vec<&EscalationStep> = steps.iter().filter(|s| s.urn == urn).collect();
    v.sort_by_key(|s| std::cmp::Reverse((s.date, s.id)));
    v
}

/// The steps taken from `from` to `to` inclusive, oldest first (for minutes and reports).
pub fn taken_between(
    steps: &List<EscalationStep>,
    urn: Urn,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<&EscalationStep> {
    let mut v: Vec<&EscalationStep> = steps
        .iter()
        .filter(|s| s.urn == urn && s.date >= from && s.date <= to)
        .collect();
    v.sort_by_key(|s| (s.date, s.id));
    v
}

/// What the board marks for a school: its furthest open step, and whether a warning notice's
/// response is overdue. `None` when no step is open (never escalated, or every step concluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationMark {
    pub kind: StepKind,
    pub overdue_response: Option<NaiveDate>,
}

impl EscalationMark {
    /// From one school's steps.
    pub fn of<'a>(steps: impl IntoIterator<Item = &'a EscalationStep>) -> Option<EscalationMark> {
        let open: Vec<&EscalationStep> = steps
            .into_iter()
            .filter(|s| s.status == StepStatus::Open)
            .collect();
        let kind = open.iter().map(|s| s.kind).max()?;
        let overdue_response = open.iter().filter_map(|s| s.response_due).min();
        Some(EscalationMark {
            kind,
            overdue_response,
        })
    }
    /// The board's cell: "WN", "IEB", "WN!" when a response date has passed.
    pub fn cell(&self, today: NaiveDate) -> String {
        let late = self.overdue_response.is_some_and(|d| d < today);
        format!("{}{}", self.kind.code(), if late { "!" } else { "" })
    }
}

/// One line for a step in words: "Warning notice issued 02/12/2026 by Jane Smith (open);
/// response due 16/12/2026".
pub fn describe(s: &EscalationStep) -> String {
    let mut t = format!(
        "{} {} by {} ({})",
        s.kind.name(),
        super::calendar::fmt_date(s.date),
        super::text::clean_line(&s.by),
        s.status.name()
    );
    if let Some(d) = s.response_due {
        t.push_str(&format!("; response due {}", super::calendar::fmt_date(d)));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_prompted_a_step_is_said_in_words() {
        assert_eq!(prompt_words(Some(Prompt::Decision(1061))), "decision 1061");
        assert_eq!(prompt_words(Some(Prompt::Meeting(12))), "meeting 12");
        assert_eq!(prompt_words(None), "—");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn step(id: Id, kind: StepKind, status: StepStatus) -> EscalationStep {
        EscalationStep {
            id,
            urn: 1,
            kind,
            date: d(2026, 10, 1),
            by: "J Smith".into(),
            status,
            grounds: String::new(),
            response_due: None,
            prompted_by: None,
            rev: 0,
        }
    }

    #[test]
    fn the_mark_is_the_furthest_open_step() {
        let mut wn = step(2, StepKind::WarningNotice, StepStatus::Open);
        wn.response_due = Some(d(2026, 10, 15));
        let steps = [
            step(1, StepKind::ConcernsRaised, StepStatus::Done),
            wn,
            step(3, StepKind::AcademyOrder, StepStatus::Withdrawn),
        ];
        let m = EscalationMark::of(&steps).unwrap();
        assert_eq!(m.kind, StepKind::WarningNotice);
        assert_eq!(m.cell(d(2026, 10, 15)), "WN");
        assert_eq!(m.cell(d(2026, 10, 16)), "WN!");
        assert_eq!(EscalationMark::of(&steps[..1]), None);
    }

    #[test]
    fn steps_in_a_period() {
        let mut a = step(1, StepKind::ConcernsRaised, StepStatus::Done);
        a.date = d(2026, 9, 1);
        let b = step(2, StepKind::WarningNotice, StepStatus::Open);
        let steps: List<_> = [b.clone(), a].into_iter().collect();
        let got = taken_between(&steps, 1, d(2026, 9, 15), d(2026, 10, 1));
        assert_eq!(got, vec![&b]);
        assert_eq!(steps_of(&steps, 1)[0].id, 2);
    }
}
