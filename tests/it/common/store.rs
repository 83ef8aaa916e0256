//! Store helpers shared by the integration tests.

#![allow(dead_code)]

use sqa_board::store::{Stamp, Store, StoreError};
use std::path::Path;
use std::time::{Duration, Instant};

/// Opens the store at `path` as `by`, waiting while sled still holds the lock of a store this
/// process has just dropped (it lets go once its own threads finish); the ceiling only guards
/// against a hang.
pub fn open_when_free(path: &Path, by: &Stamp) -> Store {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match Store::open(path, by) {
            Err(StoreError::Locked { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20))
            }
            other => return other.expect("open the store"),
        }
    }
}

/// A raw sled handle on the store at `path` (for tests that damage or inspect the bytes), waiting
/// as `open_when_free` does while sled still holds the lock of a store this process dropped.
pub fn raw_sled_when_free(path: &Path) -> sled::Db {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if Instant::now() > deadline => panic!("sled reopen of {}: {e}", path.display()),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}
