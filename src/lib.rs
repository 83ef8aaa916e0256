//! sqa-board: a terminal board for a local authority's School Quality Assurance process.

pub mod domain;
pub mod import;
pub mod synth;
pub mod config;
pub mod export;
