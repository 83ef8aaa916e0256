//! Where the keyboard is: the mode of the top layer (and of the screen under it) decides which
//! keymap table applies.

use super::{App, Layer, Screen, Section};
use crate::keymap::Context;

impl App {
    /// Whether `key` can be answered from the board's first frame, before everything has
    /// loaded (the first frame holds the schools and their board facts, nothing more): moving,
    /// sorting, searching the board by name, the help, quitting. Anything else waits for the
    /// load (`runner::AfterFirstFrame::Load`).
    pub fn answers_before_load(&self, key: ratatui::crossterm::event::KeyEvent) -> bool {
        use crate::action::Action as A;
        // Alt+x is read as Esc then x where it means nothing (`handle_key`): the x may be any
        // key of the screen under, so it waits.
        if key
            .modifiers
            .contains(ratatui::crossterm::event::KeyModifiers::ALT)
        {
            return false;
        }
        match self.context() {
            Context::Search | Context::Help => true,
            Context::Board => matches!(
                crate::keymap::lookup(Context::Board, key),
                Some(
                    A::Up
                        | A::Down
                        | A::PageUp
                        | A::PageDown
                        | A::Home
                        | A::End
                        | A::SearchStart
                        | A::SearchCancel
                        | A::CycleSort
                        | A::Help
                        | A::Quit
                )
            ),
            _ => false,
        }
    }

    /// Where the keyboard is: the top layer's mode decides which keymap applies.
    pub fn context(&self) -> Context {
        self.layer_context(self.layers.top())
    }

    /// The context under the help overlay (whose keys the help lists; a search being typed
    /// lists the board's).
    pub fn help_context(&self) -> Context {
        match self.layer_context(self.layers.under_help()) {
            Context::Search => Context::Board,
            c => c,
        }
    }

    /// The mode of a layer.
    fn layer_context(&self, layer: Layer) -> Context {
        match layer {
            Layer::Help => Context::Help,
            Layer::Confirm(q) => q.context(),
            Layer::Filter => Context::Filter,
            Layer::Conflict => Context::Conflict,
            Layer::Screen(_) => self.screen_context(),
        }
    }

    /// The filter popup is open over the board (perhaps under the help).
    pub fn filter_open(&self) -> bool {
        self.layers.contains(Layer::Filter)
    }

    /// The mode of the screen on top: a popup of that screen first, then the screen.
    fn screen_context(&self) -> Context {
        if let Some(c) = self.timeline_context() {
            return c;
        }
        if let Some(c) = self.note_context() {
            return c;
        }
        match self.screen() {
            Screen::Meeting => self.meeting_context(),
            Screen::SchoolForm => Context::SchoolForm,
            Screen::BulkOfficer => Context::BulkOfficer,
            Screen::StepForm => Context::StepForm,
            Screen::School
                if self
                    .school
                    .as_ref()
                    .is_some_and(|s| s.section == Section::Escalation) =>
            {
                Context::SchoolEscalation
            }
            Screen::School
                if self
                    .school
                    .as_ref()
                    .is_some_and(|s| s.section == Section::Reviews) =>
            {
                Context::SchoolReviews
            }
            Screen::School => Context::School,
            _ if self.board.searching => Context::Search,
            _ => Context::Board,
        }
    }
}
