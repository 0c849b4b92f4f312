//! Plain data types of the domain, with serde. Nothing here knows about the
//! terminal, files or the user interface.

pub mod guideline;

pub use guideline::{Document, DocumentKind, Item, ItemRef, Section};
