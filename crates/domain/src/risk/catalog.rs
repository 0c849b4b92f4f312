//! What can be scored: KS's table, the content categories and the scenario
//! bank (`data/risks.ron`), the scales and bands a municipality accepts
//! (`data/scales.ron`), and the list of risks a team can assess.

use serde::{Deserialize, Serialize};

use super::*;

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

/// Where an assessable risk comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskSource<'a> {
    /// A risk in KS's table, under its privacy goal.
    Table(&'a PrivacyGoal, &'a Entry),
    Scenario(&'a Scenario),
    Custom(&'a CustomRisk),
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
    /// Its title in `w`'s målform: a scenario's is somevett's own words; a
    /// risk from KS's table is quoted and one the team wrote is theirs, so
    /// both keep their words.
    pub fn title_in(&self, w: &crate::words::Words) -> String {
        match self.source {
            RiskSource::Scenario(_) => w.t(self.title),
            RiskSource::Table(..) | RiskSource::Custom(_) => self.title.to_owned(),
        }
    }

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
