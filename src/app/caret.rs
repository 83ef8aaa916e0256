//! The caret in the one-line text fields of forms (meeting rationale and plan fields, checkpoint
//! commentary, activity and support plan fields): typing goes where the caret is, and ← → Home
//! End Delete move it or delete under it, so a slip mid-sentence is fixed without retyping the
//! rest. The caret belongs to one field (`TextId`); any other field has it at its end.

use super::Screen;
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
