//! The lean backend's SGR transitions, frames and cursor moves, checked against a model of
//! what a terminal does.

use super::*;
use proptest::prelude::*;

const NAMED: [(u8, Color); 16] = [
    (30, Color::Black),
    (31, Color::Red),
    (32, Color::Green),
    (33, Color::Yellow),
    (34, Color::Blue),
    (35, Color::Magenta),
    (36, Color::Cyan),
    (37, Color::Gray),
    (90, Color::DarkGray),
    (91, Color::LightRed),
    (92, Color::LightGreen),
    (93, Color::LightYellow),
    (94, Color::LightBlue),
    (95, Color::LightMagenta),
    (96, Color::LightCyan),
    (97, Color::White),
];

/// What a terminal does with one SGR sequence, written from ECMA-48 / xterm's table rather
/// than from the code under test.
fn apply(pen: Pen, bytes: &[u8]) -> Pen {
    let text = std::str::from_utf8(bytes).expect("ascii");
    let body = text
        .strip_prefix("\x1b[")
        .and_then(|t| t.strip_suffix('m'))
        .expect("one SGR sequence");
    assert!(!body.contains('\x1b'), "one sequence only: {text:?}");
    let mut p = pen;
    let nums: Vec<u16> = if body.is_empty() {
        vec![0]
    } else {
        body.split(';')
            .map(|n| n.parse().expect("number"))
            .collect()
    };
    let mut i = 0;
    while i < nums.len() {
        let n = nums[i];
        let named = |n: u16| NAMED.iter().find(|(c, _)| u16::from(*c) == n).map(|x| x.1);
        match n {
            0 => p = PLAIN,
            1..=9 => p.modifier |= MODIFIER_CODES[usize::from(n) - 1].0,
            22 => p.modifier -= Modifier::BOLD | Modifier::DIM,
            24 => p.modifier -= Modifier::UNDERLINED,
            25 => p.modifier -= Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
            27 => p.modifier -= Modifier::REVERSED,
            39 => p.fg = Color::Reset,
            49 => p.bg = Color::Reset,
            38 | 48 => {
                let c = match nums[i + 1] {
                    5 => {
                        i += 2;
                        Color::Indexed(nums[i] as u8)
                    }
                    _ => {
                        i += 4;
                        Color::Rgb(nums[i - 2] as u8, nums[i - 1] as u8, nums[i] as u8)
                    }
                };
                if n == 38 { p.fg = c } else { p.bg = c }
            }
            30..=37 | 90..=97 => p.fg = named(n).expect("named"),
            40..=47 | 100..=107 => p.bg = named(n - 10).expect("named"),
            other => panic!("unexpected SGR {other} in {text:?}"),
        }
        i += 1;
    }
    p
}

fn colour() -> impl Strategy<Value = Color> {
    prop_oneof![
        Just(Color::Reset),
        (0usize..16).prop_map(|i| NAMED[i].1),
        any::<u8>().prop_map(Color::Indexed),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn pen() -> impl Strategy<Value = Pen> {
    (colour(), colour(), any::<u16>()).prop_map(|(fg, bg, bits)| Pen {
        fg,
        bg,
        modifier: Modifier::from_bits_truncate(bits),
    })
}

proptest! {
    /// Whatever the terminal's pen, the sequence written leaves exactly the pen asked for.
    #[test]
    fn every_transition_lands_on_the_target(from in pen(), to in pen()) {
        prop_assume!(from != to);
        prop_assert_eq!(apply(from, &sgr(from, to)), to);
    }
}

fn pen_of(fg: Color, modifier: Modifier) -> Pen {
    Pen {
        fg,
        bg: Color::Reset,
        modifier,
    }
}

#[test]
fn transitions_are_short() {
    let bold_rev = Modifier::BOLD | Modifier::REVERSED;
    let cases = [
        // The board's selected row: from its red priority cell back to the plain selection.
        (
            pen_of(Color::Red, bold_rev),
            pen_of(Color::Reset, bold_rev),
            "\x1b[39m",
        ),
        (
            pen_of(Color::Reset, bold_rev),
            pen_of(Color::Red, bold_rev),
            "\x1b[31m",
        ),
        (PLAIN, pen_of(Color::Reset, bold_rev), "\x1b[1;7m"),
        (pen_of(Color::Red, Modifier::BOLD), PLAIN, "\x1b[m"),
        (
            pen_of(Color::Reset, bold_rev),
            pen_of(Color::Reset, Modifier::BOLD),
            "\x1b[27m",
        ),
        (pen_of(Color::Reset, Modifier::ITALIC), PLAIN, "\x1b[m"),
    ];
    for (from, to, want) in cases {
        assert_eq!(
            String::from_utf8_lossy(&sgr(from, to)),
            want,
            "{from:?} -> {to:?}"
        );
    }
}

/// Counts the writes that reach it, as strace would count write(2) calls.
#[derive(Default)]
struct Counting {
    writes: usize,
    bytes: Vec<u8>,
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writes += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_frame_is_one_write_sized_by_the_session() {
    use ratatui::widgets::{Paragraph, Wrap};
    let size = Size {
        width: 80,
        height: 5,
    };
    let mut t =
        ratatui::Terminal::new(LeanBackend::new(Counting::default(), size)).expect("terminal");
    assert_eq!(t.size().expect("size"), size);
    let text = Paragraph::new("x".repeat(300)).wrap(Wrap { trim: false });
    t.draw(|f| f.render_widget(text, f.area())).expect("draw");
    let out = t.backend().sink();
    assert_eq!(out.writes, 1);
    // 300 cells drawn, more than `SYNC_MIN` bytes: one synchronized update.
    assert!(out.bytes.starts_with(SYNC_BEGIN) && out.bytes.ends_with(SYNC_END));
    // The session's terminal grows: the backend says so without asking any terminal.
    t.backend_mut().set_size(Size {
        width: 100,
        height: 5,
    });
    assert_eq!(t.size().expect("size").width, 100);
}

#[test]
fn a_cursor_move_over_known_blanks_is_sent_as_the_blanks() {
    let size = Size {
        width: 20,
        height: 2,
    };
    let mut b = LeanBackend::new(Counting::default(), size);
    b.screen_is_blank();
    let cell = Cell::new("a");
    b.draw([(0u16, 0u16, &cell)].into_iter()).expect("draw");
    b.flush().expect("flush");
    let before = b.sink().bytes.len();
    // A space typed after the "a": the cell is already blank, only the cursor moves.
    b.set_cursor_position(Position { x: 2, y: 0 })
        .expect("move");
    b.flush().expect("flush");
    assert_eq!(&b.sink().bytes[before..], b" ");
    // Far, or onto another row: a real move.
    b.set_cursor_position(Position { x: 10, y: 1 })
        .expect("move");
    b.flush().expect("flush");
    let sent = String::from_utf8_lossy(&b.sink().bytes[before..]).to_string();
    assert!(sent.ends_with("\x1b[2;11H"), "{sent:?}");
}
