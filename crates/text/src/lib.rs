//! Text in and out, shared by every layer that reads files or writes to a
//! terminal: bounded reads of regular files (`regular_file`), text cleaned
//! once when loaded (`sanitize`), errors that name the file, line and
//! column (`error`), the one escaping function for what reaches a terminal
//! (`terminal`), and words as the search folds and stems them (`words`).
//! It knows no domain type, so content and search both build on it.

pub mod error;
pub mod regular_file;
pub mod sanitize;
pub mod terminal;
pub mod words;

pub use error::LocatedError;
