//! Recently discarded notes. Discarding a note (or a draft offered back) keeps what it held in
//! the drafts tree under a `discarded/` key carrying when (the session clock), for
//! `DISCARDED_KEEP_DAYS`; the board's `R` lists them and puts one back as the draft of its
//! note, which is then offered to restore as any draft is.

use super::*;

/// Key prefix of discarded notes in the drafts tree: `discarded/{ms}/{the draft's key}`.
pub const DISCARDED_PREFIX: &str = "discarded/";
/// How long a discarded note stays recoverable (the promise is at least 7 days).
pub const DISCARDED_KEEP_DAYS: i64 = 14;

/// The key a draft had before it was discarded, from its discarded key.
fn original_key(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(DISCARDED_PREFIX)?;
    rest.split_once('/').map(|(_, k)| k)
}

impl App {
    /// Keeps `d` as discarded now: its effect (write it under its discarded key), and it joins
    /// the top of the list.
    pub(super) fn bin_draft(&mut self, mut d: Draft) -> Effect {
        let now = self.note_now();
        d.key = format!("{DISCARDED_PREFIX}{:013}/{}", now.timestamp_millis(), d.key);
        d.at = now;
        self.note.discarded.insert(0, d.clone());
        Effect::SaveDraft(Box::new(d))
    }

    /// Of the drafts found at start-up, takes the discarded ones into the list (those older
    /// than `DISCARDED_KEEP_DAYS` are removed from the store) and returns the others.
    pub(super) fn take_discarded(&mut self, drafts: Vec<Draft>) -> Vec<Draft> {
        let (mut binned, live): (Vec<Draft>, Vec<Draft>) = drafts
            .into_iter()
            .partition(|d| d.key.starts_with(DISCARDED_PREFIX));
        let oldest = self.note_now() - chrono::Duration::days(DISCARDED_KEEP_DAYS);
        for d in binned.iter().filter(|d| d.at < oldest) {
            self.queue(Effect::DeleteDraft(d.key.clone()));
        }
        // Only the officer's own: what another officer threw away is theirs.
        binned.retain(|d| d.at >= oldest && d.author == self.user);
        binned.sort_by_key(|d| std::cmp::Reverse(d.at));
        self.note.discarded = binned;
        self.note.discarded_sel = 0;
        live
    }

    /// The board's `R`: the list of recently discarded notes.
    pub(super) fn open_discarded(&mut self) {
        if self.note.discarded.is_empty() {
            self.set_status(format!(
                "No note was discarded in the last {DISCARDED_KEEP_DAYS} days"
            ));
            return;
        }
        self.note.discarded_sel = 0;
        self.push(Screen::Discarded);
    }

    /// Keys in the list of recently discarded notes.
    pub(super) fn update_discarded(&mut self, a: NoteAction) -> Vec<Effect> {
        let n = self.note.discarded.len();
        let sel = &mut self.note.discarded_sel;
        match a {
            NA::SelectUp => *sel = sel.saturating_sub(1),
            NA::SelectDown => *sel = (*sel + 1).min(n.saturating_sub(1)),
            NA::Cancel => self.close(Screen::Discarded),
            NA::PutBack => return self.put_back(),
            _ => {}
        }
        vec![]
    }

    /// Puts the selected discarded note back as the draft of its note and opens that note
    /// (which offers it to restore), or says where to open it.
    fn put_back(&mut self) -> Vec<Effect> {
        let sel = self.note.discarded_sel;
        let Some(d) = self.note.discarded.get(sel).cloned() else {
            return vec![];
        };
        let Some(orig) = original_key(&d.key).map(str::to_string) else {
            return vec![];
        };
        if self.note.drafts.iter().any(|x| x.key == orig) {
            self.set_status(
                "Another draft of that note is waiting: open the note and restore or discard it first"
                    .into(),
            );
            return vec![];
        }
        self.note.discarded.remove(sel);
        self.note.discarded_sel = sel.min(self.note.discarded.len().saturating_sub(1));
        let bin_key = d.key.clone();
        let back = Draft { key: orig, ..d };
        self.note.drafts.push(back.clone());
        let mut effects = vec![
            Effect::SaveDraft(Box::new(back.clone())),
            Effect::DeleteDraft(bin_key),
        ];
        self.close(Screen::Discarded);
        let note = match back.note {
            None => None,
            Some(id) => match self
                .notes
                .get(&back.urn)
                .and_then(|v| v.iter().find(|n| n.id == id))
            {
                Some(n) => Some(n.clone()),
                None => {
                    self.set_status(
                        "Put back: open the note from its school's Notes to restore it".into(),
                    );
                    effects.push(Effect::LoadNotes(back.urn));
                    return effects;
                }
            },
        };
        effects.extend(self.open_form(back.urn, note));
        effects
    }
}
