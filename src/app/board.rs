//! State of the board screen: which schools are shown (search, filters), in what order, and which
//! one is selected.

use super::{Action, App, Ctx, Effect, Layer, Nav, SchoolState, Screen};
use crate::domain::board::{BoardInput, BoardRow, SchoolFacts, board_rows, rows_from_facts};
use crate::domain::text::clean_line;
use crate::domain::{Dataset, Phase, SchoolType, Urn};
use chrono::NaiveDate;
use std::cell::Cell;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Most support first, then name.
    #[default]
    Priority,
    Name,
    /// Soonest (or most overdue) first; none last.
    NextCheckpoint,
    /// Longest since a visit first; never visited first of all.
    LastVisit,
    /// Most open actions first (overdue ones break ties).
    OpenActions,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Priority,
        SortKey::Name,
        SortKey::NextCheckpoint,
        SortKey::LastVisit,
        SortKey::OpenActions,
    ];
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Priority => "priority",
            SortKey::Name => "name",
            SortKey::NextCheckpoint => "next checkpoint",
            SortKey::LastVisit => "last visit",
            SortKey::OpenActions => "open actions",
        }
    }
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// The dimensions the board can be filtered on, in the order of the filter popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FilterField {
    #[default]
    Priority,
    Phase,
    Type,
    Officer,
}

impl FilterField {
    pub const ALL: [FilterField; 4] = [
        FilterField::Priority,
        FilterField::Phase,
        FilterField::Type,
        FilterField::Officer,
    ];
    pub fn name(self) -> &'static str {
        match self {
            FilterField::Priority => "Priority",
            FilterField::Phase => "Phase",
            FilterField::Type => "Type",
            FilterField::Officer => "Link officer",
        }
    }
    fn step(self, by: isize) -> FilterField {
        let n = FilterField::ALL.len() as isize;
        let i = FilterField::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or(0) as isize;
        FilterField::ALL[(i + by).rem_euclid(n) as usize]
    }
}

/// Key used in a priority filter for schools with no decision yet.
pub const NO_DECISION: &str = "none";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// A category key, or `NO_DECISION`.
    pub priority: Option<String>,
    pub phase: Option<Phase>,
    pub school_type: Option<SchoolType>,
    pub officer: Option<String>,
}

impl Filters {
    pub fn is_active(&self) -> bool {
        *self != Filters::default()
    }
}

/// Cycles `None → first → … → last → None` (or backwards).
fn cycle<T: PartialEq + Clone>(cur: &Option<T>, opts: &[T], dir: isize) -> Option<T> {
    if opts.is_empty() {
        return None;
    }
    let n = opts.len() as isize + 1; // slot 0 is "all"
    let i = match cur {
        None => 0,
        Some(v) => opts
            .iter()
            .position(|o| o == v)
            .map_or(0, |p| p as isize + 1),
    };
    let j = (i + dir).rem_euclid(n);
    if j == 0 {
        None
    } else {
        opts.get(j as usize - 1).cloned()
    }
}

#[derive(Debug, Default)]
pub struct BoardState {
    /// One row per school, in the order of `Dataset::schools`.
    pub rows: Vec<BoardRow>,
    /// Lower-cased, cleaned names for search.
    keys: Vec<String>,
    /// Indices into `rows` of the schools shown, in display order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First visible row drawn; kept by the view as it scrolls.
    pub offset: Cell<usize>,
    /// Rows the table showed last time it was drawn (the page for PgUp/PgDn).
    pub page: Cell<usize>,
    pub sort: SortKey,
    pub search: String,
    /// The search line has the keyboard.
    pub searching: bool,
    pub filters: Filters,
    /// The field selected in the filter popup (a layer over the board: `Layer::Filter`).
    pub filter_field: FilterField,
}

impl BoardState {
    pub fn new(data: &Dataset, today: NaiveDate) -> BoardState {
        let mut s = BoardState {
            page: Cell::new(10),
            ..BoardState::default()
        };
        s.rebuild(data, today);
        s
    }

    /// The board of `data`'s schools from their facts (see `domain::board::SchoolFacts`) rather
    /// than their records, which `data` need not hold.
    pub fn from_facts(data: &Dataset, facts: &[SchoolFacts], today: NaiveDate) -> BoardState {
        let mut s = BoardState {
            page: Cell::new(10),
            ..BoardState::default()
        };
        s.set_rows(
            rows_from_facts(&data.scheme, &data.schools, facts, today),
            data,
        );
        s
    }

    /// Recomputes the rows from fresh data, keeping the selected school.
    pub fn rebuild(&mut self, data: &Dataset, today: NaiveDate) {
        let input = BoardInput::of(data);
        self.set_rows(board_rows(&input, today), data);
    }

    /// Replaces the rows at these positions (recomputed after a save), keeping the selected
    /// school: each is taken out of the shown rows and put back where search, filters and
    /// sort place it (the same order `refresh` gives, without sorting every school again).
    pub fn replace_rows(&mut self, rows: Vec<(usize, BoardRow)>, data: &Dataset) {
        if rows.is_empty() {
            return;
        }
        let keep = self.selected_urn();
        let q = self.search.trim().to_lowercase();
        for (i, row) in rows {
            if i >= self.rows.len() || i >= self.keys.len() {
                continue;
            }
            self.visible.retain(|&j| j != i);
            self.keys[i] = clean_line(&row.name).to_lowercase();
            self.rows[i] = row;
            if self.shows(data, i, &q) {
                let at = self
                    .visible
                    .partition_point(|&j| self.order(j, i) == Ordering::Less);
                self.visible.insert(at, i);
            }
        }
        self.select(keep);
    }

    fn set_rows(&mut self, rows: Vec<BoardRow>, data: &Dataset) {
        let keep = self.selected_urn();
        self.rows = rows;
        self.keys = self
            .rows
            .iter()
            .map(|r| clean_line(&r.name).to_lowercase())
            .collect();
        self.refresh(data, keep);
    }

    pub fn selected_urn(&self) -> Option<Urn> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.rows.get(i))
            .map(|r| r.urn)
    }

    /// The selected row's index into `rows` (and `Dataset::schools`).
    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Re-applies search, filters and sort; selects `keep` if it is still shown, else stays near.
    pub fn refresh(&mut self, data: &Dataset, keep: Option<Urn>) {
        let q = self.search.trim().to_lowercase();
        let mut vis: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.shows(data, i, &q))
            .collect();
        vis.sort_by(|&a, &b| self.order(a, b));
        self.visible = vis;
        self.select(keep);
    }

    /// The board's order of rows `a` and `b`: by the sort key, then name, then URN.
    fn order(&self, a: usize, b: usize) -> Ordering {
        let (ra, rb) = (&self.rows[a], &self.rows[b]);
        let primary = match self.sort {
            SortKey::Priority => ra.rank.cmp(&rb.rank),
            SortKey::Name => Ordering::Equal,
            SortKey::NextCheckpoint => none_last(ra.next_checkpoint, rb.next_checkpoint),
            SortKey::LastVisit => ra.last_visit.cmp(&rb.last_visit),
            SortKey::OpenActions => {
                (rb.open_actions, rb.overdue_actions).cmp(&(ra.open_actions, ra.overdue_actions))
            }
        };
        primary
            .then_with(|| self.keys[a].cmp(&self.keys[b]))
            .then(ra.urn.cmp(&rb.urn))
    }

    /// Selects `keep` if it is shown, else stays near.
    fn select(&mut self, keep: Option<Urn>) {
        match keep.and_then(|u| self.visible.iter().position(|&i| self.rows[i].urn == u)) {
            Some(p) => self.selected = p,
            None => self.selected = self.selected.min(self.visible.len().saturating_sub(1)),
        }
    }

    fn shows(&self, data: &Dataset, i: usize, q: &str) -> bool {
        let row = &self.rows[i];
        let Some(school) = data.schools.get(i) else {
            return false;
        };
        let f = &self.filters;
        if let Some(p) = &f.priority {
            let cat = row.category.as_deref().unwrap_or(NO_DECISION);
            if cat != p {
                return false;
            }
        }
        if f.phase.is_some_and(|p| p != school.phase) {
            return false;
        }
        if f.school_type.is_some_and(|t| t != school.school_type) {
            return false;
        }
        if let Some(o) = &f.officer
            && clean_line(&school.link_officer) != *o
        {
            return false;
        }
        q.is_empty() || self.keys[i].contains(q) || row.urn.to_string().contains(q)
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.visible.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    pub fn page_size(&self) -> isize {
        self.page.get().max(1) as isize
    }

    pub fn home(&mut self) {
        self.selected = 0;
    }

    pub fn end(&mut self) {
        self.selected = self.visible.len().saturating_sub(1);
    }

    /// The values a filter can take in this data, in display order (as keys for `set_filter`).
    pub fn filter_options(&self, data: &Dataset, field: FilterField) -> Vec<String> {
        match field {
            FilterField::Priority => {
                let mut v: Vec<String> = data
                    .scheme
                    .categories
                    .iter()
                    .map(|c| c.key.clone())
                    .collect();
                if self.rows.iter().any(|r| r.category.is_none()) {
                    v.push(NO_DECISION.into());
                }
                v
            }
            FilterField::Phase => Phase::ALL
                .iter()
                .filter(|p| data.schools.iter().any(|s| s.phase == **p))
                .map(|p| p.name().to_string())
                .collect(),
            FilterField::Type => SchoolType::ALL
                .iter()
                .filter(|t| data.schools.iter().any(|s| s.school_type == **t))
                .map(|t| t.name().to_string())
                .collect(),
            FilterField::Officer => {
                let mut v: Vec<String> = data
                    .schools
                    .iter()
                    .map(|s| clean_line(&s.link_officer))
                    .collect();
                v.sort();
                v.dedup();
                v
            }
        }
    }

    /// The current value of a filter as its option key, `None` for "all".
    pub fn filter_value(&self, field: FilterField) -> Option<String> {
        match field {
            FilterField::Priority => self.filters.priority.clone(),
            FilterField::Phase => self.filters.phase.map(|p| p.name().to_string()),
            FilterField::Type => self.filters.school_type.map(|t| t.name().to_string()),
            FilterField::Officer => self.filters.officer.clone(),
        }
    }

    /// Steps a filter through its values (`None` = all) and re-applies.
    pub fn cycle_filter(&mut self, data: &Dataset, field: FilterField, dir: isize) {
        let opts = self.filter_options(data, field);
        let next = cycle(&self.filter_value(field), &opts, dir);
        match field {
            FilterField::Priority => self.filters.priority = next,
            FilterField::Phase => {
                self.filters.phase =
                    next.and_then(|n| Phase::ALL.into_iter().find(|p| p.name() == n))
            }
            FilterField::Type => {
                self.filters.school_type =
                    next.and_then(|n| SchoolType::ALL.into_iter().find(|t| t.name() == n))
            }
            FilterField::Officer => self.filters.officer = next,
        }
        let keep = self.selected_urn();
        self.refresh(data, keep);
    }

    pub fn step_filter_field(&mut self, by: isize) {
        self.filter_field = self.filter_field.step(by);
    }
}

fn none_last(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

// The board's update: what its keys do to `BoardState`, and opening the selected school.
impl App {
    /// The board's keys: opening other screens is the app's business; the rest is the board's
    /// own (`BoardState::update`).
    pub(super) fn update_board(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Open => self.open_selected(),
            Action::BulkOfficer => {
                self.open_bulk_officer();
                vec![]
            }
            Action::OpenTimeline | Action::OpenDue | Action::OpenTracker => {
                self.open_from_board(action)
            }
            Action::FilterClose | Action::Back => {
                if self.layers.top() == Layer::Filter {
                    self.nav(Nav::Pop);
                }
                vec![]
            }
            _ => {
                // Taken out for the update (a move, not a copy), so `Ctx` can borrow the rest.
                let mut b = std::mem::take(&mut self.board);
                let (effects, nav) = b.update(action, &mut self.ctx());
                self.board = b;
                self.nav(nav);
                effects
            }
        }
    }

    pub(super) fn open_selected(&mut self) -> Vec<Effect> {
        self.show_selected(Nav::Push(Layer::Screen(Screen::School)))
    }

    /// Shows the school selected on the board, moving the stack by `nav` (over the board, or
    /// in place of the school on screen).
    pub(super) fn show_selected(&mut self, nav: Nav) -> Vec<Effect> {
        let Some(urn) = self.board.selected_urn() else {
            self.set_status("No school selected: clear the search or filters (x).".into());
            return vec![];
        };
        self.board.searching = false;
        self.nav(nav);
        self.school = Some(SchoolState::new(urn));
        vec![Effect::LoadNotes(urn), Effect::LoadAudit(urn)]
    }
}

impl BoardState {
    /// Moving, searching, sorting and filtering the board.
    pub fn update(&mut self, action: Action, ctx: &mut Ctx) -> (Vec<Effect>, Nav) {
        let b = self;
        let data = ctx.data;
        match action {
            Action::Up => b.move_by(-1),
            Action::Down => b.move_by(1),
            Action::PageUp => b.move_by(-b.page_size()),
            Action::PageDown => b.move_by(b.page_size()),
            Action::Home => b.home(),
            Action::End => b.end(),
            Action::SearchStart => b.searching = true,
            Action::SearchAccept => {
                b.searching = false;
                if b.search.trim().is_empty() {
                    b.search.clear();
                }
            }
            Action::SearchCancel => {
                b.searching = false;
                if !b.search.is_empty() {
                    b.search.clear();
                    let keep = b.selected_urn();
                    b.refresh(data, keep);
                }
            }
            Action::CycleSort => {
                b.sort = b.sort.next();
                let keep = b.selected_urn();
                b.refresh(data, keep);
            }
            Action::FilterOpen => {
                b.searching = false;
                b.filter_field = FilterField::default();
                return (vec![], Nav::Push(Layer::Filter));
            }
            Action::FilterFieldNext => b.step_filter_field(1),
            Action::FilterFieldPrev => b.step_filter_field(-1),
            Action::FilterValueNext | Action::FilterValuePrev => {
                let dir = if action == Action::FilterValueNext {
                    1
                } else {
                    -1
                };
                let field = b.filter_field;
                b.cycle_filter(data, field, dir);
            }
            Action::ClearFilters => {
                b.filters = Filters::default();
                b.search.clear();
                b.searching = false;
                let keep = b.selected_urn();
                b.refresh(data, keep);
            }
            _ => {}
        }
        (vec![], Nav::Stay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn cycle_goes_round_through_all() {
        let o = vec![1, 2];
        assert_eq!(cycle(&None, &o, 1), Some(1));
        assert_eq!(cycle(&Some(1), &o, 1), Some(2));
        assert_eq!(cycle(&Some(2), &o, 1), None);
        assert_eq!(cycle(&None, &o, -1), Some(2));
        assert_eq!(cycle(&Some(9), &o, 1), Some(1));
        assert_eq!(cycle::<i32>(&None, &[], 1), None);
    }
}
