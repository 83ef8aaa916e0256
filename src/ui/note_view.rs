//! A finalised note of visit, read-only: every field wrapped in full and scrolling, the note's
//! id, author, dates and local times, its agreed actions with their status now, its versions
//! (who, when, why) and the school's response. An earlier version is drawn with the fields
//! that changed from the version before marked. Also the response form over it.

use super::note_form::draw_text;
use super::text::{trunc, wrap};
use super::{Theme, centred, date_line, title_bar};
use crate::app::App;
use crate::app::note::{ResponseForm, ResponseSlot, fmt_when};
use crate::domain::calendar::{fmt_date, fmt_long};
use crate::domain::text::{clean_line, clean_text};
use crate::domain::{ActionStatus, Note, NoteBody};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// An officer by display name (the config's list), cleaned for the terminal.
fn officer(app: &App, login: &str) -> String {
    clean_line(app.officer_names.name(login))
}

/// Lines of the view, `w` cells wide, with one flag: the viewed version differs from the
/// one before in this field.
struct Out<'t> {
    lines: Vec<Line<'static>>,
    w: usize,
    theme: &'t Theme,
}

impl Out<'_> {
    fn heading(&mut self, title: &str, changed: bool) {
        self.lines.push(Line::raw(""));
        let mut spans = vec![Span::styled(title.to_string(), self.theme.heading())];
        if changed {
            spans.push(Span::styled(
                " ● changed in this version",
                self.theme.active(),
            ));
        }
        self.lines.push(Line::from(spans));
    }

    /// Free text in full: the writer's lines kept, each wrapped.
    fn text(&mut self, s: &str) {
        let t = clean_text(s);
        if t.trim().is_empty() {
            self.lines.push(Line::styled("  —", self.theme.dim()));
            return;
        }
        for para in t.trim_end().lines() {
            for l in wrap(para, self.w.saturating_sub(2)) {
                self.lines.push(Line::raw(format!("  {l}")));
            }
        }
    }

    /// "Label: value", the value wrapped under itself.
    fn field(&mut self, label: &str, value: &str, changed: bool) {
        let mark = if changed { "● " } else { "" };
        let head = format!("{mark}{label}: ");
        let pad = super::text::width(&head).min(self.w / 2);
        let body = wrap(&clean_line(value), self.w.saturating_sub(pad).max(1));
        for (i, l) in body.into_iter().enumerate() {
            if i == 0 {
                let style = if changed {
                    self.theme.active()
                } else {
                    self.theme.dim()
                };
                self.lines.push(Line::from(vec![
                    Span::styled(head.clone(), style),
                    Span::raw(l),
                ]));
            } else {
                self.lines
                    .push(Line::raw(format!("{}{l}", " ".repeat(pad))));
            }
        }
    }
}

fn actions_text(app: &App, b: &NoteBody, out: &mut Out) {
    if b.actions.is_empty() {
        out.lines
            .push(Line::styled("  No actions were agreed.", out.theme.dim()));
        return;
    }
    for (i, a) in b.actions.iter().enumerate() {
        let status = match a.action.and_then(|id| app.action_by_id(id)) {
            None => "not yet in the tracker".to_string(),
            Some(x) => match (x.status, x.completed) {
                (ActionStatus::Done, Some(d)) => format!("done {}", fmt_date(d)),
                (s, _) => s.name().to_string(),
            },
        };
        let due = a
            .due
            .map_or("no due date".into(), |d| format!("due {}", fmt_date(d)));
        let line = format!(
            "{}. {} — {} · {due} · {status}",
            i + 1,
            clean_line(&a.text),
            officer(app, &a.owner)
        );
        for (j, l) in wrap(&line, out.w.saturating_sub(5)).into_iter().enumerate() {
            let indent = if j == 0 { "  " } else { "     " };
            out.lines.push(Line::raw(format!("{indent}{l}")));
        }
    }
}

/// Every line of the note as version `shown` (the body given), changes marked against `before`.
fn note_lines(
    app: &App,
    n: &Note,
    shown: u32,
    b: &NoteBody,
    before: Option<&NoteBody>,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let ch = |f: &dyn Fn(&NoteBody) -> String| before.is_some_and(|p| f(p) != f(b));
    let mut out = Out {
        lines: vec![],
        w,
        theme,
    };
    let current = n.version();
    let which = if shown == current {
        format!("version {shown} of {current} (current)")
    } else {
        format!("version {shown} of {current} (earlier: → for later ones)")
    };
    out.lines.push(Line::styled(
        trunc(&format!("Note {} · Final · {which}", n.id), w),
        theme.heading(),
    ));
    // After a visit, the next one: offered when none is planned (one key plans it).
    if let Some(date) = b.date
        && let Some(next) = crate::domain::schedule::proposed_visit(&app.data, n.urn, date, 0)
    {
        out.lines.push(Line::styled(
            trunc(
                &format!(
                    "No visit planned after this: the entitlement proposes {} (v plans it)",
                    crate::domain::calendar::fmt_date(next.planned)
                ),
                w,
            ),
            theme.key(),
        ));
    }
    out.field(
        "Date of visit",
        &b.date.map_or("—".into(), fmt_long),
        ch(&|x| format!("{:?}", x.date)),
    );
    out.field("Visit type", &b.visit_type, ch(&|x| x.visit_type.clone()));
    let written = format!(
        "{}, {}",
        officer(app, &n.author),
        fmt_when(n.created, &app.clock)
    );
    out.field("Written by", &written, false);
    if let Some(at) = n.finalised {
        out.field("Finalised", &fmt_when(at, &app.clock), false);
    }
    let visitors: Vec<String> = b.visitors.iter().map(|v| officer(app, v)).collect();
    out.field(
        "Visitor(s)",
        &visitors.join(", "),
        ch(&|x| x.visitors.join(",")),
    );
    out.field("People met", &b.people_met, ch(&|x| x.people_met.clone()));
    let focus: Vec<&str> = b.focus.iter().map(|a| a.name()).collect();
    out.field(
        "Areas in focus",
        &focus.join(", "),
        ch(&|x| format!("{:?}", x.focus)),
    );
    for (title, text, f) in [
        (
            "Purpose of the visit",
            &b.purpose,
            (|x: &NoteBody| x.purpose.clone()) as fn(&NoteBody) -> String,
        ),
        ("Evidence seen", &b.evidence, |x| x.evidence.clone()),
        ("Strengths", &b.strengths, |x| x.strengths.clone()),
        ("Areas for development", &b.development, |x| {
            x.development.clone()
        }),
    ] {
        out.heading(title, ch(&f));
        out.text(text);
    }
    out.heading(
        "Agreed actions",
        ch(&|x| {
            format!(
                "{:?}",
                x.actions
                    .iter()
                    .map(|a| (&a.text, &a.owner, a.due))
                    .collect::<Vec<_>>()
            )
        }),
    );
    actions_text(app, b, &mut out);
    out.heading("Next steps", ch(&|x| x.next_steps.clone()));
    out.text(&b.next_steps);
    out.field(
        "Next visit",
        &b.next_visit.map_or("—".into(), fmt_long),
        ch(&|x| format!("{:?}", x.next_visit)),
    );
    out.heading("Further notes", ch(&|x| x.text.clone()));
    out.text(&b.text);
    out.heading("Versions", false);
    for v in 1..=current {
        let Some((who, at, why)) = n.made_by(v) else {
            continue;
        };
        let mark = if v == shown { "›" } else { " " };
        let what = match why {
            None => format!(
                "v{v} written by {} {}",
                officer(app, who),
                fmt_when(at, &app.clock)
            ),
            Some(r) => format!(
                "v{v} amended by {} {}: {}",
                officer(app, who),
                fmt_when(at, &app.clock),
                clean_line(r)
            ),
        };
        for (j, l) in wrap(&what, w.saturating_sub(4)).into_iter().enumerate() {
            let lead = if j == 0 {
                format!(" {mark} ")
            } else {
                "    ".into()
            };
            let style = if v == shown {
                theme.selected()
            } else {
                theme.plain()
            };
            out.lines.push(Line::styled(format!("{lead}{l}"), style));
        }
    }
    out.heading("The school's response", false);
    match &n.response {
        None => out.lines.push(Line::styled(
            "  Not recorded yet: r records it.",
            theme.dim(),
        )),
        Some(r) => {
            out.field("Received", &fmt_long(r.received), false);
            out.field("Accurate?", r.verdict(), false);
            out.field(
                "Recorded",
                &format!(
                    "by {} {}",
                    officer(app, &r.recorded_by),
                    fmt_when(r.recorded_at, &app.clock)
                ),
                false,
            );
            out.text(&r.comment);
        }
    }
    out.lines
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(v), Some(n)) = (app.note.view.as_ref(), app.note_viewed()) else {
        frame.render_widget(Paragraph::new("This note is no longer in the data."), area);
        return;
    };
    let name = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == n.urn)
        .map(|s| clean_line(&s.name))
        .unwrap_or_default();
    let [top, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(title_bar(
            vec![
                Span::styled("SQA Board › Note of visit › ", theme.dim()),
                Span::styled(format!("{} {}", n.urn, name), theme.title()),
            ],
            date_line(app),
            area.width,
            theme,
        )),
        top,
    );
    let shown = v.version.unwrap_or_else(|| n.version());
    let b = n.body_of(shown).unwrap_or(&n.body);
    let before = shown.checked_sub(1).and_then(|p| n.body_of(p));
    let lines = note_lines(app, n, shown, b, before, usize::from(body.width), theme);
    let max = (lines.len() as u16).saturating_sub(body.height);
    v.max.set(max);
    v.page.set(body.height.saturating_sub(1).max(1));
    let scroll = v.scroll.min(max);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    let more = if scroll < max {
        " · more below (↓ PgDn End)"
    } else {
        ""
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            trunc(
                &format!(
                    "Read-only · sqa export --note {} writes it for the school{more}",
                    n.id
                ),
                usize::from(foot.width),
            ),
            theme.dim(),
        )),
        foot,
    );
    if let Some(r) = &v.response {
        draw_response(frame, area, app, r, theme);
    }
}

/// The response form: received date, accurate or corrections, the school's comment.
fn draw_response(frame: &mut Frame, area: Rect, app: &App, r: &ResponseForm, theme: &Theme) {
    let rect = centred(area, 70, 12);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(" The school's response ", theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 6 {
        return;
    }
    let label = |s: &str, slot: ResponseSlot| {
        Span::styled(
            format!("{s:<11}"),
            if r.slot == slot {
                theme.selected()
            } else {
                theme.dim()
            },
        )
    };
    let verdict = if r.corrections {
        "Factual corrections requested"
    } else {
        "Accepted as accurate"
    };
    let error = r.error.as_deref().map(clean_line).unwrap_or_default();
    let lines = vec![
        Line::from(vec![label("Received", ResponseSlot::Received)]),
        Line::from(vec![
            label("Accurate?", ResponseSlot::Accurate),
            Span::raw(format!("‹ {verdict} ›")),
        ]),
        Line::from(vec![label("Comment", ResponseSlot::Comment)]),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    let at = |y: u16, h: u16| Rect {
        x: inner.x + 11,
        y: inner.y + y,
        width: inner.width.saturating_sub(11),
        height: h,
    };
    let plain = |ta: &ratatui_textarea::TextArea| clean_line(&ta.lines().join(" "));
    draw_text(
        frame,
        app,
        at(0, 1),
        &r.received,
        r.slot == ResponseSlot::Received,
        plain(&r.received),
    );
    let comment_h = inner.height.saturating_sub(5);
    if r.slot == ResponseSlot::Comment {
        draw_text(
            frame,
            app,
            at(2, comment_h),
            &r.comment,
            true,
            String::new(),
        );
    } else {
        let text: Vec<Line> = wrap(&plain(&r.comment), usize::from(at(2, 1).width))
            .into_iter()
            .take(usize::from(comment_h))
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(text), at(2, comment_h));
    }
    let foot = Rect {
        y: inner.y + inner.height - 2,
        height: 2,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(trunc(&error, usize::from(inner.width)), theme.overdue()),
            Line::styled(
                "Tab field  Space ←→ accurate?  ^S save  Esc cancel",
                theme.key(),
            ),
        ]),
        foot,
    );
}
