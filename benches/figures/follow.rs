//! A foreign commit in `sqa serve` (issue 19, "a region on one server"), at each size
//! (`-- --follow-only --sizes 600,6000`): what a session's reload costs after another
//! officer's commit, and its first save after that, before and after the shared overview
//! followed commits (`store::overview`) and the dataset's lists and index were shared, chunk by
//! chunk (`domain::list`, `domain::index`: persistent vectors and maps).
//!
//! "Before" is what the earlier code did, done here by hand on the same store: the reload
//! read every record (`load_overview`) and indexed them all (`DataIndex::build`); the first
//! save copied the whole dataset (`Arc::make_mut`; its index's copy is not counted, so the
//! figure is a lower bound).

use super::{by, today};
use sqa_board::app::{App, Record};
use sqa_board::clock::Clock;
use sqa_board::domain::index::DataIndex;
use sqa_board::domain::{Action, Dataset, Decision};
use sqa_board::session::Session;
use sqa_board::store::{Staged, Store};
use sqa_board::synth;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Every list copied, as `Arc::make_mut` on the whole dataset did (into `List`s now: the records
/// cloned as the `Vec` copy cloned them, plus building the trees, so a little more than it was).
fn deep_copy(d: &Dataset) -> Dataset {
    let mut c = Dataset::empty(d.scheme.clone());
    c.schools = d.schools.to_vec().into();
    c.decisions = d.decisions.to_vec().into();
    c.meetings = d.meetings.to_vec().into();
    c.activities = d.activities.to_vec().into();
    c.plans = d.plans.to_vec().into();
    c.checkpoints = d.checkpoints.to_vec().into();
    c.actions = d.actions.to_vec().into();
    c.escalations = d.escalations.to_vec().into();
    c
}

/// One officer's commit: the `i`th action's text edited (in place in key order).
fn edit_action(store: &Store, data: &Dataset, i: usize) -> Action {
    let id = data.actions[i * 97 % data.actions.len()].id;
    let mut a: Action = store.get(&id).expect("get").expect("action");
    a.text = format!("Edited elsewhere {i}");
    let (staged, _) = Staged::new(&a, "edit").expect("stage");
    store.commit(&by("Ola Okafor"), &[staged]).expect("commit");
    store.get(&id).expect("get").expect("action")
}

/// One officer's commit that moves a record: a decision's date a day on.
fn move_decision(store: &Store, data: &Dataset, i: usize) {
    let id = data.decisions[i * 89 % data.decisions.len()].id;
    let mut d: Decision = store.get(&id).expect("get").expect("decision");
    d.date += chrono::Duration::days(1);
    let (staged, _) = Staged::new(&d, "move").expect("stage");
    store.commit(&by("Ola Okafor"), &[staged]).expect("commit");
}

pub fn follow_figures(sizes: &[usize]) {
    println!("a foreign commit in sqa serve (median of {RUNS}; other sessions hold the overview):");
    for &n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("store"), &by("bench")).expect("open");
        let ds = synth::authority(synth::Size::schools(n), today(), 42);
        store.import_dataset(&ds, &by("bench")).expect("import");
        drop(ds);
        // Another session's hold on the overview and its index (the server's sessions).
        let mut held = store.load_overview_indexed().expect("load");

        let (mut full, mut deep) = (vec![], vec![]);
        for _ in 0..RUNS {
            let t = Instant::now();
            let d = store.load_overview().expect("load");
            let ix = DataIndex::build(&d);
            full.push(ms(t.elapsed()));
            let t = Instant::now();
            let c = deep_copy(&held.0);
            deep.push(ms(t.elapsed()));
            drop((d, ix, c));
        }

        let (mut edit, mut moved, mut first_save, mut set_data) = (vec![], vec![], vec![], vec![]);
        let mut followed = vec![];
        for i in 0..RUNS {
            edit_action(&store, &held.0, i);
            let t = Instant::now();
            let next = store.load_overview_indexed().expect("follow");
            edit.push(ms(t.elapsed()));
            held = next;
            move_decision(&store, &held.0, i);
            let t = Instant::now();
            let next = store.load_overview_indexed().expect("follow");
            moved.push(ms(t.elapsed()));
            held = next;
            // A session over the shared overview, as after its reload; then its own save.
            let mut app = App::new(
                held.0.clone(),
                Session::new("Priya Shah", Clock::frozen_on(today())),
            );
            let t = Instant::now();
            app.set_data_indexed(held.0.clone(), held.1.clone());
            set_data.push(ms(t.elapsed()));
            // Another officer's commit, then the session takes it drawing again only the rows
            // of the schools it wrote (what the runner does).
            let r0 = store.revision().expect("revision");
            edit_action(&store, &held.0, i + 2 * RUNS);
            let r1 = store.revision().expect("revision");
            // The session is the last to hold the data it lets go of: freeing it is timed
            // with the rest (with persistent lists, only the chunks the commit replaced).
            held = store.load_overview_indexed().expect("follow");
            let t = Instant::now();
            app.set_data_followed(
                held.0.clone(),
                held.1.clone(),
                store.schools_written(r0, r1),
            );
            followed.push(ms(t.elapsed()));
            let a = edit_action(&store, &held.0, i + RUNS);
            let t = Instant::now();
            app.saved(vec![Record::Action(a)], "Saved".into());
            first_save.push(ms(t.elapsed()));
            drop(app);
            held = store.load_overview_indexed().expect("follow");
        }
        println!("  {n} schools:");
        println!(
            "    reload after a foreign commit: before {:.1} ms (load every record + index); after {:.2} ms (an edit in place), {:.2} ms (a record moved: its kind indexed again)",
            median(full),
            median(edit),
            median(moved)
        );
        println!(
            "    first save after a foreign commit: before >= {:.1} ms (the whole dataset copied); after {:.2} ms (the changed chunk and index nodes copied, the board row redrawn)",
            median(deep),
            median(first_save)
        );
        println!(
            "    each session then takes the new data: before {:.1} ms (App::set_data_indexed, the board rebuilt); after {:.2} ms (set_data_followed: the rows of the schools written, the old data freed)",
            median(set_data),
            median(followed)
        );
    }
}
