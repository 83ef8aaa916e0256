//! A frame that is the last one moved up or down a row within a band of rows (the board's
//! table scrolling by one school) is sent as a scroll of that band — the terminal moves the
//! rows itself — and the cells that still differ, instead of every cell of the band again
//! (~1,200 bytes a key at 80x24; `less` scrolling a line sends ~60). Only with every cell of
//! the band known to the backend, in one-column symbols: otherwise the frame is drawn as it is.
//! The scroll uses what every VT100 descendant has: margins (DECSTBM), a line feed at the
//! bottom margin and a reverse index (RI `ESC M`) at the top one.

use super::Pen;

/// Moving a band of rows by one, and the rows it spans (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    /// The band's content moves up (the row below its end comes into view), else down.
    pub up: bool,
}

/// A cell as the backend knows it: its symbol (one column) and pen.
pub type Known = Option<(String, Pen)>;

/// Fewer differing cells than this saved, and the frame is drawn as it is (the scroll and the
/// margins cost ~20 bytes; the row brought into view is drawn whole).
const WORTH: usize = 40;

/// The scroll that leaves the fewest cells to draw, if it saves enough: `old` is what the
/// screen shows (row by row, `width` a row), `new` the frame to show.
pub fn plan(old: &[Known], new: &[Known], width: usize) -> Option<Scroll> {
    if width == 0 || old.len() != new.len() {
        return None;
    }
    let rows = old.len() / width;
    fn row(v: &[Known], width: usize, y: usize) -> &[Known] {
        &v[y * width..(y + 1) * width]
    }
    let known = |y: usize| {
        row(old, width, y)
            .iter()
            .chain(row(new, width, y))
            .all(Option::is_some)
    };
    let differ = |a: &[Known], b: &[Known]| a.iter().zip(b).filter(|(x, y)| x != y).count();
    let unmoved: Vec<usize> = (0..rows)
        .map(|y| differ(row(new, width, y), row(old, width, y)))
        .collect();
    let mut best: Option<(usize, Scroll)> = None;
    for up in [true, false] {
        // The rows that match better moved: new row y against old row y+1 (up) or y-1.
        let moved = |y: usize| {
            let from = if up { y + 1 } else { y.checked_sub(1)? };
            (from < rows && known(y) && known(from))
                .then(|| differ(row(new, width, y), row(old, width, from)))
        };
        let mut y = 0;
        while y < rows {
            let start = y;
            let mut saved = 0usize;
            while y < rows
                && let Some(d) = moved(y)
                && d < unmoved[y]
            {
                saved += unmoved[y] - d;
                y += 1;
            }
            if y > start + 1 {
                // The band, and the row the scroll brings in (drawn whole: `width` cells).
                let (top, bottom) = if up { (start, y) } else { (start - 1, y - 1) };
                let fits = up && bottom < rows || !up && start > 0;
                let edge = if up { bottom } else { top };
                let cost = width.saturating_sub(unmoved.get(edge).copied().unwrap_or(0));
                if fits && known(edge) && saved > cost + WORTH {
                    let gain = saved - cost;
                    if best.is_none_or(|(g, _)| gain > g) {
                        let band = Scroll {
                            top: top as u16,
                            bottom: bottom as u16,
                            up,
                        };
                        best = Some((gain, band));
                    }
                }
            }
            y = y.max(start + 1);
        }
    }
    best.map(|(_, s)| s)
}

/// What the screen shows after `s`, from what it showed: the band's rows moved by one, the
/// row brought in blank (plain, as the terminal clears it with the pen reset before).
pub fn shifted(old: &[Known], width: usize, s: Scroll, blank: Pen) -> Vec<Known> {
    let mut out = old.to_vec();
    let (top, bottom) = (usize::from(s.top), usize::from(s.bottom));
    let cells = |y: usize| y * width..(y + 1) * width;
    // Row `to` of what is shown after the scroll is row `from` of what was.
    let mut put = |to: usize, from: Option<usize>| match from {
        Some(y) => out[cells(to)].clone_from_slice(&old[cells(y)]),
        None => out[cells(to)].fill(Some((" ".to_string(), blank))),
    };
    if s.up {
        (top..bottom).for_each(|y| put(y, Some(y + 1)));
        put(bottom, None);
    } else {
        (top + 1..=bottom).for_each(|y| put(y, Some(y - 1)));
        put(top, None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::PLAIN;
    use super::*;

    fn screen(rows: &[&str]) -> Vec<Known> {
        rows.iter()
            .flat_map(|r| r.chars().map(|c| Some((c.to_string(), PLAIN))))
            .collect()
    }

    #[test]
    fn a_table_moved_up_a_row_is_a_scroll_of_its_rows() {
        let head = "title title title title title title title title title title ";
        // Rows unlike each other, as a table's schools are.
        let rows: Vec<String> = (0..12)
            .map(|i| {
                (0..60)
                    .map(|k| char::from(b'a' + ((i * 7 + k * 13 + i * k) % 26) as u8))
                    .collect()
            })
            .collect();
        let w = head.chars().count();
        assert!(rows.iter().all(|r| r.chars().count() == w));
        let frame = |first: usize| {
            let mut v = vec![head];
            v.extend(rows[first..first + 8].iter().map(String::as_str));
            v.push(head);
            screen(&v)
        };
        let (old, new) = (frame(0), frame(1));
        let s = plan(&old, &new, w).expect("a scroll");
        assert_eq!(
            s,
            Scroll {
                top: 1,
                bottom: 8,
                up: true
            }
        );
        // After the scroll only the row brought in differs.
        let after = shifted(&old, w, s, PLAIN);
        let differing: Vec<usize> = (0..old.len())
            .filter(|i| after[*i] != new[*i])
            .map(|i| i / w)
            .collect();
        assert!(differing.iter().all(|y| *y == 8), "{differing:?}");
        // And down again.
        let s = plan(&new, &old, w).expect("a scroll");
        assert_eq!(
            s,
            Scroll {
                top: 1,
                bottom: 8,
                up: false
            }
        );
        // A frame unlike the last: no scroll.
        assert_eq!(plan(&old, &screen(&[head; 10]), w), None);
        assert_eq!(plan(&old, &old, w), None);
    }
}
