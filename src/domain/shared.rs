//! `Shared`: a value held behind an `Arc`, copied on write. The dataset holds each kind's list
//! this way (and the index each kind's positions), so a copy of the dataset is a handful of
//! reference counts, and a change copies the one list it changes, not the authority
//! (`sqa serve`'s sessions share one dataset; issue 19).
//!
//! It derefs to the value, so reading code is unchanged; a mutable use copies the value first
//! if anyone else holds it (counted: `work::copied`). The lists themselves are `List`s
//! (`list.rs`), which share chunk by chunk rather than whole.

use super::work;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

#[derive(Default)]
pub struct Shared<V>(Arc<V>);

/// A kind's records: a persistent vector, shared chunk by chunk (`list`).
pub use super::list::List;

/// How many records a copy of `V` copies (for `work::copied`).
pub trait Records {
    fn records(&self) -> usize;
}

impl<T> Records for Vec<T> {
    fn records(&self) -> usize {
        self.len()
    }
}

impl<V> Shared<V> {
    pub fn new(v: V) -> Shared<V> {
        Shared(Arc::new(v))
    }

    /// Whether both hold the very same value (a copy not yet written to).
    pub fn same(a: &Shared<V>, b: &Shared<V>) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<V> Clone for Shared<V> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<V> Deref for Shared<V> {
    type Target = V;
    fn deref(&self) -> &V {
        &self.0
    }
}

impl<V: Clone + Records> DerefMut for Shared<V> {
    fn deref_mut(&mut self) -> &mut V {
        if Arc::get_mut(&mut self.0).is_none() {
            work::copied(self.0.records());
        }
        Arc::make_mut(&mut self.0)
    }
}

impl<V: PartialEq> PartialEq for Shared<V> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<V: Eq> Eq for Shared<V> {}

impl<V: std::fmt::Debug> std::fmt::Debug for Shared<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<V: Serialize> Serialize for Shared<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Shared<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        V::deserialize(d).map(Shared::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_until_written_and_counts_what_it_copied() {
        let a: Shared<Vec<u32>> = Shared::new(vec![1, 2, 3]);
        let mut b = a.clone();
        assert!(Shared::same(&a, &b));
        let (n, ()) = work::copies_in(|| b.push(4));
        assert_eq!(n, 3);
        assert_eq!(*a, vec![1, 2, 3]);
        assert_eq!(*b, vec![1, 2, 3, 4]);
        // Written again: its own now, no copy.
        let (n, ()) = work::copies_in(|| b.push(5));
        assert_eq!(n, 0);
        assert_eq!(
            serde_json::to_string(&b).ok().as_deref(),
            Some("[1,2,3,4,5]")
        );
    }
}
