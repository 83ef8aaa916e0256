//! Escalation steps: adding one from the school screen, the Escalation section, the step form.

use crate::action::Action;

use super::Binding;

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    bind!(School, "E", Action::AddStep, "Record an escalation step (concerns, warning notice, IEB…)"),
    // The Escalation section of the school screen
    bind!(SchoolEscalation, "<Up>k", Action::Up, "Previous step", "↑↓" "select"),
    bind!(SchoolEscalation, "<Down>j", Action::Down, "Next step"),
    bind!(SchoolEscalation, "<Enter>", Action::Open, "Edit the selected step (status, dates…)", "edit"),
    bind!(SchoolEscalation, "E", Action::AddStep, "Record an escalation step", "add"),
    bind!(SchoolEscalation, "<Tab><Right>l", Action::NextSection, "Next section", "section"),
    bind!(SchoolEscalation, "<S-Tab><Left>h", Action::PrevSection, "Previous section"),
    bind!(SchoolEscalation, "n", Action::NextSchool, "Next school on the board"),
    bind!(SchoolEscalation, "p", Action::PrevSchool, "Previous school on the board"),
    bind!(SchoolEscalation, "<Esc>q<Bs>", Action::Back, "Back to the board", "back"),
    bind!(SchoolEscalation, "?", Action::Help, "Show this help", "help"),
    // The step form
    bind!(StepForm, "<Tab><Down><Enter>", Action::FieldNext, "Next field", "field"),
    bind!(StepForm, "<S-Tab><Up>", Action::FieldPrev, "Previous field"),
    bind!(StepForm, "<Right>", Action::ValueNext, "Next step kind / status / prompt; in text, caret right", "←→" "choose"),
    bind!(StepForm, "<Left>", Action::ValuePrev, "Previous step kind / status / prompt; in text, caret left"),
    bind!(StepForm, "<C-s>", Action::FormSave, "Save the step (one change, audited field by field)", "save"),
    bind!(StepForm, "<Esc>", Action::FormCancel, "Close (if something was changed: asks for Ctrl-S or Ctrl-Q)", "close"),
    bind!(StepForm, "<C-q>", Action::FormDiscard, "Discard and close (R on the board puts it back)", "discard"),
    bind!(StepForm, "<F1>", Action::Help, "Show this help", "help"),
];
