//! The list of meetings, with a chart of the categories decided at the last meetings.

use super::*;

pub(super) fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
pub(super) fn draw_chart(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
