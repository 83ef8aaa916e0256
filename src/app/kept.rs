//! Unsaved forms kept across sessions (a meeting's decision forms, a checkpoint review, a
//! support plan): which ones are waiting to be put back when their form opens, and which ones
//! are in the store, so that saving or giving up a form removes its stored copy. The runtime
//! reads them from the store at start-up and writes the open form's on any exit.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Kept forms of one kind, by what they are for (`K`: a meeting, a school, …).
#[derive(Debug)]
pub struct Kept<K, D> {
    waiting: HashMap<K, D>,
    stored: HashSet<K>,
}

impl<K, D> Default for Kept<K, D> {
    fn default() -> Self {
        Kept {
            waiting: HashMap::new(),
            stored: HashSet::new(),
        }
    }
}

impl<K: Hash + Eq + Copy, D: Clone> Kept<K, D> {
    /// Forms read from the store, already filtered to the session's user.
    pub fn load(&mut self, found: impl IntoIterator<Item = (K, D)>) {
        for (k, d) in found {
            self.stored.insert(k);
            self.waiting.insert(k, d);
        }
    }

    /// Kept now, and being written to the store by the caller.
    pub fn stash(&mut self, k: K, d: D) {
        self.stored.insert(k);
        self.waiting.insert(k, d);
    }

    /// The form for `k`, to put back into its screen (its stored copy stays until `done`).
    pub fn take(&mut self, k: K) -> Option<D> {
        self.waiting.remove(&k)
    }

    /// A form taken that did not fit after all: keep waiting.
    pub fn put_back(&mut self, k: K, d: D) {
        self.waiting.insert(k, d);
    }

    /// The form for `k` was saved or given up. True when a copy in the store must go.
    pub fn done(&mut self, k: K) -> bool {
        self.waiting.remove(&k);
        self.stored.remove(&k)
    }

    /// Forms still waiting (to write again at exit: they are the user's typing).
    pub fn waiting(&self) -> impl Iterator<Item = &D> {
        self.waiting.values()
    }
}

impl super::App {
    /// Says on the status line that a kept form was put back, whose it was and when.
    /// `what` reads on into "typed by": "the unsaved support plan".
    pub(super) fn say_restored(
        &mut self,
        what: &str,
        author: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) {
        let when = self.clock.local(at).format("%H:%M on %d/%m/%Y");
        let who = crate::domain::text::clean_line(author);
        self.set_status(format!("Restored {what} typed by {who} at {when}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_taken_once_and_its_stored_copy_goes_when_done() {
        let mut k: Kept<u32, &str> = Kept::default();
        k.load([(1, "typed")]);
        assert!(!k.done(2), "nothing stored for 2");
        assert_eq!(k.take(1), Some("typed"));
        assert_eq!(k.take(1), None);
        assert!(k.done(1));
        assert!(!k.done(1), "removed once");
        k.stash(3, "left");
        assert_eq!(k.waiting().count(), 1);
        assert!(k.done(3));
        assert_eq!(k.waiting().count(), 0);
    }
}
