//! The demo county, Wealdshire: fictional schools with two years of invented history, shipped
//! inside the binary so `sqa demo` works from any directory.

use crate::domain::shift::{shift_dataset, weeks_to_anchor};
use crate::domain::{Dataset, TermBoundaries};
use chrono::NaiveDate;

/// `data/demo.json`, compiled in.
pub const DEMO_JSON: &str = include_str!("../data/demo.json");

/// The day the demo's story is told from (`TODAY` in `data/make_demo.py`; a test checks they
/// agree): Monday 23 November 2026, in the autumn term after the autumn SQA meeting.
pub const STORY_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 23) {
    Some(d) => d,
    // Evaluated at compile time: a typo here fails the build, never a run.
    None => panic!("STORY_DATE is not a date"),
};

/// Parses a dataset from JSON text, naming the source, line and column of any error.
pub fn parse_dataset(source: &str, json: &str) -> Result<Dataset, String> {
    serde_json::from_str(json)
        .map_err(|e| format!("{source}, line {}, column {}: {e}", e.line(), e.column()))
}

/// The demo exactly as written, around `STORY_DATE` (what the tests draw).
pub fn demo_dataset() -> Result<Dataset, String> {
    parse_dataset("data/demo.json", DEMO_JSON)
}

/// The demo as it stands on `today`: its history moved by whole weeks so that the story date
/// falls in the week of `today`, so the county looks alive whenever it is opened (a frozen
/// demo opened months later has every checkpoint overdue and no recent visit). Unmoved in the
/// story's own week. `terms` are the boundaries the meetings' terms are recounted with.
pub fn demo_dataset_for(today: NaiveDate, terms: &TermBoundaries) -> Result<Dataset, String> {
    let data = demo_dataset()?;
    let weeks = weeks_to_anchor(STORY_DATE, today);
    shift_dataset(&data, STORY_DATE, weeks, terms).map_err(|e| format!("the demo for {today}: {e}"))
}
