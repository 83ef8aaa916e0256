//! How keys are spelt: one key-script syntax for the keymap tables (checked when the crate
//! compiles), test scripts and, later, a user's keymap file. Plain characters stand for
//! themselves; `<Name>` is a named key (`<Up>`, `<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`,
//! `<BackTab>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<Bs>`, `<Del>`, `<Left>`, `<Right>`,
//! `<Space>`, `<F1>`…`<F12>`, `<lt>` for `<`), and `C-`, `A-`, `S-` in front of a name or a
//! character add Ctrl, Alt, Shift: `<C-s>`, `<A-c>`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the keymap holds it: the code and the modifiers that must be held.
pub type Key = (KeyCode, KeyModifiers);

const NONE: KeyModifiers = KeyModifiers::NONE;

/// The key spelt at the start of `s` and how many bytes its spelling takes, or `None` when
/// `s` does not start with a key (an unknown `<name>`, an unclosed `<`).
const fn first(s: &[u8]) -> Option<(Key, usize)> {
    if s.is_empty() {
        return None;
    }
    if s[0] != b'<' {
        return match utf8(s) {
            Some((c, n)) => Some(((KeyCode::Char(c), NONE), n)),
            None => None,
        };
    }
    let mut end = 1;
    while end < s.len() && s[end] != b'>' {
        end += 1;
    }
    if end >= s.len() || end == 1 {
        return None;
    }
    let (head, _) = s.split_at(end);
    let (_, mut name) = head.split_at(1);
    let mut mods = NONE;
    while name.len() > 2 && name[1] == b'-' {
        mods = mods.union(match name[0] {
            b'C' => KeyModifiers::CONTROL,
            b'A' => KeyModifiers::ALT,
            b'S' => KeyModifiers::SHIFT,
            _ => return None,
        });
        name = name.split_at(2).1;
    }
    let code = match named(name) {
        Some(c) => c,
        None => return None,
    };
    // Terminals send Shift-Tab as its own key; Shift on anything else is not matched on.
    let key = match code {
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => (KeyCode::BackTab, NONE),
        code => (code, mods.difference(KeyModifiers::SHIFT)),
    };
    Some((key, end + 1))
}

/// The key a `<name>` names (without its modifiers): a named key or one character.
const fn named(name: &[u8]) -> Option<KeyCode> {
    let code = match name {
        b"Up" => KeyCode::Up,
        b"Down" => KeyCode::Down,
        b"Left" => KeyCode::Left,
        b"Right" => KeyCode::Right,
        b"Enter" => KeyCode::Enter,
        b"Esc" => KeyCode::Esc,
        b"Tab" => KeyCode::Tab,
        b"BackTab" => KeyCode::BackTab,
        b"PgUp" => KeyCode::PageUp,
        b"PgDn" => KeyCode::PageDown,
        b"Home" => KeyCode::Home,
        b"End" => KeyCode::End,
        b"Bs" => KeyCode::Backspace,
        b"Del" => KeyCode::Delete,
        b"Space" => KeyCode::Char(' '),
        b"lt" => KeyCode::Char('<'),
        _ => {
            if let Some(n) = function_key(name) {
                return Some(KeyCode::F(n));
            }
            return match utf8(name) {
                Some((c, n)) if n == name.len() => Some(KeyCode::Char(c)),
                _ => None,
            };
        }
    };
    Some(code)
}

/// `F1` … `F12`.
const fn function_key(name: &[u8]) -> Option<u8> {
    if name.len() < 2 || name.len() > 3 || name[0] != b'F' {
        return None;
    }
    let mut n: u8 = 0;
    let mut i = 1;
    while i < name.len() {
        if !name[i].is_ascii_digit() {
            return None;
        }
        n = n * 10 + (name[i] - b'0');
        i += 1;
    }
    if n >= 1 && n <= 12 { Some(n) } else { None }
}

/// The character at the start of `s` (UTF-8) and its length in bytes.
const fn utf8(s: &[u8]) -> Option<(char, usize)> {
    if s.is_empty() {
        return None;
    }
    let b0 = s[0] as u32;
    let (len, mut c) = if b0 < 0x80 {
        (1, b0)
    } else if b0 >> 5 == 0b110 {
        (2, b0 & 0x1f)
    } else if b0 >> 4 == 0b1110 {
        (3, b0 & 0x0f)
    } else if b0 >> 3 == 0b11110 {
        (4, b0 & 0x07)
    } else {
        return None;
    };
    if s.len() < len {
        return None;
    }
    let mut i = 1;
    while i < len {
        c = (c << 6) | (s[i] as u32 & 0x3f);
        i += 1;
    }
    match char::from_u32(c) {
        Some(ch) => Some((ch, len)),
        None => None,
    }
}

/// How many keys `script` spells. For the keymap tables, at compile time: a misspelt key
/// there stops the build.
pub const fn count(script: &str) -> usize {
    let mut rest = script.as_bytes();
    let mut n = 0;
    while !rest.is_empty() {
        match first(rest) {
            Some((_, len)) => rest = rest.split_at(len).1,
            None => panic!("keymap: not a key script"),
        }
        n += 1;
    }
    n
}

/// The keys `script` spells, for the keymap tables (`N` is `count(script)`).
pub const fn keys<const N: usize>(script: &str) -> [Key; N] {
    let mut out = [(KeyCode::Null, NONE); N];
    let mut rest = script.as_bytes();
    let mut i = 0;
    while !rest.is_empty() {
        match first(rest) {
            Some((k, len)) => {
                out[i] = k;
                rest = rest.split_at(len).1;
            }
            None => panic!("keymap: not a key script"),
        }
        i += 1;
    }
    out
}

/// A key script that does not parse: where, and the text from there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "not a key at byte {at} of the key script: {rest:?} (named keys are written <Up>, <C-s>; a < is <lt>)"
)]
pub struct ParseError {
    pub at: usize,
    pub rest: String,
}

/// The key presses a script spells, in order: `parse("ab<C-s><Esc>")`.
pub fn parse(script: &str) -> Result<Vec<KeyEvent>, ParseError> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < script.len() {
        let Some(((code, mods), len)) = first(&script.as_bytes()[at..]) else {
            return Err(ParseError {
                at,
                rest: script[at..].chars().take(20).collect(),
            });
        };
        out.push(KeyEvent::new(code, mods));
        at += len;
    }
    Ok(out)
}

/// A key as the help overlay writes it: `↑`, `Enter`, `Ctrl-S`, `Alt-C`, `S-Tab`, `Space`.
pub fn label(key: &Key) -> String {
    written(key, "Ctrl-")
}

/// A key as the hint line writes it (shorter): `^S` for Ctrl-S, otherwise as in the help.
pub fn short_label(key: &Key) -> String {
    written(key, "^")
}

fn written(&(code, mods): &Key, ctrl: &str) -> String {
    let name = match code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".into(),
        // With Ctrl or Alt a letter is written in capitals, as on the keycap.
        KeyCode::Char(c) if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            c.to_uppercase().collect()
        }
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        out.push_str(ctrl);
    }
    if mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&name);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Key {
        let k = parse(s).expect("parses");
        assert_eq!(k.len(), 1, "{s}");
        (k[0].code, k[0].modifiers)
    }

    #[test]
    fn spells_named_keys_modifiers_and_characters() {
        assert_eq!(one("<C-s>"), (KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_eq!(one("<A-c>"), (KeyCode::Char('c'), KeyModifiers::ALT));
        assert_eq!(one("<S-Tab>"), (KeyCode::BackTab, NONE));
        assert_eq!(one("<BackTab>"), (KeyCode::BackTab, NONE));
        assert_eq!(one("<F1>"), (KeyCode::F(1), NONE));
        assert_eq!(one("<F12>"), (KeyCode::F(12), NONE));
        assert_eq!(one("<lt>"), (KeyCode::Char('<'), NONE));
        assert_eq!(one("é"), (KeyCode::Char('é'), NONE));
        assert_eq!(one("<Space>"), one(" "));
        assert_eq!(parse("a<Esc>b").map(|k| k.len()), Ok(3));
        assert_eq!(count("<Up>k<C-s>é"), 4);
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        for bad in ["<Nope>", "<", "a<Up", "<>", "<X-a>", "<F13>"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse("ab<Nope>").map_err(|e| e.at), Err(2));
    }

    #[test]
    fn labels_read_as_the_keys_are_written_on_screen() {
        assert_eq!(label(&one("<C-s>")), "Ctrl-S");
        assert_eq!(short_label(&one("<C-s>")), "^S");
        assert_eq!(label(&one("<A-c>")), "Alt-C");
        assert_eq!(label(&one("<S-Tab>")), "S-Tab");
        assert_eq!(label(&one("<Bs>")), "Bksp");
        assert_eq!(label(&one("G")), "G");
    }
}
