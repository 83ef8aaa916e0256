//! A finalised note of visit, read-only: state and update. Every field is drawn in full
//! (`ui::note_view`) and scrolls; the note's versions can be stepped through, each earlier one
//! shown with what changed from the one before; amending is an explicit key (the form, over
//! this view); the school's response is recorded from here and saved with the note.

use super::*;

/// The view of one note. The note itself is read from `App::notes` each time, so a save
/// landing (an amendment, a response) shows at once.
pub struct NoteView {
    pub urn: Urn,
    pub id: Id,
    /// The version shown; `None`: the current one.
    pub version: Option<u32>,
    pub scroll: u16,
    /// Furthest the view can scroll and the page height, as the drawing last found them.
    pub max: Cell<u16>,
    pub page: Cell<u16>,
    /// The school's response being recorded, if its form is open.
    pub response: Option<ResponseForm>,
}

/// Which field of the response form has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseSlot {
    Received,
    Accurate,
    Comment,
}

/// The school's response being typed.
pub struct ResponseForm {
    pub slot: ResponseSlot,
    pub received: TextArea<'static>,
    pub corrections: bool,
    pub comment: TextArea<'static>,
    pub error: Option<String>,
    /// Saved and waiting for the store: the form closes when the save lands.
    pub saving: bool,
}

impl ResponseForm {
    fn new(existing: Option<&crate::domain::SchoolResponse>, today: NaiveDate) -> ResponseForm {
        ResponseForm {
            slot: ResponseSlot::Received,
            received: text_area(&fmt_date(existing.map_or(today, |r| r.received))),
            corrections: existing.is_some_and(|r| r.corrections),
            comment: text_area(&clean_text(existing.map_or("", |r| r.comment.as_str()))),
            error: None,
            saving: false,
        }
    }

    fn step(&mut self, forward: bool) {
        use ResponseSlot as S;
        self.slot = match (self.slot, forward) {
            (S::Received, true) | (S::Comment, false) => S::Accurate,
            (S::Accurate, true) => S::Comment,
            (S::Accurate, false) => S::Received,
            (S::Comment, true) => S::Received,
            (S::Received, false) => S::Comment,
        };
    }

    fn focused(&mut self) -> Option<&mut TextArea<'static>> {
        match self.slot {
            ResponseSlot::Received => Some(&mut self.received),
            ResponseSlot::Comment => Some(&mut self.comment),
            ResponseSlot::Accurate => None,
        }
    }
}

impl NoteView {
    pub fn new(urn: Urn, id: Id) -> NoteView {
        NoteView {
            urn,
            id,
            version: None,
            scroll: 0,
            max: Cell::new(u16::MAX),
            page: Cell::new(10),
            response: None,
        }
    }
}

impl App {
    /// The note on the view, as loaded.
    pub fn note_viewed(&self) -> Option<&Note> {
        let v = self.note.view.as_ref()?;
        self.notes.get(&v.urn)?.iter().find(|n| n.id == v.id)
    }

    /// Opens the read-only view of a finalised note over the screen on top.
    pub(super) fn open_note_view(&mut self, urn: Urn, id: Id) {
        self.note.view = Some(NoteView::new(urn, id));
        self.board.searching = false;
        self.push(Screen::NoteView);
    }

    /// Plans the next visit the school's entitlement proposes after the viewed note's visit:
    /// saved at once, audited; says so when one is planned already.
    fn plan_next_visit(&mut self, v: &NoteView) -> Vec<Effect> {
        let Some(date) = self.note_viewed_by(v).and_then(|n| n.body.date) else {
            return vec![];
        };
        if crate::domain::schedule::proposed_visit(&self.data, v.urn, date, 0).is_none() {
            self.set_status(
                "A visit is already planned after this one (or the priority has none).".into(),
            );
            return vec![];
        }
        let Some(id) = self.new_id() else {
            return vec![];
        };
        let Some(a) = crate::domain::schedule::proposed_visit(&self.data, v.urn, date, id) else {
            return vec![];
        };
        let msg = format!("Next visit planned for {}", fmt_date(a.planned));
        vec![Effect::Save(SaveRequest {
            records: vec![(
                Record::Activity(a),
                "next visit planned as the entitlement proposes".into(),
            )],
            done_message: msg,
        })]
    }

    pub(super) fn update_note_view(&mut self, a: NoteAction) -> Vec<Effect> {
        let Some(mut v) = self.note.view.take() else {
            return vec![];
        };
        let effects = if v.response.is_some() {
            self.response_action(&mut v, a)
        } else {
            self.view_action(&mut v, a)
        };
        // Closing the view took it off the stack; otherwise it stays.
        if self
            .layers
            .contains(crate::app::Layer::Screen(Screen::NoteView))
            && self.note.view.is_none()
        {
            self.note.view = Some(v);
        }
        effects
    }

    fn view_action(&mut self, v: &mut NoteView, a: NoteAction) -> Vec<Effect> {
        let max = v.max.get();
        let page = v.page.get().max(1);
        let current = self.note_viewed_by(v).map_or(1, Note::version);
        match a {
            NA::ScrollUp => v.scroll = v.scroll.saturating_sub(1),
            NA::ScrollDown => v.scroll = v.scroll.saturating_add(1).min(max),
            NA::ScrollPageUp => v.scroll = v.scroll.saturating_sub(page),
            NA::ScrollPageDown => v.scroll = v.scroll.saturating_add(page).min(max),
            NA::ScrollTop => v.scroll = 0,
            NA::ScrollBottom => v.scroll = max,
            NA::OlderVersion | NA::NewerVersion => {
                let shown = v.version.unwrap_or(current);
                let next = if a == NA::OlderVersion {
                    shown.saturating_sub(1).max(1)
                } else {
                    (shown + 1).min(current)
                };
                if next == shown {
                    self.set_status(if a == NA::OlderVersion {
                        "This is the first version".into()
                    } else {
                        "This is the current version".into()
                    });
                }
                v.version = (next != current).then_some(next);
                v.scroll = 0;
            }
            NA::PlanNextVisit => return self.plan_next_visit(v),
            NA::Amend => {
                let Some(n) = self.note_viewed_by(v).cloned() else {
                    return vec![];
                };
                let kept = self.kept_reason(n.id);
                let effects = self.open_form(v.urn, Some(n));
                // The restore question comes first if this officer has a draft of it.
                if let Some(f) = self.note.form.as_mut()
                    && f.popup.is_none()
                {
                    f.popup = Some(Popup::Reason(Box::new(text_area(&kept))));
                }
                return effects;
            }
            NA::Respond => {
                let existing = self.note_viewed_by(v).and_then(|n| n.response.clone());
                v.response = Some(ResponseForm::new(existing.as_ref(), self.today));
            }
            NA::Close => {
                self.close(Screen::NoteView);
            }
            _ => {}
        }
        vec![]
    }

    fn note_viewed_by(&self, v: &NoteView) -> Option<&Note> {
        self.notes.get(&v.urn)?.iter().find(|n| n.id == v.id)
    }

    fn response_action(&mut self, v: &mut NoteView, a: NoteAction) -> Vec<Effect> {
        let Some(r) = v.response.as_mut() else {
            return vec![];
        };
        match a {
            NA::NextField | NA::PrevField => r.step(a == NA::NextField),
            NA::ToggleCorrections => r.corrections = !r.corrections,
            NA::Cancel => v.response = None,
            NA::Save => return self.save_response(v),
            _ => {}
        }
        vec![]
    }

    /// Checks the response and asks for the note to be saved with it (one commit).
    fn save_response(&mut self, v: &mut NoteView) -> Vec<Effect> {
        let Some(note) = self.note_viewed_by(v).cloned() else {
            return vec![];
        };
        let now = self.note_now();
        let today = self.today;
        let user = self.user.clone();
        let Some(r) = v.response.as_mut() else {
            return vec![];
        };
        let typed = clean_line(&content(&r.received));
        let received = match parse_date(&typed, today) {
            Ok(d) if d > today => {
                r.error = Some("The response cannot have been received after today".into());
                r.slot = ResponseSlot::Received;
                return vec![];
            }
            Ok(d) => d,
            Err(_) => {
                r.error = Some(format!(
                    "Received: '{}' is not a date; type e.g. {}",
                    typed.trim(),
                    fmt_date(today)
                ));
                r.slot = ResponseSlot::Received;
                return vec![];
            }
        };
        r.error = None;
        r.saving = true;
        let mut n = note;
        let again = n.response.is_some();
        n.response = Some(crate::domain::SchoolResponse {
            received,
            corrections: r.corrections,
            comment: clean_text(&content(&r.comment)).trim().to_string(),
            recorded_by: user,
            recorded_at: now,
        });
        let verdict = if r.corrections {
            "factual corrections requested"
        } else {
            "accurate"
        };
        let summary = format!(
            "school's response {} (received {}, {verdict})",
            if again { "changed" } else { "recorded" },
            fmt_date(received)
        );
        vec![Effect::Save(SaveRequest {
            records: vec![(Record::Note(n), summary)],
            done_message: "The school's response is saved with the note".into(),
        })]
    }

    /// A key the view's keymap does not bind: typing into the response form, if it is open.
    pub(in crate::app) fn note_view_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(r) = self.note.view.as_mut().and_then(|v| v.response.as_mut()) else {
            return vec![];
        };
        self.dirty = true;
        match (r.slot, key.code) {
            (ResponseSlot::Accurate, KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right) => {
                r.corrections = !r.corrections;
            }
            (ResponseSlot::Accurate | ResponseSlot::Received, KeyCode::Enter) => r.step(true),
            (ResponseSlot::Accurate, _) => {}
            _ => {
                if let Some(ta) = r.focused() {
                    ta.input(Input::from(key));
                }
            }
        }
        vec![]
    }

    /// Text pasted while the response form is open: into its focused field.
    pub(in crate::app) fn note_view_paste(&mut self, text: &str) -> bool {
        let Some(r) = self.note.view.as_mut().and_then(|v| v.response.as_mut()) else {
            return false;
        };
        let one_line = r.slot == ResponseSlot::Received;
        if let Some(ta) = r.focused() {
            ta.insert_str(if one_line {
                clean_line(text)
            } else {
                clean_text(text)
            });
        }
        self.dirty = true;
        true
    }

    /// Called from `App::saved`: a saved response closes its form; a finalised or amended
    /// note's form gives way to this view.
    pub(super) fn view_saved(&mut self, records: &[Record]) {
        let Some(v) = self.note.view.as_mut() else {
            return;
        };
        for r in records {
            if let Record::Note(n) = r
                && n.id == v.id
                && v.response.as_ref().is_some_and(|f| f.saving)
            {
                v.response = None;
            }
        }
    }

    /// Called from `App::save_failed`: the response form stays open with what was typed.
    pub(in crate::app) fn view_save_failed(&mut self) {
        if let Some(r) = self.note.view.as_mut().and_then(|v| v.response.as_mut()) {
            r.saving = false;
        }
    }
}
