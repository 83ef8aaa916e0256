//! Text from a store, an import or a paste is data: strip what a terminal would obey.

/// Bidi controls that can reorder what a reader sees (Trojan Source style).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// For one-line display: every control character (including newlines), escape sequences and bidi
/// overrides removed; tabs and newlines become a single space.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{1b}' => skip_escape(&mut chars),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// For multi-line text (notes): keeps newlines, turns tabs into four spaces and CRLF into LF,
/// strips every other control character, escape sequence and bidi override.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push_str("    "),
            '\u{1b}' => skip_escape(&mut chars),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips the rest of an escape sequence whose ESC has been read: CSI (`ESC [ … final`),
/// OSC/DCS/APC/PM/SOS strings (up to BEL or ST), or a single following character.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn strips_what_a_terminal_obeys() {
        assert_eq!(clean_line("Oak\u{1b}[2J Primary"), "Oak Primary");
        assert_eq!(clean_line("a\u{1b}]0;pwned\u{7}b"), "ab");
        assert_eq!(clean_line("evil\u{202E}txt.exe"), "eviltxt.exe");
        assert_eq!(clean_line("two\nlines\r\n"), "two lines ");
        assert_eq!(clean_line("bell\u{7}\u{8}"), "bell");
        assert_eq!(clean_text("a\tb\r\nc\u{0}"), "a    b\nc");
        assert_eq!(clean_line("FIERTÉ — 学校 🏫"), "FIERTÉ — 学校 🏫");
    }
}
