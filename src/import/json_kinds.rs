//! The record kinds of a JSON export as its reader (`json_stream`) checks them: each kind's
//! place in the file, id and rev, and the references it holds, with the words a dangling one
//! is reported in.

use crate::domain::limits::{MAX_RECORDS_PER_KIND, MAX_SCHOOLS};
use crate::domain::{
    Action, ActionSource, Activity, CheckpointReview, Dataset, Decision, EscalationStep, Meeting,
    Note, Prompt, School, SupportPlan,
};

/// A reference from one record to another, and how a dangling one is said (the words of
/// `domain::integrity::references`).
#[derive(Debug, Clone, Copy)]
pub struct Ref {
    pub(super) from: &'static str,
    pub(super) id: u64,
    /// The kind pointed at ("school" for a urn).
    pub(super) to: &'static str,
    pub(super) to_id: u64,
    says: Says,
}

#[derive(Debug, Clone, Copy)]
enum Says {
    /// "{from} {id}: school {urn} does not exist"
    School,
    /// "meeting {id}: agenda school {urn} does not exist"
    Agenda,
    /// "decision {id}: supersedes decision {to_id}, which does not exist"
    Supersedes,
    /// "{from} {id}: {to} {to_id} does not exist"
    Plain,
    /// "action {id}: comes from {to} {to_id}, which does not exist"
    ComesFrom,
    /// "escalation {id}: prompted by {to} {to_id}, which does not exist"
    Prompted,
}

impl Ref {
    fn new(from: &'static str, id: u64, to: &'static str, to_id: u64, says: Says) -> Ref {
        Ref {
            from,
            id,
            to,
            to_id,
            says,
        }
    }

    pub(super) fn message(&self) -> String {
        let Ref {
            from,
            id,
            to,
            to_id,
            ..
        } = *self;
        match self.says {
            Says::School => format!("{from} {id}: school {to_id} does not exist"),
            Says::Agenda => format!("{from} {id}: agenda school {to_id} does not exist"),
            Says::Supersedes => {
                format!("{from} {id}: supersedes decision {to_id}, which does not exist")
            }
            Says::Plain => format!("{from} {id}: {to} {to_id} does not exist"),
            Says::ComesFrom => {
                format!("{from} {id}: comes from {to} {to_id}, which does not exist")
            }
            Says::Prompted => {
                format!("{from} {id}: prompted by {to} {to_id}, which does not exist")
            }
        }
    }
}

/// A record kind as the import sees it: what the store needs (`Record`), its place in the
/// file, its id and rev, and the records it refers to.
pub trait Checked: crate::store::Record {
    /// Index in `KINDS`.
    const AT: usize;
    const MAX: usize;
    fn num_id(&self) -> u64;
    fn num_rev(&self) -> u64;
    fn refs(&self, out: &mut dyn FnMut(Ref));
    fn push_into(self, ds: &mut Dataset);
}

macro_rules! checked {
    ($ty:ty, $at:literal, $max:expr, $list:ident, |$r:ident| $id:expr, |$s:ident, $out:ident| $refs:block) => {
        impl Checked for $ty {
            const AT: usize = $at;
            const MAX: usize = $max;
            fn num_id(&self) -> u64 {
                let $r = self;
                $id
            }
            fn num_rev(&self) -> u64 {
                self.rev
            }
            fn refs(&self, $out: &mut dyn FnMut(Ref)) {
                let $s = self;
                $refs
            }
            fn push_into(self, ds: &mut Dataset) {
                ds.$list.push(self);
            }
        }
    };
}

/// The reference from a per-school record to its school.
fn school_ref(kind: &'static str, id: u64, urn: u32) -> Ref {
    Ref::new(kind, id, "school", u64::from(urn), Says::School)
}

checked!(
    School,
    0,
    MAX_SCHOOLS,
    schools,
    |r| u64::from(r.urn),
    |_s, _out| {}
);
checked!(
    Decision,
    1,
    MAX_RECORDS_PER_KIND,
    decisions,
    |r| r.id,
    |d, out| {
        out(school_ref("decision", d.id, d.urn));
        if let Some(s) = d.supersedes {
            out(Ref::new("decision", d.id, "decision", s, Says::Supersedes));
        }
        if let Some(m) = d.meeting {
            out(Ref::new("decision", d.id, "meeting", m, Says::Plain));
        }
    }
);
checked!(
    Meeting,
    2,
    MAX_RECORDS_PER_KIND,
    meetings,
    |r| r.id,
    |m, out| {
        for item in &m.agenda {
            out(Ref::new(
                "meeting",
                m.id,
                "school",
                u64::from(item.urn),
                Says::Agenda,
            ));
            if let Some(d) = item.decision {
                out(Ref::new("meeting", m.id, "decision", d, Says::Plain));
            }
        }
    }
);
checked!(
    Activity,
    3,
    MAX_RECORDS_PER_KIND,
    activities,
    |r| r.id,
    |a, out| {
        out(school_ref("activity", a.id, a.urn));
        if let Some(n) = a.note {
            out(Ref::new("activity", a.id, "note", n, Says::Plain));
        }
    }
);
checked!(
    SupportPlan,
    4,
    MAX_RECORDS_PER_KIND,
    plans,
    |r| r.id,
    |p, out| {
        out(school_ref("plan", p.id, p.urn));
    }
);
checked!(
    CheckpointReview,
    5,
    MAX_RECORDS_PER_KIND,
    checkpoints,
    |r| r.id,
    |c, out| {
        out(school_ref("checkpoint", c.id, c.urn));
        if let Some(p) = c.plan {
            out(Ref::new("checkpoint", c.id, "plan", p, Says::Plain));
        }
    }
);
checked!(Note, 6, MAX_RECORDS_PER_KIND, notes, |r| r.id, |n, out| {
    out(school_ref("note", n.id, n.urn));
});
checked!(
    Action,
    7,
    MAX_RECORDS_PER_KIND,
    actions,
    |r| r.id,
    |a, out| {
        out(school_ref("action", a.id, a.urn));
        let from = match a.source {
            ActionSource::Note(n) => Some(("note", n)),
            ActionSource::Meeting(m) => Some(("meeting", m)),
            ActionSource::Checkpoint(c) => Some(("checkpoint", c)),
            ActionSource::Other => None,
        };
        if let Some((kind, id)) = from {
            out(Ref::new("action", a.id, kind, id, Says::ComesFrom));
        }
    }
);
checked!(
    EscalationStep,
    8,
    MAX_RECORDS_PER_KIND,
    escalations,
    |r| r.id,
    |e, out| {
        out(school_ref("escalation", e.id, e.urn));
        let by = match e.prompted_by {
            Some(Prompt::Decision(d)) => Some(("decision", d)),
            Some(Prompt::Meeting(m)) => Some(("meeting", m)),
            None => None,
        };
        if let Some((kind, id)) = by {
            out(Ref::new("escalation", e.id, kind, id, Says::Prompted));
        }
    }
);
