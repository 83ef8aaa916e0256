//! Editing a school's details from the school screen, the board's bulk link-officer
//! assignment, and a GIAS re-import that keeps what the LA owns: key scripts on the app over a
//! real store, snapshots at 80x24, and the import plan.

use crate::app_common::{Live, app, dataset, keys, today};
use crate::meeting_keys::{k, render};
use sqa_board::app::{Effect, Record, Screen};
use sqa_board::domain::School;
use sqa_board::import::gias::{GiasOptions, parse_gias, plan_import};

const ASHBY: u32 = 100001;

fn live() -> Live {
    Live::new(&dataset(), "tester", today())
}

fn held(a: &Live, urn: u32) -> School {
    a.store.get::<School>(&urn).unwrap().unwrap()
}

#[test]
fn details_are_edited_saved_once_and_audited_field_by_field() {
    let mut a = live();
    k(&mut a, "<Enter>e");
    assert_eq!(a.screen(), Screen::SchoolForm);
    // Link officer: Jo Marsh → the next officer; then the contact email, typed.
    k(&mut a, "<Right><Tab><Tab><Tab>office@ashby.example");
    // Notes, typed with a `d` and a `y` in them: typing never saves or closes.
    k(&mut a, "<Tab><Tab><Tab>dry roof; yard redone");
    assert_eq!(a.screen(), Screen::SchoolForm);
    let before = a.store.audit_for(ASHBY).unwrap().len();
    let saved = k(&mut a, "<C-s>");
    assert_eq!(saved.len(), 1, "one record, one commit");
    assert_eq!(a.screen(), Screen::School, "{:?}", a.status);
    let s = held(&a, ASHBY);
    assert_eq!(s.link_officer, "Sam Patel");
    assert_eq!(s.contact_email, "office@ashby.example");
    assert_eq!(s.notes, "dry roof; yard redone");
    let audit = a.store.audit_for(ASHBY).unwrap();
    assert_eq!(audit.len(), before + 1);
    let summary = &audit
        .iter()
        .find(|e| e.kind == "school")
        .expect("the school's change is audited")
        .summary;
    for want in [
        "link officer: Jo Marsh → Sam Patel",
        "contact email: — → office@ashby.example",
        "notes: — → dry roof; yard redone",
    ] {
        assert!(summary.contains(want), "{want}: {summary}");
    }
    assert!(!summary.contains("headteacher"), "{summary}");
}

#[test]
fn a_bad_email_is_named_and_nothing_is_saved() {
    let mut a = app();
    keys(&mut a, "<Enter>e<Tab><Tab><Tab>not an email");
    let effects = keys(&mut a, "<C-s>");
    assert!(effects.iter().all(|e| !matches!(e, Effect::Save(_))));
    let err = a.school_form.as_ref().and_then(|f| f.error.clone());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("contact email")),
        "{err:?}"
    );
    // Esc does not throw the typing away: it says how to save or discard.
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::SchoolForm);
    let err = a.school_form.as_ref().and_then(|f| f.error.clone());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("Ctrl-Q")),
        "{err:?}"
    );
    keys(&mut a, "<C-q>");
    assert_eq!(a.screen(), Screen::School);
    assert!(a.school_form.is_none());
    // Unchanged, Esc closes at once.
    keys(&mut a, "e<Esc>");
    assert_eq!(a.screen(), Screen::School);
}

#[test]
fn bulk_assignment_sets_the_filtered_schools_in_one_commit() {
    let mut a = live();
    // Only the schools whose name has "primary".
    k(&mut a, "/primary<Enter>");
    let shown: Vec<u32> = a
        .board
        .visible
        .iter()
        .map(|&i| a.board.rows[i].urn)
        .collect();
    assert!(shown.len() >= 2 && shown.len() < a.data.schools.len());
    k(&mut a, "L");
    assert_eq!(a.screen(), Screen::BulkOfficer);
    // Typing a letter does not confirm; nothing is saved until Ctrl-S.
    let typed = k(&mut a, "y<Enter>d");
    assert!(typed.is_empty());
    while a.bulk_officer.as_ref().map(|b| b.officer().to_string()) != Some("Alex Kerr".into()) {
        k(&mut a, "<Right>");
    }
    let effects = keys(&mut a, "<C-s>");
    let saves: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(saves.len(), 1, "one commit");
    let n = saves[0].records.len();
    assert!(n >= 1);
    assert!(
        saves[0]
            .records
            .iter()
            .all(|(r, why)| matches!(r, Record::School(_)) && why.contains("→ Alex Kerr"))
    );
    a.run(effects);
    assert_eq!(a.screen(), Screen::Board);
    for urn in &shown {
        assert_eq!(held(&a, *urn).link_officer, "Alex Kerr", "{urn}");
    }
    let others: Vec<School> = a
        .data
        .schools
        .iter()
        .filter(|s| !shown.contains(&s.urn))
        .cloned()
        .collect();
    assert!(others.iter().any(|s| s.link_officer != "Alex Kerr"));
}

#[test]
fn snapshots_of_the_form_and_the_bulk_popup() {
    let mut a = app();
    a.set_no_color(true);
    keys(&mut a, "<Enter>e<Right>");
    insta::assert_snapshot!("school_details_form_80x24", render(&a, 80, 24).backend());
    keys(&mut a, "<C-q><Esc>L");
    insta::assert_snapshot!("bulk_officer_80x24", render(&a, 80, 24).backend());
}

const FIXTURE: &[u8] = include_bytes!("../fixtures/gias/edubasealldata20261101.csv");

/// Details edited in sqa, then the same extract imported again: what the LA owns (link officer,
/// chair, contact email, notes) stays; what GIAS owns comes from the register.
#[test]
fn a_gias_reimport_keeps_the_details_the_la_owns() {
    let opts = GiasOptions {
        la_code: "999".into(),
        include_closed: false,
    };
    let p = parse_gias(FIXTURE, "edubasealldata20261101.csv", &opts).unwrap();
    let mut held: Vec<School> = p.schools.iter().map(|r| r.school.clone()).collect();
    let gias_head = held[0].headteacher.clone();
    held[0].link_officer = "Sam Patel".into();
    held[0].chair_of_governors = "C. Chair".into();
    held[0].contact_email = "office@school.example".into();
    held[0].notes = "Rebuild 2027".into();
    let plan = plan_import(&held, &p);
    assert!(plan.updated.is_empty(), "{:?}", plan.updated);
    assert!(plan.unchanged.contains(&held[0].urn));
    // A head edited in sqa is GIAS's to say: the register's name comes back, the rest stays.
    held[0].headteacher = "Edited Head".into();
    let plan = plan_import(&held, &p);
    let (_, new) = &plan.updated[0];
    assert_eq!(new.headteacher, gias_head);
    assert_eq!(new.link_officer, "Sam Patel");
    assert_eq!(new.chair_of_governors, "C. Chair");
    assert_eq!(new.contact_email, "office@school.example");
    assert_eq!(new.notes, "Rebuild 2027");
}
