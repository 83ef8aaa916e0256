//! The board: every school in one table, its priority readable without colour.

use super::text::{fit, fit_right, width};
use super::{Theme, centred, date_line, title_bar};
use crate::app::board::NO_DECISION;
use crate::app::{App, FilterField};
use crate::domain::board::{BoardRow, category_counts};
use crate::domain::calendar::fmt_compact;
use crate::domain::list::List;
use crate::domain::text::clean_line;
use crate::domain::{Scheme, School};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Priority,
    Change,
    Urn,
    Name,
    Phase,
    Type,
    Trust,
    Ofsted,
    LastVisit,
    NextCheckpoint,
    Actions,
    Officer,
    Risk,
    Escalation,
    Inform,
}

impl Col {
    fn title(self) -> &'static str {
        match self {
            Col::Priority => "Priority",
            Col::Change => "Δ",
            Col::Urn => "URN",
            Col::Name => "School",
            Col::Phase => "Ph",
            Col::Type => "Type",
            Col::Trust => "Trust",
            Col::Ofsted => "Ofstd",
            Col::LastVisit => "Visited",
            Col::NextCheckpoint => "Next chk",
            Col::Actions => "Actions",
            Col::Officer => "Link officer",
            Col::Risk => "Risk",
            Col::Escalation => "Esc",
            Col::Inform => "Inf",
        }
    }
    fn right(self) -> bool {
        matches!(self, Col::Actions | Col::Urn)
    }
}

const NAME_MIN: usize = 24;

/// Left to right, when shown.
const ORDER: [Col; 15] = [
    Col::Priority,
    Col::Change,
    Col::Risk,
    Col::Escalation,
    Col::Urn,
    Col::Name,
    Col::Phase,
    Col::Type,
    Col::Trust,
    Col::Ofsted,
    Col::LastVisit,
    Col::NextCheckpoint,
    Col::Actions,
    Col::Officer,
    Col::Inform,
];

/// Chooses the columns and their widths for a terminal width: the essentials always, more as the
/// width allows. The name takes what is left.
fn columns(width_total: usize, pri_w: usize, ofsted_w: usize) -> Vec<(Col, usize)> {
    // The at-risk flag is essential: the facilitator must see it at 80 columns, not only from
    // the width where extras start to fit.
    let mut cols = vec![
        (Col::Priority, pri_w),
        (Col::Change, 1),
        (Col::Risk, 4),
        // Formal escalation: the furthest open step, in capitals (legend on the counts line
        // and in `?`), so it reads without colour.
        (Col::Escalation, 3),
        (Col::Name, 0),
        (Col::Phase, 3),
        (Col::Ofsted, ofsted_w),
        (Col::LastVisit, 8),
        (Col::NextCheckpoint, 9),
        (Col::Actions, 7),
        (Col::Inform, 3),
    ];
    let used = |cols: &[(Col, usize)]| -> usize {
        1 + cols.iter().map(|c| c.1).sum::<usize>() + cols.len().saturating_sub(1)
    };
    let extras = [
        (Col::Urn, 6),
        (Col::Type, 6),
        (Col::Officer, 14),
        (Col::Trust, 22),
    ];
    for (col, w) in extras {
        if used(&cols) + w + 1 + NAME_MIN <= width_total {
            cols.push((col, w));
        }
    }
    cols.sort_by_key(|c| ORDER.iter().position(|o| *o == c.0));
    // The last column holds the selected row's end marker.
    let rest = width_total.saturating_sub(used(&cols) + 1);
    // Very wide screens: don't let the name column grow without bound; give it to the trust.
    let name_w = rest.min(44);
    let spare = rest - name_w;
    for c in cols.iter_mut() {
        if c.0 == Col::Name {
            c.1 = name_w;
        }
        if c.0 == Col::Trust {
            c.1 += spare;
        }
    }
    cols
}

/// "▲ HIGH" for a row's category; "– none" for no decision yet.
pub fn priority_text(scheme: &Scheme, category: Option<&str>) -> (String, String) {
    match category.and_then(|k| scheme.get(k)) {
        Some(c) => (
            format!("{} {}", clean_line(&c.symbol), clean_line(&c.label)),
            c.colour.clone(),
        ),
        None => match category {
            Some(k) => (format!("? {}", clean_line(k)), String::new()),
            None => ("– none".into(), String::new()),
        },
    }
}

/// The Ofsted column is as wide as its longest cell over every school (not only those shown, so
/// filtering does not move the columns): five as before, seven when a school has "Inad SM" or a
/// report card's "Urg SG!" (the weakest grade and safeguarding not met).
fn ofsted_width(schools: &List<School>) -> usize {
    schools
        .iter()
        .map(|s| width(&s.ofsted_short()))
        .max()
        .unwrap_or(0)
        .clamp(5, 7)
}

fn priority_width(scheme: &Scheme) -> usize {
    scheme
        .categories
        .iter()
        .map(|c| width(&priority_text(scheme, Some(&c.key)).0))
        .chain([6, Col::Priority.title().len()])
        .max()
        .unwrap_or(8)
        .min(12)
}

fn cell(col: Col, row: &BoardRow, school: &School, app: &App, theme: &Theme) -> (String, Style) {
    match col {
        Col::Priority => {
            let (t, colour) = priority_text(&app.data.scheme, row.category.as_deref());
            (t, theme.category(&colour))
        }
        Col::Change => (row.change.symbol().into(), theme.plain()),
        Col::Urn => (row.urn.to_string(), theme.plain()),
        Col::Name => (clean_line(&row.name), theme.plain()),
        Col::Phase => (school.phase.short().into(), theme.plain()),
        Col::Type => (school.school_type.short().into(), theme.plain()),
        Col::Trust => (
            school.trust.as_deref().map(clean_line).unwrap_or_default(),
            theme.plain(),
        ),
        Col::Ofsted
            if school
                .report_card
                .as_ref()
                .is_some_and(|c| c.safeguarding_not_met()) =>
        {
            (school.ofsted_short(), theme.overdue())
        }
        Col::Ofsted => (school.ofsted_short(), theme.plain()),
        Col::LastVisit => match row.last_visit {
            Some(d) => (fmt_compact(d), theme.plain()),
            None => ("never".into(), theme.dim()),
        },
        Col::NextCheckpoint => match row.next_checkpoint {
            Some(d) if row.checkpoint_overdue => (format!("!{}", fmt_compact(d)), theme.overdue()),
            // Due by the entitlement but not planned: marked so it is not mistaken for a
            // review in someone's diary.
            Some(d) if !row.checkpoint_planned => (format!("?{}", fmt_compact(d)), theme.dim()),
            Some(d) => (format!(" {}", fmt_compact(d)), theme.plain()),
            None => (" –".into(), theme.dim()),
        },
        Col::Actions => match (row.open_actions, row.overdue_actions) {
            (0, _) => ("–".into(), theme.dim()),
            (n, 0) => (n.to_string(), theme.plain()),
            (n, o) => (format!("{n} ({o}!)"), theme.overdue()),
        },
        Col::Officer => (clean_line(&school.link_officer), theme.plain()),
        Col::Risk => {
            if row.at_risk {
                ("RISK".into(), theme.overdue())
            } else {
                (String::new(), theme.plain())
            }
        }
        Col::Escalation => match row.escalation {
            Some(m) if m.overdue_response.is_some_and(|d| d < app.today) => {
                (m.cell(app.today), theme.overdue())
            }
            Some(m) => (m.cell(app.today), theme.active()),
            None => (String::new(), theme.plain()),
        },
        Col::Inform => {
            if row.to_inform {
                ("yes".into(), theme.active())
            } else {
                (String::new(), theme.plain())
            }
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [title, counts, state, table] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let b = &app.board;

    let shown = if b.visible.len() == b.rows.len() {
        format!("{} schools", b.rows.len())
    } else {
        format!("{} of {} schools", b.visible.len(), b.rows.len())
    };
    let left = vec![
        Span::styled("SQA Board", theme.title()),
        Span::raw("  "),
        Span::raw(date_line(app)),
    ];
    frame.render_widget(
        Paragraph::new(title_bar(left, shown, title.width, theme)),
        title,
    );

    // Counts per category, over all schools (not just those shown).
    let mut spans = Vec::new();
    for (key, n) in category_counts(&app.data.scheme, &b.rows) {
        if key == NO_DECISION && n == 0 {
            continue;
        }
        let (t, colour) = priority_text(
            &app.data.scheme,
            (key != NO_DECISION).then_some(key.as_str()),
        );
        spans.push(Span::styled(t, theme.category(&colour)));
        spans.push(Span::raw(format!(" {n}   ")));
    }
    // The escalation column's legend, when any school is marked and there is room.
    let escalated = b.rows.iter().filter(|r| r.escalation.is_some()).count();
    if escalated > 0 {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let legend = format!("Esc {escalated} (? codes)");
        let short = format!("Esc {escalated}");
        let room = (counts.width as usize).saturating_sub(used);
        let t = if width(&legend) <= room {
            legend
        } else {
            short
        };
        spans.push(Span::styled(t, theme.active()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), counts);

    draw_state_line(frame, state, app, theme);
    draw_table(frame, table, app, theme);
}

/// "Sort: priority   Filter: ◆ MED, Primary   Search: oak" — what shapes the table, always visible.
fn draw_state_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let mut spans = vec![
        Span::raw("Sort: "),
        Span::styled(b.sort.name(), theme.title()),
    ];
    spans.push(Span::raw("   Filter: "));
    let parts: Vec<String> = FilterField::ALL
        .iter()
        .filter_map(|f| b.filter_value(*f).map(|v| filter_label(app, *f, &v)))
        .collect();
    if parts.is_empty() {
        spans.push(Span::styled("none", theme.dim()));
    } else {
        spans.push(Span::styled(parts.join(", "), theme.active()));
    }
    let mut cursor = None;
    if b.searching || !b.search.is_empty() {
        spans.push(Span::raw("   Search: "));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = (area.width as usize).saturating_sub(used + 1);
        // The terminal's cursor is the caret; what is being typed is unstyled (a style would
        // be switched on and off around every echoed character), a kept search stands out.
        let caret = b.searching.then(|| app.caret_in(&b.search));
        let (q, x) = super::field::one_line(&b.search, caret, room);
        if let Some(x) = x {
            cursor = Some(Position::new(area.x + (used + x) as u16, area.y));
        }
        spans.push(Span::styled(
            q,
            if b.searching {
                theme.plain()
            } else {
                theme.active()
            },
        ));
    }
    if b.filters.is_active() || !b.search.is_empty() {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        if used + 12 <= area.width as usize && !b.searching {
            spans.push(Span::styled("  (x clears)", theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(c) = cursor {
        super::field::place_caret(frame, app, c);
    }
}

fn filter_label(app: &App, field: FilterField, value: &str) -> String {
    match field {
        FilterField::Priority if value == NO_DECISION => "no decision".into(),
        FilterField::Priority => priority_text(&app.data.scheme, Some(value)).0,
        _ => value.to_string(),
    }
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let cols = columns(
        area.width as usize,
        priority_width(&app.data.scheme),
        ofsted_width(&app.data.schools),
    );
    let mut header = vec![Span::raw(" ")];
    for (i, (c, w)) in cols.iter().enumerate() {
        if i > 0 {
            header.push(Span::raw(" "));
        }
        let t = if c.right() {
            fit_right(c.title(), *w)
        } else {
            fit(c.title(), *w)
        };
        header.push(Span::styled(t, theme.heading()));
    }
    let mut lines = vec![Line::from(header)];

    let height = (area.height as usize).saturating_sub(1).max(1);
    b.page.set(height);
    let mut offset = b.offset.get();
    if b.selected < offset {
        offset = b.selected;
    } else if b.selected >= offset + height {
        offset = b.selected + 1 - height;
    }
    offset = offset.min(b.visible.len().saturating_sub(height));
    b.offset.set(offset);

    if b.visible.is_empty() {
        lines.push(Line::raw(""));
        let msg = if b.rows.is_empty() {
            " No schools yet: import the register of schools (sqa import)."
        } else {
            " No school matches the search and filters. Press x to clear them."
        };
        lines.push(Line::styled(msg, theme.title()));
    }
    for (pos, &i) in b.visible.iter().enumerate().skip(offset).take(height) {
        let (Some(row), Some(school)) = (b.rows.get(i), app.data.schools.get(i)) else {
            continue;
        };
        let selected = pos == b.selected;
        let mut spans = vec![if selected {
            Span::styled("▶", theme.marker())
        } else {
            Span::raw(" ")
        }];
        for (k, (c, w)) in cols.iter().enumerate() {
            if k > 0 {
                spans.push(Span::raw(" "));
            }
            let (t, style) = cell(*c, row, school, app, theme);
            let t = if c.right() {
                fit_right(&t, *w)
            } else {
                fit(&t, *w)
            };
            spans.push(Span::styled(t, style));
        }
        spans.push(if selected {
            Span::styled("◀", theme.marker())
        } else {
            Span::raw(" ")
        });
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The filter popup: one line per filter, its value, ←→ to change.
pub fn draw_filter_popup(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = &app.board;
    let current = b.filter_field;
    let rect = centred(area, 46, FilterField::ALL.len() as u16 + 4);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(" Filter the board ", theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines = Vec::new();
    for f in FilterField::ALL {
        let value = b
            .filter_value(f)
            .map(|v| filter_label(app, f, &v))
            .unwrap_or_else(|| "all".into());
        let sel = f == current;
        let text = format!(
            "{} {} ‹ {} ›",
            if sel { "›" } else { " " },
            fit(f.name(), 13),
            value
        );
        let text = fit(&text, inner.width as usize);
        lines.push(Line::styled(
            text,
            if sel { theme.selected() } else { theme.plain() },
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(
            &format!(" {} of {} schools shown", b.visible.len(), b.rows.len()),
            inner.width as usize,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
