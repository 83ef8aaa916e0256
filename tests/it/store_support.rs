//! Builders shared by the store tests (included with `#[path]`; also compiled alone, hence the
//! allow).
#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use sqa_board::domain::*;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn school(urn: Urn) -> School {
    School {
        urn,
        name: format!("School {urn}"),
        phase: Phase::Primary,
        school_type: SchoolType::Community,
        trust: None,
        diocese: Some("Oxford".into()),
        headteacher: "A Head".into(),
        chair_of_governors: "A Chair".into(),
        link_officer: "alice".into(),
        contact_email: String::new(),
        notes: String::new(),
        pupils: 210,
        ofsted: OfstedOutcome::Good,
        ofsted_date: Some(day(2023, 3, 1)),
        report_card: None,
        opened: None,
        rev: 0,
    }
}

/// A report card with every kind of value: graded areas, one that does not apply, safeguarding
/// not met.
pub fn report_card(date: NaiveDate) -> ReportCard {
    let mut c = ReportCard::empty(date);
    c.inclusion = Some(AreaGrade::ExpectedStandard);
    c.curriculum_and_teaching = Some(AreaGrade::StrongStandard);
    c.achievement = Some(AreaGrade::NeedsAttention);
    c.attendance_and_behaviour = Some(AreaGrade::Exceptional);
    c.personal_development = Some(AreaGrade::ExpectedStandard);
    c.leadership_and_governance = Some(AreaGrade::UrgentImprovement);
    c.early_years = Some(AreaGrade::ExpectedStandard);
    c.safeguarding = Some(Safeguarding::NotMet);
    c
}

pub fn decision(id: Id, urn: Urn, date: NaiveDate) -> Decision {
    Decision {
        id,
        urn,
        meeting: None,
        date,
        category: "high".into(),
        previous: Some("medium".into()),
        rationale: "Outcomes fell".into(),
        evidence: vec!["KS2 data".into()],
        ratings: vec![(Area::Standards, Rating::Concern)],
        risks: vec![RiskFactor::LeadershipChange],
        at_risk: true,
        decided_by: "SQA panel".into(),
        recorded_at: Utc.with_ymd_and_hms(2026, 11, 23, 12, 4, 0).unwrap(),
        supersedes: None,
        school_informed: None,
        diocese_informed: None,
        shared_regional: None,
        rev: 0,
    }
}

pub fn meeting(id: Id, date: NaiveDate) -> Meeting {
    Meeting {
        id,
        date,
        term: Term::Autumn,
        year: AcademicYear::of(date),
        title: "Autumn SQA".into(),
        attendees: vec!["alice".into(), "bob".into()],
        agenda: vec![AgendaItem {
            urn: 100001,
            state: AgendaState::Pending,
            decision: None,
            reason: None,
        }],
        status: MeetingStatus::Planned,
        minutes: None,
        rev: 0,
    }
}

pub fn activity(id: Id, urn: Urn, planned: NaiveDate) -> Activity {
    Activity {
        id,
        urn,
        kind: ActivityKind::Visit,
        title: "Visit".into(),
        planned,
        done: None,
        status: ActivityStatus::Planned,
        owner: "alice".into(),
        note: None,
        rev: 0,
    }
}

pub fn plan(id: Id, urn: Urn, year: i32) -> SupportPlan {
    SupportPlan {
        id,
        urn,
        year: AcademicYear(year),
        priorities: vec![PlanPriority {
            title: "Reading".into(),
            success_criteria: vec!["Phonics screening ≥ 80%".into()],
        }],
        rev: 0,
    }
}

pub fn checkpoint(id: Id, urn: Urn, date: NaiveDate) -> CheckpointReview {
    CheckpointReview {
        id,
        urn,
        date,
        reviewer: "alice".into(),
        plan: Some(1),
        progress: vec![PriorityProgress {
            priority: 0,
            progress: Progress::OnTrack,
            commentary: "Good".into(),
        }],
        overall: Progress::SomeConcern,
        judgement: "Mixed".into(),
        recommendation: Recommendation::Keep,
        next_due: Some(date + chrono::Duration::weeks(6)),
        rev: 0,
    }
}

pub fn note(id: Id, urn: Urn, date: NaiveDate) -> Note {
    Note {
        id,
        urn,
        author: "alice".into(),
        created: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
        status: NoteStatus::Draft,
        finalised: None,
        body: NoteBody {
            date: Some(date),
            visit_type: "Visit".into(),
            purpose: "Reading".into(),
            text: "Line one\nLine two".into(),
            ..NoteBody::default()
        },
        amendments: vec![],
        response: None,
        rev: 0,
    }
}

pub fn action(id: Id, urn: Urn, due: Option<NaiveDate>) -> Action {
    Action {
        id,
        urn,
        source: ActionSource::Note(1),
        text: "Send data".into(),
        owner: "head".into(),
        due,
        status: ActionStatus::Open,
        completed: None,
        rev: 0,
    }
}

pub fn escalation(id: Id, urn: Urn, date: NaiveDate) -> EscalationStep {
    EscalationStep {
        id,
        urn,
        kind: StepKind::WarningNotice,
        date,
        by: "Jane Smith".into(),
        status: StepStatus::Open,
        grounds: "Standards unacceptably low".into(),
        response_due: Some(date + chrono::Duration::days(15)),
        prompted_by: Some(Prompt::Decision(1)),
        rev: 0,
    }
}

/// A small dataset touching every kind, in export order (schools by urn, the rest by id).
pub fn small_dataset() -> Dataset {
    let mut ds = Dataset::empty(Scheme::trust_sustain());
    ds.schools = vec![school(100001), school(100002)].into();
    ds.decisions = vec![
        decision(1, 100001, day(2026, 10, 1)),
        decision(2, 100002, day(2026, 9, 30)),
    ]
    .into();
    ds.meetings = vec![meeting(3, day(2026, 10, 1))].into();
    ds.activities = vec![
        activity(4, 100001, day(2026, 11, 2)),
        activity(5, 100001, day(2026, 9, 5)),
    ]
    .into();
    ds.plans = vec![plan(6, 100001, 2026)].into();
    ds.checkpoints = vec![checkpoint(7, 100001, day(2026, 11, 10))].into();
    ds.notes = vec![note(8, 100001, day(2026, 11, 2))].into();
    ds.actions = vec![
        action(9, 100001, None),
        action(10, 100002, Some(day(2026, 12, 1))),
    ]
    .into();
    ds.escalations = vec![escalation(11, 100001, day(2026, 10, 5))].into();
    for (i, s) in ds.schools.iter_mut().enumerate() {
        s.rev = i as u64 + 3;
    }
    ds.decisions[0].rev = 2;
    ds.audit = vec![AuditEntry {
        seq: 1,
        at: Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap(),
        user: "bob".into(),
        kind: "school".into(),
        key: "100001".into(),
        summary: "created".into(),
    }]
    .into();
    ds
}
