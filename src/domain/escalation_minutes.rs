//! The escalation steps a meeting's minutes record: those it prompted (itself or through one
//! of its decisions) and those taken on its day for a school on its agenda.

use super::escalation::{EscalationStep, Prompt};
use super::text::clean_line;
use super::{Dataset, Meeting};

/// Whether `s` belongs in `meeting`'s minutes: prompted by it or one of its decisions, or taken
/// on its day for a school on its agenda.
fn at_meeting(ds: &Dataset, meeting: &Meeting, s: &EscalationStep) -> bool {
    match s.prompted_by {
        Some(Prompt::Meeting(m)) => m == meeting.id,
        Some(Prompt::Decision(d)) => ds
            .decisions
            .iter()
            .any(|x| x.id == d && x.meeting == Some(meeting.id)),
        None => s.date == meeting.date && meeting.agenda.iter().any(|a| a.urn == s.urn),
    }
}

/// "## Escalation steps" for the minutes, or nothing when the meeting took none.
pub fn minutes_section(ds: &Dataset, meeting: &Meeting) -> String {
    let mut steps: Vec<&EscalationStep> = ds
        .escalations
        .iter()
        .filter(|s| at_meeting(ds, meeting, s))
        .collect();
    if steps.is_empty() {
        return String::new();
    }
    steps.sort_by_key(|s| (s.date, s.id));
    let mut out = String::from("## Escalation steps\n\n");
    for s in steps {
        let name = ds
            .schools
            .iter()
            .find(|x| x.urn == s.urn)
            .map_or_else(|| format!("URN {}", s.urn), |x| clean_line(&x.name));
        out.push_str(&format!(
            "- {name} (URN {}): {}\n",
            s.urn,
            crate::domain::escalation::describe(s)
        ));
        let g = clean_line(&s.grounds);
        if !g.is_empty() {
            out.push_str(&format!("  - Grounds: {g}\n"));
        }
    }
    out.push('\n');
    out
}
