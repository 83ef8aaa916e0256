//! A cache of the board's facts (`domain::board::SchoolFacts`), so the board's first frame is
//! drawn from the schools and one value instead of every decision, activity, review and action
//! (for a large authority, tens of thousands of sled entries: most of the start-up time).
//!
//! The cache is derived data, never the truth. It is stamped with the store's revision (the
//! audit sequence, which every write moves in the same transaction) and used only while that is
//! unchanged; a cache that is missing, stale, from another schema or undecodable is ignored, and
//! the board loads everything as before. It is not exported, backed up or audited.

use super::envelope;
use super::write::{AUDIT_SEQ, counter};
use super::{META_TREE, Store, StoreError};
use crate::domain::board::{BoardInput, SchoolFacts, school_facts};
use crate::domain::{Dataset, Scheme, School};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sled::transaction::ConflictableTransactionError;

const KEY: &str = "board_cache";
/// Bump when `Cache` or `SchoolFacts` (and the types in it) change shape: bincode is not
/// self-describing, so an old cache must be refused by its schema, not misread.
pub const SCHEMA: u16 = 3;

#[derive(Debug, Serialize, Deserialize)]
struct Cache {
    /// The store's revision the facts were taken at.
    revision: u64,
    /// The day they were taken: they hold for that day and later ones.
    as_of: NaiveDate,
    facts: Vec<SchoolFacts>,
}

/// What the board's first frame needs: the scheme, the schools, and current facts.
#[derive(Debug, Clone)]
pub struct BoardPreview {
    pub scheme: Scheme,
    pub schools: Vec<School>,
    pub facts: Vec<SchoolFacts>,
}

impl Store {
    /// The store's revision: the number of the last audited write. Every change to the records
    /// (a save, an import, a scheme change) moves it, in the same transaction as the change.
    pub fn revision(&self) -> Result<u64, StoreError> {
        counter(AUDIT_SEQ, self.tree(META_TREE)?.get(AUDIT_SEQ)?.as_ref())
    }

    /// The board's first frame, when the cache holds for what is stored now and for `today`;
    /// `None` when it does not (no cache, a write since, taken after `today`, another schema or
    /// damaged): then the caller loads everything. Errors are the schools' or the scheme's.
    pub fn board_preview(&self, today: NaiveDate) -> Result<Option<BoardPreview>, StoreError> {
        let Some(cache) = self.cache()? else {
            return Ok(None);
        };
        if cache.revision != self.revision()? || cache.as_of > today {
            return Ok(None);
        }
        Ok(Some(BoardPreview {
            scheme: self.scheme()?.unwrap_or_else(Scheme::la_default),
            schools: self.all::<School>()?,
            facts: cache.facts,
        }))
    }

    /// Keeps the board's facts of `data`, taken on `as_of`. `data` must have been loaded while
    /// the store was at `revision`; if anything has been written since, nothing is kept (the
    /// facts could be out of date). Returns whether the cache was written.
    pub fn put_board_cache(
        &self,
        data: &Dataset,
        revision: u64,
        as_of: NaiveDate,
    ) -> Result<bool, StoreError> {
        self.writable()?;
        let input = BoardInput::of(data);
        let cache = Cache {
            revision,
            as_of,
            facts: school_facts(&input, as_of),
        };
        let value = envelope::encode(SCHEMA, &cache)?;
        // Compare the revision and write in one transaction, so a save landing in between
        // cannot leave facts that predate it marked as current.
        let meta = self.tree(META_TREE)?;
        let written = meta
            .transaction(|t| {
                let now = counter(AUDIT_SEQ, t.get(AUDIT_SEQ)?.as_ref())
                    .map_err(ConflictableTransactionError::Abort)?;
                if now != revision {
                    return Ok(false);
                }
                t.insert(KEY, value.as_slice())?;
                Ok(true)
            })
            .map_err(|e| self.tx_failed(e))?;
        Ok(written)
    }

    /// At the end of a session: keeps the facts of `data`, the session's copy of the store at
    /// `revision`, unless the cache already holds for them. No load: the facts of 6,000 schools
    /// take ~11 ms from memory, a load of everything seconds. Returns whether it was written.
    pub fn keep_board_facts(
        &self,
        data: &Dataset,
        revision: u64,
        as_of: NaiveDate,
    ) -> Result<bool, StoreError> {
        if let Some(cache) = self.cache()?
            && cache.revision == revision
            && cache.as_of <= as_of
        {
            return Ok(false);
        }
        let written = self.put_board_cache(data, revision, as_of)?;
        if written {
            self.flush()?;
        }
        Ok(written)
    }

    /// Brings the cache up to date with what is stored, loading everything if it is stale (after
    /// an import, or at the end of a session that saved something).
    pub fn refresh_board_cache(&self, as_of: NaiveDate) -> Result<(), StoreError> {
        let revision = self.revision()?;
        if let Some(cache) = self.cache()?
            && cache.revision == revision
            && cache.as_of <= as_of
        {
            return Ok(());
        }
        let data = self.load_overview()?;
        self.put_board_cache(&data, revision, as_of)?;
        self.flush()
    }

    /// The stored cache, if there is one this program can read.
    fn cache(&self) -> Result<Option<Cache>, StoreError> {
        let Some(bytes) = self.tree(META_TREE)?.get(KEY)? else {
            return Ok(None);
        };
        // Derived data: whatever is wrong with it, it is simply not used.
        Ok(
            envelope::decode(&bytes, SCHEMA, envelope::no_migration, META_TREE, || {
                KEY.into()
            })
            .ok(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::board::{CurrentDecision, ReviewDates};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// The encoding of the cache is pinned: if this fails, `SchoolFacts` (or `Cache`) changed
    /// shape, and `SCHEMA` must be bumped so old caches are refused rather than misread.
    #[test]
    fn encoding_is_pinned_to_the_schema() {
        let cache = Cache {
            revision: 7,
            as_of: d(2026, 11, 23),
            facts: vec![SchoolFacts {
                urn: 990001,
                current: Some(CurrentDecision {
                    date: d(2026, 10, 1),
                    category: "high".into(),
                    previous: Some("medium".into()),
                    at_risk: true,
                    school_informed: true,
                    diocese_informed: false,
                }),
                latest_review: Some(ReviewDates {
                    date: d(2026, 11, 12),
                    next_due: None,
                }),
                planned_review: Some(d(2027, 1, 7)),
                visits: vec![d(2026, 11, 2)],
                open_actions: vec![Some(d(2026, 12, 1)), None],
                escalation: None,
            }],
        };
        let bytes = envelope::encode(SCHEMA, &cache).unwrap_or_default();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            (SCHEMA, hex.as_str()),
            (
                3,
                "a50003070a323032362d31312d323301fc311b0f00010a323032362d31302d303104686967680106\
                 6d656469756d010100010a323032362d31312d313200010a323032372d30312d3037010a32303236\
                 2d31312d303202010a323032362d31322d30310000"
            ),
            "bump board_cache::SCHEMA when the cached facts change shape"
        );
    }
}
