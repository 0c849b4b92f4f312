//! Checklists: the five kinds of social-media dilemma and KS's assessment,
//! answered by the team; and management's decision, round by round.

use serde::{Deserialize, Serialize};

use crate::domain::risk::Measure;

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

/// A team's answer to one checklist question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ja,
    Delvis,
    Nei,
    IkkeRelevant,
    #[default]
    IkkeVurdert,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Ja,
        Status::Delvis,
        Status::Nei,
        Status::IkkeRelevant,
        Status::IkkeVurdert,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Ja => "ja",
            Status::Delvis => "delvis",
            Status::Nei => "nei",
            Status::IkkeRelevant => "ikke relevant",
            Status::IkkeVurdert => "ikke vurdert",
        }
    }

    /// A symbol that carries the status without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Ja => "✓",
            Status::Delvis => "~",
            Status::Nei => "✗",
            Status::IkkeRelevant => "-",
            Status::IkkeVurdert => " ",
        }
    }

    pub fn is_assessed(self) -> bool {
        self != Status::IkkeVurdert
    }

    /// Whether a measure belongs with this answer (nei or delvis).
    pub fn wants_measure(self) -> bool {
        matches!(self, Status::Nei | Status::Delvis)
    }

    pub fn cycle(self) -> Status {
        let i = Status::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Status::ALL[(i + 1) % Status::ALL.len()]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// `dilemma.<kind>.<question>` or `vurdering.<section>.<item>`.
    pub item: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: String,
    /// For `nei` or `delvis`: what will be done, by whom, by when.
    #[serde(default)]
    pub measure: Option<Measure>,
}

/// The checklist answers of an outcome (dilemmas and KS's assessment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistPart {
    #[serde(default)]
    pub answers: Vec<Answer>,
}

impl ChecklistPart {
    pub fn get(&self, item: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item)
    }

    pub fn status(&self, item: &str) -> Status {
        self.get(item).map_or(Status::IkkeVurdert, |a| a.status)
    }

    pub fn entry(&mut self, item: &str) -> &mut Answer {
        let i = match self.answers.iter().position(|a| a.item == item) {
            Some(i) => i,
            None => {
                self.answers.push(Answer {
                    item: item.to_owned(),
                    status: Status::IkkeVurdert,
                    note: String::new(),
                    measure: None,
                });
                self.answers.len() - 1
            }
        };
        &mut self.answers[i]
    }

    /// (assessed, total) over the given item keys.
    pub fn progress<'a>(&self, items: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
        items.into_iter().fold((0, 0), |(done, total), item| {
            (
                done + usize::from(self.status(item).is_assessed()),
                total + 1,
            )
        })
    }
}

/// A group of questions: one kind of dilemma, or one chapter of KS's
/// assessment. The one shape the screens, the report and the rules share.
pub struct Group<'a> {
    pub title: &'a str,
    /// The chapter, or the kind's description.
    pub subtitle: &'a str,
    /// A typical situation, for the dilemma kinds.
    pub example: Option<&'a str>,
    /// Each question with the key its answer is stored under.
    pub questions: Vec<(&'a Question, String)>,
}

impl Group<'_> {
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.questions.iter().map(|(_, k)| k.as_str())
    }
}

/// Every answer key in the groups, in order.
pub fn keys<'a>(groups: &'a [Group]) -> impl Iterator<Item = &'a str> {
    groups.iter().flat_map(Group::keys)
}

impl DilemmaCatalog {
    pub fn groups(&self) -> Vec<Group<'_>> {
        self.kinds
            .iter()
            .map(|k| Group {
                title: &k.name,
                subtitle: &k.description,
                example: Some(&k.example),
                questions: k
                    .questions
                    .iter()
                    .map(|q| (q, dilemma_key(&k.id, &q.id)))
                    .collect(),
            })
            .collect()
    }
}

impl AssessmentChecklist {
    pub fn groups(&self) -> Vec<Group<'_>> {
        self.sections
            .iter()
            .map(|s| Group {
                title: &s.title,
                subtitle: &s.chapter,
                example: None,
                questions: s
                    .items
                    .iter()
                    .map(|q| (q, assessment_key(&s.id, &q.id)))
                    .collect(),
            })
            .collect()
    }
}

/// The key an assessment item's answer is stored under.
pub fn assessment_key(section: &str, item: &str) -> String {
    format!("vurdering.{section}.{item}")
}

/// The key a dilemma question's answer is stored under.
pub fn dilemma_key(kind: &str, question: &str) -> String {
    format!("dilemma.{kind}.{question}")
}

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
            .find(|p| crate::domain::per_platform::same_platform(&p.platform, platform))
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
    fn progress_counts_only_assessed_answers() {
        let mut part = ChecklistPart::default();
        part.entry("a").status = Status::Ja;
        part.entry("b").status = Status::IkkeRelevant;
        part.entry("c").status = Status::IkkeVurdert;
        assert_eq!(part.progress(["a", "b", "c", "d"]), (2, 4));
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
