//! Escalation steps: the school screen's section (newest first, the selected one marked) and
//! the step form over the school screen.

use super::field::{Value, form_field, place_caret};
use super::text::{fit, trunc};
use super::{Theme, centred, school};
use crate::app::{App, Section};
use crate::domain::calendar::fmt_date;
use crate::domain::escalation::{EscalationStep, Prompt, StepStatus, steps_of};
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// "decision 12/10/2026" / "meeting Autumn term 2026/27", or nothing.
pub fn prompt_text(app: &App, s: &EscalationStep) -> Option<String> {
    match s.prompted_by? {
        Prompt::Decision(id) => {
            let d = app.decision_by_id(id)?;
            Some(format!("decision of {}", fmt_date(d.date)))
        }
        Prompt::Meeting(id) => {
            let m = app.data.meetings.iter().find(|m| m.id == id)?;
            Some(format!("meeting {}", clean_line(&m.title)))
        }
    }
}

/// The section: one line a step (date, step, status, who), its grounds and prompt beneath.
pub fn section_lines(
    app: &App,
    urn: crate::domain::Urn,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let steps = steps_of(&app.data.escalations, urn);
    if steps.is_empty() {
        return vec![Line::styled(
            "No escalation steps. E records one (concerns raised, warning notice…).",
            theme.dim(),
        )];
    }
    let sel = app
        .school
        .as_ref()
        .filter(|s| s.section == Section::Escalation)
        .map(|s| s.step.min(steps.len() - 1));
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "{} {} {} Who",
                fit("Date", 10),
                fit("Step", 33),
                fit("Status", 9)
            ),
            w,
        ),
        theme.heading(),
    )];
    for (i, s) in steps.into_iter().enumerate() {
        let style = match s.status {
            StepStatus::Open => theme.active(),
            StepStatus::Done => theme.plain(),
            StepStatus::Withdrawn => theme.dim(),
        };
        let head = Line::from(vec![
            Span::raw(format!("{} {} ", fmt_date(s.date), fit(s.kind.name(), 33))),
            Span::styled(fit(s.status.name(), 9), style),
            Span::raw(format!(
                " {}",
                trunc(&clean_line(&s.by), w.saturating_sub(55))
            )),
        ]);
        out.push(if sel == Some(i) {
            head.style(theme.selected())
        } else {
            head
        });
        if let Some(d) = s.response_due {
            let late = if s.response_overdue(app.today) {
                " — OVERDUE"
            } else {
                ""
            };
            let style = if late.is_empty() {
                theme.plain()
            } else {
                theme.overdue()
            };
            out.push(Line::styled(
                trunc(&format!("  response due {}{late}", fmt_date(d)), w),
                style,
            ));
        }
        let g = clean_line(&s.grounds);
        if !g.is_empty() {
            out.push(Line::raw(trunc(&format!("  {g}"), w)));
        }
        if let Some(p) = prompt_text(app, s) {
            out.push(Line::styled(
                trunc(&format!("  prompted by {p}"), w),
                theme.dim(),
            ));
        }
    }
    out
}

pub fn draw_form(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    school::draw(frame, area, app, theme);
    let Some(f) = app.step_form.as_ref() else {
        return;
    };
    let rect = centred(area, 74, 13);
    frame.render_widget(Clear, rect);
    let title = if f.original.is_some() {
        format!("Escalation step, {}", f.urn)
    } else {
        format!("New escalation step, {}", f.urn)
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
    for (i, field) in f.fields().into_iter().enumerate() {
        use crate::app::escalation::StepField as F;
        let focused = i == f.field;
        let raw = match field {
            F::Kind => f.kind.name().to_string(),
            F::Status => f.status.name().to_string(),
            F::Prompt => f.prompt_label(),
            F::Date => f.date.clone(),
            F::By => f.by.clone(),
            F::Grounds => f.grounds.clone(),
            F::ResponseDue => f.response_due.clone(),
        };
        let value = if field.is_text() {
            Value::Text(&raw, Some(app.caret_in(&raw)))
        } else {
            Value::Choice(clean_line(&raw))
        };
        let (line, x) = form_field(field.name(f.kind), value, focused, w, theme);
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
            trunc("Dates dd/mm/yyyy. ←→ choose step, status, prompt.", w),
            theme.dim(),
        )),
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(at) = caret.filter(|p| p.y < inner.bottom()) {
        place_caret(frame, app, at);
    }
}

/// The meeting's evidence panel: the school's open steps and those taken since `since` (the
/// decision it held going in), newest first, from its own steps only.
pub fn evidence_lines(
    app: &App,
    urn: crate::domain::Urn,
    since: Option<chrono::NaiveDate>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let steps: Vec<&EscalationStep> = steps_of(&app.data.escalations, urn)
        .into_iter()
        .filter(|s| s.status == StepStatus::Open || since.is_none_or(|d| s.date > d))
        .collect();
    if steps.is_empty() {
        return vec![];
    }
    let mut out = vec![Line::styled("Escalation".to_string(), theme.heading())];
    for s in steps.into_iter().take(4) {
        let new = if since.is_none_or(|d| s.date > d) {
            " (new)"
        } else {
            ""
        };
        let mut t = format!(
            "{} {} {}: {}{new}",
            crate::domain::calendar::fmt_compact(s.date),
            s.kind.code(),
            s.status.name(),
            s.kind.name()
        );
        if let Some(d) = s.response_due {
            t.push_str(&format!(
                ", response due {}",
                crate::domain::calendar::fmt_compact(d)
            ));
        }
        out.push(if s.response_overdue(app.today) {
            Line::styled(format!("{t} OVERDUE"), theme.overdue())
        } else {
            Line::raw(t)
        });
    }
    out
}
