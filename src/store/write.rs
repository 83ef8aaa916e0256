//! Saving: compare-and-swap on `rev`, the record, its index entry and an audit entry in one
//! transaction across trees, then a flush, so "Saved" on screen means saved on disk.

use super::audit_index::{AUDIT_BY_SCHOOL, index_key};
use super::changelog::{Changed, Written};
use super::envelope;
use super::record::{self, Record};
use super::{AUDIT_TREE, INDEX_TREES, META_TREE, RECORD_TREES, Store, StoreError};
use crate::domain::text::clean_line;
use crate::domain::{AuditEntry, Scheme};
use chrono::{DateTime, Utc};
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};
use sled::{IVec, Transactional};

pub(super) const SCHEME_KEY: &str = "scheme";
pub const SCHEME_SCHEMA: u16 = 2;
pub const AUDIT_SCHEMA: u16 = 1;
pub(super) const NEXT_ID: &str = "next_id";
pub(super) const AUDIT_SEQ: &str = "audit_seq";
/// See `Store::next_id`.
const NEXT_ID_TRIES: usize = 1000;

pub(super) fn abort(e: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(e)
}

pub(super) fn from_tx(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => e.into(),
    }
}

/// A counter in the meta tree (absent = 0).
pub(super) fn counter(name: &str, v: Option<&IVec>) -> Result<u64, StoreError> {
    match v {
        None => Ok(0),
        Some(v) => <[u8; 8]>::try_from(v.as_ref())
            .map(u64::from_be_bytes)
            .map_err(|_| StoreError::Corrupt {
                tree: META_TREE.into(),
                key: name.into(),
                reason: format!("counter of {} bytes, expected 8", v.len()),
            }),
    }
}

/// Who makes a commit, and when: every write takes its time from here (the session's clock),
/// not from the machine, so a commit's records and audit entries carry one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub user: String,
    pub at: DateTime<Utc>,
}

impl Stamp {
    pub fn new(user: &str, at: DateTime<Utc>) -> Stamp {
        Stamp {
            user: user.to_string(),
            at,
        }
    }
}

/// What an audit entry says, before the transaction gives it a sequence number.
pub(super) struct AuditDraft<'a> {
    pub at: DateTime<Utc>,
    pub user: &'a str,
    pub kind: &'a str,
    pub key: &'a str,
    pub summary: &'a str,
}

/// Appends an audit entry inside a transaction, numbering it from the `audit_seq` counter.
/// Taking the number inside the transaction keeps audit order equal to commit order.
pub(super) fn append_audit(
    audit: &TransactionalTree,
    by_school: &TransactionalTree,
    meta: &TransactionalTree,
    d: &AuditDraft<'_>,
) -> ConflictableTransactionResult<u64, StoreError> {
    let seq = counter(AUDIT_SEQ, meta.get(AUDIT_SEQ)?.as_ref()).map_err(abort)? + 1;
    meta.insert(AUDIT_SEQ, &seq.to_be_bytes()[..])?;
    let entry = AuditEntry {
        seq,
        at: d.at,
        // Audit text is shown on screens and in exports; keep terminal controls out.
        user: clean_line(d.user),
        kind: d.kind.to_string(),
        key: d.key.to_string(),
        summary: clean_line(d.summary),
    };
    let bytes = envelope::encode(AUDIT_SCHEMA, &entry).map_err(abort)?;
    audit.insert(&seq.to_be_bytes()[..], bytes)?;
    if let Some(k) = index_key(&entry) {
        by_school.insert(k, &[][..])?;
    }
    Ok(seq)
}

/// One record of a commit, ready to write: encoded outside the transaction (which sled may
/// retry), and erased of its kind so one commit can hold records of any mix of kinds.
pub struct Staged {
    kind: &'static str,
    index: Option<&'static str>,
    /// The stored revision this write expects (absent counts as 0).
    expected: u64,
    /// The revision it writes.
    rev: u64,
    key: Vec<u8>,
    key_text: String,
    value: Vec<u8>,
    id_bytes: Vec<u8>,
    summary: String,
    /// The revision of a stored value of this kind (decoding it as the kind's type).
    rev_of: fn(&[u8], &[u8]) -> Result<u64, StoreError>,
}

impl Staged {
    /// Stages `rec` to be written as `rev + 1`, with an audit entry saying `summary`; returns
    /// the record as it will be stored.
    pub fn new<R: Record>(rec: &R, summary: &str) -> Result<(Staged, R), StoreError> {
        let expected = rec.rev();
        let mut new = rec.clone();
        let rev = expected.checked_add(1).ok_or_else(|| {
            StoreError::Invalid(format!("{} {}: revision overflow", R::KIND, rec.key_text()))
        })?;
        new.set_rev(rev);
        let value = envelope::encode(R::SCHEMA, &new)?;
        let staged = Staged {
            kind: R::KIND,
            index: R::INDEX,
            expected,
            rev,
            key: new.key(),
            key_text: new.key_text(),
            value,
            id_bytes: R::id_bytes(&rec.id()),
            summary: summary.to_string(),
            rev_of: |bytes, key| record::decode::<R>(bytes, key).map(|r| r.rev()),
        };
        Ok((staged, new))
    }
}

/// What one commit changed, as every subscriber hears it: by whom, and each record's kind, key
/// and new revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub user: String,
    pub records: Vec<(&'static str, String, u64)>,
}

impl Store {
    /// Saves `rec` if the stored copy still has `rec.rev()` (absent counts as 0), as `rev + 1`,
    /// with an audit entry by `by` saying `summary`. Returns the stored copy (new rev).
    /// When the record's key changed (a date edit), the old entry is removed in the same
    /// transaction, so a range scan finds it once.
    pub fn save<R: Record>(&self, rec: &R, by: &Stamp, summary: &str) -> Result<R, StoreError> {
        let mut saved = self.save_all(std::slice::from_ref(rec), by, summary)?;
        saved
            .pop()
            .ok_or_else(|| StoreError::Invalid("nothing saved".into()))
    }

    /// Saves several records of one kind all-or-nothing (see `commit`). Used where a partial
    /// write would mislead (an import).
    pub fn save_all<R: Record>(
        &self,
        recs: &[R],
        by: &Stamp,
        summary: &str,
    ) -> Result<Vec<R>, StoreError> {
        let mut staged = Vec::with_capacity(recs.len());
        let mut new = Vec::with_capacity(recs.len());
        for rec in recs {
            let (s, r) = Staged::new(rec, summary)?;
            staged.push(s);
            new.push(r);
        }
        self.commit(by, &staged)?;
        Ok(new)
    }

    /// Writes what one user action saves, all or nothing: records of any kinds, their index
    /// entries and one audit entry each, in one transaction, then one flush and one change
    /// notice. Every record is checked against its stored revision; if any one is stale (or
    /// anything fails), nothing is written.
    pub fn commit(&self, by: &Stamp, staged: &[Staged]) -> Result<(), StoreError> {
        if staged.is_empty() {
            return Ok(());
        }
        // After a failed write, sled may still hold it in memory: checking revisions against
        // that would report the user's own unsaved write as someone else's.
        self.writable()?;
        // Trees 0..3 are audit, meta and the audit index; then every record and index tree,
        // so any mix of kinds fits one transaction.
        let mut names: Vec<&str> = vec![AUDIT_TREE, META_TREE, AUDIT_BY_SCHOOL];
        names.extend(RECORD_TREES);
        names.extend(INDEX_TREES);
        let trees = names
            .iter()
            .map(|n| self.tree(n).cloned())
            .collect::<Result<Vec<_>, _>>()?;
        let slot = |name: &str| -> Result<usize, StoreError> {
            names
                .iter()
                .position(|n| *n == name)
                .ok_or_else(|| StoreError::Io(format!("no tree named {name}")))
        };
        let mut slots = Vec::with_capacity(staged.len());
        for st in staged {
            slots.push((slot(st.kind)?, st.index.map(slot).transpose()?));
        }
        let user = by.user.as_str();
        let (last, old_keys) = trees[..]
            .transaction(|t| {
                let (a, m, s) = (&t[0], &t[1], &t[2]);
                // For the changelog: the last audit number, and where each record was before.
                let mut last = 0;
                let mut old_keys = Vec::with_capacity(staged.len());
                for (st, &(p, ix)) in staged.iter().zip(&slots) {
                    let (p, ix) = (&t[p], ix.map(|i| &t[i]));
                    let old_key: Option<IVec> = match ix {
                        Some(ix) => ix.get(&st.id_bytes)?,
                        None => Some(IVec::from(st.key.as_slice())),
                    };
                    let found = match &old_key {
                        Some(k) => match p.get(k)? {
                            Some(bytes) => (st.rev_of)(&bytes, k).map_err(abort)?,
                            None => 0,
                        },
                        None => 0,
                    };
                    if found != st.expected {
                        return Err(abort(StoreError::Conflict {
                            kind: st.kind.into(),
                            key: st.key_text.clone(),
                            expected: st.expected,
                            found,
                        }));
                    }
                    let moved = old_key.filter(|k| k.as_ref() != st.key.as_slice());
                    if let Some(k) = &moved {
                        p.remove(k)?;
                    }
                    old_keys.push(moved.map(|k| k.to_vec()));
                    p.insert(st.key.as_slice(), st.value.as_slice())?;
                    if let Some(ix) = ix {
                        ix.insert(st.id_bytes.as_slice(), st.key.as_slice())?;
                    }
                    let draft = AuditDraft {
                        at: by.at,
                        user,
                        kind: st.kind,
                        key: &st.key_text,
                        summary: &st.summary,
                    };
                    last = append_audit(a, s, m, &draft)?;
                }
                Ok((last, old_keys))
            })
            .map_err(|e| self.tx_failed(e))?;
        // One audit entry per record, numbered in this transaction: it took the store from
        // `last - staged.len()` to `last`.
        let written = staged
            .iter()
            .zip(old_keys)
            .map(|(st, old_key)| Written {
                kind: st.kind,
                old_key,
                key: st.key.clone(),
            })
            .collect();
        self.changelog.record(
            last.saturating_sub(staged.len() as u64),
            last,
            Changed::Records(written),
        );
        self.flush()?;
        self.subscribers.notify(Change {
            user: clean_line(user),
            records: staged
                .iter()
                .map(|st| (st.kind, st.key_text.clone(), st.rev))
                .collect(),
        });
        Ok(())
    }

    /// Replaces the priority scheme, with an audit entry.
    pub fn set_scheme(&self, scheme: &Scheme, by: &Stamp) -> Result<(), StoreError> {
        self.writable()?;
        let value = envelope::encode(SCHEME_SCHEMA, scheme)?;
        let summary = format!("scheme set to {}", scheme.name);
        let draft = AuditDraft {
            at: by.at,
            user: &by.user,
            kind: "scheme",
            key: SCHEME_KEY,
            summary: &summary,
        };
        let trees = [
            self.tree(AUDIT_TREE)?,
            self.tree(AUDIT_BY_SCHOOL)?,
            self.tree(META_TREE)?,
        ];
        let seq = trees[..]
            .transaction(|t| {
                t[2].insert(SCHEME_KEY, value.as_slice())?;
                append_audit(&t[0], &t[1], &t[2], &draft)
            })
            .map_err(|e| self.tx_failed(e))?;
        self.changelog
            .record(seq.saturating_sub(1), seq, Changed::Scheme);
        self.flush()?;
        self.subscribers.notify(Change {
            user: clean_line(&by.user),
            records: vec![("scheme", SCHEME_KEY.to_string(), 0)],
        });
        Ok(())
    }

    /// A fresh record id: monotonic and persisted (an id is never handed out twice, even across
    /// restarts; gaps are fine). Starts at 1.
    pub fn next_id(&self) -> Result<u64, StoreError> {
        self.writable()?;
        let meta = self.tree(META_TREE)?;
        // Compare-and-swap so two threads asking at once get different ids. A swap fails only
        // when another thread took an id in between, so a few tries always suffice; the bound
        // makes sure a store in trouble ends in an error rather than a spin.
        for _ in 0..NEXT_ID_TRIES {
            let old = meta.get(NEXT_ID)?;
            let next = counter(NEXT_ID, old.as_ref())? + 1;
            let swapped = meta
                .compare_and_swap(NEXT_ID, old, Some(&next.to_be_bytes()[..]))
                .map_err(|e| self.latch(e.into()))?;
            if swapped.is_ok() {
                return Ok(next);
            }
        }
        Err(StoreError::Io(format!(
            "could not take a new record id in {NEXT_ID_TRIES} tries; try again"
        )))
    }
}
