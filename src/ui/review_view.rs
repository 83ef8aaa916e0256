//! A recorded checkpoint review in full: progress on each support-plan priority with its
//! commentary, the overall judgement, the recommendation and the next checkpoint. Drawn
//! read-only on its own screen and, review by review, in the school screen's Reviews section.

use super::text::{trunc, wrap};
use super::{Theme, date_line, title_bar};
use crate::app::App;
use crate::domain::calendar::fmt_date;
use crate::domain::text::{clean_line, clean_text};
use crate::domain::{CheckpointReview, Progress};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn progress_style(p: Progress, theme: &Theme) -> Style {
    match p {
        Progress::OnTrack => theme.plain(),
        Progress::SomeConcern => theme.active(),
        Progress::NotOnTrack => theme.overdue(),
    }
}

/// The heading line of a review: "Checkpoint review 05/11/2026 by Tom Hughes · Some concern".
pub fn review_heading(r: &CheckpointReview) -> String {
    format!(
        "Checkpoint review {} by {} · {}",
        fmt_date(r.date),
        clean_line(&r.reviewer),
        r.overall.name()
    )
}

/// The body of a review (under its heading), `w` cells wide.
pub fn review_body(app: &App, r: &CheckpointReview, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let plan = r.plan.and_then(|id| app.plan_by_id(id));
    let mut out = vec![];
    match plan {
        Some(p) => out.push(Line::styled(
            format!("Support plan {}", p.year),
            theme.dim(),
        )),
        None => out.push(Line::styled("No support plan reviewed", theme.dim())),
    }
    let mut progress: Vec<_> = r.progress.iter().collect();
    progress.sort_by_key(|p| p.priority);
    for p in progress {
        let title = plan
            .and_then(|pl| pl.priorities.get(p.priority))
            .map_or(format!("Priority {}", p.priority + 1), |x| {
                clean_line(&x.title)
            });
        out.push(Line::from(vec![
            Span::raw(trunc(
                &format!("{}. {}", p.priority + 1, title),
                w.saturating_sub(16),
            )),
            Span::raw(" — "),
            Span::styled(p.progress.name(), progress_style(p.progress, theme)),
        ]));
        let text = clean_text(&p.commentary);
        if text.trim().is_empty() {
            out.push(Line::styled("   (no commentary)", theme.dim()));
        }
        for para in text.lines() {
            for l in wrap(para, w.saturating_sub(3)) {
                out.push(Line::raw(format!("   {l}")));
            }
        }
    }
    out.push(Line::from(vec![
        Span::raw("Overall: "),
        Span::styled(r.overall.name(), progress_style(r.overall, theme)),
    ]));
    for para in clean_text(&r.judgement).lines() {
        for l in wrap(para, w.saturating_sub(3)) {
            out.push(Line::raw(format!("   {l}")));
        }
    }
    out.push(Line::raw(trunc(
        &format!(
            "Recommendation: {} · Next checkpoint: {}",
            r.recommendation.name(),
            r.next_due.map(fmt_date).unwrap_or_else(|| "none".into())
        ),
        w,
    )));
    out
}

/// The read-only screen of one recorded review.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(v), Some(r)) = (app.tl.review.as_ref(), app.review_viewed()) else {
        frame.render_widget(
            Paragraph::new("This review is no longer in the data."),
            area,
        );
        return;
    };
    let name = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == r.urn)
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let w = area.width as usize;
    let head = vec![
        title_bar(
            vec![
                Span::styled("SQA Board › Checkpoint review › ", theme.dim()),
                Span::styled(format!("{} {}", r.urn, name), theme.title()),
            ],
            date_line(app),
            area.width,
            theme,
        ),
        Line::styled(trunc(&review_heading(r), w), theme.heading()),
    ];
    let [top, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(head), top);
    let lines = review_body(app, r, w, theme);
    let max = (lines.len() as u16).saturating_sub(body.height);
    v.max.set(max);
    frame.render_widget(Paragraph::new(lines).scroll((v.scroll.min(max), 0)), body);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "Read-only · e amends it (the change is audited)",
            theme.dim(),
        )),
        foot,
    );
}

/// The school screen's Reviews section: every review in full, newest first, the selected one's
/// heading highlighted when the section has the keyboard. Also the line of that heading, so the
/// section can scroll to it.
pub fn section_lines(
    app: &App,
    urn: crate::domain::Urn,
    selected: Option<usize>,
    w: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let reviews = crate::domain::schedule::reviews_newest_first(app.checkpoints_of(urn), urn);
    if reviews.is_empty() {
        return (
            vec![Line::styled(
                "No checkpoint reviews recorded (r records one).",
                theme.dim(),
            )],
            0,
        );
    }
    let mut out = vec![];
    let mut at = 0;
    for (i, r) in reviews.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        let sel = selected == Some(i);
        if sel {
            at = out.len();
        }
        let mark = if sel { "› " } else { "  " };
        out.push(Line::styled(
            trunc(&format!("{mark}{}", review_heading(r)), w),
            if sel {
                theme.selected()
            } else {
                theme.heading()
            },
        ));
        out.extend(review_body(app, r, w, theme));
    }
    (out, at)
}
