//! The school details form (over the school screen) and the board's bulk link-officer popup.

use super::field::{Value, form_field, place_caret};
use super::text::trunc;
use super::{Theme, board, centred, school};
use crate::app::App;
use crate::domain::school_details::DetailField;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    school::draw(frame, area, app, theme);
    let Some(f) = app.school_form.as_ref() else {
        return;
    };
    let rect = centred(area, 74, 13);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(
            // When it was last kept while typed (changes every few seconds at most).
            match app.form_kept_label() {
                Some(kept) => format!(" Details of {} · {kept} ", f.urn),
                None => format!(" Details of {} ", f.urn),
            },
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    let mut caret = None;
    for (i, field) in DetailField::ALL.iter().enumerate() {
        let focused = i == f.field;
        let raw = f.details.get(*field);
        let value = if field.is_text() {
            Value::Text(raw, Some(app.caret_in(raw)))
        } else if raw.is_empty() {
            Value::Choice("— none".to_string())
        } else {
            Value::Choice(clean_line(raw))
        };
        let (line, x) = form_field(&capitalised(field.name()), value, focused, w, theme);
        if let Some(x) = x {
            caret = Some(Position::new(inner.x + x as u16, inner.y + i as u16));
        }
        lines.push(line);
    }
    lines.push(Line::raw(""));
    match &f.error {
        Some(e) => lines.push(Line::styled(trunc(&clean_line(e), w), theme.overdue())),
        None if f.pending => lines.push(Line::styled("Saving…", theme.dim())),
        None => {
            for hint in [
                "Link officer: ←→ among the configured officers.",
                "A GIAS re-import keeps officer, chair, email and notes.",
            ] {
                lines.push(Line::styled(trunc(hint, w), theme.dim()));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(at) = caret.filter(|p| p.y < inner.bottom()) {
        place_caret(frame, app, at);
    }
}

pub fn draw_bulk(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    board::draw(frame, area, app, theme);
    let Some(b) = app.bulk_officer.as_ref() else {
        return;
    };
    let rect = centred(area, 64, 8);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(
            " Link officer for the schools shown ",
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let n = b.urns.len();
    let officer = if b.officer().is_empty() {
        "— none".to_string()
    } else {
        clean_line(b.officer())
    };
    let lines = vec![
        Line::raw(trunc(
            &format!(
                "Set the link officer of the {n} school{} shown on the board",
                if n == 1 { "" } else { "s" }
            ),
            w,
        )),
        Line::raw(""),
        Line::from(vec![
            Span::raw("to: "),
            Span::styled(format!("‹ {officer} ›"), theme.active()),
        ]),
        Line::raw(""),
        Line::styled(
            trunc(
                if b.pending {
                    "Saving…"
                } else {
                    "←→ choose · Ctrl-S sets it for all of them · Esc cancels"
                },
                w,
            ),
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
