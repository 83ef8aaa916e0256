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
        a.status.as_deref().unwrap_or("").contains("No note holds"),
        "{:?}",
        a.status
    );
    assert!(!a.should_quit());
}
