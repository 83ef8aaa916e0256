//! The caret in the one-line text fields of forms (meeting rationale and plan fields, checkpoint
//! commentary, activity and support plan fields): typing goes where the caret is, and ← → Home
//! End Delete move it or delete under it, so a slip mid-sentence is fixed without retyping the
//! rest. The caret belongs to one field (`TextId`); any other field has it at its end.

use super::{App, Screen};
pub use crate::action::Edit;

/// Which text field has the keyboard: the screen and a number that tells its fields apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextId(pub Screen, pub u64);

/// Applies `edit` to `text` with the caret before character `pos` (clamped to the text);
/// returns where the caret is after it. Positions count characters, not bytes.
pub fn apply(text: &mut String, pos: usize, edit: Edit) -> usize {
    let len = text.chars().count();
    let pos = pos.min(len);
    let byte = |t: &str, i: usize| t.char_indices().nth(i).map_or(t.len(), |(b, _)| b);
    match edit {
        Edit::Insert(c) => {
            text.insert(byte(text, pos), c);
            pos + 1
        }
        Edit::Backspace if pos > 0 => {
            text.remove(byte(text, pos - 1));
            pos - 1
        }
        Edit::Delete if pos < len => {
            text.remove(byte(text, pos));
            pos
        }
        Edit::Backspace | Edit::Delete => pos,
        Edit::Left => pos.saturating_sub(1),
        Edit::Right => (pos + 1).min(len),
        Edit::Home => 0,
        Edit::End => len,
    }
}

// Which one-line text field has the keyboard, and editing it at its caret (shared by every
// form: the focused field is found by screen).
impl App {
    /// The text field that has the keyboard, if any.
    pub(super) fn text_id(&self) -> Option<TextId> {
        let id = |n: usize| Some(TextId(self.screen(), n as u64));
        match self.screen() {
            Screen::Meeting => self.meeting_text_id(),
            Screen::ActivityForm => id(self.tl.activity.as_ref()?.field),
            Screen::CheckpointForm => id(self.tl.checkpoint.as_ref()?.field),
            Screen::PlanForm => id(self.tl.plan.as_ref()?.line),
            Screen::SchoolForm => id(self.school_form.as_ref()?.field),
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
    /// edited).
    pub(super) fn focused_text(&mut self) -> Option<&mut String> {
        match self.screen() {
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
            Screen::StepForm => self.step_form.as_mut().and_then(|f| {
                f.error = None;
                f.text_mut()
            }),
            _ => None,
        }
    }

    /// Edits the focused text field at its caret. False when no text field has the keyboard.
    pub(crate) fn edit_text(&mut self, edit: Edit) -> bool {
        let Some(id) = self.text_id() else {
            return false;
        };
        let at = self.caret.filter(|c| c.0 == id).map(|c| c.1);
        let Some(text) = self.focused_text() else {
            return false;
        };
        let pos = apply(text, at.unwrap_or(usize::MAX), edit);
        self.caret = Some((id, pos));
        self.dirty = true;
        true
    }

    /// Where the caret is (in characters) in `value`, the text of the focused field: its end
    /// unless it was moved in this field.
    pub fn caret_in(&self, value: &str) -> usize {
        let len = value.chars().count();
        match (self.caret, self.text_id()) {
            (Some((a, pos)), Some(b)) if a == b => pos.min(len),
            _ => len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_slip_mid_sentence_is_fixed_in_place() {
        let mut t = "Governers challenge".to_string();
        let mut pos = t.chars().count();
        for e in [
            Edit::Home,
            Edit::Right,
            Edit::Right,
            Edit::Right,
            Edit::Right,
            Edit::Right,
        ] {
            pos = apply(&mut t, pos, e);
        }
        pos = apply(&mut t, pos, Edit::Right); // after "Govern"
        pos = apply(&mut t, pos, Edit::Delete); // the wrong 'e'
        pos = apply(&mut t, pos, Edit::Insert('o'));
        assert_eq!((t.as_str(), pos), ("Governors challenge", 7));
        let end = apply(&mut t, pos, Edit::End);
        assert_eq!(apply(&mut t, end, Edit::Insert('.')), 20);
        assert_eq!(t, "Governors challenge.");
    }

    #[test]
    fn edits_at_the_ends_do_nothing_harmful() {
        let mut t = "é".to_string();
        assert_eq!(apply(&mut t, 0, Edit::Backspace), 0);
        assert_eq!(apply(&mut t, 1, Edit::Delete), 1);
        assert_eq!(apply(&mut t, 9, Edit::Right), 1);
        assert_eq!(apply(&mut t, 0, Edit::Left), 0);
        assert_eq!(t, "é");
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            any::<char>().prop_map(Edit::Insert),
            Just(Edit::Backspace),
            Just(Edit::Delete),
            Just(Edit::Left),
            Just(Edit::Right),
            Just(Edit::Home),
            Just(Edit::End),
        ]
    }

    proptest! {
        /// Against a model (a Vec of chars): same text, same caret, never a panic on any
        /// character (multi-byte, combining, emoji).
        #[test]
        fn behaves_like_a_vec_of_chars(start in ".{0,12}", edits in proptest::collection::vec(edit(), 0..40)) {
            let mut t = start.clone();
            let mut model: Vec<char> = start.chars().collect();
            let mut pos = model.len();
            let mut mpos = model.len();
            for e in edits {
                pos = apply(&mut t, pos, e);
                match e {
                    Edit::Insert(c) => { model.insert(mpos, c); mpos += 1; }
                    Edit::Backspace if mpos > 0 => { model.remove(mpos - 1); mpos -= 1; }
                    Edit::Delete if mpos < model.len() => { model.remove(mpos); }
                    Edit::Backspace | Edit::Delete => {}
                    Edit::Left => mpos = mpos.saturating_sub(1),
                    Edit::Right => mpos = (mpos + 1).min(model.len()),
                    Edit::Home => mpos = 0,
                    Edit::End => mpos = model.len(),
                }
                prop_assert_eq!(&t, &model.iter().collect::<String>());
                prop_assert_eq!(pos, mpos);
            }
        }
    }
}
