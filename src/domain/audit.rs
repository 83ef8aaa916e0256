//! Who did what, when: one entry per stored change.

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
