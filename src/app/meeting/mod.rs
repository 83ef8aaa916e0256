//! Meeting mode: plan an SQA meeting, run it school by school (evidence beside the decision
//! form), close it (minutes) and follow up (who has been informed). State and update only.

use super::caret::Edit;
use super::{App, Effect, Record, SaveRequest, Screen};
pub use crate::action::MeetingAction;
use crate::domain::calendar::{AcademicYear, fmt_date, parse_date};
use crate::domain::list::List;
use crate::domain::minutes;
use crate::domain::{
    Action as ActionRecord, ActionSource, ActionStatus, Activity, ActivityKind, ActivityStatus,
    AgendaItem, AgendaState, Area, Change, Decision, Id, Meeting, MeetingStatus, Rating,
    RiskFactor, Urn,
};
use crate::keymap::Context;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

mod decision;
mod draft_schema;
mod drafts;
mod evidence;
mod inform;
mod list;
mod plan;
mod prompt;
mod run;

pub use draft_schema::{DecisionDraft, migrate_meeting_draft};
pub use prompt::{Prompt, PromptKind, Told};

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
    /// A line of evidence considered, added to the list.
    Evidence,
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
    /// Form cursor over the six ratings, the six risk factors, then the evidence lines.
    pub cursor: usize,
    /// The id given to the decision on the first attempt to save it (kept for a retry).
    pub decision_id: Option<Id>,
    /// The evidence considered, once the form's list has been touched; until then the list
    /// offered is what the evidence panel shows (`App::form_evidence`), so notes still
    /// loading when the form was made are not missed.
    pub evidence: Option<Vec<EvidenceLine>>,
    /// The evidence line being typed (`e`).
    pub evidence_line: String,
}

/// One line of the evidence considered; `on: false` is offered but left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceLine {
    pub text: String,
    pub on: bool,
}

/// Schema of `MeetingDraft` in the store's form drafts. v2 added the evidence list; v3 keeps
/// each form as a `DecisionDraft` (what was typed and chosen, not the form's cursor)
/// (`draft_schema::migrate_meeting_draft` reads v1 and v2).
pub const MEETING_DRAFT_SCHEMA: u16 = 3;
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
    pub forms: Vec<(Urn, DecisionDraft)>,
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
    pub inform_sel: usize,
    /// A one-line question over the view (a word to confirm, a school, a date).
    pub prompt: Option<Prompt>,
    /// How far the evidence panel is scrolled, and at which agenda position (another school
    /// starts at the top).
    pub ev_scroll: (usize, u16),
    awaiting: Option<Awaiting>,
    /// Schools whose notes of visits have been asked for (loaded as each is shown).
    notes_asked: HashSet<Urn>,
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
            inform_sel: 0,
            prompt: None,
            ev_scroll: (0, 0),
            awaiting: None,
            notes_asked: HashSet::new(),
        }
    }
}

/// Meetings newest first (the list's order).
pub fn meetings_newest_first(meetings: &List<Meeting>) -> Vec<&Meeting> {
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

/// Rows under the form cursor before the evidence lines: six ratings then six risk factors.
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
        if m.prompt.is_some() {
            return Context::MeetingConfirm;
        }
        match m.view {
            MeetingView::List => Context::MeetingList,
            MeetingView::Inform => Context::MeetingInform,
            MeetingView::Plan => match m.plan.as_ref().map(|p| p.focus) {
                Some(PlanFocus::Agenda) | None => Context::MeetingPlan,
                Some(_) => Context::MeetingText,
            },
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
        if c.is_control()
            || !matches!(
                self.meeting_context(),
                Context::MeetingText | Context::MeetingConfirm
            )
        {
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
        if m.prompt.is_some() {
            return Some(super::caret::TextId(Screen::Meeting, 5));
        }
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
                    RunField::Evidence => 4,
                };
                field | (m.pos as u64) << 8
            }
            _ => return None,
        };
        Some(super::caret::TextId(Screen::Meeting, n))
    }

    /// The meeting text field that has the keyboard (see `meeting_text_id`).
    pub(super) fn meeting_text(&mut self) -> Option<&mut String> {
        let run_field = self
            .meeting
            .as_ref()
            .filter(|m| m.prompt.is_none() && m.view == MeetingView::Run)
            .and_then(|m| m.editing);
        if let Some(field) = run_field {
            let urn = self.current_item()?.urn;
            // The school's form as it starts (ratings, risks and flag carried forward, or its
            // decision at this meeting): typing an action or a rationale first must not start
            // it blank.
            let f = self.form(urn);
            return Some(match field {
                RunField::Rationale => &mut f.rationale,
                RunField::Action => &mut f.action_line,
                RunField::Evidence => &mut f.evidence_line,
            });
        }
        let m = self.meeting.as_mut()?;
        if let Some(p) = m.prompt.as_mut() {
            return Some(&mut p.text);
        }
        match m.view {
            MeetingView::Plan => {
                let p = m.plan.as_mut()?;
                match p.focus {
                    PlanFocus::Date => Some(&mut p.date),
                    PlanFocus::Attendees => Some(&mut p.attendees),
                    PlanFocus::Agenda => None,
                }
            }
            _ => None,
        }
    }

    pub(super) fn update_meeting(&mut self, action: MeetingAction) -> Vec<Effect> {
        self.dirty = true;
        if action == MeetingAction::OpenList {
            if self.screen() != Screen::Board {
                return vec![];
            }
            self.push(Screen::Meeting);
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
        if self.screen() != Screen::Meeting || self.meeting.is_none() {
            return vec![];
        }
        if self.meeting.as_ref().is_some_and(|m| m.prompt.is_some()) {
            return self.update_prompt(action);
        }
        let view = self.meeting.as_ref().map_or(MeetingView::List, |m| m.view);
        let mut effects = match view {
            MeetingView::List => self.update_list(action),
            MeetingView::Plan => self.update_plan(action),
            MeetingView::Run => self.update_run(action),
            MeetingView::Inform => self.update_inform(action),
        };
        effects.extend(self.shown_notes_wanted());
        effects
    }

    /// The notes of visits of the school on the run view, and of the next one still to decide
    /// (where a save moves on to), if they are not loaded nor asked for yet: notes load as the
    /// schools come up, not the whole agenda's at the start.
    pub(in crate::app) fn shown_notes_wanted(&mut self) -> Vec<Effect> {
        let Some(st) = self.meeting.as_ref() else {
            return vec![];
        };
        if self.screen() != Screen::Meeting || st.view != MeetingView::Run {
            return vec![];
        }
        let pos = st.pos;
        let agenda = self.current_meeting().map(|m| &m.agenda[..]).unwrap_or(&[]);
        let mut urns: Vec<Urn> = agenda.get(pos).map(|i| i.urn).into_iter().collect();
        urns.extend(
            self.next_undecided(pos)
                .and_then(|i| agenda.get(i))
                .map(|i| i.urn),
        );
        urns.retain(|u| !self.notes.contains_key(u));
        let st = self.st();
        urns.into_iter()
            .filter(|u| st.notes_asked.insert(*u))
            .map(Effect::LoadNotes)
            .collect()
    }

    fn st(&mut self) -> &mut MeetingState {
        self.meeting.get_or_insert_with(MeetingState::new)
    }
}
