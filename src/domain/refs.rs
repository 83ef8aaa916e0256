//! The references each kind of record holds to others, and how a dangling one is said: the one
//! description both the import's reader (`import::json_stream`) and `sqa check`
//! (`integrity::Check`) resolve against, so the two never disagree on what must exist.

use super::{
    Action, ActionSource, Activity, CheckpointReview, Decision, EscalationStep, Meeting, Note,
    Prompt, School, SupportPlan,
};
use std::collections::{HashMap, HashSet};

/// A reference from one record to another, and how a dangling one is said.
#[derive(Debug, Clone, Copy)]
pub struct Ref {
    pub from: &'static str,
    pub id: u64,
    /// The kind pointed at ("school" for a urn).
    pub to: &'static str,
    pub to_id: u64,
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

    /// The reference from a per-school record to its school.
    fn school(from: &'static str, id: u64, urn: u32) -> Ref {
        Ref::new(from, id, "school", u64::from(urn), Says::School)
    }

    /// What is wrong when the record pointed at is not there.
    pub fn message(&self) -> String {
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

/// A kind of record as others refer to it: the word it is named by, its id (a school's urn),
/// and the references it holds.
pub trait Refers {
    /// "school", "decision", …: the `to` of a reference to this kind.
    const WORD: &'static str;
    fn ref_id(&self) -> u64;
    fn refs(&self, out: &mut dyn FnMut(Ref));
}

/// Which references resolve, fed one record at a time (in any order): remembers each record's
/// id and the references not yet met, a few words per record, never the records.
#[derive(Debug, Default)]
pub struct Resolver {
    /// Each kind's ids (a school's urn), by the kind's word. Kept per kind: a store's ids
    /// come from one counter, but data built elsewhere (tests, old exports) may reuse one.
    ids: HashMap<&'static str, HashSet<u64>>,
    pending: Vec<Ref>,
}

impl Resolver {
    fn resolves(&self, r: &Ref) -> bool {
        self.ids.get(r.to).is_some_and(|ids| ids.contains(&r.to_id))
    }

    pub fn add<R: Refers>(&mut self, r: &R) {
        self.ids.entry(R::WORD).or_default().insert(r.ref_id());
        r.refs(&mut |x| {
            if !self.resolves(&x) {
                self.pending.push(x);
            }
        });
    }

    /// The references that never resolved, said as `Ref::message` says them, in the order met.
    pub fn dangling(self) -> Vec<String> {
        self.pending
            .iter()
            .filter(|r| !self.resolves(r))
            .map(Ref::message)
            .collect()
    }
}

macro_rules! refers {
    ($ty:ty, $word:literal, |$r:ident| $id:expr, |$s:ident, $out:ident| $refs:block) => {
        impl Refers for $ty {
            const WORD: &'static str = $word;
            fn ref_id(&self) -> u64 {
                let $r = self;
                $id
            }
            fn refs(&self, $out: &mut dyn FnMut(Ref)) {
                let $s = self;
                $refs
            }
        }
    };
}

refers!(School, "school", |r| u64::from(r.urn), |_s, _out| {});
refers!(Decision, "decision", |r| r.id, |d, out| {
    out(Ref::school("decision", d.id, d.urn));
    if let Some(s) = d.supersedes {
        out(Ref::new("decision", d.id, "decision", s, Says::Supersedes));
    }
    if let Some(m) = d.meeting {
        out(Ref::new("decision", d.id, "meeting", m, Says::Plain));
    }
});
refers!(Meeting, "meeting", |r| r.id, |m, out| {
    for item in &m.agenda {
        let urn = u64::from(item.urn);
        out(Ref::new("meeting", m.id, "school", urn, Says::Agenda));
        if let Some(d) = item.decision {
            out(Ref::new("meeting", m.id, "decision", d, Says::Plain));
        }
    }
});
refers!(Activity, "activity", |r| r.id, |a, out| {
    out(Ref::school("activity", a.id, a.urn));
    if let Some(n) = a.note {
        out(Ref::new("activity", a.id, "note", n, Says::Plain));
    }
});
refers!(SupportPlan, "plan", |r| r.id, |p, out| {
    out(Ref::school("plan", p.id, p.urn));
});
refers!(CheckpointReview, "checkpoint", |r| r.id, |c, out| {
    out(Ref::school("checkpoint", c.id, c.urn));
    if let Some(p) = c.plan {
        out(Ref::new("checkpoint", c.id, "plan", p, Says::Plain));
    }
});
refers!(Note, "note", |r| r.id, |n, out| {
    out(Ref::school("note", n.id, n.urn));
});
refers!(Action, "action", |r| r.id, |a, out| {
    out(Ref::school("action", a.id, a.urn));
    let from = match a.source {
        ActionSource::Note(n) => Some(("note", n)),
        ActionSource::Meeting(m) => Some(("meeting", m)),
        ActionSource::Checkpoint(c) => Some(("checkpoint", c)),
        ActionSource::Other => None,
    };
    if let Some((kind, id)) = from {
        out(Ref::new("action", a.id, kind, id, Says::ComesFrom));
    }
});
refers!(EscalationStep, "escalation", |r| r.id, |e, out| {
    out(Ref::school("escalation", e.id, e.urn));
    let by = match e.prompted_by {
        Some(Prompt::Decision(d)) => Some(("decision", d)),
        Some(Prompt::Meeting(m)) => Some(("meeting", m)),
        None => None,
    };
    if let Some((kind, id)) = by {
        out(Ref::new("escalation", e.id, kind, id, Says::Prompted));
    }
});
