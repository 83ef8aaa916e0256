//! Drafts of notes: written after a pause in typing and when the session ends, offered back
//! when the note is opened again.

use super::*;

impl App {
    /// The runtime's turn (after input, and when `wake_at_ms` is due), with the wall clock in ms since the
    /// epoch: writes the draft once typing has paused for `DRAFT_QUIET_MS`, and hands over
    /// effects queued by `saved`. Never makes the screen dirty.
    pub fn idle(&mut self, now_ms: i64) -> Vec<Effect> {
        self.note.now_ms = now_ms;
        let mut out = std::mem::take(&mut self.note.queued);
        out.extend(self.take_pending());
        let draft = match self.note.form.as_mut() {
            Some(f) if f.changed && !f.read_only => {
                if f.edit_gen != f.seen_gen {
                    f.seen_gen = f.edit_gen;
                    f.quiet_since = now_ms;
                    false
                } else {
                    f.draft_gen != f.edit_gen && now_ms - f.quiet_since >= DRAFT_QUIET_MS
                }
            }
            _ => false,
        };
        if draft && let Some(d) = self.unsaved_draft(now_ms) {
            if let Some(f) = self.note.form.as_mut() {
                f.draft_gen = f.edit_gen;
            }
            out.push(Effect::SaveDraft(Box::new(d)));
        }
        out
    }

    /// When `idle` next has timed work to do, in the clock's ms since the epoch (`None`: none
    /// until the next key): the runtime sleeps until then instead of waking on a timer to look.
    /// A moment in the past means "at once".
    pub fn wake_at_ms(&self) -> Option<i64> {
        if !self.note.queued.is_empty() || !self.pending.is_empty() {
            return Some(i64::MIN);
        }
        let f = self.note.form.as_ref()?;
        if !f.changed || f.read_only || f.draft_gen == f.edit_gen {
            return None;
        }
        if f.edit_gen != f.seen_gen {
            // An edit `idle` has not seen yet: its quiet spell starts when it does.
            return Some(i64::MIN);
        }
        Some(f.quiet_since.saturating_add(DRAFT_QUIET_MS))
    }

    /// The draft of the note being edited, if it has unsaved changes (for the runtime to write
    /// before it exits: quit, SIGHUP, SIGTERM).
    pub fn unsaved_draft(&self, now_ms: i64) -> Option<Draft> {
        let f = self.note.form.as_ref()?;
        if !f.changed || f.read_only {
            return None;
        }
        let at = DateTime::from_timestamp_millis(now_ms)
            .filter(|_| now_ms > 0)
            .unwrap_or_else(|| self.note_now());
        Some(Draft {
            key: f.draft_key(),
            urn: f.urn,
            note: f.base.as_ref().map(|n| n.id),
            amend_reason: f.amend_reason.clone(),
            author: self.user.clone(),
            at,
            body: f.lenient_body(self.today),
        })
    }

    /// Drafts found in the store at start-up: each is offered back when its note is opened.
    pub fn set_drafts(&mut self, drafts: Vec<Draft>) {
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
