//! Golden bytes of the forms kept in the store (`KeptForm`: a meeting's decision forms, a
//! checkpoint review, a support plan, an activity, an escalation step, a school's details), as `store_golden` does for records: a
//! field changed without a schema bump (and a migration) fails here first.

use chrono::TimeZone;
use sqa_board::app::MeetingDraft;
use sqa_board::app::escalation_draft::StepDraft;
use sqa_board::app::kept::KeptForm;
use sqa_board::app::meeting::{AgreedLine, DecisionForm, EvidenceLine};
use sqa_board::app::school_draft::{DetailsText, SchoolDraft};
use sqa_board::app::timeline::activity_draft::ActivityDraft;
use sqa_board::app::timeline::checkpoint::CheckpointDraft;
use sqa_board::app::timeline::plan::PlanDraft;
use sqa_board::domain::calendar::AcademicYear;
use sqa_board::domain::{
    ActivityKind, ActivityStatus, Area, PlanPriority, Progress, Prompt, Rating, Recommendation,
    RiskFactor, StepKind, StepStatus,
};
use std::path::PathBuf;

fn fixture(name: &str, schema: u16) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(format!("{name}-v{schema}.bin"))
}

fn golden<D: KeptForm>(name: &str, value: &D) {
    crate::store_golden::golden(name, D::SCHEMA, value);
}

fn at() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc
        .with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .single()
        .expect("a time")
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day")
}

pub(crate) fn decision_form() -> DecisionForm {
    DecisionForm {
        category: Some("High".into()),
        ratings: vec![(Area::Leadership, Rating::Concern)],
        risks: vec![RiskFactor::LeadershipChange],
        at_risk: true,
        rationale: "Governors have".into(),
        actions: vec![AgreedLine {
            text: "Visit".into(),
            owner: "alice".into(),
            due: Some(day()),
        }],
        action_line: "Half an act".into(),
        cursor: 3,
        decision_id: Some(9),
        evidence: Some(vec![EvidenceLine {
            text: "Note of visit 20/11/2026".into(),
            on: false,
        }]),
        evidence_line: "Ofst".into(),
    }
}

#[test]
fn every_kept_form_encodes_as_its_golden_bytes() {
    golden(
        "meeting_draft",
        &MeetingDraft {
            meeting: 17,
            author: "alice".into(),
            at: at(),
            forms: vec![(100234, decision_form().into())],
        },
    );
    golden(
        "checkpoint_draft",
        &CheckpointDraft {
            urn: 100234,
            author: "alice".into(),
            at: at(),
            plan: Some(4),
            progress: vec![Progress::SomeConcern],
            commentary: vec!["Phonics lead".into()],
            overall: Progress::OnTrack,
            judgement: "Mixed".into(),
            recommendation: Recommendation::Raise,
            next_due: "04/01/2027".into(),
            amends: Some((31, 2)),
        },
    );
    golden(
        "plan_draft",
        &PlanDraft {
            urn: 100234,
            year: AcademicYear(2026),
            author: "alice".into(),
            at: at(),
            priorities: vec![PlanPriority {
                title: "Improve attend".into(),
                success_criteria: vec!["95%".into()],
            }],
        },
    );
    golden(
        "activity_draft",
        &ActivityDraft {
            urn: 100234,
            activity: Some(3),
            author: "alice".into(),
            at: at(),
            kind: ActivityKind::DeepDive,
            title: "Governors' meet".into(),
            planned: "01/12/2026".into(),
            done: String::new(),
            owner: "alice".into(),
            status: ActivityStatus::Planned,
        },
    );
    golden(
        "step_draft",
        &StepDraft {
            urn: 100234,
            step: None,
            author: "alice".into(),
            at: at(),
            kind: StepKind::WarningNotice,
            date: "23/11/2026".into(),
            status: StepStatus::Open,
            by: "Jo Marsh".into(),
            grounds: "Safeguarding rec".into(),
            response_due: "07/12/20".into(),
            prompt: Some(Prompt::Decision(9)),
        },
    );
    let opened = DetailsText {
        link_officer: "Jo Marsh".into(),
        headteacher: "Mr B Old".into(),
        trust: "Fen Trust".into(),
        ..DetailsText::default()
    };
    golden(
        "school_draft",
        &SchoolDraft {
            urn: 100234,
            author: "alice".into(),
            at: at(),
            typed: DetailsText {
                headteacher: "Mrs A New".into(),
                notes: "Head start".into(),
                ..opened.clone()
            },
            opened,
        },
    );
}

/// Decision forms kept under meeting draft schema 2 (the whole form, cursor included) are read
/// as what was typed and chosen.
#[test]
fn meeting_drafts_of_schema_2_are_read() {
    let bytes = std::fs::read(fixture("meeting_draft", 2)).expect("the v2 fixture");
    assert_eq!(u16::from_be_bytes([bytes[1], bytes[2]]), 2, "a v2 envelope");
    let d = MeetingDraft::migrate(2, &bytes[3..]).expect("migrates");
    assert_eq!((d.meeting, d.author.as_str(), d.at), (17, "alice", at()));
    let (urn, f) = &d.forms[0];
    assert_eq!(*urn, 100234);
    assert_eq!(*f, decision_form().into());
    let back: DecisionForm = f.clone().into();
    assert_eq!(back.rationale, "Governors have");
    assert_eq!((back.cursor, back.decision_id), (0, None));
}

/// Checkpoint reviews kept under schema 1 (new reviews only, before amendments were kept) are
/// read as new reviews.
#[test]
fn checkpoint_drafts_of_schema_1_are_read() {
    let bytes = std::fs::read(fixture("checkpoint_draft", 1)).expect("the v1 fixture");
    assert_eq!(u16::from_be_bytes([bytes[1], bytes[2]]), 1, "a v1 envelope");
    let d = CheckpointDraft::migrate(1, &bytes[3..]).expect("migrates");
    assert_eq!((d.urn, d.author.as_str(), d.at), (100234, "alice", at()));
    assert_eq!(d.commentary, ["Phonics lead"]);
    assert_eq!(d.next_due, "04/01/2027");
    assert_eq!(d.amends, None);
    assert_eq!(d.which(), (100234, None));
}
