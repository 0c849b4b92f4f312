//! Answers the app can suggest for KS's assessment from what the outcome
//! already holds: a justified reflection on the wheel, the dilemma
//! checklists, the scored risk table, residual risk and the action plan.
//! A suggestion is never an answer: the team confirms it (or answers
//! otherwise), so the record says what the team said.

use crate::checklist::{DilemmaCatalog, Status, keys};
use crate::outcome::Outcome;
use crate::risk::{RiskAssessment, RiskCatalog, RiskId, RiskSource};

/// An answer the outcome supports, and why, in the screen's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub status: Status,
    pub why: String,
}

impl Suggestion {
    fn new(status: Status, why: impl Into<String>) -> Self {
        Suggestion {
            status,
            why: why.into(),
        }
    }

    /// «ja» when all `total` are done, «delvis» when some are, nothing when
    /// none is; `why` says so with the numbers.
    fn counted(done: usize, total: usize, what: &str) -> Option<Self> {
        let status = match done {
            0 => return None,
            d if d == total => Status::Ja,
            _ => Status::Delvis,
        };
        Some(Suggestion::new(status, format!("{done} av {total} {what}")))
    }
}

/// What the suggestions read beside the outcome: the catalogs its keys and
/// risk ids come from.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub risks: &'a RiskCatalog,
    pub dilemmas: &'a DilemmaCatalog,
}

/// The answer the outcome suggests for the assessment item stored under
/// `key`, for `platform` (None: the shared answers); None when the outcome
/// says nothing about it yet, or the item is not one the app can read.
pub fn suggestion(
    key: &str,
    outcome: &Outcome,
    known: Known,
    platform: Option<&str>,
) -> Option<Suggestion> {
    match key {
        "vurdering.etikk.hjul" => wheel(outcome),
        "vurdering.etikk.dilemmaer" => dilemmas(outcome, known.dilemmas, platform),
        "vurdering.risiko.tabell" => table(outcome, known.risks, platform),
        "vurdering.risiko.restrisiko" => residual(outcome, known.risks, platform),
        "vurdering.risiko.handlingsplan" => plan(outcome, known.risks, platform),
        _ => None,
    }
}

/// «ja» when a reflection with at least two alternatives has a chosen one
/// and a justification; «delvis» when two alternatives are weighed on the
/// wheel but none is chosen or the choice is not justified.
fn wheel(outcome: &Outcome) -> Option<Suggestion> {
    let reflections = &outcome.wheel.reflections;
    if let Some(r) = reflections.iter().find(|r| {
        r.alternatives.len() >= 2 && r.chosen().is_some() && !r.justification.trim().is_empty()
    }) {
        let chosen = r.chosen().map_or("", |a| a.name.as_str());
        return Some(Suggestion::new(
            Status::Ja,
            format!(
                "hjulet har en begrunnet refleksjon: «{}», valgt «{chosen}»",
                r.dilemma
            ),
        ));
    }
    let weighed = |r: &&crate::wheel::Reflection| {
        r.alternatives
            .iter()
            .filter(|a| !a.assessments.is_empty())
            .count()
            >= 2
    };
    let first = reflections.iter().find(weighed)?;
    let missing = if first.chosen().is_none() {
        "ingen er valgt ennå"
    } else {
        "valget er ikke begrunnet ennå"
    };
    Some(Suggestion::new(
        Status::Delvis,
        format!(
            "hjulet veier {} alternativer for «{}», men {missing}",
            first.alternatives.len(),
            first.dilemma
        ),
    ))
}

/// «ja» when every dilemma question is answered (for the platform shown),
/// «delvis» when some are.
fn dilemmas(
    outcome: &Outcome,
    catalog: &DilemmaCatalog,
    platform: Option<&str>,
) -> Option<Suggestion> {
    let groups = catalog.groups();
    let answers = match platform {
        Some(p) => outcome.checklists.for_platform(p),
        None => outcome.checklists.clone(),
    };
    let (done, total) = answers.progress(keys(&groups));
    Suggestion::counted(done, total, "dilemmaspørsmål er besvart")
}

/// The assessments of the risks that count for `platform`: every risk
/// relevant for it, resolved as it stands for it.
fn assessments(
    outcome: &Outcome,
    catalog: &RiskCatalog,
    platform: Option<&str>,
) -> Vec<(RiskId, bool, Option<RiskAssessment>)> {
    catalog
        .assessable(&outcome.risk)
        .into_iter()
        .filter_map(|r| {
            let a = outcome.risk.get(&r.id);
            if let (Some(p), Some(a)) = (platform, a)
                && !a.relevant_for(p)
            {
                return None;
            }
            let resolved = match platform {
                Some(p) => a.map(|a| a.for_platform(p)),
                None => a.cloned(),
            };
            let table = matches!(r.source, RiskSource::Table(..));
            Some((r.id, table, resolved))
        })
        .collect()
}

fn scored(a: Option<&RiskAssessment>) -> bool {
    a.and_then(|a| a.inherent).is_some_and(|s| s.is_complete())
}

/// «ja» when every risk of KS's table (relevant for the platform) is
/// scored, «delvis» when some are.
fn table(outcome: &Outcome, catalog: &RiskCatalog, platform: Option<&str>) -> Option<Suggestion> {
    let all = assessments(outcome, catalog, platform);
    let table: Vec<_> = all.iter().filter(|(_, t, _)| *t).collect();
    let done = table.iter().filter(|(_, _, a)| scored(a.as_ref())).count();
    Suggestion::counted(done, table.len(), "risikoer i KS-tabellen er skåret")
}

/// «ja» when every scored risk has a residual score, «delvis» when some do.
fn residual(
    outcome: &Outcome,
    catalog: &RiskCatalog,
    platform: Option<&str>,
) -> Option<Suggestion> {
    let all = assessments(outcome, catalog, platform);
    let scored: Vec<_> = all.iter().filter(|(_, _, a)| scored(a.as_ref())).collect();
    let done = scored
        .iter()
        .filter(|(_, _, a)| {
            a.as_ref()
                .and_then(|a| a.residual)
                .is_some_and(|s| s.is_complete())
        })
        .count();
    Suggestion::counted(done, scored.len(), "skårede risikoer har skår etter tiltak")
}

/// «ja» when every measure has an owner and a due date, «delvis» when
/// some do, «nei» when none does.
fn plan(outcome: &Outcome, catalog: &RiskCatalog, platform: Option<&str>) -> Option<Suggestion> {
    let all = assessments(outcome, catalog, platform);
    let measures: Vec<_> = all
        .iter()
        .filter_map(|(_, _, a)| a.as_ref())
        .flat_map(|a| &a.measures)
        .collect();
    if measures.is_empty() {
        return None;
    }
    let done = measures
        .iter()
        .filter(|m| !m.owner.trim().is_empty() && m.due.is_some())
        .count();
    let total = measures.len();
    let status = match done {
        0 => Status::Nei,
        d if d == total => Status::Ja,
        _ => Status::Delvis,
    };
    Some(Suggestion::new(
        status,
        format!("{done} av {total} tiltak har både ansvarlig og frist"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::Measure;
    use crate::wheel::{Reflection, Stance};

    fn outcome() -> Outcome {
        Outcome::new("t".into(), "Test".into(), jiff::Timestamp::UNIX_EPOCH)
    }

    fn known<'a>(risks: &'a RiskCatalog, dilemmas: &'a DilemmaCatalog) -> Known<'a> {
        Known { risks, dilemmas }
    }

    #[test]
    fn the_wheel_suggests_ja_only_for_a_justified_choice() {
        let (risks, dilemmas) = (RiskCatalog::default(), DilemmaCatalog::default());
        let k = known(&risks, &dilemmas);
        let mut o = outcome();
        // A new reflection, nothing weighed: no suggestion.
        o.wheel.reflections.push(Reflection::new("Være på TikTok?"));
        assert_eq!(suggestion("vurdering.etikk.hjul", &o, k, None), None);
        // Two alternatives weighed, none chosen: delvis.
        for a in o.wheel.reflections[0].alternatives.iter_mut().take(2) {
            a.entry("tillit").stance = Some(Stance::TalerFor);
        }
        let s = suggestion("vurdering.etikk.hjul", &o, k, None);
        assert_eq!(s.as_ref().map(|s| s.status), Some(Status::Delvis));
        assert!(s.is_some_and(|s| s.why.contains("ingen er valgt")));
        // Chosen but not justified: still delvis; justified: ja.
        o.wheel.reflections[0].choice = Some(1);
        let s = suggestion("vurdering.etikk.hjul", &o, k, None);
        assert!(s.is_some_and(|s| s.status == Status::Delvis && s.why.contains("begrunnet")));
        o.wheel.reflections[0].justification = "Vi når ungdommen andre steder.".into();
        let s = suggestion("vurdering.etikk.hjul", &o, k, None);
        assert!(s.is_some_and(|s| s.status == Status::Ja && s.why.contains("Ikke være til stede")));
    }

    #[test]
    fn the_action_plan_counts_measures_with_owner_and_due_date() {
        let (risks, dilemmas) = (RiskCatalog::default(), DilemmaCatalog::default());
        let k = known(&risks, &dilemmas);
        let mut o = outcome();
        let key = "vurdering.risiko.handlingsplan";
        assert_eq!(suggestion(key, &o, k, None), None, "no measures: no word");
        let custom = crate::risk::CustomRisk {
            id: "1".into(),
            title: "Egen".into(),
            goal: String::new(),
            description: String::new(),
        };
        o.risk.custom.push(custom);
        let mut a = RiskAssessment {
            risk: RiskId::custom("1").to_string(),
            ..RiskAssessment::default()
        };
        a.measures.push(Measure {
            text: "Moderer".into(),
            ..Measure::default()
        });
        o.risk.assessments.push(a.clone());
        let s = suggestion(key, &o, k, None);
        assert_eq!(s.map(|s| s.status), Some(Status::Nei));
        a.measures[0].owner = "Kommunikasjon".into();
        a.measures[0].due = jiff::civil::Date::new(2027, 1, 31).ok();
        o.risk.assessments[0] = a;
        let s = suggestion(key, &o, k, None);
        assert!(s.is_some_and(
            |s| s.status == Status::Ja && s.why == "1 av 1 tiltak har både ansvarlig og frist"
        ));
    }

    #[test]
    fn an_item_the_outcome_says_nothing_of_gets_no_suggestion() {
        let (risks, dilemmas) = (RiskCatalog::default(), DilemmaCatalog::default());
        let o = outcome();
        assert_eq!(
            suggestion(
                "vurdering.grunnlag.valgt",
                &o,
                known(&risks, &dilemmas),
                None
            ),
            None
        );
    }
}
