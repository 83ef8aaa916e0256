//! The JSON export read one record at a time (serde's seeds and visitors over the top-level
//! object's lists): each record is checked as it is read (limits, ids, references) and handed
//! to a `Sink` (the store's import writer, a `Dataset` being filled, or nothing for a check
//! alone), so an export of any size is read in the memory of one record plus the ids seen.
//!
//! A reference to a record not yet read (a decision naming its meeting, which comes later in
//! the file; an activity naming its note) is kept aside, and checked once the whole file has
//! been read: the order of the lists in the file does not matter.

use super::json::{Problems, Refused, fields, walk};
use crate::domain::limits::{MAX_AUDIT_ENTRIES, MAX_CATEGORIES, MAX_ID};
use crate::domain::{
    Action, Activity, AuditEntry, CheckpointReview, Dataset, Decision, EscalationStep, Meeting,
    Note, Scheme, School, SupportPlan,
};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;

/// What takes the records of an export as they are read and checked. A record is handed on
/// once its own checks have passed; the file as a whole may still be refused at its end (the
/// caller then undoes what the sink did).
pub trait Sink {
    type Error;
    /// The file's `format` (checked already).
    fn format(&mut self, _format: u32) {}
    fn scheme(&mut self, scheme: Scheme);
    fn record<R: Checked>(&mut self, r: R) -> Result<(), Self::Error>;
    fn audit(&mut self, e: AuditEntry) -> Result<(), Self::Error>;
}

/// Why a read stopped: the file was refused, or the sink failed.
#[derive(Debug)]
pub enum Stopped<E> {
    Refused(Refused),
    Sink(E),
}

/// What a file held, once read whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub schools: usize,
    /// Records of every kind, schools included (audit entries not).
    pub records: usize,
    pub audit: usize,
}

/// Keeps nothing: for reading a file only to check it.
pub struct Discard;

impl Sink for Discard {
    type Error = std::convert::Infallible;
    fn scheme(&mut self, _: Scheme) {}
    fn record<R: Checked>(&mut self, _: R) -> Result<(), Self::Error> {
        Ok(())
    }
    fn audit(&mut self, _: AuditEntry) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Keeps everything, as the dataset the file holds.
impl Sink for Dataset {
    type Error = std::convert::Infallible;
    fn format(&mut self, format: u32) {
        self.format = format;
    }
    fn scheme(&mut self, scheme: Scheme) {
        self.scheme = scheme;
    }
    fn record<R: Checked>(&mut self, r: R) -> Result<(), Self::Error> {
        r.push_into(self);
        Ok(())
    }
    fn audit(&mut self, e: AuditEntry) -> Result<(), Self::Error> {
        self.audit.push(e);
        Ok(())
    }
}

/// Writes into the store, as the file is read.
impl Sink for crate::store::ImportWriter<'_> {
    type Error = crate::store::StoreError;
    fn scheme(&mut self, scheme: Scheme) {
        crate::store::ImportWriter::scheme(self, scheme);
    }
    fn record<R: Checked>(&mut self, r: R) -> Result<(), Self::Error> {
        crate::store::ImportWriter::record(self, &r)
    }
    fn audit(&mut self, e: AuditEntry) -> Result<(), Self::Error> {
        crate::store::ImportWriter::audit(self, &e)
    }
}

/// The record kinds of an export, in `Dataset` order: (kind, field in the file).
pub(super) const KINDS: [(&str, &str); 9] = [
    ("school", "schools"),
    ("decision", "decisions"),
    ("meeting", "meetings"),
    ("activity", "activities"),
    ("plan", "plans"),
    ("checkpoint", "checkpoints"),
    ("note", "notes"),
    ("action", "actions"),
    ("escalation", "escalations"),
];

pub use super::json_kinds::{Checked, Ref};

/// What the checks remember while a file is read: the problems, and the ids seen (small: a
/// word or two per record, never the records).
struct State<E> {
    p: Problems,
    /// Urn → place in `schools`.
    schools: HashMap<u64, usize>,
    /// Id → (index in `KINDS`, place in its list): every kind but schools takes its ids from
    /// one counter (`Store::next_id`), so an id is unique across kinds, not just within one.
    ids: HashMap<u64, (u8, u32)>,
    /// Audit sequence number → place in `audit`.
    seqs: HashMap<u64, usize>,
    /// References to records not read yet when they were met.
    pending: Vec<Ref>,
    summary: Summary,
    /// The sink's failure, which stopped the read.
    failed: Option<E>,
    /// Whether the lengths of every text and list are checked: not on a second reading of a
    /// file whose first passed (`read_export_again`).
    lengths: bool,
}

impl<E> State<E> {
    fn resolves(&self, r: &Ref) -> bool {
        if r.to == "school" {
            return self.schools.contains_key(&r.to_id);
        }
        self.ids
            .get(&r.to_id)
            .is_some_and(|(k, _)| KINDS[usize::from(*k)].0 == r.to)
    }

    /// The checks of one record of kind `R`, at place `i` in its list; `v` is the record as
    /// the file has it (for its fields' lengths).
    fn check<R: Checked>(&mut self, r: &R, i: usize, v: Option<&serde_json::Value>) {
        let (kind, field) = KINDS[R::AT];
        let id = r.num_id();
        let at = format!("{kind} {id} ({field}[{i}])");
        let id_field = if R::AT == 0 { "urn" } else { "id" };
        if id == 0 || id > MAX_ID {
            self.p.push(format!(
                "{at}, field {id_field}: {id} is out of range (1 to 2^53)"
            ));
        }
        if r.num_rev() > MAX_ID {
            self.p.push(format!(
                "{at}, field rev: {} is out of range (0 to 2^53)",
                r.num_rev()
            ));
        }
        if R::AT == 0 {
            if let Some(first) = self.schools.insert(id, i) {
                self.p.push(format!(
                    "{at}, field urn: {field}[{first}] has the same urn"
                ));
            }
        } else {
            let place = u32::try_from(i).unwrap_or(u32::MAX);
            if let Some((k, first)) = self.ids.insert(id, (R::AT as u8, place)) {
                let (other_kind, other_field) = KINDS[usize::from(k)];
                if usize::from(k) == R::AT {
                    self.p
                        .push(format!("{at}, field id: {field}[{first}] has the same id"));
                } else {
                    self.p.push(format!(
                        "{at}, field id: {other_kind} {id} ({other_field}[{first}]) has the same id (ids are shared by every kind)"
                    ));
                }
            }
        }
        if let Some(v) = v {
            walk(&mut self.p, &at, "", "", v);
        }
        let mut refs = Vec::new();
        r.refs(&mut |x| refs.push(x));
        for x in refs {
            if !self.resolves(&x) {
                self.pending.push(x);
            }
        }
    }

    fn check_audit(&mut self, e: &AuditEntry, i: usize, v: Option<&serde_json::Value>) {
        let at = format!("audit entry {} (audit[{i}])", e.seq);
        if e.seq == 0 || e.seq > MAX_ID {
            self.p.push(format!(
                "{at}, field seq: {} is out of range (1 to 2^53)",
                e.seq
            ));
        }
        if let Some(first) = self.seqs.insert(e.seq, i) {
            self.p.push(format!(
                "{at}, field seq: audit[{first}] has the same sequence number"
            ));
        }
        if let Some(v) = v {
            walk(&mut self.p, &at, "", "", v);
        }
    }
}

/// The top-level object.
struct Top<'a, S: Sink> {
    st: &'a mut State<S::Error>,
    sink: &'a mut S,
}

/// One kind's list.
struct List<'a, S: Sink, R> {
    st: &'a mut State<S::Error>,
    sink: &'a mut S,
    kind: std::marker::PhantomData<R>,
}

/// The audit trail's list.
struct AuditList<'a, S: Sink> {
    st: &'a mut State<S::Error>,
    sink: &'a mut S,
}

impl<'de, S: Sink> DeserializeSeed<'de> for Top<'_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// The fields of `Dataset`; all but the last two are required.
const FIELDS: [&str; 12] = [
    "format",
    "scheme",
    "schools",
    "decisions",
    "meetings",
    "activities",
    "plans",
    "checkpoints",
    "notes",
    "actions",
    "escalations",
    "audit",
];

impl<'de, S: Sink> Visitor<'de> for Top<'_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Dataset")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(at) = FIELDS.iter().position(|f| *f == key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if std::mem::replace(&mut seen[at], true) {
                return Err(de::Error::duplicate_field(FIELDS[at]));
            }
            let (st, sink) = (&mut *self.st, &mut *self.sink);
            match at {
                0 => {
                    let format: u32 = map.next_value()?;
                    let ours = crate::domain::dataset::EXPORT_FORMAT;
                    if format > ours {
                        st.p.push(format!(
                            "format {format}: written by a newer sqa-board (this one reads {ours}); upgrade sqa"
                        ));
                    }
                    sink.format(format);
                }
                1 => {
                    let scheme: Scheme = map.next_value()?;
                    if scheme.categories.len() > MAX_CATEGORIES {
                        st.p.push(format!(
                            "scheme, field categories: {} categories, at most {MAX_CATEGORIES}",
                            scheme.categories.len()
                        ));
                    }
                    fields(&mut st.p, "scheme", &scheme);
                    sink.scheme(scheme);
                }
                2 => map.next_value_seed(List::<S, School>::new(st, sink))?,
                3 => map.next_value_seed(List::<S, Decision>::new(st, sink))?,
                4 => map.next_value_seed(List::<S, Meeting>::new(st, sink))?,
                5 => map.next_value_seed(List::<S, Activity>::new(st, sink))?,
                6 => map.next_value_seed(List::<S, SupportPlan>::new(st, sink))?,
                7 => map.next_value_seed(List::<S, CheckpointReview>::new(st, sink))?,
                8 => map.next_value_seed(List::<S, Note>::new(st, sink))?,
                9 => map.next_value_seed(List::<S, Action>::new(st, sink))?,
                10 => map.next_value_seed(List::<S, EscalationStep>::new(st, sink))?,
                _ => map.next_value_seed(AuditList { st, sink })?,
            }
        }
        if let Some(missing) = (0..10).find(|&i| !seen[i]) {
            return Err(de::Error::missing_field(FIELDS[missing]));
        }
        Ok(())
    }
}

impl<'a, S: Sink, R> List<'a, S, R> {
    fn new(st: &'a mut State<S::Error>, sink: &'a mut S) -> Self {
        List {
            st,
            sink,
            kind: std::marker::PhantomData,
        }
    }
}

impl<'de, S: Sink, R: Checked> DeserializeSeed<'de> for List<'_, S, R> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink, R: Checked> Visitor<'de> for List<'_, S, R> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {}", KINDS[R::AT].1)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (kind, field) = KINDS[R::AT];
        let mut i = 0;
        loop {
            // One record at a time: as the file has it (for the lengths of its fields, by
            // their names there), then as the record it is; read again, as the record only.
            let (r, v) = if self.st.lengths {
                let Some(v) = seq.next_element::<serde_json::Value>()? else {
                    break;
                };
                match R::deserialize(&v) {
                    Ok(r) => (r, Some(v)),
                    Err(e) => {
                        return Err(de::Error::custom(format!("{kind} at {field}[{i}]: {e}")));
                    }
                }
            } else {
                match seq.next_element::<R>()? {
                    Some(r) => (r, None),
                    None => break,
                }
            };
            if i == R::MAX {
                return Err(de::Error::custom(format!(
                    "{field}: more than {} records, at most {}",
                    R::MAX,
                    R::MAX
                )));
            }
            self.st.check(&r, i, v.as_ref());
            drop(v);
            if let Err(e) = self.sink.record(r) {
                self.st.failed = Some(e);
                return Err(de::Error::custom("the import could not be written"));
            }
            i += 1;
        }
        self.st.summary.records += i;
        if R::AT == 0 {
            self.st.summary.schools += i;
        }
        Ok(())
    }
}

impl<'de, S: Sink> DeserializeSeed<'de> for AuditList<'_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for AuditList<'_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of audit entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let (e, v) = if self.st.lengths {
                let Some(v) = seq.next_element::<serde_json::Value>()? else {
                    break;
                };
                match serde::Deserialize::deserialize(&v) {
                    Ok(e) => (e, Some(v)),
                    Err(e) => {
                        return Err(de::Error::custom(format!("audit entry at audit[{i}]: {e}")));
                    }
                }
            } else {
                match seq.next_element::<AuditEntry>()? {
                    Some(e) => (e, None),
                    None => break,
                }
            };
            if i == MAX_AUDIT_ENTRIES {
                return Err(de::Error::custom(format!(
                    "audit: more than {MAX_AUDIT_ENTRIES} entries, at most {MAX_AUDIT_ENTRIES}"
                )));
            }
            self.st.check_audit(&e, i, v.as_ref());
            drop(v);
            if let Err(e) = self.sink.audit(e) {
                self.st.failed = Some(e);
                return Err(de::Error::custom("the import could not be written"));
            }
            i += 1;
        }
        self.st.summary.audit += i;
        Ok(())
    }
}

/// Reads the export from `de` into `sink`, checking it; `source` names the file in every
/// message. Refused (the sink has then taken some records, which the caller undoes) unless
/// every record is within the limits of `domain::limits`, every id unique and every reference
/// resolves.
pub fn read_export<'de, Rd, S>(
    source: &str,
    de: &mut serde_json::Deserializer<Rd>,
    sink: &mut S,
) -> Result<Summary, Stopped<S::Error>>
where
    Rd: serde_json::de::Read<'de>,
    S: Sink,
{
    read_export_with(source, de, sink, true)
}

/// `read_export` of a file read whole by it already, unchanged since (the caller makes sure):
/// every check but the lengths of texts and lists, which only the file's bytes decide. Ids and
/// references are checked again, as they cost little. A third quicker.
pub fn read_export_again<'de, Rd, S>(
    source: &str,
    de: &mut serde_json::Deserializer<Rd>,
    sink: &mut S,
) -> Result<Summary, Stopped<S::Error>>
where
    Rd: serde_json::de::Read<'de>,
    S: Sink,
{
    read_export_with(source, de, sink, false)
}

fn read_export_with<'de, Rd, S>(
    source: &str,
    de: &mut serde_json::Deserializer<Rd>,
    sink: &mut S,
    lengths: bool,
) -> Result<Summary, Stopped<S::Error>>
where
    Rd: serde_json::de::Read<'de>,
    S: Sink,
{
    let mut st: State<S::Error> = State {
        p: Problems::default(),
        schools: HashMap::new(),
        ids: HashMap::new(),
        seqs: HashMap::new(),
        pending: Vec::new(),
        summary: Summary::default(),
        failed: None,
        lengths,
    };
    let read = Top { st: &mut st, sink }
        .deserialize(&mut *de)
        .and_then(|()| de.end());
    if let Some(e) = st.failed.take() {
        return Err(Stopped::Sink(e));
    }
    let refused = |problems, total| {
        Stopped::Refused(Refused {
            file: source.to_string(),
            problems,
            total,
        })
    };
    if let Err(e) = read {
        return Err(refused(
            vec![format!("line {}, column {}: {e}", e.line(), e.column())],
            1,
        ));
    }
    for r in std::mem::take(&mut st.pending) {
        if !st.resolves(&r) {
            st.p.push(r.message());
        }
    }
    if st.p.total == 0 {
        Ok(st.summary)
    } else {
        Err(refused(st.p.shown, st.p.total))
    }
}
