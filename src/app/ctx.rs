//! What a screen's update is handed instead of the whole `App`: the data to read (never to
//! change: changes go out as `Effect`s and come back through `App::saved`), the session's day,
//! clock and officer, the school selected on the board, fresh record ids, and the status line.
//! A screen that takes a `Ctx` owns its state and returns its effects and how the layer stack
//! moves (`Nav`), so it cannot reach into another screen's state.

use super::IdSource;
use crate::clock::Clock;
use crate::domain::{Dataset, Id, Urn};
use chrono::NaiveDate;

pub struct Ctx<'a> {
    pub data: &'a Dataset,
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
    pub(super) fn new(
        data: &'a Dataset,
        clock: &'a Clock,
        user: &'a str,
        today: NaiveDate,
        board_school: Option<Urn>,
        ids: &'a mut IdSource,
        status: &'a mut Option<String>,
    ) -> Ctx<'a> {
        Ctx {
            data,
            today,
            clock,
            user,
            board_school,
            ids,
            status,
        }
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
