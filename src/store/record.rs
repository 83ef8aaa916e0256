//! The `Record` trait: what the store needs to know about each kind of stored record, and its
//! implementations for the domain types.

use super::keys::{self, date_code, opt_date_code, year_code};
use super::migrate;
use crate::domain::{
    Action, Activity, CheckpointReview, Decision, EscalationStep, Id, Meeting, Note, School,
    SupportPlan, Urn,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A kind of record with its own sled tree.
///
/// `Id` is what `Store::get` looks a record up by: the urn (`u32`) for schools, the record id
/// (`u64`) for every other kind.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// Kind name: the sled tree's name, and the `kind` of audit entries.
    const KIND: &'static str;
    /// Current schema version written in the envelope.
    const SCHEMA: u16;
    /// Tree mapping id → primary key, for kinds whose key contains data that can change (a
    /// date), so a record can be found by id and moved when its key changes. `None` when the
    /// id is the key.
    const INDEX: Option<&'static str>;
    type Id;
    fn id(&self) -> Self::Id;
    /// The id as key bytes: the key in `INDEX`, or the primary key when there is no index.
    fn id_bytes(id: &Self::Id) -> Vec<u8>;
    /// Primary key in the kind's tree (see `keys` for the layouts).
    fn key(&self) -> Vec<u8>;
    fn rev(&self) -> u64;
    fn set_rev(&mut self, rev: u64);
    /// A primary key of this kind as text, e.g. "100234/2026-11-23/17".
    fn describe_key(key: &[u8]) -> String;
    fn key_text(&self) -> String {
        Self::describe_key(&self.key())
    }
    /// Decodes a body written under an older `schema`.
    fn migrate(schema: u16, body: &[u8]) -> Result<Self, String> {
        super::envelope::no_migration(schema, body)
    }
}

impl Record for School {
    const KIND: &'static str = "school";
    const SCHEMA: u16 = 3;
    const INDEX: Option<&'static str> = None;
    type Id = Urn;
    fn id(&self) -> Urn {
        self.urn
    }
    fn id_bytes(urn: &Urn) -> Vec<u8> {
        keys::urn_key(*urn)
    }
    fn key(&self) -> Vec<u8> {
        keys::urn_key(self.urn)
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
    fn describe_key(key: &[u8]) -> String {
        keys::describe_urn(key)
    }
    fn migrate(schema: u16, body: &[u8]) -> Result<Self, String> {
        migrate::school(schema, body)
    }
}

/// Kinds keyed by id through a `<kind>.by_id` index; `$key` builds the primary key from `$r`.
macro_rules! indexed_record {
    ($ty:ty, $kind:literal, |$r:ident| $key:expr, $describe:path) => {
        indexed_record!(
            $ty,
            $kind,
            |$r| $key,
            $describe,
            1,
            super::envelope::no_migration
        );
    };
    ($ty:ty, $kind:literal, |$r:ident| $key:expr, $describe:path, $schema:literal, $migrate:path) => {
        impl Record for $ty {
            const KIND: &'static str = $kind;
            const SCHEMA: u16 = $schema;
            const INDEX: Option<&'static str> = Some(concat!($kind, ".by_id"));
            type Id = Id;
            fn id(&self) -> Id {
                self.id
            }
            fn id_bytes(id: &Id) -> Vec<u8> {
                keys::id_key(*id)
            }
            fn key(&self) -> Vec<u8> {
                let $r = self;
                $key
            }
            fn rev(&self) -> u64 {
                self.rev
            }
            fn set_rev(&mut self, rev: u64) {
                self.rev = rev;
            }
            fn describe_key(key: &[u8]) -> String {
                $describe(key)
            }
            fn migrate(schema: u16, body: &[u8]) -> Result<Self, String> {
                $migrate(schema, body)
            }
        }
    };
}

indexed_record!(
    Decision,
    "decision",
    |r| keys::school_slot_key(r.urn, date_code(r.date), r.id),
    keys::describe_dated
);
// An activity sits on the timeline at the date it happened, else when it is planned.
indexed_record!(
    Activity,
    "activity",
    |r| keys::school_slot_key(r.urn, date_code(r.date()), r.id),
    keys::describe_dated
);
indexed_record!(
    CheckpointReview,
    "checkpoint",
    |r| keys::school_slot_key(r.urn, date_code(r.date), r.id),
    keys::describe_dated
);
// Note v2: the school's response.
indexed_record!(
    Note,
    "note",
    |r| keys::school_slot_key(r.urn, date_code(r.date()), r.id),
    keys::describe_dated,
    2,
    migrate::note
);
// Actions sort by due date; those without one come last.
indexed_record!(
    Action,
    "action",
    |r| keys::school_slot_key(r.urn, opt_date_code(r.due), r.id),
    keys::describe_dated
);
// A school's escalation steps sort by the date each was taken.
indexed_record!(
    EscalationStep,
    "escalation",
    |r| keys::school_slot_key(r.urn, date_code(r.date), r.id),
    keys::describe_dated
);
indexed_record!(
    SupportPlan,
    "plan",
    |r| keys::school_slot_key(r.urn, year_code(r.year), r.id),
    keys::describe_plan
);
// Meeting v2: the deferral reason of each agenda item, the minutes filed at the close.
indexed_record!(
    Meeting,
    "meeting",
    |r| keys::meeting_key(r.date, r.id),
    keys::describe_meeting,
    2,
    migrate::meeting
);

/// Decodes a stored value of kind `R` found under primary `key`.
pub fn decode<R: Record>(bytes: &[u8], key: &[u8]) -> Result<R, super::StoreError> {
    super::envelope::decode(bytes, R::SCHEMA, R::migrate, R::KIND, || {
        R::describe_key(key)
    })
}
