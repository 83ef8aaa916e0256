//! The actions tracker: open actions across schools.

use super::text::{fit, trunc};
use super::{Theme, date_line, title_bar};
use crate::app::App;
use crate::domain::calendar::fmt_compact;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(t) = app.tl.tracker.as_ref() else {
        return;
    };
    let w = area.width as usize;
    let list = app.tracker_list();
    let school_name = |urn: crate::domain::Urn| {
        app.data
            .schools
            .iter()
            .find(|s| s.urn == urn)
            .map(|s| clean_line(&s.name))
            .unwrap_or_else(|| urn.to_string())
    };
    let overdue = list.iter().filter(|a| a.is_overdue(app.today)).count();
    let head = vec![
        title_bar(
            vec![
                Span::styled("SQA Board › ", theme.dim()),
                Span::styled("Open actions", theme.title()),
            ],
            date_line(app),
            area.width,
            theme,
        ),
        Line::raw(trunc(
            &format!(
                "Owner: {} · School: {} · {}{} · {} open, {overdue} overdue",
                t.owner.as_deref().unwrap_or("all"),
                t.school.map(school_name).unwrap_or_else(|| "all".into()),
                if t.overdue_only {
                    "overdue only"
                } else {
                    "all dates"
                },
                if t.show_done { " · done too" } else { "" },
                list.iter().filter(|a| a.is_open()).count()
            ),
            w,
        )),
    ];
    let [top, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(head), top);
    let school_w = if w >= 120 { 30 } else { 18 };
    let owner_w = if w >= 120 { 18 } else { 12 };
    let mut lines = vec![Line::styled(
        trunc(
            &format!(
                "  {} {} {} Action",
                fit("Due", 9),
                fit("School", school_w),
                fit("Owner", owner_w)
            ),
            w,
        ),
        theme.heading(),
    )];
    let rows = (body.height as usize).saturating_sub(1).max(1);
    let mut off = t.offset.get();
    if t.selected < off {
        off = t.selected;
    } else if t.selected >= off + rows {
        off = t.selected + 1 - rows;
    }
    t.offset.set(off);
    for (i, a) in list.iter().enumerate().skip(off).take(rows) {
        let sel = i == t.selected;
        let late = a.is_overdue(app.today);
        let due = match a.due {
            Some(d) if late => format!("!{}", fmt_compact(d)),
            Some(d) => format!(" {}", fmt_compact(d)),
            None => " —".into(),
        };
        let text = format!(
            "{}{} {} {} {}{}",
            if sel { "› " } else { "  " },
            fit(&due, 9),
            fit(&school_name(a.urn), school_w),
            fit(&clean_line(&a.owner), owner_w),
            match (late, a.is_open()) {
                (_, false) => "DONE ",
                (true, true) => "OVERDUE ",
                (false, true) => "",
            },
            clean_line(&a.text)
        );
        let style = if sel {
            theme.selected()
        } else if !a.is_open() {
            theme.dim()
        } else if late {
            theme.overdue()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(fit(&text, w), style));
    }
    if list.is_empty() {
        lines.push(Line::styled(
            "No open actions for this filter.",
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), body);
    if let Some(crate::app::Question::CompleteAction(id)) = app.question()
        && let Some(a) = app.action_by_id(id)
    {
        super::action_view::draw_confirm(frame, area, app, a, theme);
    } else if let Some(a) = app.tracker_viewing() {
        super::action_view::draw_view(frame, area, app, a, theme);
    }
}
