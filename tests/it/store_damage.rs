//! `sqa check` on damaged stores: byte flips anywhere in a well-used store's `db` file, and
//! each check ends, in bounded memory, with a message (all well, or what is damaged where).
//! Before, some flips made it loop for ever over an audit or index tree that kept yielding
//! errors, its memory growing by tens of MB a second.

use crate::store_support as support;

use sqa_board::store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::*;

const CHILD_ENV: &str = "SQA_DAMAGE_CHILD";
/// Corruptions tried, each from its own seed: the same ones on every run.
const CASES: u64 = 60;
/// A hang guard only: a check of this store takes well under a second.
const HANG_GUARD: Duration = Duration::from_secs(60);
/// The address space `sqa check` may use (`ulimit -v`, KiB): far above what it needs (sled's
/// cache and a few threads), far below what a check that never ends would reach.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;

/// xorshift64*: deterministic offsets for a seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Runs in the child process of `byte_flips_never_make_check_loop`: uses a store as a session
/// does (an import the first time, then saves moving records to new keys, new records, a
/// growing audit trail and its index) and exits, so the parent can copy it closed. Run twice:
/// the second open leaves a snapshot, so most of the data is then read through page pointers,
/// as in a store used for months.
#[test]
fn child_uses_a_store() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(Path::new(&path), &by("alice")).unwrap();
    if store.is_empty().unwrap() {
        let mut size = sqa_board::synth::Size::large();
        size.schools = 12;
        size.years = 2;
        let ds = sqa_board::synth::authority(size, day(2026, 11, 23), 7);
        store.import_dataset(&ds, &by("alice")).unwrap();
    }
    let ds = store.export_dataset().unwrap();
    for (i, d) in ds.decisions.iter().take(100).enumerate() {
        let mut d = d.clone();
        // A new date moves the record to a new key (and its index entry with it).
        d.date = day(
            2025 + (d.rev % 2) as i32,
            1 + (i % 12) as u32,
            1 + (i % 28) as u32,
        );
        let d = store.save(&d, &by("bob"), "moved").unwrap();
        store.save(&d, &by("carol"), "again").unwrap();
    }
    for urn in ds.schools.iter().map(|s| s.urn) {
        let mut a = action(store.next_id().unwrap(), urn, Some(day(2026, 12, 1)));
        a.source = sqa_board::domain::ActionSource::Other;
        store.save(&a, &by("dan"), "created").unwrap();
    }
    assert!(store.check().is_empty());
}

#[test]
fn byte_flips_never_make_check_loop() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    for _ in 0..2 {
        let used = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "store_damage::child_uses_a_store", "--nocapture"])
            .env(CHILD_ENV, &base)
            .output()
            .unwrap();
        assert!(used.status.success(), "{used:?}");
    }
    let config = dir.path().join("config.toml");
    let mut problems = 0;
    for seed in 1..=CASES {
        let case = dir.path().join(format!("case-{seed}"));
        copy_dir(&base, &case);
        let db = case.join("db");
        let mut bytes = std::fs::read(&db).unwrap();
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        // From one flipped byte to a small run of them, anywhere in the file.
        for _ in 0..1 + rng.next() % 8 {
            let at = (rng.next() % bytes.len() as u64) as usize;
            bytes[at] ^= 1 << (rng.next() % 8);
        }
        std::fs::write(&db, &bytes).unwrap();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" check"))
            .arg(env!("CARGO_BIN_EXE_sqa"))
            .env("SQA_STORE", &case)
            .env("SQA_CONFIG", &config)
            .env("SQA_USER", "check-test")
            .env("SQA_TODAY", "23/11/2026")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > HANG_GUARD {
                let _ = child.kill();
                panic!("seed {seed}: sqa check did not end");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        match out.status.code() {
            Some(0) => assert!(
                stdout.contains("every record decodes"),
                "seed {seed}: {stdout}"
            ),
            Some(1) => {
                problems += 1;
                // Either a list of problems naming the tree (and a key) of each, or why the
                // store does not open at all.
                assert!(
                    stdout.contains("problem(s) in") || stderr.contains("sqa: "),
                    "seed {seed}: no message\nstdout: {stdout}\nstderr: {stderr}"
                );
                for line in stdout.lines().filter(|l| l.starts_with("record ")) {
                    assert!(line.contains(" in "), "seed {seed}: {line}");
                }
                assert!(
                    stdout.lines().count() <= 1002,
                    "seed {seed}: problems not capped"
                );
            }
            other => panic!(
                "seed {seed}: sqa check ended with {other:?} (a crash, or out of memory)\nstdout: {stdout}\nstderr: {stderr}"
            ),
        }
        std::fs::remove_dir_all(&case).unwrap();
    }
    // Most flips land in data sled checks: a test where none were found would prove little.
    assert!(problems > 0, "no corruption was detected in {CASES} cases");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Who and when for a test's commits: a fixed time, never the wall clock.
fn by(user: &str) -> sqa_board::store::Stamp {
    let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
    sqa_board::store::Stamp::new(user, at)
}

/// Waits for sled to let go of a store dropped in this process (its lock is freed once its
/// background threads have seen the handle dropped), then runs `f` on a raw sled handle.
fn with_raw_sled(path: &Path, f: impl FnOnce(&sled::Db)) {
    let db = crate::common::store::raw_sled_when_free(path);
    f(&db);
    db.flush().unwrap();
}

#[test]
fn check_lists_at_most_a_thousand_problems_and_says_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path, &by("alice")).unwrap();
        let mut ds = sqa_board::domain::Dataset::empty(sqa_board::domain::Scheme::la_default());
        ds.schools = (0..1100).map(|i| school(200_000 + i)).collect();
        store.import_dataset(&ds, &by("alice")).unwrap();
    }
    with_raw_sled(&path, |db| {
        let t = db.open_tree("school").unwrap();
        for kv in t.iter() {
            let (k, _) = kv.unwrap();
            t.insert(k, &b"\xa5\x00\x02garbage"[..]).unwrap();
        }
    });
    let store = loop {
        match Store::open(&path, &by("alice")) {
            Ok(s) => break s,
            Err(sqa_board::store::StoreError::Locked { .. }) => std::thread::yield_now(),
            Err(e) => panic!("{e}"),
        }
    };
    let problems = store.check();
    assert_eq!(problems.len(), sqa_board::store::MAX_PROBLEMS + 1);
    let last = problems.last().unwrap().to_string();
    assert!(
        last.contains("and 100 more problem(s) not listed"),
        "{last}"
    );
}
