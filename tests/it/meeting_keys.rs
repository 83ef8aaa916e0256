//! Meeting mode by key scripts on the app state: plan, run, save, skip, defer, close, follow up.

use crate::app_common;

use app_common::{Live, dataset, keys, script, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::kept::{FormDraft, KeptForm};
use sqa_board::app::meeting::MeetingView;
use sqa_board::app::{App, Effect, Record, SaveRequest, Screen};
use sqa_board::domain::board::current_decisions;
use sqa_board::domain::{ActivityKind, AgendaState, MeetingStatus, minutes};

/// The test county over a real store, its saves run by the real effect runner.
pub(crate) fn live() -> Live {
    Live::new(&dataset(), "tester", today())
}

/// Carries out effects as the runtime does; the records saved, as stored.
pub(crate) fn run(app: &mut Live, effects: Vec<Effect>) -> Vec<Record> {
    app.run(effects)
}

/// Each key, then its effects (as the runtime does).
pub(crate) fn k(app: &mut Live, s: &str) -> Vec<Record> {
    let mut all = vec![];
    for key in script(s) {
        let e = app.handle_key(key);
        all.extend(run(app, e));
    }
    all
}

/// Plans a meeting today with the first `n` schools of the default agenda and starts it.
pub(crate) fn planned_and_started(n: usize) -> Live {
    let mut a = live();
    k(&mut a, "M");
    assert_eq!(a.screen(), Screen::Meeting);
    k(&mut a, "NPriya Shah, Tom Reed<Tab>");
    let total = a.data.schools.len();
    // Remove from the end of the agenda.
    let sel = total - 1;
    {
        let p = a.meeting.as_mut().unwrap().plan.as_mut().unwrap();
        p.sel = sel;
    }
    k(&mut a, &"d".repeat(total - n));
    let saved = k(&mut a, "<Enter>");
    let m = saved
        .iter()
        .find_map(|r| match r {
            Record::Meeting(m) => Some(m.clone()),
            _ => None,
        })
        .expect("meeting saved");
    assert_eq!(m.status, MeetingStatus::Planned);
    assert_eq!(m.agenda.len(), n);
    assert_eq!(m.attendees, vec!["Priya Shah", "Tom Reed"]);
    assert_eq!(m.date, a.today);
    assert_eq!(a.meeting.as_ref().unwrap().view, MeetingView::List);
    k(&mut a, "<Enter>");
    assert_eq!(a.current_meeting().unwrap().status, MeetingStatus::Open);
    a
}

#[test]
fn same_category_rationale_enter_saves_a_superseding_decision_and_moves_on() {
    let mut a = planned_and_started(5);
    assert_eq!(a.meeting_progress(), Some((0, 5)));
    let urn = a.current_item().unwrap().urn;
    let before = current_decisions(&a.data.decisions)
        .get(&urn)
        .map(|d| (d.id, d.category.clone()))
        .expect("a current decision");
    // Two keystrokes beyond the typed text: '=' and Enter.
    let effects = keys(&mut a, "=Still best fit<Enter>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no save: {effects:?}");
    };
    let dec = req
        .records
        .iter()
        .find_map(|(r, _)| match r {
            Record::Decision(d) => Some(d.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(dec.category, before.1);
    assert_eq!(dec.previous.as_deref(), Some(before.1.as_str()));
    assert_eq!(dec.supersedes, Some(before.0));
    assert_eq!(dec.rationale, "Still best fit");
    assert_eq!(dec.date, a.today);
    assert_eq!(dec.decided_by, a.user);
    let meeting = req
        .records
        .iter()
        .find_map(|(r, _)| match r {
            Record::Meeting(m) => Some(m.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(dec.meeting, Some(meeting.id));
    assert_eq!(meeting.agenda[0].state, AgendaState::Decided);
    assert_eq!(meeting.agenda[0].decision, Some(dec.id));
    run(&mut a, effects);
    assert_eq!(a.meeting_progress(), Some((1, 5)));
    assert_eq!(
        a.meeting.as_ref().unwrap().pos,
        1,
        "moved to the next school"
    );
    // History: the old decision is still there.
    assert!(a.data.decisions.iter().any(|d| d.id == before.0));
}

#[test]
fn digits_set_category_raise_schedules_a_checkpoint_and_actions_are_saved() {
    let mut a = planned_and_started(5);
    // Find a school that is not already the top category.
    to_a_school_not_in(&mut a, "high");
    k(&mut a, "a");
    k(&mut a, "Write support plan; Priya Shah; 15/01/2027<Enter>");
    let saved = k(&mut a, "1Attendance fell sharply<Enter>");
    let dec = saved
        .iter()
        .find_map(|r| match r {
            Record::Decision(d) => Some(d.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(dec.category, "high");
    let cp = saved
        .iter()
        .find_map(|r| match r {
            Record::Activity(x) => Some(x.clone()),
            _ => None,
        })
        .expect("first checkpoint planned");
    assert_eq!(cp.kind, ActivityKind::CheckpointReview);
    assert_eq!(cp.planned, a.today + chrono::Duration::weeks(6));
    let act = saved
        .iter()
        .find_map(|r| match r {
            Record::Action(x) => Some(x.clone()),
            _ => None,
        })
        .expect("action saved");
    assert_eq!(act.owner, "Priya Shah");
    assert_eq!(act.text, "Write support plan");
}

#[test]
fn skip_defer_progress_and_close_writes_minutes() {
    let mut a = planned_and_started(4);
    k(&mut a, "s");
    // A deferral asks why: Enter alone defers nothing.
    assert!(k(&mut a, "D<Enter>").is_empty());
    assert_eq!(
        a.current_meeting().unwrap().agenda[1].state,
        AgendaState::Pending
    );
    k(&mut a, "Awaiting the Ofsted report<Enter>");
    assert_eq!(
        a.current_meeting().unwrap().agenda[1].reason.as_deref(),
        Some("Awaiting the Ofsted report")
    );
    k(&mut a, "=ok<Enter>");
    k(&mut a, "2fine<Enter>");
    let m = a.current_meeting().unwrap().clone();
    let states: Vec<AgendaState> = m.agenda.iter().map(|i| i.state).collect();
    assert_eq!(
        states,
        vec![
            AgendaState::Skipped,
            AgendaState::Deferred,
            AgendaState::Decided,
            AgendaState::Decided
        ]
    );
    assert_eq!(a.meeting_progress(), Some((2, 4)));
    let effects = keys(&mut a, "C");
    assert!(effects.is_empty(), "close asks first");
    // The question names the schools still undecided.
    let undecided: Vec<String> = a.undecided_schools().into_iter().map(|(n, _)| n).collect();
    assert_eq!(undecided.len(), 2);
    let screen = format!("{:?}", render(&a, 100, 30).backend().buffer());
    assert!(screen.contains("Still undecided"), "{screen}");
    // Plain typing never closes it: y, Enter, or a word starting with the right letters.
    for typed in ["y<Enter>", "<Bs>", "<Enter>", "clo<Enter>", "<Bs><Bs><Bs>"] {
        let effects = keys(&mut a, typed);
        assert!(
            effects.is_empty(),
            "{typed} closed the meeting: {effects:?}"
        );
        assert_eq!(a.current_meeting().unwrap().status, MeetingStatus::Open);
    }
    assert!(a.meeting.as_ref().unwrap().prompt.is_some());
    let effects = keys(&mut a, "close<Enter>");
    let file = effects.iter().find_map(|e| match e {
        Effect::WriteFile { path, contents } => Some((path.clone(), contents.clone())),
        _ => None,
    });
    let (path, text) = file.expect("minutes written");
    assert_eq!(path, "sqa-minutes-2026-11-23.md");
    assert!(text.contains("Monday 23 November 2026"), "{text}");
    assert!(text.contains("## Schools to inform"));
    assert!(text.contains("skipped") && text.contains("deferred"));
    assert!(
        text.contains("): deferred (Awaiting the Ofsted report)\n"),
        "{text}"
    );
    assert!(!text.contains("DRAFT"), "{text}");
    run(&mut a, effects);
    let m = a.current_meeting().unwrap().clone();
    assert_eq!(m.status, MeetingStatus::Closed);
    // Filed with the meeting: the text written is the text kept.
    assert_eq!(m.minutes.as_deref(), Some(text.as_str()));
    assert_eq!(minutes::minutes(&a.data, &m), text);
}

#[test]
fn only_one_meeting_open_at_a_time() {
    let mut a = planned_and_started(2);
    k(&mut a, "<Esc>N<Tab><Enter>");
    // The new planned meeting is selected; starting it is refused while the other is open.
    let open_before = a.current_meeting().map(|m| m.id);
    k(&mut a, "<Enter>");
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Another meeting is open")
    );
    assert_eq!(a.meeting.as_ref().unwrap().view, MeetingView::List);
    let _ = open_before;
}

#[test]
fn conflict_keeps_the_form_and_a_retry_saves_it() {
    let mut a = planned_and_started(3);
    let urn = a.current_item().unwrap().urn;
    let mid = a.current_meeting().unwrap().id;
    // Someone else records the same school meanwhile (skips it), from their own session over
    // the same store: a real conflict (different schools would be merged).
    let mut other = Live::join(&a.store, "someone else", today());
    let mut theirs = other.data.meetings.iter().find(|m| m.id == mid).cloned();
    if let Some(m) = theirs.as_mut() {
        m.agenda[0].state = AgendaState::Skipped;
    }
    let saved = other.run(vec![Effect::Save(SaveRequest {
        records: vec![(
            Record::Meeting(theirs.expect("the meeting")),
            "edited".into(),
        )],
        done_message: "Saved".into(),
    })]);
    assert_eq!(saved.len(), 1, "their save lands");
    // This session's save of the meeting is then refused by the store's revision check.
    let effects = keys(&mut a, "2Typed with care<Enter>");
    assert!(matches!(effects.first(), Some(Effect::Save(_))));
    let first_id = match &effects[0] {
        Effect::Save(r) => r.records.iter().find_map(|(r, _)| match r {
            Record::Decision(d) => Some(d.id),
            _ => None,
        }),
        _ => None,
    };
    assert!(
        a.run(effects)
            .iter()
            .all(|r| !matches!(r, Record::Meeting(_)))
    );
    assert_eq!(a.current_item().unwrap().urn, urn, "still on the school");
    let form = a.current_form().expect("form kept");
    assert_eq!(form.rationale, "Typed with care");
    assert_eq!(form.category.as_deref(), Some("medium"));
    assert!(a.status.as_deref().unwrap_or("").contains("try again"));
    // Fresh data arrives (the other edit), then Enter retries.
    let fresh = a.store.load_overview().expect("loads");
    let expect_rev = fresh.meetings.iter().find(|m| m.id == mid).unwrap().rev;
    a.set_data(fresh);
    let effects = keys(&mut a, "<Enter>");
    let Some(Effect::Save(req)) = effects.first() else {
        panic!("no retry");
    };
    let (mut got_rev, mut got_dec) = (0, None);
    for (r, _) in &req.records {
        match r {
            Record::Meeting(m) => got_rev = m.rev,
            Record::Decision(d) => got_dec = Some((d.id, d.rationale.clone())),
            _ => {}
        }
    }
    assert_eq!(got_rev, expect_rev, "retry uses the fresh revision");
    assert_eq!(got_dec, Some((first_id.unwrap(), "Typed with care".into())));
    run(&mut a, effects);
    assert_eq!(a.meeting_progress(), Some((1, 3)));
}

#[test]
fn minutes_markdown() {
    let mut a = planned_and_started(2);
    k(&mut a, "=Steady progress<Enter>");
    k(&mut a, "4Strong results<Enter>");
    let m = a.current_meeting().unwrap().clone();
    let text = minutes::minutes(&a.data, &m);
    assert!(text.starts_with("# Minutes: SQA meeting, Autumn term 2026/27\n"));
    assert!(text.contains("- **Date:** Monday 23 November 2026\n"));
    assert!(text.contains("- **Attendees:** Priya Shah, Tom Reed\n"));
    assert!(text.contains("- **Rationale:** Steady progress\n"));
    assert!(text.contains("## Summary of moves"));
    assert!(text.contains("(same)"));
}

pub(crate) fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    t
}

#[test]
fn meeting_screen_snapshots() {
    let mut a = planned_and_started(5);
    a.set_no_color(true);
    k(&mut a, "=Still best fit<Enter>");
    k(&mut a, "2Half typed");
    insta::assert_snapshot!("meeting_run_80x24", render(&a, 80, 24).backend());
    insta::assert_snapshot!("meeting_run_120x40", render(&a, 120, 40).backend());
    k(&mut a, "<Esc><Esc>");
    insta::assert_snapshot!("meeting_list_80x24", render(&a, 80, 24).backend());
}

#[test]
fn text_fields_take_letters_not_commands() {
    // In the rationale, digits, 'q', 's' and 'C' are text, not commands.
    let mut a = planned_and_started(2);
    k(&mut a, "=");
    k(&mut a, "q 1s C=");
    assert_eq!(a.current_form().unwrap().rationale, "q 1s C=");
    assert!(!a.should_quit());
}

fn rationale_of(a: &App, urn: sqa_board::domain::Urn) -> Option<String> {
    a.meeting
        .as_ref()?
        .forms
        .get(&urn)
        .map(|f| f.rationale.clone())
}

#[test]
fn unsaved_forms_are_kept_when_meeting_mode_is_left_and_restored_on_return() {
    let mut a = planned_and_started(3);
    let urn = a.current_item().unwrap().urn;
    k(&mut a, "=Half way through a sent");
    // Esc leaves the rationale, the run, then meeting mode.
    let effects = keys(&mut a, "<Esc><Esc><Esc>");
    assert_eq!(a.screen(), Screen::Board);
    let draft = effects
        .iter()
        .find_map(|e| match e {
            Effect::KeepForm(d) => match &**d {
                FormDraft::Meeting(d) => Some(d.clone()),
                _ => None,
            },
            _ => None,
        })
        .expect("the forms are written to the store");
    assert_eq!(draft.forms.len(), 1);
    assert_eq!(draft.forms[0].0, urn);
    assert_eq!(draft.forms[0].1.rationale, "Half way through a sent");
    assert_eq!(draft.key(), format!("meeting/{}/tester", draft.meeting));
    // Back into the meeting: the form is there again, and the status line says so.
    k(&mut a, "M<Enter>");
    assert_eq!(
        rationale_of(&a, urn).as_deref(),
        Some("Half way through a sent")
    );
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .starts_with("Restored unsaved decision forms for 1 school")
    );
}

#[test]
fn forms_kept_at_the_end_of_a_session_come_back_in_the_next_and_go_once_saved() {
    let mut a = planned_and_started(3);
    let urn = a.current_item().unwrap().urn;
    k(&mut a, "=Governors have");
    // The session ends (quit, SIGHUP): the runtime writes what the app says is unsaved.
    let kept = a.meeting_drafts_on_exit(1_795_442_520_000);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].forms[0].1.rationale, "Governors have");
    let meeting_id = kept[0].meeting;

    // The next session, over the same data.
    let mut b = Live::join(&a.store, "tester", today());
    b.set_meeting_drafts(kept.clone());
    // Another user's draft is not theirs to restore.
    let mut other = kept[0].clone();
    other.author = "someone else".into();
    other.forms[0].1.rationale = "not mine".into();
    b.set_meeting_drafts(vec![other]);
    k(&mut b, "M");
    let sel = {
        let list = sqa_board::app::meeting::meetings_newest_first(&b.data.meetings);
        list.iter().position(|m| m.id == meeting_id).unwrap()
    };
    b.meeting.as_mut().unwrap().list_sel = sel;
    k(&mut b, "<Enter>");
    assert_eq!(b.current_item().unwrap().urn, urn);
    assert_eq!(rationale_of(&b, urn).as_deref(), Some("Governors have"));
    // Finish and save it: the stored draft is no longer needed.
    k(&mut b, "r; no change needed<Enter>");
    let later = b.idle(1_795_442_600_000);
    assert!(
        later
            .iter()
            .any(|e| *e == Effect::DeleteFormDraft(kept[0].key())),
        "{later:?}"
    );
    assert!(b.meeting_drafts_on_exit(1_795_442_600_000).is_empty());
}

#[test]
fn a_slip_in_the_rationale_is_fixed_in_place_and_the_caret_is_drawn_there() {
    let mut a = planned_and_started(3);
    a.set_no_color(true);
    k(&mut a, "=Governers challenge");
    // Back to the slip: 13 × ← puts the caret after "Govern".
    k(&mut a, &"<Left>".repeat(13));
    let screen = crate::app_common::text_with_caret(render(&a, 80, 24).backend());
    assert!(
        screen.contains("Rationale: Govern▏ers challenge"),
        "{screen}"
    );
    k(&mut a, "<Del>o<End>.");
    let saved = k(&mut a, "<Enter>");
    let d = saved
        .iter()
        .find_map(|r| match r {
            Record::Decision(d) => Some(d.clone()),
            _ => None,
        })
        .expect("decision saved");
    assert_eq!(d.rationale, "Governors challenge.");
    // Home, Backspace at the start does nothing; the plan fields edit the same way.
    k(&mut a, "r<Home><Bs>X<Esc>");
}

/// Going back to a school already decided at the meeting opens its decision as saved; saving
/// again supersedes it, keeps as "previous" the category before the meeting, keeps the ratings
/// and risk factors, and leaves one live decision (and one entry in the minutes).
#[test]
fn going_back_to_a_decided_school_edits_its_decision() {
    let mut a = planned_and_started(5);
    // A school above the lowest category, so that '4' lowers it.
    to_a_school_not_in(&mut a, "universal");
    let urn = a.current_item().unwrap().urn;
    let before = current_decisions(&a.data.decisions)[&urn].clone();
    let first = k(&mut a, "4Lowered: strong outcomes<Enter>");
    let first = first
        .iter()
        .find_map(|r| match r {
            Record::Decision(d) => Some(d.clone()),
            _ => None,
        })
        .expect("first decision");
    assert_eq!(first.previous.as_deref(), Some(before.category.as_str()));
    // Back to it: the form shows the decision as saved.
    k(&mut a, "p");
    assert_eq!(a.current_item().unwrap().urn, urn);
    let again = k(&mut a, "<Enter>");
    let second = again
        .iter()
        .find_map(|r| match r {
            Record::Decision(d) => Some(d.clone()),
            _ => None,
        })
        .expect("second decision");
    assert_ne!(second.id, first.id);
    assert_eq!(second.category, "universal");
    assert_eq!(second.rationale, "Lowered: strong outcomes");
    assert_eq!(second.supersedes, Some(first.id));
    assert_eq!(
        second.previous.as_deref(),
        Some(before.category.as_str()),
        "previous is the category before the meeting"
    );
    assert_eq!(second.ratings, first.ratings);
    assert_eq!(second.risks, first.risks);
    let m = a.current_meeting().unwrap().clone();
    assert_eq!(
        m.agenda.iter().find(|i| i.urn == urn).unwrap().decision,
        Some(second.id)
    );
    assert!(
        sqa_board::domain::integrity::problems(&a.data)
            .iter()
            .all(|p| !p.contains("live decisions") && !p.contains("before the meeting")),
        "{:?}",
        sqa_board::domain::integrity::problems(&a.data)
    );
    let md = minutes::minutes(&a.data, &m);
    assert_eq!(
        md.matches(&format!("(URN {urn})\n\n- **Priority:**"))
            .count(),
        1,
        "{md}"
    );
    assert!(md.contains("(lowered)"), "{md}");
}

/// A raise plans the first checkpoint review of the new entitlement; deciding the school again
/// (still raised) does not plan a second one beside it.
#[test]
fn deciding_a_raised_school_again_plans_no_second_first_review() {
    let mut a = planned_and_started(5);
    to_a_school_not_in(&mut a, "high");
    let urn = a.current_item().unwrap().urn;
    let first = k(&mut a, "1Attendance fell sharply<Enter>");
    let planned: Vec<_> = first
        .iter()
        .filter(|r| matches!(r, Record::Activity(x) if x.kind == ActivityKind::CheckpointReview))
        .collect();
    assert_eq!(planned.len(), 1, "{first:?}");
    k(&mut a, "p");
    assert_eq!(a.current_item().unwrap().urn, urn);
    let again = k(&mut a, "<Enter>");
    assert!(
        again.iter().any(|r| matches!(r, Record::Decision(_))),
        "{:?}",
        a.status
    );
    assert!(
        !again
            .iter()
            .any(|r| matches!(r, Record::Activity(x) if x.kind == ActivityKind::CheckpointReview)),
        "a second first review: {again:?}"
    );
    let reviews = a
        .data
        .activities
        .iter()
        .filter(|x| x.urn == urn && x.kind == ActivityKind::CheckpointReview)
        .filter(|x| x.status == sqa_board::domain::ActivityStatus::Planned)
        .count();
    assert_eq!(reviews, 1);
}

/// Steps through the agenda (`n`) to the first school with a current decision whose category
/// is not `category` (one that can be raised above, or lowered below, it).
pub(crate) fn to_a_school_not_in(a: &mut Live, category: &str) {
    for _ in 0..6 {
        let urn = a.current_item().unwrap().urn;
        if current_decisions(&a.data.decisions)
            .get(&urn)
            .is_some_and(|d| d.category != category)
        {
            return;
        }
        k(a, "n");
    }
    panic!("no school on the agenda outside {category}");
}
