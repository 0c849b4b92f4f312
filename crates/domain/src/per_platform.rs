//! One workshop, several platforms (format 4). KS says the assessment must
//! be made for the platform in question, so an outcome that lists Facebook
//! and TikTok keeps one shared risk list and, per platform, only what
//! differs: its scores before and after measures, its treatment, measures
//! of its own, or that a risk is not relevant for it. What a platform does
//! not set it shares. Management decides per platform in each round
//! (`decision::PlatformDecision`), and the comparison board (`board`) sets
//! the platforms side by side with «ikke bruke plattformen» as a baseline.

use crate::Outcome;
use crate::decision::Decision;
use crate::platform::{Fact, PlatformCatalog, same_platform};
use crate::risk::{
    BandColor, PlatformRisk, RiskAssessment, RiskPart, Scales, Score, ScoreField, Side, Treatment,
};

/// The wheel's extra alternative when its alternatives are the platforms.
pub const NOT_USING_SOCIAL_MEDIA: &str = "Ikke bruke sosiale medier";

/// The board's baseline column.
pub const BASELINE: &str = "Ikke bruke plattformen";

impl RiskAssessment {
    /// What `platform` has of its own for this risk, if anything.
    pub fn platform(&self, platform: &str) -> Option<&PlatformRisk> {
        self.platforms
            .iter()
            .find(|p| same_platform(&p.platform, platform))
    }

    /// `platform`'s own part of this risk, created empty if there is none.
    pub fn platform_entry(&mut self, platform: &str) -> &mut PlatformRisk {
        let i = match self
            .platforms
            .iter()
            .position(|p| same_platform(&p.platform, platform))
        {
            Some(i) => i,
            None => {
                self.platforms.push(PlatformRisk {
                    platform: platform.trim().into(),
                    ..PlatformRisk::default()
                });
                self.platforms.len() - 1
            }
        };
        &mut self.platforms[i]
    }

    pub fn relevant_for(&self, platform: &str) -> bool {
        self.platform(platform).is_none_or(|p| !p.not_relevant)
    }

    /// The assessment as it stands for `platform`: its own scores and
    /// treatment where it has them, else the shared ones; the shared
    /// measures followed by its own. The note stays the shared one.
    pub fn for_platform(&self, platform: &str) -> RiskAssessment {
        let own = self.platform(platform);
        RiskAssessment {
            risk: self.risk.clone(),
            inherent: own.and_then(|o| o.inherent).or(self.inherent),
            residual: own.and_then(|o| o.residual).or(self.residual),
            treatment: own.and_then(|o| o.treatment).or(self.treatment),
            measures: self
                .measures
                .iter()
                .chain(own.map_or(&[][..], |o| &o.measures))
                .cloned()
                .collect(),
            note: self.note.clone(),
            platforms: Vec::new(),
        }
    }

    /// Sets one number for `platform` (0 clears it). A score equal to the
    /// shared one is not kept apart: the platform shares it again.
    pub fn set_for(&mut self, platform: &str, field: ScoreField, value: u8) {
        let shared = self.score(field.side());
        let mut resolved = self.for_platform(platform);
        resolved.set(field, value);
        let score = resolved.score(field.side());
        let own = self.platform_entry(platform);
        let slot = match field.side() {
            Side::Inherent => &mut own.inherent,
            Side::Residual => &mut own.residual,
        };
        *slot = match score {
            s if s == shared => None,
            // Cleared where the shared one is set: kept as an empty score,
            // so the platform does not silently take the shared one.
            None => Some(Score::default()),
            s => s,
        };
        self.prune();
    }

    /// The treatment after the one shown for `platform` (None: the shared
    /// view). Shared: none -> redusere -> ... -> akseptere -> none. For a
    /// platform: its own treatments in that order, skipping the one equal
    /// to the shared (that one is «som felles»), then back to the shared
    /// one; so every treatment and «som felles» is reached.
    pub fn next_treatment(&self, platform: Option<&str>) -> Option<Treatment> {
        let Some(platform) = platform else {
            return Treatment::cycle(self.treatment);
        };
        let shared = self.treatment;
        let own = self.platform(platform).and_then(|p| p.treatment);
        let after = match own {
            None => 0,
            Some(t) => Treatment::ALL
                .iter()
                .position(|x| *x == t)
                .map_or(0, |i| i + 1),
        };
        Treatment::ALL
            .iter()
            .skip(after)
            .find(|t| Some(**t) != shared)
            .copied()
    }

    /// Sets `platform`'s own treatment; None (or the shared one) shares it.
    pub fn set_treatment_for(&mut self, platform: &str, treatment: Option<Treatment>) {
        let shared = self.treatment;
        self.platform_entry(platform).treatment = treatment.filter(|t| Some(*t) != shared);
        self.prune();
    }

    /// Marks the risk as not relevant for `platform`, or relevant again.
    pub fn toggle_relevant_for(&mut self, platform: &str) {
        let own = self.platform_entry(platform);
        own.not_relevant = !own.not_relevant;
        self.prune();
    }

    /// Drops platform parts that say nothing of their own.
    pub fn prune(&mut self) {
        self.platforms.retain(|p| !p.is_empty());
    }
}

impl RiskPart {
    /// The risk part as it stands for `platform`: every assessment resolved
    /// with `RiskAssessment::for_platform`, so lists, badges and the matrix
    /// read it like a shared one. Risks not relevant for it are left out.
    pub fn for_platform(&self, platform: &str) -> RiskPart {
        self.resolved_for(platform, |a| a.relevant_for(platform))
    }

    /// Like `for_platform`, but keeping the risks not relevant for it, for a
    /// list that shows them marked.
    pub fn shown_for(&self, platform: &str) -> RiskPart {
        self.resolved_for(platform, |_| true)
    }

    fn resolved_for(&self, platform: &str, keep: impl Fn(&RiskAssessment) -> bool) -> RiskPart {
        RiskPart {
            custom: self.custom.clone(),
            assessments: self
                .assessments
                .iter()
                .filter(|a| keep(a))
                .map(|a| a.for_platform(platform))
                .collect(),
        }
    }
}

/// A yes/no fact about a platform as the board shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactAnswer {
    Yes,
    No,
    /// Known, but the sources give no plain yes or no (see the text).
    SeeText,
    /// Nobody has found a source.
    Unknown,
    /// The platform is not in `platforms.ron`.
    NotInCatalog,
    /// The baseline: not using the platform.
    NotApplicable,
}

impl FactAnswer {
    fn of(fact: &Fact) -> Self {
        match fact {
            Fact::Unknown => FactAnswer::Unknown,
            Fact::Known { answer, .. } => match answer {
                Some(true) => FactAnswer::Yes,
                Some(false) => FactAnswer::No,
                None => FactAnswer::SeeText,
            },
        }
    }
}

/// The highest risk that stands for a platform, and its band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highest {
    pub value: u8,
    pub band: String,
    pub color: Option<BandColor>,
    pub top: bool,
}

/// One column of the comparison board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub platform: String,
    /// «Ikke bruke plattformen»: nothing is shared with a platform.
    pub baseline: bool,
    /// The highest risk as it stands (after measures where scored).
    pub highest: Option<Highest>,
    /// The ids of the risks in the top band as they stand.
    pub top_risks: Vec<String>,
    /// Risks scored before measures but not after.
    pub without_residual: usize,
    /// The ids of the risks marked not relevant for this platform.
    pub not_relevant: Vec<String>,
    /// Measures not yet carried out.
    pub open_measures: usize,
    pub transfers: FactAnswer,
    pub joint_controller: FactAnswer,
    /// The latest round's decision for this platform, and that round's number.
    pub decision: Option<(usize, Decision)>,
    /// KS ch. 8's rule applies to it as the latest round recorded it:
    /// Datatilsynet must be asked for prior consultation.
    pub consultation_required: bool,
}

/// The platforms side by side, each as it stands now, then the baseline.
pub fn board(outcome: &Outcome, scales: &Scales, catalog: &PlatformCatalog) -> Vec<Column> {
    let mut columns: Vec<Column> = outcome
        .platforms
        .iter()
        .map(|name| column(outcome, scales, catalog, name))
        .collect();
    columns.push(Column {
        platform: BASELINE.to_owned(),
        baseline: true,
        highest: None,
        top_risks: Vec::new(),
        without_residual: 0,
        not_relevant: Vec::new(),
        open_measures: 0,
        transfers: FactAnswer::NotApplicable,
        joint_controller: FactAnswer::NotApplicable,
        decision: None,
        consultation_required: false,
    });
    columns
}

fn column(outcome: &Outcome, scales: &Scales, catalog: &PlatformCatalog, name: &str) -> Column {
    let part = outcome.risk.for_platform(name);
    let current: Vec<(&str, Score)> = part
        .assessments
        .iter()
        .filter_map(|a| Some((a.risk.as_str(), a.current()?)))
        .collect();
    let highest = current.iter().map(|(_, s)| s.value()).max().map(|value| {
        let band = scales.band(value);
        Highest {
            value,
            band: band.map_or(String::new(), |b| b.name.clone()),
            color: band.map(|b| b.color),
            top: scales.is_top(value),
        }
    });
    let facts = catalog.find(name);
    let answer = |f: fn(&crate::platform::Platform) -> &Fact| {
        facts.map_or(FactAnswer::NotInCatalog, |p| FactAnswer::of(f(p)))
    };
    let rounds = &outcome.decision.rounds;
    Column {
        platform: name.to_owned(),
        baseline: false,
        highest,
        top_risks: current
            .iter()
            .filter(|(_, s)| scales.is_top(s.value()))
            .map(|(id, _)| (*id).to_owned())
            .collect(),
        without_residual: part.without_residual().len(),
        not_relevant: outcome
            .risk
            .assessments
            .iter()
            .filter(|a| !a.relevant_for(name))
            .map(|a| a.risk.clone())
            .collect(),
        open_measures: part
            .assessments
            .iter()
            .flat_map(|a| &a.measures)
            .filter(|m| !m.status.is_done())
            .count(),
        transfers: answer(|p| &p.transfers),
        joint_controller: answer(|p| &p.joint_controller),
        decision: rounds
            .last()
            .and_then(|r| r.decision_for(name))
            .map(|d| (rounds.len(), d)),
        consultation_required: outcome
            .decision
            .consultation_required((outcome.platforms.len() > 1).then_some(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::{Measure, MeasureStatus};

    fn score(likelihood: u8, consequence: u8) -> Option<Score> {
        Some(Score {
            likelihood,
            consequence,
        })
    }

    #[test]
    fn a_platform_shares_what_it_does_not_set_itself() {
        let mut a = RiskAssessment {
            risk: "egen.1".into(),
            inherent: score(3, 3),
            residual: score(2, 2),
            treatment: Some(Treatment::Redusere),
            ..RiskAssessment::default()
        };
        a.set_for("TikTok", ScoreField::ResidualLikelihood, 5);
        assert_eq!(a.for_platform("tiktok").residual, score(5, 2));
        assert_eq!(a.for_platform("Facebook").residual, score(2, 2));
        assert_eq!(a.for_platform("TikTok").inherent, score(3, 3));
        // Setting it back to the shared score shares it again.
        a.set_for("TikTok", ScoreField::ResidualLikelihood, 2);
        assert!(a.platforms.is_empty(), "{:?}", a.platforms);
    }

    #[test]
    fn clearing_a_platform_score_does_not_fall_back_to_the_shared_one() {
        let mut a = RiskAssessment {
            inherent: score(4, 4),
            ..RiskAssessment::default()
        };
        a.set_for("X", ScoreField::InherentLikelihood, 0);
        a.set_for("X", ScoreField::InherentConsequence, 0);
        assert_eq!(a.for_platform("X").current(), None);
        assert_eq!(a.current(), score(4, 4));
    }

    /// `b` on a platform view reached every treatment and «som felles»
    /// only when the shared one was not the last: with «akseptere» shared,
    /// it looped on «akseptere» for ever (round 3, M1).
    #[test]
    fn a_platform_steps_through_every_treatment_and_back_to_the_shared_one() {
        for shared in [None]
            .into_iter()
            .chain(Treatment::ALL.iter().copied().map(Some))
        {
            let mut a = RiskAssessment {
                treatment: shared,
                ..RiskAssessment::default()
            };
            let mut seen = Vec::new();
            for _ in 0..=Treatment::ALL.len() {
                let next = a.next_treatment(Some("TikTok"));
                a.set_treatment_for("TikTok", next);
                let own = a.platform("TikTok").and_then(|p| p.treatment);
                seen.push((own, a.for_platform("TikTok").treatment));
                if own.is_none() {
                    break;
                }
            }
            let shown: Vec<Option<Treatment>> = seen.iter().map(|(_, t)| *t).collect();
            for &t in Treatment::ALL {
                assert!(
                    shown.contains(&Some(t)),
                    "{shared:?}: {t:?} never shown: {seen:?}"
                );
            }
            assert_eq!(
                seen.last().map(|(own, _)| *own),
                Some(None),
                "{shared:?}: back to shared"
            );
        }
    }

    #[test]
    fn treatment_and_relevance_are_per_platform_and_undo_to_shared() {
        let mut a = RiskAssessment {
            treatment: Some(Treatment::Redusere),
            ..RiskAssessment::default()
        };
        let next = a.next_treatment(Some("TikTok"));
        a.set_treatment_for("TikTok", next);
        assert_eq!(a.for_platform("TikTok").treatment, Some(Treatment::Unnga));
        assert_eq!(
            a.for_platform("Facebook").treatment,
            Some(Treatment::Redusere)
        );
        a.toggle_relevant_for("Facebook");
        assert!(!a.relevant_for("facebook"));
        a.toggle_relevant_for("Facebook");
        assert!(a.relevant_for("Facebook"));
        assert_eq!(a.platforms.len(), 1, "only TikTok differs");
    }

    #[test]
    fn own_measures_follow_the_shared_ones() {
        let mut a = RiskAssessment {
            measures: vec![Measure {
                text: "felles".into(),
                ..Measure::default()
            }],
            ..RiskAssessment::default()
        };
        a.platform_entry("TikTok").measures.push(Measure {
            text: "egen".into(),
            status: MeasureStatus::Gjennomfort,
            ..Measure::default()
        });
        let texts: Vec<_> = a
            .for_platform("TikTok")
            .measures
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(texts, ["felles", "egen"]);
        assert_eq!(a.for_platform("Facebook").measures.len(), 1);
    }
}
