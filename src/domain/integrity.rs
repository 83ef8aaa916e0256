//! Cross-record checks for `sqa check`: every reference resolves. Pure: a dataset in, problems
//! out, each naming the record and what it points at.

use super::{ActionSource, Dataset, Decision, Id, Prompt, Urn};
use std::collections::{HashMap, HashSet};

/// Everything `sqa check` reports: references that do not resolve, decisions whose category
/// the current scheme no longer has (kept as history), and meetings with more than one live
/// decision for a school (which `sqa check --repair` mends). Only the first are refused on
/// import: a backup written by an older version must still restore, then be repaired.
pub fn problems(ds: &Dataset) -> Vec<String> {
    let notes: Vec<(Id, Urn)> = ds.notes.iter().map(|n| (n.id, n.urn)).collect();
    problems_with_notes(ds, &notes)
}

/// `problems`, with the notes given by id and school (`ds.notes` is not read): what
/// `sqa check` runs on the store's records without loading every note's text.
pub fn problems_with_notes(ds: &Dataset, notes: &[(Id, Urn)]) -> Vec<String> {
    let mut out = references_with_notes(ds, notes);
    out.extend(meeting_decisions(ds));
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
    let notes: Vec<(Id, Urn)> = ds.notes.iter().map(|n| (n.id, n.urn)).collect();
    references_with_notes(ds, &notes)
}

fn references_with_notes(ds: &Dataset, note_refs: &[(Id, Urn)]) -> Vec<String> {
    let schools: HashSet<Urn> = ds.schools.iter().map(|s| s.urn).collect();
    let decisions: HashSet<Id> = ds.decisions.iter().map(|d| d.id).collect();
    let meetings: HashSet<Id> = ds.meetings.iter().map(|m| m.id).collect();
    let notes: HashSet<Id> = note_refs.iter().map(|n| n.0).collect();
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
    for &(id, urn) in note_refs {
        school("note", id, urn);
    }
    for a in &ds.actions {
        school("action", a.id, a.urn);
    }
    for p in &ds.plans {
        school("plan", p.id, p.urn);
    }
    for e in &ds.escalations {
        school("escalation", e.id, e.urn);
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
    for e in &ds.escalations {
        let (kind, id, ok) = match e.prompted_by {
            Some(Prompt::Decision(d)) => ("decision", d, decisions.contains(&d)),
            Some(Prompt::Meeting(m)) => ("meeting", m, meetings.contains(&m)),
            None => ("", 0, true),
        };
        if !ok {
            out.push(format!(
                "escalation {}: prompted by {kind} {id}, which does not exist",
                e.id
            ));
        }
    }
    out
}

/// One live decision per school per meeting. A meeting's decision is live there until another
/// decision at the same meeting supersedes it (a later meeting superseding it is history, not
/// a fault); going back to a school at the same meeting supersedes its decision there, and the new one
/// keeps `previous` as the category before the meeting (not the meeting's own first go), so
/// the minutes and the board's "change" stay right. The agenda names the live decision.
fn meeting_decisions(ds: &Dataset) -> Vec<String> {
    let by_id: HashMap<Id, &Decision> = ds.decisions.iter().map(|d| (d.id, d)).collect();
    // Superseded by a decision at the same meeting (for the same school).
    let superseded: HashSet<Id> = ds
        .decisions
        .iter()
        .filter_map(|d| {
            let e = by_id.get(&d.supersedes?)?;
            (e.meeting.is_some() && e.meeting == d.meeting && e.urn == d.urn).then_some(e.id)
        })
        .collect();
    let mut live: HashMap<(Urn, Id), Vec<Id>> = HashMap::new();
    let mut out = Vec::new();
    for d in &ds.decisions {
        let Some(m) = d.meeting else { continue };
        if !superseded.contains(&d.id) {
            live.entry((d.urn, m)).or_default().push(d.id);
        }
        if let Some(earlier) = d.supersedes.and_then(|s| by_id.get(&s))
            && earlier.meeting == Some(m)
            && earlier.urn == d.urn
            && d.previous != earlier.previous
        {
            out.push(format!(
                "decision {}: school {} was decided again at meeting {m}, but its previous \
                 category is '{}' (the meeting's own decision {}) instead of '{}', the category \
                 before the meeting",
                d.id,
                d.urn,
                d.previous.as_deref().unwrap_or("none"),
                earlier.id,
                earlier.previous.as_deref().unwrap_or("none"),
            ));
        }
    }
    let mut twice: Vec<_> = live.iter().filter(|(_, ids)| ids.len() > 1).collect();
    twice.sort();
    for ((urn, m), ids) in twice {
        let mut ids = ids.clone();
        ids.sort_unstable();
        let list: Vec<String> = ids.iter().map(Id::to_string).collect();
        out.push(format!(
            "meeting {m}: school {urn} has {} live decisions ({}); one should supersede the other",
            ids.len(),
            list.join(", ")
        ));
    }
    for m in &ds.meetings {
        for item in &m.agenda {
            let Some(d) = item.decision.and_then(|id| by_id.get(&id)) else {
                continue;
            };
            if d.urn != item.urn || d.meeting != Some(m.id) {
                out.push(format!(
                    "meeting {}: the agenda item for school {} names decision {}, which is for \
                     school {} at {}",
                    m.id,
                    item.urn,
                    d.id,
                    d.urn,
                    d.meeting
                        .map_or("no meeting".to_string(), |x| format!("meeting {x}"))
                ));
            } else if superseded.contains(&d.id) {
                out.push(format!(
                    "meeting {}: the agenda item for school {} names decision {}, which has been \
                     superseded",
                    m.id, item.urn, d.id
                ));
            }
        }
    }
    out
}

/// What `sqa check --repair` changes to give every school one live decision per meeting,
/// each record with the reason it changed (for the audit trail). Only the links are mended:
/// a decision's category, rationale and ratings are never touched (decisions are history).
#[derive(Debug, Clone, PartialEq)]
pub struct Repairs {
    pub decisions: Vec<(Decision, String)>,
    pub meetings: Vec<(super::Meeting, String)>,
}

impl Repairs {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.meetings.is_empty()
    }
}

/// The repairs for the faults `meeting_decisions` reports:
/// - a school decided twice at one meeting with neither superseding the other: the later
///   (by time recorded, then id) supersedes the earlier;
/// - a school decided again at its meeting whose `previous` is the meeting's own earlier
///   category: `previous` becomes the category the school held before the meeting;
/// - an agenda item naming a superseded (or another school's) decision: it names the live one.
pub fn repairs(ds: &Dataset) -> Repairs {
    let mut decisions: HashMap<Id, Decision> =
        ds.decisions.iter().map(|d| (d.id, d.clone())).collect();
    let mut changed: HashMap<Id, Vec<String>> = HashMap::new();
    // Per school and meeting, the decisions there in the order they were made.
    let mut at: HashMap<(Urn, Id), Vec<Id>> = HashMap::new();
    for d in &ds.decisions {
        if let Some(m) = d.meeting {
            at.entry((d.urn, m)).or_default().push(d.id);
        }
    }
    let mut groups: Vec<_> = at.into_iter().collect();
    groups.sort_by_key(|(k, _)| *k);
    let mut live_at: HashMap<(Urn, Id), Id> = HashMap::new();
    for ((urn, m), mut ids) in groups {
        ids.sort_by_key(|id| decisions.get(id).map(|d| (d.recorded_at, d.id)));
        // The category before the meeting: what the first decision there called previous.
        let before = ids
            .first()
            .and_then(|id| decisions.get(id))
            .and_then(|d| d.previous.clone());
        for pair in ids.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            let Some(d) = decisions.get_mut(&later) else {
                continue;
            };
            if d.supersedes != Some(earlier) {
                d.supersedes = Some(earlier);
                changed
                    .entry(later)
                    .or_default()
                    .push(format!("now supersedes decision {earlier} at meeting {m}"));
            }
            if d.previous != before {
                changed.entry(later).or_default().push(format!(
                    "previous category {} instead of {} (the category before meeting {m})",
                    before.as_deref().unwrap_or("none"),
                    d.previous.as_deref().unwrap_or("none")
                ));
                d.previous = before.clone();
            }
        }
        if let Some(last) = ids.last() {
            live_at.insert((urn, m), *last);
        }
    }
    let mut out = Repairs {
        decisions: vec![],
        meetings: vec![],
    };
    let mut ids: Vec<_> = changed.into_iter().collect();
    ids.sort_by_key(|(id, _)| *id);
    for (id, why) in ids {
        if let Some(d) = decisions.remove(&id) {
            out.decisions
                .push((d, format!("repaired: {}", why.join("; "))));
        }
    }
    for m in &ds.meetings {
        let mut fixed = m.clone();
        let mut why = vec![];
        for item in &mut fixed.agenda {
            let Some(live) = live_at.get(&(item.urn, m.id)) else {
                continue;
            };
            if item.decision.is_some() && item.decision != Some(*live) {
                why.push(format!(
                    "school {} names decision {live}, not {}",
                    item.urn,
                    item.decision.map_or("none".into(), |d| d.to_string())
                ));
                item.decision = Some(*live);
            }
        }
        if !why.is_empty() {
            out.meetings
                .push((fixed, format!("repaired: agenda {}", why.join("; "))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{AgendaItem, AgendaState, Meeting, MeetingStatus};
    use crate::domain::{AcademicYear, OfstedOutcome, Phase, Scheme, School, SchoolType, Term};
    use chrono::NaiveDate;

    fn decision(
        id: Id,
        meeting: Id,
        category: &str,
        previous: &str,
        supersedes: Option<Id>,
    ) -> Decision {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        Decision {
            id,
            urn: 100001,
            meeting: Some(meeting),
            date,
            category: category.into(),
            previous: Some(previous.into()),
            rationale: String::new(),
            evidence: vec![],
            ratings: vec![],
            risks: vec![],
            at_risk: false,
            decided_by: "t".into(),
            recorded_at: date.and_time(chrono::NaiveTime::MIN).and_utc(),
            supersedes,
            school_informed: None,
            diocese_informed: None,
            shared_regional: None,
            rev: 1,
        }
    }

    fn data(decisions: Vec<Decision>, agenda_decision: Id) -> Dataset {
        let mut ds = Dataset::empty(Scheme::la_default());
        ds.schools = vec![School {
            urn: 100001,
            name: "Ashby".into(),
            phase: Phase::Primary,
            school_type: SchoolType::Community,
            trust: None,
            diocese: None,
            headteacher: String::new(),
            chair_of_governors: String::new(),
            link_officer: String::new(),
            contact_email: String::new(),
            notes: String::new(),
            pupils: 100,
            ofsted: OfstedOutcome::Good,
            ofsted_date: None,
            report_card: None,
            opened: None,
            rev: 1,
        }]
        .into();
        ds.decisions = decisions.into();
        ds.meetings = vec![Meeting {
            id: 9,
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
            term: Term::Autumn,
            year: AcademicYear(2026),
            title: "Autumn".into(),
            attendees: vec![],
            agenda: vec![AgendaItem {
                urn: 100001,
                state: AgendaState::Decided,
                decision: Some(agenda_decision),
                reason: None,
            }],
            status: MeetingStatus::Closed,
            minutes: None,
            rev: 1,
        }]
        .into();
        ds
    }

    #[test]
    fn a_school_decided_again_at_its_meeting_is_checked() {
        // Lowered, then decided again: the second keeps "medium" as the category before.
        let ok = data(
            vec![
                decision(1, 9, "low", "medium", None),
                decision(2, 9, "low", "medium", Some(1)),
            ],
            2,
        );
        assert_eq!(problems(&ok), Vec::<String>::new());
        // The defect: the second go calls the meeting's own decision "previous".
        let bad = data(
            vec![
                decision(1, 9, "low", "medium", None),
                decision(2, 9, "low", "low", Some(1)),
            ],
            2,
        );
        let p = problems(&bad);
        assert!(
            p.iter()
                .any(|p| p.contains("decision 2") && p.contains("before the meeting")),
            "{p:?}"
        );
        // Two live decisions, and an agenda naming the superseded one.
        let two = data(
            vec![
                decision(1, 9, "low", "medium", None),
                decision(2, 9, "high", "medium", None),
            ],
            1,
        );
        let p = problems(&two);
        assert!(
            p.iter().any(|p| p.contains("2 live decisions (1, 2)")),
            "{p:?}"
        );
        let stale = data(
            vec![
                decision(1, 9, "low", "medium", None),
                decision(2, 9, "low", "medium", Some(1)),
            ],
            1,
        );
        assert!(problems(&stale).iter().any(|p| p.contains("superseded")));
    }

    /// Applies repairs to a dataset (as the store would, record by record).
    fn repaired(mut ds: Dataset) -> (Dataset, Repairs) {
        let r = repairs(&ds);
        for (d, _) in &r.decisions {
            if let Some(x) = ds.decisions.iter_mut().find(|x| x.id == d.id) {
                *x = d.clone();
            }
        }
        for (m, _) in &r.meetings {
            if let Some(x) = ds.meetings.iter_mut().find(|x| x.id == m.id) {
                *x = m.clone();
            }
        }
        (ds, r)
    }

    #[test]
    fn repairs_leave_one_live_decision_with_the_category_before_the_meeting() {
        let later = |mut d: Decision| {
            d.recorded_at += chrono::Duration::minutes(5);
            d
        };
        for bad in [
            // Decided again, calling the meeting's own decision "previous".
            data(
                vec![
                    decision(1, 9, "low", "medium", None),
                    later(decision(2, 9, "low", "low", Some(1))),
                ],
                2,
            ),
            // Two live decisions, the agenda naming the first.
            data(
                vec![
                    decision(1, 9, "low", "medium", None),
                    later(decision(2, 9, "high", "medium", None)),
                ],
                1,
            ),
        ] {
            assert!(!problems(&bad).is_empty());
            let (fixed, r) = repaired(bad);
            assert!(!r.is_empty());
            assert_eq!(problems(&fixed), Vec::<String>::new(), "{r:?}");
            let live = fixed.decisions.iter().find(|d| d.id == 2).unwrap();
            assert_eq!(live.previous.as_deref(), Some("medium"));
            assert_eq!(fixed.meetings[0].agenda[0].decision, Some(2));
            // Nothing left to repair.
            assert!(repairs(&fixed).is_empty());
        }
        // A sound store needs nothing.
        let ok = data(vec![decision(1, 9, "low", "medium", None)], 1);
        assert!(repairs(&ok).is_empty());
    }
}
