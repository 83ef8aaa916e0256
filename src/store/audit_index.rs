//! The audit trail by school: `urn ++ seq` → nothing, so a school's changes are a range scan
//! rather than a decode of the whole trail (which grows by one entry per save, for ever).
//! Entries about every school (an import, a scheme change) are filed under urn 0.
//!
//! The index is derived from the entries (`AuditEntry::concerns`) and written in the same
//! transaction as them; a store from before the index has it built once, on open.

use super::keys;
use super::read::{Problems, decode_audit, sled_text, unreadable, walk};
use super::{AUDIT_TREE, META_TREE, Store, StoreError};
use crate::domain::audit::Concerns;
use crate::domain::{AuditEntry, Urn};

pub const AUDIT_BY_SCHOOL: &str = "audit.by_school";
/// Set in the meta tree once the index covers every entry.
const BUILT: &str = "audit_by_school";
/// Where entries about every school are filed.
const ALL_SCHOOLS: Urn = 0;

/// An index key as text: "100234/17" (school, then audit sequence number).
fn describe(key: &[u8]) -> String {
    let urn = keys::describe_urn(key.get(..4).unwrap_or_default());
    format!(
        "{urn}/{}",
        keys::describe_id(key.get(4..).unwrap_or_default())
    )
}

/// The index key of an entry, if it is about a school or every school.
pub(super) fn index_key(entry: &AuditEntry) -> Option<Vec<u8>> {
    let urn = match entry.concerns() {
        Concerns::School(urn) => urn,
        Concerns::All => ALL_SCHOOLS,
        Concerns::Other => return None,
    };
    let mut k = keys::urn_key(urn);
    k.extend_from_slice(&entry.seq.to_be_bytes());
    Some(k)
}

impl Store {
    /// The changes to a school's records, with those made to every school (imports, scheme
    /// changes), newest first.
    pub fn audit_for(&self, urn: Urn) -> Result<Vec<AuditEntry>, StoreError> {
        let index = self.tree(AUDIT_BY_SCHOOL)?;
        let audit = self.tree(AUDIT_TREE)?;
        let mut out = Vec::new();
        let prefixes: &[Urn] = if urn == ALL_SCHOOLS {
            &[ALL_SCHOOLS]
        } else {
            &[urn, ALL_SCHOOLS]
        };
        for &prefix in prefixes {
            for kv in index.scan_prefix(keys::urn_key(prefix)) {
                let (k, _) = kv?;
                let seq_key = k.get(4..).unwrap_or_default();
                match audit.get(seq_key)? {
                    Some(v) => out.push(decode_audit(&v, seq_key)?),
                    None => {
                        return Err(StoreError::Corrupt {
                            tree: AUDIT_BY_SCHOOL.into(),
                            key: format!("{prefix}/{}", keys::describe_id(seq_key)),
                            reason: "points at a missing audit entry".into(),
                        });
                    }
                }
            }
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.seq));
        Ok(out)
    }

    /// For `check`: every index entry points at an audit entry about that school, and every
    /// entry about a school is in the index.
    pub(super) fn check_audit_index(&self, out: &mut Problems) {
        let (index, audit) = match (self.tree(AUDIT_BY_SCHOOL), self.tree(AUDIT_TREE)) {
            (Ok(i), Ok(a)) => (i, a),
            (Err(e), _) | (_, Err(e)) => return out.push(e),
        };
        let wrong = |key: &[u8], reason: String| StoreError::Corrupt {
            tree: AUDIT_BY_SCHOOL.into(),
            key: describe(key),
            reason,
        };
        walk(index, AUDIT_BY_SCHOOL, describe, out, |k, _, out| {
            let seq_key = k.get(4..).unwrap_or_default();
            match audit.get(seq_key) {
                Ok(Some(v)) => match decode_audit(&v, seq_key) {
                    Ok(e) if index_key(&e).as_deref() == Some(&k[..]) => {}
                    Ok(e) => out.push(wrong(
                        &k,
                        format!("filed under the wrong school ({} {})", e.kind, e.key),
                    )),
                    Err(_) => {} // the entry itself is reported by the audit check
                },
                Ok(None) => out.push(wrong(&k, "points at a missing audit entry".into())),
                Err(e) => out.push(unreadable(
                    AUDIT_TREE,
                    keys::describe_id(seq_key),
                    &sled_text(&e),
                )),
            }
        });
        // Damage in the audit tree itself is reported by the audit check: this walk only
        // looks for entries missing from the index, and says nothing more on a read error.
        let mut ignored = Problems::default();
        walk(
            audit,
            AUDIT_TREE,
            keys::describe_id,
            &mut ignored,
            |k, v, _| {
                let Some(key) = decode_audit(&v, &k).ok().as_ref().and_then(index_key) else {
                    return;
                };
                match index.contains_key(&key) {
                    Ok(true) => {}
                    Ok(false) => out.push(wrong(&key, "audit entry missing from the index".into())),
                    Err(e) => out.push(unreadable(AUDIT_BY_SCHOOL, describe(&key), &sled_text(&e))),
                }
            },
        );
    }

    /// Builds the index for a store written before it existed (once: a marker records it).
    /// Re-running after an interruption is harmless: the same keys are written again.
    pub(super) fn ensure_audit_index(&self) -> Result<(), StoreError> {
        let meta = self.tree(META_TREE)?;
        if meta.get(BUILT)?.is_some() {
            return Ok(());
        }
        let index = self.tree(AUDIT_BY_SCHOOL)?;
        let mut batch = sled::Batch::default();
        for kv in self.tree(AUDIT_TREE)?.iter() {
            let (k, v) = kv?;
            // A damaged entry is left out (and named by `sqa check`): it must not stop the
            // store from opening.
            if let Some(key) = decode_audit(&v, &k).ok().as_ref().and_then(index_key) {
                batch.insert(key, &[][..]);
            }
        }
        index.apply_batch(batch)?;
        meta.insert(BUILT, &[1u8][..])?;
        self.flush()
    }
}
