//! Putting a discarded note back (the board's `R`, `super::super::discarded`): its draft moves
//! back to its note's key and the note opens, offering it to restore as any draft is.

use super::*;

impl App {
    /// Moves the discarded note `d` (under `key`) back to `orig` and opens its note; `None`
    /// (and says why) if another draft of that note is waiting.
    pub(in crate::app) fn put_back_note(
        &mut self,
        key: String,
        orig: String,
        d: Draft,
    ) -> Option<Vec<Effect>> {
        if self.note.drafts.iter().any(|x| x.key == orig) {
            self.set_status(
                "Another draft of that note is waiting: open the note and restore or discard it first"
                    .into(),
            );
            return None;
        }
        let back = Draft { key: orig, ..d };
        self.note.drafts.push(back.clone());
        let mut effects = vec![Effect::MoveDraft {
            from: key,
            draft: Box::new(back.clone()),
        }];
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
                    return Some(effects);
                }
            },
        };
        effects.extend(self.open_form(back.urn, note));
        Some(effects)
    }
}
