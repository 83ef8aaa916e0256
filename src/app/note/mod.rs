//! The note of visit form: state and update. Keyboard only; every text field is a
//! `TextArea`; nothing is saved until the form is valid; drafts are written after a pause in
//! typing (`App::idle`) and when the session ends (`App::unsaved_draft`), and offered back when
//! the note is opened again. A finalised note is read-only and is amended, not rewritten.

use super::{App, Effect, Record, SaveRequest, Screen, Section};
pub use crate::action::NoteAction;
use crate::action::NoteAction as NA;
use crate::domain::calendar::{fmt_date, parse_date};
use crate::domain::text::{clean_line, clean_text};
use crate::domain::{
    Action as ActionRecord, ActionSource, ActionStatus, AgreedAction, Amendment, Area, Id, Note,
    NoteBody, NoteStatus, Urn,
};
use crate::keymap::Context as X;
use crate::store::Draft;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};
use std::cell::Cell;

mod drafts;
mod form;
mod input;
mod update;

pub use form::*;

/// How long typing must pause before the draft is written.
pub const DRAFT_QUIET_MS: i64 = 3000;

/// The note screens' part of the app state.
#[derive(Default)]
pub struct NoteUi {
    pub form: Option<NoteForm>,
    /// Drafts found in the store at start-up and not yet restored or discarded.
    pub drafts: Vec<Draft>,
    /// The selected note in the school screen's Notes section (newest first).
    pub selected: usize,
    pub(super) queued: Vec<Effect>,
    pub(super) now_ms: i64,
}

/// "Mon 23 Nov 2026 14:02", local time on `clock`.
pub fn fmt_when(at: DateTime<Utc>, clock: &crate::clock::Clock) -> String {
    clock.local(at).format("%a %-d %b %Y %H:%M").to_string()
}
