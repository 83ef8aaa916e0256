//! Finding any note (review, decision): the query line, then one line per record found —
//! date, school, officer, where the words are (the field names the kind: "Commentary" is a
//! review's, "Rationale" a decision's) and the line that holds them.

use super::theme::Theme;
use crate::app::App;
use crate::domain::calendar::fmt_date;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// `s` cut to `w` columns, with an ellipsis when cut.
fn fit(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(s) = app.note.search.as_ref() else {
        return;
    };
    let block = Block::bordered()
        .title(Span::styled(
            " Find notes, reviews, decisions ",
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [query, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let label = "Words: ";
    let room = usize::from(query.width).saturating_sub(label.width());
    let (words, caret) = super::field::one_line(&s.query, Some(app.caret_in(&s.query)), room);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![Span::styled(label, theme.heading()), Span::raw(words)]),
            Line::styled(
                "Notes, reviews, decisions, found as you type · filters by: type: from: to: in:",
                theme.dim(),
            ),
        ]),
        query,
    );
    if let Some(x) = caret {
        let at = Position::new(query.x + (label.width() + x) as u16, query.y);
        super::field::place_caret(frame, app, at);
    }
    let w = usize::from(rest.width);
    let rows = usize::from(rest.height);
    let first = s.selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, h)| {
            let school = app
                .data
                .schools
                .iter()
                .find(|x| x.urn == h.found.urn())
                .map_or_else(|| h.found.urn().to_string(), |x| clean_line(&x.name));
            let head = format!(
                "{} {} {:<22} {:<12} {}: ",
                if i == s.selected { "›" } else { " " },
                fmt_date(h.found.date()),
                fit(&school, 22),
                fit(&clean_line(app.officer_names.name(h.found.officer())), 12),
                h.field
            );
            let room = w.saturating_sub(head.width());
            let style = if i == s.selected {
                theme.selected()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(vec![
                Span::styled(head, style),
                Span::styled(fit(&h.line, room), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rest);
}
