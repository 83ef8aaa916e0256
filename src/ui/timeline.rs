//! A school's timeline (an axis September → August, a row per activity kind, then the list),
//! what falls due across all schools, and the activity form.

use super::board::priority_text;
use super::field::{Value, form_field, place_caret};
use super::text::{fit, trunc, width};
use super::{Theme, centred, date_line, title_bar};
use crate::app::App;
use crate::app::timeline::{ActivityField, TimelineState};
use crate::domain::board::describe_next_checkpoint;
use crate::domain::calendar::{
    AcademicYear, Term, TermBoundaries, fmt_compact, fmt_date, fmt_long, week_start,
};
use crate::domain::schedule::{DueGroup, axis_x, group_by_week, kinds_present};
use crate::domain::text::clean_line;
use crate::domain::{Activity, ActivityStatus, ShownStatus, SupportPlan};
use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// The mark of an activity on the axis: readable without colour.
pub fn mark(s: ShownStatus) -> &'static str {
    match s {
        ShownStatus::Planned => "○",
        ShownStatus::Done => "●",
        ShownStatus::Cancelled => "×",
        ShownStatus::Overdue => "!",
    }
}

/// Which mark wins when two activities share a cell.
fn weight(s: ShownStatus) -> u8 {
    match s {
        ShownStatus::Overdue => 3,
        ShownStatus::Planned => 2,
        ShownStatus::Done => 1,
        ShownStatus::Cancelled => 0,
    }
}

fn status_style(s: ShownStatus, theme: &Theme) -> Style {
    match s {
        ShownStatus::Overdue => theme.overdue(),
        ShownStatus::Cancelled => theme.dim(),
        _ => theme.plain(),
    }
}

/// Cells of one axis row, merged into spans.
struct Row {
    cells: Vec<(String, Style)>,
}

impl Row {
    fn new(w: usize, fill: &str, style: Style) -> Row {
        Row {
            cells: vec![(fill.to_string(), style); w],
        }
    }
    fn set(&mut self, x: usize, s: &str, style: Style) {
        if let Some(c) = self.cells.get_mut(x) {
            *c = (s.to_string(), style);
        }
    }
    /// Writes text from `x` on (one cell per char; wide chars are not expected here).
    fn text(&mut self, x: usize, s: &str, style: Style) {
        for (i, c) in s.chars().enumerate() {
            self.set(x + i, &c.to_string(), style);
        }
    }
    fn spans(self, prefix: Span<'static>) -> Line<'static> {
        let mut spans = vec![prefix];
        let mut cur = String::new();
        let mut cur_style = Style::new();
        for (s, st) in self.cells {
            if st != cur_style && !cur.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
            }
            cur_style = st;
            cur.push_str(&s);
        }
        if !cur.is_empty() {
            spans.push(Span::styled(cur, cur_style));
        }
        Line::from(spans)
    }
}

fn month_starts(year: AcademicYear) -> Vec<NaiveDate> {
    (0..12)
        .filter_map(|i| {
            let m = (8 + i) % 12 + 1;
            let y = if m >= 9 { year.0 } else { year.0 + 1 };
            NaiveDate::from_ymd_opt(y, m as u32, 1)
        })
        .collect()
}

/// The axis header: month labels, then the axis with week ticks, month and term boundaries and
/// today, then the term names.
fn axis_lines(
    year: AcademicYear,
    terms: &TermBoundaries,
    today: NaiveDate,
    lw: usize,
    aw: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let pad = || Span::raw(" ".repeat(lw + 1));
    let months = month_starts(year);
    let per_month = aw / 12;
    let mut labels = Row::new(aw, " ", theme.plain());
    for m in &months {
        if let Some(x) = axis_x(year, *m, aw) {
            let name = m.format("%b").to_string();
            let name = if per_month >= 4 {
                name
            } else {
                name.chars().take(1).collect()
            };
            labels.text(x, &name, theme.title());
        }
    }
    let mut axis = Row::new(aw, "─", theme.dim());
    if aw >= 104 {
        let mut d = week_start(year.start());
        while d <= year.end() {
            if let Some(x) = axis_x(year, d, aw) {
                axis.set(x, "┬", theme.dim());
            }
            d += Duration::weeks(1);
        }
    }
    for m in &months {
        if let Some(x) = axis_x(year, *m, aw) {
            axis.set(x, "┼", theme.dim());
        }
    }
    let mut names = Row::new(aw, " ", theme.plain());
    for t in Term::ALL {
        if let Some(x) = axis_x(year, terms.start(year, t), aw) {
            axis.set(x, "╫", theme.plain());
            names.text(x, &format!("║{}", t.name()), theme.plain());
        }
    }
    if let Some(x) = axis_x(year, today, aw) {
        axis.set(x, "┆", theme.active());
        labels.set(x, "▼", theme.active());
    }
    vec![
        labels.spans(pad()),
        axis.spans(Span::styled(fit("", lw + 1), theme.dim())),
        names.spans(pad()),
    ]
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(t) = app.tl.timeline.as_ref() else {
        frame.render_widget(Paragraph::new("No timeline open."), area);
        return;
    };
    let name = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == t.urn)
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let w = area.width as usize;
    let list = app.timeline_list();
    let kinds = kinds_present(&list);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let left = vec![
        Span::styled("SQA Board › Timeline › ", theme.dim()),
        Span::styled(format!("{} {}", t.urn, name), theme.title()),
    ];
    lines.push(title_bar(left, date_line(app), area.width, theme));
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", t.year), theme.heading()),
        Span::raw(trunc(
            " ○ planned  ● done  × cancelled  ! overdue  ┆ today  ║ term  ▲ selected",
            w.saturating_sub(8),
        )),
    ]));
    // The one rule (`domain::board::school_next_checkpoint`): the board says the same.
    let next = app.next_checkpoint_of(t.urn);
    let overdue = next.is_some_and(|n| n.overdue(app.today));
    lines.push(Line::styled(
        trunc(
            &format!(
                "Next checkpoint review: {}",
                describe_next_checkpoint(next, app.today)
            ),
            w,
        ),
        if overdue {
            theme.overdue()
        } else {
            theme.plain()
        },
    ));
    let lw = (w / 5).clamp(8, 24);
    let aw = w.saturating_sub(lw + 1).max(1);
    lines.extend(axis_lines(t.year, &app.terms, app.today, lw, aw, theme));
    // Room: keep at least 4 list rows at 80x24.
    let max_kinds = (area.height as usize).saturating_sub(13).max(1);
    let selected = list.get(t.selected).copied();
    for (ki, k) in kinds.iter().enumerate() {
        if ki >= max_kinds {
            lines.push(Line::styled(
                format!("… {} more kinds (see the list)", kinds.len() - ki),
                theme.dim(),
            ));
            break;
        }
        let mut row = Row::new(aw, " ", theme.plain());
        if let Some(x) = axis_x(t.year, app.today, aw) {
            row.set(x, "┆", theme.dim());
        }
        let mut best: Vec<Option<u8>> = vec![None; aw];
        for a in list.iter().filter(|a| a.kind == *k) {
            let s = a.shown_status(app.today);
            if let Some(x) = axis_x(t.year, a.date(), aw) {
                if best[x].is_some_and(|b| b >= weight(s)) {
                    continue;
                }
                best[x] = Some(weight(s));
                row.set(x, mark(s), status_style(s, theme));
            }
        }
        if let Some(a) = selected.filter(|a| a.kind == *k)
            && let Some(x) = axis_x(t.year, a.date(), aw)
        {
            row.set(x, mark(a.shown_status(app.today)), theme.selected());
        }
        lines.push(row.spans(Span::raw(format!("{} ", fit(k.name(), lw)))));
    }
    if kinds.is_empty() {
        lines.push(Line::styled(
            format!("No activities in {}: a adds one.", t.year),
            theme.dim(),
        ));
    }
    // The pointer under the selected activity.
    if let Some(a) = selected
        && let Some(x) = axis_x(t.year, a.date(), aw)
    {
        let text = format!(
            "{} {}, {}",
            fmt_long(a.date()),
            a.kind.name(),
            a.shown_status(app.today).name()
        );
        let mut row = Row::new(aw, " ", theme.plain());
        row.set(x, "▲", theme.selected());
        let tw = width(&text);
        if x + 2 + tw <= aw {
            row.text(x + 2, &text, theme.plain());
        } else if x > tw {
            row.text(x - tw - 1, &text, theme.plain());
        }
        lines.push(row.spans(Span::raw(" ".repeat(lw + 1))));
    } else {
        lines.push(Line::raw(""));
    }
    let head = lines.len() as u16;
    let [top, rest] = Layout::vertical([Constraint::Length(head), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines), top);
    // Room to spare below the list: the support plan for the year.
    let plan = crate::app::timeline::checkpoint::plan_for(app.plans_of(t.urn), t.urn, t.year);
    let need = list.len() as u16 + 1;
    if let Some(plan) = plan
        && rest.height >= need + 4
    {
        let [l, p] = Layout::vertical([Constraint::Length(need), Constraint::Min(1)]).areas(rest);
        draw_list(frame, l, app, t, &list, theme);
        frame.render_widget(Paragraph::new(plan_lines(plan, l.width as usize, theme)), p);
    } else {
        draw_list(frame, rest, app, t, &list, theme);
    }
}

/// A support plan: its headline priorities, each with its success criteria.
pub fn plan_lines(plan: &SupportPlan, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::raw(""),
        Line::styled(format!("Support plan {}", plan.year), theme.heading()),
    ];
    for (i, p) in plan.priorities.iter().enumerate() {
        out.push(Line::styled(
            trunc(&format!("{}. {}", i + 1, clean_line(&p.title)), w),
            theme.title(),
        ));
        for c in &p.success_criteria {
            out.push(Line::raw(trunc(&format!("   • {}", clean_line(c)), w)));
        }
    }
    out
}

fn draw_list(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    t: &TimelineState,
    list: &[&Activity],
    theme: &Theme,
) {
    let w = area.width as usize;
    let owner_w = if w >= 100 { 20 } else { 14 };
    let kind_w = if w >= 100 { 24 } else { 18 };
    let mut lines = vec![Line::styled(
        trunc(
            &format!(
                "  {} {} {} {} Title",
                fit("Date", 10),
                fit("Kind", kind_w),
                fit("Status", 9),
                fit("Owner", owner_w)
            ),
            w,
        ),
        theme.heading(),
    )];
    let rows = (area.height as usize).saturating_sub(1).max(1);
    let mut off = t.offset.get();
    if t.selected < off {
        off = t.selected;
    } else if t.selected >= off + rows {
        off = t.selected + 1 - rows;
    }
    t.offset.set(off);
    for (i, a) in list.iter().enumerate().skip(off).take(rows) {
        let s = a.shown_status(app.today);
        let sel = i == t.selected;
        let text = format!(
            "{}{} {} {} {} {}",
            if sel { "› " } else { "  " },
            fit(&fmt_date(a.date()), 10),
            fit(a.kind.name(), kind_w),
            fit(&format!("{} {}", mark(s), s.name()), 9),
            fit(&clean_line(&a.owner), owner_w),
            clean_line(&a.title)
        );
        let style = if sel {
            theme.selected()
        } else {
            status_style(s, theme)
        };
        lines.push(Line::styled(fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What falls due across all schools, grouped by week.
pub fn draw_due(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(d) = app.tl.due.as_ref() else {
        return;
    };
    let w = area.width as usize;
    let items = app.due_list();
    let overdue = items.iter().filter(|i| i.overdue).count();
    let mut head = vec![title_bar(
        vec![
            Span::styled("SQA Board › ", theme.dim()),
            Span::styled(format!("Due in the next {} weeks", d.weeks), theme.title()),
        ],
        date_line(app),
        area.width,
        theme,
    )];
    let officer = d.filter.officer.clone().unwrap_or_else(|| "all".into());
    let priority = d
        .filter
        .priority
        .as_deref()
        .map(|p| priority_text(&app.data.scheme, Some(p)).0)
        .unwrap_or_else(|| "all".into());
    head.push(Line::raw(trunc(
        &format!(
            "Officer: {officer} · Priority: {priority} · {} due, {overdue} overdue",
            items.len()
        ),
        w,
    )));
    let [top, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(head), top);

    let name_w = w.saturating_sub(10 + 8 + 20 + 14 + 5).clamp(10, 40);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut sel_line = 0;
    let mut idx = 0;
    for (g, group) in group_by_week(&items) {
        let title = match g {
            DueGroup::Overdue => "Overdue".to_string(),
            DueGroup::Week(m) => format!("w/c {}", fmt_long(m)),
        };
        lines.push(Line::styled(title, theme.heading()));
        for i in group {
            let sel = idx == d.selected;
            if sel {
                sel_line = lines.len();
            }
            let (pri, _) = priority_text(&app.data.scheme, i.category.as_deref());
            let date = if i.overdue {
                format!("!{}", fmt_compact(i.date))
            } else {
                format!(" {}", fmt_compact(i.date))
            };
            let text = format!(
                "{}{} {} {} {} {}{}",
                if sel { "›" } else { " " },
                date,
                fit(&pri, 7),
                fit(&i.school, name_w),
                fit(i.what.name(), 20),
                fit(&i.owner, 14),
                if i.overdue { " OVERDUE" } else { "" }
            );
            let style = if sel {
                theme.selected()
            } else if i.overdue {
                theme.overdue()
            } else {
                theme.plain()
            };
            lines.push(Line::styled(fit(&text, w), style));
            idx += 1;
        }
    }
    if items.is_empty() {
        lines.push(Line::styled(
            "Nothing due in these weeks for this filter.",
            theme.dim(),
        ));
    }
    let rows = body.height as usize;
    let mut off = d.offset.get();
    if sel_line < off {
        off = sel_line.saturating_sub(1);
    } else if sel_line >= off + rows {
        off = sel_line + 1 - rows;
    }
    d.offset.set(off);
    frame.render_widget(Paragraph::new(lines).scroll((off as u16, 0)), body);
}

pub fn draw_activity_form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.tl.timeline.is_some() {
        draw(frame, area, app, theme);
    }
    let Some(f) = app.tl.activity.as_ref() else {
        return;
    };
    let rect = centred(area, 72, 12);
    frame.render_widget(Clear, rect);
    let title = if f.original.is_some() {
        "Edit activity"
    } else {
        "New activity"
    };
    // When it was last kept while typed (changes every few seconds at most).
    let title = match app.form_kept_label() {
        Some(kept) => format!(" {title} · {kept} "),
        None => format!(" {title} "),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    let mut caret = None;
    for (i, field) in ActivityField::ALL.iter().enumerate() {
        let focused = i == f.field;
        let text = |raw| Value::Text(raw, Some(app.caret_in(raw)));
        let value = match field {
            ActivityField::Kind => Value::Choice(f.kind.name().to_string()),
            ActivityField::Title => text(&f.title),
            ActivityField::Planned => text(&f.planned),
            ActivityField::Done => text(&f.done),
            ActivityField::Owner => text(&f.owner),
            ActivityField::Status => Value::Choice(
                match f.status {
                    ActivityStatus::Planned => "planned",
                    ActivityStatus::Done => "done",
                    ActivityStatus::Cancelled => "cancelled",
                }
                .to_string(),
            ),
        };
        let (line, x) = form_field(field.name(), value, focused, w, theme);
        if let Some(x) = x {
            caret = Some(Position::new(inner.x + x as u16, inner.y + i as u16));
        }
        lines.push(line);
    }
    lines.push(Line::raw(""));
    match &f.error {
        Some(e) => lines.push(Line::styled(trunc(&clean_line(e), w), theme.overdue())),
        None if f.pending => lines.push(Line::styled("Saving…", theme.dim())),
        None => lines.push(Line::styled(
            trunc(
                "Dates: 23/11/2026, 23/11, today. Done date empty = not done.",
                w,
            ),
            theme.dim(),
        )),
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(at) = caret.filter(|p| p.y < inner.bottom()) {
        place_caret(frame, app, at);
    }
}
