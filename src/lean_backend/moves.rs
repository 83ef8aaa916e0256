//! The shortest cursor move from where the terminal's cursor is known to be: a board move
//! redraws a marker cell at each end of two rows, and a full `ESC[row;colH` for each is most of
//! its bytes. Only moves every terminal we target has understood since the VT100 are used:
//! CUP (`H`), CUU/CUD/CUF/CUB (`A`/`B`/`C`/`D`), CHA (`G`, ECMA-48; xterm, PuTTY, tmux, the
//! Linux console, Windows Terminal) and backspace. Not carriage return or line feed: output
//! post-processing (a pty's `onlcr`, `ocrnl`) may turn them into something else.

use ratatui::layout::Position;

/// `ESC [ n c`, with the parameter left out when it is 1 (every one of these defaults to 1).
fn csi(n: u16, c: char) -> String {
    if n == 1 {
        format!("\x1b[{c}")
    } else {
        format!("\x1b[{n}{c}")
    }
}

/// The bytes that take the cursor from `from` (unknown: `None`) to `to`, the shortest of the
/// ways below; empty when it is there.
pub fn shortest_move(from: Option<Position>, to: Position) -> Vec<u8> {
    let absolute = match (to.x, to.y) {
        (0, 0) => "\x1b[H".to_string(),
        (0, y) => format!("\x1b[{}H", y + 1),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1),
    };
    let Some(from) = from else {
        return absolute.into_bytes();
    };
    if from == to {
        return Vec::new();
    }
    let vertical = match to.y.cmp(&from.y) {
        std::cmp::Ordering::Equal => String::new(),
        std::cmp::Ordering::Less => csi(from.y - to.y, 'A'),
        std::cmp::Ordering::Greater => csi(to.y - from.y, 'B'),
    };
    let horizontal = match to.x.cmp(&from.x) {
        std::cmp::Ordering::Equal => String::new(),
        std::cmp::Ordering::Less => {
            let back = from.x - to.x;
            let column = csi(to.x + 1, 'G');
            let left = if back <= 2 {
                "\x08".repeat(usize::from(back))
            } else {
                csi(back, 'D')
            };
            if left.len() <= column.len() {
                left
            } else {
                column
            }
        }
        std::cmp::Ordering::Greater => {
            let right = csi(to.x - from.x, 'C');
            let column = csi(to.x + 1, 'G');
            if right.len() <= column.len() {
                right
            } else {
                column
            }
        }
    };
    let relative = vertical + &horizontal;
    if relative.len() < absolute.len() {
        relative.into_bytes()
    } else {
        absolute.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Where a terminal's cursor goes on a sequence of moves, written from ECMA-48 rather than
    /// from the code under test (no margins; moves stop at the edges).
    fn land(from: Position, bytes: &[u8], size: (u16, u16)) -> Position {
        let (w, h) = size;
        let mut p = from;
        let text = std::str::from_utf8(bytes).expect("ascii");
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('\x08') {
                p.x = p.x.saturating_sub(1);
                rest = r;
                continue;
            }
            let body = rest.strip_prefix("\x1b[").expect("a CSI sequence");
            let end = body
                .find(|c: char| c.is_ascii_alphabetic())
                .expect("a final byte");
            let params: Vec<u16> = body[..end]
                .split(';')
                .map(|n| {
                    if n.is_empty() {
                        1
                    } else {
                        n.parse().expect("a number")
                    }
                })
                .collect();
            let n = params[0];
            match &body[end..=end] {
                "H" => {
                    p.y = n - 1;
                    p.x = params.get(1).copied().unwrap_or(1) - 1;
                }
                "A" => p.y = p.y.saturating_sub(n),
                "B" => p.y = (p.y + n).min(h - 1),
                "C" => p.x = (p.x + n).min(w - 1),
                "D" => p.x = p.x.saturating_sub(n),
                "G" => p.x = n - 1,
                other => panic!("unexpected move {other:?} in {text:?}"),
            }
            rest = &body[end + 1..];
        }
        p
    }

    proptest! {
        #[test]
        fn every_move_lands_where_it_was_asked(
            fx in 0u16..200, fy in 0u16..60, tx in 0u16..200, ty in 0u16..60, known in any::<bool>()
        ) {
            let from = Position::new(fx, fy);
            let to = Position::new(tx, ty);
            let bytes = shortest_move(known.then_some(from), to);
            let start = if known { from } else { Position::new(7, 3) };
            prop_assert_eq!(land(start, &bytes, (200, 60)), to);
            // Never longer than the absolute move.
            let absolute = format!("\x1b[{};{}H", ty + 1, tx + 1);
            prop_assert!(bytes.len() <= absolute.len());
        }
    }

    #[test]
    fn short_moves_are_short() {
        let p = Position::new;
        assert_eq!(shortest_move(Some(p(5, 3)), p(5, 3)), b"");
        assert_eq!(shortest_move(Some(p(5, 3)), p(4, 3)), b"\x08");
        assert_eq!(shortest_move(Some(p(5, 3)), p(0, 4)), b"\x1b[5H");
        assert_eq!(shortest_move(Some(p(1, 98)), p(0, 100)), b"\x1b[2B\x08");
        assert_eq!(shortest_move(Some(p(1, 3)), p(79, 3)), b"\x1b[78C");
        assert_eq!(shortest_move(Some(p(1, 12)), p(0, 13)), b"\x1b[B\x08");
        assert_eq!(shortest_move(None, p(0, 0)), b"\x1b[H");
        assert_eq!(shortest_move(Some(p(2, 0)), p(10, 1)), b"\x1b[2;11H");
    }
}
