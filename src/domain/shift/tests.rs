use super::*;
use crate::domain::{MeetingStatus, Scheme};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}
const STORY: (i32, u32, u32) = (2026, 11, 23);
fn story() -> NaiveDate {
    d(STORY.0, STORY.1, STORY.2)
}

#[test]
fn anchoring_lands_the_story_in_the_week_of_today() {
    let cases = [
        // The story's own week, Monday to Sunday: no move.
        (d(2026, 11, 23), 0),
        (d(2026, 11, 29), 0),
        (d(2026, 11, 22), -1),
        // Christmas week.
        (d(2026, 12, 25), 4),
        // Start of September: Wednesday 1 September's week began on Monday 30 August.
        (d(2027, 9, 1), 40),
        // Summer holiday.
        (d(2027, 8, 15), 37),
        // A leap day.
        (d(2028, 2, 29), 66),
        // Before the story.
        (d(2025, 1, 6), -98),
    ];
    for (today, weeks) in cases {
        assert_eq!(weeks_to_anchor(story(), today), weeks, "{today}");
        let moved = story() + TimeDelta::weeks(weeks);
        assert_eq!(week_start(moved), week_start(today), "{today}");
        assert_eq!(moved.weekday(), story().weekday());
    }
}

#[test]
fn prose_dates_move_only_when_written_as_dates() {
    let t = TermBoundaries::default();
    let m = Mover::new(story(), 2, &t).unwrap();
    let mut s = "Visit 24/09/2026, then 30/12/2026; not 1/2/2026, 123/11/20261, 31/02/2026 \
                 or 24/09/2026x? yes: (05/11/2025)."
        .to_string();
    m.text(&mut s).unwrap();
    assert_eq!(
        s,
        "Visit 08/10/2026, then 13/01/2027; not 1/2/2026, 123/11/20261, 31/02/2026 \
         or 08/10/2026x? yes: (19/11/2025)."
    );
    // Non-ASCII around a date is kept intact.
    let mut s = "é 24/09/2026 → ok".to_string();
    m.text(&mut s).unwrap();
    assert_eq!(s, "é 08/10/2026 → ok");
}

#[test]
fn plans_move_by_the_story_years_and_so_do_their_year_labels() {
    let t = TermBoundaries::default();
    // 23/11/2026 + 40 weeks = 30/08/2027: still 2026/27, so plans stay where they are.
    assert_eq!(Mover::new(story(), 40, &t).unwrap().years, 0);
    // + 41 weeks = 06/09/2027: 2027/28.
    let m = Mover::new(story(), 41, &t).unwrap();
    assert_eq!(m.years, 1);
    // - 11 weeks = 07/09/2026, - 12 weeks = 31/08/2026.
    assert_eq!(Mover::new(story(), -11, &t).unwrap().years, 0);
    assert_eq!(Mover::new(story(), -12, &t).unwrap().years, -1);
    let mut s = "KS2 maths at 72% (2025/26: 61%), not 2025/27 or 12025/26".to_string();
    m.year_labels(&mut s).unwrap();
    assert_eq!(
        s,
        "KS2 maths at 72% (2026/27: 61%), not 2025/27 or 12025/26"
    );
    let mut s = "1999/00".to_string();
    m.year_labels(&mut s).unwrap();
    assert_eq!(s, "2000/01");
}

fn meeting(date: NaiveDate, term: Term, year: i32, title: &str) -> Meeting {
    Meeting {
        id: 1,
        date,
        term,
        year: AcademicYear(year),
        title: title.into(),
        attendees: vec![],
        agenda: vec![],
        status: MeetingStatus::Closed,
        minutes: None,
        rev: 1,
    }
}

#[test]
fn meetings_take_the_term_of_their_moved_date_and_titles_follow() {
    let t = TermBoundaries::default();
    let mut ds = Dataset::empty(Scheme::la_default());
    ds.meetings = vec![
        meeting(
            d(2026, 10, 15),
            Term::Autumn,
            2026,
            "SQA review, Autumn 2026",
        ),
        meeting(
            d(2026, 3, 12),
            Term::Spring,
            2025,
            "SQA meeting, Spring term 2025/26",
        ),
    ]
    .into();
    // 14 weeks: 15/10/2026 → 21/01/2027, 12/03/2026 → 18/06/2026.
    let moved = shift_dataset(&ds, story(), 14, &t).unwrap();
    let m = &moved.meetings[0];
    assert_eq!(
        (m.date, m.term, m.year),
        (d(2027, 1, 21), Term::Spring, AcademicYear(2026))
    );
    assert_eq!(m.title, "SQA review, Spring 2027");
    let m = &moved.meetings[1];
    assert_eq!(
        (m.date, m.term, m.year),
        (d(2026, 6, 18), Term::Summer, AcademicYear(2025))
    );
    assert_eq!(m.title, "SQA meeting, Summer term 2025/26");
    // Back again gives the original.
    assert_eq!(shift_dataset(&moved, story(), -14, &t).unwrap(), ds);
    // Whole years of terms: 52 weeks on, the autumn meeting is in the next autumn.
    let year_on = shift_dataset(&ds, story(), 52, &t).unwrap();
    let m = &year_on.meetings[0];
    assert_eq!(
        (m.date, m.term, m.year),
        (d(2027, 10, 14), Term::Autumn, AcademicYear(2027))
    );
    assert_eq!(m.title, "SQA review, Autumn 2027");
}

#[test]
fn a_stored_term_that_disagrees_with_its_date_keeps_its_offset() {
    // Boundaries configured after the meeting was made: its stored term is kept relative.
    let t = TermBoundaries {
        spring_starts: (1, 1),
        summer_starts: (3, 1),
    };
    let mut ds = Dataset::empty(Scheme::la_default());
    ds.meetings = vec![meeting(d(2026, 3, 12), Term::Spring, 2025, "x")].into();
    assert_eq!(shift_dataset(&ds, story(), 0, &t).unwrap(), ds);
    // 12/03/2026 (summer by these boundaries) → 17/09/2026 (autumn 2026/27): one term on.
    let m = &shift_dataset(&ds, story(), 27, &t).unwrap().meetings[0];
    assert_eq!((m.term, m.year), (Term::Summer, AcademicYear(2025)));
}

#[test]
fn moves_off_the_calendar_are_refused() {
    let t = TermBoundaries::default();
    let ds = Dataset::empty(Scheme::la_default());
    assert!(shift_dataset(&ds, story(), i64::MAX, &t).is_err());
    let e = shift_dataset(&ds, story(), 52 * 300_000, &t).unwrap_err();
    assert!(e.to_string().contains("off the calendar"), "{e}");
    assert_eq!(shift_dataset(&ds, story(), 52 * 1000, &t).unwrap(), ds);
}
