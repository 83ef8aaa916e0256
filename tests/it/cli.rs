//! The command line, run as a user would: exports, imports, checks and configuration errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    /// `sqa ARGS` on store `store` with a private config file.
    fn sqa(&self, store: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_sqa"))
            .args(args)
            .env("SQA_STORE", self.path(store))
            .env("SQA_CONFIG", self.path("config.toml"))
            .env("SQA_USER", "cli-test")
            .env("SQA_TODAY", "23/11/2026")
            .output()
            .unwrap()
    }
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn gias_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gias/edubasealldata20261101.csv")
}

#[test]
fn json_export_import_export_is_byte_identical() {
    let env = Env::new();
    ok(&env.sqa("demo-a", &["demo", "--load-only"]));
    let first = env.path("first.json");
    let second = env.path("second.json");
    ok(&env.sqa("demo-a", &["export", "--json", first.to_str().unwrap()]));
    ok(&env.sqa("b", &["import", "--json", first.to_str().unwrap()]));
    ok(&env.sqa("b", &["export", "--json", second.to_str().unwrap()]));
    let a = std::fs::read_to_string(&first).unwrap();
    let b = std::fs::read_to_string(&second).unwrap();
    // The import adds one audit entry saying so; everything before it is identical.
    let (da, db): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&a).unwrap(),
        serde_json::from_str(&b).unwrap(),
    );
    for key in [
        "scheme",
        "schools",
        "decisions",
        "meetings",
        "activities",
        "plans",
        "checkpoints",
        "notes",
        "actions",
        "escalations",
    ] {
        assert_eq!(da[key], db[key], "{key} differs after the round trip");
    }
    let audit_a = da["audit"].as_array().unwrap();
    let audit_b = db["audit"].as_array().unwrap();
    assert_eq!(&audit_b[..audit_a.len()], &audit_a[..]);
    assert_eq!(audit_b.len(), audit_a.len() + 1);
    // Importing into a store that has data is refused, and changes nothing.
    let out = env.sqa("b", &["import", "--json", first.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds schools"));
}

#[test]
fn gias_import_dry_run_then_real_then_again() {
    let env = Env::new();
    let file = gias_fixture();
    let f = file.to_str().unwrap();
    let dry = ok(&env.sqa("s", &["import", "gias", f, "--la", "999", "--dry-run"]));
    assert!(dry.contains("added 19"), "{dry}");
    assert!(dry.contains("Dry run"), "{dry}");
    assert!(
        dry.contains("line "),
        "skipped rows should name their line: {dry}"
    );
    let real = ok(&env.sqa("s", &["import", "gias", f, "--la", "999"]));
    assert!(real.contains("Saved 19 school(s)"), "{real}");
    let again = ok(&env.sqa("s", &["import", "gias", f, "--la", "999"]));
    assert!(again.contains("unchanged 19"), "{again}");
    assert!(again.contains("Saved 0 school(s)"), "{again}");
    ok(&env.sqa("s", &["check"]));
}

#[test]
fn gias_import_of_a_broken_file_writes_nothing() {
    let env = Env::new();
    let good = std::fs::read(gias_fixture()).unwrap();
    // Cut the header so a required column is missing: the whole import must be refused.
    let text = String::from_utf8_lossy(&good).replacen("EstablishmentName", "EstablishmentNom", 1);
    let bad = env.path("broken.csv");
    std::fs::write(&bad, text.as_bytes()).unwrap();
    let out = env.sqa(
        "s",
        &["import", "gias", bad.to_str().unwrap(), "--la", "999"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("EstablishmentName"), "{err}");
    assert!(err.contains("broken.csv"), "{err}");
    let json = env.path("after.json");
    ok(&env.sqa("s", &["export", "--json", json.to_str().unwrap()]));
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(data["schools"].as_array().unwrap().len(), 0);
}

#[test]
fn check_finds_a_planted_corrupt_record() {
    let env = Env::new();
    ok(&env.sqa("demo-c", &["demo", "--load-only"]));
    ok(&env.sqa("demo-c", &["check"]));
    {
        let db = crate::common::store::raw_sled_when_free(&env.path("demo-c"));
        let t = db.open_tree("school").unwrap();
        let (key, _) = t.iter().next().unwrap().unwrap();
        t.insert(key, &b"\xa5\x00\x02garbage"[..]).unwrap();
        db.flush().unwrap();
    }
    let out = env.sqa("demo-c", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("school"), "{text}");
    assert!(
        text.contains("990001"),
        "the corrupt record is not named: {text}"
    );
}

#[test]
fn a_bad_config_stops_with_file_and_line_and_touches_nothing() {
    let env = Env::new();
    std::fs::write(
        env.path("config.toml"),
        "[scheme]\npreset = \"la-default\"\n\nvisit_types = [\"Support visit\"]\nofficers = 12\n",
    )
    .unwrap();
    let out = env.sqa(
        "s",
        &["export", "--json", env.path("x.json").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml"), "{err}");
    assert!(err.contains("line"), "{err}");
    assert!(
        !env.path("s").exists(),
        "the store was created despite a bad config"
    );
}

#[test]
fn first_run_writes_a_commented_default_config() {
    let env = Env::new();
    ok(&env.sqa("demo-d", &["demo", "--load-only"]));
    let text = std::fs::read_to_string(env.path("config.toml")).unwrap();
    assert!(text.contains("preset"), "{text}");
    assert!(text.lines().any(|l| l.trim_start().starts_with('#')));
}

#[test]
fn board_csv_and_markdown_exports() {
    let env = Env::new();
    ok(&env.sqa("demo-e", &["demo", "--load-only"]));
    let csv = env.path("board.csv");
    ok(&env.sqa("demo-e", &["export", "--csv", csv.to_str().unwrap()]));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "no BOM for Excel");
    assert_eq!(text.lines().count(), 23, "header + 22 schools");
    assert!(text.contains("Sallow Cross Primary School"));
    let md = ok(&env.sqa("demo-e", &["export", "--school", "990014"]));
    assert!(md.contains("Sallow Cross"), "{md}");
    let missing = env.sqa("demo-e", &["export", "--school", "1"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no school with URN 1"));
}

#[test]
fn the_board_refuses_to_run_without_a_terminal() {
    let env = Env::new();
    ok(&env.sqa("demo-f", &["demo", "--load-only"]));
    let out = env.sqa("demo-f", &["demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

#[test]
fn changes_show_who_changed_what_for_a_school_and_for_all() {
    let env = Env::new();
    let f = gias_fixture();
    ok(&env.sqa("s", &["import", "gias", f.to_str().unwrap(), "--la", "999"]));
    let all = ok(&env.sqa("s", &["changes"]));
    let lines: Vec<&str> = all.lines().collect();
    // 19 schools and the scheme chosen before them, newest first.
    assert_eq!(lines.len(), 20, "{all}");
    assert!(lines[19].contains("scheme"), "{all}");
    let first = lines[0];
    assert!(
        first.contains("cli-test") && first.contains("imported from"),
        "{first}"
    );
    // The school of the newest entry: its key is its URN.
    let urn = first.split_whitespace().nth(4).unwrap();
    let one = ok(&env.sqa("s", &["changes", "--school", urn]));
    let lines: Vec<&str> = one.lines().collect();
    assert_eq!(lines.len(), 2, "the school and the scheme: {one}");
    assert!(
        lines[0].contains(urn) && lines[1].contains("scheme"),
        "{one}"
    );
    let none = env.sqa("s", &["changes", "--school", "1"]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no school with URN 1"));
}

/// A store written by the old meeting code (a school decided again at its meeting, the second
/// decision calling the first "previous"): `sqa check` names it, `sqa check --repair` mends the
/// links in one audited commit, and the store then checks clean.
#[test]
fn check_repair_mends_a_school_decided_twice_at_one_meeting() {
    let env = Env::new();
    ok(&env.sqa("a", &["demo", "--load-only"]));
    let file = env.path("demo.json");
    ok(&env.sqa("a", &["export", "--json", file.to_str().unwrap()]));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // The autumn meeting's decision for its first school, decided "again" by the old code.
    let meeting = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "Closed")
        .max_by_key(|m| m["date"].as_str().unwrap().to_string())
        .unwrap()
        .clone();
    // A school whose category changed at the meeting (so "previous" matters).
    let (slot, first) = meeting["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find_map(|(i, item)| {
            let d = v["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["id"] == item["decision"])?;
            (d["previous"] != d["category"]).then(|| (i, d.clone()))
        })
        .expect("a school whose category changed");
    let first_id = first["id"].as_u64().unwrap();
    let max_id = [
        "decisions",
        "meetings",
        "activities",
        "plans",
        "checkpoints",
        "notes",
        "actions",
        "escalations",
    ]
    .iter()
    .flat_map(|k| {
        v[*k]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_u64().unwrap())
    })
    .max()
    .unwrap();
    let mut second = first.clone();
    second["id"] = (max_id + 1).into();
    second["supersedes"] = first_id.into();
    second["previous"] = first["category"].clone();
    second["recorded_at"] = "2026-10-15T12:00:00Z".into();
    v["decisions"].as_array_mut().unwrap().push(second);
    for m in v["meetings"].as_array_mut().unwrap() {
        if m["id"] == meeting["id"] {
            m["agenda"][slot]["decision"] = (max_id + 1).into();
        }
    }
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    ok(&env.sqa("b", &["import", "--json", file.to_str().unwrap()]));

    let out = env.sqa("b", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("the category before the meeting"), "{text}");

    let repaired = ok(&env.sqa("b", &["check", "--repair"]));
    assert!(
        repaired.contains(&format!(
            "decision {}: repaired: previous category",
            max_id + 1
        )),
        "{repaired}"
    );
    assert!(
        repaired.contains("every record decodes and every reference resolves"),
        "{repaired}"
    );
    let changes = ok(&env.sqa("b", &["changes"]));
    assert!(changes.contains("repaired: previous category"), "{changes}");
    assert!(ok(&env.sqa("b", &["check", "--repair"])).contains("Nothing to repair."));
    // A mistyped path is refused, not created.
    let out = env.sqa("nowhere", &["check", "--repair"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!env.path("nowhere").exists());
}

/// An officer's correction of a detail GIAS also holds (the head's name) is kept by a later
/// import, which says what the extract has instead; the next import keeps it too, and a
/// detail GIAS alone holds still updates.
#[test]
fn gias_reimport_keeps_an_officers_correction_and_reports_it() {
    let env = Env::new();
    let file = gias_fixture();
    let f = file.to_str().unwrap();
    ok(&env.sqa("s", &["import", "gias", f, "--la", "999"]));
    // The officer corrects the head of the first school, as the details form saves it.
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    let by = sqa_board::store::Stamp::new("jmarsh", at);
    let store = sqa_board::store::Store::open(&env.path("s"), &by).unwrap();
    let mut school = store.load_overview().unwrap().schools[0].clone();
    let gias_head = school.headteacher.clone();
    let summary = format!("headteacher: {gias_head} → Dr A. Corrected");
    school.headteacher = "Dr A. Corrected".into();
    store.save_all(&[school.clone()], &by, &summary).unwrap();
    drop(store);

    let said = ok(&env.sqa("s", &["import", "gias", f, "--la", "999"]));
    assert!(
        said.contains(&format!(
            "kept 1 local edit(s) the extract differs on ({} headteacher: kept \"Dr A. Corrected\", GIAS has \"{gias_head}\")",
            school.urn
        )),
        "{said}"
    );
    let again = ok(&env.sqa("s", &["import", "gias", f, "--la", "999"]));
    let out = env.path("all.json");
    ok(&env.sqa("s", &["export", "--json", out.to_str().unwrap()]));
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let head = data["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["urn"] == school.urn)
        .map(|s| s["headteacher"].clone());
    assert_eq!(head, Some(serde_json::json!("Dr A. Corrected")), "{again}");
}
