//! A team's assessment: scores before and after measures, treatment,
//! measures, a platform's own part, the team's own risks, and the ids
//! assessments are stored under.

use serde::{Deserialize, Serialize};

use super::*;
use crate::date::Date;
use crate::platform::PlatformName;

/// Sannsynlighet and konsekvens, each 1..=5; 0 while not yet set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub likelihood: u8,
    pub consequence: u8,
}

impl Score {
    pub const MAX: u8 = 5;

    /// Risk = S x K; 0 until both are set.
    pub fn value(self) -> u8 {
        // Loading refuses numbers over MAX; saturating keeps a stray one harmless.
        self.likelihood.saturating_mul(self.consequence)
    }

    pub fn is_valid(self) -> bool {
        self.likelihood <= Self::MAX && self.consequence <= Self::MAX
    }

    pub fn is_complete(self) -> bool {
        self.value() > 0
    }
}

/// Before or after measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Inherent,
    Residual,
}

/// The four numbers of an assessment, in the order a team scores them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, strum::VariantArray)]
pub enum ScoreField {
    #[default]
    InherentLikelihood,
    InherentConsequence,
    ResidualLikelihood,
    ResidualConsequence,
}

impl ScoreField {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [ScoreField] = <ScoreField as strum::VariantArray>::VARIANTS;

    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> Self {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    pub fn side(self) -> Side {
        match self {
            ScoreField::InherentLikelihood | ScoreField::InherentConsequence => Side::Inherent,
            _ => Side::Residual,
        }
    }
}

impl RiskAssessment {
    pub fn score(&self, side: Side) -> Option<Score> {
        match side {
            Side::Inherent => self.inherent,
            Side::Residual => self.residual,
        }
    }

    /// Sets one number (0 clears it); a score with neither number is removed.
    pub fn set(&mut self, field: ScoreField, value: u8) {
        let value = value.min(Score::MAX);
        let slot = match field.side() {
            Side::Inherent => &mut self.inherent,
            Side::Residual => &mut self.residual,
        };
        let mut score = slot.unwrap_or_default();
        match field {
            ScoreField::InherentLikelihood | ScoreField::ResidualLikelihood => {
                score.likelihood = value
            }
            _ => score.consequence = value,
        }
        *slot = (score != Score::default()).then_some(score);
    }
}

/// How a risk is treated (Digdir's four options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    Redusere,
    Unnga,
    Dele,
    Akseptere,
}

impl Treatment {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [Treatment] = <Treatment as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Redusere => "redusere",
            Treatment::Unnga => "unngå",
            Treatment::Dele => "dele",
            Treatment::Akseptere => "akseptere",
        }
    }

    /// The next option, round: none -> redusere -> ... -> akseptere -> none.
    pub fn cycle(current: Option<Treatment>) -> Option<Treatment> {
        match current {
            None => Some(Treatment::Redusere),
            Some(t) => {
                let i = Treatment::ALL.iter().position(|x| *x == t).unwrap_or(0);
                Treatment::ALL.get(i + 1).copied()
            }
        }
    }
}

/// A measure as a form gives it: none when every field is empty; refused
/// when it has an owner or a due date (ISO, already checked) but no text.
pub fn measure_from(
    text: &str,
    owner: &str,
    due: Option<Date>,
    status: MeasureStatus,
) -> Result<Option<Measure>, String> {
    let (text, owner) = (text.trim(), owner.trim());
    if text.is_empty() {
        if owner.is_empty() && due.is_none() {
            return Ok(None);
        }
        return Err("Tiltaket har eier eller frist, men ingen tekst.".to_owned());
    }
    Ok(Some(Measure {
        text: text.to_owned(),
        owner: owner.to_owned(),
        due,
        status,
        ..Measure::default()
    }))
}

/// A risk-reducing measure with its owner and due date (the action plan).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub text: String,
    /// Where it was picked from, e.g. `apenhet.t3`; empty when written freely.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub owner: String,
    /// When it is due, if set (format 3). Format 2 kept free text; what
    /// could not be read as a date is kept word for word in `note`.
    #[serde(default, with = "crate::date::optional")]
    pub due: Option<Date>,
    /// Format 3: how far the measure has come.
    #[serde(default)]
    pub status: MeasureStatus,
    /// Format 3: anything more, e.g. a format 2 due date that was no date.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How far a measure has come.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    #[default]
    Apen,
    Pagar,
    Gjennomfort,
}

impl MeasureStatus {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [MeasureStatus] = <MeasureStatus as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            MeasureStatus::Apen => "åpen",
            MeasureStatus::Pagar => "pågår",
            MeasureStatus::Gjennomfort => "gjennomført",
        }
    }

    /// The status a typed word names, forgiving a missing «å» or «ø».
    pub fn parse(word: &str) -> Option<MeasureStatus> {
        let word = word.trim().to_lowercase();
        let word = word.replace('å', "a").replace('ø', "o");
        MeasureStatus::ALL.iter().copied().find(|s| {
            let label = s.label().replace('å', "a").replace('ø', "o");
            !word.is_empty() && label.starts_with(&word)
        })
    }

    pub fn is_done(self) -> bool {
        self == MeasureStatus::Gjennomfort
    }
}

/// A risk the team adds itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRisk {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A privacy goal id, or empty.
    #[serde(default)]
    pub goal: String,
}

/// The team's assessment of one risk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskAssessment {
    /// `tabell.<goal>.<risk>`, `scenario.<id>` or `egen.<id>`.
    pub risk: String,
    #[serde(default)]
    pub inherent: Option<Score>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub treatment: Option<Treatment>,
    #[serde(default)]
    pub residual: Option<Score>,
    #[serde(default)]
    pub note: String,
    /// Format 4: where a platform's assessment differs from the shared one
    /// above (see `domain::per_platform`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformRisk>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What one platform's assessment of a risk says where it differs from the
/// shared assessment. A field left empty is the shared one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformRisk {
    /// The platform as the outcome lists it, e.g. "TikTok".
    pub platform: PlatformName,
    /// The risk does not apply to this platform.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_relevant: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<Treatment>,
    /// Measures for this platform only, besides the shared ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// Why this platform differs, in the team's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl PlatformRisk {
    pub fn is_empty(&self) -> bool {
        !self.not_relevant
            && self.inherent.is_none()
            && self.residual.is_none()
            && self.treatment.is_none()
            && self.measures.is_empty()
            && self.note.is_empty()
    }
}

/// The risk part of an outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskPart {
    #[serde(default)]
    pub custom: Vec<CustomRisk>,
    #[serde(default)]
    pub assessments: Vec<RiskAssessment>,
}

impl RiskPart {
    /// The ids of assessments with a number outside 0..=5.
    pub fn invalid_scores(&self) -> Vec<&str> {
        self.assessments
            .iter()
            .filter(|a| {
                let own = a.platforms.iter().flat_map(|p| [p.inherent, p.residual]);
                [a.inherent, a.residual]
                    .into_iter()
                    .chain(own)
                    .flatten()
                    .any(|s| !s.is_valid())
            })
            .map(|a| a.risk.as_str())
            .collect()
    }

    pub fn get(&self, risk: impl AsRef<str>) -> Option<&RiskAssessment> {
        let risk = risk.as_ref();
        self.assessments.iter().find(|a| a.risk == risk)
    }

    /// The assessment of `risk`, created empty if there is none yet.
    pub fn entry(&mut self, risk: impl AsRef<str>) -> &mut RiskAssessment {
        let risk = risk.as_ref();
        let i = match self.assessments.iter().position(|a| a.risk == risk) {
            Some(i) => i,
            None => {
                self.assessments.push(RiskAssessment {
                    risk: risk.to_owned(),
                    ..RiskAssessment::default()
                });
                self.assessments.len() - 1
            }
        };
        &mut self.assessments[i]
    }

    pub fn is_empty(&self) -> bool {
        self.custom.is_empty() && self.assessments.is_empty()
    }
}

/// The id a risk's assessment is stored under: `tabell.<goal>.<risk>`,
/// `scenario.<id>` or `egen.<n>`. Built and taken apart only here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RiskId(String);

const TABLE_PREFIX: &str = "tabell.";
const SCENARIO_PREFIX: &str = "scenario.";
const CUSTOM_PREFIX: &str = "egen.";

impl RiskId {
    pub fn table(goal: &str, risk: &str) -> Self {
        RiskId(format!("{TABLE_PREFIX}{goal}.{risk}"))
    }

    pub fn scenario(id: &str) -> Self {
        RiskId(format!("{SCENARIO_PREFIX}{id}"))
    }

    pub fn custom(id: &str) -> Self {
        RiskId(format!("{CUSTOM_PREFIX}{id}"))
    }

    /// An id as an outcome file stores it (an assessment's `risk`).
    pub fn stored(id: &str) -> Self {
        RiskId(id.to_owned())
    }

    /// The id as stored in an outcome file.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The team's own risk's id (`3` of `egen.3`), if this is one.
    pub fn custom_id(&self) -> Option<&str> {
        self.0.strip_prefix(CUSTOM_PREFIX)
    }

    pub fn is_custom(&self) -> bool {
        self.custom_id().is_some()
    }
}

impl std::fmt::Display for RiskId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for RiskId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl RiskPart {
    /// A fresh id for the team's next own risk: used by no own risk and no
    /// assessment, so a new risk never inherits an old one's scores.
    pub fn next_custom_id(&self) -> String {
        let taken = |n: &String| {
            self.custom.iter().any(|c| &c.id == n) || self.get(RiskId::custom(n)).is_some()
        };
        (1..)
            .map(|n: u32| n.to_string())
            .find(|n| !taken(n))
            .unwrap_or_default()
    }

    /// Whether a risk id names something that exists: an own risk must still
    /// be in the list (table and scenario ids are the catalogue's).
    pub fn exists(&self, id: &RiskId) -> bool {
        id.custom_id()
            .is_none_or(|c| self.custom.iter().any(|x| x.id == c))
    }
}

impl RiskAssessment {
    /// The risk as it stands: after measures where that is scored, else before.
    pub fn current(&self) -> Option<Score> {
        self.residual
            .filter(|s| s.is_complete())
            .or(self.inherent.filter(|s| s.is_complete()))
    }
}

impl RiskPart {
    /// Whether any assessed risk still stands in the top band.
    pub fn any_in_top_band(&self, scales: &Scales) -> bool {
        self.assessments
            .iter()
            .filter_map(RiskAssessment::current)
            .any(|s| scales.is_top(s.value()))
    }

    /// Adds the team's own risk; returns the id its assessment is stored under.
    pub fn add_custom(&mut self, title: String, description: String, goal: String) -> RiskId {
        let id = self.next_custom_id();
        let risk_id = RiskId::custom(&id);
        self.custom.push(CustomRisk {
            id,
            title,
            description,
            goal,
        });
        risk_id
    }

    /// Removes the team's own risk and its assessment.
    pub fn remove_custom(&mut self, id: &RiskId) {
        if let Some(custom) = id.custom_id() {
            self.custom.retain(|c| c.id != custom);
        }
        self.assessments.retain(|a| a.risk != id.as_str());
    }

    /// The KS measures a risk's assessment has, merged with an edited list:
    /// an edited measure with the same text keeps its source and its note
    /// (the form shows neither; the status it shows and sets).
    pub fn keep_sources(old: &[Measure], edited: Vec<Measure>) -> Vec<Measure> {
        edited
            .into_iter()
            .map(|mut m| {
                if let Some(o) = old.iter().find(|o| o.text == m.text) {
                    if m.source.is_empty() {
                        m.source = o.source.clone();
                    }
                    if m.note.is_empty() {
                        m.note = o.note.clone();
                    }
                }
                m
            })
            .collect()
    }

    /// Assessed risks (scored before measures) with no complete score after.
    pub fn without_residual(&self) -> Vec<&RiskAssessment> {
        self.assessments
            .iter()
            .filter(|a| {
                a.inherent.is_some_and(|s| s.is_complete())
                    && !a.residual.is_some_and(|s| s.is_complete())
            })
            .collect()
    }
}
