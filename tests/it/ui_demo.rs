//! The demo county (data/demo.json, 22 schools) on the board and a school screen.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sqa_board::app::App;
use sqa_board::domain::Dataset;

fn demo_app() -> Option<App> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo.json");
    let text = std::fs::read_to_string(path).ok()?;
    let mut data: Dataset = serde_json::from_str(&text).expect("demo.json parses");
    let notes = std::mem::take(&mut data.notes);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut app = App::new(
        data,
        sqa_board::session::Session::new("facilitator", sqa_board::clock::Clock::frozen_on(today)),
    );
    app.set_no_color(true);
    let urns: Vec<u32> = app.data.schools.iter().map(|s| s.urn).collect();
    for urn in urns {
        let mine = notes.iter().filter(|n| n.urn == urn).cloned().collect();
        app.set_notes(urn, mine);
    }
    Some(app)
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| sqa_board::ui::draw(f, app)).expect("draw");
    t
}

#[test]
fn demo_board_and_school() {
    let Some(mut app) = demo_app() else {
        return;
    };
    insta::assert_snapshot!("demo_board_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("demo_board_120x40", render(&app, 120, 40).backend());
    app.update(sqa_board::app::Action::Open);
    insta::assert_snapshot!("demo_school_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("demo_school_120x40", render(&app, 120, 40).backend());
}
