//! A whole `Dataset` in and out: import into an empty store, all or nothing, export of
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
    Action, Activity, AuditEntry, CheckpointReview, Dataset, Decision, EscalationStep, Meeting,
    Note, School, SupportPlan,
};

use std::collections::{BTreeMap, HashSet};

/// Meta key present while an import is being written: its value is the first audit sequence
/// number the import writes (see `Store::write_import`).
pub(super) const IMPORTING: &str = "importing";

/// Entries per batch of an import: small enough that sled frees as it goes (what a batch
/// replaces is only reclaimed when it ends: batches of 10,000 still took 5.2 GB where these take
/// 0.88 GB), large enough that the batches cost little (the import took no longer).
const IMPORT_BATCH: usize = 1_000;

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
    /// records". All or nothing, even across a crash, in batches rather than one transaction
    /// (see `write_import`).
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
        stage(&ds.escalations, &mut staged)?;
        let records = ds.schools.len()
            + ds.decisions.len()
            + ds.meetings.len()
            + ds.activities.len()
            + ds.plans.len()
            + ds.checkpoints.len()
            + ds.notes.len()
            + ds.actions.len()
            + ds.escalations.len();
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
            .chain(ds.escalations.iter().map(|r| r.id))
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
        let seq = last
            .checked_add(1)
            .ok_or_else(|| StoreError::Invalid(format!("audit entry {last} out of range")))?;
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
        let first_seq = ds
            .audit
            .iter()
            .map(|e| e.seq.saturating_add(offset))
            .min()
            .unwrap_or(seq)
            .min(seq);
        let meta_entries = vec![
            (
                SCHEME_KEY.as_bytes().to_vec(),
                envelope::encode(SCHEME_SCHEMA, &ds.scheme)?,
            ),
            (AUDIT_SEQ.as_bytes().to_vec(), seq.to_be_bytes().to_vec()),
            (NEXT_ID.as_bytes().to_vec(), next_id.to_be_bytes().to_vec()),
        ];
        self.write_import(&staged, meta_entries, first_seq)?;
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

    /// Writes a staged import: all or nothing across a crash, without one sled transaction.
    ///
    /// One transaction over everything held the whole import in memory several times over (a
    /// 135 MB export took 2.2 GB at its peak, one of 196 MB with 690,000 audit entries 8.3 GB;
    /// in batches of `IMPORT_BATCH`, 0.42 GB and 0.88 GB, most of it the parsed file). So: a marker first (`IMPORTING`, with the first audit sequence
    /// number the import writes), flushed; then the records, indexes and audit entries in
    /// batches of `IMPORT_BATCH`; then the scheme and counters with the marker's removal, in one
    /// batch of the meta tree, flushed. The store is empty of records before (checked) and no
    /// other process can open it meanwhile (sled's lock), so nothing sees it half-written; a
    /// failure undoes what was written, and a crash leaves the marker, which the next
    /// `Store::open` finds and undoes the same way (`undo_interrupted_import`).
    fn write_import(
        &self,
        staged: &Staged,
        meta_entries: Vec<(Vec<u8>, Vec<u8>)>,
        first_seq: u64,
    ) -> Result<(), StoreError> {
        let meta = self.tree(META_TREE)?;
        meta.insert(IMPORTING, &first_seq.to_be_bytes()[..])?;
        self.flush()?;
        let bulk = || -> Result<(), StoreError> {
            for (name, entries) in staged {
                let tree = self.tree(name)?;
                for chunk in entries.chunks(IMPORT_BATCH) {
                    let mut batch = sled::Batch::default();
                    for (k, v) in chunk {
                        batch.insert(k.as_slice(), v.as_slice());
                    }
                    tree.apply_batch(batch)?;
                }
            }
            self.flush()?;
            let mut batch = sled::Batch::default();
            for (k, v) in meta_entries {
                batch.insert(k, v);
            }
            batch.remove(IMPORTING);
            meta.apply_batch(batch)?;
            self.flush()
        };
        match bulk() {
            Ok(()) => Ok(()),
            Err(e) => {
                // The import's error is the one to report; the marker stays if the undo fails,
                // and the next open tries again.
                let _ = self.undo_interrupted_import();
                Err(e)
            }
        }
    }

    /// Undoes an import that did not finish (see `write_import`), if the marker says there was
    /// one: every record and index (the store had none before), and the audit entries and
    /// audit index entries numbered from the marker's sequence number on. Returns whether
    /// there was one.
    pub(super) fn undo_interrupted_import(&self) -> Result<bool, StoreError> {
        let meta = self.tree(META_TREE)?;
        let Some(first) = meta.get(IMPORTING)? else {
            return Ok(false);
        };
        let first = counter(IMPORTING, Some(&first))?;
        for name in RECORD_TREES.iter().chain(INDEX_TREES.iter()) {
            self.tree(name)?.clear()?;
        }
        let audit = self.tree(AUDIT_TREE)?;
        let mut batch = sled::Batch::default();
        for k in audit.range(keys::id_key(first)..).keys() {
            batch.remove(k?);
        }
        audit.apply_batch(batch)?;
        // Index keys end in the entry's sequence number (`audit_index::index_key`).
        let index = self.tree(AUDIT_BY_SCHOOL)?;
        let mut batch = sled::Batch::default();
        for k in index.iter().keys() {
            let k = k?;
            let seq = k
                .len()
                .checked_sub(8)
                .and_then(|at| <[u8; 8]>::try_from(&k[at..]).ok())
                .map(u64::from_be_bytes);
            if seq.is_some_and(|s| s >= first) {
                batch.remove(k);
            }
        }
        index.apply_batch(batch)?;
        meta.remove(IMPORTING)?;
        self.flush()?;
        Ok(true)
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
            escalations: sorted_by(self.all::<EscalationStep>()?, |r| r.id),
            audit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Scheme;

    fn stamp() -> Stamp {
        let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
        Stamp::new("test", at)
    }

    /// A crash part-way through an import (the marker written, some records and audit entries
    /// too, the counters not) is undone at the next open: the store is as it was before, and
    /// the import can be run again.
    #[test]
    fn an_import_cut_short_is_undone_at_the_next_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store");
        let demo = crate::demo::demo_dataset().expect("demo data");
        {
            let store = Store::open(&path, &stamp()).expect("open");
            store
                .set_scheme(&Scheme::la_default(), &stamp())
                .expect("scheme");
            // What a crash after the marker and part of the bulk write leaves.
            let before = store.audit().expect("audit");
            assert_eq!(before.len(), 1);
            let meta = store.tree(META_TREE).expect("meta");
            meta.insert(IMPORTING, &2u64.to_be_bytes()[..])
                .expect("marker");
            let mut staged = Staged::new();
            stage(&demo.schools[..3], &mut staged).expect("stage");
            stage(&demo.notes[..2], &mut staged).expect("stage");
            for (name, entries) in &staged {
                let tree = store.tree(name).expect("tree");
                for (k, v) in entries {
                    tree.insert(k.as_slice(), v.as_slice()).expect("insert");
                }
            }
            let audit = store.tree(AUDIT_TREE).expect("audit");
            let index = store.tree(AUDIT_BY_SCHOOL).expect("index");
            for e in demo.audit.iter().take(2) {
                let e = AuditEntry {
                    seq: e.seq + 1,
                    ..e.clone()
                };
                let bytes = envelope::encode(AUDIT_SCHEMA, &e).expect("encode");
                audit.insert(keys::id_key(e.seq), bytes).expect("insert");
                if let Some(k) = index_key(&e) {
                    index.insert(k, &[][..]).expect("insert");
                }
            }
            store.flush().expect("flush");
        }
        // sled lets go of its lock once its own threads have finished with the dropped store:
        // wait for that (a ceiling only against a hang), as a second process would.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let store = loop {
            match Store::open(&path, &stamp()) {
                Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other.expect("reopen"),
            }
        };
        assert!(store.is_empty().expect("empty"));
        for name in RECORD_TREES.iter().chain(INDEX_TREES.iter()) {
            assert!(store.tree(name).expect("tree").is_empty(), "{name} left");
        }
        let audit = store.audit().expect("audit");
        assert_eq!(audit.len(), 1, "{audit:?}");
        assert_eq!(store.tree(AUDIT_BY_SCHOOL).expect("index").len(), 1);
        assert!(
            store
                .tree(META_TREE)
                .expect("meta")
                .get(IMPORTING)
                .expect("get")
                .is_none()
        );
        // And the import runs, whole, after it.
        store.import_dataset(&demo, &stamp()).expect("import");
        assert_eq!(
            store.export_dataset().expect("export").schools,
            demo.schools
        );
        let audit = store.audit().expect("audit");
        assert_eq!(audit.len(), 1 + demo.audit.len() + 1);
        assert!(store.check().is_empty());
        assert!(
            store
                .tree(META_TREE)
                .expect("meta")
                .get(IMPORTING)
                .expect("get")
                .is_none()
        );
    }
}
