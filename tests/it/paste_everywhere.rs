//! A bracketed paste lands in whatever text field has the keyboard, not only the note form:
//! the board's search, an activity's title, a meeting's rationale; cleaned to one line, and
//! never taken as commands. Where no field takes text, the status line says so.

use crate::app_common::{app, keys};
use sqa_board::app::Screen;

#[test]
fn a_paste_into_the_board_search_filters_as_typed() {
    let mut a = app();
    let name = a.data.schools[3].name.clone();
    let word: String = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    keys(&mut a, "/");
    // Pasted from a document: with a line break and an escape sequence.
    a.paste(&format!("{word}\r\n\u{1b}[31m"));
    assert_eq!(a.board.search.trim(), word, "{:?}", a.board.search);
    assert!(!a.should_quit());
}

#[test]
fn a_paste_on_the_board_outside_the_search_is_not_taken_as_keys() {
    let mut a = app();
    // "q" would quit, "/" search, "n" open a note: none of it happens.
    a.paste("q/n");
    assert!(!a.should_quit());
    assert_eq!(a.screen(), Screen::Board);
    assert!(
        a.status
            .as_deref()
            .unwrap_or("")
            .contains("Nothing here takes pasted text")
    );
}

#[test]
fn a_paste_into_an_activity_title_and_a_meeting_rationale() {
    let mut a = crate::timeline_keys::demo_app();
    keys(&mut a, "<Enter>ta<Tab>");
    assert_eq!(a.screen(), Screen::ActivityForm);
    a.paste("Deep dive: reading\tin KS2");
    let f = a.tl.activity.as_ref().expect("the form");
    assert_eq!(f.title, "Deep dive: reading in KS2");

    let mut m = crate::meeting_keys::planned_and_started(2);
    keys(&mut m, "=");
    m.paste("Still the best fit q 1s");
    assert_eq!(
        m.current_form().expect("form").rationale,
        "Still the best fit q 1s"
    );
    assert!(!m.should_quit());
}
