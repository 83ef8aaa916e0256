//! What the note screens do with an action: open, move, save, finalise, amend, close; and a
//! save landing or failing (`saved`).

use super::*;

impl App {
    /// The keymap context of the note screens, if one of them has the keyboard.
    pub(in crate::app) fn note_context(&self) -> Option<X> {
        if self.screen() == Screen::School
            && self
                .school
                .as_ref()
                .is_some_and(|s| s.section == Section::Notes)
        {
            return Some(X::SchoolNotes);
        }
        if self.screen() == Screen::Discarded {
            return Some(X::NoteDiscarded);
        }
        if self.screen() == Screen::NoteSearch {
            return Some(X::NoteSearch);
        }
        if self.screen() == Screen::NoteView {
            let responding = self
                .note
                .view
                .as_ref()
                .is_some_and(|v| v.response.is_some());
            return Some(if responding {
                X::NoteResponse
            } else {
                X::NoteView
            });
        }
        if self.screen() != Screen::Note {
            return None;
        }
        let f = self.note.form.as_ref()?;
        Some(match &f.popup {
            Some(Popup::Unsaved) => X::NoteUnsaved,
            Some(Popup::Restore(_)) => X::NoteRestore,
            Some(Popup::Finalise) => X::NoteConfirm,
            Some(Popup::Reason(_)) => X::NoteReason,
            None if f.read_only => X::NoteView,
            None => X::NoteForm,
        })
    }

    /// The amendment reason kept for note `id` (typed, then left with Esc), or nothing.
    pub(super) fn kept_reason(&self, id: Id) -> String {
        match &self.note.reason_kept {
            Some((kept, text)) if *kept == id => text.clone(),
            _ => String::new(),
        }
    }

    /// The notes of a school, newest first (the order of the school screen's list).
    pub fn notes_newest_first(&self, urn: Urn) -> Vec<&Note> {
        let mut v: Vec<&Note> = self
            .notes
            .get(&urn)
            .map(|n| n.iter().collect())
            .unwrap_or_default();
        v.sort_by_key(|n| std::cmp::Reverse((n.date(), n.id)));
        v
    }

    /// Now, on the session's clock: the time a note, a version or a decision is recorded at.
    pub(in crate::app) fn note_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(in crate::app) fn update_note(&mut self, a: NoteAction) -> Vec<Effect> {
        self.dirty = true;
        if self.screen() == Screen::Discarded {
            return self.update_discarded(a);
        }
        if self.screen() == Screen::NoteSearch {
            return self.update_note_search(a);
        }
        if self.screen() == Screen::NoteView {
            return self.update_note_view(a);
        }
        match a {
            NA::New => return self.open_new_note(),
            NA::OpenDiscarded => {
                self.open_discarded();
                return vec![];
            }
            NA::FindNotes => {
                self.open_note_search();
                return vec![];
            }
            NA::OpenSelected => return self.open_selected_note(),
            NA::SelectUp | NA::SelectDown => {
                let n = self
                    .school
                    .as_ref()
                    .map_or(0, |s| self.notes.get(&s.urn).map_or(0, Vec::len));
                let sel = &mut self.note.selected;
                *sel = if a == NA::SelectUp {
                    sel.saturating_sub(1)
                } else {
                    (*sel + 1).min(n.saturating_sub(1))
                };
                return vec![];
            }
            _ => {}
        }
        if self.screen() != Screen::Note {
            return vec![];
        }
        let Some(mut f) = self.note.form.take() else {
            return vec![];
        };
        let effects = self.form_action(&mut f, a);
        // `close_note` leaves the note screen; otherwise the form stays.
        if self.screen() == Screen::Note && self.note.form.is_none() {
            self.note.form = Some(f);
        }
        effects
    }

    pub(super) fn form_action(&mut self, f: &mut NoteForm, a: NoteAction) -> Vec<Effect> {
        let today = self.today;
        match a {
            NA::NextField | NA::PrevField => {
                f.check_slot(today);
                f.step(if a == NA::NextField { 1 } else { -1 });
            }
            NA::Save => return self.save_note(f, false),
            NA::Close => {
                if f.changed && !f.read_only {
                    f.popup = Some(Popup::Unsaved);
                } else {
                    self.close_note();
                }
            }
            NA::Finalise => {
                if f.read_only {
                } else if f.amend_reason.is_some() {
                    return self.save_note(f, false);
                } else {
                    // What is missing is said where it is and on the status line; the
                    // cursor stays (keys typed next still go where they were going).
                    match f.missing_for_final(today).and_then(|()| f.body(today)) {
                        Ok(_) => f.popup = Some(Popup::Finalise),
                        Err((slot, msg)) => {
                            f.error = Some((slot, msg.clone()));
                            self.set_status(msg);
                        }
                    }
                }
            }
            NA::Amend => {
                if f.read_only {
                    let kept = f.note_id.map(|id| self.kept_reason(id)).unwrap_or_default();
                    f.popup = Some(Popup::Reason(Box::new(text_area(&kept))));
                }
            }
            NA::EditExternally => {
                if !f.read_only {
                    f.slot = Slot::Text(TextField::Text);
                    return vec![Effect::EditExternally(f.text(TextField::Text))];
                }
            }
            NA::AddRow => {
                if !f.read_only {
                    let at = match f.slot {
                        Slot::Row(i, _) => i + 1,
                        _ => f.rows.len(),
                    };
                    f.rows.insert(at, Row::new(&AgreedAction::default()));
                    f.slot = Slot::Row(at, RowPart::Text);
                    f.error = None;
                    f.touched();
                }
            }
            NA::RemoveRow => {
                if let Slot::Row(i, _) = f.slot
                    && !f.read_only
                    && i < f.rows.len()
                {
                    let r = f.rows.remove(i);
                    if let Some(id) = r.action {
                        f.removed.push(id);
                    }
                    f.slot = if f.rows.is_empty() {
                        Slot::NoRows
                    } else {
                        Slot::Row(i.min(f.rows.len() - 1), RowPart::Text)
                    };
                    f.error = None;
                    f.touched();
                    // Ctrl-D is delete-a-character to a readline hand: the row can come back.
                    f.removed_rows.push((i, r));
                    f.row_undo = true;
                    self.set_status(format!("Action {} removed: Ctrl-Z puts it back", i + 1));
                }
            }
            NA::Undo if f.row_undo && !f.read_only => {
                if let Some((i, row)) = f.removed_rows.pop() {
                    let at = i.min(f.rows.len());
                    if let Some(id) = row.action {
                        f.removed.retain(|x| *x != id);
                    }
                    f.rows.insert(at, row);
                    f.slot = Slot::Row(at, RowPart::Text);
                    f.touched();
                    self.set_status(format!("Action {} put back", at + 1));
                }
                f.row_undo = !f.removed_rows.is_empty();
            }
            NA::Undo | NA::Redo | NA::Cut | NA::Copy | NA::Paste => {
                if let Some(ta) = f.focused_mut() {
                    let modified = match a {
                        NA::Undo => ta.undo(),
                        NA::Redo => ta.redo(),
                        NA::Cut => ta.cut(),
                        NA::Paste => ta.paste(),
                        _ => {
                            ta.copy();
                            false
                        }
                    };
                    if modified {
                        f.touched();
                    }
                }
            }
            NA::SaveAndClose => {
                f.popup = None;
                f.close_after_save = true;
                let eff = self.save_note(f, false);
                if eff.is_empty() {
                    f.close_after_save = false;
                }
                return eff;
            }
            NA::Discard => {
                // Kept as discarded first, then the draft goes: nothing is ever only deleted.
                // One commit: the draft moves from its key to its discarded key.
                if let Some(Popup::Restore(d)) = f.popup.take() {
                    let key = d.key.clone();
                    self.note.drafts.retain(|x| x.key != key);
                    let bin = self.bin_draft(key, *d);
                    self.set_status("Draft discarded: R on the board puts it back".into());
                    return vec![bin];
                }
                let key = f.draft_key(&self.user);
                let typed = self.draft_of(f, 0);
                let bin = self.bin_draft(key.clone(), typed);
                self.note.drafts.retain(|x| x.key != key);
                self.close_note();
                self.set_status("Changes discarded: R on the board puts them back".into());
                return vec![bin];
            }
            NA::KeepEditing => f.popup = None,
            NA::Restore => {
                if let Some(Popup::Restore(d)) = f.popup.take() {
                    f.load_body(&d.body, today);
                    if d.amend_reason.is_some() {
                        f.amend_reason = d.amend_reason.clone();
                        f.read_only = false;
                    }
                    f.touched();
                    self.note.drafts.retain(|x| x.key != d.key);
                    self.set_status(format!(
                        "Draft restored (from {})",
                        fmt_when(d.at, &self.clock)
                    ));
                }
            }
            NA::Confirm => match f.popup.take() {
                Some(Popup::Finalise) => return self.save_note(f, true),
                Some(Popup::Reason(ta)) => {
                    let reason = clean_line(&content(ta.as_ref())).trim().to_string();
                    if reason.is_empty() {
                        f.popup = Some(Popup::Reason(ta));
                        self.set_status("Say why the note is amended, then Enter".into());
                    } else {
                        self.note.reason_kept = None;
                        f.amend_reason = Some(reason);
                        f.read_only = false;
                        f.slot = Slot::Text(TextField::Text);
                    }
                }
                other => f.popup = other,
            },
            NA::Cancel => match f.popup.take() {
                Some(Popup::Restore(_)) => self.close_note(),
                // What was typed as the reason is kept for the next amend of this note.
                Some(Popup::Reason(ta)) if !content(ta.as_ref()).trim().is_empty() => {
                    if let Some(id) = f.note_id {
                        self.note.reason_kept = Some((id, content(ta.as_ref())));
                        self.set_status(
                            "Not amended; the reason you typed is kept for when you amend it"
                                .into(),
                        );
                    }
                    if f.read_only && self.note.view.is_some() {
                        self.close_note()
                    }
                }
                // Not amending after all: back to the note's view, where it was asked.
                Some(Popup::Reason(_)) if f.read_only && self.note.view.is_some() => {
                    self.close_note()
                }
                _ => {}
            },
            NA::New
            | NA::OpenSelected
            | NA::SelectUp
            | NA::SelectDown
            | NA::OpenDiscarded
            | NA::FindNotes
            | NA::PutBack
            | NA::ScrollUp
            | NA::ScrollDown
            | NA::ScrollPageUp
            | NA::ScrollPageDown
            | NA::ScrollTop
            | NA::ScrollBottom
            | NA::OlderVersion
            | NA::NewerVersion
            | NA::Respond
            | NA::PlanNextVisit
            | NA::ToggleCorrections => {}
        }
        vec![]
    }

    /// Leaves the form for the screen it was opened from (the layer below).
    pub(super) fn close_note(&mut self) {
        self.close(Screen::Note);
        self.note.form = None;
    }

    pub(super) fn officers(&self) -> Vec<String> {
        let mut v: Vec<String> =
            self.data
                .schools
                .iter()
                .map(|s| clean_line(&s.link_officer).trim().to_string())
                .chain(
                    self.notes.values().flatten().flat_map(|n| {
                        std::iter::once(n.author.clone()).chain(n.body.visitors.clone())
                    }),
                )
                .filter(|s| !s.is_empty())
                .collect();
        v.push(self.user.clone());
        v.extend(self.officers.iter().cloned());
        v.sort();
        v.dedup();
        v
    }

    pub(super) fn open_form(&mut self, urn: Urn, note: Option<Note>) -> Vec<Effect> {
        let body = note.as_ref().map(|n| n.body.clone()).unwrap_or_default();
        let mut f = NoteForm::new(urn, &body, self.today, &self.visit_types);
        f.officers = self.officers();
        if let Some(n) = note {
            f.note_id = Some(n.id);
            f.read_only = n.status == NoteStatus::Final;
            f.base = Some(n);
        }
        let key = f.draft_key(&self.user);
        if let Some(d) = self.note.drafts.iter().find(|d| d.key == key) {
            f.popup = Some(Popup::Restore(Box::new(d.clone())));
        }
        let note = f.base.as_ref().map(|n| n.id);
        if let Some(d) = self
            .note
            .others
            .iter()
            .find(|d| d.urn == urn && d.note == note)
        {
            let msg = format!(
                "{} has an unsaved draft of this note from {}: it stays theirs",
                clean_line(&d.author),
                fmt_when(d.at, &self.clock)
            );
            self.set_status(msg);
        }
        self.board.searching = false;
        self.note.form = Some(f);
        self.push(Screen::Note);
        self.dirty = true;
        if self.notes.contains_key(&urn) {
            vec![]
        } else {
            vec![Effect::LoadNotes(urn)]
        }
    }

    pub(super) fn open_new_note(&mut self) -> Vec<Effect> {
        let urn = match self.screen() {
            Screen::School => self.school.as_ref().map(|s| s.urn),
            Screen::Board => self.board.selected_urn(),
            _ => None,
        };
        match urn {
            Some(urn) => self.open_form(urn, None),
            None => {
                self.set_status("No school selected: clear the search or filters (x).".into());
                vec![]
            }
        }
    }

    pub(super) fn open_selected_note(&mut self) -> Vec<Effect> {
        let Some(urn) = self.school.as_ref().map(|s| s.urn) else {
            return vec![];
        };
        let notes = self.notes_newest_first(urn);
        let Some(n) = notes
            .get(self.note.selected.min(notes.len().saturating_sub(1)))
            .map(|n| (*n).clone())
        else {
            self.set_status("No notes of visits yet: n writes one.".into());
            return vec![];
        };
        // A finalised note is read in its view (amended from there); a draft is edited.
        if n.status == NoteStatus::Final {
            self.open_note_view(urn, n.id);
            return vec![];
        }
        self.open_form(urn, Some(n))
    }

    /// Validates the form and asks for the note and its agreed actions to be saved.
    pub(super) fn save_note(&mut self, f: &mut NoteForm, finalise: bool) -> Vec<Effect> {
        if f.read_only {
            return vec![];
        }
        let mut body = match f.body(self.today) {
            Ok(b) => b,
            Err((slot, msg)) => {
                f.slot = slot;
                f.error = Some((slot, msg));
                return vec![];
            }
        };
        f.error = None;
        let note_id = match f.note_id {
            Some(id) => id,
            None => match self.new_id() {
                Some(id) => {
                    f.note_id = Some(id);
                    id
                }
                None => return vec![],
            },
        };
        let mut actions = Vec::new();
        let mut agreed = body.actions.iter_mut();
        for row in f.rows.iter_mut().filter(|r| !r.is_empty()) {
            let Some(aa) = agreed.next() else { break };
            let id = match row.action {
                Some(id) => id,
                None => match self.new_id() {
                    Some(id) => {
                        row.action = Some(id);
                        id
                    }
                    None => return vec![],
                },
            };
            aa.action = Some(id);
            let existing = self.action_by_id(id);
            let rec = ActionRecord {
                id,
                urn: f.urn,
                source: ActionSource::Note(note_id),
                text: aa.text.clone(),
                owner: aa.owner.clone(),
                due: aa.due,
                status: existing.map_or(ActionStatus::Open, |a| a.status),
                completed: existing.and_then(|a| a.completed),
                rev: existing.map_or(0, |a| a.rev),
            };
            if existing != Some(&rec) {
                let what = if existing.is_some() {
                    "updated in note of visit"
                } else {
                    "agreed in note of visit"
                };
                actions.push((Record::Action(rec), what.to_string()));
            }
        }
        for id in &f.removed {
            if let Some(a) = self
                .data
                .actions
                .iter()
                .find(|a| a.id == *id && a.is_open())
            {
                let mut a = a.clone();
                a.status = ActionStatus::Dropped;
                actions.push((Record::Action(a), "removed from note of visit".to_string()));
            }
        }
        let now = self.note_now();
        let (note, summary, message) = match &f.base {
            None => (
                Note {
                    id: note_id,
                    urn: f.urn,
                    author: self.user.clone(),
                    created: now,
                    status: if finalise {
                        NoteStatus::Final
                    } else {
                        NoteStatus::Draft
                    },
                    finalised: finalise.then_some(now),
                    body,
                    amendments: vec![],
                    response: None,
                    rev: 0,
                },
                if finalise {
                    "created and finalised"
                } else {
                    "created"
                }
                .to_string(),
                if finalise {
                    "Note finalised"
                } else {
                    "Note saved"
                }
                .to_string(),
            ),
            Some(base) if base.status == NoteStatus::Final => {
                let reason = f.amend_reason.clone().unwrap_or_default();
                let mut n = base.clone();
                let version = base.version() + 1;
                n.amendments.push(Amendment {
                    version,
                    reason: reason.clone(),
                    author: self.user.clone(),
                    at: now,
                    previous: base.body.clone(),
                });
                n.body = body;
                (
                    n,
                    format!("amended: {reason}"),
                    format!("Note amended (version {version})"),
                )
            }
            Some(base) => {
                let mut n = base.clone();
                n.body = body;
                if finalise {
                    n.status = NoteStatus::Final;
                    n.finalised = Some(now);
                }
                (
                    n,
                    if finalise { "finalised" } else { "edited" }.to_string(),
                    if finalise {
                        "Note finalised"
                    } else {
                        "Note saved"
                    }
                    .to_string(),
                )
            }
        };
        // The visit the note records: the planned one marked done, or a done one (one commit).
        // The school's own activities (a copy: the id source below is borrowed mutably).
        let school_activities: Vec<crate::domain::Activity> =
            self.activities_of(note.urn).into_iter().cloned().collect();
        let visit = crate::domain::schedule::visit_for_note(
            &school_activities,
            &note,
            self.today,
            self.visit_match_days,
            &mut self.ids,
        );
        let mut records = vec![(Record::Note(note), summary)];
        records.extend(actions);
        records.extend(visit.map(|v| (Record::Activity(v), "recorded by a note of visit".into())));
        vec![Effect::Save(SaveRequest {
            records,
            done_message: message,
        })]
    }
}
