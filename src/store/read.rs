//! Reading: single records, the board's overview, a school's notes, the audit trail, and a
//! full check that every stored value still decodes.

use super::envelope;
use super::keys;
use super::record::{self, Record};
use super::write::{AUDIT_SCHEMA, AUDIT_SEQ, NEXT_ID, SCHEME_KEY, SCHEME_SCHEMA, counter};
use super::{AUDIT_TREE, META_TREE, Store, StoreError};
use crate::domain::dataset::EXPORT_FORMAT;
use crate::domain::integrity::{Check, Checked};
use crate::domain::{
    Action, Activity, AuditEntry, CheckpointReview, Dataset, Decision, EscalationStep, Meeting,
    Note, Scheme, School, SupportPlan, Urn,
};

impl Store {
    /// The record with this id (the urn for a `School`, the record id otherwise).
    pub fn get<R: Record>(&self, id: &R::Id) -> Result<Option<R>, StoreError> {
        let primary = self.tree(R::KIND)?;
        let id_bytes = R::id_bytes(id);
        let Some(index_name) = R::INDEX else {
            return primary
                .get(&id_bytes)?
                .map(|v| record::decode::<R>(&v, &id_bytes))
                .transpose();
        };
        let index = self.tree(index_name)?;
        // Index and record are read separately: a save moving the record in between can make
        // the first primary key stale, so look again once before concluding.
        for _ in 0..2 {
            let Some(key) = index.get(&id_bytes)? else {
                return Ok(None);
            };
            if let Some(v) = primary.get(&key)? {
                return record::decode::<R>(&v, &key).map(Some);
            }
            if index.get(&id_bytes)?.as_ref() == Some(&key) {
                return Err(StoreError::Corrupt {
                    tree: index_name.into(),
                    key: keys::describe_id(&id_bytes),
                    reason: format!("points at missing {} {}", R::KIND, R::describe_key(&key)),
                });
            }
        }
        Ok(None)
    }

    /// Every record of a kind, in key order.
    pub(super) fn all<R: Record>(&self) -> Result<Vec<R>, StoreError> {
        let all: Vec<R> = self
            .tree(R::KIND)?
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                record::decode::<R>(&v, &k)
            })
            .collect::<Result<_, _>>()?;
        crate::domain::work::seen(all.len());
        Ok(all)
    }

    /// The stored priority scheme, if one has been set.
    pub fn scheme(&self) -> Result<Option<Scheme>, StoreError> {
        self.tree(META_TREE)?
            .get(SCHEME_KEY)?
            .map(|v| {
                envelope::decode(&v, SCHEME_SCHEMA, super::migrate::scheme, META_TREE, || {
                    SCHEME_KEY.to_string()
                })
            })
            .transpose()
    }

    /// What the board draws from: every record except notes and audit entries (left empty),
    /// each kind in key order (schools by urn; per-school records by school, then date).
    /// The scheme is the stored one, or the LA default when none is set yet.
    /// The first record that does not decode fails the whole load, naming that record.
    pub fn load_overview(&self) -> Result<Dataset, StoreError> {
        // Activities and decisions are most of the records (and decisions the slowest to
        // decode), so they decode on their own threads: this keeps the board's load well under
        // 100 ms for a large authority.
        std::thread::scope(|s| {
            let activities = s.spawn(|| self.all::<Activity>());
            let decisions = s.spawn(|| self.all::<Decision>());
            let schools = self.all::<School>();
            let meetings = self.all::<Meeting>();
            let plans = self.all::<SupportPlan>();
            let checkpoints = self.all::<CheckpointReview>();
            let actions = self.all::<Action>();
            let escalations = self.all::<EscalationStep>();
            let scheme = self.scheme();
            let (activities, decisions) = (joined(activities.join()), joined(decisions.join()));
            Ok(Dataset {
                format: EXPORT_FORMAT,
                scheme: scheme?.unwrap_or_else(Scheme::la_default),
                schools: schools?.into(),
                decisions: decisions?.into(),
                meetings: meetings?.into(),
                activities: activities?.into(),
                plans: plans?.into(),
                checkpoints: checkpoints?.into(),
                notes: Default::default(),
                actions: actions?.into(),
                escalations: escalations?.into(),
                audit: Default::default(),
            })
        })
    }

    /// Every note of visit, for finding notes by their words.
    pub fn all_notes(&self) -> Result<Vec<Note>, StoreError> {
        self.all::<Note>()
    }

    /// A school's notes, oldest first (by note date, then id).
    pub fn notes_for(&self, urn: Urn) -> Result<Vec<Note>, StoreError> {
        self.tree(Note::KIND)?
            .scan_prefix(keys::urn_key(urn))
            .map(|kv| {
                let (k, v) = kv?;
                record::decode::<Note>(&v, &k)
            })
            .collect()
    }

    /// The audit trail, oldest first.
    pub fn audit(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.tree(AUDIT_TREE)?
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                decode_audit(&v, &k)
            })
            .collect()
    }

    /// Decodes every value in every tree and checks each index entry against its record.
    /// Returns one error per damaged value or entry (empty: all well), at most `MAX_PROBLEMS`
    /// and a last one saying how many more there were.
    ///
    /// Bounded on any damage: each tree is read once, front to back, and its walk stops at the
    /// first entry sled cannot read (a damaged tree's iterator can yield errors for ever) or
    /// at a key that does not follow the one before (damaged links can lead back), naming the
    /// tree and the last key read; a panic inside sled ends that tree's walk the same way.
    pub fn check(&self) -> Vec<StoreError> {
        self.check_into(&mut Check::default())
    }

    /// `check`, handing every record that decodes to `refs` as it is read (one record in
    /// memory at a time): `sqa check` then resolves references from what `refs` kept, without
    /// loading the store a second time.
    pub fn check_into(&self, refs: &mut Check) -> Vec<StoreError> {
        let mut out = Problems::default();
        self.check_kind::<School>(&mut out, refs);
        self.check_kind::<Decision>(&mut out, refs);
        self.check_kind::<Meeting>(&mut out, refs);
        self.check_kind::<Activity>(&mut out, refs);
        self.check_kind::<SupportPlan>(&mut out, refs);
        self.check_kind::<CheckpointReview>(&mut out, refs);
        self.check_kind::<Note>(&mut out, refs);
        self.check_kind::<Action>(&mut out, refs);
        self.check_kind::<EscalationStep>(&mut out, refs);
        match self.tree(AUDIT_TREE) {
            Ok(t) => walk(t, AUDIT_TREE, keys::describe_id, &mut out, |k, v, out| {
                out.extend(decode_audit(&v, &k).err())
            }),
            Err(e) => out.push(e),
        }
        self.check_audit_index(&mut out);
        out.extend(self.scheme().err());
        match self.tree(META_TREE) {
            Ok(meta) => {
                for name in [NEXT_ID, AUDIT_SEQ] {
                    match meta.get(name) {
                        Ok(v) => out.extend(counter(name, v.as_ref()).err()),
                        Err(e) => out.push(e.into()),
                    }
                }
            }
            Err(e) => out.push(e),
        }
        out.finish()
    }

    fn check_kind<R: Record + Checked>(&self, out: &mut Problems, refs: &mut Check) {
        let (primary, index) = match (self.tree(R::KIND), R::INDEX.map(|n| self.tree(n))) {
            (Ok(p), None) => (p, None),
            (Ok(p), Some(Ok(ix))) => (p, Some(ix)),
            (Err(e), _) | (_, Some(Err(e))) => return out.push(e),
        };
        let index_name = R::INDEX.unwrap_or_default();
        walk(primary, R::KIND, R::describe_key, out, |k, v, out| {
            let rec = match record::decode::<R>(&v, &k) {
                Ok(r) => r,
                Err(e) => return out.push(e),
            };
            refs.add(&rec);
            if let Some(ix) = index {
                let id = R::id_bytes(&rec.id());
                match ix.get(&id) {
                    Ok(Some(pk)) if pk == k => {}
                    Ok(_) => out.push(StoreError::Corrupt {
                        tree: index_name.into(),
                        key: keys::describe_id(&id),
                        reason: format!("does not point at {} {}", R::KIND, R::describe_key(&k)),
                    }),
                    Err(e) => out.push(unreadable(
                        index_name,
                        keys::describe_id(&id),
                        &sled_text(&e),
                    )),
                }
            }
        });
        if let Some(ix) = index {
            walk(
                ix,
                index_name,
                keys::describe_id,
                out,
                |id, pk, out| match primary.contains_key(&pk) {
                    Ok(true) => {}
                    Ok(false) => out.push(StoreError::Corrupt {
                        tree: index_name.into(),
                        key: keys::describe_id(&id),
                        reason: format!("points at missing {} {}", R::KIND, R::describe_key(&pk)),
                    }),
                    Err(e) => out.push(unreadable(R::KIND, R::describe_key(&pk), &sled_text(&e))),
                },
            );
        }
    }
}

/// The most problems `check` lists: a badly damaged store would otherwise list one per record
/// (or, before the walks were bounded, without end).
pub const MAX_PROBLEMS: usize = 1000;

/// What `check` found, at most `MAX_PROBLEMS` of it kept.
#[derive(Default)]
pub(super) struct Problems {
    list: Vec<StoreError>,
    more: usize,
}

impl Problems {
    pub(super) fn push(&mut self, e: StoreError) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(e);
        } else {
            self.more += 1;
        }
    }

    pub(super) fn extend(&mut self, es: impl IntoIterator<Item = StoreError>) {
        for e in es {
            self.push(e);
        }
    }

    fn finish(mut self) -> Vec<StoreError> {
        if self.more > 0 {
            self.list.push(StoreError::Invalid(format!(
                "… and {} more problem(s) not listed: restore the store from an export",
                self.more
            )));
        }
        self.list
    }
}

/// Damage sled reports while reading `tree` at (or just after) `key`.
pub(super) fn unreadable(tree: &str, key: String, e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        tree: tree.into(),
        key,
        reason: format!("the store file is damaged there: {e}"),
    }
}

/// sled's words for damage ("Read corrupted data at file offset Some(Inline(409663))
/// backtrace ()") are for its developers; this says the same for the user.
pub(super) fn sled_text(e: &sled::Error) -> String {
    match e {
        sled::Error::Corruption { .. } => "sled found corrupted data".into(),
        e => e.to_string(),
    }
}

/// Reads `tree` front to back for `check`, handing each entry to `each`; see `Store::check`
/// for why and where it stops. `describe` names keys of this tree.
pub(super) fn walk(
    tree: &sled::Tree,
    name: &str,
    describe: fn(&[u8]) -> String,
    out: &mut Problems,
    mut each: impl FnMut(sled::IVec, sled::IVec, &mut Problems),
) {
    let mut last: Option<sled::IVec> = None;
    let after = |last: &Option<sled::IVec>| match last {
        Some(k) => format!("the entry after {}", describe(k)),
        None => "its first entry".to_string(),
    };
    let walked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        for kv in tree.iter() {
            let (k, v) = match kv {
                Ok(kv) => kv,
                Err(e) => return out.push(unreadable(name, after(&last), &sled_text(&e))),
            };
            if last.as_ref().is_some_and(|l| *l >= k) {
                return out.push(unreadable(
                    name,
                    after(&last),
                    &format!("keys out of order ({} again)", describe(&k)),
                ));
            }
            each(k.clone(), v, out);
            last = Some(k);
        }
    }));
    if walked.is_err() {
        out.push(unreadable(
            name,
            after(&last),
            &"sled panicked (damaged file)",
        ));
    }
}

/// A loader thread's result; a panic there becomes an error rather than a second panic.
fn joined<T>(r: std::thread::Result<Result<T, StoreError>>) -> Result<T, StoreError> {
    r.unwrap_or_else(|_| Err(StoreError::Io("a loader thread panicked".into())))
}

pub(super) fn decode_audit(v: &[u8], k: &[u8]) -> Result<AuditEntry, StoreError> {
    envelope::decode(v, AUDIT_SCHEMA, envelope::no_migration, AUDIT_TREE, || {
        keys::describe_id(k)
    })
}
