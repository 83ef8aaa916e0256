//! Recently discarded: a kept form of any kind (a note of visit, a meeting's decision forms, a
//! checkpoint review, a support plan, an activity, an escalation step) given up with typing in
//! it is moved, in one store commit, from its own key to `discarded/{ms}/{its key}` (`ms`: when,
//! on the session clock), and kept there `DISCARDED_KEEP_DAYS`. Nothing typed is ever only
//! deleted. The board's `R` lists the officer's own, newest first (kind, school, who typed it,
//! when it was discarded); Enter moves one back to its own key in one commit, to be offered
//! when its form next opens, as a kept form is. After the keep period they are removed at
//! start-up.

use super::kept::{FormDraft, KeptForm, on_draft};
use super::{App, Effect, Screen};
use crate::domain::Urn;
use crate::store::Draft;
use crate::store::drafts::{discarded_at, discarded_key, discarded_original};
use chrono::{DateTime, Utc};

pub use crate::store::drafts::DISCARDED_PREFIX;
/// How long a discarded form stays recoverable (the promise is at least 7 days).
pub const DISCARDED_KEEP_DAYS: i64 = 14;

/// What was discarded: a note's draft or another kept form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binned {
    Note(Box<Draft>),
    Form(Box<FormDraft>),
}

/// One entry of the Recently discarded list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discarded {
    /// Where it is kept: `discarded/{ms}/{its own key}` (a note in the drafts tree, a form in
    /// the form drafts tree).
    pub key: String,
    /// When it was discarded.
    pub at: DateTime<Utc>,
    pub item: Binned,
}

impl Discarded {
    fn new(key: String, item: Binned) -> Discarded {
        let typed_at = match &item {
            Binned::Note(d) => d.at,
            Binned::Form(f) => on_draft!(f.as_ref(), d => d.at()),
        };
        let at = discarded_at(&key).unwrap_or(typed_at);
        Discarded { key, at, item }
    }

    /// "note", "activity", "escalation"…
    pub fn kind(&self) -> &'static str {
        match &self.item {
            Binned::Note(_) => "note",
            Binned::Form(f) => f.kind(),
        }
    }

    /// Who typed it.
    pub fn author(&self) -> &str {
        match &self.item {
            Binned::Note(d) => &d.author,
            Binned::Form(f) => f.author(),
        }
    }

    /// The school it is for, if one.
    pub fn urn(&self) -> Option<Urn> {
        match &self.item {
            Binned::Note(d) => Some(d.urn),
            Binned::Form(f) => f.urn(),
        }
    }

    /// How what was typed begins, then which form it is (one line, not yet sanitised for
    /// drawing).
    pub fn summary(&self) -> String {
        match &self.item {
            Binned::Note(d) => {
                let which = d
                    .note
                    .map_or_else(|| "new note".to_string(), |id| format!("note {id}"));
                let b = &d.body;
                let start = [&b.purpose, &b.text, &b.evidence, &b.strengths]
                    .into_iter()
                    .find(|t| !t.trim().is_empty())
                    .map(|t| t.trim().to_string())
                    .or_else(|| b.visitors.first().cloned())
                    .unwrap_or_default();
                format!("{start} ({which})")
            }
            Binned::Form(f) => f.summary(),
        }
    }

    fn is_note(&self) -> bool {
        matches!(self.item, Binned::Note(_))
    }
}

impl App {
    /// The form of kind `D` for `which` was given up (Ctrl-Q, or Esc on an unchanged form)
    /// holding `typed` (`KeptForm::open` just before): what was typed is moved to Recently
    /// discarded in one commit; with nothing typed, a kept copy is obsolete (`kept_done`).
    pub(crate) fn kept_given_up<D: KeptForm>(&mut self, which: D::Which, typed: Option<D>) {
        let Some(mut d) = typed else {
            self.kept_done::<D>(which);
            return;
        };
        // Its stored copy (if any) goes in the same commit as the move.
        D::slot_mut(self).done(which);
        let now = self.clock.now();
        let from = d.key();
        let to = discarded_key(&from, now);
        d.set_at(now);
        let item = Binned::Form(Box::new(d.clone().wrap()));
        self.discarded.insert(0, Discarded::new(to.clone(), item));
        self.queue(Effect::MoveFormDraft {
            from,
            to,
            draft: Box::new(d.wrap()),
        });
        let said = self.status.take().unwrap_or_default();
        let sep = if said.is_empty() { "" } else { " " };
        self.set_status(format!(
            "{said}{sep}Kept in Recently discarded (R on the board)."
        ));
    }

    /// Keeps the note draft `d` as discarded now: the effect moving it from `from` (its own
    /// key, or where it was offered from) under its discarded key, and it joins the top of
    /// the list.
    pub(super) fn bin_draft(&mut self, from: String, mut d: Draft) -> Effect {
        let now = self.clock.now();
        d.key = discarded_key(&from, now);
        d.at = now;
        self.discarded.insert(
            0,
            Discarded::new(d.key.clone(), Binned::Note(Box::new(d.clone()))),
        );
        Effect::MoveDraft {
            from,
            draft: Box::new(d),
        }
    }

    /// Of the note drafts found at start-up, takes the discarded ones into the list and
    /// returns the others.
    pub(super) fn take_discarded(&mut self, drafts: Vec<Draft>) -> Vec<Draft> {
        let (binned, live): (Vec<Draft>, Vec<Draft>) = drafts
            .into_iter()
            .partition(|d| d.key.starts_with(DISCARDED_PREFIX));
        let found = binned
            .into_iter()
            .map(|d| Discarded::new(d.key.clone(), Binned::Note(Box::new(d))))
            .collect();
        self.found_discarded(found, Discarded::is_note, Effect::DeleteDraft);
        live
    }

    /// Forms of kind `D` found discarded in the store at start-up (`KeptForm::PREFIX` after
    /// their `discarded/{ms}/`), by key.
    pub fn load_discarded<D: KeptForm>(&mut self, found: Vec<(String, D)>) {
        let found = found
            .into_iter()
            .map(|(key, d)| Discarded::new(key, Binned::Form(Box::new(d.wrap()))))
            .collect();
        let of_kind = |x: &Discarded| match &x.item {
            Binned::Form(f) => f.kind() == D::KIND,
            Binned::Note(_) => false,
        };
        self.found_discarded(found, of_kind, Effect::DeleteFormDraft);
    }

    /// Discarded entries found at start-up, of the kind `of_kind` says: those older than the
    /// keep period go from the store (`delete`); the officer's own join the list (what another
    /// officer threw away is theirs), newest first.
    fn found_discarded(
        &mut self,
        found: Vec<Discarded>,
        of_kind: impl Fn(&Discarded) -> bool,
        delete: fn(String) -> Effect,
    ) {
        let oldest = self.clock.now() - chrono::Duration::days(DISCARDED_KEEP_DAYS);
        self.discarded.retain(|d| !of_kind(d));
        for d in found {
            if d.at < oldest {
                self.queue(delete(d.key));
            } else if d.author() == self.user {
                self.discarded.push(d);
            }
        }
        self.discarded.sort_by_key(|d| std::cmp::Reverse(d.at));
        self.discarded_sel = 0;
    }

    /// The board's `R`: the list of what was recently discarded.
    pub(super) fn open_discarded(&mut self) {
        if self.discarded.is_empty() {
            self.set_status(format!(
                "Nothing was discarded in the last {DISCARDED_KEEP_DAYS} days"
            ));
            return;
        }
        self.discarded_sel = 0;
        self.push(Screen::Discarded);
    }

    /// Keys in the Recently discarded list.
    pub(super) fn update_discarded(&mut self, a: crate::action::NoteAction) -> Vec<Effect> {
        use crate::action::NoteAction as NA;
        let n = self.discarded.len();
        let sel = &mut self.discarded_sel;
        match a {
            NA::SelectUp => *sel = sel.saturating_sub(1),
            NA::SelectDown => *sel = (*sel + 1).min(n.saturating_sub(1)),
            NA::Cancel => self.close(Screen::Discarded),
            NA::PutBack => return self.put_back(),
            _ => {}
        }
        vec![]
    }

    /// Puts the selected entry back under its own key (one commit): a note opens (and offers
    /// it to restore); another form is restored when it next opens.
    fn put_back(&mut self) -> Vec<Effect> {
        let sel = self.discarded_sel;
        let Some(d) = self.discarded.get(sel).cloned() else {
            return vec![];
        };
        let Some(orig) = discarded_original(&d.key).map(str::to_string) else {
            return vec![];
        };
        let effects = match d.item {
            Binned::Note(n) => self.put_back_note(d.key, orig, *n),
            Binned::Form(f) => {
                let key = d.key;
                on_draft!(*f, f => self.put_back_form(key, f))
            }
        };
        let Some(effects) = effects else {
            return vec![];
        };
        self.discarded.remove(sel);
        self.discarded_sel = sel.min(self.discarded.len().saturating_sub(1));
        effects
    }

    /// Moves the discarded form `d` (under `key`) back to its own key, to be put back when its
    /// form opens; `None` (and says why) if another kept copy of that form is waiting.
    fn put_back_form<D: KeptForm>(&mut self, key: String, d: D) -> Option<Vec<Effect>> {
        if D::slot(self).is_waiting(d.which()) {
            self.set_status(format!(
                "Not put back: {} of that form is waiting to be restored ({}); save or discard it first",
                D::WHAT,
                d.reopen()
            ));
            return None;
        }
        D::slot_mut(self).stash(d.clone());
        self.close(Screen::Discarded);
        self.set_status(format!(
            "Put back: {} is restored when its form opens ({})",
            D::WHAT,
            d.reopen()
        ));
        Some(vec![Effect::MoveFormDraft {
            from: key,
            to: d.key(),
            draft: Box::new(d.wrap()),
        }])
    }
}
