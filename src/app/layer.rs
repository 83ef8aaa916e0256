//! The layer stack: what is open, bottom to top. The board is always at the bottom; a screen
//! opened from another is pushed over it, and leaving it (Esc, save, cancel) takes it off, so
//! the way back is the layer below and no screen keeps a "go back to" of its own. The help
//! overlay and yes/no questions are layers too. The top layer decides which keymap applies (`App::context`).

use super::Screen;
use crate::domain::Id;
use crate::keymap::Context;

/// One open layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Screen(Screen),
    /// The `?` overlay, over whatever is below it (whose keys it lists).
    Help,
    /// A yes/no question over the screen that asked it.
    Confirm(Question),
    /// The board's filter popup.
    Filter,
    /// The choices after a save ran into another officer's (`App::conflict`), over the form.
    Conflict,
}

/// A question put to the user before something that cannot be taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Why is this planned checkpoint review cancelled? (The reason is typed into
    /// `timeline::Screens::cancel_reason` and goes into the audit trail.)
    CancelReview(Id),
    /// Complete this action (in the tracker)? The dialog shows the action.
    CompleteAction(Id),
}

impl Question {
    /// The keymap of the question: its yes and no keys and their words.
    pub fn context(self) -> Context {
        match self {
            Question::CancelReview(_) => Context::CancelReason,
            Question::CompleteAction(_) => Context::CompleteConfirm,
        }
    }
}

/// How an update moves the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Stay,
    /// Open a layer over the top one.
    Push(Layer),
    /// Leave the top layer (never the board).
    Pop,
    /// Swap the top layer for another (the next school in place of this one).
    Replace(Layer),
}

/// The stack itself: never empty, the board at the bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layers(Vec<Layer>);

impl Default for Layers {
    fn default() -> Self {
        Layers(vec![Layer::Screen(Screen::Board)])
    }
}

impl Layers {
    pub fn apply(&mut self, nav: Nav) {
        match nav {
            Nav::Stay => {}
            Nav::Push(l) => self.0.push(l),
            Nav::Pop => {
                if self.0.len() > 1 {
                    self.0.pop();
                }
            }
            Nav::Replace(l) => {
                if self.0.len() > 1 {
                    self.0.pop();
                }
                self.0.push(l);
            }
        }
    }

    pub fn top(&self) -> Layer {
        self.0
            .last()
            .copied()
            .unwrap_or(Layer::Screen(Screen::Board))
    }

    /// The screen on top (under the help, if it is open).
    pub fn screen(&self) -> Screen {
        self.0
            .iter()
            .rev()
            .find_map(|l| match l {
                Layer::Screen(s) => Some(*s),
                _ => None,
            })
            .unwrap_or(Screen::Board)
    }

    /// Takes `screen` off the stack wherever it is (a save landing while the help is open over
    /// the form closes the form, not the help). The board stays.
    pub fn close(&mut self, screen: Screen) {
        if screen == Screen::Board {
            return;
        }
        if let Some(i) = self.0.iter().rposition(|l| *l == Layer::Screen(screen))
            && i > 0
        {
            self.0.remove(i);
        }
    }

    /// Everything but the board (the school on screen is no longer in the data).
    pub fn to_board(&mut self) {
        self.0.truncate(1);
    }

    /// The top layer but the help: what the help is about.
    pub fn under_help(&self) -> Layer {
        self.0
            .iter()
            .rev()
            .find(|l| **l != Layer::Help)
            .copied()
            .unwrap_or(Layer::Screen(Screen::Board))
    }

    pub fn contains(&self, layer: Layer) -> bool {
        self.0.contains(&layer)
    }

    pub fn help_open(&self) -> bool {
        self.top() == Layer::Help
    }

    pub fn depth(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_stays_at_the_bottom() {
        let mut l = Layers::default();
        l.apply(Nav::Pop);
        assert_eq!(l.screen(), Screen::Board);
        l.apply(Nav::Push(Layer::Screen(Screen::Due)));
        l.apply(Nav::Push(Layer::Screen(Screen::School)));
        l.apply(Nav::Push(Layer::Help));
        assert_eq!(l.screen(), Screen::School);
        assert!(l.help_open());
        l.close(Screen::School);
        assert_eq!((l.screen(), l.depth()), (Screen::Due, 3));
        l.apply(Nav::Pop);
        l.apply(Nav::Replace(Layer::Screen(Screen::Tracker)));
        assert_eq!((l.screen(), l.depth()), (Screen::Tracker, 2));
        l.to_board();
        assert_eq!(l, Layers::default());
    }
}
