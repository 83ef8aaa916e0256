//! Golden bytes: every kind of stored value, encoded at its current schema, must give exactly
//! the bytes in `tests/fixtures/golden/`. bincode writes fields by position, so a field added,
//! removed, reordered or retyped without a schema bump (and a migration) changes these bytes,
//! and old stores would be misread: this test fails first.
//!
//! After a deliberate schema bump, write the new fixture beside the old with
//! `SQA_WRITE_GOLDEN=1 cargo test --test store_golden` and keep the old one for the migration
//! test.

use crate::store_support as support;

use chrono::TimeZone;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqa_board::domain::{AuditEntry, NoteBody, Scheme};
use sqa_board::store::drafts::{DRAFT_SCHEMA, Draft};
use sqa_board::store::envelope;
use sqa_board::store::{AUDIT_SCHEMA, Record, SCHEME_SCHEMA};
use std::path::PathBuf;
use support::*;

pub(crate) fn golden<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    name: &str,
    schema: u16,
    value: &T,
) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(format!("{name}-v{schema}.bin"));
    let bytes = envelope::encode(schema, value).unwrap();
    if std::env::var_os("SQA_WRITE_GOLDEN").is_some() && !path.exists() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let want = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. A new schema? Write its fixture with SQA_WRITE_GOLDEN=1",
            path.display()
        )
    });
    assert!(
        bytes == want,
        "{name} at schema {schema} no longer encodes as {}: bump {name}'s schema and add a \
         migration, or undo the change to its fields",
        path.display()
    );
    let back: T = envelope::decode_body(&want[3..]).unwrap();
    assert_eq!(
        &back, value,
        "{name}: the fixture decodes to something else"
    );
}

fn record<R: Record + PartialEq + std::fmt::Debug>(value: &R) {
    golden(R::KIND, R::SCHEMA, value);
}

#[test]
fn every_stored_kind_encodes_as_its_golden_bytes() {
    let d = day(2026, 11, 23);
    let mut s = school(100234);
    s.rev = 3;
    s.report_card = Some(report_card(day(2026, 10, 6)));
    s.contact_email = "office@school.example".into();
    s.notes = "New build due 2027".into();
    record(&s);
    record(&decision(1, 100234, d));
    record(&meeting(2, d));
    record(&activity(3, 100234, d));
    record(&plan(4, 100234, 2026));
    record(&checkpoint(5, 100234, d));
    record(&note(6, 100234, d));
    record(&action(7, 100234, Some(d)));
    record(&escalation(8, 100234, d));
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .unwrap();
    golden(
        "audit",
        AUDIT_SCHEMA,
        &AuditEntry {
            seq: 9,
            at,
            user: "alice".into(),
            kind: "decision".into(),
            key: "100234/2026-11-23/1".into(),
            summary: "decided High".into(),
        },
    );
    golden("scheme", SCHEME_SCHEMA, &Scheme::la_default());
    golden(
        "draft",
        DRAFT_SCHEMA,
        &Draft {
            key: Draft::key_for(100234, Some(6)),
            urn: 100234,
            note: Some(6),
            amend_reason: Some("typo".into()),
            author: "alice".into(),
            at,
            body: NoteBody {
                date: Some(d),
                purpose: "Reading".into(),
                text: "Typed so far".into(),
                ..NoteBody::default()
            },
        },
    );
}
