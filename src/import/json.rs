//! `sqa import --json`: a JSON export read back, refused whole unless every record is within the
//! limits of `domain::limits`, every id unique and every reference resolves. Pure: bytes in, a
//! dataset or the problems out, each naming the file, the record (kind, id and place in the
//! file) and the field. Nothing is written until this has passed.

use crate::domain::integrity;
use crate::domain::limits::{
    MAX_AUDIT_ENTRIES, MAX_CATEGORIES, MAX_ID, MAX_LIST_ITEMS, MAX_NAME_CHARS,
    MAX_RECORDS_PER_KIND, MAX_SCHOOLS, MAX_TEXT_BYTES, is_name_field,
};
use crate::domain::{
    Action, Activity, CheckpointReview, Dataset, Decision, EscalationStep, Meeting, Note, School,
    SupportPlan,
};
use serde::Serialize;
use std::collections::HashMap;

/// The largest JSON file read: refused before it is read (README, "Limits"). The JSON export of
/// the large synthetic authority (600 schools, five years) is 57 MB. An import's peak memory,
/// measured, is 3 to 4.5 times the file (135 MB of records: 0.42 GB; 196 MB holding 690,000
/// audit entries: 0.88 GB), so this bounds an import near 1 GB.
pub const MAX_JSON_BYTES: u64 = 256 << 20;

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

/// Parses and checks a JSON export; `source` names the file in every message.
pub fn parse_export(source: &str, bytes: &[u8]) -> Result<Dataset, Refused> {
    let ds: Dataset = serde_json::from_slice(bytes).map_err(|e| Refused {
        file: source.to_string(),
        problems: vec![format!("line {}, column {}: {e}", e.line(), e.column())],
        total: 1,
    })?;
    check(source, &ds)?;
    Ok(ds)
}

/// Collects problems, keeping the first `SHOWN`.
struct Problems {
    shown: Vec<String>,
    total: usize,
}

impl Problems {
    fn push(&mut self, p: String) {
        self.total += 1;
        if self.shown.len() < SHOWN {
            self.shown.push(p);
        }
    }
}

/// A record kind as the checks see it: its name, the dataset field holding it, its id and rev.
trait Checked: Serialize {
    const KIND: &'static str;
    const FIELD: &'static str;
    fn id(&self) -> u64;
    fn rev(&self) -> u64;
}

macro_rules! checked {
    ($ty:ty, $kind:literal, $field:literal, |$r:ident| $id:expr) => {
        impl Checked for $ty {
            const KIND: &'static str = $kind;
            const FIELD: &'static str = $field;
            fn id(&self) -> u64 {
                let $r = self;
                $id
            }
            fn rev(&self) -> u64 {
                self.rev
            }
        }
    };
}
checked!(School, "school", "schools", |r| u64::from(r.urn));
checked!(Decision, "decision", "decisions", |r| r.id);
checked!(Meeting, "meeting", "meetings", |r| r.id);
checked!(Activity, "activity", "activities", |r| r.id);
checked!(SupportPlan, "plan", "plans", |r| r.id);
checked!(CheckpointReview, "checkpoint", "checkpoints", |r| r.id);
checked!(Note, "note", "notes", |r| r.id);
checked!(Action, "action", "actions", |r| r.id);
checked!(EscalationStep, "escalation", "escalations", |r| r.id);

/// Checks a parsed export against the limits, for unique ids and resolving references.
pub fn check(source: &str, ds: &Dataset) -> Result<(), Refused> {
    let mut p = Problems {
        shown: Vec::new(),
        total: 0,
    };
    if ds.format > crate::domain::dataset::EXPORT_FORMAT {
        p.push(format!(
            "format {}: written by a newer sqa-board (this one reads {}); upgrade sqa",
            ds.format,
            crate::domain::dataset::EXPORT_FORMAT
        ));
    }
    if ds.scheme.categories.len() > MAX_CATEGORIES {
        p.push(format!(
            "scheme, field categories: {} categories, at most {MAX_CATEGORIES}",
            ds.scheme.categories.len()
        ));
    }
    fields(&mut p, "scheme", &ds.scheme);
    // Every kind but schools takes its ids from one counter (`Store::next_id`): an id is unique
    // across kinds, not just within one.
    let mut ids: HashMap<u64, String> = HashMap::new();
    kind(&mut p, &ds.schools, MAX_SCHOOLS, None);
    kind(&mut p, &ds.decisions, MAX_RECORDS_PER_KIND, Some(&mut ids));
    kind(&mut p, &ds.meetings, MAX_RECORDS_PER_KIND, Some(&mut ids));
    kind(&mut p, &ds.activities, MAX_RECORDS_PER_KIND, Some(&mut ids));
    kind(&mut p, &ds.plans, MAX_RECORDS_PER_KIND, Some(&mut ids));
    kind(
        &mut p,
        &ds.checkpoints,
        MAX_RECORDS_PER_KIND,
        Some(&mut ids),
    );
    kind(&mut p, &ds.notes, MAX_RECORDS_PER_KIND, Some(&mut ids));
    kind(&mut p, &ds.actions, MAX_RECORDS_PER_KIND, Some(&mut ids));
    kind(
        &mut p,
        &ds.escalations,
        MAX_RECORDS_PER_KIND,
        Some(&mut ids),
    );
    if ds.audit.len() > MAX_AUDIT_ENTRIES {
        p.push(format!(
            "audit: {} entries, at most {MAX_AUDIT_ENTRIES}",
            ds.audit.len()
        ));
    }
    let mut seqs: HashMap<u64, usize> = HashMap::with_capacity(ds.audit.len());
    for (i, e) in ds.audit.iter().enumerate() {
        let at = format!("audit entry {} (audit[{i}])", e.seq);
        if e.seq == 0 || e.seq > MAX_ID {
            p.push(format!(
                "{at}, field seq: {} is out of range (1 to 2^53)",
                e.seq
            ));
        }
        if let Some(first) = seqs.insert(e.seq, i) {
            p.push(format!(
                "{at}, field seq: audit[{first}] has the same sequence number"
            ));
        }
        fields(&mut p, &at, e);
    }
    for r in integrity::references(ds) {
        p.push(r);
    }
    if p.total == 0 {
        Ok(())
    } else {
        Err(Refused {
            file: source.to_string(),
            problems: p.shown,
            total: p.total,
        })
    }
}

/// The checks of one record kind: count, id and rev ranges, duplicates, then every field.
fn kind<R: Checked>(
    p: &mut Problems,
    recs: &[R],
    max: usize,
    mut shared: Option<&mut HashMap<u64, String>>,
) {
    if recs.len() > max {
        p.push(format!(
            "{}: {} records, at most {max}",
            R::FIELD,
            recs.len()
        ));
    }
    let mut own: HashMap<u64, usize> = HashMap::with_capacity(recs.len());
    for (i, r) in recs.iter().enumerate() {
        let (id, field) = (r.id(), R::FIELD);
        let at = format!("{} {id} ({field}[{i}])", R::KIND);
        let id_field = if R::KIND == "school" { "urn" } else { "id" };
        if id == 0 || id > MAX_ID {
            p.push(format!(
                "{at}, field {id_field}: {id} is out of range (1 to 2^53)"
            ));
        }
        if r.rev() > MAX_ID {
            p.push(format!(
                "{at}, field rev: {} is out of range (0 to 2^53)",
                r.rev()
            ));
        }
        if let Some(first) = own.insert(id, i) {
            p.push(format!(
                "{at}, field {id_field}: {field}[{first}] has the same {id_field}"
            ));
        } else if let Some(ids) = shared.as_deref_mut()
            && let Some(other) = ids.insert(id, at.clone())
        {
            p.push(format!(
                "{at}, field id: {other} has the same id (ids are shared by every kind)"
            ));
        }
        fields(p, &at, r);
    }
}

/// The length of every text field and list of one record, named by its path (`body.text`).
fn fields<T: Serialize>(p: &mut Problems, at: &str, value: &T) {
    // One record at a time: the copy is as small as the record.
    match serde_json::to_value(value) {
        Ok(v) => walk(p, at, "", "", &v),
        Err(e) => p.push(format!("{at}: cannot be read back ({e})")),
    }
}

fn walk(p: &mut Problems, at: &str, path: &str, field: &str, v: &serde_json::Value) {
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
