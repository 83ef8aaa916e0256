//! Editing a school's details from the school screen (`e`), and setting the link officer of the
//! schools shown on the board in one go (`L`). Either saves as one commit; the audit entry of
//! each school says what changed, field by field ("link officer: A → B").

use super::kept::KeptForm;
use super::school_draft::SchoolDraft;
use super::{Action, App, Effect, Record, SaveRequest, Screen};
use crate::domain::school_details::{DetailField, SchoolDetails, changes};
use crate::domain::text::clean_line;
use crate::domain::{School, Urn};

/// The details form over the school screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolForm {
    pub urn: Urn,
    pub details: SchoolDetails,
    /// The details as the form opened with them (Esc closes at once only if unchanged).
    pub opened: SchoolDetails,
    /// Who may be chosen as link officer ("" is none).
    pub officers: Vec<String>,
    pub field: usize,
    pub error: Option<String>,
    /// A save was asked for and has not come back yet.
    pub pending: bool,
}

impl SchoolForm {
    pub fn current(&self) -> DetailField {
        DetailField::ALL[self.field.min(DetailField::ALL.len() - 1)]
    }
    pub(crate) fn text_mut(&mut self) -> Option<&mut String> {
        let f = self.current();
        f.is_text().then(|| self.details.get_mut(f))
    }
}

/// The board's "set the link officer of the schools shown" popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkOfficer {
    /// The schools shown on the board when it was opened, in board order.
    pub urns: Vec<Urn>,
    pub officers: Vec<String>,
    /// Index into `officers`.
    pub choice: usize,
    pub pending: bool,
}

impl BulkOfficer {
    pub fn officer(&self) -> &str {
        self.officers.get(self.choice).map_or("", String::as_str)
    }
}

/// Steps `current` through `officers` (which starts with "" for none).
fn step(officers: &[String], current: &str, by: isize) -> String {
    let n = officers.len().max(1) as isize;
    let i = officers.iter().position(|o| o == current).unwrap_or(0) as isize;
    officers
        .get((i + by).rem_euclid(n) as usize)
        .cloned()
        .unwrap_or_default()
}

impl App {
    /// Link officers to choose from: none, then the configured officers (else, with none
    /// configured, those already named on schools).
    pub(crate) fn link_officer_choices(&self) -> Vec<String> {
        let mut v: Vec<String> = if self.officers.is_empty() {
            self.data
                .schools
                .iter()
                .map(|s| clean_line(&s.link_officer).trim().to_string())
                .collect()
        } else {
            self.officers.iter().map(|o| clean_line(o)).collect()
        };
        v.retain(|o| !o.is_empty());
        v.sort();
        v.dedup();
        v.insert(0, String::new());
        v
    }

    /// `e` on the school screen.
    pub(super) fn open_school_form(&mut self, urn: Urn) {
        let Some(s) = self.school_by_urn(urn) else {
            return;
        };
        let details = SchoolDetails::of(s);
        let mut officers = self.link_officer_choices();
        // The officer held now stays choosable even if no longer configured.
        if !officers.contains(&details.link_officer) {
            officers.push(details.link_officer.clone());
        }
        self.school_form = Some(SchoolForm {
            urn,
            opened: details.clone(),
            details,
            officers,
            field: 0,
            error: None,
            pending: false,
        });
        self.push(Screen::SchoolForm);
        self.restore_school_draft();
    }

    pub(super) fn update_school_form(&mut self, action: Action) -> Vec<Effect> {
        let Some(f) = self.school_form.as_mut() else {
            self.close(Screen::SchoolForm);
            return vec![];
        };
        let n = DetailField::ALL.len();
        match action {
            Action::FieldNext => f.field = (f.field + 1) % n,
            Action::FieldPrev => f.field = (f.field + n - 1) % n,
            Action::ValueNext | Action::ValuePrev if !f.current().is_text() => {
                let by = if action == Action::ValueNext { 1 } else { -1 };
                f.details.link_officer = step(&f.officers, &f.details.link_officer, by);
                f.error = None;
            }
            // Esc never throws typing away: with a change made it says how to save or discard.
            Action::FormCancel if f.details != f.opened => {
                f.error = Some("Changed: Ctrl-S saves, Ctrl-Q discards the changes.".into());
            }
            Action::FormCancel | Action::FormDiscard => {
                let (urn, changed) = (f.urn, f.details != f.opened);
                let typed = SchoolDraft::open(self, 0);
                self.school_form = None;
                self.close(Screen::SchoolForm);
                if changed {
                    self.set_status("School details not saved.".into());
                }
                self.kept_given_up::<SchoolDraft>(urn, typed);
            }
            Action::FormSave if !f.pending => {
                let Some(old) = self.data.schools.iter().find(|s| s.urn == f.urn) else {
                    return vec![];
                };
                if let Err(e) = f.details.check(&f.officers) {
                    f.error = Some(e);
                    return vec![];
                }
                let new = f.details.apply(old);
                let changed = changes(old, &new);
                if changed.is_empty() {
                    let urn = f.urn;
                    self.school_form = None;
                    self.kept_done::<SchoolDraft>(urn);
                    self.close(Screen::SchoolForm);
                    self.set_status("Nothing changed.".into());
                    return vec![];
                }
                f.pending = true;
                return vec![Effect::Save(SaveRequest {
                    records: vec![(Record::School(new), changed.join("; "))],
                    done_message: "School details saved".into(),
                })];
            }
            _ => {}
        }
        vec![]
    }

    /// `L` on the board: the popup for the schools shown.
    pub(super) fn open_bulk_officer(&mut self) {
        let urns: Vec<Urn> = self
            .board
            .visible
            .iter()
            .filter_map(|&i| self.board.rows.get(i).map(|r| r.urn))
            .collect();
        if urns.is_empty() {
            self.set_status("No schools shown: nothing to assign.".into());
            return;
        }
        let officers = self.link_officer_choices();
        self.bulk_officer = Some(BulkOfficer {
            urns,
            choice: officers.len().min(2) - 1,
            officers,
            pending: false,
        });
        self.push(Screen::BulkOfficer);
    }

    pub(super) fn update_bulk_officer(&mut self, action: Action) -> Vec<Effect> {
        let Some(b) = self.bulk_officer.as_mut() else {
            self.close(Screen::BulkOfficer);
            return vec![];
        };
        let n = b.officers.len().max(1);
        match action {
            Action::ValueNext => b.choice = (b.choice + 1) % n,
            Action::ValuePrev => b.choice = (b.choice + n - 1) % n,
            Action::FormCancel => {
                self.bulk_officer = None;
                self.close(Screen::BulkOfficer);
                self.set_status("Link officers not changed.".into());
            }
            Action::FormSave if !b.pending => {
                let to = b.officer().to_string();
                let records: Vec<(Record, String)> = b
                    .urns
                    .iter()
                    .filter_map(|u| self.data.schools.iter().find(|s| s.urn == *u))
                    .filter(|s| clean_line(&s.link_officer).trim() != to)
                    .map(|s| {
                        let new = School {
                            link_officer: to.clone(),
                            ..s.clone()
                        };
                        let why = changes(s, &new).join("; ");
                        (Record::School(new), format!("{why} (assigned in bulk)"))
                    })
                    .collect();
                if records.is_empty() {
                    self.bulk_officer = None;
                    self.close(Screen::BulkOfficer);
                    self.set_status("Every school shown already has that link officer.".into());
                    return vec![];
                }
                b.pending = true;
                let shown = if to.is_empty() { "none" } else { to.as_str() };
                let done = format!("Link officer {shown} set for {} schools", records.len());
                return vec![Effect::Save(SaveRequest {
                    records,
                    done_message: done,
                })];
            }
            _ => {}
        }
        vec![]
    }

    /// A save came back: the form or popup that asked for it closes.
    pub(super) fn school_form_saved(&mut self, records: &[Record]) {
        let schools: Vec<Urn> = records
            .iter()
            .filter_map(|r| match r {
                Record::School(s) => Some(s.urn),
                _ => None,
            })
            .collect();
        if let Some(urn) = self
            .school_form
            .as_ref()
            .filter(|f| f.pending && schools.contains(&f.urn))
            .map(|f| f.urn)
        {
            self.school_form = None;
            self.close(Screen::SchoolForm);
            self.kept_done::<SchoolDraft>(urn);
        }
        if self.bulk_officer.as_ref().is_some_and(|b| b.pending) && !schools.is_empty() {
            self.bulk_officer = None;
            self.close(Screen::BulkOfficer);
        }
    }

    /// A save failed: what was chosen or typed stays, to try again.
    pub(super) fn school_form_save_failed(&mut self) {
        if let Some(f) = self.school_form.as_mut() {
            f.pending = false;
        }
        if let Some(b) = self.bulk_officer.as_mut() {
            b.pending = false;
        }
    }
}
