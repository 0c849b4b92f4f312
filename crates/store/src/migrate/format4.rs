//! Formats 2 to 4 as they were written. They hold every field the current
//! format had by then, with one difference that needs a schema of its own:
//! a measure's due date (free text in format 2) and a decision's date (free
//! text before format 5) may be any text, so they are read as text here and
//! become dates in `into_current`, where what is no date is kept word for
//! word in a note. Everything without a date is the current type.
//!
//! Frozen: these types describe files already written, so they never change.

use serde::{Deserialize, Serialize};

use somevett_domain::checklist::{Answer, ChecklistPart, Status};
use somevett_domain::date::{Date, Timestamp};
use somevett_domain::decision::{
    Correction, Decision, DecisionPart, DecisionRound, PlatformDecision,
};
use somevett_domain::platform::PlatformName;
use somevett_domain::risk::{
    CustomRisk, Measure, MeasureStatus, PlatformRisk, RiskAssessment, RiskPart, Score, Treatment,
};
use somevett_domain::wheel::WheelPart;
use somevett_domain::{Outcome, Participant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeV4 {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub case_ref: String,
    /// Checked as a date since format 3, when it was added.
    #[serde(default, with = "somevett_domain::date::optional")]
    pub next_review: Option<Date>,
    #[serde(default)]
    pub platforms: Vec<PlatformName>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub risk: RiskPartV4,
    #[serde(default)]
    pub wheel: WheelPart,
    #[serde(default)]
    pub checklists: ChecklistPartV4,
    #[serde(default)]
    pub decision: DecisionPartV4,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskPartV4 {
    #[serde(default)]
    pub custom: Vec<CustomRisk>,
    #[serde(default)]
    pub assessments: Vec<RiskAssessmentV4>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskAssessmentV4 {
    pub risk: String,
    #[serde(default)]
    pub inherent: Option<Score>,
    #[serde(default)]
    pub measures: Vec<MeasureV4>,
    #[serde(default)]
    pub treatment: Option<Treatment>,
    #[serde(default)]
    pub residual: Option<Score>,
    #[serde(default)]
    pub note: String,
    /// Format 4.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformRiskV4>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformRiskV4 {
    pub platform: PlatformName,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_relevant: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<Treatment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureV4>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureV4 {
    pub text: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub owner: String,
    /// Free text in format 2; YYYY-MM-DD or empty since format 3.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub status: MeasureStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistPartV4 {
    #[serde(default)]
    pub answers: Vec<AnswerV4>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerV4 {
    pub item: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub measure: Option<MeasureV4>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionPartV4 {
    #[serde(default)]
    pub rounds: Vec<DecisionRoundV4>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRoundV4 {
    pub decision: Decision,
    #[serde(default)]
    pub conditions: Vec<String>,
    pub justification: String,
    pub decided_by: String,
    /// Any text: the form did not check it before format 5.
    pub date: String,
    pub wants_platform: bool,
    pub residual_top: bool,
    #[serde(default)]
    pub prior_consultation: Option<bool>,
    /// Format 4.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformDecision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionV4>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionV4 {
    pub corrected: Timestamp,
    pub decision: Decision,
    #[serde(default)]
    pub conditions: Vec<String>,
    pub justification: String,
    pub decided_by: String,
    /// Any text, as the round's.
    pub date: String,
    pub wants_platform: bool,
    #[serde(default)]
    pub prior_consultation: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformDecision>,
}

/// The note a format 2 due date that was no date is kept in.
pub const OLD_DUE_NOTE: &str = "Frist skrevet før format 3";
/// The note a due date in a format 3 or 4 file that was no date (the app
/// checked it, so someone edited the file) is kept in.
pub const BAD_DUE_NOTE: &str = "Frist i filen som ikke var en dato";
/// The note a decision date that was no date is kept in.
pub const OLD_DATE_NOTE: &str = "Dato skrevet før format 5, ikke en gyldig dato";

/// Reads `text` as a day. Text that is no date is returned as it was, to be
/// kept in a note; empty text is no date and nothing to keep.
fn day(text: &str) -> (Option<Date>, Option<String>) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return (None, None);
    }
    match somevett_domain::date::parse(trimmed) {
        Ok(d) => (Some(d), None),
        Err(_) => (None, Some(text.to_owned())),
    }
}

fn add_line(note: &mut String, line: String) {
    if note.trim().is_empty() {
        *note = line;
    } else {
        note.push('\n');
        note.push_str(&line);
    }
}

impl OutcomeV4 {
    /// The outcome in the current format, read from format `from` (2-4):
    /// every date that reads as one (`15.12.2026` too) is a date; any other
    /// text is kept word for word, a due date in its measure's note and a
    /// decision date in its round's note. Nothing is dropped. What later
    /// formats added starts empty, and `migrate::upgrade` fills it in.
    pub fn into_current(self, from: u32) -> Outcome {
        let due_note = if from <= 2 {
            OLD_DUE_NOTE
        } else {
            BAD_DUE_NOTE
        };
        let measure = |m: MeasureV4| m.into_current(due_note);
        Outcome {
            format_version: from,
            id: self.id,
            title: self.title,
            municipality: self.municipality,
            unit: self.unit,
            case_ref: self.case_ref,
            next_review: self.next_review,
            platforms: self.platforms,
            participants: self.participants,
            created: self.created,
            updated: self.updated,
            notes: self.notes,
            risk: RiskPart {
                custom: self.risk.custom,
                assessments: self
                    .risk
                    .assessments
                    .into_iter()
                    .map(|a| RiskAssessment {
                        risk: a.risk,
                        inherent: a.inherent,
                        measures: a.measures.into_iter().map(measure).collect(),
                        treatment: a.treatment,
                        residual: a.residual,
                        note: a.note,
                        platforms: a
                            .platforms
                            .into_iter()
                            .map(|p| PlatformRisk {
                                platform: p.platform,
                                not_relevant: p.not_relevant,
                                inherent: p.inherent,
                                residual: p.residual,
                                treatment: p.treatment,
                                measures: p.measures.into_iter().map(measure).collect(),
                                note: p.note,
                            })
                            .collect(),
                    })
                    .collect(),
            },
            wheel: self.wheel,
            checklists: ChecklistPart {
                answers: self
                    .checklists
                    .answers
                    .into_iter()
                    .map(|a| Answer {
                        item: a.item,
                        status: a.status,
                        note: a.note,
                        measure: a.measure.map(measure),
                        platforms: Vec::new(),
                    })
                    .collect(),
            },
            decision: DecisionPart {
                rounds: self
                    .decision
                    .rounds
                    .into_iter()
                    .map(DecisionRoundV4::into_current)
                    .collect(),
                reviews: Vec::new(),
            },
            case: Default::default(),
            processing: Default::default(),
            voting: Default::default(),
            public: Default::default(),
        }
    }
}

impl MeasureV4 {
    fn into_current(self, due_note: &str) -> Measure {
        let (due, kept) = day(&self.due);
        let mut note = self.note;
        if let Some(text) = kept {
            add_line(&mut note, format!("{due_note}: «{text}»"));
        }
        Measure {
            text: self.text,
            source: self.source,
            owner: self.owner,
            due,
            status: self.status,
            note,
        }
    }
}

impl DecisionRoundV4 {
    fn into_current(self) -> DecisionRound {
        let mut note = String::new();
        let (date, kept) = day(&self.date);
        if let Some(text) = kept {
            add_line(&mut note, format!("{OLD_DATE_NOTE}: «{text}»"));
        }
        let corrections = self
            .corrections
            .into_iter()
            .map(|c| {
                let (date, kept) = day(&c.date);
                if let Some(text) = kept {
                    let when = somevett_domain::date::day_of(c.corrected);
                    add_line(
                        &mut note,
                        format!("{OLD_DATE_NOTE} (i versjonen rettet {when}): «{text}»"),
                    );
                }
                Correction {
                    corrected: c.corrected,
                    corrected_by: String::new(),
                    reason: String::new(),
                    changes: Vec::new(),
                    decision: c.decision,
                    conditions: c.conditions,
                    justification: c.justification,
                    decided_by: c.decided_by,
                    date,
                    wants_platform: c.wants_platform,
                    residual_top: None,
                    prior_consultation: c.prior_consultation,
                    platforms: c.platforms,
                }
            })
            .collect();
        DecisionRound {
            decision: self.decision,
            conditions: self.conditions,
            justification: self.justification,
            decided_by: self.decided_by,
            date,
            wants_platform: self.wants_platform,
            residual_top: self.residual_top,
            prior_consultation: self.prior_consultation,
            platforms: self.platforms,
            corrections,
            note,
            reading: None,
            ground: None,
        }
    }
}
