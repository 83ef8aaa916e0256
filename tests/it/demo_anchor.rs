//! The demo is always "now": `sqa demo` moves Wealdshire's invented history by whole weeks so
//! that its story date falls in the current week. These tests check that every date moves (a
//! field the move forgets fails here), that the moved county agrees with itself, and that it
//! looks like a live authority whatever the day.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde_json::Value;
use sqa_board::demo::{STORY_DATE, demo_dataset, demo_dataset_for};
use sqa_board::domain::board::{BoardInput, board_rows};
use sqa_board::domain::calendar::{fmt_date, week_start};
use sqa_board::domain::shift::{shift_dataset, weeks_to_anchor};
use sqa_board::domain::{
    AcademicYear, ActivityKind, AuditEntry, Dataset, ShownStatus, TermBoundaries,
};
use std::collections::BTreeSet;
use std::process::{Command, Output};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("a date")
}

fn terms() -> TermBoundaries {
    TermBoundaries::default()
}

/// Days the tests open the demo on: its own week, Christmas week, the start of September (a
/// week that begins in August), the summer holiday, a leap day, spring and summer term days,
/// and a day before the story.
fn days() -> Vec<NaiveDate> {
    vec![
        d(2026, 11, 25),
        d(2026, 12, 25),
        d(2027, 3, 1),
        d(2027, 6, 15),
        d(2027, 8, 15),
        d(2027, 9, 1),
        d(2027, 9, 7),
        d(2028, 2, 29),
        d(2025, 1, 6),
    ]
}

/// The demo with an audit trail, which `data/demo.json` does not carry but a moved dataset must
/// move like everything else.
fn demo_with_audit() -> Dataset {
    let mut ds = demo_dataset().expect("the demo parses");
    let at = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .expect("a timestamp")
            .with_timezone(&Utc)
    };
    ds.audit = vec![
        AuditEntry {
            seq: 1,
            at: at("2026-10-15T09:12:00Z"),
            user: "priya".into(),
            kind: "decision".into(),
            key: "990014/2026-10-15/1040".into(),
            summary: "created".into(),
        },
        AuditEntry {
            seq: 2,
            at: at("2026-09-10T16:00:00Z"),
            user: "priya".into(),
            kind: "plan".into(),
            key: "990014/2026-27/1200".into(),
            summary: "updated rev 1 → 2 (review of 24/09/2026 moved)".into(),
        },
    ]
    .into();
    // Fields the demo leaves empty: a deferral reason (text, moved as the rationale is) and
    // filed minutes (a document as filed: never rewritten).
    let m = ds
        .meetings
        .iter_mut()
        .find(|m| !m.agenda.is_empty())
        .expect("a meeting with an agenda");
    m.agenda[0].reason = Some("Awaiting the trust's review of 02/11/2026".into());
    m.minutes = Some("# Minutes: as filed\n".into());
    // A school's response to a note (its dates move; its comment is prose).
    let n = ds
        .notes
        .iter_mut()
        .find(|n| n.status == sqa_board::domain::NoteStatus::Final)
        .expect("a finalised note");
    n.response = Some(sqa_board::domain::SchoolResponse {
        received: n.date() + chrono::Duration::days(7),
        corrections: true,
        comment: "The visit was on 03/11/2026".into(),
        recorded_by: "priya".into(),
        recorded_at: at("2026-11-12T10:00:00Z"),
    });
    ds
}

// ------------------------------------------------------------- every date moves

mod walk;
use walk::{Walk, never_set};

/// After a move of N weeks, every date and timestamp anywhere in the dataset's JSON is N weeks
/// later, and nothing else changed but the terms, years and text the rules move. A date field
/// the move forgot stays put and fails here.
#[test]
fn every_date_in_every_record_moves_by_the_same_weeks() {
    let original = demo_with_audit();
    let a = serde_json::to_value(&original).expect("serialises");
    assert_eq!(
        never_set(&a),
        BTreeSet::new(),
        "give these fields a value somewhere in the demo (or in demo_with_audit), so that this \
         test sees whether they move"
    );
    // A zero move cannot show a forgotten field: only the days that move.
    for today in days()
        .into_iter()
        .filter(|t| week_start(*t) != week_start(STORY_DATE))
    {
        let weeks = weeks_to_anchor(STORY_DATE, today);
        let moved = shift_dataset(&original, STORY_DATE, weeks, &terms()).expect("moves");
        let b = serde_json::to_value(&moved).expect("serialises");
        let story_moved = STORY_DATE + Duration::weeks(weeks);
        let mut w = Walk {
            weeks,
            years: AcademicYear::of(story_moved).0 - AcademicYear::of(STORY_DATE).0,
            dated: BTreeSet::new(),
        };
        w.walk(&mut vec![], &a, &b);
        // The dated fields of the domain types, as the walk found them.
        let expected = [
            "actions.*.completed",
            "actions.*.due",
            "activities.*.done",
            "activities.*.planned",
            "audit.*.at",
            "checkpoints.*.date",
            "checkpoints.*.next_due",
            "decisions.*.date",
            "decisions.*.diocese_informed",
            "decisions.*.recorded_at",
            "decisions.*.school_informed",
            "decisions.*.shared_regional",
            "escalations.*.date",
            "escalations.*.response_due",
            "meetings.*.date",
            "notes.*.amendments.*.at",
            "notes.*.amendments.*.previous.actions.*.due",
            "notes.*.amendments.*.previous.date",
            "notes.*.amendments.*.previous.next_visit",
            "notes.*.body.actions.*.due",
            "notes.*.body.date",
            "notes.*.body.next_visit",
            "notes.*.created",
            "notes.*.finalised",
            "notes.*.response.received",
            "notes.*.response.recorded_at",
            "plans.*.year",
            "schools.*.ofsted_date",
            "schools.*.opened",
            "schools.*.report_card.date",
        ];
        assert_eq!(
            w.dated.iter().map(String::as_str).collect::<Vec<_>>(),
            expected,
            "{today}"
        );
    }
}

#[test]
fn no_move_in_the_story_week_gives_back_the_demo_exactly() {
    let demo = demo_dataset().expect("the demo parses");
    for today in [d(2026, 11, 23), d(2026, 11, 25), d(2026, 11, 29)] {
        assert_eq!(weeks_to_anchor(STORY_DATE, today), 0);
        assert_eq!(
            demo_dataset_for(today, &terms()),
            Ok(demo.clone()),
            "{today}"
        );
    }
    let with_audit = demo_with_audit();
    assert_eq!(
        shift_dataset(&with_audit, STORY_DATE, 0, &terms()),
        Ok(with_audit.clone())
    );
    // Boundaries set differently in the config do not change a zero move either.
    let easter = TermBoundaries {
        spring_starts: (1, 5),
        summer_starts: (4, 20),
    };
    assert_eq!(demo_dataset_for(d(2026, 11, 23), &easter), Ok(demo));
}

/// A move there and back is no move.
#[test]
fn moving_back_gives_back_the_original() {
    let original = demo_with_audit();
    for today in days() {
        let weeks = weeks_to_anchor(STORY_DATE, today);
        let there = shift_dataset(&original, STORY_DATE, weeks, &terms()).expect("moves");
        let story_there = STORY_DATE + Duration::weeks(weeks);
        let back = shift_dataset(&there, story_there, -weeks, &terms()).expect("moves back");
        assert_eq!(back, original, "{today}");
    }
}

// ------------------------------------------------------------- the moved county agrees with itself

#[test]
fn moved_county_agrees_with_itself() {
    let demo = demo_dataset().expect("the demo parses");
    let t = terms();
    for today in days() {
        let ds = demo_dataset_for(today, &t).expect("moves");
        let story = STORY_DATE + Duration::weeks(weeks_to_anchor(STORY_DATE, today));
        assert_eq!(week_start(story), week_start(today), "{today}");
        // Weekdays kept.
        for (a, b) in demo.activities.iter().zip(&ds.activities) {
            assert_eq!(a.planned.weekday(), b.planned.weekday());
        }
        // Order of events kept: the autumn meeting is still the latest held, before the story
        // date, and the next one is still to come.
        let held =
            |m: &&sqa_board::domain::Meeting| m.status == sqa_board::domain::MeetingStatus::Closed;
        let latest = ds
            .meetings
            .iter()
            .filter(held)
            .max_by_key(|m| m.date)
            .expect("meetings");
        assert_eq!(latest.id, demo.meetings[2].id, "{today}");
        assert!(latest.date < story);
        let next = ds
            .meetings
            .iter()
            .find(|m| m.status == sqa_board::domain::MeetingStatus::Planned);
        assert!(
            next.is_some_and(|m| m.date > today),
            "{today}: no meeting coming up"
        );
        let mut order: Vec<_> = demo.meetings.iter().map(|m| (m.date, m.id)).collect();
        let mut moved: Vec<_> = ds.meetings.iter().map(|m| (m.date, m.id)).collect();
        order.sort();
        moved.sort();
        assert_eq!(
            order.iter().map(|x| x.1).collect::<Vec<_>>(),
            moved.iter().map(|x| x.1).collect::<Vec<_>>()
        );
        // A meeting's term is the term of its date, and its title and SQA review activities
        // name that term.
        for m in &ds.meetings {
            assert_eq!(m.year, AcademicYear::of(m.date), "{today}: {}", m.title);
            assert_eq!(m.term, t.term_of(m.date), "{today}: {}", m.title);
            let label = format!("{} {}", m.term, t.start(m.year, m.term).year());
            assert!(m.title.ends_with(&label), "{today}: {} ({label})", m.title);
            for a in ds
                .activities
                .iter()
                .filter(|a| a.kind == ActivityKind::SqaReview && a.planned == m.date)
            {
                assert!(a.title.ends_with(&label), "{today}: {}", a.title);
            }
            for dec in ds.decisions.iter().filter(|x| x.meeting == Some(m.id)) {
                assert_eq!(dec.date, m.date);
            }
        }
        // The plans written for the story's year are the plans of the year the story now falls
        // in, which the checkpoint form opens; the year before stays the year before.
        let story_year = AcademicYear::of(story);
        for (a, b) in demo.plans.iter().zip(&ds.plans) {
            assert_eq!(b.year.0 - story_year.0, a.year.0 - 2026, "{today}");
        }
        let sallow = ds
            .plans
            .iter()
            .filter(|p| p.urn == 990014)
            .max_by_key(|p| p.year)
            .expect("Sallow Cross has plans");
        assert_eq!(sallow.year, story_year);
        assert!(
            sallow
                .priorities
                .iter()
                .flat_map(|p| &p.success_criteria)
                .any(|c| c.contains(&format!("({}:", story_year.prev()))),
            "{today}: a plan's 'last year' is the year before it"
        );
        // Dates quoted in text agree with the records they name: Sallow Cross's Ofsted report.
        let sallow_school = ds.schools.iter().find(|s| s.urn == 990014).expect("school");
        let ofsted = fmt_date(sallow_school.ofsted_date.expect("inspected"));
        assert!(
            ds.decisions
                .iter()
                .any(|x| x.evidence.iter().any(|e| e.contains(&ofsted))),
            "{today}: {ofsted}"
        );
        assert!(sqa_board::domain::integrity::problems(&ds).is_empty());
    }
}

// ------------------------------------------------------------- a live authority on any day

/// What a newcomer sees on the board on `today`.
#[derive(Debug)]
struct Liveliness {
    checkpoint_overdue: usize,
    schools_with_overdue_actions: usize,
    overdue_actions: usize,
    overdue_activities: usize,
    /// Weeks since each school's last visit, sorted.
    visit_ages: Vec<i64>,
    /// Checkpoints due in the next two weeks.
    checkpoints_soon: usize,
    planned_meetings_ahead: usize,
}

fn liveliness(today: NaiveDate) -> Liveliness {
    let ds = demo_dataset_for(today, &terms()).expect("moves");
    let rows = board_rows(&BoardInput::of(&ds), today);
    let mut visit_ages: Vec<i64> = rows
        .iter()
        .map(|r| {
            let last = r.last_visit.expect("every demo school has been visited");
            (today - last).num_days() / 7
        })
        .collect();
    visit_ages.sort_unstable();
    Liveliness {
        checkpoint_overdue: rows.iter().filter(|r| r.checkpoint_overdue).count(),
        schools_with_overdue_actions: rows.iter().filter(|r| r.overdue_actions > 0).count(),
        overdue_actions: rows.iter().map(|r| r.overdue_actions).sum(),
        overdue_activities: ds
            .activities
            .iter()
            .filter(|a| a.shown_status(today) == ShownStatus::Overdue)
            .count(),
        visit_ages,
        checkpoints_soon: rows
            .iter()
            .filter(|r| {
                r.next_checkpoint
                    .is_some_and(|n| n >= today && n <= today + Duration::days(14))
            })
            .count(),
        planned_meetings_ahead: ds.meetings.iter().filter(|m| m.date >= today).count(),
    }
}

/// Opened on any day, the demo has a handful of things to chase, something coming up, and most
/// schools seen in the last twelve weeks: not a frozen authority where everything is overdue.
/// (Run with `--nocapture` to see the figures.)
#[test]
fn the_demo_looks_alive_on_any_day() {
    for today in days()
        .into_iter()
        .chain([d(2026, 11, 23), d(2027, 8, 30), d(2030, 7, 31)])
    {
        let l = liveliness(today);
        let n = l.visit_ages.len();
        let within_12 = l.visit_ages.iter().filter(|w| **w <= 12).count();
        println!(
            "{} ({}): checkpoints overdue {}, schools with overdue actions {} ({} actions), \
             overdue activities {}, checkpoints due in 2 weeks {}, weeks since last visit \
             min {} median {} max {}, visited in the last 12 weeks {within_12}/{n}, \
             meetings ahead {}",
            fmt_date(today),
            today.format("%a"),
            l.checkpoint_overdue,
            l.schools_with_overdue_actions,
            l.overdue_actions,
            l.overdue_activities,
            l.checkpoints_soon,
            l.visit_ages[0],
            l.visit_ages[n / 2],
            l.visit_ages[n - 1],
            l.planned_meetings_ahead,
        );
        assert!((1..=4).contains(&l.checkpoint_overdue), "{today}: {l:?}");
        // The story's follow-up: a few actions slipped at a third of the schools.
        assert!(
            (1..=10).contains(&l.schools_with_overdue_actions),
            "{today}: {l:?}"
        );
        assert!(l.overdue_actions <= 15, "{today}: {l:?}");
        assert!(l.overdue_activities <= 6, "{today}: {l:?}");
        assert!(l.checkpoints_soon >= 1, "{today}: {l:?}");
        assert!(
            within_12 * 3 >= n * 2,
            "{today}: most schools seen lately: {l:?}"
        );
        assert!(
            l.visit_ages[n - 1] <= 52,
            "{today}: every school seen this year: {l:?}"
        );
    }
}

// ------------------------------------------------------------- `sqa demo`

fn sqa(store: &std::path::Path, config: &std::path::Path, today: &str, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_sqa"))
        .args(args)
        .env("SQA_STORE", store)
        .env("SQA_CONFIG", config)
        .env("SQA_USER", "demo-test")
        .env("SQA_TODAY", today)
        .output()
        .expect("run sqa");
    assert!(
        out.status.success(),
        "sqa {args:?} exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn exported(store: &std::path::Path, config: &std::path::Path, today: &str) -> Dataset {
    let json = store.with_extension("json");
    let path = json.to_str().expect("utf-8 path");
    sqa(store, config, today, &["export", "--json", path]);
    let text = std::fs::read_to_string(&json).expect("export written");
    serde_json::from_str(&text).expect("export is a Dataset")
}

/// The records, in the export's order (the store adds an audit entry for the load: dropped).
fn records(mut ds: Dataset) -> Dataset {
    ds.audit.clear();
    ds.schools.sort_by_key(|r| r.urn);
    ds.decisions.sort_by_key(|r| r.id);
    ds.meetings.sort_by_key(|r| r.id);
    ds.activities.sort_by_key(|r| r.id);
    ds.plans.sort_by_key(|r| r.id);
    ds.checkpoints.sort_by_key(|r| r.id);
    ds.notes.sort_by_key(|r| r.id);
    ds.actions.sort_by_key(|r| r.id);
    ds
}

#[test]
fn sqa_demo_loads_the_county_as_it_stands_today_and_fresh_re_anchors() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = dir.path().join("demo-store");
    let config = dir.path().join("config.toml");
    sqa(&store, &config, "01/03/2027", &["demo", "--load-only"]);
    let march = records(demo_dataset_for(d(2027, 3, 1), &terms()).expect("moves"));
    assert_eq!(records(exported(&store, &config, "01/03/2027")), march);
    // Loaded once: opened again later, the store keeps the history it was given.
    sqa(&store, &config, "15/06/2027", &["demo", "--load-only"]);
    assert_eq!(records(exported(&store, &config, "15/06/2027")), march);
    // `--fresh` loads it afresh, anchored to the new week.
    sqa(
        &store,
        &config,
        "15/06/2027",
        &["demo", "--fresh", "--load-only"],
    );
    let june = records(demo_dataset_for(d(2027, 6, 15), &terms()).expect("moves"));
    assert_eq!(records(exported(&store, &config, "15/06/2027")), june);
    assert_ne!(march, june);
}
