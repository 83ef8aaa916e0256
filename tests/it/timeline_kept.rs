//! The timeline's forms kept from an earlier session (a checkpoint review, a support plan, an
//! activity): put back when their form opens, removed once saved. Key scripts over the demo
//! county in a real store.

use crate::app_common::keys;
use crate::timeline_keys::{SALLOW, demo_app, run, select_on_board};
use sqa_board::app::Effect;
use sqa_board::app::kept::KeptForm;

#[test]
fn a_review_kept_from_an_earlier_session_is_put_back_and_removed_once_saved() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "<Enter>r<Tab>Half a thought");
    let kept = a
        .checkpoint_draft_on_exit(1_795_442_520_000)
        .expect("typed text is kept");
    assert_eq!(kept.commentary[0], "Half a thought");
    assert_eq!(kept.key(), format!("checkpoint/{SALLOW}/{}", a.user));

    let mut b = demo_app();
    assert!(b.checkpoint_draft_on_exit(0).is_none(), "no form open");
    b.set_checkpoint_drafts(vec![kept.clone()]);
    select_on_board(&mut b, SALLOW);
    keys(&mut b, "<Enter>r");
    let f = b.tl.checkpoint.as_ref().expect("form");
    assert_eq!(f.priorities[0].commentary, "Half a thought");
    assert!(
        b.status
            .as_deref()
            .unwrap_or("")
            .starts_with("Restored the unsaved checkpoint review")
    );
    let e = keys(&mut b, "<C-s>");
    run(&mut b, e);
    let later = b.idle(1_795_442_600_000);
    assert!(
        later.contains(&Effect::DeleteFormDraft(kept.key())),
        "{later:?}"
    );
}

#[test]
fn a_support_plan_kept_from_an_earlier_session_is_put_back_and_removed_once_saved() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "t]P");
    assert!(a.plan_draft_on_exit(0).is_none(), "nothing typed yet");
    keys(&mut a, "Improve attend");
    let kept = a
        .plan_draft_on_exit(1_795_442_520_000)
        .expect("typed text is kept");
    assert_eq!(kept.priorities[0].title, "Improve attend");
    assert_eq!(kept.key(), format!("plan/{SALLOW}/2027/{}", a.user));

    let mut b = demo_app();
    b.set_plan_drafts(vec![kept.clone()]);
    select_on_board(&mut b, SALLOW);
    // Another year's plan is not where it goes.
    keys(&mut b, "tP");
    assert!(
        b.status
            .as_deref()
            .is_none_or(|s| !s.starts_with("Restored"))
    );
    keys(&mut b, "<Esc>]P");
    let f = b.tl.plan.as_ref().expect("form");
    assert_eq!(f.priorities[0].title, "Improve attend");
    assert!(
        b.status
            .as_deref()
            .unwrap_or("")
            .starts_with("Restored the unsaved support plan")
    );
    keys(&mut b, "ance");
    let e = keys(&mut b, "<C-s>");
    run(&mut b, e);
    let later = b.idle(1_795_442_600_000);
    assert!(
        later.contains(&Effect::DeleteFormDraft(kept.key())),
        "{later:?}"
    );
}

#[test]
fn an_activity_form_kept_from_an_earlier_session_is_put_back_and_removed_once_saved() {
    let mut a = demo_app();
    select_on_board(&mut a, SALLOW);
    keys(&mut a, "ta");
    assert!(
        a.activity_draft_on_exit(0).is_none(),
        "nothing typed: nothing kept"
    );
    keys(&mut a, "<Right><Tab>Governors' meet");
    let kept = a
        .activity_draft_on_exit(1_795_442_520_000)
        .expect("typed text is kept");
    assert_eq!(kept.title, "Governors' meet");
    assert_eq!(kept.key(), format!("activity/{SALLOW}/new/{}", a.user));

    let mut b = demo_app();
    b.set_activity_drafts(vec![kept.clone()]);
    select_on_board(&mut b, SALLOW);
    keys(&mut b, "ta");
    let f = b.tl.activity.as_ref().expect("form");
    assert_eq!((f.title.as_str(), f.kind), ("Governors' meet", kept.kind));
    assert!(
        b.status
            .as_deref()
            .unwrap_or("")
            .starts_with("Restored the unsaved activity")
    );
    keys(&mut b, "ing");
    let e = keys(&mut b, "<C-s>");
    run(&mut b, e);
    let later = b.idle(1_795_442_600_000);
    assert!(
        later.contains(&Effect::DeleteFormDraft(kept.key())),
        "{later:?}"
    );
}
