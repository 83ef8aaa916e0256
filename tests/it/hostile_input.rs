//! Faults and hostile input at the command line, run as a user would: a reader that closes the
//! pipe early, terminal controls in the data, in file names and in the config, hostile JSON and
//! GIAS files, a demo store held by another session, and the permissions of what sqa writes.
//! Each fixture is made by the test; nothing large is committed.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn cmd(&self, store: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_sqa"));
        c.args(args)
            .env("SQA_STORE", self.path(store))
            .env("SQA_CONFIG", self.path("config.toml"))
            .env("SQA_USER", "hostile-test")
            .env("SQA_NOW", "2026-11-23T10:00:00Z");
        c
    }
    fn sqa(&self, store: &str, args: &[&str]) -> Output {
        self.cmd(store, args).output().expect("run sqa")
    }
    /// The demo data exported as JSON, parsed, for a test to spoil.
    fn demo_json(&self) -> serde_json::Value {
        ok(&self.sqa("demo-src", &["demo", "--load-only"]));
        let path = self.path("demo-src.json");
        ok(&self.sqa(
            "demo-src",
            &["export", "--json", path.to_str().expect("utf-8")],
        ));
        serde_json::from_str(&std::fs::read_to_string(path).expect("export")).expect("json")
    }
    fn write_json(&self, name: &str, v: &serde_json::Value) -> String {
        let path = self.path(name);
        std::fs::write(&path, serde_json::to_vec(v).expect("json")).expect("write");
        path.to_str().expect("utf-8").to_string()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Nothing a terminal would obey, nor a character it would draw at another width.
fn assert_clean(out: &Output) {
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let s = text(bytes);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2028}'] {
            assert!(!s.contains(bad), "{name} holds U+{:04X}: {s:?}", bad as u32);
        }
    }
}

// ---- 10. A reader that closes the pipe early ----------------------------------------------

/// `sqa ARGS | head -1`, and `sqa ARGS | true` (closed before the first byte): a quiet exit 0,
/// never the panic of println! on EPIPE (exit 101).
fn assert_quiet_on_closed_pipe(env: &Env, store: &str, args: &[&str]) {
    for read_first_line in [true, false] {
        let mut child = env
            .cmd(store, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn sqa");
        let stdout = child.stdout.take().expect("piped stdout");
        if read_first_line {
            let mut line = String::new();
            BufReader::new(stdout)
                .read_line(&mut line)
                .expect("read a line");
            assert!(!line.is_empty(), "sqa {args:?} printed nothing");
        } else {
            drop(stdout);
        }
        let out = child.wait_with_output().expect("wait for sqa");
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "sqa {args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "sqa {args:?}: {err}");
        assert!(err.is_empty(), "sqa {args:?} complained: {err}");
    }
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let env = Env::new();
    ok(&env.sqa("demo-p", &["demo", "--load-only"]));
    assert_quiet_on_closed_pipe(&env, "demo-p", &["changes"]);
    assert_quiet_on_closed_pipe(&env, "demo-p", &["check"]);
    assert_quiet_on_closed_pipe(&env, "demo-p", &["export", "--school", "990014"]);
    assert_quiet_on_closed_pipe(&env, "demo-p", &["--help"]);
    // The store was let go properly: it opens and checks clean.
    ok(&env.sqa("demo-p", &["check"]));
}

// ---- 9. Terminal controls in what sqa prints ----------------------------------------------

const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2028}";

#[test]
fn check_prints_hostile_category_and_scheme_names_clean() {
    let env = Env::new();
    let mut data = env.demo_json();
    data["scheme"]["name"] = format!("Scheme{EVIL}").into();
    data["decisions"][0]["category"] = format!("cat{EVIL}").into();
    let file = env.write_json("evil.json", &data);
    let imported = env.sqa("evil", &["import", "--json", &file]);
    ok(&imported);
    assert_clean(&imported);
    let out = env.sqa("evil", &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("is not in the scheme"),
        "{}",
        text(&out.stdout)
    );
    assert_clean(&out);
    let changes = env.sqa("evil", &["changes"]);
    ok(&changes);
    assert_clean(&changes);
}

#[test]
fn import_errors_print_hostile_values_and_file_names_clean() {
    let env = Env::new();
    let mut data = env.demo_json();
    // serde names an unknown variant as it is, inside backticks.
    data["schools"][0]["phase"] = format!("Primary{EVIL}").into();
    let file = env.write_json("bad-variant.json", &data);
    let out = env.sqa("s1", &["import", "--json", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("bad-variant.json"),
        "{}",
        text(&out.stderr)
    );
    assert_clean(&out);
    // A file name with controls in it, which does not exist.
    let name = env.path(&format!("missing{EVIL}.json"));
    let out = env.sqa("s2", &["import", "--json", name.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("could not read"),
        "{}",
        text(&out.stderr)
    );
    assert_clean(&out);
    // And on a command-line parse error, which clap words itself.
    let out = env.sqa("s3", &["export", "--school", &format!("12{EVIL}")]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean(&out);
}

#[test]
fn config_errors_print_hostile_keys_and_values_clean() {
    let env = Env::new();
    for config in [
        // An unknown key, which toml names as written.
        "\"\\u001b]0;pwned\\u0007\\u001b[2J\" = 1\n".to_string(),
        // A value where a table is expected.
        "[scheme]\npreset = \"\\u001b[2Jnone\\u0007\"\n".to_string(),
        "officers = [\"\", \"\\u001b[2J\"]\n[terms]\nspring_starts = \"\\u001b[2J\\u0007\"\n"
            .to_string(),
    ] {
        std::fs::write(env.path("config.toml"), &config).expect("write config");
        let out = env.sqa("s", &["check"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{config}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains("config.toml"),
            "{}",
            text(&out.stderr)
        );
        assert_clean(&out);
    }
}

// ---- 7. Permissions of what sqa writes ----------------------------------------------------

fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn exports_minutes_config_and_backups_are_private() {
    let env = Env::new();
    // A store outside the private default folder, in a world-readable one (as /srv would be).
    let srv = env.path("srv");
    std::fs::create_dir(&srv).expect("mkdir");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&srv, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let data = env.demo_json();
    let config_dir = env.path("conf/sqa-board");
    let sqa = |args: &[&str]| {
        let out = env
            .cmd("srv/demo-store", args)
            .env("SQA_CONFIG", config_dir.join("config.toml"))
            .output()
            .expect("run sqa");
        ok(&out)
    };
    sqa(&["demo", "--load-only"]);
    let meeting = data["meetings"][0]["id"].as_u64().expect("a demo meeting");
    let note = data["notes"][0]["id"].as_u64().expect("a demo note");
    let p = |n: &str| srv.join(n).to_str().expect("utf-8").to_string();
    sqa(&["export", "--json", &p("all.json")]);
    sqa(&["export", "--csv", &p("board.csv")]);
    sqa(&["export", "--school", "990014", "--out", &p("school.md")]);
    sqa(&[
        "export",
        "--note",
        &note.to_string(),
        "--out",
        &p("note.md"),
    ]);
    sqa(&["minutes", &meeting.to_string(), "--out", &p("minutes.md")]);
    for f in [
        "all.json",
        "board.csv",
        "school.md",
        "note.md",
        "minutes.md",
    ] {
        assert_eq!(mode(&srv.join(f)), 0o600, "{f}");
        assert!(
            !srv.join(format!("{f}.partial")).exists(),
            "{f}.partial left behind"
        );
    }
    // The folder sqa created for the default config, and the config itself.
    assert_eq!(mode(&config_dir), 0o700);
    assert_eq!(mode(&env.path("conf")), 0o700);
    assert_eq!(mode(&config_dir.join("config.toml")), 0o600);
    // A file the user made readable keeps its mode when written again.
    {
        use std::os::unix::fs::PermissionsExt;
        let shared = srv.join("board.csv");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    sqa(&["export", "--csv", &p("board.csv")]);
    assert_eq!(mode(&srv.join("board.csv")), 0o640);
    // The srv folder was the user's: left as it was.
    assert_eq!(mode(&srv), 0o755);
}

#[test]
fn daily_backups_are_private() {
    use sqa_board::store::{Stamp, Store};
    let env = Env::new();
    let dir = env.path("srv");
    std::fs::create_dir(&dir).expect("mkdir");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .expect("time")
        .to_utc();
    let store = Store::open(&dir.join("store"), &Stamp::new("t", at)).expect("open");
    let data = sqa_board::demo::demo_dataset().expect("demo data");
    store
        .import_dataset(&data, &Stamp::new("t", at))
        .expect("import");
    let today = at.date_naive();
    // A backup folder an older sqa left world-readable is made private.
    let backups = sqa_board::backup::backup_dir(store.path());
    std::fs::create_dir(&backups).expect("mkdir");
    let written = sqa_board::backup::daily(&store, today, 3)
        .expect("backup")
        .expect("a backup was written");
    assert_eq!(mode(&backups), 0o700);
    assert_eq!(mode(&written), 0o600);
    // Streamed, it is the same pretty JSON of the whole store, and nothing is left beside it.
    let text = std::fs::read_to_string(&written).expect("read the backup");
    let whole = serde_json::to_string_pretty(&store.export_dataset().expect("export"));
    assert_eq!(text, whole.expect("json"));
    let left: Vec<_> = std::fs::read_dir(&backups)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

// ---- 5. `demo --fresh` on a demo store another session has open ----------------------------

#[test]
fn demo_fresh_refuses_a_store_another_session_holds() {
    use sqa_board::store::{Stamp, Store};
    let env = Env::new();
    ok(&env.sqa("demo-held", &["demo", "--load-only"]));
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .expect("time")
        .to_utc();
    let held = Store::open(&env.path("demo-held"), &Stamp::new("holder", at)).expect("open");
    let schools = held.load_overview().expect("load").schools.len();
    assert!(schools > 0);
    let out = env.sqa("demo-held", &["demo", "--fresh", "--load-only"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("in use by holder"), "{err}");
    // The holder's data is all there, and still saves.
    assert_eq!(held.load_overview().expect("load").schools.len(), schools);
    let school = held.load_overview().expect("load").schools[0].clone();
    held.save(&school, &Stamp::new("holder", at), "still here")
        .expect("the holder can still save");
    drop(held);
    // Once free, --fresh clears and reloads: the holder's save is gone, the demo is back.
    ok(&env.sqa("demo-held", &["demo", "--fresh", "--load-only"]));
    let store = Store::open(&env.path("demo-held"), &Stamp::new("t", at)).expect("open");
    assert_eq!(store.load_overview().expect("load").schools.len(), schools);
    assert!(
        !store
            .audit()
            .expect("audit")
            .iter()
            .any(|e| e.summary == "still here"),
        "--fresh kept the old audit trail"
    );
}

// ---- 6. Hostile JSON, GIAS and config files ------------------------------------------------

/// `import --json` of `data` is refused with exit 1, naming the file and each of `words`, and
/// nothing is written: the store is not even created.
fn assert_refused(env: &Env, name: &str, data: &serde_json::Value, words: &[&str]) {
    let file = env.write_json(name, data);
    let store = format!("store-{name}");
    let out = env.sqa(&store, &["import", "--json", &file]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(name), "{name}: the file is not named: {err}");
    for w in words {
        assert!(err.contains(w), "{name}: {w:?} is not said: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!env.path(&store).exists(), "{name}: the store was created");
}

#[test]
fn import_refuses_dangling_references() {
    let env = Env::new();
    let mut data = env.demo_json();
    let id = data["notes"][0]["id"].clone();
    data["notes"][0]["urn"] = 424242.into();
    assert_refused(
        &env,
        "dangling.json",
        &data,
        &[&format!("note {id}"), "school 424242"],
    );
}

#[test]
fn import_refuses_duplicate_ids_within_and_across_kinds() {
    let env = Env::new();
    let clean = env.demo_json();
    let mut across = clean.clone();
    let decision = across["decisions"][0]["id"].clone();
    across["notes"][0]["id"] = decision.clone();
    assert_refused(
        &env,
        "across.json",
        &across,
        &[
            &format!("note {decision} (notes[0]), field id"),
            "shared by every kind",
        ],
    );
    let mut within = clean.clone();
    within["meetings"][1]["id"] = within["meetings"][0]["id"].clone();
    assert_refused(
        &env,
        "within.json",
        &within,
        &["(meetings[1]), field id", "meetings[0]"],
    );
    let mut schools = clean;
    schools["schools"][1]["urn"] = schools["schools"][0]["urn"].clone();
    assert_refused(&env, "urns.json", &schools, &["(schools[1]), field urn"]);
}

#[test]
fn import_refuses_ids_revisions_and_audit_numbers_that_would_wrap() {
    let env = Env::new();
    let clean = env.demo_json();
    let max = serde_json::Value::from(u64::MAX);
    let mut seq = clean.clone();
    seq["audit"][0]["seq"] = max.clone();
    assert_refused(
        &env,
        "seq.json",
        &seq,
        &["(audit[0]), field seq", "out of range"],
    );
    let mut id = clean.clone();
    let actions = id["actions"].as_array().map_or(0, Vec::len);
    assert!(actions > 0, "the demo has actions");
    id["actions"][actions - 1]["id"] = max.clone();
    assert_refused(
        &env,
        "id.json",
        &id,
        &[
            &format!("(actions[{}]), field id", actions - 1),
            "out of range",
        ],
    );
    let mut rev = clean.clone();
    rev["schools"][0]["rev"] = max;
    assert_refused(&env, "rev.json", &rev, &["(schools[0]), field rev"]);
    // Just inside the bound is taken.
    let mut edge = clean;
    edge["audit"][0]["seq"] = (1u64 << 53).into();
    let file = env.write_json("edge.json", &edge);
    ok(&env.sqa("edge", &["import", "--json", &file]));
    ok(&env.sqa("edge", &["check"]));
}

#[test]
fn import_refuses_oversized_text_names_and_files() {
    let env = Env::new();
    let clean = env.demo_json();
    let mut note = clean.clone();
    let id = note["notes"][0]["id"].clone();
    note["notes"][0]["body"]["text"] = "x".repeat((1 << 20) + 1).into();
    assert_refused(
        &env,
        "big-note.json",
        &note,
        &[
            &format!("note {id} (notes[0]), field body.text"),
            "1024 KiB",
        ],
    );
    let mut name = clean;
    name["schools"][2]["name"] = "N".repeat(501).into();
    assert_refused(
        &env,
        "long-name.json",
        &name,
        &["(schools[2]), field name", "501 characters"],
    );
    // A file over the size limit is refused before it is read: a sparse file, so the test
    // writes almost nothing to disk.
    let huge = env.path("huge.json");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(sqa_board::import::json::MAX_JSON_BYTES + 1)
        .expect("set_len");
    let out = env.sqa(
        "store-huge",
        &["import", "--json", huge.to_str().expect("utf-8")],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let limit = format!(
        "huge.json is larger than {} MiB",
        sqa_board::import::json::MAX_JSON_BYTES >> 20
    );
    assert!(err.contains(&limit), "{err}");
    assert!(!env.path("store-huge").exists());
}

#[test]
fn gias_rows_and_files_over_the_limits_are_refused() {
    let env = Env::new();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gias/edubasealldata20261101.csv"
    );
    let good = std::fs::read(fixture).expect("fixture");
    let text_in = String::from_utf8_lossy(&good).to_string();
    // Lengthen the name of the first school in the extract (LA 999, line 2) to 600 characters.
    let first = "Abbey Fields Primary School";
    assert!(text_in.lines().nth(1).is_some_and(|l| l.contains(first)));
    let long = text_in.replacen(first, &"L".repeat(600), 1);
    let bad = env.path("long-names.csv");
    std::fs::write(&bad, long).expect("write");
    let out = env.sqa(
        "g",
        &[
            "import",
            "gias",
            bad.to_str().expect("utf-8"),
            "--la",
            "999",
            "--dry-run",
        ],
    );
    let said = ok(&out);
    assert!(
        said.contains("line 2: the school's name is 600 characters long"),
        "{said}"
    );
    let huge = env.path("huge.csv");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(sqa_board::import::gias::MAX_GIAS_BYTES + 1)
        .expect("set_len");
    let out = env.sqa(
        "g2",
        &[
            "import",
            "gias",
            huge.to_str().expect("utf-8"),
            "--la",
            "999",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("huge.csv is larger than 256 MiB"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_config_over_the_size_limit_is_refused_before_it_is_read() {
    let env = Env::new();
    let f = std::fs::File::create(env.path("config.toml")).expect("create");
    f.set_len(sqa_board::config::MAX_CONFIG_BYTES + 1)
        .expect("set_len");
    let out = env.sqa("s", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("config.toml") && err.contains("larger than 1024 KiB"),
        "{err}"
    );
    assert!(!env.path("s").exists());
}

#[test]
fn demo_and_synthetic_data_pass_the_import_checks() {
    let demo = sqa_board::demo::demo_dataset().expect("demo");
    sqa_board::import::json::check("demo", &demo).expect("the demo passes");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let large = sqa_board::synth::authority(sqa_board::synth::Size::large(), today, 11);
    sqa_board::import::json::check("large", &large).expect("the large authority passes");
}
