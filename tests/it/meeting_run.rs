//! Running a meeting by key scripts on the app state: going back to a decided school, the
//! evidence considered, moving about the agenda, the questions that guard a close, an early
//! start and the follow-up dates, and schemes with more than nine categories.

use crate::app_common::{Live, keys};
use crate::meeting_keys::{k, planned_and_started, render, to_a_school_not_in};
use sqa_board::app::Effect;
use sqa_board::app::Record;
use sqa_board::app::meeting::{MeetingView, PromptKind};
use sqa_board::domain::board::current_decisions;
use sqa_board::domain::{AgendaState, Decision, MeetingStatus, RiskFactor, Urn, minutes};

pub(crate) const ASHBY: Urn = 100001;
pub(crate) const GREETHAM: Urn = 100008;

pub(crate) fn decision_in(saved: &[Record]) -> Option<Decision> {
    saved.iter().find_map(|r| match r {
        Record::Decision(d) => Some(d.clone()),
        _ => None,
    })
}

/// `g`, the URN, Enter: the run is on that school.
pub(crate) fn go_to(a: &mut Live, urn: Urn) {
    k(a, &format!("g{urn}<Enter>"));
    assert_eq!(a.current_item().map(|i| i.urn), Some(urn), "{:?}", a.status);
}

pub(crate) fn screen(a: &Live) -> String {
    format!("{}", render(a, 100, 30).backend())
}

/// The facilitator's slip in issue 11: `2` Enter (a school lowered), `p`, `2` Enter again.
/// The form comes back as saved (category, ratings, risks, rationale, evidence); saving again
/// supersedes the first, keeps "previous" as the category before the meeting, and the minutes
/// have one entry for the school and count it once among the lowered.
#[test]
fn revisit_and_redecide_keeps_what_was_saved() {
    let mut a = planned_and_started(8);
    go_to(&mut a, ASHBY);
    let before = current_decisions(&a.data.decisions)[&ASHBY].clone();
    assert_eq!(before.category, "high");
    // A rating, a risk factor taken off, a line of evidence added: all must survive.
    k(&mut a, "<Space>");
    k(&mut a, &"j".repeat(8));
    k(&mut a, "<Space>");
    k(&mut a, "eGovernors' minutes, Oct 2026<Enter>");
    // `2` Enter: a lowering needs its reasons, so Enter asks for them first.
    let none = k(&mut a, "2<Enter>");
    assert!(none.is_empty(), "saved without reasons: {none:?}");
    let first = decision_in(&k(&mut a, "Leadership restored<Enter>")).expect("first decision");
    assert_eq!(first.category, "medium");
    assert_eq!(first.previous.as_deref(), Some("high"));
    assert!(!first.ratings.is_empty());
    assert_eq!(first.risks, vec![RiskFactor::OfstedOutcome]);
    assert!(
        first
            .evidence
            .contains(&"Governors' minutes, Oct 2026".to_string()),
        "{:?}",
        first.evidence
    );
    assert!(first.evidence.iter().any(|e| e.starts_with("Ofsted: ")));

    // `p`: back to it. The form, before any key, shows the decision as saved.
    k(&mut a, "p");
    assert_eq!(a.current_item().unwrap().urn, ASHBY);
    let shown = a.shown_form(ASHBY);
    assert_eq!(shown.category.as_deref(), Some("medium"));
    assert_eq!(shown.rationale, "Leadership restored");
    assert_eq!(shown.ratings, first.ratings);
    assert_eq!(shown.risks, first.risks);
    assert_eq!(shown.at_risk, first.at_risk);
    let ev: Vec<String> = a.form_evidence(ASHBY).into_iter().map(|e| e.text).collect();
    assert_eq!(ev, first.evidence);
    let s = screen(&a);
    assert!(s.contains("[2 MED]"), "{s}");
    assert!(s.contains("Was ▲ HIGH → ◆ MED (lowered)"), "{s}");
    assert!(s.contains("Now: ▲ HIGH since 06/10/26"), "{s}");
    assert!(s.contains("Leadership restored"), "{s}");
    assert!(s.contains("Governors' minutes"), "{s}");

    // `2` Enter again: one live decision, as before but superseding the first.
    let second = decision_in(&k(&mut a, "2<Enter>")).expect("second decision");
    assert_ne!(second.id, first.id);
    assert_eq!(second.supersedes, Some(first.id));
    assert_eq!(
        second.previous.as_deref(),
        Some("high"),
        "the category before"
    );
    assert_eq!(
        (
            &second.category,
            &second.rationale,
            &second.ratings,
            &second.risks,
            &second.evidence,
            second.at_risk
        ),
        (
            &first.category,
            &first.rationale,
            &first.ratings,
            &first.risks,
            &first.evidence,
            first.at_risk
        )
    );
    let m = a.current_meeting().unwrap().clone();
    assert_eq!(
        m.agenda.iter().find(|i| i.urn == ASHBY).unwrap().decision,
        Some(second.id)
    );
    assert_eq!(
        sqa_board::domain::integrity::problems(&a.data),
        Vec::<String>::new()
    );
    let md = minutes::minutes(&a.data, &m);
    assert_eq!(
        md.matches("### Ashby Fields Primary School (URN").count(),
        1,
        "{md}"
    );
    assert!(
        md.contains("- Lowered: 1: Ashby Fields Primary School\n"),
        "{md}"
    );
    assert!(md.contains("- Same: 0\n"), "{md}");
    assert!(md.contains("  - Governors' minutes, Oct 2026\n"), "{md}");
}

/// The evidence list is offered from what the panel shows; a line can be left out (Space on
/// it) or added (`e`); what is in is saved and appears in the minutes.
#[test]
fn evidence_is_offered_edited_and_saved() {
    let mut a = planned_and_started(8);
    go_to(&mut a, ASHBY);
    let offered = a.suggested_evidence(ASHBY);
    assert!(
        offered.first().is_some_and(|e| e.starts_with("Ofsted: ")),
        "{offered:?}"
    );
    assert!(
        offered.iter().any(
            |e| e == "Risk factors: Ofsted outcome, Leadership change or absence"
                || e == "Risk factors: Leadership change or absence, Ofsted outcome"
        ),
        "{offered:?}"
    );
    // Down past the ratings and risk factors to the first evidence line (Ofsted): leave it out.
    k(&mut a, &"j".repeat(12));
    k(&mut a, "<Space>");
    k(&mut a, "eParent survey<Enter>");
    let d = decision_in(&k(&mut a, "=Steady<Enter>")).expect("saved");
    let mut want: Vec<String> = offered[1..].to_vec();
    want.push("Parent survey".into());
    assert_eq!(d.evidence, want);
    let m = a.current_meeting().unwrap().clone();
    let md = minutes::minutes(&a.data, &m);
    assert!(md.contains("- **Evidence considered:**\n"), "{md}");
    assert!(md.contains("  - Parent survey\n"), "{md}");
    let ashby = md
        .split("Ashby Fields Primary School (URN")
        .nth(1)
        .unwrap_or("");
    let ashby = ashby.split("\n### ").next().unwrap_or("");
    assert!(!ashby.contains("  - Ofsted: "), "{ashby}");
}

/// A change of category needs its reasons: Enter without a rationale saves nothing and says
/// why; "same as before" needs none (by default); `rationale = "always"` asks every time.
#[test]
fn a_change_of_category_needs_a_rationale() {
    let mut a = planned_and_started(5);
    to_a_school_not_in(&mut a, "high");
    let effects = keys(&mut a, "1<Enter>");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Save(_))),
        "saved a raise with no reasons: {effects:?}"
    );
    let status = a.status.clone().unwrap_or_default();
    assert!(
        status.contains("A rationale is needed: the category changes"),
        "{status}"
    );
    let saved = k(&mut a, "Attendance fell sharply<Enter>");
    assert!(
        saved
            .iter()
            .any(|r| matches!(r, Record::Decision(d) if d.category == "high")),
        "{saved:?} {:?}",
        a.status
    );

    // The same category: no reasons needed by default...
    let saved = k(&mut a, "=<Enter>");
    assert!(
        saved.iter().any(|r| matches!(r, Record::Decision(_))),
        "{:?}",
        a.status
    );
    // ...but always, when the authority says so.
    a.rationale_rule = sqa_board::domain::RationaleRule::Always;
    let effects = keys(&mut a, "=<Enter>");
    assert!(!effects.iter().any(|e| matches!(e, Effect::Save(_))));
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("every decision gives its reasons")
    );
}

/// Reasons are needed when a risk factor is added or the at-risk flag changes, not only when
/// the category does.
#[test]
fn a_new_risk_factor_or_a_changed_flag_needs_a_rationale() {
    let mut a = planned_and_started(8);
    go_to(&mut a, GREETHAM);
    // Greetham has no decision before: a first decision gives its reasons.
    let none = k(&mut a, "3<Enter>");
    assert!(none.is_empty());
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("a first decision")
    );
    k(&mut a, "<Esc>");
    go_to(&mut a, ASHBY);
    // The flag: at risk before; taking it off needs reasons.
    k(&mut a, "!");
    assert!(k(&mut a, "=<Enter>").is_empty());
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("at-risk flag")
    );
    k(&mut a, "<Esc>!");
    // A risk factor added (the first one, Complaints).
    k(&mut a, &"j".repeat(6));
    k(&mut a, "<Space>");
    assert!(k(&mut a, "=<Enter>").is_empty());
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("a risk factor is added")
    );
    let d = decision_in(&k(&mut a, "Complaints rising<Enter>")).expect("saved with reasons");
    assert!(d.risks.contains(&RiskFactor::Complaints));
}

/// `u` goes to the next school still to decide (skipped ones once none is pending), `g` to a
/// school by name or URN.
#[test]
fn next_undecided_and_go_to_a_school() {
    let mut a = planned_and_started(8);
    k(&mut a, "s"); // 0 skipped, on to 1
    k(&mut a, "3ok<Enter>"); // 1 decided, on to 2
    k(&mut a, "3ok<Enter>"); // 2 decided, on to 3
    assert_eq!(a.meeting.as_ref().unwrap().pos, 3);
    // Both keys are in the hints at 80 columns (once the status has gone).
    a.status = None;
    let t = render(&a, 80, 24);
    let bottom: String = (0..80)
        .map(|x| t.backend().buffer()[(x, 23)].symbol().to_string())
        .collect();
    assert!(
        bottom.contains("u undecided") && bottom.contains("g go to"),
        "{bottom}"
    );
    k(&mut a, "p");
    k(&mut a, "u");
    assert_eq!(a.meeting.as_ref().unwrap().pos, 3, "the next pending one");
    // Part of a name, in any case.
    k(&mut a, "gASHBY F<Enter>");
    assert_eq!(a.current_item().unwrap().urn, ASHBY, "{:?}", a.status);
    k(&mut a, "gNo such school<Enter>");
    assert!(
        a.status
            .clone()
            .unwrap_or_default()
            .contains("No school on the agenda")
    );
    assert!(a.meeting.as_ref().unwrap().prompt.is_some(), "still asking");
    k(&mut a, "<Esc>");
    assert!(a.meeting.as_ref().unwrap().prompt.is_none());
    assert_eq!(a.current_item().unwrap().urn, ASHBY);

    // Nothing pending: the skipped school is next.
    let mut a = planned_and_started(2);
    k(&mut a, "s");
    k(&mut a, "3ok<Enter>");
    k(&mut a, "u");
    assert_eq!(a.meeting.as_ref().unwrap().pos, 0, "the skipped one");
    assert_eq!(
        a.current_meeting().unwrap().agenda[0].state,
        AgendaState::Skipped
    );
}

/// A meeting planned for a later date asks before it is run; `y` or Enter alone do not start
/// it, typing `start` does.
#[test]
fn running_a_meeting_before_its_date_asks_first() {
    let mut a = crate::meeting_keys::live();
    k(&mut a, "MN");
    a.meeting.as_mut().unwrap().plan.as_mut().unwrap().date = "30/11/2026".into();
    k(&mut a, "Priya Shah<Tab><Enter>");
    assert_eq!(a.meeting.as_ref().unwrap().view, MeetingView::List);
    let effects = keys(&mut a, "<Enter>");
    assert!(effects.is_empty(), "{effects:?}");
    let p = a.meeting.as_ref().unwrap().prompt.clone().expect("asks");
    assert!(matches!(p.kind, PromptKind::StartEarly(_)));
    assert!(
        screen(&a).contains("planned for 30/11/2026"),
        "{}",
        screen(&a)
    );
    for typed in ["y<Enter>", "<Bs><Enter>"] {
        assert!(keys(&mut a, typed).is_empty(), "{typed}");
    }
    assert_eq!(a.meeting.as_ref().unwrap().view, MeetingView::List);
    // Esc: nothing started.
    k(&mut a, "<Esc>");
    assert!(a.meeting.as_ref().unwrap().prompt.is_none());
    assert!(
        a.data
            .meetings
            .iter()
            .all(|m| m.status != MeetingStatus::Open)
    );
    k(&mut a, "<Enter>start<Enter>");
    assert_eq!(a.meeting.as_ref().unwrap().view, MeetingView::Run);
    assert_eq!(a.current_meeting().unwrap().status, MeetingStatus::Open);
}

/// A scheme of twelve categories: a digit starts the number, Enter (or the second digit, then
/// Enter) finishes it; `c` takes a number or a name.
#[test]
fn more_than_nine_categories_by_keyboard() {
    let mut a = planned_and_started(3);
    let base = a.data.scheme.categories.clone();
    std::sync::Arc::make_mut(&mut a.data).scheme.categories = (0..12)
        .map(|i| {
            let mut c = base[i % base.len()].clone();
            c.key = format!("k{}", i + 1);
            c.name = format!("Grid {}", i + 1);
            c.label = format!("G{}", i + 1);
            c
        })
        .collect();
    let urn = a.current_item().unwrap().urn;
    k(&mut a, "1");
    assert!(
        a.meeting.as_ref().unwrap().prompt.is_some(),
        "waits for more"
    );
    k(&mut a, "2<Enter>");
    assert_eq!(a.shown_form(urn).category.as_deref(), Some("k12"));
    k(&mut a, "<Esc>1<Enter>");
    assert_eq!(a.shown_form(urn).category.as_deref(), Some("k1"));
    k(&mut a, "<Esc>cgrid 7<Enter>");
    assert_eq!(a.shown_form(urn).category.as_deref(), Some("k7"));
    k(&mut a, "<Esc>c13<Enter>");
    assert!(a.status.clone().unwrap_or_default().contains("1 to 12"));
    k(&mut a, "<Esc>");
    assert_eq!(a.shown_form(urn).category.as_deref(), Some("k7"));
    assert_eq!(
        a.current_meeting().unwrap().agenda[0].state,
        AgendaState::Pending
    );
}

/// The evidence panel gives the previous decision's reasons and scrolls when it does not fit
/// (its last row says so), back to the top for the next school.
#[test]
fn the_evidence_panel_shows_the_last_reasons_and_scrolls() {
    let mut a = planned_and_started(8);
    go_to(&mut a, ASHBY);
    let small = |a: &Live| format!("{}", render(a, 80, 16).backend());
    let s = small(&a);
    assert!(s.contains("Why then: Headteacher on long-term"), "{s}");
    assert!(s.contains("PgDn: more"), "{s}");
    assert!(!s.contains("Book KS2 moderation"), "{s}");
    k(&mut a, &"<PgDn>".repeat(6));
    let s = small(&a);
    assert!(s.contains("Book KS2 moderation"), "{s}");
    assert!(s.contains("PgUp: back"), "{s}");
    k(&mut a, "n");
    let s = small(&a);
    assert!(
        !s.contains("PgUp: back"),
        "another school starts at the top: {s}"
    );
}

/// Decision forms kept by a session before the evidence list (meeting drafts schema 1) are
/// read, not lost: the evidence is offered afresh.
#[test]
fn meeting_drafts_of_schema_1_are_read() {
    use sqa_board::app::meeting::{AgreedLine, migrate_meeting_draft};
    use sqa_board::domain::{Area, Id, Rating};
    #[derive(serde::Serialize)]
    struct FormV1 {
        category: Option<String>,
        ratings: Vec<(Area, Rating)>,
        risks: Vec<RiskFactor>,
        at_risk: bool,
        rationale: String,
        actions: Vec<AgreedLine>,
        action_line: String,
        cursor: usize,
        decision_id: Option<Id>,
    }
    #[derive(serde::Serialize)]
    struct DraftV1 {
        meeting: Id,
        author: String,
        #[serde(with = "chrono::serde::ts_milliseconds")]
        at: chrono::DateTime<chrono::Utc>,
        forms: Vec<(Urn, FormV1)>,
    }
    let v1 = DraftV1 {
        meeting: 7,
        author: "priya".into(),
        at: chrono::DateTime::from_timestamp_millis(1_790_000_000_000).unwrap(),
        forms: vec![(
            ASHBY,
            FormV1 {
                category: Some("medium".into()),
                ratings: vec![(Area::Standards, Rating::Concern)],
                risks: vec![RiskFactor::Complaints],
                at_risk: true,
                rationale: "Half way through".into(),
                actions: vec![],
                action_line: String::new(),
                cursor: 3,
                decision_id: None,
            },
        )],
    };
    let bytes = sqa_board::store::envelope::encode(1, &v1).unwrap();
    let d = migrate_meeting_draft(1, &bytes[3..]).expect("migrates");
    assert_eq!((d.meeting, d.author.as_str()), (7, "priya"));
    let (urn, f) = &d.forms[0];
    assert_eq!(*urn, ASHBY);
    assert_eq!(f.rationale, "Half way through");
    assert_eq!(f.category.as_deref(), Some("medium"));
    // Where the cursor was is not kept (schema 3 keeps what was typed and chosen).
    assert!(f.at_risk);
    assert_eq!(f.evidence, None);
    assert!(migrate_meeting_draft(9, &bytes[3..]).is_err());
}

/// With every school still undecided, the close question names them (the first few, then how
/// many more) and the line to type in stays on an 80x24 screen.
#[test]
fn closing_names_the_undecided_and_keeps_the_typed_line_in_view() {
    let mut a = planned_and_started(8);
    k(&mut a, "C");
    let s = format!("{}", render(&a, 80, 24).backend());
    assert!(s.contains("Still undecided (8): "), "{s}");
    assert!(s.contains("Type close, then Enter:"), "{s}");
    k(&mut a, "close");
    let s = format!("{}", render(&a, 80, 24).backend());
    assert!(s.contains("Type close, then Enter: close"), "{s}");
}

/// Typing an action (or the rationale) before anything else keeps what carries forward from
/// the school's decision: its ratings, risk factors and at-risk flag (was: a blank form, so
/// the ratings were lost and the flag silently dropped).
#[test]
fn typing_first_keeps_what_carries_forward() {
    let mut a = planned_and_started(8);
    go_to(&mut a, ASHBY);
    let before = current_decisions(&a.data.decisions)[&ASHBY].clone();
    assert!(before.at_risk && !before.risks.is_empty());
    k(
        &mut a,
        "aGovernors to appoint a head; Priya Shah; 15/01/2027<Enter>",
    );
    let d = decision_in(&k(&mut a, "=Still intensive<Enter>")).expect("saved");
    assert_eq!(d.category, before.category);
    assert_eq!((d.risks, d.at_risk), (before.risks.clone(), true));
    assert_eq!(d.ratings, before.ratings);
}

/// A school decided at the meeting cannot then be skipped or deferred (its decision would stay
/// live while the minutes called it undecided): it is changed instead.
#[test]
fn a_decided_school_is_not_skipped_or_deferred() {
    let mut a = planned_and_started(3);
    k(&mut a, "3Steady<Enter>p");
    assert_eq!(
        a.current_meeting().unwrap().agenda[0].state,
        AgendaState::Decided
    );
    for key in ["s", "D"] {
        assert!(k(&mut a, key).is_empty(), "{key}");
        assert!(a.meeting.as_ref().unwrap().prompt.is_none());
        assert!(
            a.status
                .clone()
                .unwrap_or_default()
                .contains("Already decided")
        );
    }
    assert_eq!(
        a.current_meeting().unwrap().agenda[0].state,
        AgendaState::Decided
    );
}
