//! What an officer may save, by role. Checked where commits are applied (src/effects.rs), so
//! a key stream crafted to reach a form the role should not use still writes nothing.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Runs meetings and changes anything: the role of everyone when no team is configured.
    /// Escalation steps (warning notices, interim executive boards, academy orders) are the
    /// authority's formal powers, agreed as decisions are: the facilitator's alone.
    #[default]
    Facilitator,
    /// Writes notes of visits, visits and other activities, support plans, checkpoint reviews
    /// and actions; not decisions, meetings, school records or escalation steps.
    Officer,
    /// Saves nothing, keeps nothing.
    ReadOnly,
}

impl Role {
    /// Whether this role may save a record of `kind` (the store's tree name).
    pub fn may_save(self, kind: &str) -> bool {
        match self {
            Role::Facilitator => true,
            Role::Officer => matches!(kind, "note" | "activity" | "plan" | "checkpoint" | "action"),
            Role::ReadOnly => false,
        }
    }

    /// Whether this role's unsaved forms are kept as drafts in the store.
    pub fn keeps_drafts(self) -> bool {
        self != Role::ReadOnly
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Facilitator => "facilitator",
            Role::Officer => "officer",
            Role::ReadOnly => "read-only",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_saves_what_it_may() {
        for kind in ["school", "decision", "meeting", "note", "action"] {
            assert!(Role::Facilitator.may_save(kind));
            assert!(!Role::ReadOnly.may_save(kind));
        }
        assert!(Role::Officer.may_save("note") && Role::Officer.may_save("checkpoint"));
        assert!(!Role::Officer.may_save("decision") && !Role::Officer.may_save("meeting"));
        assert!(!Role::Officer.may_save("school"));
        assert!(Role::Facilitator.may_save("escalation") && !Role::Officer.may_save("escalation"));
    }
}
