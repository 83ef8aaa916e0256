//! `List`: a kind's records in the dataset, as a persistent vector (`imbl::Vector`, an RRB
//! tree of chunks of 64 records). A copy of a list shares every chunk; a change copies only
//! the chunks it touches, so a session's first save after another's commit (`sqa serve`'s
//! sessions share one dataset) costs the same at 60 schools as at 6,000 (issue 19).
//!
//! It offers the `Vec` methods the code uses, reads as a sequence in serde (the JSON export
//! is what a `Vec` writes), and counts what copy on write copies (`work::copied`): one chunk
//! per record changed while another holds the list, the whole list for a change of every
//! record (`retain`, sorts, `iter_mut`).

use super::work;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::ops::{Index, IndexMut};
use std::sync::Arc;

type Ptr = imbl::shared_ptr::DefaultSharedPtr;
/// A list's records, writable, in order.
pub type IterMut<'a, T> = imbl::vector::IterMut<'a, T, Ptr>;

/// Records in one leaf chunk of `imbl::Vector` (its branching factor).
const CHUNK: usize = 64;

pub struct List<T: Clone> {
    items: imbl::Vector<T>,
    /// Shared by every copy of this list: more than one holder means a change copies.
    holders: Arc<()>,
}

impl<T: Clone> List<T> {
    pub fn new() -> List<T> {
        List {
            items: imbl::Vector::new(),
            holders: Arc::new(()),
        }
    }

    /// Whether both hold the very same records (a copy not yet written to). An empty or very
    /// short list (held inline, no chunk) is never the same as another.
    pub fn same(a: &List<T>, b: &List<T>) -> bool {
        a.items.ptr_eq(&b.items)
    }

    /// The records, writable; `n` is how many a copy on write copies now if this list is
    /// shared (counted).
    fn write(&mut self, n: usize) -> &mut imbl::Vector<T> {
        if Arc::strong_count(&self.holders) > 1 {
            work::copied(n.min(self.items.len()).max(1));
        }
        &mut self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.items.get(i)
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.write(CHUNK).get_mut(i)
    }

    pub fn first(&self) -> Option<&T> {
        self.items.front()
    }

    pub fn last(&self) -> Option<&T> {
        self.items.back()
    }

    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            chunks: self.items.leaves(),
            front: [].iter(),
            back: [].iter(),
            left: self.items.len(),
        }
    }

    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        let n = self.items.len();
        self.write(n).iter_mut()
    }

    pub fn push(&mut self, item: T) {
        self.write(CHUNK).push_back(item);
    }

    pub fn insert(&mut self, i: usize, item: T) {
        self.write(CHUNK).insert(i, item);
    }

    pub fn remove(&mut self, i: usize) -> T {
        self.write(CHUNK).remove(i)
    }

    pub fn pop(&mut self) -> Option<T> {
        self.write(CHUNK).pop_back()
    }

    pub fn truncate(&mut self, len: usize) {
        self.write(CHUNK).truncate(len);
    }

    pub fn clear(&mut self) {
        // A new empty tree: nothing copied.
        self.items = imbl::Vector::new();
    }

    pub fn reverse(&mut self) {
        let n = self.items.len();
        let reversed = self.items.iter().rev().cloned().collect();
        *self.write(n) = reversed;
    }

    pub fn retain(&mut self, f: impl FnMut(&T) -> bool) {
        let n = self.items.len();
        self.write(n).retain(f);
    }

    pub fn sort_by(&mut self, f: impl Fn(&T, &T) -> Ordering) {
        let n = self.items.len();
        self.write(n).sort_by(f);
    }

    pub fn sort_by_key<K: Ord>(&mut self, key: impl Fn(&T) -> K) {
        self.sort_by(|a, b| key(a).cmp(&key(b)));
    }

    /// The index of the first record for which `pred` is false (the records are partitioned
    /// by it, as `slice::partition_point`): a binary search, O(log² n) on the tree.
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.items.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.items.get(mid) {
                Some(r) if pred(r) => lo = mid + 1,
                _ => hi = mid,
            }
        }
        lo
    }

    /// The records as a `Vec` of their own.
    pub fn to_vec(&self) -> Vec<T> {
        self.items.iter().cloned().collect()
    }

    /// The records as a `Vec` (moved out of chunks this list alone holds, else copied).
    pub fn into_vec(self) -> Vec<T> {
        self.items.into_iter().collect()
    }
}

/// A list's records, in order: slice by slice over its chunks (as fast as a `Vec`'s to walk,
/// where `imbl`'s own iterator finds each record's chunk again, ~4x slower).
pub struct Iter<'a, T> {
    chunks: imbl::vector::Chunks<'a, T, Ptr>,
    front: std::slice::Iter<'a, T>,
    back: std::slice::Iter<'a, T>,
    left: usize,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        loop {
            if let Some(x) = self.front.next() {
                self.left -= 1;
                return Some(x);
            }
            match self.chunks.next() {
                Some(c) => self.front = c.iter(),
                None => {
                    let x = self.back.next();
                    if x.is_some() {
                        self.left -= 1;
                    }
                    return x;
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }

    fn fold<B, F: FnMut(B, &'a T) -> B>(self, init: B, mut f: F) -> B {
        let mut acc = self.front.fold(init, &mut f);
        for c in self.chunks {
            acc = c.iter().fold(acc, &mut f);
        }
        self.back.fold(acc, f)
    }
}

impl<'a, T> DoubleEndedIterator for Iter<'a, T> {
    fn next_back(&mut self) -> Option<&'a T> {
        loop {
            if let Some(x) = self.back.next_back() {
                self.left -= 1;
                return Some(x);
            }
            match self.chunks.next_back() {
                Some(c) => self.back = c.iter(),
                None => {
                    let x = self.front.next_back();
                    if x.is_some() {
                        self.left -= 1;
                    }
                    return x;
                }
            }
        }
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

impl<T> std::iter::FusedIterator for Iter<'_, T> {}

impl<T: Clone> Default for List<T> {
    fn default() -> Self {
        List::new()
    }
}

impl<T: Clone> Clone for List<T> {
    fn clone(&self) -> Self {
        List {
            items: self.items.clone(),
            holders: Arc::clone(&self.holders),
        }
    }
}

impl<T: Clone> Index<usize> for List<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.items[i]
    }
}

impl<T: Clone> IndexMut<usize> for List<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.write(CHUNK)[i]
    }
}

impl<T: Clone + PartialEq> PartialEq for List<T> {
    fn eq(&self, other: &Self) -> bool {
        List::same(self, other) || self.items == other.items
    }
}

impl<T: Clone + Eq> Eq for List<T> {}

impl<T: Clone + PartialEq> PartialEq<Vec<T>> for List<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Clone + PartialEq> PartialEq<List<T>> for Vec<T> {
    fn eq(&self, other: &List<T>) -> bool {
        other == self
    }
}

impl<T: Clone + std::fmt::Debug> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.items.iter()).finish()
    }
}

impl<T: Clone> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> Self {
        v.into_iter().collect()
    }
}

impl<T: Clone> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List {
            items: iter.into_iter().collect(),
            holders: Arc::new(()),
        }
    }
}

impl<T: Clone> Extend<T> for List<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let v = self.write(CHUNK);
        for item in iter {
            v.push_back(item);
        }
    }
}

impl<'a, T: Clone> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<T: Clone> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = imbl::vector::ConsumingIter<T, Ptr>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T: Clone + Serialize> Serialize for List<T> {
    /// As a sequence, exactly as a `Vec` (the JSON export does not change).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.items.iter())
    }
}

impl<'de, T: Clone + Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(List::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_until_written_and_counts_the_chunk_it_copied() {
        let a: List<u32> = (0..10_000).collect();
        let mut b = a.clone();
        assert!(List::same(&a, &b));
        let (n, ()) = work::copies_in(|| b.push(4));
        assert_eq!(n, CHUNK as u64);
        let (n, ()) = work::copies_in(|| b[5_000] = 7);
        assert_eq!(n, CHUNK as u64);
        assert!(!List::same(&a, &b));
        assert_eq!(a[5_000], 5_000);
        assert_eq!((b[5_000], b.len()), (7, 10_001));
        // Its own once the other holder is gone: no copy.
        drop(a);
        let (n, ()) = work::copies_in(|| b.push(5));
        assert_eq!(n, 0);
    }

    #[test]
    fn serializes_as_a_vec_does_and_compares_with_one() {
        let v: Vec<u32> = (0..300).collect();
        let l: List<u32> = v.clone().into();
        assert_eq!(
            serde_json::to_string(&l).ok(),
            serde_json::to_string(&v).ok()
        );
        let back: Option<List<u32>> = serde_json::from_str("[1,2,3]").ok();
        assert_eq!(back, Some(List::from(vec![1, 2, 3])));
        assert_eq!(l, v);
        assert_eq!(l.partition_point(|&x| x < 123), 123);
        assert!(l.iter().eq(v.iter()));
        assert!(l.iter().rev().eq(v.iter().rev()));
        let mut it = l.iter();
        assert_eq!(
            (it.next(), it.next_back(), it.len()),
            (Some(&0), Some(&299), 298)
        );
        let rest = it.fold(vec![], |mut v, x| {
            v.push(*x);
            v
        });
        assert_eq!(rest, (1..299).collect::<Vec<u32>>());
        assert_eq!(l.into_vec(), v);
    }
}
