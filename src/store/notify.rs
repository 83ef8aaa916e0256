//! The "data changed" broadcast: every session over one store subscribes, and redraws when a
//! save made by any session lands. Each notice says what changed (see `Change`).

use super::write::Change;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub struct Subscribers(Mutex<Vec<Sender<Change>>>);

impl Subscribers {
    fn senders(&self) -> MutexGuard<'_, Vec<Sender<Change>>> {
        // A panic elsewhere while holding the lock cannot leave a Vec of senders inconsistent,
        // so a poisoned lock is still safe to use.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn subscribe(&self) -> Receiver<Change> {
        let (tx, rx) = channel();
        self.senders().push(tx);
        rx
    }

    /// Signals every live subscriber and forgets those whose receiver is gone.
    pub fn notify(&self, change: Change) {
        self.senders().retain(|tx| tx.send(change.clone()).is_ok());
    }
}
