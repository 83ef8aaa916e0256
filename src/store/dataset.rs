//! A whole `Dataset` in and out: import into an empty store in one transaction, export of
//! everything in a deterministic order.

use super::audit_index::{AUDIT_BY_SCHOOL, index_key};
use super::envelope;
use super::keys;
use super::read::decode_audit;
use super::record::Record;
use super::write::{AUDIT_SCHEMA, AUDIT_SEQ, NEXT_ID, SCHEME_KEY, SCHEME_SCHEMA, counter};
use super::{AUDIT_TREE, INDEX_TREES, META_TREE, RECORD_TREES, Stamp, Store, StoreError};
use crate::domain::dataset::EXPORT_FORMAT;
use crate::domain::text::clean_line;
use crate::domain::{
    Action, Activity, AuditEntry, CheckpointReview, Dataset, Decision, Meeting, Note, School,
    SupportPlan,
};

use sled::Transactional;
use std::collections::{BTreeMap, HashSet};

/// Key/value pairs to write, per tree.
type Staged = BTreeMap<&'static str, Vec<(Vec<u8>, Vec<u8>)>>;

/// Encodes the records of one kind with their index entries, refusing duplicate ids.
fn stage<R: Record>(recs: &[R], staged: &mut Staged) -> Result<(), StoreError> {
    let mut seen = HashSet::with_capacity(recs.len());
    for r in recs {
        let id = R::id_bytes(&r.id());
        let key = r.key();
        if !seen.insert(id.clone()) {
            return Err(StoreError::Invalid(format!(
                "import holds two {} records with the key {}",
                R::KIND,
                r.key_text()
            )));
        }
        let value = envelope::encode(R::SCHEMA, r)?;
        if let Some(index) = R::INDEX {
            staged.entry(index).or_default().push((id, key.clone()));
        }
        staged.entry(R::KIND).or_default().push((key, value));
    }
    Ok(())
}

fn sorted_by<T, K: Ord>(mut v: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    v.sort_by_key(key);
    v
}

impl Store {
    /// Imports `ds` into a store without records, all or nothing, as `by`.
    ///
    /// Ids and revs are kept; the id counter is moved past the highest id. Audit entries are
    /// kept too (renumbered after any already in the store), followed by one entry "imported N
    /// records". Everything is one sled transaction across all trees, then flushed.
    pub fn import_dataset(&self, ds: &Dataset, by: &Stamp) -> Result<(), StoreError> {
        self.writable()?;
        for name in RECORD_TREES.iter().chain(INDEX_TREES.iter()) {
            if !self.tree(name)?.is_empty() {
                return Err(StoreError::NotEmpty {
                    path: self.path().to_path_buf(),
                });
            }
        }
        let mut staged = Staged::new();
        stage(&ds.schools, &mut staged)?;
        stage(&ds.decisions, &mut staged)?;
        stage(&ds.meetings, &mut staged)?;
        stage(&ds.activities, &mut staged)?;
        stage(&ds.plans, &mut staged)?;
        stage(&ds.checkpoints, &mut staged)?;
        stage(&ds.notes, &mut staged)?;
        stage(&ds.actions, &mut staged)?;
        let records = ds.schools.len()
            + ds.decisions.len()
            + ds.meetings.len()
            + ds.activities.len()
            + ds.plans.len()
            + ds.checkpoints.len()
            + ds.notes.len()
            + ds.actions.len();
        let max_id = ds
            .decisions
            .iter()
            .map(|r| r.id)
            .chain(ds.meetings.iter().map(|r| r.id))
            .chain(ds.activities.iter().map(|r| r.id))
            .chain(ds.plans.iter().map(|r| r.id))
            .chain(ds.checkpoints.iter().map(|r| r.id))
            .chain(ds.notes.iter().map(|r| r.id))
            .chain(ds.actions.iter().map(|r| r.id))
            .max()
            .unwrap_or(0);

        let meta = self.tree(META_TREE)?;
        let audit_seq = counter(AUDIT_SEQ, meta.get(AUDIT_SEQ)?.as_ref())?;
        let next_id = counter(NEXT_ID, meta.get(NEXT_ID)?.as_ref())?.max(max_id);
        // Entries made before the import (a scheme choice, say) stay first.
        let offset = if self.tree(AUDIT_TREE)?.is_empty() {
            0
        } else {
            audit_seq
        };
        let mut seqs = HashSet::with_capacity(ds.audit.len());
        let mut last = audit_seq;
        let mut index = Vec::new();
        let audit = staged.entry(AUDIT_TREE).or_default();
        for e in &ds.audit {
            let seq = e.seq.checked_add(offset).ok_or_else(|| {
                StoreError::Invalid(format!("audit entry {} out of range", e.seq))
            })?;
            if !seqs.insert(seq) {
                return Err(StoreError::Invalid(format!(
                    "import holds two audit entries numbered {}",
                    e.seq
                )));
            }
            last = last.max(seq);
            let entry = AuditEntry { seq, ..e.clone() };
            audit.push((keys::id_key(seq), envelope::encode(AUDIT_SCHEMA, &entry)?));
            index.extend(index_key(&entry).map(|k| (k, vec![])));
        }
        let seq = last + 1;
        let own = AuditEntry {
            seq,
            at: by.at,
            user: clean_line(&by.user),
            kind: "dataset".into(),
            key: "all".into(),
            summary: format!("imported {records} records"),
        };
        audit.push((keys::id_key(seq), envelope::encode(AUDIT_SCHEMA, &own)?));
        index.extend(index_key(&own).map(|k| (k, vec![])));
        staged.entry(AUDIT_BY_SCHOOL).or_default().extend(index);
        staged.entry(META_TREE).or_default().extend([
            (
                SCHEME_KEY.as_bytes().to_vec(),
                envelope::encode(SCHEME_SCHEMA, &ds.scheme)?,
            ),
            (AUDIT_SEQ.as_bytes().to_vec(), seq.to_be_bytes().to_vec()),
            (NEXT_ID.as_bytes().to_vec(), next_id.to_be_bytes().to_vec()),
        ]);

        let names: Vec<&'static str> = staged.keys().copied().collect();
        let trees = names
            .iter()
            .map(|n| self.tree(n))
            .collect::<Result<Vec<_>, _>>()?;
        trees[..]
            .transaction(|t| {
                for (tree, name) in t.iter().zip(&names) {
                    for (k, v) in staged.get(name).into_iter().flatten() {
                        tree.insert(k.as_slice(), v.as_slice())?;
                    }
                }
                Ok::<(), sled::transaction::ConflictableTransactionError<StoreError>>(())
            })
            .map_err(|e| self.tx_failed(e))?;
        self.flush()?;
        // A bulk load leaves sled's pages as long chains of fragments, which the first read
        // consolidates; pay that here rather than in the first board load the user waits for.
        for name in RECORD_TREES {
            for kv in self.tree(name)?.iter() {
                kv?;
            }
        }
        self.subscribers.notify(super::Change {
            user: clean_line(&by.user),
            records: vec![("dataset", "all".to_string(), 0)],
        });
        Ok(())
    }

    /// Everything, notes and audit included. Schools by urn, other records by id, audit by
    /// sequence number, so two exports of the same data are identical.
    pub fn export_dataset(&self) -> Result<Dataset, StoreError> {
        let audit = self
            .tree(AUDIT_TREE)?
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                decode_audit(&v, &k)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Dataset {
            format: EXPORT_FORMAT,
            scheme: self
                .scheme()?
                .unwrap_or_else(crate::domain::Scheme::la_default),
            schools: sorted_by(self.all::<School>()?, |r| r.urn),
            decisions: sorted_by(self.all::<Decision>()?, |r| r.id),
            meetings: sorted_by(self.all::<Meeting>()?, |r| r.id),
            activities: sorted_by(self.all::<Activity>()?, |r| r.id),
            plans: sorted_by(self.all::<SupportPlan>()?, |r| r.id),
            checkpoints: sorted_by(self.all::<CheckpointReview>()?, |r| r.id),
            notes: sorted_by(self.all::<Note>()?, |r| r.id),
            actions: sorted_by(self.all::<Action>()?, |r| r.id),
            audit,
        })
    }
}
