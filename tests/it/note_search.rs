//! Finding any note by its words, from the board: `F`, type, Enter searches every note in the
//! store, the hits list school, date, officer and the matching line; Enter opens the selected
//! note read-only. Key scripts over a real store, and the list at 80x24.

use crate::app_common::{Live, dataset, keys, notes, today};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::Screen;
use sqa_board::keymap::Context;

fn live() -> Live {
    let mut data = dataset();
    let urn = data.schools[2].urn;
    data.notes.extend(notes(urn));
    let mut a = Live::new(&data, "tester", today());
    a.set_no_color(true);
    a
}

fn screen(a: &Live) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, a)).expect("draw");
    let b = t.backend().buffer();
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn f_finds_a_note_by_its_words_and_enter_opens_it() {
    let mut a = live();
    keys(&mut a, "F");
    assert_eq!(a.screen(), Screen::NoteSearch);
    assert_eq!(a.context(), Context::NoteSearch);
    // Letters are the query here, not commands (q, n, F).
    keys(&mut a, "autumn");
    let effects = keys(&mut a, "<Enter>");
    assert!(
        matches!(effects.first(), Some(sqa_board::app::Effect::SearchNotes(q)) if q == "autumn"),
        "{effects:?}"
    );
    a.run(effects);
    let hits = &a.note.search.as_ref().expect("open").hits;
    assert_eq!(hits.len(), 1, "{hits:?}");
    let s = screen(&a);
    assert!(s.contains("Autumn check-in"), "{s}");
    insta::assert_snapshot!("note_search_80x24", s);
    // Enter again opens the note found, read-only (it is final).
    keys(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::NoteView);
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::NoteSearch);
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::Board);
}

#[test]
fn no_hit_says_so_and_an_empty_query_searches_nothing() {
    let mut a = live();
    keys(&mut a, "F");
    assert!(
        keys(&mut a, "<Enter>").is_empty(),
        "nothing typed, nothing searched"
    );
    keys(&mut a, "zebra");
    let e = keys(&mut a, "<Enter>");
    a.run(e);
    assert!(
        a.status.as_deref().unwrap_or("").contains("Nothing holds"),
        "{:?}",
        a.status
    );
    assert!(!a.should_quit());
}

/// Decisions' rationales and checkpoint reviews' commentaries are found too, filters narrow,
/// and a filter that cannot be read is named, nothing searched.
#[test]
fn rationales_and_reviews_are_found_and_filters_narrow() {
    let mut data = dataset();
    let urn = data.schools[0].urn;
    data.checkpoints.push(sqa_board::domain::CheckpointReview {
        id: 880,
        urn,
        date: crate::app_common::d(2026, 11, 2),
        reviewer: "spatel".into(),
        plan: None,
        progress: vec![sqa_board::domain::checkpoint::PriorityProgress {
            priority: 0,
            progress: sqa_board::domain::checkpoint::Progress::SomeConcern,
            commentary: "Governors slow to appoint a chair".into(),
        }],
        overall: sqa_board::domain::checkpoint::Progress::SomeConcern,
        judgement: "Mixed".into(),
        recommendation: sqa_board::domain::checkpoint::Recommendation::Keep,
        next_due: None,
        rev: 0,
    });
    let mut a = Live::new(&data, "tester", today());
    keys(&mut a, "Fgovernors slow");
    let e = keys(&mut a, "<Enter>");
    a.run(e);
    let s = a.note.search.as_ref().expect("search open");
    let fields: Vec<&str> = s.hits.iter().map(|h| h.field).collect();
    assert_eq!(fields, vec!["Commentary", "Rationale"], "newest first");
    // Enter opens the review in its view.
    keys(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::ReviewView);
    assert_eq!(a.review_viewed().map(|r| r.id), Some(880));
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::NoteSearch);
    // The decision opens its school at the priority history.
    keys(&mut a, "<Down><Enter>");
    assert_eq!(a.screen(), Screen::School);
    assert_eq!(
        a.school.as_ref().map(|s| (s.urn, s.section)),
        Some((urn, sqa_board::app::Section::History))
    );
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::NoteSearch);

    // Filters: only decisions; by an officer; a bad date named.
    for _ in 0.."governors slow".len() {
        keys(&mut a, "<Bs>");
    }
    keys(&mut a, "governors in:decisions");
    let e = keys(&mut a, "<Enter>");
    a.run(e);
    let s = a.note.search.as_ref().expect("search open");
    assert_eq!(s.hits.len(), 1);
    assert_eq!(s.hits[0].field, "Rationale");
    keys(&mut a, " from:someday");
    let e = keys(&mut a, "<Enter>");
    assert!(e.is_empty(), "{e:?}");
    assert!(
        a.status.as_deref().unwrap_or("").contains("from:"),
        "{:?}",
        a.status
    );
}

/// Found as you type: each key that changes the query searches (no Enter needed), a filter
/// still being typed waits, and Enter then opens the selected hit.
#[test]
fn typing_searches_as_you_go_and_enter_opens() {
    let mut a = live();
    keys(&mut a, "F");
    let mut searched = 0;
    for c in ["a", "u", "t", "u", "m", "n"] {
        let e = keys(&mut a, c);
        searched += e
            .iter()
            .filter(|e| matches!(e, sqa_board::app::Effect::SearchNotes(_)))
            .count();
        a.run(e);
    }
    assert_eq!(searched, 6, "a search per key");
    assert_eq!(a.note.search.as_ref().map(|s| s.hits.len()), Some(1));
    let e = keys(&mut a, " from:1");
    let last = keys(&mut a, "<Bs>");
    assert!(
        !e.iter()
            .chain(&last)
            .any(|e| matches!(e, sqa_board::app::Effect::SearchNotes(q) if q.ends_with("from:1"))),
        "{e:?}"
    );
    for _ in 0.." from:".len() {
        let e = keys(&mut a, "<Bs>");
        a.run(e);
    }
    keys(&mut a, "<Enter>");
    assert_eq!(
        a.screen(),
        Screen::NoteView,
        "Enter opens the hit found as typed"
    );
}

/// `F` works from the school screen too, and Esc comes back to it.
#[test]
fn f_from_the_school_screen_finds_and_esc_comes_back() {
    let mut a = live();
    keys(&mut a, "<Enter>");
    assert_eq!(a.screen(), Screen::School);
    keys(&mut a, "F");
    assert_eq!(a.screen(), Screen::NoteSearch);
    keys(&mut a, "<Esc>");
    assert_eq!(a.screen(), Screen::School);
    keys(&mut a, "<Tab><Tab><Tab>F");
    assert_eq!(a.screen(), Screen::NoteSearch, "from the Notes section too");
}
