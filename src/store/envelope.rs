//! The versioned envelope around every stored value: `MAGIC`, schema (u16 big-endian), then the
//! bincode 2 body. The schema lets an older record be migrated and a newer one be refused rather
//! than misread; the magic byte catches values that were never ours.

use super::error::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub const MAGIC: u8 = 0xA5;
const HEADER: usize = 3;
/// Upper bound on what one decode may allocate: a damaged length prefix must give an error, not
/// an attempt to allocate gigabytes. Far above any real record (a long note is tens of KiB).
const DECODE_LIMIT: usize = 64 << 20;

/// Encodes `value` under `schema`.
pub fn encode<T: Serialize>(schema: u16, value: &T) -> Result<Vec<u8>, StoreError> {
    let body = bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map_err(|e| StoreError::Invalid(format!("cannot encode record: {e}")))?;
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.push(MAGIC);
    out.extend_from_slice(&schema.to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Splits an envelope into its schema and body; the error is the reason, for `Corrupt`.
pub fn split(bytes: &[u8]) -> Result<(u16, &[u8]), String> {
    match bytes {
        [MAGIC, hi, lo, body @ ..] => Ok((u16::from_be_bytes([*hi, *lo]), body)),
        [MAGIC, ..] => Err(format!("truncated header ({} bytes)", bytes.len())),
        [] => Err("empty value".into()),
        [b, ..] => Err(format!("not an sqa-board value (first byte 0x{b:02x})")),
    }
}

/// Decodes a bincode body, requiring every byte to be used: trailing bytes mean the value is not
/// what we think it is.
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let config = bincode::config::standard().with_limit::<DECODE_LIMIT>();
    let (v, used) =
        bincode::serde::decode_from_slice::<T, _>(body, config).map_err(|e| e.to_string())?;
    if used != body.len() {
        return Err(format!("{} trailing bytes", body.len() - used));
    }
    Ok(v)
}

/// Decodes an envelope whose current schema is `known`; older schemas go through `migrate`.
/// `tree` and `key` only name the value in errors (`key` is computed lazily: it is needed only
/// on failure).
pub fn decode<T: DeserializeOwned>(
    bytes: &[u8],
    known: u16,
    migrate: impl FnOnce(u16, &[u8]) -> Result<T, String>,
    tree: &str,
    key: impl FnOnce() -> String,
) -> Result<T, StoreError> {
    let corrupt = |reason: String, key: String| StoreError::Corrupt {
        tree: tree.to_string(),
        key,
        reason,
    };
    let (schema, body) = match split(bytes) {
        Ok(v) => v,
        Err(reason) => return Err(corrupt(reason, key())),
    };
    let res = if schema == known {
        decode_body(body)
    } else if schema > known {
        return Err(StoreError::NewerSchema {
            tree: tree.to_string(),
            key: key(),
            found: schema,
            known,
        });
    } else if schema == 0 {
        Err("schema 0 was never written".to_string())
    } else {
        migrate(schema, body).map_err(|e| format!("schema {schema}: {e}"))
    };
    res.map_err(|reason| corrupt(reason, key()))
}

/// For kinds that have had one schema only.
pub fn no_migration<T>(found: u16, _body: &[u8]) -> Result<T, String> {
    Err(format!("no migration from schema {found}"))
}
