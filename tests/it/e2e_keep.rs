//! End to end: kill -9 after steady typing in a note loses at most the last 5 s (issue 13,
//! item 2). The real binary in a pseudo-terminal, its clock fixed at the start and running on.

use crate::common;
use common::pty::{Pty, sqa_command};
use common::store::open_when_free;
use sqa_board::store::Stamp;
use std::time::{Duration, Instant};

/// What the draft keeping promises: nothing typed longer ago than this is lost.
const BOUND: Duration = Duration::from_secs(5);

#[test]
fn kill_9_after_eight_seconds_of_typing_loses_at_most_the_last_five() {
    let dir = tempfile::Builder::new()
        .prefix("sqa-keep")
        .tempdir()
        .expect("a temporary folder");
    let store = dir.path().join("demo-store");
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Mon 23 Nov 2026");
    pty.send("n");
    pty.wait_for("Note of visit");
    pty.tab_to_free_text();
    pty.wait_for("›Notes");
    // Words typed at a typist's pace for 8 s, each seen on screen (so the app has it) before
    // the next: when each was seen is when the app had it at the latest.
    let start = Instant::now();
    let mut seen: Vec<(String, Instant)> = Vec::new();
    let mut i = 0;
    while start.elapsed() < Duration::from_secs(8) {
        i += 1;
        let word = format!("w{i:03}");
        pty.type_keys(&format!("{word} "));
        pty.wait_for(&word);
        seen.push((word, Instant::now()));
    }
    // The draft's "kept" time is on the form by now (8 s of typing keeps it at least once).
    assert!(pty.screen().contains("· kept "), "{}", pty.screen());
    let killed = Instant::now();
    let pid = pty.child.process_id().expect("pid");
    let sent = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill(1)");
    assert!(sent.success(), "kill -KILL {pid}");
    pty.wait_exit();

    // The next session offers the draft back.
    let mut pty = Pty::spawn(sqa_command(&store, &["demo"]), 80, 24);
    pty.wait_for("Unsaved draft note");
    pty.send("q");
    pty.wait_exit();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("a time");
    let st = open_when_free(&store, &Stamp::new("e2e", at.to_utc()));
    let drafts = st.drafts().expect("drafts read");
    let [draft] = drafts.as_slice() else {
        panic!("one draft expected: {drafts:?}")
    };
    let kept: Vec<&str> = draft.body.text.split_whitespace().collect();
    let typed: Vec<&str> = seen.iter().map(|(w, _)| w.as_str()).collect();
    // A keep may fall inside a word (the keys of one word arrive one by one): the last word
    // kept may be the start of the word typed there.
    let whole = kept.len().saturating_sub(1);
    let in_order = typed.starts_with(&kept[..whole])
        && kept
            .last()
            .is_none_or(|last| typed.get(whole).is_some_and(|w| w.starts_with(last)));
    assert!(in_order, "kept {kept:?} of {typed:?}");
    let complete = match kept.last() {
        Some(last) if typed.get(whole) == Some(last) => kept.len(),
        _ => whole,
    };
    let must = seen
        .iter()
        .filter(|(_, at)| killed.duration_since(*at) >= BOUND)
        .count();
    assert!(
        must > 0,
        "typing did not last long enough to test the bound"
    );
    eprintln!(
        "typed {} words, kept {}, {must} required",
        typed.len(),
        kept.len()
    );
    assert!(
        complete >= must,
        "kept {complete} whole words; {must} were on screen 5 s or more before the kill"
    );
}
