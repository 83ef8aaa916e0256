//! The timeline, due list, checkpoint form and actions tracker as text, on the demo county:
//! insta snapshots at 80x24 and 160x48, drawn with NO_COLOR.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::{Action, App, Screen};
use sqa_board::domain::Dataset;

const SALLOW: u32 = 990014;

fn demo_app() -> App {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let text = std::fs::read_to_string(path).expect("demo.json");
    let data: Dataset = serde_json::from_str(&text).expect("demo.json parses");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut app = App::new(data, today, "facilitator".into());
    app.set_no_color(true);
    app
}

fn render(app: &App, w: u16, h: u16) -> String {
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
    s
}

fn sallow_timeline() -> App {
    let mut app = demo_app();
    app.open_timeline(SALLOW, Screen::Board);
    app
}

#[test]
fn timeline_80x24() {
    let app = sallow_timeline();
    let s = render(&app, 80, 24);
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
    let s = render(&app, 160, 48);
    assert!(s.contains("┬"), "week ticks when wide: {s}");
    insta::assert_snapshot!("timeline_160x48", s);
}

#[test]
fn due_list_80x24() {
    let mut app = demo_app();
    app.update(Action::OpenDue);
    let s = render(&app, 80, 24);
    assert!(s.contains("Overdue"), "{s}");
    assert!(s.contains("w/c Mon 23 Nov 2026"), "{s}");
    insta::assert_snapshot!("due_80x24", s);
}

#[test]
fn checkpoint_form_80x24() {
    let mut app = demo_app();
    app.open_review(SALLOW, Screen::Board);
    let s = render(&app, 80, 24);
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
    let s = render(&app, 80, 24);
    assert!(s.contains("OVERDUE"), "{s}");
    insta::assert_snapshot!("tracker_80x24", s);
}

#[test]
fn activity_form_80x24() {
    let mut app = sallow_timeline();
    app.update(Action::NewActivity);
    let s = render(&app, 80, 24);
    assert!(s.contains("New activity"), "{s}");
    insta::assert_snapshot!("activity_form_80x24", s);
}

#[test]
fn plan_editor_80x24() {
    let mut app = sallow_timeline();
    app.update(Action::OpenPlan);
    let s = render(&app, 80, 24);
    assert!(s.contains("Support plan 2026/27"), "{s}");
    insta::assert_snapshot!("plan_editor_80x24", s);
}
