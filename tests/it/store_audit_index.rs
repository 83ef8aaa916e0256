//! A school's changes come from the audit trail by a range scan, newest first, with the entries
//! about every school; stores written before the index get it on open.

use crate::common;
use common::store::open_when_free;

use crate::store_support as support;

use sqa_board::domain::*;
use sqa_board::store::Store;
use support::*;

fn summaries(store: &Store, urn: Urn) -> Vec<String> {
    store
        .audit_for(urn)
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.kind, e.summary))
        .collect()
}

fn fill(store: &Store) {
    let d = day(2026, 11, 23);
    store
        .save(&school(100001), &by("alice"), "created")
        .unwrap();
    store
        .save(&school(100002), &by("alice"), "created")
        .unwrap();
    store
        .save(&decision(1, 100001, d), &by("bob"), "decided HIGH")
        .unwrap();
    store
        .save(&meeting(2, d), &by("bob"), "meeting started")
        .unwrap();
    store
        .save(&action(3, 100002, Some(d)), &by("carol"), "agreed")
        .unwrap();
    store
        .set_scheme(&Scheme::la_default(), &by("alice"))
        .unwrap();
    store
        .save(&note(4, 100001, d), &by("carol"), "written")
        .unwrap();
}

#[test]
fn a_schools_changes_newest_first_with_those_about_every_school() {
    let store = Store::open_temporary().unwrap();
    fill(&store);
    assert_eq!(
        summaries(&store, 100001),
        [
            "note written",
            "scheme scheme set to Local authority default",
            "decision decided HIGH",
            "school created"
        ]
    );
    assert_eq!(
        summaries(&store, 100002),
        [
            "scheme scheme set to Local authority default",
            "action agreed",
            "school created"
        ]
    );
    let e = &store.audit_for(100001).unwrap()[2];
    assert_eq!(
        (e.user.as_str(), e.key.as_str()),
        ("bob", "100001/2026-11-23/1")
    );
}

#[test]
fn a_store_from_before_the_index_gets_it_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = open_when_free(&path, &by("alice"));
        fill(&store);
    }
    let before = {
        let store = open_when_free(&path, &by("alice"));
        summaries(&store, 100001)
    };
    // Make it look like a store written by the previous version: no index, no marker.
    {
        let db = crate::common::store::raw_sled_when_free(&path);
        db.drop_tree("audit.by_school").unwrap();
        db.open_tree("meta")
            .unwrap()
            .remove("audit_by_school")
            .unwrap();
        db.flush().unwrap();
    }
    let store = open_when_free(&path, &by("alice"));
    assert_eq!(summaries(&store, 100001), before);
    assert!(store.check().is_empty());
}

#[test]
fn an_imported_trail_is_indexed_too() {
    let old = Store::open_temporary().unwrap();
    fill(&old);
    let ds = old.export_dataset().unwrap();
    let new = Store::open_temporary().unwrap();
    new.import_dataset(&ds, &by("dave")).unwrap();
    let got = summaries(&new, 100001);
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got[0].starts_with("dataset imported"), "{got:?}");
    assert_eq!(got[1..], summaries(&old, 100001)[..]);
}

#[test]
fn check_names_a_dangling_or_missing_index_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = open_when_free(&path, &by("alice"));
        fill(&store);
        assert!(store.check().is_empty());
    }
    {
        let db = crate::common::store::raw_sled_when_free(&path);
        let index = db.open_tree("audit.by_school").unwrap();
        // Entry 99 does not exist; and school 100002's first entry (seq 2) is unlisted.
        let mut dangling = 100001u32.to_be_bytes().to_vec();
        dangling.extend_from_slice(&99u64.to_be_bytes());
        index.insert(dangling, &[][..]).unwrap();
        let mut listed = 100002u32.to_be_bytes().to_vec();
        listed.extend_from_slice(&2u64.to_be_bytes());
        assert!(index.remove(listed).unwrap().is_some());
        db.flush().unwrap();
    }
    let store = open_when_free(&path, &by("alice"));
    let problems: Vec<String> = store.check().iter().map(|e| e.to_string()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("100001/99") && p.contains("missing audit entry")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("100002/2") && p.contains("missing from the index")),
        "{problems:?}"
    );
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
