//! The demo county, Wealdshire: fictional schools with two years of invented history, shipped
//! inside the binary so `sqa demo` works from any directory.

use crate::domain::Dataset;

/// `data/demo.json`, compiled in.
pub const DEMO_JSON: &str = include_str!("../data/demo.json");

/// Parses a dataset from JSON text, naming the source, line and column of any error.
pub fn parse_dataset(source: &str, json: &str) -> Result<Dataset, String> {
    serde_json::from_str(json)
        .map_err(|e| format!("{source}, line {}, column {}: {e}", e.line(), e.column()))
}

pub fn demo_dataset() -> Result<Dataset, String> {
    parse_dataset("data/demo.json", DEMO_JSON)
}
