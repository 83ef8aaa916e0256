//! Data in: reading other systems' files into domain values. Pure: bytes in, values out; the
//! caller decides what to save.

pub mod gias;
mod gias_card;
pub mod json;
mod json_kinds;
pub mod json_stream;
pub mod plan;
pub mod request;

pub use gias::{
    GiasError, GiasOptions, GiasParse, GiasRow, ImportPlan, Skipped, parse_gias, plan_import,
};
