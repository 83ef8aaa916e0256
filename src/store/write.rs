//! Saving: compare-and-swap on `rev`, the record, its index entry and an audit entry in one
//! transaction across trees, then a flush, so "Saved" on screen means saved on disk.

use super::audit_index::{AUDIT_BY_SCHOOL, index_key};
use super::envelope;
use super::record::{self, Record};
use super::{AUDIT_TREE, META_TREE, Store, StoreError};
use crate::domain::text::clean_line;
use crate::domain::{AuditEntry, Scheme};
use chrono::{DateTime, Utc};
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};
use sled::{IVec, Transactional};

pub(super) const SCHEME_KEY: &str = "scheme";
pub(super) const SCHEME_SCHEMA: u16 = 1;
pub(super) const AUDIT_SCHEMA: u16 = 1;
pub(super) const NEXT_ID: &str = "next_id";
pub(super) const AUDIT_SEQ: &str = "audit_seq";

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

/// A record ready to write: encoded outside the transaction, which sled may retry.
struct Prepared<R> {
    expected: u64,
    key: Vec<u8>,
    key_text: String,
    value: Vec<u8>,
    id_bytes: Vec<u8>,
    new: R,
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

    /// Saves several records of one kind all-or-nothing: one transaction, one audit entry per
    /// record, one flush. Every record is checked against its stored revision; if any one is
    /// stale, nothing is written. Used where a partial write would mislead (an import).
    pub fn save_all<R: Record>(
        &self,
        recs: &[R],
        by: &Stamp,
        summary: &str,
    ) -> Result<Vec<R>, StoreError> {
        let primary = self.tree(R::KIND)?;
        let audit = self.tree(AUDIT_TREE)?;
        let meta = self.tree(META_TREE)?;
        let by_school = self.tree(AUDIT_BY_SCHOOL)?;
        let mut trees = vec![primary, audit, meta, by_school];
        if let Some(index) = R::INDEX {
            trees.push(self.tree(index)?);
        }
        let (at, user) = (by.at, by.user.as_str());
        let mut prepared = Vec::with_capacity(recs.len());
        for rec in recs {
            let expected = rec.rev();
            let mut new = rec.clone();
            new.set_rev(expected.checked_add(1).ok_or_else(|| {
                StoreError::Invalid(format!("{} {}: revision overflow", R::KIND, rec.key_text()))
            })?);
            let value = envelope::encode(R::SCHEMA, &new)?;
            prepared.push(Prepared {
                expected,
                key: new.key(),
                key_text: new.key_text(),
                value,
                id_bytes: R::id_bytes(&rec.id()),
                new,
            });
        }
        trees[..]
            .transaction(|t| {
                let (p, a, m, s, index) = (&t[0], &t[1], &t[2], &t[3], t.get(4));
                for pr in &prepared {
                    let old_key: Option<IVec> = match index {
                        Some(ix) => ix.get(&pr.id_bytes)?,
                        None => Some(IVec::from(pr.key.as_slice())),
                    };
                    let found = match &old_key {
                        Some(k) => match p.get(k)? {
                            Some(bytes) => record::decode::<R>(&bytes, k).map_err(abort)?.rev(),
                            None => 0,
                        },
                        None => 0,
                    };
                    if found != pr.expected {
                        return Err(abort(StoreError::Conflict {
                            kind: R::KIND.into(),
                            key: pr.key_text.clone(),
                            expected: pr.expected,
                            found,
                        }));
                    }
                    if let Some(k) = &old_key
                        && k.as_ref() != pr.key.as_slice()
                    {
                        p.remove(k)?;
                    }
                    p.insert(pr.key.as_slice(), pr.value.as_slice())?;
                    if let Some(ix) = index {
                        ix.insert(pr.id_bytes.as_slice(), pr.key.as_slice())?;
                    }
                    let draft = AuditDraft {
                        at,
                        user,
                        kind: R::KIND,
                        key: &pr.key_text,
                        summary,
                    };
                    append_audit(a, s, m, &draft)?;
                }
                Ok(())
            })
            .map_err(from_tx)?;
        self.flush()?;
        self.subscribers.notify();
        Ok(prepared.into_iter().map(|p| p.new).collect())
    }

    /// Replaces the priority scheme, with an audit entry.
    pub fn set_scheme(&self, scheme: &Scheme, by: &Stamp) -> Result<(), StoreError> {
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
        trees[..]
            .transaction(|t| {
                t[2].insert(SCHEME_KEY, value.as_slice())?;
                append_audit(&t[0], &t[1], &t[2], &draft)?;
                Ok(())
            })
            .map_err(from_tx)?;
        self.flush()?;
        self.subscribers.notify();
        Ok(())
    }

    /// A fresh record id: monotonic and persisted (an id is never handed out twice, even across
    /// restarts; gaps are fine). Starts at 1.
    pub fn next_id(&self) -> Result<u64, StoreError> {
        let meta = self.tree(META_TREE)?;
        loop {
            let old = meta.get(NEXT_ID)?;
            let next = counter(NEXT_ID, old.as_ref())? + 1;
            // Compare-and-swap so two sessions asking at once get different ids.
            if meta
                .compare_and_swap(NEXT_ID, old, Some(&next.to_be_bytes()[..]))?
                .is_ok()
            {
                return Ok(next);
            }
        }
    }
}
