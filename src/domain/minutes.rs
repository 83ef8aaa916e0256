//! Minutes of an SQA meeting, as Markdown. Pure: the same meeting and records give the same text.

use super::action::{Action, ActionSource};
use super::calendar::fmt_date;
use super::dataset::Dataset;
use super::decision::Decision;
use super::list::List;
use super::meeting::{AgendaState, Meeting};
use super::priority::{Change, Scheme};
use super::school::{School, Urn};
use super::text::clean_line;
use chrono::NaiveDate;

/// "Monday 23 November 2026"
pub fn fmt_british_long(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// One school's outcome at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome<'a> {
    pub school: Option<&'a School>,
    pub urn: Urn,
    pub decision: &'a Decision,
    pub change: Change,
}

fn category_name(scheme: &Scheme, key: &str) -> String {
    scheme
        .get(key)
        .map_or_else(|| clean_line(key), |c| clean_line(&c.name))
}

/// The decisions a meeting made, in agenda order.
pub fn outcomes<'a>(data: &'a Dataset, meeting: &Meeting) -> Vec<Outcome<'a>> {
    meeting
        .agenda
        .iter()
        .filter(|i| i.state == AgendaState::Decided)
        .filter_map(|i| {
            let id = i.decision?;
            let d = data.decisions.iter().find(|d| d.id == id)?;
            Some(Outcome {
                school: data.schools.iter().find(|s| s.urn == i.urn),
                urn: i.urn,
                decision: d,
                change: data.scheme.change(d.previous.as_deref(), &d.category),
            })
        })
        .collect()
}

/// The schools (name, URN) whose decision at this meeting has not yet been communicated.
pub fn schools_to_inform(data: &Dataset, meeting: &Meeting) -> Vec<(String, Urn)> {
    outcomes(data, meeting)
        .into_iter()
        .filter(|o| {
            o.decision
                .awaiting_communication(o.school.is_some_and(|s| s.diocese.is_some()))
        })
        .map(|o| (school_name(&o), o.urn))
        .collect()
}

fn school_name(o: &Outcome<'_>) -> String {
    o.school
        .map_or_else(|| format!("URN {}", o.urn), |s| clean_line(&s.name))
}

fn meeting_actions<'a>(actions: &'a List<Action>, meeting: &Meeting, urn: Urn) -> Vec<&'a Action> {
    let mut v: Vec<&Action> = actions
        .iter()
        .filter(|a| a.urn == urn && a.source == ActionSource::Meeting(meeting.id))
        .collect();
    v.sort_by_key(|a| a.id);
    v
}

/// The minutes of a meeting in Markdown: for a closed meeting, exactly what was filed at its
/// close (a school informed later does not change them); otherwise written from the records,
/// marked DRAFT until the meeting is closed.
pub fn minutes(data: &Dataset, meeting: &Meeting) -> String {
    if meeting.status == super::meeting::MeetingStatus::Closed
        && let Some(filed) = &meeting.minutes
    {
        return filed.clone();
    }
    write_minutes(data, meeting)
}

/// The minutes written from the records as they are now (what the close files).
pub fn write_minutes(data: &Dataset, meeting: &Meeting) -> String {
    let scheme = &data.scheme;
    let mut out = String::new();
    let title = if meeting.title.trim().is_empty() {
        "SQA meeting".to_string()
    } else {
        clean_line(&meeting.title)
    };
    out.push_str(&format!("# Minutes: {title}\n\n"));
    if meeting.status != super::meeting::MeetingStatus::Closed {
        out.push_str(
            "**DRAFT**: the meeting is not closed; these minutes will change until it is.\n\n",
        );
    }
    out.push_str(&format!("- **Date:** {}\n", fmt_british_long(meeting.date)));
    out.push_str(&format!(
        "- **Term:** {} term {}\n",
        meeting.term, meeting.year
    ));
    let attendees: Vec<String> = meeting.attendees.iter().map(|a| clean_line(a)).collect();
    out.push_str(&format!(
        "- **Attendees:** {}\n",
        if attendees.is_empty() {
            "(none recorded)".to_string()
        } else {
            attendees.join(", ")
        }
    ));
    let outs = outcomes(data, meeting);
    out.push_str(&format!(
        "- **Schools on the agenda:** {} ({} decided)\n",
        meeting.agenda.len(),
        outs.len()
    ));
    if let Some(next) = next_meeting(data, meeting) {
        out.push_str(&format!(
            "- **Next meeting:** {}\n",
            fmt_british_long(next.date)
        ));
    }
    out.push('\n');
    out.push_str(&counts_table(data, meeting, &outs));
    out.push_str("## Decisions\n\n");
    if outs.is_empty() {
        out.push_str("No decisions were recorded.\n\n");
    }
    for o in &outs {
        let d = o.decision;
        out.push_str(&format!("### {} (URN {})\n\n", school_name(o), o.urn));
        let prev = d
            .previous
            .as_deref()
            .map_or_else(|| "none".to_string(), |p| category_name(scheme, p));
        out.push_str(&format!(
            "- **Priority:** {} → {} ({})\n",
            prev,
            category_name(scheme, &d.category),
            o.change.word()
        ));
        if d.at_risk {
            out.push_str("- **At risk:** yes\n");
        }
        // The one rule (`board::school_next_checkpoint`), overdue as of the meeting's day.
        let next = super::board::school_next_checkpoint(&super::board::BoardInput::of(data), o.urn);
        if next.is_some() {
            out.push_str(&format!(
                "- **Next checkpoint review:** {}\n",
                super::board::describe_next_checkpoint(next, meeting.date)
            ));
        }
        if !d.risks.is_empty() {
            let r: Vec<&str> = d.risks.iter().map(|r| r.name()).collect();
            out.push_str(&format!("- **Risk factors:** {}\n", r.join(", ")));
        }
        if !d.ratings.is_empty() {
            let r: Vec<String> = d
                .ratings
                .iter()
                .map(|(a, r)| format!("{} {}", a.short(), r.name()))
                .collect();
            out.push_str(&format!("- **Ratings:** {}\n", r.join("; ")));
        }
        let rationale = clean_line(&d.rationale);
        out.push_str(&format!(
            "- **Rationale:** {}\n",
            if rationale.is_empty() {
                "(none recorded)"
            } else {
                &rationale
            }
        ));
        let evidence: Vec<String> = d
            .evidence
            .iter()
            .map(|e| clean_line(e))
            .filter(|e| !e.is_empty())
            .collect();
        if !evidence.is_empty() {
            out.push_str("- **Evidence considered:**\n");
            for e in evidence {
                out.push_str(&format!("  - {e}\n"));
            }
        }
        let acts = meeting_actions(&data.actions, meeting, o.urn);
        if !acts.is_empty() {
            out.push_str("- **Actions agreed:**\n");
            for a in acts {
                let due = a.due.map_or_else(|| "no date".to_string(), fmt_date);
                out.push_str(&format!(
                    "  - {} (owner: {}; due {})\n",
                    clean_line(&a.text),
                    clean_line(&a.owner),
                    due
                ));
            }
        }
        out.push('\n');
    }
    let others: Vec<String> = meeting
        .agenda
        .iter()
        .filter(|i| i.state != AgendaState::Decided)
        .map(|i| {
            let name = data
                .schools
                .iter()
                .find(|s| s.urn == i.urn)
                .map_or_else(|| format!("URN {}", i.urn), |s| clean_line(&s.name));
            // A school still pending when the meeting closed is named too: the minutes
            // account for the whole agenda.
            let word = match i.state {
                AgendaState::Skipped => "skipped",
                AgendaState::Deferred => "deferred",
                _ => "not reached",
            };
            let reason = i
                .reason
                .as_deref()
                .map(clean_line)
                .filter(|r| !r.is_empty())
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            format!("- {name} (URN {}): {word}{reason}\n", i.urn)
        })
        .collect();
    if !others.is_empty() {
        out.push_str("## Not decided\n\n");
        for o in others {
            out.push_str(&o);
        }
        out.push('\n');
    }
    out.push_str(&super::escalation_minutes::minutes_section(data, meeting));
    out.push_str("## Summary of moves\n\n");
    for change in [Change::Raised, Change::Lowered, Change::Same, Change::New] {
        let names: Vec<String> = outs
            .iter()
            .filter(|o| o.change == change)
            .map(school_name)
            .collect();
        let list = if names.is_empty() {
            String::new()
        } else {
            format!(": {}", names.join(", "))
        };
        let mut word = change.word().to_string();
        if let Some(f) = word.get(..1) {
            word = f.to_uppercase() + word.get(1..).unwrap_or("");
        }
        out.push_str(&format!("- {word}: {}{list}\n", names.len()));
    }
    out.push_str(&actions_table(data, meeting, &outs));
    out.push_str("\n## Schools to inform\n\n");
    let inform = schools_to_inform(data, meeting);
    if inform.is_empty() {
        out.push_str("Every school has been informed.\n");
    }
    for (name, urn) in inform {
        let what = outs
            .iter()
            .find(|o| o.urn == urn)
            .map(|o| {
                let d = o.decision;
                let mut w = format!(
                    "{} {}",
                    change_mark(o.change),
                    category_name(scheme, &d.category)
                );
                if d.at_risk {
                    w.push_str(", at risk");
                }
                format!(": {w}")
            })
            .unwrap_or_default();
        let diocese = data
            .schools
            .iter()
            .find(|s| s.urn == urn)
            .and_then(|s| s.diocese.as_deref())
            .map(|d| format!(" (and the diocese: {})", clean_line(d)))
            .unwrap_or_default();
        out.push_str(&format!("- {name} (URN {urn}){what}{diocese}\n"));
    }
    out
}

/// ↑ raised, ↓ lowered, = the same, * new: the marks the board uses.
/// The mark of a change in the minutes and the to-inform list: ↑ ↓ = (and * for new).
pub fn change_mark(c: Change) -> &'static str {
    match c {
        Change::Raised => "↑",
        Change::Lowered => "↓",
        Change::Same => "=",
        Change::New => "*",
    }
}

/// The next meeting after this one that is still to be held.
fn next_meeting<'a>(data: &'a Dataset, meeting: &Meeting) -> Option<&'a Meeting> {
    data.meetings
        .iter()
        .filter(|m| m.id != meeting.id && m.date > meeting.date)
        .filter(|m| m.status != super::meeting::MeetingStatus::Closed)
        .min_by_key(|m| (m.date, m.id))
}

/// Schools per category before the meeting (the category each agenda school held going in)
/// and after it (its decision there, else what it held).
fn counts_table(data: &Dataset, meeting: &Meeting, outs: &[Outcome<'_>]) -> String {
    let before_meeting: List<Decision> = data
        .decisions
        .iter()
        .filter(|d| d.date < meeting.date && d.meeting != Some(meeting.id))
        .cloned()
        .collect();
    let held = super::board::current_decisions(&before_meeting);
    let mut rows: Vec<(String, usize, usize)> = data
        .scheme
        .categories
        .iter()
        .map(|c| (c.key.clone(), 0, 0))
        .collect();
    let mut none = (0usize, 0usize);
    for item in &meeting.agenda {
        let before = outs
            .iter()
            .find(|o| o.urn == item.urn)
            .map(|o| o.decision.previous.clone())
            .unwrap_or_else(|| held.get(&item.urn).map(|d| d.category.clone()));
        let after = outs
            .iter()
            .find(|o| o.urn == item.urn)
            .map(|o| Some(o.decision.category.clone()))
            .unwrap_or_else(|| before.clone());
        for (which, cat) in [(0, before), (1, after)] {
            match cat.and_then(|c| rows.iter_mut().find(|r| r.0 == c)) {
                Some(r) if which == 0 => r.1 += 1,
                Some(r) => r.2 += 1,
                None if which == 0 => none.0 += 1,
                None => none.1 += 1,
            }
        }
    }
    let mut out =
        String::from("## Schools by category\n\n| Category | Before | After |\n|---|---|---|\n");
    for (key, b, a) in rows {
        out.push_str(&format!(
            "| {} | {b} | {a} |\n",
            category_name(&data.scheme, &key)
        ));
    }
    if none != (0, 0) {
        out.push_str(&format!("| No decision | {} | {} |\n", none.0, none.1));
    }
    out.push('\n');
    out
}

/// Every action the meeting agreed, in one table.
fn actions_table(data: &Dataset, meeting: &Meeting, outs: &[Outcome<'_>]) -> String {
    let mut rows = Vec::new();
    for o in outs {
        for a in meeting_actions(&data.actions, meeting, o.urn) {
            let due = a.due.map_or_else(|| "no date".to_string(), fmt_date);
            rows.push(format!(
                "| {} | {} | {} | {due} |\n",
                cell(&school_name(o)),
                cell(&a.text),
                cell(&a.owner)
            ));
        }
    }
    let mut out = String::from("\n## Actions agreed\n\n");
    if rows.is_empty() {
        out.push_str("No actions were agreed.\n");
    } else {
        out.push_str("| School | Action | Owner | Due |\n|---|---|---|---|\n");
        for r in rows {
            out.push_str(&r);
        }
    }
    out
}

/// Text for a Markdown table cell: one line, no column breaks.
fn cell(s: &str) -> String {
    clean_line(s).replace('|', "/")
}

/// Counts per category at each of the last `n` meetings (oldest first): the category each school
/// held on the meeting's date. Labels are "Aut 2026/27".
pub fn counts_by_meeting(data: &Dataset, n: usize) -> Vec<(String, Vec<(String, usize)>)> {
    let mut ms: Vec<&Meeting> = data.meetings.iter().collect();
    ms.sort_by_key(|m| (m.date, m.id));
    let skip = ms.len().saturating_sub(n);
    ms.into_iter()
        .skip(skip)
        .map(|m| {
            let upto: List<Decision> = data
                .decisions
                .iter()
                .filter(|d| d.date <= m.date)
                .cloned()
                .collect();
            let cur = super::board::current_decisions(&upto);
            let counts = data
                .scheme
                .categories
                .iter()
                .map(|c| {
                    (
                        c.label.clone(),
                        cur.values().filter(|d| d.category == c.key).count(),
                    )
                })
                .collect();
            let term: String = m.term.name().chars().take(3).collect();
            (format!("{} {} {}", fmt_date(m.date), term, m.year), counts)
        })
        .collect()
}
