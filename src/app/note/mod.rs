//! The note of visit form: state and update. Keyboard only; every text field is a
//! `TextArea`; nothing is saved until the form is valid; drafts are kept after a pause in
//! typing and every few seconds of steady typing (`App::idle`, `App::wake_at_ms`) and when the
//! session ends (`App::unsaved_draft`), and offered back when the note is opened again. A
//! discarded note stays recoverable for a while (`super::discarded`). A finalised note opens in its
//! read-only view (`view`) and is amended, not rewritten.

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

mod discarded;
mod drafts;
mod form;
mod input;
mod saved;
mod search;
mod update;
pub use search::NoteSearch;
mod view;

pub use super::discarded::{DISCARDED_KEEP_DAYS, DISCARDED_PREFIX};
pub use form::*;
pub use view::{NoteView, ResponseForm, ResponseSlot};

/// A pause in typing this long keeps the draft.
pub const KEEP_AFTER_PAUSE_MS: i64 = 2000;
/// During steady typing the draft is kept at least this often: a crash loses no more.
pub const KEEP_WHILE_TYPING_MS: i64 = 5000;
/// Or after this many edits, whichever comes first (vim's rule for its swap file).
pub const KEEP_EVERY_EDITS: u64 = 200;

/// The note screens' part of the app state.
#[derive(Default)]
pub struct NoteUi {
    pub form: Option<NoteForm>,
    /// The read-only view of a finalised note (`view`).
    pub view: Option<NoteView>,
    /// This officer's drafts found in the store at start-up and not yet restored or discarded.
    pub drafts: Vec<Draft>,
    /// Other officers' drafts found at start-up: never offered, only mentioned.
    pub others: Vec<Draft>,
    /// The selected note in the school screen's Notes section (newest first).
    pub selected: usize,
    /// Finding any note by its words (the board's `F`), while open.
    pub search: Option<NoteSearch>,
    /// A reason for amending typed and then left with Esc, by note: offered again the next
    /// time that note is amended (typing is never thrown away by one key).
    pub reason_kept: Option<(Id, String)>,
    pub(super) queued: Vec<Effect>,
    /// The runtime's clock at its last turn (`App::idle`).
    pub(super) now_ms: i64,
}

/// "Mon 23 Nov 2026 14:02", local time on `clock`.
pub fn fmt_when(at: DateTime<Utc>, clock: &crate::clock::Clock) -> String {
    clock.local(at).format("%a %-d %b %Y %H:%M").to_string()
}
