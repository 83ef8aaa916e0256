//! Meeting mode: the list of meetings (with a chart of categories over the last meetings),
//! planning a meeting, running it (evidence beside the decision form) and the "to inform" list.
//! Drawing only.

use super::checkpoint_form::kept_then_date;
use super::field::{one_line, place_caret, wrapped};
use super::text::{fit, fit_right, trunc, width};
use super::{Theme, centred, title_bar};
use crate::app::App;
use crate::app::meeting::{FORM_ROWS, MeetingView, PlanFocus, RunField, meetings_newest_first};
use crate::domain::calendar::{fmt_compact, fmt_date};
use crate::domain::minutes::{change_mark, counts_by_meeting, outcomes};
use crate::domain::text::clean_line;
use crate::domain::{
    ActivityStatus, AgendaState, Area, MeetingStatus, RiskFactor, Scheme, ShownStatus, Urn,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

mod inform;
mod list;
mod plan;
mod prompt;
mod run;

use inform::draw_inform;
use list::draw_list;
use plan::draw_plan;
use run::draw_run;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(st) = app.meeting.as_ref() else {
        return;
    };
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let crumb = match st.view {
        MeetingView::List => "Meetings".to_string(),
        MeetingView::Plan => "Plan a meeting".to_string(),
        MeetingView::Run | MeetingView::Inform => app.current_meeting().map_or_else(
            || "Meeting".to_string(),
            |m| format!("Meeting {} ({})", fmt_date(m.date), status_word(m.status)),
        ),
    };
    let left = vec![
        Span::styled("SQA Board › ", theme.dim()),
        Span::styled(crumb, theme.title()),
    ];
    frame.render_widget(
        Paragraph::new(title_bar(left, kept_then_date(app), title.width, theme)),
        title,
    );
    match st.view {
        MeetingView::List => draw_list(frame, rest, app, theme),
        MeetingView::Plan => draw_plan(frame, rest, app, theme),
        MeetingView::Run => draw_run(frame, rest, app, theme),
        MeetingView::Inform => draw_inform(frame, rest, app, theme),
    }
    if let Some(p) = &st.prompt {
        prompt::draw_prompt(frame, rest, app, p, theme);
    }
}

fn status_word(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Planned => "planned",
        MeetingStatus::Open => "OPEN",
        MeetingStatus::Closed => "closed",
    }
}

fn name_of(app: &App, urn: Urn) -> String {
    app.school_by_urn(urn)
        .map_or_else(|| format!("URN {urn}"), |s| clean_line(&s.name))
}

fn cat_label(scheme: &Scheme, key: Option<&str>) -> String {
    match key.and_then(|k| scheme.get(k)) {
        Some(c) => format!("{} {}", clean_line(&c.symbol), clean_line(&c.label)),
        None => key.map_or_else(|| "—".to_string(), clean_line),
    }
}
