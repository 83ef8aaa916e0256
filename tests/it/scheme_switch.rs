//! Switching to another priority scheme: past decisions keep the categories they were made
//! with, and the configuration says what each now counts as (`[scheme] map`), so the board
//! never shows an unknown category and "raised / lowered" still means something. Without a
//! map for a category in use, the switch is refused, naming it, and nothing changes.

use sqa_board::domain::{Change, Scheme};
use std::path::Path;
use std::process::{Command, Output};

fn sqa(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sqa"))
        .args(args)
        .env("SQA_STORE", dir.join("demo-store"))
        .env("SQA_CONFIG", dir.join("config.toml"))
        .env("SQA_USER", "cli-test")
        .env("SQA_TODAY", "23/11/2026")
        .env_remove("SQA_SOCKET")
        .output()
        .expect("sqa runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn an_earlier_schemes_category_reads_as_the_one_it_is_mapped_to() {
    let mut wales = Scheme::wales();
    let first = wales.categories[0].key.clone();
    let second = wales.categories[1].key.clone();
    wales.map = vec![
        ("high".into(), first.clone()),
        ("low".into(), second.clone()),
    ];
    assert_eq!(
        wales.get("high").map(|c| c.key.as_str()),
        Some(first.as_str())
    );
    assert_eq!(wales.rank("high"), 0);
    // A school decided "high" under the old scheme, now the first category: unchanged.
    assert_eq!(wales.change(Some("high"), &first), Change::Same);
    assert_eq!(wales.change(Some("low"), &first), Change::Raised);
    assert!(wales.get("nonsense").is_none());
}

#[test]
fn a_switch_without_a_map_is_refused_and_with_one_it_is_made() {
    let dir = tempfile::tempdir().expect("a folder");
    let loaded = sqa(dir.path(), &["demo", "--load-only"]);
    assert!(loaded.status.success(), "{loaded:?}");
    // The demo's decisions are in the local-authority default (high, medium, low, universal).
    std::fs::write(
        dir.path().join("config.toml"),
        "[scheme]\npreset = \"wales\"\n",
    )
    .unwrap();
    let refused = sqa(dir.path(), &[]);
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(err.contains("has no category for 'high'"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    let csv = dir.path().join("board.csv");
    let out = sqa(dir.path(), &["export", "--csv", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::read_to_string(&csv).unwrap().contains("High"),
        "the old scheme stays"
    );

    // A map naming a category the scheme does not have is a configuration error, by line.
    std::fs::write(
        dir.path().join("config.toml"),
        "[scheme]\npreset = \"wales\"\nmap = { high = \"purple\" }\n",
    )
    .unwrap();
    let bad = sqa(dir.path(), &[]);
    let err = stderr(&bad);
    assert!(
        err.contains("scheme.map.high") && err.contains("line 3"),
        "{err}"
    );

    let w = Scheme::wales();
    let k = |i: usize| w.categories[i.min(w.categories.len() - 1)].key.clone();
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "[scheme]\npreset = \"wales\"\nmap = {{ high = \"{}\", medium = \"{}\", low = \"{}\", universal = \"{}\" }}\n",
            k(0),
            k(1),
            k(2),
            k(3)
        ),
    )
    .unwrap();
    // The board needs a terminal, but the scheme is applied before it is asked for.
    let made = sqa(dir.path(), &[]);
    assert!(
        stderr(&made).contains("needs a terminal"),
        "{}",
        stderr(&made)
    );
    let out = sqa(dir.path(), &["export", "--csv", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(&w.categories[0].name), "{text}");
    assert!(
        !text.contains(",High,"),
        "an old category still shown: {text}"
    );
}
