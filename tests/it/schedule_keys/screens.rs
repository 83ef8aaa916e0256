//! What the schedule's dialogs and screens show (snapshots at 80x24), a raise re-planning a
//! review without a second one, and the new keys in the help and hints.

use super::*;

/// The screen as text (no colour), for the dialogs' snapshots.
fn text(app: &App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("term");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    // The caret marked where the terminal's cursor is (the app draws none of its own).
    crate::app_common::text_with_caret(t.backend())
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the new boxes show at 80x24: the action to complete (whole text and source), the action
/// in full, the reason being typed for a cancelled review, a recorded review read-only.
#[test]
fn dialogs_show_what_they_are_about() {
    let mut a = demo_app();
    a.set_no_color(true);
    k(&mut a, "A");
    let first = a.tracker_list()[0].clone();
    k(&mut a, "c");
    let confirm = text(&a, 80, 24);
    assert!(confirm.contains("Complete this action?"), "{confirm}");
    assert!(confirm.contains("Source"), "{confirm}");
    let words: Vec<&str> = first.text.split_whitespace().take(3).collect();
    assert!(confirm.contains(&words.join(" ")), "{confirm}");
    k(&mut a, "<Esc><Enter>");
    let view = text(&a, 80, 24);
    assert!(view.contains("Esc close · c complete"), "{view}");
    k(&mut a, "<Esc><Esc>/sallow<Enter>t");
    let at = a
        .timeline_list()
        .iter()
        .position(|x| {
            x.kind == ActivityKind::CheckpointReview && x.status == ActivityStatus::Planned
        })
        .expect("planned review");
    a.tl.timeline.as_mut().expect("timeline").selected = at;
    k(&mut a, "xHead ill");
    let reason = text(&a, 80, 24);
    assert!(reason.contains("Why is it cancelled?"), "{reason}");
    assert!(reason.contains("> Head ill▏"), "{reason}");
    assert!(
        reason.contains("Enter cancel the review · Esc keep it planned"),
        "{reason}"
    );
    k(
        &mut a,
        "<Esc><Esc><Esc>/hambleton vale<Enter><Enter><Tab><Tab><Tab><Tab><Tab><Enter>",
    );
    assert_eq!(a.screen(), Screen::ReviewView);
    let review = text(&a, 80, 24);
    insta::assert_snapshot!("review_read_only_80x24", review);
    insta::assert_snapshot!("tracker_complete_confirm_80x24", confirm);
}

const LITTLE_FENBY: u32 = 990002;

/// Raising Little Fenby (Medium, a review planned 13/01/2027) to High at a meeting on 23/11:
/// High wants a review by 04/01, so the 13/01 review is moved there: one planned review, not
/// a second "first checkpoint review" beside it; the board and due list show it.
#[test]
fn raising_a_school_re_plans_its_review_without_a_second_one() {
    let mut a = demo_app();
    let planned = |a: &App| -> Vec<(u64, NaiveDate)> {
        a.data
            .activities
            .iter()
            .filter(|x| x.urn == LITTLE_FENBY && x.kind == ActivityKind::CheckpointReview)
            .filter(|x| x.status == ActivityStatus::Planned)
            .map(|x| (x.id, x.planned))
            .collect()
    };
    let before = planned(&a);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].1, d(2027, 1, 13));
    k(&mut a, "MNPriya Shah<Tab><Enter><Enter>");
    for _ in 0..30 {
        if a.current_item().map(|i| i.urn) == Some(LITTLE_FENBY) {
            break;
        }
        k(&mut a, "n");
    }
    assert_eq!(a.current_item().map(|i| i.urn), Some(LITTLE_FENBY));
    let saved = k(&mut a, "1Attainment fell sharply; raised.<Enter>");
    assert!(
        saved
            .iter()
            .any(|r| matches!(r, Record::Decision(x) if x.category == "high")),
        "{saved:?}"
    );
    assert_eq!(
        planned(&a),
        vec![(before[0].0, d(2027, 1, 4))],
        "moved, not doubled"
    );
    let r = row(&a, LITTLE_FENBY);
    assert_eq!(
        (r.next_checkpoint, r.checkpoint_planned),
        (Some(d(2027, 1, 4)), true)
    );
}

/// Every new key is in the `?` help of its screen, and in its hint line.
#[test]
fn new_keys_are_in_the_help_and_the_hints() {
    let mut a = demo_app();
    a.set_no_color(true);
    let help = |a: &mut Live, keys_: &str, wants: &[&str]| {
        k(a, keys_);
        let hints = text(a, 120, 40);
        k(a, "?");
        assert!(a.help_open(), "help over {:?}", a.context());
        let shown = text(a, 120, 60);
        for w in wants {
            assert!(shown.contains(w), "{w} not in the help: {shown}");
        }
        k(a, "<Esc>");
        hints
    };
    let hints = help(
        &mut a,
        "A",
        &[
            "Complete the selected action",
            "Reopen the action just completed",
            "List done actions too",
            "Show the selected action in full",
        ],
    );
    let bottom = hints.lines().last().unwrap_or_default().to_string();
    for w in ["Enter show", "c done", "u reopen", "d done too"] {
        assert!(bottom.contains(w), "{bottom}");
    }
    k(&mut a, "<Enter>");
    assert_eq!(a.context(), Context::ActionView);
    let hints = help(&mut a, "", &["Reopen this action if it is done"]);
    assert!(
        hints
            .lines()
            .last()
            .unwrap_or_default()
            .contains("Esc close"),
        "{hints}"
    );
    k(
        &mut a,
        "<Esc><Esc>/hambleton vale<Enter><Enter><Tab><Tab><Tab><Tab><Tab>",
    );
    assert_eq!(a.context(), Context::SchoolReviews);
    let hints = help(&mut a, "", &["Open the selected review (read-only)"]);
    assert!(
        hints
            .lines()
            .last()
            .unwrap_or_default()
            .contains("Enter open"),
        "{hints}"
    );
    k(&mut a, "<Enter>");
    let hints = help(&mut a, "", &["Amend this review (the change is audited)"]);
    assert!(
        hints.lines().last().unwrap_or_default().contains("e amend"),
        "{hints}"
    );
    k(&mut a, "<Esc>t");
    let hints = help(
        &mut a,
        "",
        &[
            "Plan the checkpoint review the entitlement proposes",
            "a review asks why",
        ],
    );
    assert!(
        hints.lines().last().unwrap_or_default().contains("C plan"),
        "{hints}"
    );
}
