//! The "data changed" broadcast: every session over one store subscribes, and redraws when a
//! save made by any session lands. Each notice says what changed (see `Change`).

use super::write::Change;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};

/// Called after a notice is sent, to wake a session asleep in poll (see `wake::Waker`).
pub type WakeFn = Arc<dyn Fn() + Send + Sync>;

struct Subscriber {
    tx: Sender<Change>,
    wake: Option<WakeFn>,
}

#[derive(Default)]
pub struct Subscribers(Mutex<Vec<Subscriber>>);

impl Subscribers {
    fn senders(&self) -> MutexGuard<'_, Vec<Subscriber>> {
        // A panic elsewhere while holding the lock cannot leave a Vec of senders inconsistent,
        // so a poisoned lock is still safe to use.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn subscribe(&self) -> Receiver<Change> {
        self.subscribe_waking(None)
    }

    /// A subscription whose every notice also calls `wake` (a served session sleeps in poll,
    /// not on the channel).
    pub fn subscribe_waking(&self, wake: Option<WakeFn>) -> Receiver<Change> {
        let (tx, rx) = channel();
        self.senders().push(Subscriber { tx, wake });
        rx
    }

    /// Signals every live subscriber and forgets those whose receiver is gone.
    pub fn notify(&self, change: Change) {
        self.senders().retain(|s| {
            let live = s.tx.send(change.clone()).is_ok();
            if live && let Some(wake) = &s.wake {
                wake();
            }
            live
        });
    }
}
