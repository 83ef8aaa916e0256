//! The JSON export written record by record from sled's trees (`sqa export --json`, the daily
//! backup): the same bytes as `serde_json::to_writer_pretty(&store.export_dataset())`, in the
//! same order (schools by urn, other records by id, audit by sequence number), but one record
//! in memory at a time instead of the whole store (a region's 6,000 schools: 1.4 GB as one
//! value, 550 MB as one string).
//!
//! Records of the kinds keyed by school and date are read in id order through their
//! `<kind>.by_id` index, one lookup each.

use super::read::decode_audit;
use super::record::{self, Record};
use super::{AUDIT_TREE, Store, StoreError};
use crate::domain::dataset::EXPORT_FORMAT;
use crate::domain::{
    Action, Activity, CheckpointReview, Decision, EscalationStep, Meeting, Note, School,
    SupportPlan,
};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use std::cell::{Cell, RefCell};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many of each kind an export wrote (for the command's report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportCounts {
    pub schools: usize,
    pub decisions: usize,
    pub notes: usize,
    pub audit: usize,
    /// Every record of every kind, audit entries not included.
    pub records: usize,
}

/// The export as a value serde writes field by field, each list pulled from sled as it is
/// written. What went wrong in the store is kept aside (serde's errors are text).
struct Streamed<'a> {
    store: &'a Store,
    scheme: crate::domain::Scheme,
    cancel: Option<&'a AtomicBool>,
    failed: RefCell<Option<StoreError>>,
    counts: Cell<ExportCounts>,
}

/// One kind's list in the export.
struct Kind<'s, 'a, R>(&'s Streamed<'a>, std::marker::PhantomData<R>);

/// The audit trail's list.
struct Audit<'s, 'a>(&'s Streamed<'a>);

impl Streamed<'_> {
    /// Keeps a store error aside and gives serde one to stop with.
    fn fail<E: serde::ser::Error>(&self, e: StoreError) -> E {
        let text = e.to_string();
        self.failed.borrow_mut().get_or_insert(e);
        E::custom(text)
    }

    fn check_cancel<E: serde::ser::Error>(&self) -> Result<(), E> {
        match self.cancel {
            Some(c) if c.load(Ordering::Relaxed) => Err(self.fail(StoreError::Io(
                "the export was stopped before it finished".into(),
            ))),
            _ => Ok(()),
        }
    }

    fn count(&self, kind: &str) {
        let mut c = self.counts.get();
        match kind {
            "school" => c.schools += 1,
            "decision" => c.decisions += 1,
            "note" => c.notes += 1,
            AUDIT_TREE => c.audit += 1,
            _ => {}
        }
        if kind != AUDIT_TREE {
            c.records += 1;
        }
        self.counts.set(c);
    }

    /// The record of kind `R` whose id key is `id`, found through the kind's index; `pk` is
    /// where the index pointed. A save moving the record meanwhile (its date changed) has moved
    /// the index entry too, so a record not found is looked up once more before it counts as
    /// damage.
    fn indexed<R: Record>(
        &self,
        index: &sled::Tree,
        id: &[u8],
        pk: sled::IVec,
    ) -> Result<Option<R>, StoreError> {
        let primary = self.store.tree(R::KIND)?;
        let mut pk = pk;
        for _ in 0..2 {
            if let Some(v) = primary.get(&pk)? {
                return record::decode::<R>(&v, &pk).map(Some);
            }
            match index.get(id)? {
                Some(again) if again != pk => pk = again,
                // Deleted meanwhile (a draft's record removed), or an index entry pointing at
                // nothing (which `sqa check` reports): nothing to export.
                _ => return Ok(None),
            }
        }
        Ok(None)
    }
}

impl<R: Record> Serialize for Kind<'_, '_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let st = self.0;
        let mut seq = s.serialize_seq(None)?;
        let fail = |e: StoreError| st.fail::<S::Error>(e);
        match R::INDEX {
            // Schools: keyed by urn, so the tree's order is the export's.
            None => {
                for kv in st.store.tree(R::KIND).map_err(fail)?.iter() {
                    st.check_cancel()?;
                    let (k, v) = kv.map_err(|e| fail(e.into()))?;
                    let r: R = record::decode(&v, &k).map_err(fail)?;
                    seq.serialize_element(&r)?;
                    st.count(R::KIND);
                }
            }
            Some(name) => {
                let index = st.store.tree(name).map_err(fail)?;
                for kv in index.iter() {
                    st.check_cancel()?;
                    let (id, pk) = kv.map_err(|e| fail(e.into()))?;
                    if let Some(r) = st.indexed::<R>(index, &id, pk).map_err(fail)? {
                        seq.serialize_element(&r)?;
                        st.count(R::KIND);
                    }
                }
            }
        }
        seq.end()
    }
}

impl Serialize for Audit<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let st = self.0;
        let fail = |e: StoreError| st.fail::<S::Error>(e);
        let mut seq = s.serialize_seq(None)?;
        for kv in st.store.tree(AUDIT_TREE).map_err(fail)?.iter() {
            st.check_cancel()?;
            let (k, v) = kv.map_err(|e| fail(e.into()))?;
            seq.serialize_element(&decode_audit(&v, &k).map_err(fail)?)?;
            st.count(AUDIT_TREE);
        }
        seq.end()
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        fn kind<'s, 'a, R>(st: &'s Streamed<'a>) -> Kind<'s, 'a, R> {
            Kind(st, std::marker::PhantomData)
        }
        // The fields of `Dataset`, in its order.
        let mut d = s.serialize_struct("Dataset", 12)?;
        d.serialize_field("format", &EXPORT_FORMAT)?;
        d.serialize_field("scheme", &self.scheme)?;
        d.serialize_field("schools", &kind::<School>(self))?;
        d.serialize_field("decisions", &kind::<Decision>(self))?;
        d.serialize_field("meetings", &kind::<Meeting>(self))?;
        d.serialize_field("activities", &kind::<Activity>(self))?;
        d.serialize_field("plans", &kind::<SupportPlan>(self))?;
        d.serialize_field("checkpoints", &kind::<CheckpointReview>(self))?;
        d.serialize_field("notes", &kind::<Note>(self))?;
        d.serialize_field("actions", &kind::<Action>(self))?;
        d.serialize_field("escalations", &kind::<EscalationStep>(self))?;
        d.serialize_field("audit", &Audit(self))?;
        d.end()
    }
}

impl Store {
    /// Writes the JSON export of everything to `w`, record by record (see the module's
    /// comment). With `cancel`, stops between two records once it is set (the export is then
    /// an error, and what was written is not an export). Returns how many records it wrote.
    pub fn write_export(
        &self,
        w: &mut dyn Write,
        cancel: Option<&AtomicBool>,
    ) -> Result<ExportCounts, StoreError> {
        let streamed = Streamed {
            store: self,
            scheme: self
                .scheme()?
                .unwrap_or_else(crate::domain::Scheme::la_default),
            cancel,
            failed: RefCell::new(None),
            counts: Cell::new(ExportCounts::default()),
        };
        let written = serde_json::to_writer_pretty(&mut *w, &streamed);
        if let Some(e) = streamed.failed.take() {
            return Err(e);
        }
        written.map_err(|e| match e.io_error_kind() {
            Some(_) => StoreError::Io(format!("could not write the export: {e}")),
            None => StoreError::Invalid(format!("could not write the export: {e}")),
        })?;
        Ok(streamed.counts.get())
    }
}
