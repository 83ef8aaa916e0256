//! The escalation steps of a school in its Markdown profile (the minutes' section is
//! `domain::escalation_minutes`).

use crate::domain::calendar::fmt_date;
use crate::domain::escalation::steps_of;
use crate::domain::text::clean_line;
use crate::domain::{Dataset, Urn};

fn cell(s: &str) -> String {
    let s = clean_line(s).replace('|', "\\|");
    if s.trim().is_empty() { "—".into() } else { s }
}

/// "## Escalation": every step of the school, oldest first, or a line saying there are none.
pub fn profile_section(ds: &Dataset, urn: Urn) -> String {
    let mut steps = steps_of(&ds.escalations, urn);
    steps.reverse();
    let mut out = String::from("## Escalation\n\n");
    if steps.is_empty() {
        out.push_str("No escalation steps recorded.\n\n");
        return out;
    }
    out.push_str(
        "| Date | Step | Status | Who | Grounds | Response due |\n|---|---|---|---|---|---|\n",
    );
    for s in steps {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            fmt_date(s.date),
            s.kind.name(),
            s.status.name(),
            cell(&s.by),
            cell(&s.grounds),
            s.response_due.map_or_else(|| "—".into(), fmt_date),
        ));
    }
    out.push('\n');
    out
}
