//! Running a meeting: the decision form of each school in turn (category, ratings, risks,
//! rationale, actions), skip and defer.

use super::*;

impl App {
    pub(super) fn update_run(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(item) = self.current_item().cloned() else {
            if action == MeetingAction::Back {
                self.st().view = MeetingView::List;
            }
            return vec![];
        };
        let urn = item.urn;
        let editing = self.meeting.as_ref().and_then(|m| m.editing);
        if let Some(field) = editing {
            match action {
                MeetingAction::Backspace => {
                    self.edit_text(Edit::Backspace);
                }
                MeetingAction::Back | MeetingAction::NextField => self.st().editing = None,
                MeetingAction::Submit => match field {
                    RunField::Rationale => {
                        self.st().editing = None;
                        return self.save_decision();
                    }
                    RunField::Evidence => {
                        let line = self.form(urn).evidence_line.trim().to_string();
                        if line.is_empty() {
                            self.set_status("Type the evidence, then Enter (Esc: leave)".into());
                        } else {
                            self.evidence_mut(urn).push(EvidenceLine {
                                text: line,
                                on: true,
                            });
                            self.form(urn).evidence_line.clear();
                            self.st().editing = None;
                        }
                    }
                    RunField::Action => {
                        let line = self.form(urn).action_line.clone();
                        match parse_action_line(&line, self.today) {
                            Ok(a) => {
                                let f = self.form(urn);
                                f.actions.push(a);
                                f.action_line.clear();
                                self.st().editing = None;
                            }
                            Err(e) => self.set_status(e),
                        }
                    }
                },
                _ => {}
            }
            return vec![];
        }
        let n_cats = self.data.scheme.categories.len();
        match action {
            MeetingAction::Back => {
                let s = self.st();
                s.view = MeetingView::List;
            }
            // More than nine categories: the digit starts the category's number, finished
            // in a prompt (`1` `2` Enter is the twelfth).
            MeetingAction::Category(k) if n_cats > 9 => {
                self.ask(PromptKind::Category, k.to_string());
            }
            MeetingAction::Category(k) => self.choose_category(usize::from(k)),
            MeetingAction::PickCategory => self.ask(PromptKind::Category, String::new()),
            MeetingAction::Same => {
                let cur = self
                    .decision_before_meeting(urn)
                    .map(|d| d.category.clone());
                match cur {
                    Some(c) => {
                        self.form(urn).category = Some(c);
                        self.st().editing = Some(RunField::Rationale);
                    }
                    None => self.set_status(
                        "No decision before for this school: choose a category by number".into(),
                    ),
                }
            }
            MeetingAction::EditRationale => self.st().editing = Some(RunField::Rationale),
            MeetingAction::AddAction => self.st().editing = Some(RunField::Action),
            MeetingAction::Submit => return self.save_decision(),
            MeetingAction::NextUndecided => {
                let pos = self.meeting.as_ref().map_or(0, |s| s.pos);
                match self.next_undecided(pos) {
                    Some(i) => self.st().pos = i,
                    None => self.set_status(
                        "Every school on the agenda is decided: C closes the meeting".into(),
                    ),
                }
            }
            MeetingAction::GoTo => self.ask(PromptKind::GoTo, String::new()),
            MeetingAction::EvidenceDown | MeetingAction::EvidenceUp => {
                let s = self.st();
                let now = if s.ev_scroll.0 == s.pos {
                    s.ev_scroll.1
                } else {
                    0
                };
                // Half a panel a press; the drawing stops it at the last line.
                let step = 5;
                let next = if action == MeetingAction::EvidenceDown {
                    now.saturating_add(step)
                } else {
                    now.saturating_sub(step)
                };
                s.ev_scroll = (s.pos, next);
            }
            MeetingAction::NextSchool | MeetingAction::PrevSchool => {
                let len = self.current_meeting().map_or(0, |m| m.agenda.len());
                let s = self.st();
                if action == MeetingAction::NextSchool {
                    s.pos = (s.pos + 1).min(len.saturating_sub(1));
                } else {
                    s.pos = s.pos.saturating_sub(1);
                }
            }
            // A decided school stays decided: skipping or deferring it would leave its decision
            // live on the board while the minutes called it undecided.
            MeetingAction::Skip | MeetingAction::Defer if item.state == AgendaState::Decided => {
                self.set_status(
                    "Already decided at this meeting: change the decision and Enter to save it"
                        .into(),
                );
            }
            MeetingAction::Skip => return self.set_item_state(AgendaState::Skipped, None),
            // A deferral gives its reason (kept on the agenda, in the minutes).
            MeetingAction::Defer => self.ask(PromptKind::Defer, String::new()),
            MeetingAction::ToggleAtRisk => {
                let f = self.form(urn);
                f.at_risk = !f.at_risk;
            }
            MeetingAction::Up => {
                let f = self.form(urn);
                f.cursor = f.cursor.saturating_sub(1);
            }
            MeetingAction::Down => {
                let rows = FORM_ROWS + self.form_evidence(urn).len();
                let f = self.form(urn);
                f.cursor = (f.cursor + 1).min(rows - 1);
            }
            MeetingAction::Cycle if self.form(urn).cursor >= FORM_ROWS => {
                let at = self.form(urn).cursor - FORM_ROWS;
                if let Some(line) = self.evidence_mut(urn).get_mut(at) {
                    line.on = !line.on;
                }
            }
            MeetingAction::AddEvidence => self.st().editing = Some(RunField::Evidence),
            MeetingAction::Cycle => {
                let f = self.form(urn);
                if let Some(&area) = Area::ALL.get(f.cursor) {
                    let now = f.ratings.iter().find(|(a, _)| *a == area).map(|(_, r)| *r);
                    let i = RATING_CYCLE.iter().position(|r| *r == now).unwrap_or(0);
                    let next = RATING_CYCLE[(i + 1) % RATING_CYCLE.len()];
                    f.ratings.retain(|(a, _)| *a != area);
                    if let Some(r) = next {
                        f.ratings.push((area, r));
                        f.ratings.sort();
                    }
                } else if let Some(&risk) = RiskFactor::ALL.get(f.cursor - Area::ALL.len()) {
                    if f.risks.contains(&risk) {
                        f.risks.retain(|r| *r != risk);
                    } else {
                        f.risks.push(risk);
                        f.risks.sort();
                    }
                }
            }
            MeetingAction::Close => {
                if self
                    .current_meeting()
                    .is_some_and(|m| m.status == MeetingStatus::Closed)
                {
                    self.set_status("This meeting is already closed.".into());
                } else {
                    self.ask(PromptKind::Close, String::new());
                }
            }
            MeetingAction::Inform => {
                let s = self.st();
                s.view = MeetingView::Inform;
                s.inform_sel = 0;
            }
            _ => {}
        }
        vec![]
    }

    /// Sets the `k`-th category of the scheme (1-based) on the form, then the rationale has
    /// the keyboard.
    pub(super) fn choose_category(&mut self, k: usize) {
        let Some(urn) = self.current_item().map(|i| i.urn) else {
            return;
        };
        if let Some(c) = k
            .checked_sub(1)
            .and_then(|i| self.data.scheme.categories.get(i))
        {
            let key = c.key.clone();
            self.form(urn).category = Some(key);
            self.st().editing = Some(RunField::Rationale);
        }
    }

    /// The next agenda position after `pos` (wrapping) still to decide; when none is pending,
    /// the next skipped one (skipped to come back to; a deferred school waits for a later
    /// meeting).
    pub(super) fn next_undecided(&self, pos: usize) -> Option<usize> {
        let m = self.current_meeting()?;
        let len = m.agenda.len();
        let find = |state: AgendaState| {
            (1..=len)
                .map(|k| (pos + k) % len)
                .find(|&i| m.agenda[i].state == state)
        };
        find(AgendaState::Pending).or_else(|| find(AgendaState::Skipped))
    }

    /// The form of a school, made on first use. A school already decided at this meeting opens
    /// its decision as saved (category, rationale, ratings, risks, at risk, evidence), to be changed and
    /// saved again; otherwise ratings, risks and the at-risk flag carry forward from its
    /// current decision and the category must be chosen.
    pub(super) fn form(&mut self, urn: Urn) -> &mut DecisionForm {
        // The seed only for a form not made yet: a key on a form must not look it up again.
        if !self.st().forms.contains_key(&urn) {
            let seed = self.form_seed(urn);
            self.st().forms.insert(urn, seed);
        }
        self.st().forms.entry(urn).or_default()
    }

    /// The form of `urn` as it is shown: the one being filled in, else the one it would
    /// start as (see `form`).
    pub fn shown_form(&self, urn: Urn) -> DecisionForm {
        self.meeting
            .as_ref()
            .and_then(|m| m.forms.get(&urn).cloned())
            .unwrap_or_else(|| self.form_seed(urn))
    }

    fn form_seed(&self, urn: Urn) -> DecisionForm {
        match self.decision_at_this_meeting(urn) {
            Some(d) => DecisionForm {
                category: Some(d.category.clone()),
                rationale: d.rationale.clone(),
                ratings: d.ratings.clone(),
                risks: d.risks.clone(),
                at_risk: d.at_risk,
                evidence: Some(super::evidence::evidence_lines(&d.evidence)),
                ..DecisionForm::default()
            },
            None => self
                .current_decision(urn)
                .map(|d| DecisionForm {
                    ratings: d.ratings.clone(),
                    risks: d.risks.clone(),
                    at_risk: d.at_risk,
                    ..DecisionForm::default()
                })
                .unwrap_or_default(),
        }
    }

    /// The decision the school held going into the meeting being run (none for a first
    /// decision): what the meeting changes, whatever it has decided since. A school decided
    /// again at the meeting supersedes its own first decision there, so the chain is followed
    /// back past every decision of this meeting.
    pub fn decision_before_meeting(&self, urn: Urn) -> Option<&Decision> {
        let Some(mut d) = self.decision_at_this_meeting(urn) else {
            return self.current_decision(urn);
        };
        let meeting = d.meeting;
        // Bounded by the number of decisions: a damaged store's cycle cannot hang the run.
        for _ in 0..self.data.decisions.len() {
            let prev = d.supersedes.and_then(|id| self.decision_by_id(id))?;
            if prev.meeting != meeting {
                return Some(prev);
            }
            d = prev;
        }
        None
    }

    /// The school's live decision made at the meeting being run, if it has been decided there.
    pub(super) fn decision_at_this_meeting(&self, urn: Urn) -> Option<&Decision> {
        let m = self.current_meeting()?;
        let id = m.agenda.iter().find(|i| i.urn == urn)?.decision?;
        self.decision_by_id(id)
            .filter(|d| d.meeting == Some(m.id) && d.urn == urn)
    }

    pub(super) fn open_for_changes(&mut self) -> Option<Meeting> {
        let m = self.current_meeting()?.clone();
        if m.status == MeetingStatus::Closed {
            self.set_status("This meeting is closed: decisions cannot be changed.".into());
            return None;
        }
        Some(m)
    }

    pub(super) fn set_item_state(
        &mut self,
        state: AgendaState,
        reason: Option<String>,
    ) -> Vec<Effect> {
        let Some(mut m) = self.open_for_changes() else {
            return vec![];
        };
        let pos = self.meeting.as_ref().map_or(0, |s| s.pos);
        let Some(item) = m.agenda.get_mut(pos) else {
            return vec![];
        };
        item.state = state;
        item.reason = reason.clone();
        let word = match &reason {
            _ if state == AgendaState::Skipped => "skipped".to_string(),
            Some(r) => format!("deferred: {r}"),
            None => "deferred".to_string(),
        };
        let name = self.school_name(item.urn);
        m.status = MeetingStatus::Open;
        self.st().awaiting = Some(Awaiting::Item(m.id, pos));
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Meeting(m), format!("{name} {word}"))],
            done_message: format!("{name} {word}"),
        })]
    }

    pub(super) fn school_name(&self, urn: Urn) -> String {
        self.school_by_urn(urn)
            .map_or_else(|| format!("URN {urn}"), |s| s.name.clone())
    }
}
