//! The board, its search and filter popup, the school screen, the help overlay, and the keys
//! that work everywhere.

use crate::action::{Action, Edit};

use super::Binding;

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    // Board
    bind!(Board, "<Up>k", Action::Up, "Previous school", "↑↓" "move"),
    bind!(Board, "<Down>j", Action::Down, "Next school"),
    bind!(Board, "<PgUp>", Action::PageUp, "Page up"),
    bind!(Board, "<PgDn>", Action::PageDown, "Page down"),
    bind!(Board, "<Home>g", Action::Home, "First school"),
    bind!(Board, "<End>G", Action::End, "Last school"),
    bind!(Board, "<Enter>", Action::Open, "Open the selected school", "open"),
    bind!(Board, "/", Action::SearchStart, "Search by name or URN (filters as you type)", "search"),
    bind!(Board, "s", Action::CycleSort, "Sort by priority, name, checkpoint, last visit, actions", "sort"),
    bind!(Board, "f", Action::FilterOpen, "Filter by priority, phase, type or link officer", "filter"),
    bind!(Board, "x", Action::ClearFilters, "Clear the search and all filters", "clear"),
    bind!(Board, "<Esc>", Action::SearchCancel, "Clear the search (Esc never quits)"),
    bind!(Board, "?", Action::Help, "Show this help", "help"),
    bind!(Board, "q", Action::Quit, "Quit", "quit"),
    // No hint word: the board's hint line is full at 80 columns; `?` lists it.
    bind!(Board, "L", Action::BulkOfficer, "Set the link officer of every school shown (asks; Ctrl-S confirms)"),
    // Search (typing)
    bind!(Search, "<Enter>", Action::SearchAccept, "Keep the search as a filter", "keep"),
    bind!(Search, "<Esc>", Action::SearchCancel, "Clear the search", "clear"),
    bind!(Search, "<Bs>", Action::SearchBackspace, "Delete a character"),
    bind!(Search, "<Left>", Action::TextEdit(Edit::Left), "Caret left"),
    bind!(Search, "<Right>", Action::TextEdit(Edit::Right), "Caret right"),
    bind!(Search, "<Up>", Action::Up, "Previous school", "↑↓" "move"),
    bind!(Search, "<Down>", Action::Down, "Next school"),
    bind!(Search, "<PgUp>", Action::PageUp, "Page up"),
    bind!(Search, "<PgDn>", Action::PageDown, "Page down"),
    // Filter popup
    bind!(Filter, "<Up>k", Action::FilterFieldPrev, "Previous filter", "↑↓" "field"),
    bind!(Filter, "<Down>j", Action::FilterFieldNext, "Next filter"),
    bind!(Filter, "<Right>l<Space>", Action::FilterValueNext, "Next value of this filter", "←→" "value"),
    bind!(Filter, "<Left>h", Action::FilterValuePrev, "Previous value of this filter"),
    bind!(Filter, "x<Del><Bs>", Action::ClearFilters, "Clear all filters", "clear all"),
    bind!(Filter, "<Enter><Esc>f", Action::FilterClose, "Close the filter popup (filters stay)", "done"),
    bind!(Filter, "?", Action::Help, "Show this help", "help"),
    // School
    bind!(School, "<Tab><Right>l", Action::NextSection, "Next section", "section"),
    bind!(School, "<S-Tab><Left>h", Action::PrevSection, "Previous section"),
    bind!(School, "<Up>k", Action::Up, "Scroll the section up", "↑↓" "scroll"),
    bind!(School, "<Down>j", Action::Down, "Scroll the section down"),
    bind!(School, "<PgUp>", Action::PageUp, "Scroll a page up"),
    bind!(School, "<PgDn>", Action::PageDown, "Scroll a page down"),
    bind!(School, "<Home>g", Action::Home, "Top of the section"),
    bind!(School, "e", Action::EditDetails, "Edit the details: link officer, head, chair, email, trust, diocese, notes", "edit"),
    bind!(School, "n", Action::NextSchool, "Next school on the board", "n/p" "next/prev school"),
    bind!(School, "p", Action::PrevSchool, "Previous school on the board"),
    bind!(School, "<Esc>q<Bs>", Action::Back, "Back to the board (or the due list the school was opened from)", "back"),
    bind!(School, "?", Action::Help, "Show this help", "help"),
    // School details form
    bind!(SchoolForm, "<Tab><Down><Enter>", Action::FieldNext, "Next field", "field"),
    bind!(SchoolForm, "<S-Tab><Up>", Action::FieldPrev, "Previous field"),
    bind!(SchoolForm, "<Right>", Action::ValueNext, "Next link officer; in text, caret right", "←→" "choose"),
    bind!(SchoolForm, "<Left>", Action::ValuePrev, "Previous link officer; in text, caret left"),
    bind!(SchoolForm, "<C-s>", Action::FormSave, "Save the details (one change, audited field by field)", "save"),
    bind!(SchoolForm, "<Esc>", Action::FormCancel, "Close (if something was changed: asks for Ctrl-S or Ctrl-Q)", "close"),
    bind!(SchoolForm, "<C-q>", Action::FormDiscard, "Discard and close (R on the board puts it back)", "discard"),
    bind!(SchoolForm, "<F1>", Action::Help, "Show this help", "help"),
    // Bulk link officer (over the board)
    bind!(BulkOfficer, "<Right><Down>", Action::ValueNext, "Next officer", "←→" "officer"),
    bind!(BulkOfficer, "<Left><Up>", Action::ValuePrev, "Previous officer"),
    bind!(BulkOfficer, "<C-s>", Action::FormSave, "Set it for every school listed (one change)", "set for all"),
    bind!(BulkOfficer, "<Esc>", Action::FormCancel, "Close without changing anything", "cancel"),
    bind!(BulkOfficer, "?<F1>", Action::Help, "Show this help", "help"),
    // Help overlay
    bind!(Help, "<Esc>?q<Enter>", Action::CloseHelp, "Close the help", "close help"),
    bind!(Help, "<Down>j", Action::Down, "Scroll down", "↑↓" "scroll"),
    bind!(Help, "<Up>k", Action::Up, "Scroll up"),
    // Everywhere
    bind!(Global, "<C-c>", Action::Quit, "Quit at once"),
    // Editing any one-line text field (after the field's own keys; the note form's fields
    // have the same keys, and there Ctrl-Z first puts back a removed action row)
    bind!(LineEdit, "<C-Left><A-b>", Action::TextEdit(Edit::WordLeft), "Caret to the start of the word before"),
    bind!(LineEdit, "<C-Right><A-f>", Action::TextEdit(Edit::WordRight), "Caret to the start of the next word"),
    bind!(LineEdit, "<Home><C-a>", Action::TextEdit(Edit::Home), "Caret to the start of the text"),
    bind!(LineEdit, "<End><C-e>", Action::TextEdit(Edit::End), "Caret to the end of the text"),
    bind!(LineEdit, "<Del>", Action::TextEdit(Edit::Delete), "Delete the character under the caret"),
    bind!(LineEdit, "<C-w>", Action::TextEdit(Edit::DeleteWordBack), "Delete the word before the caret"),
    bind!(LineEdit, "<A-Bs>", Action::TextEdit(Edit::DeleteWordBack), "Delete the word before the caret (as Ctrl-W)"),
    bind!(LineEdit, "<C-u>", Action::TextEdit(Edit::DeleteToStart), "Delete from the start of the text to the caret"),
    bind!(LineEdit, "<C-z>", Action::TextEdit(Edit::Undo), "Undo the last edit of the field"),
    bind!(LineEdit, "<C-y>", Action::TextEdit(Edit::Redo), "Redo what undo took back"),
];
