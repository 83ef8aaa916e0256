//! The board cache: the first frame's facts are used only while nothing has been written since
//! they were taken, and a damaged or stale cache is ignored, never an error and never shown.

use crate::common;
use common::store::open_when_free;

use crate::store_support as support;

use sqa_board::app::App;
use sqa_board::domain::board::{BoardInput, board_rows, rows_from_facts};
use sqa_board::domain::*;
use sqa_board::store::Store;
use support::*;

fn rows_of(store: &Store, today: chrono::NaiveDate) -> Vec<board::BoardRow> {
    let ds = store.load_overview().unwrap();
    board_rows(&BoardInput::of(&ds), today)
}

fn demo_store() -> Store {
    let store = Store::open_temporary().unwrap();
    let ds = sqa_board::demo::demo_dataset().unwrap();
    store.import_dataset(&ds, &by("alice")).unwrap();
    store
}

#[test]
fn a_fresh_cache_gives_the_board_of_the_records() {
    let store = demo_store();
    let today = day(2026, 11, 23);
    assert!(
        store.board_preview(today).unwrap().is_none(),
        "no cache yet"
    );
    store.refresh_board_cache(today).unwrap();
    let p = store
        .board_preview(today)
        .unwrap()
        .expect("cache is current");
    assert_eq!(p.schools.len(), 22);
    assert_eq!(
        rows_from_facts(&p.scheme, &p.schools, &p.facts, today),
        rows_of(&store, today)
    );
    // Still good on later days: overdue items and past visits follow the day.
    let later = day(2027, 3, 1);
    let p = store.board_preview(later).unwrap().expect("later day");
    assert_eq!(
        rows_from_facts(&p.scheme, &p.schools, &p.facts, later),
        rows_of(&store, later)
    );
    // Not for a day before it was taken (a clock set back, SQA_TODAY).
    assert!(store.board_preview(day(2026, 11, 22)).unwrap().is_none());
}

#[test]
fn any_write_makes_the_cache_stale_until_it_is_taken_again() {
    let store = demo_store();
    let today = day(2026, 11, 23);
    store.refresh_board_cache(today).unwrap();
    let before = store.revision().unwrap();
    let ds = store.load_overview().unwrap();
    let mut act = ds.actions.iter().find(|a| a.is_open()).unwrap().clone();
    act.status = ActionStatus::Done;
    act.completed = Some(today);
    store.save(&act, &by("alice"), "completed").unwrap();
    assert_eq!(store.revision().unwrap(), before + 1);
    assert!(
        store.board_preview(today).unwrap().is_none(),
        "a save must make the cached facts unusable"
    );
    store.refresh_board_cache(today).unwrap();
    let p = store.board_preview(today).unwrap().expect("taken again");
    let rows = rows_from_facts(&p.scheme, &p.schools, &p.facts, today);
    assert_eq!(rows, rows_of(&store, today));
    let row = rows.iter().find(|r| r.urn == act.urn).unwrap();
    assert_eq!(
        row.open_actions,
        store
            .load_overview()
            .unwrap()
            .actions
            .iter()
            .filter(|a| a.urn == act.urn && a.is_open())
            .count()
    );
}

#[test]
fn facts_loaded_before_a_write_are_not_kept() {
    let store = demo_store();
    let today = day(2026, 11, 23);
    let revision = store.revision().unwrap();
    let data = store.load_overview().unwrap();
    store
        .save(&school(990_999), &by("alice"), "a school arrives")
        .unwrap();
    assert!(!store.put_board_cache(&data, revision, today).unwrap());
    assert!(store.board_preview(today).unwrap().is_none());
    let now = store.revision().unwrap();
    let data = store.load_overview().unwrap();
    assert!(store.put_board_cache(&data, now, today).unwrap());
    assert!(store.board_preview(today).unwrap().is_some());
}

#[test]
fn a_damaged_cache_is_ignored_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let today = day(2026, 11, 23);
    {
        let store = open_when_free(&path, &by("alice"));
        store
            .import_dataset(&sqa_board::demo::demo_dataset().unwrap(), &by("alice"))
            .unwrap();
        store.refresh_board_cache(today).unwrap();
        assert!(store.board_preview(today).unwrap().is_some());
    }
    for garbage in [&b""[..], &[0xA5, 0, 1, 0xFF, 0xFF][..], &[0xA5, 0, 99][..]] {
        {
            let db = crate::common::store::raw_sled_when_free(&path);
            let meta = db.open_tree("meta").unwrap();
            meta.insert("board_cache", garbage).unwrap();
            db.flush().unwrap();
        }
        let store = open_when_free(&path, &by("alice"));
        assert!(store.board_preview(today).unwrap().is_none(), "{garbage:?}");
        assert!(store.check().is_empty(), "the cache is not a record");
        // Taking it again repairs it.
        store.refresh_board_cache(today).unwrap();
        assert!(store.board_preview(today).unwrap().is_some());
    }
}

#[test]
fn the_app_from_facts_becomes_the_app_of_the_records_keeping_the_selection() {
    let store = demo_store();
    let today = day(2026, 11, 23);
    store.refresh_board_cache(today).unwrap();
    let p = store.board_preview(today).unwrap().unwrap();
    let mut data = Dataset::empty(p.scheme);
    data.schools = p.schools.into();
    let mut app = App::with_board_facts(
        data,
        &p.facts,
        sqa_board::session::Session::new("alice", sqa_board::clock::Clock::frozen_on(today)),
    );
    app.update(sqa_board::app::Action::Down);
    app.update(sqa_board::app::Action::Down);
    let selected = app.board.selected_urn();
    let preview_rows = app.board.rows.clone();
    let preview_order = app.board.visible.clone();
    app.set_data(store.load_overview().unwrap());
    assert_eq!(app.board.rows, preview_rows);
    assert_eq!(app.board.visible, preview_order);
    assert_eq!(app.board.selected_urn(), selected);
    assert!(!app.data.decisions.is_empty());
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
