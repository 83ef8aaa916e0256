//! One editing component for every one-line text field (the meeting's rationale, plan and
//! prompt lines, checkpoint commentary, activity and support plan lines, the school details,
//! the board's search, the note search, a cancelled review's reason): the editing model of the
//! note form, ratatui-textarea's `TextArea`, held to one line. It gives every field the same
//! undo and redo, word motions, deletes and paste; the field itself stays a plain `String` in
//! its form (and in any kept draft), and the app draws it itself (so a keystroke still costs
//! the terminal about one byte): a `LineEdit` is only the editing state of the field that has
//! the keyboard, rebuilt from the text and a caret when the focus comes to it.

use crate::action::Edit;
use crate::domain::text::clean_line;
use ratatui_textarea::{CursorMove, TextArea};

/// How many edits of one field undo can take back.
const UNDO_DEPTH: usize = 200;

/// The editing state of one one-line field.
#[derive(Debug, Clone)]
pub struct LineEdit {
    area: TextArea<'static>,
}

impl LineEdit {
    /// `text` (cleaned to one line) with the caret before character `caret` (clamped).
    pub fn new(text: &str, caret: usize) -> Self {
        let mut area = TextArea::new(vec![one_line(text)]);
        area.set_max_histories(UNDO_DEPTH);
        let mut e = LineEdit { area };
        e.set_caret(caret);
        e
    }

    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// Where the caret is, in characters from the start.
    pub fn caret(&self) -> usize {
        self.area.cursor().1
    }

    fn len(&self) -> usize {
        self.text().chars().count()
    }

    fn set_caret(&mut self, at: usize) {
        let at = u16::try_from(at.min(self.len())).unwrap_or(u16::MAX);
        self.area.move_cursor(CursorMove::Jump(0, at));
    }

    /// Applies one edit; `cap` is the most characters the field takes (typing past it does
    /// nothing). True when the text changed.
    pub fn apply(&mut self, edit: Edit, cap: usize) -> bool {
        let full = self.len() >= cap;
        let a = &mut self.area;
        match edit {
            Edit::Insert(c) if c.is_control() => false,
            Edit::Insert(_) if full => false,
            Edit::Insert(c) => {
                a.insert_char(c);
                true
            }
            Edit::Backspace => a.delete_char(),
            Edit::Delete => a.delete_next_char(),
            Edit::DeleteWordBack => a.delete_word(),
            Edit::DeleteToStart => a.delete_line_by_head(),
            Edit::Undo => a.undo(),
            Edit::Redo => a.redo(),
            Edit::Left
            | Edit::Right
            | Edit::Home
            | Edit::End
            | Edit::WordLeft
            | Edit::WordRight => {
                a.move_cursor(match edit {
                    Edit::Left => CursorMove::Back,
                    Edit::Right => CursorMove::Forward,
                    Edit::Home => CursorMove::Head,
                    Edit::End => CursorMove::End,
                    Edit::WordLeft => CursorMove::WordBack,
                    _ => CursorMove::WordForward,
                });
                false
            }
        }
    }

    /// Pasted text at the caret, as one edit (one undo takes it back): cleaned to one line
    /// (line breaks become spaces, control characters and escape sequences go), cut to what
    /// the field has room for under `cap`. Returns how many characters were left out.
    pub fn paste(&mut self, text: &str, cap: usize) -> usize {
        let line = one_line(text);
        let room = cap.saturating_sub(self.len());
        let total = line.chars().count();
        let kept: String = line.chars().take(room).collect();
        if !kept.is_empty() {
            self.area.insert_str(kept);
        }
        total.saturating_sub(room)
    }
}

/// Text as one line: line breaks and tabs become spaces, anything a terminal would act on goes.
fn one_line(text: &str) -> String {
    clean_line(&text.replace('\t', " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CAP: usize = usize::MAX;

    fn run(start: &str, edits: &[Edit]) -> LineEdit {
        let mut e = LineEdit::new(start, usize::MAX);
        for &x in edits {
            e.apply(x, CAP);
        }
        e
    }

    #[test]
    fn a_slip_mid_sentence_is_fixed_in_place() {
        use Edit::*;
        let e = run(
            "Governers challenge",
            &[Home, WordRight, Left, Left, Left, Left, Delete, Insert('o')],
        );
        assert_eq!((e.text(), e.caret()), ("Governors challenge", 7));
    }

    #[test]
    fn words_are_jumped_and_deleted_and_undone() {
        use Edit::*;
        let mut e = run("Strong governance and clear plans", &[WordLeft, WordLeft]);
        assert_eq!(e.caret(), "Strong governance and ".len());
        e.apply(DeleteWordBack, CAP);
        assert_eq!(e.text(), "Strong governance clear plans");
        e.apply(DeleteToStart, CAP);
        assert_eq!((e.text(), e.caret()), ("clear plans", 0));
        e.apply(Undo, CAP);
        assert_eq!(e.text(), "Strong governance clear plans");
        e.apply(Undo, CAP);
        assert_eq!(e.text(), "Strong governance and clear plans");
        assert!(!e.apply(Undo, CAP), "nothing more to undo");
        e.apply(Redo, CAP);
        assert_eq!(e.text(), "Strong governance clear plans");
    }

    #[test]
    fn a_paste_is_one_line_one_edit_and_fits_the_cap() {
        let mut e = LineEdit::new("Seen: ", 99);
        assert_eq!(e.paste("books\r\nand\tplans\u{1b}[2J", CAP), 0);
        assert_eq!(e.text(), "Seen: books and plans");
        e.apply(Edit::Undo, CAP);
        assert_eq!(e.text(), "Seen: ");
        assert_eq!(e.paste("abcdef", 10), 2);
        assert_eq!(e.text(), "Seen: abcd");
        assert!(!e.apply(Edit::Insert('x'), 10));
    }

    #[test]
    fn edits_at_the_ends_do_nothing_harmful() {
        use Edit::*;
        let e = run("é", &[Right, Delete, Home, Left, Backspace, WordLeft, Undo]);
        assert_eq!((e.text(), e.caret()), ("é", 0));
        assert_eq!(LineEdit::new("", 5).caret(), 0);
    }

    #[test]
    fn a_combining_mark_does_not_trap_the_caret() {
        // The caret steps over a zero-width mark and its letter like any characters, and
        // never sticks on them.
        let mut e = LineEdit::new("Ecole\u{301}", 99);
        e.apply(Edit::Left, CAP);
        e.apply(Edit::Left, CAP);
        assert_eq!(e.caret(), 4);
        e.apply(Edit::Home, CAP);
        assert_eq!(e.caret(), 0);
        e.apply(Edit::Insert('\u{7}'), CAP);
        assert_eq!(e.text(), "Ecole\u{301}", "a control character is not text");
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            // What a keyboard types (a zero-width mark:
            // `a_combining_mark_does_not_trap_the_caret`).
            prop::sample::select(vec!['a', 'Z', ' ', '.', 'é', '学', '🏫', '\''])
                .prop_map(Edit::Insert),
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
        /// character (multi-byte, combining, emoji); it stays one line.
        #[test]
        fn behaves_like_a_vec_of_chars(start in "[a-zé学 ]{0,300}", edits in proptest::collection::vec(edit(), 0..60)) {
            let mut e = LineEdit::new(&start, usize::MAX);
            let mut model: Vec<char> = start.chars().collect();
            let mut mpos = model.len();
            for x in edits {
                e.apply(x, CAP);
                match x {
                    Edit::Insert(c) if !c.is_control() => { model.insert(mpos, c); mpos += 1; }
                    Edit::Backspace if mpos > 0 => { model.remove(mpos - 1); mpos -= 1; }
                    Edit::Delete if mpos < model.len() => { model.remove(mpos); }
                    Edit::Left => mpos = mpos.saturating_sub(1),
                    Edit::Right => mpos = (mpos + 1).min(model.len()),
                    Edit::Home => mpos = 0,
                    Edit::End => mpos = model.len(),
                    _ => {}
                }
                prop_assert_eq!(e.text(), model.iter().collect::<String>());
                prop_assert_eq!(e.caret(), mpos);
            }
        }

        /// Undoing every edit gives back the text the field started with.
        #[test]
        fn undo_all_gives_back_the_start(start in "[a-z ]{0,12}", edits in proptest::collection::vec(edit(), 0..30)) {
            let mut e = LineEdit::new(&start, usize::MAX);
            for x in edits {
                e.apply(x, CAP);
            }
            while e.apply(Edit::Undo, CAP) {}
            prop_assert_eq!(e.text(), start.as_str());
        }
    }
}
