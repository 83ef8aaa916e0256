//! State of the school screen: which school, which section has the keyboard, how far each
//! section is scrolled.

use super::{Action, App, Effect, Layer, Nav, Screen};
use crate::domain::Urn;
use crate::domain::escalation::steps_of;
use crate::domain::schedule::reviews_newest_first;
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// Details of the school and its current priority with the rationale.
    #[default]
    Details,
    /// Priority decisions over time, with a chart.
    History,
    Activities,
    Notes,
    Actions,
    /// Checkpoint reviews in full, newest first (a selectable list: Enter opens one).
    Reviews,
    /// Who changed this school's records, and when (the audit trail).
    Changes,
    /// Formal escalation steps, newest first (a selectable list: Enter edits one, E adds).
    Escalation,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Details,
        Section::History,
        Section::Activities,
        Section::Notes,
        Section::Actions,
        Section::Reviews,
        Section::Changes,
        Section::Escalation,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Section::Details => "Details",
            Section::History => "Priority history",
            Section::Activities => "Activities",
            Section::Notes => "Notes of visits",
            Section::Actions => "Open actions",
            Section::Reviews => "Checkpoint reviews",
            Section::Changes => "Changes",
            Section::Escalation => "Escalation",
        }
    }
    pub fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
    pub fn step(self, by: isize) -> Section {
        let n = Section::ALL.len() as isize;
        Section::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolState {
    pub urn: Urn,
    pub section: Section,
    /// Scroll offset (lines) of each section, by `Section::index`.
    pub scroll: [u16; 8],
    /// Furthest each section can scroll, as the view last found it (content minus height).
    pub max_scroll: Cell<[u16; 8]>,
    /// The review selected in the Reviews section (newest first).
    pub review: usize,
    /// The line of that review's heading in the section, as the view last drew it (the
    /// section scrolls to it).
    pub review_line: Cell<u16>,
    /// The step selected in the Escalation section (newest first).
    pub step: usize,
}

impl SchoolState {
    pub fn new(urn: Urn) -> SchoolState {
        SchoolState {
            urn,
            section: Section::Details,
            scroll: [0; 8],
            max_scroll: Cell::new([u16::MAX; 8]),
            review: 0,
            review_line: Cell::new(0),
            step: 0,
        }
    }
    pub fn scroll_by(&mut self, by: i32) {
        let i = self.section.index();
        let max = i32::from(self.max_scroll.get()[i]);
        let s = &mut self.scroll[i];
        *s = (i32::from(*s) + by).clamp(0, max.max(0)) as u16;
    }
    pub fn scroll_home(&mut self) {
        self.scroll[self.section.index()] = 0;
    }
    /// The scroll of a section, within what the view last allowed.
    pub fn scroll_of(&self, section: Section) -> u16 {
        let i = section.index();
        self.scroll[i].min(self.max_scroll.get()[i])
    }
    /// Called by the view: how far a section can scroll now.
    pub fn set_max_scroll(&self, section: Section, max: u16) {
        let mut m = self.max_scroll.get();
        m[section.index()] = max;
        self.max_scroll.set(m);
    }
}

impl SchoolState {
    /// Moving between the sections of the school screen and scrolling them; Esc leaves.
    /// `reviews`, `steps`: how many checkpoint reviews and escalation steps the school has
    /// (the Reviews and Escalation sections' lists).
    pub fn update(&mut self, action: Action, reviews: usize, steps: usize) -> (Vec<Effect>, Nav) {
        match action {
            Action::Back | Action::SearchCancel => return (vec![], Nav::Pop),
            // The Reviews section is a list: ↑↓ select a review (the view scrolls to it).
            Action::Up if self.section == Section::Reviews => {
                self.review = self.review.saturating_sub(1)
            }
            Action::Down if self.section == Section::Reviews => {
                self.review = (self.review + 1).min(reviews.saturating_sub(1))
            }
            Action::Up if self.section == Section::Escalation => {
                self.step = self.step.saturating_sub(1)
            }
            Action::Down if self.section == Section::Escalation => {
                self.step = (self.step + 1).min(steps.saturating_sub(1))
            }
            Action::NextSection => self.section = self.section.step(1),
            Action::PrevSection => self.section = self.section.step(-1),
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-10),
            Action::PageDown => self.scroll_by(10),
            Action::Home => self.scroll_home(),
            Action::End => self.scroll_by(i32::from(u16::MAX)),
            _ => {}
        }
        (vec![], Nav::Stay)
    }
}

impl App {
    /// The school screen's keys: the next or previous school and opening its timeline or a
    /// review are the app's business; the rest is the screen's own (`SchoolState::update`).
    pub(super) fn update_school(&mut self, action: Action) -> Vec<Effect> {
        let Some(urn) = self.school.as_ref().map(|s| s.urn) else {
            self.close(Screen::School);
            return vec![];
        };
        match action {
            Action::NextSchool | Action::PrevSchool => {
                let by = if action == Action::NextSchool { 1 } else { -1 };
                let before = self.board.selected;
                self.board.move_by(by);
                if self.board.selected != before {
                    // In place of this school: Esc still goes where it went.
                    return self.show_selected(Nav::Replace(Layer::Screen(Screen::School)));
                }
                vec![]
            }
            Action::OpenTimeline | Action::OpenReview => self.open_from_school(urn, action),
            Action::EditDetails => {
                self.open_school_form(urn);
                vec![]
            }
            Action::AddStep => {
                self.open_step_form(urn, None);
                vec![]
            }
            Action::Open
                if self.school.as_ref().map(|s| s.section) == Some(Section::Escalation) =>
            {
                match self.selected_step(urn) {
                    Some(s) => self.open_step_form(urn, Some(s)),
                    None => self.set_status("No escalation step recorded: E adds one.".into()),
                }
                vec![]
            }
            Action::Open => {
                let sel = self.school.as_ref().map_or(0, |s| s.review);
                match reviews_newest_first(self.checkpoints_of(urn), urn).get(sel) {
                    Some(r) => {
                        let id = r.id;
                        self.open_review_view(id);
                    }
                    None => {
                        self.set_status("No checkpoint review recorded yet: r records one.".into())
                    }
                }
                vec![]
            }
            _ => {
                let Some(mut s) = self.school.take() else {
                    return vec![];
                };
                let reviews = self.checkpoints_of(urn).len();
                let steps = steps_of(&self.data.escalations, urn).len();
                let (effects, nav) = s.update(action, reviews, steps);
                // Leaving the screen drops its state.
                if nav == Nav::Pop {
                    self.close(Screen::School);
                } else {
                    self.school = Some(s);
                    self.nav(nav);
                }
                effects
            }
        }
    }
}
