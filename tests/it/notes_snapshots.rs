//! The note of visit form drawn at 80x24 and 120x40 (no colour), with Unicode text, an agreed
//! action row, an inline date message and a popup.

use crate::app_common;

use app_common::app;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sqa_board::app::App;

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    t
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, mods));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn tab(app: &mut App, n: usize) {
    for _ in 0..n {
        key(app, KeyCode::Tab, KeyModifiers::NONE);
    }
}

fn filled() -> App {
    let mut app = app();
    app.set_no_color(true);
    typed(&mut app, "n");
    tab(&mut app, 1);
    typed(&mut app, "Jo Marsh, Sam Patel");
    tab(&mut app, 2);
    typed(&mut app, "Review of reading — FIERTÉ 学校 🏫");
    tab(&mut app, 2);
    typed(&mut app, "14");
    tab(&mut app, 1);
    typed(&mut app, "Reading records, phonics books");
    tab(&mut app, 3);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    typed(&mut app, "Phonics catch-up plan");
    tab(&mut app, 1);
    typed(&mut app, "Head");
    tab(&mut app, 1);
    typed(&mut app, "31/11");
    tab(&mut app, 3);
    typed(
        &mut app,
        "Long free text that wraps across the width of the field, with accents é and CJK 学校 and emoji 🏫 to check alignment.",
    );
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    typed(&mut app, "Second paragraph.");
    app
}

#[test]
fn note_form_80x24() {
    let app = filled();
    let t = render(&app, 80, 24);
    insta::assert_snapshot!("note_form_80x24", t.backend());
}

#[test]
fn note_form_120x40() {
    let app = filled();
    let t = render(&app, 120, 40);
    insta::assert_snapshot!("note_form_120x40", t.backend());
}

#[test]
fn note_form_unsaved_popup_80x24() {
    let mut app = filled();
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let t = render(&app, 80, 24);
    insta::assert_snapshot!("note_form_unsaved_80x24", t.backend());
}
