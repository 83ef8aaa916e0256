//! A thin `Backend` over crossterm's that remembers where the terminal's cursor is, whether it
//! is shown and which style is current, and writes nothing that would change none of them.
//! Typing a character into a text field then costs the character itself: ratatui's crossterm
//! backend moves the cursor before the first changed cell even when it is already there, resets
//! four attributes after every frame and shows the cursor again on every frame (see PERF.md).

use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::style::{Attribute, Print, SetAttribute, SetColors};
use ratatui::crossterm::terminal::{self, Clear};
use ratatui::crossterm::{execute, queue};
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

pub struct LeanBackend<W: Write> {
    out: W,
    /// Where the terminal's cursor is, when known for sure.
    cursor: Option<Position>,
    /// Whether the cursor is shown, when known.
    visible: Option<bool>,
    pen: Pen,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W) -> LeanBackend<W> {
        LeanBackend {
            out,
            cursor: None,
            visible: None,
            pen: PLAIN,
        }
    }

    /// Forget what the terminal is known to show (after another program used it).
    pub fn forget(&mut self) {
        self.cursor = None;
        self.visible = None;
        self.pen = PLAIN;
    }

    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        if to == self.pen {
            return Ok(());
        }
        let w = &mut self.out;
        if self.pen != PLAIN {
            queue!(w, SetAttribute(Attribute::Reset))?;
        }
        for (m, a) in [
            (Modifier::BOLD, Attribute::Bold),
            (Modifier::DIM, Attribute::Dim),
            (Modifier::ITALIC, Attribute::Italic),
            (Modifier::UNDERLINED, Attribute::Underlined),
            (Modifier::SLOW_BLINK, Attribute::SlowBlink),
            (Modifier::RAPID_BLINK, Attribute::RapidBlink),
            (Modifier::REVERSED, Attribute::Reverse),
            (Modifier::HIDDEN, Attribute::Hidden),
            (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        ] {
            if to.modifier.contains(m) {
                queue!(w, SetAttribute(a))?;
            }
        }
        if to.fg != Color::Reset || to.bg != Color::Reset {
            queue!(
                w,
                SetColors(ratatui::crossterm::style::Colors {
                    foreground: (to.fg != Color::Reset).then(|| to.fg.into_crossterm()),
                    background: (to.bg != Color::Reset).then(|| to.bg.into_crossterm()),
                })
            )?;
        }
        self.pen = to;
        Ok(())
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = terminal::size().map_or(0, |s| s.0);
        for (x, y, cell) in content {
            let here = Position { x, y };
            if self.cursor != Some(here) {
                queue!(self.out, MoveTo(x, y))?;
            }
            self.set_pen(Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            })?;
            let symbol = cell.symbol();
            queue!(self.out, Print(symbol))?;
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
            execute!(self.out, Hide)?;
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            execute!(self.out, Show)?;
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        ratatui::crossterm::cursor::position()
            .map(|(x, y)| Position { x, y })
            .map_err(io::Error::other)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.cursor != Some(p) {
            execute!(self.out, MoveTo(p.x, p.y))?;
            self.cursor = Some(p);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.set_pen(PLAIN)?;
        use ratatui::crossterm::terminal::ClearType as C;
        let t = match clear_type {
            ClearType::All => C::All,
            ClearType::AfterCursor => C::FromCursorDown,
            ClearType::BeforeCursor => C::FromCursorUp,
            ClearType::CurrentLine => C::CurrentLine,
            ClearType::UntilNewLine => C::UntilNewLine,
        };
        execute!(self.out, Clear(t))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.cursor = None;
        for _ in 0..n {
            queue!(self.out, Print("\n"))?;
        }
        self.out.flush()
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
