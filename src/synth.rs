//! A synthetic large local authority for benchmarks and scale tests: deterministic for a seed,
//! with roughly the volumes of a big county over five years.

use crate::domain::*;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// How big an authority to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub schools: usize,
    pub years: i32,
    pub notes_per_school_year: usize,
    pub activities_per_school_year: usize,
    pub decisions_per_school_year: usize,
}

impl Size {
    /// 600 schools, five years: ~18,000 notes, ~30,000 activities, ~9,000 decisions,
    /// ~3,000 checkpoint reviews.
    pub fn large() -> Size {
        Size {
            schools: 600,
            years: 5,
            notes_per_school_year: 7,
            activities_per_school_year: 10,
            decisions_per_school_year: 3,
        }
    }

    /// `n` schools with the volumes per school of `large` (five years): a regional team's
    /// authority is `Size::schools(6000)`.
    pub fn schools(n: usize) -> Size {
        Size {
            schools: n,
            ..Size::large()
        }
    }
}

/// A small, fast, deterministic generator (xorshift64*): benches need no statistical quality.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const PLACES: &[&str] = &[
    "Ashby",
    "Brookfield",
    "Cranleigh",
    "Dunmore",
    "Elmstead",
    "Fairford",
    "Greyhill",
    "Hatherley",
    "Ivybridge",
    "Kingsmead",
    "Longmoor",
    "Marlow",
    "Northcote",
    "Oakhurst",
    "Penrith",
    "Queensway",
    "Redbrook",
    "Stanton",
    "Thornbury",
    "Upwood",
    "Westcliff",
    "Yarwell",
];
const OFFICERS: &[&str] = &[
    "Priya Shah",
    "Tom Hughes",
    "Joanne Clarke",
    "Mark Ellison",
    "Aisha Khan",
    "David Moore",
    "Sarah Lloyd",
    "Ben Carter",
];
const SENTENCES: &[&str] = &[
    "Leaders have an accurate view of the school's strengths and areas for development.",
    "Phonics teaching is consistent across Reception and Year 1, and pupils at risk of falling behind are identified quickly.",
    "Attendance of disadvantaged pupils remains below the national figure; the attendance lead has introduced weekly monitoring.",
    "Governors ask challenging questions about outcomes and have commissioned an external review of the curriculum.",
    "The single central record was checked and is compliant; safeguarding training is up to date.",
    "Writing in Key Stage 2 is the priority: work in books shows improving stamina but weak use of punctuation.",
    "Subject leaders for the foundation subjects are new to post and need support to monitor their areas.",
    "The school has a budget deficit this year and a recovery plan has been agreed with the finance team.",
];

fn paragraph(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| *rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let t = date.and_hms_opt(hour, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&t)
}

/// Makes a whole authority ending in the academic year that contains `today`.
pub fn authority(size: Size, today: NaiveDate, seed: u64) -> Dataset {
    let mut rng = Rng(seed | 1);
    let scheme = Scheme::la_default();
    let keys: Vec<String> = scheme.categories.iter().map(|c| c.key.clone()).collect();
    let mut ds = Dataset::empty(scheme);
    let mut id: Id = 0;
    let mut next_id = || {
        id += 1;
        id
    };
    let last_year = AcademicYear::of(today);
    let first_year = AcademicYear(last_year.0 - size.years + 1);
    let phases = [
        Phase::Primary,
        Phase::Primary,
        Phase::Primary,
        Phase::Secondary,
        Phase::Special,
    ];
    for s in 0..size.schools {
        let urn = 900_000 + s as Urn;
        let phase = *rng.pick(&phases);
        let officer = rng.pick(OFFICERS).to_string();
        ds.schools.push(School {
            urn,
            name: format!(
                "{} {} {}",
                rng.pick(PLACES),
                rng.pick(&[
                    "St Mary's",
                    "Church of England",
                    "Community",
                    "Park",
                    "Meadow"
                ]),
                match phase {
                    Phase::Secondary => "Academy",
                    Phase::Special => "Special School",
                    _ => "Primary School",
                }
            ),
            phase,
            school_type: *rng.pick(&SchoolType::ALL),
            trust: (rng.below(3) == 0).then(|| format!("{} Learning Trust", rng.pick(PLACES))),
            diocese: (rng.below(4) == 0).then(|| "Diocese of Wealdbury".to_string()),
            headteacher: format!("Head {s}"),
            chair_of_governors: format!("Chair {s}"),
            link_officer: officer.clone(),
            contact_email: String::new(),
            notes: String::new(),
            pupils: 50 + rng.below(1200) as u32,
            ofsted: *rng.pick(&[
                OfstedOutcome::Good,
                OfstedOutcome::Good,
                OfstedOutcome::Outstanding,
                OfstedOutcome::RequiresImprovement,
            ]),
            ofsted_date: Some(first_year.start() + Duration::days(rng.below(1500) as i64)),
            report_card: None,
            opened: None,
            rev: 1,
        });
        let mut prev: Option<(Id, String)> = None;
        let mut category = keys[rng.below(keys.len())].clone();
        for y in first_year.0..=last_year.0 {
            let year = AcademicYear(y);
            let span = (year.end() - year.start()).num_days().max(1) as usize;
            for k in 0..size.decisions_per_school_year {
                let date = year.start() + Duration::days((40 + k * 110) as i64);
                if date > today {
                    break;
                }
                if rng.below(4) == 0 {
                    category = keys[rng.below(keys.len())].clone();
                }
                let did = next_id();
                ds.decisions.push(Decision {
                    id: did,
                    urn,
                    meeting: None,
                    date,
                    category: category.clone(),
                    previous: prev.as_ref().map(|p| p.1.clone()),
                    rationale: paragraph(&mut rng, 2),
                    evidence: vec!["Data dashboard".into(), "Notes of visits".into()],
                    ratings: vec![(Area::QualityOfEducation, Rating::Secure)],
                    risks: vec![],
                    at_risk: false,
                    decided_by: officer.clone(),
                    recorded_at: at(date, 16),
                    supersedes: prev.as_ref().map(|p| p.0),
                    school_informed: Some(date + Duration::days(7)),
                    diocese_informed: None,
                    shared_regional: None,
                    rev: 1,
                });
                prev = Some((did, category.clone()));
            }
            for _ in 0..size.activities_per_school_year {
                let date = year.start() + Duration::days(rng.below(span) as i64);
                let done = date < today && rng.below(10) > 0;
                ds.activities.push(Activity {
                    id: next_id(),
                    urn,
                    kind: *rng.pick(&ActivityKind::ALL),
                    title: String::new(),
                    planned: date,
                    done: done.then_some(date),
                    status: if done {
                        ActivityStatus::Done
                    } else {
                        ActivityStatus::Planned
                    },
                    owner: officer.clone(),
                    note: None,
                    rev: 1,
                });
            }
            for _ in 0..size.notes_per_school_year {
                let date = year.start() + Duration::days(rng.below(span) as i64);
                if date > today {
                    continue;
                }
                let nid = next_id();
                ds.notes.push(Note {
                    id: nid,
                    urn,
                    author: officer.clone(),
                    created: at(date, 17),
                    status: NoteStatus::Final,
                    finalised: Some(at(date, 18)),
                    body: NoteBody {
                        date: Some(date),
                        visitors: vec![officer.clone()],
                        visit_type: "Support visit".into(),
                        purpose: "Review progress against the school improvement plan".into(),
                        people_met: "Headteacher, SENCo, chair of governors".into(),
                        focus: vec![Area::QualityOfEducation, Area::Leadership],
                        evidence: paragraph(&mut rng, 2),
                        strengths: paragraph(&mut rng, 2),
                        development: paragraph(&mut rng, 2),
                        actions: vec![],
                        next_steps: paragraph(&mut rng, 1),
                        next_visit: Some(date + Duration::weeks(6)),
                        text: paragraph(&mut rng, 6),
                    },
                    amendments: vec![],
                    response: None,
                    rev: 1,
                });
                if rng.below(2) == 0 {
                    let due = date + Duration::weeks(4);
                    let done = due < today && rng.below(5) > 0;
                    ds.actions.push(Action {
                        id: next_id(),
                        urn,
                        source: ActionSource::Note(nid),
                        text: "Share the updated attendance policy with governors".into(),
                        owner: "Headteacher".into(),
                        due: Some(due),
                        status: if done {
                            ActionStatus::Done
                        } else {
                            ActionStatus::Open
                        },
                        completed: done.then_some(due),
                        rev: 1,
                    });
                }
            }
            // One in six schools is in a checkpoint category: six reviews a year.
            if s % 6 == 0 {
                for k in 0..6 {
                    let date = year.start() + Duration::weeks(2 + 6 * k);
                    if date > today {
                        break;
                    }
                    ds.checkpoints.push(CheckpointReview {
                        id: next_id(),
                        urn,
                        date,
                        reviewer: officer.clone(),
                        plan: None,
                        progress: vec![PriorityProgress {
                            priority: 0,
                            progress: Progress::SomeConcern,
                            commentary: paragraph(&mut rng, 1),
                        }],
                        overall: Progress::SomeConcern,
                        judgement: paragraph(&mut rng, 2),
                        recommendation: Recommendation::Keep,
                        next_due: Some(date + Duration::weeks(6)),
                        rev: 1,
                    });
                }
            }
        }
    }
    escalate(&mut ds, today, &mut next_id);
    ds
}

/// One school in forty is causing concern: concerns raised eight weeks ago (done), then a
/// warning notice four weeks ago, still open, its response due in a fortnight. Taken after
/// everything else, with no draw from the generator, so no other record changes.
fn escalate(ds: &mut Dataset, today: NaiveDate, next_id: &mut impl FnMut() -> Id) {
    use crate::domain::{EscalationStep, StepKind, StepStatus};
    let urns: Vec<Urn> = ds.schools.iter().map(|s| s.urn).step_by(40).collect();
    for urn in urns {
        for (kind, weeks, status) in [
            (StepKind::ConcernsRaised, 8, StepStatus::Done),
            (StepKind::WarningNotice, 4, StepStatus::Open),
        ] {
            let date = today - Duration::weeks(weeks);
            let notice = kind == StepKind::WarningNotice;
            ds.escalations.push(EscalationStep {
                id: next_id(),
                urn,
                kind,
                date,
                by: "Facilitator".into(),
                status,
                grounds: "Standards of performance unacceptably low".into(),
                response_due: notice.then(|| today + Duration::weeks(2)),
                prompted_by: None,
                rev: 1,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn large_authority_has_the_promised_volumes() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let ds = authority(Size::large(), today, 7);
        assert_eq!(ds.schools.len(), 600);
        assert!(ds.notes.len() >= 15_000, "{}", ds.notes.len());
        assert!(ds.activities.len() >= 25_000, "{}", ds.activities.len());
        assert!(ds.decisions.len() >= 7_000, "{}", ds.decisions.len());
        assert!(ds.checkpoints.len() >= 2_000, "{}", ds.checkpoints.len());
        assert_eq!(
            ds.escalations.len(),
            30,
            "one school in forty, two steps each"
        );
        assert_eq!(ds, authority(Size::large(), today, 7));
    }

    #[test]
    fn the_size_is_an_argument() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let small = authority(Size::schools(60), today, 7);
        assert_eq!(small.schools.len(), 60);
        let big = authority(Size::schools(120), today, 7);
        assert_eq!(big.schools.len(), 120);
        // Volumes per school do not depend on the size.
        let per = |d: &Dataset| d.decisions.len() as f64 / d.schools.len() as f64;
        assert!((per(&small) - per(&big)).abs() < 1.0);
    }
}
