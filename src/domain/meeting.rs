//! SQA meetings: the termly desktop review of every school.

use super::calendar::{AcademicYear, Term};
use super::decision::Id;
use super::school::Urn;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    Planned,
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgendaState {
    Pending,
    Decided,
    Skipped,
    Deferred,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub urn: Urn,
    pub state: AgendaState,
    pub decision: Option<Id>,
    /// Why the school was deferred (asked for, and in the minutes). Absent from files written
    /// before it was kept.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: Id,
    pub date: NaiveDate,
    pub term: Term,
    pub year: AcademicYear,
    pub title: String,
    pub attendees: Vec<String>,
    pub agenda: Vec<AgendaItem>,
    pub status: MeetingStatus,
    /// The minutes as filed when the meeting was closed: what `sqa minutes` prints from then
    /// on, whatever changes after (a school informed later). `None` until closed, and for
    /// meetings closed before the text was kept (their minutes are written from the records).
    #[serde(default)]
    pub minutes: Option<String>,
    pub rev: u64,
}

/// Three-way merge of a meeting two sessions changed at once: `base` is what this session
/// last read, `mine` what it would save, `theirs` what the store holds now. Each agenda item
/// (one school) and each other field goes to whoever changed it; a clerk recording one school
/// and another recording a different school both land. `None` when both changed the same
/// thing differently (a real conflict: the user is told and keeps their work).
pub fn merge_meeting(base: &Meeting, mine: &Meeting, theirs: &Meeting) -> Option<Meeting> {
    fn pick<T: Clone + PartialEq>(base: &T, mine: &T, theirs: &T) -> Option<T> {
        if mine == base || mine == theirs {
            Some(theirs.clone())
        } else if theirs == base {
            Some(mine.clone())
        } else {
            None
        }
    }
    // Agendas of different shapes (a school added or removed meanwhile) are not merged.
    let same_schools = |a: &Meeting, b: &Meeting| {
        a.agenda.len() == b.agenda.len()
            && a.agenda.iter().zip(&b.agenda).all(|(x, y)| x.urn == y.urn)
    };
    if !same_schools(base, mine) || !same_schools(base, theirs) {
        return None;
    }
    // Closing files the minutes of the agenda as the closer saw it: a school recorded
    // meanwhile by someone else is a real conflict, not merged past the close.
    let closes = |m: &Meeting| m.status != base.status || m.minutes != base.minutes;
    if (closes(mine) && theirs.agenda != base.agenda)
        || (closes(theirs) && mine.agenda != base.agenda)
    {
        return None;
    }
    let agenda = base
        .agenda
        .iter()
        .zip(&mine.agenda)
        .zip(&theirs.agenda)
        .map(|((b, m), t)| pick(b, m, t))
        .collect::<Option<Vec<_>>>()?;
    Some(Meeting {
        id: theirs.id,
        date: pick(&base.date, &mine.date, &theirs.date)?,
        term: pick(&base.term, &mine.term, &theirs.term)?,
        year: pick(&base.year, &mine.year, &theirs.year)?,
        title: pick(&base.title, &mine.title, &theirs.title)?,
        attendees: pick(&base.attendees, &mine.attendees, &theirs.attendees)?,
        agenda,
        status: pick(&base.status, &mine.status, &theirs.status)?,
        minutes: pick(&base.minutes, &mine.minutes, &theirs.minutes)?,
        rev: theirs.rev,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{AcademicYear, Term};

    fn meeting(states: [AgendaState; 3]) -> Meeting {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        Meeting {
            id: 7,
            date,
            term: Term::Autumn,
            year: AcademicYear::of(date),
            title: "SQA".into(),
            attendees: vec![],
            agenda: [1, 2, 3]
                .iter()
                .zip(states)
                .map(|(&urn, state)| AgendaItem {
                    urn,
                    state,
                    decision: None,
                    reason: None,
                })
                .collect(),
            status: MeetingStatus::Open,
            minutes: None,
            rev: 3,
        }
    }

    use AgendaState::{Decided as D, Pending as P, Skipped as S};

    #[test]
    fn different_schools_merge_and_the_same_school_does_not() {
        let base = meeting([P, P, P]);
        let mine = meeting([D, P, P]);
        let mut theirs = meeting([P, D, P]);
        theirs.rev = 4;
        let merged = merge_meeting(&base, &mine, &theirs).expect("merged");
        let states: Vec<_> = merged.agenda.iter().map(|i| i.state).collect();
        assert_eq!(states, vec![D, D, P]);
        assert_eq!(merged.rev, 4, "saved over what the store holds");
        // The same school recorded differently by both: the user's to settle.
        assert_eq!(merge_meeting(&base, &mine, &meeting([S, P, P])), None);
        // The same change by both is no conflict.
        assert!(merge_meeting(&base, &mine, &mine).is_some());
    }

    #[test]
    fn a_close_does_not_merge_past_a_school_recorded_meanwhile() {
        let base = meeting([D, P, P]);
        let mut closing = base.clone();
        closing.status = MeetingStatus::Closed;
        closing.minutes = Some("filed".into());
        assert_eq!(merge_meeting(&base, &closing, &meeting([D, D, P])), None);
        assert_eq!(merge_meeting(&base, &meeting([D, D, P]), &closing), None);
    }
}
