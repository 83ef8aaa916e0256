//! Meeting mode: plan an SQA meeting, run it school by school (evidence beside the decision
//! form), close it (minutes) and follow up (who has been informed). State and update only.

use super::caret::Edit;
use super::{App, Effect, Record, SaveRequest, Screen};
pub use crate::action::MeetingAction;
use crate::domain::board::current_decisions;
use crate::domain::calendar::{AcademicYear, fmt_date, parse_date};
use crate::domain::minutes;
use crate::domain::{
    Action as ActionRecord, ActionSource, ActionStatus, Activity, ActivityKind, ActivityStatus,
    AgendaItem, AgendaState, Area, Change, Decision, Id, Meeting, MeetingStatus, Rating,
    RiskFactor, Urn,
};
use crate::keymap::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingView {
    List,
    Plan,
    Run,
    Inform,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFocus {
    Date,
    Attendees,
    Agenda,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    pub date: String,
    pub attendees: String,
    pub agenda: Vec<Urn>,
    /// Removed schools, most recent last (`a` adds the last back).
    pub removed: Vec<Urn>,
    pub sel: usize,
    pub focus: PlanFocus,
}

/// The text field being typed into on the run screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunField {
    Rationale,
    /// "action text; owner; dd/mm/yyyy"
    Action,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedLine {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// The decision form for one school: kept per school until saved, and kept when a save fails.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DecisionForm {
    pub category: Option<String>,
    pub ratings: Vec<(Area, Rating)>,
    pub risks: Vec<RiskFactor>,
    pub at_risk: bool,
    pub rationale: String,
    pub actions: Vec<AgreedLine>,
    pub action_line: String,
    /// Form cursor over the six ratings then the six risk factors.
    pub cursor: usize,
    /// The id given to the decision on the first attempt to save it (kept for a retry).
    pub decision_id: Option<Id>,
}

/// Schema of `MeetingDraft` in the store's form drafts.
pub const MEETING_DRAFT_SCHEMA: u16 = 1;
/// Key prefix of meeting drafts among the store's form drafts.
pub const MEETING_DRAFT_PREFIX: &str = "meeting/";

/// A meeting's decision forms not yet saved when the session ended (quit, SIGHUP, SIGTERM) or
/// meeting mode was left: kept in the store and restored when the meeting is opened again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDraft {
    pub meeting: Id,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    pub forms: Vec<(Urn, DecisionForm)>,
}

impl MeetingDraft {
    /// Per meeting and user: two facilitators' unsaved forms never replace each other.
    pub fn key(&self) -> String {
        format!("{MEETING_DRAFT_PREFIX}{}/{}", self.meeting, self.author)
    }
}

/// What a save in flight was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Awaiting {
    Plan(Id),
    /// A decision, skip or defer at this agenda position: move on once saved.
    Item(Id, usize),
}

pub struct MeetingState {
    pub view: MeetingView,
    pub list_sel: usize,
    pub plan: Option<PlanForm>,
    pub meeting: Option<Id>,
    pub pos: usize,
    pub forms: HashMap<Urn, DecisionForm>,
    pub editing: Option<RunField>,
    pub confirm_close: bool,
    pub inform_sel: usize,
    awaiting: Option<Awaiting>,
}

impl MeetingState {
    fn new() -> MeetingState {
        MeetingState {
            view: MeetingView::List,
            list_sel: 0,
            plan: None,
            meeting: None,
            pos: 0,
            forms: HashMap::new(),
            editing: None,
            confirm_close: false,
            inform_sel: 0,
            awaiting: None,
        }
    }
}

/// Meetings newest first (the list's order).
pub fn meetings_newest_first(meetings: &[Meeting]) -> Vec<&Meeting> {
    let mut v: Vec<&Meeting> = meetings.iter().collect();
    v.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
    v
}

const RATING_CYCLE: [Option<Rating>; 5] = [
    None,
    Some(Rating::Strong),
    Some(Rating::Secure),
    Some(Rating::Concern),
    Some(Rating::SeriousConcern),
];

/// Rows under the form cursor: six ratings then six risk factors.
pub const FORM_ROWS: usize = Area::ALL.len() + RiskFactor::ALL.len();

/// The name of the minutes file for a meeting on `date`.
pub fn minutes_file_name(date: NaiveDate) -> String {
    format!("sqa-minutes-{}.md", date.format("%Y-%m-%d"))
}

/// Parses "action text; owner; dd/mm/yyyy" (owner and date optional).
pub fn parse_action_line(line: &str, today: NaiveDate) -> Result<AgreedLine, String> {
    let mut parts = line.split(';').map(str::trim);
    let text = parts.next().unwrap_or("").to_string();
    if text.is_empty() {
        return Err("Type the action, then '; owner; dd/mm/yyyy'".into());
    }
    let owner = parts.next().unwrap_or("").to_string();
    let due = match parts.next() {
        Some(d) if !d.is_empty() => Some(parse_date(d, today).map_err(|e| e.to_string())?),
        _ => None,
    };
    Ok(AgreedLine { text, owner, due })
}

impl App {
    pub(super) fn meeting_context(&self) -> Context {
        let Some(m) = &self.meeting else {
            return Context::MeetingList;
        };
        match m.view {
            MeetingView::List => Context::MeetingList,
            MeetingView::Inform => Context::MeetingInform,
            MeetingView::Plan => match m.plan.as_ref().map(|p| p.focus) {
                Some(PlanFocus::Agenda) | None => Context::MeetingPlan,
                Some(_) => Context::MeetingText,
            },
            MeetingView::Run if m.confirm_close => Context::MeetingConfirm,
            MeetingView::Run if m.editing.is_some() => Context::MeetingText,
            MeetingView::Run => Context::MeetingRun,
        }
    }

    /// The meeting open on the run or inform view.
    pub fn current_meeting(&self) -> Option<&Meeting> {
        let id = self.meeting.as_ref()?.meeting?;
        self.data.meetings.iter().find(|m| m.id == id)
    }

    /// The agenda item on the run view.
    pub fn current_item(&self) -> Option<&AgendaItem> {
        let pos = self.meeting.as_ref()?.pos;
        self.current_meeting()?.agenda.get(pos)
    }

    /// The decision form of the school on the run view.
    pub fn current_form(&self) -> Option<&DecisionForm> {
        let urn = self.current_item()?.urn;
        self.meeting.as_ref()?.forms.get(&urn)
    }

    /// "12 of 22 decided"
    pub fn meeting_progress(&self) -> Option<(usize, usize)> {
        let m = self.current_meeting()?;
        let decided = m
            .agenda
            .iter()
            .filter(|i| i.state == AgendaState::Decided)
            .count();
        Some((decided, m.agenda.len()))
    }

    pub(super) fn meeting_unbound_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return vec![];
        }
        let KeyCode::Char(c) = key.code else {
            return vec![];
        };
        // Digits pick a category (the keymap lists them as "1-9").
        if self.meeting_context() == Context::MeetingRun
            && let Some(d) = c.to_digit(10)
        {
            if self.status.take().is_some() {
                self.dirty = true;
            }
            return self.update_meeting(MeetingAction::Category(d as u8));
        }
        if c.is_control() || self.meeting_context() != Context::MeetingText {
            return vec![];
        }
        if self.status.take().is_some() {
            self.dirty = true;
        }
        self.edit_text(Edit::Insert(c));
        self.dirty = true;
        vec![]
    }

    /// The meeting text field that has the keyboard: a plan field, or the run form's rationale
    /// or action line (per school).
    pub(super) fn meeting_text_id(&self) -> Option<super::caret::TextId> {
        let m = self.meeting.as_ref()?;
        let n = match m.view {
            MeetingView::Plan => match m.plan.as_ref()?.focus {
                PlanFocus::Date => 0,
                PlanFocus::Attendees => 1,
                PlanFocus::Agenda => return None,
            },
            MeetingView::Run => {
                let field = match m.editing? {
                    RunField::Rationale => 2,
                    RunField::Action => 3,
                };
                field | (m.pos as u64) << 8
            }
            _ => return None,
        };
        Some(super::caret::TextId(Screen::Meeting, n))
    }

    /// The meeting text field that has the keyboard (see `meeting_text_id`).
    pub(super) fn meeting_text(&mut self) -> Option<&mut String> {
        let m = self.meeting.as_mut()?;
        match m.view {
            MeetingView::Plan => {
                let p = m.plan.as_mut()?;
                match p.focus {
                    PlanFocus::Date => Some(&mut p.date),
                    PlanFocus::Attendees => Some(&mut p.attendees),
                    PlanFocus::Agenda => None,
                }
            }
            MeetingView::Run => {
                let field = m.editing?;
                let id = m.meeting?;
                let urn = self
                    .data
                    .meetings
                    .iter()
                    .find(|x| x.id == id)?
                    .agenda
                    .get(m.pos)?
                    .urn;
                let f = m.forms.entry(urn).or_default();
                Some(match field {
                    RunField::Rationale => &mut f.rationale,
                    RunField::Action => &mut f.action_line,
                })
            }
            _ => None,
        }
    }

    pub(super) fn update_meeting(&mut self, action: MeetingAction) -> Vec<Effect> {
        self.dirty = true;
        if action == MeetingAction::OpenList {
            if self.screen != Screen::Board {
                return vec![];
            }
            self.screen = Screen::Meeting;
            let mut st = MeetingState::new();
            // Start on the open meeting if there is one.
            let list = meetings_newest_first(&self.data.meetings);
            st.list_sel = list
                .iter()
                .position(|m| m.status == MeetingStatus::Open)
                .unwrap_or(0);
            self.meeting = Some(st);
            return vec![];
        }
        if self.screen != Screen::Meeting || self.meeting.is_none() {
            return vec![];
        }
        let view = self.meeting.as_ref().map_or(MeetingView::List, |m| m.view);
        match view {
            MeetingView::List => self.update_list(action),
            MeetingView::Plan => self.update_plan(action),
            MeetingView::Run => self.update_run(action),
            MeetingView::Inform => self.update_inform(action),
        }
    }

    fn st(&mut self) -> &mut MeetingState {
        self.meeting.get_or_insert_with(MeetingState::new)
    }

    fn update_list(&mut self, action: MeetingAction) -> Vec<Effect> {
        let n = self.data.meetings.len();
        match action {
            MeetingAction::Up => {
                let s = self.st();
                s.list_sel = s.list_sel.saturating_sub(1);
            }
            MeetingAction::Down => {
                let s = self.st();
                s.list_sel = (s.list_sel + 1).min(n.saturating_sub(1));
            }
            MeetingAction::Back => {
                // Unsaved decision forms are kept (and written to the store) for next time.
                let effects = self.stash_meeting_forms();
                self.meeting = None;
                self.screen = Screen::Board;
                return effects;
            }
            MeetingAction::New => self.start_plan(),
            MeetingAction::Open => return self.open_selected_meeting(),
            MeetingAction::Inform => {
                if let Some(id) = self.selected_meeting_id() {
                    let s = self.st();
                    s.meeting = Some(id);
                    s.view = MeetingView::Inform;
                    s.inform_sel = 0;
                }
            }
            _ => {}
        }
        vec![]
    }

    fn selected_meeting_id(&self) -> Option<Id> {
        let sel = self.meeting.as_ref()?.list_sel;
        meetings_newest_first(&self.data.meetings)
            .get(sel)
            .map(|m| m.id)
    }

    fn start_plan(&mut self) {
        let rows = &self.board.rows;
        let mut agenda: Vec<(usize, String, Urn)> = rows
            .iter()
            .map(|r| (r.rank, r.name.to_lowercase(), r.urn))
            .collect();
        agenda.sort();
        let plan = PlanForm {
            date: fmt_date(self.today),
            attendees: String::new(),
            agenda: agenda.into_iter().map(|(_, _, u)| u).collect(),
            removed: vec![],
            sel: 0,
            focus: PlanFocus::Attendees,
        };
        let s = self.st();
        s.plan = Some(plan);
        s.view = MeetingView::Plan;
    }

    fn open_selected_meeting(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_meeting_id() else {
            self.set_status("No meetings yet: N plans one.".into());
            return vec![];
        };
        let Some(m) = self.data.meetings.iter().find(|m| m.id == id).cloned() else {
            return vec![];
        };
        let mut effects = vec![];
        if m.status == MeetingStatus::Planned {
            if let Some(open) = self
                .data
                .meetings
                .iter()
                .find(|x| x.status == MeetingStatus::Open && x.id != id)
            {
                let msg = format!(
                    "Another meeting is open ({}): close it before starting this one.",
                    fmt_date(open.date)
                );
                self.set_status(msg);
                return vec![];
            }
            let mut started = m.clone();
            started.status = MeetingStatus::Open;
            effects.push(Effect::Save(SaveRequest {
                records: vec![(Record::Meeting(started), "meeting started".into())],
                done_message: format!("Meeting of {} started", fmt_date(m.date)),
            }));
        }
        for item in &m.agenda {
            if !self.notes.contains_key(&item.urn) {
                effects.push(Effect::LoadNotes(item.urn));
            }
        }
        let first = m
            .agenda
            .iter()
            .position(|i| i.state == AgendaState::Pending)
            .unwrap_or(0);
        if self.meeting.as_ref().and_then(|s| s.meeting) != Some(id) {
            effects.extend(self.stash_meeting_forms());
        }
        let s = self.st();
        s.meeting = Some(id);
        s.view = MeetingView::Run;
        s.pos = first;
        s.editing = None;
        s.confirm_close = false;
        self.restore_meeting_forms(&m);
        effects
    }

    /// Moves the decision forms being filled in out of the meeting state into the drafts kept
    /// for their meeting, and writes them to the store.
    fn stash_meeting_forms(&mut self) -> Vec<Effect> {
        let now = self.note_now();
        let user = self.user.clone();
        let Some(s) = self.meeting.as_mut() else {
            return vec![];
        };
        let Some(id) = s.meeting else {
            return vec![];
        };
        if s.forms.is_empty() {
            return vec![];
        }
        let mut forms: Vec<(Urn, DecisionForm)> = s.forms.drain().collect();
        forms.sort_by_key(|(urn, _)| *urn);
        let draft = MeetingDraft {
            meeting: id,
            author: user,
            at: now,
            forms,
        };
        self.meeting_drafts.stash(id, draft.clone());
        vec![Effect::SaveMeetingDraft(Box::new(draft))]
    }

    /// Puts back the unsaved forms kept for meeting `m` (for schools still to decide).
    fn restore_meeting_forms(&mut self, m: &Meeting) {
        let Some(d) = self.meeting_drafts.take(m.id) else {
            return;
        };
        let pending: HashSet<Urn> = m
            .agenda
            .iter()
            .filter(|i| i.state == AgendaState::Pending)
            .map(|i| i.urn)
            .collect();
        let s = self.st();
        let mut n = 0;
        for (urn, f) in d.forms {
            if pending.contains(&urn) && !s.forms.contains_key(&urn) {
                s.forms.insert(urn, f);
                n += 1;
            }
        }
        if n > 0 {
            self.say_restored(
                &format!("unsaved decision forms for {n} school(s),"),
                &d.author,
                d.at,
            );
        }
    }

    /// Meeting drafts found in the store at start-up (this user's only).
    pub fn set_meeting_drafts(&mut self, drafts: Vec<MeetingDraft>) {
        let user = self.user.clone();
        self.meeting_drafts.load(
            drafts
                .into_iter()
                .filter(|d| d.author == user)
                .map(|d| (d.meeting, d)),
        );
    }

    /// The unsaved decision forms to keep when the session ends: those being filled in now and
    /// those kept from earlier (already in the store, written again unchanged).
    pub fn meeting_drafts_on_exit(&self, now_ms: i64) -> Vec<MeetingDraft> {
        let mut out: Vec<MeetingDraft> = self.meeting_drafts.waiting().cloned().collect();
        if let Some(s) = &self.meeting
            && let Some(id) = s.meeting
            && !s.forms.is_empty()
        {
            let mut forms: Vec<(Urn, DecisionForm)> =
                s.forms.iter().map(|(u, f)| (*u, f.clone())).collect();
            forms.sort_by_key(|(urn, _)| *urn);
            out.retain(|d| d.meeting != id);
            out.push(MeetingDraft {
                meeting: id,
                author: self.user.clone(),
                at: DateTime::from_timestamp_millis(now_ms).unwrap_or_else(|| self.note_now()),
                forms,
            });
        }
        out.sort_by_key(|d| d.meeting);
        out
    }

    fn update_plan(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(p) = self.meeting.as_mut().and_then(|m| m.plan.as_mut()) else {
            return vec![];
        };
        match action {
            MeetingAction::Back => {
                let s = self.st();
                s.plan = None;
                s.view = MeetingView::List;
            }
            MeetingAction::NextField => {
                p.focus = match p.focus {
                    PlanFocus::Date => PlanFocus::Attendees,
                    PlanFocus::Attendees => PlanFocus::Agenda,
                    PlanFocus::Agenda => PlanFocus::Date,
                }
            }
            MeetingAction::Backspace => {
                self.edit_text(Edit::Backspace);
            }
            MeetingAction::Up => p.sel = p.sel.saturating_sub(1),
            MeetingAction::Down => p.sel = (p.sel + 1).min(p.agenda.len().saturating_sub(1)),
            MeetingAction::Remove if p.sel < p.agenda.len() => {
                let urn = p.agenda.remove(p.sel);
                p.removed.push(urn);
                p.sel = p.sel.min(p.agenda.len().saturating_sub(1));
            }
            MeetingAction::AddBack => {
                if let Some(urn) = p.removed.pop() {
                    let at = (p.sel + 1).min(p.agenda.len());
                    p.agenda.insert(at, urn);
                    p.sel = at;
                }
            }
            MeetingAction::MoveUp if p.sel > 0 && p.sel < p.agenda.len() => {
                p.agenda.swap(p.sel, p.sel - 1);
                p.sel -= 1;
            }
            MeetingAction::MoveDown if p.sel + 1 < p.agenda.len() => {
                p.agenda.swap(p.sel, p.sel + 1);
                p.sel += 1;
            }
            MeetingAction::Submit => {
                if p.focus != PlanFocus::Agenda {
                    p.focus = match p.focus {
                        PlanFocus::Date => PlanFocus::Attendees,
                        _ => PlanFocus::Agenda,
                    };
                    return vec![];
                }
                return self.save_plan();
            }
            _ => {}
        }
        vec![]
    }

    fn save_plan(&mut self) -> Vec<Effect> {
        let Some(p) = self.meeting.as_ref().and_then(|m| m.plan.clone()) else {
            return vec![];
        };
        let date = match parse_date(&p.date, self.today) {
            Ok(d) => d,
            Err(e) => {
                self.set_status(e.to_string());
                return vec![];
            }
        };
        if p.agenda.is_empty() {
            self.set_status("The agenda is empty: a adds a school back.".into());
            return vec![];
        }
        let Some(id) = self.new_id() else {
            return vec![];
        };
        let term = self.terms.term_of(date);
        let year = AcademicYear::of(date);
        let meeting = Meeting {
            id,
            date,
            term,
            year,
            title: format!("SQA meeting, {term} term {year}"),
            attendees: p
                .attendees
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            agenda: p
                .agenda
                .iter()
                .map(|&urn| AgendaItem {
                    urn,
                    state: AgendaState::Pending,
                    decision: None,
                })
                .collect(),
            status: MeetingStatus::Planned,
            rev: 0,
        };
        self.st().awaiting = Some(Awaiting::Plan(id));
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Meeting(meeting), "planned".into())],
            done_message: format!(
                "Meeting planned for {} ({} schools): Enter starts it",
                fmt_date(date),
                p.agenda.len()
            ),
        })]
    }

    fn update_run(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(item) = self.current_item().cloned() else {
            if action == MeetingAction::Back {
                self.st().view = MeetingView::List;
            }
            return vec![];
        };
        let urn = item.urn;
        let confirming = self.meeting.as_ref().is_some_and(|m| m.confirm_close);
        if confirming {
            match action {
                MeetingAction::Confirm => {
                    self.st().confirm_close = false;
                    return self.close_meeting();
                }
                MeetingAction::Cancel | MeetingAction::Back => self.st().confirm_close = false,
                _ => {}
            }
            return vec![];
        }
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
            MeetingAction::Category(k) => {
                let k = usize::from(k);
                if k >= 1 && k <= n_cats {
                    let key = self.data.scheme.categories[k - 1].key.clone();
                    self.form(urn).category = Some(key);
                    self.st().editing = Some(RunField::Rationale);
                }
            }
            MeetingAction::Same => {
                let cur = current_decisions(&self.data.decisions)
                    .get(&urn)
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
            MeetingAction::NextSchool | MeetingAction::PrevSchool => {
                let len = self.current_meeting().map_or(0, |m| m.agenda.len());
                let s = self.st();
                if action == MeetingAction::NextSchool {
                    s.pos = (s.pos + 1).min(len.saturating_sub(1));
                } else {
                    s.pos = s.pos.saturating_sub(1);
                }
            }
            MeetingAction::Skip | MeetingAction::Defer => {
                let state = if action == MeetingAction::Skip {
                    AgendaState::Skipped
                } else {
                    AgendaState::Deferred
                };
                return self.set_item_state(state);
            }
            MeetingAction::ToggleAtRisk => {
                let f = self.form(urn);
                f.at_risk = !f.at_risk;
            }
            MeetingAction::Up => {
                let f = self.form(urn);
                f.cursor = f.cursor.saturating_sub(1);
            }
            MeetingAction::Down => {
                let f = self.form(urn);
                f.cursor = (f.cursor + 1).min(FORM_ROWS - 1);
            }
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
                    self.st().confirm_close = true;
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

    /// The form of a school, made on first use from its current decision (ratings, risks and
    /// the at-risk flag carry forward; the category must be chosen).
    fn form(&mut self, urn: Urn) -> &mut DecisionForm {
        let seed = current_decisions(&self.data.decisions)
            .get(&urn)
            .map(|d| DecisionForm {
                ratings: d.ratings.clone(),
                risks: d.risks.clone(),
                at_risk: d.at_risk,
                ..DecisionForm::default()
            })
            .unwrap_or_default();
        self.st().forms.entry(urn).or_insert(seed)
    }

    fn open_for_changes(&mut self) -> Option<Meeting> {
        let m = self.current_meeting()?.clone();
        if m.status == MeetingStatus::Closed {
            self.set_status("This meeting is closed: decisions cannot be changed.".into());
            return None;
        }
        Some(m)
    }

    fn set_item_state(&mut self, state: AgendaState) -> Vec<Effect> {
        let Some(mut m) = self.open_for_changes() else {
            return vec![];
        };
        let pos = self.meeting.as_ref().map_or(0, |s| s.pos);
        let Some(item) = m.agenda.get_mut(pos) else {
            return vec![];
        };
        item.state = state;
        let word = if state == AgendaState::Skipped {
            "skipped"
        } else {
            "deferred"
        };
        let name = self.school_name(item.urn);
        m.status = MeetingStatus::Open;
        self.st().awaiting = Some(Awaiting::Item(m.id, pos));
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Meeting(m), format!("{name} {word}"))],
            done_message: format!("{name} {word}"),
        })]
    }

    fn school_name(&self, urn: Urn) -> String {
        self.data
            .schools
            .iter()
            .find(|s| s.urn == urn)
            .map_or_else(|| format!("URN {urn}"), |s| s.name.clone())
    }

    fn save_decision(&mut self) -> Vec<Effect> {
        let Some(mut m) = self.open_for_changes() else {
            return vec![];
        };
        let pos = self.meeting.as_ref().map_or(0, |s| s.pos);
        let Some(urn) = m.agenda.get(pos).map(|i| i.urn) else {
            return vec![];
        };
        let form = self.form(urn).clone();
        let Some(category) = form.category.clone() else {
            self.set_status("Choose a category first: 1-9 by number, or = for the same".into());
            return vec![];
        };
        let current = current_decisions(&self.data.decisions)
            .get(&urn)
            .map(|d| (d.id, d.category.clone()));
        // A retry (or a second go at the same school) keeps its id and supersedes what came
        // before this meeting's own decision.
        let (supersedes, previous) = match &current {
            Some((id, _)) if Some(*id) == form.decision_id => self
                .data
                .decisions
                .iter()
                .find(|d| d.id == *id)
                .map_or((None, None), |d| (d.supersedes, d.previous.clone())),
            Some((id, cat)) => (Some(*id), Some(cat.clone())),
            None => (None, None),
        };
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
            evidence: vec![],
            ratings: form.ratings.clone(),
            risks: form.risks.clone(),
            at_risk: form.at_risk,
            decided_by: self.user.clone(),
            recorded_at: self.clock.now(),
            supersedes,
            school_informed: None,
            diocese_informed: None,
            shared_regional: None,
            rev: self
                .data
                .decisions
                .iter()
                .find(|d| d.id == id)
                .map_or(0, |d| d.rev),
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
        if let (Change::Raised | Change::New, Some(w)) = (change, weeks) {
            let Some(aid) = self.new_id() else {
                return vec![];
            };
            let owner = self
                .data
                .schools
                .iter()
                .find(|s| s.urn == urn)
                .map_or(self.user.clone(), |s| s.link_officer.clone());
            records.push((
                Record::Activity(Activity {
                    id: aid,
                    urn,
                    kind: ActivityKind::CheckpointReview,
                    title: "First checkpoint review".into(),
                    planned: m.date + Duration::weeks(i64::from(w)),
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

    fn close_meeting(&mut self) -> Vec<Effect> {
        let Some(mut m) = self.open_for_changes() else {
            return vec![];
        };
        m.status = MeetingStatus::Closed;
        let mut data_after = self.data.clone();
        if let Some(slot) = data_after.meetings.iter_mut().find(|x| x.id == m.id) {
            *slot = m.clone();
        }
        let text = minutes::minutes(&data_after, &m);
        let path = minutes_file_name(m.date);
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

    fn update_inform(&mut self, action: MeetingAction) -> Vec<Effect> {
        let Some(m) = self.current_meeting().cloned() else {
            self.st().view = MeetingView::List;
            return vec![];
        };
        let outs: Vec<Decision> = minutes::outcomes(&self.data, &m)
            .into_iter()
            .map(|o| o.decision.clone())
            .collect();
        let sel = self.meeting.as_ref().map_or(0, |s| s.inform_sel);
        match action {
            MeetingAction::Up => self.st().inform_sel = sel.saturating_sub(1),
            MeetingAction::Down => {
                self.st().inform_sel = (sel + 1).min(outs.len().saturating_sub(1))
            }
            MeetingAction::Back => {
                let s = self.st();
                s.view = if m.status == MeetingStatus::Closed {
                    MeetingView::List
                } else {
                    MeetingView::Run
                };
            }
            MeetingAction::InformSchool
            | MeetingAction::InformDiocese
            | MeetingAction::InformRegional => {
                let Some(mut d) = outs.get(sel).cloned() else {
                    return vec![];
                };
                let has_diocese = self
                    .data
                    .schools
                    .iter()
                    .any(|s| s.urn == d.urn && s.diocese.is_some());
                let today = Some(self.today);
                let (slot, what) = match action {
                    MeetingAction::InformSchool => (&mut d.school_informed, "school informed"),
                    MeetingAction::InformDiocese => {
                        if !has_diocese {
                            self.set_status("This school has no diocese.".into());
                            return vec![];
                        }
                        (&mut d.diocese_informed, "diocese informed")
                    }
                    _ => (&mut d.shared_regional, "shared with the regional team"),
                };
                let undo = slot.is_some();
                *slot = if undo { None } else { today };
                let name = self.school_name(d.urn);
                let summary = if undo {
                    format!("{what}: cleared")
                } else {
                    format!("{what} {}", fmt_date(self.today))
                };
                return vec![Effect::Save(SaveRequest {
                    records: vec![(Record::Decision(d), summary.clone())],
                    done_message: format!("{name}: {summary}"),
                })];
            }
            _ => {}
        }
        vec![]
    }

    /// After `App::saved`: move on from a decided, skipped or deferred school; show a planned
    /// meeting in the list.
    pub(super) fn meeting_saved(&mut self, records: &[Record]) {
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
                if let Some(urn) = urn {
                    s.forms.remove(&urn);
                }
                // Everything typed for this meeting is saved: its stored draft is obsolete.
                if s.forms.is_empty() && self.meeting_drafts.done(id) {
                    let key = MeetingDraft {
                        meeting: id,
                        author: self.user.clone(),
                        at: DateTime::<Utc>::default(),
                        forms: vec![],
                    }
                    .key();
                    self.queue(Effect::DeleteFormDraft(key));
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
    pub(super) fn meeting_save_failed(&mut self) {
        if let Some(s) = self.meeting.as_mut()
            && s.awaiting.take().is_some()
        {
            let msg = self.status.clone().unwrap_or_default();
            self.set_status(format!("{msg} Press Enter to try again."));
        }
    }
}
