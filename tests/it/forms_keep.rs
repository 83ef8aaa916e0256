//! Bounded loss on a crash for every kept form (issue 18 item 10; issue 13 items 2-3): a
//! checkpoint review, an activity and a meeting decision's rationale are kept in the store
//! while they are typed, with the note's rule (2 s after a pause, at least every 5 s of steady
//! typing), on the clock the runtime hands to `App::idle`; each officer's under their own key.

use crate::app_common;
use crate::meeting_keys::planned_and_started;
use crate::notes_keep::start_ms;

use app_common::{Live, keys, today};
use sqa_board::app::App;
use sqa_board::app::kept::KeptForm;
use sqa_board::app::note::{KEEP_AFTER_PAUSE_MS, KEEP_WHILE_TYPING_MS};
use sqa_board::app::timeline::activity_draft::ActivityDraft;
use sqa_board::app::timeline::checkpoint::CheckpointDraft;
use sqa_board::app::{MeetingDraft, Screen};
use sqa_board::domain::{Dataset, Urn};
use sqa_board::store::Store;

const SALLOW: u32 = 990014;

fn demo_app(user: &str) -> Live {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let data: Dataset =
        serde_json::from_str(&std::fs::read_to_string(path).expect("demo.json")).expect("parses");
    Live::new(
        &data,
        user,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day"),
    )
}

/// The kept forms of kind `D` in the store, by key.
fn stored<D: KeptForm>(store: &Store) -> Vec<(String, D)> {
    store
        .form_drafts_migrating(D::PREFIX, D::SCHEMA, D::migrate)
        .expect("kept forms read")
}

/// Types `text` one character every `every_ms`, as the runtime runs it: `idle` after each key
/// and whenever `wake_at_ms` falls due before the next, its effects carried out against the
/// store. After every turn, what the store holds (`kept`) is at least what was typed
/// `KEEP_WHILE_TYPING_MS` ago. Then a pause: by `KEEP_AFTER_PAUSE_MS` after the last key the
/// store holds all of it. Returns the clock at the end.
pub(crate) fn type_steadily(
    app: &mut Live,
    text: &str,
    every_ms: i64,
    typed_now: impl Fn(&App) -> String,
    kept: impl Fn(&Store) -> Option<String>,
) -> i64 {
    let t0 = start_ms();
    let effects = app.idle(t0);
    app.run(effects);
    let before = typed_now(app);
    let mut now = t0;
    let mut typed: Vec<(i64, String)> = Vec::new();
    let mut chars = text.chars();
    let mut next_key = t0 + every_ms;
    let mut keeps = 0;
    let mut last_kept = kept(&app.store);
    loop {
        now = match app.wake_at_ms() {
            Some(w) if w < next_key => w.max(now),
            _ => next_key,
        };
        if now == next_key {
            let Some(c) = chars.next() else { break };
            keys(app, &c.to_string());
            typed.push((now, typed_now(app)));
            next_key += every_ms;
        }
        let effects = app.idle(now);
        app.run(effects);
        let in_store = kept(&app.store);
        if in_store != last_kept {
            keeps += 1;
            last_kept = in_store.clone();
        }
        let must = typed
            .iter()
            .rev()
            .find(|(t, _)| *t <= now - KEEP_WHILE_TYPING_MS)
            .map_or(before.as_str(), |(_, s)| s.as_str());
        let held = in_store.unwrap_or_default();
        assert!(
            held.starts_with(must),
            "at +{} ms the store holds {held:?}; {must:?} was typed 5 s or more before",
            now - t0
        );
    }
    // The pause: the runtime's deadline is the pause rule's, and at it all is kept.
    let last = typed.last().map_or(t0, |(t, _)| *t);
    let at_least = (last - t0) / KEEP_WHILE_TYPING_MS;
    assert!(
        keeps >= at_least,
        "kept {keeps} times in {} ms of steady typing",
        last - t0
    );
    let due = app.wake_at_ms().expect("a keep is due after the pause");
    assert!(
        due <= last + KEEP_AFTER_PAUSE_MS,
        "due {due}, last key {last}"
    );
    let effects = app.idle(due.max(now));
    app.run(effects);
    assert_eq!(kept(&app.store), Some(typed_now(app)));
    assert_eq!(app.wake_at_ms(), None, "nothing more to keep");
    due.max(now)
}

fn commentary(app: &App) -> String {
    app.tl
        .checkpoint
        .as_ref()
        .map(|f| f.priorities[0].commentary.clone())
        .unwrap_or_default()
}

fn kept_commentary(store: &Store, user: &str) -> Option<String> {
    let key = CheckpointDraft::key_of((SALLOW, None), user);
    stored::<CheckpointDraft>(store)
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, d)| d.commentary[0].clone())
}

#[test]
fn a_checkpoint_review_is_kept_while_typed_and_goes_once_saved() {
    let mut a = demo_app("tester");
    keys(&mut a, "/sallow<Enter><Enter>r<Tab>");
    assert_eq!(a.screen(), Screen::CheckpointForm);
    let text = "Governors now challenge the phonics lead on every cohort's progress.";
    let now = type_steadily(&mut a, text, 150, commentary, |s| {
        kept_commentary(s, "tester")
    });
    assert_eq!(kept_commentary(&a.store, "tester").as_deref(), Some(text));
    // The title says when (the runtime's clock at the last keep, local time).
    let label = a.form_kept_label().expect("a kept time");
    assert!(label.starts_with("kept 09:00:"), "{label}");
    // Saved: the kept copy is obsolete and goes at the next turn.
    let effects = keys(&mut a, "<C-s>");
    a.run(effects);
    let effects = a.idle(now + 10);
    a.run(effects);
    assert_eq!(a.screen(), Screen::School);
    assert_eq!(kept_commentary(&a.store, "tester"), None);
    assert!(stored::<CheckpointDraft>(&a.store).is_empty());
}

#[test]
fn a_review_kept_while_typed_is_its_officers_own() {
    let mut a = demo_app("tester");
    keys(&mut a, "/sallow<Enter><Enter>r<Tab>");
    type_steadily(&mut a, "Mine, half", 100, commentary, |s| {
        kept_commentary(s, "tester")
    });
    // Another officer over the same store: not offered it, and what they type is theirs.
    let mut b = Live::join(&a.store, "other", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    keys(&mut b, "/sallow<Enter><Enter>r<Tab>");
    assert_eq!(commentary(&b), "");
    assert!(b.status.as_deref().is_none_or(|s| !s.contains("Restored")));
    type_steadily(&mut b, "Theirs", 100, commentary, |s| {
        kept_commentary(s, "other")
    });
    assert_eq!(
        kept_commentary(&a.store, "tester").as_deref(),
        Some("Mine, half")
    );
    assert_eq!(
        kept_commentary(&a.store, "other").as_deref(),
        Some("Theirs")
    );
    // The first officer's next session (after a crash: nothing written at exit) gets theirs.
    let mut c = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&c.store.clone(), &mut c.app);
    keys(&mut c, "/sallow<Enter><Enter>r");
    assert_eq!(commentary(&c), "Mine, half");
}

fn activity_title(app: &App) -> String {
    app.tl
        .activity
        .as_ref()
        .map(|f| f.title.clone())
        .unwrap_or_default()
}

#[test]
fn an_activity_is_kept_while_typed_and_comes_back_after_a_crash() {
    let mut a = demo_app("tester");
    keys(&mut a, "/sallow<Enter>ta<Right><Tab>");
    assert_eq!(a.screen(), Screen::ActivityForm);
    let key = ActivityDraft::key_of((SALLOW, None), "tester");
    let kept = |s: &Store| {
        stored::<ActivityDraft>(s)
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, d)| d.title)
    };
    let text = "Governors' meeting on attendance";
    type_steadily(&mut a, text, 200, activity_title, kept);
    // kill -9: nothing is written at exit. The next session puts it back.
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    keys(&mut b, "/sallow<Enter>ta");
    assert_eq!(activity_title(&b), text);
}

fn rationale(app: &App, urn: Urn) -> String {
    app.meeting
        .as_ref()
        .and_then(|s| s.forms.get(&urn))
        .map(|f| f.rationale.clone())
        .unwrap_or_default()
}

#[test]
fn a_meeting_rationale_is_kept_while_typed() {
    let mut a = planned_and_started(3);
    let urn = a.current_item().expect("a school to decide").urn;
    keys(&mut a, "=");
    let kept = |s: &Store| {
        stored::<MeetingDraft>(s)
            .into_iter()
            .find(|(k, _)| k.ends_with("/tester"))
            .and_then(|(_, d)| d.forms.into_iter().find(|(u, _)| *u == urn))
            .map(|(_, f)| f.rationale)
    };
    let text = "Governors have secured a stable leadership team since the spring";
    let now = type_steadily(&mut a, text, 120, |a| rationale(a, urn), kept);
    // Leaving meeting mode keeps the forms for next time: the copy kept while typing stays.
    let effects = keys(&mut a, "<Esc><Esc><Esc>");
    assert_eq!(a.screen(), Screen::Board);
    a.run(effects);
    let effects = a.idle(now + 100);
    a.run(effects);
    assert_eq!(kept(&a.store).as_deref(), Some(text));
    // The next session, after a crash, has the form back when the meeting opens.
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    let stored_drafts = stored::<MeetingDraft>(&b.store);
    assert_eq!(stored_drafts.len(), 1);
    let id = stored_drafts[0].1.meeting;
    keys(&mut b, "M");
    let sel = {
        let list = sqa_board::app::meeting::meetings_newest_first(&b.data.meetings);
        list.iter().position(|m| m.id == id).expect("the meeting")
    };
    b.meeting.as_mut().expect("meeting mode").list_sel = sel;
    keys(&mut b, "<Enter>");
    assert_eq!(rationale(&b, urn), text);
}

/// A kept form found under a key that is not its officer's (as note drafts were before they
/// were per officer) moves to its officer's key at start-up, and is offered back from there.
#[test]
fn a_kept_form_under_a_key_without_its_officer_moves_to_theirs() {
    let mut a = demo_app("tester");
    keys(&mut a, "/sallow<Enter><Enter>r<Tab>Old key");
    let d = a.checkpoint_draft_on_exit(start_ms()).expect("typed");
    let old = format!("checkpoint/{SALLOW}");
    a.store
        .put_form_draft(&old, CheckpointDraft::SCHEMA, &d)
        .expect("kept");
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    let effects = b.idle(start_ms());
    b.run(effects);
    let keys_now: Vec<String> = stored::<CheckpointDraft>(&b.store)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        keys_now,
        [CheckpointDraft::key_of((SALLOW, None), "tester")]
    );
    keys(&mut b, "/sallow<Enter><Enter>r");
    assert_eq!(commentary(&b), "Old key");
}

/// Typing kept and then typed away is not offered back: the kept copy goes once the form holds
/// nothing to keep.
#[test]
fn a_review_typed_away_is_no_longer_kept() {
    let mut a = demo_app("tester");
    keys(&mut a, "/sallow<Enter><Enter>r<Tab>");
    let now = type_steadily(&mut a, "Oops", 100, commentary, |s| {
        kept_commentary(s, "tester")
    });
    keys(&mut a, "<Bs><Bs><Bs><Bs>");
    assert_eq!(commentary(&a), "");
    let effects = a.idle(now + 100);
    a.run(effects);
    let effects = a.idle(now + 200);
    a.run(effects);
    assert_eq!(kept_commentary(&a.store, "tester"), None);
    assert_eq!(a.screen(), Screen::CheckpointForm, "the form stays open");
}

/// The screen's text at 80x24.
fn screen(app: &App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("term");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// A quiet indicator says when the form was last kept: nothing before the first keep, then
/// the time, at 80x24, in the activity form's title and the meeting's heading.
#[test]
fn the_kept_time_is_shown_on_the_form_at_80x24() {
    let mut a = demo_app("tester");
    keys(&mut a, "/sallow<Enter>ta<Right><Tab>");
    assert!(!screen(&a).contains("kept "));
    let key = ActivityDraft::key_of((SALLOW, None), "tester");
    type_steadily(&mut a, "Deep dive", 100, activity_title, |s| {
        stored::<ActivityDraft>(s)
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, d)| d.title)
    });
    let s = screen(&a);
    assert!(s.contains("New activity · kept 09:00:0"), "{s}");

    let mut m = planned_and_started(3);
    let urn = m.current_item().expect("a school").urn;
    keys(&mut m, "=");
    assert!(!screen(&m).contains("kept "));
    type_steadily(
        &mut m,
        "Stable",
        100,
        |a| rationale(a, urn),
        |s| {
            stored::<MeetingDraft>(s)
                .into_iter()
                .next()
                .and_then(|(_, d)| d.forms.into_iter().next())
                .map(|(_, f)| f.rationale)
        },
    );
    let s = screen(&m);
    let title = s.lines().next().unwrap_or("");
    assert!(title.contains("kept 09:00:0"), "{s}");

    let mut c = demo_app("tester");
    keys(&mut c, "/sallow<Enter><Enter>r<Tab>");
    type_steadily(&mut c, "Phonics", 100, commentary, |s| {
        kept_commentary(s, "tester")
    });
    let s = screen(&c);
    let title = s.lines().next().unwrap_or("");
    assert!(title.contains("kept 09:00:0"), "{s}");
}
