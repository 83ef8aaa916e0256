//! Notes of visits: the Notes section of a school, the form, a finalised note and the form's
//! popups (unsaved changes, restore a draft, finalise, the reason for an amendment).

use crate::action::{Action, NoteAction as NA};

use super::Binding;

const fn nk(a: NA) -> Action {
    Action::Note(a)
}

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    bind!(Board, "n", nk(NA::New), "New note of visit for the selected school"),
    // The Notes section of the school screen.
    bind!(SchoolNotes, "<Up>k", nk(NA::SelectUp), "Previous note", "↑↓" "select"),
    bind!(SchoolNotes, "<Down>j", nk(NA::SelectDown), "Next note"),
    bind!(SchoolNotes, "<Enter>", nk(NA::OpenSelected), "Open the selected note", "open"),
    bind!(SchoolNotes, "n", nk(NA::New), "New note of visit", "new note"),
    bind!(SchoolNotes, "<Tab><Right>l", Action::NextSection, "Next section", "section"),
    bind!(SchoolNotes, "<S-Tab><Left>h", Action::PrevSection, "Previous section"),
    bind!(SchoolNotes, "<Esc>q<Bs>", Action::Back, "Back to the board", "back"),
    bind!(SchoolNotes, "?", Action::Help, "Show this help", "help"),
    // The form, editing.
    bind!(NoteForm, "<Tab>", nk(NA::NextField), "Next field (Enter too, in one-line fields)", "field"),
    bind!(NoteForm, "<S-Tab>", nk(NA::PrevField), "Previous field"),
    bind!(NoteForm, "<C-s>", nk(NA::Save), "Save the note (and its agreed actions)", "save"),
    bind!(NoteForm, "<C-f>", nk(NA::Finalise), "Finalise the note (asks first); then it can only be amended", "finalise"),
    bind!(NoteForm, "<C-n>", nk(NA::AddRow), "Add an agreed action row", "add action"),
    bind!(NoteForm, "<C-d>", nk(NA::RemoveRow), "Remove the agreed action row with the cursor"),
    bind!(NoteForm, "<C-e>", nk(NA::EditExternally), "Edit the free text in $VISUAL / $EDITOR", "editor"),
    bind!(NoteForm, "<C-z>", nk(NA::Undo), "Undo"),
    bind!(NoteForm, "<C-y>", nk(NA::Redo), "Redo"),
    bind!(NoteForm, "<C-x>", nk(NA::Cut), "Cut the selection (select with Shift and the arrows)"),
    bind!(NoteForm, "<A-c>", nk(NA::Copy), "Copy the selection"),
    bind!(NoteForm, "<C-v>", nk(NA::Paste), "Paste what was cut or copied"),
    bind!(NoteForm, "<Esc>", nk(NA::Close), "Close the form (asks if there are unsaved changes)", "close"),
    bind!(NoteForm, "<F1>", Action::Help, "Show this help", "help"),
    // A finalised note, read-only.
    bind!(NoteView, "<Tab>", nk(NA::NextField), "Next field", "field"),
    bind!(NoteView, "<S-Tab>", nk(NA::PrevField), "Previous field"),
    bind!(NoteView, "a", nk(NA::Amend), "Amend this finalised note (asks for a reason)", "amend"),
    bind!(NoteView, "<Esc>q", nk(NA::Close), "Close the note", "close"),
    bind!(NoteView, "?<F1>", Action::Help, "Show this help", "help"),
    // Unsaved changes popup.
    bind!(NoteUnsaved, "s", nk(NA::SaveAndClose), "Save the note and close it", "save"),
    bind!(NoteUnsaved, "d", nk(NA::Discard), "Discard the changes and close", "discard"),
    bind!(NoteUnsaved, "<Esc>", nk(NA::KeepEditing), "Keep editing", "keep editing"),
    // Restore a draft popup.
    bind!(NoteRestore, "r", nk(NA::Restore), "Restore the draft", "restore"),
    bind!(NoteRestore, "d", nk(NA::Discard), "Discard the draft", "discard"),
    bind!(NoteRestore, "<Esc>", nk(NA::Cancel), "Keep the draft for later and go back", "later"),
    // Finalise confirm.
    bind!(NoteConfirm, "y<Enter>", nk(NA::Confirm), "Finalise the note", "finalise"),
    bind!(NoteConfirm, "n<Esc>", nk(NA::Cancel), "Do not finalise", "cancel"),
    // Reason for an amendment.
    bind!(NoteReason, "<Enter>", nk(NA::Confirm), "Start the amendment with this reason", "amend"),
    bind!(NoteReason, "<Esc>", nk(NA::Cancel), "Do not amend", "cancel"),
];
