//! The school details an officer edits on the school screen: what changed, field by field, for
//! the audit trail ("link officer: A → B"), and the checks before saving. Pure.

use super::School;
use super::limits::{MAX_NAME_CHARS, MAX_TEXT_BYTES};
use super::text::clean_line;

/// The editable details, as text (an empty trust or diocese is none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchoolDetails {
    pub link_officer: String,
    pub headteacher: String,
    pub chair_of_governors: String,
    pub contact_email: String,
    pub trust: String,
    pub diocese: String,
    pub notes: String,
}

/// The fields, in the form's order, with the words the audit trail uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    LinkOfficer,
    Headteacher,
    Chair,
    ContactEmail,
    Trust,
    Diocese,
    Notes,
}

impl DetailField {
    pub const ALL: [DetailField; 7] = [
        DetailField::LinkOfficer,
        DetailField::Headteacher,
        DetailField::Chair,
        DetailField::ContactEmail,
        DetailField::Trust,
        DetailField::Diocese,
        DetailField::Notes,
    ];
    pub fn name(self) -> &'static str {
        match self {
            DetailField::LinkOfficer => "link officer",
            DetailField::Headteacher => "headteacher",
            DetailField::Chair => "chair of governors",
            DetailField::ContactEmail => "contact email",
            DetailField::Trust => "trust",
            DetailField::Diocese => "diocese",
            DetailField::Notes => "notes",
        }
    }
    /// The link officer is chosen from the configured officers, not typed.
    pub fn is_text(self) -> bool {
        self != DetailField::LinkOfficer
    }
}

impl SchoolDetails {
    pub fn of(s: &School) -> SchoolDetails {
        SchoolDetails {
            link_officer: clean_line(&s.link_officer),
            headteacher: clean_line(&s.headteacher),
            chair_of_governors: clean_line(&s.chair_of_governors),
            contact_email: clean_line(&s.contact_email),
            trust: s.trust.as_deref().map(clean_line).unwrap_or_default(),
            diocese: s.diocese.as_deref().map(clean_line).unwrap_or_default(),
            notes: clean_line(&s.notes),
        }
    }
    pub fn get(&self, f: DetailField) -> &str {
        match f {
            DetailField::LinkOfficer => &self.link_officer,
            DetailField::Headteacher => &self.headteacher,
            DetailField::Chair => &self.chair_of_governors,
            DetailField::ContactEmail => &self.contact_email,
            DetailField::Trust => &self.trust,
            DetailField::Diocese => &self.diocese,
            DetailField::Notes => &self.notes,
        }
    }
    pub fn get_mut(&mut self, f: DetailField) -> &mut String {
        match f {
            DetailField::LinkOfficer => &mut self.link_officer,
            DetailField::Headteacher => &mut self.headteacher,
            DetailField::Chair => &mut self.chair_of_governors,
            DetailField::ContactEmail => &mut self.contact_email,
            DetailField::Trust => &mut self.trust,
            DetailField::Diocese => &mut self.diocese,
            DetailField::Notes => &mut self.notes,
        }
    }
    /// The same details, cleaned and trimmed as they would be saved.
    fn cleaned(&self) -> SchoolDetails {
        let c = |s: &str| clean_line(s).trim().to_string();
        SchoolDetails {
            link_officer: c(&self.link_officer),
            headteacher: c(&self.headteacher),
            chair_of_governors: c(&self.chair_of_governors),
            contact_email: c(&self.contact_email),
            trust: c(&self.trust),
            diocese: c(&self.diocese),
            notes: c(&self.notes),
        }
    }
    /// Checks before saving: lengths, an email that looks like one, and a link officer who is
    /// one of `officers` (or none). The error names the field.
    pub fn check(&self, officers: &[String]) -> Result<(), String> {
        let d = self.cleaned();
        for f in DetailField::ALL {
            let v = d.get(f);
            let (max, n) = if f == DetailField::Notes {
                (MAX_TEXT_BYTES, v.len())
            } else {
                (MAX_NAME_CHARS, v.chars().count())
            };
            if n > max {
                return Err(format!("{}: too long ({n}, at most {max})", f.name()));
            }
        }
        let e = &d.contact_email;
        if !e.is_empty()
            && (e.contains(' ')
                || !e
                    .split_once('@')
                    .is_some_and(|(a, b)| !a.is_empty() && b.contains('.')))
        {
            return Err(format!("contact email: '{e}' is not an email address"));
        }
        if !d.link_officer.is_empty() && !officers.iter().any(|o| o == &d.link_officer) {
            return Err(format!(
                "link officer: '{}' is not one of the configured officers",
                d.link_officer
            ));
        }
        Ok(())
    }
    pub fn set(&mut self, f: DetailField, value: &str) {
        *self.get_mut(f) = value.to_string();
    }
    /// `school` with these details.
    pub fn apply(&self, school: &School) -> School {
        let d = self.cleaned();
        let none_if_empty = |s: String| (!s.is_empty()).then_some(s);
        School {
            link_officer: d.link_officer,
            headteacher: d.headteacher,
            chair_of_governors: d.chair_of_governors,
            contact_email: d.contact_email,
            trust: none_if_empty(d.trust),
            diocese: none_if_empty(d.diocese),
            notes: d.notes,
            ..school.clone()
        }
    }
}

/// The fields an audit summary of a details edit names ("headteacher: A → B; trust: — → X"),
/// and of an import that kept local edits ("imported from F (kept local: headteacher)").
pub fn fields_in_summary(summary: &str) -> Vec<DetailField> {
    let named = |part: &str| {
        DetailField::ALL
            .into_iter()
            .find(|f| part.trim_start().starts_with(&format!("{}: ", f.name())))
    };
    if let Some(i) = summary.find(KEPT_LOCAL) {
        let rest = &summary[i + KEPT_LOCAL.len()..];
        let list = rest.split(')').next().unwrap_or("");
        return list
            .split(", ")
            .filter_map(|n| DetailField::ALL.into_iter().find(|f| f.name() == n.trim()))
            .collect();
    }
    if summary.starts_with("imported from") {
        return vec![];
    }
    summary.split("; ").filter_map(named).collect()
}

/// How an import's audit entry lists the local edits it kept: "(kept local: headteacher)".
pub const KEPT_LOCAL: &str = "(kept local: ";

/// The details GIAS also supplies: an officer's correction of one of these is kept over the
/// extract's value by a later import, which reports the difference.
pub const GIAS_ALSO_SUPPLIES: [DetailField; 4] = [
    DetailField::Headteacher,
    DetailField::Chair,
    DetailField::Trust,
    DetailField::Diocese,
];

/// What an edit changed, one field each, for the audit trail: "link officer: A → B"; an empty
/// value shows as "—". Nothing when nothing changed.
pub fn changes(old: &School, new: &School) -> Vec<String> {
    let (a, b) = (SchoolDetails::of(old), SchoolDetails::of(new));
    let shown = |v: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.chars().take(60).collect()
        }
    };
    DetailField::ALL
        .into_iter()
        .filter(|f| a.get(*f) != b.get(*f))
        .map(|f| format!("{}: {} → {}", f.name(), shown(a.get(f)), shown(b.get(f))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_back_from_audit_summaries() {
        assert_eq!(
            fields_in_summary("headteacher: Ann → Bob; trust: — → Oak Trust"),
            vec![DetailField::Headteacher, DetailField::Trust]
        );
        assert_eq!(
            fields_in_summary("link officer: Ann → Bob (assigned in bulk)"),
            vec![DetailField::LinkOfficer]
        );
        assert!(fields_in_summary("imported from x.csv").is_empty());
        assert_eq!(
            fields_in_summary("imported from x.csv (kept local: headteacher, diocese)"),
            vec![DetailField::Headteacher, DetailField::Diocese]
        );
        assert!(fields_in_summary("created").is_empty());
    }
    use crate::domain::{OfstedOutcome, Phase, SchoolType};

    fn school() -> School {
        School {
            urn: 1,
            name: "A".into(),
            phase: Phase::Primary,
            school_type: SchoolType::Community,
            trust: None,
            diocese: None,
            headteacher: "H".into(),
            chair_of_governors: String::new(),
            link_officer: "Ann".into(),
            contact_email: String::new(),
            notes: String::new(),
            pupils: 1,
            ofsted: OfstedOutcome::Good,
            ofsted_date: None,
            report_card: None,
            opened: None,
            rev: 1,
        }
    }

    #[test]
    fn changes_field_by_field() {
        let old = school();
        let mut d = SchoolDetails::of(&old);
        d.link_officer = "Bob".into();
        d.trust = " Oak Trust ".into();
        let new = d.apply(&old);
        assert_eq!(new.trust.as_deref(), Some("Oak Trust"));
        assert_eq!(
            changes(&old, &new),
            ["link officer: Ann → Bob", "trust: — → Oak Trust"]
        );
        assert!(changes(&old, &old).is_empty());
    }

    #[test]
    fn checks_email_and_officer() {
        let officers = vec!["Ann".to_string()];
        let mut d = SchoolDetails::of(&school());
        assert_eq!(d.check(&officers), Ok(()));
        d.contact_email = "office at school".into();
        assert!(d.check(&officers).unwrap_err().starts_with("contact email"));
        d.contact_email = "office@school.example".into();
        d.link_officer = "Zed".into();
        assert!(d.check(&officers).unwrap_err().starts_with("link officer"));
    }
}
