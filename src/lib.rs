//! sqa-board: a terminal board for a local authority's School Quality Assurance process.

pub mod config;
pub mod domain;
pub mod export;
pub mod import;
pub mod synth;
