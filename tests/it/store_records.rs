//! Saving and reading every record kind: CAS on rev, audit entries, key moves, range scans.

use crate::store_support as support;

use sqa_board::domain::*;
use sqa_board::store::{Record, Store, StoreError};
use support::*;

fn round_trip<R: Record + PartialEq + std::fmt::Debug>(store: &Store, rec: R) {
    let saved = store.save(&rec, &by("alice"), "created").unwrap();
    assert_eq!(saved.rev(), rec.rev() + 1);
    let got: R = store.get(&rec.id()).unwrap().unwrap();
    assert_eq!(got, saved);
}

#[test]
fn every_kind_round_trips() {
    let store = Store::open_temporary().unwrap();
    let d = day(2026, 11, 23);
    round_trip(&store, school(100234));
    round_trip(&store, decision(1, 100234, d));
    round_trip(&store, meeting(2, d));
    round_trip(&store, activity(3, 100234, d));
    round_trip(&store, plan(4, 100234, 2026));
    round_trip(&store, checkpoint(5, 100234, d));
    round_trip(&store, note(6, 100234, d));
    round_trip(&store, action(7, 100234, Some(d)));
    round_trip(&store, action(8, 100234, None));
    assert!(store.get::<Decision>(&99).unwrap().is_none());
    assert!(store.get::<School>(&1).unwrap().is_none());
    assert!(!store.is_empty().unwrap());
    assert!(store.check().is_empty());
    assert_eq!(store.audit().unwrap().len(), 9);
}

#[test]
fn save_writes_exactly_one_audit_entry() {
    let store = Store::open_temporary().unwrap();
    assert!(store.is_empty().unwrap());
    let d = store
        .save(
            &decision(17, 100234, day(2026, 11, 23)),
            &by("alice"),
            "decided High",
        )
        .unwrap();
    let audit = store.audit().unwrap();
    assert_eq!(audit.len(), 1);
    let e = &audit[0];
    assert_eq!(
        (e.seq, e.user.as_str(), e.kind.as_str(), e.key.as_str()),
        (1, "alice", "decision", "100234/2026-11-23/17")
    );
    assert_eq!(e.summary, "decided High");
    store.save(&d, &by("bob"), "updated rev 1 → 2").unwrap();
    let audit = store.audit().unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!((audit[1].seq, audit[1].user.as_str()), (2, "bob"));
    assert!(audit[0].at <= audit[1].at);
}

#[test]
fn stale_rev_is_a_conflict_and_keeps_the_stored_record() {
    let store = Store::open_temporary().unwrap();
    let first = store
        .save(&school(100234), &by("alice"), "created")
        .unwrap();
    let mut mine = first.clone();
    let mut theirs = first.clone();
    theirs.name = "Theirs".into();
    store.save(&theirs, &by("bob"), "renamed").unwrap();
    mine.name = "Mine".into();
    let err = store.save(&mine, &by("alice"), "renamed").unwrap_err();
    match &err {
        StoreError::Conflict {
            kind,
            key,
            expected,
            found,
        } => {
            assert_eq!(
                (kind.as_str(), key.as_str(), *expected, *found),
                ("school", "100234", 1, 2)
            );
        }
        e => panic!("expected Conflict, got {e:?}"),
    }
    assert!(err.to_string().contains("someone else"));
    let stored: School = store.get(&100234).unwrap().unwrap();
    assert_eq!((stored.name.as_str(), stored.rev), ("Theirs", 2));
    assert_eq!(store.audit().unwrap().len(), 2);
    // A new record claiming a rev also conflicts (absent counts as 0).
    let mut ghost = decision(5, 100234, day(2026, 1, 1));
    ghost.rev = 3;
    assert!(matches!(
        store.save(&ghost, &by("alice"), "x"),
        Err(StoreError::Conflict { found: 0, .. })
    ));
}

#[test]
fn date_edit_moves_the_record() {
    let store = Store::open_temporary().unwrap();
    let n = store
        .save(&note(1, 100234, day(2026, 11, 2)), &by("alice"), "created")
        .unwrap();
    store
        .save(&note(2, 100234, day(2026, 10, 1)), &by("alice"), "created")
        .unwrap();
    store
        .save(&note(3, 100999, day(2026, 9, 1)), &by("alice"), "created")
        .unwrap();
    let order = |s: &Store| {
        s.notes_for(100234)
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(order(&store), vec![2, 1]);
    let mut moved = n.clone();
    moved.body.date = Some(day(2026, 9, 15));
    let moved = store.save(&moved, &by("alice"), "date changed").unwrap();
    assert_eq!(order(&store), vec![1, 2]);
    assert_eq!(store.get::<Note>(&1).unwrap().unwrap(), moved);
    assert_eq!(store.audit().unwrap()[3].key, "100234/2026-09-15/1");
    assert!(store.check().is_empty());

    // Overview: an action's due-date edit moves it too, and it is listed once.
    let a = store
        .save(&action(7, 100234, None), &by("alice"), "created")
        .unwrap();
    let mut due = a.clone();
    due.due = Some(day(2026, 12, 1));
    store.save(&due, &by("alice"), "due set").unwrap();
    let ov = store.load_overview().unwrap();
    assert_eq!(ov.actions.len(), 1);
    assert_eq!(ov.actions[0].due, Some(day(2026, 12, 1)));
    assert!(ov.notes.is_empty() && ov.audit.is_empty());
}

#[test]
fn ids_scheme_and_change_signal() {
    let store = Store::open_temporary().unwrap();
    let a = store.next_id().unwrap();
    let b = store.next_id().unwrap();
    assert!(a >= 1 && b > a);
    assert_eq!(store.scheme().unwrap(), None);
    assert_eq!(store.load_overview().unwrap().scheme, Scheme::la_default());

    let rx = store.subscribe();
    let other = store.clone();
    let dropped = store.subscribe();
    drop(dropped);
    other.set_scheme(&Scheme::wales(), &by("alice")).unwrap();
    assert_eq!(store.scheme().unwrap(), Some(Scheme::wales()));
    assert!(rx.try_recv().is_ok());
    other.save(&school(1), &by("alice"), "created").unwrap();
    assert!(rx.try_recv().is_ok());
    assert!(rx.try_recv().is_err());
    let audit = store.audit().unwrap();
    assert_eq!(audit[0].kind, "scheme");
    assert_eq!(audit[0].summary, "scheme set to Wales support categories");
}

#[test]
fn audit_text_is_cleaned() {
    let store = Store::open_temporary().unwrap();
    store
        .save(&school(1), &by("ev\u{1b}[2Jil"), "made\u{202E}txt")
        .unwrap();
    let e = &store.audit().unwrap()[0];
    assert_eq!((e.user.as_str(), e.summary.as_str()), ("evil", "madetxt"));
}

#[test]
fn racing_saves_of_one_rev_let_exactly_one_win() {
    let store = Store::open_temporary().unwrap();
    let base = store
        .save(
            &activity(1, 100234, day(2026, 11, 2)),
            &by("alice"),
            "created",
        )
        .unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let (store, mut rec) = (store.clone(), base.clone());
            std::thread::spawn(move || {
                // Each moves the record to a different date, so a lost move would leave a
                // duplicate behind in the range scan.
                rec.planned = day(2026, 12, 1 + i);
                store.save(&rec, &by(&format!("user{i}")), "moved").is_ok()
            })
        })
        .collect();
    let wins = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(wins, 1);
    let ov = store.load_overview().unwrap();
    assert_eq!(ov.activities.len(), 1);
    assert_eq!(ov.activities[0].rev, 2);
    assert_eq!(store.audit().unwrap().len(), 2);
    assert!(store.check().is_empty());
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
