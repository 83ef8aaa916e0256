//! Recently discarded (every kind of kept form): when each was discarded, its kind, its school,
//! who typed it and how it begins; Enter puts the selected one back.

use super::text::{fit, trunc};
use super::{Theme, date_line, title_bar};
use crate::app::App;
use crate::app::discarded::DISCARDED_KEEP_DAYS;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines above the list: the title, what the list is, the column heads.
const HEAD: usize = 3;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let w = area.width as usize;
    let mut lines = vec![
        title_bar(
            vec![
                Span::styled("SQA Board › ", theme.dim()),
                Span::styled("Recently discarded", theme.title()),
            ],
            date_line(app),
            area.width,
            theme,
        ),
        Line::raw(trunc(
            &format!("Your discarded forms, kept {DISCARDED_KEEP_DAYS} days. Enter puts one back."),
            w,
        )),
        Line::styled(
            trunc(
                &format!(
                    " {} {} {} by: what was typed",
                    fit("Discarded", 11),
                    fit("Kind", 10),
                    fit("School", 20)
                ),
                w,
            ),
            theme.dim(),
        ),
    ];
    let room = (area.height as usize).saturating_sub(HEAD).max(1);
    let sel = app.discarded_sel;
    let first = sel.saturating_sub(room - 1);
    for (i, d) in app.discarded.iter().enumerate().skip(first).take(room) {
        let school = match d.urn() {
            Some(urn) => app
                .data
                .schools
                .iter()
                .find(|s| s.urn == urn)
                .map_or_else(|| urn.to_string(), |s| clean_line(&s.name)),
            None => "—".to_string(),
        };
        let mark = if i == sel { "›" } else { " " };
        let row = format!(
            "{mark}{} {} {} {}: {}",
            app.clock.local(d.at).format("%d/%m %H:%M"),
            fit(d.kind(), 10),
            fit(&school, 20),
            clean_line(d.author()),
            clean_line(&d.summary())
        );
        let style = if i == sel {
            theme.selected()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(trunc(&row, w), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
