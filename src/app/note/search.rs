//! Finding any note of visit by its words, from the board (`F`): a query line, Enter searches
//! every note in the store (`Effect::SearchNotes`), the hits list school, date, officer and the
//! matching line; Enter on a hit opens it (read-only when final). Esc goes back.

use super::*;
use crate::domain::note_search::{MAX_HITS, NoteHit};

/// The search's state while it is open.
#[derive(Debug, Default)]
pub struct NoteSearch {
    /// What is typed.
    pub query: String,
    /// The query the hits are for (`None` before the first search).
    pub searched: Option<String>,
    pub hits: Vec<NoteHit>,
    pub selected: usize,
}

impl App {
    /// The board's `F`: the search, its query empty.
    pub(super) fn open_note_search(&mut self) {
        self.note.search = Some(NoteSearch::default());
        self.board.searching = false;
        self.push(Screen::NoteSearch);
    }

    /// Keys in the search: Enter searches (or opens the selected hit when the query has not
    /// changed since), ↑↓ select, Esc closes.
    pub(super) fn update_note_search(&mut self, a: NoteAction) -> Vec<Effect> {
        let Some(s) = self.note.search.as_mut() else {
            return vec![];
        };
        match a {
            NA::SelectUp => s.selected = s.selected.saturating_sub(1),
            NA::SelectDown => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
            NA::Cancel => {
                self.note.search = None;
                self.close(Screen::NoteSearch);
            }
            NA::OpenSelected => {
                let query = s.query.trim().to_string();
                if s.searched.as_deref() != Some(query.as_str()) || s.hits.is_empty() {
                    if query.is_empty() {
                        self.set_status("Type words to find, then Enter".into());
                        return vec![];
                    }
                    return vec![Effect::SearchNotes(query)];
                }
                return self.open_hit();
            }
            _ => {}
        }
        vec![]
    }

    /// A key the search's keymap does not bind: text for the query.
    pub(in crate::app) fn note_search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            self.edit_text(crate::action::Edit::Insert(c));
        }
        vec![]
    }

    /// The store's answer to `Effect::SearchNotes`.
    pub fn set_note_hits(&mut self, query: &str, hits: Vec<NoteHit>) {
        let Some(s) = self.note.search.as_mut() else {
            return;
        };
        let n = hits.len();
        s.searched = Some(query.to_string());
        s.hits = hits;
        s.selected = 0;
        self.dirty = true;
        self.set_status(match n {
            0 => format!("No note holds \"{}\"", clean_line(query)),
            n if n >= MAX_HITS => {
                format!("The first {n} notes, newest first: add a word to narrow it")
            }
            1 => "1 note: Enter opens it".into(),
            n => format!("{n} notes, newest first: Enter opens the selected one"),
        });
    }

    /// Opens the selected hit: its note joins the school's notes, and opens read-only when
    /// final (in the form when a draft).
    fn open_hit(&mut self) -> Vec<Effect> {
        let Some(hit) = self
            .note
            .search
            .as_ref()
            .and_then(|s| s.hits.get(s.selected))
            .cloned()
        else {
            return vec![];
        };
        let n = hit.note;
        let list = self.notes.entry(n.urn).or_default();
        match list.iter_mut().find(|x| x.id == n.id) {
            Some(x) => *x = n.clone(),
            None => list.push(n.clone()),
        }
        if n.status == NoteStatus::Final {
            self.open_note_view(n.urn, n.id);
            vec![]
        } else {
            self.open_form(n.urn, Some(n))
        }
    }
}
