//! sqa-board: a terminal board for a local authority's School Quality Assurance process.

pub mod action;
pub mod app;
pub mod background;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod effects;
pub mod export;
pub mod files;
pub mod import;
pub mod input;
pub mod keymap;
pub mod lean_backend;
pub mod print;
pub mod runner;
pub mod serve;
pub mod session;
pub mod store;
pub mod synth;
pub mod tui;
pub mod ui;
pub mod wake;
