//! `Live`: the app over a real temporary store, its effects run by the real effect runner.

use super::at;
use chrono::NaiveDate;
use sqa_board::app::App;
use sqa_board::domain::Dataset;

/// An app over a real store: `data` is stored in a temporary store and read back as the runtime
/// reads it, record ids come from the store, and `run` carries out effects with the real runner
/// (`effects::run_effects`), so saves, revision checks and what the app is told are as they run.
pub struct Live {
    pub store: sqa_board::store::Store,
    pub app: App,
    /// Where files the app writes (meeting minutes) go, instead of the working directory.
    pub files: std::sync::Arc<tempfile::TempDir>,
}

impl Live {
    pub fn new(data: &Dataset, user: &str, day: NaiveDate) -> Live {
        let store = sqa_board::store::Store::open_temporary().expect("a temporary store");
        store
            .import_dataset(data, &sqa_board::store::Stamp::new("setup", at(day)))
            .expect("the test data stores");
        Live::join(&store, user, day)
    }

    /// Another session over the same store (as the next session, or a second officer, would be).
    pub fn join(store: &sqa_board::store::Store, user: &str, day: NaiveDate) -> Live {
        let store = store.clone();
        let files = std::sync::Arc::new(tempfile::tempdir().expect("a temporary folder"));
        let loaded = store.load_overview().expect("the store loads");
        let mut app = App::new(
            loaded,
            sqa_board::session::Session::new(user, sqa_board::clock::Clock::frozen_on(day)),
        );
        let ids = store.clone();
        app.set_id_source(Box::new(move || ids.next_id().ok()));
        Live { store, app, files }
    }

    /// Carries out `effects` with the real runner; returns the records its saves asked for as
    /// the store handed them back to the app (none for a save that failed).
    pub fn run(&mut self, effects: Vec<sqa_board::app::Effect>) -> Vec<sqa_board::app::Record> {
        use sqa_board::app::{Effect, Record};
        let asked: Vec<Record> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Save(req) => Some(req.records.iter().map(|(r, _)| r.clone())),
                _ => None,
            })
            .flatten()
            .collect();
        // Files land in this test's own folder, not in the crate being tested.
        let effects = effects
            .into_iter()
            .map(|e| match e {
                Effect::WriteFile { path, contents } => Effect::WriteFile {
                    path: self.files.path().join(path).to_string_lossy().into_owned(),
                    contents,
                },
                other => other,
            })
            .collect();
        sqa_board::effects::run_effects(&self.store, &mut self.app, effects);
        // What the app was told was saved: `App::saved` folds the stored copies (with their new
        // revisions) into its data, and notes into its notes.
        let mut held = (*self.app.data).clone();
        held.notes = self.app.notes.values().flatten().cloned().collect();
        asked.iter().filter_map(|r| stored(&held, r)).collect()
    }
}

/// The copy of `r` in `held`, if it has a revision past `r`'s (it was saved).
fn stored(held: &Dataset, r: &sqa_board::app::Record) -> Option<sqa_board::app::Record> {
    use sqa_board::app::Record as R;
    fn find<T: Clone>(
        v: &sqa_board::domain::list::List<T>,
        same: impl Fn(&T) -> bool,
    ) -> Option<T> {
        v.iter().find(|x| same(x)).cloned()
    }
    match r {
        R::School(x) => find(&held.schools, |y| y.urn == x.urn && y.rev > x.rev).map(R::School),
        R::Decision(x) => find(&held.decisions, |y| y.id == x.id && y.rev > x.rev).map(R::Decision),
        R::Meeting(x) => find(&held.meetings, |y| y.id == x.id && y.rev > x.rev).map(R::Meeting),
        R::Activity(x) => {
            find(&held.activities, |y| y.id == x.id && y.rev > x.rev).map(R::Activity)
        }
        R::Plan(x) => find(&held.plans, |y| y.id == x.id && y.rev > x.rev).map(R::Plan),
        R::Checkpoint(x) => {
            find(&held.checkpoints, |y| y.id == x.id && y.rev > x.rev).map(R::Checkpoint)
        }
        R::Note(x) => find(&held.notes, |y| y.id == x.id && y.rev > x.rev).map(R::Note),
        R::Action(x) => find(&held.actions, |y| y.id == x.id && y.rev > x.rev).map(R::Action),
        R::Escalation(x) => {
            find(&held.escalations, |y| y.id == x.id && y.rev > x.rev).map(R::Escalation)
        }
    }
}

impl std::ops::Deref for Live {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for Live {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}
