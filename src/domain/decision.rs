//! Management's decision (KS ch. 8), round by round: the stored types and
//! KS's rule on prior consultation. The rules that read a whole outcome
//! (what is missing, the rule per platform) are in `rules`.

use serde::{Deserialize, Serialize};

use crate::domain::platform::same_platform;

/// Management's decision (KS ch. 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Godkjent,
    BetingetGodkjent,
    IkkeGodkjent,
}

impl Decision {
    pub const ALL: [Decision; 3] = [
        Decision::Godkjent,
        Decision::BetingetGodkjent,
        Decision::IkkeGodkjent,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Decision::Godkjent => "godkjent",
            Decision::BetingetGodkjent => "betinget godkjent",
            Decision::IkkeGodkjent => "ikke godkjent",
        }
    }

    /// What the decision means for the municipality (KS ch. 8).
    pub fn meaning(self) -> &'static str {
        match self {
            Decision::Godkjent => "Kommunen kan ta i bruk plattformen.",
            Decision::BetingetGodkjent => {
                "Godkjent på vilkårene under; en revidert vurdering legges fram for ledelsen på nytt."
            }
            Decision::IkkeGodkjent => "Kommunen kan ikke ta i bruk plattformen.",
        }
    }

    /// The decision a typed word names: "g", "godkjent", "betinget", "ikke" ...
    pub fn parse(text: &str) -> Option<Decision> {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return None;
        }
        if t.starts_with("ikke") || t == "i" || t == "nei" {
            Some(Decision::IkkeGodkjent)
        } else if t.starts_with('b') {
            Some(Decision::BetingetGodkjent)
        } else if t.starts_with('g') || t == "ja" {
            Some(Decision::Godkjent)
        } else {
            None
        }
    }
}

/// One round before management. Rounds are only ever added, never changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRound {
    pub decision: Decision,
    /// For `betinget godkjent`: the conditions.
    #[serde(default)]
    pub conditions: Vec<String>,
    pub justification: String,
    /// The role that decided, e.g. "kommunedirektør" or "ledergruppen".
    pub decided_by: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Whether the municipality still wants to use the platform.
    pub wants_platform: bool,
    /// Whether residual risk was in the top band when the round was recorded.
    pub residual_top: bool,
    /// When prior consultation was required: whether Datatilsynet was asked.
    #[serde(default)]
    pub prior_consultation: Option<bool>,
    /// Format 4: the decision for each platform the outcome lists. Empty
    /// when the round has one decision for all (an outcome without
    /// platforms, or a round recorded before format 4 with none listed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformDecision>,
    /// Earlier versions of this round, oldest first, each kept when the
    /// round was corrected: a correction never hides what was recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// What a round said before it was corrected, and when it was corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// RFC 3339, when the correction was made.
    pub corrected: String,
    pub decision: Decision,
    #[serde(default)]
    pub conditions: Vec<String>,
    pub justification: String,
    pub decided_by: String,
    pub date: String,
    pub wants_platform: bool,
    #[serde(default)]
    pub prior_consultation: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformDecision>,
}

/// Management's decision for one platform in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformDecision {
    /// The platform as the outcome lists it.
    pub platform: String,
    pub decision: Decision,
}

impl DecisionRound {
    /// The decisions per platform when they say more than the round's own
    /// decision: with two or more platforms. With one, its decision is the
    /// round's decision and is shown as that.
    pub fn decided_apart(&self) -> &[PlatformDecision] {
        if self.platforms.len() > 1 {
            &self.platforms
        } else {
            &[]
        }
    }

    /// The decision this round made for `platform`: its own, or the round's
    /// one decision when it made none per platform. None when the round
    /// decided per platform but not on this one (listed later).
    pub fn decision_for(&self, platform: &str) -> Option<Decision> {
        if self.platforms.is_empty() {
            return Some(self.decision);
        }
        self.platforms
            .iter()
            .find(|p| same_platform(&p.platform, platform))
            .map(|p| p.decision)
    }

    /// Replaces the round's values with `new`'s, keeping the old ones as a correction.
    pub fn correct(&mut self, new: DecisionRound, now: String) {
        let old = Correction {
            corrected: now,
            decision: self.decision,
            conditions: std::mem::take(&mut self.conditions),
            justification: std::mem::take(&mut self.justification),
            decided_by: std::mem::take(&mut self.decided_by),
            date: std::mem::take(&mut self.date),
            wants_platform: self.wants_platform,
            prior_consultation: self.prior_consultation,
            platforms: std::mem::take(&mut self.platforms),
        };
        let mut corrections = std::mem::take(&mut self.corrections);
        corrections.push(old);
        *self = DecisionRound { corrections, ..new };
    }
}

/// Management's decisions, round by round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionPart {
    #[serde(default)]
    pub rounds: Vec<DecisionRound>,
}

/// KS ch. 8: when the assessment has been before management more than
/// once, the risk is still high (residual risk in the top band) and the wish
/// to use the platform is still strong, the municipality must ask
/// Datatilsynet for prior consultation (GDPR art. 36).
pub fn prior_consultation_required(
    rounds: usize,
    residual_top: bool,
    wants_platform: bool,
) -> bool {
    rounds > 1 && residual_top && wants_platform
}

impl DecisionPart {
    pub fn latest(&self) -> Option<&DecisionRound> {
        self.rounds.last()
    }

    /// Whether the rule applies to the latest round, as it was recorded.
    pub fn consultation_required(&self) -> bool {
        self.latest().is_some_and(|r| {
            prior_consultation_required(self.rounds.len(), r.residual_top, r.wants_platform)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prior_consultation_rule_on_its_edges() {
        // First round: never, however high the risk.
        assert!(!prior_consultation_required(1, true, true));
        // Second round, top band, still wanted: required.
        assert!(prior_consultation_required(2, true, true));
        // Below the top band: not required.
        assert!(!prior_consultation_required(2, false, true));
        // No longer wanted: not required.
        assert!(!prior_consultation_required(2, true, false));
        assert!(prior_consultation_required(3, true, true));
        assert!(!prior_consultation_required(0, true, true));
    }

    #[test]
    fn decisions_are_understood_from_a_word() {
        assert_eq!(Decision::parse("Godkjent"), Some(Decision::Godkjent));
        assert_eq!(
            Decision::parse("betinget"),
            Some(Decision::BetingetGodkjent)
        );
        assert_eq!(
            Decision::parse("ikke godkjent"),
            Some(Decision::IkkeGodkjent)
        );
        assert_eq!(Decision::parse("kanskje"), None);
    }
}
