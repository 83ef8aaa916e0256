//! Where the keyboard is: the mode of the top layer (and of the screen under it) decides which
//! keymap table applies.

use super::{App, Layer, Screen, Section};
use crate::keymap::Context;

impl App {
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
