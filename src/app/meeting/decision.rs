//! Saving a decision (with its actions and the follow-up activities), closing the meeting with
//! its minutes, and what a save landing or failing does to meeting mode.

use super::*;

impl App {
    pub(super) fn save_decision(&mut self) -> Vec<Effect> {
        let Some(mut m) = self.open_for_changes() else {
            return vec![];
        };
        let pos = self.meeting.as_ref().map_or(0, |s| s.pos);
        let Some(urn) = m.agenda.get(pos).map(|i| i.urn) else {
            return vec![];
        };
        let form = self.form(urn).clone();
        let evidence: Vec<String> = self
            .form_evidence(urn)
            .into_iter()
            .filter(|e| e.on)
            .map(|e| e.text)
            .collect();
        let Some(category) = form.category.clone() else {
            self.set_status("Choose a category first: 1-9 by number, or = for the same".into());
            return vec![];
        };
        let current = self
            .current_decision(urn)
            .map(|d| (d.id, d.category.clone()));
        let own = self
            .decision_at_this_meeting(urn)
            .map(|d| (d.id, d.supersedes, d.previous.clone()));
        // A retry keeps its id and what it supersedes. A second go at a school already decided
        // at this meeting supersedes that decision but keeps, as "previous", the category the
        // school held before the meeting: the change the meeting made, not "same as a moment
        // ago". Otherwise the decision supersedes the school's current one.
        let (supersedes, previous) = match (&own, &current) {
            (Some((id, sup, prev)), _) if Some(*id) == form.decision_id => (*sup, prev.clone()),
            (Some((id, _, prev)), _) => (Some(*id), prev.clone()),
            (None, Some((id, _))) if Some(*id) == form.decision_id => self
                .decision_by_id(*id)
                .map_or((None, None), |d| (d.supersedes, d.previous.clone())),
            (None, Some((id, cat))) => (Some(*id), Some(cat.clone())),
            (None, None) => (None, None),
        };
        // The decision the school held going into the meeting: what a rationale is required
        // against (a change of category, of the at-risk flag, a new risk factor).
        let before = self.decision_before_meeting(urn);
        if let Some(why) = crate::domain::decision::rationale_needed(
            self.rationale_rule,
            before,
            &category,
            form.at_risk,
            &form.risks,
            &form.rationale,
        ) {
            self.set_status(format!(
                "A rationale is needed: {why}. Type the reasons, then Enter."
            ));
            // Straight into the rationale, so what is typed next is the reasons, not commands.
            self.st().editing = Some(RunField::Rationale);
            return vec![];
        }
        let id = match form.decision_id {
            Some(id) => id,
            None => {
                let Some(id) = self.new_id() else {
                    return vec![];
                };
                self.form(urn).decision_id = Some(id);
                id
            }
        };
        let decision = Decision {
            id,
            urn,
            meeting: Some(m.id),
            date: m.date,
            category: category.clone(),
            previous: previous.clone(),
            rationale: form.rationale.trim().to_string(),
            evidence,
            ratings: form.ratings.clone(),
            risks: form.risks.clone(),
            at_risk: form.at_risk,
            decided_by: self.user.clone(),
            recorded_at: self.clock.now(),
            supersedes,
            school_informed: None,
            diocese_informed: None,
            shared_regional: None,
            rev: self.decision_by_id(id).map_or(0, |d| d.rev),
        };
        if let Some(item) = m.agenda.get_mut(pos) {
            item.state = AgendaState::Decided;
            item.decision = Some(id);
        }
        m.status = MeetingStatus::Open;
        let name = self.school_name(urn);
        let scheme = &self.data.scheme;
        let change = scheme.change(previous.as_deref(), &category);
        let cat_name = scheme
            .get(&category)
            .map_or(category.clone(), |c| c.name.clone());
        let weeks = scheme
            .get(&category)
            .and_then(|c| c.entitlement.checkpoint_weeks);
        let mut records = vec![
            (Record::Meeting(m.clone()), format!("decision for {name}")),
            (
                Record::Decision(decision),
                format!("{name}: {cat_name} ({})", change.word()),
            ),
        ];
        for a in &form.actions {
            let Some(aid) = self.new_id() else {
                return vec![];
            };
            records.push((
                Record::Action(ActionRecord {
                    id: aid,
                    urn,
                    source: ActionSource::Meeting(m.id),
                    text: a.text.clone(),
                    owner: a.owner.clone(),
                    due: a.due,
                    status: ActionStatus::Open,
                    completed: None,
                    rev: 0,
                }),
                "agreed at SQA meeting".into(),
            ));
        }
        // The school's own activities: the rules below look at no other school's.
        let activities: Vec<Activity> = self.activities_of(urn).into_iter().cloned().collect();
        let first_checkpoint = match (change, weeks) {
            (Change::Raised | Change::New, Some(w)) => {
                crate::domain::schedule::checkpoint_to_plan(&activities, urn, m.date, w)
            }
            _ => None,
        };
        // A review already planned later than the new entitlement allows is moved, not doubled.
        let moved = first_checkpoint
            .and_then(|by| crate::domain::schedule::checkpoint_to_move(&activities, urn, by));
        let was_moved = moved.is_some();
        if let Some(a) = moved {
            let what = format!("re-planned after priority {}", change.word());
            records.push((Record::Activity(a), what));
        }
        if let Some(planned) = first_checkpoint.filter(|_| !was_moved) {
            let Some(aid) = self.new_id() else {
                return vec![];
            };
            let owner = self
                .school_by_urn(urn)
                .map_or(self.user.clone(), |s| s.link_officer.clone());
            records.push((
                Record::Activity(Activity {
                    id: aid,
                    urn,
                    kind: ActivityKind::CheckpointReview,
                    title: "First checkpoint review".into(),
                    planned,
                    done: None,
                    status: ActivityStatus::Planned,
                    owner,
                    note: None,
                    rev: 0,
                }),
                format!("first checkpoint after priority {}", change.word()),
            ));
        }
        self.st().awaiting = Some(Awaiting::Item(m.id, pos));
        vec![Effect::Save(SaveRequest {
            records,
            done_message: format!("{name}: {cat_name} ({}) saved", change.word()),
        })]
    }

    pub(in crate::app) fn close_meeting(&mut self) -> Vec<Effect> {
        let Some(mut m) = self.open_for_changes() else {
            return vec![];
        };
        m.status = MeetingStatus::Closed;
        m.minutes = None;
        let mut data_after = crate::domain::Dataset::clone(&self.data);
        if let Some(slot) = data_after.meetings.iter_mut().find(|x| x.id == m.id) {
            *slot = m.clone();
        }
        // Filed with the meeting, in the same save as the close: what was filed is what
        // `sqa minutes` prints from now on.
        let text = minutes::write_minutes(&data_after, &m);
        m.minutes = Some(text.clone());
        let name = minutes_file_name(m.date);
        let path = match &self.minutes_dir {
            Some(dir) => dir.join(name).to_string_lossy().into_owned(),
            None => name,
        };
        vec![
            Effect::Save(SaveRequest {
                records: vec![(Record::Meeting(m), "closed".into())],
                done_message: "Meeting closed".into(),
            }),
            Effect::WriteFile {
                path,
                contents: text,
            },
        ]
    }

    /// After `App::saved`: move on from a decided, skipped or deferred school; show a planned
    /// meeting in the list.
    pub(in crate::app) fn meeting_saved(&mut self, records: &[Record]) {
        let Some(awaiting) = self.meeting.as_ref().and_then(|m| m.awaiting) else {
            return;
        };
        let saved_meeting = |id: Id| {
            records
                .iter()
                .any(|r| matches!(r, Record::Meeting(m) if m.id == id))
        };
        match awaiting {
            Awaiting::Plan(id) if saved_meeting(id) => {
                let sel = meetings_newest_first(&self.data.meetings)
                    .iter()
                    .position(|m| m.id == id)
                    .unwrap_or(0);
                let s = self.st();
                s.awaiting = None;
                s.plan = None;
                s.view = MeetingView::List;
                s.list_sel = sel;
            }
            Awaiting::Item(id, pos) if saved_meeting(id) => {
                let Some(m) = self.data.meetings.iter().find(|m| m.id == id).cloned() else {
                    return;
                };
                let urn = m.agenda.get(pos).map(|i| i.urn);
                let len = m.agenda.len();
                let next = (1..=len).map(|k| (pos + k) % len.max(1)).find(|&i| {
                    m.agenda
                        .get(i)
                        .is_some_and(|i| i.state == AgendaState::Pending)
                });
                let s = self.st();
                s.awaiting = None;
                // Only a decision uses up its form: one skipped comes back to it, one deferred
                // is carried forward to the school's next meeting (`restore_meeting_forms`).
                let decided = m
                    .agenda
                    .get(pos)
                    .is_some_and(|i| i.state == AgendaState::Decided);
                if let Some(urn) = urn.filter(|_| decided) {
                    s.forms.remove(&urn);
                }
                // Everything typed for this meeting is saved: its stored draft is obsolete.
                if s.forms.is_empty() {
                    self.kept_done::<MeetingDraft>(id);
                }
                let s = self.st();
                match next {
                    Some(i) => s.pos = i,
                    None => {
                        let decided = m
                            .agenda
                            .iter()
                            .filter(|i| i.state == AgendaState::Decided)
                            .count();
                        self.set_status(format!(
                            "{decided} of {len} decided; nothing left pending: C closes the meeting"
                        ));
                    }
                }
            }
            _ => {}
        }
    }

    /// After `App::save_failed`: the form keeps everything typed; Enter tries again.
    pub(in crate::app) fn meeting_save_failed(&mut self) {
        if let Some(s) = self.meeting.as_mut()
            && s.awaiting.take().is_some()
        {
            let msg = self.status.clone().unwrap_or_default();
            self.set_status(format!("{msg} Press Enter to try again."));
        }
    }
}
