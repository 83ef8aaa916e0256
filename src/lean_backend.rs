//! A thin `Backend` over crossterm's that remembers where the terminal's cursor is, whether it
//! is shown and which style is current, and writes nothing that would change none of them.
//! Typing a character into a text field then costs the character itself: ratatui's crossterm
//! backend moves the cursor before the first changed cell even when it is already there, resets
//! four attributes after every frame and shows the cursor again on every frame (see PERF.md).
//!
//! It is sized by its session (`set_size`), never by asking a terminal: one process may draw
//! for several terminals of different sizes. A frame is gathered in memory and reaches the
//! sink in one write when ratatui flushes (once per frame); a large frame is wrapped in
//! synchronized output (DEC mode 2026), so the terminal shows it whole instead of tearing.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::queue;
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::Clear;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// Frames at least this long are wrapped in synchronized output. A keystroke's echo (a few
/// bytes) cannot tear, and the 16 bytes of the wrapping would double it.
pub const SYNC_MIN: usize = 256;

/// Begin and end synchronized update (DEC private mode 2026). Terminals that do not know the
/// mode ignore it, as they ignore every unknown private mode.
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

pub struct LeanBackend<W: Write> {
    out: W,
    /// The frame being drawn, written to `out` in one write by `flush`.
    frame: Vec<u8>,
    /// The session's screen size.
    size: Size,
    /// Whether a large frame is wrapped in synchronized output.
    sync: bool,
    /// What each cell of the screen is known to show (row by row), when known: a cursor move
    /// of a few columns over known cells is sent as those cells' characters again (a byte
    /// each) instead of an 8-byte move — a space typed at the end of a line costs 1 byte.
    shown: Vec<Option<(String, Pen)>>,
    /// Where the terminal's cursor is, when known for sure.
    cursor: Option<Position>,
    /// Whether the cursor is shown, when known.
    visible: Option<bool>,
    pen: Pen,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W, size: Size) -> LeanBackend<W> {
        LeanBackend {
            out,
            frame: Vec::new(),
            size,
            sync: true,
            shown: Vec::new(),
            cursor: None,
            visible: None,
            pen: PLAIN,
        }
    }

    /// The terminal has just been cleared (a transport clears it as it enters the alternate
    /// screen): every cell is a plain blank.
    pub fn screen_is_blank(&mut self) {
        self.shown = vec![
            Some((" ".to_string(), PLAIN));
            usize::from(self.size.width) * usize::from(self.size.height)
        ];
    }

    /// The session's terminal changed size: the next frame is drawn at the new size (ratatui
    /// asks `size` before every frame, and redraws in full when it changed).
    pub fn set_size(&mut self, size: Size) {
        if size != self.size {
            self.shown.clear();
        }
        self.size = size;
    }

    /// Whether large frames are wrapped in synchronized output (on unless the session's
    /// terminal is known not to want it).
    pub fn set_sync(&mut self, on: bool) {
        self.sync = on;
    }

    /// The sink the frames are written to.
    pub fn sink(&self) -> &W {
        &self.out
    }

    /// The sink, to take what was written (a session that ships frames itself).
    pub fn sink_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Forget what the terminal is known to show (after another program used it).
    pub fn forget(&mut self) {
        self.shown.clear();
        self.cursor = None;
        self.visible = None;
        self.pen = PLAIN;
    }

    fn cell_index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.size.width && y < self.size.height)
            .then(|| usize::from(y) * usize::from(self.size.width) + usize::from(x))
    }

    /// Notes that the cell at (x, y) now shows `symbol` in `pen` (`None`: unknown).
    fn remember(&mut self, x: u16, y: u16, cell: Option<(&str, Pen)>) {
        let cells = usize::from(self.size.width) * usize::from(self.size.height);
        if self.shown.len() != cells {
            self.shown = vec![None; cells];
        }
        if let Some(i) = self.cell_index(x, y) {
            self.shown[i] = cell.map(|(s, p)| (s.to_string(), p));
        }
    }

    /// Puts the cursor at `to`: nothing if it is there; the known cells between if it is a
    /// few columns to the left on the same row, in the current pen; else a move.
    fn move_to(&mut self, to: Position) -> io::Result<()> {
        if self.cursor == Some(to) {
            return Ok(());
        }
        if let Some(from) = self.cursor
            && from.y == to.y
            && to.x > from.x
            && to.x - from.x <= 4
        {
            let pen = self.pen;
            let again: Option<String> = (from.x..to.x)
                .map(|x| {
                    let i = self.cell_index(x, to.y)?;
                    match self.shown.get(i)? {
                        Some((sym, p)) if *p == pen && sym.width() == 1 => Some(sym.as_str()),
                        _ => None,
                    }
                })
                .collect();
            if let Some(text) = again {
                self.frame.extend_from_slice(text.as_bytes());
                self.cursor = Some(to);
                return Ok(());
            }
        }
        queue!(self.frame, MoveTo(to.x, to.y))?;
        self.cursor = Some(to);
        Ok(())
    }

    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        if to == self.pen {
            return Ok(());
        }
        self.frame.extend_from_slice(&sgr(self.pen, to));
        self.pen = to;
        Ok(())
    }
}

/// Modifiers that have their own "off" code understood by every terminal we target (xterm,
/// tmux, PuTTY, Windows Terminal, the Linux console): 22 ends bold and dim, 24 underline,
/// 25 blink, 27 reverse. Losing any other modifier goes through a full reset.
const UNDOABLE: Modifier = Modifier::BOLD
    .union(Modifier::DIM)
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::REVERSED);

const MODIFIER_CODES: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The SGR parameter of a colour: the 16 named colours as 30–37/90–97 (shorter than
/// `38;5;n`, and understood by 8- and 16-colour terminals such as `TERM=xterm`).
fn colour_code(c: Color, background: bool) -> String {
    let base = |n: u8| (n + if background { 10 } else { 0 }).to_string();
    match c {
        Color::Reset => base(39),
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(n) => format!("{};5;{n}", if background { 48 } else { 38 }),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", if background { 48 } else { 38 }),
    }
}

/// The shortest single SGR sequence that takes the terminal from pen `from` to pen `to`:
/// either only what changes (turning off what was lost, on what was gained, changed colours),
/// or a reset followed by everything `to` has, whichever is shorter.
fn sgr(from: Pen, to: Pen) -> Vec<u8> {
    let from_reset = {
        let mut p = vec!["0".to_string()];
        p.extend(
            MODIFIER_CODES
                .iter()
                .filter(|(m, _)| to.modifier.contains(*m))
                .map(|(_, c)| c.to_string()),
        );
        if to.fg != Color::Reset {
            p.push(colour_code(to.fg, false));
        }
        if to.bg != Color::Reset {
            p.push(colour_code(to.bg, true));
        }
        p
    };
    let lost = from.modifier - to.modifier;
    let incremental = UNDOABLE.contains(lost).then(|| {
        let mut p = Vec::new();
        // What the terminal keeps after the "off" codes: 22 ends both bold and dim.
        let mut kept = from.modifier;
        if lost.intersects(Modifier::BOLD | Modifier::DIM) {
            p.push("22".to_string());
            kept -= Modifier::BOLD | Modifier::DIM;
        }
        for (m, code) in [
            (Modifier::UNDERLINED, "24"),
            (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
            (Modifier::REVERSED, "27"),
        ] {
            if lost.intersects(m) {
                p.push(code.to_string());
                kept -= m;
            }
        }
        p.extend(
            MODIFIER_CODES
                .iter()
                .filter(|(m, _)| to.modifier.contains(*m) && !kept.contains(*m))
                .map(|(_, c)| c.to_string()),
        );
        if to.fg != from.fg {
            p.push(colour_code(to.fg, false));
        }
        if to.bg != from.bg {
            p.push(colour_code(to.bg, true));
        }
        p
    });
    let params = match incremental {
        Some(p) if p.join(";").len() <= from_reset.join(";").len() => p,
        _ if to == PLAIN => vec![String::new()],
        _ => from_reset,
    };
    format!("\x1b[{}m", params.join(";")).into_bytes()
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.size.width;
        for (x, y, cell) in content {
            self.move_to(Position { x, y })?;
            let pen = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            self.set_pen(pen)?;
            let symbol = cell.symbol();
            queue!(self.frame, Print(symbol))?;
            let known = (symbol.width() == 1).then_some((symbol, pen));
            self.remember(x, y, known);
            // Only a one-column symbol moves the cursor predictably (and not past the last
            // column, where the terminal holds a pending wrap).
            self.cursor = (symbol.width() == 1)
                .then(|| Position { x: x + 1, y })
                .filter(|p| p.x < width);
        }
        // Leave no style set between frames: whatever writes next (a clear, the shell after
        // exit) starts plain. Costs nothing when the frame wrote plain text only.
        self.set_pen(PLAIN)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            queue!(self.frame, Hide)?;
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            queue!(self.frame, Show)?;
            self.visible = Some(true);
        }
        Ok(())
    }

    /// Where the cursor is known to be (else the origin): never asked of the terminal, which
    /// would be a round trip over SSH and a hang on a terminal that does not answer.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.set_pen(PLAIN)?;
        // A whole-screen clear leaves every cell a plain blank; other clears, unknown.
        let blank = (clear_type == ClearType::All).then_some((" ", PLAIN));
        for y in 0..self.size.height {
            for x in 0..self.size.width {
                self.remember(x, y, blank);
            }
        }
        use ratatui::crossterm::terminal::ClearType as C;
        let t = match clear_type {
            ClearType::All => C::All,
            ClearType::AfterCursor => C::FromCursorDown,
            ClearType::BeforeCursor => C::FromCursorUp,
            ClearType::CurrentLine => C::CurrentLine,
            ClearType::UntilNewLine => C::UntilNewLine,
        };
        queue!(self.frame, Clear(t))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.cursor = None;
        self.shown.clear();
        for _ in 0..n {
            queue!(self.frame, Print("\n"))?;
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        // Pixels are not known per session (and nothing here draws images).
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    /// Ships the frame: one write to the sink (ratatui flushes once per frame).
    fn flush(&mut self) -> io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let wrap = self.sync && self.frame.len() >= SYNC_MIN;
        let mut bytes = Vec::with_capacity(self.frame.len() + 2 * SYNC_BEGIN.len());
        if wrap {
            bytes.extend_from_slice(SYNC_BEGIN);
        }
        bytes.append(&mut self.frame);
        if wrap {
            bytes.extend_from_slice(SYNC_END);
        }
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
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
        assert!(b.sink().bytes.ends_with(b"\x1b[2;11H"));
    }
}
