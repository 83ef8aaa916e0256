//! Running a meeting: the evidence of the school on the agenda beside its decision form.

use super::*;

pub(super) fn draw_run(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(item) = app.current_item() else {
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
    let ev_lines = evidence_lines(app, item.urn, theme);
    let ev_w = (ev_in.width as usize).max(1);
    let ev_rows: usize = ev_lines
        .iter()
        .map(|l| width(&l.to_string()).div_ceil(ev_w).max(1))
        .sum();
    // When it does not all fit, the last row says how to see the rest.
    let overflows = ev_rows > ev_in.height as usize;
    let room = (ev_in.height as usize).saturating_sub(usize::from(overflows));
    let wanted = st
        .filter(|s| s.ev_scroll.0 == pos)
        .map_or(0, |s| s.ev_scroll.1 as usize);
    let ev_scroll = wanted.min(ev_rows.saturating_sub(room));
    let text_area = Rect {
        height: room as u16,
        ..ev_in
    };
    frame.render_widget(
        Paragraph::new(ev_lines)
            .wrap(Wrap { trim: false })
            .scroll((ev_scroll as u16, 0)),
        text_area,
    );
    if overflows && ev_in.height > 0 {
        let more = if ev_scroll + room < ev_rows {
            "PgDn: more"
        } else {
            "PgUp: back"
        };
        let row = Rect {
            y: ev_in.y + ev_in.height - 1,
            height: 1,
            ..ev_in
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit_right(more, row.width as usize),
                theme.key(),
            )),
            row,
        );
    }
    let fm = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" Decision ", theme.heading()));
    let fm_in = fm.inner(right);
    frame.render_widget(fm, right);
    let (lines, focus, caret) = form_lines(app, item.urn, fm_in.width as usize, theme);
    // Keep the typed field, or the row under the cursor, in view on short screens.
    let w = (fm_in.width as usize).max(1);
    // Rows as the paragraph wraps them (a width-based count misses a word carried over).
    let rows = |l: &Line| {
        Paragraph::new(l.clone())
            .wrap(Wrap { trim: false })
            .line_count(w as u16)
            .max(1)
    };
    let focus_end: usize = lines.iter().take(focus + 1).map(rows).sum();
    let scroll = focus_end.saturating_sub(fm_in.height as usize);
    // The caret's screen row: the rows of the lines above it, less what is scrolled away.
    let caret = caret.and_then(|(line, col)| {
        let row = lines.iter().take(line).map(rows).sum::<usize>();
        let row = row
            .checked_sub(scroll)
            .filter(|r| *r < fm_in.height as usize)?;
        Some(Position::new(fm_in.x + col as u16, fm_in.y + row as u16))
    });
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        fm_in,
    );
    if let Some(at) = caret {
        place_caret(frame, app, at);
    }
}

pub(super) fn evidence_lines<'a>(app: &'a App, urn: Urn, theme: &Theme) -> Vec<Line<'a>> {
    // Since the decision the school held going into the meeting (not one made at it).
    let last = app.decision_before_meeting(urn);
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
    if let Some(d) = last {
        let why = clean_line(&d.rationale);
        if !why.is_empty() {
            out.push(Line::styled(format!("Why then: {why}"), theme.dim()));
        }
    }
    if let Some(s) = app.school_by_urn(urn) {
        match &s.report_card {
            None => {
                let date = s
                    .ofsted_date
                    .filter(|d| after(*d))
                    .map(|d| format!(" ({}, new)", fmt_compact(d)))
                    .unwrap_or_default();
                out.push(Line::raw(format!("Ofsted: {}{date}", s.ofsted.name())));
            }
            // The whole card, area by area: the weakest grade alone hides which area it is.
            Some(c) => {
                let new = if after(c.date) { ", new" } else { "" };
                let sg = match c.safeguarding {
                    Some(crate::domain::Safeguarding::NotMet) => "SAFEGUARDING NOT MET",
                    Some(crate::domain::Safeguarding::Met) => "safeguarding met",
                    None => "safeguarding not recorded",
                };
                let line = format!("Ofsted report card ({}{new}): {sg}", fmt_compact(c.date));
                out.push(if c.safeguarding_not_met() {
                    Line::styled(line, theme.overdue())
                } else {
                    Line::raw(line)
                });
                for (a, g) in c.grades() {
                    out.push(Line::raw(format!("  {}: {}", a.name(), g.name())));
                }
            }
        }
    }
    if let Some(d) = last
        && !d.risks.is_empty()
    {
        let r: Vec<&str> = d.risks.iter().map(|r| r.name()).collect();
        out.push(Line::raw(format!("Risks: {}", r.join(", "))));
    }
    out.extend(crate::ui::escalation::evidence_lines(
        app, urn, since, theme,
    ));
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
        .checkpoints_of(urn)
        .into_iter()
        .filter(|c| after(c.date))
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
        .activities_of(urn)
        .into_iter()
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
        .actions_of(urn)
        .into_iter()
        .filter(|a| a.is_open())
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

/// The decision form's lines, the index of the one to keep in view (the field being typed,
/// else the row under the cursor), and the caret of the field being typed (its line and
/// column).
pub(super) fn form_lines<'a>(
    app: &'a App,
    urn: Urn,
    w: usize,
    theme: &Theme,
) -> (Vec<Line<'a>>, usize, Option<(usize, usize)>) {
    let scheme = &app.data.scheme;
    let form = app.shown_form(urn);
    let editing = app.meeting.as_ref().and_then(|m| m.editing);
    let decided = app
        .current_item()
        .and_then(|i| i.decision)
        .and_then(|id| app.decision_by_id(id));
    let mut out = vec![];
    let prev = app.decision_before_meeting(urn).map(|d| d.category.clone());
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
        .unwrap_or_else(|| "choose 1-9, c or =".into());
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
    let mut focus = 0;
    let row_style = |i: usize| {
        if i == cursor && editing.is_none() {
            theme.selected()
        } else {
            theme.plain()
        }
    };
    for (i, a) in Area::ALL.iter().enumerate() {
        if i == cursor {
            focus = out.len();
        }
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
    if (Area::ALL.len()..FORM_ROWS).contains(&cursor) {
        focus = out.len();
    }
    out.push(Line::from(risks));
    out.push(Line::raw(format!(
        "At risk (!): {}",
        if form.at_risk { "YES" } else { "no" }
    )));
    // A typed field, word-wrapped (the rationale is a sentence or two, read whole); the one
    // being typed has its label marked and its text unstyled (see `ui::field`), and keeps
    // rows free below its text, in threes, so the lines under it move only every third row.
    let mut caret = None;
    let mut field = |out: &mut Vec<Line<'a>>, label: &str, value: &str, on: bool| {
        let label = format!("{label}: ");
        let (mut lines, at) = wrapped(&label, value, on.then(|| app.caret_in(value)), w.max(10));
        if on {
            lines.resize(lines.len().div_ceil(3) * 3, String::new());
        }
        if let Some((line, col)) = at {
            caret = Some((out.len() + line, col));
        }
        for (i, l) in lines.into_iter().enumerate() {
            // The label starts the first line (it is ASCII: its bytes are its characters).
            let head = if i == 0 { label.len().min(l.len()) } else { 0 };
            let (head, rest) = l.split_at(head);
            out.push(Line::from(vec![
                Span::styled(
                    head.to_string(),
                    if on { theme.active() } else { theme.plain() },
                ),
                Span::raw(rest.to_string()),
            ]));
        }
    };
    field(
        &mut out,
        "Rationale",
        &form.rationale,
        editing == Some(RunField::Rationale),
    );
    if editing == Some(RunField::Rationale) {
        focus = out.len() - 1;
    }
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
        field(&mut out, "Action; owner; due", &form.action_line, true);
        focus = out.len() - 1;
    }
    let evidence = app.form_evidence(urn);
    out.push(Line::styled(
        if evidence.is_empty() {
            "Evidence: none yet (e: add)"
        } else {
            "Evidence (Space: in/out, e: add)"
        },
        theme.heading(),
    ));
    for (j, e) in evidence.iter().enumerate() {
        if FORM_ROWS + j == cursor {
            focus = out.len();
        }
        out.push(Line::styled(
            trunc(
                &format!("[{}] {}", if e.on { "x" } else { "-" }, clean_line(&e.text)),
                w,
            ),
            row_style(FORM_ROWS + j),
        ));
    }
    if editing == Some(RunField::Evidence) {
        field(&mut out, "Evidence", &form.evidence_line, true);
        focus = out.len() - 1;
    }
    (out, focus, caret)
}
