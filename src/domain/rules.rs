//! What management's decision rests on: what is still missing before it,
//! and KS's rule on prior consultation with Datatilsynet, as sentences the
//! app, the report and the CLI all show the same way.

use crate::domain::Outcome;
use crate::domain::checklist::{AssessmentChecklist, DilemmaCatalog, keys};
use crate::domain::decision::prior_consultation_required;
use crate::domain::risk::{RiskCatalog, Scales};

/// What is still missing before management decides.
pub fn missing(
    outcome: &Outcome,
    assessment: &AssessmentChecklist,
    dilemmas: &DilemmaCatalog,
    risks: &RiskCatalog,
) -> Vec<String> {
    let mut out = Vec::new();
    let groups = assessment.groups();
    let unassessed = keys(&groups)
        .filter(|k| !outcome.checklists.status(k).is_assessed())
        .count();
    if unassessed > 0 {
        out.push(format!(
            "{unassessed} punkter i vurderingen er ikke vurdert"
        ));
    }
    let groups = dilemmas.groups();
    let (done, total) = outcome.checklists.progress(keys(&groups));
    if done < total {
        out.push(format!(
            "dilemmasjekklistene: {done} av {total} spørsmål besvart"
        ));
    }
    let listed = risks.assessable(&outcome.risk);
    let scored = outcome
        .risk
        .assessments
        .iter()
        .filter(|a| a.inherent.is_some_and(|s| s.is_complete()))
        .count();
    if scored == 0 {
        out.push("ingen risikoer er vurdert i risikotabellen".to_owned());
    }
    for a in outcome.risk.without_residual() {
        let title = listed
            .iter()
            .find(|r| r.id.as_str() == a.risk)
            .map_or(a.risk.as_str(), |r| r.title);
        out.push(format!("risiko uten restrisiko: {title}"));
    }
    match outcome.wheel.reflections.as_slice() {
        [] => out.push("ingen etisk refleksjon med navigasjonshjulet".to_owned()),
        reflections => {
            for r in reflections.iter().filter(|r| r.choice.is_none()) {
                out.push(format!(
                    "refleksjonen «{}» mangler et valgt alternativ",
                    r.dilemma
                ));
            }
        }
    }
    out
}

/// The state of the prior-consultation rule, as one or two sentences.
pub fn rule_text(outcome: &Outcome, scales: &Scales) -> Vec<String> {
    let rounds = outcome.decision.rounds.len();
    let top_now = outcome.risk.any_in_top_band(scales);
    let top_name = scales.bands.last().map_or("øverste", |b| b.name.as_str());
    let mut out = vec![format!(
        "Runder i ledelsen: {rounds}. Restrisiko i øverste bånd ({top_name}) nå: {}.",
        if top_now { "ja" } else { "nei" }
    )];
    if let Some(latest) = outcome.decision.latest()
        && outcome.decision.consultation_required()
    {
        let asked = match latest.prior_consultation {
            Some(true) => "Registrert: kommunen har bedt om forhåndsdrøftelse.",
            Some(false) => "Registrert: kommunen har IKKE bedt om forhåndsdrøftelse ennå.",
            None => "Ikke registrert om det er gjort.",
        };
        out.push(format!(
            "Vurderingen har vært i ledelsen mer enn én gang, risikoen er fortsatt høy og kommunen ønsker fortsatt plattformen: kommunen må be Datatilsynet om forhåndsdrøftelse (GDPR art. 36) og dokumentere at den ikke greier å gjøre risikoen lavere. Det er ledelsen som beslutter det. {asked}"
        ));
    }
    if prior_consultation_required(rounds + 1, top_now, true)
        && !outcome.decision.consultation_required()
    {
        out.push(format!(
            "Blir vurderingen lagt fram igjen (runde {}) med restrisiko i øverste bånd og ønske om plattformen, må Datatilsynet bes om forhåndsdrøftelse.",
            rounds + 1
        ));
    }
    out
}
