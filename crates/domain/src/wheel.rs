//! The ethics navigation wheel (Kvalnes and Øverenget) and a team's
//! reflections: a dilemma, its alternatives, each taken round six dimensions.

use serde::{Deserialize, Serialize};

/// Everything in `data/wheel.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wheel {
    pub source: String,
    /// The question in the middle: "Hva gjør du?".
    pub centre: String,
    /// The six dimensions, in order round the wheel.
    pub dimensions: Vec<Dimension>,
    /// The method, step by step.
    pub method: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    /// The one question that sums it up.
    pub question: String,
    /// Guiding questions for the team.
    pub questions: Vec<String>,
}

/// How a dimension bears on an alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    TalerFor,
    TalerMot,
    Uavklart,
    IkkeRelevant,
}

impl Stance {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [Stance] = <Stance as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Stance::TalerFor => "taler for",
            Stance::TalerMot => "taler mot",
            Stance::Uavklart => "uavklart",
            Stance::IkkeRelevant => "ikke relevant",
        }
    }

    /// A symbol that carries the stance without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Stance::TalerFor => "+",
            Stance::TalerMot => "−",
            Stance::Uavklart => "?",
            Stance::IkkeRelevant => "·",
        }
    }

    /// The next stance, round: none -> for -> mot -> uavklart -> ikke relevant -> none.
    pub fn cycle(current: Option<Stance>) -> Option<Stance> {
        match current {
            None => Some(Stance::TalerFor),
            Some(s) => {
                let i = Stance::ALL.iter().position(|x| *x == s).unwrap_or(0);
                Stance::ALL.get(i + 1).copied()
            }
        }
    }
}

/// One dimension's verdict on one alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub dimension: String,
    #[serde(default)]
    pub stance: Option<Stance>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub name: String,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
}

impl Alternative {
    pub fn new(name: impl Into<String>) -> Self {
        Alternative {
            name: name.into(),
            assessments: Vec::new(),
        }
    }

    pub fn get(&self, dimension: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.dimension == dimension)
    }

    pub fn stance(&self, dimension: &str) -> Option<Stance> {
        self.get(dimension).and_then(|a| a.stance)
    }

    pub fn entry(&mut self, dimension: &str) -> &mut Assessment {
        let i = match self
            .assessments
            .iter()
            .position(|a| a.dimension == dimension)
        {
            Some(i) => i,
            None => {
                self.assessments.push(Assessment {
                    dimension: dimension.to_owned(),
                    stance: None,
                    note: String::new(),
                });
                self.assessments.len() - 1
            }
        };
        &mut self.assessments[i]
    }
}

/// A dilemma walked round the wheel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    pub dilemma: String,
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// Which considerations pull against each other, in the team's words.
    #[serde(default)]
    pub conflicts: String,
    /// The index of the chosen alternative.
    #[serde(default)]
    pub choice: Option<usize>,
    #[serde(default)]
    pub justification: String,
}

/// Why a dilemma needs more alternatives.
const TWO_ALTERNATIVES: &str = "Et dilemma trenger minst to alternativer.";

impl Reflection {
    /// A new reflection with the alternatives a municipality usually weighs.
    pub fn new(dilemma: impl Into<String>) -> Self {
        Reflection {
            dilemma: dilemma.into(),
            alternatives: vec![
                Alternative::new("Være til stede på plattformen"),
                Alternative::new("Ikke være til stede"),
                Alternative::new("Være til stede med begrensninger"),
            ],
            conflicts: String::new(),
            choice: None,
            justification: String::new(),
        }
    }

    pub fn chosen(&self) -> Option<&Alternative> {
        self.choice.and_then(|i| self.alternatives.get(i))
    }

    /// The fewest alternatives a dilemma can have: a choice needs two.
    pub const MIN_ALTERNATIVES: usize = 2;

    /// Whether it has alternatives enough to choose between; why not if not.
    pub fn check_alternatives(&self) -> Result<(), String> {
        if self.alternatives.len() < Self::MIN_ALTERNATIVES {
            return Err(TWO_ALTERNATIVES.to_owned());
        }
        Ok(())
    }

    /// Whether an alternative can go without leaving too few; why not if not.
    pub fn check_removal(&self) -> Result<(), String> {
        if self.alternatives.len() <= Self::MIN_ALTERNATIVES {
            return Err(TWO_ALTERNATIVES.to_owned());
        }
        Ok(())
    }

    /// Removes an alternative, keeping the choice pointing at the same one.
    pub fn remove_alternative(&mut self, index: usize) {
        if index >= self.alternatives.len() {
            return;
        }
        self.alternatives.remove(index);
        self.choice = match self.choice {
            Some(c) if c == index => None,
            Some(c) if c > index => Some(c - 1),
            other => other,
        };
    }

    /// How many of the dimension x alternative cells have a stance.
    pub fn assessed_count(&self, wheel: &Wheel) -> usize {
        self.alternatives
            .iter()
            .map(|a| {
                wheel
                    .dimensions
                    .iter()
                    .filter(|d| a.stance(&d.id).is_some())
                    .count()
            })
            .sum()
    }

    /// How many alternatives have a stance on this dimension.
    pub fn assessed_on(&self, dimension: &str) -> usize {
        self.alternatives
            .iter()
            .filter(|a| a.stance(dimension).is_some())
            .count()
    }
}

/// What speaks for and against one alternative.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlternativeSummary {
    /// Dimension ids, in wheel order.
    pub for_: Vec<String>,
    pub against: Vec<String>,
    pub open: Vec<String>,
    pub unassessed: Vec<String>,
}

impl AlternativeSummary {
    /// Some dimensions speak for it and others against: the considerations conflict.
    pub fn is_conflicted(&self) -> bool {
        !self.for_.is_empty() && !self.against.is_empty()
    }
}

impl Reflection {
    pub fn summary(&self, wheel: &Wheel, alternative: usize) -> AlternativeSummary {
        let mut s = AlternativeSummary::default();
        let Some(alt) = self.alternatives.get(alternative) else {
            return s;
        };
        for d in &wheel.dimensions {
            let bucket = match alt.stance(&d.id) {
                Some(Stance::TalerFor) => &mut s.for_,
                Some(Stance::TalerMot) => &mut s.against,
                Some(Stance::Uavklart) => &mut s.open,
                Some(Stance::IkkeRelevant) => continue,
                None => &mut s.unassessed,
            };
            bucket.push(d.id.clone());
        }
        s
    }

    /// Dimensions where the alternatives are judged differently: one speaks
    /// for where another speaks against. These are where the choice is made.
    pub fn dividing_dimensions(&self, wheel: &Wheel) -> Vec<String> {
        wheel
            .dimensions
            .iter()
            .filter(|d| {
                let stances: Vec<Stance> = self
                    .alternatives
                    .iter()
                    .filter_map(|a| a.stance(&d.id))
                    .collect();
                stances.contains(&Stance::TalerFor) && stances.contains(&Stance::TalerMot)
            })
            .map(|d| d.id.clone())
            .collect()
    }
}

/// The wheel part of an outcome: one or more reflections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WheelPart {
    #[serde(default)]
    pub reflections: Vec<Reflection>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wheel() -> Wheel {
        let dim = |id: &str| Dimension {
            id: id.into(),
            name: id.into(),
            question: String::new(),
            questions: Vec::new(),
        };
        Wheel {
            source: String::new(),
            centre: "Hva gjør du?".into(),
            dimensions: ["jus", "identitet", "moral", "omdomme", "okonomi", "etikk"]
                .map(dim)
                .to_vec(),
            method: Vec::new(),
        }
    }

    #[test]
    fn an_alternative_with_both_for_and_against_is_conflicted() {
        let w = wheel();
        let mut r = Reflection::new("Skal skolen ha Instagram?");
        r.alternatives[0].entry("jus").stance = Some(Stance::TalerFor);
        r.alternatives[0].entry("omdomme").stance = Some(Stance::TalerMot);
        r.alternatives[0].entry("moral").stance = Some(Stance::Uavklart);
        r.alternatives[0].entry("okonomi").stance = Some(Stance::IkkeRelevant);
        let s = r.summary(&w, 0);
        assert_eq!(s.for_, vec!["jus"]);
        assert_eq!(s.against, vec!["omdomme"]);
        assert_eq!(s.open, vec!["moral"]);
        assert_eq!(s.unassessed, vec!["identitet", "etikk"]);
        assert!(s.is_conflicted());
        r.alternatives[1].entry("jus").stance = Some(Stance::TalerFor);
        assert!(!r.summary(&w, 1).is_conflicted());
    }

    #[test]
    fn dimensions_divide_alternatives_when_one_is_for_and_another_against() {
        let w = wheel();
        let mut r = Reflection::new("d");
        r.alternatives[0].entry("omdomme").stance = Some(Stance::TalerFor);
        r.alternatives[1].entry("omdomme").stance = Some(Stance::TalerMot);
        r.alternatives[0].entry("jus").stance = Some(Stance::TalerFor);
        r.alternatives[1].entry("jus").stance = Some(Stance::TalerFor);
        assert_eq!(r.dividing_dimensions(&w), vec!["omdomme"]);
        assert_eq!(r.assessed_count(&w), 4);
        assert_eq!(r.assessed_on("jus"), 2);
    }

    #[test]
    fn removing_an_alternative_keeps_the_choice_on_the_same_one() {
        let mut r = Reflection::new("d");
        r.choice = Some(2);
        r.remove_alternative(0);
        assert_eq!(r.choice, Some(1));
        assert_eq!(
            r.chosen().map(|a| a.name.as_str()),
            Some("Være til stede med begrensninger")
        );
        r.remove_alternative(1);
        assert_eq!(r.choice, None);
    }

    #[test]
    fn stances_cycle_through_all_four_and_back_to_none() {
        let mut s = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            s = Stance::cycle(s);
            seen.push(s);
        }
        assert_eq!(seen.last(), Some(&None));
        assert_eq!(seen[0], Some(Stance::TalerFor));
    }
}
