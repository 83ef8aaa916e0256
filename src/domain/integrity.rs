//! Cross-record checks for `sqa check`: every reference resolves. Pure: a dataset in, problems
//! out, each naming the record and what it points at.

use super::{ActionSource, Dataset, Id, Urn};
use std::collections::HashSet;

/// Everything `sqa check` reports: references that do not resolve, and decisions whose category
/// the current scheme no longer has (kept as history, so reported but not refused on import).
pub fn problems(ds: &Dataset) -> Vec<String> {
    let mut out = references(ds);
    for d in &ds.decisions {
        if ds.scheme.get(&d.category).is_none() {
            out.push(format!(
                "decision {}: category '{}' is not in the scheme '{}' (kept as history)",
                d.id, d.category, ds.scheme.name
            ));
        }
    }
    out
}

/// References that do not resolve: a record naming a school, decision, meeting, note, plan or
/// checkpoint that is not there. An import with any of these is refused.
pub fn references(ds: &Dataset) -> Vec<String> {
    let schools: HashSet<Urn> = ds.schools.iter().map(|s| s.urn).collect();
    let decisions: HashSet<Id> = ds.decisions.iter().map(|d| d.id).collect();
    let meetings: HashSet<Id> = ds.meetings.iter().map(|m| m.id).collect();
    let notes: HashSet<Id> = ds.notes.iter().map(|n| n.id).collect();
    let checkpoints: HashSet<Id> = ds.checkpoints.iter().map(|c| c.id).collect();
    let plans: HashSet<Id> = ds.plans.iter().map(|p| p.id).collect();
    let mut out = Vec::new();
    let mut school = |kind: &str, id: Id, urn: Urn| {
        if !schools.contains(&urn) {
            out.push(format!("{kind} {id}: school {urn} does not exist"));
        }
    };
    for d in &ds.decisions {
        school("decision", d.id, d.urn);
    }
    for a in &ds.activities {
        school("activity", a.id, a.urn);
    }
    for c in &ds.checkpoints {
        school("checkpoint", c.id, c.urn);
    }
    for n in &ds.notes {
        school("note", n.id, n.urn);
    }
    for a in &ds.actions {
        school("action", a.id, a.urn);
    }
    for p in &ds.plans {
        school("plan", p.id, p.urn);
    }
    for d in &ds.decisions {
        if let Some(s) = d.supersedes
            && !decisions.contains(&s)
        {
            out.push(format!(
                "decision {}: supersedes decision {s}, which does not exist",
                d.id
            ));
        }
        if let Some(m) = d.meeting
            && !meetings.contains(&m)
        {
            out.push(format!("decision {}: meeting {m} does not exist", d.id));
        }
    }
    for m in &ds.meetings {
        for item in &m.agenda {
            if !schools.contains(&item.urn) {
                out.push(format!(
                    "meeting {}: agenda school {} does not exist",
                    m.id, item.urn
                ));
            }
            if let Some(d) = item.decision
                && !decisions.contains(&d)
            {
                out.push(format!("meeting {}: decision {d} does not exist", m.id));
            }
        }
    }
    for a in &ds.activities {
        if let Some(n) = a.note
            && !notes.contains(&n)
        {
            out.push(format!("activity {}: note {n} does not exist", a.id));
        }
    }
    for c in &ds.checkpoints {
        if let Some(p) = c.plan
            && !plans.contains(&p)
        {
            out.push(format!("checkpoint {}: plan {p} does not exist", c.id));
        }
    }
    for a in &ds.actions {
        let (kind, id, ok) = match a.source {
            ActionSource::Note(n) => ("note", n, notes.contains(&n)),
            ActionSource::Meeting(m) => ("meeting", m, meetings.contains(&m)),
            ActionSource::Checkpoint(c) => ("checkpoint", c, checkpoints.contains(&c)),
            ActionSource::Other => ("", 0, true),
        };
        if !ok {
            out.push(format!(
                "action {}: comes from {kind} {id}, which does not exist",
                a.id
            ));
        }
    }
    out
}
