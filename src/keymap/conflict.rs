//! The choices after a save ran into another officer's (over the form that saved).

use crate::action::{Action, ConflictAction as CA};

use super::Binding;

const fn ck(a: CA) -> Action {
    Action::Conflict(a)
}

#[rustfmt::skip]
pub(super) static KEYS: &[Binding] = &[
    bind!(Conflict, "<Tab>", ck(CA::Toggle), "Show or hide their version (what differs from yours is marked)", "theirs"),
    bind!(Conflict, "<Up>", ck(CA::Up), "Scroll their version up", "↑↓" "scroll"),
    bind!(Conflict, "<Down>", ck(CA::Down), "Scroll their version down"),
    bind!(Conflict, "<PgUp>", ck(CA::PageUp), "Page up"),
    bind!(Conflict, "<PgDn>", ck(CA::PageDown), "Page down"),
    bind!(Conflict, "<Esc>", ck(CA::KeepMine), "Keep mine: back to the form, every word kept (as your draft too)", "keep mine"),
    bind!(Conflict, "<Enter>", ck(CA::Overwrite), "After typing overwrite: save yours over theirs (audited; a note keeps theirs as an earlier version)", "overwrite"),
    bind!(Conflict, "<C-q>", ck(CA::DiscardMine), "Discard mine, as the form's own Ctrl-Q (into Recently discarded)", "discard mine"),
    bind!(Conflict, "<Bs>", ck(CA::Backspace), "Delete a character of what is typed"),
    bind!(Conflict, "<F1>", Action::Help, "Show this help", "help"),
];
