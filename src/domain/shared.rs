//! What the sessions of `sqa serve` share: the dataset's lists are `List`s (`list.rs`),
//! persistent vectors shared chunk by chunk, and the index's maps are persistent too
//! (`index.rs`). A copy of the dataset is a handful of reference counts, and a change copies
//! the chunks it touches, not the kind nor the authority (issue 19).
//!
//! (This module held `Shared`, a whole value behind an `Arc` copied on write; the lists and
//! the index no longer need it. The path is kept for `List`'s users.)

pub use super::list::List;
