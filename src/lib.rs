//! sqa-board: a terminal board for a local authority's School Quality Assurance process.

pub mod app;
pub mod domain;
pub mod keymap;
pub mod synth;
pub mod ui;
