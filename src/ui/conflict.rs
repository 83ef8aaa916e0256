//! The choices after a save ran into another officer's, over the form that saved: whose and
//! when, what each key does, and their version when asked for (what differs marked `●`).

use super::text::{trunc, width};
use super::{Theme, centred};
use crate::app::App;
use crate::app::conflict::OVERWRITE;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(c) = app.conflict() else {
        return;
    };
    let tall = if c.showing { area.height } else { 12 };
    let popup = centred(area, area.width.min(78), tall);
    frame.render_widget(Clear, popup);
    let by = clean_line(app.officer_names.name(&c.theirs.by));
    let by = if by.is_empty() {
        "another officer".to_string()
    } else {
        by
    };
    let when = c
        .theirs
        .at
        .map(|t| {
            app.clock
                .local(t)
                .format(" at %H:%M on %d/%m/%Y")
                .to_string()
        })
        .unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Saved meanwhile by {by} "));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let room = inner.width as usize;
    let line = |s: String| Line::from(trunc(&s, room));
    let key = |k: &str, what: String| {
        Line::from(vec![
            Span::styled(format!("{k:<7}"), theme.key()),
            Span::raw(trunc(&what, room.saturating_sub(7))),
        ])
    };
    let mut lines = vec![
        line(format!(
            "{by} saved this {}{when}, after you opened it.",
            c.kind
        )),
        line("Yours is not saved yet, and nothing you typed is lost.".into()),
        Line::from(""),
        key(
            "Tab",
            if c.showing {
                "hide their version".into()
            } else {
                "view their version (● marks what differs from yours)".into()
            },
        ),
        key(
            "Esc",
            "keep mine: back to the form (kept as your draft)".into(),
        ),
    ];
    lines.push(key(
        "Enter",
        format!("after typing {OVERWRITE}: save yours over theirs (audited)"),
    ));
    if c.can_discard() {
        lines.push(key("Ctrl-Q", "discard mine".into()));
    }
    // What is typed is unstyled, and the terminal's cursor is its caret (see `ui::field`).
    let (typed, x) = super::field::one_line(
        &c.typed,
        Some(c.typed.chars().count()),
        room.saturating_sub(6),
    );
    let caret = x.map(|x| (lines.len(), 6 + x));
    lines.push(Line::from(vec![
        Span::styled("Type: ", theme.key()),
        Span::raw(typed),
    ]));
    if c.showing {
        lines.push(Line::from(""));
        let label_w = 22.min(room / 3);
        let all = c.lines();
        let skip = usize::from(c.scroll).min(all.len().saturating_sub(1));
        for (differs, label, value) in all.into_iter().skip(skip) {
            let mark = if differs { "● " } else { "  " };
            let label = trunc(&clean_line(&label), label_w);
            let pad = label_w.saturating_sub(width(&label));
            let value = trunc(&clean_line(&value), room.saturating_sub(label_w + 3));
            lines.push(Line::from(vec![
                Span::styled(mark, theme.key()),
                Span::raw(format!("{label}{} ", " ".repeat(pad))),
                Span::raw(value),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((row, x)) = caret.filter(|(row, _)| *row < inner.height as usize)
        && !app.help_open()
    {
        frame.set_cursor_position(Position::new(inner.x + x as u16, inner.y + row as u16));
    }
}
