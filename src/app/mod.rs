//! The application state and its update: `Action` in, state change and `Effect`s out. No
//! terminal, no store, no I/O: the runtime executes the effects and redraws when dirty.

pub mod board;
pub mod caret;
pub mod conflict;
mod context;
mod ctx;
pub mod discarded;
mod effect;
pub mod escalation;
pub mod escalation_draft;
pub mod kept;
mod layer;
mod line_edit;
pub mod meeting;
pub mod note;
mod records;
pub mod save;
mod saved;
pub mod school;
pub mod school_draft;
pub mod school_form;
pub mod timeline;
pub mod tracker;

pub use crate::action::Action;
pub use board::{BoardState, FilterField, Filters, SortKey};
pub use ctx::Ctx;
pub use effect::Effect;
pub use layer::{Layer, Layers, Nav, Question};
pub use meeting::{MeetingAction, MeetingDraft, MeetingState};
pub use note::{NoteAction, NoteForm, NoteUi};
pub use save::{IdSource, Record, SaveFailure, SaveRequest};
pub use school::{SchoolState, Section};
pub use school_form::{BulkOfficer, SchoolForm};

use crate::clock::Clock;
use crate::domain::calendar::TermBoundaries;
use crate::domain::{AuditEntry, Dataset, Note, Urn};
use crate::keymap;
use crate::session::Session;
use chrono::NaiveDate;
use kept::Kept;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::Cell;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Board,
    School,
    Timeline,
    Due,
    ActivityForm,
    CheckpointForm,
    Tracker,
    PlanForm,
    /// A recorded checkpoint review, read-only.
    ReviewView,
    /// The note of visit form (`note_form`).
    Note,
    /// A finalised note, read-only (`note_view`).
    NoteView,
    /// Recently discarded forms of every kind (`discarded`).
    Discarded,
    /// Finding any note by its words (`note.search`).
    NoteSearch,
    Meeting,
    /// Editing the school's details (`school_form`), over the school screen.
    SchoolForm,
    /// Setting the link officer of the schools shown on the board, over the board.
    BulkOfficer,
    /// Adding or editing an escalation step (`escalation`), over the school screen.
    StepForm,
}

pub struct App {
    pub data: std::sync::Arc<Dataset>,
    /// The session's day, fixed when it starts (a meeting does not change day at midnight).
    pub today: NaiveDate,
    pub user: String,
    /// What this officer may save (checked where saves are carried out: src/effects.rs).
    pub role: crate::domain::role::Role,
    /// The session's clock: every time the app records or shows comes from it.
    pub clock: Clock,
    pub terms: TermBoundaries,
    /// Visit types offered in notes of visits (from the configuration).
    pub visit_types: Vec<String>,
    /// Officers offered for completion (from the configuration), beside those in the data.
    pub officers: Vec<String>,
    /// Officers' display names by login (from the configuration).
    pub officer_names: crate::domain::OfficerNames,
    /// When a meeting's decision must give its reasons (from the configuration).
    pub rationale_rule: crate::domain::RationaleRule,
    /// Where closing a meeting writes its minutes; `None`: the current folder.
    pub minutes_dir: Option<std::path::PathBuf>,
    /// How near a planned visit must be to a note of visit's date to be the visit it records
    /// (days either side; config `visit_match_days`).
    pub visit_match_days: u32,
    /// What is open, bottom (the board) to top (`layer`): the way back is the layer below.
    layers: Layers,
    pub board: BoardState,
    /// Set while the school screen is open.
    pub school: Option<SchoolState>,
    /// Notes of visits by school, as loaded.
    pub notes: HashMap<Urn, Vec<Note>>,
    /// Changes to each school's records (newest first), as loaded for the school screen.
    pub audit: HashMap<Urn, Vec<AuditEntry>>,
    /// Effects to hand to the runtime at its next turn (`idle`), from updates that cannot
    /// return them (a save landing).
    pending: Vec<Effect>,
    /// The editing state (caret, undo) of the one-line text field that has the keyboard
    /// (`caret`, `line_edit`).
    line: Option<(caret::TextId, line_edit::LineEdit)>,
    /// Unsaved decision forms of meetings not open now, by meeting (see `MeetingDraft`).
    pub(crate) meeting_drafts: Kept<MeetingDraft>,
    /// Unsaved checkpoint reviews from earlier sessions, by school, until their review opens.
    pub(crate) checkpoint_drafts: Kept<timeline::checkpoint::CheckpointDraft>,
    /// Unsaved activity forms from earlier sessions, by school and activity (`None`: new).
    pub(crate) activity_drafts: Kept<timeline::activity_draft::ActivityDraft>,
    /// The activity form as it was opened (its "unchanged" state), to keep only real typing.
    activity_form_as_opened: Option<timeline::activity_draft::ActivityDraft>,
    /// Unsaved support plans from earlier sessions, by school and year.
    pub(crate) plan_drafts: Kept<timeline::plan::PlanDraft>,
    /// Unsaved escalation steps, by school and step (`None`: new).
    pub(crate) step_drafts: Kept<escalation_draft::StepDraft>,
    /// Unsaved school details, by school.
    pub(crate) school_drafts: Kept<school_draft::SchoolDraft>,
    /// What was discarded in the last `DISCARDED_KEEP_DAYS`, newest first (`discarded`).
    pub discarded: Vec<discarded::Discarded>,
    /// The selected entry of that list.
    pub discarded_sel: usize,
    /// The note of visit form and drafts.
    pub note: NoteUi,
    /// Set while meeting mode is open.
    pub meeting: Option<MeetingState>,
    /// Scroll of the help overlay.
    pub help_scroll: u16,
    /// Furthest the help can scroll, as the view last found it.
    pub help_max: Cell<u16>,
    pub status: Option<String>,
    /// The school details form, while it is open.
    pub school_form: Option<SchoolForm>,
    /// The board's bulk link-officer popup, while it is open.
    pub bulk_officer: Option<BulkOfficer>,
    /// The choices after a save ran into another officer's, while they are open.
    conflict: Option<conflict::Conflict>,
    /// The last save asked for (what a conflict offers to save over theirs).
    last_save: Option<SaveRequest>,
    /// The escalation step form, while it is open.
    pub step_form: Option<escalation::StepForm>,
    /// Timelines, the due list, the activity and checkpoint forms, the actions tracker.
    pub tl: timeline::Screens,
    no_color: bool,
    quit: bool,
    dirty: bool,
    ids: IdSource,
    /// The data's records by school and by id (`records`).
    /// Shared, like the data, by the sessions of a server holding the same copy (`set_data_indexed`).
    index: std::cell::RefCell<std::sync::Arc<crate::domain::index::DataIndex>>,
}

impl App {
    pub fn new(data: impl Into<std::sync::Arc<Dataset>>, session: Session) -> App {
        let data: std::sync::Arc<Dataset> = data.into();
        let Session {
            user,
            clock,
            no_color,
            role,
        } = session;
        let today = clock.today();
        let board = BoardState::new(&data, today);
        // Built once on load, then kept up to date by each save (`saved`).
        let index = std::sync::Arc::new(crate::domain::index::DataIndex::build(&data));
        App {
            data,
            today,
            user,
            role,
            clock,
            terms: TermBoundaries::default(),
            visit_types: crate::config::default_visit_types(),
            officers: vec![],
            officer_names: crate::domain::OfficerNames::default(),
            rationale_rule: crate::domain::RationaleRule::default(),
            minutes_dir: None,
            visit_match_days: crate::domain::schedule::VISIT_MATCH_DAYS,
            layers: Layers::default(),
            board,
            school: None,
            notes: HashMap::new(),
            audit: HashMap::new(),
            pending: vec![],
            line: None,
            meeting_drafts: Kept::default(),
            checkpoint_drafts: Kept::default(),
            plan_drafts: Kept::default(),
            activity_drafts: Kept::default(),
            step_drafts: Kept::default(),
            school_drafts: Kept::default(),
            discarded: vec![],
            discarded_sel: 0,
            activity_form_as_opened: None,
            note: NoteUi::default(),
            meeting: None,
            help_scroll: 0,
            help_max: Cell::new(u16::MAX),
            status: None,
            school_form: None,
            bulk_officer: None,
            conflict: None,
            last_save: None,
            step_form: None,
            tl: timeline::Screens::default(),
            no_color,
            ids: save::counter_ids(1_000_000),
            quit: false,
            dirty: true,
            index: std::cell::RefCell::new(index),
        }
    }

    /// The board of `data`'s schools drawn from their facts (the store's cache) before their
    /// records are loaded: `data` holds the scheme and schools only. For the first frame, and
    /// nothing else: the runtime hands over everything with `set_data` before the first key.
    pub fn with_board_facts(
        data: Dataset,
        facts: &[crate::domain::board::SchoolFacts],
        session: Session,
    ) -> App {
        let board = BoardState::from_facts(&data, facts, session.clock.today());
        let mut app = App::new(Dataset::empty(data.scheme.clone()), session);
        app.data = std::sync::Arc::new(data);
        app.board = board;
        app
    }

    /// Draw without any colour (the `NO_COLOR` convention): bold, reverse and underline only.
    pub fn set_no_color(&mut self, no_color: bool) {
        self.no_color = no_color;
        self.dirty = true;
    }

    pub fn no_color(&self) -> bool {
        self.no_color
    }

    /// The screen on top of the layer stack (under the help, if it is open).
    pub fn screen(&self) -> Screen {
        self.layers.screen()
    }

    /// The question on top, if one is waiting for yes or no.
    pub fn question(&self) -> Option<Question> {
        match self.layers.top() {
            Layer::Confirm(q) => Some(q),
            _ => None,
        }
    }

    /// The help overlay is the top layer.
    pub fn help_open(&self) -> bool {
        self.layers.help_open()
    }

    /// Moves the layer stack: open a screen over this one, leave it, swap it.
    pub(crate) fn nav(&mut self, nav: Nav) {
        self.layers.apply(nav);
        self.dirty = true;
    }

    /// Opens `screen` over the one on top.
    pub(crate) fn push(&mut self, screen: Screen) {
        self.nav(Nav::Push(Layer::Screen(screen)));
    }

    /// Leaves `screen` (for the layer below it).
    pub(crate) fn close(&mut self, screen: Screen) {
        self.layers.close(screen);
        self.dirty = true;
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let query_before = self.note.search.as_ref().map(|s| s.query.clone());
        let mut effects = self.handle_key_in_focus(key);
        self.forget_unfocused_line();
        effects.extend(self.search_as_typed(query_before));
        effects
    }

    fn handle_key_in_focus(&mut self, key: KeyEvent) -> Vec<Effect> {
        let lookup = keymap::lookup(self.context(), key);
        // A terminal sends Alt+x as Esc then x, and so does a slow link that delivers an Esc
        // and the next key typed together: where Alt+x means nothing, it is read as the two
        // keys the user most likely typed (Esc to leave a field, then a command), never as
        // a word motion the user did not ask for.
        if lookup.is_none()
            && let KeyCode::Char(c) = key.code
            && key.modifiers.contains(KeyModifiers::ALT)
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            let mut effects = self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            let mods = key.modifiers - KeyModifiers::ALT;
            effects.extend(self.handle_key(KeyEvent::new(KeyCode::Char(c), mods)));
            return effects;
        }
        let effects = match lookup {
            Some(action) => {
                if self.status.take().is_some() {
                    self.dirty = true;
                }
                self.update(action)
            }
            None => self.unbound_key(key),
        };
        self.remember_save(&effects);
        effects
    }

    /// A key the keymap does not bind in the current context: text for whatever field has the
    /// focus (screens with text fields handle it here), otherwise ignored.
    fn unbound_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.layers.top() == Layer::Conflict {
            if let KeyCode::Char(c) = key.code
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            {
                self.conflict_key(c);
            }
            return vec![];
        }
        // A question is answered by its keys; any other key is a no, never typing lost into
        // the screen below nor a question left waiting.
        // (A question that takes a typed answer, a cancelled review's reason, takes the key.)
        if self
            .question()
            .is_some_and(|q| !matches!(q, Question::CancelReview(_)))
        {
            return self.update(Action::ConfirmNo);
        }
        if let Some(effects) = self.timeline_text_key(key) {
            return effects;
        }
        if self.screen() == Screen::Note {
            return self.note_key(key);
        }
        if self.screen() == Screen::NoteSearch {
            return self.note_search_key(key);
        }
        if self.screen() == Screen::NoteView {
            return self.note_view_key(key);
        }
        if self.screen() == Screen::Meeting {
            return self.meeting_unbound_key(key);
        }
        if matches!(self.screen(), Screen::SchoolForm | Screen::StepForm)
            && let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !c.is_control()
        {
            if let Some(f) = self.school_form.as_mut() {
                f.error = None;
            }
            if let Some(f) = self.step_form.as_mut() {
                f.error = None;
            }
            self.edit_text(caret::Edit::Insert(c));
        }
        vec![]
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.dirty = true;
        if action == Action::Quit {
            self.quit = true;
            return vec![Effect::Quit];
        }
        if self.layers.top() == Layer::Conflict && !matches!(action, Action::Help) {
            return self.update_conflict(action);
        }
        if let Layer::Confirm(Question::CancelReview(id)) = self.layers.top() {
            return self.cancel_reason_key(id, action);
        }
        if let Layer::Confirm(q) = self.layers.top() {
            // Any answer but yes is no: the question goes either way.
            self.nav(Nav::Pop);
            let yes = action == Action::ConfirmYes;
            return match q {
                Question::CancelReview(id) => self.cancel_answered(id, yes),
                Question::CompleteAction(id) => self.complete_answered(id, yes),
            };
        }
        if self.help_open() {
            match action {
                Action::CloseHelp | Action::Help | Action::Back => {
                    self.nav(Nav::Pop);
                    self.help_scroll = 0;
                }
                Action::Down => {
                    self.help_scroll = self.help_scroll.saturating_add(1).min(self.help_max.get())
                }
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                _ => {}
            }
            return vec![];
        }
        if action == Action::Help {
            self.nav(Nav::Push(Layer::Help));
            return vec![];
        }
        // Typing keys shared by the one-line text fields of every form: ← → move the caret on
        // a text field (and choose on a choice field, below).
        let text = self.form_text_has_focus();
        let edit = match action {
            Action::TextEdit(e) => Some(e),
            Action::FormBackspace | Action::SearchBackspace => Some(caret::Edit::Backspace),
            Action::SearchInput(c) if self.screen() == Screen::Board => {
                self.board.searching = true;
                Some(caret::Edit::Insert(c))
            }
            Action::ValueNext if text => Some(caret::Edit::Right),
            Action::ValuePrev if text => Some(caret::Edit::Left),
            _ => None,
        };
        if let Some(e) = edit {
            self.edit_text(e);
            return vec![];
        }
        if let Action::Note(a) = action {
            return self.update_note(a);
        }
        if let Action::Meeting(m) = action {
            return self.update_meeting(m);
        }
        match self.screen() {
            Screen::Board => self.update_board(action),
            Screen::School => self.update_school(action),
            Screen::Timeline
            | Screen::Due
            | Screen::ActivityForm
            | Screen::CheckpointForm
            | Screen::Tracker
            | Screen::PlanForm
            | Screen::ReviewView => self.update_timeline(action),
            Screen::Note | Screen::NoteView => vec![],
            Screen::Meeting | Screen::Discarded | Screen::NoteSearch => vec![],
            Screen::SchoolForm => self.update_school_form(action),
            Screen::BulkOfficer => self.update_bulk_officer(action),
            Screen::StepForm => self.update_step_form(action),
        }
    }

    /// Fresh data after a save elsewhere. Keeps the selected school (by URN) and the open screen.
    /// Takes the data as the store shares it (`Store::load_overview_shared`): every session of
    /// a server holds the same copy until it saves (its own saves apply to a copy of its own,
    /// `apply_saved`), so an added session costs its screens' state, not the authority.
    /// `set_data` with the data's index, shared with the other sessions holding the same copy
    /// (`Store::overview_index`): a server's sessions hold one index between them, as one copy
    /// of the data.
    pub fn set_data_indexed(
        &mut self,
        data: std::sync::Arc<Dataset>,
        index: std::sync::Arc<crate::domain::index::DataIndex>,
    ) {
        self.set_data(data);
        *self.index.get_mut() = index;
    }

    pub fn set_data(&mut self, data: impl Into<std::sync::Arc<Dataset>>) {
        self.data = data.into();
        // Built again when first used: sessions of `sqa serve` reloading after another's
        // commit pay for it only if they show a meeting, a school or a timeline.
        *self.index.get_mut() = std::sync::Arc::default();
        self.board.rebuild(&self.data, self.today);
        self.forget_a_school_gone();
        self.dirty = true;
    }

    /// Back to the board if the school on screen is no longer in the data.
    pub(super) fn forget_a_school_gone(&mut self) {
        if let Some(s) = &self.school
            && !self.data.schools.iter().any(|x| x.urn == s.urn)
        {
            self.school = None;
            self.layers.to_board();
            self.status = Some("The school you were viewing is no longer in the data.".into());
        }
    }

    pub fn set_audit(&mut self, urn: Urn, entries: Vec<AuditEntry>) {
        self.audit.insert(urn, entries);
        self.dirty = true;
    }

    /// Hands an effect to the runtime at its next turn.
    pub(crate) fn queue(&mut self, effect: Effect) {
        self.pending.push(effect);
    }

    /// Effects queued by updates that could not return them.
    pub(crate) fn take_pending(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.pending)
    }

    pub fn set_notes(&mut self, urn: Urn, notes: Vec<Note>) {
        self.notes.insert(urn, notes);
        self.dirty = true;
    }

    pub fn set_status(&mut self, msg: String) {
        self.status = Some(msg);
        self.dirty = true;
    }

    /// Where new record ids come from (the store, in the runtime).
    pub fn set_id_source(&mut self, ids: IdSource) {
        self.ids = ids;
    }

    /// A fresh record id, or `None` (with a status message) if the store could not give one.
    pub fn new_id(&mut self) -> Option<crate::domain::Id> {
        let id = self.ctx().new_id();
        if id.is_none() {
            self.dirty = true;
        }
        id
    }

    /// What a screen's update may use (`Ctx`). Borrows the whole app: a screen's state is
    /// taken out of it for the update, then put back.
    pub(crate) fn ctx(&mut self) -> Ctx<'_> {
        // Fitted now, so that nothing borrows it mutably while the Ctx holds it.
        drop(self.index());
        Ctx::new(
            &self.data,
            self.index.borrow(),
            &self.clock,
            &self.user,
            self.today,
            self.board.selected_urn(),
            &mut self.ids,
            &mut self.status,
        )
    }

    /// A save failed: nothing the user typed is dropped; say what happened.
    pub fn save_failed(&mut self, failure: SaveFailure) {
        self.note_save_failed();
        self.set_status(format!("Not saved: {}", failure.message()));
        self.timeline_save_failed();
        self.meeting_save_failed();
        self.school_form_save_failed();
        self.step_form_save_failed();
        if let SaveFailure::Conflict {
            kind,
            id,
            theirs: Some(theirs),
            ..
        } = failure
        {
            self.open_conflict(&kind, id, *theirs);
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// The school open on the school screen, if any.
    pub fn open_school(&self) -> Option<&crate::domain::School> {
        let urn = self.school.as_ref()?.urn;
        self.school_by_urn(urn)
    }
}
