//! A meeting's "to inform" list as CSV for a mail merge: one row per school whose decision has
//! not yet been communicated, with what changed and why.

use super::csv::safe_cell;
use crate::domain::calendar::fmt_date;
use crate::domain::minutes::{change_mark, outcomes};
use crate::domain::{Dataset, Meeting};

/// Column headings of [`to_inform_csv`], in order.
pub const TO_INFORM_COLUMNS: [&str; 12] = [
    "URN",
    "School",
    "Headteacher",
    "Email",
    "Diocese",
    "Category",
    "Change",
    "At risk",
    "Rationale",
    "School informed",
    "Diocese informed",
    "Meeting",
];

/// The schools still to inform of meeting `m`'s decisions (the school, or its diocese where it
/// has one), as CSV: UTF-8 with a byte order mark, CRLF line ends, formulas neutralised (as
/// the board's CSV). No email is kept for a school: the column is there for the merge to fill.
pub fn to_inform_csv(data: &Dataset, m: &Meeting) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failure would only shorten the output.
    let _ = w.write_record(TO_INFORM_COLUMNS);
    for o in outcomes(data, m) {
        let d = o.decision;
        let diocese = o.school.and_then(|s| s.diocese.clone());
        if !d.awaiting_communication(diocese.is_some()) {
            continue;
        }
        let category = data
            .scheme
            .get(&d.category)
            .map_or(d.category.clone(), |c| c.name.clone());
        let date = |x: Option<chrono::NaiveDate>| x.map(fmt_date).unwrap_or_default();
        let record: [String; 12] = [
            o.urn.to_string(),
            o.school.map(|s| s.name.clone()).unwrap_or_default(),
            o.school.map(|s| s.headteacher.clone()).unwrap_or_default(),
            String::new(),
            diocese.clone().unwrap_or_default(),
            category,
            format!("{} {}", change_mark(o.change), o.change.word()),
            if d.at_risk { "yes" } else { "no" }.to_string(),
            d.rationale.clone(),
            date(d.school_informed),
            if diocese.is_some() {
                date(d.diocese_informed)
            } else {
                "n/a".to_string()
            },
            fmt_date(m.date),
        ];
        let _ = w.write_record(record.iter().map(|c| safe_cell(c)));
    }
    let body = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&body));
    out
}
