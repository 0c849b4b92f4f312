//! somevett: a keyboard-driven terminal app for municipalities' documented
//! assessment of social media (KS's guide, local rules, privacy statements).
//!
//! Layers, from the bottom: `domain` (plain data) -> `content` (loading and
//! validation) -> `search` -> `outcome` (files: saving, conflicts, migration,
//! export) -> `ui` (screens; they never touch files) -> `app` (the loop, and
//! the one place that asks `outcome` to read and write).

pub mod action;
pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod keymap;
pub mod paste;
pub mod ui;

// The layers below, each a crate of its own (`crates/`), under the names
// the app, the tests and the benches use.
pub use somevett_content as content;
pub use somevett_domain as domain;
pub use somevett_search as search;
pub use somevett_text::{regular_file, terminal as terminal_text};

/// Outcome files (`somevett-store`) and their reports (`somevett-report`).
pub mod outcome {
    pub use somevett_report::{board, calendar, export, html, pdf, plan, public, report};
    pub use somevett_store::*;
}
