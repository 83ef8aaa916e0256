//! Keys as data. One table says which key does what on which screen; the hint line at the bottom
//! and the `?` help overlay are both generated from it, so they cannot drift from the real keys.

use crate::app::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a key is pressed: the screen, or the overlay on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Applies everywhere (checked after the current context).
    Global,
    Board,
    /// Typing a search on the board.
    Search,
    /// The filter popup over the board.
    Filter,
    School,
    Help,
    /// A school's timeline (app/timeline.rs).
    Timeline,
    /// Yes/no over the timeline or tracker.
    Confirm,
    /// What falls due across all schools.
    Due,
    ActivityForm,
    CheckpointForm,
    /// Open actions across schools.
    Tracker,
    PlanForm,
    /// The Notes section of the school screen (a selectable list).
    SchoolNotes,
    /// The note of visit form, editing.
    NoteForm,
    /// A finalised note, read-only.
    NoteView,
    /// "Unsaved changes" popup over the note form.
    NoteUnsaved,
    /// "Restore the draft?" popup.
    NoteRestore,
    /// "Finalise?" popup.
    NoteConfirm,
    /// Typing the reason for an amendment.
    NoteReason,
    /// Meeting mode: the list of meetings, planning one, running one, typing in a field,
    /// confirming the close, the "to inform" list.
    MeetingList,
    MeetingPlan,
    MeetingRun,
    MeetingText,
    MeetingConfirm,
    MeetingInform,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Board => "Board",
            Context::Search => "Search",
            Context::Filter => "Filter",
            Context::School => "School",
            Context::Help => "Help",
            Context::Timeline => "Timeline",
            Context::Confirm => "Confirm",
            Context::Due => "Due",
            Context::ActivityForm => "Activity",
            Context::CheckpointForm => "Checkpoint review",
            Context::Tracker => "Actions tracker",
            Context::PlanForm => "Support plan",
            Context::SchoolNotes => "Notes of visits",
            Context::NoteForm => "Note of visit",
            Context::NoteView => "Note of visit (final)",
            Context::NoteUnsaved => "Unsaved changes",
            Context::NoteRestore => "Restore draft",
            Context::NoteConfirm => "Finalise",
            Context::NoteReason => "Amendment reason",
            Context::MeetingList => "Meetings",
            Context::MeetingPlan => "Plan a meeting",
            Context::MeetingRun => "Meeting",
            Context::MeetingText => "Typing",
            Context::MeetingConfirm => "Confirm",
            Context::MeetingInform => "To inform",
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Context,
    /// The keys that trigger it (modifiers other than Ctrl and Alt are ignored when matching).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the help overlay, e.g. "↑ k".
    pub label: &'static str,
    pub action: Action,
    /// For the hint line: (keys, word), e.g. ("↑↓", "move"). `None` keeps it out of the hint line.
    pub hint: Option<(&'static str, &'static str)>,
    /// For the help overlay.
    pub desc: &'static str,
}

pub(crate) const N: KeyModifiers = KeyModifiers::NONE;
pub(crate) const C: KeyModifiers = KeyModifiers::CONTROL;

pub(crate) const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), N)
}

pub(crate) const fn b(
    ctx: Context,
    keys: &'static [(KeyCode, KeyModifiers)],
    label: &'static str,
    action: Action,
    hint: Option<(&'static str, &'static str)>,
    desc: &'static str,
) -> Binding {
    Binding {
        ctx,
        keys,
        label,
        action,
        hint,
        desc,
    }
}

use Context as X;

/// The keymap. Order matters: it is the order of the hint line and of the help overlay.
pub static CORE: &[Binding] = &[
    // Board
    b(
        X::Board,
        &[(KeyCode::Up, N), ch('k')],
        "↑ k",
        Action::Up,
        Some(("↑↓", "move")),
        "Previous school",
    ),
    b(
        X::Board,
        &[(KeyCode::Down, N), ch('j')],
        "↓ j",
        Action::Down,
        None,
        "Next school",
    ),
    b(
        X::Board,
        &[(KeyCode::PageUp, N)],
        "PgUp",
        Action::PageUp,
        None,
        "Page up",
    ),
    b(
        X::Board,
        &[(KeyCode::PageDown, N)],
        "PgDn",
        Action::PageDown,
        None,
        "Page down",
    ),
    b(
        X::Board,
        &[(KeyCode::Home, N), ch('g')],
        "Home g",
        Action::Home,
        None,
        "First school",
    ),
    b(
        X::Board,
        &[(KeyCode::End, N), ch('G')],
        "End G",
        Action::End,
        None,
        "Last school",
    ),
    b(
        X::Board,
        &[(KeyCode::Enter, N)],
        "Enter",
        Action::Open,
        Some(("Enter", "open")),
        "Open the selected school",
    ),
    b(
        X::Board,
        &[ch('/')],
        "/",
        Action::SearchStart,
        Some(("/", "search")),
        "Search by name or URN (filters as you type)",
    ),
    b(
        X::Board,
        &[ch('s')],
        "s",
        Action::CycleSort,
        Some(("s", "sort")),
        "Sort by priority, name, checkpoint, last visit, actions",
    ),
    b(
        X::Board,
        &[ch('f')],
        "f",
        Action::FilterOpen,
        Some(("f", "filter")),
        "Filter by priority, phase, type or link officer",
    ),
    b(
        X::Board,
        &[ch('x')],
        "x",
        Action::ClearFilters,
        Some(("x", "clear")),
        "Clear the search and all filters",
    ),
    b(
        X::Board,
        &[(KeyCode::Esc, N)],
        "Esc",
        Action::SearchCancel,
        None,
        "Clear the search (Esc never quits)",
    ),
    b(
        X::Board,
        &[ch('?')],
        "?",
        Action::Help,
        Some(("?", "help")),
        "Show this help",
    ),
    b(
        X::Board,
        &[ch('q')],
        "q",
        Action::Quit,
        Some(("q", "quit")),
        "Quit",
    ),
    // Search (typing)
    b(
        X::Search,
        &[(KeyCode::Enter, N)],
        "Enter",
        Action::SearchAccept,
        Some(("Enter", "keep")),
        "Keep the search as a filter",
    ),
    b(
        X::Search,
        &[(KeyCode::Esc, N)],
        "Esc",
        Action::SearchCancel,
        Some(("Esc", "clear")),
        "Clear the search",
    ),
    b(
        X::Search,
        &[(KeyCode::Backspace, N)],
        "Bksp",
        Action::SearchBackspace,
        None,
        "Delete a character",
    ),
    b(
        X::Search,
        &[(KeyCode::Up, N)],
        "↑",
        Action::Up,
        Some(("↑↓", "move")),
        "Previous school",
    ),
    b(
        X::Search,
        &[(KeyCode::Down, N)],
        "↓",
        Action::Down,
        None,
        "Next school",
    ),
    b(
        X::Search,
        &[(KeyCode::PageUp, N)],
        "PgUp",
        Action::PageUp,
        None,
        "Page up",
    ),
    b(
        X::Search,
        &[(KeyCode::PageDown, N)],
        "PgDn",
        Action::PageDown,
        None,
        "Page down",
    ),
    // Filter popup
    b(
        X::Filter,
        &[(KeyCode::Up, N), ch('k')],
        "↑ k",
        Action::FilterFieldPrev,
        Some(("↑↓", "field")),
        "Previous filter",
    ),
    b(
        X::Filter,
        &[(KeyCode::Down, N), ch('j')],
        "↓ j",
        Action::FilterFieldNext,
        None,
        "Next filter",
    ),
    b(
        X::Filter,
        &[(KeyCode::Right, N), ch('l'), ch(' ')],
        "→ l Space",
        Action::FilterValueNext,
        Some(("←→", "value")),
        "Next value of this filter",
    ),
    b(
        X::Filter,
        &[(KeyCode::Left, N), ch('h')],
        "← h",
        Action::FilterValuePrev,
        None,
        "Previous value of this filter",
    ),
    b(
        X::Filter,
        &[ch('x'), (KeyCode::Delete, N), (KeyCode::Backspace, N)],
        "x Del",
        Action::ClearFilters,
        Some(("x", "clear all")),
        "Clear all filters",
    ),
    b(
        X::Filter,
        &[(KeyCode::Enter, N), (KeyCode::Esc, N), ch('f')],
        "Enter Esc f",
        Action::FilterClose,
        Some(("Enter", "done")),
        "Close the filter popup (filters stay)",
    ),
    b(
        X::Filter,
        &[ch('?')],
        "?",
        Action::Help,
        Some(("?", "help")),
        "Show this help",
    ),
    // School
    b(
        X::School,
        &[(KeyCode::Tab, N), (KeyCode::Right, N), ch('l')],
        "Tab → l",
        Action::NextSection,
        Some(("Tab", "section")),
        "Next section",
    ),
    b(
        X::School,
        &[(KeyCode::BackTab, N), (KeyCode::Left, N), ch('h')],
        "S-Tab ← h",
        Action::PrevSection,
        None,
        "Previous section",
    ),
    b(
        X::School,
        &[(KeyCode::Up, N), ch('k')],
        "↑ k",
        Action::Up,
        Some(("↑↓", "scroll")),
        "Scroll the section up",
    ),
    b(
        X::School,
        &[(KeyCode::Down, N), ch('j')],
        "↓ j",
        Action::Down,
        None,
        "Scroll the section down",
    ),
    b(
        X::School,
        &[(KeyCode::PageUp, N)],
        "PgUp",
        Action::PageUp,
        None,
        "Scroll a page up",
    ),
    b(
        X::School,
        &[(KeyCode::PageDown, N)],
        "PgDn",
        Action::PageDown,
        None,
        "Scroll a page down",
    ),
    b(
        X::School,
        &[(KeyCode::Home, N), ch('g')],
        "Home g",
        Action::Home,
        None,
        "Top of the section",
    ),
    b(
        X::School,
        &[ch('n')],
        "n",
        Action::NextSchool,
        Some(("n/p", "next/prev school")),
        "Next school on the board",
    ),
    b(
        X::School,
        &[ch('p')],
        "p",
        Action::PrevSchool,
        None,
        "Previous school on the board",
    ),
    b(
        X::School,
        &[(KeyCode::Esc, N), ch('q'), (KeyCode::Backspace, N)],
        "Esc q",
        Action::Back,
        Some(("Esc", "back")),
        "Back to the board (or the due list the school was opened from)",
    ),
    b(
        X::School,
        &[ch('?')],
        "?",
        Action::Help,
        Some(("?", "help")),
        "Show this help",
    ),
    // Help overlay
    b(
        X::Help,
        &[(KeyCode::Esc, N), ch('?'), ch('q'), (KeyCode::Enter, N)],
        "Esc ? q",
        Action::CloseHelp,
        Some(("Esc", "close help")),
        "Close the help",
    ),
    b(
        X::Help,
        &[(KeyCode::Down, N), ch('j')],
        "↓ j",
        Action::Down,
        Some(("↑↓", "scroll")),
        "Scroll down",
    ),
    b(
        X::Help,
        &[(KeyCode::Up, N), ch('k')],
        "↑ k",
        Action::Up,
        None,
        "Scroll up",
    ),
    // Everywhere
    b(
        X::Global,
        &[(KeyCode::Char('c'), C)],
        "Ctrl-C",
        Action::Quit,
        None,
        "Quit at once",
    ),
];

/// Every keymap table: the core screens here, and each further screen's own table beside its
/// state (one line per screen, so screens can be added without touching each other's keys).
static TABLES: &[&[Binding]] = &[
    CORE,
    crate::app::timeline::KEYS,
    crate::app::note_form::KEYS,
    crate::app::meeting::KEYS,
];

/// Every binding of every screen, in table order.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The bindings of a context, in table order (not including `Global`).
pub fn bindings(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    all().filter(move |b| b.ctx == ctx)
}

fn matches(spec: &(KeyCode, KeyModifiers), key: &KeyEvent) -> bool {
    let strict = KeyModifiers::CONTROL | KeyModifiers::ALT;
    // SHIFT is ignored: letters arrive in their own case, BackTab with or without SHIFT.
    spec.0 == key.code && (spec.1 & strict) == (key.modifiers & strict)
}

/// The action a key stands for in a context, if any. Key releases are ignored. While searching,
/// a printable character is text.
pub fn lookup(ctx: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let found = all()
        .filter(|b| b.ctx == ctx || b.ctx == Context::Global)
        .find(|b| b.keys.iter().any(|s| matches(s, &key)))
        .map(|b| b.action);
    if found.is_some() {
        return found;
    }
    if ctx == Context::Search
        && let KeyCode::Char(c) = key.code
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Action::SearchInput(c));
    }
    None
}

/// The hint line of a context: "↑↓ move  Enter open  / search …", from the table.
pub fn hint_line(ctx: Context) -> Vec<(&'static str, &'static str)> {
    bindings(ctx).filter_map(|b| b.hint).collect()
}

/// Rows for the help overlay of a context: (keys, description), the context's own keys then the
/// global ones.
pub fn help_rows(ctx: Context) -> Vec<(&'static str, &'static str)> {
    bindings(ctx)
        .chain(bindings(Context::Global))
        .map(|b| (b.label, b.desc))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_bound_once_per_context() {
        for ctx in [
            Context::Board,
            Context::Search,
            Context::Filter,
            Context::School,
            Context::Help,
        ] {
            let mut seen = Vec::new();
            for b in bindings(ctx).chain(bindings(Context::Global)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{ctx:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn esc_on_board_does_not_quit() {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_ne!(lookup(Context::Board, esc), Some(Action::Quit));
    }
}
