//! Unsaved forms kept in the store (a meeting's decision forms, a checkpoint review, a support
//! plan, an activity, an escalation step, a school's details): one life cycle for every kind (`KeptForm`). A form is kept while it is
//! typed, with the note's bound (`KEEP_AFTER_PAUSE_MS` after a pause, every
//! `KEEP_WHILE_TYPING_MS` of steady typing, every `KEEP_EVERY_EDITS` changes), and again when
//! the session ends; a kept form is read back at start-up (the officer's own only: the key
//! names its author), put back when its form opens, and removed once the form is saved; a
//! form given up with typing in it moves to "Recently discarded" (`discarded`).

use super::note::{KEEP_AFTER_PAUSE_MS, KEEP_EVERY_EDITS, KEEP_WHILE_TYPING_MS};
use super::{App, Effect};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::fmt::Debug;
use std::hash::Hash;

/// What is kept of one kind of form: a small draft type with its own schema, its key among the
/// store's form drafts, and where the app holds the kind's kept copies.
pub trait KeptForm: Clone + PartialEq + Debug + Serialize + DeserializeOwned + Sized {
    /// What the draft is for (a meeting; a school; a school and an activity…).
    type Which: Hash + Eq + Copy + Debug;
    /// Key prefix of this kind among the store's form drafts ("checkpoint/").
    const PREFIX: &'static str;
    /// Schema of the draft type in the store.
    const SCHEMA: u16;
    /// Reads on into "Could not read…", "Restored … typed by": "the unsaved activity".
    const WHAT: &'static str;
    /// The kind in the Recently discarded list ("activity"; at most 10 characters).
    const KIND: &'static str;
    /// How its form is opened again, said when a discarded one is put back.
    const REOPEN: &'static str;

    fn which(&self) -> Self::Which;
    /// How this draft's form is opened again (`REOPEN` unless the kind has several forms).
    fn reopen(&self) -> &'static str {
        Self::REOPEN
    }
    fn author(&self) -> &str;
    fn at(&self) -> DateTime<Utc>;
    fn set_at(&mut self, at: DateTime<Utc>);
    /// Where an officer's draft for `which` lives: per officer, so that one never sees or
    /// overwrites another's.
    fn key_of(which: Self::Which, author: &str) -> String;
    fn key(&self) -> String {
        Self::key_of(self.which(), self.author())
    }
    /// Reads a draft kept under an older schema.
    fn migrate(schema: u16, body: &[u8]) -> Result<Self, String> {
        crate::store::envelope::no_migration(schema, body)
    }
    /// As an effect's payload.
    fn wrap(self) -> FormDraft;
    /// The school it is for (`None`: a meeting's forms, of several schools).
    fn urn(&self) -> Option<crate::domain::Urn>;
    /// How what was typed begins, then which form it is, on one line (Recently discarded).
    fn summary(&self) -> String;

    /// The app's kept copies of this kind.
    fn slot(app: &App) -> &Kept<Self>;
    fn slot_mut(app: &mut App) -> &mut Kept<Self>;
    /// The form of this kind open now, as its draft made at `now_ms`, if it holds typing that
    /// is not saved (nothing while a save of it is in flight).
    fn open(app: &App, now_ms: i64) -> Option<Self>;
}

/// The parts of a `KeptForm` impl that every kind has alike: its `author` and `at` fields, and
/// the `App` field its kind's kept copies are in.
macro_rules! kept_form_fields {
    ($slot:ident) => {
        fn author(&self) -> &str {
            &self.author
        }
        fn at(&self) -> chrono::DateTime<chrono::Utc> {
            self.at
        }
        fn set_at(&mut self, at: chrono::DateTime<chrono::Utc>) {
            self.at = at;
        }
        fn slot(app: &crate::app::App) -> &crate::app::kept::Kept<Self> {
            &app.$slot
        }
        fn slot_mut(app: &mut crate::app::App) -> &mut crate::app::kept::Kept<Self> {
            &mut app.$slot
        }
    };
}
pub(crate) use kept_form_fields;

/// A kept form of any kind, to be written to the store (`Effect::KeepForm`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormDraft {
    Meeting(super::MeetingDraft),
    Checkpoint(super::timeline::checkpoint::CheckpointDraft),
    Plan(super::timeline::plan::PlanDraft),
    Activity(super::timeline::activity_draft::ActivityDraft),
    Step(super::escalation_draft::StepDraft),
    School(super::school_draft::SchoolDraft),
}

/// `$e` with `$d` bound to the draft inside a `FormDraft`, whatever its kind.
macro_rules! on_draft {
    ($fd:expr, $d:ident => $e:expr) => {
        match $fd {
            $crate::app::kept::FormDraft::Meeting($d) => $e,
            $crate::app::kept::FormDraft::Checkpoint($d) => $e,
            $crate::app::kept::FormDraft::Plan($d) => $e,
            $crate::app::kept::FormDraft::Activity($d) => $e,
            $crate::app::kept::FormDraft::Step($d) => $e,
            $crate::app::kept::FormDraft::School($d) => $e,
        }
    };
}
pub(crate) use on_draft;

/// Calls the generic `$f::<D>(args)` for every kind `D` of kept form.
macro_rules! for_each_kept {
    ($f:ident ( $($arg:expr),* )) => {{
        $f::<$crate::app::MeetingDraft>($($arg),*);
        $f::<$crate::app::timeline::checkpoint::CheckpointDraft>($($arg),*);
        $f::<$crate::app::timeline::plan::PlanDraft>($($arg),*);
        $f::<$crate::app::timeline::activity_draft::ActivityDraft>($($arg),*);
        $f::<$crate::app::escalation_draft::StepDraft>($($arg),*);
        $f::<$crate::app::school_draft::SchoolDraft>($($arg),*);
    }};
}
pub(crate) use for_each_kept;

impl FormDraft {
    pub fn key(&self) -> String {
        on_draft!(self, d => d.key())
    }

    /// Reads on into "Could not keep": "the unsaved activity".
    pub fn what(&self) -> &'static str {
        fn what<D: KeptForm>(_: &D) -> &'static str {
            D::WHAT
        }
        on_draft!(self, d => what(d))
    }

    /// Its kind in the Recently discarded list.
    pub fn kind(&self) -> &'static str {
        fn kind<D: KeptForm>(_: &D) -> &'static str {
            D::KIND
        }
        on_draft!(self, d => kind(d))
    }

    pub fn author(&self) -> &str {
        on_draft!(self, d => d.author())
    }

    pub fn urn(&self) -> Option<crate::domain::Urn> {
        on_draft!(self, d => d.urn())
    }

    pub fn summary(&self) -> String {
        on_draft!(self, d => d.summary())
    }
}

/// Kept forms of one kind, by what they are for, and the bounded keeping of the open one.
#[derive(Debug)]
pub struct Kept<D: KeptForm> {
    waiting: HashMap<D::Which, D>,
    stored: HashSet<D::Which>,
    pace: Pace<D>,
}

impl<D: KeptForm> Default for Kept<D> {
    fn default() -> Self {
        Kept {
            waiting: HashMap::new(),
            stored: HashSet::new(),
            pace: Pace::default(),
        }
    }
}

impl<D: KeptForm> Kept<D> {
    /// Forms read from the store, already filtered to the session's user.
    pub fn load(&mut self, found: impl IntoIterator<Item = D>) {
        for d in found {
            self.stored.insert(d.which());
            self.waiting.insert(d.which(), d);
        }
    }

    /// Kept now, and being written to the store by the caller.
    pub fn stash(&mut self, d: D) {
        self.stored.insert(d.which());
        self.waiting.insert(d.which(), d);
    }

    /// The form for `k`, to put back into its screen (its stored copy stays until `done`).
    pub fn take(&mut self, k: D::Which) -> Option<D> {
        self.waiting.remove(&k)
    }

    /// A form taken that did not fit after all: keep waiting.
    pub fn put_back(&mut self, d: D) {
        self.waiting.insert(d.which(), d);
    }

    /// The form for `k` was saved or given up. True when a copy in the store must go.
    pub fn done(&mut self, k: D::Which) -> bool {
        self.waiting.remove(&k);
        if self.pace.kept.as_ref().is_some_and(|d| d.which() == k) {
            self.pace = Pace::default();
        }
        self.stored.remove(&k)
    }

    /// A form for `k` waits to be put back.
    pub fn is_waiting(&self, k: D::Which) -> bool {
        self.waiting.contains_key(&k)
    }

    /// Forms still waiting (to write again at exit: they are the user's typing).
    pub fn waiting(&self) -> impl Iterator<Item = &D> {
        self.waiting.values()
    }
}

/// When the open form of a kind is next kept: the note's rule, over snapshots of the form
/// taken at each turn of the runtime (a turn that finds the form changed counts as an edit).
#[derive(Debug)]
struct Pace<D> {
    /// The open form as the last turn found it (stamped at 0, so only typing compares).
    seen: Option<D>,
    /// What was last kept of it (stamped at 0).
    kept: Option<D>,
    /// Turns that found it changed since it was last kept.
    edits: u64,
    last_edit_ms: i64,
    /// When the oldest change not yet kept was made.
    first_unkept_ms: Option<i64>,
    /// When the store last took what was kept (for the form's quiet "kept" time).
    stored_at: Option<DateTime<Utc>>,
}

impl<D> Default for Pace<D> {
    fn default() -> Self {
        Pace {
            seen: None,
            kept: None,
            edits: 0,
            last_edit_ms: 0,
            first_unkept_ms: None,
            stored_at: None,
        }
    }
}

impl<D: KeptForm> Pace<D> {
    /// A turn at `now_ms` finding the open form as `open` (changes made since `since_ms`):
    /// true when it is due to be kept now.
    fn turn(&mut self, open: Option<D>, now_ms: i64, since_ms: i64) -> bool {
        let Some(mut open) = open else {
            *self = Pace::default();
            return false;
        };
        open.set_at(DateTime::<Utc>::default());
        if self.seen.as_ref() != Some(&open) {
            self.edits += 1;
            self.last_edit_ms = now_ms;
            self.first_unkept_ms.get_or_insert(since_ms);
            self.seen = Some(open);
        }
        if self.seen == self.kept {
            self.edits = 0;
            self.first_unkept_ms = None;
        }
        self.due_at().is_some_and(|at| now_ms >= at)
    }

    /// When the changes not yet kept are due to be kept: the earliest of a pause, the oldest
    /// change's age and the count of changes.
    fn due_at(&self) -> Option<i64> {
        if self.edits == 0 {
            return None;
        }
        if self.edits >= KEEP_EVERY_EDITS {
            return Some(self.last_edit_ms);
        }
        let pause = self.last_edit_ms + KEEP_AFTER_PAUSE_MS;
        Some(match self.first_unkept_ms {
            Some(t) => pause.min(t + KEEP_WHILE_TYPING_MS),
            None => pause,
        })
    }

    fn kept(&mut self) {
        self.kept = self.seen.clone();
        self.edits = 0;
        self.first_unkept_ms = None;
    }
}

impl App {
    /// Drafts of kind `D` found in the store at start-up: this officer's are put back when
    /// their form opens; other officers' are never shown (their keys are their own).
    pub fn load_kept<D: KeptForm>(&mut self, found: Vec<D>) {
        let user = self.user.clone();
        D::slot_mut(self).load(found.into_iter().filter(|d| d.author() == user));
    }

    /// Drafts of kind `D` as found in the store, by key: one under a key that is not its
    /// author's (`KeptForm::key_of`; a key of another form) moves to its author's at the next
    /// turn, as note drafts did when they became the officer's own; then as `load_kept`.
    pub fn load_kept_from_store<D: KeptForm>(&mut self, found: Vec<(String, D)>) {
        let mut drafts = Vec::with_capacity(found.len());
        for (key, d) in found {
            if key != d.key() {
                self.queue(Effect::KeepForm(Box::new(d.clone().wrap())));
                self.queue(Effect::DeleteFormDraft(key));
            }
            drafts.push(d);
        }
        self.load_kept(drafts);
    }

    /// The form of kind `D` for `which` was saved or given up: a kept copy is obsolete.
    pub(crate) fn kept_done<D: KeptForm>(&mut self, which: D::Which) {
        if D::slot_mut(self).done(which) {
            let key = D::key_of(which, &self.user);
            self.queue(Effect::DeleteFormDraft(key));
        }
    }

    /// What to keep of kind `D` as the session ends: the open form and those kept earlier
    /// still waiting (written again unchanged), one per key.
    pub fn kept_on_exit<D: KeptForm>(&self, now_ms: i64) -> Vec<D> {
        let open = D::open(self, now_ms);
        let mut out: Vec<D> = D::slot(self)
            .waiting()
            .filter(|d| open.as_ref().is_none_or(|o| o.which() != d.which()))
            .cloned()
            .collect();
        out.extend(open);
        out.sort_by_key(|d| d.key());
        out
    }

    /// The runtime's turn for the open form of kind `D`: keeps it when the rule says so.
    fn keep_turn<D: KeptForm>(&mut self, now_ms: i64, since_ms: i64) -> Option<Effect> {
        let open = D::open(self, now_ms);
        if open.is_none() {
            // What was kept of the form is no longer typing to keep (it was typed away, or put
            // back as stored) unless it now waits to be put back (meeting mode was left).
            let slot = D::slot_mut(self);
            if let Some(k) = slot.pace.kept.as_ref().map(|d| d.which())
                && !slot.waiting.contains_key(&k)
                && slot.stored.remove(&k)
            {
                let key = D::key_of(k, &self.user);
                self.queue(Effect::DeleteFormDraft(key));
            }
        }
        let due = D::slot_mut(self).pace.turn(open.clone(), now_ms, since_ms);
        let d = open.filter(|_| due)?;
        let slot = D::slot_mut(self);
        slot.pace.kept();
        slot.stored.insert(d.which());
        Some(Effect::KeepForm(Box::new(d.wrap())))
    }

    /// The store took `d` (the runtime, after `Effect::KeepForm`): its form's "kept" time
    /// moves on, if it is still the form open.
    pub fn form_kept(&mut self, d: &FormDraft) {
        fn took<D: KeptForm>(app: &mut App, d: &D) {
            let pace = &mut D::slot_mut(app).pace;
            if pace.kept.as_ref().is_some_and(|k| k.which() == d.which()) {
                pace.stored_at = Some(d.at());
                app.dirty = true;
            }
        }
        on_draft!(d, d => took(self, d))
    }

    /// "kept 14:03:22": when the form on screen (but a note's) was last kept in the store
    /// while typed. Changes only when it is kept (every few seconds at most).
    pub fn form_kept_label(&self) -> Option<String> {
        use super::Screen;
        use super::timeline::{activity_draft::ActivityDraft, checkpoint::CheckpointDraft};
        let at = match self.screen() {
            Screen::Meeting => self.meeting_drafts.pace.stored_at,
            Screen::CheckpointForm => CheckpointDraft::slot(self).pace.stored_at,
            Screen::PlanForm => self.plan_drafts.pace.stored_at,
            Screen::ActivityForm => ActivityDraft::slot(self).pace.stored_at,
            Screen::StepForm => self.step_drafts.pace.stored_at,
            Screen::SchoolForm => self.school_drafts.pace.stored_at,
            _ => None,
        }?;
        Some(format!("kept {}", self.clock.local(at).format("%H:%M:%S")))
    }

    /// The runtime's turn for every kept form but the note (`idle`).
    pub(super) fn keep_forms(&mut self, now_ms: i64, since_ms: i64) -> Vec<Effect> {
        use super::timeline::{activity_draft::ActivityDraft, checkpoint::CheckpointDraft};
        [
            self.keep_turn::<super::MeetingDraft>(now_ms, since_ms),
            self.keep_turn::<CheckpointDraft>(now_ms, since_ms),
            self.keep_turn::<super::timeline::plan::PlanDraft>(now_ms, since_ms),
            self.keep_turn::<ActivityDraft>(now_ms, since_ms),
            self.keep_turn::<super::escalation_draft::StepDraft>(now_ms, since_ms),
            self.keep_turn::<super::school_draft::SchoolDraft>(now_ms, since_ms),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// When the next keep of a form but the note is due (`wake_at_ms`).
    pub(super) fn forms_wake_at(&self) -> Option<i64> {
        use super::timeline::{activity_draft::ActivityDraft, checkpoint::CheckpointDraft};
        [
            self.meeting_drafts.pace.due_at(),
            CheckpointDraft::slot(self).pace.due_at(),
            self.plan_drafts.pace.due_at(),
            ActivityDraft::slot(self).pace.due_at(),
            self.step_drafts.pace.due_at(),
            self.school_drafts.pace.due_at(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Says on the status line that a kept form was put back, whose it was and when.
    /// `what` reads on into "typed by": "the unsaved support plan".
    pub(super) fn say_restored(
        &mut self,
        what: &str,
        author: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) {
        let when = self.clock.local(at).format("%H:%M on %d/%m/%Y");
        let who = crate::domain::text::clean_line(author);
        self.set_status(format!("Restored {what} typed by {who} at {when}"));
    }
}

/// The time of a draft made at `now_ms` (the session clock's when not given).
pub(super) fn stamp(app: &App, now_ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now_ms)
        .filter(|_| now_ms > 0)
        .unwrap_or_else(|| app.note_now())
}
