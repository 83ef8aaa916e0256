//! A small, fixed dataset for the app and view tests: eight schools of a fictional county.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::KeyEvent;
use sqa_board::app::App;
use sqa_board::domain::{
    Action as Task, ActionSource, ActionStatus, Activity, ActivityKind, ActivityStatus, Dataset,
    Decision, Meeting, MeetingStatus, Note, NoteBody, NoteStatus, OfstedOutcome, Phase, RiskFactor,
    Scheme, School, SchoolType, Term, Urn, calendar::AcademicYear,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

pub fn today() -> NaiveDate {
    d(2026, 11, 23)
}

pub fn at(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(10, 0, 0).expect("valid time").and_utc()
}

/// The school whose name carries an escape sequence and control characters.
pub const EVIL_URN: Urn = 100007;
pub const EVIL_NAME: &str = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7} Academy\u{202E}\r\nx";

#[allow(clippy::too_many_arguments)]
fn school(
    urn: Urn,
    name: &str,
    phase: Phase,
    ty: SchoolType,
    trust: Option<&str>,
    diocese: Option<&str>,
    officer: &str,
    ofsted: OfstedOutcome,
) -> School {
    School {
        urn,
        name: name.into(),
        phase,
        school_type: ty,
        trust: trust.map(Into::into),
        diocese: diocese.map(Into::into),
        headteacher: format!("Head of {urn}"),
        chair_of_governors: format!("Chair of {urn}"),
        link_officer: officer.into(),
        contact_email: String::new(),
        notes: String::new(),
        pupils: 200 + urn % 100 * 37,
        ofsted,
        ofsted_date: Some(d(2024, 3, 12)),
        report_card: None,
        opened: None,
        rev: 1,
    }
}

fn decision(
    id: u64,
    urn: Urn,
    meeting: Option<u64>,
    date: NaiveDate,
    cat: &str,
    prev: Option<&str>,
    rationale: &str,
) -> Decision {
    Decision {
        id,
        urn,
        meeting,
        date,
        category: cat.into(),
        previous: prev.map(Into::into),
        rationale: rationale.into(),
        evidence: vec![],
        ratings: vec![],
        risks: vec![],
        at_risk: false,
        decided_by: "Jo Marsh".into(),
        recorded_at: at(date),
        supersedes: None,
        school_informed: Some(date),
        diocese_informed: Some(date),
        shared_regional: None,
        rev: 1,
    }
}

fn activity(
    id: u64,
    urn: Urn,
    kind: ActivityKind,
    planned: NaiveDate,
    status: ActivityStatus,
    title: &str,
) -> Activity {
    Activity {
        id,
        urn,
        kind,
        title: title.into(),
        planned,
        done: (status == ActivityStatus::Done).then_some(planned),
        status,
        owner: "Jo Marsh".into(),
        note: None,
        rev: 1,
    }
}

fn task(id: u64, urn: Urn, text: &str, owner: &str, due: NaiveDate) -> Task {
    Task {
        id,
        urn,
        source: ActionSource::Other,
        text: text.into(),
        owner: owner.into(),
        due: Some(due),
        status: ActionStatus::Open,
        completed: None,
        rev: 1,
    }
}

pub fn dataset() -> Dataset {
    use ActivityKind::*;
    use ActivityStatus::*;
    use OfstedOutcome::*;
    use Phase::*;
    use SchoolType::*;
    let mut ds = Dataset::empty(Scheme::la_default());
    ds.schools = vec![
        school(
            100001,
            "Ashby Fields Primary School",
            Primary,
            Community,
            None,
            None,
            "Jo Marsh",
            RequiresImprovement,
        ),
        school(
            100002,
            "Barrowden CofE Primary",
            Primary,
            VoluntaryAided,
            None,
            Some("Peterborough"),
            "Sam Patel",
            Good,
        ),
        school(
            100003,
            "Catmose Vale Academy",
            Secondary,
            AcademyConverter,
            Some("Vale Learning Trust"),
            None,
            "Jo Marsh",
            Good,
        ),
        school(
            100004,
            "Deepings St James Church of England Voluntary Controlled Junior School",
            Primary,
            VoluntaryControlled,
            None,
            Some("Peterborough"),
            "Sam Patel",
            Outstanding,
        ),
        school(
            100005,
            "Empingham Special School",
            Special,
            Foundation,
            None,
            None,
            "Alex Kerr",
            Inadequate,
        ),
        school(
            100006,
            "Fosse Way 学校 🏫 Primary",
            Primary,
            AcademySponsorLed,
            Some("Vale Learning Trust"),
            None,
            "Alex Kerr",
            NoOverallGrade,
        ),
        school(
            EVIL_URN,
            EVIL_NAME,
            Secondary,
            FreeSchool,
            Some("Open Minds Trust"),
            None,
            "Jo Marsh",
            NotYetInspected,
        ),
        school(
            100008,
            "Greetham Community Primary",
            Primary,
            Community,
            None,
            None,
            "Sam Patel",
            Good,
        ),
    ]
    .into();
    ds.meetings = vec![
        Meeting {
            id: 1,
            date: d(2026, 3, 10),
            term: Term::Spring,
            year: AcademicYear(2025),
            title: "SQA Spring 2026".into(),
            attendees: vec![],
            agenda: vec![],
            status: MeetingStatus::Closed,
            minutes: None,
            rev: 1,
        },
        Meeting {
            id: 2,
            date: d(2026, 6, 16),
            term: Term::Summer,
            year: AcademicYear(2025),
            title: "SQA Summer 2026".into(),
            attendees: vec![],
            agenda: vec![],
            status: MeetingStatus::Closed,
            minutes: None,
            rev: 1,
        },
        Meeting {
            id: 3,
            date: d(2026, 10, 6),
            term: Term::Autumn,
            year: AcademicYear(2026),
            title: "SQA Autumn 2026".into(),
            attendees: vec![],
            agenda: vec![],
            status: MeetingStatus::Closed,
            minutes: None,
            rev: 1,
        },
    ]
    .into();
    let mut dec = vec![
        decision(
            1,
            100001,
            Some(1),
            d(2026, 3, 10),
            "low",
            None,
            "Stable leadership.",
        ),
        decision(
            2,
            100001,
            Some(2),
            d(2026, 6, 16),
            "medium",
            Some("low"),
            "KS2 outcomes fell.",
        ),
        decision(
            3,
            100001,
            Some(3),
            d(2026, 10, 6),
            "high",
            Some("medium"),
            "Headteacher on long-term absence; KS2 reading well below national; governors slow to act. Intensive support agreed with termly strategy meetings.",
        ),
        decision(
            4,
            100002,
            Some(3),
            d(2026, 10, 6),
            "low",
            Some("low"),
            "Secure.",
        ),
        decision(
            5,
            100003,
            Some(2),
            d(2026, 6, 16),
            "medium",
            None,
            "New trust.",
        ),
        decision(
            6,
            100003,
            Some(3),
            d(2026, 10, 6),
            "low",
            Some("medium"),
            "Trust support effective.",
        ),
        decision(
            7,
            100004,
            Some(3),
            d(2026, 10, 6),
            "universal",
            Some("universal"),
            "Self-improving.",
        ),
        decision(
            8,
            100005,
            Some(3),
            d(2026, 10, 6),
            "high",
            Some("high"),
            "Inadequate; safeguarding concerns.",
        ),
        decision(
            9,
            100006,
            Some(3),
            d(2026, 10, 6),
            "medium",
            None,
            "Sponsor change.",
        ),
        decision(
            10,
            EVIL_URN,
            Some(3),
            d(2026, 10, 6),
            "medium",
            Some("low"),
            "Bad\u{1b}[31m data\u{7} in rationale.",
        ),
    ];
    dec[2].at_risk = true;
    dec[2].risks = vec![RiskFactor::LeadershipChange, RiskFactor::OfstedOutcome];
    dec[2].school_informed = None;
    dec[7].at_risk = true;
    dec[3].diocese_informed = None;
    ds.decisions = dec.into();
    ds.activities = vec![
        activity(1, 100001, Visit, d(2026, 9, 15), Done, "Autumn visit"),
        activity(
            2,
            100001,
            StrategyMeeting,
            d(2026, 11, 2),
            Planned,
            "LA strategy meeting",
        ),
        activity(
            3,
            100001,
            DeepDive,
            d(2026, 12, 8),
            Planned,
            "Reading deep dive",
        ),
        activity(4, 100001, Visit, d(2026, 5, 20), Done, "Summer visit"),
        activity(5, 100002, Visit, d(2026, 10, 1), Done, ""),
        activity(6, 100003, Visit, d(2026, 2, 3), Done, ""),
        activity(7, 100005, Visit, d(2026, 11, 10), Done, ""),
        activity(8, 100006, Visit, d(2026, 11, 12), Cancelled, ""),
    ]
    .into();
    ds.actions = vec![
        task(
            1,
            100001,
            "Governors to appoint an interim head",
            "Chair of governors",
            d(2026, 11, 1),
        ),
        task(
            2,
            100001,
            "Reading action plan to LA",
            "Headteacher",
            d(2026, 11, 20),
        ),
        task(
            3,
            100001,
            "Book KS2 moderation",
            "Jo Marsh",
            d(2026, 12, 15),
        ),
        task(4, 100005, "Safeguarding audit", "Alex Kerr", d(2026, 12, 1)),
        task(5, EVIL_URN, "Evil\u{1b}[2J task", "X\u{7}", d(2026, 11, 1)),
    ]
    .into();
    ds
}

pub fn notes(urn: Urn) -> Vec<Note> {
    vec![
        Note {
            id: 1,
            urn,
            author: "Jo Marsh".into(),
            created: at(d(2026, 9, 15)),
            status: NoteStatus::Final,
            finalised: Some(at(d(2026, 9, 16))),
            body: NoteBody {
                date: Some(d(2026, 9, 15)),
                visit_type: "Visit".into(),
                purpose: "Autumn check-in".into(),
                ..NoteBody::default()
            },
            amendments: vec![],
            response: None,
            rev: 1,
        },
        Note {
            id: 2,
            urn,
            author: "Jo Marsh".into(),
            created: at(d(2026, 11, 18)),
            status: NoteStatus::Draft,
            finalised: None,
            body: NoteBody {
                date: Some(d(2026, 11, 18)),
                visit_type: "Deep dive".into(),
                purpose: "Reading\u{1b}[5m".into(),
                ..NoteBody::default()
            },
            amendments: vec![],
            response: None,
            rev: 1,
        },
    ]
}

/// The app on the test dataset, on a frozen clock that shows times in UTC: screens must not
/// depend on the day or the zone of the machine running the tests.
pub fn app() -> App {
    App::new(
        dataset(),
        sqa_board::session::Session::new("tester", sqa_board::clock::Clock::frozen_on(today())),
    )
}

/// A school's audit trail as the store would give it (newest first), with a hostile user name.
#[allow(dead_code)] // not every test binary that shares this module uses it
pub fn changes(urn: sqa_board::domain::Urn) -> Vec<sqa_board::domain::AuditEntry> {
    use chrono::TimeZone;
    let at = |d: u32, h: u32, m: u32| {
        chrono::Utc
            .with_ymd_and_hms(2026, 11, d, h, m, 0)
            .single()
            .unwrap_or_default()
    };
    let e = |seq: u64, at, user: &str, kind: &str, key: String, summary: &str| {
        sqa_board::domain::AuditEntry {
            seq,
            at,
            user: user.into(),
            kind: kind.into(),
            key,
            summary: summary.into(),
        }
    };
    vec![
        e(
            4,
            at(23, 14, 2),
            "j.okafor",
            "action",
            format!("{urn}/2026-12-01/9"),
            "completed",
        ),
        e(
            3,
            at(20, 9, 41),
            "evil\x1b[2Jname\u{202e}",
            "decision",
            format!("{urn}/2026-11-20/8"),
            "decision for the school",
        ),
        e(
            2,
            at(2, 16, 15),
            "m.hale",
            "note",
            format!("{urn}/2026-11-02/7"),
            "finalised",
        ),
        e(
            1,
            at(1, 8, 0),
            "admin",
            "dataset",
            "all".into(),
            "imported 504 records",
        ),
    ]
}

/// The key presses a script spells, in the one key-script syntax (`keymap::parse`: plain
/// characters are typed, `<Enter>`, `<C-s>`, `<A-c>`, `<F1>` are keys); a bad script fails the
/// test.
pub fn script(s: &str) -> Vec<KeyEvent> {
    sqa_board::keymap::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

/// Sends a key script to the app; returns the effects it asked for.
pub fn keys(app: &mut App, s: &str) -> Vec<sqa_board::app::Effect> {
    script(s)
        .into_iter()
        .flat_map(|key| app.handle_key(key))
        .collect()
}

/// Names of the schools shown on the board, in order.
pub fn shown(app: &App) -> Vec<Urn> {
    app.board
        .visible
        .iter()
        .map(|&i| app.board.rows[i].urn)
        .collect()
}

mod live;
pub use live::Live;

/// The screen a test terminal shows, row by row, with the caret marked `▏` before the cell
/// where the terminal's cursor is, when it is shown: the app draws no caret of its own (the
/// terminal's cursor is the caret), and `TestBackend` shows no cursor.
pub fn text_with_caret(backend: &ratatui::backend::TestBackend) -> String {
    let b = backend.buffer();
    let at = backend.cursor_visible().then(|| backend.cursor_position());
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            if at == Some(ratatui::layout::Position::new(x, y)) {
                s.push('▏');
            }
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}
