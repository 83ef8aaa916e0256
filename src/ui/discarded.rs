//! Recently discarded notes: when each was discarded, its school, which note, who typed it and
//! how it begins; Enter puts the selected one back.

use super::text::{fit, trunc};
use super::{Theme, date_line, title_bar};
use crate::app::App;
use crate::app::note::DISCARDED_KEEP_DAYS;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let w = area.width as usize;
    let mut lines = vec![
        title_bar(
            vec![
                Span::styled("SQA Board › ", theme.dim()),
                Span::styled("Recently discarded notes", theme.title()),
            ],
            date_line(app),
            area.width,
            theme,
        ),
        Line::raw(trunc(
            &format!(
                "Kept {DISCARDED_KEEP_DAYS} days after they are discarded. Enter puts one back."
            ),
            w,
        )),
    ];
    for (i, d) in app.note.discarded.iter().enumerate() {
        let school = app
            .data
            .schools
            .iter()
            .find(|s| s.urn == d.urn)
            .map_or_else(|| d.urn.to_string(), |s| clean_line(&s.name));
        let which = d
            .note
            .map_or_else(|| "new note".to_string(), |id| format!("note {id}"));
        let start = [&d.body.purpose, &d.body.text, &d.body.evidence]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .map(|t| clean_line(t))
            .unwrap_or_default();
        let mark = if i == app.note.discarded_sel {
            "›"
        } else {
            " "
        };
        let row = format!(
            "{mark}{} {} {which} · {}: {start}",
            app.clock.local(d.at).format("%d/%m %H:%M"),
            fit(&school, 24),
            clean_line(&d.author)
        );
        let style = if i == app.note.discarded_sel {
            theme.selected()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(trunc(&row, w), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
