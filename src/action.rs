//! What a user can ask for, as data: keys map to these through `keymap`, and `app` acts on them.
//! A module of its own so that `keymap` (the tables) and `app` (the update) both depend on it
//! and not on each other.

/// Everything a user can ask for. Keys map to actions through `keymap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Open the selected school.
    Open,
    /// Back to the board (from the school screen).
    Back,
    Quit,
    Help,
    CloseHelp,
    SearchStart,
    SearchInput(char),
    SearchBackspace,
    /// Keep the typed search as a filter and leave the search line.
    SearchAccept,
    /// Clear the search.
    SearchCancel,
    CycleSort,
    FilterOpen,
    FilterClose,
    FilterFieldNext,
    FilterFieldPrev,
    FilterValueNext,
    FilterValuePrev,
    /// Clear the search and every filter.
    ClearFilters,
    NextSection,
    PrevSection,
    NextSchool,
    PrevSchool,
    // Timelines, due lists, activities, checkpoint reviews, actions tracker (app/timeline.rs)
    OpenTimeline,
    OpenDue,
    OpenTracker,
    OpenReview,
    OpenPlan,
    PrevYear,
    NextYear,
    MoreWeeks,
    FewerWeeks,
    CycleOfficer,
    CyclePriority,
    ToggleSchool,
    ToggleOverdue,
    /// The tracker lists done actions too (toggle).
    ToggleDone,
    /// Reopen the action just completed, or the selected done one (tracker).
    Reopen,
    /// Amend the recorded checkpoint review on screen (audited).
    Amend,
    /// Plan the checkpoint review the entitlement proposes (none is planned).
    PlanCheckpoint,
    NewActivity,
    /// `e` on the school screen: edit the school's details.
    EditDetails,
    /// `L` on the board: set the link officer of the schools shown.
    BulkOfficer,
    /// `E` on the school screen: record an escalation step.
    AddStep,
    CompleteItem,
    CancelItem,
    ConfirmYes,
    ConfirmNo,
    FieldNext,
    FieldPrev,
    ValueNext,
    ValuePrev,
    FormBackspace,
    FormSave,
    FormCancel,
    /// Ctrl-Q in a form: close it and drop what was typed (Esc does not, once typed).
    FormDiscard,
    /// Move the caret or delete in the focused one-line text field of a form (`caret`).
    TextEdit(Edit),
    /// The note of visit screens (`app::note`).
    Note(NoteAction),
    /// Meeting mode (its own actions, in `app::meeting`).
    Meeting(MeetingAction),
    /// The choices after a save ran into another officer's (`app::conflict`).
    Conflict(ConflictAction),
}

/// What a key can ask of the choices after a save ran into another officer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAction {
    /// Show or hide their record.
    Toggle,
    Up,
    Down,
    PageUp,
    PageDown,
    /// Back to the form, which keeps every word (and keeps it as the officer's draft).
    KeepMine,
    /// Save over theirs, once `overwrite` is typed.
    Overwrite,
    /// Discard the form, as its own `Ctrl-Q` does.
    DiscardMine,
    /// Delete a character of what is typed towards `overwrite`.
    Backspace,
}

/// What a key can ask of the note screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAction {
    /// A new note for the selected school (board) or the open school.
    New,
    /// Open the note selected in the school's Notes section.
    OpenSelected,
    SelectUp,
    SelectDown,
    NextField,
    PrevField,
    Save,
    /// Esc: leave the form (asks first when there are unsaved changes).
    Close,
    Finalise,
    Amend,
    EditExternally,
    AddRow,
    RemoveRow,
    Undo,
    Redo,
    Copy,
    Cut,
    Paste,
    /// In the "unsaved changes" popup.
    SaveAndClose,
    Discard,
    KeepEditing,
    /// In the "restore draft" popup.
    Restore,
    /// From the board: the list of recently discarded notes.
    OpenDiscarded,
    /// Find any note by its words (from the board).
    FindNotes,
    /// In that list: put the selected one back as a draft of its note.
    PutBack,
    /// The read-only view of a finalised note: scroll, move between its versions, record
    /// the school's response.
    ScrollUp,
    ScrollDown,
    ScrollPageUp,
    ScrollPageDown,
    ScrollTop,
    ScrollBottom,
    OlderVersion,
    NewerVersion,
    Respond,
    /// Plan the school's next visit on the date its entitlement proposes.
    PlanNextVisit,
    /// In the response form: accurate / factual corrections.
    ToggleCorrections,
    /// Yes / Enter in a confirm or reason popup.
    Confirm,
    /// Esc / n in a popup.
    Cancel,
}

/// What a key asks of meeting mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingAction {
    /// From the board: the list of meetings.
    OpenList,
    New,
    Up,
    Down,
    Open,
    Back,
    NextField,
    /// Enter: save the plan, or save the decision and move on, or accept a typed line.
    Submit,
    Backspace,
    Remove,
    MoveUp,
    MoveDown,
    AddBack,
    /// A digit: the n-th category of the scheme (1-based).
    Category(u8),
    /// The same category as the school's current one.
    Same,
    EditRationale,
    AddAction,
    /// Type a line of evidence considered, added to the form's list.
    AddEvidence,
    NextSchool,
    PrevSchool,
    /// Scroll the evidence panel.
    EvidenceDown,
    EvidenceUp,
    /// The next school on the agenda not yet decided.
    NextUndecided,
    /// Go to a school on the agenda by name or URN (asks which).
    GoTo,
    /// Choose the category by number or name in a prompt (any size of scheme).
    PickCategory,
    Skip,
    Defer,
    ToggleAtRisk,
    /// Space: cycle the rating or toggle the risk factor under the form cursor.
    Cycle,
    Close,
    /// Ctrl-Q while planning: throw the planned meeting away.
    Discard,
    Cancel,
    Inform,
    InformSchool,
    InformDiocese,
    InformRegional,
    /// The schools still to inform, as CSV for a mail merge.
    ExportInform,
}

/// One edit of a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Delete the character before the caret.
    Backspace,
    /// Delete the character under the caret.
    Delete,
    Left,
    Right,
    Home,
    End,
    /// To the start of the word before the caret (Ctrl-←, Alt-b).
    WordLeft,
    /// To the start of the next word (Ctrl-→, Alt-f).
    WordRight,
    /// Delete the word before the caret (Ctrl-W, Alt-Backspace).
    DeleteWordBack,
    /// Delete from the start of the text to the caret (Ctrl-U).
    DeleteToStart,
    /// Take back the last edit of the field (Ctrl-Z).
    Undo,
    /// Do again what undo took back (Ctrl-Y).
    Redo,
}
