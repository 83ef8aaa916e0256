//! The one-line question over meeting mode: what it asks, what is typed, how to answer.

use super::*;
use crate::app::meeting::{Prompt, PromptKind};

pub(super) fn draw_prompt(frame: &mut Frame, area: Rect, app: &App, p: &Prompt, theme: &Theme) {
    let mut text: Vec<Line> = vec![];
    let (title, label) = match p.kind {
        PromptKind::Close => {
            let (decided, total) = app.meeting_progress().unwrap_or((0, 0));
            let date = app
                .current_meeting()
                .map_or_else(String::new, |m| fmt_date(m.date));
            text.push(Line::raw(format!(
                "Close the meeting of {date}? {decided} of {total} decided."
            )));
            let undecided = app.undecided_schools();
            if undecided.is_empty() {
                text.push(Line::raw("Every school on the agenda is decided."));
            } else {
                // The first few by name, then how many more: the typed line must stay on
                // screen with a whole county undecided.
                const SHOWN: usize = 8;
                let mut names: Vec<String> = undecided
                    .iter()
                    .take(SHOWN)
                    .map(|(n, s)| match s {
                        AgendaState::Skipped => format!("{} (skipped)", clean_line(n)),
                        AgendaState::Deferred => format!("{} (deferred)", clean_line(n)),
                        _ => clean_line(n),
                    })
                    .collect();
                if undecided.len() > SHOWN {
                    names.push(format!("and {} more", undecided.len() - SHOWN));
                }
                text.push(Line::styled(
                    format!(
                        "Still undecided ({}): {}",
                        undecided.len(),
                        names.join(", ")
                    ),
                    theme.overdue(),
                ));
            }
            text.push(Line::raw(
                "The minutes are filed and no decision can change after.",
            ));
            (" Close the meeting ", "Type close, then Enter")
        }
        PromptKind::StartEarly(id) => {
            let date = app
                .data
                .meetings
                .iter()
                .find(|m| m.id == id)
                .map_or_else(String::new, |m| fmt_date(m.date));
            text.push(Line::raw(format!(
                "This meeting is planned for {date}, still to come. Its decisions are dated {date}."
            )));
            (" Start early? ", "Type start, then Enter")
        }
        PromptKind::Defer => {
            let name = app
                .current_item()
                .map_or_else(String::new, |i| name_of(app, i.urn));
            text.push(Line::raw(format!(
                "Defer {name} to a later meeting? The reason is kept in the minutes."
            )));
            (" Defer ", "Reason")
        }
        PromptKind::GoTo => (" Go to a school ", "Name or URN"),
        PromptKind::Category => {
            let cats: Vec<String> = app
                .data
                .scheme
                .categories
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} {}", i + 1, clean_line(&c.label)))
                .collect();
            text.push(Line::raw(cats.join(" · ")));
            (" Category ", "Number or name")
        }
        PromptKind::Informed(told, _) => {
            text.push(Line::raw(format!(
                "The date ({}); type clear to clear it.",
                told.what()
            )));
            (" Informed on ", "Date")
        }
    };
    let w = area.width.min(64);
    let inner_w = w.saturating_sub(2).max(1) as usize;
    let rows: usize = text
        .iter()
        .map(|l| width(&l.to_string()).div_ceil(inner_w).max(1))
        .sum();
    // The question, then the typed line and the keys on the popup's last two rows: the typed
    // line's row is known, for the terminal's cursor (its caret).
    let pop = centred(area, w, (rows as u16).saturating_add(4));
    frame.render_widget(Clear, pop);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(pop);
    frame.render_widget(block, pop);
    let [question, typed, keys] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), question);
    let label = format!("{label}: ");
    let room = inner_w.saturating_sub(width(&label));
    let (shown, x) = one_line(&p.text, Some(app.caret_in(&p.text)), room);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), theme.active()),
            Span::raw(shown),
        ])),
        typed,
    );
    frame.render_widget(
        Paragraph::new(Line::styled("Enter answer · Esc cancel", theme.key())),
        keys,
    );
    if let Some(x) = x
        && typed.height > 0
    {
        let at = Position::new(typed.x + (width(&label) + x) as u16, typed.y);
        place_caret(frame, app, at);
    }
}
