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
