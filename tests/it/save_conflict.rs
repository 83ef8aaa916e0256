//! Never a silent overwrite: a save that runs into another officer's offers view theirs, keep
//! mine, save over theirs (typed `overwrite`, audited, theirs kept as an earlier version) and
//! discard mine; and with twenty officers saving at once, over a real store, exactly one save
//! of one note lands and the nineteen others are told and keep every word, while twenty saves
//! to twenty schools all land.

use crate::app_common;

use app_common::{Live, d, dataset, keys, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::{App, Effect, Record};
use sqa_board::domain::{Note, NoteBody, NoteStatus, OfficerNames};
use sqa_board::keymap::Context;
use std::sync::{Arc, Barrier};

const NOTE: u64 = 501;

fn note(urn: u32) -> Note {
    Note {
        id: NOTE,
        urn,
        author: "jmarsh".into(),
        created: app_common::at(d(2026, 11, 3)),
        status: NoteStatus::Final,
        finalised: Some(app_common::at(d(2026, 11, 4))),
        body: NoteBody {
            date: Some(d(2026, 11, 3)),
            visitors: vec!["jmarsh".into()],
            visit_type: "Support visit".into(),
            purpose: "Review reading across the school".into(),
            ..NoteBody::default()
        },
        amendments: vec![],
        response: None,
        rev: 0,
    }
}

/// A store holding the note on the first school of the board, and the first session over it.
fn first_session(user: &str) -> Live {
    let mut data = dataset();
    let urn = data.schools[0].urn;
    data.notes.push(note(urn));
    Live::new(&data, user, today())
}

/// `live` with the note open in its form for an amendment, `words` typed into its first field.
fn amending(live: &mut Live, words: &str) {
    live.officer_names = OfficerNames::new(vec![
        ("amy".into(), "Amy Khan".into()),
        ("ben".into(), "Ben Ode".into()),
    ]);
    keys(live, "<Enter>");
    let urn = live.school.as_ref().expect("school open").urn;
    let notes = live.store.notes_for(urn).expect("notes read");
    live.set_notes(urn, notes);
    keys(live, "<Tab><Tab><Tab><Enter>");
    assert_eq!(live.context(), Context::NoteView);
    keys(live, "aA correction<Enter>");
    assert_eq!(live.context(), Context::NoteForm);
    keys(live, words);
}

fn save(live: &mut Live) -> Vec<Record> {
    let effects = keys(live, "<C-s>");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Save(_))),
        "{effects:?}"
    );
    live.run(effects)
}

fn form_has(app: &App, words: &str) -> bool {
    let form = app.note.form.as_ref().expect("the form is open");
    sqa_board::app::note::TextField::ALL
        .iter()
        .any(|f| form.text(*f).contains(words))
}

fn stored(live: &Live) -> Note {
    live.store
        .get::<Note>(&NOTE)
        .expect("read")
        .expect("stored")
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    let buf = t.backend().buffer();
    (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Amy and Ben amend the same note; Ben saves first.
fn both_amending() -> (Live, Live) {
    let mut amy = first_session("amy");
    let mut ben = Live::join(&amy.store, "ben", today());
    amending(&mut amy, "Amy's words ");
    amending(&mut ben, "Ben's words ");
    assert!(!save(&mut ben).is_empty(), "Ben's save lands");
    assert!(save(&mut amy).is_empty(), "Amy's is refused");
    (amy, ben)
}

#[test]
fn a_save_over_someone_elses_offers_the_choices_and_keeps_every_word() {
    let (mut amy, _ben) = both_amending();
    assert_eq!(amy.context(), Context::Conflict);
    assert!(form_has(&amy, "Amy's words"), "the form keeps Amy's text");
    let shown = screen(&amy);
    insta::assert_snapshot!("conflict_choices_80x24", shown);
    assert!(shown.contains("Saved meanwhile by Ben Ode"), "{shown}");

    // Tab shows theirs, what differs from hers marked.
    keys(&mut amy, "<Tab>");
    let c = amy.conflict().expect("choices open");
    let differing: Vec<String> = c
        .lines()
        .into_iter()
        .filter(|(d, _, _)| *d)
        .map(|(_, _, v)| v)
        .collect();
    assert!(
        differing.iter().any(|v| v.contains("Ben's words")),
        "{differing:?}"
    );
    insta::assert_snapshot!("conflict_theirs_80x24", screen(&amy));

    // Plain typing and Enter never save over theirs: only the typed word does.
    let effects = keys(&mut amy, "yes<Enter>");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(amy.context(), Context::Conflict);
    keys(&mut amy, "<Bs><Bs><Bs>");

    // Esc keeps hers: back to the form, every word there; Ben's stays stored.
    keys(&mut amy, "<Esc>");
    assert_eq!(amy.context(), Context::NoteForm);
    assert!(form_has(&amy, "Amy's words"));
    assert!(
        stored(&amy).body.text.contains("Ben's words"),
        "{:?}",
        stored(&amy).body
    );
    // Saving again offers the choices again, never overwrites.
    assert!(save(&mut amy).is_empty());
    assert_eq!(amy.context(), Context::Conflict);
}

#[test]
fn overwrite_typed_saves_mine_over_theirs_and_keeps_theirs_as_a_version() {
    let (mut amy, _ben) = both_amending();
    let effects = keys(&mut amy, "overwrite<Enter>");
    assert!(
        matches!(effects.as_slice(), [Effect::Save(_)]),
        "{effects:?}"
    );
    assert!(!amy.run(effects).is_empty(), "saved over Ben's");
    assert_ne!(amy.context(), Context::Conflict);
    let note = stored(&amy);
    assert!(note.body.text.contains("Amy's words"), "{:?}", note.body);
    let versions: Vec<(u32, String)> = note
        .amendments_in_order()
        .iter()
        .map(|a| (a.version, a.author.clone()))
        .collect();
    assert_eq!(
        versions,
        vec![(2, "ben".into()), (3, "amy".into())],
        "Ben's amendment, then Amy's over it"
    );
    assert!(
        note.body_of(2)
            .is_some_and(|b| b.text.contains("Ben's words")),
        "Ben's version is an earlier version"
    );
    let audit = amy.store.audit().expect("audit");
    let last = audit
        .iter()
        .rev()
        .find(|e| e.kind == "note")
        .expect("an entry");
    let visits = amy
        .store
        .export_dataset()
        .expect("read")
        .activities
        .into_iter()
        .filter(|a| a.note == Some(NOTE))
        .count();
    assert_eq!(
        visits, 1,
        "the visit is recorded once, not once per officer"
    );
    assert_eq!(last.user, "amy");
    assert!(last.summary.contains("saved over ben's change"), "{last:?}");
}

#[test]
fn ctrl_q_discards_mine_into_recently_discarded() {
    let (mut amy, _ben) = both_amending();
    let effects = keys(&mut amy, "<C-q>");
    amy.run(effects);
    assert!(amy.note.form.is_none(), "the form is closed");
    assert!(
        amy.discarded.iter().any(|d| d.summary().contains("Amy's words")
            || matches!(&d.item, sqa_board::app::discarded::Binned::Note(n) if n.body.text.contains("Amy's words"))),
        "Amy's text is in Recently discarded"
    );
}

/// Twenty officers amend one note and press Ctrl-S at the same moment: exactly one lands, the
/// nineteen others see the choices with every word they typed still in their form.
#[test]
fn twenty_simultaneous_saves_of_one_note_one_lands_nineteen_keep_their_text() {
    let first = first_session("officer0");
    let store = first.store.clone();
    let mut sessions = vec![first];
    for i in 1..20 {
        sessions.push(Live::join(&store, &format!("officer{i}"), today()));
    }
    let mut asked = Vec::new();
    for (i, s) in sessions.iter_mut().enumerate() {
        amending(s, &format!("words of officer {i}."));
        asked.push(keys(s, "<C-s>"));
    }
    let start = Arc::new(Barrier::new(20));
    let handles: Vec<_> = sessions
        .into_iter()
        .zip(asked)
        .map(|(mut s, effects)| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                let saved = s.run(effects);
                (s, saved.len())
            })
        })
        .collect();
    let done: Vec<(Live, usize)> = handles
        .into_iter()
        .map(|h| h.join().expect("a session thread"))
        .collect();
    let landed: Vec<usize> = done
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(landed.len(), 1, "exactly one save lands: {landed:?}");
    let winner = landed[0];
    assert!(
        stored(&done[winner].0)
            .body
            .text
            .contains(&format!("words of officer {winner}.")),
    );
    for (i, (s, _)) in done.iter().enumerate().filter(|(i, _)| *i != winner) {
        assert_eq!(s.context(), Context::Conflict, "officer {i} is told");
        assert!(
            form_has(s, &format!("words of officer {i}.")),
            "officer {i} keeps the text"
        );
    }
}

/// Twenty officers save twenty different schools' details at once: all land.
#[test]
fn twenty_simultaneous_saves_to_twenty_schools_all_land() {
    let mut data = dataset();
    while data.schools.len() < 20 {
        let mut s = data.schools[0].clone();
        s.urn = 900_000 + data.schools.len() as u32;
        s.name = format!("Extra School {}", data.schools.len());
        data.schools.push(s);
    }
    let first = Live::new(&data, "officer0", today());
    let store = first.store.clone();
    let schools: Vec<sqa_board::domain::School> = first.data.schools.to_vec();
    let mut sessions = vec![first];
    for i in 1..20 {
        sessions.push(Live::join(&store, &format!("officer{i}"), today()));
    }
    let start = Arc::new(Barrier::new(20));
    let handles: Vec<_> = sessions
        .into_iter()
        .zip(schools)
        .enumerate()
        .map(|(i, (mut s, mut school))| {
            let start = Arc::clone(&start);
            school.notes = format!("Visited by officer {i}");
            let effects = vec![Effect::Save(sqa_board::app::SaveRequest {
                records: vec![(Record::School(school), "details".into())],
                done_message: "Saved".into(),
            })];
            std::thread::spawn(move || {
                start.wait();
                s.run(effects).len()
            })
        })
        .collect();
    let landed: usize = handles
        .into_iter()
        .map(|h| h.join().expect("a session thread"))
        .sum();
    assert_eq!(landed, 20, "every school's save lands");
}

/// The same choices on any form: two officers edit a school's details; the second saves over
/// the first only by typing `overwrite`, and the audit says over whose change.
#[test]
fn school_details_saved_meanwhile_offer_the_same_choices() {
    let mut amy = Live::new(&dataset(), "amy", today());
    let mut ben = Live::join(&amy.store, "ben", today());
    keys(&mut ben, "<Enter>e<Tab><Tab><Tab><Tab><Tab><Tab>Ben's note");
    let effects = keys(&mut ben, "<C-s>");
    assert!(!ben.run(effects).is_empty(), "Ben's details land");
    keys(&mut amy, "<Enter>e<Tab><Tab><Tab><Tab><Tab><Tab>Amy's note");
    let effects = keys(&mut amy, "<C-s>");
    assert!(amy.run(effects).is_empty(), "Amy's is refused");
    assert_eq!(amy.context(), Context::Conflict);
    keys(&mut amy, "<Tab>");
    let lines = amy.conflict().expect("choices").lines();
    assert!(
        lines
            .iter()
            .any(|(differs, label, v)| *differs && label == "notes" && v == "Ben's note"),
        "{lines:?}"
    );
    let effects = keys(&mut amy, "overwrite<Enter>");
    assert!(!amy.run(effects).is_empty(), "saved over Ben's");
    let urn = amy.data.schools[0].urn;
    let school: sqa_board::domain::School = amy.store.get(&urn).expect("read").expect("stored");
    assert_eq!(school.notes, "Amy's note");
    let audit = amy.store.audit_for(urn).expect("audit");
    assert!(
        audit[0].user == "amy" && audit[0].summary.contains("saved over ben's change"),
        "{:?}",
        audit[0]
    );
}
