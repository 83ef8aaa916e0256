//! The note of visit form: state, keys and update. Keyboard only; every text field is a
//! `TextArea`; nothing is saved until the form is valid; drafts are written after a pause in
//! typing (`App::idle`) and when the session ends (`App::unsaved_draft`), and offered back when
//! the note is opened again. A finalised note is read-only and is amended, not rewritten.

use super::{App, Effect, Record, SaveRequest, Screen, Section};
pub use crate::action::NoteAction;
use crate::action::NoteAction as NA;
use crate::domain::calendar::{fmt_date, parse_date};
use crate::domain::text::{clean_line, clean_text};
use crate::domain::{
    Action as ActionRecord, ActionSource, ActionStatus, AgreedAction, Amendment, Area, Id, Note,
    NoteBody, NoteStatus, Urn,
};
use crate::keymap::Context as X;
use crate::store::Draft;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};
use std::cell::Cell;

/// How long typing must pause before the draft is written.
pub const DRAFT_QUIET_MS: i64 = 3000;

/// The text fields of the form, in `NoteForm::texts` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Date,
    Visitors,
    Purpose,
    PeopleMet,
    Evidence,
    Strengths,
    Development,
    NextSteps,
    NextVisit,
    Text,
}

impl TextField {
    pub const ALL: [TextField; 10] = [
        TextField::Date,
        TextField::Visitors,
        TextField::Purpose,
        TextField::PeopleMet,
        TextField::Evidence,
        TextField::Strengths,
        TextField::Development,
        TextField::NextSteps,
        TextField::NextVisit,
        TextField::Text,
    ];
    pub fn label(self) -> &'static str {
        match self {
            TextField::Date => "Date",
            TextField::Visitors => "Visitor(s)",
            TextField::Purpose => "Purpose",
            TextField::PeopleMet => "People met",
            TextField::Evidence => "Evidence seen",
            TextField::Strengths => "Strengths",
            TextField::Development => "To develop",
            TextField::NextSteps => "Next steps",
            TextField::NextVisit => "Next visit",
            TextField::Text => "Notes",
        }
    }
    /// Long fields take several lines (Enter is a new line); the others are one line (Enter
    /// moves on).
    pub fn multiline(self) -> bool {
        matches!(
            self,
            TextField::Evidence
                | TextField::Strengths
                | TextField::Development
                | TextField::NextSteps
                | TextField::Text
        )
    }
    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowPart {
    Text,
    Owner,
    Due,
}

/// Where the keyboard is in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Text(TextField),
    VisitType,
    Focus,
    Row(usize, RowPart),
    /// The agreed actions heading when there are no rows (Enter or Ctrl-N adds one).
    NoRows,
}

impl Slot {
    pub fn label(self) -> String {
        match self {
            Slot::Text(f) => f.label().to_string(),
            Slot::VisitType => "Visit type".into(),
            Slot::Focus => "Areas in focus".into(),
            Slot::Row(i, RowPart::Text) => format!("Action {}", i + 1),
            Slot::Row(i, RowPart::Owner) => format!("Action {} owner", i + 1),
            Slot::Row(i, RowPart::Due) => format!("Action {} due date", i + 1),
            Slot::NoRows => "Agreed actions".into(),
        }
    }
}

/// One agreed action as typed.
pub struct Row {
    pub text: TextArea<'static>,
    pub owner: TextArea<'static>,
    pub due: TextArea<'static>,
    /// The Action record made from this row, once it has an id.
    pub action: Option<Id>,
}

impl Row {
    fn new(a: &AgreedAction) -> Row {
        Row {
            text: text_area(&a.text),
            owner: text_area(&a.owner),
            due: text_area(&a.due.map(fmt_date).unwrap_or_default()),
            action: a.action,
        }
    }
    fn is_empty(&self) -> bool {
        [&self.text, &self.owner, &self.due]
            .iter()
            .all(|t| content(t).trim().is_empty())
    }
    pub fn part(&self, p: RowPart) -> &TextArea<'static> {
        match p {
            RowPart::Text => &self.text,
            RowPart::Owner => &self.owner,
            RowPart::Due => &self.due,
        }
    }
    fn part_mut(&mut self, p: RowPart) -> &mut TextArea<'static> {
        match p {
            RowPart::Text => &mut self.text,
            RowPart::Owner => &mut self.owner,
            RowPart::Due => &mut self.due,
        }
    }
}

/// A question over the form.
pub enum Popup {
    /// Esc with unsaved changes: save / discard / keep editing.
    Unsaved,
    /// A draft of this note was found: restore / discard.
    Restore(Box<Draft>),
    /// Finalise? y / n.
    Finalise,
    /// The reason for an amendment, typed.
    Reason(Box<TextArea<'static>>),
}

/// A text area that draws plainly: the terminal's own cursor shows where typing goes, and no
/// style changes as the cursor moves (each typed character then costs a few bytes over SSH).
pub fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(String::from).collect();
    let mut ta = TextArea::new(lines);
    ta.set_style(Style::default());
    ta.set_cursor_style(Style::default());
    ta.set_cursor_line_style(Style::default());
    ta.set_selection_style(Style::default().add_modifier(Modifier::REVERSED));
    ta.set_wrap_mode(WrapMode::WordOrGlyph);
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

/// The text of a text area, lines joined with `\n`.
pub fn content(ta: &TextArea) -> String {
    ta.lines().join("\n")
}

pub struct NoteForm {
    pub urn: Urn,
    /// The id the note has (or will have when first saved).
    pub note_id: Option<Id>,
    /// The note as stored, when it has been saved.
    pub base: Option<Note>,
    pub read_only: bool,
    /// Set while amending a finalised note.
    pub amend_reason: Option<String>,
    /// By `TextField` order.
    pub texts: Vec<TextArea<'static>>,
    pub visit_types: Vec<String>,
    pub visit_type: usize,
    pub focus: Vec<Area>,
    pub area_cursor: usize,
    pub rows: Vec<Row>,
    /// Action ids of rows removed since the last save (dropped on save).
    pub removed: Vec<Id>,
    pub slot: Slot,
    /// An inline validation message under a field.
    pub error: Option<(Slot, String)>,
    pub popup: Option<Popup>,
    /// Something changed since opening or the last save.
    pub changed: bool,
    pub return_to: Screen,
    /// Officers' names for completing the visitors field.
    pub officers: Vec<String>,
    /// First visible line of the field list, as the view last left it.
    pub scroll: Cell<u16>,
    close_after_save: bool,
    edit_gen: u64,
    seen_gen: u64,
    draft_gen: u64,
    quiet_since: i64,
}

impl NoteForm {
    fn new(
        urn: Urn,
        body: &NoteBody,
        today: NaiveDate,
        return_to: Screen,
        types: &[String],
    ) -> NoteForm {
        // The configured visit types; a note of a type since removed keeps its type.
        let mut visit_types = if types.is_empty() {
            crate::config::default_visit_types()
        } else {
            types.to_vec()
        };
        let vt = body.visit_type.trim();
        let visit_type = if vt.is_empty() {
            0
        } else {
            match visit_types.iter().position(|t| t == vt) {
                Some(i) => i,
                None => {
                    visit_types.push(vt.to_string());
                    visit_types.len() - 1
                }
            }
        };
        let date = |d: Option<NaiveDate>| d.map(fmt_date).unwrap_or_default();
        let texts = TextField::ALL
            .iter()
            .map(|f| {
                let t = match f {
                    TextField::Date => fmt_date(body.date.unwrap_or(today)),
                    TextField::Visitors => body.visitors.join(", "),
                    TextField::Purpose => body.purpose.clone(),
                    TextField::PeopleMet => body.people_met.clone(),
                    TextField::Evidence => body.evidence.clone(),
                    TextField::Strengths => body.strengths.clone(),
                    TextField::Development => body.development.clone(),
                    TextField::NextSteps => body.next_steps.clone(),
                    TextField::NextVisit => date(body.next_visit),
                    TextField::Text => body.text.clone(),
                };
                text_area(&t)
            })
            .collect();
        NoteForm {
            urn,
            note_id: None,
            base: None,
            read_only: false,
            amend_reason: None,
            texts,
            visit_types,
            visit_type,
            focus: body.focus.clone(),
            area_cursor: 0,
            rows: body.actions.iter().map(Row::new).collect(),
            removed: vec![],
            slot: Slot::Text(TextField::Date),
            error: None,
            popup: None,
            changed: false,
            return_to,
            officers: vec![],
            scroll: Cell::new(0),
            close_after_save: false,
            edit_gen: 0,
            seen_gen: 0,
            draft_gen: 0,
            quiet_since: 0,
        }
    }

    /// Replaces what is typed with `body`, keeping which note this is.
    fn load_body(&mut self, body: &NoteBody, today: NaiveDate) {
        let types = self.visit_types.clone();
        let fresh = NoteForm::new(self.urn, body, today, self.return_to, &types);
        self.texts = fresh.texts;
        self.visit_types = fresh.visit_types;
        self.visit_type = fresh.visit_type;
        self.focus = fresh.focus;
        self.rows = fresh.rows;
        self.slot = Slot::Text(TextField::Date);
        self.error = None;
    }

    pub fn text(&self, f: TextField) -> String {
        content(&self.texts[f.index()])
    }

    pub fn text_area(&self, f: TextField) -> &TextArea<'static> {
        &self.texts[f.index()]
    }

    pub fn visit_type(&self) -> &str {
        self.visit_types
            .get(self.visit_type)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The fields in Tab order.
    pub fn order(&self) -> Vec<Slot> {
        use TextField as F;
        let mut v = vec![
            Slot::Text(F::Date),
            Slot::Text(F::Visitors),
            Slot::VisitType,
            Slot::Text(F::Purpose),
            Slot::Text(F::PeopleMet),
            Slot::Focus,
            Slot::Text(F::Evidence),
            Slot::Text(F::Strengths),
            Slot::Text(F::Development),
        ];
        if self.rows.is_empty() {
            v.push(Slot::NoRows);
        }
        for i in 0..self.rows.len() {
            v.extend([
                Slot::Row(i, RowPart::Text),
                Slot::Row(i, RowPart::Owner),
                Slot::Row(i, RowPart::Due),
            ]);
        }
        v.extend([
            Slot::Text(F::NextSteps),
            Slot::Text(F::NextVisit),
            Slot::Text(F::Text),
        ]);
        v
    }

    fn step(&mut self, by: isize) {
        let order = self.order();
        let i = order.iter().position(|s| *s == self.slot).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.slot = order[(i + by).rem_euclid(n) as usize];
    }

    /// The text area of a slot, if it has one.
    pub fn slot_area(&self, slot: Slot) -> Option<&TextArea<'static>> {
        match slot {
            Slot::Text(f) => Some(&self.texts[f.index()]),
            Slot::Row(i, p) => self.rows.get(i).map(|r| r.part(p)),
            _ => None,
        }
    }

    fn focused_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.slot {
            Slot::Text(f) => Some(&mut self.texts[f.index()]),
            Slot::Row(i, p) => self.rows.get_mut(i).map(|r| r.part_mut(p)),
            _ => None,
        }
    }

    fn focused_multiline(&self) -> bool {
        matches!(self.slot, Slot::Text(f) if f.multiline())
    }

    fn touched(&mut self) {
        self.changed = true;
        self.edit_gen += 1;
    }

    /// A date field's value: `None` if empty, an error naming the field if not a date.
    fn date_of(
        &self,
        slot: Slot,
        text: &str,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, (Slot, String)> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_date(text, today)
            .map(Some)
            .map_err(|e| (slot, format!("{}: {e}", slot.label())))
    }

    /// Checks a date field that the cursor is leaving; sets or clears its message.
    fn check_slot(&mut self, today: NaiveDate) {
        let slot = self.slot;
        let is_date = matches!(
            slot,
            Slot::Text(TextField::Date | TextField::NextVisit) | Slot::Row(_, RowPart::Due)
        );
        if !is_date {
            return;
        }
        let text = self.slot_area(slot).map(content).unwrap_or_default();
        match self.date_of(slot, &text, today) {
            Err(e) => self.error = Some(e),
            Ok(_) => {
                if self.error.as_ref().is_some_and(|(s, _)| *s == slot) {
                    self.error = None;
                }
            }
        }
    }

    /// The note as typed, or the first field that is not valid with a message naming it and
    /// the expected form.
    pub fn body(&self, today: NaiveDate) -> Result<NoteBody, (Slot, String)> {
        use TextField as F;
        let date_slot = Slot::Text(F::Date);
        let date = match self.date_of(date_slot, &self.text(F::Date), today)? {
            Some(d) => d,
            None => {
                return Err((
                    date_slot,
                    "Date: the date of the visit is needed, e.g. 23/11/2026, 23/11 or today".into(),
                ));
            }
        };
        let next_visit = self.date_of(Slot::Text(F::NextVisit), &self.text(F::NextVisit), today)?;
        let mut actions = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            if r.is_empty() {
                continue;
            }
            let text = clean_line(&content(&r.text)).trim().to_string();
            if text.is_empty() {
                return Err((
                    Slot::Row(i, RowPart::Text),
                    format!("Action {}: say what is to be done", i + 1),
                ));
            }
            let due = self.date_of(Slot::Row(i, RowPart::Due), &content(&r.due), today)?;
            actions.push(AgreedAction {
                text,
                owner: clean_line(&content(&r.owner)).trim().to_string(),
                due,
                action: r.action,
            });
        }
        Ok(self.assemble(Some(date), next_visit, actions))
    }

    /// The note as typed, for a draft: dates that do not parse are left out.
    pub fn lenient_body(&self, today: NaiveDate) -> NoteBody {
        let d = |t: &str| parse_date(t, today).ok();
        let actions = self
            .rows
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| AgreedAction {
                text: content(&r.text),
                owner: content(&r.owner),
                due: d(&content(&r.due)),
                action: r.action,
            })
            .collect();
        self.assemble(
            d(&self.text(TextField::Date)),
            d(&self.text(TextField::NextVisit)),
            actions,
        )
    }

    fn assemble(
        &self,
        date: Option<NaiveDate>,
        next_visit: Option<NaiveDate>,
        actions: Vec<AgreedAction>,
    ) -> NoteBody {
        use TextField as F;
        let long = |f: F| clean_text(&self.text(f)).trim_end().to_string();
        let short = |f: F| clean_line(&self.text(f)).trim().to_string();
        NoteBody {
            date,
            visitors: self
                .text(F::Visitors)
                .split([',', ';'])
                .map(|v| clean_line(v).trim().to_string())
                .filter(|v| !v.is_empty())
                .collect(),
            visit_type: self.visit_type().to_string(),
            purpose: short(F::Purpose),
            people_met: short(F::PeopleMet),
            focus: Area::ALL
                .into_iter()
                .filter(|a| self.focus.contains(a))
                .collect(),
            evidence: long(F::Evidence),
            strengths: long(F::Strengths),
            development: long(F::Development),
            actions,
            next_steps: long(F::NextSteps),
            next_visit,
            text: long(F::Text),
        }
    }

    /// The officer whose name completes what is being typed in the visitors field.
    pub fn suggestion(&self) -> Option<&str> {
        if self.slot != Slot::Text(TextField::Visitors) {
            return None;
        }
        let text = self.text(TextField::Visitors);
        let frag = text.rsplit(',').next().unwrap_or("").trim_start();
        if frag.is_empty() {
            return None;
        }
        let lower = frag.to_lowercase();
        self.officers
            .iter()
            .find(|o| o.to_lowercase().starts_with(&lower) && o.len() > frag.len())
            .map(String::as_str)
    }

    fn draft_key(&self) -> String {
        Draft::key_for(self.urn, self.base.as_ref().map(|n| n.id))
    }

    /// The versions of the note: (version, author, when, what).
    pub fn versions(&self) -> Vec<(u32, String, DateTime<Utc>, String)> {
        let Some(n) = &self.base else {
            return vec![];
        };
        let mut v = vec![(1, n.author.clone(), n.created, "written".to_string())];
        for a in &n.amendments {
            v.push((a.version, a.author.clone(), a.at, a.reason.clone()));
        }
        v
    }
}

/// The note screens' part of the app state.
#[derive(Default)]
pub struct NoteUi {
    pub form: Option<NoteForm>,
    /// Drafts found in the store at start-up and not yet restored or discarded.
    pub drafts: Vec<Draft>,
    /// The selected note in the school screen's Notes section (newest first).
    pub selected: usize,
    queued: Vec<Effect>,
    now_ms: i64,
}

/// "Mon 23 Nov 2026 14:02", local time on `clock`.
pub fn fmt_when(at: DateTime<Utc>, clock: &crate::clock::Clock) -> String {
    clock.local(at).format("%a %-d %b %Y %H:%M").to_string()
}

impl App {
    /// The keymap context of the note screens, if one of them has the keyboard.
    pub(super) fn note_context(&self) -> Option<X> {
        if self.screen == Screen::School
            && self
                .school
                .as_ref()
                .is_some_and(|s| s.section == Section::Notes)
        {
            return Some(X::SchoolNotes);
        }
        if self.screen != Screen::Note {
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
    pub(super) fn note_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(super) fn update_note(&mut self, a: NoteAction) -> Vec<Effect> {
        self.dirty = true;
        match a {
            NA::New => return self.open_new_note(),
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
        if self.screen != Screen::Note {
            return vec![];
        }
        let Some(mut f) = self.note.form.take() else {
            return vec![];
        };
        let effects = self.form_action(&mut f, a);
        // `close_note` leaves the note screen; otherwise the form stays.
        if self.screen == Screen::Note && self.note.form.is_none() {
            self.note.form = Some(f);
        }
        effects
    }

    fn form_action(&mut self, f: &mut NoteForm, a: NoteAction) -> Vec<Effect> {
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
                    self.close_note(f);
                }
            }
            NA::Finalise => {
                if f.read_only {
                } else if f.amend_reason.is_some() {
                    return self.save_note(f, false);
                } else {
                    match f.body(today) {
                        Ok(_) => f.popup = Some(Popup::Finalise),
                        Err((slot, msg)) => {
                            f.slot = slot;
                            f.error = Some((slot, msg));
                        }
                    }
                }
            }
            NA::Amend => {
                if f.read_only {
                    f.popup = Some(Popup::Reason(Box::new(text_area(""))));
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
                }
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
                let key = match f.popup.take() {
                    Some(Popup::Restore(d)) => {
                        self.note.drafts.retain(|x| x.key != d.key);
                        return vec![Effect::DeleteDraft(d.key)];
                    }
                    _ => f.draft_key(),
                };
                self.note.drafts.retain(|x| x.key != key);
                self.close_note(f);
                self.set_status("Changes discarded".into());
                return vec![Effect::DeleteDraft(key)];
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
                        f.amend_reason = Some(reason);
                        f.read_only = false;
                        f.slot = Slot::Text(TextField::Text);
                    }
                }
                other => f.popup = other,
            },
            NA::Cancel => {
                if let Some(Popup::Restore(_)) = f.popup.take() {
                    self.close_note(f);
                }
            }
            NA::New | NA::OpenSelected | NA::SelectUp | NA::SelectDown => {}
        }
        vec![]
    }

    /// Leaves the form for the screen it was opened from.
    fn close_note(&mut self, f: &NoteForm) {
        self.screen = if f.return_to == Screen::School && self.school.is_some() {
            Screen::School
        } else {
            Screen::Board
        };
        self.note.form = None;
    }

    fn officers(&self) -> Vec<String> {
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

    fn open_form(&mut self, urn: Urn, note: Option<Note>) -> Vec<Effect> {
        let body = note.as_ref().map(|n| n.body.clone()).unwrap_or_default();
        let mut f = NoteForm::new(urn, &body, self.today, self.screen, &self.visit_types);
        f.officers = self.officers();
        if let Some(n) = note {
            f.note_id = Some(n.id);
            f.read_only = n.status == NoteStatus::Final;
            f.base = Some(n);
        }
        let key = f.draft_key();
        if let Some(d) = self.note.drafts.iter().find(|d| d.key == key) {
            f.popup = Some(Popup::Restore(Box::new(d.clone())));
        }
        self.board.searching = false;
        self.board.filter_popup = None;
        self.note.form = Some(f);
        self.screen = Screen::Note;
        self.dirty = true;
        if self.notes.contains_key(&urn) {
            vec![]
        } else {
            vec![Effect::LoadNotes(urn)]
        }
    }

    fn open_new_note(&mut self) -> Vec<Effect> {
        let urn = match self.screen {
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

    fn open_selected_note(&mut self) -> Vec<Effect> {
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
        self.open_form(urn, Some(n))
    }

    /// Validates the form and asks for the note and its agreed actions to be saved.
    fn save_note(&mut self, f: &mut NoteForm, finalise: bool) -> Vec<Effect> {
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
            let existing = self.data.actions.iter().find(|a| a.id == id);
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
        let mut records = vec![(Record::Note(note), summary)];
        records.extend(actions);
        vec![Effect::Save(SaveRequest {
            records,
            done_message: message,
        })]
    }

    /// Called from `App::saved`: the form takes the stored note (new rev), and its draft goes.
    pub(super) fn note_saved(&mut self, records: &[Record]) {
        let Some(f) = self.note.form.as_mut() else {
            return;
        };
        for r in records {
            if let Record::Note(n) = r
                && Some(n.id) == f.note_id
            {
                let old_key = f.draft_key();
                f.base = Some(n.clone());
                f.changed = false;
                f.amend_reason = None;
                f.removed.clear();
                f.read_only = n.status == NoteStatus::Final;
                f.draft_gen = f.edit_gen;
                let new_key = f.draft_key();
                self.note
                    .drafts
                    .retain(|d| d.key != old_key && d.key != new_key);
                self.note.queued.push(Effect::DeleteDraft(old_key.clone()));
                if new_key != old_key {
                    self.note.queued.push(Effect::DeleteDraft(new_key));
                }
                if f.close_after_save {
                    f.close_after_save = false;
                    let f = self.note.form.take();
                    if let Some(f) = f {
                        self.close_note(&f);
                    }
                    return;
                }
            }
        }
    }

    /// Called from `App::save_failed`: the form keeps every word typed and stays open.
    pub(super) fn note_save_failed(&mut self) {
        if let Some(f) = self.note.form.as_mut() {
            f.close_after_save = false;
            f.changed = true;
        }
    }

    /// A key the note keymap does not bind: text for the focused field.
    pub(super) fn note_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let today = self.today;
        let Some(f) = self.note.form.as_mut() else {
            return vec![];
        };
        if self.screen != Screen::Note {
            return vec![];
        }
        match &mut f.popup {
            Some(Popup::Reason(ta)) => {
                if key.code != KeyCode::Enter {
                    ta.input(Input::from(key));
                    self.dirty = true;
                }
                return vec![];
            }
            Some(_) => return vec![],
            None => {}
        }
        if f.read_only {
            let nav = matches!(
                key.code,
                KeyCode::Up
                    | KeyCode::Down
                    | KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::PageUp
                    | KeyCode::PageDown
                    | KeyCode::Home
                    | KeyCode::End
            );
            if nav && let Some(ta) = f.focused_mut() {
                ta.input(Input::from(key));
                self.dirty = true;
            }
            return vec![];
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match f.slot {
            Slot::VisitType => {
                let n = f.visit_types.len().max(1);
                match key.code {
                    KeyCode::Char(' ') | KeyCode::Right => {
                        f.visit_type = (f.visit_type + 1) % n;
                        f.touched();
                    }
                    KeyCode::Left => {
                        f.visit_type = (f.visit_type + n - 1) % n;
                        f.touched();
                    }
                    KeyCode::Enter => f.step(1),
                    _ => {}
                }
            }
            Slot::Focus => match key.code {
                KeyCode::Left => f.area_cursor = f.area_cursor.saturating_sub(1),
                KeyCode::Right => f.area_cursor = (f.area_cursor + 1).min(Area::ALL.len() - 1),
                KeyCode::Char(c @ ('1'..='6' | ' ' | 'x')) if plain => {
                    let i = match c {
                        '1'..='6' => (c as usize) - ('1' as usize),
                        _ => f.area_cursor,
                    };
                    f.area_cursor = i;
                    let area = Area::ALL[i];
                    if let Some(p) = f.focus.iter().position(|a| *a == area) {
                        f.focus.remove(p);
                    } else {
                        f.focus.push(area);
                    }
                    f.touched();
                }
                KeyCode::Enter => f.step(1),
                _ => {}
            },
            Slot::NoRows => {
                if key.code == KeyCode::Enter {
                    f.rows.push(Row::new(&AgreedAction::default()));
                    f.slot = Slot::Row(0, RowPart::Text);
                    f.touched();
                }
            }
            Slot::Text(_) | Slot::Row(..) => {
                let multiline = f.focused_multiline();
                if matches!(key.code, KeyCode::Enter) && !multiline {
                    f.check_slot(today);
                    f.step(1);
                } else if key.code == KeyCode::Right
                    && let Some(s) = f.suggestion().map(str::to_string)
                    && let Some(ta) = f.focused_mut()
                    && ta.cursor().1 == ta.lines().last().map_or(0, |l| l.chars().count())
                {
                    let text = content(ta);
                    let head = match text.rfind(',') {
                        Some(i) => format!("{}, ", text[..i].trim_end()),
                        None => String::new(),
                    };
                    *ta = text_area(&format!("{head}{s}"));
                    f.touched();
                } else if let Some(ta) = f.focused_mut() {
                    let before = ta.lines().len();
                    let modified = ta.input(Input::from(key));
                    if modified {
                        if !multiline && ta.lines().len() != before {
                            // A one-line field never takes a line break.
                            ta.undo();
                        } else {
                            f.touched();
                        }
                    }
                }
            }
        }
        self.dirty = true;
        vec![]
    }

    /// Text pasted into the terminal (bracketed paste): one edit into the focused field,
    /// cleaned of control characters and escape sequences.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.screen != Screen::Note {
            return vec![];
        }
        let Some(f) = self.note.form.as_mut() else {
            return vec![];
        };
        self.dirty = true;
        match &mut f.popup {
            Some(Popup::Reason(ta)) => {
                ta.insert_str(clean_line(text));
                return vec![];
            }
            Some(_) => return vec![],
            None => {}
        }
        if f.read_only {
            return vec![];
        }
        let multiline = f.focused_multiline();
        let cleaned = if multiline {
            clean_text(text)
        } else {
            clean_line(text)
        };
        match f.focused_mut() {
            Some(ta) => {
                if ta.insert_str(cleaned) {
                    f.touched();
                }
            }
            None => self.set_status("Paste into a text field: Tab to one first".into()),
        }
        vec![]
    }

    /// The runtime's tick (every ~200 ms, and after input), with the wall clock in ms since the
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

    /// The external editor finished with `text` for the free-text field.
    pub fn external_edit_done(&mut self, text: &str) {
        self.dirty = true;
        let Some(f) = self.note.form.as_mut() else {
            return;
        };
        let cleaned = clean_text(text);
        let cleaned = cleaned.trim_end_matches('\n');
        if cleaned != f.text(TextField::Text) {
            f.texts[TextField::Text.index()] = text_area(cleaned);
            f.touched();
        }
        f.slot = Slot::Text(TextField::Text);
    }
}
