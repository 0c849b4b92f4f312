//! Older outcome formats, read and turned into the current one in memory.
//! The file on disk is only rewritten after a backup of it is made (see `save`).

use serde::Deserialize;

use somevett_domain::decision::PlatformDecision;
use somevett_domain::risk::Measure;
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
    pub created: String,
    pub updated: String,
    #[serde(default)]
    pub notes: String,
}

impl From<OutcomeV1> for Outcome {
    fn from(v1: OutcomeV1) -> Self {
        Outcome {
            format_version: FORMAT_VERSION,
            id: v1.id,
            title: v1.title,
            municipality: v1.municipality,
            unit: v1.unit,
            case_ref: String::new(),
            next_review: String::new(),
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
        }
    }
}

/// Format 2 -> 3. Format 2 has every field format 3 has except the case
/// reference, the next review and the measures' status and note, which all
/// default; so a format 2 file reads as format 3 and only its measures'
/// due dates, free text in format 2, need converting. A due date that reads
/// as a date (`15.12.2026`) is stored as ISO; one that does not (`snart`) is
/// kept word for word in the measure's note, and the due date left empty.
/// `upgrade` runs the steps in turn.
pub fn v2_to_v3(outcome: &mut Outcome) {
    let risk = outcome
        .risk
        .assessments
        .iter_mut()
        .flat_map(|a| a.measures.iter_mut());
    let answers = outcome
        .checklists
        .answers
        .iter_mut()
        .filter_map(|a| a.measure.as_mut());
    risk.chain(answers).for_each(convert_due);
    outcome.format_version = 3;
}

/// The note a format 2 due date that was no date is kept in.
pub const OLD_DUE_NOTE: &str = "Frist skrevet før format 3";

fn convert_due(m: &mut Measure) {
    let due = m.due.trim();
    if due.is_empty() {
        m.due.clear();
        return;
    }
    match somevett_domain::date::parse(due) {
        Ok(iso) => m.due = iso,
        Err(_) => {
            let kept = format!("{OLD_DUE_NOTE}: «{}»", m.due);
            m.note = if m.note.trim().is_empty() {
                kept
            } else {
                format!("{}\n{kept}", m.note)
            };
            m.due.clear();
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

/// The note a decision date that was no date is kept in.
pub const OLD_DATE_NOTE: &str = "Dato skrevet før format 5, ikke en gyldig dato";

/// Format 4 -> 5. Format 5 adds, per platform in each round, its
/// conditions, whether it is still wanted, its own top-band flag and
/// whether Datatilsynet was asked, and, per correction, who corrected, why
/// and what changed; a format 4 file reads as format 5 with none of them,
/// and its rounds say they were computed from the shared scores
/// (`DecisionRound::computed_the_old_way`). A decision date that is no
/// date (`2026-11-2305.12.2026`, once accepted as free text) is never shown
/// as one: it is kept word for word in the round's note and left empty.
pub fn v4_to_v5(outcome: &mut Outcome) {
    for round in &mut outcome.decision.rounds {
        let mut kept = Vec::new();
        if let Some(text) = not_a_date(&mut round.date) {
            kept.push(format!("{OLD_DATE_NOTE}: «{text}»"));
        }
        for c in &mut round.corrections {
            if let Some(text) = not_a_date(&mut c.date) {
                kept.push(format!(
                    "{OLD_DATE_NOTE} (i versjonen rettet {}): «{text}»",
                    somevett_domain::date::day_of(&c.corrected)
                ));
            }
        }
        for k in kept {
            round.note = if round.note.trim().is_empty() {
                k
            } else {
                format!("{}\n{k}", round.note)
            };
        }
    }
    outcome.format_version = 5;
}

/// Empties `date` and returns what it held, when that is not an ISO date
/// (or another date people write, which is then stored as ISO).
fn not_a_date(date: &mut String) -> Option<String> {
    let text = date.trim().to_owned();
    if text.is_empty() {
        date.clear();
        return None;
    }
    match somevett_domain::date::parse(&text) {
        Ok(iso) => {
            *date = iso;
            None
        }
        Err(_) => {
            date.clear();
            Some(text)
        }
    }
}

/// Brings an outcome read in format `from` up to the current format, one
/// step at a time.
pub fn upgrade(mut outcome: Outcome, from: u32) -> Outcome {
    if from <= 2 {
        v2_to_v3(&mut outcome);
    }
    if from <= 3 {
        v3_to_v4(&mut outcome);
    }
    if from <= 4 {
        v4_to_v5(&mut outcome);
    }
    outcome.format_version = FORMAT_VERSION;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_2_due_dates_become_dates_or_notes_and_nothing_is_lost() {
        let mut o = Outcome::new("id".into(), "t".into(), "2026-11-23T08:00:00Z".into());
        let measures = &mut o.risk.entry("egen.1").measures;
        for due in ["15.12.2026", "snart", "", "2027-01-31", "2027-13-45"] {
            measures.push(Measure {
                text: format!("tiltak {due}"),
                due: due.into(),
                ..Measure::default()
            });
        }
        o.checklists.entry("vurdering.a.1").measure = Some(Measure {
            text: "x".into(),
            due: "neste uke".into(),
            note: "fra før".into(),
            ..Measure::default()
        });
        let o = upgrade(o, 2);
        let got: Vec<(&str, &str)> = o.risk.assessments[0]
            .measures
            .iter()
            .map(|m| (m.due.as_str(), m.note.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-12-15", ""),
                ("", "Frist skrevet før format 3: «snart»"),
                ("", ""),
                ("2027-01-31", ""),
                ("", "Frist skrevet før format 3: «2027-13-45»"),
            ]
        );
        let m = o.checklists.answers[0]
            .measure
            .as_ref()
            .map(|m| m.note.as_str());
        assert_eq!(m, Some("fra før\nFrist skrevet før format 3: «neste uke»"));
        assert_eq!(o.format_version, FORMAT_VERSION);
    }
}
