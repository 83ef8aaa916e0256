//! The overview shared by every session over one store (`sqa serve`): read once per revision,
//! and after a commit made through this store brought up to date by reading only the records
//! that commit wrote (`changelog`), on a copy of the last one that shares every list it did
//! not change (`domain::list`). A foreign commit then costs each session what it changed,
//! not the authority (a full load is ~1 s at 6,000 schools; issue 19).
//!
//! What it gives is what `load_overview` would read: each changed key is set to what the store
//! holds under it now, at its place in key order (the order `load_overview` reads), and a
//! record that moved (a date edit) leaves its old key. The index by school follows: a kind
//! whose records only changed in place keeps its index; one where records were added, moved
//! or removed has that kind's index built again.

use super::changelog::{Changed, Written};
use super::record::{self, Record};
use super::{Store, StoreError};
use crate::domain::index::{ByUrn, DataIndex};
use crate::domain::list::List;
use crate::domain::{
    Action, Activity, CheckpointReview, Dataset, Decision, EscalationStep, Meeting, Scheme, School,
    SupportPlan, work,
};
use std::sync::Arc;

/// The kinds in which a record was added, moved or removed (their positions shifted, so their
/// index is built again).
#[derive(Default)]
struct Shifted {
    schools: bool,
    decisions: bool,
    activities: bool,
    checkpoints: bool,
    actions: bool,
    plans: bool,
}

impl Store {
    /// `load_overview` for a session that reloads after another's commit: one copy per
    /// revision, shared (one `Arc`) by every session that asks, so twenty sessions reloading
    /// after one save read it once and hold one copy between them; and, after commits made
    /// through this store, made from the last copy and what those commits wrote.
    pub fn load_overview_shared(&self) -> Result<Arc<Dataset>, StoreError> {
        Ok(self.shared_overview()?.0)
    }

    /// `load_overview_shared` with its index by school (`overview_index`): followed from the
    /// last one's when the overview was.
    pub fn load_overview_indexed(&self) -> Result<(Arc<Dataset>, Arc<DataIndex>), StoreError> {
        let (data, index) = self.shared_overview()?;
        let index = match index {
            Some(ix) => ix,
            None => self.overview_index(&data),
        };
        Ok((data, index))
    }

    /// The schools whose records the commits from revision `from` to `to` wrote (a record that
    /// moved counts at its old key too), each once, in urn order: what a session that follows
    /// those commits has to draw again on its board. `None` when every row may have changed
    /// (the scheme changed) or the chain is not known here (an import; another process).
    /// Meetings are left out: no board row is drawn from one (as for a session's own saves).
    pub fn schools_written(&self, from: u64, to: u64) -> Option<Vec<crate::domain::Urn>> {
        let mut urns = Vec::new();
        for change in self.changelog.between(from, to)? {
            let Changed::Records(written) = change else {
                return None;
            };
            for w in written.iter().filter(|w| w.kind != "meeting") {
                for key in std::iter::once(&w.key).chain(w.old_key.as_ref()) {
                    // Every other kind's key begins with its school's urn (`keys`).
                    let urn = key.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok())?;
                    urns.push(u32::from_be_bytes(urn));
                }
            }
        }
        urns.sort_unstable();
        urns.dedup();
        Some(urns)
    }

    /// The shared overview, and its index when this call followed it from the last one's.
    fn shared_overview(&self) -> Result<(Arc<Dataset>, Option<Arc<DataIndex>>), StoreError> {
        let revision = self.revision()?;
        // Held while reading: the others wait for this read instead of making their own.
        let mut cached = self.overview.lock().unwrap_or_else(|p| p.into_inner());
        let last = cached
            .as_ref()
            .and_then(|(rev, data)| Some((*rev, data.upgrade()?)));
        if let Some((rev, last)) = last {
            if rev == revision {
                return Ok((last, None));
            }
            if let Some(changes) = self.changelog.between(rev, revision)
                && let Some((data, shifted)) = self.follow(&last, &changes)?
            {
                let data = Arc::new(data);
                *cached = Some((revision, Arc::downgrade(&data)));
                let index = self.follow_index(&last, &data, &shifted);
                return Ok((data, index));
            }
        }
        let data = Arc::new(self.load_overview()?);
        *cached = Some((revision, Arc::downgrade(&data)));
        Ok((data, None))
    }

    /// `last` with `changes` applied, reading only the records they name; `None` when they
    /// name a kind this does not know (then the caller loads everything).
    fn follow(
        &self,
        last: &Dataset,
        changes: &[Changed],
    ) -> Result<Option<(Dataset, Shifted)>, StoreError> {
        let mut d = last.clone();
        let mut shifted = Shifted::default();
        for change in changes {
            let written = match change {
                Changed::Scheme => {
                    d.scheme = self.scheme()?.unwrap_or_else(Scheme::la_default);
                    continue;
                }
                Changed::Records(w) => w,
            };
            for w in written {
                let moved = match w.kind {
                    "school" => self.sync::<School>(&mut d.schools, w)?,
                    "decision" => self.sync::<Decision>(&mut d.decisions, w)?,
                    "meeting" => self.sync::<Meeting>(&mut d.meetings, w)?,
                    "activity" => self.sync::<Activity>(&mut d.activities, w)?,
                    "plan" => self.sync::<SupportPlan>(&mut d.plans, w)?,
                    "checkpoint" => self.sync::<CheckpointReview>(&mut d.checkpoints, w)?,
                    "action" => self.sync::<Action>(&mut d.actions, w)?,
                    "escalation" => self.sync::<EscalationStep>(&mut d.escalations, w)?,
                    // Not in the overview (read per school).
                    "note" => false,
                    _ => return Ok(None),
                };
                let flag = match w.kind {
                    "school" => &mut shifted.schools,
                    "decision" => &mut shifted.decisions,
                    "activity" => &mut shifted.activities,
                    "checkpoint" => &mut shifted.checkpoints,
                    "action" => &mut shifted.actions,
                    "plan" => &mut shifted.plans,
                    _ => continue,
                };
                *flag |= moved;
            }
        }
        Ok(Some((d, shifted)))
    }

    /// Sets the keys `w` names in `list` (in key order) to what the store holds under them
    /// now. Returns whether positions shifted (a record added, moved or removed).
    fn sync<R: Record>(&self, list: &mut List<R>, w: &Written) -> Result<bool, StoreError> {
        let mut shifted = false;
        if let Some(old) = &w.old_key {
            shifted |= self.sync_key(list, old)?;
        }
        shifted |= self.sync_key(list, &w.key)?;
        Ok(shifted)
    }

    fn sync_key<R: Record>(&self, list: &mut List<R>, key: &[u8]) -> Result<bool, StoreError> {
        work::seen(1);
        let stored = self
            .tree(R::KIND)?
            .get(key)?
            .map(|v| record::decode::<R>(&v, key))
            .transpose()?;
        // The list is in key order (as `load_overview` reads it): a binary search finds the
        // key's place.
        let at = list.partition_point(|r| r.key().as_slice() < key);
        let here = list.get(at).is_some_and(|r| r.key() == key);
        Ok(match (stored, here) {
            (Some(r), true) => {
                list[at] = r;
                false
            }
            (Some(r), false) => {
                list.insert(at, r);
                true
            }
            (None, true) => {
                list.remove(at);
                true
            }
            (None, false) => false,
        })
    }

    /// The index of `data`, followed from `last`'s (when some session still holds it):
    /// kinds that only changed in place keep theirs, the others are indexed again. Kept
    /// (weakly) as `data`'s index for `overview_index`.
    fn follow_index(
        &self,
        last: &Arc<Dataset>,
        data: &Arc<Dataset>,
        shifted: &Shifted,
    ) -> Option<Arc<DataIndex>> {
        let mut cached = self
            .overview_index
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let (of, index) = cached.as_ref()?;
        if !std::ptr::eq(of.as_ptr(), Arc::as_ptr(last)) {
            return None;
        }
        let last_ix = index.upgrade()?;
        let mut ix = DataIndex::clone(&last_ix);
        if shifted.schools {
            ix.reindex_schools(data);
        }
        let again = |on: bool, ix: &mut ByUrn, build: &dyn Fn() -> ByUrn| {
            if on {
                *ix = build();
            }
        };
        again(shifted.decisions, &mut ix.decisions, &|| {
            ByUrn::build(&data.decisions)
        });
        again(shifted.activities, &mut ix.activities, &|| {
            ByUrn::build(&data.activities)
        });
        again(shifted.checkpoints, &mut ix.checkpoints, &|| {
            ByUrn::build(&data.checkpoints)
        });
        again(shifted.actions, &mut ix.actions, &|| {
            ByUrn::build(&data.actions)
        });
        again(shifted.plans, &mut ix.plans, &|| ByUrn::build(&data.plans));
        let ix = Arc::new(ix);
        *cached = Some((Arc::downgrade(data), Arc::downgrade(&ix)));
        Some(ix)
    }

    /// The index by school of `data`, a shared overview: built once for every session holding
    /// that copy (20 sessions of a server held 20 indexes of one authority's records, ~2 MB
    /// each at 600 schools).
    pub fn overview_index(&self, data: &Arc<Dataset>) -> Arc<DataIndex> {
        let mut cached = self
            .overview_index
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some((of, index)) = cached.as_ref()
            && std::ptr::eq(of.as_ptr(), Arc::as_ptr(data))
            && let Some(index) = index.upgrade()
        {
            return index;
        }
        let index = Arc::new(DataIndex::build(data));
        *cached = Some((Arc::downgrade(data), Arc::downgrade(&index)));
        index
    }
}
