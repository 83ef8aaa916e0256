//! termina's key events as the crossterm `KeyEvent`s the app consumes. termina's key model was
//! adapted from crossterm's, so this is a field-by-field copy; keys crossterm has no use for in
//! this app (modifier and media keys, reported only under the kitty protocol, which is never
//! turned on) are dropped.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use termina::event as t;

/// The crossterm form of a termina key event, or `None` for a key the app never handles.
pub fn to_crossterm(key: t::KeyEvent) -> Option<KeyEvent> {
    let code = match key.code {
        t::KeyCode::Char(c) => KeyCode::Char(c),
        t::KeyCode::Enter => KeyCode::Enter,
        t::KeyCode::Backspace => KeyCode::Backspace,
        t::KeyCode::Tab => KeyCode::Tab,
        t::KeyCode::Escape => KeyCode::Esc,
        t::KeyCode::Left => KeyCode::Left,
        t::KeyCode::Right => KeyCode::Right,
        t::KeyCode::Up => KeyCode::Up,
        t::KeyCode::Down => KeyCode::Down,
        t::KeyCode::Home => KeyCode::Home,
        t::KeyCode::End => KeyCode::End,
        t::KeyCode::BackTab => KeyCode::BackTab,
        t::KeyCode::PageUp => KeyCode::PageUp,
        t::KeyCode::PageDown => KeyCode::PageDown,
        t::KeyCode::Insert => KeyCode::Insert,
        t::KeyCode::Delete => KeyCode::Delete,
        t::KeyCode::KeypadBegin => KeyCode::KeypadBegin,
        t::KeyCode::CapsLock => KeyCode::CapsLock,
        t::KeyCode::ScrollLock => KeyCode::ScrollLock,
        t::KeyCode::NumLock => KeyCode::NumLock,
        t::KeyCode::PrintScreen => KeyCode::PrintScreen,
        t::KeyCode::Pause => KeyCode::Pause,
        t::KeyCode::Menu => KeyCode::Menu,
        t::KeyCode::Null => KeyCode::Null,
        t::KeyCode::Function(n) => KeyCode::F(n),
        t::KeyCode::Modifier(_) | t::KeyCode::Media(_) => return None,
    };
    let kind = match key.kind {
        t::KeyEventKind::Press => KeyEventKind::Press,
        t::KeyEventKind::Repeat => KeyEventKind::Repeat,
        t::KeyEventKind::Release => KeyEventKind::Release,
    };
    Some(KeyEvent::new_with_kind_and_state(
        code,
        modifiers(key.modifiers),
        kind,
        state(key.state),
    ))
}

fn modifiers(m: t::Modifiers) -> KeyModifiers {
    let pairs = [
        (t::Modifiers::SHIFT, KeyModifiers::SHIFT),
        (t::Modifiers::ALT, KeyModifiers::ALT),
        (t::Modifiers::CONTROL, KeyModifiers::CONTROL),
        (t::Modifiers::SUPER, KeyModifiers::SUPER),
        (t::Modifiers::HYPER, KeyModifiers::HYPER),
        (t::Modifiers::META, KeyModifiers::META),
    ];
    pairs
        .into_iter()
        .filter(|(from, _)| m.contains(*from))
        .fold(KeyModifiers::NONE, |acc, (_, to)| acc | to)
}

fn state(s: t::KeyEventState) -> KeyEventState {
    let pairs = [
        (t::KeyEventState::KEYPAD, KeyEventState::KEYPAD),
        (t::KeyEventState::CAPS_LOCK, KeyEventState::CAPS_LOCK),
        (t::KeyEventState::NUM_LOCK, KeyEventState::NUM_LOCK),
    ];
    pairs
        .into_iter()
        .filter(|(from, _)| s.contains(*from))
        .fold(KeyEventState::NONE, |acc, (_, to)| acc | to)
}
