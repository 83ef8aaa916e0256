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
use ratatui::crossterm::cursor::{Hide, Show};
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
    /// few columns to the right on the same row, in the current pen; else the shortest move.
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
        self.frame
            .extend_from_slice(&moves::shortest_move(self.cursor, to));
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

fn pen_of(cell: &Cell) -> Pen {
    Pen {
        fg: cell.fg,
        bg: cell.bg,
        modifier: cell.modifier,
    }
}

// Drawing cells, and a frame drawn as a scroll of a band of rows (`scroll`).
impl<W: Write> LeanBackend<W> {
    /// Draws `symbol` in `pen` at (x, y), and notes what the cell and the cursor now are.
    fn put(&mut self, x: u16, y: u16, symbol: &str, pen: Pen) -> io::Result<()> {
        self.move_to(Position { x, y })?;
        self.set_pen(pen)?;
        queue!(self.frame, Print(symbol))?;
        let known = (symbol.width() == 1).then_some((symbol, pen));
        self.remember(x, y, known);
        // Only a one-column symbol moves the cursor predictably (and not past the last
        // column, where the terminal holds a pending wrap).
        self.cursor = (symbol.width() == 1)
            .then(|| Position { x: x + 1, y })
            .filter(|p| p.x < self.size.width);
        Ok(())
    }

    /// Draws the frame whose changed cells are `content` as a scroll of a band of rows and
    /// the cells that still differ, when that is shorter (`scroll::plan`); false if it is not
    /// (nothing is written then).
    fn scrolled(&mut self, content: &[(u16, u16, &Cell)]) -> io::Result<bool> {
        let width = usize::from(self.size.width);
        let cells = width * usize::from(self.size.height);
        // A scroll pays only for many changed cells, and needs the screen known.
        if content.len() < 2 * width || self.shown.len() != cells {
            return Ok(false);
        }
        let mut new = self.shown.clone();
        for (x, y, cell) in content {
            let symbol = cell.symbol();
            let Some(i) = self.cell_index(*x, *y).filter(|_| symbol.width() == 1) else {
                return Ok(false);
            };
            new[i] = Some((symbol.to_string(), pen_of(cell)));
        }
        let Some(band) = scroll::plan(&self.shown, &new, width) else {
            return Ok(false);
        };
        // The rows brought in are cleared in the current pen's background: plain first.
        self.set_pen(PLAIN)?;
        let (top, bottom) = (band.top + 1, band.bottom + 1);
        // Margins round the band (the cursor goes home), a line feed at its bottom or a
        // reverse index at its top, the margins back to the whole screen (home again). A line
        // feed rather than an index (`ESC D`, which some emulators lack): at column 0 the
        // carriage return a pty's `onlcr` may add changes nothing.
        let moved = if band.up {
            format!("\x1b[{top};{bottom}r\x1b[{bottom}H\n\x1b[r")
        } else {
            format!("\x1b[{top};{bottom}r\x1b[{top}H\x1bM\x1b[r")
        };
        self.frame.extend_from_slice(moved.as_bytes());
        // Resetting the margins homes the cursor in xterm and most others; the next move is
        // absolute all the same, in case a terminal leaves it where it was.
        self.cursor = None;
        self.shown = scroll::shifted(&self.shown, width, band, PLAIN);
        for (i, cell) in new.iter().enumerate() {
            if self.shown[i] != *cell
                && let Some((symbol, pen)) = cell
            {
                let (x, y) = ((i % width) as u16, (i / width) as u16);
                self.put(x, y, symbol, *pen)?;
            }
        }
        Ok(true)
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
        let content: Vec<(u16, u16, &Cell)> = content.collect();
        if !self.scrolled(&content)? {
            for (x, y, cell) in content {
                self.put(x, y, cell.symbol(), pen_of(cell))?;
            }
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

mod moves;
mod scroll;
#[cfg(test)]
mod tests;
