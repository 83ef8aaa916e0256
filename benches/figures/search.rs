//! Finding any note by its words on the large authority: the store's notes read and searched,
//! as one Enter in the board's "Find notes" does (`Effect::SearchNotes`).

use sqa_board::domain::note_search::search;
use sqa_board::store::Store;
use std::path::Path;
use std::time::Instant;

pub fn search_figure(path: &Path) {
    let store = Store::open(path, &super::by("bench")).expect("open store");
    let mut read = Vec::new();
    let mut found = Vec::new();
    let mut hits = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let notes = store.all_notes().expect("notes");
        read.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        hits = search(&notes, "reading phonics").len();
        found.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    read.sort_by(f64::total_cmp);
    found.sort_by(f64::total_cmp);
    println!(
        "find notes (\"reading phonics\", {hits} hits shown): read every note {:.0} ms + search {:.0} ms, medians of 5 (target: <= 50 ms a keystroke; searched on Enter, not per key)",
        read[2], found[2]
    );
}
