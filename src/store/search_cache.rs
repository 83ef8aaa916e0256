//! The search index (`domain::note_search::SearchIndex`) over the store's notes, checkpoint
//! reviews and decisions: built on the first search after a commit and shared by every search
//! and session until the next, so a search on each keystroke costs one pass over text, not a
//! read and decode of every note.

use super::{Store, StoreError};
use crate::domain::note_search::SearchIndex;
use crate::domain::{CheckpointReview, Decision, Note};
use std::sync::Arc;

/// A built index and the store revision it was built at.
pub(super) type SharedIndex = (u64, Arc<SearchIndex>);

impl Store {
    /// The search index at the store's current revision.
    pub fn search_index(&self) -> Result<Arc<SearchIndex>, StoreError> {
        let revision = self.revision()?;
        // Held while building: the others wait for this build instead of making their own.
        let mut cached = self.search.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((rev, index)) = cached.as_ref()
            && *rev == revision
        {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(SearchIndex::build(
            self.all::<Note>()?,
            self.all::<CheckpointReview>()?,
            self.all::<Decision>()?,
        ));
        *cached = Some((revision, Arc::clone(&index)));
        Ok(index)
    }
}
