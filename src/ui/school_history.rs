//! The school screen's Priority history section: a step chart of the category over the
//! decisions, then the list of decisions, newest first.

use super::Theme;
use super::board::priority_text;
use super::text::{fit, trunc};
use crate::app::App;
use crate::domain::calendar::fmt_date;
use crate::domain::text::clean_line;
use crate::domain::{Decision, School};
use ratatui::text::{Line, Span};

type Lines = Vec<Line<'static>>;

/// The cell before a decision's block in a category's row of the step chart: joins the previous
/// decision's block to this one (rank 0 is the top row).
fn step_connector(prev: Option<usize>, now: usize, row: usize) -> &'static str {
    let Some(prev) = prev else {
        return " ";
    };
    let (top, bottom) = (prev.min(now), prev.max(now));
    match () {
        _ if prev == now => {
            if row == now {
                "█"
            } else {
                " "
            }
        }
        _ if row < top || row > bottom => " ",
        _ if row == prev && now < prev => "┘",
        _ if row == prev => "┐",
        _ if row == now && now < prev => "┌",
        _ if row == now => "└",
        _ => "│",
    }
}

/// A step chart of the category over the decisions (rows: categories, most support at the top),
/// then the list of decisions, newest first.
pub(super) fn history_lines(app: &App, school: &School, theme: &Theme, w: usize) -> Lines {
    let scheme = &app.data.scheme;
    let hist = app.school_history(school.urn);
    if hist.is_empty() {
        return vec![Line::styled("No decisions yet.", theme.dim())];
    }
    let mut out = Vec::new();
    let label_w = scheme
        .categories
        .iter()
        .map(|c| super::text::width(&priority_text(scheme, Some(&c.key)).0))
        .max()
        .unwrap_or(6);
    let col_w = 6;
    let list_w = label_w.max(8);
    let fits = (w.saturating_sub(label_w + 2) / col_w).max(1);
    let shown: Vec<&&Decision> = hist.iter().skip(hist.len().saturating_sub(fits)).collect();
    for (rank, c) in scheme.categories.iter().enumerate() {
        let (t, colour) = priority_text(scheme, Some(&c.key));
        let mut spans = vec![
            Span::styled(fit(&t, label_w), theme.category(&colour)),
            Span::raw(" │"),
        ];
        let mut prev: Option<usize> = None;
        for d in &shown {
            let now = scheme.rank(&d.category);
            spans.push(Span::styled(step_connector(prev, now, rank), theme.dim()));
            prev = Some(now);
            spans.push(if now == rank {
                Span::styled("█████", theme.category(&colour))
            } else {
                Span::raw("     ")
            });
        }
        out.push(Line::from(spans));
    }
    let mut axis = format!("{} └", " ".repeat(label_w));
    let mut dates = " ".repeat(label_w + 2);
    for d in &shown {
        axis.push_str("──────");
        dates.push_str(&fit(&format!("{}", d.date.format(" %m/%y")), col_w));
    }
    out.push(Line::styled(axis, theme.dim()));
    out.push(Line::styled(dates, theme.dim()));
    out.push(Line::raw(""));
    out.push(Line::styled(
        fit(
            &format!(
                "{} {} Δ  Meeting / decided by",
                fit("Date", 10),
                fit("Priority", list_w)
            ),
            w,
        ),
        theme.heading(),
    ));
    for d in hist.iter().rev() {
        let (t, colour) = priority_text(scheme, Some(&d.category));
        let ch = scheme.change(d.previous.as_deref(), &d.category);
        let rest = format!(
            "{}, {}",
            super::school::meeting_title(app, d),
            clean_line(&d.decided_by)
        );
        out.push(Line::from(vec![
            Span::raw(format!("{} ", fmt_date(d.date))),
            Span::styled(fit(&t, list_w), theme.category(&colour)),
            Span::raw(format!(" {}  ", ch.symbol())),
            Span::raw(trunc(&rest, w.saturating_sub(list_w + 15))),
        ]));
    }
    out
}
