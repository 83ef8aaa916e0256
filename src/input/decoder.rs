//! The streaming decoder of terminal input: bytes as they come off any transport (a local tty,
//! later an SSH channel), in reads of any size, to keys and pastes.
//!
//! Key sequences are decoded by termina's `Parser` (helix's). This module adds what a byte
//! stream over a real link needs around it:
//! - bracketed paste framed here, not in termina, so a paste is capped (`PASTE_CAP`) and costs
//!   one pass over its bytes, and its markers may be split across reads;
//! - an Esc timeout: a lone Esc, or a sequence cut short, is settled `ESC_TIMEOUT` after its
//!   last byte came, so Esc followed later by a key is two keys, while bytes that arrive
//!   together (one read, or reads within the timeout) stay one sequence;
//! - every Esc starts a new sequence (as in a VT parser), so a broken sequence never swallows
//!   the keys after it, and Esc Esc is two Escapes;
//! - the terminal's erase character (termios VERASE: PuTTY sends ^? or ^H) is Backspace.
//!
//! Time is passed in, never read here, so tests decide exactly when a timeout has passed.

use super::Input;
use super::keys::to_crossterm;
use std::time::{Duration, Instant};

/// How long an incomplete sequence (a lone Esc, `Esc [`) waits for the rest. A terminal sends a
/// key's sequence in one write, and a link delivers it together or within a few ms; a person
/// pressing Esc and then a key takes far longer than this.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(25);

/// The most of one bracketed paste that is kept: 1 MiB, the text fields' own cap. The rest of
/// the paste is read and dropped (reported as `Input::PasteCut`), so an endless paste cannot
/// exhaust memory.
pub const PASTE_CAP: usize = 1 << 20;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
const ESC: u8 = 0x1b;
const DEL: u8 = 0x7f;

pub struct Decoder {
    keys: termina::Parser,
    /// The end of the last read when it may be the start of a paste marker (a paste's end
    /// marker, inside a paste): held until the next read settles it.
    held: Vec<u8>,
    paste: Option<Paste>,
    /// When the bytes given to the key parser, or held, are settled if nothing more comes.
    deadline: Option<Instant>,
    /// The last (up to 3) bytes given to the key parser: whether they end inside a UTF-8
    /// character, which waits for the rest however long it takes (it is text, not a sequence).
    recent: [u8; 3],
    /// The terminal's erase byte, when it is not DEL (which termina already reads as Backspace).
    erase: Option<u8>,
}

struct Paste {
    text: Vec<u8>,
    /// Bytes past `PASTE_CAP`, read and dropped.
    dropped: u64,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new(DEL)
    }
}

impl Decoder {
    /// A decoder for a terminal whose erase character (termios VERASE) is `erase`. Only a
    /// control byte that no other key sends alone can be the erase character; anything else
    /// (NUL, meaning unset; Tab; Enter; Esc; a printable byte) is ignored.
    pub fn new(erase: u8) -> Decoder {
        let erase = match erase {
            0 | b'\t' | b'\n' | b'\r' | ESC | DEL => None,
            b if b < 0x20 => Some(b),
            _ => None,
        };
        Decoder {
            keys: termina::Parser::default(),
            held: Vec::new(),
            paste: None,
            deadline: None,
            recent: [0; 3],
            erase,
        }
    }

    /// Decodes one read's bytes, which arrived at `now`.
    pub fn feed(&mut self, bytes: &[u8], now: Instant) -> Vec<Input> {
        // What was pending settled before these bytes came: they start afresh.
        let mut out = self.flush_timeout(now);
        let joined;
        let mut rest = if self.held.is_empty() {
            bytes
        } else {
            let mut all = std::mem::take(&mut self.held);
            all.extend_from_slice(bytes);
            joined = all;
            &joined[..]
        };
        while !rest.is_empty() {
            if let Some(paste) = self.paste.as_mut() {
                match find(rest, PASTE_END) {
                    Some(i) => {
                        paste.push(&rest[..i]);
                        rest = &rest[i + PASTE_END.len()..];
                        self.end_paste(&mut out);
                    }
                    None => {
                        let keep = marker_prefix_at_end(rest, PASTE_END);
                        paste.push(&rest[..rest.len() - keep]);
                        self.held = rest[rest.len() - keep..].to_vec();
                        rest = &[];
                    }
                }
            } else {
                match find(rest, PASTE_START) {
                    Some(i) => {
                        self.keys_feed(&rest[..i], &mut out);
                        // Whatever sequence was open is cut short by the paste.
                        self.end_sequence(&mut out);
                        self.paste = Some(Paste {
                            text: Vec::new(),
                            dropped: 0,
                        });
                        rest = &rest[i + PASTE_START.len()..];
                    }
                    None => {
                        let keep = marker_prefix_at_end(rest, PASTE_START);
                        self.keys_feed(&rest[..rest.len() - keep], &mut out);
                        self.held = rest[rest.len() - keep..].to_vec();
                        rest = &[];
                    }
                }
            }
        }
        // The timeout runs from the last byte; inside a paste nothing times out (its end marker
        // is waited for). An empty read brings no byte: what is pending keeps its deadline.
        if !bytes.is_empty() {
            self.deadline = self.paste.is_none().then(|| now + ESC_TIMEOUT);
        }
        out
    }

    /// When `flush_timeout` next has something to settle, if ever: the transport waits no
    /// longer than this for more bytes.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Settles what has waited `ESC_TIMEOUT` since its last byte: a lone Esc is Escape; a
    /// sequence cut short is dropped. Nothing happens before the deadline.
    pub fn flush_timeout(&mut self, now: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        if self.paste.is_some() || self.deadline.is_none_or(|d| now < d) {
            return out;
        }
        self.deadline = None;
        let held = std::mem::take(&mut self.held);
        self.keys_feed(&held, &mut out);
        if !ends_inside_utf8(&self.recent) {
            self.end_sequence(&mut out);
        }
        out
    }

    /// The transport is gone: returns what can still be used. A paste cut short is delivered
    /// (what arrived of it is text the user meant to keep); an incomplete key sequence is
    /// dropped (acting on half a key, or on an Esc that may have been the start of one, could
    /// do what the user never asked for).
    pub fn finish(&mut self) -> Vec<Input> {
        let mut out = Vec::new();
        self.held.clear();
        self.deadline = None;
        if self.paste.is_some() {
            self.end_paste(&mut out);
        }
        self.keys = termina::Parser::default();
        out
    }

    /// Gives key bytes (no paste marker among them) to termina. Each Esc first closes what was
    /// open, so it always starts a new sequence.
    fn keys_feed(&mut self, bytes: &[u8], out: &mut Vec<Input>) {
        if bytes.is_empty() {
            return;
        }
        let erased;
        let bytes = match self.erase {
            Some(e) if bytes.contains(&e) => {
                erased = bytes
                    .iter()
                    .map(|&b| if b == e { DEL } else { b })
                    .collect::<Vec<u8>>();
                &erased[..]
            }
            _ => bytes,
        };
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == ESC {
                if i > start {
                    self.keys.parse(&bytes[start..i], true);
                    self.drain(out);
                }
                self.end_sequence(out);
                start = i;
            }
        }
        self.keys.parse(&bytes[start..], true);
        self.drain(out);
        for &b in &bytes[bytes.len().saturating_sub(3)..] {
            self.recent = [self.recent[1], self.recent[2], b];
        }
    }

    /// Ends the sequence termina holds: a lone Esc becomes Escape, anything else incomplete
    /// is dropped (a fresh parser holds nothing).
    fn end_sequence(&mut self, out: &mut Vec<Input>) {
        self.keys.parse(b"", false);
        self.drain(out);
        self.keys = termina::Parser::default();
        self.recent = [0; 3];
    }

    fn drain(&mut self, out: &mut Vec<Input>) {
        while let Some(event) = self.keys.pop() {
            if let termina::Event::Key(key) = event
                && let Some(key) = to_crossterm(key)
            {
                out.push(Input::Key(key));
            }
            // Mouse, focus and terminal replies: never asked for, so never acted on.
        }
    }

    fn end_paste(&mut self, out: &mut Vec<Input>) {
        if let Some(mut paste) = self.paste.take() {
            if paste.dropped > 0 {
                // Cut at the cap: drop a character the cut split in two rather than show it
                // as a replacement character.
                if let Err(e) = std::str::from_utf8(&paste.text)
                    && e.error_len().is_none()
                {
                    paste.dropped += (paste.text.len() - e.valid_up_to()) as u64;
                    paste.text.truncate(e.valid_up_to());
                }
            }
            out.push(Input::Paste(
                String::from_utf8_lossy(&paste.text).into_owned(),
            ));
            if paste.dropped > 0 {
                out.push(Input::PasteCut(paste.dropped));
            }
        }
    }
}

impl Paste {
    fn push(&mut self, bytes: &[u8]) {
        let room = PASTE_CAP.saturating_sub(self.text.len());
        let kept = bytes.len().min(room);
        self.text.extend_from_slice(&bytes[..kept]);
        self.dropped += (bytes.len() - kept) as u64;
    }
}

/// Where `marker` first occurs in `hay`.
fn find(hay: &[u8], marker: &[u8]) -> Option<usize> {
    // Markers start with Esc: only look where one is.
    let mut from = 0;
    while let Some(at) = hay[from..].iter().position(|&b| b == marker[0]) {
        let i = from + at;
        if hay[i..].starts_with(marker) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// How many bytes at the end of `bytes` are the start of `marker` (0 if none): they may be the
/// marker, split across reads.
fn marker_prefix_at_end(bytes: &[u8], marker: &[u8]) -> usize {
    (1..marker.len().min(bytes.len() + 1))
        .rev()
        .find(|&n| bytes.ends_with(&marker[..n]))
        .unwrap_or(0)
}

/// Whether `recent` (the last bytes, oldest first) ends part-way through a UTF-8 character.
fn ends_inside_utf8(recent: &[u8; 3]) -> bool {
    for (back, &b) in recent.iter().rev().enumerate() {
        let needs = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            0x80..=0xBF => continue,
            _ => return false,
        };
        return back + 1 < needs;
    }
    false
}
