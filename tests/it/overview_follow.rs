//! The shared overview of `sqa serve` follows commits by reading what they wrote (issue 19):
//! after any sequence of commits it is, field for field and in order, what a fresh
//! `load_overview` reads, and its index by school answers as one built from scratch; and a
//! foreign commit's reload reads as many records on a 60-school authority as on a 600-school
//! one (`domain::work` counts them; not a timing).

use chrono::{Duration, NaiveDate};
use sqa_board::domain::index::DataIndex;
use sqa_board::domain::list::List;
use sqa_board::domain::{Dataset, Scheme, work};
use sqa_board::store::{Record, Staged, Stamp, Store};
use sqa_board::synth;
use std::sync::Arc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn by(user: &str) -> Stamp {
    Stamp::new(user, today().and_hms_opt(10, 0, 0).unwrap().and_utc())
}

fn store_of(schools: usize) -> Store {
    let store = Store::open_temporary().unwrap();
    let ds = synth::authority(synth::Size::schools(schools), today(), 42);
    store.import_dataset(&ds, &by("import")).unwrap();
    store
}

/// Commits `recs` (of one kind) as one transaction.
fn commit<R: Record>(store: &Store, recs: &[R]) {
    let staged: Vec<Staged> = recs
        .iter()
        .map(|r| Staged::new(r, "test").unwrap().0)
        .collect();
    store.commit(&by("Ola Okafor"), &staged).unwrap();
}

/// The record's stored copy (its current revision).
fn stored<R: Record>(store: &Store, id: R::Id) -> R {
    store.get::<R>(&id).unwrap().unwrap()
}

type Held = (Arc<Dataset>, Arc<DataIndex>);

/// The overview a session would reload now equals a fresh full load, and its index answers
/// as one built from that load. Returns it (held, as a session holds it).
fn follows(store: &Store) -> Held {
    let (data, ix) = store.load_overview_indexed().unwrap();
    let fresh = store.load_overview().unwrap();
    assert_eq!(*data, fresh, "followed overview differs from a fresh load");
    assert!(ix.fits(&data));
    let built = DataIndex::build(&fresh);
    for s in fresh.schools.iter() {
        let u = s.urn;
        assert_eq!(ix.school_pos(&data, u), built.school_pos(&fresh, u));
        assert_eq!(
            ix.decisions.of(&data.decisions, u),
            built.decisions.of(&fresh.decisions, u)
        );
        assert_eq!(
            ix.activities.of(&data.activities, u),
            built.activities.of(&fresh.activities, u)
        );
        assert_eq!(
            ix.checkpoints.of(&data.checkpoints, u),
            built.checkpoints.of(&fresh.checkpoints, u)
        );
        assert_eq!(
            ix.actions.of(&data.actions, u),
            built.actions.of(&fresh.actions, u)
        );
        assert_eq!(ix.plans.of(&data.plans, u), built.plans.of(&fresh.plans, u));
    }
    for d in fresh.decisions.iter() {
        assert_eq!(ix.decisions.get(&data.decisions, d.id), Some(d));
    }
    for a in fresh.actions.iter() {
        assert_eq!(ix.actions.get(&data.actions, a.id), Some(a));
    }
    (data, ix)
}

/// `follows`, keeping what it returns in `held` (the previous one let go).
fn step(store: &Store, held: &mut Held) {
    *held = follows(store);
}

#[test]
fn the_followed_overview_is_what_a_full_load_reads_after_every_kind_of_commit() {
    use sqa_board::domain::{
        Action, Activity, CheckpointReview, Decision, EscalationStep, Meeting, Note, School,
        SupportPlan,
    };
    let store = store_of(30);
    let mut held = follows(&store);
    let d0 = held.0.clone();
    let day = Duration::days(1);

    // An action edited in place: only the actions list is new, every other list shared.
    let mut a: Action = d0.actions[3].clone();
    a.text = "Edited in place".into();
    commit(&store, std::slice::from_ref(&a));
    step(&store, &mut held);
    assert!(List::same(&held.0.decisions, &d0.decisions), "not followed");
    assert!(!List::same(&held.0.actions, &d0.actions));

    // Its due date moved (its key moves: it leaves its old place); then taken off (no date:
    // sorts last of its school).
    let mut a: Action = stored(&store, a.id);
    a.due = Some(today() + Duration::days(400));
    commit(&store, std::slice::from_ref(&a));
    step(&store, &mut held);
    let mut a: Action = stored(&store, a.id);
    a.due = None;
    commit(&store, &[a]);
    step(&store, &mut held);

    // A decision's date edited back a year (moves before its school's others).
    let mut dec: Decision = d0.decisions[5].clone();
    dec.date -= Duration::days(365);
    commit(&store, std::slice::from_ref(&dec));
    step(&store, &mut held);

    // A new activity, a new decision (fresh ids), and a new school sorting first.
    let mut act: Activity = d0.activities[0].clone();
    act.id = store.next_id().unwrap();
    act.rev = 0;
    act.planned = today() + day;
    act.done = None;
    commit(&store, &[act]);
    let mut school: School = d0.schools[0].clone();
    school.urn = 1;
    school.rev = 0;
    school.name = "A new school".into();
    commit(&store, &[school]);
    step(&store, &mut held);

    // A school renamed; a meeting added then moved; a plan moved a year and a checkpoint
    // review moved, in one commit of two kinds.
    let mut s: School = d0.schools[7].clone();
    s.name = "Renamed".into();
    commit(&store, &[s]);
    let m = Meeting {
        id: store.next_id().unwrap(),
        date: today(),
        term: sqa_board::domain::Term::Autumn,
        year: sqa_board::domain::AcademicYear::of(today()),
        title: "SQA meeting".into(),
        attendees: vec!["Priya Shah".into()],
        agenda: vec![],
        status: sqa_board::domain::MeetingStatus::Planned,
        minutes: None,
        rev: 0,
    };
    commit(&store, std::slice::from_ref(&m));
    step(&store, &mut held);
    let mut m: Meeting = stored(&store, m.id);
    m.date = today() + Duration::days(30);
    commit(&store, &[m]);
    let mut cp: CheckpointReview = d0.checkpoints[0].clone();
    cp.date += day;
    let mut staged = vec![Staged::new(&cp, "review").unwrap().0];
    // (The generator makes no support plans at this size; when it does, one moves a year.)
    if let Some(plan) = d0.plans.first() {
        let mut plan: SupportPlan = plan.clone();
        plan.year.0 += 1;
        staged.push(Staged::new(&plan, "plan").unwrap().0);
    }
    store.commit(&by("Ola Okafor"), &staged).unwrap();
    step(&store, &mut held);

    // The scheme changed; an escalation step moved; a note saved (not in the overview).
    let mut scheme = Scheme::la_default();
    scheme.name = "Renamed scheme".into();
    store.set_scheme(&scheme, &by("Ola Okafor")).unwrap();
    if let Some(e) = d0.escalations.first() {
        let mut e: EscalationStep = e.clone();
        e.date -= day;
        commit(&store, &[e]);
    }
    let notes = store.all_notes().unwrap();
    if let Some(n) = notes.first() {
        let n: Note = n.clone();
        commit(&store, &[n]);
    }
    step(&store, &mut held);
    assert_eq!(held.0.scheme.name, "Renamed scheme");

    // Several commits before one reload, one moving a decision and the next moving it back.
    let mut dec: Decision = stored(&store, dec.id);
    let was = dec.date;
    dec.date = today() - Duration::days(10);
    commit(&store, std::slice::from_ref(&dec));
    let mut dec: Decision = stored(&store, dec.id);
    dec.date = was;
    commit(&store, &[dec]);
    let mut a: Action = d0.actions[0].clone();
    a.text = "Again".into();
    commit(&store, &[a]);
    step(&store, &mut held);

    // An import is not in the changelog: the reload loads in full, and still agrees.
    let mut ds = store.export_dataset().unwrap();
    ds.actions.truncate(2);
    store.clear_all().unwrap();
    store.import_dataset(&ds, &by("import")).unwrap();
    let after = follows(&store);
    assert_eq!(after.0.actions.len(), 2);
    drop(held);
}

/// Records a session's reload reads, and copies, after another officer edits an action, on
/// an authority of `n` schools (the overview held, as the server's sessions hold it); and how
/// many actions and records the overview holds.
fn reload_reads(n: usize) -> [u64; 4] {
    let store = store_of(n);
    let held = store.load_overview_indexed().unwrap();
    let mut a = held.0.actions[0].clone();
    a.text = "Completed elsewhere".into();
    commit(&store, &[a]);
    let (copied, (seen, after)) =
        work::copies_in(|| work::counted(|| store.load_overview_indexed().unwrap()));
    assert_eq!(after.0.actions[0].text, "Completed elsewhere");
    let d = &held.0;
    let whole = d.schools.len()
        + d.decisions.len()
        + d.activities.len()
        + d.checkpoints.len()
        + d.actions.len()
        + d.plans.len()
        + d.escalations.len();
    [seen, copied, d.actions.len() as u64, whole as u64]
}

/// Records a session's first save copies after another officer's commit (the overview and
/// its index shared with the other sessions, as in a server), on an authority of `n` schools.
fn first_save_copies(n: usize) -> u64 {
    use sqa_board::app::{App, Record};
    use sqa_board::clock::Clock;
    use sqa_board::domain::Action;
    use sqa_board::session::Session;
    let store = store_of(n);
    let held = store.load_overview_indexed().unwrap();
    let mut app = App::new(
        held.0.clone(),
        Session::new("Priya Shah", Clock::frozen_on(today())),
    );
    app.set_data_indexed(held.0.clone(), held.1.clone());
    // Another officer's commit, followed: the sessions hold the new overview.
    let mut a = held.0.actions[0].clone();
    a.text = "Completed elsewhere".into();
    commit(&store, &[a]);
    let held = store.load_overview_indexed().unwrap();
    app.set_data_indexed(held.0.clone(), held.1.clone());
    // This session's own save, then folded into its data.
    let mut mine: Action = held.0.actions[held.0.actions.len() / 2].clone();
    mine.text = "Agreed at the visit".into();
    commit(&store, std::slice::from_ref(&mine));
    let mine: Action = stored(&store, mine.id);
    let (copied, ()) = work::copies_in(|| app.saved(vec![Record::Action(mine)], "Saved".into()));
    drop(held);
    copied
}

#[test]
fn a_foreign_commits_reload_reads_what_it_wrote_at_any_size() {
    let [small, small_copied, small_actions, _] = reload_reads(60);
    let [big, big_copied, big_actions, whole] = reload_reads(600);
    assert_eq!(small, big, "records read by the reload");
    assert_eq!(small, 1, "the one action's key");
    // What is copied is the chunk of the actions list the commit changed (`List`: a
    // persistent vector of 64-record chunks), not the list: as much at 60 schools as at 600.
    assert_eq!(small_copied, big_copied, "records copied by the reload");
    assert!(small_copied <= 64, "copied {small_copied}");
    assert!(
        big_copied * 100 < big_actions,
        "copied {big_copied} of {big_actions}"
    );
    assert!(small_actions < big_actions && big_actions < whole);
}

#[test]
fn a_sessions_first_save_after_a_foreign_commit_copies_as_much_at_any_size() {
    let (small, big) = (first_save_copies(60), first_save_copies(600));
    // The chunk of the actions list the save changed, and nothing that grows with the
    // authority (before `List`, the whole actions list: ~8,900 records at 600 schools).
    assert_eq!(small, big, "records copied by the first save");
    assert!(small > 0 && small <= 64, "copied {small}");
}

/// A session following another's commits draws again only the rows of the schools they wrote
/// (`Store::schools_written`), and its board is then the board a fresh session would draw; a
/// change of scheme (every row may change) rebuilds it.
#[test]
fn a_followed_board_redraws_the_schools_written_and_matches_a_fresh_board() {
    use sqa_board::app::App;
    use sqa_board::domain::{Action, Decision};
    let store = store_of(30);
    let session = || {
        sqa_board::session::Session::new("Priya Shah", sqa_board::clock::Clock::frozen_on(today()))
    };
    let fresh_rows = |store: &Store| {
        let app = App::new(store.load_overview().unwrap(), session());
        app.board.rows.clone()
    };
    let (data, ix) = store.load_overview_indexed().unwrap();
    let mut app = App::new(data.clone(), session());
    app.set_data_indexed(data.clone(), ix);
    let r0 = store.revision().unwrap();
    let before = app.board.rows.clone();

    // Two commits by another officer: a decision's category changed (its school's priority
    // on the board), an action moved to another date.
    let mut dec: Decision = data.decisions[2].clone();
    let other = store
        .scheme()
        .unwrap()
        .unwrap_or_else(Scheme::la_default)
        .categories
        .iter()
        .map(|c| c.key.clone())
        .find(|c| *c != dec.category)
        .expect("a second category");
    dec.category = other;
    commit(&store, std::slice::from_ref(&dec));
    let mut act: Action = data.actions[7].clone();
    act.due = Some(today() + Duration::days(3));
    commit(&store, std::slice::from_ref(&act));
    let r1 = store.revision().unwrap();
    let mut written = vec![dec.urn, act.urn];
    written.sort_unstable();
    written.dedup();
    assert_eq!(store.schools_written(r0, r1), Some(written.clone()));

    let (data, ix) = store.load_overview_indexed().unwrap();
    app.set_data_followed(data, ix, store.schools_written(r0, r1));
    assert_eq!(app.board.rows, fresh_rows(&store));
    assert_ne!(
        app.board.rows, before,
        "the commits changed what the board shows"
    );

    // A scheme change: every row may change, so no list of schools.
    store
        .set_scheme(&Scheme::la_default(), &by("Ola Okafor"))
        .unwrap();
    let r2 = store.revision().unwrap();
    assert_eq!(store.schools_written(r1, r2), None);
    // A chain this process did not see (revision 0 is before the import): none either.
    assert_eq!(store.schools_written(0, r2), None);
    let (data, ix) = store.load_overview_indexed().unwrap();
    app.set_data_followed(data, ix, store.schools_written(r1, r2));
    assert_eq!(app.board.rows, fresh_rows(&store));
}
