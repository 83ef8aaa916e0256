//! A save landing: the stored records are folded into the data the screens draw from, the
//! index by school follows them, and the board recomputes the rows of the schools the commit
//! touched only (not every school's).

use super::{App, Effect, Record};
use crate::domain::Urn;

/// What a saved record changed on the board.
enum Touched {
    /// The rows of these schools.
    Schools(Vec<Urn>),
    /// Nothing the board shows (a meeting, a plan, a note).
    Nothing,
    /// A school was added: every row.
    Everything,
}

impl App {
    /// The runtime saved these records (as stored, with their new revisions): fold them into
    /// the data the screens draw from, and say so.
    pub fn saved(&mut self, records: Vec<Record>, message: String) {
        self.note_saved(&records);
        let for_meeting = records.clone();
        let mut urns = vec![];
        let mut everything = false;
        for r in records {
            match self.apply_saved(r) {
                Touched::Schools(u) => urns.extend(u),
                Touched::Nothing => {}
                Touched::Everything => everything = true,
            }
        }
        if everything || self.board.rows.len() != self.data.schools.len() {
            self.board.rebuild(&self.data, self.today);
        } else if !urns.is_empty() {
            urns.sort_unstable();
            urns.dedup();
            self.rebuild_board_rows(&urns);
        }
        // The open school's changes now include this save: load them again.
        self.audit.clear();
        if let Some(s) = &self.school {
            self.queue(Effect::LoadAudit(s.urn));
        }
        self.set_status(message);
        self.school_form_saved(&for_meeting);
        self.step_form_saved(&for_meeting);
        self.timeline_saved();
        self.meeting_saved(&for_meeting);
        // A save that moved the meeting on to the next school: its notes.
        for e in self.shown_notes_wanted() {
            self.queue(e);
        }
    }

    fn apply_saved(&mut self, record: Record) -> Touched {
        let ix = self.index_mut();
        // `index_mut` borrows the app: take the index out for the update, then put it back.
        let mut ix = std::mem::take(ix);
        // Copy on write: the data is shared with the other sessions until this one saves.
        let d = std::sync::Arc::make_mut(&mut self.data);
        let touched = match record {
            Record::School(r) => {
                let known = ix.school_pos(d, r.urn).is_some();
                let urn = r.urn;
                ix.upsert_school(d, r);
                if known {
                    Touched::Schools(vec![urn])
                } else {
                    Touched::Everything
                }
            }
            Record::Decision(r) => Touched::Schools(ix.decisions.upsert(&mut d.decisions, r)),
            Record::Meeting(r) => {
                match d.meetings.iter_mut().find(|x| x.id == r.id) {
                    Some(slot) => *slot = r,
                    None => d.meetings.push(r),
                }
                Touched::Nothing
            }
            Record::Activity(r) => Touched::Schools(ix.activities.upsert(&mut d.activities, r)),
            Record::Plan(r) => {
                ix.plans.upsert(&mut d.plans, r);
                Touched::Nothing
            }
            Record::Checkpoint(r) => Touched::Schools(ix.checkpoints.upsert(&mut d.checkpoints, r)),
            Record::Action(r) => Touched::Schools(ix.actions.upsert(&mut d.actions, r)),
            // Few (a school causing concern has a handful): found by id, its school's row redrawn.
            Record::Escalation(r) => {
                let urn = r.urn;
                match d.escalations.iter_mut().find(|x| x.id == r.id) {
                    Some(slot) => *slot = r,
                    None => d.escalations.push(r),
                }
                Touched::Schools(vec![urn])
            }
            Record::Note(r) => {
                let notes = self.notes.entry(r.urn).or_default();
                match notes.iter_mut().find(|x| x.id == r.id) {
                    Some(slot) => *slot = r,
                    None => notes.push(r),
                }
                Touched::Nothing
            }
        };
        *self.index.get_mut() = std::sync::Arc::new(ix);
        touched
    }

    /// Recomputes the board rows of `urns` from their records (through the index), then
    /// re-applies the search, filters and sort.
    pub(super) fn rebuild_board_rows(&mut self, urns: &[Urn]) {
        let mut rows = vec![];
        for &urn in urns {
            let Some(pos) = self.index().school_pos(&self.data, urn) else {
                continue;
            };
            if let Some(row) = self.board_row_of(pos) {
                rows.push((pos, row));
            }
        }
        self.board.replace_rows(rows, &self.data);
    }

    /// The board row of the school at `pos` in `data.schools`, from its own records only.
    fn board_row_of(&self, pos: usize) -> Option<crate::domain::board::BoardRow> {
        use crate::domain::board::{BoardInput, board_rows};
        use crate::domain::list::List;
        let school = self.data.schools.get(pos)?;
        let urn = school.urn;
        let decisions: List<_> = self.decisions_of(urn).into_iter().cloned().collect();
        let activities: List<_> = self.activities_of(urn).into_iter().cloned().collect();
        let checkpoints: List<_> = self.checkpoints_of(urn).into_iter().cloned().collect();
        let actions: List<_> = self.actions_of(urn).into_iter().cloned().collect();
        let escalations: List<_> = self
            .data
            .escalations
            .iter()
            .filter(|e| e.urn == urn)
            .cloned()
            .collect();
        let input = BoardInput {
            scheme: &self.data.scheme,
            schools: &List::from(vec![school.clone()]),
            decisions: &decisions,
            activities: &activities,
            checkpoints: &checkpoints,
            actions: &actions,
            escalations: &escalations,
        };
        board_rows(&input, self.today).pop()
    }
}

// Taking another session's commits (the runner, after a foreign change notice).
impl App {
    /// `set_data_indexed` after commits that wrote the records of `schools` only (the store's
    /// `schools_written`): only their board rows are computed again, as after this session's
    /// own saves (rebuilding the whole board took 30 ms at 6,000 schools, in every session,
    /// after every commit). `None`, or a school added, rebuilds the board.
    pub fn set_data_followed(
        &mut self,
        data: std::sync::Arc<crate::domain::Dataset>,
        index: std::sync::Arc<crate::domain::index::DataIndex>,
        schools: Option<Vec<Urn>>,
    ) {
        match schools {
            Some(urns) if data.schools.len() == self.board.rows.len() => {
                self.data = data;
                *self.index.get_mut() = index;
                self.rebuild_board_rows(&urns);
                self.forget_a_school_gone();
                self.dirty = true;
            }
            _ => self.set_data_indexed(data, index),
        }
    }
}
