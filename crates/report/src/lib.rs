//! The report of an outcome: one model (`report`) written as Markdown
//! (`export`), PDF/A (`pdf`), calendar entries and a sheet (`calendar`),
//! with the action plan (`plan`) they share.

pub mod board;
pub mod calendar;
pub mod export;
pub mod html;
mod hyphen;
pub mod pdf;
pub mod plan;
pub mod public;
pub mod report;
mod tags;
