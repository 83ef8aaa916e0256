//! Whole-dataset import and export.

use crate::store_support as support;

use sqa_board::domain::*;
use sqa_board::store::{Store, StoreError};
use support::*;

#[test]
fn import_then_export_is_equal() {
    let store = Store::open_temporary().unwrap();
    let rx = store.subscribe();
    let ds = small_dataset();
    store.import_dataset(&ds, &by("alice")).unwrap();
    assert!(rx.try_recv().is_ok());
    let out = store.export_dataset().unwrap();
    let mut expect = ds.clone();
    let own = out.audit.last().unwrap().clone();
    assert_eq!(
        (own.seq, own.user.as_str(), own.summary.as_str()),
        (2, "alice", "imported 13 records")
    );
    expect.audit.push(own);
    assert_eq!(out, expect);
    assert_eq!(store.export_dataset().unwrap(), out, "deterministic");
    assert!(store.check().is_empty());

    // Ids, revs and counters carry on from the import.
    assert!(store.next_id().unwrap() > 11);
    let s = store.get::<School>(&100001).unwrap().unwrap();
    assert_eq!(s.rev, 3);
    store.save(&s, &by("bob"), "edited").unwrap();
    assert_eq!(store.audit().unwrap().last().unwrap().seq, 3);
    assert_eq!(store.notes_for(100001).unwrap(), ds.notes);
    let ov = store.load_overview().unwrap();
    assert_eq!(ov.scheme, Scheme::trust_sustain());
    assert_eq!(ov.activities.len(), 2);
    assert_eq!(ov.activities[0].id, 5, "overview is in key (date) order");
}

#[test]
fn import_needs_an_empty_store() {
    let store = Store::open_temporary().unwrap();
    store.save(&school(1), &by("alice"), "created").unwrap();
    assert!(matches!(
        store.import_dataset(&small_dataset(), &by("alice")),
        Err(StoreError::NotEmpty { .. })
    ));
}

#[test]
fn import_after_a_scheme_choice_keeps_that_entry_first() {
    let store = Store::open_temporary().unwrap();
    store.set_scheme(&Scheme::wales(), &by("alice")).unwrap();
    store
        .import_dataset(&small_dataset(), &by("alice"))
        .unwrap();
    let audit = store.audit().unwrap();
    let seqs: Vec<u64> = audit.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3]);
    assert_eq!(audit[1].user, "bob");
    assert_eq!(store.scheme().unwrap(), Some(Scheme::trust_sustain()));
}

#[test]
fn bad_import_writes_nothing() {
    let store = Store::open_temporary().unwrap();
    let mut ds = small_dataset();
    ds.actions.push(action(9, 100002, None));
    let err = store.import_dataset(&ds, &by("alice")).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(store.is_empty().unwrap());
    assert!(store.audit().unwrap().is_empty());
    assert_eq!(store.scheme().unwrap(), None);
}

/// A large authority: 600 schools, 30k activities, 9k decisions, 3k checkpoints.
fn large_dataset() -> Dataset {
    let mut ds = Dataset::empty(Scheme::la_default());
    let mut id = 0;
    let mut next = || {
        id += 1;
        id
    };
    let start = day(2024, 9, 1);
    for s in 0..600u32 {
        let urn = 100000 + s;
        ds.schools.push(school(urn));
        for i in 0..50 {
            let d = start + chrono::Duration::days(i * 7);
            ds.activities.push(activity(next(), urn, d));
        }
        for i in 0..15 {
            let d = start + chrono::Duration::days(i * 40);
            ds.decisions.push(decision(next(), urn, d));
        }
        for i in 0..5 {
            let d = start + chrono::Duration::days(i * 60);
            ds.checkpoints.push(checkpoint(next(), urn, d));
            ds.actions.push(action(next(), urn, Some(d)));
            ds.notes.push(note(next(), urn, d));
        }
    }
    ds
}

/// How long the overview takes to load is a figure of `cargo bench --bench figures`.
#[test]
fn large_import_and_overview() {
    let ds = large_dataset();
    let store = Store::open_temporary().unwrap();
    store.import_dataset(&ds, &by("alice")).unwrap();
    let ov = store.load_overview().unwrap();
    assert_eq!(ov.activities.len(), 30_000);
    assert_eq!(ov.decisions.len(), 9_000);
    assert_eq!(ov.checkpoints.len(), 3_000);
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
