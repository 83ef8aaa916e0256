//! When a save runs into someone else's: the record was saved by another officer since this
//! form opened it. Never last-writer-wins: the form keeps every word, and a layer over it
//! offers the choices — view theirs (what differs from yours marked), keep mine (back to the
//! form, kept as this officer's draft), save mine over theirs (typed `overwrite`, audited; a
//! note keeps theirs as an earlier version), discard mine (`Ctrl-Q`, as the form's own).

use super::save::{Record, SaveRequest, Theirs};
use super::{App, Effect, Layer, Nav, Screen};
use crate::action::{Action, ConflictAction as CA, NoteAction};
use crate::domain::Id;
use crate::domain::note::{Amendment, NoteStatus};
use chrono::{DateTime, Utc};

/// The word that saves over theirs: typed, so no reflex key (a second `Ctrl-S`, `y`, Enter)
/// can throw their work away.
pub const OVERWRITE: &str = "overwrite";

/// The choices while they are open.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// What this session asked to save, as it asked.
    pub request: SaveRequest,
    pub kind: String,
    pub id: Id,
    pub theirs: Theirs,
    /// The form under the layer (what `Ctrl-Q` discards).
    pub screen: Screen,
    /// What is typed towards `overwrite`.
    pub typed: String,
    /// Their record is shown, with the lines that differ from yours marked.
    pub showing: bool,
    pub scroll: u16,
}

impl Conflict {
    /// Their record as labelled lines, each marked when it differs from the one being saved.
    pub fn lines(&self) -> Vec<(bool, String, String)> {
        let mine = self
            .request
            .records
            .iter()
            .map(|(r, _)| r)
            .find(|r| r.kind() == self.kind && r.id() == self.id)
            .map(record_lines)
            .unwrap_or_default();
        record_lines(&self.theirs.record)
            .into_iter()
            .map(|(label, value)| {
                let same = mine.iter().any(|(l, v)| *l == label && *v == value);
                (!same, label, value)
            })
            .collect()
    }

    /// A form this layer can discard with `Ctrl-Q` (every form but the meeting's, whose
    /// decisions are not thrown away from here).
    pub fn can_discard(&self) -> bool {
        discard_action(self.screen).is_some()
    }
}

/// The action that discards the form on `screen`, if it has one.
fn discard_action(screen: Screen) -> Option<Action> {
    match screen {
        Screen::Note => Some(Action::Note(NoteAction::Discard)),
        Screen::ActivityForm
        | Screen::CheckpointForm
        | Screen::PlanForm
        | Screen::SchoolForm
        | Screen::StepForm => Some(Action::FormDiscard),
        _ => None,
    }
}

impl App {
    /// The choices of a save that ran into another officer's (`save_failed` opens them when
    /// the store said whose it is).
    pub fn conflict(&self) -> Option<&Conflict> {
        self.conflict.as_ref()
    }

    /// Remembers the last save asked for: a conflict answering it offers to save it again.
    pub(super) fn remember_save(&mut self, effects: &[Effect]) {
        if let Some(req) = effects.iter().rev().find_map(|e| match e {
            Effect::Save(req) => Some(req),
            _ => None,
        }) {
            self.last_save = Some(req.clone());
        }
    }

    /// Opens the choices over the form, if the failed save is the one remembered.
    pub(super) fn open_conflict(&mut self, kind: &str, id: Id, theirs: Theirs) {
        // A meeting is merged with the other session's changes where they do not collide
        // (`effects::save_merging`); what collides is never saved over another clerk's
        // decisions: its form keeps the text and Enter tries again on the fresh data.
        if kind == "meeting" {
            return;
        }
        let Some(request) = self.last_save.take() else {
            return;
        };
        if !request
            .records
            .iter()
            .any(|(r, _)| r.kind() == kind && r.id() == id)
        {
            return;
        }
        self.conflict = Some(Conflict {
            request,
            kind: kind.to_string(),
            id,
            theirs,
            screen: self.screen(),
            typed: String::new(),
            showing: false,
            scroll: 0,
        });
        if let Some(c) = &self.conflict {
            let by = crate::domain::text::clean_line(self.officer_names.name(&c.theirs.by));
            if !by.is_empty() {
                self.set_status(format!(
                    "Not saved: {by} saved this {kind} meanwhile; yours is kept (choose below)"
                ));
            }
        }
        if self.layers.top() != Layer::Conflict {
            self.nav(Nav::Push(Layer::Conflict));
        }
    }

    /// Keys while the choices are open.
    pub(super) fn update_conflict(&mut self, action: Action) -> Vec<Effect> {
        let Some(c) = self.conflict.as_mut() else {
            self.nav(Nav::Pop);
            return vec![];
        };
        let Action::Conflict(a) = action else {
            return vec![];
        };
        match a {
            CA::Toggle => {
                c.showing = !c.showing;
                c.scroll = 0;
            }
            CA::Down => c.scroll = c.scroll.saturating_add(1),
            CA::Up => c.scroll = c.scroll.saturating_sub(1),
            CA::PageDown => c.scroll = c.scroll.saturating_add(10),
            CA::PageUp => c.scroll = c.scroll.saturating_sub(10),
            CA::Backspace => {
                c.typed.pop();
            }
            CA::KeepMine => {
                self.close_conflict();
                self.set_status(
                    "Yours is kept in the form (and as your draft); theirs stays saved. \
                     Ctrl-S offers these choices again"
                        .into(),
                );
            }
            CA::DiscardMine => {
                let Some(discard) = discard_action(c.screen) else {
                    self.set_status("This form is not discarded from here: Esc goes back".into());
                    return vec![];
                };
                self.close_conflict();
                return self.update(discard);
            }
            CA::Overwrite => {
                if c.typed.trim() != OVERWRITE {
                    self.set_status(format!(
                        "Type {OVERWRITE} then Enter to save yours over theirs (or Esc)"
                    ));
                    return vec![];
                }
                let (user, now) = (self.user.clone(), self.clock.now());
                let at = c
                    .theirs
                    .at
                    .map(|t| self.clock.local(t).format(" of %H:%M").to_string());
                let request = over_theirs(c, &user, now, at.as_deref().unwrap_or(""));
                self.close_conflict();
                self.last_save = Some(request.clone());
                return vec![Effect::Save(request)];
            }
        }
        vec![]
    }

    /// A key the choices do not bind: a letter towards `overwrite`.
    pub(super) fn conflict_key(&mut self, c: char) {
        if let Some(conflict) = self.conflict.as_mut()
            && !c.is_control()
            && conflict.typed.chars().count() < 20
        {
            conflict.typed.push(c);
        }
    }

    fn close_conflict(&mut self) {
        self.conflict = None;
        if self.layers.top() == Layer::Conflict {
            self.nav(Nav::Pop);
        }
    }
}

/// The request again, its conflicting record put over theirs: their revision, and for a note
/// their version kept as an earlier one (an amendment by this officer), so nothing of theirs
/// leaves the history. The audit entry says whose change it was saved over.
fn over_theirs(c: &Conflict, user: &str, now: DateTime<Utc>, at: &str) -> SaveRequest {
    let mut request = c.request.clone();
    let by = crate::domain::text::clean_line(&c.theirs.by);
    let by = if by.is_empty() {
        "another officer".to_string()
    } else {
        by
    };
    // Every save of a note records its visit (`schedule::visit_for_note`): theirs did, so a
    // visit this request would create for the note is one too many.
    if let Record::Note(theirs) = &c.theirs.record {
        request.records.retain(
            |(r, _)| !matches!(r, Record::Activity(a) if a.rev == 0 && a.note == Some(theirs.id)),
        );
    }
    for (record, summary) in &mut request.records {
        if record.kind() != c.kind || record.id() != c.id {
            continue;
        }
        *record = rebase(record.clone(), &c.theirs.record, user, now, &by);
        summary.push_str(&format!(" (saved over {by}'s change{at})"));
    }
    request
}

fn rebase(mine: Record, theirs: &Record, user: &str, now: DateTime<Utc>, by: &str) -> Record {
    match (mine, theirs) {
        (Record::Note(mine), Record::Note(t))
            if mine.status == NoteStatus::Final && t.status == NoteStatus::Final =>
        {
            let mut note = t.clone();
            let reason = mine
                .amendments_in_order()
                .last()
                .filter(|a| a.author == user && a.version > t.version())
                .map(|a| a.reason.clone())
                .unwrap_or_else(|| format!("kept my version over {by}'s"));
            if mine.body != t.body {
                note.amendments.push(Amendment {
                    version: t.version() + 1,
                    reason,
                    author: user.to_string(),
                    at: now,
                    previous: t.body.clone(),
                });
                note.body = mine.body;
            }
            // The school's response recorded last is the one that stands.
            note.response = match (mine.response, t.response.clone()) {
                (Some(m), Some(o)) => Some(if m.recorded_at >= o.recorded_at { m } else { o }),
                (m, o) => m.or(o),
            };
            Record::Note(note)
        }
        (mut mine, theirs) => {
            mine.set_rev(theirs.rev());
            mine
        }
    }
}

/// A record as labelled lines, for reading theirs beside yours: every field but the revision,
/// nested fields named by their path, each line of a multi-line text its own line.
pub fn record_lines(r: &Record) -> Vec<(String, String)> {
    // A note reads as its view does: its date and fields, by their labels.
    if let Record::Note(n) = r {
        let date = n
            .body
            .date
            .map(crate::domain::calendar::fmt_date)
            .unwrap_or_default();
        let mut out = vec![("Date".to_string(), date)];
        for (label, text) in n.body.labelled() {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                out.push((label.to_string(), line.to_string()));
            }
        }
        return out;
    }
    let value = match r {
        Record::School(x) => serde_json::to_value(x),
        Record::Decision(x) => serde_json::to_value(x),
        Record::Meeting(x) => serde_json::to_value(x),
        Record::Activity(x) => serde_json::to_value(x),
        Record::Plan(x) => serde_json::to_value(x),
        Record::Checkpoint(x) => serde_json::to_value(x),
        Record::Note(x) => serde_json::to_value(x),
        Record::Action(x) => serde_json::to_value(x),
        Record::Escalation(x) => serde_json::to_value(x),
    };
    let mut out = Vec::new();
    if let Ok(v) = value {
        flatten("", &v, &mut out);
    }
    out
}

fn flatten(path: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value as V;
    let label = path.replace('_', " ");
    match v {
        V::Object(map) => {
            for (k, child) in map {
                if k == "rev" {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(&p, child, out);
            }
        }
        V::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let parts: Vec<String> = items.iter().map(scalar).collect();
            out.push((label, parts.join(", ")));
        }
        V::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                flatten(&format!("{path}[{}]", i + 1), child, out);
            }
        }
        V::String(s) if s.trim().is_empty() => {}
        V::String(s) if s.contains('\n') => {
            for line in s.lines() {
                out.push((label.clone(), line.to_string()));
            }
        }
        other => out.push((label, scalar(other))),
    }
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    }
}
