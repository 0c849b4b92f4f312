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
pub mod content;
pub mod domain;
pub mod keymap;
pub mod outcome;
pub mod paste;
pub mod regular_file;
pub mod search;
pub mod terminal_text;
pub mod ui;
