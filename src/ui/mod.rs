//! Drawing only: reads the `App` and draws a frame. One file per screen or overlay.

pub mod action_view;
pub mod board;
pub mod checkpoint_form;
pub mod conflict;
pub mod discarded;
pub mod escalation;
pub mod field;
pub mod help;
pub mod meeting;
pub mod note_form;
pub mod note_search;
pub mod note_view;
pub mod review_view;
pub mod school;
pub mod school_form;
mod school_history;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod tracker;

use crate::app::{App, Screen};
use crate::domain::calendar::{AcademicYear, fmt_long};
use crate::keymap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
pub use theme::Theme;

/// Draws the whole screen for the app's state.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme::new(app.no_color());
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        frame.render_widget(Paragraph::new("Window too small"), area);
        return;
    }
    let [main, bottom] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match app.screen() {
        Screen::Board => board::draw(frame, main, app, &theme),
        Screen::School => school::draw(frame, main, app, &theme),
        Screen::Timeline => timeline::draw(frame, main, app, &theme),
        Screen::Due => timeline::draw_due(frame, main, app, &theme),
        Screen::ActivityForm => timeline::draw_activity_form(frame, main, app, &theme),
        Screen::CheckpointForm => checkpoint_form::draw(frame, main, app, &theme),
        Screen::Tracker => tracker::draw(frame, main, app, &theme),
        Screen::PlanForm => checkpoint_form::draw_plan(frame, main, app, &theme),
        Screen::ReviewView => review_view::draw(frame, main, app, &theme),
        Screen::Note => note_form::draw(frame, main, app, &theme),
        Screen::NoteView => note_view::draw(frame, main, app, &theme),
        Screen::Discarded => discarded::draw(frame, main, app, &theme),
        Screen::NoteSearch => note_search::draw(frame, main, app, &theme),
        Screen::Meeting => meeting::draw(frame, main, app, &theme),
        Screen::SchoolForm => school_form::draw(frame, main, app, &theme),
        Screen::BulkOfficer => school_form::draw_bulk(frame, main, app, &theme),
        Screen::StepForm => escalation::draw_form(frame, main, app, &theme),
    }
    if app.filter_open() {
        board::draw_filter_popup(frame, main, app, &theme);
    }
    if let Some(crate::app::Question::CancelReview(id)) = app.question() {
        action_view::draw_cancel_reason(frame, main, app, id, &theme);
    }
    if app.conflict().is_some() {
        conflict::draw(frame, main, app, &theme);
    }
    if app.help_open() {
        help::draw(frame, main, app, &theme);
    }
    draw_bottom(frame, bottom, app, &theme);
}

/// "Mon 23 Nov 2026 · 2026/27 Autumn"
pub fn date_line(app: &App) -> String {
    format!(
        "{} · {} {}",
        fmt_long(app.today),
        AcademicYear::of(app.today),
        app.terms.term_of(app.today)
    )
}

/// A title on the left and something on the right of one line.
pub fn title_bar<'a>(left: Vec<Span<'a>>, right: String, width: u16, theme: &Theme) -> Line<'a> {
    let used: usize = left.iter().map(|s| text::width(&s.content)).sum();
    let room = (width as usize).saturating_sub(used + 1);
    let right = text::trunc(&right, room);
    let pad = room.saturating_sub(text::width(&right));
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(pad + 1)));
    spans.push(Span::styled(right, theme.plain()));
    Line::from(spans)
}

/// The status message if there is one, else the key hints of the current context.
fn draw_bottom(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(msg) = &app.status {
        let msg = text::trunc(&crate::domain::text::clean_line(msg), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.status())), area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (keys, word) in keymap::hint_line(app.context()) {
        let w = text::width(&keys) + 1 + text::width(word) + 2;
        if used + w > area.width as usize + 2 {
            break;
        }
        if used > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(word));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A rectangle of at most `w` x `h`, centred in `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
