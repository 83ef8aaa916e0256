//! Finding any note of visit (and checkpoint review, and decision rationale) by its words, from
//! the board (`F`): a query line with filters (`by:` `type:` `from:` `to:` `in:`, see
//! `domain::note_search::Query`), Enter searches the store (`Effect::SearchNotes`), the hits
//! list kind, date, school, officer and the matching line; Enter on a hit opens it (a note
//! read-only when final, a review in its view, a decision's school at its priority history).
//! Esc goes back.

use super::*;
use crate::domain::note_search::{Found, Hit, MAX_HITS, Query};

/// The search's state while it is open.
#[derive(Debug, Default)]
pub struct NoteSearch {
    /// What is typed.
    pub query: String,
    /// The query the hits are for (`None` before the first search).
    pub searched: Option<String>,
    pub hits: Vec<Hit>,
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
                    if let Err(why) = Query::parse(&query, self.today) {
                        self.set_status(format!("Not searched: {}", clean_line(&why)));
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

    /// Finding as you type: a key that changed the query searches again (the store's index
    /// makes a search one pass over text). A filter still being typed (`from:1`) waits for
    /// the rest; Enter says what is wrong with it.
    pub(in crate::app) fn search_as_typed(&mut self, before: Option<String>) -> Option<Effect> {
        let s = self.note.search.as_ref()?;
        if before.as_deref() == Some(s.query.as_str()) || before.is_none() {
            return None;
        }
        let query = s.query.trim();
        if query.is_empty() {
            return None;
        }
        Query::parse(query, self.today).ok()?;
        Some(Effect::SearchNotes(query.to_string()))
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
    pub fn set_note_hits(&mut self, query: &str, hits: Vec<Hit>) {
        let Some(s) = self.note.search.as_mut() else {
            return;
        };
        let n = hits.len();
        s.searched = Some(query.to_string());
        s.hits = hits;
        s.selected = 0;
        self.dirty = true;
        self.set_status(match n {
            // Not the words again: they are on the line above, and a status that changes with
            // every key is sent with every key (over SSH, 20 bytes for a 1-byte echo).
            0 => "Nothing holds these words".into(),
            n if n >= MAX_HITS => {
                format!("The first {n} found, newest first: add a word or a filter to narrow it")
            }
            1 => "1 found: Enter opens it".into(),
            n => format!("{n} found, newest first: Enter opens the selected one"),
        });
    }

    /// Opens the selected hit: a note joins the school's notes and opens read-only when
    /// final (in the form when a draft); a review opens in its view; a decision opens its
    /// school at the priority history.
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
        match hit.found {
            Found::Note(n) => {
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
            Found::Review(r) => {
                if self.data.checkpoints.iter().any(|x| x.id == r.id) {
                    self.open_review_view(r.id);
                } else {
                    self.set_status("This review is no longer in the data.".into());
                }
                vec![]
            }
            Found::Decision(d) => {
                if !self.data.schools.iter().any(|s| s.urn == d.urn) {
                    self.set_status("This school is no longer in the data.".into());
                    return vec![];
                }
                self.push(Screen::School);
                let mut state = crate::app::SchoolState::new(d.urn);
                state.section = crate::app::Section::History;
                self.school = Some(state);
                self.set_status(format!(
                    "Decision of {}: {}",
                    crate::domain::calendar::fmt_date(d.date),
                    clean_line(&d.rationale)
                ));
                vec![Effect::LoadNotes(d.urn), Effect::LoadAudit(d.urn)]
            }
        }
    }
}
