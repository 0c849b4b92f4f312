//! Older outcome formats, read and turned into the current one in memory.
//! The file on disk is only rewritten after a backup of it is made (see `save`).
//!
//! Format 1 has a schema of its own (`OutcomeV1`); formats 2 to 4 share one
//! (`format4`), where dates are still text; format 5 is read as the current
//! format. Then `upgrade` runs the steps that add what later formats hold.

mod format4;

pub use format4::{BAD_DUE_NOTE, OLD_DATE_NOTE, OLD_DUE_NOTE, OutcomeV4};

use serde::Deserialize;

use somevett_domain::date::Timestamp;
use somevett_domain::decision::PlatformDecision;
use somevett_domain::{FORMAT_VERSION, Outcome, Participant};

/// Format 1, the development draft: platforms as one comma-separated
/// string and participants as free text ("rolle: navn").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeV1 {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub municipality: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub platforms: String,
    #[serde(default)]
    pub participants: Vec<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub notes: String,
}

impl From<OutcomeV1> for Outcome {
    fn from(v1: OutcomeV1) -> Self {
        Outcome {
            format_version: 1,
            id: v1.id,
            title: v1.title,
            municipality: v1.municipality,
            unit: v1.unit,
            case_ref: String::new(),
            next_review: None,
            platforms: somevett_domain::outcome::split_list(&v1.platforms),
            participants: v1
                .participants
                .iter()
                .filter_map(|p| Participant::parse(p))
                .collect(),
            created: v1.created,
            updated: v1.updated,
            notes: v1.notes,
            risk: Default::default(),
            wheel: Default::default(),
            checklists: Default::default(),
            decision: Default::default(),
            case: Default::default(),
            processing: Default::default(),
            voting: Default::default(),
            public: Default::default(),
        }
    }
}

/// Format 3 -> 4. Format 4 adds each platform's own part of a risk and
/// a decision per platform in each round; a format 3 file reads as format 4
/// with neither. Each listed platform starts with the outcome's current
/// scores (a platform shares what it does not set itself) and, in every
/// round, with the decision that round recorded; corrections keep what they
/// said. Nothing is dropped.
pub fn v3_to_v4(outcome: &mut Outcome) {
    let platforms = &outcome.platforms;
    for round in &mut outcome.decision.rounds {
        if round.platforms.is_empty() {
            round.platforms = platforms
                .iter()
                .map(|p| PlatformDecision::only(p.clone(), round.decision))
                .collect();
        }
    }
    outcome.format_version = 4;
}

/// Format 5 -> 6. Format 6 adds the case document's fields, the forslag
/// til vedtak, the description of the processing, the legal basis and the
/// DPO's advice; a format 5 file has none of them, so they start empty and
/// nothing else changes (the file's own words stay in its notes).
pub fn v5_to_v6(outcome: &mut Outcome) {
    outcome.format_version = 6;
}

/// Format 6 -> 7. Format 7 records with each decision round what it rests
/// on (`ground`: the platform facts and the cited guideline items, with
/// fingerprints). What a format 6 round rested on was not recorded and
/// cannot be known now: its ground stays empty, and the app and the report
/// say so; nothing else changes.
pub fn v6_to_v7(outcome: &mut Outcome) {
    for round in &mut outcome.decision.rounds {
        round.ground = None;
    }
    outcome.format_version = 7;
}

/// Format 7 -> 8. Format 8 adds the voices scored on their own, the
/// group's scores and the dissents (`voting`); a format 7 outcome was
/// scored by the group alone, so its voting part starts empty and nothing
/// else changes.
pub fn v7_to_v8(outcome: &mut Outcome) {
    outcome.format_version = 8;
}

/// Brings an outcome read in format `from` up to the current format, one
/// step at a time.
pub fn upgrade(mut outcome: Outcome, from: u32) -> Outcome {
    if from <= 3 {
        v3_to_v4(&mut outcome);
    }
    if from <= 5 {
        v5_to_v6(&mut outcome);
    }
    if from <= 6 {
        v6_to_v7(&mut outcome);
    }
    if from <= 7 {
        v7_to_v8(&mut outcome);
    }
    outcome.format_version = FORMAT_VERSION;
    outcome
}

#[cfg(test)]
mod tests {
    use super::format4::{AnswerV4, ChecklistPartV4, MeasureV4, RiskAssessmentV4};
    use super::*;
    use somevett_domain::checklist::Status;
    use somevett_domain::date::Date;

    fn format_2() -> OutcomeV4 {
        let measures = ["15.12.2026", "snart", "", "2027-01-31", "2027-13-45"]
            .into_iter()
            .map(|due| MeasureV4 {
                text: format!("tiltak {due}"),
                due: due.into(),
                ..MeasureV4::default()
            })
            .collect();
        let text = "(format_version: 2, id: \"id\", title: \"t\", \
            created: \"2026-11-23T08:00:00Z\", updated: \"2026-11-23T08:00:00Z\")";
        let mut o: OutcomeV4 = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        o.risk.assessments.push(RiskAssessmentV4 {
            risk: "egen.1".into(),
            measures,
            ..RiskAssessmentV4::default()
        });
        o.checklists = ChecklistPartV4 {
            answers: vec![AnswerV4 {
                item: "vurdering.a.1".into(),
                status: Status::Nei,
                note: String::new(),
                measure: Some(MeasureV4 {
                    text: "x".into(),
                    due: "neste uke".into(),
                    note: "fra før".into(),
                    ..MeasureV4::default()
                }),
            }],
        };
        o
    }

    #[test]
    fn format_2_due_dates_become_dates_or_notes_and_nothing_is_lost() {
        let o = upgrade(format_2().into_current(2), 2);
        let got: Vec<(Option<Date>, &str)> = o.risk.assessments[0]
            .measures
            .iter()
            .map(|m| (m.due, m.note.as_str()))
            .collect();
        let day = |y, m, d| Some(jiff::civil::date(y, m, d));
        assert_eq!(
            got,
            [
                (day(2026, 12, 15), ""),
                (None, "Frist skrevet før format 3: «snart»"),
                (None, ""),
                (day(2027, 1, 31), ""),
                (None, "Frist skrevet før format 3: «2027-13-45»"),
            ]
        );
        let m = o.checklists.answers[0]
            .measure
            .as_ref()
            .map(|m| m.note.as_str());
        assert_eq!(m, Some("fra før\nFrist skrevet før format 3: «neste uke»"));
        assert_eq!(o.format_version, FORMAT_VERSION);
    }

    /// A format 3 or 4 file's due dates were checked by the app; one that
    /// is no date was edited by hand, and the note does not blame format 2.
    #[test]
    fn a_due_date_edited_into_a_format_4_file_is_kept_in_the_note() {
        let o = upgrade(format_2().into_current(4), 4);
        let notes: Vec<&str> = o.risk.assessments[0]
            .measures
            .iter()
            .map(|m| m.note.as_str())
            .collect();
        assert_eq!(notes[1], "Frist i filen som ikke var en dato: «snart»");
    }
}
