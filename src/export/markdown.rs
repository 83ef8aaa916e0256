//! Documents in Markdown: a school's profile and a note of visit ready to send to the school.
//! Text from the records is cleaned and escaped so that it cannot break a table or a heading.

use crate::clock::Clock;
use crate::domain::board::{BoardInput, board_rows, current_decisions, history};
use crate::domain::calendar::fmt_long;
use crate::domain::list::List;
use crate::domain::text::clean_text;
use crate::domain::{
    AcademicYear, Action, ActionStatus, Dataset, Note, NoteStatus, OfficerNames, School, Urn,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::fmt::Write;

/// How many notes of visits the profile lists.
pub const RECENT_NOTES: usize = 5;
/// How many checkpoint reviews the profile lists.
pub const RECENT_CHECKPOINTS: usize = 5;

/// Who reads the document and where: officers by display name (the config's list; a login
/// not listed stays as it is) and times in the clock's zone.
pub struct Readers<'a> {
    pub names: &'a OfficerNames,
    pub clock: &'a Clock,
}

impl Readers<'_> {
    fn name(&self, login: &str) -> String {
        or_dash(self.names.name(login))
    }
    /// "23 November 2026 14:30", local time.
    fn when(&self, at: DateTime<Utc>) -> String {
        let l = self.clock.local(at);
        format!("{} {}", fmt_long(l.date()), l.format("%H:%M"))
    }
    fn day(&self, at: DateTime<Utc>) -> String {
        fmt_long(self.clock.local(at).date())
    }
}

/// An agreed action's status as the tracker has it now: "open", "done 23 November 2026",
/// "dropped"; "—" for a row not (yet) saved as an action.
fn action_status(id: Option<crate::domain::Id>, actions: &List<Action>) -> String {
    match id.and_then(|id| actions.iter().find(|a| a.id == id)) {
        None => "—".into(),
        Some(a) => match (a.status, a.completed) {
            (ActionStatus::Done, Some(at)) => format!("done {}", fmt_long(at)),
            (s, _) => s.name().into(),
        },
    }
}

/// Text for one table cell: cleaned, pipes escaped, line breaks as `<br>`, never empty.
fn cell(s: &str) -> String {
    let t = clean_text(s);
    let t = t.trim();
    if t.is_empty() {
        return "—".into();
    }
    t.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text on one line (a heading or a label): cleaned, line breaks as spaces.
fn inline(s: &str) -> String {
    clean_text(s)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A block of free text: cleaned; lines that Markdown would read as headings, rules or quotes
/// are escaped so the text keeps its place in the document, and the writer's line breaks are
/// kept (two trailing spaces: a hard break that plain-text readers do not see).
fn block(s: &str) -> String {
    let t = clean_text(s);
    let t = t.trim();
    if t.is_empty() {
        return "—".into();
    }
    t.lines()
        .map(|l| {
            let trimmed = l.trim_start();
            if trimmed.starts_with(['#', '>', '=']) || trimmed.starts_with("---") {
                format!("\\{trimmed}")
            } else {
                l.trim_end().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("  \n")
        .replace("  \n  \n", "\n\n")
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(fmt_long).unwrap_or_else(|| "—".into())
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        cell(s)
    }
}

fn details_table(out: &mut String, rows: &[(&str, String)]) {
    out.push_str("| | |\n|---|---|\n");
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    out.push('\n');
}

/// A school's profile on `today`: details, current priority and rationale, priority history,
/// this year's support plan, recent notes and checkpoints, and open actions (overdue marked).
/// `None` if the dataset has no school with that URN.
pub fn school_profile(ds: &Dataset, urn: Urn, today: NaiveDate, r: &Readers) -> Option<String> {
    let school = ds.schools.iter().find(|s| s.urn == urn)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} (URN {})\n\nProfile as at {}.\n",
        inline(&school.name),
        school.urn,
        fmt_long(today)
    );

    let _ = writeln!(out, "## Details\n");
    let ofsted = match (&school.report_card, school.ofsted_date) {
        (Some(c), _) => {
            let mut t = c.summary(fmt_long);
            let grades: Vec<String> = c
                .grades()
                .map(|(a, g)| format!("{}: {}", a.name(), g.name()))
                .collect();
            if !grades.is_empty() {
                t.push_str(&format!(" ({})", grades.join("; ")));
            }
            t
        }
        (None, Some(d)) => format!("{} ({})", school.ofsted.name(), fmt_long(d)),
        (None, None) => school.ofsted.name().to_string(),
    };
    details_table(
        &mut out,
        &[
            ("Phase", school.phase.name().into()),
            ("Type", school.school_type.name().into()),
            (
                "Trust or federation",
                or_dash(school.trust.as_deref().unwrap_or("")),
            ),
            ("Diocese", or_dash(school.diocese.as_deref().unwrap_or(""))),
            ("Headteacher", or_dash(&school.headteacher)),
            ("Chair of governors", or_dash(&school.chair_of_governors)),
            ("Link officer", or_dash(&school.link_officer)),
            ("Contact email", or_dash(&school.contact_email)),
            ("Pupils on roll", school.pupils.to_string()),
            ("Ofsted", ofsted),
            ("Opened", date(school.opened)),
        ],
    );

    let scheme = &ds.scheme;
    let cat_name = |key: &str| {
        scheme
            .get(key)
            .map_or_else(|| inline(key), |c| inline(&c.name))
    };
    let row = board_rows(
        &BoardInput {
            scheme,
            schools: &crate::domain::list::List::from(vec![school.clone()]),
            decisions: &ds.decisions,
            activities: &ds.activities,
            checkpoints: &ds.checkpoints,
            actions: &ds.actions,
            escalations: &ds.escalations,
        },
        today,
    )
    .pop();

    let _ = writeln!(out, "## Current priority\n");
    let current = current_decisions(&ds.decisions);
    match current.get(&urn) {
        None => out.push_str("No priority decision has been recorded.\n\n"),
        Some(d) => {
            let cat = scheme.get(&d.category);
            let _ = write!(
                out,
                "**{}**{}",
                cat_name(&d.category),
                cat.map(|c| format!(" {} {}", inline(&c.symbol), inline(&c.label)))
                    .unwrap_or_default()
            );
            if let Some(c) = cat.filter(|c| !c.description.trim().is_empty()) {
                let _ = write!(out, ": {}", inline(&c.description));
            }
            if d.at_risk {
                out.push_str(" — **at risk**");
            }
            let change = scheme.change(d.previous.as_deref(), &d.category);
            let _ = writeln!(
                out,
                "\n\nDecided {} by {}{}.\n",
                fmt_long(d.date),
                r.name(&d.decided_by),
                match &d.previous {
                    Some(p) => format!("; {} from {}", change.word(), cat_name(p)),
                    None => "; first decision".into(),
                }
            );
            let _ = writeln!(out, "Rationale:\n\n{}\n", block(&d.rationale));
            if !d.evidence.is_empty() {
                out.push_str("Evidence considered:\n\n");
                for e in &d.evidence {
                    let _ = writeln!(out, "- {}", inline(e));
                }
                out.push('\n');
            }
            if !d.ratings.is_empty() {
                out.push_str("| Area | Rating |\n|---|---|\n");
                for (area, rating) in &d.ratings {
                    let _ = writeln!(out, "| {} | {} |", area.name(), rating.name());
                }
                out.push('\n');
            }
            if !d.risks.is_empty() {
                let risks: Vec<&str> = d.risks.iter().map(|r| r.name()).collect();
                let _ = writeln!(out, "Risk factors: {}.\n", risks.join(", "));
            }
            if let Some(c) = cat {
                let e = &c.entitlement;
                let _ = writeln!(
                    out,
                    "Entitlement: {}; {} visit{} a year{}.\n",
                    e.checkpoint_weeks
                        .map_or("no checkpoint reviews".into(), |w| format!(
                            "checkpoint reviews every {w} weeks"
                        )),
                    e.visits_per_year,
                    if e.visits_per_year == 1 { "" } else { "s" },
                    if e.strategy_meetings {
                        "; termly LA strategy meetings"
                    } else {
                        ""
                    }
                );
            }
            if let Some(r) = &row
                && let Some(next) = r.next_checkpoint
            {
                let _ = writeln!(
                    out,
                    "Next checkpoint review: {}{}.\n",
                    fmt_long(next),
                    match (r.checkpoint_overdue, r.checkpoint_planned) {
                        (true, true) => " — **OVERDUE**",
                        (true, false) => " — **OVERDUE**, and not yet planned",
                        (false, true) => "",
                        (false, false) => " (due by the entitlement; not yet planned)",
                    }
                );
            }
            let _ = writeln!(
                out,
                "School informed: {}. Diocese informed: {}. Shared with the regional team: {}.\n",
                date(d.school_informed),
                if school.diocese.is_some() {
                    date(d.diocese_informed)
                } else {
                    "not applicable".into()
                },
                date(d.shared_regional)
            );
        }
    }

    let past = history(&ds.decisions, urn);
    if !past.is_empty() {
        out.push_str("## Priority history\n\n| Date | Priority | Change | At risk | Rationale | Decided by |\n|---|---|---|---|---|---|\n");
        for d in past.iter().rev() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                fmt_long(d.date),
                cell(&cat_name(&d.category)),
                scheme.change(d.previous.as_deref(), &d.category).word(),
                if d.at_risk { "yes" } else { "no" },
                cell(&d.rationale),
                or_dash(&d.decided_by)
            );
        }
        out.push('\n');
    }

    let year = AcademicYear::of(today);
    let _ = writeln!(out, "## Support plan {year}\n");
    match ds.plans.iter().find(|p| p.urn == urn && p.year == year) {
        None => out.push_str("No support plan for this year.\n\n"),
        Some(plan) => {
            for (i, p) in plan.priorities.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, inline(&p.title));
                for c in &p.success_criteria {
                    let _ = writeln!(out, "   - {}", inline(c));
                }
            }
            out.push('\n');
        }
    }

    let mut notes: Vec<&Note> = ds.notes.iter().filter(|n| n.urn == urn).collect();
    notes.sort_by_key(|n| std::cmp::Reverse((n.date(), n.id)));
    let _ = writeln!(out, "## Recent notes of visits\n");
    if notes.is_empty() {
        out.push_str("No notes of visits.\n\n");
    } else {
        out.push_str(
            "| Date | Type | By | Purpose | Key points | Status |\n|---|---|---|---|---|---|\n",
        );
        for n in notes.iter().take(RECENT_NOTES) {
            let b = &n.body;
            let mut points = vec![];
            for (label, text) in [
                ("Strengths", &b.strengths),
                ("For development", &b.development),
                ("Next steps", &b.next_steps),
            ] {
                if !text.trim().is_empty() {
                    points.push(format!("{label}: {}", text.trim()));
                }
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                fmt_long(n.date()),
                or_dash(&b.visit_type),
                r.name(&n.author),
                or_dash(&b.purpose),
                or_dash(&points.join("\n")),
                status_name(n)
            );
        }
        out.push('\n');
    }

    let mut reviews: Vec<_> = ds.checkpoints.iter().filter(|c| c.urn == urn).collect();
    reviews.sort_by_key(|c| std::cmp::Reverse((c.date, c.id)));
    let _ = writeln!(out, "## Checkpoint reviews\n");
    if reviews.is_empty() {
        out.push_str("No checkpoint reviews.\n\n");
    } else {
        out.push_str("| Date | Reviewer | Overall | Judgement | Recommendation | Next due |\n|---|---|---|---|---|---|\n");
        for c in reviews.iter().take(RECENT_CHECKPOINTS) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                fmt_long(c.date),
                r.name(&c.reviewer),
                c.overall.name(),
                or_dash(&c.judgement),
                c.recommendation.name(),
                date(c.next_due)
            );
        }
        out.push('\n');
        // Each review in full: progress on every support-plan priority, with the commentary,
        // so what was recorded can be read back (the table above is the summary).
        for c in reviews.iter().take(RECENT_CHECKPOINTS) {
            let plan = c.plan.and_then(|id| ds.plans.iter().find(|p| p.id == id));
            let _ = writeln!(
                out,
                "### Checkpoint review, {} ({})\n",
                fmt_long(c.date),
                r.name(&c.reviewer)
            );
            if c.progress.is_empty() {
                out.push_str("No progress recorded against the support plan.\n\n");
            } else {
                out.push_str("| Priority | Progress | Commentary |\n|---|---|---|\n");
                for p in &c.progress {
                    let title = plan
                        .and_then(|pl| pl.priorities.get(p.priority))
                        .map_or_else(
                            || format!("Priority {}", p.priority + 1),
                            |x| x.title.clone(),
                        );
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        or_dash(&title),
                        p.progress.name(),
                        or_dash(&p.commentary)
                    );
                }
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "Overall: {}. {} Recommendation: {}. Next checkpoint: {}.\n",
                c.overall.name(),
                or_dash(&c.judgement),
                c.recommendation.name(),
                date(c.next_due)
            );
        }
    }

    let mut actions: Vec<_> = ds
        .actions
        .iter()
        .filter(|a| a.urn == urn && a.is_open())
        .collect();
    actions.sort_by_key(|a| (a.due.is_none(), a.due, a.id));
    out.push_str(&super::escalation_md::profile_section(ds, urn));
    let _ = writeln!(out, "## Open actions\n");
    if actions.is_empty() {
        out.push_str("No open actions.\n");
    } else {
        out.push_str("| Action | Owner | Due | |\n|---|---|---|---|\n");
        for a in actions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                or_dash(&a.text),
                r.name(&a.owner),
                date(a.due),
                if a.is_overdue(today) {
                    "**OVERDUE**"
                } else {
                    ""
                }
            );
        }
    }
    Some(out)
}

fn status_name(n: &Note) -> &'static str {
    match n.status {
        NoteStatus::Draft => "Draft",
        NoteStatus::Final => "Final",
    }
}

/// A note of visit as a document for the school: every field, the agreed actions, and the
/// version with its amendment history, and the school's response. `actions` are the tracker's
/// (for each agreed action's status now).
pub fn note_markdown(school: &School, note: &Note, actions: &List<Action>, r: &Readers) -> String {
    let b = &note.body;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Note of visit: {} (URN {})\n",
        inline(&school.name),
        school.urn
    );
    let status = match (note.status, note.finalised) {
        (NoteStatus::Final, Some(at)) => format!("Final, {}", r.day(at)),
        (NoteStatus::Final, None) => "Final".into(),
        (NoteStatus::Draft, _) => "**Draft** (not yet finalised)".into(),
    };
    let focus: Vec<&str> = b.focus.iter().map(|a| a.name()).collect();
    details_table(
        &mut out,
        &[
            ("Date of visit", fmt_long(note.date())),
            ("Visit type", or_dash(&b.visit_type)),
            (
                "Visitor(s)",
                or_dash(
                    &b.visitors
                        .iter()
                        .map(|v| r.names.name(v))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
            ("People met", or_dash(&b.people_met)),
            ("Areas in focus", or_dash(&focus.join(", "))),
            ("Written by", r.name(&note.author)),
            ("Status", status),
            ("Version", note.version().to_string()),
        ],
    );
    for (title, text) in [
        ("Purpose of the visit", &b.purpose),
        ("Evidence seen", &b.evidence),
        ("Strengths", &b.strengths),
        ("Areas for development", &b.development),
    ] {
        let _ = writeln!(out, "## {title}\n\n{}\n", block(text));
    }
    out.push_str("## Agreed actions\n\n");
    if b.actions.is_empty() {
        out.push_str("No actions were agreed.\n\n");
    } else {
        out.push_str("| # | Action | Owner | Due | Status |\n|---|---|---|---|---|\n");
        for (i, a) in b.actions.iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                i + 1,
                or_dash(&a.text),
                r.name(&a.owner),
                date(a.due),
                action_status(a.action, actions)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Next steps\n\n{}\n", block(&b.next_steps));
    if let Some(d) = b.next_visit {
        let _ = writeln!(out, "Next visit: {}.\n", fmt_long(d));
    }
    if !b.text.trim().is_empty() {
        let _ = writeln!(out, "## Further notes\n\n{}\n", block(&b.text));
    }
    out.push_str("## Version history\n\n");
    if note.amendments.is_empty() {
        let _ = writeln!(
            out,
            "Version 1, written by {} on {}.",
            r.name(&note.author),
            r.day(note.created)
        );
    } else {
        out.push_str("| Version | Amended | By | Reason |\n|---|---|---|---|\n");
        // Each amendment made the next version: the note as written is version 1.
        let _ = writeln!(
            out,
            "| 1 | {} (written) | {} | — |",
            r.day(note.created),
            r.name(&note.author)
        );
        for (i, a) in note.amendments_in_order().into_iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                i + 2,
                r.when(a.at),
                r.name(&a.author),
                or_dash(&a.reason)
            );
        }
    }
    out.push_str("\n## The school's response\n\n");
    match &note.response {
        None => out.push_str("No response from the school has been recorded.\n"),
        Some(resp) => {
            let _ = writeln!(
                out,
                "Received {}: {}.\n",
                fmt_long(resp.received),
                resp.verdict().to_lowercase()
            );
            if !resp.comment.trim().is_empty() {
                let _ = writeln!(out, "{}\n", block(&resp.comment));
            }
            let _ = writeln!(
                out,
                "Recorded by {} on {}.",
                r.name(&resp.recorded_by),
                r.when(resp.recorded_at)
            );
        }
    }
    out
}
