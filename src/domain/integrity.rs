//! Cross-record checks for `sqa check`: every reference resolves. Pure: a dataset in, problems
//! out, each naming the record and what it points at.

use super::refs::{Refers, Resolver};
use super::{Dataset, Decision, Id, Meeting, Scheme, Urn};
use std::collections::{HashMap, HashSet};

/// Everything `sqa check` reports: references that do not resolve, decisions whose category
/// the current scheme no longer has (kept as history), and meetings with more than one live
/// decision for a school (which `sqa check --repair` mends). Only the first are refused on
/// import: a backup written by an older version must still restore, then be repaired.
pub fn problems(ds: &Dataset) -> Vec<String> {
    let mut check = Check::default();
    ds.schools.iter().for_each(|r| check.add(r));
    ds.decisions.iter().for_each(|r| check.add(r));
    ds.meetings.iter().for_each(|r| check.add(r));
    ds.activities.iter().for_each(|r| check.add(r));
    ds.plans.iter().for_each(|r| check.add(r));
    ds.checkpoints.iter().for_each(|r| check.add(r));
    ds.notes.iter().for_each(|r| check.add(r));
    ds.actions.iter().for_each(|r| check.add(r));
    ds.escalations.iter().for_each(|r| check.add(r));
    check.finish(&ds.scheme)
}

/// `problems`, fed one record at a time (`sqa check` reads the store so, one record in memory
/// at a time): keeps each record's id and references, and of decisions and meetings the links
/// the one-live-decision rule reads — a few words per record, never a note's text.
#[derive(Debug, Default)]
pub struct Check {
    refs: Resolver,
    decisions: Vec<DecisionLinks>,
    /// Each meeting's agenda: (urn, the decision it names).
    agendas: Vec<Agenda>,
}

/// A meeting's id and its agenda: each school with the decision its item names.
type Agenda = (Id, Vec<(Urn, Option<Id>)>);

/// What the checks read of a decision.
#[derive(Debug)]
struct DecisionLinks {
    id: Id,
    urn: Urn,
    meeting: Option<Id>,
    supersedes: Option<Id>,
    previous: Option<String>,
    category: String,
}

/// A record `Check` takes: its references, and whatever else the checks read of it.
pub trait Checked: Refers {
    fn links(&self, _check: &mut Check) {}
}

impl Checked for super::School {}
impl Checked for super::Activity {}
impl Checked for super::SupportPlan {}
impl Checked for super::CheckpointReview {}
impl Checked for super::Note {}
impl Checked for super::Action {}
impl Checked for super::EscalationStep {}

impl Checked for Decision {
    fn links(&self, check: &mut Check) {
        check.decisions.push(DecisionLinks {
            id: self.id,
            urn: self.urn,
            meeting: self.meeting,
            supersedes: self.supersedes,
            previous: self.previous.clone(),
            category: self.category.clone(),
        });
    }
}

impl Checked for Meeting {
    fn links(&self, check: &mut Check) {
        let agenda = self.agenda.iter().map(|i| (i.urn, i.decision)).collect();
        check.agendas.push((self.id, agenda));
    }
}

impl Check {
    pub fn add<R: Checked>(&mut self, r: &R) {
        self.refs.add(r);
        r.links(self);
    }

    /// What is wrong, with the scheme the decisions' categories are read against.
    pub fn finish(self, scheme: &Scheme) -> Vec<String> {
        let mut out = meeting_decisions(&self.decisions, &self.agendas);
        for d in &self.decisions {
            if scheme.get(&d.category).is_none() {
                out.push(format!(
                    "decision {}: category '{}' is not in the scheme '{}' (kept as history)",
                    d.id, d.category, scheme.name
                ));
            }
        }
        let mut all = self.refs.dangling();
        all.extend(out);
        all
    }
}

/// One live decision per school per meeting. A meeting's decision is live there until another
/// decision at the same meeting supersedes it (a later meeting superseding it is history, not
/// a fault); going back to a school at the same meeting supersedes its decision there, and the new one
/// keeps `previous` as the category before the meeting (not the meeting's own first go), so
/// the minutes and the board's "change" stay right. The agenda names the live decision.
fn meeting_decisions(decisions: &[DecisionLinks], agendas: &[Agenda]) -> Vec<String> {
    let by_id: HashMap<Id, &DecisionLinks> = decisions.iter().map(|d| (d.id, d)).collect();
    // Superseded by a decision at the same meeting (for the same school).
    let superseded: HashSet<Id> = decisions
        .iter()
        .filter_map(|d| {
            let e = by_id.get(&d.supersedes?)?;
            (e.meeting.is_some() && e.meeting == d.meeting && e.urn == d.urn).then_some(e.id)
        })
        .collect();
    let mut live: HashMap<(Urn, Id), Vec<Id>> = HashMap::new();
    let mut out = Vec::new();
    for d in decisions {
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
    for (m, agenda) in agendas {
        for &(urn, decision) in agenda {
            let Some(d) = decision.and_then(|id| by_id.get(&id)) else {
                continue;
            };
            if d.urn != urn || d.meeting != Some(*m) {
                out.push(format!(
                    "meeting {m}: the agenda item for school {urn} names decision {}, which is for \
                     school {} at {}",
                    d.id,
                    d.urn,
                    d.meeting
                        .map_or("no meeting".to_string(), |x| format!("meeting {x}"))
                ));
            } else if superseded.contains(&d.id) {
                out.push(format!(
                    "meeting {m}: the agenda item for school {urn} names decision {}, which has been \
                     superseded",
                    d.id
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
