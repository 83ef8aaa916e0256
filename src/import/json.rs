//! `sqa import --json`: a JSON export read back, refused whole unless every record is within the
//! limits of `domain::limits`, every id unique and every reference resolves; each problem names
//! the file, the record (kind, id and place in the file) and the field. Read one record at a
//! time (`json_stream`): into a `Dataset` (`parse_export`), or straight into the store's import
//! writer (`read_file`), which is undone if the file is refused at its end.

use super::json_stream::{Sink, Stopped, Summary, read_export};
use crate::domain::Dataset;
use crate::domain::limits::{MAX_LIST_ITEMS, MAX_NAME_CHARS, MAX_TEXT_BYTES, is_name_field};
use serde::Serialize;

/// The largest JSON file read: refused before it is read (README, "Limits"). The file is
/// streamed, one record at a time, so this bounds the time an import takes rather than its
/// memory: a region's 6,000 schools over five years export to ~550 MB.
pub const MAX_JSON_BYTES: u64 = 2 << 30;

/// Problems listed in full; past this many, the rest are counted.
const SHOWN: usize = 20;

/// Why an import was refused: every problem found, up to `SHOWN` of them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file} was not imported ({}); nothing was written:\n{}", count(*.total), list(.problems, *.total))]
pub struct Refused {
    /// The file, as named on the command line.
    pub file: String,
    pub problems: Vec<String>,
    pub total: usize,
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 problem".into()
    } else {
        format!("{n} problems")
    }
}

fn list(problems: &[String], total: usize) -> String {
    let mut s = problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n");
    if total > problems.len() {
        s.push_str(&format!("\n  ... and {} more", total - problems.len()));
    }
    s
}

/// Parses and checks a JSON export held in memory; `source` names the file in every message.
pub fn parse_export(source: &str, bytes: &[u8]) -> Result<Dataset, Refused> {
    let mut ds = Dataset::empty(crate::domain::Scheme::la_default());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match read_export(source, &mut de, &mut ds) {
        Ok(_) => Ok(ds),
        Err(Stopped::Refused(r)) => Err(r),
        Err(Stopped::Sink(never)) => match never {},
    }
}

/// Checks a dataset as an import of its export would be (for tests and the generator).
pub fn check(source: &str, ds: &Dataset) -> Result<(), Refused> {
    let bytes = serde_json::to_vec(ds).map_err(|e| Refused {
        file: source.to_string(),
        problems: vec![format!("cannot be written as JSON: {e}")],
        total: 1,
    })?;
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    match read_export(source, &mut de, &mut super::json_stream::Discard) {
        Ok(_) => Ok(()),
        Err(Stopped::Refused(r)) => Err(r),
        Err(Stopped::Sink(never)) => match never {},
    }
}

/// The file at `path`, opened for `read_file`: a file over `MAX_JSON_BYTES` is refused
/// before it is read.
pub fn open_limited(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let f = std::fs::File::open(path)?;
    if f.metadata()?.len() > MAX_JSON_BYTES {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    Ok(f)
}

/// Reads and checks the export in `file` (from its start) into `sink`, streamed: never more
/// than one record of it in memory. A file that has grown past `MAX_JSON_BYTES` meanwhile is
/// cut there, and so refused.
pub fn read_file<S: Sink>(
    source: &str,
    file: &mut std::fs::File,
    sink: &mut S,
) -> Result<Summary, Stopped<S::Error>> {
    read_file_with(source, file, sink, true)
}

/// What tells a file changed: its length and the time it was last written.
pub fn fingerprint(file: &std::fs::File) -> Option<(u64, std::time::SystemTime)> {
    let m = file.metadata().ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// `read_file` a second time, into the store, of a file whose first reading passed and which
/// is unchanged since: its `fingerprint` then was `before`, and is compared again once read
/// (a file changed meanwhile is refused). Skips what only the bytes decide (the lengths of
/// texts and lists), checked the first time (see `json_stream::read_export_again`).
pub fn read_file_again<S: Sink>(
    source: &str,
    file: &mut std::fs::File,
    sink: &mut S,
    before: Option<(u64, std::time::SystemTime)>,
) -> Result<Summary, Stopped<S::Error>> {
    let trusted = before.is_some() && fingerprint(file) == before;
    let read = read_file_with(source, file, sink, !trusted)?;
    if before.is_none() || fingerprint(file) != before {
        return Err(Stopped::Refused(Refused {
            file: source.to_string(),
            problems: vec!["it changed while it was imported: import it again".into()],
            total: 1,
        }));
    }
    Ok(read)
}

fn read_file_with<S: Sink>(
    source: &str,
    file: &mut std::fs::File,
    sink: &mut S,
    lengths: bool,
) -> Result<Summary, Stopped<S::Error>> {
    use std::io::{Read, Seek};
    if let Err(e) = file.rewind() {
        return Err(Stopped::Refused(Refused {
            file: source.to_string(),
            problems: vec![format!("could not read it: {e}")],
            total: 1,
        }));
    }
    let reader = std::io::BufReader::with_capacity(1 << 20, file.take(MAX_JSON_BYTES + 1));
    let mut de = serde_json::Deserializer::from_reader(reader);
    if lengths {
        read_export(source, &mut de, sink)
    } else {
        super::json_stream::read_export_again(source, &mut de, sink)
    }
}

/// Collects problems, keeping the first `SHOWN`.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) shown: Vec<String>,
    pub(super) total: usize,
}

impl Problems {
    pub(super) fn push(&mut self, p: String) {
        self.total += 1;
        if self.shown.len() < SHOWN {
            self.shown.push(p);
        }
    }
}

/// The length of every text field and list of one record, named by its path (`body.text`).
pub(super) fn fields<T: Serialize>(p: &mut Problems, at: &str, value: &T) {
    // One record at a time: the copy is as small as the record.
    match serde_json::to_value(value) {
        Ok(v) => walk(p, at, "", "", &v),
        Err(e) => p.push(format!("{at}: cannot be read back ({e})")),
    }
}

pub(super) fn walk(p: &mut Problems, at: &str, path: &str, field: &str, v: &serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            if is_name_field(field) {
                let n = s.chars().count();
                if n > MAX_NAME_CHARS {
                    p.push(format!(
                        "{at}, field {path}: {n} characters, at most {MAX_NAME_CHARS} in a name"
                    ));
                }
            } else if s.len() > MAX_TEXT_BYTES {
                p.push(format!(
                    "{at}, field {path}: {} bytes, at most {} KiB in one text",
                    s.len(),
                    MAX_TEXT_BYTES >> 10
                ));
            }
        }
        Value::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                p.push(format!(
                    "{at}, field {path}: {} items, at most {MAX_LIST_ITEMS}",
                    items.len()
                ));
            }
            for (i, item) in items.iter().enumerate() {
                walk(p, at, &format!("{path}[{i}]"), field, item);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(p, at, &sub, k, item);
            }
        }
        Value::Number(_) | Value::Bool(_) | Value::Null => {}
    }
}
