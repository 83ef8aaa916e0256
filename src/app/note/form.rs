//! The note of visit form as typed: its text fields, agreed action rows, where the keyboard
//! is, and how its text becomes a `NoteBody` (checked, or leniently for a draft).

use super::*;

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
    pub(super) fn index(self) -> usize {
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
    pub(super) fn new(a: &AgreedAction) -> Row {
        Row {
            text: text_area(&a.text),
            owner: text_area(&a.owner),
            due: text_area(&a.due.map(fmt_date).unwrap_or_default()),
            action: a.action,
        }
    }
    pub(super) fn is_empty(&self) -> bool {
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
    pub(super) fn part_mut(&mut self, p: RowPart) -> &mut TextArea<'static> {
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

/// A required field's name in a message.
fn slot_name(slot: Slot) -> &'static str {
    match slot {
        Slot::Text(f) => f.label(),
        Slot::VisitType => "Visit type",
        _ => "",
    }
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
    /// Officers' names for completing the visitors field.
    pub officers: Vec<String>,
    /// First visible line of the field list, as the view last left it.
    pub scroll: Cell<u16>,
    pub(super) close_after_save: bool,
    pub(super) edit_gen: u64,
    pub(super) seen_gen: u64,
    pub(super) draft_gen: u64,
    /// When typing was last seen (ms, the runtime's clock): a pause is counted from here.
    pub(super) last_edit_ms: i64,
    /// No later than the oldest edit not yet kept (ms); `None` when everything is kept.
    pub(super) first_unkept_ms: Option<i64>,
    /// When the draft was last kept in the store (the form's "kept 14:03:22").
    pub kept_at: Option<DateTime<Utc>>,
    /// Action rows removed by Ctrl-D, most recent last, with where they were (Ctrl-Z).
    pub(super) removed_rows: Vec<(usize, Row)>,
    /// The last change was removing a row: Ctrl-Z puts it back before any text undo.
    pub(super) row_undo: bool,
}

impl NoteForm {
    pub(super) fn new(urn: Urn, body: &NoteBody, today: NaiveDate, types: &[String]) -> NoteForm {
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
            officers: vec![],
            scroll: Cell::new(0),
            close_after_save: false,
            edit_gen: 0,
            seen_gen: 0,
            draft_gen: 0,
            last_edit_ms: 0,
            first_unkept_ms: None,
            kept_at: None,
            removed_rows: vec![],
            row_undo: false,
        }
    }

    /// Replaces what is typed with `body`, keeping which note this is.
    pub(super) fn load_body(&mut self, body: &NoteBody, today: NaiveDate) {
        let types = self.visit_types.clone();
        let fresh = NoteForm::new(self.urn, body, today, &types);
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

    pub(super) fn step(&mut self, by: isize) {
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

    pub(super) fn focused_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.slot {
            Slot::Text(f) => Some(&mut self.texts[f.index()]),
            Slot::Row(i, p) => self.rows.get_mut(i).map(|r| r.part_mut(p)),
            _ => None,
        }
    }

    pub(super) fn focused_multiline(&self) -> bool {
        matches!(self.slot, Slot::Text(f) if f.multiline())
    }

    pub(super) fn touched(&mut self) {
        self.changed = true;
        self.edit_gen += 1;
        self.row_undo = false;
    }

    /// A date field's value: `None` if empty, an error naming the field if not a date.
    pub(super) fn date_of(
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
    pub(super) fn check_slot(&mut self, today: NaiveDate) {
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

    /// What a note needs before it is finalised (date, visitor, visit type, purpose): the
    /// first missing field, with a message naming every one missing.
    pub fn missing_for_final(&self, today: NaiveDate) -> Result<(), (Slot, String)> {
        use TextField as F;
        let date_ok = parse_date(&self.text(F::Date), today).is_ok();
        let missing: Vec<(Slot, &str)> = [
            (Slot::Text(F::Date), !date_ok),
            (
                Slot::Text(F::Visitors),
                self.text(F::Visitors)
                    .split([',', ';'])
                    .all(|v| v.trim().is_empty()),
            ),
            (Slot::VisitType, self.visit_type().trim().is_empty()),
            (
                Slot::Text(F::Purpose),
                self.text(F::Purpose).trim().is_empty(),
            ),
        ]
        .into_iter()
        .filter(|(_, gone)| *gone)
        .map(|(slot, _)| (slot, slot_name(slot)))
        .collect();
        match missing.first() {
            None => Ok(()),
            Some((slot, _)) => {
                let names: Vec<&str> = missing.iter().map(|(_, n)| *n).collect();
                Err((
                    *slot,
                    format!(
                        "To finalise, fill in: {} (Ctrl-S saves it as it is)",
                        names.join(", ")
                    ),
                ))
            }
        }
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

    pub(super) fn assemble(
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

    /// Where `user`'s draft of this note is kept.
    pub(super) fn draft_key(&self, user: &str) -> String {
        Draft::key_of(self.urn, self.base.as_ref().map(|n| n.id), user)
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
