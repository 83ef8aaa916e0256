//! The GIAS establishment extract: decoding, reading by header name, skipping with reasons,
//! and planning an import against the schools already held.

use proptest::prelude::*;
use sqa_board::domain::{
    AreaGrade, Inspection, OfstedOutcome, Phase, ReportCard, Safeguarding, School, SchoolType,
};
use sqa_board::import::gias::{
    GiasError, GiasOptions, GiasParse, REPORT_CARD_COLUMNS, parse_gias, plan_import,
};

const FIXTURE: &[u8] = include_bytes!("../fixtures/gias/edubasealldata20261101.csv");
const SOURCE: &str = "edubasealldata20261101.csv";

fn opts(include_closed: bool) -> GiasOptions {
    GiasOptions {
        la_code: "999".into(),
        include_closed,
    }
}

fn parse() -> GiasParse {
    parse_gias(FIXTURE, SOURCE, &opts(false)).unwrap()
}

fn school(p: &GiasParse, urn: u32) -> &School {
    &p.schools
        .iter()
        .find(|r| r.school.urn == urn)
        .unwrap()
        .school
}

#[test]
fn fixture_is_windows_1252_with_crlf() {
    let bytes = FIXTURE.to_vec();
    assert!(String::from_utf8(bytes).is_err(), "fixture must be cp1252");
    assert!(FIXTURE.windows(2).any(|w| w == b"\r\n"));
}

#[test]
fn counts_parsed_skipped_and_other_las() {
    let p = parse();
    assert_eq!(p.schools.len(), 19, "{:#?}", p.skipped);
    assert_eq!(p.skipped.len(), 6, "{:#?}", p.skipped);
    assert_eq!(p.other_la, 15);
    let with_closed = parse_gias(FIXTURE, SOURCE, &opts(true)).unwrap();
    assert_eq!(with_closed.schools.len(), 20);
    assert_eq!(with_closed.skipped.len(), 5);
    // Line numbers are physical lines; the header is line 1.
    assert_eq!(p.schools[0].line, 2);
    assert_eq!(p.schools[0].school.urn, 990001);
}

#[test]
fn decodes_accents_and_dashes_and_cleans_text() {
    let p = parse();
    assert_eq!(school(&p, 990003).name, "FIERTÉ Academy – Wealdshire");
    assert_eq!(
        school(&p, 990004).name,
        "Brook, Field and Meadow \"Federated\" Primary"
    );
    // An escape sequence in the data is removed, not obeyed.
    assert_eq!(school(&p, 990001).headteacher, "Mr Tom Smith");
    // A placeholder title is dropped.
    assert_eq!(school(&p, 990017).headteacher, "Sam Patel");
}

#[test]
fn maps_fields() {
    let p = parse();
    let s = school(&p, 990003);
    assert_eq!(s.phase, Phase::Secondary);
    assert_eq!(s.school_type, SchoolType::AcademyConverter);
    assert_eq!(s.trust.as_deref(), Some("Wealdshire Learning Trust"));
    assert_eq!(s.diocese, None);
    assert_eq!(s.pupils, 1104);
    assert_eq!(s.ofsted, OfstedOutcome::Good);
    assert_eq!(s.ofsted_date, chrono::NaiveDate::from_ymd_opt(2022, 6, 20));
    assert_eq!(s.opened, chrono::NaiveDate::from_ymd_opt(2015, 9, 1));
    assert_eq!((s.rev, s.link_officer.as_str()), (0, ""));
    assert_eq!(s.chair_of_governors, "");

    let st = |u| {
        let s = school(&p, u);
        (s.phase, s.school_type)
    };
    use Phase::*;
    use SchoolType::*;
    assert_eq!(st(990002), (Primary, VoluntaryAided));
    assert_eq!(st(990004), (Primary, VoluntaryControlled));
    assert_eq!(st(990005), (Secondary, Foundation));
    assert_eq!(st(990006), (Secondary, AcademySponsorLed));
    assert_eq!(st(990007), (Primary, FreeSchool));
    assert_eq!(st(990008), (Special, Community));
    assert_eq!(st(990009), (Special, AcademyConverter));
    assert_eq!(st(990010), (Pru, Community));
    assert_eq!(st(990011), (Middle, Community));
    assert_eq!(st(990012), (AllThrough, AcademyConverter));
    assert_eq!(st(990013), (Post16, FreeSchool));
    assert_eq!(st(990014), (Nursery, Community));
    assert_eq!(st(990019), (Secondary, FreeSchool));

    assert_eq!(
        school(&p, 990002).diocese.as_deref(),
        Some("Diocese of Wealdshire")
    );
    assert_eq!(
        school(&p, 990004).trust.as_deref(),
        Some("Brook, Field and Meadow Federation")
    );
    // The categories of inadequate are kept, not flattened to "Inadequate".
    assert_eq!(school(&p, 990012).ofsted, OfstedOutcome::SeriousWeaknesses);
    assert_eq!(school(&p, 990016).ofsted, OfstedOutcome::SpecialMeasures);
    assert_eq!(school(&p, 990016).ofsted_short(), "Inad SM");
    // This extract has no report-card columns: every school is of the overall-grade kind.
    assert!(p.schools.iter().all(|r| r.school.report_card.is_none()));
    assert_eq!(school(&p, 990007).ofsted, OfstedOutcome::NotYetInspected);
    assert_eq!(school(&p, 990019).ofsted, OfstedOutcome::NoOverallGrade);
    // "Open, but proposed to close" is still open.
    assert!(p.schools.iter().any(|r| r.school.urn == 990015));
}

#[test]
fn skipped_rows_name_line_and_column() {
    let p = parse();
    let reason = |line: u64| {
        p.skipped
            .iter()
            .find(|s| s.line == line)
            .unwrap_or_else(|| panic!("line {line} not skipped: {:#?}", p.skipped))
    };
    let urn = reason(31);
    assert_eq!(urn.urn, None);
    assert!(urn.reason.contains("line 31"), "{}", urn.reason);
    assert!(urn.reason.contains("column URN"), "{}", urn.reason);
    assert!(urn.reason.contains("'12AB'"), "{}", urn.reason);

    let date = reason(32);
    assert_eq!(date.urn, Some(990024));
    assert_eq!(
        date.reason,
        "line 32: column OfstedLastInsp: '31-02-2019' is not a date (dd-mm-yyyy)"
    );

    let pupils = reason(34);
    assert!(
        pupils
            .reason
            .starts_with("line 34: column NumberOfPupils: 'lots'"),
        "{}",
        pupils.reason
    );

    assert!(reason(27).reason.contains("not open (Closed)"));
    assert!(reason(29).reason.contains("Other independent school"));
    assert!(reason(30).reason.contains("Further education"));
}

#[test]
fn missing_header_is_an_error_naming_it() {
    let csv = "URN,LA (code),EstablishmentName\r\n990001,999,Abbey\r\n";
    let err = parse_gias(csv.as_bytes(), "short.csv", &opts(false)).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, GiasError::MissingColumns { .. }), "{msg}");
    assert!(msg.contains("short.csv"), "{msg}");
    assert!(msg.contains("'OfstedLastInsp'"), "{msg}");
    assert!(msg.contains("'TypeOfEstablishment (name)'"), "{msg}");
    assert!(!msg.contains("'URN'"), "{msg}");
}

#[test]
fn not_a_gias_file_is_an_error_naming_the_file() {
    for bytes in [
        &b"hello,world\n1,2\n"[..],
        &b""[..],
        &b"PK\x03\x04zipzip"[..],
        &b"\x00\x01\x02"[..],
    ] {
        let err = parse_gias(bytes, "upload.bin", &opts(false)).unwrap_err();
        assert!(err.to_string().contains("upload.bin"), "{err}");
    }
}

const COLUMNS: [&str; 20] = [
    "CloseDate",
    "OfstedRating (name)",
    "HeadLastName",
    "EstablishmentName",
    "NumberOfPupils",
    "Trusts (name)",
    "LA (name)",
    "PhaseOfEducation (name)",
    "URN",
    "HeadFirstName",
    "TypeOfEstablishment (name)",
    "Diocese (name)",
    "EstablishmentStatus (name)",
    "OfstedLastInsp",
    "LA (code)",
    "EstablishmentTypeGroup (name)",
    "Federations (name)",
    "HeadTitle (name)",
    "OpenDate",
    "ReligiousCharacter (name)",
];

/// A small extract with the columns in another order (and an extra one), written row by row.
fn shuffled(rows: &[&[(&str, &str)]]) -> Vec<u8> {
    shuffled_with(&[], rows)
}

/// As [`shuffled`], with `more` columns (report-card ones) mixed in among the others.
fn shuffled_with(more: &[&'static str], rows: &[&[(&str, &str)]]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(vec![]);
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.insert(3, "SomeNewColumn");
    for (i, c) in more.iter().enumerate() {
        header.insert((i * 3) % header.len(), c);
    }
    w.write_record(&header).unwrap();
    for row in rows {
        let rec: Vec<&str> = header
            .iter()
            .map(|h| row.iter().find(|(k, _)| k == h).map_or("", |(_, v)| *v))
            .collect();
        w.write_record(&rec).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn reads_columns_by_header_not_position() {
    let bytes = shuffled(&[
        &[
            ("URN", "990101"),
            ("LA (code)", "999"),
            ("EstablishmentName", "Shuffled Primary"),
            ("TypeOfEstablishment (name)", "Community school"),
            ("EstablishmentStatus (name)", "Open"),
            ("PhaseOfEducation (name)", "Primary"),
            ("NumberOfPupils", "321"),
            ("OfstedRating (name)", "Requires improvement"),
            ("OfstedLastInsp", "01-12-2025"),
            ("HeadFirstName", "Ada"),
            ("HeadLastName", "Lovelace"),
            ("SomeNewColumn", "ignored"),
        ],
        &[
            ("URN", "990102"),
            ("LA (code)", "123"),
            ("EstablishmentName", "Elsewhere"),
        ],
    ]);
    let p = parse_gias(&bytes, "shuffled.csv", &opts(false)).unwrap();
    assert_eq!(p.other_la, 1);
    assert_eq!(p.skipped, vec![]);
    assert_eq!(p.schools[0].line, 2);
    let s = &p.schools[0].school;
    assert_eq!(s.urn, 990101);
    assert_eq!(s.name, "Shuffled Primary");
    assert_eq!(s.pupils, 321);
    assert_eq!(s.ofsted, OfstedOutcome::RequiresImprovement);
    assert_eq!(s.headteacher, "Ada Lovelace");
    assert_eq!(s.phase, Phase::Primary);
}

#[test]
fn plan_sorts_added_updated_unchanged_and_left() {
    let p = parse();
    let first = plan_import(&[] as &[School], &p);
    assert_eq!(first.added.len(), 19);
    assert!(first.updated.is_empty() && first.unchanged.is_empty());

    let mut held: Vec<School> = p.schools.iter().map(|r| r.school.clone()).collect();
    // An LA's own fields, which GIAS does not hold, and a saved revision.
    for s in &mut held {
        s.rev = 7;
        s.link_officer = "A. Officer".into();
        s.chair_of_governors = "C. Chair".into();
    }
    // One changed in the register since the last import.
    held[2].pupils = 1;
    // One gone from the extract.
    let mut gone = held[0].clone();
    gone.urn = 990099;
    gone.name = "Gone School".into();
    held.push(gone);
    // One new in the extract.
    held.retain(|s| s.urn != 990005);
    // A closed school held from before is reported as skipped, not as left.
    let mut closed = held[0].clone();
    closed.urn = 990020;
    held.push(closed);

    let plan = plan_import(&held, &p);
    assert_eq!(
        plan.added.iter().map(|s| s.urn).collect::<Vec<_>>(),
        [990005]
    );
    assert_eq!(plan.updated.len(), 1);
    let (old, new) = &plan.updated[0];
    assert_eq!(old.pupils, 1);
    assert_eq!(new.pupils, 1104);
    assert_eq!(new.rev, 7);
    assert_eq!(new.link_officer, "A. Officer");
    assert_eq!(new.chair_of_governors, "C. Chair");
    assert_eq!(plan.unchanged.len(), 17);
    assert_eq!(
        plan.left_extract.iter().map(|s| s.urn).collect::<Vec<_>>(),
        [990099]
    );

    let summary = plan.summary(&p.skipped);
    assert!(
        summary.starts_with("added 1, updated 1, unchanged 17, skipped 6 ("),
        "{summary}"
    );
    assert!(
        summary.contains("line 32: column OfstedLastInsp"),
        "{summary}"
    );
    assert!(
        summary.ends_with("left the extract 1 (990099 Gone School)"),
        "{summary}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_gias(&bytes, "random.csv", &opts(true));
    }

    #[test]
    fn never_panics_on_mangled_extract(cut in 0usize..FIXTURE.len(), flip in any::<u8>(), at in 0usize..FIXTURE.len()) {
        let mut bytes = FIXTURE[..cut.max(1)].to_vec();
        let at = at % bytes.len();
        bytes[at] = flip;
        let _ = parse_gias(&bytes, "mangled.csv", &opts(false));
    }
}

#[test]
fn a_long_summary_is_capped() {
    use sqa_board::import::gias::{ImportPlan, Skipped};
    let skipped: Vec<Skipped> = (0..30)
        .map(|i| Skipped {
            line: i + 2,
            urn: None,
            reason: format!("line {}: column URN: 'x{i}' is not a URN", i + 2),
        })
        .chain((0..500).map(|i| Skipped {
            line: i + 40,
            urn: Some(990_000 + i as u32),
            reason: "not open (Closed)".into(),
        }))
        .collect();
    let summary = ImportPlan::default().summary(&skipped);
    assert!(
        summary.contains("skipped 530 (line 2: column URN"),
        "{summary}"
    );
    assert!(summary.contains("; and 21 more)"), "{summary}");
    assert!(summary.len() < 1000, "{summary}");
}

const CARD_ROW: &[(&str, &str)] = &[
    ("URN", "990201"),
    ("LA (code)", "999"),
    ("EstablishmentName", "Report Card Primary"),
    ("TypeOfEstablishment (name)", "Community school"),
    ("EstablishmentStatus (name)", "Open"),
    ("PhaseOfEducation (name)", "Primary"),
    ("OfstedRating (name)", ""),
    ("OfstedLastInsp", "03-11-2026"),
    ("ReportCardInspectionDate", "03-11-2026"),
    ("ReportCardInclusion", "Expected standard"),
    ("ReportCardCurriculumAndTeaching", "Strong standard"),
    ("ReportCardAchievement", "Needs attention"),
    ("ReportCardAttendanceAndBehaviour", "Exceptional"),
    (
        "ReportCardPersonalDevelopmentAndWellbeing",
        "expected standard",
    ),
    ("ReportCardLeadershipAndGovernance", "Urgent improvement"),
    ("ReportCardEarlyYears", "Expected standard"),
    ("ReportCardSixthForm", "Not applicable"),
    ("ReportCardSafeguarding", "Not met"),
];

#[test]
fn reads_report_card_columns_by_header_name() {
    let graded: &[(&str, &str)] = &[
        ("URN", "990202"),
        ("LA (code)", "999"),
        ("EstablishmentName", "Graded Primary"),
        ("TypeOfEstablishment (name)", "Community school"),
        ("EstablishmentStatus (name)", "Open"),
        ("PhaseOfEducation (name)", "Primary"),
        ("OfstedRating (name)", "Special Measures"),
        ("OfstedLastInsp", "08-05-2024"),
    ];
    let bytes = shuffled_with(&REPORT_CARD_COLUMNS, &[CARD_ROW, graded]);
    let p = parse_gias(&bytes, "cards.csv", &opts(false)).unwrap();
    assert_eq!(p.skipped, vec![]);
    let s = school(&p, 990201);
    let mut want = ReportCard::empty(chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap());
    want.inclusion = Some(AreaGrade::ExpectedStandard);
    want.curriculum_and_teaching = Some(AreaGrade::StrongStandard);
    want.achievement = Some(AreaGrade::NeedsAttention);
    want.attendance_and_behaviour = Some(AreaGrade::Exceptional);
    want.personal_development = Some(AreaGrade::ExpectedStandard);
    want.leadership_and_governance = Some(AreaGrade::UrgentImprovement);
    want.early_years = Some(AreaGrade::ExpectedStandard);
    want.safeguarding = Some(Safeguarding::NotMet);
    assert_eq!(s.report_card.as_ref(), Some(&want));
    assert_eq!(s.ofsted, OfstedOutcome::NoOverallGrade);
    assert!(matches!(s.inspection(), Inspection::ReportCard(_)));
    assert_eq!(s.ofsted_short(), "Urg SG!");
    // A row with no card date in the same extract is of the overall-grade kind.
    let g = school(&p, 990202);
    assert_eq!(g.report_card, None);
    assert_eq!(g.ofsted, OfstedOutcome::SpecialMeasures);
    assert_eq!(g.ofsted_short(), "Inad SM");
}

#[test]
fn a_bad_report_card_grade_skips_the_row_naming_the_column() {
    let mut row = CARD_ROW.to_vec();
    row.retain(|(k, _)| *k != "ReportCardAchievement");
    row.push(("ReportCardAchievement", "Good"));
    let bytes = shuffled_with(&REPORT_CARD_COLUMNS, &[&row]);
    let p = parse_gias(&bytes, "cards.csv", &opts(false)).unwrap();
    assert!(p.schools.is_empty());
    assert_eq!(p.skipped.len(), 1);
    let reason = &p.skipped[0].reason;
    assert!(
        reason.contains("line 2: column ReportCardAchievement: 'Good' is not a report-card grade"),
        "{reason}"
    );
}

#[test]
fn a_reimport_without_card_columns_keeps_the_card_held() {
    let with = parse_gias(
        &shuffled_with(&REPORT_CARD_COLUMNS, &[CARD_ROW]),
        "cards.csv",
        &opts(false),
    )
    .unwrap();
    let held: Vec<School> = with.schools.iter().map(|r| r.school.clone()).collect();
    assert!(held[0].report_card.is_some());
    let without = parse_gias(&shuffled(&[CARD_ROW]), "old.csv", &opts(false)).unwrap();
    assert!(without.schools[0].school.report_card.is_none());
    let plan = plan_import(&held, &without);
    assert_eq!(plan.unchanged, vec![990201]);
}
