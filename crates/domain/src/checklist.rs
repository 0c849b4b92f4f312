//! Checklists: the five kinds of social-media dilemma and KS's assessment,
//! answered by the team; and management's decision, round by round.

use crate::platform::PlatformName;
use serde::{Deserialize, Serialize};

use crate::platform::same_platform;
use crate::risk::Measure;

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
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray,
)]
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
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [Status] = <Status as strum::VariantArray>::VARIANTS;

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
    /// Format 5: where a listed platform's answer differs from the shared
    /// one above (as Risiko keeps a platform's own scores).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformAnswer>,
}

/// What one platform's answer says where it differs from the shared one. A
/// field left empty is the shared one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformAnswer {
    /// The platform as the outcome lists it, e.g. "TikTok".
    pub platform: PlatformName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
}

impl PlatformAnswer {
    fn is_empty(&self) -> bool {
        self.status.is_none() && self.note.is_empty() && self.measure.is_none()
    }
}

impl Answer {
    /// What `platform` has of its own for this question, if anything.
    pub fn platform(&self, platform: &str) -> Option<&PlatformAnswer> {
        self.platforms
            .iter()
            .find(|p| same_platform(&p.platform, platform))
    }

    /// The answer as it stands for `platform`: its own status, note and
    /// measure where it has them, else the shared ones.
    pub fn for_platform(&self, platform: &str) -> Answer {
        let own = self.platform(platform);
        Answer {
            item: self.item.clone(),
            status: own.and_then(|o| o.status).unwrap_or(self.status),
            note: own
                .map(|o| o.note.clone())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| self.note.clone()),
            measure: own
                .and_then(|o| o.measure.clone())
                .or_else(|| self.measure.clone()),
            platforms: Vec::new(),
        }
    }

    fn platform_entry(&mut self, platform: &str) -> &mut PlatformAnswer {
        let i = match self
            .platforms
            .iter()
            .position(|p| same_platform(&p.platform, platform))
        {
            Some(i) => i,
            None => {
                self.platforms.push(PlatformAnswer {
                    platform: platform.trim().into(),
                    ..PlatformAnswer::default()
                });
                self.platforms.len() - 1
            }
        };
        &mut self.platforms[i]
    }

    /// Sets the answer, shared (`None`) or for one platform; a platform's
    /// answer equal to the shared one is not kept apart.
    pub fn set_status(&mut self, platform: Option<&str>, status: Status) {
        match platform {
            None => self.status = status,
            Some(p) => {
                let shared = self.status;
                self.platform_entry(p).status = (status != shared).then_some(status);
                self.prune();
            }
        }
    }

    /// Sets the note and measure, shared or for one platform.
    pub fn set_details(&mut self, platform: Option<&str>, note: String, measure: Option<Measure>) {
        match platform {
            None => {
                self.note = note;
                self.measure = measure;
            }
            Some(p) => {
                let shared = (self.note.clone(), self.measure.clone());
                let own = self.platform_entry(p);
                own.note = if note == shared.0 {
                    String::new()
                } else {
                    note
                };
                own.measure = measure.filter(|m| Some(m) != shared.1.as_ref());
                self.prune();
            }
        }
    }

    /// Drops platform parts that say nothing of their own.
    pub fn prune(&mut self) {
        self.platforms.retain(|p| !p.is_empty());
    }
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
                    platforms: Vec::new(),
                });
                self.answers.len() - 1
            }
        };
        &mut self.answers[i]
    }

    /// The answers as they stand for `platform`, so lists and counts read
    /// them as they read the shared ones.
    pub fn for_platform(&self, platform: &str) -> ChecklistPart {
        ChecklistPart {
            answers: self
                .answers
                .iter()
                .map(|a| a.for_platform(platform))
                .collect(),
        }
    }

    /// Whether `platform` has an answer of its own to `item`.
    pub fn is_own(&self, item: &str, platform: &str) -> bool {
        self.get(item)
            .is_some_and(|a| a.platform(platform).is_some())
    }

    /// The next of `keys` after `from` that is not assessed, round the end
    /// and back; None when every one is.
    pub fn next_unassessed(&self, keys: &[&str], from: usize) -> Option<usize> {
        let count = keys.len();
        (1..=count)
            .map(|step| (from + step) % count)
            .find(|&i| !self.status(keys[i]).is_assessed())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_only_assessed_answers() {
        let mut part = ChecklistPart::default();
        part.entry("a").status = Status::Ja;
        part.entry("b").status = Status::IkkeRelevant;
        part.entry("c").status = Status::IkkeVurdert;
        assert_eq!(part.progress(["a", "b", "c", "d"]), (2, 4));
    }
}
