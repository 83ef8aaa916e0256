//! One-line text fields as drawn: the value fitted to its cells (cleaned, scrolled so the caret
//! stays in view), and the terminal's own cursor put at the caret. A caret drawn as a glyph
//! moves with every typed character, so each key re-sent it, a cursor move and a style (~20
//! bytes); with the terminal's cursor a typed character costs its echo alone, the terminal
//! moving the cursor itself. The value of the field with the keyboard is drawn unstyled for the
//! same reason (a style costs its switch on and off around each echo): the field's label says
//! which one has the focus, and the cursor is in it.

use super::Theme;
use super::text::{fit, trunc};
use crate::app::App;
use crate::domain::text::clean_line;
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A field's value cleaned for display, as characters, and where the caret is among them
/// (`at` counts characters of the raw value, as the editing does).
fn cleaned(raw: &str, at: usize) -> (Vec<char>, usize) {
    let b = raw.char_indices().nth(at).map_or(raw.len(), |(b, _)| b);
    let before = clean_line(&raw[..b]);
    let after = clean_line(&raw[b..]);
    let caret = before.chars().count();
    (before.chars().chain(after.chars()).collect(), caret)
}

fn cells(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// A one-line field's value in at most `room` cells: cleaned, cut with "…" when it does not
/// fit; with the keyboard (`caret`: where the caret is, in characters of `raw`), scrolled so
/// the caret is in view, and the caret's column in what is shown.
///
/// The view scrolls by half its width at a time, not a character at a time: typing on past
/// the right edge then redraws the field once every half-width, and echoes every other key.
pub fn one_line(raw: &str, caret: Option<usize>, room: usize) -> (String, Option<usize>) {
    let Some(at) = caret else {
        return (trunc(&clean_line(raw), room), None);
    };
    let (chars, caret) = cleaned(raw, at);
    if room == 0 {
        return (String::new(), Some(0));
    }
    let widths: Vec<usize> = chars.iter().map(|c| cells(*c)).collect();
    let total: usize = widths.iter().sum();
    let caret_col: usize = widths[..caret].iter().sum();
    // Everything fits, with a cell for the cursor after it.
    if total < room {
        return (chars.iter().collect(), Some(caret_col));
    }
    // Where the view starts (a column of the value): 0 while the caret fits before the "…"
    // that marks the cut end, else a multiple of half the width that leaves the caret, a
    // leading "…" and a trailing one room.
    let from = if caret_col + 2 <= room {
        0
    } else {
        let page = (room / 2).max(1);
        ((caret_col + 3 - room).div_ceil(page) * page).min(caret_col)
    };
    let (mut start, mut start_col) = (chars.len(), total);
    let mut col = 0;
    for (i, w) in widths.iter().enumerate() {
        if col >= from {
            (start, start_col) = (i, col);
            break;
        }
        col += w;
    }
    let mut out = String::new();
    let mut used = 0;
    if start > 0 {
        out.push('…');
        used = 1;
    }
    let lead = used;
    let mut shown = Vec::new();
    let mut i = start;
    while i < chars.len() && used + widths[i] <= room {
        shown.push(chars[i]);
        used += widths[i];
        i += 1;
    }
    let cut = i < chars.len();
    if cut {
        while used + 1 > room {
            match shown.pop() {
                Some(c) => used -= cells(c),
                None => break,
            }
        }
    }
    out.extend(shown);
    if cut && used < room {
        out.push('…');
    }
    let x = (lead + caret_col.saturating_sub(start_col)).min(room - 1);
    (out, Some(x))
}

/// `label` and a field's value word-wrapped to `w` cells, every character kept where it was
/// typed (a space is never dropped, so the caret's place is exact): the lines, and with the
/// keyboard (`caret` as in `one_line`) the caret's line and column. A space past the end of a
/// line hangs there unseen, as in a word processor.
pub fn wrapped(
    label: &str,
    raw: &str,
    caret: Option<usize>,
    w: usize,
) -> (Vec<String>, Option<(usize, usize)>) {
    let w = w.max(1);
    let (value, at) = cleaned(raw, caret.unwrap_or(0));
    let label: Vec<char> = clean_line(label).chars().collect();
    let at = label.len() + at;
    let chars: Vec<char> = label.into_iter().chain(value).collect();
    let widths: Vec<usize> = chars.iter().map(|c| cells(*c)).collect();
    // Each line as a range of `chars`.
    let mut lines = Vec::new();
    let (mut start, mut col) = (0, 0);
    let mut after_space = None;
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            col += widths[i];
            after_space = Some(i + 1);
            continue;
        }
        if col + widths[i] > w {
            // Before the word, or inside a word longer than a line.
            let at_break = after_space.filter(|b| *b > start).unwrap_or(i);
            lines.push((start, at_break));
            start = at_break;
            col = widths[start..i].iter().sum();
            after_space = None;
        }
        col += widths[i];
    }
    lines.push((start, chars.len()));
    let text = |(a, b): (usize, usize)| {
        let mut s = String::new();
        let mut used = 0;
        for (c, cw) in chars[a..b].iter().zip(&widths[a..b]) {
            if used + cw > w {
                break;
            }
            s.push(*c);
            used += cw;
        }
        s
    };
    let mut out: Vec<String> = lines.iter().map(|r| text(*r)).collect();
    let place = caret.map(|_| {
        let line = lines
            .iter()
            .position(|(a, b)| (*a..*b).contains(&at))
            .unwrap_or(lines.len() - 1);
        let (a, _) = lines[line];
        let col: usize = widths[a..at.max(a)].iter().sum();
        if col < w {
            (line, col)
        } else if at == chars.len() {
            // At the end of a full line: the cursor goes to the start of the next, kept free.
            out.push(String::new());
            (line + 1, 0)
        } else {
            (line, w - 1)
        }
    });
    (out, place)
}

/// Puts the terminal's cursor at the caret of the field with the keyboard, at `at` — unless
/// something is drawn over the screen (help, a popup, a question), where the typing does not go.
pub fn place_caret(frame: &mut Frame, app: &App, at: Position) {
    let over = app.help_open() || app.conflict().is_some() || app.filter_open();
    if !over && app.question().is_none() {
        frame.set_cursor_position(at);
    }
}

/// What a form line holds: a choice (shown as it is), or typed text (with the caret's
/// position when it has the keyboard).
pub enum Value<'a> {
    Choice(String),
    Text(&'a str, Option<usize>),
}

/// The cells of a form line's label, before its value (`›` mark, 16 for the label, a space).
pub const LABEL_CELLS: usize = 18;

/// One labelled field of a form: `‹ value ›` for a choice with the focus, the typed text as
/// it is for a text field; the focus is shown by a `›` before the label and the label in bold.
/// Returns the line and, for a text field with the keyboard, the caret's column in the line.
pub fn form_field(
    label: &str,
    value: Value<'_>,
    focused: bool,
    w: usize,
    theme: &Theme,
) -> (Line<'static>, Option<usize>) {
    let room = w.saturating_sub(LABEL_CELLS);
    let (shown, caret, style) = match value {
        Value::Choice(v) if focused => (trunc(&format!("‹ {v} ›"), room), None, theme.selected()),
        Value::Choice(v) => (trunc(&format!("  {v}"), room), None, theme.plain()),
        Value::Text(raw, caret) => {
            let (shown, x) = one_line(raw, caret.filter(|_| focused), room);
            (shown, x.map(|x| x + LABEL_CELLS), theme.plain())
        }
    };
    let line = Line::from(vec![
        Span::styled(
            format!("{}{}", if focused { "›" } else { " " }, fit(label, 16)),
            if focused { theme.title() } else { theme.dim() },
        ),
        Span::raw(" "),
        Span::styled(shown, style),
    ]);
    (line, caret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::text::width;

    #[test]
    fn a_short_value_is_whole_and_the_caret_where_it_is() {
        assert_eq!(one_line("abc", Some(1), 10), ("abc".into(), Some(1)));
        assert_eq!(one_line("abc", Some(3), 10), ("abc".into(), Some(3)));
        // Wide characters take two cells each.
        assert_eq!(one_line("学校x", Some(2), 10), ("学校x".into(), Some(4)));
        // Control characters are cleaned away, the caret kept on the same character.
        assert_eq!(one_line("a\u{7}bc", Some(2), 10), ("abc".into(), Some(1)));
        assert_eq!(one_line("abc", None, 2), ("a…".into(), None));
    }

    #[test]
    fn a_long_value_scrolls_by_half_its_width_and_keeps_the_caret_in_view() {
        let raw = "abcdefghijklmnopqrstuvwxyz";
        // The caret near the start: the end is cut.
        let (s, x) = one_line(raw, Some(2), 10);
        assert_eq!((s.as_str(), x), ("abcdefghi…", Some(2)));
        for at in 0..=raw.len() {
            let (s, x) = one_line(raw, Some(at), 10);
            let x = x.expect("a caret");
            assert!(width(&s) <= 10, "{s}");
            assert!(x < 10, "{at}: {x}");
            // The character at the caret is the one shown at the caret's column.
            if let Some(c) = raw.chars().nth(at) {
                let shown: String = s.chars().skip(x).take(1).collect();
                assert!(shown == c.to_string() || shown == "…", "{at}: {s} {x}");
            }
        }
        // Typing at the end moves the view only every half width.
        let starts: std::collections::BTreeSet<String> = (12..=17)
            .map(|n| one_line(&raw[..n], Some(n), 10).0.chars().take(2).collect())
            .collect();
        assert!(starts.len() <= 2, "{starts:?}");
    }

    #[test]
    fn wide_characters_scroll_by_cells() {
        let raw = "学校学校学校学校学校";
        for at in 0..=10 {
            let (s, x) = one_line(raw, Some(at), 9);
            let x = x.expect("a caret");
            assert!(width(&s) <= 9 && x < 9, "{at}: {s} {x}");
        }
    }

    #[test]
    fn wrapping_keeps_every_space_and_places_the_caret() {
        let (lines, at) = wrapped("Why: ", "one two three", Some(13), 10);
        assert_eq!(lines, vec!["Why: one ", "two three"]);
        assert_eq!(at, Some((1, 9)));
        // A space typed at the end of a full line: the cursor waits on the next line.
        let (lines, at) = wrapped("", "abcdefghij ", Some(11), 10);
        assert_eq!(lines, vec!["abcdefghij", ""]);
        assert_eq!(at, Some((1, 0)));
        // The caret in the middle.
        let (_, at) = wrapped("", "one two three", Some(5), 10);
        assert_eq!(at, Some((0, 5)));
        // A word longer than the line is cut.
        let (lines, _) = wrapped("", "abcdefghijklm", None, 5);
        assert_eq!(lines, vec!["abcde", "fghij", "klm"]);
    }
}
