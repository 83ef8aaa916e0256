//! The limits on what sqa takes in (a JSON import, a GIAS extract, the config, a paste, the
//! editor's file), checked before anything is written. Documented in README ("Limits").
//!
//! Each is far above anything a real authority's data reaches (the large synthetic authority of
//! `synth` is 600 schools and ~80,000 records over five years) and low enough that a hostile or
//! mistaken file cannot wrap a counter, exhaust memory, or leave a store that can no longer be
//! exported, checked or backed up.

/// The largest id, revision or audit sequence number accepted: 2^53, the largest integer every
/// JSON reader (JavaScript, a spreadsheet) reads exactly. A store counting up from there by one a
/// second would take 285 million years to reach u64::MAX, so no counter can wrap.
pub const MAX_ID: u64 = 1 << 53;

/// One-line names (a school, a person, a category, a title): characters.
pub const MAX_NAME_CHARS: usize = 500;

/// One text field (a note section, a rationale, an audit summary): bytes of UTF-8.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Schools in one import.
pub const MAX_SCHOOLS: usize = 100_000;

/// Records of one kind (decisions, notes...) in one import.
pub const MAX_RECORDS_PER_KIND: usize = 2_000_000;

/// Audit entries in one import.
pub const MAX_AUDIT_ENTRIES: usize = 2_000_000;

/// Categories in a scheme.
pub const MAX_CATEGORIES: usize = 100;

/// Items in one list inside one record (agenda items, evidence lines, amendments...).
pub const MAX_LIST_ITEMS: usize = 10_000;

/// Fields whose text is one line: a name, a label, a person, a title. Every other text field
/// may hold paragraphs, up to `MAX_TEXT_BYTES`.
pub fn is_name_field(field: &str) -> bool {
    matches!(
        field,
        "name"
            | "headteacher"
            | "chair_of_governors"
            | "link_officer"
            | "contact_email"
            | "trust"
            | "diocese"
            | "owner"
            | "author"
            | "reviewer"
            | "decided_by"
            | "user"
            | "visit_type"
            | "category"
            | "previous"
            | "title"
            | "attendees"
            | "visitors"
            | "kind"
            | "key"
            | "label"
            | "symbol"
            | "colour"
    )
}
