//! A count of the records a piece of work looked at, for tests that guard per-key paths
//! against whole-authority work (a key on a 60-school and on a 600-school authority must look
//! at as many records). Always on: one add to a thread-local per scan or lookup, not per record.

use std::cell::Cell;

thread_local! {
    static SEEN: Cell<u64> = const { Cell::new(0) };
}

/// Notes that `n` records were looked at (a scan over a whole list counts its length).
pub fn seen(n: usize) {
    SEEN.with(|c| c.set(c.get().saturating_add(n as u64)));
}

/// Records looked at on this thread since it started (or since `reset`).
pub fn count() -> u64 {
    SEEN.with(Cell::get)
}

/// Starts the count again from zero.
pub fn reset() {
    SEEN.with(|c| c.set(0));
}

/// Records looked at by `f` on this thread, and its result.
pub fn counted<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = count();
    let out = f();
    (count() - before, out)
}

thread_local! {
    static COPIED: Cell<u64> = const { Cell::new(0) };
}

/// Notes that copy on write copied `n` records (a list shared with another holder, changed).
pub fn copied(n: usize) {
    COPIED.with(|c| c.set(c.get().saturating_add(n as u64)));
}

/// Records copied on this thread by copy on write, and `f`'s result.
pub fn copies_in<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = COPIED.with(Cell::get);
    let out = f();
    (COPIED.with(Cell::get) - before, out)
}
