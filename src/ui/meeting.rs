//! Meeting mode: the list of meetings (with a chart of categories over the last meetings),
//! planning a meeting, running it (evidence beside the decision form) and the "to inform" list.
//! Drawing only.

use super::text::{caret_text, fit, trunc, width};
use super::{Theme, centred, date_line, title_bar};
use crate::app::App;
use crate::app::meeting::{MeetingView, PlanFocus, RunField, meetings_newest_first};
use crate::domain::board::current_decisions;
use crate::domain::calendar::{fmt_compact, fmt_date};
use crate::domain::minutes::{counts_by_meeting, outcomes};
use crate::domain::text::clean_line;
use crate::domain::{
    ActivityStatus, AgendaState, Area, MeetingStatus, RiskFactor, Scheme, ShownStatus, Urn,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(st) = app.meeting.as_ref() else {
        return;
    };
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let crumb = match st.view {
        MeetingView::List => "Meetings".to_string(),
        MeetingView::Plan => "Plan a meeting".to_string(),
        MeetingView::Run | MeetingView::Inform => app.current_meeting().map_or_else(
            || "Meeting".to_string(),
            |m| format!("Meeting {} ({})", fmt_date(m.date), status_word(m.status)),
        ),
    };
    let left = vec![
        Span::styled("SQA Board › ", theme.dim()),
        Span::styled(crumb, theme.title()),
    ];
    frame.render_widget(
        Paragraph::new(title_bar(left, date_line(app), title.width, theme)),
        title,
    );
    match st.view {
        MeetingView::List => draw_list(frame, rest, app, theme),
        MeetingView::Plan => draw_plan(frame, rest, app, theme),
        MeetingView::Run => draw_run(frame, rest, app, theme),
        MeetingView::Inform => draw_inform(frame, rest, app, theme),
    }
}

fn status_word(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "planned",
        MeetingStatus::Open => "OPEN",
        MeetingStatus::Closed => "closed",
    }
}

fn name_of(app: &App, urn: Urn) -> String {
    app.data
        .schools
        .iter()
        .find(|s| s.urn == urn)
        .map_or_else(|| format!("URN {urn}"), |s| clean_line(&s.name))
}

fn cat_label(scheme: &Scheme, key: Option<&str>) -> String {
    match key.and_then(|k| scheme.get(k)) {
        Some(c) => format!("{} {}", clean_line(&c.symbol), clean_line(&c.label)),
        None => key.map_or_else(|| "—".to_string(), clean_line),
    }
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let chart_h = (app.data.scheme.categories.len() as u16 + 3).min(area.height / 2);
    let [list_a, chart_a] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(chart_h)]).areas(area);
    let sel = app.meeting.as_ref().map_or(0, |m| m.list_sel);
    let w = list_a.width as usize;
    let mut lines = vec![Line::styled(
        fit("Date        Term             Status   Schools  Decided", w),
        theme.heading(),
    )];
    let list = meetings_newest_first(&app.data.meetings);
    if list.is_empty() {
        lines.push(Line::raw("No meetings yet: N plans one."));
    }
    let room = list_a.height.saturating_sub(1) as usize;
    let start = sel.saturating_sub(room.saturating_sub(1));
    for (i, m) in list.iter().enumerate().skip(start).take(room) {
        let decided = m
            .agenda
            .iter()
            .filter(|i| i.state == AgendaState::Decided)
            .count();
        let text = format!(
            "{:<11} {:<16} {:<8} {:>7}  {:>7}",
            fmt_date(m.date),
            format!("{} {}", m.term, m.year),
            status_word(m.status),
            m.agenda.len(),
            decided
        );
        let style = if i == sel {
            theme.selected()
        } else {
            theme.plain()
        };
        let marker = if i == sel { "▶" } else { " " };
        lines.push(Line::styled(fit(&format!("{marker}{text}"), w), style));
    }
    frame.render_widget(Paragraph::new(lines), list_a);
    draw_chart(frame, chart_a, app, theme);
}

/// Counts per category at each of the last meetings, as text bars (readable without colour).
fn draw_chart(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height < 3 {
        return;
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(
            " Schools per category at the last meetings ",
            theme.heading(),
        ))
        .border_style(theme.border(false));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = counts_by_meeting(&app.data, 4);
    if cols.is_empty() {
        frame.render_widget(Paragraph::new("No meetings yet."), inner);
        return;
    }
    let max = cols
        .iter()
        .flat_map(|(_, c)| c.iter().map(|(_, n)| *n))
        .max()
        .unwrap_or(1)
        .max(1);
    let label_w = 10usize;
    let per = ((inner.width as usize).saturating_sub(label_w) / cols.len()).max(6);
    let bar_room = per.saturating_sub(4);
    let mut lines = vec![];
    let mut head = fit("", label_w);
    for (name, _) in &cols {
        // "15/10/2026 Aut 2026/27" → the date is enough in a narrow column.
        let short = name.split(' ').next().unwrap_or(name);
        head.push_str(&fit(short, per));
    }
    lines.push(Line::styled(head, theme.dim()));
    for (ci, c) in app.data.scheme.categories.iter().enumerate() {
        let mut spans = vec![Span::styled(
            fit(
                &format!("{} {}", clean_line(&c.symbol), clean_line(&c.label)),
                label_w,
            ),
            theme.category(&c.colour),
        )];
        for (_, counts) in &cols {
            let n = counts.get(ci).map_or(0, |(_, n)| *n);
            let len = (n * bar_room).div_ceil(max);
            let bar = format!("{}{n:>2}", "█".repeat(len));
            spans.push(Span::styled(fit(&bar, per), theme.category(&c.colour)));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_plan(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(p) = app.meeting.as_ref().and_then(|m| m.plan.as_ref()) else {
        return;
    };
    let [fields, agenda] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let field = |label: &str, value: &str, focus: bool| {
        let shown = if focus {
            caret_text(value, app.caret_in(value))
        } else {
            clean_line(value)
        };
        Line::from(vec![
            Span::styled(format!("{label:<11}"), theme.dim()),
            Span::styled(shown, if focus { theme.active() } else { theme.plain() }),
        ])
    };
    let term_line = crate::domain::calendar::parse_date(&p.date, app.today).map_or_else(
        |_| "not a date yet (dd/mm/yyyy)".to_string(),
        |d| {
            format!(
                "{} term {}",
                app.terms.term_of(d),
                crate::domain::AcademicYear::of(d)
            )
        },
    );
    let lines = vec![
        field("Date", &p.date, p.focus == PlanFocus::Date),
        Line::from(vec![
            Span::styled(format!("{:<11}", "Term"), theme.dim()),
            Span::raw(term_line),
        ]),
        field("Attendees", &p.attendees, p.focus == PlanFocus::Attendees),
    ];
    frame.render_widget(Paragraph::new(lines), fields);
    let focus = p.focus == PlanFocus::Agenda;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(focus))
        .title(Span::styled(
            format!(
                " Agenda: {} schools ({} removed) ",
                p.agenda.len(),
                p.removed.len()
            ),
            theme.heading(),
        ));
    let inner = block.inner(agenda);
    frame.render_widget(block, agenda);
    let cur = current_decisions(&app.data.decisions);
    let room = inner.height as usize;
    let start = p.sel.saturating_sub(room.saturating_sub(1));
    let w = inner.width as usize;
    let mut lines = vec![];
    for (i, urn) in p.agenda.iter().enumerate().skip(start).take(room) {
        let cat = cat_label(&app.data.scheme, cur.get(urn).map(|d| d.category.as_str()));
        let text = format!("{:>2}. {:<7} {} {}", i + 1, cat, urn, name_of(app, *urn));
        let style = if focus && i == p.sel {
            theme.selected()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_run(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(m), Some(item)) = (app.current_meeting(), app.current_item()) else {
        frame.render_widget(Paragraph::new("The agenda is empty."), area);
        return;
    };
    let st = app.meeting.as_ref();
    let pos = st.map_or(0, |s| s.pos);
    let (decided, total) = app.meeting_progress().unwrap_or((0, 0));
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let state = match item.state {
        AgendaState::Pending => "to decide",
        AgendaState::Decided => "DECIDED",
        AgendaState::Skipped => "skipped",
        AgendaState::Deferred => "deferred",
    };
    let head_line = format!(
        "{decided} of {total} decided · school {} of {total}: {} {} [{state}]",
        pos + 1,
        item.urn,
        name_of(app, item.urn)
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            trunc(&head_line, head.width as usize),
            theme.title(),
        )),
        head,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(48), Constraint::Percentage(52)]).areas(body);
    let ev = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(
            " Evidence since last decision ",
            theme.heading(),
        ));
    let ev_in = ev.inner(left);
    frame.render_widget(ev, left);
    frame.render_widget(
        Paragraph::new(evidence_lines(app, item.urn, theme)).wrap(Wrap { trim: false }),
        ev_in,
    );
    let fm = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" Decision ", theme.heading()));
    let fm_in = fm.inner(right);
    frame.render_widget(fm, right);
    let lines = form_lines(app, item.urn, fm_in.width as usize, theme);
    // Keep the typed field in view on short screens.
    let scroll = lines.len().saturating_sub(fm_in.height as usize);
    let editing = st.and_then(|s| s.editing);
    let scroll = if editing.is_some() { scroll } else { 0 };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        fm_in,
    );
    if st.is_some_and(|s| s.confirm_close) {
        let pop = centred(body, 50, 5);
        frame.render_widget(Clear, pop);
        let text = vec![
            Line::raw(format!(
                "Close the meeting of {}? ({decided} of {total} decided)",
                fmt_date(m.date)
            )),
            Line::raw("The minutes are written to a file."),
            Line::styled("y close it · n keep open", theme.key()),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::ALL).title(" Close ")),
            pop,
        );
    }
}

fn evidence_lines<'a>(app: &'a App, urn: Urn, theme: &Theme) -> Vec<Line<'a>> {
    let cur = current_decisions(&app.data.decisions);
    let last = cur.get(&urn).copied();
    let since = last.map(|d| d.date);
    let after = |d: chrono::NaiveDate| since.is_none_or(|s| d > s);
    let mut out = vec![];
    let heading = |t: &str| Line::styled(t.to_string(), theme.heading());
    match last {
        Some(d) => out.push(Line::raw(format!(
            "Now: {} since {}{}",
            cat_label(&app.data.scheme, Some(&d.category)),
            fmt_compact(d.date),
            if d.at_risk { " · AT RISK" } else { "" }
        ))),
        None => out.push(Line::raw("No decision before: a first decision")),
    }
    if let Some(s) = app.data.schools.iter().find(|s| s.urn == urn) {
        let date = s
            .ofsted_date
            .filter(|d| after(*d))
            .map(|d| format!(" ({}, new)", fmt_compact(d)))
            .unwrap_or_default();
        out.push(Line::raw(format!("Ofsted: {}{date}", s.ofsted.name())));
    }
    if let Some(d) = last
        && !d.risks.is_empty()
    {
        let r: Vec<&str> = d.risks.iter().map(|r| r.name()).collect();
        out.push(Line::raw(format!("Risks: {}", r.join(", "))));
    }
    out.push(heading("Notes of visits"));
    match app.notes.get(&urn) {
        None => out.push(Line::styled("loading…", theme.dim())),
        Some(notes) => {
            let mut v: Vec<_> = notes.iter().filter(|n| after(n.date())).collect();
            v.sort_by_key(|n| std::cmp::Reverse(n.date()));
            if v.is_empty() {
                out.push(Line::styled("none since", theme.dim()));
            }
            for n in v.iter().take(4) {
                out.push(Line::raw(format!(
                    "{} {}",
                    fmt_compact(n.date()),
                    clean_line(&n.title())
                )));
            }
        }
    }
    let mut cps: Vec<_> = app
        .data
        .checkpoints
        .iter()
        .filter(|c| c.urn == urn && after(c.date))
        .collect();
    cps.sort_by_key(|c| std::cmp::Reverse(c.date));
    if !cps.is_empty() {
        out.push(heading("Checkpoint reviews"));
        for c in cps.iter().take(3) {
            out.push(Line::raw(format!(
                "{} {} · {}",
                fmt_compact(c.date),
                c.overall.name(),
                c.recommendation.name()
            )));
        }
    }
    let mut acts: Vec<_> = app
        .data
        .activities
        .iter()
        .filter(|a| a.urn == urn)
        .filter(|a| {
            (a.status == ActivityStatus::Done && after(a.date()))
                || a.shown_status(app.today) == ShownStatus::Overdue
        })
        .collect();
    acts.sort_by_key(|a| std::cmp::Reverse(a.date()));
    if !acts.is_empty() {
        out.push(heading("Activities"));
        for a in acts.iter().take(4) {
            let s = a.shown_status(app.today);
            let style = if s == ShownStatus::Overdue {
                theme.overdue()
            } else {
                theme.plain()
            };
            out.push(Line::styled(
                format!("{} {} {}", fmt_compact(a.date()), a.kind.name(), s.name()),
                style,
            ));
        }
    }
    let open: Vec<_> = app
        .data
        .actions
        .iter()
        .filter(|a| a.urn == urn && a.is_open())
        .collect();
    if !open.is_empty() {
        out.push(heading("Open actions"));
        for a in open.iter().take(4) {
            let od = a.is_overdue(app.today);
            let due = a.due.map_or_else(|| "no date".into(), fmt_compact);
            out.push(Line::styled(
                format!(
                    "{}{} {}",
                    if od { "OVERDUE " } else { "" },
                    due,
                    clean_line(&a.text)
                ),
                if od { theme.overdue() } else { theme.plain() },
            ));
        }
    }
    out
}

fn form_lines<'a>(app: &'a App, urn: Urn, w: usize, theme: &Theme) -> Vec<Line<'a>> {
    let scheme = &app.data.scheme;
    let form = app.current_form().cloned().unwrap_or_else(|| {
        let cur = current_decisions(&app.data.decisions);
        let mut f = crate::app::meeting::DecisionForm::default();
        if let Some(d) = cur.get(&urn) {
            f.ratings = d.ratings.clone();
            f.risks = d.risks.clone();
            f.at_risk = d.at_risk;
        }
        f
    });
    let editing = app.meeting.as_ref().and_then(|m| m.editing);
    let decided = app
        .current_item()
        .and_then(|i| i.decision)
        .and_then(|id| app.data.decisions.iter().find(|d| d.id == id));
    let mut out = vec![];
    let prev = current_decisions(&app.data.decisions)
        .get(&urn)
        .map(|d| d.category.clone());
    let mut cats = vec![];
    for (i, c) in scheme.categories.iter().enumerate() {
        let on = form.category.as_deref() == Some(c.key.as_str());
        let text = format!(
            "{}{} {}{}",
            if on { "[" } else { " " },
            i + 1,
            clean_line(&c.label),
            if on { "]" } else { " " }
        );
        let style = if on {
            theme.selected()
        } else {
            theme.category(&c.colour)
        };
        cats.push(Span::styled(text, style));
    }
    out.push(Line::from(cats));
    let was = cat_label(scheme, prev.as_deref());
    let now = form
        .category
        .as_deref()
        .map(|k| {
            format!(
                "{} ({})",
                cat_label(scheme, Some(k)),
                scheme.change(prev.as_deref(), k).word()
            )
        })
        .unwrap_or_else(|| "choose 1-9 or =".into());
    out.push(Line::raw(trunc(&format!("Was {was} → {now}"), w)));
    if let Some(d) = decided {
        out.push(Line::styled(
            trunc(
                &format!("Saved: {}", cat_label(scheme, Some(&d.category))),
                w,
            ),
            theme.dim(),
        ));
    }
    let cursor = form.cursor;
    let row_style = |i: usize| {
        if i == cursor && editing.is_none() {
            theme.selected()
        } else {
            theme.plain()
        }
    };
    for (i, a) in Area::ALL.iter().enumerate() {
        let r = form
            .ratings
            .iter()
            .find(|(x, _)| x == a)
            .map_or("—", |(_, r)| r.name());
        out.push(Line::styled(
            fit(&format!("{:<13}{r}", a.short()), w),
            row_style(i),
        ));
    }
    let mut risks = vec![Span::raw("Risks ")];
    for (j, r) in RiskFactor::ALL.iter().enumerate() {
        let on = form.risks.contains(r);
        let short: String = r.name().split(' ').next().unwrap_or("").to_string();
        risks.push(Span::styled(
            format!("[{}]{short} ", if on { "x" } else { "-" }),
            row_style(Area::ALL.len() + j),
        ));
    }
    out.push(Line::from(risks));
    out.push(Line::raw(format!(
        "At risk (!): {}",
        if form.at_risk { "YES" } else { "no" }
    )));
    let field = |label: &str, value: &str, on: bool| {
        let shown = if on {
            caret_text(value, app.caret_in(value))
        } else {
            clean_line(value)
        };
        let text = format!("{label}: {shown}");
        let lines = super::text::wrap(&text, w.max(10));
        lines
            .into_iter()
            .map(|l| Line::styled(l, if on { theme.active() } else { theme.plain() }))
            .collect::<Vec<_>>()
    };
    out.extend(field(
        "Rationale",
        &form.rationale,
        editing == Some(RunField::Rationale),
    ));
    for a in &form.actions {
        out.push(Line::raw(trunc(
            &format!(
                "• {} ({}; {})",
                clean_line(&a.text),
                clean_line(&a.owner),
                a.due.map_or_else(|| "no date".into(), fmt_date)
            ),
            w,
        )));
    }
    if editing == Some(RunField::Action) {
        out.extend(field("Action; owner; due", &form.action_line, true));
    }
    let _ = width;
    out
}

fn draw_inform(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(m) = app.current_meeting() else {
        return;
    };
    let sel = app.meeting.as_ref().map_or(0, |s| s.inform_sel);
    let outs = outcomes(&app.data, m);
    let w = area.width as usize;
    let mut lines = vec![Line::styled(
        fit(
            "School                          Category  School     Diocese    Regional",
            w,
        ),
        theme.heading(),
    )];
    if outs.is_empty() {
        lines.push(Line::raw("No decisions at this meeting yet."));
    }
    let room = area.height.saturating_sub(1) as usize;
    let start = sel.saturating_sub(room.saturating_sub(1));
    for (i, o) in outs.iter().enumerate().skip(start).take(room) {
        let d = o.decision;
        let has_diocese = o.school.is_some_and(|s| s.diocese.is_some());
        let date = |x: Option<chrono::NaiveDate>| x.map_or_else(|| "TO DO".into(), fmt_compact);
        let dio = if has_diocese {
            date(d.diocese_informed)
        } else {
            "n/a".into()
        };
        let text = format!(
            "{} {:<9} {:<10} {:<10} {}",
            fit(&name_of(app, o.urn), 31),
            cat_label(&app.data.scheme, Some(&d.category)),
            date(d.school_informed),
            dio,
            d.shared_regional.map_or_else(|| "—".into(), fmt_compact),
        );
        let style: Style = if i == sel {
            theme.selected()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
