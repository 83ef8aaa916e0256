//! The board as a spreadsheet: one row per school, safe to open in Excel.

use crate::domain::board::BoardRow;
use crate::domain::calendar::fmt_date;
use crate::domain::text::clean_line;
use crate::domain::{Scheme, School, Urn};
use std::collections::HashMap;

/// Column headings of [`board_csv`], in order.
pub const BOARD_COLUMNS: [&str; 17] = [
    "URN",
    "Name",
    "Phase",
    "Type",
    "Trust or federation",
    "Link officer",
    "Priority",
    "Change",
    "At risk",
    "Ofsted",
    "Last visit",
    "Next checkpoint",
    "Checkpoint overdue",
    "Checkpoint planned",
    "Open actions",
    "Overdue actions",
    "To inform",
];

/// A cell as text a spreadsheet shows but never runs: control characters removed, and a
/// leading `'` before anything that would start a formula (`=`, `+`, `-`, `@`, tab, CR).
pub fn safe_cell(s: &str) -> String {
    let starts_formula = |t: &str| t.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cleaned = clean_line(s);
    if starts_formula(s) || starts_formula(&cleaned) || starts_formula(cleaned.trim_start()) {
        format!("'{cleaned}")
    } else {
        cleaned
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The board as CSV: a header and one row per board row (in the order given), UTF-8 with a byte
/// order mark so that Excel shows accents, CRLF line ends, formulas neutralised.
pub fn board_csv<'a>(
    scheme: &Scheme,
    schools: impl IntoIterator<Item = &'a School>,
    rows: &[BoardRow],
) -> String {
    let by_urn: HashMap<Urn, &School> = schools.into_iter().map(|s| (s.urn, s)).collect();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failure would only shorten the output.
    let _ = w.write_record(BOARD_COLUMNS);
    for r in rows {
        let s = by_urn.get(&r.urn).copied();
        let priority = match &r.category {
            Some(k) => scheme.get(k).map_or(k.clone(), |c| c.name.clone()),
            None => "No decision".to_string(),
        };
        let change = if r.category.is_some() {
            r.change.word()
        } else {
            ""
        };
        let date = |d: Option<chrono::NaiveDate>| d.map(fmt_date).unwrap_or_default();
        let record: [String; 17] = [
            r.urn.to_string(),
            s.map_or(r.name.as_str(), |s| s.name.as_str()).to_string(),
            s.map(|s| s.phase.name()).unwrap_or_default().to_string(),
            s.map(|s| s.school_type.name())
                .unwrap_or_default()
                .to_string(),
            s.and_then(|s| s.trust.clone()).unwrap_or_default(),
            s.map(|s| s.link_officer.clone()).unwrap_or_default(),
            priority,
            change.to_string(),
            yes_no(r.at_risk).to_string(),
            s.map(|s| s.ofsted_summary()).unwrap_or_default(),
            date(r.last_visit),
            date(r.next_checkpoint),
            yes_no(r.checkpoint_overdue).to_string(),
            // "no" beside a date: due by the entitlement, not yet in anyone's diary.
            yes_no(r.next_checkpoint.is_some() && r.checkpoint_planned).to_string(),
            r.open_actions.to_string(),
            r.overdue_actions.to_string(),
            yes_no(r.to_inform).to_string(),
        ];
        let _ = w.write_record(record.iter().map(|c| safe_cell(c)));
    }
    let body = w
        .into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}
