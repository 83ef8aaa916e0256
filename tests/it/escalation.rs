//! Escalation steps from the school screen: key scripts over a real store (each kind added,
//! a status edited, dates validated by field, a read-only session writes nothing) and the
//! section and form at 80x24.

use crate::app_common::{Live, app, dataset, keys, today};
use crate::meeting_keys::{k, render};
use sqa_board::app::{Effect, Screen};
use sqa_board::domain::role::Role;
use sqa_board::domain::{EscalationStep, StepKind, StepStatus};

const ASHBY: u32 = 100001;

fn live() -> Live {
    Live::new(&dataset(), "tester", today())
}

fn stored(a: &Live) -> Vec<EscalationStep> {
    a.store.export_dataset().unwrap().escalations.to_vec()
}

#[test]
fn each_kind_is_added_in_one_commit_and_audited() {
    let mut a = live();
    for (i, kind) in StepKind::ALL.iter().enumerate() {
        // E on the school screen, ← → to the kind, grounds typed (a warning notice also
        // takes its response date), Ctrl-S.
        k(&mut a, if i == 0 { "<Enter>E" } else { "E" });
        assert_eq!(a.screen(), Screen::StepForm);
        k(&mut a, &"<Right>".repeat(i));
        k(&mut a, "<Tab><Tab><Tab><Tab>Standards low; governors told");
        if kind.has_response_due() {
            k(&mut a, "<Tab>31/12/2099");
        }
        let saved = k(&mut a, "<C-s>");
        assert_eq!(
            saved.len(),
            1,
            "{kind:?}: one record, one commit: {:?}",
            a.status
        );
        assert_eq!(a.screen(), Screen::School);
    }
    let steps = stored(&a);
    assert_eq!(steps.len(), 6);
    let wn = steps
        .iter()
        .find(|s| s.kind == StepKind::WarningNotice)
        .unwrap();
    assert_eq!(wn.date, today(), "the date defaults to today");
    assert_eq!(wn.grounds, "Standards low; governors told");
    assert_eq!(
        wn.response_due.map(|d| d.to_string()),
        Some("2099-12-31".into())
    );
    assert_eq!(wn.status, StepStatus::Open);
    let audit = a.store.audit_for(ASHBY).unwrap();
    assert_eq!(audit.iter().filter(|e| e.kind == "escalation").count(), 6);
}

#[test]
fn a_status_is_edited_and_audited_field_by_field() {
    let mut a = live();
    k(&mut a, "<Enter>E<Tab><Tab><Tab><Tab>Attendance<C-s>");
    // To the Escalation section (the last), Enter edits the step: status open → done.
    k(&mut a, "<S-Tab>");
    k(&mut a, "<Enter><Tab><Tab><Right>");
    let saved = k(&mut a, "<C-s>");
    assert_eq!(saved.len(), 1, "{:?}", a.status);
    let steps = stored(&a);
    assert_eq!(steps[0].status, StepStatus::Done);
    assert_eq!(steps[0].rev, 2);
    let audit = a.store.audit_for(ASHBY).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.kind == "escalation" && e.summary == "status: open → done"),
        "{audit:?}"
    );
}

#[test]
fn bad_dates_are_named_and_nothing_is_saved() {
    let mut a = app();
    keys(&mut a, "<Enter>E<Right><Tab>");
    // The date: cleared and mistyped.
    keys(&mut a, &"<Bs>".repeat(12));
    keys(&mut a, "31/02/2026<Tab><Tab><Tab>Grounds here");
    let effects = keys(&mut a, "<C-s>");
    assert!(effects.iter().all(|e| !matches!(e, Effect::Save(_))));
    let err = a.step_form.as_ref().and_then(|f| f.error.clone());
    assert!(
        err.as_deref().is_some_and(|e| e.starts_with("Date:")),
        "{err:?}"
    );
    // A good date, a response date before the notice.
    keys(&mut a, "<S-Tab><S-Tab><S-Tab>");
    keys(&mut a, &"<Bs>".repeat(12));
    keys(&mut a, "01/12/2026<Tab><Tab><Tab><Tab>01/11/2026");
    let effects = keys(&mut a, "<C-s>");
    assert!(effects.iter().all(|e| !matches!(e, Effect::Save(_))));
    let err = a.step_form.as_ref().and_then(|f| f.error.clone());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("Response due:")),
        "{err:?}"
    );
    // Esc does not throw the typing away; Ctrl-Q does.
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::StepForm);
    keys(&mut a, "<C-q>");
    assert_eq!(a.screen(), Screen::School);
}

#[test]
fn read_only_and_officer_sessions_write_nothing() {
    for role in [Role::ReadOnly, Role::Officer] {
        let mut a = live();
        a.app.role = role;
        let saved = k(&mut a, "<Enter>E<Tab><Tab><Tab><Tab>Concerns<C-s>");
        assert!(saved.is_empty(), "{role}");
        assert!(stored(&a).is_empty(), "{role}");
        assert!(
            a.status
                .as_deref()
                .is_some_and(|s| s.contains("cannot save")),
            "{:?}",
            a.status
        );
    }
}

#[test]
fn snapshots_of_the_section_and_the_form() {
    let mut a = live();
    a.app.set_no_color(true);
    k(
        &mut a,
        "<Enter>E<Right><Tab><Tab><Tab><Tab>Pupils' progress well below national<Tab>16/12/2026<C-s>",
    );
    k(&mut a, "<S-Tab>");
    insta::assert_snapshot!("escalation_section_80x24", render(&a, 80, 24).backend());
    k(&mut a, "<Enter>");
    insta::assert_snapshot!("escalation_form_80x24", render(&a, 80, 24).backend());
}

#[test]
fn the_board_marks_the_furthest_open_step_with_a_legend() {
    let mut a = live();
    a.app.set_no_color(true);
    k(
        &mut a,
        "<Enter>E<Right><Tab><Tab><Tab><Tab>Standards<Tab>01/12/2026<C-s><Esc>",
    );
    assert_eq!(a.screen(), Screen::Board);
    let row = a.board.rows.iter().find(|r| r.urn == ASHBY).unwrap();
    assert_eq!(
        row.escalation.map(|m| m.kind),
        Some(StepKind::WarningNotice)
    );
    let t = render(&a, 80, 24);
    let text = format!("{:?}", t.backend());
    assert!(text.contains("Esc 1"), "the legend is on the counts line");
    insta::assert_snapshot!("escalation_board_80x24", t.backend());
    let help: Vec<String> = sqa_board::ui::help::lines(&a, &sqa_board::ui::Theme::new(true))
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(
        help.iter().any(|l| l.contains("interim executive board")),
        "{help:?}"
    );
}

fn a_warning_notice(urn: u32, prompt: Option<sqa_board::domain::Prompt>) -> EscalationStep {
    EscalationStep {
        id: 9_000_001,
        urn,
        kind: StepKind::WarningNotice,
        date: today(),
        by: "Jo Marsh".into(),
        status: StepStatus::Open,
        grounds: "Unacceptably low standards".into(),
        response_due: Some(today() + chrono::Duration::days(15)),
        prompted_by: prompt,
        rev: 1,
    }
}

#[test]
fn the_school_export_minutes_and_evidence_show_the_step() {
    let mut ds = dataset();
    let m = crate::store_support::meeting(8_000_001, today());
    ds.meetings.push(m.clone());
    let urn = ASHBY;
    ds.escalations.push(a_warning_notice(
        urn,
        Some(sqa_board::domain::Prompt::Meeting(m.id)),
    ));
    // The school's profile.
    let names = sqa_board::domain::OfficerNames::default();
    let clock = sqa_board::clock::Clock::frozen_on(today());
    let r = sqa_board::export::Readers {
        names: &names,
        clock: &clock,
    };
    let md = sqa_board::export::school_profile(&ds, urn, today(), &r).unwrap();
    assert!(md.contains("## Escalation"), "{md}");
    assert!(
        md.contains("| 23/11/2026 | Warning notice issued | open | Jo Marsh | Unacceptably low standards | 08/12/2026 |"),
        "{md}"
    );
    // The minutes of the meeting that prompted it.
    let minutes = sqa_board::domain::minutes::minutes(&ds, &m);
    assert!(minutes.contains("## Escalation steps"), "{minutes}");
    assert!(
        minutes.contains(
            "Warning notice issued 23/11/2026 by Jo Marsh (open); response due 08/12/2026"
        ),
        "{minutes}"
    );
    assert!(
        minutes.contains("  - Grounds: Unacceptably low standards"),
        "{minutes}"
    );
    // A meeting that took none says nothing of it.
    let mut other = m.clone();
    other.id += 1_000;
    assert!(!sqa_board::domain::minutes::minutes(&ds, &other).contains("Escalation"));
    // The meeting's evidence, from the school's own steps.
    let mut a = app();
    a.set_data(ds);
    let lines: Vec<String> =
        sqa_board::ui::escalation::evidence_lines(&a, urn, None, &sqa_board::ui::Theme::new(true))
            .iter()
            .map(|l| l.to_string())
            .collect();
    assert_eq!(
        lines,
        vec![
            "Escalation".to_string(),
            "23/11/26 WN open: Warning notice issued (new), response due 08/12/26".to_string()
        ]
    );
}
