//! Ofsted of both kinds on screen: the board's column (the weakest report-card grade, "SG!" when
//! safeguarding is not met, the categories of inadequate), the school screen's full card and the
//! meeting's evidence panel, at 80x24, in words and not colour alone.

use crate::app_common::{app, keys};
use crate::meeting_keys::{planned_and_started, render};
use crate::meeting_run::{ASHBY, go_to};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::App;
use sqa_board::domain::{AreaGrade, OfstedOutcome, ReportCard, Safeguarding};

const CARD_URN: u32 = ASHBY;
const SM_URN: u32 = 100002;

pub(crate) fn card() -> ReportCard {
    let mut c = ReportCard::empty(chrono::NaiveDate::from_ymd_opt(2026, 10, 6).unwrap());
    c.inclusion = Some(AreaGrade::ExpectedStandard);
    c.curriculum_and_teaching = Some(AreaGrade::NeedsAttention);
    c.achievement = Some(AreaGrade::UrgentImprovement);
    c.attendance_and_behaviour = Some(AreaGrade::StrongStandard);
    c.personal_development = Some(AreaGrade::ExpectedStandard);
    c.leadership_and_governance = Some(AreaGrade::NeedsAttention);
    c.early_years = Some(AreaGrade::Exceptional);
    c.safeguarding = Some(Safeguarding::NotMet);
    c
}

/// One school with a report card (safeguarding not met), one in special measures.
fn with_cards(app: &mut App) {
    let mut data = (*app.data).clone();
    for s in &mut data.schools {
        if s.urn == CARD_URN {
            s.ofsted = OfstedOutcome::Good;
            s.report_card = Some(card());
        }
        if s.urn == SM_URN {
            s.ofsted = OfstedOutcome::SpecialMeasures;
        }
    }
    app.set_data(data);
}

fn draw(app: &App) -> Terminal<TestBackend> {
    render(app, 80, 24)
}

#[test]
fn board_shows_both_kinds_at_80x24() {
    let mut a = app();
    with_cards(&mut a);
    a.set_no_color(true);
    let t = draw(&a);
    let text = format!("{}", t.backend());
    assert!(text.contains("Urg SG!"), "{text}");
    assert!(text.contains("Inad SM"), "{text}");
    insta::assert_snapshot!("ofsted_board_80x24", t.backend());
}

#[test]
fn school_screen_shows_the_whole_card() {
    let mut a = app();
    with_cards(&mut a);
    a.set_no_color(true);
    keys(&mut a, "<Enter>");
    assert_eq!(a.open_school().map(|s| s.urn), Some(CARD_URN));
    keys(&mut a, &"j".repeat(30));
    let t = draw(&a);
    let text = format!("{}", t.backend());
    for want in [
        "Report card, 06/10/2026",
        "Achievement",
        "Urgent improvement",
        "Early years",
        "Sixth form",
        "Not met (SG!)",
        "Before: old framework's grade       Good (12/03/24)",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    insta::assert_snapshot!("ofsted_school_card_80x24", t.backend());
}

#[test]
fn meeting_evidence_shows_the_card_and_offers_it() {
    let mut a = planned_and_started(8);
    with_cards(&mut a);
    a.set_no_color(true);
    go_to(&mut a, ASHBY);
    let text = format!("{}", render(&a, 80, 24).backend());
    assert!(text.contains("Ofsted report card (06/10/26):"), "{text}");
    assert!(text.contains("SAFEGUARDING NOT MET"), "{text}");
    assert!(text.contains("Inclusion: Expected standard"), "{text}");
    insta::assert_snapshot!(
        "ofsted_meeting_evidence_80x24",
        render(&a, 80, 24).backend()
    );
    let offered = a.suggested_evidence(ASHBY);
    assert!(
        offered[0].starts_with("Ofsted: Report card (06/10/2026): lowest Urgent improvement"),
        "{offered:?}"
    );
}

/// A JSON export (the demo's) written before report cards and the LA's own contact fields (no
/// `report_card`, `contact_email` or `notes` on a school) still imports: its schools are of
/// the overall-grade kind with the new fields empty; a card written in the documented format
/// reads back.
#[test]
fn an_older_json_export_still_imports() {
    let mut v: serde_json::Value =
        serde_json::from_slice(include_bytes!("../../data/demo.json")).unwrap();
    for s in v["schools"].as_array_mut().unwrap() {
        let o = s.as_object_mut().unwrap();
        o.remove("report_card");
        o.remove("contact_email");
        o.remove("notes");
    }
    v["schools"][0]["report_card"] = serde_json::json!({
        "date": "2026-10-06", "inclusion": "ExpectedStandard",
        "curriculum_and_teaching": "NeedsAttention", "achievement": "UrgentImprovement",
        "attendance_and_behaviour": "StrongStandard", "personal_development": "ExpectedStandard",
        "leadership_and_governance": "NeedsAttention", "early_years": "Exceptional",
        "sixth_form": null, "safeguarding": "NotMet"
    });
    let bytes = serde_json::to_vec(&v).unwrap();
    let ds = sqa_board::import::json::parse_export("old.json", &bytes).expect("imports");
    assert_eq!(ds.schools[0].report_card, Some(card()));
    assert!(
        ds.schools
            .iter()
            .skip(1)
            .all(|s| s.report_card.is_none() && s.contact_email.is_empty() && s.notes.is_empty())
    );
}
