//! What a screen's update is handed instead of the whole `App`: the data to read (never to
//! change: changes go out as `Effect`s and come back through `App::saved`), the session's day,
//! clock and officer, the school selected on the board, fresh record ids, and the status line;
//! one school's records through the index by school, so that a save costs what the school has.
//! A screen that takes a `Ctx` owns its state and returns its effects and how the layer stack
//! moves (`Nav`), so it cannot reach into another screen's state.

use super::IdSource;
use crate::clock::Clock;
use crate::domain::index::DataIndex;
use crate::domain::{Activity, Dataset, Id, School, Urn};
use chrono::NaiveDate;
use std::cell::Ref;
use std::sync::Arc;

pub struct Ctx<'a> {
    pub data: &'a Dataset,
    /// The data's index, fitted to it (`App::ctx`).
    index: Ref<'a, Arc<DataIndex>>,
    /// The session's day (fixed when it starts).
    pub today: NaiveDate,
    pub clock: &'a Clock,
    /// The officer using this session.
    pub user: &'a str,
    /// The school selected on the board, for screens that can follow it.
    pub board_school: Option<Urn>,
    ids: &'a mut IdSource,
    status: &'a mut Option<String>,
}

impl<'a> Ctx<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        data: &'a Dataset,
        index: Ref<'a, Arc<DataIndex>>,
        clock: &'a Clock,
        user: &'a str,
        today: NaiveDate,
        board_school: Option<Urn>,
        ids: &'a mut IdSource,
        status: &'a mut Option<String>,
    ) -> Ctx<'a> {
        Ctx {
            data,
            index,
            today,
            clock,
            user,
            board_school,
            ids,
            status,
        }
    }

    /// The school's activities, in list order.
    pub fn activities_of(&self, urn: Urn) -> Vec<&'a Activity> {
        self.index.activities.of(&self.data.activities, urn)
    }

    /// The activity with this id.
    pub fn activity(&self, id: Id) -> Option<&'a Activity> {
        self.index.activities.get(&self.data.activities, id)
    }

    /// The action with this id.
    pub fn action(&self, id: Id) -> Option<&'a crate::domain::Action> {
        self.index.actions.get(&self.data.actions, id)
    }

    /// The school with this URN.
    pub fn school(&self, urn: Urn) -> Option<&'a School> {
        let i = self.index.school_pos(self.data, urn)?;
        self.data.schools.get(i)
    }

    /// Says `msg` in the status line.
    pub fn say(&mut self, msg: impl Into<String>) {
        *self.status = Some(msg.into());
    }

    /// A fresh record id, or `None` (and the status line says why) if the store cannot give one.
    pub fn new_id(&mut self) -> Option<Id> {
        let id = (self.ids)();
        if id.is_none() {
            self.say("Could not allocate a record id: the store is not writable");
        }
        id
    }
}
