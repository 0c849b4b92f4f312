//! The rules that read a whole outcome, each evaluated per platform (KS
//! says an assessment is made for the platform in question): what is still
//! missing before management decides, whether residual risk stands in the
//! top band, KS's rule on prior consultation with Datatilsynet, and what a
//! new round of management's decision must hold (`DecisionDraft`). The
//! app, the report and the CLI all show these sentences the same way.
//!
//! A *scope* is where a rule is evaluated: each listed platform when the
//! outcome lists two or more; otherwise once for the whole outcome (`None`),
//! on its one platform's assessment when it lists one. So a one-platform
//! outcome reads as it always has.

use crate::date::Date;
use crate::platform::PlatformName;
use std::borrow::Cow;

use crate::Outcome;
use crate::checklist::{AssessmentChecklist, ChecklistPart, DilemmaCatalog, keys};
use crate::decision::{
    Decision, DecisionRound, PlatformDecision, asked_text, prior_consultation_required,
};
use crate::risk::{RiskAssessment, RiskCatalog, RiskPart, Scales, Score};
use crate::words::Words;

/// Where the rules are evaluated apart: every listed platform when there
/// are two or more, else once for all (`None`).
pub fn scopes(outcome: &Outcome) -> Vec<Option<&str>> {
    if outcome.platforms.len() > 1 {
        outcome.platforms.iter().map(|p| Some(p.as_str())).collect()
    } else {
        vec![None]
    }
}

/// The risk part as it stands for `platform`; for `None`, as it stands
/// for the outcome's one platform, or the shared part when it lists none.
/// Risks not relevant for the platform are left out.
pub fn risk_for<'a>(outcome: &'a Outcome, platform: Option<&str>) -> Cow<'a, RiskPart> {
    match (platform, outcome.platforms.as_slice()) {
        (Some(p), _) => Cow::Owned(outcome.risk.for_platform(p)),
        (None, [only]) => Cow::Owned(outcome.risk.for_platform(only)),
        (None, _) => Cow::Borrowed(&outcome.risk),
    }
}

/// The ids of the risks whose score as it stands is in the top band.
pub fn top_band(part: &RiskPart, scales: &Scales) -> Vec<String> {
    part.assessments
        .iter()
        .filter(|a| a.current().is_some_and(|s| scales.is_top(s.value())))
        .map(|a| a.risk.clone())
        .collect()
}

/// How far a risk is scored, for «what is missing».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    /// Nothing set.
    None,
    /// A number set without the other (S without K), before or after.
    Partial,
    /// Scored before measures, not after.
    NoResidual,
    /// Scored before and after measures.
    Complete,
}

/// How far `a` is scored.
pub fn scoring(a: &RiskAssessment) -> Scoring {
    let partial = |s: Option<Score>| {
        s.is_some_and(|s| !s.is_complete() && (s.likelihood > 0 || s.consequence > 0))
    };
    let complete = |s: Option<Score>| s.is_some_and(Score::is_complete);
    if partial(a.inherent) || partial(a.residual) {
        Scoring::Partial
    } else if complete(a.inherent) && complete(a.residual) {
        Scoring::Complete
    } else if complete(a.inherent) {
        Scoring::NoResidual
    } else if complete(a.residual) {
        // Scored after measures but not before: the before is missing.
        Scoring::Partial
    } else {
        Scoring::None
    }
}

/// Where the rule on prior consultation stands for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing<'a> {
    /// The platform, or `None` for the outcome as a whole.
    pub platform: Option<&'a str>,
    /// The risks in the top band as they stand now.
    pub top_now: Vec<String>,
    /// The rounds before management that decided on it.
    pub rounds: usize,
    /// Whether the rule applied in the latest of those rounds, as recorded.
    pub required: bool,
    /// Whether Datatilsynet was asked, as that round recorded it.
    pub asked: Option<bool>,
    /// The latest round recorded the top-band flag from the shared scores
    /// (before format 5), not from this platform's.
    pub old_way: bool,
    /// Whether the rule would apply to the next round if the risk stands
    /// as now and the platform is still wanted.
    pub required_next: bool,
}

/// The rule on prior consultation for every scope.
pub fn standings<'a>(outcome: &'a Outcome, scales: &Scales) -> Vec<Standing<'a>> {
    scopes(outcome)
        .into_iter()
        .map(|platform| {
            let top_now = top_band(&risk_for(outcome, platform), scales);
            let part = &outcome.decision;
            let rounds = part.rounds_for(platform).count();
            let latest = part.rounds_for(platform).last().map(|(_, r)| r);
            let required = part.consultation_required(platform);
            Standing {
                platform,
                rounds,
                required,
                asked: latest.and_then(|r| r.asked(platform)),
                old_way: platform.is_some()
                    && latest.is_some_and(DecisionRound::computed_the_old_way),
                required_next: !required
                    && prior_consultation_required(rounds + 1, !top_now.is_empty(), true),
                top_now,
            }
        })
        .collect()
}

/// Whether the rule applies to any scope in the latest round that decided it.
pub fn consultation_required(outcome: &Outcome) -> bool {
    scopes(outcome)
        .into_iter()
        .any(|p| outcome.decision.consultation_required(p))
}

/// The sentence KS ch. 8 asks for when the rule applies.
const RULE: &str = "Vurderingen har vært i ledelsen mer enn én gang, risikoen er fortsatt høy og kommunen ønsker fortsatt plattformen: kommunen må be Datatilsynet om forhåndsdrøftelse (GDPR art. 36) og dokumentere at den ikke greier å gjøre risikoen lavere. Det er ledelsen som beslutter det.";

/// The other reading of the rule: Datatilsynet's guidance and GDPR art.
/// 36(1) tie prior consultation to high residual risk after the DPIA,
/// before processing starts, not to how often management has treated it.
pub const DATATILSYNET_RULE: &str = "Datatilsynets lesing (veiledningen «Forhåndsdrøftelse» og GDPR art. 36 nr. 1): viser vurderingen høy restrisiko som ikke er redusert, skal Datatilsynet drøftes før behandlingen starter, uansett hvor mange runder vurderingen har vært i ledelsen.";

/// Where the sources disagree, both readings are named (KS ch. 8 counts the
/// rounds; Datatilsynet does not): a line for each scope whose residual
/// risk is high now.
fn datatilsynet_lines(standings: &[Standing], w: &Words) -> Vec<String> {
    let high: Vec<String> = standings
        .iter()
        .filter(|s| !s.top_now.is_empty())
        .map(|s| s.platform.map_or_else(|| w.t("vurderingen"), str::to_owned))
        .collect();
    if high.is_empty() {
        return Vec::new();
    }
    vec![
        w.t("Kildene leser regelen ulikt: KS-veilederen kap. 8 teller rundene i ledelsen; Datatilsynet gjør det ikke."),
        format!(
            "{} {}",
            w.t(DATATILSYNET_RULE),
            w.f("Høy restrisiko nå: {which}.", &[("which", &high.join(", "))])
        ),
    ]
}

fn registered(asked: Option<bool>, w: &Words) -> String {
    w.t(match asked {
        Some(true) => "Registrert: kommunen har bedt om forhåndsdrøftelse.",
        Some(false) => "Registrert: kommunen har IKKE bedt om forhåndsdrøftelse ennå.",
        None => "Ikke registrert om det er gjort.",
    })
}

/// The state of the rule on prior consultation, as sentences: once for an
/// outcome with one platform or none, else a line per platform; in `w`'s
/// målform.
pub fn rule_text(outcome: &Outcome, scales: &Scales, w: &Words) -> Vec<String> {
    let rounds = outcome.decision.rounds.len();
    let top_name = scales
        .bands
        .last()
        .map_or_else(|| w.t("øverste"), |b| w.t(&b.name));
    let standings = standings(outcome, scales);
    let yes_no = |v: bool| w.t(if v { "ja" } else { "nei" });
    if let [one] = standings.as_slice() {
        let mut out = vec![w.f(
            "Runder i ledelsen: {rounds}. Restrisiko i øverste bånd ({band}) nå: {yes}.",
            &[
                ("rounds", &rounds),
                ("band", &top_name),
                ("yes", &yes_no(!one.top_now.is_empty())),
            ],
        )];
        if one.required {
            out.push(format!("{} {}", w.t(RULE), registered(one.asked, w)));
        }
        if one.required_next {
            out.push(w.f(
                "Blir vurderingen lagt fram igjen (runde {n}) med restrisiko i øverste bånd og ønske om plattformen, må Datatilsynet bes om forhåndsdrøftelse.",
                &[("n", &(rounds + 1))],
            ));
        }
        out.extend(datatilsynet_lines(&standings, w));
        return out;
    }
    let mut out = vec![w.f(
        "Runder i ledelsen: {rounds}. Restrisiko i øverste bånd ({band}) nå:",
        &[("rounds", &rounds), ("band", &top_name)],
    )];
    for s in &standings {
        let name = s.platform.unwrap_or_default();
        let top = match s.top_now.len() {
            0 => w.t("nei"),
            n => w.count(n, "ja (1 risiko)", "ja ({n} risikoer)"),
        };
        out.push(format!("• {name}: {top}"));
    }
    for s in &standings {
        let name = s.platform.unwrap_or_default();
        if s.required {
            out.push(format!(
                "{} {} {}",
                w.f("{name}: forhåndsdrøftelse kreves.", &[("name", &name)]),
                w.t(RULE),
                registered(s.asked, w)
            ));
        } else if s.required_next {
            out.push(w.f(
                "{name}: legges vurderingen fram igjen (runde {n}) med restrisiko i øverste bånd og ønske om plattformen, må Datatilsynet bes om forhåndsdrøftelse.",
                &[("name", &name), ("n", &(s.rounds + 1))],
            ));
        } else if s.rounds > 0 {
            out.push(w.f("{name}: forhåndsdrøftelse kreves ikke.", &[("name", &name)]));
        }
        if s.old_way {
            out.push(w.f(
                "{name}: siste runde ble registrert før hver plattform fikk sin egen vurdering; flagget for øverste bånd gjaldt de felles skårene.",
                &[("name", &name)],
            ));
        }
    }
    out.extend(datatilsynet_lines(&standings, w));
    out
}

/// What is still missing before management decides. With several
/// platforms, a risk that is missing for some of them names them. In `w`'s
/// målform.
pub fn missing(
    outcome: &Outcome,
    assessment: &AssessmentChecklist,
    dilemmas: &DilemmaCatalog,
    risks: &RiskCatalog,
    w: &Words,
) -> Vec<String> {
    let mut out = Vec::new();
    // Answers as they stand for each platform; one line when all agree.
    let answers: Vec<(Option<&str>, Cow<ChecklistPart>)> = scopes(outcome)
        .into_iter()
        .map(|p| match p {
            Some(name) => (p, Cow::Owned(outcome.checklists.for_platform(name))),
            None => (p, Cow::Borrowed(&outcome.checklists)),
        })
        .collect();
    let per_scope = |line: &dyn Fn(&ChecklistPart) -> Option<String>| -> Vec<String> {
        let lines: Vec<(Option<&str>, Option<String>)> =
            answers.iter().map(|(p, a)| (*p, line(a))).collect();
        if lines.windows(2).all(|w| w[0].1 == w[1].1) {
            return lines.into_iter().take(1).filter_map(|(_, l)| l).collect();
        }
        lines
            .into_iter()
            .filter_map(|(p, l)| Some(format!("{} ({})", l?, p.unwrap_or_default())))
            .collect()
    };
    let groups = assessment.groups();
    out.extend(per_scope(&|a: &ChecklistPart| {
        let unassessed = keys(&groups).filter(|k| !a.status(k).is_assessed()).count();
        (unassessed > 0).then(|| {
            w.count(
                unassessed,
                "1 punkt i vurderingen er ikke vurdert",
                "{n} punkter i vurderingen er ikke vurdert",
            )
        })
    }));
    let groups = dilemmas.groups();
    out.extend(per_scope(&|a: &ChecklistPart| {
        let (done, total) = a.progress(keys(&groups));
        (done < total).then(|| {
            w.f(
                "dilemmasjekklistene: {done} av {total} spørsmål besvart",
                &[("done", &done), ("total", &total)],
            )
        })
    }));
    out.extend(missing_risks(outcome, risks, w));
    match outcome.wheel.reflections.as_slice() {
        [] => out.push(w.t("ingen etisk refleksjon med navigasjonshjulet")),
        reflections => {
            for r in reflections.iter().filter(|r| r.choice.is_none()) {
                out.push(w.f(
                    "refleksjonen «{name}» mangler et valgt alternativ",
                    &[("name", &r.dilemma)],
                ));
            }
        }
    }
    out
}

/// The risks not fully scored, per scope: none scored at all, a score
/// with one number only, or no score after measures.
fn missing_risks(outcome: &Outcome, risks: &RiskCatalog, w: &Words) -> Vec<String> {
    let scopes = scopes(outcome);
    let parts: Vec<(Option<&str>, Cow<RiskPart>)> =
        scopes.iter().map(|p| (*p, risk_for(outcome, *p))).collect();
    let listed = risks.assessable(&outcome.risk);
    let title = |id: &str| {
        listed
            .iter()
            .find(|r| r.id.as_str() == id)
            .map_or(id.to_owned(), |r| r.title_in(w))
    };
    // The platforms a line is missing for, unless it is missing for all.
    let whom = |names: &[Option<&str>]| {
        if names.len() == scopes.len() {
            String::new()
        } else {
            let names: Vec<&str> = names.iter().flatten().copied().collect();
            format!(" ({})", names.join(", "))
        }
    };
    let mut out = Vec::new();
    let unscored: Vec<Option<&str>> = parts
        .iter()
        .filter(|(_, part)| {
            !part
                .assessments
                .iter()
                .any(|a| a.inherent.is_some_and(Score::is_complete))
        })
        .map(|(p, _)| *p)
        .collect();
    if !unscored.is_empty() {
        out.push(format!(
            "{}{}",
            w.t("ingen risikoer er vurdert i risikotabellen"),
            whom(&unscored)
        ));
    }
    for (kind, text) in [
        (Scoring::Partial, "risiko delvis skåret (mangler S eller K)"),
        (Scoring::NoResidual, "risiko uten restrisiko"),
    ] {
        // In the order the shared part lists them, then each platform's own.
        let mut ids: Vec<&str> = Vec::new();
        for (_, part) in &parts {
            for a in &part.assessments {
                if scoring(a) == kind && !ids.contains(&a.risk.as_str()) {
                    ids.push(a.risk.as_str());
                }
            }
        }
        for id in ids {
            let names: Vec<Option<&str>> = parts
                .iter()
                .filter(|(_, part)| part.get(id).is_some_and(|a| scoring(a) == kind))
                .map(|(p, _)| *p)
                .collect();
            out.push(format!("{}: {}{}", w.t(text), title(id), whom(&names)));
        }
    }
    out
}

/// A round of management's decision as the form has it, before it is
/// checked: `validate` turns it into the round to record, or says why not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionDraft {
    /// The decision for the whole assessment. With several platforms it
    /// may be left out: then it follows from theirs (`overall_of`).
    pub overall: Option<Decision>,
    /// With several platforms: one entry per listed platform, in order.
    pub platforms: Vec<PlatformDraft>,
    /// With one platform or none: the conditions of a «betinget godkjent».
    pub conditions: Vec<String>,
    pub justification: String,
    pub decided_by: String,
    /// The day, already read as a date by the form; none if not given.
    pub date: Option<Date>,
    /// With one platform or none: still wanted?
    pub wants_platform: Option<bool>,
    /// With one platform or none: was Datatilsynet asked?
    pub prior_consultation: Option<bool>,
    /// Which reading of the rule on prior consultation management applied.
    pub reading: Option<crate::decision::Reading>,
    /// What the decision rests on, recorded with it (`ground`).
    pub ground: Option<crate::ground::Ground>,
}

/// One platform's part of a draft round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformDraft {
    pub platform: PlatformName,
    pub decision: Option<Decision>,
    pub conditions: Vec<String>,
    pub wants_platform: Option<bool>,
    pub prior_consultation: Option<bool>,
}

/// The overall decision the platforms' decisions make: «betinget
/// godkjent» if any platform is approved on conditions, else «godkjent»
/// if any is approved, else «ikke godkjent».
pub fn overall_of(decisions: impl IntoIterator<Item = Decision>) -> Option<Decision> {
    let decisions: Vec<Decision> = decisions.into_iter().collect();
    if decisions.is_empty() {
        None
    } else if decisions.contains(&Decision::BetingetGodkjent) {
        Some(Decision::BetingetGodkjent)
    } else if decisions.contains(&Decision::Godkjent) {
        Some(Decision::Godkjent)
    } else {
        Some(Decision::IkkeGodkjent)
    }
}

impl DecisionDraft {
    /// Checks the draft against the outcome and makes the round to record:
    /// the next round, or the latest when `correcting` it (its stored
    /// top-band flags are then kept where it has them). Residual risk in
    /// the top band is computed per platform, on the assessment as it
    /// stands for it.
    pub fn validate(
        self,
        outcome: &Outcome,
        scales: &Scales,
        correcting: Option<&DecisionRound>,
    ) -> Result<DecisionRound, String> {
        let apart = outcome.platforms.len() > 1;
        let mut platforms = self
            .platforms
            .iter()
            .map(|p| platform_decision(p, outcome, scales, correcting))
            .collect::<Result<Vec<_>, _>>()?;
        let decision = overall(self.overall, &platforms)?;
        if !apart {
            check_conditions(None, decision, &self.conditions)?;
        }
        let justification = self.justification.trim().to_owned();
        if justification.is_empty() {
            return Err("Ledelsen må begrunne beslutningen.".to_owned());
        }
        let decided_by = self.decided_by.trim().to_owned();
        if decided_by.is_empty() {
            return Err("Skriv hvem (rolle) som besluttet.".to_owned());
        }
        if self.date.is_none() {
            return Err("Skriv datoen for beslutningen.".to_owned());
        }
        let number = outcome.decision.rounds.len() + usize::from(correcting.is_none());
        let (wants_platform, residual_top, prior_consultation) = if apart {
            mark_required(&mut platforms, outcome, number, correcting.is_none());
            (
                platforms.iter().any(|p| p.wants_platform == Some(true)),
                platforms.iter().any(|p| p.residual_top == Some(true)),
                None,
            )
        } else {
            let wants = self
                .wants_platform
                .ok_or("Velg ja eller nei: ønsker kommunen fortsatt å bruke plattformen?")?;
            let top = correcting.map_or_else(
                || !top_band(&risk_for(outcome, None), scales).is_empty(),
                |r| r.residual_top,
            );
            // Where the rule applies, «not asked» is recorded unless the
            // form says it was.
            let asked = if prior_consultation_required(number, top, wants) {
                self.prior_consultation.or(Some(false))
            } else {
                self.prior_consultation
            };
            if let [only] = outcome.platforms.as_slice() {
                platforms.push(PlatformDecision {
                    platform: only.clone(),
                    decision,
                    conditions: Vec::new(),
                    wants_platform: Some(wants),
                    residual_top: Some(top),
                    prior_consultation: asked,
                });
            }
            (wants, top, asked)
        };
        Ok(DecisionRound {
            decision,
            conditions: if apart { Vec::new() } else { self.conditions },
            justification,
            decided_by,
            date: self.date,
            wants_platform,
            residual_top,
            prior_consultation,
            platforms,
            corrections: Vec::new(),
            note: String::new(),
            reading: self.reading,
            ground: self.ground,
        })
    }
}

/// One platform's part of the round: its decision and wish chosen, its
/// conditions fitting its decision, and whether its residual risk stands
/// in the top band (as stored when correcting, else as it stands now).
fn platform_decision(
    p: &PlatformDraft,
    outcome: &Outcome,
    scales: &Scales,
    correcting: Option<&DecisionRound>,
) -> Result<PlatformDecision, String> {
    let name = &p.platform;
    let decision = p.decision.ok_or_else(|| {
        format!("Velg beslutningen for {name}: godkjent, betinget godkjent eller ikke godkjent.")
    })?;
    let wants = p
        .wants_platform
        .ok_or_else(|| format!("Velg ja eller nei: ønsker kommunen fortsatt å bruke {name}?"))?;
    check_conditions(Some(name), decision, &p.conditions)?;
    let kept = correcting
        .and_then(|r| r.platform(name))
        .and_then(|p| p.residual_top);
    let top = kept.unwrap_or_else(|| !top_band(&risk_for(outcome, Some(name)), scales).is_empty());
    Ok(PlatformDecision {
        platform: name.clone(),
        decision,
        conditions: p.conditions.clone(),
        wants_platform: Some(wants),
        residual_top: Some(top),
        prior_consultation: p.prior_consultation,
    })
}

/// Conditions belong to a conditional approval, and it needs at least one:
/// `platform`'s, or (None) the round's own.
fn check_conditions(
    platform: Option<&str>,
    decision: Decision,
    conditions: &[String],
) -> Result<(), String> {
    let conditional = decision == Decision::BetingetGodkjent;
    let problem = match (conditional, conditions.is_empty(), platform) {
        (true, true, None) => "En betinget godkjenning trenger minst ett vilkår.".to_owned(),
        (true, true, Some(name)) => {
            format!("{name} er betinget godkjent: skriv minst ett vilkår for {name}.")
        }
        (false, false, who) => format!(
            "{} har vilkår, men er {}: vilkår hører til en betinget godkjenning. Tøm vilkårene eller velg betinget godkjent.",
            who.unwrap_or("Beslutningen"),
            decision.label()
        ),
        _ => return Ok(()),
    };
    Err(problem)
}

/// The overall decision: the one chosen, which may not contradict the
/// platforms', or the one theirs make (`overall_of`).
fn overall(chosen: Option<Decision>, platforms: &[PlatformDecision]) -> Result<Decision, String> {
    let derived = overall_of(platforms.iter().map(|p| p.decision));
    match (chosen, derived) {
        (Some(d), Some(from)) if d != from => Err(format!(
            "Den samlede beslutningen «{}» stemmer ikke med plattformenes: {}. Samlet blir det «{}» (betinget når en plattform er betinget godkjent, godkjent når en er godkjent, ellers ikke godkjent). Velg den eller la feltet stå tomt.",
            d.label(),
            platforms
                .iter()
                .map(|p| format!("{} {}", p.platform, p.decision.label()))
                .collect::<Vec<_>>()
                .join(", "),
            from.label()
        )),
        (Some(d), _) | (None, Some(d)) => Ok(d),
        (None, None) => {
            Err("Velg beslutningen: godkjent, betinget godkjent eller ikke godkjent.".into())
        }
    }
}

/// KS ch. 8 per platform in round `number`: where the rule applies, «not
/// asked» is recorded unless the form says Datatilsynet was asked.
fn mark_required(
    platforms: &mut [PlatformDecision],
    outcome: &Outcome,
    number: usize,
    new_round: bool,
) {
    for p in platforms {
        let rounds = outcome
            .decision
            .rounds_for(Some(&p.platform))
            .filter(|(n, _)| *n <= number)
            .count()
            + usize::from(new_round);
        let required = prior_consultation_required(
            rounds,
            p.residual_top == Some(true),
            p.wants_platform == Some(true),
        );
        if required {
            p.prior_consultation = p.prior_consultation.or(Some(false));
        }
    }
}

/// The platforms for which a recorded round makes the rule apply, for the
/// message the form gives when it is recorded.
pub fn required_in(outcome: &Outcome) -> Vec<String> {
    scopes(outcome)
        .into_iter()
        .filter(|p| outcome.decision.consultation_required(*p))
        .map(|p| p.unwrap_or("plattformen").to_owned())
        .collect()
}

/// «bedt om» / «ikke bedt om» / «ikke oppgitt», re-exported for readers.
pub fn asked(v: Option<bool>) -> &'static str {
    asked_text(v)
}
