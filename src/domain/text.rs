//! Text from a store, an import or a paste is data: strip what a terminal would obey, and what
//! it would draw at a width other than the one the layout counted.
//!
//! One rule for every screen and every line sqa prints (`clean_line`, `clean_text`): dropped are
//! C0/C1 controls and escape sequences (the terminal obeys them), bidi controls (they reorder
//! what a reader sees, Trojan Source style), every Unicode "Cf" format character (zero-width
//! space and joiners, soft hyphen, word joiner, BOM, tags...), the line and paragraph separators
//! (Zl, Zp: some terminals move to a new line), variation selectors (they switch a character
//! between one and two cells, and terminals disagree on which), and combining marks with no
//! letter to sit on or stacked past `MAX_MARKS` (ratatui glues a lone mark onto the cell drawn
//! before it, a border or another row's text). What remains has one width everywhere.

use unicode_width::UnicodeWidthChar;

/// Combining marks kept on one base letter: enough for any script's real text (Vietnamese
/// stacks two, some Indic clusters three), too few for "Zalgo" text.
pub const MAX_MARKS: usize = 4;

/// Bidi controls that can reorder what a reader sees (Trojan Source style).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Unicode general category Cf (format characters, Unicode 16), which take no cell of their own
/// yet some terminals draw or act on; plus Zl/Zp and the variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}'
    ) || is_bidi_control(c)
}

/// Pushes `c` unless it is a mark (zero width) with no letter before it in `out`, or one too
/// many on the same letter; `marks` counts the marks on the current letter.
fn push_visible(out: &mut String, marks: &mut usize, c: char) {
    if c.width() == Some(0) {
        let on_letter = out.chars().next_back().is_some_and(|p| !p.is_whitespace());
        if on_letter && *marks < MAX_MARKS {
            out.push(c);
            *marks += 1;
        }
        return;
    }
    *marks = 0;
    out.push(c);
}

/// For one-line display: every control character (including newlines), escape sequences, bidi
/// overrides and invisible or width-changing characters removed (see the module comment); tabs
/// and newlines become a single space.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut marks = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                marks = 0;
            }
            '\u{1b}' => skip_escape(&mut chars),
            c if c.is_control() || is_invisible(c) => {}
            c => push_visible(&mut out, &mut marks, c),
        }
    }
    out
}

/// For multi-line text (notes): keeps newlines, turns tabs into four spaces and CRLF into LF,
/// strips every other control character, escape sequence, bidi override and invisible or
/// width-changing character.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut marks = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                marks = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
                marks = 0;
            }
            '\t' => {
                out.push_str("    ");
                marks = 0;
            }
            '\u{1b}' => skip_escape(&mut chars),
            c if c.is_control() || is_invisible(c) => {}
            c => push_visible(&mut out, &mut marks, c),
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

    #[test]
    fn strips_what_a_terminal_draws_at_another_width() {
        // Line and paragraph separators, joiners, variation selectors, soft hyphen, BOM, tags.
        assert_eq!(clean_line("Oak\u{2028}Lane\u{2029}"), "OakLane");
        assert_eq!(clean_text("a\u{2028}b\nc"), "ab\nc");
        assert_eq!(clean_line("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(clean_line("❤\u{FE0F}\u{FE0E} ☺\u{FE0E}"), "❤ ☺");
        assert_eq!(clean_line("co\u{AD}op\u{FEFF}\u{200B}\u{2060}"), "coop");
        assert_eq!(clean_line("tag\u{E0041}\u{E007F}\u{E0100}"), "tag");
        assert_eq!(clean_line("\u{0600}x\u{2066}y\u{2069}"), "xy");
        // C1 controls (CSI as one character) and DEL.
        assert_eq!(clean_line("a\u{9b}2Jb\u{7f}\u{85}"), "a2Jb");
    }

    #[test]
    fn keeps_marks_on_letters_only() {
        // Precomposed and decomposed accents both survive.
        assert_eq!(clean_line("Ecole\u{301} é"), "Ecole\u{301} é");
        // A mark with nothing to sit on would be glued to whatever was drawn before it.
        assert_eq!(clean_line("\u{301}\u{308}Oak"), "Oak");
        assert_eq!(clean_line("Oak \u{301}Lane"), "Oak Lane");
        assert_eq!(clean_text("a\n\u{301}b"), "a\nb");
        assert_eq!(clean_line("\u{20DD}"), "");
        // Stacked marks are cut at MAX_MARKS.
        let zalgo = format!("Z{}", "\u{336}".repeat(40));
        assert_eq!(clean_line(&zalgo).chars().count(), 1 + MAX_MARKS);
    }

    #[test]
    fn every_kept_character_has_a_width() {
        use unicode_width::UnicodeWidthChar;
        // Every code point, alone after a letter: what is kept is printable and not a format,
        // separator or control character.
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            let s = clean_line(&format!("a{c}"));
            for k in s.chars().skip(1) {
                assert!(
                    k.width().is_some(),
                    "U+{:04X} kept without a width",
                    k as u32
                );
                assert!(
                    !is_invisible(k) && !k.is_control(),
                    "U+{:04X} kept",
                    k as u32
                );
            }
        }
    }
}
