//! Finding anything by its words on the large authority, as the board's "Find" does
//! (`Effect::SearchNotes`): the store's search index built once after a commit (every note,
//! checkpoint review and decision read and lowercased), then a search as each key of a query
//! is typed, words and filters.

use sqa_board::domain::OfficerNames;
use sqa_board::domain::note_search::Query;
use sqa_board::store::Store;
use std::path::Path;
use std::time::Instant;

pub fn search_figure(path: &Path, today: chrono::NaiveDate) {
    let store = Store::open(path, &super::by("bench")).expect("open store");
    let t = Instant::now();
    let index = store.search_index().expect("index");
    let build = t.elapsed().as_secs_f64() * 1000.0;
    let names = OfficerNames::default();
    let mut per_key = Vec::new();
    let mut hits = 0;
    for typed in ["reading phonics", "phonics from:01/09/2025 in:notes"] {
        for end in 1..=typed.len() {
            let Ok(q) = Query::parse(&typed[..end], today) else {
                continue;
            };
            let t = Instant::now();
            hits = index.search(&q, &names).len();
            per_key.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    per_key.sort_by(f64::total_cmp);
    let p50 = per_key[per_key.len() / 2];
    let worst = per_key[per_key.len() - 1];
    println!(
        "find (every note, review, decision: {} records): index built once per commit {build:.0} ms; a search per keystroke p50 {p50:.1} ms, slowest {worst:.1} ms ({hits} hits for the last) (target: <= 50 ms a keystroke)",
        index.len()
    );
}
