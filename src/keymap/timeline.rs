//! Timelines, the due list, the activity and checkpoint review forms, the support plan editor
//! and the actions tracker (and the keys that open them from the board and a school).

use crate::action::{Action, Edit};

use super::Binding;

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    bind!(Board, "t", Action::OpenTimeline, "Timeline of the selected school"),
    bind!(Board, "w", Action::OpenDue, "What falls due in the coming weeks, across all schools"),
    bind!(Board, "A", Action::OpenTracker, "Open actions across all schools"),
    bind!(School, "t", Action::OpenTimeline, "Timeline of this school"),
    bind!(School, "r", Action::OpenReview, "Record a checkpoint review"),
    // The Reviews section of the school screen
    bind!(SchoolReviews, "<Up>k", Action::Up, "Previous review", "↑↓" "select"),
    bind!(SchoolReviews, "<Down>j", Action::Down, "Next review"),
    bind!(SchoolReviews, "<Enter>", Action::Open, "Open the selected review (read-only)", "open"),
    bind!(SchoolReviews, "r", Action::OpenReview, "Record a checkpoint review", "review"),
    bind!(SchoolReviews, "t", Action::OpenTimeline, "Timeline of this school"),
    bind!(SchoolReviews, "<Tab><Right>l", Action::NextSection, "Next section", "section"),
    bind!(SchoolReviews, "<S-Tab><Left>h", Action::PrevSection, "Previous section"),
    bind!(SchoolReviews, "n", Action::NextSchool, "Next school on the board"),
    bind!(SchoolReviews, "p", Action::PrevSchool, "Previous school on the board"),
    bind!(SchoolReviews, "<Esc>q<Bs>", Action::Back, "Back to the board", "back"),
    bind!(SchoolReviews, "?", Action::Help, "Show this help", "help"),
    // A recorded checkpoint review, read-only
    bind!(ReviewView, "<Up>k", Action::Up, "Scroll up", "↑↓" "scroll"),
    bind!(ReviewView, "<Down>j", Action::Down, "Scroll down"),
    bind!(ReviewView, "<PgUp>", Action::PageUp, "Scroll a page up"),
    bind!(ReviewView, "<PgDn>", Action::PageDown, "Scroll a page down"),
    bind!(ReviewView, "e", Action::Amend, "Amend this review (the change is audited)", "amend"),
    bind!(ReviewView, "<Esc>q<Bs>", Action::Back, "Back", "back"),
    bind!(ReviewView, "?", Action::Help, "Show this help", "help"),
    // Timeline
    bind!(Timeline, "<Up>k", Action::Up, "Previous activity"),
    bind!(Timeline, "<Down>j", Action::Down, "Next activity"),
    bind!(Timeline, "<Enter>", Action::Open, "Edit the selected activity (a done checkpoint review: read it)", "open"),
    bind!(Timeline, "[", Action::PrevYear, "Previous academic year", "[]" "year"),
    bind!(Timeline, "]", Action::NextYear, "Next academic year"),
    bind!(Timeline, "a", Action::NewActivity, "Add an activity", "add"),
    bind!(Timeline, "c", Action::CompleteItem, "Mark the selected activity done today", "done"),
    bind!(Timeline, "x", Action::CancelItem, "Cancel the selected activity (asks first; a review asks why)", "cancel"),
    bind!(Timeline, "r", Action::OpenReview, "Record a checkpoint review", "review"),
    bind!(Timeline, "C", Action::PlanCheckpoint, "Plan the checkpoint review the entitlement proposes", "plan"),
    bind!(Timeline, "P", Action::OpenPlan, "Edit the support plan for this year"),
    bind!(Timeline, "<Esc>q<Bs>", Action::Back, "Back", "back"),
    bind!(Timeline, "?", Action::Help, "Show this help", "help"),
    // Confirm
    bind!(Confirm, "yY", Action::ConfirmYes, "Yes", "yes"),
    bind!(Confirm, "nN<Esc>", Action::ConfirmNo, "No", "no"),
    // Due
    bind!(Due, "<Up>k", Action::Up, "Previous item", "↑↓" "move"),
    bind!(Due, "<Down>j", Action::Down, "Next item"),
    bind!(Due, "<Enter>", Action::Open, "Open the item's school", "school"),
    bind!(Due, "+=", Action::MoreWeeks, "One more week", "+/-" "weeks"),
    bind!(Due, "-", Action::FewerWeeks, "One week fewer"),
    bind!(Due, "o", Action::CycleOfficer, "Filter by officer (cycle)", "officer"),
    bind!(Due, "p", Action::CyclePriority, "Filter by priority (cycle)", "priority"),
    bind!(Due, "<Esc>q<Bs>", Action::Back, "Back to the board", "back"),
    bind!(Due, "?", Action::Help, "Show this help", "help"),
    // Activity form
    bind!(ActivityForm, "<Tab><Down><Enter>", Action::FieldNext, "Next field", "field"),
    bind!(ActivityForm, "<S-Tab><Up>", Action::FieldPrev, "Previous field"),
    bind!(ActivityForm, "<Right>", Action::ValueNext, "Next kind / status; in text, caret right", "←→" "choose"),
    bind!(ActivityForm, "<Left>", Action::ValuePrev, "Previous kind / status; in text, caret left"),
    bind!(ActivityForm, "<C-s>", Action::FormSave, "Save the activity", "save"),
    bind!(ActivityForm, "<Esc>", Action::FormCancel, "Close without saving", "discard"),
    bind!(ActivityForm, "<F1>", Action::Help, "Show this help", "help"),
    // Checkpoint review form
    bind!(CheckpointForm, "<Tab><Down><Enter>", Action::FieldNext, "Next field", "field"),
    bind!(CheckpointForm, "<S-Tab><Up>", Action::FieldPrev, "Previous field"),
    bind!(CheckpointForm, "<Right>", Action::ValueNext, "Next progress / recommendation", "←→" "choose"),
    bind!(CheckpointForm, "<Left>", Action::ValuePrev, "Previous progress / recommendation"),
    bind!(CheckpointForm, "<C-s>", Action::FormSave, "Save the review, mark the checkpoint done, plan the next", "save"),
    bind!(CheckpointForm, "<Esc>", Action::FormCancel, "Close without saving", "discard"),
    bind!(CheckpointForm, "<F1>", Action::Help, "Show this help", "help"),
    // Support plan editor
    bind!(PlanForm, "<Tab><Down>", Action::FieldNext, "Next line", "↑↓" "line"),
    bind!(PlanForm, "<S-Tab><Up>", Action::FieldPrev, "Previous line"),
    bind!(PlanForm, "<Enter>", Action::Open, "Add a success criterion below", "add criterion"),
    bind!(PlanForm, "<C-n>", Action::NewActivity, "Add a headline priority", "add priority"),
    bind!(PlanForm, "<Left>", Action::TextEdit(Edit::Left), "Caret left in the line"),
    bind!(PlanForm, "<Right>", Action::TextEdit(Edit::Right), "Caret right in the line"),
    bind!(PlanForm, "<C-s>", Action::FormSave, "Save the plan (empty lines are left out)", "save"),
    bind!(PlanForm, "<Esc>", Action::FormCancel, "Close without saving", "discard"),
    bind!(PlanForm, "<F1>", Action::Help, "Show this help"),
    // Typing in a one-line field of the activity, checkpoint and plan forms (after their own keys)
    bind!(Typing, "<Home>", Action::TextEdit(Edit::Home), "Caret to the start of the text"),
    bind!(Typing, "<End>", Action::TextEdit(Edit::End), "Caret to the end of the text"),
    bind!(Typing, "<Del>", Action::TextEdit(Edit::Delete), "Delete the character under the caret"),
    bind!(Typing, "<Bs>", Action::FormBackspace, "Delete a character"),
    // Actions tracker
    bind!(Tracker, "<Up>k", Action::Up, "Previous action", "↑↓" "move"),
    bind!(Tracker, "<Down>j", Action::Down, "Next action"),
    bind!(Tracker, "<Enter>", Action::Open, "Show the selected action in full, with its source", "show"),
    bind!(Tracker, "c", Action::CompleteItem, "Complete the selected action (shows it and asks first)", "done"),
    bind!(Tracker, "u", Action::Reopen, "Reopen the action just completed, or the selected done one", "reopen"),
    bind!(Tracker, "d", Action::ToggleDone, "List done actions too (toggle)", "done too"),
    bind!(Tracker, "o", Action::CycleOfficer, "Filter by owner (cycle)", "owner"),
    bind!(Tracker, "s", Action::ToggleSchool, "Only the school selected on the board (toggle)"),
    bind!(Tracker, "!", Action::ToggleOverdue, "Only overdue actions (toggle)"),
    bind!(Tracker, "<Esc>q<Bs>", Action::Back, "Back to the board", "back"),
    bind!(Tracker, "?", Action::Help, "Show this help", "help"),
    // Completing an action: the dialog shows it; a lone typed letter does not answer it
    bind!(CompleteConfirm, "<C-s><Enter>", Action::ConfirmYes, "Complete the action (u undoes)", "Enter" "complete"),
    bind!(CompleteConfirm, "<Esc>n", Action::ConfirmNo, "Keep it open", "Esc" "keep open"),
    // One action in full
    bind!(ActionView, "<Esc><Enter>q<Bs>", Action::Back, "Close", "Esc" "close"),
    bind!(ActionView, "c", Action::CompleteItem, "Complete this action (asks first)", "done"),
    bind!(ActionView, "u", Action::Reopen, "Reopen this action if it is done", "reopen"),
    bind!(ActionView, "?", Action::Help, "Show this help", "help"),
    // Why a planned checkpoint review is cancelled (typed; goes into the audit trail)
    bind!(CancelReason, "<Enter>", Action::ConfirmYes, "Cancel the review, with this reason", "Enter" "cancel review"),
    bind!(CancelReason, "<Esc>", Action::ConfirmNo, "Keep the review planned", "Esc" "keep"),
    bind!(CancelReason, "<Bs>", Action::FormBackspace, "Delete a character"),
];
