//! The bulk paths streamed (issue 19): an import refused late leaves the store exactly as it
//! was, a reference to a record later in the file is resolved, the import holds one batch at a
//! time, and the export streamed record by record is the export as one value.

use sqa_board::domain::Dataset;
use sqa_board::import::json::read_file;
use sqa_board::import::json_stream::Stopped;
use sqa_board::store::{Stamp, Store};

fn stamp() -> Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    Stamp::new("bulk", at)
}

/// A small generated authority: more records than one batch of every kind, quick to build.
fn authority() -> Dataset {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    sqa_board::synth::authority(sqa_board::synth::Size::schools(40), today, 7)
}

/// The store's whole export, as bytes.
fn exported(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store.write_export(&mut out, None).expect("export");
    out
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::fs::File {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    std::fs::File::open(&path).expect("open")
}

/// Imports `file` into `store` through the streamed writer, as `sqa import --json` does;
/// returns the refusal's text and how many records had been written when it came.
fn refused_import(store: &Store, name: &str, file: &mut std::fs::File) -> (String, usize) {
    let mut writer = store.begin_import().expect("begin");
    match read_file(name, file, &mut writer) {
        Ok(_) => panic!("{name} was imported"),
        Err(Stopped::Sink(e)) => panic!("{name}: the store failed: {e}"),
        Err(Stopped::Refused(r)) => {
            let written = writer.records();
            writer.abandon().expect("undo");
            (r.to_string(), written)
        }
    }
}

#[test]
fn an_import_refused_late_leaves_the_store_exactly_as_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("store"), &stamp()).expect("open");
    // Something before the import: a scheme chosen (an audit entry, the counters moved).
    store
        .set_scheme(&sqa_board::domain::Scheme::la_default(), &stamp())
        .expect("scheme");
    let before = exported(&store);
    let revision = store.revision().expect("revision");
    let data = authority();
    let clean = serde_json::to_value(&data).expect("json");
    let records = data.schools.len() + data.decisions.len() + data.notes.len();
    // A dangling reference in the last action; an oversized text in the last note;
    // the file cut short near its end. Each is found after most records were written.
    let mut dangling = clean.clone();
    let last = data.actions.len() - 1;
    dangling["actions"][last]["urn"] = 424242.into();
    let mut long = clean.clone();
    let last_note = data.notes.len() - 1;
    long["notes"][last_note]["body"]["text"] = "x".repeat((1 << 20) + 1).into();
    let whole = serde_json::to_string_pretty(&clean).expect("json");
    let cut = whole[..whole.len() - 40].to_string();
    let cases = [
        (
            "dangling.json",
            serde_json::to_string_pretty(&dangling).expect("json"),
            format!(
                "action {}: school 424242 does not exist",
                data.actions[last].id
            ),
        ),
        (
            "long.json",
            serde_json::to_string_pretty(&long).expect("json"),
            format!("(notes[{last_note}]), field body.text"),
        ),
        ("cut.json", cut, "EOF while parsing".to_string()),
    ];
    for (name, text, says) in cases {
        let mut file = write(dir.path(), name, &text);
        let (err, written) = refused_import(&store, name, &mut file);
        assert!(err.contains(name) && err.contains(&says), "{name}: {err}");
        assert!(
            written > records / 2,
            "{name}: refused after {written} records only"
        );
        assert_eq!(exported(&store), before, "{name}: the store changed");
        assert_eq!(store.revision().expect("revision"), revision, "{name}");
        assert!(store.check().is_empty(), "{name}: {:?}", store.check());
    }
    // And the whole file imports after them.
    let mut file = write(dir.path(), "whole.json", &whole);
    let mut writer = store.begin_import().expect("begin");
    read_file("whole.json", &mut file, &mut writer).expect("imports");
    writer.finish(&stamp()).expect("finish");
    let back = store.export_dataset().expect("export");
    assert_eq!(back.schools, data.schools);
    assert_eq!(back.notes, data.notes);
    assert_eq!(back.audit.len(), 1 + data.audit.len() + 1);
    assert!(store.check().is_empty());
}

/// The export's fields in the reverse of their usual order: every reference points forward.
fn reversed(data: &Dataset) -> String {
    let v = serde_json::to_value(data).expect("json");
    let fields = [
        "audit",
        "escalations",
        "actions",
        "notes",
        "checkpoints",
        "plans",
        "activities",
        "meetings",
        "decisions",
        "schools",
        "scheme",
        "format",
    ];
    let parts: Vec<String> = fields
        .iter()
        .map(|f| format!("{:?}: {}", f, v[*f]))
        .collect();
    format!("{{{}}}", parts.join(",\n"))
}

#[test]
fn references_to_records_later_in_the_file_are_resolved_or_refused() {
    let data = sqa_board::demo::demo_dataset().expect("demo");
    let text = reversed(&data);
    let back = sqa_board::import::json::parse_export("reversed.json", text.as_bytes())
        .expect("a file in any order imports");
    assert_eq!(back, data);
    // A reference to a note that is not there, anywhere in the file.
    let mut bad = data.clone();
    let at = bad
        .activities
        .iter()
        .position(|a| a.note.is_some())
        .expect("the demo has an activity with a note");
    bad.activities[at].note = Some(987_654);
    let id = bad.activities[at].id;
    let err = sqa_board::import::json::parse_export("forward.json", reversed(&bad).as_bytes())
        .expect_err("refused");
    let err = err.to_string();
    assert!(
        err.contains("forward.json")
            && err.contains(&format!("activity {id}: note 987654 does not exist")),
        "{err}"
    );
}

#[test]
fn an_import_holds_one_batch_at_a_time_whatever_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("store"), &stamp()).expect("open");
    let data = authority();
    let text = serde_json::to_string(&data).expect("json");
    let mut file = write(dir.path(), "all.json", &text);
    let mut writer = store.begin_import().expect("begin");
    let summary = read_file("all.json", &mut file, &mut writer).expect("imports");
    let (peak, records) = (writer.peak_held(), writer.records());
    writer.finish(&stamp()).expect("finish");
    // Every record, its index entry and every audit entry passed through the writer; at most
    // one batch of 1,000 of each tree (20 trees) was ever held.
    let entries = 2 * records + 2 * summary.audit;
    assert!(peak <= 20 * 1_000, "{peak} entries held at once");
    assert!(
        entries > 3 * peak,
        "{entries} entries written, {peak} held: too few to tell"
    );
    assert_eq!(store.export_dataset().expect("export").notes, data.notes);
}

#[test]
fn the_streamed_export_is_the_export_as_one_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("store"), &stamp()).expect("open");
    store
        .import_dataset(&authority(), &stamp())
        .expect("import");
    let whole = serde_json::to_string_pretty(&store.export_dataset().expect("export"));
    let streamed = String::from_utf8(exported(&store)).expect("utf-8");
    assert!(
        streamed == whole.expect("json"),
        "the streamed export differs"
    );
    // Stopped before it starts, it writes nothing under the backup's name.
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    assert!(sqa_board::backup::daily_unless(&store, day, 3, Some(&cancel)).is_err());
    let left: Vec<_> = std::fs::read_dir(sqa_board::backup::backup_dir(store.path()))
        .expect("the backup folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `sqa check` reads the store once, a record at a time (`Store::check_into`), and resolves
/// references from the few words it kept of each: it finds what the whole-dataset checks find.
#[test]
fn check_in_one_pass_finds_what_the_whole_dataset_check_finds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("store"), &stamp()).expect("open");
    let data = authority();
    store.import_dataset(&data, &stamp()).expect("import");
    let one_pass = |store: &Store| {
        let mut refs = sqa_board::domain::integrity::Check::default();
        assert!(store.check_into(&mut refs).is_empty());
        refs.finish(&data.scheme)
    };
    assert_eq!(one_pass(&store), Vec::<String>::new());
    // Saves take no view of references: an activity naming a note that is not there, an
    // action from a school that is not there, a decision at a meeting that is not there.
    let mut activity = data.activities[0].clone();
    activity.note = Some(987_654);
    store.save(&activity, &stamp(), "test").expect("save");
    let mut action = data.actions[0].clone();
    action.urn = 424_242;
    store.save(&action, &stamp(), "test").expect("save");
    let mut decision = data.decisions[0].clone();
    decision.meeting = Some(876_543);
    store.save(&decision, &stamp(), "test").expect("save");
    let mut whole = data.clone();
    whole.activities[0].note = activity.note;
    whole.actions[0].urn = action.urn;
    whole.decisions[0].meeting = decision.meeting;
    let mut expected = sqa_board::domain::integrity::problems(&whole);
    let mut found = one_pass(&store);
    for p in [
        format!("activity {}: note 987654 does not exist", activity.id),
        format!("action {}: school 424242 does not exist", action.id),
        format!("decision {}: meeting 876543 does not exist", decision.id),
    ] {
        assert!(found.contains(&p), "{p} not in {found:?}");
    }
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
}
