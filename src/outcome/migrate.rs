//! Older outcome formats, read and turned into the current one in memory.
//! The file on disk is only rewritten after a backup of it is made (see `save`).

use serde::Deserialize;

use crate::domain::{FORMAT_VERSION, Outcome, Participant};

/// Format 1, the development draft: platforms as one comma-separated
/// string and participants as free text ("rolle: navn").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeV1 {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub platforms: String,
    #[serde(default)]
    pub participants: Vec<String>,
    pub created: String,
    pub updated: String,
    #[serde(default)]
    pub notes: String,
}

impl From<OutcomeV1> for Outcome {
    fn from(v1: OutcomeV1) -> Self {
        Outcome {
            format_version: FORMAT_VERSION,
            id: v1.id,
            title: v1.title,
            municipality: v1.municipality,
            unit: v1.unit,
            platforms: crate::domain::outcome::split_list(&v1.platforms),
            participants: v1
                .participants
                .iter()
                .filter_map(|p| Participant::parse(p))
                .collect(),
            created: v1.created,
            updated: v1.updated,
            notes: v1.notes,
            risk: Default::default(),
            wheel: Default::default(),
            checklists: Default::default(),
            decision: Default::default(),
        }
    }
}
