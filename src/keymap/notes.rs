//! Notes of visits: the Notes section of a school, the form, a finalised note and the form's
//! popups (unsaved changes, restore a draft, finalise, the reason for an amendment).

use crate::action::{Action, Edit, NoteAction as NA};

use super::Binding;

const fn nk(a: NA) -> Action {
    Action::Note(a)
}

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    bind!(Board, "n", nk(NA::New), "New note of visit for the selected school"),
    bind!(Board, "F", nk(NA::FindNotes), "Find any note of visit by its words (every school)"),
    // From the school screen too (whichever section is open); Esc comes back to it.
    bind!(School, "F", nk(NA::FindNotes), "Find any note, review or decision by its words (every school)"),
    bind!(SchoolNotes, "F", nk(NA::FindNotes), "Find any note, review or decision by its words (every school)"),
    bind!(SchoolReviews, "F", nk(NA::FindNotes), "Find any note, review or decision by its words (every school)"),
    bind!(SchoolEscalation, "F", nk(NA::FindNotes), "Find any note, review or decision by its words (every school)"),
    bind!(Board, "R", nk(NA::OpenDiscarded), "Recently discarded forms of every kind (kept 14 days): put back", "bin"),
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
    bind!(NoteForm, "<C-f>", nk(NA::Finalise), "Finalise the note (checks it, then asks for Ctrl-T); then it can only be amended", "finalise"),
    bind!(NoteForm, "<C-n>", nk(NA::AddRow), "Add an agreed action row", "add action"),
    bind!(NoteForm, "<C-d>", nk(NA::RemoveRow), "Remove the agreed action row with the cursor (Ctrl-Z puts it back)"),
    bind!(NoteForm, "<C-e>", nk(NA::EditExternally), "Edit the free text in $VISUAL / $EDITOR", "editor"),
    bind!(NoteForm, "<C-z>", nk(NA::Undo), "Undo (a removed action row first, if that was the last change)"),
    bind!(NoteForm, "<C-y>", nk(NA::Redo), "Redo"),
    bind!(NoteForm, "<C-x>", nk(NA::Cut), "Cut the selection (select with Shift and the arrows)"),
    bind!(NoteForm, "<A-c>", nk(NA::Copy), "Copy the selection"),
    bind!(NoteForm, "<C-v>", nk(NA::Paste), "Paste what was cut or copied"),
    bind!(NoteForm, "<Esc>", nk(NA::Close), "Close the form (asks if there are unsaved changes)", "close"),
    bind!(NoteForm, "<F1>", Action::Help, "Show this help", "help"),
    // A finalised note, read-only (its own view: every field in full, its versions).
    bind!(NoteView, "<Up>k", nk(NA::ScrollUp), "Scroll up", "↑↓" "scroll"),
    bind!(NoteView, "<Down>j", nk(NA::ScrollDown), "Scroll down"),
    bind!(NoteView, "<PgUp>", nk(NA::ScrollPageUp), "Page up"),
    bind!(NoteView, "<PgDn><Space>", nk(NA::ScrollPageDown), "Page down"),
    bind!(NoteView, "<Home>g", nk(NA::ScrollTop), "To the top"),
    bind!(NoteView, "<End>G", nk(NA::ScrollBottom), "To the end (versions, the school's response)"),
    bind!(NoteView, "<Left>[", nk(NA::OlderVersion), "View the earlier version (what changed is marked)", "←→" "version"),
    bind!(NoteView, "<Right>]", nk(NA::NewerVersion), "View the later version"),
    bind!(NoteView, "a", nk(NA::Amend), "Amend this finalised note (asks for a reason)", "amend"),
    bind!(NoteView, "v", nk(NA::PlanNextVisit), "Plan the school's next visit on the date its entitlement proposes", "next visit"),
    bind!(NoteView, "r", nk(NA::Respond), "Record the school's response (received, accurate or corrections, comment)", "response"),
    bind!(NoteView, "<Esc>q", nk(NA::Close), "Close the note", "close"),
    bind!(NoteView, "?<F1>", Action::Help, "Show this help", "help"),
    // The school's response to a note, over the view.
    bind!(NoteResponse, "<Tab>", nk(NA::NextField), "Next field (Enter too, on the date)", "field"),
    bind!(NoteResponse, "<S-Tab>", nk(NA::PrevField), "Previous field"),
    bind!(NoteResponse, shown "Space ←→", nk(NA::ToggleCorrections), "On \"Accurate?\": accepted as accurate / factual corrections requested", "toggle"),
    bind!(NoteResponse, "<C-s>", nk(NA::Save), "Save the response with the note", "save"),
    bind!(NoteResponse, "<Esc>", nk(NA::Cancel), "Close without saving the response", "cancel"),
    bind!(NoteResponse, "<F1>", Action::Help, "Show this help", "help"),
    // Unsaved changes popup.
    bind!(NoteUnsaved, "<C-s>", nk(NA::SaveAndClose), "Save the note and close it", "save"),
    bind!(NoteUnsaved, "<C-q>", nk(NA::Discard), "Discard the changes and close (R on the board puts them back)", "discard"),
    bind!(NoteUnsaved, "<Esc>", nk(NA::KeepEditing), "Keep editing", "keep editing"),
    bind!(NoteUnsaved, shown "other keys", nk(NA::KeepEditing), "Keep editing: the key goes to the note as typed", "keep typing"),
    // Restore a draft popup.
    bind!(NoteRestore, "r", nk(NA::Restore), "Restore the draft", "restore"),
    bind!(NoteRestore, "<C-q>", nk(NA::Discard), "Discard the draft (R on the board puts it back)", "discard"),
    bind!(NoteRestore, "<Esc>", nk(NA::Cancel), "Keep the draft for later and go back", "later"),
    // Finalise confirm.
    bind!(NoteConfirm, "<C-t>", nk(NA::Confirm), "Finalise the note", "finalise"),
    bind!(NoteConfirm, "<Esc>", nk(NA::Cancel), "Do not finalise", "cancel"),
    bind!(NoteConfirm, shown "other keys", nk(NA::Cancel), "Do not finalise: the key goes to the note as typed", "keep typing"),
    // Recently discarded notes.
    bind!(NoteSearch, "<Up>", nk(NA::SelectUp), "Previous note found", "↑↓" "select"),
    bind!(NoteSearch, "<Down>", nk(NA::SelectDown), "Next note found"),
    bind!(NoteSearch, "<Enter>", nk(NA::OpenSelected), "Search (after typing), or open the selected note", "search/open"),
    bind!(NoteSearch, "<Esc>", nk(NA::Cancel), "Back to the board", "back"),
    bind!(NoteSearch, "<F1>", Action::Help, "Show this help", "help"),
    bind!(NoteSearch, "<Bs>", Action::TextEdit(Edit::Backspace), "Delete a character"),
    bind!(NoteSearch, "<Left>", Action::TextEdit(Edit::Left), "Caret left"),
    bind!(NoteSearch, "<Right>", Action::TextEdit(Edit::Right), "Caret right"),
    bind!(NoteDiscarded, "<Up>k", nk(NA::SelectUp), "Previous discarded form", "↑↓" "select"),
    bind!(NoteDiscarded, "<Down>j", nk(NA::SelectDown), "Next discarded form"),
    bind!(NoteDiscarded, "<Enter>", nk(NA::PutBack), "Put it back (restored when its form next opens)", "put back"),
    bind!(NoteDiscarded, "<Esc>q", nk(NA::Cancel), "Back to the board", "back"),
    bind!(NoteDiscarded, "?", Action::Help, "Show this help", "help"),
    // Reason for an amendment.
    bind!(NoteReason, "<Enter>", nk(NA::Confirm), "Start the amendment with this reason", "amend"),
    bind!(NoteReason, "<Esc>", nk(NA::Cancel), "Do not amend", "cancel"),
];
