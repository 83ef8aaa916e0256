//! State level: what the decoder makes of a large input reaches the app whole (a 16 KB burst
//! without bracketed paste, key by key; a 1 MB bracketed paste), in reads of any size.

use crate::app_common;

use app_common::app;
use sqa_board::app::note::{Slot, TextField};
use sqa_board::app::{App, Screen};
use sqa_board::input::{Decoder, Input};
use std::time::Instant;

/// A new note for the first school on the board, its free text focused.
fn free_text() -> App {
    let mut app = app();
    let mut d = Decoder::default();
    deliver(&mut app, &mut d, b"n", 1);
    assert_eq!(app.screen(), Screen::Note);
    for _ in 0..40 {
        if app.note.form.as_ref().map(|f| f.slot) == Some(Slot::Text(TextField::Text)) {
            return app;
        }
        deliver(&mut app, &mut d, b"\t", 1);
    }
    panic!("never reached the free text");
}

/// Feeds `bytes` in reads of `read` bytes and hands what is decoded to the app, as the
/// runtime does.
fn deliver(app: &mut App, d: &mut Decoder, bytes: &[u8], read: usize) {
    let now = Instant::now();
    for chunk in bytes.chunks(read) {
        for input in d.feed(chunk, now) {
            match input {
                Input::Key(k) => drop(app.handle_key(k)),
                Input::Paste(text) => drop(app.paste(&text)),
                Input::PasteCut(_) => panic!("cut"),
            }
        }
    }
}

fn text(app: &App) -> String {
    app.note.form.as_ref().expect("form").text(TextField::Text)
}

#[test]
fn a_16_kb_unbracketed_burst_lands_whole() {
    let mut burst = String::new();
    let mut i = 0;
    // 16 KB key by key, as the app takes single keys (64 KB arrives whole through the session,
    // which inserts runs of typed text at once: tests/it/runner.rs): the text field redoes its
    // wrap map on every key, so 64 K keys cost ~20 s here, three times per CI run.
    while burst.len() < 16 * 1024 {
        // Lines as a document pasted without bracketed paste has them (Enter is \r).
        let end = if i % 12 == 11 { "\r" } else { " " };
        burst.push_str(&format!("w{i}{end}"));
        i += 1;
    }
    burst.push_str("LASTWORDS");
    let mut app = free_text();
    let mut d = Decoder::default();
    deliver(&mut app, &mut d, burst.as_bytes(), 4095);
    assert!(
        text(&app) == burst.replace('\r', "\n"),
        "not whole: {} of {} bytes",
        text(&app).len(),
        burst.len()
    );
}

#[test]
fn a_1_mb_bracketed_paste_lands_whole() {
    let mut body = String::new();
    let mut i = 0;
    while body.len() < 1_000_000 {
        body.push_str(&format!("Line {i}: evidence seen in books.\r\n"));
        i += 1;
    }
    body.push_str("THE LAST WORDS");
    let mut app = free_text();
    let mut d = Decoder::default();
    deliver(
        &mut app,
        &mut d,
        format!("\x1b[200~{body}\x1b[201~").as_bytes(),
        4096,
    );
    assert!(text(&app) == body.replace("\r\n", "\n"), "not whole");
}
