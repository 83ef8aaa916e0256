//! Screens as text: insta snapshots of the board and the school screen at 80x24 and 120x40.

use crate::app_common;

use app_common::{EVIL_URN, app, changes, keys, notes};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use sqa_board::app::App;

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    t
}

fn text_of(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Renders with NO_COLOR, checks that not one cell has a colour, that the colour theme draws the
/// very same text, and returns the NO_COLOR terminal for the snapshot.
fn screen(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.set_no_color(false);
    let colour = render(app, w, h);
    app.set_no_color(true);
    let plain = render(app, w, h);
    let (cb, pb) = (colour.backend().buffer(), plain.backend().buffer());
    assert_eq!(
        text_of(cb),
        text_of(pb),
        "the colour theme must say the same in text"
    );
    for cell in pb.content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "NO_COLOR: a foreground colour at {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, Color::Reset, "NO_COLOR: a background colour");
    }
    assert!(
        cb.content().iter().any(|c| c.fg != Color::Reset),
        "the colour theme uses colour"
    );
    let text = text_of(pb);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202E}'));
    plain
}

#[test]
fn board_80x24() {
    let mut a = app();
    let t = screen(&mut a, 80, 24);
    let text = text_of(t.backend().buffer());
    assert!(
        text.contains("Evil Academy x"),
        "the escape-laden name is drawn cleaned"
    );
    assert!(!text.contains("pwned"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_120x40() {
    let mut a = app();
    keys(&mut a, "jj");
    let t = screen(&mut a, 120, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_searching_and_filtered_80x24() {
    let mut a = app();
    keys(&mut a, "fj<Right><Enter>/a");
    let t = screen(&mut a, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_filter_popup_80x24() {
    let mut a = app();
    keys(&mut a, "fl");
    let t = screen(&mut a, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_help_80x24() {
    let mut a = app();
    keys(&mut a, "?");
    let t = screen(&mut a, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn school_details_80x24() {
    let mut a = app();
    keys(&mut a, "<Enter>");
    a.set_notes(100001, notes(100001));
    let t = screen(&mut a, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn school_history_80x24() {
    let mut a = app();
    keys(&mut a, "<Enter><Tab>");
    let t = screen(&mut a, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn school_sections_80x24() {
    let mut a = app();
    keys(&mut a, "<Enter><Tab><Tab>");
    a.set_notes(100001, notes(100001));
    let activities = screen(&mut a, 80, 24);
    keys(&mut a, "<Tab>");
    let notes_screen = screen(&mut a, 80, 24);
    keys(&mut a, "<Tab>");
    let actions = screen(&mut a, 80, 24);
    keys(&mut a, "<Tab>");
    let reviews = screen(&mut a, 80, 24);
    keys(&mut a, "<Tab>");
    let loading = text_of(screen(&mut a, 80, 24).backend().buffer());
    assert!(loading.contains("loading…"), "{loading}");
    a.set_audit(100001, changes(100001));
    let changes_screen = screen(&mut a, 80, 24);
    let text = text_of(changes_screen.backend().buffer());
    assert!(
        text.contains(" evilname "),
        "escape sequences are stripped: {text}"
    );
    insta::assert_snapshot!("school_activities_80x24", activities.backend());
    insta::assert_snapshot!("school_notes_80x24", notes_screen.backend());
    insta::assert_snapshot!("school_actions_80x24", actions.backend());
    insta::assert_snapshot!("school_reviews_80x24", reviews.backend());
    insta::assert_snapshot!("school_changes_80x24", changes_screen.backend());
}

#[test]
fn school_120x40() {
    let mut a = app();
    keys(&mut a, "<Enter>");
    a.set_notes(100001, notes(100001));
    a.set_audit(100001, changes(100001));
    let t = screen(&mut a, 120, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn evil_school_is_drawn_clean() {
    let mut a = app();
    keys(&mut a, "jj<Enter>");
    a.set_notes(EVIL_URN, notes(EVIL_URN));
    let t = screen(&mut a, 120, 40);
    let text = text_of(t.backend().buffer());
    assert!(text.contains("Evil Academy x"));
    assert!(text.contains("Bad data in rationale."));
    assert!(!text.contains("pwned"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn scrolling_a_section_stops_at_its_end() {
    let mut a = app();
    keys(&mut a, "<Enter>");
    render(&a, 80, 24);
    keys(&mut a, "<PgDn><PgDn><PgDn><PgDn>");
    let max = a.school.as_ref().map(|s| s.scroll[0]).unwrap_or_default();
    keys(&mut a, "k");
    let after = a.school.as_ref().map(|s| s.scroll[0]).unwrap_or_default();
    assert!(
        max > 0 && after == max - 1,
        "one key up scrolls up at once ({max} → {after})"
    );
}

#[test]
fn tiny_and_huge_terminals_do_not_panic() {
    let mut a = app();
    for (w, h) in [(1, 1), (10, 3), (20, 6), (40, 10), (300, 100)] {
        render(&a, w, h);
        keys(&mut a, "<Enter><Tab>");
        render(&a, w, h);
        keys(&mut a, "?");
        render(&a, w, h);
        keys(&mut a, "<Esc><Esc>f");
        render(&a, w, h);
        keys(&mut a, "<Esc>");
    }
}

#[test]
fn selection_stays_on_screen_and_pages_follow_the_table_height() {
    let mut ds = app_common::dataset();
    let base = ds.schools.clone();
    for k in 1..5u32 {
        for s in &base {
            let mut s = s.clone();
            s.urn += k * 1000;
            s.name = format!("{} {k}", s.name);
            ds.schools.push(s);
        }
    }
    let mut a = App::new(
        ds,
        sqa_board::session::Session::new(
            "tester",
            sqa_board::clock::Clock::frozen_on(app_common::today()),
        ),
    );
    assert_eq!(a.board.visible.len(), 40);
    render(&a, 80, 24);
    assert_eq!(
        a.board.page.get(),
        19,
        "24 rows less title, counts, state, header, hints"
    );
    keys(&mut a, "<PgDn>");
    assert_eq!(a.board.selected, 19);
    let t = render(&a, 80, 24);
    let text = text_of(t.backend().buffer());
    let sel = a.board.selected_urn().expect("a selection");
    let sel_line = text
        .lines()
        .find(|l| l.starts_with('▶'))
        .expect("a selected row is drawn");
    let name = a
        .data
        .schools
        .iter()
        .find(|s| s.urn == sel)
        .map(|s| s.name.clone())
        .expect("selected school");
    assert!(sel_line.contains(&name[..10]), "{sel_line} / {name}");
    keys(&mut a, "G");
    let t = render(&a, 80, 24);
    let text = text_of(t.backend().buffer());
    assert!(
        text.lines().any(|l| l.starts_with('▶')),
        "End keeps the selection visible"
    );
    assert_eq!(a.board.offset.get(), 40 - 19);
}

#[test]
fn key_releases_are_ignored() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
    let mut a = app();
    let release = KeyEvent {
        code: KeyCode::Char('q'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    assert!(a.handle_key(release).is_empty());
    assert!(!a.should_quit());
}

/// Characters a terminal draws at a width the layout did not count (line separator, zero-width
/// joiner, variation selectors, a lone combining mark, bidi isolates) in one school's name: the
/// board looks exactly as it does without them, every row, the school's own included.
#[test]
fn invisible_characters_in_a_name_leave_every_row_intact() {
    let plain = app();
    let mut evil = app();
    let school = std::sync::Arc::make_mut(&mut evil.data)
        .schools
        .iter_mut()
        .find(|s| s.urn == 100001)
        .expect("the test data has school 100001");
    let clean_name = school.name.clone();
    let mut hostile = String::from("\u{301}\u{2066}");
    for (i, c) in clean_name.chars().enumerate() {
        hostile.push(c);
        hostile.push(['\u{2028}', '\u{200D}', '\u{FE0E}', '\u{FE0F}', '\u{2029}'][i % 5]);
    }
    hostile.push_str("\u{2069}\u{E0041}");
    school.name = hostile;
    evil.set_data(evil.data.clone());
    for (w, h) in [(80, 24), (120, 40)] {
        let want = text_of(render(&plain, w, h).backend().buffer());
        let got = text_of(render(&evil, w, h).backend().buffer());
        assert!(
            want.contains(&clean_name[..10]),
            "the school is on the board:\n{want}"
        );
        for (y, (a, b)) in want.lines().zip(got.lines()).enumerate() {
            assert_eq!(a, b, "row {y} at {w}x{h} differs");
        }
    }
}
