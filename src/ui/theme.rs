//! Styles. With `NO_COLOR` there is no colour at all: meaning is carried by text and symbols, and
//! emphasis by bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub no_color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme { no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.no_color {
            Style::new()
        } else {
            Style::new().fg(c)
        }
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    /// Column headings and section titles.
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// The selected row: reverse video reads without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// The marks at both ends of the board's selected row (▶ ◀): bold, and in colour unless
    /// NO_COLOR. Only two cells change on a move, where a reversed row repainted two rows
    /// (~250 bytes over SSH for a key).
    pub fn marker(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// Something past its date.
    pub fn overdue(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// Less important text (labels, empty values).
    pub fn dim(&self) -> Style {
        if self.no_color {
            Style::new()
        } else {
            Style::new().fg(Color::DarkGray)
        }
    }
    /// A key in the hint line.
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn active(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn status(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    /// A priority category by its colour name (the symbol and label say the same in text).
    pub fn category(&self, colour: &str) -> Style {
        let c = match colour.trim().to_ascii_lowercase().as_str() {
            "red" => Color::Red,
            "yellow" => Color::Yellow,
            "green" => Color::Green,
            "blue" => Color::Blue,
            "magenta" => Color::Magenta,
            "cyan" => Color::Cyan,
            "gray" | "grey" => Color::Gray,
            "white" => Color::White,
            _ => return Style::new().add_modifier(Modifier::BOLD),
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
}
