//! The `?` overlay: the keys of the current screen, from the keymap, and what the marks mean.

use super::board::priority_text;
use super::text::fit;
use super::{Theme, centred};
use crate::app::App;
use crate::domain::Change;
use crate::domain::text::clean_line;
use crate::keymap::{self, Context};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let ctx = app.help_context();
    let mut out = vec![Line::styled(
        format!("Keys: {}", ctx.title()),
        theme.heading(),
    )];
    for (keys, desc) in keymap::help_rows(ctx) {
        out.push(Line::from(vec![
            Span::styled(fit(&keys, 12), theme.key()),
            Span::raw(" "),
            Span::raw(desc),
        ]));
    }
    if ctx == Context::Board {
        out.push(Line::styled("Typing a search", theme.heading()));
        for (keys, desc) in keymap::help_rows(Context::Search) {
            out.push(Line::from(vec![
                Span::styled(fit(&keys, 12), theme.key()),
                Span::raw(" "),
                Span::raw(desc),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Priority (most support first)",
        theme.heading(),
    ));
    let scheme = &app.data.scheme;
    for c in &scheme.categories {
        let (t, colour) = priority_text(scheme, Some(&c.key));
        out.push(Line::from(vec![
            Span::styled(fit(&t, 12), theme.category(&colour)),
            Span::raw(" "),
            Span::raw(format!(
                "{}: {}",
                clean_line(&c.name),
                clean_line(&c.description)
            )),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Marks", theme.heading()));
    for ch in [Change::Raised, Change::Lowered, Change::Same, Change::New] {
        let what = match ch {
            Change::Raised => "raised: more support than at the previous decision",
            Change::Lowered => "lowered: less support than at the previous decision",
            Change::Same => "same category as the previous decision",
            Change::New => "first decision for the school",
        };
        out.push(Line::raw(format!("{}  {}", fit(ch.symbol(), 11), what)));
    }
    for (k, what) in [
        ("!dd/mm/yy", "next checkpoint review is overdue"),
        (
            "?dd/mm/yy",
            "checkpoint due by the entitlement, none planned",
        ),
        ("3 (2!)", "3 open actions, 2 of them overdue"),
        ("RISK", "the school is flagged at risk"),
        // The Esc column: the furthest escalation step still open.
        ("Esc CR", "escalation: concerns raised with the school"),
        (
            "Esc WN",
            "warning notice issued (WN! its response is overdue)",
        ),
        ("Esc RR", "the school's response received"),
        ("Esc IEB", "interim executive board"),
        ("Esc RD", "referred to the Regional Director (academy)"),
        ("Esc AO", "academy order"),
        (
            "Inf yes",
            "decision not yet communicated to the school or diocese",
        ),
        ("never", "no visit recorded"),
        // The Ofsted column: two scales, never one.
        (
            "Good, RI",
            "Ofsted overall grade (framework before Nov 2025)",
        ),
        (
            "Inad SM/SW",
            "inadequate: special measures / serious weaknesses",
        ),
        (
            "NoGrd",
            "inspected, no overall grade and no report card held",
        ),
        (
            "Exc Str Exp",
            "report card, weakest area: exceptional, strong, expected",
        ),
        (
            "NdA, Urg",
            "report card, weakest area: needs attention, urgent",
        ),
        ("SG!", "report card: safeguarding NOT met"),
    ] {
        out.push(Line::raw(format!("{}  {}", fit(k, 11), what)));
    }
    out
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lines = lines(app, theme);
    let rect = centred(area, 76, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let inner_h = rect.height.saturating_sub(2);
    let max = (lines.len() as u16).saturating_sub(inner_h);
    app.help_max.set(max);
    let scroll = app.help_scroll.min(max);
    let more = if max == 0 {
        ""
    } else if scroll < max {
        " ↓ more "
    } else {
        " end "
    };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(" Help ", theme.title()),
            Span::styled(more, theme.dim()),
        ]))
        .border_style(theme.border(true));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}
