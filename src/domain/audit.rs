//! Who did what, when: one entry per stored change.

use super::school::Urn;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub user: String,
    /// Record kind, e.g. "decision".
    pub kind: String,
    /// The record's key as text, e.g. "100234/2026-11-23/17".
    pub key: String,
    /// What changed, in words: "created", "updated rev 3 → 4", "finalised".
    pub summary: String,
}

/// Kinds of record that belong to one school; their keys start with its urn ("100234/…").
const SCHOOL_KINDS: [&str; 8] = [
    "school",
    "decision",
    "activity",
    "plan",
    "checkpoint",
    "note",
    "action",
    "escalation",
];

/// What an audit entry is about, for showing a school's changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concerns {
    /// A record of this school.
    School(Urn),
    /// Every school: an import of the whole store, a change of the priority scheme.
    All,
    /// Something else (a meeting, which spans schools: its decisions have their own entries).
    Other,
}

impl AuditEntry {
    pub fn concerns(&self) -> Concerns {
        if SCHOOL_KINDS.contains(&self.kind.as_str()) {
            let urn = self.key.split('/').next().and_then(|u| u.parse().ok());
            return urn.map_or(Concerns::Other, Concerns::School);
        }
        match self.kind.as_str() {
            "dataset" | "scheme" => Concerns::All,
            _ => Concerns::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, key: &str) -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: DateTime::<Utc>::default(),
            user: "alice".into(),
            kind: kind.into(),
            key: key.into(),
            summary: "created".into(),
        }
    }

    #[test]
    fn entries_are_placed_by_kind_and_key() {
        assert_eq!(
            entry("school", "100234").concerns(),
            Concerns::School(100234)
        );
        assert_eq!(
            entry("decision", "100234/2026-11-23/17").concerns(),
            Concerns::School(100234)
        );
        assert_eq!(
            entry("plan", "100234/2026-27/5").concerns(),
            Concerns::School(100234)
        );
        assert_eq!(
            entry("meeting", "2026-11-23/17").concerns(),
            Concerns::Other
        );
        assert_eq!(entry("dataset", "all").concerns(), Concerns::All);
        assert_eq!(entry("scheme", "scheme").concerns(), Concerns::All);
        // A key that is not ours (hex of a damaged key) belongs to no school.
        assert_eq!(entry("note", "a5ff00").concerns(), Concerns::Other);
    }
}
