//! Small boxes over a screen that ask before something is changed or show one record in full:
//! over the actions tracker, the "complete this action?" dialog and the read-only view of an
//! action (Enter), each with its whole text and where it came from; over the timeline, the
//! reason for cancelling a checkpoint review.

use super::text::{trunc, wrap};
use super::{Theme, centred};
use crate::app::App;
use crate::domain::calendar::fmt_date;
use crate::domain::text::{clean_line, clean_text};
use crate::domain::{Action as Task, ActionSource};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Where an action came from, in words: the note of visit, meeting or checkpoint review.
pub fn source_text(app: &App, a: &Task) -> String {
    match a.source {
        ActionSource::Note(id) => {
            let note = app
                .notes
                .get(&a.urn)
                .and_then(|v| v.iter().find(|n| n.id == id));
            match note {
                Some(n) => format!(
                    "Note of visit, {}: {}",
                    fmt_date(n.date()),
                    clean_line(&n.title())
                ),
                None => format!("Note of visit #{id}"),
            }
        }
        ActionSource::Meeting(id) => match app.data.meetings.iter().find(|m| m.id == id) {
            Some(m) => format!("Meeting, {}: {}", fmt_date(m.date), clean_line(&m.title)),
            None => format!("Meeting #{id}"),
        },
        ActionSource::Checkpoint(id) => match app.checkpoint_by_id(id) {
            Some(c) => format!(
                "Checkpoint review, {} by {}",
                fmt_date(c.date),
                clean_line(&c.reviewer)
            ),
            None => format!("Checkpoint review #{id}"),
        },
        ActionSource::Other => "Entered directly".into(),
    }
}

/// The lines that describe an action in full.
fn action_lines(app: &App, a: &Task, w: usize) -> Vec<Line<'static>> {
    let school = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == a.urn)
        .map(|s| clean_line(&s.name))
        .unwrap_or_else(|| a.urn.to_string());
    let mut out = vec![];
    for para in clean_text(&a.text).lines() {
        for l in wrap(para, w) {
            out.push(Line::raw(l));
        }
    }
    out.push(Line::raw(""));
    let due = match a.due {
        Some(d) if a.is_overdue(app.today) => format!("{} — OVERDUE", fmt_date(d)),
        Some(d) => fmt_date(d),
        None => "no date".into(),
    };
    let status = match a.completed {
        Some(d) => format!("{} on {}", a.status.name(), fmt_date(d)),
        None => a.status.name().to_string(),
    };
    for (k, v) in [
        ("School", format!("{} {}", a.urn, school)),
        ("Owner", clean_line(&a.owner)),
        ("Due", due),
        ("Status", status),
        ("Source", source_text(app, a)),
    ] {
        out.push(Line::raw(trunc(&format!("{k:<8} {v}"), w)));
    }
    out
}

/// A box over the tracker with an action in full and, at its foot, what the keys do.
fn draw_box(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    foot: &str,
    theme: &Theme,
) -> Rect {
    let mut lines = lines;
    lines.push(Line::raw(""));
    lines.push(Line::styled(foot.to_string(), theme.dim()));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centred(area, 76, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(theme.border(true));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
    rect
}

/// "Complete this action?" with the action shown, over the tracker.
pub fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, a: &Task, theme: &Theme) {
    let w = area.width.min(76).saturating_sub(2) as usize;
    draw_box(
        frame,
        area,
        "Complete this action?",
        action_lines(app, a, w),
        "Enter complete (u undoes) · Esc keep it open",
        theme,
    );
}

/// An action in full (Enter in the tracker), read-only.
pub fn draw_view(frame: &mut Frame, area: Rect, app: &App, a: &Task, theme: &Theme) {
    let w = area.width.min(76).saturating_sub(2) as usize;
    let foot = if a.is_open() {
        "Esc close · c complete"
    } else {
        "Esc close · u reopen"
    };
    draw_box(frame, area, "Action", action_lines(app, a, w), foot, theme);
}

/// "Why is this checkpoint review cancelled?" over the timeline, with the reason being typed.
pub fn draw_cancel_reason(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    id: crate::domain::Id,
    theme: &Theme,
) {
    let what = app
        .data
        .activities
        .iter()
        .find(|a| a.id == id)
        .map(|a| format!("{} planned for {}", a.kind.name(), fmt_date(a.planned)))
        .unwrap_or_default();
    let w = area.width.min(76).saturating_sub(2) as usize;
    let reason = &app.tl.cancel_reason;
    let (shown, caret) =
        super::field::one_line(reason, Some(app.caret_in(reason)), w.saturating_sub(2));
    let lines = vec![
        Line::raw(trunc(&what, w)),
        Line::raw(""),
        Line::styled(
            "Why is it cancelled? (kept in the audit trail)",
            theme.dim(),
        ),
        Line::raw(format!("> {shown}")),
    ];
    // The reason's line: the fourth inside the box's border.
    let rect = draw_box(
        frame,
        area,
        "Cancel checkpoint review",
        lines,
        "Enter cancel the review · Esc keep it planned",
        theme,
    );
    if let Some(x) = caret
        && rect.height > 5
        && !app.help_open()
    {
        // The question is the screen's top layer: its caret is where the typing goes.
        frame.set_cursor_position(Position::new(rect.x + 3 + x as u16, rect.y + 4));
    }
}
