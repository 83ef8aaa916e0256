//! Meeting mode: the list of meetings, planning one, running one, typing in a field, confirming
//! the close, the "to inform" list.

use crate::action::{Action, Edit, MeetingAction as M};

use super::Binding;

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    bind!(Board, "M", Action::Meeting(M::OpenList), "SQA meetings: plan, run, minutes (the list of meetings)"),
    // The list of meetings
    bind!(MeetingList, "<Up>k", Action::Meeting(M::Up), "Previous meeting", "↑↓" "move"),
    bind!(MeetingList, "<Down>j", Action::Meeting(M::Down), "Next meeting"),
    bind!(MeetingList, "<Enter>", Action::Meeting(M::Open), "Start or open the meeting", "run"),
    bind!(MeetingList, "N", Action::Meeting(M::New), "Plan a new meeting", "new"),
    bind!(MeetingList, "I", Action::Meeting(M::Inform), "Who has been informed of its decisions", "to inform"),
    bind!(MeetingList, "<Esc>", Action::Meeting(M::Back), "Back to the board", "board"),
    bind!(MeetingList, "?", Action::Help, "Show this help", "help"),
    // Planning: the agenda
    bind!(MeetingPlan, "<Up>k", Action::Meeting(M::Up), "Previous school", "↑↓" "move"),
    bind!(MeetingPlan, "<Down>j", Action::Meeting(M::Down), "Next school"),
    bind!(MeetingPlan, "d", Action::Meeting(M::Remove), "Remove the school from the agenda", "remove"),
    bind!(MeetingPlan, "a", Action::Meeting(M::AddBack), "Add the last removed school back", "add back"),
    bind!(MeetingPlan, "K", Action::Meeting(M::MoveUp), "Move the school up", "K/J" "reorder"),
    bind!(MeetingPlan, "J", Action::Meeting(M::MoveDown), "Move the school down"),
    bind!(MeetingPlan, "<Tab>", Action::Meeting(M::NextField), "Date, attendees, agenda", "field"),
    bind!(MeetingPlan, "<Enter>", Action::Meeting(M::Submit), "Save the planned meeting", "save"),
    bind!(MeetingPlan, "<Esc>", Action::Meeting(M::Back), "Cancel planning (if anything was changed: asks for Enter or Ctrl-Q)", "cancel"),
    bind!(MeetingPlan, "<C-q>", Action::Meeting(M::Discard), "Discard the planned meeting", "discard"),
    bind!(MeetingPlan, "?", Action::Help, "Show this help"),
    // Running: the decision form
    bind!(MeetingRun, shown "1-9", Action::Meeting(M::Category(0)), "Set the category (scheme order), then type the rationale; over nine categories: the number, then Enter", "category"),
    bind!(MeetingRun, "=.", Action::Meeting(M::Same), "Same category as before, then type the rationale", "same"),
    bind!(MeetingRun, "c", Action::Meeting(M::PickCategory), "Choose the category by number or name (any scheme size)"),
    bind!(MeetingRun, "<Enter>", Action::Meeting(M::Submit), "Save the decision and go to the next school", "save"),
    bind!(MeetingRun, "r", Action::Meeting(M::EditRationale), "Type the rationale", "rationale"),
    bind!(MeetingRun, "a", Action::Meeting(M::AddAction), "Add an action: text; owner; dd/mm/yyyy", "action"),
    // The form's evidence heading shows `e` (and Space) where it applies: no room in the hints.
    bind!(MeetingRun, "e", Action::Meeting(M::AddEvidence), "Add a line of evidence considered"),
    bind!(MeetingRun, "u", Action::Meeting(M::NextUndecided), "Next school still to decide", "undecided"),
    bind!(MeetingRun, "g", Action::Meeting(M::GoTo), "Go to a school on the agenda by name or URN", "go to"),
    bind!(MeetingRun, "<Right>n", Action::Meeting(M::NextSchool), "Next school", "←→" "school"),
    bind!(MeetingRun, "<Left>p", Action::Meeting(M::PrevSchool), "Previous school"),
    bind!(MeetingRun, "s", Action::Meeting(M::Skip), "Skip the school", "skip"),
    bind!(MeetingRun, "D", Action::Meeting(M::Defer), "Defer the school to a later meeting (asks why)", "defer"),
    bind!(MeetingRun, "<Up>k", Action::Meeting(M::Up), "Previous rating or risk factor"),
    bind!(MeetingRun, "<Down>j", Action::Meeting(M::Down), "Next rating or risk factor"),
    bind!(MeetingRun, "<Space>", Action::Meeting(M::Cycle), "Cycle the rating / toggle the risk factor / leave out or put back the evidence line"),
    bind!(MeetingRun, "!", Action::Meeting(M::ToggleAtRisk), "Toggle the at-risk flag"),
    // The panel says "PgDn: more" when there is more: no room in the hints.
    bind!(MeetingRun, "<PgDn>", Action::Meeting(M::EvidenceDown), "Scroll the evidence panel down"),
    bind!(MeetingRun, "<PgUp>", Action::Meeting(M::EvidenceUp), "Scroll the evidence panel up"),
    bind!(MeetingRun, "I", Action::Meeting(M::Inform), "Schools to inform", "inform"),
    bind!(MeetingRun, "C", Action::Meeting(M::Close), "Close the meeting and write the minutes (asks you to type close)", "close"),
    bind!(MeetingRun, "<Esc>", Action::Meeting(M::Back), "Back to the meetings list", "list"),
    bind!(MeetingRun, "?", Action::Help, "Show this help", "help"),
    // Typing a field
    bind!(MeetingText, "<Enter>", Action::Meeting(M::Submit), "Rationale: save and next; action or evidence: add; plan: next field", "save"),
    bind!(MeetingText, "<Left>", Action::TextEdit(Edit::Left), "Caret left"),
    bind!(MeetingText, "<Right>", Action::TextEdit(Edit::Right), "Caret right"),
    bind!(MeetingText, "<Bs>", Action::Meeting(M::Backspace), "Delete a character"),
    bind!(MeetingText, "<Tab>", Action::Meeting(M::NextField), "Leave the field (text kept)", "leave"),
    bind!(MeetingText, "<Esc>", Action::Meeting(M::Back), "Leave the field (text kept) / cancel planning", "back"),
    // A question over meeting mode: a word to confirm (close, start), a school, a category, a date
    bind!(MeetingConfirm, "<Enter>", Action::Meeting(M::Submit), "Answer (a close or an early start needs its word typed first)", "answer"),
    bind!(MeetingConfirm, "<Esc>", Action::Meeting(M::Cancel), "Cancel: nothing is changed", "cancel"),
    bind!(MeetingConfirm, "<Left>", Action::TextEdit(Edit::Left), "Caret left"),
    bind!(MeetingConfirm, "<Right>", Action::TextEdit(Edit::Right), "Caret right"),
    bind!(MeetingConfirm, "<Bs>", Action::Meeting(M::Backspace), "Delete a character"),
    // To inform
    bind!(MeetingInform, "<Up>k", Action::Meeting(M::Up), "Previous school", "↑↓" "move"),
    bind!(MeetingInform, "<Down>j", Action::Meeting(M::Down), "Next school"),
    bind!(MeetingInform, "i", Action::Meeting(M::InformSchool), "School informed: asks the date (today offered; clear to clear)", "school told"),
    bind!(MeetingInform, "o", Action::Meeting(M::InformDiocese), "Diocese informed: asks the date (today offered; clear to clear)", "diocese"),
    bind!(MeetingInform, "g", Action::Meeting(M::InformRegional), "Shared with the regional team: asks the date (today offered)", "regional"),
    bind!(MeetingInform, "x", Action::Meeting(M::ExportInform), "Export the schools still to inform as CSV (mail merge)", "csv"),
    bind!(MeetingInform, "<Esc>", Action::Meeting(M::Back), "Back", "back"),
    bind!(MeetingInform, "?", Action::Help, "Show this help"),
];
