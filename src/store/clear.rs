//! Emptying a store through its open handle (`sqa demo --fresh`): the lock is held throughout,
//! so a store another session has open is refused at `Store::open` (`Locked`) instead of being
//! deleted under it, and that session never says "saved" for data that is gone.

use super::{RECORD_TREES, Store, StoreError};

impl Store {
    /// Removes every record, index, audit entry, counter, draft and cache, as if new. The schools
    /// go first: should this stop half-way, the store holds no schools and the next
    /// `demo --fresh` (or the import refusing a store with records) says so, rather than a board
    /// opening on half the data.
    pub fn clear_all(&self) -> Result<(), StoreError> {
        for name in RECORD_TREES {
            self.tree(name)?.clear()?;
        }
        for name in self.db.tree_names() {
            self.db.open_tree(&name)?.clear()?;
        }
        self.flush()?;
        self.subscribers.notify(super::Change {
            user: String::new(),
            records: vec![("dataset", "all".to_string(), 0)],
        });
        Ok(())
    }
}
