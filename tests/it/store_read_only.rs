//! `sqa check` and `sqa export` only read: they never create a store at a mistyped path, never
//! write to the store (so they work where it cannot be written: a read-only disk or folder, a
//! full disk), and are refused while a session has the store open.

use sqa_board::store::Store;
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sqa(store: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sqa"))
        .args(args)
        .env("SQA_STORE", store)
        .env("SQA_CONFIG", config)
        .env("SQA_USER", "ro-test")
        .env("SQA_TODAY", "23/11/2026")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every file under `dir`, with its bytes and mode: what a reader must leave as it was.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let meta = e.metadata().unwrap();
        if meta.is_dir() {
            out.extend(snapshot(&e.path()));
            out.insert(e.path(), (vec![], meta.permissions().mode()));
        } else {
            let bytes = std::fs::read(e.path()).unwrap();
            out.insert(e.path(), (bytes, meta.permissions().mode()));
        }
    }
    out
}

fn chmod_tree(dir: &Path, dir_mode: u32, file_mode: u32) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            chmod_tree(&e.path(), dir_mode, file_mode);
        } else {
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(file_mode)).unwrap();
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(dir_mode)).unwrap();
}

#[test]
fn a_mistyped_store_path_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let missing = dir.path().join("sotre");
    let json = dir.path().join("out.json");
    let json_arg = json.to_str().unwrap();
    for args in [&["check"][..], &["export", "--json", json_arg][..]] {
        let out = sqa(&missing, &config, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("no store at {}", missing.display())),
            "{args:?}: {stderr}"
        );
        assert!(!missing.exists(), "{args:?} created {}", missing.display());
    }
    assert!(!json.exists());
}

#[test]
fn check_and_export_leave_a_read_only_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let store = dir.path().join("demo-store");
    let out = sqa(&store, &config, &["demo", "--load-only"]);
    assert!(out.status.success(), "{}", text(&out));
    // Read-only as a user would make it. (Root ignores these modes; the snapshot below still
    // shows that nothing was written.)
    chmod_tree(&store, 0o500, 0o400);
    let before = snapshot(&store);
    let json = dir.path().join("rescued.json");
    let check = sqa(&store, &config, &["check"]);
    let export = sqa(
        &store,
        &config,
        &["export", "--json", json.to_str().unwrap()],
    );
    let after = snapshot(&store);
    chmod_tree(&store, 0o700, 0o600);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    assert!(
        String::from_utf8_lossy(&check.stdout)
            .contains(&format!("{}: every record decodes", store.display())),
        "{}",
        text(&check)
    );
    assert_eq!(export.status.code(), Some(0), "{}", text(&export));
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(!data["schools"].as_array().unwrap().is_empty());
    assert!(before == after, "check or export changed the store's files");
}

#[test]
fn check_works_on_a_read_only_mount() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("SKIPPED check_works_on_a_read_only_mount: a read-only bind mount needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let store = dir.path().join("demo-store");
    let out = sqa(&store, &config, &["demo", "--load-only"]);
    assert!(out.status.success(), "{}", text(&out));
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let bind = Command::new("mount")
        .arg("--bind")
        .arg(&store)
        .arg(&ro)
        .output();
    if !matches!(&bind, Ok(o) if o.status.success()) {
        eprintln!("SKIPPED check_works_on_a_read_only_mount: cannot bind-mount: {bind:?}");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(ro.clone());
    let remount = Command::new("mount")
        .args(["-o", "remount,ro,bind"])
        .arg(&ro)
        .output()
        .unwrap();
    assert!(remount.status.success(), "{remount:?}");
    // A save on that mount is refused, as a check: the mount really is read-only.
    assert!(std::fs::write(ro.join("probe"), "x").is_err());
    let check = sqa(&ro, &config, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let json = dir.path().join("rescued.json");
    let export = sqa(&ro, &config, &["export", "--json", json.to_str().unwrap()]);
    assert_eq!(export.status.code(), Some(0), "{}", text(&export));
}

#[test]
fn check_of_a_store_in_use_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let path = dir.path().join("store");
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    let _held = Store::open(&path, &sqa_board::store::Stamp::new("alice", at)).unwrap();
    let out = sqa(&path, &config, &["check"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is in use by alice"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_copy_left_by_a_killed_reader_is_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let store = dir.path().join("demo-store");
    let out = sqa(&store, &config, &["demo", "--load-only"]);
    assert!(out.status.success(), "{}", text(&out));
    // TMPDIR of its own, so the test sees only its own copies. A process that has ended: its
    // pid names an orphan (pids are not reused this quickly).
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let gone = Command::new("true").spawn().unwrap();
    let pid = gone.id();
    let mut gone = gone;
    gone.wait().unwrap();
    let orphan = tmp.join(format!("sqa-read-{pid}-0"));
    std::fs::create_dir_all(orphan.join("store")).unwrap();
    let unrelated = tmp.join("sqa-readme");
    std::fs::create_dir(&unrelated).unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_sqa"))
        .arg("check")
        .env("SQA_STORE", &store)
        .env("SQA_CONFIG", &config)
        .env("SQA_TODAY", "23/11/2026")
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    assert!(!orphan.exists());
    assert!(unrelated.exists());
    // And the reader removed its own copy.
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("sqa-readme")]);
}
