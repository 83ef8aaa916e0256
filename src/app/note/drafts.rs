//! Drafts of notes: kept after a pause in typing, every few seconds of steady typing and when
//! the session ends, offered back when the note is opened again.
//!
//! The rule (bounded loss on a crash): the draft is kept once typing has paused for
//! `KEEP_AFTER_PAUSE_MS`, or once the oldest edit not yet kept is `KEEP_WHILE_TYPING_MS` old,
//! or after `KEEP_EVERY_EDITS` edits, whichever comes first. Times are the runtime's clock,
//! handed to `idle`; `wake_at_ms` says when the next keep is due so the runtime can wake then.

use super::*;

impl App {
    /// The runtime's turn (after input, and when `wake_at_ms` is due), with the session
    /// clock's time in ms since the epoch: keeps the draft when the rule above says so, and
    /// hands over effects queued by `saved`. Makes the screen dirty only when a keep changes
    /// the form's "kept" time.
    pub fn idle(&mut self, now_ms: i64) -> Vec<Effect> {
        let since = self.note.edits_since(now_ms);
        let mut out = self.note_idle(now_ms);
        out.extend(self.keep_forms(now_ms, since));
        out
    }

    /// The note's part of `idle`.
    fn note_idle(&mut self, now_ms: i64) -> Vec<Effect> {
        // The edits seen now were made after the previous turn; and the runtime hands over
        // input as it arrives, so after a long wait they are a moment old, not the wait's age.
        let since = self.note.edits_since(now_ms);
        self.note.now_ms = now_ms;
        let mut out = std::mem::take(&mut self.note.queued);
        out.extend(self.take_pending());
        let due = match self.note.form.as_mut() {
            Some(f) if f.changed && !f.read_only => {
                if f.edit_gen != f.seen_gen {
                    f.seen_gen = f.edit_gen;
                    f.last_edit_ms = now_ms;
                    f.first_unkept_ms.get_or_insert(since);
                }
                if f.draft_gen == f.edit_gen {
                    f.first_unkept_ms = None;
                }
                keep_due_at(f).is_some_and(|at| now_ms >= at)
            }
            _ => false,
        };
        if due && let Some(d) = self.unsaved_draft(now_ms) {
            if let Some(f) = self.note.form.as_mut() {
                f.draft_gen = f.edit_gen;
                f.first_unkept_ms = None;
            }
            out.push(Effect::SaveDraft(Box::new(d)));
        }
        out
    }

    /// When the app next has timed work (ms since the epoch, the session clock): the next keep
    /// of the note draft, or now if effects are waiting or typing has not been seen by `idle`
    /// yet. `None`: nothing is timed, wait for input. The runtime calls `idle` at (or soon
    /// after) this time.
    pub fn wake_at_ms(&self) -> Option<i64> {
        [self.note_wake_at_ms(), self.forms_wake_at()]
            .into_iter()
            .flatten()
            .min()
    }

    /// The note's part of `wake_at_ms`.
    fn note_wake_at_ms(&self) -> Option<i64> {
        if !self.note.queued.is_empty() || !self.pending.is_empty() {
            return Some(self.note.now_ms);
        }
        let f = self.note.form.as_ref()?;
        if !f.changed || f.read_only || f.draft_gen == f.edit_gen {
            return None;
        }
        if f.edit_gen != f.seen_gen {
            return Some(self.note.now_ms);
        }
        keep_due_at(f)
    }

    /// The store kept the draft under `key`, as of `at`: the form's "kept" time moves on.
    pub fn draft_kept(&mut self, key: &str, at: DateTime<Utc>) {
        if let Some(f) = self.note.form.as_mut()
            && f.draft_key(&self.user) == key
        {
            f.kept_at = Some(at);
            self.dirty = true;
        }
    }

    /// The draft of the note being edited, if it has unsaved changes (for the runtime to write
    /// before it exits: quit, SIGHUP, SIGTERM).
    pub fn unsaved_draft(&self, now_ms: i64) -> Option<Draft> {
        let f = self.note.form.as_ref()?;
        if !f.changed || f.read_only {
            return None;
        }
        Some(self.draft_of(f, now_ms))
    }

    /// What `f` holds, as a draft made at `now_ms` (the session clock if not given).
    pub(super) fn draft_of(&self, f: &NoteForm, now_ms: i64) -> Draft {
        let at = DateTime::from_timestamp_millis(now_ms)
            .filter(|_| now_ms > 0)
            .unwrap_or_else(|| self.note_now());
        Draft {
            key: f.draft_key(&self.user),
            urn: f.urn,
            note: f.base.as_ref().map(|n| n.id),
            amend_reason: f.amend_reason.clone(),
            author: self.user.clone(),
            at,
            body: f.lenient_body(self.today),
        }
    }

    /// Drafts found in the store at start-up: each of this officer's is offered back when its
    /// note is opened (discarded ones go to the "Recently discarded" list); other officers'
    /// are only mentioned. Drafts under the keys of before they were per officer move to their
    /// author's key.
    pub fn set_drafts(&mut self, drafts: Vec<Draft>) {
        let mut drafts = self.take_discarded(drafts);
        for d in drafts.iter_mut() {
            let own = d.own_key();
            if d.key != own {
                let old = std::mem::replace(&mut d.key, own);
                self.queue(Effect::SaveDraft(Box::new(d.clone())));
                self.queue(Effect::DeleteDraft(old));
            }
        }
        let (drafts, others): (Vec<Draft>, Vec<Draft>) =
            drafts.into_iter().partition(|d| d.author == self.user);
        self.note.others = others;
        if let Some(d) = drafts.first() {
            let school = self
                .data
                .schools
                .iter()
                .find(|s| s.urn == d.urn)
                .map_or_else(|| d.urn.to_string(), |s| clean_line(&s.name));
            let more = match drafts.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.set_status(format!(
                "Unsaved draft note for {school} by {} from {}{more}: open it (n) to restore",
                clean_line(&d.author),
                fmt_when(d.at, &self.clock)
            ));
        }
        self.note.drafts = drafts;
    }
}

impl NoteUi {
    /// Since when the edits seen at a turn at `now_ms` were made, at the earliest: the
    /// previous turn (or a moment before now).
    fn edits_since(&self, now_ms: i64) -> i64 {
        match self.now_ms {
            0 => now_ms,
            t => t.max(now_ms - EDITS_SEEN_WITHIN_MS).min(now_ms),
        }
    }
}

/// How old edits seen at a turn of the runtime may be at most, beyond the previous turn: the
/// runtime handles input as it arrives (a frame or a store write may delay it, not a second).
const EDITS_SEEN_WITHIN_MS: i64 = 1000;

/// When the form's unkept edits are due to be kept (ms), if there are any and `idle` has seen
/// them: the earliest of a pause, the oldest unkept edit's age, and the edit count.
fn keep_due_at(f: &NoteForm) -> Option<i64> {
    if f.draft_gen == f.edit_gen || f.edit_gen != f.seen_gen {
        return None;
    }
    if f.edit_gen.saturating_sub(f.draft_gen) >= KEEP_EVERY_EDITS {
        return Some(f.last_edit_ms);
    }
    let pause = f.last_edit_ms + KEEP_AFTER_PAUSE_MS;
    Some(match f.first_unkept_ms {
        Some(t) => pause.min(t + KEEP_WHILE_TYPING_MS),
        None => pause,
    })
}

impl App {
    /// The stored records open for editing with unsaved changes, as (kind, key): when another
    /// officer saves one of them meanwhile, the session says so at once (`Runner`), before a
    /// save would be refused.
    pub fn editing(&self) -> Vec<(&'static str, String, String)> {
        use crate::store::Record as _;
        let mut out = Vec::new();
        if let Some(f) = self.note.form.as_ref()
            && f.changed
            && let Some(n) = f.base.as_ref()
        {
            out.push(("note", n.key_text(), "note of visit".to_string()));
        }
        if let Some(f) = self.tl.activity.as_ref()
            && let Some(a) = f.original.as_ref()
        {
            out.push(("activity", a.key_text(), "activity".to_string()));
        }
        out
    }
}
