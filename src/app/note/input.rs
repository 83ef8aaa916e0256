//! Typing into the note form: keys the keymap does not bind, pasted text and text back from
//! `$EDITOR`.

use super::*;

/// The most characters a paste puts into a one-line field.
pub const PASTE_LINE_CAP: usize = 2000;

impl App {
    /// A key the note keymap does not bind: text for the focused field.
    pub(in crate::app) fn note_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let today = self.today;
        if self.screen() != Screen::Note {
            return vec![];
        }
        let Some(f) = self.note.form.as_mut() else {
            return vec![];
        };
        match &mut f.popup {
            Some(Popup::Reason(ta)) => {
                if key.code != KeyCode::Enter {
                    ta.input(Input::from(key));
                    self.dirty = true;
                }
                return vec![];
            }
            // Not an answer: the question goes, and the key does what it does in the form
            // (typing "development" after Esc types it).
            Some(Popup::Unsaved | Popup::Finalise) => {
                f.popup = None;
                self.dirty = true;
                return self.handle_key(key);
            }
            Some(Popup::Restore(_)) => {
                self.set_status(
                    "A draft of this note is waiting: r restores it, Ctrl-Q discards it, Esc leaves it for later"
                        .into(),
                );
                return vec![];
            }
            None => {}
        }
        if f.read_only {
            let nav = matches!(
                key.code,
                KeyCode::Up
                    | KeyCode::Down
                    | KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::PageUp
                    | KeyCode::PageDown
                    | KeyCode::Home
                    | KeyCode::End
            );
            if nav && let Some(ta) = f.focused_mut() {
                ta.input(Input::from(key));
                self.dirty = true;
            }
            return vec![];
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match f.slot {
            Slot::VisitType => {
                let n = f.visit_types.len().max(1);
                match key.code {
                    KeyCode::Char(' ') | KeyCode::Right => {
                        f.visit_type = (f.visit_type + 1) % n;
                        f.touched();
                    }
                    KeyCode::Left => {
                        f.visit_type = (f.visit_type + n - 1) % n;
                        f.touched();
                    }
                    KeyCode::Enter => f.step(1),
                    _ => {}
                }
            }
            Slot::Focus => match key.code {
                KeyCode::Left => f.area_cursor = f.area_cursor.saturating_sub(1),
                KeyCode::Right => f.area_cursor = (f.area_cursor + 1).min(Area::ALL.len() - 1),
                KeyCode::Char(c @ ('1'..='6' | ' ' | 'x')) if plain => {
                    let i = match c {
                        '1'..='6' => (c as usize) - ('1' as usize),
                        _ => f.area_cursor,
                    };
                    f.area_cursor = i;
                    let area = Area::ALL[i];
                    if let Some(p) = f.focus.iter().position(|a| *a == area) {
                        f.focus.remove(p);
                    } else {
                        f.focus.push(area);
                    }
                    f.touched();
                }
                KeyCode::Enter => f.step(1),
                _ => {}
            },
            Slot::NoRows => {
                if key.code == KeyCode::Enter {
                    f.rows.push(Row::new(&AgreedAction::default()));
                    f.slot = Slot::Row(0, RowPart::Text);
                    f.touched();
                }
            }
            Slot::Text(_) | Slot::Row(..) => {
                let multiline = f.focused_multiline();
                if matches!(key.code, KeyCode::Enter) && !multiline {
                    f.check_slot(today);
                    f.step(1);
                } else if key.code == KeyCode::Right
                    && let Some(s) = f.suggestion().map(str::to_string)
                    && let Some(ta) = f.focused_mut()
                    && ta.cursor().1 == ta.lines().last().map_or(0, |l| l.chars().count())
                {
                    let text = content(ta);
                    let head = match text.rfind(',') {
                        Some(i) => format!("{}, ", text[..i].trim_end()),
                        None => String::new(),
                    };
                    *ta = text_area(&format!("{head}{s}"));
                    f.touched();
                } else if let Some(ta) = f.focused_mut() {
                    let before = ta.lines().len();
                    let modified = ta.input(Input::from(key));
                    if modified {
                        if !multiline && ta.lines().len() != before {
                            // A one-line field never takes a line break.
                            ta.undo();
                        } else {
                            f.touched();
                        }
                    }
                }
            }
        }
        self.dirty = true;
        vec![]
    }

    /// Whether `key` is a plain character that would go, as it is, into a text field of the
    /// note form: the runtime may then hand a run of such keys over at once (`type_text`).
    pub fn is_typed_text(&self, key: &KeyEvent) -> bool {
        let multiline = self
            .note
            .form
            .as_ref()
            .is_some_and(|f| f.focused_multiline());
        let plain = match key.code {
            KeyCode::Char(c) => !c.is_control(),
            // A line break, in a field that takes them (a one-line field steps on).
            KeyCode::Enter => multiline,
            _ => false,
        } && (key.modifiers - KeyModifiers::SHIFT).is_empty();
        plain
            && self.screen() == Screen::Note
            && self.note.form.as_ref().is_some_and(|f| {
                f.popup.is_none()
                    && !f.read_only
                    && match f.slot {
                        Slot::Text(_) => true,
                        Slot::Row(i, _) => i < f.rows.len(),
                        _ => false,
                    }
            })
            && crate::keymap::lookup(self.context(), *key).is_none()
    }

    /// A run of characters typed into the focused field (a burst: a paste without bracketed
    /// paste, a backlog after a freeze), each of which `is_typed_text`: one insertion with the
    /// result of typing them one by one, without redoing the field's layout after each.
    pub fn type_text(&mut self, text: &str) -> Vec<Effect> {
        if let Some(f) = self.note.form.as_mut()
            && let Some(ta) = f.focused_mut()
        {
            if ta.insert_str(text) {
                f.touched();
            }
            self.dirty = true;
        }
        vec![]
    }

    /// A paste where a one-line field has the keyboard (the board's search, a form's text
    /// field, the meeting's rationale or a typed answer): its text, cleaned to one line, at the
    /// caret as one edit (Ctrl-Z takes it back whole), up to `PASTE_LINE_CAP` characters.
    /// Elsewhere nothing takes text, and it is said.
    fn paste_as_typed(&mut self, text: &str) -> Vec<Effect> {
        if self.status.take().is_some() {
            self.dirty = true;
        }
        match self.paste_text(text, PASTE_LINE_CAP) {
            None => self
                .set_status("Nothing here takes pasted text: move to a text field first".into()),
            Some(0) => {}
            Some(_) => self.set_status(format!(
                "Paste cut to fit the field (a one-line field takes up to {PASTE_LINE_CAP} characters)"
            )),
        }
        vec![]
    }

    /// Text pasted into the terminal (bracketed paste): one edit into the focused field,
    /// cleaned of control characters and escape sequences.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.screen() == Screen::NoteView {
            self.note_view_paste(text);
            return vec![];
        }
        if self.screen() != Screen::Note {
            return self.paste_as_typed(text);
        }
        let Some(f) = self.note.form.as_mut() else {
            return vec![];
        };
        self.dirty = true;
        match &mut f.popup {
            Some(Popup::Reason(ta)) => {
                ta.insert_str(clean_line(text));
                return vec![];
            }
            Some(Popup::Unsaved | Popup::Finalise) => f.popup = None,
            Some(Popup::Restore(_)) => {
                self.set_status(
                    "Not pasted: first restore the draft (r), discard it (Ctrl-Q) or leave it (Esc)"
                        .into(),
                );
                return vec![];
            }
            None => {}
        }
        if f.read_only {
            return vec![];
        }
        let multiline = f.focused_multiline();
        let cleaned = if multiline {
            clean_text(text)
        } else {
            clean_line(text)
        };
        match f.focused_mut() {
            Some(ta) => {
                if ta.insert_str(cleaned) {
                    f.touched();
                }
            }
            None => self.set_status("Paste into a text field: Tab to one first".into()),
        }
        vec![]
    }

    /// The external editor finished with `text` for the free-text field.
    pub fn external_edit_done(&mut self, text: &str) {
        self.dirty = true;
        let Some(f) = self.note.form.as_mut() else {
            return;
        };
        let cleaned = clean_text(text);
        let cleaned = cleaned.trim_end_matches('\n');
        if cleaned != f.text(TextField::Text) {
            f.texts[TextField::Text.index()] = text_area(cleaned);
            f.touched();
        }
        f.slot = Slot::Text(TextField::Text);
    }
}
