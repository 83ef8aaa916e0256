//! The note of visit form. Drawing only. The focused text field is drawn by its `TextArea`
//! with plain styles and the terminal's real cursor, so a typed character changes one cell;
//! nothing else on the screen depends on what is typed.

use super::text::{trunc, width};
use super::{Theme, centred, title_bar};
use crate::app::App;
use crate::app::note::{NoteForm, Popup, RowPart, Slot, TextField, fmt_when};
use crate::domain::calendar::fmt_date;
use crate::domain::text::clean_line;
use crate::domain::{Area, NoteStatus};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;

const LABEL: u16 = 16;

fn area_label(a: Area) -> &'static str {
    match a {
        Area::QualityOfEducation => "QoE",
        Area::Standards => "Stds",
        Area::Leadership => "L&M",
        Area::Behaviour => "Behav",
        Area::Safeguarding => "Safeg",
        Area::Finance => "Fin",
    }
}

/// One row (or block of rows) of the form.
enum Item {
    Field(Slot, u16),
    ActionsHeading,
    Message(String),
}

impl Item {
    fn height(&self) -> u16 {
        match self {
            Item::Field(_, h) => *h,
            _ => 1,
        }
    }
}

/// Display rows of a text at a width, wrapped (an estimate that matches word wrap closely).
fn rows_of(ta: &TextArea, w: u16) -> u16 {
    let w = usize::from(w.max(1));
    ta.lines()
        .iter()
        .map(|l| width(l).div_ceil(w).max(1))
        .sum::<usize>()
        .min(usize::from(u16::MAX)) as u16
}

fn items(f: &NoteForm, value_w: u16, view_h: u16) -> Vec<Item> {
    let mut v = Vec::new();
    for slot in f.order() {
        if matches!(slot, Slot::Row(_, RowPart::Owner | RowPart::Due)) {
            continue;
        }
        if matches!(slot, Slot::Row(0, RowPart::Text)) {
            v.push(Item::ActionsHeading);
        }
        let h = match slot {
            Slot::Text(t) if t.multiline() && f.slot == slot => rows_of(f.text_area(t), value_w)
                .clamp(3, 10)
                .min(view_h.saturating_sub(3).max(1)),
            _ => 1,
        };
        v.push(Item::Field(slot, h));
        let here = match (slot, f.slot) {
            (Slot::Row(i, _), Slot::Row(j, _)) => i == j,
            (a, b) => a == b,
        };
        let err_here = f.error.as_ref().is_some_and(|(s, _)| match (s, slot) {
            (Slot::Row(i, _), Slot::Row(j, _)) => *i == j,
            (a, b) => *a == b,
        });
        if err_here && let Some((_, msg)) = &f.error {
            v.push(Item::Message(format!("! {msg}")));
        } else if here && let Some(s) = f.suggestion() {
            v.push(Item::Message(format!("→ completes: {}", clean_line(s))));
        }
    }
    v
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(f) = app.note.form.as_ref() else {
        frame.render_widget(Paragraph::new("No note open."), area);
        return;
    };
    if area.height < 4 {
        return;
    }
    let school = app
        .data
        .schools
        .iter()
        .find(|s| s.urn == f.urn)
        .map_or_else(String::new, |s| clean_line(&s.name));
    let state = match (&f.base, &f.amend_reason) {
        (_, Some(_)) => format!("Amending v{}", f.base.as_ref().map_or(1, |n| n.version())),
        (None, None) => "New note".to_string(),
        (Some(n), None) if n.status == NoteStatus::Final => format!("Final v{}", n.version()),
        (Some(n), None) => format!("Draft v{}", n.version()),
    };
    // Changes only when the draft is kept (every few seconds at most), not per keystroke.
    let state = match f.kept_at {
        Some(at) => format!("{state} · kept {}", app.clock.local(at).format("%H:%M:%S")),
        None => state,
    };
    let left = vec![
        Span::styled("Note of visit › ", theme.dim()),
        Span::styled(format!("{} {}", f.urn, school), theme.title()),
    ];
    let title = Rect { height: 1, ..area };
    frame.render_widget(
        Paragraph::new(title_bar(left, state, area.width, theme)),
        title,
    );
    let info = Rect {
        y: area.y + 1,
        height: 1,
        ..area
    };
    frame.render_widget(Paragraph::new(info_line(app, f, theme, area.width)), info);

    let view = Rect {
        y: area.y + 2,
        height: area.height - 2,
        ..area
    };
    let value_w = view.width.saturating_sub(LABEL);
    let items = items(f, value_w, view.height);
    // Scroll so that the focused field is in view.
    let mut top = 0u16;
    let mut focus_span = (0u16, 1u16);
    for it in &items {
        if let Item::Field(s, h) = it {
            let same = match (s, f.slot) {
                (Slot::Row(i, _), Slot::Row(j, _)) => *i == j,
                (a, b) => *a == b,
            };
            if same {
                focus_span = (top, *h + 1);
            }
        }
        top += it.height();
    }
    let mut scroll = f.scroll.get();
    if focus_span.0 < scroll {
        scroll = focus_span.0.saturating_sub(1);
    } else if focus_span.0 + focus_span.1 > scroll + view.height {
        scroll = (focus_span.0 + focus_span.1).saturating_sub(view.height);
    }
    f.scroll.set(scroll);

    let mut y = 0u16;
    for it in &items {
        let h = it.height();
        if y + h <= scroll {
            y += h;
            continue;
        }
        let row = view.y + (y - scroll);
        if row + h > view.y + view.height {
            break;
        }
        let rect = Rect {
            x: view.x,
            y: row,
            width: view.width,
            height: h,
        };
        draw_item(frame, rect, app, f, it, theme);
        y += h;
    }

    if let Some(p) = &f.popup {
        draw_popup(frame, area, app, f, p, theme);
    }
}

fn info_line<'a>(app: &App, f: &NoteForm, theme: &Theme, w: u16) -> Line<'a> {
    let text = if let Some(r) = &f.amend_reason {
        format!("Amending: {}", clean_line(r))
    } else if f.base.is_none() {
        format!("New note by {}", clean_line(&app.user))
    } else {
        let v: Vec<String> = f
            .versions()
            .iter()
            .map(|(n, who, at, what)| {
                format!(
                    "v{n} {} {} {}",
                    clean_line(who),
                    fmt_date(at.date_naive()),
                    clean_line(what)
                )
            })
            .collect();
        format!("Versions: {}", v.join(" · "))
    };
    Line::styled(trunc(&text, usize::from(w)), theme.dim())
}

fn label_span<'a>(text: &str, focused: bool, theme: &Theme) -> Span<'a> {
    let mark = if focused { "›" } else { " " };
    let s = format!("{mark}{}", trunc(text, usize::from(LABEL) - 2));
    let pad = usize::from(LABEL).saturating_sub(width(&s));
    let s = format!("{s}{}", " ".repeat(pad));
    if focused {
        Span::styled(s, theme.heading())
    } else {
        Span::styled(s, theme.dim())
    }
}

/// Draws a text area into `rect` and, when it has the keyboard, puts the real cursor there
/// (unless something is drawn over the screen: `field::place_caret`).
pub(super) fn draw_text(
    frame: &mut Frame,
    app: &App,
    rect: Rect,
    ta: &TextArea,
    focused: bool,
    plain: String,
) {
    if rect.width == 0 {
        return;
    }
    if !focused {
        frame.render_widget(Paragraph::new(trunc(&plain, usize::from(rect.width))), rect);
        return;
    }
    frame.render_widget(ta, rect);
    let sc = ta.screen_cursor();
    let (top, left) = ta.scroll_offset();
    let row = sc.row.saturating_sub(usize::from(top));
    let col = sc.col.saturating_sub(usize::from(left));
    let x = (rect.x as usize + col).min(usize::from(rect.x + rect.width.saturating_sub(1)));
    let y = (rect.y as usize + row).min(usize::from(rect.y + rect.height.saturating_sub(1)));
    super::field::place_caret(frame, app, Position::new(x as u16, y as u16));
}

/// A one-line preview of a text for an unfocused field.
fn preview(ta: &TextArea) -> String {
    let lines = ta.lines();
    let first = clean_line(lines.first().map_or("", String::as_str));
    if lines.len() > 1 {
        format!("{first} …(+{} lines)", lines.len() - 1)
    } else {
        first
    }
}

fn draw_item(frame: &mut Frame, rect: Rect, app: &App, f: &NoteForm, it: &Item, theme: &Theme) {
    let editing = f.popup.is_none() && !f.read_only;
    let value = Rect {
        x: rect.x + LABEL.min(rect.width),
        width: rect.width.saturating_sub(LABEL),
        ..rect
    };
    match it {
        Item::ActionsHeading => {
            let w = usize::from(value.width);
            let owner_w = 14usize;
            let text_w = w.saturating_sub(owner_w + 12);
            let line = Line::from(vec![
                Span::styled(format!("{:<16}", " Agreed actions"), theme.dim()),
                Span::styled(
                    trunc(
                        &format!("{:<text_w$} {:<owner_w$} {}", "Action", "Owner", "Due"),
                        w,
                    ),
                    theme.heading(),
                ),
            ]);
            frame.render_widget(Paragraph::new(line), Rect { height: 1, ..rect });
        }
        Item::Message(m) => {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    trunc(&clean_line(m), usize::from(value.width)),
                    theme.overdue(),
                )),
                value,
            );
        }
        Item::Field(slot, _) => {
            let focused = f.slot == *slot
                || matches!((slot, f.slot), (Slot::Row(i, _), Slot::Row(j, _)) if *i == j);
            frame.render_widget(
                Paragraph::new(label_span(&slot.label(), focused, theme)),
                Rect { height: 1, ..rect },
            );
            match *slot {
                Slot::Text(t) => {
                    let ta = f.text_area(t);
                    let mut p = preview(ta);
                    if p.is_empty() && t == TextField::Date && f.base.is_none() {
                        p = fmt_date(app.today);
                    }
                    draw_text(frame, app, value, ta, editing && f.slot == *slot, p);
                }
                Slot::VisitType => {
                    let vt = clean_line(f.visit_type());
                    let s = if focused && editing {
                        format!("‹ {vt} ›  (Space/←→ change)")
                    } else {
                        vt
                    };
                    frame.render_widget(Paragraph::new(trunc(&s, usize::from(value.width))), value);
                }
                Slot::Focus => {
                    let mut spans = Vec::new();
                    for (i, a) in Area::ALL.iter().enumerate() {
                        let on = if f.focus.contains(a) { "[x]" } else { "[ ]" };
                        let s = format!("{on}{}", area_label(*a));
                        let style = if focused && editing && i == f.area_cursor {
                            theme.selected()
                        } else {
                            theme.plain()
                        };
                        spans.push(Span::styled(s, style));
                        spans.push(Span::raw(" "));
                    }
                    if focused && editing {
                        spans.push(Span::styled("Space/1-6", theme.dim()));
                    }
                    frame.render_widget(Paragraph::new(Line::from(spans)), value);
                }
                Slot::NoRows => {
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            trunc("(none: Enter or Ctrl-N adds one)", usize::from(value.width)),
                            theme.dim(),
                        )),
                        value,
                    );
                }
                Slot::Row(i, _) => {
                    let Some(row) = f.rows.get(i) else { return };
                    let owner_w = 14u16;
                    let due_w = 11u16;
                    let text_w = value.width.saturating_sub(owner_w + due_w + 1);
                    let parts = [
                        (RowPart::Text, value.x, text_w),
                        (RowPart::Owner, value.x + text_w + 1, owner_w),
                        (RowPart::Due, value.x + text_w + 1 + owner_w + 1, due_w - 1),
                    ];
                    for (p, x, w) in parts {
                        let r = Rect {
                            x,
                            width: w.min((value.x + value.width).saturating_sub(x)),
                            height: 1,
                            ..value
                        };
                        let ta = row.part(p);
                        let here = editing && f.slot == Slot::Row(i, p);
                        draw_text(frame, app, r, ta, here, preview(ta));
                    }
                }
            }
        }
    }
}

fn draw_popup(frame: &mut Frame, area: Rect, app: &App, f: &NoteForm, p: &Popup, theme: &Theme) {
    let (title, lines, keys): (&str, Vec<String>, &str) = match p {
        Popup::Unsaved => (
            " Unsaved changes ",
            vec!["This note has changes that are not saved.".into()],
            "^S save   ^Q discard   Esc/other keys: keep typing",
        ),
        Popup::Restore(d) => (
            " Draft found ",
            vec![format!(
                "Restore the draft by {} from {}?",
                clean_line(&d.author),
                fmt_when(d.at, &app.clock)
            )],
            "r restore   ^Q discard   Esc later",
        ),
        Popup::Finalise => (
            " Finalise ",
            vec![
                "Finalise this note? It can then only be amended,".into(),
                "with a reason, and every version is kept.".into(),
            ],
            "^T finalise   Esc/other keys: back to typing",
        ),
        Popup::Reason(_) => (
            " Amend ",
            vec!["Why is this note being amended?".into(), String::new()],
            "Enter amend   Esc cancel",
        ),
    };
    let w = lines
        .iter()
        .map(|l| width(l))
        .chain([width(keys), 40])
        .max()
        .unwrap_or(40) as u16
        + 4;
    let h = lines.len() as u16 + 4;
    let rect = centred(area, w, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut text: Vec<Line> = lines
        .iter()
        .map(|l| Line::raw(trunc(l, usize::from(inner.width))))
        .collect();
    text.push(Line::raw(""));
    text.push(Line::styled(keys, theme.key()));
    frame.render_widget(Paragraph::new(text), inner);
    if let Popup::Reason(ta) = p {
        let r = Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        };
        let _ = f;
        draw_text(frame, app, r, ta, true, String::new());
    }
}
