//! What the terminal is sent for a typed character in each one-line field, and for a move on
//! the board (issue 19): over SSH every byte of a keystroke's echo is waited for. The session
//! core is driven with bytes in and frames out (read back through a vt100 screen); these are
//! counts of bytes, not timings.

use crate::app_common::{Live, dataset, today};
use crate::meeting_keys::{k, planned_and_started};
use ratatui::layout::Size;
use sqa_board::app::Screen;
use sqa_board::runner::Runner;
use std::time::Instant;

const SIZE: Size = Size {
    width: 80,
    height: 24,
};

/// A sentence as typed: words that do not repeat, spaces between them.
pub const SENTENCE: &str = "Reading is taught well across the school";

/// A session over a prepared app, and the screen its frames are drawn on.
pub struct Wire {
    pub runner: Runner<'static>,
    pub screen: vt100::Parser,
}

impl Wire {
    /// The session of `live` (its app as the key scripts left it), its first frame drawn.
    pub fn new(live: Live) -> Wire {
        Wire::sized(live, SIZE)
    }

    /// The same on a screen of `size`.
    pub fn sized(live: Live, size: Size) -> Wire {
        let Live { store, app, .. } = live;
        // The store outlives the session for the test's length; leaking it keeps the runner's
        // borrow simple.
        let store: &'static _ = Box::leak(Box::new(store));
        let runner = Runner::new(store, app, size, 0x7f).expect("a session");
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
        let mut w = Wire {
            runner,
            screen: vt100::Parser::new(nz(size.height), nz(size.width), 0),
        };
        w.draw();
        w
    }

    /// Ships the next frame to the screen; returns its length in bytes.
    pub fn draw(&mut self) -> usize {
        let bytes = self.runner.frame().expect("a frame");
        self.screen.process(&bytes);
        bytes.len()
    }

    /// Sends `keys` as one read; the bytes of the frame that answers it.
    pub fn key(&mut self, keys: &str) -> usize {
        self.runner.input(keys.as_bytes(), Instant::now());
        self.draw()
    }

    /// Types `text` a character at a time, each drawn before the next; the bytes per character.
    /// Each echo is checked on the screen: the character is just left of the terminal's
    /// cursor, which is shown (the field's caret).
    pub fn type_text(&mut self, text: &str) -> f64 {
        let mut total = 0;
        for c in text.chars() {
            total += self.key(&c.to_string());
            let screen = self.screen.screen();
            assert!(!screen.hide_cursor(), "the cursor is hidden while typing");
            let (row, col) = screen.cursor_position();
            let cell = |row, col| {
                screen
                    .cell(row, col)
                    .map(|cell| cell.contents().to_string())
            };
            let left = cell(row, col.saturating_sub(1)).unwrap_or_default();
            // A wrapped field's full line: the cursor waits at the start of the next.
            let wrapped = !left.chars().any(char::is_alphanumeric)
                && (0..SIZE.width)
                    .any(|x| cell(row.saturating_sub(1), x).as_deref() == Some(&c.to_string()));
            assert!(
                c == ' ' || left == c.to_string() || wrapped,
                "{c:?} is not left of the cursor at {row},{col}:\n{}",
                screen.contents()
            );
        }
        total as f64 / text.chars().count() as f64
    }
}

/// Each field with the keyboard, as a key script reaches it from the board, and where the
/// typing lands.
pub fn fields() -> Vec<(&'static str, Live, &'static str)> {
    let from_board = |keys: &str| {
        let mut a = Live::new(&dataset(), "tester", today());
        k(&mut a, keys);
        a
    };
    let mut meeting = planned_and_started(5);
    k(&mut meeting, "r");
    let mut prompt = planned_and_started(5);
    k(&mut prompt, "D");
    vec![
        // Typed once the search has narrowed the board to one school, so what is measured is
        // the echo, not the board filtering as it is typed.
        (
            "board search",
            from_board("/Ashby"),
            " Fields Primary School",
        ),
        ("meeting rationale", meeting, SENTENCE),
        ("meeting prompt (defer reason)", prompt, SENTENCE),
        (
            "meeting plan (attendees)",
            from_board("MN"),
            "Priya Shah, Tom Reed",
        ),
        (
            "school details (notes)",
            from_board("<Enter>e<Tab><Tab><Tab><Tab><Tab><Tab>"),
            SENTENCE,
        ),
        ("activity title", from_board("ta<Tab>"), SENTENCE),
        (
            "escalation step (grounds)",
            from_board("<Enter>E<Right><Tab><Tab><Tab><Tab>"),
            SENTENCE,
        ),
        (
            "checkpoint review (commentary)",
            from_board("<Enter>r<Tab>"),
            SENTENCE,
        ),
        ("support plan (a priority)", from_board("tP"), SENTENCE),
        // Words found nowhere: the hits stay none, so what is measured is the echo.
        (
            "note search",
            from_board("Fzq"),
            " nothing matches these words",
        ),
    ]
}

#[test]
fn typing_in_every_one_line_field_costs_about_the_echo() {
    let mut all = Vec::new();
    for (name, live, text) in fields() {
        let screen = live.screen();
        let mut w = Wire::new(live);
        let per_char = w.type_text(text);
        eprintln!("{name} ({screen:?}): {per_char:.2} bytes per typed character");
        all.push((name, per_char));
    }
    for (name, per_char) in all {
        assert!(
            per_char <= 1.2,
            "{name}: {per_char:.2} bytes per typed character"
        );
    }
}

/// A move on the board marks the newly selected row and unmarks the old one: a few cells, not
/// two rows repainted.
#[test]
fn a_board_move_costs_a_few_bytes() {
    let mut w = Wire::new(Live::new(&dataset(), "tester", today()));
    assert_eq!(w.runner.app().screen(), Screen::Board);
    for key in ["j", "j", "\x1b[B", "k", "\x1b[A"] {
        let n = w.key(key);
        eprintln!("{key:?}: {n} bytes");
        assert!(n <= 60, "{key:?}: {n} bytes");
    }
}

/// What the app's frame is, drawn afresh: the screen the terminal must show, row by row.
fn drawn_afresh(app: &sqa_board::app::App, size: Size) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let backend = ratatui::backend::TestBackend::new(size.width, size.height);
    let mut t = ratatui::Terminal::new(backend).expect("a terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("drawn");
    let b = t.backend().buffer();
    (0..size.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < size.width {
                let symbol = b[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row.trim_end().to_string()
        })
        .collect()
}

/// A move that scrolls the board's table is sent as a scroll of its rows and what still
/// differs (the lean backend's `scroll`): a few rows' bytes, not the table's, and the terminal
/// then shows exactly the frame.
#[test]
fn a_move_that_scrolls_the_board_sends_a_scroll_and_shows_the_frame() {
    // The demo county: 22 schools, 18 rows of the table at 80x24.
    let size = SIZE;
    let demo = sqa_board::demo::demo_dataset().expect("the demo");
    let mut w = Wire::sized(Live::new(&demo, "tester", today()), size);
    let mut scrolled = Vec::new();
    for key in ["j"; 25].into_iter().chain(["k"; 25]) {
        let before = w.runner.app().board.offset.get();
        let n = w.key(key);
        if w.runner.app().board.offset.get() != before {
            scrolled.push(n);
        }
        let shown: Vec<String> = w
            .screen
            .screen()
            .rows(0, size.width)
            .map(|r| r.trim_end().to_string())
            .collect();
        assert_eq!(shown, drawn_afresh(w.runner.app(), size), "after {key:?}");
    }
    eprintln!("moves that scrolled the table: {scrolled:?} bytes");
    assert!(!scrolled.is_empty(), "the table never scrolled");
    // A row brought in (80 cells), the marks and the scroll itself: ~150 bytes, where the
    // table redrawn was ~1,200.
    assert!(scrolled.iter().all(|n| *n <= 250), "{scrolled:?}");
}

/// The row marked as selected on a screen (`▶` first), and whether its end is marked too and
/// no other row is.
fn marked(screen: &str) -> Option<String> {
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains('▶') || l.contains('◀'))
        .collect();
    match rows.as_slice() {
        [row] if row.starts_with('▶') && row.trim_end().ends_with('◀') => Some(row.to_string()),
        _ => None,
    }
}

/// The same through the real binary in a pseudo-terminal (the runtime's transport as well as
/// the session): each move's bytes, counted from the terminal's side once it is drawn.
#[test]
fn a_board_move_in_the_real_binary_costs_a_few_bytes() {
    use crate::common::pty::{Pty, sqa_command};
    let dir = tempfile::Builder::new()
        .prefix("sqa-wire")
        .tempdir()
        .expect("a temporary folder");
    let mut pty = Pty::spawn(sqa_command(&dir.path().join("store"), &["demo"]), 80, 24);
    pty.wait_until("the board", |s| s.contains("? help") && marked(s).is_some());
    for key in ["j", "j", "\x1b[B", "k", "\x1b[A", "j"] {
        let before = marked(&pty.screen());
        let sent = pty.raw_output().len();
        pty.send(key);
        pty.wait_until("the move drawn", |s| {
            marked(s).is_some_and(|row| Some(&row) != before.as_ref())
        });
        let n = pty.raw_output().len() - sent;
        eprintln!("{key:?}: {n} bytes");
        // The frame is one write; should a read end just before its last style reset, those
        // few bytes count for the next move instead.
        assert!(n <= 60, "{key:?}: {n} bytes");
    }
    pty.send("q");
    pty.wait_exit();
}

/// The terminal's cursor is shown only while a text field has the keyboard: not on the board,
/// nor over a field covered by the help.
#[test]
fn the_cursor_is_shown_only_in_a_field_with_the_keyboard() {
    let mut w = Wire::new(Live::new(&dataset(), "tester", today()));
    let hidden = |w: &Wire| w.screen.screen().hide_cursor();
    assert!(hidden(&w), "on the board");
    w.key("/");
    assert!(!hidden(&w), "in the board's search");
    w.key("\x1b");
    // A lone Esc waits for what may follow it; the next key settles it.
    w.key("j");
    assert!(hidden(&w), "back on the board");
    w.key("ta\t");
    assert_eq!(w.runner.app().screen(), Screen::ActivityForm);
    assert!(!hidden(&w), "in the activity's title");
    w.key("\x1bOP");
    assert!(w.runner.app().help_open(), "F1 opens the help");
    assert!(hidden(&w), "under the help");
}

/// The note form's text areas too: their cursor is not shown through the help drawn over them.
#[test]
fn the_note_forms_cursor_is_hidden_under_the_help() {
    let mut w = Wire::new(Live::new(&dataset(), "tester", today()));
    w.key("n");
    assert_eq!(w.runner.app().screen(), Screen::Note);
    for _ in 0..40 {
        if !w.screen.screen().hide_cursor() {
            break;
        }
        w.key("\t");
    }
    assert!(
        !w.screen.screen().hide_cursor(),
        "no text area took the keyboard"
    );
    w.key("\x1bOP");
    assert!(w.runner.app().help_open(), "F1 opens the help");
    assert!(w.screen.screen().hide_cursor(), "under the help");
}
