//! Checklists: the five kinds of social-media dilemma and KS's assessment,
//! answered by the team; and management's decision, round by round.

use serde::{Deserialize, Serialize};

/// One question a team answers ja / delvis / nei / ikke relevant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique inside its list.
    pub id: String,
    pub text: String,
    /// Where it comes from, e.g. "KS kap. 3" or "Meråker, privat bruk pkt. 4".
    pub source: String,
    /// Guideline items it rests on, as full ids (`meraker.privat.4`).
    #[serde(default)]
    pub guidelines: Vec<String>,
}

/// `data/dilemmas.ron`: the five kinds of dilemma (Kvalnes 2020, ch. 2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DilemmaCatalog {
    pub source: String,
    pub kinds: Vec<DilemmaKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DilemmaKind {
    /// rolle, tempo, integritet, ytring, kompetanse.
    pub id: String,
    pub name: String,
    pub description: String,
    /// A typical municipal situation.
    pub example: String,
    pub questions: Vec<Question>,
}

/// `data/assessment.ron`: KS's assessment, section by section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentChecklist {
    pub source: String,
    pub sections: Vec<ChecklistSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSection {
    pub id: String,
    pub title: String,
    /// The KS chapter, e.g. "KS kap. 2".
    pub chapter: String,
    pub items: Vec<Question>,
}
