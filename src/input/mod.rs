//! Terminal input owned by the runtime: the bytes a transport reads, decoded into the keys and
//! pastes the app takes. The decoder is the same for every transport; `tty` is the local one's
//! reading of stdin.

mod decoder;
mod keys;
pub mod tty;

pub use decoder::{Decoder, ESC_TIMEOUT, PASTE_CAP};

use ratatui::crossterm::event::KeyEvent;

/// One thing the user did at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    /// A bracketed paste, whole (or its first `PASTE_CAP` bytes).
    Paste(String),
    /// The paste just before was longer than `PASTE_CAP`: this many bytes of it were dropped.
    PasteCut(u64),
}
