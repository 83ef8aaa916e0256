//! The input decoder: keys and pastes from bytes in reads of any size, whatever byte a read
//! ends on; the Esc timeout with times passed in; random bytes never panic it.

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sqa_board::input::{Decoder, ESC_TIMEOUT, Input, PASTE_CAP};
use std::time::{Duration, Instant};

/// The sequences terminals send (xterm, PuTTY in its default, Linux-console and rxvt modes,
/// rxvt, tmux, Windows Terminal), with the key each means.
fn sequences() -> Vec<(&'static str, Input)> {
    let k = |code| Input::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let m = |code, mods| Input::Key(KeyEvent::new(code, mods));
    vec![
        ("a", k(KeyCode::Char('a'))),
        ("Z", m(KeyCode::Char('Z'), KeyModifiers::SHIFT)),
        ("é", k(KeyCode::Char('é'))),
        ("学", k(KeyCode::Char('学'))),
        ("🦀", k(KeyCode::Char('🦀'))),
        ("\r", k(KeyCode::Enter)),
        ("\t", k(KeyCode::Tab)),
        ("\x7f", k(KeyCode::Backspace)),
        ("\x03", m(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        ("\x13", m(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        ("\x1b[A", k(KeyCode::Up)),
        ("\x1b[B", k(KeyCode::Down)),
        ("\x1b[C", k(KeyCode::Right)),
        ("\x1b[D", k(KeyCode::Left)),
        ("\x1bOA", k(KeyCode::Up)),
        ("\x1bOD", k(KeyCode::Left)),
        ("\x1b[H", k(KeyCode::Home)),
        ("\x1b[F", k(KeyCode::End)),
        ("\x1bOH", k(KeyCode::Home)),
        ("\x1bOF", k(KeyCode::End)),
        ("\x1b[1~", k(KeyCode::Home)),
        ("\x1b[4~", k(KeyCode::End)),
        ("\x1b[7~", k(KeyCode::Home)),
        ("\x1b[8~", k(KeyCode::End)),
        ("\x1b[2~", k(KeyCode::Insert)),
        ("\x1b[3~", k(KeyCode::Delete)),
        ("\x1b[5~", k(KeyCode::PageUp)),
        ("\x1b[6~", k(KeyCode::PageDown)),
        ("\x1bOP", k(KeyCode::F(1))),
        ("\x1bOS", k(KeyCode::F(4))),
        ("\x1b[11~", k(KeyCode::F(1))),
        ("\x1b[14~", k(KeyCode::F(4))),
        ("\x1b[[A", k(KeyCode::F(1))),
        ("\x1b[[E", k(KeyCode::F(5))),
        ("\x1b[15~", k(KeyCode::F(5))),
        ("\x1b[24~", k(KeyCode::F(12))),
        ("\x1b[Z", m(KeyCode::BackTab, KeyModifiers::SHIFT)),
        ("\x1b[1;5C", m(KeyCode::Right, KeyModifiers::CONTROL)),
        ("\x1b[1;2A", m(KeyCode::Up, KeyModifiers::SHIFT)),
        ("\x1b[3;5~", m(KeyCode::Delete, KeyModifiers::CONTROL)),
        ("\x1bc", m(KeyCode::Char('c'), KeyModifiers::ALT)),
        (
            "\x1b[200~pasted \x1b[31mtext\x1b[0m, 学校\r\nline two\x1b[201~",
            Input::Paste("pasted \x1b[31mtext\x1b[0m, 学校\r\nline two".into()),
        ),
        (
            "\x1b[200~\x1b[20 almost an end\x1b[201\x1b[201~",
            Input::Paste("\x1b[20 almost an end\x1b[201".into()),
        ),
        ("\x1b[200~\x1b[201~", Input::Paste(String::new())),
    ]
}

/// Feeds `reads` at one instant (they came together), then lets the Esc timeout pass.
fn decode(reads: &[&[u8]]) -> Vec<Input> {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    let mut out = Vec::new();
    for r in reads {
        out.extend(d.feed(r, t0));
    }
    out.extend(d.flush_timeout(t0 + ESC_TIMEOUT));
    out
}

#[test]
fn every_sequence_is_its_key_whole_and_split_at_every_byte() {
    for (bytes, want) in sequences() {
        let b = bytes.as_bytes();
        assert_eq!(decode(&[b]), vec![want.clone()], "{bytes:?} whole");
        for cut in 1..b.len() {
            let (x, y) = b.split_at(cut);
            assert_eq!(
                decode(&[x, y]),
                vec![want.clone()],
                "{bytes:?} cut at {cut}"
            );
        }
        let bytewise: Vec<&[u8]> = b.chunks(1).collect();
        assert_eq!(decode(&bytewise), vec![want], "{bytes:?} byte by byte");
    }
}

proptest! {
    /// Any run of sequences, cut into reads anywhere, gives the same events as in one read.
    #[test]
    fn reads_cut_anywhere_give_the_same_events(
        picks in prop::collection::vec(0usize..44, 1..40),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        let table = sequences();
        let mut bytes = Vec::new();
        let mut want = Vec::new();
        for p in picks {
            let (s, e) = &table[p % table.len()];
            // Esc Esc is two Escapes, but Esc then an Alt key's Esc is ambiguous
            // (rxvt's Alt+arrow); the table has no lone Esc, so none arises here.
            bytes.extend_from_slice(s.as_bytes());
            want.push(e.clone());
        }
        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        at.push(0);
        at.push(bytes.len());
        at.sort_unstable();
        at.dedup();
        let reads: Vec<&[u8]> = at.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
        prop_assert_eq!(&decode(&[&bytes]), &want);
        prop_assert_eq!(decode(&reads), want);
    }

    /// Arbitrary bytes, in arbitrary reads at arbitrary times, never panic the decoder, and
    /// it always settles: after the timeout and `finish`, nothing is pending.
    #[test]
    fn random_bytes_never_panic(
        reads in prop::collection::vec(
            (prop::collection::vec(any::<u8>(), 0..64), 0u64..60), 0..24),
        erase in any::<u8>(),
    ) {
        let mut d = Decoder::new(erase);
        let mut t = Instant::now();
        for (bytes, gap_ms) in &reads {
            t += Duration::from_millis(*gap_ms);
            let _ = d.feed(bytes, t);
            let _ = d.flush_timeout(t);
        }
        let _ = d.flush_timeout(t + ESC_TIMEOUT);
        let _ = d.finish();
        prop_assert_eq!(d.deadline(), None);
    }
}

fn key(code: KeyCode) -> Input {
    Input::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn a_lone_esc_is_escape_once_the_timeout_has_passed() {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    assert_eq!(d.feed(b"\x1b", t0), vec![]);
    assert_eq!(d.deadline(), Some(t0 + ESC_TIMEOUT));
    assert_eq!(d.flush_timeout(t0 + ESC_TIMEOUT / 2), vec![]);
    assert_eq!(d.flush_timeout(t0 + ESC_TIMEOUT), vec![key(KeyCode::Esc)]);
    assert_eq!(d.deadline(), None);
}

#[test]
fn an_empty_read_keeps_what_is_pending_and_its_deadline() {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    d.feed(b"\x1b", t0);
    assert_eq!(d.feed(b"", t0 + Duration::from_millis(5)), vec![]);
    assert_eq!(d.deadline(), Some(t0 + ESC_TIMEOUT));
    assert_eq!(d.flush_timeout(t0 + ESC_TIMEOUT), vec![key(KeyCode::Esc)]);
}

#[test]
fn esc_then_a_key_later_is_two_keys_and_within_the_timeout_one() {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    d.feed(b"\x1b", t0);
    // The key came after the timeout, with no flush in between: still two keys.
    assert_eq!(
        d.feed(b"x", t0 + ESC_TIMEOUT + Duration::from_millis(1)),
        vec![key(KeyCode::Esc), key(KeyCode::Char('x'))]
    );
    let mut d = Decoder::default();
    d.feed(b"\x1b", t0);
    assert_eq!(
        d.feed(b"x", t0 + Duration::from_millis(5)),
        vec![Input::Key(KeyEvent::new(
            KeyCode::Char('x'),
            KeyModifiers::ALT
        ))]
    );
    // An arrow whose sequence a link split in two, within the timeout, is one key.
    let mut d = Decoder::default();
    d.feed(b"\x1b[", t0);
    assert_eq!(
        d.feed(b"A", t0 + Duration::from_millis(5)),
        vec![key(KeyCode::Up)]
    );
}

#[test]
fn esc_esc_is_two_escapes() {
    assert_eq!(decode(&[b"\x1b\x1b"]), vec![key(KeyCode::Esc); 2]);
    assert_eq!(
        decode(&[b"\x1b\x1b[A"]),
        vec![key(KeyCode::Esc), key(KeyCode::Up)]
    );
}

#[test]
fn a_sequence_cut_short_never_swallows_the_keys_after_it() {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    d.feed(b"\x1b[1;", t0);
    assert_eq!(d.flush_timeout(t0 + ESC_TIMEOUT), vec![]);
    assert_eq!(
        d.feed(b"ab", t0 + ESC_TIMEOUT * 2),
        vec![key(KeyCode::Char('a')), key(KeyCode::Char('b'))]
    );
    // A broken sequence followed at once by a good one: the good one is read.
    assert_eq!(decode(&[b"\x1b[1;\x1b[B"]), vec![key(KeyCode::Down)]);
}

#[test]
fn a_character_split_across_reads_waits_for_its_rest_past_the_timeout() {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    let e = "学".as_bytes();
    d.feed(&e[..1], t0);
    assert_eq!(d.flush_timeout(t0 + ESC_TIMEOUT), vec![]);
    d.feed(&e[1..2], t0 + ESC_TIMEOUT * 2);
    assert_eq!(d.flush_timeout(t0 + ESC_TIMEOUT * 3), vec![]);
    assert_eq!(
        d.feed(&e[2..], t0 + ESC_TIMEOUT * 4),
        vec![key(KeyCode::Char('学'))]
    );
}

#[test]
fn the_terminals_erase_character_is_backspace() {
    let t0 = Instant::now();
    // PuTTY set to send ^H, with `stty erase ^H`.
    let mut d = Decoder::new(0x08);
    assert_eq!(
        d.feed(b"\x08\x7f", t0),
        vec![key(KeyCode::Backspace), key(KeyCode::Backspace)]
    );
    // Erase is ^? (the default): ^H stays Ctrl+H (Windows Terminal's Ctrl+Backspace).
    let mut d = Decoder::new(0x7f);
    assert_eq!(
        d.feed(b"\x08", t0),
        vec![Input::Key(KeyEvent::new(
            KeyCode::Char('h'),
            KeyModifiers::CONTROL
        ))]
    );
    // Inside a paste the byte is text, not a key.
    let mut d = Decoder::new(0x08);
    assert_eq!(
        d.feed(b"\x1b[200~a\x08b\x1b[201~", t0),
        vec![Input::Paste("a\x08b".into())]
    );
}

#[test]
fn a_64_kb_unbracketed_burst_is_every_key_in_any_reads() {
    let text: String = (0..)
        .map(|i| format!("word{i} "))
        .take_while({
            let mut n = 0;
            move |w: &String| {
                n += w.len();
                n <= 64 * 1024
            }
        })
        .collect();
    let want: Vec<Input> = text
        .chars()
        .map(|c| Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect();
    let t0 = Instant::now();
    for read in [1, 1024, 1023, 4095, 65536] {
        let mut d = Decoder::default();
        let mut got = Vec::new();
        for (i, chunk) in text.as_bytes().chunks(read).enumerate() {
            // Reads spread over time, as a burst through a slow link: each comes within the
            // timeout of the one before.
            got.extend(d.feed(chunk, t0 + Duration::from_micros(i as u64 * 100)));
        }
        assert_eq!(got.len(), want.len(), "reads of {read}");
        assert!(got == want, "reads of {read}");
    }
}

#[test]
fn a_1_mb_paste_arrives_whole_and_a_larger_one_is_cut_at_the_cap() {
    let t0 = Instant::now();
    let line = "Evidence seen in books — 学校 ok.\r\n";
    let text = line.repeat(1_000_000 / line.len());
    let mut d = Decoder::default();
    let mut got = d.feed(b"\x1b[200~", t0);
    for chunk in text.as_bytes().chunks(4096) {
        got.extend(d.feed(chunk, t0));
    }
    got.extend(d.feed(b"\x1b[201~", t0));
    assert!(got == vec![Input::Paste(text.clone())], "not whole");

    let big = line.repeat(2 * PASTE_CAP / line.len());
    let mut d = Decoder::default();
    let got = d.feed(format!("\x1b[200~{big}\x1b[201~x").as_bytes(), t0);
    assert_eq!(got.len(), 3, "paste, cut, then the key after it");
    let Input::Paste(kept) = &got[0] else {
        panic!("not a paste first")
    };
    assert!(kept.len() <= PASTE_CAP && kept.len() > PASTE_CAP - 4);
    assert!(big.starts_with(kept.as_str()));
    assert_eq!(got[1], Input::PasteCut((big.len() - kept.len()) as u64));
    assert_eq!(got[2], key(KeyCode::Char('x')));
}

#[test]
fn a_paste_cut_short_by_a_hang_up_is_delivered_and_half_a_key_is_not() {
    let t0 = Instant::now();
    let mut d = Decoder::default();
    assert_eq!(d.feed(b"\x1b[200~typed so f", t0), vec![]);
    assert_eq!(d.finish(), vec![Input::Paste("typed so f".into())]);
    let mut d = Decoder::default();
    assert_eq!(d.feed(b"ab\x1b[", t0).len(), 2);
    assert_eq!(d.finish(), vec![]);
}
