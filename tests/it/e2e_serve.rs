//! The whole team on one store: `sqa serve` holds it, officers' terminals attach (`sqa attach`,
//! or plain `sqa` when a server answers), each session sees the others' saves, and neither a
//! client killed outright nor the server stopping loses what was typed.

use crate::common;
use common::pty::{HANG_GUARD, Pty, sqa_command};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `sqa` with the tests' environment, for commands run without a terminal.
fn sqa(store: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sqa"));
    cmd.args(args)
        .env("SQA_STORE", store)
        .env("SQA_CONFIG", store.with_file_name("config.toml"))
        .env("SQA_USER", "e2e")
        .env("SQA_TODAY", "23/11/2026")
        .env("SQA_NOW", "2026-11-23T10:00:00Z")
        .env_remove("SQA_SOCKET");
    cmd
}

struct Server {
    child: Child,
    socket: PathBuf,
}

impl Server {
    /// The demo county loaded into `store`, served; returns once the socket answers.
    fn start(store: &Path) -> Server {
        let loaded = sqa(store, &["demo", "--load-only"])
            .output()
            .expect("sqa demo");
        assert!(loaded.status.success(), "{loaded:?}");
        Server::start_loaded(store)
    }

    /// Serves `store` as it is; returns once the socket answers.
    fn start_loaded(store: &Path) -> Server {
        let child = sqa(store, &["serve"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sqa serve");
        let socket = PathBuf::from(format!("{}.sock", store.display()));
        let s = Server { child, socket };
        s.wait("the socket to answer", || {
            std::os::unix::net::UnixStream::connect(&s.socket).is_ok()
        });
        s
    }

    fn wait(&self, what: &str, cond: impl Fn() -> bool) {
        let start = Instant::now();
        while !cond() {
            assert!(start.elapsed() < HANG_GUARD, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGTERM, as systemd stops a service; returns the exit code.
    fn stop(mut self) -> Option<i32> {
        signal(self.child.id(), "TERM");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                assert!(!self.socket.exists(), "the socket was left behind");
                return status.code();
            }
            assert!(start.elapsed() < HANG_GUARD, "the server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The login name of the user running the tests: the officer a served session is.
fn own_login() -> String {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").expect("/proc/self").uid();
    sqa_board::session::name_of_uid(uid).expect("a login name")
}

fn signal(pid: u32, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill(1)");
    assert!(sent.success());
}

/// An officer's terminal on the server: `args` are `sqa`'s (`attach`, or none).
fn officer(store: &Path, args: &[&str]) -> Pty {
    let pty = Pty::spawn(sqa_command(store, args), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.wait_for("Hambleton Vale");
    pty
}

/// A new note for the first school, `text` typed into its free text.
fn start_note(pty: &mut Pty, text: &str) {
    pty.send("n");
    pty.wait_for("Note of visit");
    pty.tab_to_free_text();
    pty.type_keys(text);
    pty.wait_for(text);
}

#[test]
fn two_officers_on_one_server_see_each_others_saves() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let server = Server::start(&store);
    let mut a = officer(&store, &["attach"]);
    // Plain `sqa` finds the server (the store is the server's: opening it would be refused).
    let mut b = officer(&store, &[]);
    b.wait_for("? help");
    start_note(&mut a, "Saved on the server");
    a.send("\x13");
    a.wait_for("Note saved");
    // The other session hears of it at once, reloads and says who.
    b.wait_for("Updated:");
    b.send("q");
    assert_eq!(b.wait_exit(), 0);
    b.assert_restored();
    a.send("\x1b");
    a.wait_until("the board", |s| !s.contains("Note of visit"));
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
    a.assert_restored();
    // Commands that read work while the server holds the store, on the data it sends; the
    // files are written here, by the caller.
    let out = sqa(&store, &["changes"]).output().expect("sqa changes");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.contains("note")), "{text}");
    let csv = dir.path().join("board.csv");
    let out = sqa(&store, &["export", "--csv", csv.to_str().unwrap()])
        .output()
        .expect("sqa export");
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .contains("Sallow Cross")
    );
    let out = sqa(&store, &["check"]).output().expect("sqa check");
    assert!(out.status.success(), "{out:?}");
    // A JSON load (into an empty store only) is refused while the server holds the store.
    let json = dir.path().join("all.json");
    let out = sqa(&store, &["export", "--json", &json.display().to_string()])
        .output()
        .expect("sqa export");
    assert!(out.status.success(), "{out:?}");
    let out = sqa(&store, &["import", "--json", &json.display().to_string()])
        .output()
        .expect("sqa import --json");
    assert!(!out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("stop the server first"),
        "{out:?}"
    );
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn a_client_killed_outright_keeps_its_draft_and_the_server_serves_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let server = Server::start(&store);
    let mut a = officer(&store, &["attach"]);
    start_note(&mut a, "Typed before the kill");
    // kill -9: no chance to say goodbye; the server sees the socket close.
    signal(a.child.process_id().expect("pid"), "KILL");
    a.wait_exit();
    // The next officer's session is served, and the draft is offered back.
    let mut b = officer(&store, &["attach"]);
    b.wait_for("Unsaved draft note");
    b.send("n");
    b.wait_for("Restore the draft");
    b.send("r");
    b.wait_for("Draft restored");
    b.wait_for("Typed before the kill");
    b.send("\x03");
    b.wait_exit();
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn stopping_the_server_tells_each_session_and_keeps_its_draft() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let server = Server::start(&store);
    let mut a = officer(&store, &["attach"]);
    start_note(&mut a, "Typed before the stop");
    assert_eq!(server.stop(), Some(0));
    assert_eq!(a.wait_exit(), 0);
    a.assert_restored();
    let raw = String::from_utf8_lossy(&a.raw_output()).into_owned();
    assert!(
        raw.contains("The server is stopping"),
        "the session was not told"
    );
    // No server now: `sqa` opens the store itself, and the draft is there for the same
    // officer (the server knew them by their uid: drafts are their officer's own).
    let mut cmd = sqa_command(&store, &["demo"]);
    cmd.env("SQA_USER", own_login());
    let mut local = Pty::spawn(cmd, 80, 24);
    local.wait_for("Unsaved draft note");
    local.send("n");
    local.wait_for("Restore the draft");
    local.send("r");
    local.wait_for("Typed before the stop");
    local.send("\x03");
    local.wait_exit();
}

/// Writes the configuration every `sqa` of the test reads (`sqa_command`'s SQA_CONFIG).
fn configure(store: &Path, toml: &str) {
    std::fs::write(store.with_file_name("config.toml"), toml).expect("the config");
}

#[test]
fn a_read_only_officer_saves_nothing_and_a_stranger_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    configure(
        &store,
        &format!("[serve]\nread_only = [\"{}\"]\n", own_login()),
    );
    let server = Server::start(&store);
    let mut a = officer(&store, &["attach"]);
    // The keys reach the note form and Ctrl-S asks for a save: the server refuses it.
    start_note(&mut a, "Read-only words");
    a.send("\x13");
    a.wait_for("Not saved: as read-only");
    a.send("\x03");
    a.wait_exit();
    let out = sqa(&store, &["changes"]).output().expect("sqa changes");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.lines().any(|l| l.contains("note")), "{text}");
    assert_eq!(server.stop(), Some(0));
    // Nothing kept either: the store holds no draft.
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("a time");
    let st =
        common::store::open_when_free(&store, &sqa_board::store::Stamp::new("e2e", at.to_utc()));
    assert!(st.drafts().expect("drafts").is_empty());
    drop(st);

    // A team that does not list this login: refused, with a line that says why.
    configure(&store, "[serve]\nofficers = [\"someone-else\"]\n");
    let server = Server::start_loaded(&store);
    let mut b = Pty::spawn(sqa_command(&store, &["attach"]), 80, 24);
    assert_eq!(b.wait_exit(), 2);
    b.assert_restored();
    let raw = String::from_utf8_lossy(&b.raw_output()).into_owned();
    assert!(raw.contains("not in this server's team"), "{raw}");
    assert_eq!(server.stop(), Some(0));
}

/// The daily backup is the server's chore: taken while it serves, with no session quitting.
#[test]
fn the_server_takes_the_daily_backup_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let loaded = sqa(&store, &["demo", "--load-only"])
        .output()
        .expect("sqa demo");
    assert!(loaded.status.success(), "{loaded:?}");
    let backup = sqa_board::backup::backup_dir(&store).join("sqa-backup-2026-11-23.json");
    assert!(!backup.exists(), "no backup before the server runs");
    let server = Server::start_loaded(&store);
    server.wait("the server's daily backup", || {
        std::fs::read_to_string(&backup)
            .is_ok_and(|t| serde_json::from_str::<serde_json::Value>(&t).is_ok())
    });
    assert_eq!(server.stop(), Some(0));
}

/// `sqa import gias` while the server holds the store: read and checked on the caller's side,
/// applied by the server with the caller's login in the audit trail; a read-only caller is
/// refused before anything is written.
#[test]
fn an_import_goes_through_the_server_with_the_callers_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gias/edubasealldata20261101.csv"
    );
    let server = Server::start(&store);
    let out = sqa(&store, &["import", "gias", fixture, "--la", "999"])
        .output()
        .expect("sqa import");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("added") && said.contains("Saved"), "{said}");
    let changes = sqa(&store, &["changes"]).output().expect("sqa changes");
    let changes = String::from_utf8_lossy(&changes.stdout).into_owned();
    let login = own_login();
    assert!(
        changes
            .lines()
            .any(|l| l.contains("imported from") && l.contains(&login)),
        "{changes}"
    );
    let repair = sqa(&store, &["check", "--repair"])
        .output()
        .expect("sqa check --repair");
    assert!(repair.status.success(), "{repair:?}");
    assert!(String::from_utf8_lossy(&repair.stdout).contains("Nothing to repair"));
    assert_eq!(server.stop(), Some(0));

    // A read-only login: refused, nothing written.
    configure(&store, &format!("[serve]\nread_only = [\"{login}\"]\n"));
    let server = Server::start_loaded(&store);
    let before = sqa(&store, &["changes"])
        .output()
        .expect("sqa changes")
        .stdout;
    let out = sqa(&store, &["import", "gias", fixture, "--la", "999"])
        .output()
        .expect("sqa import");
    assert!(!out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("cannot import schools"), "{err}");
    let repair = sqa(&store, &["check", "--repair"])
        .output()
        .expect("sqa check --repair");
    assert!(!repair.status.success(), "{repair:?}");
    let after = sqa(&store, &["changes"])
        .output()
        .expect("sqa changes")
        .stdout;
    assert_eq!(before, after, "nothing was written");
    assert_eq!(server.stop(), Some(0));
}
