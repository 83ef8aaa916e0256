//! Property tests: records survive the envelope, and no byte string makes the decoder panic.

use chrono::NaiveDate;
use proptest::prelude::*;
use sqa_board::domain::*;
use sqa_board::store::keys::{id_key, urn_key};
use sqa_board::store::{Record, decode_record, envelope};

fn date() -> impl Strategy<Value = NaiveDate> {
    (-100_000i32..1_000_000).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

fn school() -> impl Strategy<Value = School> {
    (
        (
            any::<u32>(),
            ".*",
            0..Phase::ALL.len(),
            0..SchoolType::ALL.len(),
        ),
        (
            proptest::option::of(".*"),
            proptest::option::of(".*"),
            ".*",
            ".*",
            ".*",
        ),
        (
            any::<u32>(),
            0..8usize,
            proptest::option::of(date()),
            proptest::option::of(date()),
            any::<u64>(),
        ),
    )
        .prop_map(
            |(
                (urn, name, phase, ty),
                (trust, diocese, headteacher, chair, link),
                (pupils, ofsted, ofsted_date, opened, rev),
            )| School {
                urn,
                name,
                phase: Phase::ALL[phase],
                school_type: SchoolType::ALL[ty],
                trust,
                diocese,
                headteacher,
                chair_of_governors: chair,
                link_officer: link,
                contact_email: String::new(),
                notes: String::new(),
                pupils,
                ofsted: [
                    OfstedOutcome::Outstanding,
                    OfstedOutcome::Good,
                    OfstedOutcome::RequiresImprovement,
                    OfstedOutcome::Inadequate,
                    OfstedOutcome::NoOverallGrade,
                    OfstedOutcome::NotYetInspected,
                    OfstedOutcome::SeriousWeaknesses,
                    OfstedOutcome::SpecialMeasures,
                ][ofsted],
                ofsted_date,
                // Some schools with a report card, its grades drawn from the revision's bits.
                report_card: opened.filter(|_| rev % 3 != 0).map(|d| {
                    let mut c = ReportCard::empty(d);
                    for (i, a) in ReportArea::ALL.into_iter().enumerate() {
                        let pick = (rev >> (3 * i)) as usize % 6;
                        c.set(a, AreaGrade::ALL.get(pick).copied());
                    }
                    c.safeguarding = [None, Some(Safeguarding::Met), Some(Safeguarding::NotMet)]
                        [(rev >> 30) as usize % 3];
                    c
                }),
                opened,
                rev,
            },
        )
}

fn action() -> impl Strategy<Value = Action> {
    let source = prop_oneof![
        any::<u64>().prop_map(ActionSource::Note),
        any::<u64>().prop_map(ActionSource::Meeting),
        any::<u64>().prop_map(ActionSource::Checkpoint),
        Just(ActionSource::Other),
    ];
    let status = prop_oneof![
        Just(ActionStatus::Open),
        Just(ActionStatus::Done),
        Just(ActionStatus::Dropped)
    ];
    (
        (any::<u64>(), any::<u32>(), source, ".*", ".*"),
        (
            proptest::option::of(date()),
            status,
            proptest::option::of(date()),
            any::<u64>(),
        ),
    )
        .prop_map(
            |((id, urn, source, text, owner), (due, status, completed, rev))| Action {
                id,
                urn,
                source,
                text,
                owner,
                due,
                status,
                completed,
                rev,
            },
        )
}

fn round_trips<R: Record + PartialEq + std::fmt::Debug>(r: &R) {
    let bytes = envelope::encode(R::SCHEMA, r).unwrap();
    let back: R = decode_record(&bytes, &r.key()).unwrap();
    assert_eq!(&back, r);
}

proptest! {
    #[test]
    fn schools_round_trip(s in school()) {
        round_trips(&s);
    }

    #[test]
    fn actions_round_trip(a in action()) {
        round_trips(&a);
    }

    #[test]
    fn any_bytes_decode_without_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        schema in 0u16..4,
        framed in any::<bool>(),
    ) {
        // Half the cases carry a valid header, so the body decoder sees the garbage too.
        let v = if framed {
            let mut v = vec![envelope::MAGIC];
            v.extend_from_slice(&schema.to_be_bytes());
            v.extend_from_slice(&bytes);
            v
        } else {
            bytes
        };
        let _ = decode_record::<School>(&v, &urn_key(1));
        let _ = decode_record::<Action>(&v, &id_key(1));
        let _ = decode_record::<Decision>(&v, &v);
        let _ = decode_record::<Note>(&v, &v);
        let _ = decode_record::<Meeting>(&v, &v);
        let _ = decode_record::<SupportPlan>(&v, &v);
        let _ = decode_record::<CheckpointReview>(&v, &v);
        let _ = decode_record::<Activity>(&v, &v);
    }
}
