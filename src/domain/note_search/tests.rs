use super::*;
use crate::domain::checkpoint::{PriorityProgress, Progress, Recommendation};
use crate::domain::note::{NoteBody, NoteStatus};
use chrono::{TimeZone, Utc};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn note(id: u64, d: u32, evidence: &str, text: &str) -> Note {
    Note {
        id,
        urn: 100000 + id as u32,
        author: "jmarsh".into(),
        created: Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap(),
        status: NoteStatus::Final,
        finalised: None,
        body: NoteBody {
            date: Some(day(d)),
            evidence: evidence.into(),
            text: text.into(),
            visit_type: if id.is_multiple_of(2) {
                "Support visit"
            } else {
                "Core visit"
            }
            .into(),
            ..NoteBody::default()
        },
        amendments: vec![],
        response: None,
        rev: 1,
    }
}

fn review(id: u64, d: u32, commentary: &str) -> CheckpointReview {
    CheckpointReview {
        id,
        urn: 200000,
        date: day(d),
        reviewer: "spatel".into(),
        plan: None,
        progress: vec![PriorityProgress {
            priority: 0,
            progress: Progress::OnTrack,
            commentary: commentary.into(),
        }],
        overall: Progress::OnTrack,
        judgement: "Steady".into(),
        recommendation: Recommendation::Keep,
        next_due: None,
        rev: 1,
    }
}

#[test]
fn every_word_must_match_and_the_matching_line_is_given() {
    let notes = vec![
        note(1, 3, "Phonics books matched\nReading records checked", ""),
        note(2, 9, "Maths only", "phonics is next term"),
        note(3, 5, "Nothing here", ""),
    ];
    let hits = search(&notes, "PHONICS");
    let ids: Vec<u32> = hits.iter().map(|h| h.found.urn()).collect();
    assert_eq!(ids, vec![100002, 100001], "newest first");
    assert_eq!(hits[1].field, "Evidence seen");
    assert_eq!(hits[1].line, "Phonics books matched");
    assert_eq!(search(&notes, "phonics records").len(), 1);
    assert!(search(&notes, "   ").is_empty());
}

#[test]
fn a_hostile_line_is_given_clean() {
    let notes = vec![note(1, 3, "phonics \u{1b}[2J\u{7} ok", "")];
    let hits = search(&notes, "phonics");
    assert!(!hits[0].line.contains('\u{1b}'), "{:?}", hits[0].line);
}

#[test]
fn reviews_commentaries_are_found_and_filters_narrow() {
    let index = SearchIndex::build(
        vec![
            note(1, 3, "phonics in year 1", ""),
            note(2, 20, "phonics in year 2", ""),
        ],
        vec![review(9, 10, "Phonics catch-up is working")],
        vec![],
    );
    let names = OfficerNames::new(vec![("jmarsh".into(), "Jo Marsh".into())]);
    let q = |s: &str| Query::parse(s, day(23)).unwrap();
    let all = index.search(&q("phonics"), &names);
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].found.label(), "Review");
    assert_eq!(all[1].field, "Commentary");
    assert_eq!(index.search(&q("phonics in:reviews"), &names).len(), 1);
    assert_eq!(index.search(&q("phonics by:\"jo marsh\""), &names).len(), 2);
    assert_eq!(index.search(&q("phonics by:spatel"), &names).len(), 1);
    assert_eq!(index.search(&q("phonics type:support"), &names).len(), 1);
    let dated = index.search(&q("phonics from:01/11/2026 to:15/11/2026"), &names);
    let dates: Vec<NaiveDate> = dated.iter().map(|h| h.found.date()).collect();
    assert_eq!(dates, vec![day(10), day(3)]);
    assert!(
        Query::parse("from:someday", day(23))
            .unwrap_err()
            .contains("from:")
    );
    assert!(Query::parse("in:emails", day(23)).is_err());
    // A word with a colon that is not a filter is a word.
    assert_eq!(q("ks2:reading").words, vec!["ks2:reading".to_string()]);
}
