//! Privacy risk: KS's table (ch. 7), the scenario bank, the scales and bands
//! a municipality accepts, and a team's scored assessments.

use crate::platform::PlatformName;
use serde::{Deserialize, Serialize};

/// Everything in `data/risks.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskCatalog {
    /// KS's table, one privacy goal per row.
    pub goals: Vec<PrivacyGoal>,
    /// KS's A/B/C categories for content.
    pub categories: Vec<ContentCategory>,
    /// Concrete unwanted events drawn from the sources.
    pub scenarios: Vec<Scenario>,
}

/// Likelihood and consequence scales and the bands of their product: the
/// municipality's acceptance criteria, in `data/scales.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    pub source: String,
    /// Sannsynlighet, values 1..=5 in order.
    pub likelihood: Vec<ScaleStep>,
    /// Konsekvens, values 1..=5 in order.
    pub consequence: Vec<ScaleStep>,
    /// Acceptance criteria: bands of S x K covering 1..=25 without gaps, lowest first.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleStep {
    pub value: u8,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    pub min: u8,
    pub max: u8,
    pub color: BandColor,
    /// What the band means for acceptance, e.g. "Må reduseres før bruk".
    pub acceptance: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandColor {
    Green,
    Yellow,
    Orange,
    Red,
}

/// One row of KS's table: Personvernmål / Risiko / Momenter / Tiltak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyGoal {
    pub id: String,
    pub name: String,
    pub source: String,
    pub risks: Vec<Entry>,
    pub considerations: Vec<Entry>,
    pub measures: Vec<Entry>,
}

/// One cell entry (one `<p>` in the source table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentCategory {
    pub id: String,
    pub name: String,
    pub text: String,
    pub source: String,
}

/// A concrete unwanted event (uønsket hendelse).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The privacy goal it threatens most (an id in `goals`).
    pub goal: String,
    /// Where it comes from: guideline item ids (`kafjord.til-brukere.6`) or a
    /// place in a source ("KS kap. 2.2").
    pub sources: Vec<String>,
    /// Measures the sources suggest, as text.
    #[serde(default)]
    pub measures: Vec<String>,
}

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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ScoreField {
    #[default]
    InherentLikelihood,
    InherentConsequence,
    ResidualLikelihood,
    ResidualConsequence,
}

impl ScoreField {
    pub const ALL: [ScoreField; 4] = [
        ScoreField::InherentLikelihood,
        ScoreField::InherentConsequence,
        ScoreField::ResidualLikelihood,
        ScoreField::ResidualConsequence,
    ];

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

impl Scales {
    /// The band a risk value falls in.
    pub fn band(&self, value: u8) -> Option<&Band> {
        self.bands.iter().find(|b| (b.min..=b.max).contains(&value))
    }

    /// Whether a value is in the highest band: the level that must be
    /// reduced, or taken to Datatilsynet.
    pub fn is_top(&self, value: u8) -> bool {
        self.bands
            .last()
            .is_some_and(|b| (b.min..=b.max).contains(&value))
    }

    pub fn likelihood_label(&self, value: u8) -> &str {
        step_label(&self.likelihood, value)
    }

    pub fn consequence_label(&self, value: u8) -> &str {
        step_label(&self.consequence, value)
    }

    /// What is wrong with these scales, if anything: five steps each, bands
    /// covering 1..=25 in order without gaps or overlaps.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, steps) in [
            ("likelihood", &self.likelihood),
            ("consequence", &self.consequence),
        ] {
            let values: Vec<u8> = steps.iter().map(|s| s.value).collect();
            if values != [1, 2, 3, 4, 5] {
                out.push(format!(
                    "{name} må ha verdiene 1, 2, 3, 4, 5 i rekkefølge, har {values:?}"
                ));
            }
            if steps.iter().any(|s| s.label.trim().is_empty()) {
                out.push(format!("{name} har et trinn uten navn"));
            }
        }
        let mut next = 1u8;
        for band in &self.bands {
            if band.min != next || band.max < band.min {
                out.push(format!(
                    "båndet «{}» ({}-{}) skulle begynt på {next}: båndene må dekke 1-25 uten hull eller overlapp",
                    band.name, band.min, band.max
                ));
            }
            next = band.max.saturating_add(1);
        }
        if next != 26 {
            out.push(format!(
                "båndene slutter på {}, men må dekke opp til 25",
                next.saturating_sub(1)
            ));
        }
        out
    }
}

fn step_label(steps: &[ScaleStep], value: u8) -> &str {
    steps
        .iter()
        .find(|s| s.value == value)
        .map_or("", |s| s.label.as_str())
}

/// How a risk is treated (Digdir's four options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    Redusere,
    Unnga,
    Dele,
    Akseptere,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [
        Treatment::Redusere,
        Treatment::Unnga,
        Treatment::Dele,
        Treatment::Akseptere,
    ];

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
    due: String,
    status: MeasureStatus,
) -> Result<Option<Measure>, String> {
    let (text, owner) = (text.trim(), owner.trim());
    if text.is_empty() {
        if owner.is_empty() && due.is_empty() {
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
    /// YYYY-MM-DD or empty (format 3). Format 2 kept free text; what could
    /// not be read as a date is kept word for word in `note`.
    #[serde(default)]
    pub due: String,
    /// Format 3: how far the measure has come.
    #[serde(default)]
    pub status: MeasureStatus,
    /// Format 3: anything more, e.g. a format 2 due date that was no date.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How far a measure has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    #[default]
    Apen,
    Pagar,
    Gjennomfort,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 3] = [
        MeasureStatus::Apen,
        MeasureStatus::Pagar,
        MeasureStatus::Gjennomfort,
    ];

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
        MeasureStatus::ALL.into_iter().find(|s| {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn scales(bands: &[(u8, u8)]) -> Scales {
        let steps = |prefix: &str| {
            (1..=5)
                .map(|v| ScaleStep {
                    value: v,
                    label: format!("{prefix}{v}"),
                    description: String::new(),
                })
                .collect()
        };
        Scales {
            source: "test".into(),
            likelihood: steps("S"),
            consequence: steps("K"),
            bands: bands
                .iter()
                .enumerate()
                .map(|(i, (min, max))| Band {
                    name: format!("B{i}"),
                    min: *min,
                    max: *max,
                    color: BandColor::Green,
                    acceptance: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn risk_is_likelihood_times_consequence_and_falls_in_a_band() {
        let s = scales(&[(1, 5), (6, 10), (11, 15), (16, 25)]);
        let score = Score {
            likelihood: 4,
            consequence: 4,
        };
        assert_eq!(score.value(), 16);
        assert_eq!(s.band(16).map(|b| b.name.as_str()), Some("B3"));
        assert!(s.is_top(16) && !s.is_top(15));
        assert_eq!(s.band(5).map(|b| b.name.as_str()), Some("B0"));
        assert_eq!(s.band(6).map(|b| b.name.as_str()), Some("B1"));
        assert!(s.problems().is_empty());
    }

    #[test]
    fn a_municipality_may_set_its_own_bands_but_not_leave_gaps() {
        let strict = scales(&[(1, 3), (4, 8), (9, 25)]);
        assert!(strict.problems().is_empty());
        assert!(strict.is_top(9));
        assert!(!scales(&[(1, 5), (7, 25)]).problems().is_empty());
        assert!(!scales(&[(1, 5), (6, 20)]).problems().is_empty());
        assert!(!scales(&[(1, 10), (6, 25)]).problems().is_empty());
    }

    #[test]
    fn scoring_one_number_at_a_time_completes_a_score() {
        let mut a = RiskAssessment::default();
        a.set(ScoreField::InherentLikelihood, 4);
        assert_eq!(
            a.inherent,
            Some(Score {
                likelihood: 4,
                consequence: 0
            })
        );
        assert!(!a.inherent.is_some_and(Score::is_complete));
        a.set(ScoreField::InherentConsequence, 3);
        assert_eq!(a.inherent.map(Score::value), Some(12));
        a.set(ScoreField::InherentLikelihood, 0);
        a.set(ScoreField::InherentConsequence, 0);
        assert_eq!(a.inherent, None);
        assert_eq!(
            ScoreField::ResidualConsequence.next(),
            ScoreField::InherentLikelihood
        );
    }

    #[test]
    fn treatment_cycles_through_all_four_and_back_to_none() {
        let mut t = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            t = Treatment::cycle(t);
            seen.push(t);
        }
        assert_eq!(
            seen,
            vec![
                Some(Treatment::Redusere),
                Some(Treatment::Unnga),
                Some(Treatment::Dele),
                Some(Treatment::Akseptere),
                None
            ]
        );
    }
}

/// Where an assessable risk comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskSource<'a> {
    /// A risk in KS's table, under its privacy goal.
    Table(&'a PrivacyGoal, &'a Entry),
    Scenario(&'a Scenario),
    Custom(&'a CustomRisk),
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

/// A risk the team can score, whatever its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskInfo<'a> {
    /// The id its assessment is stored under.
    pub id: RiskId,
    pub title: &'a str,
    /// The heading it is listed under.
    pub group: &'a str,
    pub source: RiskSource<'a>,
}

impl RiskInfo<'_> {
    /// The privacy goal the risk belongs to, if known.
    pub fn goal_id(&self) -> &str {
        match self.source {
            RiskSource::Table(goal, _) => &goal.id,
            RiskSource::Scenario(s) => &s.goal,
            RiskSource::Custom(c) => &c.goal,
        }
    }
}

pub const SCENARIO_GROUP: &str = "Scenarioer";
pub const CUSTOM_GROUP: &str = "Egne risikoer";

impl RiskCatalog {
    /// Every risk to score, in order: KS's table by goal, the scenarios, then
    /// the team's own.
    pub fn assessable<'a>(&'a self, part: &'a RiskPart) -> Vec<RiskInfo<'a>> {
        let mut out = Vec::new();
        for goal in &self.goals {
            for entry in &goal.risks {
                out.push(RiskInfo {
                    id: RiskId::table(&goal.id, &entry.id),
                    title: &entry.text,
                    group: &goal.name,
                    source: RiskSource::Table(goal, entry),
                });
            }
        }
        for s in &self.scenarios {
            out.push(RiskInfo {
                id: RiskId::scenario(&s.id),
                title: &s.title,
                group: SCENARIO_GROUP,
                source: RiskSource::Scenario(s),
            });
        }
        for c in &part.custom {
            out.push(RiskInfo {
                id: RiskId::custom(&c.id),
                title: &c.title,
                group: CUSTOM_GROUP,
                source: RiskSource::Custom(c),
            });
        }
        out
    }

    pub fn goal(&self, id: &str) -> Option<&PrivacyGoal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// Measures the sources suggest for a risk: its goal's tiltak, and a
    /// scenario's own. Each with where it comes from.
    pub fn suggested_measures(&self, risk: &RiskInfo) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        if let RiskSource::Scenario(s) = risk.source {
            out.extend(
                s.measures
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (format!("scenario.{}.{}", s.id, i + 1), m.clone())),
            );
        }
        if let Some(goal) = self.goal(risk.goal_id()) {
            out.extend(
                goal.measures
                    .iter()
                    .map(|m| (format!("{}.{}", goal.id, m.id), m.text.clone())),
            );
        }
        out
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

/// One assessed risk on the matrix: inherent and residual share a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixPoint {
    pub label: String,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
}

/// The markers in the matrix cell for (likelihood, consequence): `n` for a
/// risk before measures, `n'` after.
pub fn cell_markers(points: &[MatrixPoint], likelihood: u8, consequence: u8) -> Vec<String> {
    let at = |s: Option<Score>| {
        s.is_some_and(|s| s.likelihood == likelihood && s.consequence == consequence)
    };
    let mut out = Vec::new();
    for p in points {
        if at(p.inherent) {
            out.push(p.label.clone());
        }
        if at(p.residual) {
            out.push(format!("{}'", p.label));
        }
    }
    out
}

/// The points for every assessed risk, numbered in list order from 1; only
/// complete scores are plotted.
pub fn matrix_points(risks: &[RiskInfo], part: &RiskPart) -> Vec<(usize, MatrixPoint)> {
    risks
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let a = part.get(&r.id)?;
            let inherent = a.inherent.filter(|s| s.is_complete());
            let residual = a.residual.filter(|s| s.is_complete());
            (inherent.is_some() || residual.is_some()).then(|| {
                (
                    i,
                    MatrixPoint {
                        label: (i + 1).to_string(),
                        inherent,
                        residual,
                    },
                )
            })
        })
        .collect()
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
