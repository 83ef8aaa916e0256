//! Planning a meeting: date, attendees, the agenda.

use super::*;

pub(super) fn draw_plan(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(p) = app.meeting.as_ref().and_then(|m| m.plan.as_ref()) else {
        return;
    };
    let [fields, agenda] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    // The focused field is marked before its label; its text is unstyled (see `ui::field`).
    let room = usize::from(fields.width).saturating_sub(11);
    let mut caret = None;
    let mut field = |row: u16, label: &str, value: &str, focus: bool| {
        let (shown, x) = one_line(value, focus.then(|| app.caret_in(value)), room);
        if let Some(x) = x {
            caret = Some(Position::new(fields.x + 11 + x as u16, fields.y + row));
        }
        Line::from(vec![
            Span::styled(
                format!("{}{label:<10}", if focus { "›" } else { " " }),
                if focus { theme.title() } else { theme.dim() },
            ),
            Span::raw(shown),
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
        field(0, "Date", &p.date, p.focus == PlanFocus::Date),
        Line::from(vec![
            Span::styled(format!(" {:<10}", "Term"), theme.dim()),
            Span::raw(term_line),
        ]),
        field(
            2,
            "Attendees",
            &p.attendees,
            p.focus == PlanFocus::Attendees,
        ),
    ];
    frame.render_widget(Paragraph::new(lines), fields);
    if let Some(at) = caret {
        place_caret(frame, app, at);
    }
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
    let room = inner.height as usize;
    let start = p.sel.saturating_sub(room.saturating_sub(1));
    let w = inner.width as usize;
    let mut lines = vec![];
    for (i, urn) in p.agenda.iter().enumerate().skip(start).take(room) {
        let cat = cat_label(
            &app.data.scheme,
            app.current_decision(*urn).map(|d| d.category.as_str()),
        );
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
