//! The checkpoint review form over the school's support plan.

use super::field::{Value, form_field, one_line, place_caret};
use super::text::{trunc, width, wrap};
use super::{Theme, date_line, title_bar};
use crate::app::App;
use crate::app::timeline::checkpoint::CheckpointField;
use crate::app::timeline::plan::PlanLine;
use crate::domain::calendar::fmt_date;
use crate::domain::schedule::latest_review;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The title's right side: when the form was last kept while typed (quiet, changing every few
/// seconds at most), then the date.
pub(super) fn kept_then_date(app: &App) -> String {
    match app.form_kept_label() {
        Some(kept) => format!("{kept} · {}", date_line(app)),
        None => date_line(app),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(f) = app.tl.checkpoint.as_ref() else {
        return;
    };
    let w = area.width as usize;
    let name = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == f.urn)
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let mut head = vec![title_bar(
        vec![
            Span::styled("SQA Board › Checkpoint review › ", theme.dim()),
            Span::styled(format!("{} {}", f.urn, name), theme.title()),
        ],
        kept_then_date(app),
        area.width,
        theme,
    )];
    let last = latest_review(app.checkpoints_of(f.urn), f.urn)
        .map(|r| {
            format!(
                "last review {} ({}), was due {}",
                fmt_date(r.date),
                r.overall.name(),
                r.next_due.map(fmt_date).unwrap_or_else(|| "—".into())
            )
        })
        .unwrap_or_else(|| "first review".into());
    let (day, by) = match &f.original {
        Some(r) => (r.date, clean_line(&r.reviewer)),
        None => (app.today, clean_line(&app.user)),
    };
    let what = if f.original.is_some() {
        "Amending the review of"
    } else {
        "Review on"
    };
    head.push(Line::raw(trunc(
        &format!(
            "{what} {} by {} · support plan {} · {last}",
            fmt_date(day),
            by,
            if f.plan.is_some() {
                f.year.to_string()
            } else {
                format!("{}: none", f.year)
            }
        ),
        w,
    )));
    let mut lines: Vec<Line<'static>> = Vec::new();
    let current = f.current();
    let mut focus_line = 0;
    let mut caret = None;
    // One field line; the focused one is remembered (to scroll to) and, if text, where its
    // caret is.
    let mut push = |lines: &mut Vec<Line<'static>>, field, label: &str, value: Value<'_>| {
        let focused = field == current;
        if focused {
            focus_line = lines.len();
        }
        let (line, x) = form_field(label, value, focused, w, theme);
        if let Some(x) = x {
            caret = Some((lines.len(), x));
        }
        lines.push(line);
    };
    for (i, p) in f.priorities.iter().enumerate() {
        lines.push(Line::styled(
            trunc(&format!("{}. {}", i + 1, p.title), w),
            theme.heading(),
        ));
        let here = matches!(current, CheckpointField::Progress(j) | CheckpointField::Commentary(j) if j == i);
        if here || area.height >= 40 {
            for c in &p.criteria {
                for (k, l) in wrap(c, w.saturating_sub(4)).into_iter().enumerate() {
                    let bullet = if k == 0 { "  • " } else { "    " };
                    lines.push(Line::styled(format!("{bullet}{l}"), theme.dim()));
                }
            }
        }
        let progress = Value::Choice(p.progress.name().to_string());
        push(
            &mut lines,
            CheckpointField::Progress(i),
            "Progress",
            progress,
        );
        let commentary = Value::Text(&p.commentary, Some(app.caret_in(&p.commentary)));
        push(
            &mut lines,
            CheckpointField::Commentary(i),
            "Commentary",
            commentary,
        );
    }
    if f.priorities.is_empty() {
        lines.push(Line::styled(
            "No support plan for this year: record the overall judgement.",
            theme.dim(),
        ));
    }
    lines.push(Line::styled("Overall", theme.heading()));
    let overall = Value::Choice(f.overall.name().to_string());
    push(&mut lines, CheckpointField::Overall, "Judgement", overall);
    push(
        &mut lines,
        CheckpointField::Judgement,
        "Commentary",
        Value::Text(&f.judgement, Some(app.caret_in(&f.judgement))),
    );
    let recommendation = Value::Choice(f.recommendation.name().to_string());
    push(
        &mut lines,
        CheckpointField::Recommendation,
        "Recommendation",
        recommendation,
    );
    push(
        &mut lines,
        CheckpointField::NextDue,
        "Next checkpoint",
        Value::Text(&f.next_due, Some(app.caret_in(&f.next_due))),
    );
    let foot = match &f.error {
        Some(e) => Line::styled(trunc(&clean_line(e), w), theme.overdue()),
        None if f.pending => Line::styled("Saving…", theme.dim()),
        None if f.original.is_some() => Line::styled(
            trunc(
                "Ctrl-S saves the amendment (audited); the schedule is left as it is",
                w,
            ),
            theme.dim(),
        ),
        None => Line::styled(
            trunc(
                "Ctrl-S saves, marks the planned checkpoint done and plans the next one",
                w,
            ),
            theme.dim(),
        ),
    };
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(head), top);
    let rows = body.height as usize;
    let off = (focus_line + 2).saturating_sub(rows);
    frame.render_widget(Paragraph::new(lines).scroll((off as u16, 0)), body);
    frame.render_widget(Paragraph::new(foot), bottom);
    if let Some((line, x)) = caret.filter(|(l, _)| (off..off + rows).contains(l)) {
        let at = Position::new(body.x + x as u16, body.y + (line - off) as u16);
        place_caret(frame, app, at);
    }
}

/// The support plan editor: priorities and their success criteria as editable lines.
pub fn draw_plan(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(f) = app.tl.plan.as_ref() else {
        return;
    };
    let w = area.width as usize;
    let name = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == f.urn)
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let head = vec![
        title_bar(
            vec![
                Span::styled(
                    format!("SQA Board › Support plan {} › ", f.year),
                    theme.dim(),
                ),
                Span::styled(format!("{} {}", f.urn, name), theme.title()),
            ],
            kept_then_date(app),
            area.width,
            theme,
        ),
        Line::styled(
            trunc(
                "Type to edit the selected line. Enter: new success criterion. Ctrl-N: new priority.",
                w,
            ),
            theme.dim(),
        ),
    ];
    let cur = f.current();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut focus = 0;
    let mut caret = None;
    for l in f.lines() {
        let focused = Some(l) == cur;
        if focused {
            focus = lines.len();
        }
        let (label, text, style) = match l {
            PlanLine::Title(i) => (
                format!("{}. ", i + 1),
                f.priorities.get(i).map(|p| p.title.clone()),
                theme.title(),
            ),
            PlanLine::Criterion(i, j) => (
                "   • ".to_string(),
                f.priorities
                    .get(i)
                    .and_then(|p| p.success_criteria.get(j).cloned()),
                theme.plain(),
            ),
        };
        let raw = text.unwrap_or_default();
        // The focused line is marked before its label; its text is unstyled (see `field`).
        let label = format!("{}{label}", if focused { "›" } else { " " });
        let room = w.saturating_sub(width(&label));
        let (text, x) = one_line(&raw, focused.then(|| app.caret_in(&raw)), room);
        if let Some(x) = x {
            caret = Some((lines.len(), width(&label) + x));
        }
        lines.push(Line::from(vec![
            Span::styled(label, if focused { theme.title() } else { style }),
            Span::styled(text, if focused { theme.plain() } else { style }),
        ]));
    }
    let [top, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(head), top);
    let rows = body.height as usize;
    let off = (focus + 2).saturating_sub(rows);
    frame.render_widget(Paragraph::new(lines).scroll((off as u16, 0)), body);
    if let Some((line, x)) = caret.filter(|(l, _)| (off..off + rows).contains(l)) {
        let at = Position::new(body.x + x as u16, body.y + (line - off) as u16);
        place_caret(frame, app, at);
    }
}
