//! One school's records, looked up through the index by school (`domain::index`), so that a
//! key or a frame about one school costs what that school has, not what the authority has.
//! The index is built on first use after the data is replaced (`set_data`) and kept up to date
//! by `saved` from the records a commit wrote.

use super::App;
use crate::domain::index::DataIndex;
use crate::domain::{Action, Activity, CheckpointReview, Decision, Id, School, SupportPlan, Urn};
use std::cell::Ref;
use std::sync::Arc;

impl App {
    /// The index, fitted to the data (built again if a list changed behind its back).
    pub(crate) fn index(&self) -> Ref<'_, DataIndex> {
        if !self.index.borrow().fits(&self.data) {
            *self.index.borrow_mut() = Arc::new(DataIndex::build(&self.data));
        }
        Ref::map(self.index.borrow(), |ix| &**ix)
    }

    /// Builds the index now (if the data changed since it was built), rather than at its
    /// first use.
    pub fn index_records(&mut self) {
        self.index_mut();
    }

    /// The index to update with a save, fitted to the data first.
    /// Copy on write, as the data: shared with other sessions until this one saves.
    pub(super) fn index_mut(&mut self) -> &mut DataIndex {
        let ix = self.index.get_mut();
        if !ix.fits(&self.data) {
            *ix = Arc::new(DataIndex::build(&self.data));
        }
        Arc::make_mut(ix)
    }

    /// The school with this URN.
    pub fn school_by_urn(&self, urn: Urn) -> Option<&School> {
        let i = self.index().school_pos(&self.data, urn)?;
        self.data.schools.get(i)
    }

    /// The school's decisions, in list order.
    pub fn decisions_of(&self, urn: Urn) -> Vec<&Decision> {
        self.index().decisions.of(&self.data.decisions, urn)
    }

    /// The decision with this id.
    pub fn decision_by_id(&self, id: Id) -> Option<&Decision> {
        self.index().decisions.get(&self.data.decisions, id)
    }

    /// The school's current decision: latest date, then highest id (as
    /// `domain::board::current_decisions`).
    pub fn current_decision(&self, urn: Urn) -> Option<&Decision> {
        self.decisions_of(urn)
            .into_iter()
            .max_by_key(|d| (d.date, d.id))
    }

    /// The school's decisions, oldest first (as `domain::board::history`).
    pub fn school_history(&self, urn: Urn) -> Vec<&Decision> {
        let mut v = self.decisions_of(urn);
        v.sort_by_key(|d| (d.date, d.id));
        v
    }

    /// The school's next checkpoint review, by the one rule
    /// (`domain::board::school_next_checkpoint`), from its own records.
    pub fn next_checkpoint_of(&self, urn: Urn) -> Option<crate::domain::board::NextCheckpoint> {
        crate::domain::board::school_next_checkpoint_of(
            &self.data.scheme,
            self.decisions_of(urn),
            self.activities_of(urn),
            self.checkpoints_of(urn),
        )
    }

    pub fn activities_of(&self, urn: Urn) -> Vec<&Activity> {
        self.index().activities.of(&self.data.activities, urn)
    }

    pub fn checkpoints_of(&self, urn: Urn) -> Vec<&CheckpointReview> {
        self.index().checkpoints.of(&self.data.checkpoints, urn)
    }

    pub fn actions_of(&self, urn: Urn) -> Vec<&Action> {
        self.index().actions.of(&self.data.actions, urn)
    }

    /// The activity with this id.
    pub fn activity_by_id(&self, id: Id) -> Option<&Activity> {
        self.index().activities.get(&self.data.activities, id)
    }

    /// The checkpoint review with this id.
    pub fn checkpoint_by_id(&self, id: Id) -> Option<&CheckpointReview> {
        self.index().checkpoints.get(&self.data.checkpoints, id)
    }

    /// The action with this id.
    pub fn action_by_id(&self, id: Id) -> Option<&Action> {
        self.index().actions.get(&self.data.actions, id)
    }

    /// The support plan with this id.
    pub fn plan_by_id(&self, id: Id) -> Option<&SupportPlan> {
        self.index().plans.get(&self.data.plans, id)
    }

    pub fn plans_of(&self, urn: Urn) -> Vec<&SupportPlan> {
        self.index().plans.of(&self.data.plans, urn)
    }
}
