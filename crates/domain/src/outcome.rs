//! A workshop's outcome: who assessed which platforms, and what they recorded.
//! Plain data; `outcome/` (persistence) reads and writes it as RON.

use crate::date::{Date, Timestamp};
use crate::platform::PlatformName;
use serde::{Deserialize, Serialize};

use crate::case::{CaseInfo, Processing};
use crate::checklist::ChecklistPart;
use crate::decision::DecisionPart;
use crate::public::PublicInfo;
use crate::risk::{Measure, RiskPart};
use crate::voices::VotingPart;
use crate::wheel::WheelPart;

/// The format this version of somevett writes. Older files are migrated
/// when loaded; newer ones are refused.
/// Format 3 added the case reference, the next review and each measure's
/// status; format 4 what each listed platform has of its own in the risk
/// table and management's decision per platform; format 5 each platform's
/// conditions, wish, top-band flag and prior consultation in a round, and
/// what a correction changed, by whom and why; format 6 the case
/// document's fields and the forslag til vedtak (`case`), KS ch. 2's
/// description of the processing, the legal basis chosen and the DPO's
/// advice (`processing`); format 7 what each decision round rests on
/// (`DecisionRound::ground`); format 8 the voices scored on their own, the
/// group's scores and the dissents (`voting`), and the målform and the
/// details of the public texts (`public`) (see `outcome::migrate`).
pub const FORMAT_VERSION: u32 = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub format_version: u32,
    /// Stable identity across renames and copies: creation time plus a nonce.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub unit: String,
    /// Format 3: the case or archive reference (saksnummer), e.g. 2026/1234.
    #[serde(default)]
    pub case_ref: String,
    /// Format 3: when the assessment is to be reviewed again, if set.
    #[serde(default, with = "crate::date::optional")]
    pub next_review: Option<Date>,
    /// Platforms under consideration: Facebook, Instagram, TikTok ...
    #[serde(default)]
    pub platforms: Vec<PlatformName>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Stored as RFC 3339 in UTC, to the second.
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Free notes from the workshop.
    #[serde(default)]
    pub notes: String,
    /// The risk table: scored risks, measures and residual risk.
    #[serde(default)]
    pub risk: RiskPart,
    /// Ethical reflections on the navigation wheel.
    #[serde(default)]
    pub wheel: WheelPart,
    /// Answers to the dilemma checklists and KS's assessment.
    #[serde(default)]
    pub checklists: ChecklistPart,
    /// Management's decisions, round by round.
    #[serde(default)]
    pub decision: DecisionPart,
    /// Format 6: the saksframlegg's fields and the team's forslag til vedtak.
    #[serde(default, skip_serializing_if = "CaseInfo::is_empty")]
    pub case: CaseInfo,
    /// Format 6: what the processing is (KS ch. 2), on what legal basis
    /// (KS ch. 5), and the data protection officer's advice.
    #[serde(default, skip_serializing_if = "Processing::is_empty")]
    pub processing: Processing,
    /// Format 8: the voices scored on their own, as revealed, the group's
    /// scores and the dissents (`voices`).
    #[serde(default, skip_serializing_if = "VotingPart::is_empty")]
    pub voting: VotingPart,
    /// Format 8: the målform and the details the public texts need (the
    /// page's privacy statement, its comment rules, the record of
    /// processing).
    #[serde(default, skip_serializing_if = "PublicInfo::is_empty")]
    pub public: PublicInfo,
}

impl Outcome {
    /// A copy under a new identity, made now: «(kopi)» after the title.
    /// It is a new draft: management has not decided on it, and it has no
    /// review date and no measure deadlines of its own yet, so `due` does
    /// not list the original's reminders twice.
    pub fn duplicate(&self, id: String, now: Timestamp) -> Outcome {
        let mut copy = Outcome {
            id,
            title: format!("{} (kopi)", self.title),
            created: now,
            updated: now,
            next_review: None,
            decision: DecisionPart::default(),
            ..self.clone()
        };
        for m in copy.measures_mut() {
            m.due = None;
        }
        copy
    }

    /// Every measure: each risk's shared ones and each platform's own, then
    /// each answer's and each platform's answer's.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        let risk = self.risk.assessments.iter().flat_map(|a| {
            let own = a.platforms.iter().flat_map(|p| &p.measures);
            a.measures.iter().chain(own)
        });
        let answers = self.checklists.answers.iter().flat_map(|a| {
            let own = a.platforms.iter().filter_map(|p| p.measure.as_ref());
            a.measure.iter().chain(own)
        });
        risk.chain(answers)
    }

    /// `measures`, to change.
    pub fn measures_mut(&mut self) -> impl Iterator<Item = &mut Measure> {
        let risk = self.risk.assessments.iter_mut().flat_map(|a| {
            let own = a.platforms.iter_mut().flat_map(|p| p.measures.iter_mut());
            a.measures.iter_mut().chain(own)
        });
        let answers = self.checklists.answers.iter_mut().flat_map(|a| {
            let own = a.platforms.iter_mut().filter_map(|p| p.measure.as_mut());
            a.measure.iter_mut().chain(own)
        });
        risk.chain(answers)
    }
}

/// An outcome's title must say something; why not if it does not.
pub fn check_title(title: &str) -> Result<(), String> {
    if title.trim().is_empty() {
        return Err("Tittelen kan ikke være tom.".to_owned());
    }
    Ok(())
}

/// What describes an outcome, as the form on Økter edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    pub title: String,
    pub municipality: String,
    pub unit: String,
    pub platforms: Vec<PlatformName>,
    pub case_ref: String,
    pub next_review: Option<Date>,
    pub participants: Vec<Participant>,
    pub notes: String,
}

impl Description {
    pub fn apply(self, o: &mut Outcome) {
        o.title = self.title;
        o.municipality = self.municipality;
        o.unit = self.unit;
        o.platforms = self.platforms;
        o.case_ref = self.case_ref;
        o.next_review = self.next_review;
        o.participants = self.participants;
        o.notes = self.notes;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub role: Role,
    /// Names are optional: a role is enough to document the group.
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Kommunikasjon,
    Personvernombud,
    Informasjonssikkerhet,
    Leder,
    Jurist,
    Arkiv,
    Fagperson,
    Annen,
}

impl Role {
    /// Every variant, in declaration order (derived: `strum::VariantArray`).
    pub const ALL: &'static [Role] = <Role as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Role::Kommunikasjon => "kommunikasjon",
            Role::Personvernombud => "personvernombud",
            Role::Informasjonssikkerhet => "informasjonssikkerhet",
            Role::Leder => "leder",
            Role::Jurist => "jurist",
            Role::Arkiv => "arkiv",
            Role::Fagperson => "fagperson",
            Role::Annen => "annen",
        }
    }

    /// The role a typed word names, forgiving case and a missing «ø» etc.
    pub fn parse(word: &str) -> Option<Role> {
        let word = word.trim().to_lowercase();
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.label() == word || (word.len() >= 3 && r.label().starts_with(&word)))
    }
}

impl Participant {
    /// "rolle: navn" or just "rolle"; an unknown role keeps the text as a name.
    pub fn parse(text: &str) -> Option<Participant> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let (role, name) = match text.split_once(':') {
            Some((role, name)) => (role, name.trim()),
            None => (text, ""),
        };
        Some(match Role::parse(role) {
            Some(role) => Participant {
                role,
                name: name.to_owned(),
            },
            None => Participant {
                role: Role::Annen,
                name: text.to_owned(),
            },
        })
    }
}

impl std::fmt::Display for Participant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.is_empty() {
            f.write_str(self.role.label())
        } else {
            write!(f, "{}: {}", self.role.label(), self.name)
        }
    }
}

impl Outcome {
    /// A new, empty outcome created at `now` with identity `id`.
    pub fn new(id: String, title: String, now: Timestamp) -> Self {
        Outcome {
            format_version: FORMAT_VERSION,
            id,
            title,
            municipality: String::new(),
            unit: String::new(),
            case_ref: String::new(),
            next_review: None,
            platforms: Vec::new(),
            participants: Vec::new(),
            created: now,
            updated: now,
            notes: String::new(),
            risk: RiskPart::default(),
            wheel: WheelPart::default(),
            checklists: ChecklistPart::default(),
            decision: DecisionPart::default(),
            case: CaseInfo::default(),
            processing: Processing::default(),
            voting: Default::default(),
            public: Default::default(),
        }
    }
}

/// "Facebook, Instagram ,," -> ["Facebook", "Instagram"].
pub fn split_list(text: &str) -> Vec<PlatformName> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(PlatformName::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy is a new draft: the assessment stays, management's rounds,
    /// the review date and the deadlines do not (round 3, M9: `due` listed
    /// every reminder twice and the copy carried the decision).
    #[test]
    fn a_copy_keeps_the_assessment_without_decisions_or_reminders() {
        use crate::decision::{Decision, DecisionRound};
        let at = |t: &str| t.parse().unwrap_or(Timestamp::UNIX_EPOCH);
        let mut o = Outcome::new("a".into(), "Skolen".into(), at("2026-11-23T10:00:00Z"));
        o.next_review = Some(jiff::civil::date(2027, 6, 1));
        o.risk.entry("egen.1").measures.push(Measure {
            text: "Moderering".into(),
            due: Some(jiff::civil::date(2027, 1, 31)),
            ..Measure::default()
        });
        o.decision.rounds.push(DecisionRound {
            decision: Decision::Godkjent,
            conditions: Vec::new(),
            justification: "Ja".into(),
            decided_by: "rådmann".into(),
            date: Some(jiff::civil::date(2026, 11, 23)),
            wants_platform: true,
            residual_top: false,
            prior_consultation: None,
            platforms: Vec::new(),
            corrections: Vec::new(),
            note: String::new(),
            reading: None,
            ground: None,
        });
        let copy = o.duplicate("b".into(), at("2026-12-07T10:00:00Z"));
        assert_eq!(copy.title, "Skolen (kopi)");
        assert!(copy.decision.rounds.is_empty());
        assert_eq!(copy.next_review, None);
        let m = &copy.risk.assessments[0].measures[0];
        assert_eq!((m.text.as_str(), m.due), ("Moderering", None));
        assert_eq!(o.decision.rounds.len(), 1, "the original keeps its own");
    }

    /// Every measure is found: a risk's, a platform's own for a risk, an
    /// answer's and a platform's own answer's (Økter's progress counted
    /// only three of these).
    #[test]
    fn measures_are_all_found_where_they_are_kept() {
        use crate::checklist::PlatformAnswer;
        use crate::risk::PlatformRisk;
        let measure = |t: &str| Measure {
            text: t.into(),
            ..Measure::default()
        };
        let mut o = Outcome::new("a".into(), "T".into(), Timestamp::UNIX_EPOCH);
        let a = o.risk.entry("egen.1");
        a.measures.push(measure("risiko"));
        a.platforms.push(PlatformRisk {
            platform: "TikTok".into(),
            measures: vec![measure("risiko, TikTok")],
            ..PlatformRisk::default()
        });
        let answer = o.checklists.entry("vurdering.a.1");
        answer.measure = Some(measure("svar"));
        answer.platforms.push(PlatformAnswer {
            platform: "TikTok".into(),
            measure: Some(measure("svar, TikTok")),
            ..PlatformAnswer::default()
        });
        let texts: Vec<&str> = o.measures().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["risiko", "risiko, TikTok", "svar", "svar, TikTok"]);
    }

    #[test]
    fn participants_parse_from_role_and_optional_name() {
        assert_eq!(
            Participant::parse("Personvernombud: Kari Nordmann"),
            Some(Participant {
                role: Role::Personvernombud,
                name: "Kari Nordmann".into()
            })
        );
        assert_eq!(
            Participant::parse("leder"),
            Some(Participant {
                role: Role::Leder,
                name: String::new()
            })
        );
        assert_eq!(
            Participant::parse("info"),
            Some(Participant {
                role: Role::Informasjonssikkerhet,
                name: String::new()
            })
        );
        assert_eq!(
            Participant::parse("Ola fra IT"),
            Some(Participant {
                role: Role::Annen,
                name: "Ola fra IT".into()
            })
        );
        assert_eq!(Participant::parse("  "), None);
    }
}
