//! Markdown documents: a school profile and a note of visit, with data that tries to break them.

use chrono::{NaiveDate, TimeZone, Utc};
use sqa_board::clock::{Clock, Zone};
use sqa_board::domain::list::List;
use sqa_board::domain::{
    AcademicYear, Action, ActionSource, ActionStatus, AgreedAction, Amendment, Area,
    CheckpointReview, Dataset, Decision, Note, NoteBody, NoteStatus, OfstedOutcome, Phase,
    PlanPriority, Progress, Rating, Recommendation, RiskFactor, Scheme, School, SchoolType,
    SupportPlan,
};
use sqa_board::domain::{OfficerNames, SchoolResponse};
use sqa_board::export::{Readers, note_markdown, school_profile};

/// No names mapped, times in UTC: the documents as the fixtures were written.
fn plain<T>(f: impl FnOnce(&Readers) -> T) -> T {
    let names = OfficerNames::default();
    let clock = Clock::frozen(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    f(&Readers {
        names: &names,
        clock: &clock,
    })
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

const URN: u32 = 990001;

fn school() -> School {
    School {
        urn: URN,
        name: "FIERTÉ | Academy".into(),
        phase: Phase::Secondary,
        school_type: SchoolType::VoluntaryAided,
        trust: None,
        diocese: Some("Diocese of Wealdshire".into()),
        headteacher: "Mrs Jane Doe".into(),
        chair_of_governors: "Mr Chair".into(),
        link_officer: "Ravi Patel".into(),
        contact_email: String::new(),
        notes: String::new(),
        pupils: 1104,
        ofsted: OfstedOutcome::RequiresImprovement,
        ofsted_date: Some(d(2024, 3, 12)),
        report_card: None,
        opened: None,
        rev: 3,
    }
}

fn decision(id: u64, date: NaiveDate, cat: &str, prev: Option<&str>, why: &str) -> Decision {
    Decision {
        id,
        urn: URN,
        meeting: None,
        date,
        category: cat.into(),
        previous: prev.map(String::from),
        rationale: why.into(),
        evidence: vec!["KS4 results 2026".into()],
        ratings: vec![(Area::QualityOfEducation, Rating::Concern)],
        risks: vec![RiskFactor::LeadershipChange],
        at_risk: true,
        decided_by: "SQA panel".into(),
        recorded_at: Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap(),
        supersedes: None,
        school_informed: Some(d(2026, 10, 3)),
        diocese_informed: None,
        shared_regional: None,
        rev: 1,
    }
}

fn note() -> Note {
    let body = NoteBody {
        date: Some(d(2026, 11, 3)),
        visitors: vec!["Ravi Patel".into(), "Jane Smith".into()],
        visit_type: "Support visit".into(),
        purpose: "Review the | curriculum plan".into(),
        people_met: "Head, SENCo".into(),
        focus: vec![Area::QualityOfEducation, Area::Safeguarding],
        evidence: "Lesson visits\nBooks".into(),
        strengths: "# Not a heading\nStrong leadership".into(),
        development: "Reading in KS3".into(),
        actions: vec![AgreedAction {
            text: "Publish | reading plan".into(),
            owner: "Head".into(),
            due: Some(d(2026, 12, 1)),
            action: Some(1),
        }],
        next_steps: "Follow up in spring".into(),
        next_visit: Some(d(2027, 1, 20)),
        text: "Free text\u{1b}[31m in red?".into(),
    };
    let mut first = body.clone();
    first.development = "Reading".into();
    Note {
        id: 7,
        urn: URN,
        author: "Ravi Patel".into(),
        created: Utc.with_ymd_and_hms(2026, 11, 3, 15, 0, 0).unwrap(),
        status: NoteStatus::Final,
        finalised: Some(Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap()),
        body,
        amendments: vec![Amendment {
            version: 1,
            reason: "Corrected the area for development".into(),
            author: "Ravi Patel".into(),
            at: Utc.with_ymd_and_hms(2026, 11, 10, 14, 30, 0).unwrap(),
            previous: first,
        }],
        response: None,
        rev: 2,
    }
}

fn dataset() -> Dataset {
    let mut ds = Dataset::empty(Scheme::la_default());
    ds.schools = vec![school()].into();
    ds.decisions = vec![
        decision(1, d(2026, 3, 10), "medium", None, "Stable | improving"),
        decision(
            2,
            d(2026, 10, 1),
            "high",
            Some("medium"),
            "Head left\nResults fell",
        ),
    ]
    .into();
    ds.plans = vec![
        SupportPlan {
            id: 1,
            urn: URN,
            year: AcademicYear(2026),
            priorities: vec![PlanPriority {
                title: "Improve reading".into(),
                success_criteria: vec!["80% at expected standard".into()],
            }],
            rev: 1,
        },
        SupportPlan {
            id: 2,
            urn: URN,
            year: AcademicYear(2025),
            priorities: vec![PlanPriority {
                title: "Last year's plan".into(),
                success_criteria: vec![],
            }],
            rev: 1,
        },
    ]
    .into();
    ds.checkpoints = vec![CheckpointReview {
        id: 1,
        urn: URN,
        date: d(2026, 10, 20),
        reviewer: "Jane Smith".into(),
        plan: Some(1),
        progress: vec![sqa_board::domain::PriorityProgress {
            priority: 0,
            progress: Progress::SomeConcern,
            commentary: "Phonics | not yet consistent in Year 1".into(),
        }],
        overall: Progress::SomeConcern,
        judgement: "Slow start".into(),
        recommendation: Recommendation::Keep,
        next_due: Some(d(2026, 11, 17)),
        rev: 1,
    }]
    .into();
    ds.notes = vec![note()].into();
    ds.actions = vec![
        Action {
            id: 1,
            urn: URN,
            source: ActionSource::Note(7),
            text: "Publish | reading plan".into(),
            owner: "Head".into(),
            due: Some(d(2026, 12, 1)),
            status: ActionStatus::Open,
            completed: None,
            rev: 1,
        },
        Action {
            id: 2,
            urn: URN,
            source: ActionSource::Other,
            text: "Send attendance data".into(),
            owner: "Business manager".into(),
            due: Some(d(2026, 11, 1)),
            status: ActionStatus::Open,
            completed: None,
            rev: 1,
        },
        Action {
            id: 3,
            urn: URN,
            source: ActionSource::Other,
            text: "Finished thing".into(),
            owner: "Head".into(),
            due: Some(d(2026, 10, 1)),
            status: ActionStatus::Done,
            completed: Some(d(2026, 9, 30)),
            rev: 1,
        },
    ]
    .into();
    ds
}

/// Every table row has the same number of unescaped pipes as its header.
fn tables_are_well_formed(md: &str) {
    let mut expected: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let pipes = line.replace("\\|", "").matches('|').count();
            match expected {
                None => expected = Some(pipes),
                Some(n) => assert_eq!(pipes, n, "broken table row: {line}\n{md}"),
            }
        } else {
            expected = None;
        }
    }
}

#[test]
fn school_profile_has_every_section() {
    let today = d(2026, 11, 23);
    let md = plain(|r| school_profile(&dataset(), URN, today, r)).unwrap();
    tables_are_well_formed(&md);
    assert!(md.starts_with("# FIERTÉ | Academy (URN 990001)"), "{md}");
    assert!(md.contains("Profile as at Mon 23 Nov 2026."));
    assert!(md.contains("| Ofsted | Requires improvement (Tue 12 Mar 2024) |"));
    assert!(md.contains("| Link officer | Ravi Patel |"));
    assert!(
        md.contains("**High** ▲ HIGH: Intensive support — **at risk**"),
        "{md}"
    );
    assert!(md.contains("Decided Thu 1 Oct 2026 by SQA panel; raised from Medium."));
    assert!(md.contains("Head left  \nResults fell"));
    assert!(md.contains("Risk factors: Leadership change or absence."));
    assert!(
        md.contains("Next checkpoint review: Tue 17 Nov 2026 — **OVERDUE**, and not yet planned.")
    );
    assert!(md.contains("Diocese informed: —."));
    // History, newest first, pipes escaped.
    let hist = md.split("## Priority history").nth(1).unwrap();
    let high = hist.find("| High |").unwrap();
    let medium = hist.find("| Medium |").unwrap();
    assert!(high < medium);
    assert!(hist.contains("Stable \\| improving"));
    assert!(hist.contains("Head left<br>Results fell"));
    // This year's plan only.
    assert!(
        md.contains("## Support plan 2026/27\n\n1. Improve reading\n   - 80% at expected standard")
    );
    assert!(!md.contains("Last year's plan"));
    // Notes and checkpoints.
    assert!(md.contains(
        "| Tue 3 Nov 2026 | Support visit | Ravi Patel | Review the \\| curriculum plan |"
    ));
    assert!(md.contains("| Tue 20 Oct 2026 | Jane Smith | Some concern | Slow start | Keep priority | Tue 17 Nov 2026 |"));
    // Each review in full: progress per support-plan priority, with its commentary.
    assert!(
        md.contains("### Checkpoint review, Tue 20 Oct 2026 (Jane Smith)"),
        "{md}"
    );
    assert!(
        md.contains(
            "| Improve reading | Some concern | Phonics \\| not yet consistent in Year 1 |"
        )
    );
    assert!(md.contains("Overall: Some concern. Slow start Recommendation: Keep priority."));
    // Open actions, soonest first, overdue marked; done ones left out.
    let actions = md.split("## Open actions").nth(1).unwrap();
    let overdue = actions
        .find("| Send attendance data | Business manager | Sun 1 Nov 2026 | **OVERDUE** |")
        .unwrap();
    let later = actions
        .find("| Publish \\| reading plan | Head | Tue 1 Dec 2026 |  |")
        .unwrap();
    assert!(overdue < later);
    assert!(!actions.contains("Finished thing"));
}

#[test]
fn school_profile_of_an_unknown_or_new_school() {
    let mut ds = dataset();
    assert!(plain(|r| school_profile(&ds, 123, d(2026, 11, 23), r)).is_none());
    ds.decisions.clear();
    ds.plans.clear();
    ds.notes.clear();
    ds.checkpoints.clear();
    ds.actions.clear();
    let md = plain(|r| school_profile(&ds, URN, d(2026, 11, 23), r)).unwrap();
    tables_are_well_formed(&md);
    assert!(md.contains("No priority decision has been recorded."));
    assert!(md.contains("No support plan for this year."));
    assert!(md.contains("No notes of visits."));
    assert!(md.contains("No open actions."));
    assert!(!md.contains("## Priority history"));
}

#[test]
fn note_of_visit_has_every_field_actions_and_versions() {
    let md = plain(|r| note_markdown(&school(), &note(), &List::default(), r));
    tables_are_well_formed(&md);
    assert!(md.starts_with("# Note of visit: FIERTÉ | Academy (URN 990001)"));
    for needle in [
        "| Date of visit | Tue 3 Nov 2026 |",
        "| Visit type | Support visit |",
        "| Visitor(s) | Ravi Patel, Jane Smith |",
        "| People met | Head, SENCo |",
        "| Areas in focus | Quality of education, Safeguarding |",
        "| Status | Final, Wed 4 Nov 2026 |",
        "| Version | 2 |",
        "## Purpose of the visit\n\nReview the | curriculum plan",
        "## Evidence seen\n\nLesson visits  \nBooks",
        "## Strengths\n\n\\# Not a heading  \nStrong leadership",
        "## Areas for development\n\nReading in KS3",
        "| 1 | Publish \\| reading plan | Head | Tue 1 Dec 2026 | — |",
        "## Next steps\n\nFollow up in spring",
        "Next visit: Wed 20 Jan 2027.",
        "## Further notes\n\nFree text in red?",
        "| 1 | Tue 3 Nov 2026 (written) | Ravi Patel | — |",
        "| 2 | Tue 10 Nov 2026 14:30 | Ravi Patel | Corrected the area for development |",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    assert!(!md.contains('\u{1b}'));
}

#[test]
fn a_draft_note_says_so() {
    let mut n = note();
    n.status = NoteStatus::Draft;
    n.finalised = None;
    n.amendments.clear();
    n.body.actions.clear();
    let md = plain(|r| note_markdown(&school(), &n, &List::default(), r));
    assert!(md.contains("| Status | **Draft** (not yet finalised) |"));
    assert!(md.contains("| Version | 1 |"));
    assert!(md.contains("No actions were agreed."));
    assert!(md.contains("Version 1, written by Ravi Patel on Tue 3 Nov 2026."));
}

/// The document a school reads names officers as the config lists them (login → display
/// name; one not listed stays as the login), gives times in the session's zone, lists each
/// agreed action with its status now, and the school's response.
#[test]
fn note_export_uses_display_names_local_time_action_status_and_response() {
    let mut n = note();
    n.author = "rpatel".into();
    n.amendments[0].author = "rpatel".into();
    n.body.actions[0].action = Some(70);
    n.response = Some(SchoolResponse {
        received: d(2026, 11, 12),
        corrections: true,
        comment: "The visit was on Tuesday, not Monday".into(),
        recorded_by: "jsmith".into(),
        recorded_at: Utc.with_ymd_and_hms(2026, 11, 12, 23, 30, 0).unwrap(),
    });
    let actions = vec![Action {
        id: 70,
        urn: URN,
        source: ActionSource::Note(7),
        text: "Publish | reading plan".into(),
        owner: "Head".into(),
        due: Some(d(2026, 12, 1)),
        status: ActionStatus::Done,
        completed: Some(d(2026, 11, 20)),
        rev: 1,
    }];
    let names = OfficerNames::new(vec![("rpatel".into(), "Ravi Patel".into())]);
    // An hour ahead of UTC: 14:30 UTC is 15:30 here, and 23:30 UTC the next day.
    let zone = Zone::Fixed(chrono::FixedOffset::east_opt(3600).unwrap());
    let clock = Clock::frozen(Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()).in_zone(zone);
    let md = note_markdown(
        &school(),
        &n,
        &List::from(actions),
        &Readers {
            names: &names,
            clock: &clock,
        },
    );
    tables_are_well_formed(&md);
    for needle in [
        "| Written by | Ravi Patel |",
        "| 2 | Tue 10 Nov 2026 15:30 | Ravi Patel | Corrected the area for development |",
        "| 1 | Publish \\| reading plan | Head | Tue 1 Dec 2026 | done Fri 20 Nov 2026 |",
        "## The school's response\n\nReceived Thu 12 Nov 2026: factual corrections requested.",
        "The visit was on Tuesday, not Monday",
        "Recorded by jsmith on Fri 13 Nov 2026 00:30.",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    assert!(!md.contains("UTC"));
    assert!(!md.contains("| rpatel"));
}
