//! An amendment of a recorded checkpoint review is kept while it is typed, as a new review is
//! (issue 13 item 2): a crash loses at most the last few seconds of it, it comes back when the
//! officer amends the same review again, beside (not over) a new review of the same school kept
//! at the same time, and if someone else amended the review meanwhile, saving it meets the
//! conflict choices instead of saving over their change.

use crate::app_common;
use crate::forms_keep::type_steadily;

use app_common::{Live, keys, today};
use sqa_board::app::kept::KeptForm;
use sqa_board::app::timeline::checkpoint::CheckpointDraft;
use sqa_board::app::{App, Screen};
use sqa_board::domain::{CheckpointReview, Dataset};
use sqa_board::keymap::Context;
use sqa_board::store::Store;

const HAMBLETON: u32 = 990019;

fn demo(user: &str) -> Live {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let data: Dataset =
        serde_json::from_str(&std::fs::read_to_string(path).expect("demo.json")).expect("parses");
    Live::new(&data, user, today())
}

fn latest(app: &App) -> CheckpointReview {
    sqa_board::domain::schedule::reviews_newest_first(&app.data.checkpoints, HAMBLETON)
        .first()
        .copied()
        .cloned()
        .expect("Hambleton Vale has a recorded review")
}

/// From the board: the school's newest recorded review, `e` to amend it, to its judgement.
/// Returns what the status line said as the form opened.
fn amend(app: &mut Live) -> Option<String> {
    keys(
        app,
        "/hambleton vale<Enter><Enter><Tab><Tab><Tab><Tab><Tab><Enter>",
    );
    assert_eq!(app.screen(), Screen::ReviewView);
    keys(app, "e");
    assert_eq!(app.screen(), Screen::CheckpointForm);
    let said = app.status.clone();
    let n = app.tl.checkpoint.as_ref().expect("form").priorities.len();
    keys(app, &format!("{}<End>", "<Tab>".repeat(2 * n + 1)));
    said
}

fn judgement(app: &App) -> String {
    app.tl
        .checkpoint
        .as_ref()
        .map(|f| f.judgement.clone())
        .unwrap_or_default()
}

fn kept(store: &Store, which: (u32, Option<u64>), user: &str) -> Option<CheckpointDraft> {
    let key = CheckpointDraft::key_of(which, user);
    store
        .form_drafts_migrating(
            CheckpointDraft::PREFIX,
            CheckpointDraft::SCHEMA,
            CheckpointDraft::migrate,
        )
        .expect("kept forms read")
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, d)| d)
}

#[test]
fn an_amendment_is_kept_while_typed_and_comes_back_after_a_crash() {
    let mut a = demo("tester");
    let review = latest(&a);
    let which = (HAMBLETON, Some(review.id));
    amend(&mut a);
    let before = judgement(&a);
    // Nothing changed yet: nothing to keep.
    assert_eq!(a.checkpoint_draft_on_exit(0), None);
    let words = " Governors confirmed the new phonics scheme at their meeting.";
    // Until a first keep, the store holds the review as recorded.
    type_steadily(&mut a, words, 150, judgement, |s| {
        Some(kept(s, which, "tester").map_or(before.clone(), |d| d.judgement))
    });
    let d = kept(&a.store, which, "tester").expect("kept");
    assert_eq!(d.judgement, format!("{before}{words}"));
    assert_eq!(d.amends, Some((review.id, review.rev)));

    // kill -9: nothing written at exit. The next session has it back when the review is
    // amended again, not in a new review of the school.
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    keys(&mut b, "/hambleton vale<Enter><Enter>r");
    assert_eq!(b.screen(), Screen::CheckpointForm);
    assert!(b.tl.checkpoint.as_ref().expect("form").original.is_none());
    assert_eq!(judgement(&b), "", "a new review starts empty");
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    let said = amend(&mut b).unwrap_or_default();
    assert!(said.contains("Restored"), "{said}");
    assert_eq!(judgement(&b), format!("{before}{words}"));
    // Saved: it lands as the amendment, and the kept copy goes.
    let effects = keys(&mut b, "<C-s>");
    let saved = b.run(effects);
    assert_eq!(saved.len(), 1, "{saved:?}");
    let effects = b.idle(crate::notes_keep::start_ms() + 100_000);
    b.run(effects);
    assert_eq!(latest(&b).judgement, format!("{before}{words}"));
    assert!(kept(&b.store, which, "tester").is_none());
}

#[test]
fn a_kept_amendment_of_a_review_changed_since_meets_the_conflict_choices() {
    let mut a = demo("tester");
    let review = latest(&a);
    let which = (HAMBLETON, Some(review.id));
    amend(&mut a);
    let before = judgement(&a);
    type_steadily(&mut a, " Mine.", 150, judgement, |s| {
        Some(kept(s, which, "tester").map_or(before.clone(), |d| d.judgement))
    });
    // Meanwhile another officer amends the same review and saves.
    let mut other = Live::join(&a.store, "other", today());
    amend(&mut other);
    keys(&mut other, " Theirs.");
    let effects = keys(&mut other, "<C-s>");
    assert_eq!(other.run(effects).len(), 1);

    // The first officer's next session (after a crash) puts theirs back, and saving it does
    // not silently replace the other officer's amendment.
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    amend(&mut b);
    assert!(judgement(&b).ends_with(" Mine."), "{}", judgement(&b));
    let effects = keys(&mut b, "<C-s>");
    b.run(effects);
    assert_eq!(b.context(), Context::Conflict);
    assert!(latest(&b).judgement.ends_with(" Theirs."));
    assert!(
        judgement(&b).ends_with(" Mine."),
        "the form keeps every word"
    );
}
