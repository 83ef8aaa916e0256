//! Indexes of a dataset's records by school and by id, so that what one school shows (the
//! meeting's evidence, its form, the board's row after a save) costs what that school has,
//! not what the authority has. Built once from the records (`ByUrn::build`) and then kept
//! up to date from the records a commit saved (`ByUrn::upsert`).
//!
//! The maps are persistent (`imbl::HashMap`), as the lists are (`List`): a copy of an index
//! shares them, and a save that changes a copy copies the few nodes on its keys' paths, not
//! the map, so a session's first save after another's commit costs the same at any size
//! (issue 19). Those nodes hold positions and ids, not records: `work::copied` counts none.
//!
//! Generic over any per-school record kind (`PerSchool`): a new kind gets its index by
//! implementing the trait and adding a `ByUrn` for it to `DataIndex`.

use super::dataset::Dataset;
use super::decision::Id;
use super::list::List;
use super::school::Urn;
use super::work;
use imbl::{HashMap, OrdMap};

/// A record that belongs to one school and has an id of its own.
pub trait PerSchool {
    fn record_id(&self) -> Id;
    fn record_urn(&self) -> Urn;
}

macro_rules! per_school {
    ($($t:ty),*) => {$(
        impl PerSchool for $t {
            fn record_id(&self) -> Id {
                self.id
            }
            fn record_urn(&self) -> Urn {
                self.urn
            }
        }
    )*};
}
per_school!(
    super::Decision,
    super::Activity,
    super::CheckpointReview,
    super::Action,
    super::SupportPlan
);

/// Where the records of one kind sit in their list: by school (positions in list order) and
/// by id. Positions are checked on use (`of`): a list changed behind the index's back (its
/// length moved) is indexed again; a record at a position that is no longer the school's is
/// left out.
#[derive(Debug, Clone, Default)]
pub struct ByUrn {
    len: usize,
    by_urn: HashMap<Urn, Vec<usize>>,
    /// Ordered: built from sorted pairs it is twice as quick to make as a hash map.
    by_id: OrdMap<Id, usize>,
}

impl ByUrn {
    pub fn build<T: PerSchool + Clone>(records: &List<T>) -> ByUrn {
        work::seen(records.len());
        // Gathered in std's map first (one insert per school into the persistent one, not
        // one per record), and the ids sorted before they go in (appends at the tree's edge).
        let mut by_urn: std::collections::HashMap<Urn, Vec<usize>> = Default::default();
        let mut by_id = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            by_urn.entry(r.record_urn()).or_default().push(i);
            by_id.push((r.record_id(), i));
        }
        by_id.sort_unstable();
        ByUrn {
            len: records.len(),
            by_urn: by_urn.into_iter().collect(),
            by_id: by_id.into_iter().collect(),
        }
    }

    /// Whether the index still describes `records` (their number has not moved).
    pub fn fits<T: Clone>(&self, records: &List<T>) -> bool {
        self.len == records.len()
    }

    /// `urn`'s records, in list order. `records` must be the list the index was built over
    /// (`fits`); a stale position is skipped, never read out of bounds.
    pub fn of<'a, T: PerSchool + Clone>(&self, records: &'a List<T>, urn: Urn) -> Vec<&'a T> {
        let Some(pos) = self.by_urn.get(&urn) else {
            return vec![];
        };
        work::seen(pos.len());
        pos.iter()
            .filter_map(|&i| records.get(i))
            .filter(|r| r.record_urn() == urn)
            .collect()
    }

    /// The record with `id`, if the index knows it.
    pub fn get<'a, T: PerSchool + Clone>(&self, records: &'a List<T>, id: Id) -> Option<&'a T> {
        work::seen(1);
        let r = records.get(*self.by_id.get(&id)?)?;
        (r.record_id() == id).then_some(r)
    }

    /// Puts `item` in `records` (replacing the record with its id, else appended) and keeps
    /// the index up to date. Returns the urns whose records changed (one, or two when the
    /// record moved school).
    pub fn upsert<T: PerSchool + Clone>(&mut self, records: &mut List<T>, item: T) -> Vec<Urn> {
        if !self.fits(records) {
            *self = ByUrn::build(records);
        }
        let id = item.record_id();
        let urn = item.record_urn();
        let at = self
            .by_id
            .get(&id)
            .copied()
            .filter(|&i| records.get(i).is_some_and(|r| r.record_id() == id));
        work::seen(1);
        match at {
            Some(i) => {
                let old = records[i].record_urn();
                records[i] = item;
                if old == urn {
                    return vec![urn];
                }
                if let Some(v) = self.by_urn.get_mut(&old) {
                    v.retain(|&p| p != i);
                }
                let v = self.by_urn.entry(urn).or_default();
                let k = v.partition_point(|&p| p < i);
                v.insert(k, i);
                vec![old, urn]
            }
            None => {
                let i = records.len();
                records.push(item);
                self.len = records.len();
                self.by_urn.entry(urn).or_default().push(i);
                self.by_id.insert(id, i);
                vec![urn]
            }
        }
    }
}

/// The indexes of the per-school records of a dataset, and of its schools by urn. A copy
/// shares every map; a save copies the nodes it changes.
#[derive(Debug, Clone, Default)]
pub struct DataIndex {
    schools_len: usize,
    schools: HashMap<Urn, usize>,
    pub decisions: ByUrn,
    pub activities: ByUrn,
    pub checkpoints: ByUrn,
    pub actions: ByUrn,
    pub plans: ByUrn,
}

impl DataIndex {
    pub fn build(data: &Dataset) -> DataIndex {
        let mut ix = DataIndex {
            decisions: ByUrn::build(&data.decisions),
            activities: ByUrn::build(&data.activities),
            checkpoints: ByUrn::build(&data.checkpoints),
            actions: ByUrn::build(&data.actions),
            plans: ByUrn::build(&data.plans),
            ..DataIndex::default()
        };
        ix.reindex_schools(data);
        ix
    }

    /// Indexes `data.schools` again (after schools were added or moved in the list).
    pub fn reindex_schools(&mut self, data: &Dataset) {
        work::seen(data.schools.len());
        self.schools_len = data.schools.len();
        self.schools = data
            .schools
            .iter()
            .enumerate()
            .map(|(i, s)| (s.urn, i))
            .collect();
    }

    /// Whether the index still describes `data` (no list's length has moved).
    pub fn fits(&self, data: &Dataset) -> bool {
        self.schools_len == data.schools.len()
            && self.decisions.fits(&data.decisions)
            && self.activities.fits(&data.activities)
            && self.checkpoints.fits(&data.checkpoints)
            && self.actions.fits(&data.actions)
            && self.plans.fits(&data.plans)
    }

    /// The position of `urn` in `data.schools`.
    pub fn school_pos(&self, data: &Dataset, urn: Urn) -> Option<usize> {
        work::seen(1);
        let i = *self.schools.get(&urn)?;
        (data.schools.get(i)?.urn == urn).then_some(i)
    }

    /// Puts `school` in `data.schools` (replacing the one with its urn, else appended).
    pub fn upsert_school(&mut self, data: &mut Dataset, school: super::School) {
        let urn = school.urn;
        match self.school_pos(data, urn) {
            Some(i) => data.schools[i] = school,
            None => {
                data.schools.push(school);
                self.schools.insert(urn, data.schools.len() - 1);
                self.schools_len = data.schools.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Action, ActionSource, ActionStatus};

    fn action(id: Id, urn: Urn) -> Action {
        Action {
            id,
            urn,
            source: ActionSource::Other,
            text: format!("a{id}"),
            owner: String::new(),
            due: None,
            status: ActionStatus::Open,
            completed: None,
            rev: 1,
        }
    }

    #[test]
    fn finds_a_schools_records_and_follows_upserts() {
        let mut v: List<Action> = vec![action(1, 10), action(2, 20), action(3, 10)].into();
        let mut ix = ByUrn::build(&v);
        let ids =
            |ix: &ByUrn, v: &List<Action>, u| ix.of(v, u).iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(ids(&ix, &v, 10), vec![1, 3]);
        assert_eq!(ix.upsert(&mut v, action(4, 20)), vec![20]);
        assert_eq!(ids(&ix, &v, 20), vec![2, 4]);
        // A record moved to another school leaves the first.
        assert_eq!(ix.upsert(&mut v, action(1, 20)), vec![10, 20]);
        assert_eq!(ids(&ix, &v, 10), vec![3]);
        assert_eq!(ids(&ix, &v, 20), vec![1, 2, 4]);
        assert_eq!(ix.get(&v, 4).map(|a| a.urn), Some(20));
        // Changed behind its back: stale positions are never misread.
        v.remove(0);
        assert!(!ix.fits(&v));
        assert!(ix.of(&v, 10).iter().all(|a| a.urn == 10));
    }

    #[test]
    fn a_lookup_counts_the_schools_records_only() {
        let small: List<Action> = (0..100).map(|i| action(i, (i % 10) as Urn)).collect();
        let big: List<Action> = (0..10_000).map(|i| action(i, (i % 1000) as Urn)).collect();
        let (a, b) = (ByUrn::build(&small), ByUrn::build(&big));
        let (n_small, _) = work::counted(|| a.of(&small, 3).len());
        let (n_big, _) = work::counted(|| b.of(&big, 3).len());
        assert_eq!(n_small, n_big);
    }
}
