//! The school screen: details, current priority with rationale, history with a chart, activities,
//! notes of visits and open actions. One section at a time at 80x24, side by side when wide.

use super::board::priority_text;
use super::text::{fit, trunc, wrap};
use super::{Theme, date_line, title_bar};
use crate::app::{App, SchoolState, Section};
use crate::domain::audit::Concerns;
use crate::domain::calendar::{fmt_compact, fmt_date};
use crate::domain::text::{clean_line, clean_text};
use crate::domain::{Change, Decision, NoteStatus, School, ShownStatus};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

type Lines = Vec<Line<'static>>;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(state), Some(school)) = (app.school.as_ref(), app.open_school()) else {
        frame.render_widget(Paragraph::new("No school open."), area);
        return;
    };
    let wide = area.width >= 120 && area.height >= 30;
    let [title, summary, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let left = vec![
        Span::styled("SQA Board › ", theme.dim()),
        Span::styled(
            format!("{} {}", school.urn, clean_line(&school.name)),
            theme.title(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(title_bar(left, date_line(app), title.width, theme)),
        title,
    );
    frame.render_widget(Paragraph::new(summary_line(app, school, theme)), summary);

    if wide {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(rest);
        let details = details_lines(app, school, theme, l.width.saturating_sub(2) as usize);
        let dh = (details.len() as u16 + 2)
            .min(l.height / 2 + 4)
            .min(l.height);
        let [d, h, e, rv] = Layout::vertical([
            Constraint::Length(dh),
            Constraint::Min(3),
            Constraint::Min(3),
            Constraint::Min(3),
        ])
        .areas(l);
        let [a, n, x, c] = Layout::vertical([
            Constraint::Ratio(1, 4),
            Constraint::Ratio(1, 4),
            Constraint::Ratio(1, 4),
            Constraint::Ratio(1, 4),
        ])
        .areas(r);
        for (sec, rect) in [
            (Section::Details, d),
            (Section::History, h),
            (Section::Activities, a),
            (Section::Notes, n),
            (Section::Actions, x),
            (Section::Reviews, rv),
            (Section::Changes, c),
            (Section::Escalation, e),
        ] {
            let lines = section_lines(
                app,
                school,
                sec,
                theme,
                rect.width.saturating_sub(2) as usize,
            );
            draw_section(
                frame,
                rect,
                state,
                sec,
                sec.name().to_string(),
                lines,
                theme,
            );
        }
    } else {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(rest);
        let mut spans = Vec::new();
        for (i, sec) in Section::ALL.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled("│", theme.dim()));
            }
            let name = short_name(*sec);
            let style = if *sec == state.section {
                theme.selected()
            } else {
                theme.plain()
            };
            spans.push(Span::styled(format!(" {name} "), style));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        let sec = state.section;
        let lines = section_lines(
            app,
            school,
            sec,
            theme,
            body.width.saturating_sub(2) as usize,
        );
        let title = format!(
            "{} ({}/{})",
            sec.name(),
            sec.index() + 1,
            Section::ALL.len()
        );
        draw_section(frame, body, state, sec, title, lines, theme);
    }
}

fn short_name(s: Section) -> &'static str {
    match s {
        Section::Details => "Details",
        Section::History => "History",
        Section::Activities => "Activities",
        Section::Notes => "Notes",
        Section::Actions => "Actions",
        Section::Reviews => "Reviews",
        Section::Changes => "Changes",
        Section::Escalation => "Escal",
    }
}

fn draw_section(
    frame: &mut Frame,
    rect: Rect,
    state: &SchoolState,
    sec: Section,
    title: String,
    lines: Lines,
    theme: &Theme,
) {
    let focused = state.section == sec;
    let inner_h = rect.height.saturating_sub(2);
    let max = (lines.len() as u16).saturating_sub(inner_h);
    state.set_max_scroll(sec, max);
    let scroll = if sec == Section::Reviews {
        state.review_line.get().min(max)
    } else {
        state.scroll_of(sec)
    };
    let mut title_spans = vec![Span::styled(
        format!(" {title} "),
        if focused {
            theme.selected()
        } else {
            theme.title()
        },
    )];
    if max > 0 {
        let more = if scroll < max { "↓ more " } else { "end " };
        title_spans.push(Span::styled(format!(" {more}"), theme.dim()));
    }
    let block = Block::bordered()
        .title(Line::from(title_spans))
        .border_style(theme.border(focused));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

fn current_decision<'a>(app: &'a App, school: &School) -> Option<&'a Decision> {
    app.current_decision(school.urn)
}

/// "▲ HIGH ↑ raised from ◆ MED · AT RISK · decided 12/10/26 by J Smith"
fn summary_line(app: &App, school: &School, theme: &Theme) -> Line<'static> {
    let scheme = &app.data.scheme;
    let Some(d) = current_decision(app, school) else {
        return Line::styled("No priority decision yet", theme.dim());
    };
    let (t, colour) = priority_text(scheme, Some(&d.category));
    let change = scheme.change(d.previous.as_deref(), &d.category);
    let moved = match (change, &d.previous) {
        (Change::Raised | Change::Lowered, Some(p)) => format!(
            " {} {} from {}",
            change.symbol(),
            change.word(),
            priority_text(scheme, Some(p)).0
        ),
        (Change::Same, _) => format!(" {} same as before", change.symbol()),
        _ => format!(" {} first decision", change.symbol()),
    };
    let mut spans = vec![Span::styled(t, theme.category(&colour)), Span::raw(moved)];
    if d.at_risk {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled("AT RISK", theme.overdue()));
    }
    // The one rule (`domain::board::school_next_checkpoint`), written as the board writes it.
    if let Some(n) = app.next_checkpoint_of(school.urn) {
        spans.push(Span::raw(" · next chk "));
        let (text, style) = match (n.overdue(app.today), n.planned) {
            (true, _) => (format!("!{}", fmt_compact(n.date)), theme.overdue()),
            (false, true) => (fmt_compact(n.date), theme.plain()),
            (false, false) => (format!("?{}", fmt_compact(n.date)), theme.dim()),
        };
        spans.push(Span::styled(text, style));
    }
    spans.push(Span::raw(format!(
        " · decided {} by {}",
        fmt_compact(d.date),
        clean_line(&d.decided_by)
    )));
    Line::from(spans)
}

fn section_lines(app: &App, school: &School, sec: Section, theme: &Theme, w: usize) -> Lines {
    match sec {
        Section::Details => details_lines(app, school, theme, w),
        Section::History => super::school_history::history_lines(app, school, theme, w),
        Section::Activities => activity_lines(app, school, theme, w),
        Section::Notes => note_lines(app, school, theme, w),
        Section::Actions => action_lines(app, school, theme, w),
        Section::Reviews => {
            let state = app.school.as_ref();
            let focused = state.filter(|s| s.section == Section::Reviews);
            let sel = focused.map(|s| s.review);
            let (lines, at) = super::review_view::section_lines(app, school.urn, sel, w, theme);
            // The section scrolls to the selected review (`draw_section`).
            if let Some(s) = state {
                s.review_line.set(at as u16);
            }
            lines
        }
        Section::Changes => change_lines(app, school, theme, w),
        Section::Escalation => super::escalation::section_lines(app, school.urn, w, theme),
    }
}

fn field(label: &str, value: String, theme: &Theme, w: usize) -> Line<'static> {
    let value = trunc(&value, w.saturating_sub(14));
    Line::from(vec![
        Span::styled(fit(label, 13), theme.dim()),
        Span::raw(" "),
        Span::raw(value),
    ])
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(clean_line).unwrap_or_else(|| "—".into())
}

fn or_dash(s: &str) -> String {
    let s = clean_line(s);
    if s.trim().is_empty() { "—".into() } else { s }
}

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(fmt_date).unwrap_or_else(|| "—".into())
}

pub(super) fn meeting_title(app: &App, d: &Decision) -> String {
    d.meeting
        .and_then(|id| app.data.meetings.iter().find(|m| m.id == id))
        .map(|m| clean_line(&m.title))
        .unwrap_or_else(|| "between meetings".into())
}

fn details_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let mut out = priority_lines(app, school, theme, w);
    out.push(Line::raw(""));
    out.push(Line::styled("School", theme.heading()));
    out.extend([
        field("URN", school.urn.to_string(), theme, w),
        field("Name", clean_line(&school.name), theme, w),
        field("Phase", school.phase.name().into(), theme, w),
        field("Type", school.school_type.name().into(), theme, w),
        field("Trust", opt(&school.trust), theme, w),
        field("Diocese", opt(&school.diocese), theme, w),
        field("Headteacher", clean_line(&school.headteacher), theme, w),
        field("Chair", clean_line(&school.chair_of_governors), theme, w),
        field("Link officer", clean_line(&school.link_officer), theme, w),
        field("Email", or_dash(&school.contact_email), theme, w),
        field("LA notes", or_dash(&school.notes), theme, w),
        field("Pupils", school.pupils.to_string(), theme, w),
    ]);
    out.extend(ofsted_lines(school, theme, w));
    out
}

/// The inspection in full: one line for an overall grade; a report card area by area, with
/// safeguarding not met marked in words as well as colour.
fn ofsted_lines(school: &School, theme: &Theme, w: usize) -> Lines {
    let detail = school.ofsted_detail();
    let label_w = detail
        .iter()
        .skip(1)
        .map(|(l, _)| super::text::width(l))
        .max()
        .unwrap_or(0);
    detail
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            if i == 0 {
                return field(&label, value, theme, w);
            }
            let not_met = label.trim() == "Safeguarding"
                && school
                    .report_card
                    .as_ref()
                    .is_some_and(|c| c.safeguarding_not_met());
            let value = trunc(&value, w.saturating_sub(label_w + 1));
            Line::from(vec![
                Span::styled(fit(&label, label_w), theme.dim()),
                Span::raw(" "),
                if not_met {
                    Span::styled(format!("{value} (SG!)"), theme.overdue())
                } else {
                    Span::raw(value)
                },
            ])
        })
        .collect()
}

/// The current priority: category, who decided and when, communication, rationale, risks.
fn priority_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let mut out = Vec::new();
    let scheme = &app.data.scheme;
    let Some(d) = current_decision(app, school) else {
        out.push(Line::styled("No priority decision yet.", theme.title()));
        return out;
    };
    let (t, colour) = priority_text(scheme, Some(&d.category));
    let name = scheme
        .get(&d.category)
        .map(|c| format!("{}: {}", clean_line(&c.name), clean_line(&c.description)))
        .unwrap_or_default();
    let mut first = vec![
        Span::styled("Current priority ", theme.heading()),
        Span::raw(" "),
        Span::styled(t, theme.category(&colour)),
        Span::raw(format!("  {}", trunc(&name, w.saturating_sub(28)))),
    ];
    if d.at_risk {
        first.push(Span::raw("  "));
        first.push(Span::styled("AT RISK", theme.overdue()));
    }
    out.push(Line::from(first));
    out.push(field(
        "Decided",
        format!(
            "{} by {}, {}",
            fmt_date(d.date),
            clean_line(&d.decided_by),
            meeting_title(app, d)
        ),
        theme,
        w,
    ));
    let mut told = format!("school {}", opt_date(d.school_informed));
    if school.diocese.is_some() {
        told.push_str(&format!(", diocese {}", opt_date(d.diocese_informed)));
    }
    if d.awaiting_communication(school.diocese.is_some()) {
        told.push_str("  (to inform)");
    }
    out.push(field("Informed", told, theme, w));
    if !d.risks.is_empty() {
        let risks: Vec<&str> = d.risks.iter().map(|r| r.name()).collect();
        out.push(field("Risk factors", risks.join("; "), theme, w));
    }
    out.push(Line::styled("Rationale", theme.dim()));
    for para in clean_text(&d.rationale).lines() {
        for l in wrap(para, w.saturating_sub(2)) {
            out.push(Line::raw(format!("  {l}")));
        }
    }
    out
}

fn activity_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let mut acts: Vec<_> = app.activities_of(school.urn);
    if acts.is_empty() {
        return vec![Line::styled("No activities recorded.", theme.dim())];
    }
    acts.sort_by_key(|a| std::cmp::Reverse((a.date(), a.id)));
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "{} {} {} Owner / title",
                fit("Date", 10),
                fit("Activity", 20),
                fit("Status", 9)
            ),
            w,
        ),
        theme.heading(),
    )];
    for a in acts {
        let st = a.shown_status(app.today);
        let style = match st {
            ShownStatus::Overdue => theme.overdue(),
            ShownStatus::Cancelled => theme.dim(),
            _ => theme.plain(),
        };
        let mut rest = clean_line(&a.owner);
        let title = clean_line(&a.title);
        if !title.is_empty() {
            rest = format!("{rest}: {title}");
        }
        out.push(Line::from(vec![
            Span::raw(format!(
                "{} {} ",
                fmt_date(a.date()),
                fit(a.kind.name(), 20)
            )),
            Span::styled(fit(st.name(), 9), style),
            Span::raw(format!(" {}", trunc(&rest, w.saturating_sub(42)))),
        ]));
    }
    out
}

fn note_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let Some(notes) = app.notes.get(&school.urn) else {
        return vec![Line::styled("Loading notes of visits…", theme.dim())];
    };
    if notes.is_empty() {
        return vec![Line::styled("No notes of visits yet.", theme.dim())];
    }
    let mut notes: Vec<_> = notes.iter().collect();
    notes.sort_by_key(|n| std::cmp::Reverse((n.date(), n.id)));
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "{} {} {} Title",
                fit("Date", 10),
                fit("Status", 6),
                fit("Ver", 3)
            ),
            w,
        ),
        theme.heading(),
    )];
    let selected = app
        .school
        .as_ref()
        .filter(|s| s.section == crate::app::Section::Notes)
        .map(|_| app.note.selected.min(notes.len().saturating_sub(1)));
    for (i, n) in notes.into_iter().enumerate() {
        let (st, style) = match n.status {
            NoteStatus::Draft => ("Draft", theme.active()),
            NoteStatus::Final => ("Final", theme.plain()),
        };
        let title = format!("{} ({})", clean_line(&n.title()), clean_line(&n.author));
        let line = Line::from(vec![
            Span::raw(format!("{} ", fmt_date(n.date()))),
            Span::styled(fit(st, 6), style),
            Span::raw(format!(
                " {} {}",
                fit(&format!("v{}", n.version()), 3),
                trunc(&title, w.saturating_sub(22))
            )),
        ]);
        out.push(if selected == Some(i) {
            line.style(theme.selected())
        } else {
            line
        });
    }
    out
}

fn action_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let mut acts: Vec<_> = app
        .actions_of(school.urn)
        .into_iter()
        .filter(|a| a.is_open())
        .collect();
    if acts.is_empty() {
        return vec![Line::styled("No open actions.", theme.dim())];
    }
    acts.sort_by_key(|a| (a.due.is_none(), a.due, a.id));
    let mut out = vec![Line::styled(
        fit(
            &format!("{} {} Action", fit("Due", 19), fit("Owner", 14)),
            w,
        ),
        theme.heading(),
    )];
    for a in acts {
        let (due, style) = match a.due {
            Some(d) if a.is_overdue(app.today) => {
                (format!("!{} OVERDUE", fmt_date(d)), theme.overdue())
            }
            Some(d) => (format!(" {}", fmt_date(d)), theme.plain()),
            None => (" no date".into(), theme.dim()),
        };
        out.push(Line::from(vec![
            Span::styled(fit(&due, 19), style),
            Span::raw(format!(
                " {} {}",
                fit(&clean_line(&a.owner), 14),
                trunc(&clean_line(&a.text), w.saturating_sub(35))
            )),
        ]));
    }
    out
}

/// The school's audit trail: who changed what, when (local time), newest first.
fn change_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let Some(entries) = app.audit.get(&school.urn) else {
        return vec![Line::styled("loading…", theme.dim())];
    };
    if entries.is_empty() {
        return vec![Line::styled("No changes recorded.", theme.dim())];
    }
    let mut out = vec![Line::styled(
        fit(&format!("{} {} Change", fit("When", 14), fit("Who", 12)), w),
        theme.heading(),
    )];
    for e in entries {
        let when = app.clock.local(e.at).format("%d/%m/%y %H:%M").to_string();
        let what = match e.concerns() {
            Concerns::All => format!("all schools: {}", clean_line(&e.summary)),
            _ => format!("{}: {}", clean_line(&e.kind), clean_line(&e.summary)),
        };
        out.push(Line::from(vec![
            Span::styled(fit(&when, 14), theme.dim()),
            Span::raw(format!(
                " {} {}",
                fit(&clean_line(&e.user), 12),
                trunc(&what, w.saturating_sub(28))
            )),
        ]));
    }
    out
}
