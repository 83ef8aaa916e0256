//! The runtime's effects against a real store.

use chrono::NaiveDate;
use sqa_board::app::{App, Effect, Record, SaveRequest};
use sqa_board::demo::demo_dataset;
use sqa_board::effects::run_effects;
use sqa_board::store::Store;

#[test]
fn minutes_are_not_written_when_the_save_before_them_fails() {
    let store = Store::open_temporary().unwrap();
    let data = demo_dataset().unwrap();
    store.import_dataset(&data, &by("t")).unwrap();
    let mut school = data.schools[0].clone();
    school.rev += 5; // stale: someone else's revision, so the save is refused
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut app = App::new(
        store.load_overview().unwrap(),
        sqa_board::session::Session::new("t", sqa_board::clock::Clock::frozen_on(today)),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.md");
    let effects = vec![
        Effect::Save(SaveRequest {
            records: vec![(Record::School(school), "closed".into())],
            done_message: "Saved".into(),
        }),
        Effect::WriteFile {
            path: path.display().to_string(),
            contents: "# Minutes".into(),
        },
    ];
    run_effects(&store, &mut app, effects);
    assert!(!path.exists(), "minutes written although the save failed");
    assert!(app.status.as_deref().unwrap_or("").contains("not written"));

    // And when the save lands, the file is written.
    let effects = vec![Effect::WriteFile {
        path: path.display().to_string(),
        contents: "# Minutes".into(),
    }];
    run_effects(&store, &mut app, effects);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Minutes");
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}

/// What one user action saves is one commit: when a later record of the request fails (here a
/// stale revision, as when someone else saved it meanwhile), the records before it are not
/// written either: no record, no audit entry, no change notice.
#[test]
fn a_request_that_fails_part_way_writes_nothing() {
    let store = Store::open_temporary().unwrap();
    let data = demo_dataset().unwrap();
    store.import_dataset(&data, &by("t")).unwrap();
    let audit_before = store.audit().unwrap().len();
    let revision_before = store.revision().unwrap();
    let mut first = data.schools[0].clone();
    first.name = "Renamed first".into();
    let mut stale = data.schools[1].clone();
    stale.rev += 5;
    let notices = store.subscribe();
    let req = SaveRequest {
        records: vec![
            (Record::School(first.clone()), "renamed".into()),
            (Record::School(stale), "renamed".into()),
        ],
        done_message: "Saved".into(),
    };
    let failed = sqa_board::effects::save(&store, &by("t"), req).unwrap_err();
    assert!(
        matches!(&failed, sqa_board::app::SaveFailure::Conflict { id, .. } if *id == u64::from(data.schools[1].urn)),
        "{failed:?}"
    );
    let stored: sqa_board::domain::School = store.get(&first.urn).unwrap().unwrap();
    assert_eq!(stored, data.schools[0], "the first record was written");
    assert_eq!(store.audit().unwrap().len(), audit_before);
    assert_eq!(store.revision().unwrap(), revision_before);
    assert!(notices.try_recv().is_err(), "a change notice for nothing");

    // The same request with a good second record lands whole, in one notice naming both.
    let mut second = data.schools[1].clone();
    second.name = "Renamed second".into();
    let req = SaveRequest {
        records: vec![
            (Record::School(first), "renamed".into()),
            (Record::School(second), "renamed".into()),
        ],
        done_message: "Saved".into(),
    };
    let (saved, _) = sqa_board::effects::save(&store, &by("t"), req).unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(store.audit().unwrap().len(), audit_before + 2);
    let change = notices.try_recv().unwrap();
    assert_eq!(change.user, "t");
    assert_eq!(change.records.len(), 2);
    assert!(
        change
            .records
            .iter()
            .all(|(kind, _, rev)| *kind == "school" && *rev == 2)
    );
    assert!(notices.try_recv().is_err(), "one commit, one notice");
}
