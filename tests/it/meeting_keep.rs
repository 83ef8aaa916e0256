//! What is typed in a meeting's decision form survives skipping and deferring the school
//! (issue 13): skipping a school to come back to keeps its form for when the meeting comes back
//! to it; deferring it carries what was typed forward to the school's next meeting, in the
//! store all the while (a crash between loses nothing).

use crate::app_common;
use crate::meeting_keys::{k, planned_and_started};
use crate::meeting_run::go_to;

use app_common::{Live, today};
use sqa_board::app::App;
use sqa_board::app::kept::KeptForm;
use sqa_board::app::{MeetingDraft, Record};
use sqa_board::domain::{AgendaState, Urn};

fn rationale(app: &App, urn: Urn) -> String {
    app.meeting
        .as_ref()
        .and_then(|s| s.forms.get(&urn))
        .map(|f| f.rationale.clone())
        .unwrap_or_default()
}

fn state_of(app: &App, urn: Urn) -> Option<AgendaState> {
    app.current_meeting()?
        .agenda
        .iter()
        .find(|i| i.urn == urn)
        .map(|i| i.state)
}

/// The runtime's turns until nothing more is due to be kept.
fn settle(app: &mut Live) {
    let mut now = crate::notes_keep::start_ms();
    for _ in 0..10 {
        let effects = app.idle(now);
        app.run(effects);
        match app.wake_at_ms() {
            Some(w) => now = w.max(now + 1),
            None => return,
        }
    }
}

#[test]
fn a_skipped_schools_form_is_there_when_the_meeting_comes_back_to_it() {
    let mut a = planned_and_started(3);
    let urn = a.current_item().expect("a school").urn;
    k(&mut a, "rGovernors have not yet met the new head<Esc>s");
    assert_eq!(state_of(&a, urn), Some(AgendaState::Skipped));
    assert_ne!(a.current_item().map(|i| i.urn), Some(urn), "moved on");
    go_to(&mut a, urn);
    assert_eq!(
        rationale(&a, urn),
        "Governors have not yet met the new head"
    );
    // And after leaving meeting mode and a new session (it is kept in the store).
    k(&mut a, "<Esc><Esc>");
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    k(&mut b, "M<Enter>");
    assert_eq!(
        rationale(&b, urn),
        "Governors have not yet met the new head"
    );
}

#[test]
fn a_deferred_schools_typing_is_carried_to_its_next_meeting() {
    let mut a = planned_and_started(2);
    let urn = a.current_item().expect("a school").urn;
    let first = a.current_meeting().expect("the meeting").id;
    k(
        &mut a,
        "rHalf a rationale before the head was called away<Esc>",
    );
    k(&mut a, "DAwaiting the Ofsted report<Enter>");
    assert_eq!(state_of(&a, urn), Some(AgendaState::Deferred));
    // Kept for the first meeting meanwhile.
    settle(&mut a);
    let kept = |app: &Live| {
        app.store
            .form_drafts_migrating(
                MeetingDraft::PREFIX,
                MeetingDraft::SCHEMA,
                MeetingDraft::migrate,
            )
            .expect("read")
    };
    assert!(kept(&a).iter().any(|(_, d)| {
        d.meeting == first
            && d.forms
                .iter()
                .any(|(u, f)| *u == urn && f.rationale.starts_with("Half"))
    }));
    // The other school decided, the meeting closed.
    k(&mut a, "u=Stable.<Enter>");
    k(&mut a, "Cclose<Enter>");
    // A new session plans the next meeting with every school, and starts it.
    k(&mut a, "<Esc><Esc><Esc>");
    let mut b = Live::join(&a.store, "tester", today());
    sqa_board::effects::restore_kept(&b.store.clone(), &mut b.app);
    k(&mut b, "MNPriya Shah<Tab>");
    let saved = k(&mut b, "<Enter>");
    let second = saved
        .iter()
        .find_map(|r| match r {
            Record::Meeting(m) => Some(m.id),
            _ => None,
        })
        .expect("the next meeting planned");
    assert_ne!(second, first);
    k(&mut b, "<Enter>");
    assert_eq!(b.current_meeting().map(|m| m.id), Some(second));
    assert_eq!(
        rationale(&b, urn),
        "Half a rationale before the head was called away"
    );
    let said = b.status.clone().unwrap_or_default();
    assert!(said.contains("started"), "{said}");
    assert!(said.contains("deferred at an earlier meeting"), "{said}");
    // In the store it now belongs to the second meeting, and is gone from the first.
    settle(&mut b);
    let now = kept(&b);
    assert!(
        now.iter()
            .any(|(_, d)| d.meeting == second && d.forms.iter().any(|(u, _)| *u == urn))
    );
    assert!(
        !now.iter()
            .any(|(_, d)| d.meeting == first && d.forms.iter().any(|(u, _)| *u == urn))
    );
}
