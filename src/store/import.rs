//! Importing into an empty store, all or nothing, one record at a time: `ImportWriter` takes the
//! records as they are read (a JSON export streamed from its file, or a `Dataset` in memory) and
//! writes them in batches; nothing is held but the batch being filled and the ids seen.
//!
//! All or nothing without one sled transaction (which held the whole import in memory several
//! times over: a 135 MB export took 2.2 GB): a marker first (`IMPORTING`, with the first audit
//! sequence number the import writes), flushed; then the records, indexes and audit entries in
//! batches of `IMPORT_BATCH`; then the scheme and counters with the marker's removal, in one
//! batch of the meta tree, flushed. The store is empty of records before (checked) and no other
//! process can open it meanwhile (sled's lock), so nothing sees it half-written. A refused or
//! failed import is undone (`abandon`, or the writer dropped unfinished), and a crash leaves the
//! marker, which the next `Store::open` finds and undoes the same way
//! (`undo_interrupted_import`).

use super::audit_index::{AUDIT_BY_SCHOOL, index_key};
use super::envelope;
use super::keys;
use super::record::Record;
use super::write::{AUDIT_SCHEMA, AUDIT_SEQ, NEXT_ID, SCHEME_KEY, SCHEME_SCHEMA, counter};
use super::{AUDIT_TREE, INDEX_TREES, META_TREE, RECORD_TREES, Stamp, Store, StoreError};
use crate::domain::list::List;
use crate::domain::text::clean_line;
use crate::domain::{AuditEntry, Dataset, Scheme};
use std::collections::{BTreeMap, HashSet};

/// Meta key present while an import is being written: its value is the first audit sequence
/// number the import writes (see `Store::begin_import`).
pub(super) const IMPORTING: &str = "importing";

/// Entries per batch of an import: small enough that sled frees as it goes (what a batch
/// replaces is only reclaimed when it ends). Measured on a region's export (6,000 schools,
/// 575 MB): batches of 5,000 peaked at 3.3 GB, of 1,000 at 0.98 GB, of 100 at 0.25 GB, and
/// took less time, not more.
const IMPORT_BATCH: usize = 100;

/// An import being written; see the module's comment. Dropped before `finish`, it is undone.
pub struct ImportWriter<'a> {
    store: &'a Store,
    /// Added to every imported audit sequence number: entries made before the import (a scheme
    /// choice, say) stay first.
    offset: u64,
    /// The audit counter before the import, then the highest sequence number written.
    last_seq: u64,
    next_id: u64,
    records: usize,
    scheme: Option<Scheme>,
    /// Per tree, the batch being filled and how many entries it holds.
    batches: BTreeMap<&'static str, (sled::Batch, usize)>,
    /// (kind, id) of every record, and every audit number: a second one is refused. Small
    /// (two words an entry) beside the records, which are never held.
    ids: HashSet<(&'static str, u64)>,
    seqs: HashSet<u64>,
    /// Entries in the batches now, and the most there have been (`peak_held`).
    held: usize,
    peak: usize,
    finished: bool,
}

impl Store {
    /// Starts an import into this store, which must hold no records: writes the marker and
    /// flushes it. Give the writer every record and audit entry, then `finish` it.
    pub fn begin_import(&self) -> Result<ImportWriter<'_>, StoreError> {
        self.writable()?;
        for name in RECORD_TREES.iter().chain(INDEX_TREES.iter()) {
            if !self.tree(name)?.is_empty() {
                return Err(StoreError::NotEmpty {
                    path: self.path().to_path_buf(),
                });
            }
        }
        let meta = self.tree(META_TREE)?;
        let audit_seq = counter(AUDIT_SEQ, meta.get(AUDIT_SEQ)?.as_ref())?;
        let next_id = counter(NEXT_ID, meta.get(NEXT_ID)?.as_ref())?;
        let offset = if self.tree(AUDIT_TREE)?.is_empty() {
            0
        } else {
            audit_seq
        };
        // Every sequence number the import writes is above `offset` (imported ones are at least
        // 1, its own entry follows the last).
        let first = offset + 1;
        meta.insert(IMPORTING, &first.to_be_bytes()[..])?;
        self.flush()?;
        Ok(ImportWriter {
            store: self,
            offset,
            last_seq: audit_seq,
            next_id,
            records: 0,
            scheme: None,
            batches: BTreeMap::new(),
            ids: HashSet::new(),
            seqs: HashSet::new(),
            held: 0,
            peak: 0,
            finished: false,
        })
    }

    /// Imports `ds` into a store without records, all or nothing, as `by`.
    ///
    /// Ids and revs are kept; the id counter is moved past the highest id. Audit entries are
    /// kept too (renumbered after any already in the store), followed by one entry "imported N
    /// records". All or nothing, even across a crash (see `begin_import`).
    pub fn import_dataset(&self, ds: &Dataset, by: &Stamp) -> Result<(), StoreError> {
        let mut w = self.begin_import()?;
        w.scheme(ds.scheme.clone());
        fn all<R: Record>(w: &mut ImportWriter<'_>, recs: &List<R>) -> Result<(), StoreError> {
            recs.iter().try_for_each(|r| w.record(r))
        }
        all(&mut w, &ds.schools)?;
        all(&mut w, &ds.decisions)?;
        all(&mut w, &ds.meetings)?;
        all(&mut w, &ds.activities)?;
        all(&mut w, &ds.plans)?;
        all(&mut w, &ds.checkpoints)?;
        all(&mut w, &ds.notes)?;
        all(&mut w, &ds.actions)?;
        all(&mut w, &ds.escalations)?;
        for e in &ds.audit {
            w.audit(e)?;
        }
        w.finish(by)
    }

    /// Undoes an import that did not finish (see `begin_import`), if the marker says there was
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
}

impl ImportWriter<'_> {
    /// The scheme the store takes when the import finishes.
    pub fn scheme(&mut self, scheme: Scheme) {
        self.scheme = Some(scheme);
    }

    /// The most entries (records, index and audit entries) held in memory at once, waiting for
    /// their batch to be written: what bounds an import's memory, whatever its size.
    pub fn peak_held(&self) -> usize {
        self.peak
    }

    /// How many records have been written so far.
    pub fn records(&self) -> usize {
        self.records
    }

    /// Writes one record with its index entry; a second record of a kind with the same id is
    /// refused.
    pub fn record<R: Record>(&mut self, r: &R) -> Result<(), StoreError> {
        let id = R::id_bytes(&r.id());
        let key = r.key();
        let n = id.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        if !self.ids.insert((R::KIND, n)) {
            return Err(StoreError::Invalid(format!(
                "import holds two {} records with the key {}",
                R::KIND,
                r.key_text()
            )));
        }
        let value = envelope::encode(R::SCHEMA, r)?;
        if let Some(index) = R::INDEX {
            self.put(index, id, key.clone())?;
        }
        self.put(R::KIND, key, value)?;
        self.records += 1;
        if R::INDEX.is_some() {
            self.next_id = self.next_id.max(n);
        }
        Ok(())
    }

    /// Writes one audit entry, renumbered after those already in the store.
    pub fn audit(&mut self, e: &AuditEntry) -> Result<(), StoreError> {
        let seq = e
            .seq
            .checked_add(self.offset)
            .ok_or_else(|| StoreError::Invalid(format!("audit entry {} out of range", e.seq)))?;
        if !self.seqs.insert(seq) {
            return Err(StoreError::Invalid(format!(
                "import holds two audit entries numbered {}",
                e.seq
            )));
        }
        self.last_seq = self.last_seq.max(seq);
        let entry = AuditEntry { seq, ..e.clone() };
        self.put_audit(&entry)
    }

    fn put_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError> {
        let value = envelope::encode(AUDIT_SCHEMA, entry)?;
        self.put(AUDIT_TREE, keys::id_key(entry.seq), value)?;
        if let Some(k) = index_key(entry) {
            self.put(AUDIT_BY_SCHOOL, k, vec![])?;
        }
        Ok(())
    }

    /// Adds an entry to `tree`'s batch, writing the batch when it is full.
    fn put(&mut self, tree: &'static str, k: Vec<u8>, v: Vec<u8>) -> Result<(), StoreError> {
        let (batch, n) = self.batches.entry(tree).or_default();
        batch.insert(k, v);
        *n += 1;
        self.held += 1;
        self.peak = self.peak.max(self.held);
        if *n >= IMPORT_BATCH {
            let full = std::mem::take(batch);
            self.held -= *n;
            *n = 0;
            self.store
                .tree(tree)?
                .apply_batch(full)
                .map_err(|e| self.store.latch(e.into()))?;
        }
        Ok(())
    }

    /// Writes what is left, the import's own audit entry ("imported N records", as `by`), the
    /// scheme and counters with the marker's removal, and flushes: the import is then whole.
    pub fn finish(mut self, by: &Stamp) -> Result<(), StoreError> {
        let store = self.store;
        let seq = self.last_seq.checked_add(1).ok_or_else(|| {
            StoreError::Invalid(format!("audit entry {} out of range", self.last_seq))
        })?;
        let own = AuditEntry {
            seq,
            at: by.at,
            user: clean_line(&by.user),
            kind: "dataset".into(),
            key: "all".into(),
            summary: format!("imported {} records", self.records),
        };
        self.put_audit(&own)?;
        for (name, (batch, _)) in std::mem::take(&mut self.batches) {
            store
                .tree(name)?
                .apply_batch(batch)
                .map_err(|e| store.latch(e.into()))?;
        }
        store.flush()?;
        let scheme = self.scheme.take().unwrap_or_else(Scheme::la_default);
        let mut batch = sled::Batch::default();
        batch.insert(SCHEME_KEY, envelope::encode(SCHEME_SCHEMA, &scheme)?);
        batch.insert(AUDIT_SEQ, &seq.to_be_bytes()[..]);
        batch.insert(NEXT_ID, &self.next_id.to_be_bytes()[..]);
        batch.remove(IMPORTING);
        store.tree(META_TREE)?.apply_batch(batch)?;
        store.flush()?;
        self.finished = true;
        // A bulk load leaves sled's pages as long chains of fragments, which the first read
        // consolidates; pay that here rather than in the first board load the user waits for.
        for name in RECORD_TREES {
            for kv in store.tree(name)?.iter() {
                kv?;
            }
        }
        store.subscribers.notify(super::Change {
            user: clean_line(&by.user),
            records: vec![("dataset", "all".to_string(), 0)],
        });
        Ok(())
    }

    /// Gives up: what was written is undone (as after a crash), the store is as before.
    pub fn abandon(mut self) -> Result<(), StoreError> {
        self.finished = true;
        self.batches.clear();
        self.store.undo_interrupted_import().map(|_| ())
    }
}

impl Drop for ImportWriter<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // An error or a refusal left it unfinished. The undo's own failure leaves the
            // marker, and the next open tries again.
            let _ = self.store.undo_interrupted_import();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Note, School};

    fn stamp() -> Stamp {
        let at = chrono::DateTime::from_timestamp(1_795_428_000, 0).unwrap_or_default();
        Stamp::new("test", at)
    }

    /// Whether the store still has the marker of an import under way.
    fn importing(store: &Store) -> bool {
        let meta = store.tree(META_TREE).expect("meta");
        meta.get(IMPORTING).expect("get").is_some()
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
            let schools = store.tree(School::KIND).expect("tree");
            for s in demo.schools.iter().take(3) {
                let v = envelope::encode(School::SCHEMA, s).expect("encode");
                schools.insert(s.key(), v).expect("insert");
            }
            let (notes, by_id) = (
                store.tree(Note::KIND).expect("tree"),
                store.tree("note.by_id").expect("tree"),
            );
            for n in demo.notes.iter().take(2) {
                let v = envelope::encode(Note::SCHEMA, n).expect("encode");
                notes.insert(n.key(), v).expect("insert");
                by_id.insert(keys::id_key(n.id), n.key()).expect("insert");
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
        assert!(!importing(&store), "the import marker is left");
        // And the import runs, whole, after it.
        store.import_dataset(&demo, &stamp()).expect("import");
        assert_eq!(
            store.export_dataset().expect("export").schools,
            demo.schools
        );
        let audit = store.audit().expect("audit");
        assert_eq!(audit.len(), 1 + demo.audit.len() + 1);
        assert!(store.check().is_empty());
        assert!(!importing(&store), "the import marker is left");
    }
}
