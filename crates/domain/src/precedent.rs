//! What other public bodies decided about social media, and why (issue 25):
//! a register of precedents, each dated and sourced, linked to the KS risks
//! and the wheel's dimensions it speaks to (`data/precedents.ron`; a
//! municipality's `--data` folder adds or replaces by id). The summaries
//! are somevett's words about what the sources say, not the sources' own.

use serde::{Deserialize, Serialize};

use crate::platform::{FactStatus, Source};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrecedentCatalog {
    pub precedents: Vec<Precedent>,
}

/// What a body chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Chose {
    /// Left the platform, or chose not to join it.
    IkkeBruke,
    /// Stays on it, with measures.
    Bruke,
    /// Stays, with the use narrowed (comments closed, separate devices ...).
    Begrense,
    /// A court or regulator decided on someone else's use.
    Avgjorelse,
}

impl Chose {
    pub fn label(self) -> &'static str {
        match self {
            Chose::IkkeBruke => "valgte å ikke bruke plattformen",
            Chose::Bruke => "valgte å bruke plattformen",
            Chose::Begrense => "begrenset bruken",
            Chose::Avgjorelse => "avgjørelse",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precedent {
    /// Lower-case id, e.g. "datatilsynet-2021".
    pub id: String,
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the source gives no more.
    pub date: String,
    /// Who decided: "Datatilsynet", "Lyngdal kommune" ...
    pub body: String,
    /// The platforms it concerns, by catalogue id.
    pub platforms: Vec<String>,
    pub chose: Chose,
    /// What they decided, in somevett's words.
    pub summary: String,
    /// Why, as the sources give it.
    pub why: String,
    /// The KS risks (`tabell.apenhet.r2`, `scenario.tredjeland`) and wheel
    /// dimensions (`jus`, `omdomme`) it speaks to.
    #[serde(default)]
    pub risks: Vec<String>,
    #[serde(default)]
    pub dimensions: Vec<String>,
    pub sources: Vec<Source>,
    /// The day it was last checked, `YYYY-MM-DD`.
    pub checked: String,
    #[serde(default, skip_serializing_if = "FactStatus::is_current")]
    pub status: FactStatus,
    /// What somevett adds: a date inferred, what the sources leave open.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The file it was read from (set when loaded).
    #[serde(skip)]
    pub origin: String,
}

impl Precedent {
    /// One line: date, body, what it chose (and the status when it does
    /// not simply stand).
    pub fn headline(&self) -> String {
        let standing = if self.status.is_current() {
            String::new()
        } else {
            format!(" ({})", self.status.label())
        };
        format!(
            "{} {}: {}{standing}",
            self.date,
            self.body,
            self.chose.label()
        )
    }

    /// Its words, for a search.
    pub fn text(&self) -> String {
        [
            self.body.as_str(),
            &self.platforms.join(" "),
            self.chose.label(),
            &self.summary,
            &self.why,
            &self.note,
        ]
        .join(" ")
    }
}

impl PrecedentCatalog {
    /// A municipality's precedents: one with a known id replaces it in
    /// place, a new one is added at the end.
    pub fn merge(&mut self, other: PrecedentCatalog) {
        for p in other.precedents {
            match self.precedents.iter_mut().find(|x| x.id == p.id) {
                Some(slot) => *slot = p,
                None => self.precedents.push(p),
            }
        }
    }

    /// Those about a platform (by catalogue id), newest first.
    pub fn for_platform(&self, platform: &str) -> Vec<&Precedent> {
        let mut out: Vec<&Precedent> = self
            .precedents
            .iter()
            .filter(|p| p.platforms.iter().any(|x| x == platform))
            .collect();
        out.sort_by(|a, b| b.date.cmp(&a.date));
        out
    }

    /// Those speaking to a wheel dimension, newest first.
    pub fn for_dimension(&self, dimension: &str) -> Vec<&Precedent> {
        let mut out: Vec<&Precedent> = self
            .precedents
            .iter()
            .filter(|p| p.dimensions.iter().any(|x| x == dimension))
            .collect();
        out.sort_by(|a, b| b.date.cmp(&a.date));
        out
    }

    pub fn find(&self, id: &str) -> Option<&Precedent> {
        let id = id.trim().to_lowercase();
        self.precedents.iter().find(|p| p.id == id)
    }
}
