//! What each commit made through this process's store wrote, by revision, kept in memory so the
//! shared overview (`overview`) can be brought up to date by reading only those records
//! instead of every record of the authority (issue 19).
//!
//! An entry is `before → after`: the store's revision (audit sequence) before and after one
//! transaction. A chain of entries from the overview's revision to the store's is what changed
//! since; where there is none (an import, a write this log does not know, an entry forgotten)
//! the overview is loaded in full, as before.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// Entries kept: far more than sessions fall behind by between reloads; older ones are dropped
/// (a reload that needs one loads in full).
const KEPT: usize = 4096;

/// One record a commit wrote: its kind, the primary key it was stored under before (if it
/// moved) and the key it is stored under now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Written {
    pub kind: &'static str,
    pub old_key: Option<Vec<u8>>,
    pub key: Vec<u8>,
}

/// What one transaction changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Changed {
    Records(Vec<Written>),
    Scheme,
}

#[derive(Default)]
pub(super) struct Changelog(Mutex<BTreeMap<u64, (u64, Changed)>>);

impl Changelog {
    /// Notes that the transaction taking the store from `before` to `after` changed `what`.
    pub fn record(&self, before: u64, after: u64, what: Changed) {
        let mut log = self.0.lock().unwrap_or_else(|p| p.into_inner());
        log.insert(before, (after, what));
        while log.len() > KEPT {
            log.pop_first();
        }
    }

    /// Every change from revision `from` to `to`, in commit order; `None` when the chain has
    /// a gap (a write not logged here) or does not land on `to`.
    pub fn between(&self, from: u64, to: u64) -> Option<Vec<Changed>> {
        let log = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = Vec::new();
        let mut at = from;
        while at < to {
            let (after, what) = log.get(&at)?;
            out.push(what.clone());
            at = *after;
        }
        (at == to).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_with_a_gap_is_no_chain() {
        let log = Changelog::default();
        log.record(0, 2, Changed::Scheme);
        log.record(2, 3, Changed::Records(vec![]));
        assert_eq!(log.between(0, 3).map(|v| v.len()), Some(2));
        assert_eq!(log.between(2, 3).map(|v| v.len()), Some(1));
        assert_eq!(log.between(3, 3).map(|v| v.len()), Some(0));
        // Revision 3 → 5 was written by something that did not log it.
        assert_eq!(log.between(0, 5), None);
        // A chain that overshoots the target is no chain either.
        assert_eq!(log.between(0, 1), None);
    }
}
