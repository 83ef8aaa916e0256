//! The school details form kept across sessions (`KeptForm`): details being edited when the
//! session ended, or kept while they were typed, are put back when the school's details form
//! opens again. Only what was changed is put back, so a detail another officer saved meanwhile
//! is not undone by a field this officer never touched.

use super::App;
use super::kept::{FormDraft, KeptForm, kept_form_fields, stamp};
use crate::domain::Urn;
use crate::domain::school_details::{DetailField, SchoolDetails};
use crate::domain::text::clean_line;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Schema of `SchoolDraft` in the store's form drafts.
pub const SCHOOL_DRAFT_SCHEMA: u16 = 1;
/// Key prefix of school details drafts among the store's form drafts.
pub const SCHOOL_DRAFT_PREFIX: &str = "school/";

/// The editable details as text, as kept (the store's own copy of `SchoolDetails`' fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DetailsText {
    pub link_officer: String,
    pub headteacher: String,
    pub chair_of_governors: String,
    pub contact_email: String,
    pub trust: String,
    pub diocese: String,
    pub notes: String,
}

impl From<&SchoolDetails> for DetailsText {
    fn from(d: &SchoolDetails) -> Self {
        DetailsText {
            link_officer: d.link_officer.clone(),
            headteacher: d.headteacher.clone(),
            chair_of_governors: d.chair_of_governors.clone(),
            contact_email: d.contact_email.clone(),
            trust: d.trust.clone(),
            diocese: d.diocese.clone(),
            notes: d.notes.clone(),
        }
    }
}

impl From<&DetailsText> for SchoolDetails {
    fn from(d: &DetailsText) -> Self {
        SchoolDetails {
            link_officer: d.link_officer.clone(),
            headteacher: d.headteacher.clone(),
            chair_of_governors: d.chair_of_governors.clone(),
            contact_email: d.contact_email.clone(),
            trust: d.trust.clone(),
            diocese: d.diocese.clone(),
            notes: d.notes.clone(),
        }
    }
}

/// What was typed in a school's details form, and the details it was opened with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolDraft {
    pub urn: Urn,
    pub author: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    /// The details as the form opened with them.
    pub opened: DetailsText,
    /// The details as typed.
    pub typed: DetailsText,
}

impl SchoolDraft {
    /// The fields changed in the form, with what was typed in each.
    pub fn changed(&self) -> Vec<(DetailField, String)> {
        let (opened, typed) = (
            SchoolDetails::from(&self.opened),
            SchoolDetails::from(&self.typed),
        );
        DetailField::ALL
            .into_iter()
            .filter(|f| opened.get(*f) != typed.get(*f))
            .map(|f| (f, typed.get(f).to_string()))
            .collect()
    }
}

impl KeptForm for SchoolDraft {
    type Which = Urn;
    const PREFIX: &'static str = SCHOOL_DRAFT_PREFIX;
    const SCHEMA: u16 = SCHOOL_DRAFT_SCHEMA;
    const WHAT: &'static str = "the unsaved school details";
    const KIND: &'static str = "details";
    const REOPEN: &'static str = "e on its school edits them";

    fn which(&self) -> Urn {
        self.urn
    }
    fn key_of(urn: Urn, author: &str) -> String {
        format!("{SCHOOL_DRAFT_PREFIX}{urn}/{author}")
    }
    fn wrap(self) -> FormDraft {
        FormDraft::School(self)
    }
    fn urn(&self) -> Option<Urn> {
        Some(self.urn)
    }
    fn summary(&self) -> String {
        let changed = self.changed();
        let said = changed
            .iter()
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        let names: Vec<&str> = changed.iter().map(|(f, _)| f.name()).collect();
        format!("{} ({})", clean_line(said), names.join(", "))
    }
    kept_form_fields!(school_drafts);

    /// Nothing if no details form is open, it is being saved, or nothing was changed in it.
    fn open(app: &App, now_ms: i64) -> Option<Self> {
        let f = app
            .school_form
            .as_ref()
            .filter(|f| !f.pending && f.details != f.opened)?;
        Some(SchoolDraft {
            urn: f.urn,
            author: app.user.clone(),
            at: stamp(app, now_ms),
            opened: (&f.opened).into(),
            typed: (&f.details).into(),
        })
    }
}

impl App {
    /// Puts back what was changed in a kept details form for the form just opened, if any.
    pub(super) fn restore_school_draft(&mut self) {
        let Some(urn) = self.school_form.as_ref().map(|f| f.urn) else {
            return;
        };
        let Some(d) = self.school_drafts.take(urn) else {
            return;
        };
        if let Some(f) = self.school_form.as_mut() {
            for (field, value) in d.changed() {
                f.details.set(field, &value);
            }
            // The officer chosen then stays choosable (as the one held does).
            if !f.officers.contains(&f.details.link_officer) {
                f.officers.push(f.details.link_officer.clone());
            }
        }
        self.say_restored(SchoolDraft::WHAT, &d.author, d.at);
    }
}
