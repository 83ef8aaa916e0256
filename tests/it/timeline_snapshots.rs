//! The timeline, due list, checkpoint form and actions tracker as text, on the demo county:
//! insta snapshots at 80x24 and 160x48, drawn with NO_COLOR.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use sqa_board::app::{Action, App};
use sqa_board::domain::Dataset;

const SALLOW: u32 = 990014;

fn demo_app() -> App {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let text = std::fs::read_to_string(path).expect("demo.json");
    let data: Dataset = serde_json::from_str(&text).expect("demo.json parses");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut app = App::new(
        data,
        sqa_board::session::Session::new("facilitator", sqa_board::clock::Clock::frozen_on(today)),
    );
    app.set_no_color(true);
    app
}

/// Draws with the colour theme and with NO_COLOR: both must say the same in text, and with
/// NO_COLOR not one cell may carry a colour. Returns the text.
fn render(app: &mut App, w: u16, h: u16) -> String {
    app.set_no_color(false);
    let colour = draw(app, w, h).0;
    app.set_no_color(true);
    let (plain, cells) = draw(app, w, h);
    assert_eq!(colour, plain, "the colour theme must say the same in text");
    for (fg, bg) in cells {
        assert_eq!(fg, Color::Reset, "NO_COLOR: a foreground colour");
        assert_eq!(bg, Color::Reset, "NO_COLOR: a background colour");
    }
    plain
}

fn draw(app: &App, w: u16, h: u16) -> (String, Vec<(Color, Color)>) {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    (s, buf.content().iter().map(|c| (c.fg, c.bg)).collect())
}

fn sallow_timeline() -> App {
    let mut app = demo_app();
    app.open_timeline(SALLOW);
    app
}

#[test]
fn timeline_80x24() {
    let mut app = sallow_timeline();
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Sallow Cross"), "{s}");
    assert!(s.contains("2026/27"), "{s}");
    assert!(s.contains('!'), "the overdue checkpoint is marked: {s}");
    assert!(s.contains('┆'), "today line: {s}");
    insta::assert_snapshot!("timeline_80x24", s);
}

#[test]
fn timeline_160x48() {
    let mut app = sallow_timeline();
    app.update(Action::Up);
    let s = render(&mut app, 160, 48);
    assert!(s.contains("┬"), "week ticks when wide: {s}");
    insta::assert_snapshot!("timeline_160x48", s);
}

#[test]
fn due_list_80x24() {
    let mut app = demo_app();
    app.update(Action::OpenDue);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Overdue"), "{s}");
    assert!(s.contains("w/c Mon 23 Nov 2026"), "{s}");
    insta::assert_snapshot!("due_80x24", s);
}

#[test]
fn checkpoint_form_80x24() {
    let mut app = demo_app();
    app.open_review(SALLOW);
    let s = render(&mut app, 80, 24);
    assert!(
        s.contains("04/01/2027"),
        "next checkpoint from High's 6 weeks: {s}"
    );
    insta::assert_snapshot!("checkpoint_form_80x24", s);
}

#[test]
fn tracker_80x24() {
    let mut app = demo_app();
    app.update(Action::OpenTracker);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("OVERDUE"), "{s}");
    insta::assert_snapshot!("tracker_80x24", s);
}

#[test]
fn activity_form_80x24() {
    let mut app = sallow_timeline();
    app.update(Action::NewActivity);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("New activity"), "{s}");
    insta::assert_snapshot!("activity_form_80x24", s);
}

#[test]
fn plan_editor_80x24() {
    let mut app = sallow_timeline();
    app.update(Action::OpenPlan);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Support plan 2026/27"), "{s}");
    insta::assert_snapshot!("plan_editor_80x24", s);
}

#[test]
fn timeline_help_lists_its_keys() {
    let mut app = sallow_timeline();
    app.update(Action::Help);
    let s = render(&mut app, 80, 24);
    assert!(s.contains("Previous academic year"), "{s}");
}
