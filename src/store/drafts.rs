//! Drafts of notes of visits being edited: written after a pause in typing and when the session
//! ends (quit, SIGHUP, SIGTERM), offered back when the note is opened again, removed once the
//! note is saved or the draft discarded. Same versioned envelope as the records.

use super::envelope;
use super::{Store, StoreError};
use crate::domain::{Id, NoteBody, Urn};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The tree drafts live in (not a record tree: drafts have no rev and no audit entry).
pub const DRAFT_TREE: &str = "drafts";
/// Schema of the draft envelope.
pub const DRAFT_SCHEMA: u16 = 1;

/// An unsaved note: what was typed, for which note of which school, by whom and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// `Draft::key_for(urn, note)`.
    pub key: String,
    pub urn: Urn,
    /// The stored note this edits; `None` for a new note.
    pub note: Option<Id>,
    /// Set when the draft is an amendment of a finalised note.
    pub amend_reason: Option<String>,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    pub body: NoteBody,
}

impl Draft {
    /// "123456/new" for a new note, "123456/42" for note 42.
    pub fn key_for(urn: Urn, note: Option<Id>) -> String {
        match note {
            Some(id) => format!("{urn}/{id}"),
            None => format!("{urn}/new"),
        }
    }
}

impl Store {
    fn drafts_tree(&self) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(DRAFT_TREE)?)
    }

    /// Writes a draft (replacing any under the same key) and flushes it to disk.
    pub fn put_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        let bytes = envelope::encode(DRAFT_SCHEMA, draft)?;
        let tree = self.drafts_tree()?;
        tree.insert(draft.key.as_bytes(), bytes)?;
        tree.flush()?;
        Ok(())
    }

    /// Every stored draft, oldest key first.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let tree = self.drafts_tree()?;
        let mut out = Vec::new();
        for kv in tree.iter() {
            let (k, v) = kv?;
            let d = envelope::decode(&v, DRAFT_SCHEMA, envelope::no_migration, DRAFT_TREE, || {
                String::from_utf8_lossy(&k).into_owned()
            })?;
            out.push(d);
        }
        Ok(out)
    }

    /// Removes a draft (absent is fine) and flushes.
    pub fn delete_draft(&self, key: &str) -> Result<(), StoreError> {
        let tree = self.drafts_tree()?;
        tree.remove(key.as_bytes())?;
        tree.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_delete() {
        let store = Store::open_temporary().unwrap();
        let d = Draft {
            key: Draft::key_for(100, None),
            urn: 100,
            note: None,
            amend_reason: None,
            author: "e2e".into(),
            at: DateTime::from_timestamp_millis(1_795_442_520_000).unwrap(),
            body: NoteBody {
                text: "FIERTÉ — 学校 🏫".into(),
                ..NoteBody::default()
            },
        };
        store.put_draft(&d).unwrap();
        assert_eq!(store.drafts().unwrap(), vec![d.clone()]);
        store.delete_draft(&d.key).unwrap();
        assert!(store.drafts().unwrap().is_empty());
    }
}
