//! Management's decision (KS ch. 8), round by round: the stored types and
//! KS's rule on prior consultation. The rules that read a whole outcome
//! (what is missing, the rule per platform) are in `rules`.

use crate::date::{Date, Timestamp};
use crate::platform::PlatformName;
use serde::{Deserialize, Serialize};

use crate::platform::same_platform;

/// Management's decision (KS ch. 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Godkjent,
    BetingetGodkjent,
    IkkeGodkjent,
}

impl Decision {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [Decision] = <Decision as strum::VariantArray>::VARIANTS;

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

/// One round before management. Rounds are only ever added; a correction
/// keeps what the round said before (`corrections`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRound {
    pub decision: Decision,
    /// For `betinget godkjent`: the conditions. With several platforms they
    /// are each platform's own (`PlatformDecision::conditions`).
    #[serde(default)]
    pub conditions: Vec<String>,
    pub justification: String,
    /// The role that decided, e.g. "kommunedirektør" or "ledergruppen".
    pub decided_by: String,
    /// When management decided; none when an older file held no date (see
    /// `note`).
    #[serde(with = "crate::date::optional")]
    pub date: Option<Date>,
    /// Whether the municipality still wants to use the platform. With
    /// several platforms: whether it wants any of them (each platform's own
    /// answer is in `platforms`).
    pub wants_platform: bool,
    /// Whether residual risk was in the top band when the round was
    /// recorded. With several platforms: for any of them (each platform's
    /// own flag is in `platforms`). Before format 5, computed from the
    /// shared scores only (`computed_the_old_way`).
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
    /// Format 5: what somevett had to note about the round, e.g. a date in
    /// an older file that was no date, kept word for word.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Format 6: which reading of the rule on prior consultation management
    /// applied (KS ch. 8 or Datatilsynet's, GDPR art. 36(1)), if it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
    /// Format 7: the platform facts and guideline items the decision rests
    /// on, as they stood (`ground`). None in rounds recorded before: their
    /// ground was not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<crate::ground::Ground>,
}

/// The two readings of when to ask Datatilsynet for prior consultation
/// (domain.md): the sources differ, so both are shown where the rule is
/// stated, and a round records which one management applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// KS ch. 8: treated by management more than once, residual risk still
    /// high, the platform still wanted.
    Ks,
    /// Datatilsynet and GDPR art. 36(1): a DPIA shows high residual risk
    /// the controller has not mitigated; before processing starts.
    Datatilsynet,
}

impl Reading {
    pub const ALL: &'static [Reading] = <Reading as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Reading::Ks => "KS-veilederen kap. 8",
            Reading::Datatilsynet => "Datatilsynet (GDPR art. 36 nr. 1)",
        }
    }
}

/// What a round said before it was corrected, who corrected it, when,
/// why, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When the correction was made.
    pub corrected: Timestamp,
    /// Format 5: who corrected the round.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub corrected_by: String,
    /// Format 5: why it was corrected.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Format 5: each field that changed, old -> new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
    pub decision: Decision,
    #[serde(default)]
    pub conditions: Vec<String>,
    pub justification: String,
    pub decided_by: String,
    #[serde(with = "crate::date::optional")]
    pub date: Option<Date>,
    pub wants_platform: bool,
    /// Format 5: the flag as it was (older corrections did not keep it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_top: Option<bool>,
    #[serde(default)]
    pub prior_consultation: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformDecision>,
}

/// One field a correction changed: «Forhåndsdrøftelse: bedt om -> ikke oppgitt».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

impl std::fmt::Display for FieldChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} → {}", self.field, self.before, self.after)
    }
}

/// Management's decision for one platform in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformDecision {
    /// The platform as the outcome lists it.
    pub platform: PlatformName,
    pub decision: Decision,
    /// Format 5: the conditions of this platform's «betinget godkjent».
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// Format 5: whether the municipality still wants this platform. None
    /// in rounds recorded before: the round's `wants_platform` stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants_platform: Option<bool>,
    /// Format 5: residual risk in the top band for this platform, as it
    /// stood when the round was recorded. None in rounds recorded before:
    /// the round's flag, computed from the shared scores, stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_top: Option<bool>,
    /// Format 5: whether Datatilsynet was asked about this platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_consultation: Option<bool>,
}

impl PlatformDecision {
    /// A platform's decision with nothing else recorded for it (rounds
    /// migrated from format 3).
    pub fn only(platform: impl Into<PlatformName>, decision: Decision) -> Self {
        PlatformDecision {
            platform: platform.into(),
            decision,
            conditions: Vec::new(),
            wants_platform: None,
            residual_top: None,
            prior_consultation: None,
        }
    }
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

    /// This round's own entry for `platform`, if it has one.
    pub fn platform(&self, platform: &str) -> Option<&PlatformDecision> {
        self.platforms
            .iter()
            .find(|p| same_platform(&p.platform, platform))
    }

    /// The decision this round made for `platform`: its own, or the round's
    /// one decision when it made none per platform. None when the round
    /// decided per platform but not on this one (listed later).
    pub fn decision_for(&self, platform: &str) -> Option<Decision> {
        if self.platforms.is_empty() {
            return Some(self.decision);
        }
        self.platform(platform).map(|p| p.decision)
    }

    /// Whether the municipality still wanted `platform` (None: the round
    /// as a whole) in this round.
    pub fn wants(&self, platform: Option<&str>) -> bool {
        platform
            .and_then(|p| self.platform(p))
            .and_then(|p| p.wants_platform)
            .unwrap_or(self.wants_platform)
    }

    /// Whether residual risk for `platform` (None: the round as a whole)
    /// was in the top band when the round was recorded.
    pub fn top(&self, platform: Option<&str>) -> bool {
        platform
            .and_then(|p| self.platform(p))
            .and_then(|p| p.residual_top)
            .unwrap_or(self.residual_top)
    }

    /// Whether Datatilsynet was asked about `platform` (None: as a whole).
    pub fn asked(&self, platform: Option<&str>) -> Option<bool> {
        match platform.and_then(|p| self.platform(p)) {
            Some(p) if p.residual_top.is_some() => p.prior_consultation,
            _ => self.prior_consultation,
        }
    }

    /// The conditions that bind `platform` (None: the round's own).
    pub fn conditions_for(&self, platform: Option<&str>) -> &[String] {
        match platform.and_then(|p| self.platform(p)) {
            Some(p) if !p.conditions.is_empty() => &p.conditions,
            _ => &self.conditions,
        }
    }

    /// A round of several platforms whose top-band flag was computed from
    /// the shared scores only (recorded before format 5): what it says
    /// per platform is the round's one flag.
    pub fn computed_the_old_way(&self) -> bool {
        self.platforms.len() > 1 && self.platforms.iter().any(|p| p.residual_top.is_none())
    }

    /// Replaces the round's values with `new`'s, keeping the old ones as a
    /// correction that says who corrected, when, why and what changed.
    pub fn correct(&mut self, new: DecisionRound, by: CorrectedBy) {
        let changes = self.changes_to(&new);
        let old = Correction {
            corrected: by.at,
            corrected_by: by.who,
            reason: by.reason,
            changes,
            decision: self.decision,
            conditions: std::mem::take(&mut self.conditions),
            justification: std::mem::take(&mut self.justification),
            decided_by: std::mem::take(&mut self.decided_by),
            date: self.date.take(),
            wants_platform: self.wants_platform,
            residual_top: Some(self.residual_top),
            prior_consultation: self.prior_consultation,
            platforms: std::mem::take(&mut self.platforms),
        };
        let mut corrections = std::mem::take(&mut self.corrections);
        corrections.push(old);
        let note = std::mem::take(&mut self.note);
        *self = DecisionRound {
            corrections,
            note: if new.note.is_empty() { note } else { new.note },
            ..new
        };
    }

    /// The fields that differ between this round and `new`, as a reader
    /// names them, old -> new.
    pub fn changes_to(&self, new: &DecisionRound) -> Vec<FieldChange> {
        let mut out = Vec::new();
        let mut push = |field: String, before: String, after: String| {
            if before != after {
                out.push(FieldChange {
                    field,
                    before,
                    after,
                });
            }
        };
        let apart = self.platforms.len() > 1 || new.platforms.len() > 1;
        let overall = if apart {
            "Samlet beslutning"
        } else {
            "Beslutning"
        };
        push(
            overall.into(),
            self.decision.label().into(),
            new.decision.label().into(),
        );
        push(
            "Vilkår".into(),
            list_text(&self.conditions),
            list_text(&new.conditions),
        );
        push(
            "Begrunnelse".into(),
            self.justification.clone(),
            new.justification.clone(),
        );
        push(
            "Besluttet av".into(),
            self.decided_by.clone(),
            new.decided_by.clone(),
        );
        let day = |d: Option<Date>| or_unset(&crate::date::show(d));
        push("Dato".into(), day(self.date), day(new.date));
        if !apart {
            push(
                "Ønsker fortsatt plattformen".into(),
                yes_no(self.wants_platform).into(),
                yes_no(new.wants_platform).into(),
            );
            push(
                "Forhåndsdrøftelse".into(),
                asked_text(self.prior_consultation).into(),
                asked_text(new.prior_consultation).into(),
            );
            return out;
        }
        let names = self
            .platforms
            .iter()
            .chain(&new.platforms)
            .map(|p| p.platform.as_str());
        let mut seen: Vec<&str> = Vec::new();
        for name in names {
            if seen.iter().any(|s| same_platform(s, name)) {
                continue;
            }
            seen.push(name);
            let (old, now) = (self.platform(name), new.platform(name));
            let decision = |p: Option<&PlatformDecision>| {
                p.map_or("ikke besluttet".to_owned(), |p| {
                    p.decision.label().to_owned()
                })
            };
            push(name.to_owned(), decision(old), decision(now));
            push(
                format!("{name}: vilkår"),
                list_text(old.map_or(&[][..], |p| &p.conditions)),
                list_text(now.map_or(&[][..], |p| &p.conditions)),
            );
            push(
                format!("{name}: ønsker fortsatt plattformen"),
                yes_no(self.wants(Some(name))).into(),
                yes_no(new.wants(Some(name))).into(),
            );
            push(
                format!("{name}: forhåndsdrøftelse"),
                asked_text(self.asked(Some(name))).into(),
                asked_text(new.asked(Some(name))).into(),
            );
        }
        out
    }
}

/// Who corrects a round, when and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectedBy {
    pub who: String,
    pub reason: String,
    pub at: Timestamp,
}

fn yes_no(v: bool) -> &'static str {
    if v { "ja" } else { "nei" }
}

/// What the record says about asking Datatilsynet.
pub fn asked_text(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "bedt om",
        Some(false) => "ikke bedt om",
        None => "ikke oppgitt",
    }
}

fn or_unset(text: &str) -> String {
    if text.trim().is_empty() {
        "ikke satt".to_owned()
    } else {
        text.to_owned()
    }
}

fn list_text(items: &[String]) -> String {
    if items.is_empty() {
        "ingen".to_owned()
    } else {
        items.join("; ")
    }
}

/// Management's decisions, round by round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionPart {
    #[serde(default)]
    pub rounds: Vec<DecisionRound>,
    /// Format 7: reviews of the latest round at the time, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<crate::ground::Review>,
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

    /// The rounds that decided on `platform` (None: all rounds), with
    /// their numbers counted from 1.
    pub fn rounds_for<'a>(
        &'a self,
        platform: Option<&'a str>,
    ) -> impl Iterator<Item = (usize, &'a DecisionRound)> + 'a {
        self.rounds
            .iter()
            .enumerate()
            .map(|(i, r)| (i + 1, r))
            .filter(move |(_, r)| platform.is_none_or(|p| r.decision_for(p).is_some()))
    }

    /// Whether the rule applied to `platform` (None: the assessment as a
    /// whole) in the latest round that decided on it, as recorded: how many
    /// rounds it has been before management, the top-band flag and the
    /// wish that round stored.
    pub fn consultation_required(&self, platform: Option<&str>) -> bool {
        let rounds = self.rounds_for(platform).count();
        self.rounds_for(platform).last().is_some_and(|(_, r)| {
            prior_consultation_required(rounds, r.top(platform), r.wants(platform))
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
