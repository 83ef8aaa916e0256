//! Fitting text into columns by display width (CJK and emoji take two cells).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending in "…" when something was cut.
pub fn trunc(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Exactly `w` cells: cut with "…" or padded with spaces on the right.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = trunc(s, w);
    let pad = w.saturating_sub(width(&t));
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

/// Exactly `w` cells, aligned right.
pub fn fit_right(s: &str, w: usize) -> String {
    let t = trunc(s, w);
    let pad = w.saturating_sub(width(&t));
    let mut out: String = std::iter::repeat_n(' ', pad).collect();
    out.push_str(&t);
    out
}

/// Word-wraps one paragraph to `w` cells (words longer than a line are cut).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let word = trunc(word, w);
        let need = if cur.is_empty() {
            width(&word)
        } else {
            width(&cur) + 1 + width(&word)
        };
        if need > w && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn wide_chars_fit() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("学校学校", 5), "学校…");
        assert_eq!(width(&fit("学校学校", 6)), 6);
        assert_eq!(fit("学校", 4), "学校");
        assert_eq!(fit_right("3", 3), "  3");
        assert_eq!(trunc("x", 0), "");
    }
}
