//! The integration tests, built as one binary: after a change to the crate, one test binary is
//! linked instead of one per file. Each file below is one area; `cargo test --test it <area>`
//! runs one, e.g. `cargo test --test it store_` for the store's tests.

// Shared helpers (each allows dead code: not every area uses every helper).
mod app_common;
#[allow(dead_code)]
mod common;
mod store_support;

mod app_keys;
mod board_facts;
mod cli;
mod config_presets;
mod demo_anchor;
mod demo_data;
mod e2e_board;
mod e2e_checkpoint;
mod e2e_editor_hangup;
mod e2e_forms_keep;
mod e2e_hangup;
mod e2e_input;
mod e2e_keep;
mod e2e_meeting;
mod e2e_notes;
mod e2e_panic;
mod e2e_serve;
mod e2e_type_ahead;
mod effects;
mod escalation;
mod export_csv;
mod export_markdown;
mod forms_keep;
mod gias_import;
mod hostile_input;
mod input_burst;
mod input_decoder;
mod line_edit;
mod meeting_follow_up;
mod meeting_keys;
mod meeting_run;
mod note_search;
mod note_view;
mod notes_form;
mod notes_keep;
mod notes_safe_keys;
mod notes_snapshots;
mod ofsted_cards;
mod paste_everywhere;
mod roundtrip_large;
mod runner;
mod save_conflict;
mod scale_keys;
mod schedule_keys;
mod schedule_truth;
mod scheme_switch;
mod school_details;
mod store_audit_index;
mod store_board_cache;
mod store_damage;
mod store_dataset;
mod store_durable;
mod store_full_disk;
mod store_golden;
mod store_golden_forms;
mod store_lock;
mod store_prop;
mod store_read_only;
mod store_records;
mod store_schema;
mod stress_hangup;
mod timeline_calendar;
mod timeline_kept;
mod timeline_keys;
mod timeline_snapshots;
mod ui_demo;
mod ui_snapshots;
