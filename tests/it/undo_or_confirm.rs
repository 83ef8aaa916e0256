//! "Removing an action row, completing, finalising are undoable or confirmed" (issue 13 item
//! 1), for the forms and lists not covered by the note's own tests (`notes_safe_keys`) and the
//! timeline's (`timeline_keys::complete_and_cancel_at_once_and_undo_with_u`): an action
//! completed from the tracker is reopened with `u`; a school removed from a meeting's agenda
//! is added back with `a`; an escalation step is never deleted, and withdrawing one is an
//! audited edit that can be made open again.

use crate::app_common::keys;
use crate::meeting_keys::{k, live};
use crate::timeline_keys::{SALLOW, demo_app, run, select_on_board};
use sqa_board::app::{Question, Record, Screen};
use sqa_board::domain::{ActionStatus, StepStatus};

#[test]
fn an_action_completed_from_the_tracker_is_reopened_with_u() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "As");
    let first = a.tracker_list()[0].clone();
    // A lone c only asks; Enter completes it.
    assert!(keys(&mut a, "c").is_empty());
    assert_eq!(a.question(), Some(Question::CompleteAction(first.id)));
    let e = keys(&mut a, "<Enter>");
    run(&mut a, e);
    let status = |a: &sqa_board::app::App| {
        a.data
            .actions
            .iter()
            .find(|x| x.id == first.id)
            .map(|x| x.status)
    };
    assert_eq!(status(&a), Some(ActionStatus::Done));
    // u: back to open, as stored.
    let e = keys(&mut a, "u");
    let saved = run(&mut a, e);
    assert!(
        matches!(saved.as_slice(), [Record::Action(x)] if x.id == first.id && x.status != ActionStatus::Done),
        "{saved:?} {:?}",
        a.status
    );
    assert_ne!(status(&a), Some(ActionStatus::Done));
}

#[test]
fn a_school_removed_from_a_planned_agenda_is_added_back_with_a() {
    let mut a = live();
    k(&mut a, "M");
    k(&mut a, "NPriya Shah<Tab>");
    let agenda = |a: &crate::app_common::Live| {
        a.meeting
            .as_ref()
            .and_then(|m| m.plan.as_ref())
            .map(|p| p.agenda.clone())
            .unwrap_or_default()
    };
    let before = agenda(&a);
    let gone = before[0];
    k(&mut a, "d");
    assert!(!agenda(&a).contains(&gone));
    k(&mut a, "a");
    let after = agenda(&a);
    assert!(after.contains(&gone), "added back");
    assert_eq!(after.len(), before.len());
}

#[test]
fn an_escalation_step_withdrawn_is_never_deleted_and_can_be_made_open_again() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    k(&mut a, "<Enter>E<Tab><Tab><Tab><Tab>Attendance<C-s>");
    let steps = |a: &crate::app_common::Live| {
        a.store
            .export_dataset()
            .expect("export")
            .escalations
            .into_iter()
            .filter(|s| s.urn == SALLOW)
            .collect::<Vec<_>>()
    };
    let n = steps(&a).len();
    // Withdrawn: status → → (open, done, withdrawn), saved with Ctrl-S (no lone letter).
    k(&mut a, "<S-Tab><Enter><Tab><Tab><Right><Right>");
    assert_eq!(a.screen(), Screen::StepForm);
    k(&mut a, "<C-s>");
    let s = steps(&a);
    assert_eq!(s.len(), n, "nothing deleted");
    let mine = |s: &[sqa_board::domain::EscalationStep]| {
        s.iter()
            .find(|s| s.grounds == "Attendance")
            .map(|s| s.status)
    };
    assert_eq!(mine(&s), Some(StepStatus::Withdrawn));
    // Open again: an edit like any other, audited.
    k(&mut a, "<Enter><Tab><Tab><Right>");
    k(&mut a, "<C-s>");
    let s = steps(&a);
    assert_eq!(s.len(), n);
    assert_eq!(mine(&s), Some(StepStatus::Open), "{s:?}");
    let audit = a.store.audit_for(SALLOW).expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.kind == "escalation" && e.summary == "status: withdrawn → open"),
        "{audit:?}"
    );
}
