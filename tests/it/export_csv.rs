//! The board as CSV: columns, British dates, a BOM for Excel, and cells that cannot run as
//! formulas.

use chrono::{NaiveDate, TimeZone, Utc};
use sqa_board::domain::board::{BoardInput, board_rows};
use sqa_board::domain::list::List;
use sqa_board::domain::{
    Action, ActionSource, ActionStatus, Activity, ActivityKind, ActivityStatus, Decision,
    OfstedOutcome, Phase, Scheme, School, SchoolType,
};
use sqa_board::export::board_csv;
use sqa_board::export::csv::safe_cell;

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn school(urn: u32, name: &str) -> School {
    School {
        urn,
        name: name.into(),
        phase: Phase::Primary,
        school_type: SchoolType::Community,
        trust: None,
        diocese: None,
        headteacher: "Ms Head".into(),
        chair_of_governors: String::new(),
        link_officer: "Jane Smith".into(),
        contact_email: String::new(),
        notes: String::new(),
        pupils: 200,
        ofsted: OfstedOutcome::Good,
        ofsted_date: None,
        report_card: None,
        opened: None,
        rev: 1,
    }
}

fn decision(id: u64, urn: u32, date: NaiveDate, cat: &str, prev: Option<&str>) -> Decision {
    Decision {
        id,
        urn,
        meeting: None,
        date,
        category: cat.into(),
        previous: prev.map(String::from),
        rationale: "Best fit".into(),
        evidence: vec![],
        ratings: vec![],
        risks: vec![],
        at_risk: id == 2,
        decided_by: "SQA panel".into(),
        recorded_at: Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap(),
        supersedes: None,
        school_informed: None,
        diocese_informed: None,
        shared_regional: None,
        rev: 1,
    }
}

fn lines(csv: &str) -> Vec<Vec<String>> {
    let body = csv.strip_prefix('\u{feff}').expect("a BOM");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn board_csv_has_a_row_per_school_with_british_dates() {
    let today = d(2026, 11, 23);
    let scheme = Scheme::la_default();
    let mut a = school(990001, "Abbey Fields Primary School");
    a.trust = Some("Wealdshire Learning Trust".into());
    a.school_type = SchoolType::AcademyConverter;
    let b = school(990002, "FIERTÉ, \"The\" Academy");
    let c = school(990003, "=HYPERLINK(\"http://x\",\"click\")");
    let schools = vec![a, b, c];
    let decisions = vec![
        decision(1, 990001, d(2026, 9, 20), "high", Some("medium")),
        decision(2, 990002, d(2026, 10, 1), "low", None),
    ];
    let activities = vec![Activity {
        id: 1,
        urn: 990001,
        kind: ActivityKind::Visit,
        title: "Support visit".into(),
        planned: d(2026, 10, 5),
        done: Some(d(2026, 10, 6)),
        status: ActivityStatus::Done,
        owner: "Jane Smith".into(),
        note: None,
        rev: 1,
    }];
    let actions = vec![
        Action {
            id: 1,
            urn: 990001,
            source: ActionSource::Other,
            text: "Review attendance".into(),
            owner: "Head".into(),
            due: Some(d(2026, 11, 1)),
            status: ActionStatus::Open,
            completed: None,
            rev: 1,
        },
        Action {
            id: 2,
            urn: 990001,
            source: ActionSource::Other,
            text: "Governor training".into(),
            owner: "Chair".into(),
            due: Some(d(2026, 12, 1)),
            status: ActionStatus::Open,
            completed: None,
            rev: 1,
        },
    ];
    let rows = board_rows(
        &BoardInput {
            scheme: &scheme,
            schools: &schools.clone().into(),
            decisions: &decisions.into(),
            activities: &activities.into(),
            checkpoints: &List::default(),
            actions: &actions.into(),
            escalations: &List::default(),
        },
        today,
    );
    let out = board_csv(&scheme, &schools, &rows);
    assert!(out.starts_with('\u{feff}'));
    assert!(out.contains("\r\n"));
    let t = lines(&out);
    assert_eq!(t.len(), 4);
    assert_eq!(
        t[0],
        [
            "URN",
            "Name",
            "Phase",
            "Type",
            "Trust or federation",
            "Link officer",
            "Priority",
            "Change",
            "At risk",
            "Ofsted",
            "Last visit",
            "Next checkpoint",
            "Checkpoint overdue",
            "Checkpoint planned",
            "Open actions",
            "Overdue actions",
            "To inform"
        ]
    );
    assert_eq!(
        t[1],
        [
            "990001",
            "Abbey Fields Primary School",
            "Primary",
            "Academy converter",
            "Wealdshire Learning Trust",
            "Jane Smith",
            "High",
            "raised",
            "no",
            "Good",
            "06/10/2026",
            "01/11/2026",
            "yes",
            "no",
            "2",
            "1",
            "yes"
        ]
    );
    // A name with a comma and quotes survives the round trip.
    assert_eq!(t[2][1], "FIERTÉ, \"The\" Academy");
    assert_eq!(t[2][6], "Low");
    assert_eq!(t[2][7], "new");
    assert_eq!(t[2][8], "yes");
    assert_eq!(t[2][11], "");
    assert_eq!(t[2][12], "no");
    // and is quoted in the file.
    assert!(out.contains("\"FIERTÉ, \"\"The\"\" Academy\""), "{out}");
    // A formula is shown, not run.
    assert_eq!(t[3][1], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(t[3][6], "No decision");
    assert_eq!(t[3][7], "");
}

#[test]
fn cells_that_would_start_a_formula_are_neutralised() {
    assert_eq!(safe_cell("=1+1"), "'=1+1");
    assert_eq!(safe_cell("+44 1234"), "'+44 1234");
    assert_eq!(safe_cell("-2"), "'-2");
    assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(safe_cell("\t=cmd"), "' =cmd");
    assert_eq!(safe_cell("\r=cmd"), "' =cmd");
    assert_eq!(safe_cell("  =cmd"), "'  =cmd");
    assert_eq!(safe_cell("Oak\u{1b}[2J Primary"), "Oak Primary");
    assert_eq!(safe_cell("St Mary's C-of-E"), "St Mary's C-of-E");
    assert_eq!(safe_cell(""), "");
}
