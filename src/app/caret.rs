//! Which one-line text field has the keyboard, and editing it: every such field (meeting
//! rationale, plan and prompt lines, checkpoint commentary, activity and support plan fields,
//! the school details, the board's search, the note search, a cancelled review's reason) is
//! edited through one `LineEdit` (`line_edit`), so each has the same caret, undo and redo,
//! word motions and paste. The editing state belongs to the field that has the keyboard
//! (`TextId`); it is dropped when the focus leaves it, and a field coming into focus has its
//! caret at its end.

use super::line_edit::LineEdit;
use super::{App, Layer, Question, Screen};
pub use crate::action::Edit;

/// Which text field has the keyboard: the screen and a number that tells its fields apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextId(pub Screen, pub u64);

/// The note search's query and a cancelled review's reason: the most characters they take.
const QUERY_CAP: usize = 200;

// Which one-line text field has the keyboard, and editing it (shared by every form: the
// focused field is found by screen).
impl App {
    /// The text field that has the keyboard, if any.
    pub(super) fn text_id(&self) -> Option<TextId> {
        if let Layer::Confirm(Question::CancelReview(_)) = self.layers.top() {
            return Some(TextId(Screen::Timeline, u64::MAX));
        }
        let id = |n: usize| Some(TextId(self.screen(), n as u64));
        match self.screen() {
            Screen::Meeting => self.meeting_text_id(),
            Screen::ActivityForm => id(self.tl.activity.as_ref()?.field),
            Screen::CheckpointForm => id(self.tl.checkpoint.as_ref()?.field),
            Screen::PlanForm => id(self.tl.plan.as_ref()?.line),
            Screen::SchoolForm => id(self.school_form.as_ref()?.field),
            Screen::Board if self.board.searching && !self.filter_open() => id(0),
            Screen::NoteSearch if self.note.search.is_some() => id(0),
            Screen::StepForm => id(self.step_form.as_ref()?.current() as usize),
            _ => None,
        }
    }

    /// A text field (not a choice) of the activity, checkpoint or plan form has the keyboard.
    pub(super) fn form_text_has_focus(&self) -> bool {
        match self.screen() {
            Screen::ActivityForm => self
                .tl
                .activity
                .as_ref()
                .is_some_and(|f| f.current().is_text()),
            Screen::CheckpointForm => self
                .tl
                .checkpoint
                .as_ref()
                .is_some_and(|f| f.current().is_text()),
            Screen::PlanForm => self.tl.plan.as_ref().is_some_and(|f| f.current().is_some()),
            Screen::SchoolForm => self
                .school_form
                .as_ref()
                .is_some_and(|f| f.current().is_text()),
            Screen::StepForm => self
                .step_form
                .as_ref()
                .is_some_and(|f| f.current().is_text()),
            _ => false,
        }
    }

    /// The text of the field that has the keyboard (a form's inline error goes once it is
    /// edited), and the most characters it takes.
    fn focused_text(&mut self) -> Option<(&mut String, usize)> {
        let any = usize::MAX;
        if let Layer::Confirm(Question::CancelReview(_)) = self.layers.top() {
            let cap = crate::domain::limits::MAX_NAME_CHARS;
            return Some((&mut self.tl.cancel_reason, cap));
        }
        let text = match self.screen() {
            Screen::Meeting => self.meeting_text(),
            Screen::ActivityForm => self.tl.activity.as_mut().and_then(|f| {
                f.error = None;
                f.text_mut()
            }),
            Screen::CheckpointForm => self.tl.checkpoint.as_mut().and_then(|f| {
                f.error = None;
                f.text_mut()
            }),
            Screen::PlanForm => self.tl.plan.as_mut().and_then(|f| f.text_mut()),
            Screen::SchoolForm => self.school_form.as_mut().and_then(|f| {
                f.error = None;
                f.text_mut()
            }),
            Screen::Board if self.board.searching => Some(&mut self.board.search),
            Screen::NoteSearch => {
                return self.note.search.as_mut().map(|s| (&mut s.query, QUERY_CAP));
            }
            Screen::StepForm => self.step_form.as_mut().and_then(|f| {
                f.error = None;
                f.text_mut()
            }),
            _ => None,
        };
        text.map(|t| (t, any))
    }

    /// Runs `f` on the editing state of the focused field (kept from its last edit while the
    /// focus stayed there and its text is as left, otherwise rebuilt with the caret at the
    /// end) and writes the text back. `None` when no text field has the keyboard.
    fn with_line<R>(&mut self, f: impl FnOnce(&mut LineEdit, usize) -> R) -> Option<R> {
        let id = self.text_id()?;
        let kept = self.line.take();
        let (text, cap) = self.focused_text()?;
        let mut line = match kept {
            Some((k, l)) if k == id && l.text() == text.as_str() => l,
            _ => LineEdit::new(text, usize::MAX),
        };
        let r = f(&mut line, cap);
        if line.text() != text.as_str() {
            *text = line.text().to_string();
        }
        self.line = Some((id, line));
        self.after_text_edit();
        self.dirty = true;
        Some(r)
    }

    /// What follows an edit of some fields: the board's search filters as it is typed.
    fn after_text_edit(&mut self) {
        if self.screen() == Screen::Board && self.board.searching {
            let keep = self.board.selected_urn();
            self.board.refresh(&self.data, keep);
        }
    }

    /// Edits the focused text field at its caret. False when no text field has the keyboard.
    pub(crate) fn edit_text(&mut self, edit: Edit) -> bool {
        self.with_line(|l, cap| l.apply(edit, cap)).is_some()
    }

    /// Pastes `text` into the focused text field as one edit; `None` when no text field has
    /// the keyboard, else how many characters did not fit.
    pub(crate) fn paste_text(&mut self, text: &str, cap: usize) -> Option<usize> {
        self.with_line(|l, field_cap| l.paste(text, cap.min(field_cap)))
    }

    /// Drops the editing state of a field that no longer has the keyboard (after each key), so
    /// undo never reaches into another field, another school's form or a closed one.
    pub(crate) fn forget_unfocused_line(&mut self) {
        if self.line.as_ref().map(|l| l.0) != self.text_id() {
            self.line = None;
        }
    }

    /// Where the caret is (in characters) in `value`, the text of the focused field: its end
    /// unless it was moved in this field.
    pub fn caret_in(&self, value: &str) -> usize {
        let len = value.chars().count();
        match (&self.line, self.text_id()) {
            (Some((a, l)), Some(b)) if *a == b && l.text() == value => l.caret().min(len),
            _ => len,
        }
    }
}
