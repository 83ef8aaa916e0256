//! A note's save landing or failing: the form takes the stored note, its draft goes, and a
//! note saved final gives way to its read-only view.

use super::*;

impl App {
    /// Called from `App::saved`: the form takes the stored note (new rev), and its draft goes.
    /// A note saved final (finalised, or amended) leaves the form for its read-only view.
    pub(in crate::app) fn note_saved(&mut self, records: &[Record]) {
        self.view_saved(records);
        let Some(f) = self.note.form.as_mut() else {
            return;
        };
        let mut to_view = None;
        for r in records {
            if let Record::Note(n) = r
                && Some(n.id) == f.note_id
            {
                let old_key = f.draft_key(&self.user);
                f.base = Some(n.clone());
                f.changed = false;
                f.amend_reason = None;
                f.removed.clear();
                f.read_only = n.status == NoteStatus::Final;
                f.draft_gen = f.edit_gen;
                let new_key = f.draft_key(&self.user);
                self.note
                    .drafts
                    .retain(|d| d.key != old_key && d.key != new_key);
                self.note.queued.push(Effect::DeleteDraft(old_key.clone()));
                if new_key != old_key {
                    self.note.queued.push(Effect::DeleteDraft(new_key));
                }
                if f.close_after_save {
                    f.close_after_save = false;
                    if self.note.form.take().is_some() {
                        self.close_note();
                    }
                    return;
                }
                if n.status == NoteStatus::Final {
                    to_view = Some((n.urn, n.id));
                }
            }
        }
        if let Some((urn, id)) = to_view {
            self.close_note();
            let on_view = self.screen() == Screen::NoteView;
            match self.note.view.as_mut() {
                // Amended from its view: the view, below, shows the new version.
                Some(v) if v.id == id && on_view => {
                    v.version = None;
                    v.scroll = 0;
                }
                _ => self.open_note_view(urn, id),
            }
        }
    }

    /// Called from `App::save_failed`: the form keeps every word typed and stays open.
    pub(in crate::app) fn note_save_failed(&mut self) {
        self.view_save_failed();
        if let Some(f) = self.note.form.as_mut() {
            f.close_after_save = false;
            f.changed = true;
        }
    }
}
