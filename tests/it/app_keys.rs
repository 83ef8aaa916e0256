//! Key scripts on the app state: no terminal involved.

use crate::app_common;

use app_common::{EVIL_URN, app, dataset, keys, notes, shown};
use sqa_board::app::{Action, Effect, Screen, Section, SortKey};
use sqa_board::keymap::Context;

const PRIORITY_ORDER: [u32; 8] = [
    100001, 100005, EVIL_URN, 100006, 100002, 100003, 100004, 100008,
];

#[test]
fn board_starts_sorted_by_priority_with_first_selected() {
    let a = app();
    assert_eq!(shown(&a), PRIORITY_ORDER);
    assert_eq!(a.board.selected_urn(), Some(100001));
    assert_eq!(a.board.sort, SortKey::Priority);
    assert_eq!(a.screen(), Screen::Board);
}

#[test]
fn moving_clamps_at_the_ends() {
    let mut a = app();
    keys(&mut a, "jj");
    assert_eq!(a.board.selected_urn(), Some(EVIL_URN));
    keys(&mut a, "<Down>k");
    assert_eq!(a.board.selected_urn(), Some(EVIL_URN));
    keys(&mut a, "G");
    assert_eq!(a.board.selected_urn(), Some(100008));
    keys(&mut a, "jjj<Down>");
    assert_eq!(a.board.selected_urn(), Some(100008));
    keys(&mut a, "g<Up><Up>");
    assert_eq!(a.board.selected_urn(), Some(100001));
    keys(&mut a, "<End><Home><PgDn>");
    assert_eq!(
        a.board.selected, 7,
        "page is 10 before any draw: clamps to the end"
    );
    keys(&mut a, "<PgUp>");
    assert_eq!(a.board.selected, 0);
}

#[test]
fn search_filters_live_enter_keeps_esc_clears() {
    let mut a = app();
    keys(&mut a, "/CAT");
    assert!(a.board.searching);
    assert_eq!(shown(&a), vec![100003], "case-insensitive: Catmose");
    keys(&mut a, "<Bs>");
    assert_eq!(
        shown(&a),
        vec![EVIL_URN, 100003],
        "'ca': Evil Academy, Catmose"
    );
    keys(&mut a, "<Bs><Bs>10000");
    assert_eq!(shown(&a).len(), 8, "URN prefix matches all");
    keys(&mut a, "5<Enter>");
    assert!(!a.board.searching);
    assert_eq!(shown(&a), vec![100005]);
    // q quits only outside the search line: here it is on the board again.
    keys(&mut a, "<Esc>");
    assert_eq!(shown(&a).len(), 8);
    assert!(!a.should_quit());
    keys(&mut a, "/qj<Esc>");
    assert!(!a.should_quit(), "q and j are text while searching");
    assert_eq!(a.board.search, "");
    assert_eq!(shown(&a).len(), 8);
}

#[test]
fn search_matches_the_cleaned_name() {
    let mut a = app();
    keys(&mut a, "/evil academy");
    assert_eq!(shown(&a), vec![EVIL_URN]);
    keys(&mut a, "<Esc>/学校");
    assert_eq!(shown(&a), vec![100006]);
}

#[test]
fn sort_cycles_through_keys_and_keeps_selection() {
    let mut a = app();
    keys(&mut a, "j"); // Empingham
    keys(&mut a, "s");
    assert_eq!(a.board.sort, SortKey::Name);
    assert_eq!(
        shown(&a),
        vec![
            100001, 100002, 100003, 100004, 100005, EVIL_URN, 100006, 100008
        ]
    );
    assert_eq!(a.board.selected_urn(), Some(100005));
    keys(&mut a, "s");
    assert_eq!(a.board.sort, SortKey::NextCheckpoint);
    // Only high and medium have checkpoints: 100001/100005 (6 weeks after 06/10) then the
    // medium ones (12 weeks), the rest after by name.
    assert_eq!(&shown(&a)[..4], &[100001, 100005, EVIL_URN, 100006]);
    keys(&mut a, "s");
    assert_eq!(a.board.sort, SortKey::LastVisit);
    assert_eq!(
        &shown(&a)[..3],
        &[100004, EVIL_URN, 100006],
        "never visited first"
    );
    keys(&mut a, "s");
    assert_eq!(a.board.sort, SortKey::OpenActions);
    assert_eq!(&shown(&a)[..3], &[100001, EVIL_URN, 100005]);
    keys(&mut a, "s");
    assert_eq!(a.board.sort, SortKey::Priority);
    assert_eq!(shown(&a), PRIORITY_ORDER);
}

#[test]
fn filter_popup_cycles_values_and_x_clears() {
    let mut a = app();
    keys(&mut a, "f");
    assert_eq!(a.context(), Context::Filter);
    keys(&mut a, "l"); // Priority: HIGH
    assert_eq!(shown(&a), vec![100001, 100005]);
    keys(&mut a, "<Right>"); // MED
    assert_eq!(shown(&a), vec![EVIL_URN, 100006]);
    keys(&mut a, "j<Right>"); // Phase: Primary (first phase present)
    assert_eq!(shown(&a), vec![100006]);
    keys(&mut a, "<Enter>");
    assert_ne!(a.context(), Context::Filter);
    assert!(a.board.filters.is_active());
    assert_eq!(shown(&a), vec![100006]);
    keys(&mut a, "x");
    assert!(!a.board.filters.is_active());
    assert_eq!(shown(&a).len(), 8);
    // Officer filter, backwards from "all" gives the last officer alphabetically.
    keys(&mut a, "fjjj<Left><Esc>");
    assert_eq!(a.board.filters.officer.as_deref(), Some("Sam Patel"));
    assert_eq!(shown(&a), vec![100002, 100004, 100008]);
}

#[test]
fn enter_opens_school_and_asks_for_notes_esc_goes_back() {
    let mut a = app();
    let fx = keys(&mut a, "jj<Enter>");
    assert_eq!(
        fx,
        vec![Effect::LoadNotes(EVIL_URN), Effect::LoadAudit(EVIL_URN)]
    );
    assert_eq!(a.screen(), Screen::School);
    assert_eq!(a.school.as_ref().map(|s| s.urn), Some(EVIL_URN));
    keys(&mut a, "<Tab><Tab>");
    assert_eq!(
        a.school.as_ref().map(|s| s.section),
        Some(Section::Activities)
    );
    keys(&mut a, "<BackTab><BackTab><BackTab><BackTab>");
    assert_eq!(a.school.as_ref().map(|s| s.section), Some(Section::Changes));
    let fx = keys(&mut a, "n");
    assert_eq!(
        fx,
        vec![Effect::LoadNotes(100006), Effect::LoadAudit(100006)]
    );
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Board);
    assert_eq!(
        a.board.selected_urn(),
        Some(100006),
        "n moved the board selection too"
    );
    assert!(!a.should_quit());
}

#[test]
fn esc_on_the_board_never_quits_q_does() {
    let mut a = app();
    let fx = keys(&mut a, "<Esc><Esc>");
    assert!(fx.is_empty());
    assert!(!a.should_quit());
    let fx = keys(&mut a, "q");
    assert_eq!(fx, vec![Effect::Quit]);
    assert!(a.should_quit());
    let mut b = app();
    keys(&mut b, "<Enter>");
    keys(&mut b, "<C-c>");
    assert!(b.should_quit());
}

#[test]
fn help_opens_and_closes_over_any_screen() {
    let mut a = app();
    keys(&mut a, "?");
    assert_eq!(a.context(), Context::Help);
    keys(&mut a, "jq");
    assert_ne!(a.context(), Context::Help);
    assert!(!a.should_quit(), "q closes the help, it doesn't quit");
    keys(&mut a, "<Enter>?<Esc>");
    assert_ne!(a.context(), Context::Help);
    assert_eq!(a.screen(), Screen::School);
}

#[test]
fn set_data_keeps_selection_by_urn_and_dirty_is_taken_once() {
    let mut a = app();
    assert!(a.take_dirty());
    assert!(!a.take_dirty());
    keys(&mut a, "jjj"); // 100006
    assert!(a.take_dirty());
    let mut ds = dataset();
    ds.schools.reverse();
    ds.decisions.retain(|d| d.urn != 100001);
    a.set_data(ds);
    assert_eq!(a.board.selected_urn(), Some(100006));
    assert!(a.take_dirty());
    a.set_notes(100006, notes(100006));
    assert!(a.take_dirty());
    a.set_status("Saved".into());
    assert_eq!(a.status.as_deref(), Some("Saved"));
    keys(&mut a, "j");
    assert_eq!(a.status, None, "a status lasts until the next key");
}

#[test]
fn unknown_keys_change_nothing() {
    let mut a = app();
    a.take_dirty();
    keys(&mut a, "zZ!");
    assert!(!a.take_dirty());
    assert!(a.update(Action::Up).is_empty());
}
