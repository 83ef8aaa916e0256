//! The "to inform" list: who has been told of each decision.

use super::*;

pub(super) fn draw_inform(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(m) = app.current_meeting() else {
        return;
    };
    let sel = app.meeting.as_ref().map_or(0, |s| s.inform_sel);
    let outs = outcomes(&app.data, m);
    let w = area.width as usize;
    let mut lines = vec![Line::styled(
        fit(
            "School                          Decision    School     Diocese    Regional",
            w,
        ),
        theme.heading(),
    )];
    if outs.is_empty() {
        lines.push(Line::raw("No decisions at this meeting yet."));
    }
    let room = area.height.saturating_sub(1) as usize;
    let start = sel.saturating_sub(room.saturating_sub(1));
    for (i, o) in outs.iter().enumerate().skip(start).take(room) {
        let d = o.decision;
        let has_diocese = o.school.is_some_and(|s| s.diocese.is_some());
        let date = |x: Option<chrono::NaiveDate>| x.map_or_else(|| "TO DO".into(), fmt_compact);
        let dio = if has_diocese {
            date(d.diocese_informed)
        } else {
            "n/a".into()
        };
        // What changed, as the minutes mark it (↑ ↓ =), and "!" for at risk.
        let decision = format!(
            "{} {}{}",
            change_mark(o.change),
            cat_label(&app.data.scheme, Some(&d.category)),
            if d.at_risk { "!" } else { "" }
        );
        let text = format!(
            "{} {} {:<10} {:<10} {}",
            fit(&name_of(app, o.urn), 31),
            fit(&decision, 11),
            date(d.school_informed),
            dio,
            d.shared_regional.map_or_else(|| "—".into(), fmt_compact),
        );
        let style: Style = if i == sel {
            theme.selected()
        } else {
            theme.plain()
        };
        lines.push(Line::styled(fit(&text, w), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
