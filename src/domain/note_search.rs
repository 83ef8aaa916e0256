//! Finding any note of visit by its words: every field of the current version searched, case
//! ignored; each hit gives the line that matched, for a results list a facilitator can read.

use super::note::Note;
use super::text::clean_line;

/// The most hits one search gives (newest first): a query that matches more is too broad to
/// read anyway, and says so.
pub const MAX_HITS: usize = 200;

/// One note that matched, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteHit {
    pub note: Note,
    /// The field the first match is in ("Evidence seen", "Notes"…).
    pub field: &'static str,
    /// The matching line of that field, cleaned to one line.
    pub line: String,
}

/// The searchable fields of a note's current version, with the labels the view uses.
fn fields(n: &Note) -> Vec<(&'static str, String)> {
    n.body.labelled()
}

/// The notes whose current version contains every word of `query` (case ignored), newest
/// first, at most `MAX_HITS`; each with the first line that holds the query's first word.
/// An empty query finds nothing.
pub fn search(notes: &[Note], query: &str) -> Vec<NoteHit> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let Some(first) = words.first() else {
        return vec![];
    };
    let mut hits: Vec<NoteHit> = notes
        .iter()
        .filter_map(|n| {
            let fs = fields(n);
            let all = fs
                .iter()
                .map(|(_, t)| t.to_lowercase())
                .collect::<Vec<_>>()
                .join("\n");
            if !words.iter().all(|w| all.contains(w.as_str())) {
                return None;
            }
            let (field, line) = fs.iter().find_map(|(label, text)| {
                text.lines()
                    .find(|l| l.to_lowercase().contains(first.as_str()))
                    .map(|l| (*label, clean_line(l)))
            })?;
            Some(NoteHit {
                note: n.clone(),
                field,
                line,
            })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse((h.note.date(), h.note.id)));
    hits.truncate(MAX_HITS);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::note::{NoteBody, NoteStatus};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn note(id: u64, day: u32, evidence: &str, text: &str) -> Note {
        Note {
            id,
            urn: 100000 + id as u32,
            author: "jmarsh".into(),
            created: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
            status: NoteStatus::Final,
            finalised: None,
            body: NoteBody {
                date: NaiveDate::from_ymd_opt(2026, 11, day),
                evidence: evidence.into(),
                text: text.into(),
                ..NoteBody::default()
            },
            amendments: vec![],
            response: None,
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
        let ids: Vec<u64> = hits.iter().map(|h| h.note.id).collect();
        assert_eq!(ids, vec![2, 1], "newest first");
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
}
