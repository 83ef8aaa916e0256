//! The JSON backup round trip is exact on a large authority: generate → store → JSON → new store
//! → JSON gives the same text, apart from the one audit entry each restore adds about itself.
//! The suite runs it on a fifth of the large authority (120 schools, the same five years of
//! records each): the full 600 took half the suite's time and finds nothing the smaller one
//! does not; `cargo test --test roundtrip_large -- --ignored` runs the full size.

use chrono::NaiveDate;
use sqa_board::domain::Dataset;
use sqa_board::store::Store;
use sqa_board::synth;

#[test]
fn json_round_trip_is_exact() {
    round_trip(synth::Size {
        schools: 120,
        ..synth::Size::large()
    });
}

#[test]
#[ignore = "the full 600-school authority: run with --ignored"]
fn large_authority_json_round_trip_is_exact() {
    round_trip(synth::Size::large());
}

fn round_trip(size: synth::Size) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let generated = synth::authority(size, today, 11);
    let a = Store::open_temporary().unwrap();
    a.import_dataset(&generated, &by("test")).unwrap();
    let first = a.export_dataset().unwrap();
    let mut without_audit = first.clone();
    without_audit.audit.clear();
    assert_eq!(without_audit, generated, "the store changed the data");

    let json1 = serde_json::to_string_pretty(&first).unwrap();
    let parsed: Dataset = serde_json::from_str(&json1).unwrap();
    let b = Store::open_temporary().unwrap();
    b.import_dataset(&parsed, &by("test")).unwrap();
    let mut second = b.export_dataset().unwrap();
    assert_eq!(second.audit.len(), first.audit.len() + 1);
    let restore_entry = second.audit.pop().unwrap();
    assert!(
        restore_entry.summary.contains("import"),
        "{restore_entry:?}"
    );
    let json2 = serde_json::to_string_pretty(&second).unwrap();
    assert!(json1 == json2, "JSON differs after the round trip");
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
#[allow(dead_code)]
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}
