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
    /// `Draft::key_of(urn, note, author)` (`key_for` before drafts were the officer's own).
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
    /// The key drafts had before they were the officer's own: "123456/new" for a new note,
    /// "123456/42" for note 42 (read only to be moved to `key_of`).
    pub fn key_for(urn: Urn, note: Option<Id>) -> String {
        match note {
            Some(id) => format!("{urn}/{id}"),
            None => format!("{urn}/new"),
        }
    }

    /// Where an officer's draft of a note lives: "123456/new/jo", "123456/42/jo". One
    /// officer's draft is never another's, and two officers never keep over one key.
    pub fn key_of(urn: Urn, note: Option<Id>, author: &str) -> String {
        format!("{}/{author}", Draft::key_for(urn, note))
    }

    /// The key this draft belongs under (its key, once moved from the old form).
    pub fn own_key(&self) -> String {
        Draft::key_of(self.urn, self.note, &self.author)
    }
}

impl Store {
    fn drafts_tree(&self) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(DRAFT_TREE)?)
    }

    /// Writes a draft (replacing any under the same key) and flushes it to disk.
    pub fn put_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        self.writable()?;
        let bytes = envelope::encode(DRAFT_SCHEMA, draft)?;
        let tree = self.drafts_tree()?;
        tree.insert(draft.key.as_bytes(), bytes)
            .map_err(|e| self.latch(e.into()))?;
        self.flush()?;
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

    /// Moves a draft from `from` to its own key in one commit (one sled batch, one flush):
    /// discarding a note and putting one back never leave it in both places or in neither.
    pub fn move_draft(&self, from: &str, draft: &Draft) -> Result<(), StoreError> {
        self.writable()?;
        let bytes = envelope::encode(DRAFT_SCHEMA, draft)?;
        let mut batch = sled::Batch::default();
        batch.remove(from.as_bytes());
        batch.insert(draft.key.as_bytes(), bytes);
        self.drafts_tree()?
            .apply_batch(batch)
            .map_err(|e| self.latch(e.into()))?;
        self.flush()?;
        Ok(())
    }

    /// Removes a draft (absent is fine) and flushes.
    pub fn delete_draft(&self, key: &str) -> Result<(), StoreError> {
        self.writable()?;
        let tree = self.drafts_tree()?;
        tree.remove(key.as_bytes())
            .map_err(|e| self.latch(e.into()))?;
        self.flush()?;
        Ok(())
    }
}

/// Key prefix of what was discarded, in both draft trees: `discarded/{ms}/{its own key}`, `ms`
/// the moment it was discarded (13 digits, so the keys sort by it).
pub const DISCARDED_PREFIX: &str = "discarded/";

/// The key a discarded draft had, from its discarded key.
pub fn discarded_original(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(DISCARDED_PREFIX)?;
    rest.split_once('/').map(|(_, k)| k)
}

/// When a draft was discarded, from its discarded key.
pub fn discarded_at(key: &str) -> Option<DateTime<Utc>> {
    let rest = key.strip_prefix(DISCARDED_PREFIX)?;
    let (ms, _) = rest.split_once('/')?;
    DateTime::from_timestamp_millis(ms.parse().ok()?)
}

/// The key `key` is kept under once discarded at `at`.
pub fn discarded_key(key: &str, at: DateTime<Utc>) -> String {
    format!("{DISCARDED_PREFIX}{:013}/{key}", at.timestamp_millis())
}

/// The tree of unsaved forms other than notes (a meeting's decision forms), each under a key
/// of the caller's ("meeting/17/alice"), in the versioned envelope with the caller's schema.
pub const FORM_DRAFT_TREE: &str = "form_drafts";

impl Store {
    /// Writes an unsaved form under `key` (replacing any) and flushes it to disk.
    pub fn put_form_draft<T: Serialize>(
        &self,
        key: &str,
        schema: u16,
        value: &T,
    ) -> Result<(), StoreError> {
        self.writable()?;
        let bytes = envelope::encode(schema, value)?;
        let tree = self.db.open_tree(FORM_DRAFT_TREE)?;
        tree.insert(key.as_bytes(), bytes)
            .map_err(|e| self.latch(e.into()))?;
        self.flush()?;
        Ok(())
    }

    /// The unsaved forms whose keys start with `prefix`, by key. One that does not decode is
    /// an error naming it (it is somebody's typing: never dropped silently).
    pub fn form_drafts<T: serde::de::DeserializeOwned>(
        &self,
        prefix: &str,
        schema: u16,
    ) -> Result<Vec<(String, T)>, StoreError> {
        self.form_drafts_migrating(prefix, schema, envelope::no_migration)
    }

    /// As `form_drafts`, reading a form kept under an older `schema` through `migrate`.
    pub fn form_drafts_migrating<T: serde::de::DeserializeOwned>(
        &self,
        prefix: &str,
        schema: u16,
        migrate: impl Fn(u16, &[u8]) -> Result<T, String>,
    ) -> Result<Vec<(String, T)>, StoreError> {
        let tree = self.db.open_tree(FORM_DRAFT_TREE)?;
        let mut out = Vec::new();
        for kv in tree.scan_prefix(prefix.as_bytes()) {
            let (k, v) = kv?;
            let key = String::from_utf8_lossy(&k).into_owned();
            let value = envelope::decode(&v, schema, &migrate, FORM_DRAFT_TREE, || key.clone())?;
            out.push((key, value));
        }
        Ok(out)
    }

    /// Writes an unsaved form under `to` and removes the one under `from`, in one commit (one
    /// sled batch, one flush): a discarded form moves to its `discarded/` key and back.
    pub fn move_form_draft<T: Serialize>(
        &self,
        from: &str,
        to: &str,
        schema: u16,
        value: &T,
    ) -> Result<(), StoreError> {
        self.writable()?;
        let bytes = envelope::encode(schema, value)?;
        let mut batch = sled::Batch::default();
        batch.remove(from.as_bytes());
        batch.insert(to.as_bytes(), bytes);
        self.db
            .open_tree(FORM_DRAFT_TREE)?
            .apply_batch(batch)
            .map_err(|e| self.latch(e.into()))?;
        self.flush()?;
        Ok(())
    }

    /// The discarded forms (under `discarded/{ms}/`) whose own key starts with `prefix`, by
    /// key, read as `form_drafts_migrating` reads them.
    pub fn discarded_form_drafts<T: serde::de::DeserializeOwned>(
        &self,
        prefix: &str,
        schema: u16,
        migrate: impl Fn(u16, &[u8]) -> Result<T, String>,
    ) -> Result<Vec<(String, T)>, StoreError> {
        let tree = self.db.open_tree(FORM_DRAFT_TREE)?;
        let mut out = Vec::new();
        for kv in tree.scan_prefix(DISCARDED_PREFIX.as_bytes()) {
            let (k, v) = kv?;
            let key = String::from_utf8_lossy(&k).into_owned();
            if !discarded_original(&key).is_some_and(|o| o.starts_with(prefix)) {
                continue;
            }
            let value = envelope::decode(&v, schema, &migrate, FORM_DRAFT_TREE, || key.clone())?;
            out.push((key, value));
        }
        Ok(out)
    }

    /// Removes an unsaved form (absent is fine) and flushes.
    pub fn delete_form_draft(&self, key: &str) -> Result<(), StoreError> {
        self.writable()?;
        let tree = self.db.open_tree(FORM_DRAFT_TREE)?;
        tree.remove(key.as_bytes())
            .map_err(|e| self.latch(e.into()))?;
        self.flush()?;
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

    #[test]
    fn a_discarded_form_moves_in_one_commit_and_is_read_by_its_kind() {
        let store = Store::open_temporary().unwrap();
        store
            .put_form_draft("activity/1/new/al", 1, &"typed".to_string())
            .unwrap();
        let at = DateTime::from_timestamp_millis(1_795_442_520_000).unwrap();
        let bin = discarded_key("activity/1/new/al", at);
        assert_eq!(bin, "discarded/1795442520000/activity/1/new/al");
        assert_eq!(discarded_original(&bin), Some("activity/1/new/al"));
        assert_eq!(discarded_at(&bin), Some(at));
        store
            .move_form_draft("activity/1/new/al", &bin, 1, &"typed".to_string())
            .unwrap();
        assert!(
            store
                .form_drafts::<String>("activity/", 1)
                .unwrap()
                .is_empty()
        );
        let got: Vec<(String, String)> = store
            .discarded_form_drafts("activity/", 1, envelope::no_migration)
            .unwrap();
        assert_eq!(got, [(bin.clone(), "typed".to_string())]);
        // Another kind's prefix does not read it.
        let other: Vec<(String, String)> = store
            .discarded_form_drafts("checkpoint/", 1, envelope::no_migration)
            .unwrap();
        assert!(other.is_empty());
        // And back.
        store
            .move_form_draft(&bin, "activity/1/new/al", 1, &"typed".to_string())
            .unwrap();
        assert_eq!(
            store.form_drafts::<String>("activity/", 1).unwrap().len(),
            1
        );
        assert!(
            store
                .discarded_form_drafts::<String>("activity/", 1, envelope::no_migration)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_discarded_note_moves_in_one_commit() {
        let store = Store::open_temporary().unwrap();
        let mut d = Draft {
            key: Draft::key_of(100, None, "al"),
            urn: 100,
            note: None,
            amend_reason: None,
            author: "al".into(),
            at: DateTime::from_timestamp_millis(1_795_442_520_000).unwrap(),
            body: NoteBody::default(),
        };
        store.put_draft(&d).unwrap();
        let from = d.key.clone();
        d.key = discarded_key(&from, d.at);
        store.move_draft(&from, &d).unwrap();
        assert_eq!(store.drafts().unwrap(), vec![d]);
    }

    #[test]
    fn form_drafts_round_trip_by_prefix_and_delete() {
        let store = Store::open_temporary().unwrap();
        store
            .put_form_draft("meeting/1/al", 1, &"one".to_string())
            .unwrap();
        store
            .put_form_draft("meeting/2/al", 1, &"two".to_string())
            .unwrap();
        store
            .put_form_draft("other/1", 1, &"x".to_string())
            .unwrap();
        let got: Vec<(String, String)> = store.form_drafts("meeting/", 1).unwrap();
        assert_eq!(
            got,
            [
                ("meeting/1/al".to_string(), "one".to_string()),
                ("meeting/2/al".to_string(), "two".to_string())
            ]
        );
        // A newer schema than asked for is refused by name, not misread.
        assert!(store.form_drafts::<String>("meeting/", 0).is_err());
        store.delete_form_draft("meeting/1/al").unwrap();
        assert_eq!(store.form_drafts::<String>("meeting/", 1).unwrap().len(), 1);
    }
}
