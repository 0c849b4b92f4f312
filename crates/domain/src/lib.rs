//! Plain data types of the domain, with serde. Nothing here knows about the
//! terminal, files or the user interface.

pub mod case;
pub mod change;
pub mod checklist;
pub mod date;
pub mod decision;
pub mod ground;
pub mod guideline;
pub mod outcome;
pub mod per_platform;
pub mod platform;
pub mod precedent;
pub mod public;
pub mod review;
pub mod risk;
pub mod rules;
pub mod suggest;
pub mod voices;
pub mod wheel;
pub mod words;

pub use guideline::{Document, DocumentKind, Item, ItemRef, Section};
pub use outcome::{FORMAT_VERSION, Outcome, Participant, Role};
