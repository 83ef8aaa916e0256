//! Key encoding. Everything is big-endian so that sled's byte order is numeric order, which turns
//! "all records of a school" and "a school's records by date" into prefix and range scans.
//!
//! | tree            | key                                            |
//! |-----------------|------------------------------------------------|
//! | `school`        | urn (u32)                                      |
//! | `decision`, `activity`, `checkpoint`, `note`, `action`, `escalation` | urn (u32) ++ date (u32) ++ id (u64) |
//! | `plan`          | urn (u32) ++ academic year (u32) ++ id (u64)   |
//! | `meeting`       | date (u32) ++ id (u64)                         |
//! | `<kind>.by_id`  | id (u64) → primary key of that kind            |
//! | `audit`         | seq (u64)                                      |
//! | `meta`          | ASCII names: `scheme`, `next_id`, `audit_seq`  |
//!
//! Dates and years are signed; flipping the sign bit makes their two's-complement order match
//! unsigned byte order.

use crate::domain::{AcademicYear, Id, Urn};
use chrono::{Datelike, NaiveDate};

const SIGN: u32 = 0x8000_0000;
/// Date slot of an action without a due date: sorts after every real date (no real date reaches
/// `i32::MAX` days).
pub const NO_DATE: u32 = u32::MAX;

pub fn date_code(d: NaiveDate) -> u32 {
    (d.num_days_from_ce() as u32) ^ SIGN
}

pub fn opt_date_code(d: Option<NaiveDate>) -> u32 {
    d.map_or(NO_DATE, date_code)
}

pub fn year_code(y: AcademicYear) -> u32 {
    (y.0 as u32) ^ SIGN
}

fn date_from_code(c: u32) -> Option<NaiveDate> {
    if c == NO_DATE {
        None
    } else {
        NaiveDate::from_num_days_from_ce_opt((c ^ SIGN) as i32)
    }
}

pub fn urn_key(urn: Urn) -> Vec<u8> {
    urn.to_be_bytes().to_vec()
}

pub fn id_key(id: Id) -> Vec<u8> {
    id.to_be_bytes().to_vec()
}

/// urn ++ a 4-byte sortable slot (date or year) ++ id.
pub fn school_slot_key(urn: Urn, slot: u32, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(16);
    k.extend_from_slice(&urn.to_be_bytes());
    k.extend_from_slice(&slot.to_be_bytes());
    k.extend_from_slice(&id.to_be_bytes());
    k
}

pub fn meeting_key(date: NaiveDate, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(12);
    k.extend_from_slice(&date_code(date).to_be_bytes());
    k.extend_from_slice(&id.to_be_bytes());
    k
}

fn u32_at(key: &[u8], at: usize) -> Option<u32> {
    key.get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_be_bytes)
}

fn u64_at(key: &[u8], at: usize) -> Option<u64> {
    key.get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_be_bytes)
}

/// Keys that do not have the expected shape are shown as hex, so a damaged key is still named.
pub fn hex(key: &[u8]) -> String {
    let mut s = String::from("0x");
    for b in key {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn date_text(code: u32) -> String {
    match date_from_code(code) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None if code == NO_DATE => "no-date".into(),
        None => format!("bad-date-{code:08x}"),
    }
}

/// "100234"
pub fn describe_urn(key: &[u8]) -> String {
    match (key.len(), u32_at(key, 0)) {
        (4, Some(urn)) => urn.to_string(),
        _ => hex(key),
    }
}

/// "17" (ids and audit sequence numbers)
pub fn describe_id(key: &[u8]) -> String {
    match (key.len(), u64_at(key, 0)) {
        (8, Some(id)) => id.to_string(),
        _ => hex(key),
    }
}

/// "100234/2026-11-23/17"
pub fn describe_dated(key: &[u8]) -> String {
    match (key.len(), u32_at(key, 0), u32_at(key, 4), u64_at(key, 8)) {
        (16, Some(urn), Some(d), Some(id)) => format!("{urn}/{}/{id}", date_text(d)),
        _ => hex(key),
    }
}

/// "100234/2026-27/5" (a dash, not the usual slash, so the key text splits cleanly on '/')
pub fn describe_plan(key: &[u8]) -> String {
    match (key.len(), u32_at(key, 0), u32_at(key, 4), u64_at(key, 8)) {
        (16, Some(urn), Some(y), Some(id)) => {
            let y = (y ^ SIGN) as i32;
            format!("{urn}/{y}-{:02}/{id}", (y + 1).rem_euclid(100))
        }
        _ => hex(key),
    }
}

/// "2026-11-23/17"
pub fn describe_meeting(key: &[u8]) -> String {
    match (key.len(), u32_at(key, 0), u64_at(key, 4)) {
        (12, Some(d), Some(id)) => format!("{}/{id}", date_text(d)),
        _ => hex(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_is_date_order() {
        let days = [-800_000, -1, 0, 1, 700_000, 739_000];
        for w in days.windows(2) {
            let a = NaiveDate::from_num_days_from_ce_opt(w[0]).unwrap();
            let b = NaiveDate::from_num_days_from_ce_opt(w[1]).unwrap();
            assert!(date_code(a).to_be_bytes() < date_code(b).to_be_bytes());
            assert!(date_code(b) < NO_DATE);
        }
        assert!(year_code(AcademicYear(-1)) < year_code(AcademicYear(2026)));
    }

    #[test]
    fn keys_read_back_as_text() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            describe_dated(&school_slot_key(100234, date_code(d), 17)),
            "100234/2026-11-23/17"
        );
        assert_eq!(
            describe_dated(&school_slot_key(1, NO_DATE, 2)),
            "1/no-date/2"
        );
        assert_eq!(
            describe_plan(&school_slot_key(1, year_code(AcademicYear(2026)), 5)),
            "1/2026-27/5"
        );
        assert_eq!(describe_meeting(&meeting_key(d, 3)), "2026-11-23/3");
        assert_eq!(describe_urn(&urn_key(100234)), "100234");
        assert_eq!(describe_urn(&[1, 2]), "0x0102");
        assert_eq!(describe_id(&id_key(9)), "9");
    }
}
