//! A dropped SSH connection: the terminal's far side closes. sqa must notice, keep the store,
//! and exit, never spin on the dead terminal. (crossterm 0.29 on its own loops forever reading a
//! hung-up tty; the runtime guards against it.) How soon it exits is a figure of
//! `cargo bench --bench figures`.

use std::process::Command;

#[test]
fn closing_the_terminal_ends_sqa_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo-store");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/drop_connection.py"
    );
    let out = Command::new("python3")
        .args([script, env!("CARGO_BIN_EXE_sqa"), store.to_str().unwrap()])
        .output()
        .expect("python3 is on every machine this project builds on");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.starts_with("exit 0"), "{text}");
    // The store is intact and free.
    let check = Command::new(env!("CARGO_BIN_EXE_sqa"))
        .arg("check")
        .env("SQA_STORE", &store)
        .env("SQA_CONFIG", store.with_extension("toml"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
