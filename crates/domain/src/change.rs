//! A change to an outcome, as data. Screens say what a key will change by
//! returning a `Change`; only the app applies it (`Change::apply`), after
//! keeping the outcome as it was for undo. So a test can see what a key
//! will do without running it, undo can name what it takes back, and the
//! rules a change must keep (a risk that exists, a reflection with two
//! alternatives) live here, not in the screens.
//!
//! Every value a change sets is explicit: «the next treatment» is worked
//! out by the screen from what it shows, and the change says which one, so
//! applying the same change twice gives the same record.

use crate::Outcome;
use crate::checklist::{ChecklistPart, Status};
use crate::date::Timestamp;
use crate::decision::{CorrectedBy, DecisionPart, DecisionRound};
use crate::outcome::{Description, check_title};
use crate::risk::{Measure, RiskId, RiskPart, ScoreField, Treatment};
use crate::voices::{GroupScore, ScoreKey, Voice, VotingRound};
use crate::wheel::{Alternative, Reflection, Stance, WheelPart};

/// One change to the open outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Sets one number of a risk's score (0 clears it), shared or for a platform.
    Score {
        risk: RiskId,
        platform: Option<String>,
        field: ScoreField,
        value: u8,
    },
    /// Sets a risk's treatment; for a platform, `None` shares the common one.
    Treatment {
        risk: RiskId,
        platform: Option<String>,
        treatment: Option<Treatment>,
    },
    /// Replaces a risk's measures and note (shared, or a platform's own).
    RiskDetails {
        risk: RiskId,
        platform: Option<String>,
        measures: Vec<Measure>,
        note: String,
    },
    /// Adds one measure to a risk (shared, or a platform's own).
    AddMeasure {
        risk: RiskId,
        platform: Option<String>,
        measure: Measure,
    },
    /// Marks a risk as relevant for a platform, or not.
    Relevant {
        risk: RiskId,
        platform: String,
        relevant: bool,
    },
    /// Adds the team's own risk.
    AddCustomRisk {
        title: String,
        description: String,
        goal: String,
    },
    /// Removes the team's own risk and its assessment.
    RemoveCustomRisk { risk: RiskId },
    /// Adds a reflection on the wheel.
    AddReflection(Reflection),
    /// Names an alternative anew, or adds one (`alternative: None`).
    NameAlternative {
        reflection: usize,
        alternative: Option<usize>,
        name: String,
    },
    /// Removes an alternative and its stances.
    RemoveAlternative {
        reflection: usize,
        alternative: usize,
    },
    /// Sets the stance on one dimension for one alternative (None clears it).
    Stance {
        reflection: usize,
        alternative: usize,
        dimension: String,
        stance: Option<Stance>,
    },
    /// Sets the note on one dimension for one alternative.
    WheelNote {
        reflection: usize,
        alternative: usize,
        dimension: String,
        note: String,
    },
    /// Chooses an alternative, or takes the choice back (None).
    Choose {
        reflection: usize,
        choice: Option<usize>,
    },
    /// Sets a reflection's conflicts and justification.
    Justify {
        reflection: usize,
        conflicts: String,
        justification: String,
    },
    /// Answers a checklist item, shared or for one platform.
    Answer {
        key: String,
        platform: Option<String>,
        status: Status,
    },
    /// Sets a checklist item's note and measure, shared or for one platform.
    AnswerDetails {
        key: String,
        platform: Option<String>,
        note: String,
        measure: Option<Measure>,
    },
    /// Gives the outcome a new title.
    Title(String),
    /// Replaces what describes the outcome (title, municipality, platforms ...).
    Describe(Box<Description>),
    /// Records a new round of management's decision.
    RecordDecision(Box<DecisionRound>),
    /// Corrects the latest round, keeping what it said and why it changed.
    CorrectDecision(Box<DecisionRound>, CorrectedBy),
    /// Format 6: the saksframlegg's fields and the forslag til vedtak, whole.
    Case(Box<crate::case::CaseInfo>),
    /// Format 6: the description of the processing, the legal basis and the
    /// DPO's advice, whole.
    Processing(Box<crate::case::Processing>),
    /// Format 7: a review of the latest round, and the next review date it
    /// sets (none leaves it as it is).
    Review(Box<crate::ground::Review>, Option<crate::date::Date>),
    /// Format 8: opens a scoring round for the voices: for the keys in
    /// dispute, or every key when the list is empty.
    OpenVotingRound { keys: Vec<ScoreKey>, at: Timestamp },
    /// Format 8: whether the reveal hides who scored what; only before the
    /// first reveal.
    Anonymous(bool),
    /// Format 8: shows a round's voices, which become part of the record.
    Reveal {
        round: u32,
        voices: Vec<Voice>,
        at: Timestamp,
    },
    /// Format 8: the group's score of a key after a reveal, with the voices
    /// that still differ from it; it is the risk table's score from now on.
    GroupScore(Box<GroupScore>),
    /// Format 8: the målform and the public texts' details, whole.
    Public(Box<crate::public::PublicInfo>),
}

/// Why a change was not made; the record is as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn refuse<T>(why: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(why.into()))
}

impl Change {
    /// What the change does, for the status line and undo when the screen
    /// gives no better words.
    pub fn describe(&self) -> String {
        let on = |p: &Option<String>| p.as_ref().map_or(String::new(), |p| format!(" for {p}"));
        match self {
            Change::Score { platform, .. } => format!("poeng{}", on(platform)),
            Change::Treatment { platform, .. } => format!("behandling{}", on(platform)),
            Change::RiskDetails { platform, .. } => format!("tiltak og notat{}", on(platform)),
            Change::AddMeasure { platform, .. } => format!("tiltak fra kildene{}", on(platform)),
            Change::Relevant {
                platform, relevant, ..
            } => {
                if *relevant {
                    format!("relevant igjen for {platform}")
                } else {
                    format!("ikke relevant for {platform}")
                }
            }
            Change::AddCustomRisk { title, .. } => format!("ny risiko «{title}»"),
            Change::RemoveCustomRisk { .. } => "slettet risiko".into(),
            Change::AddReflection(_) => "nytt dilemma".into(),
            Change::NameAlternative {
                alternative: Some(_),
                ..
            } => "nytt navn på alternativet".into(),
            Change::NameAlternative { .. } => "nytt alternativ".into(),
            Change::RemoveAlternative { .. } => "slettet alternativ".into(),
            Change::Stance {
                stance: Some(s), ..
            } => format!("vurdering «{}»", s.label()),
            Change::Stance { .. } => "vurdering".into(),
            Change::WheelNote { .. } => "notat på hjulet".into(),
            Change::Choose { .. } => "valgt alternativ".into(),
            Change::Justify { .. } => "motstrid og begrunnelse".into(),
            Change::Answer {
                status, platform, ..
            } => format!("svar «{}»{}", status.label(), on(platform)),
            Change::AnswerDetails { platform, .. } => format!("notat og tiltak{}", on(platform)),
            Change::Title(_) => "nytt navn".into(),
            Change::Describe(_) => "beskrivelsen av økten".into(),
            Change::RecordDecision(_) => "beslutning".into(),
            Change::CorrectDecision(..) => "korrigert beslutning".into(),
            Change::Case(_) => "saksframlegg og forslag til vedtak".into(),
            Change::Processing(_) => {
                "beskrivelse av behandlingen, grunnlag og personvernombudets råd".into()
            }
            Change::Review(..) => "gjennomgang av beslutningen".into(),
            Change::OpenVotingRound { keys, .. } if keys.is_empty() => "ny skåringsrunde".into(),
            Change::OpenVotingRound { keys, .. } if keys.len() == 1 => {
                "ny skåringsrunde for én omstridt risiko".into()
            }
            Change::OpenVotingRound { keys, .. } => {
                format!("ny skåringsrunde for {} omstridte risikoer", keys.len())
            }
            Change::Anonymous(true) => "anonyme stemmer".into(),
            Change::Anonymous(false) => "stemmer med navn".into(),
            Change::Reveal { round, voices, .. } if voices.len() == 1 => {
                format!("viste runde {round} (1 stemme)")
            }
            Change::Reveal { round, voices, .. } => {
                format!("viste runde {round} ({} stemmer)", voices.len())
            }
            Change::GroupScore(g) => {
                let on = g.key.platform.as_ref().map(|p| format!(" for {p}"));
                format!("gruppens skår{}", on.unwrap_or_default())
            }
            Change::Public(_) => "målform og opplysninger til publikum".into(),
        }
    }

    /// Whether undoing it takes back management's decision, and so asks first.
    pub fn is_decision(&self) -> bool {
        matches!(
            self,
            Change::RecordDecision(_) | Change::CorrectDecision(..) | Change::Review(..)
        )
    }

    /// Makes the change, or refuses it and leaves `outcome` as it was.
    pub fn apply(self, outcome: &mut Outcome) -> Result<(), Refusal> {
        match &self {
            Change::Score { .. }
            | Change::Treatment { .. }
            | Change::RiskDetails { .. }
            | Change::AddMeasure { .. }
            | Change::Relevant { .. }
            | Change::AddCustomRisk { .. }
            | Change::RemoveCustomRisk { .. } => self.apply_to_risks(&mut outcome.risk),
            Change::AddReflection(_)
            | Change::NameAlternative { .. }
            | Change::RemoveAlternative { .. }
            | Change::Stance { .. }
            | Change::WheelNote { .. }
            | Change::Choose { .. }
            | Change::Justify { .. } => self.apply_to_wheel(&mut outcome.wheel),
            Change::Answer { .. } | Change::AnswerDetails { .. } => {
                self.apply_to_checklists(&mut outcome.checklists)
            }
            Change::Title(_) | Change::Describe(_) => self.apply_to_description(outcome),
            Change::RecordDecision(_) | Change::CorrectDecision(..) => {
                self.apply_to_decisions(&mut outcome.decision)
            }
            Change::Case(case) => {
                outcome.case = *case.clone();
                Ok(())
            }
            Change::Review(review, next) => {
                if review.round == 0 || review.round != outcome.decision.rounds.len() {
                    return refuse("En gjennomgang gjelder siste runde i ledelsen.");
                }
                outcome.decision.reviews.push(*review.clone());
                if next.is_some() {
                    outcome.next_review = *next;
                }
                Ok(())
            }
            Change::Processing(processing) => {
                outcome.processing = *processing.clone();
                Ok(())
            }
            Change::Public(public) => {
                outcome.public = *public.clone();
                Ok(())
            }
            Change::OpenVotingRound { .. }
            | Change::Anonymous(_)
            | Change::Reveal { .. }
            | Change::GroupScore(_) => self.apply_to_voting(outcome),
        }
    }

    /// A change to the voices' rounds and the group's scores.
    fn apply_to_voting(self, outcome: &mut Outcome) -> Result<(), Refusal> {
        let voting = &mut outcome.voting;
        match self {
            Change::OpenVotingRound { keys, at } => {
                let number = voting.rounds.last().map_or(1, |r| r.number + 1);
                if voting.rounds.last().is_some_and(|r| r.revealed.is_none()) {
                    return refuse("Runden som er åpen, er ikke vist ennå.");
                }
                voting.rounds.push(VotingRound {
                    number,
                    opened: at,
                    keys,
                    revealed: None,
                    voices: Vec::new(),
                });
            }
            Change::Anonymous(anonymous) => {
                if voting.revealed().is_some() {
                    return refuse("Stemmene er alt vist: det kan ikke endres nå.");
                }
                voting.anonymous = anonymous;
            }
            Change::Reveal { round, voices, at } => {
                if voting.rounds.is_empty() && round == 1 {
                    voting.rounds.push(VotingRound {
                        number: 1,
                        opened: at,
                        keys: Vec::new(),
                        revealed: None,
                        voices: Vec::new(),
                    });
                }
                let Some(r) = voting.rounds.iter_mut().find(|r| r.number == round) else {
                    return refuse("Runden finnes ikke.");
                };
                if r.revealed.is_some() {
                    return refuse("Runden er alt vist.");
                }
                if voices.is_empty() {
                    return refuse("Ingen har levert i denne runden ennå.");
                }
                r.revealed = Some(at);
                r.voices = voices;
            }
            Change::GroupScore(group) => {
                if !voting.is_revealed(group.round) {
                    return refuse("Gruppens skår settes etter at stemmene er vist.");
                }
                let risk = RiskId::stored(&group.key.risk);
                known_risk(&outcome.risk, &risk)?;
                let a = outcome.risk.entry(&group.key.risk);
                let numbers = |s: Option<crate::risk::Score>| {
                    s.map_or((0, 0), |s| (s.likelihood, s.consequence))
                };
                let (il, ic) = numbers(group.inherent);
                let (rl, rc) = numbers(group.residual);
                for (field, value) in [
                    (ScoreField::InherentLikelihood, il),
                    (ScoreField::InherentConsequence, ic),
                    (ScoreField::ResidualLikelihood, rl),
                    (ScoreField::ResidualConsequence, rc),
                ] {
                    match &group.key.platform {
                        Some(p) => a.set_for(p, field, value),
                        None => a.set(field, value),
                    }
                }
                outcome.voting.group.push(*group);
            }
            _ => {}
        }
        Ok(())
    }

    /// A change to the risk table.
    fn apply_to_risks(self, part: &mut RiskPart) -> Result<(), Refusal> {
        match self {
            Change::Score {
                risk,
                platform,
                field,
                value,
            } => {
                known_risk(part, &risk)?;
                let a = part.entry(&risk);
                match platform {
                    Some(p) => a.set_for(&p, field, value),
                    None => a.set(field, value),
                }
            }
            Change::Treatment {
                risk,
                platform,
                treatment,
            } => {
                known_risk(part, &risk)?;
                let a = part.entry(&risk);
                match platform {
                    Some(p) => a.set_treatment_for(&p, treatment),
                    None => a.treatment = treatment,
                }
            }
            Change::RiskDetails {
                risk,
                platform,
                measures,
                note,
            } => {
                known_risk(part, &risk)?;
                let a = part.entry(&risk);
                match platform {
                    Some(p) => {
                        let own = a.platform_entry(&p);
                        own.measures = RiskPart::keep_sources(&own.measures, measures);
                        own.note = note;
                        a.prune();
                    }
                    None => {
                        a.measures = RiskPart::keep_sources(&a.measures, measures);
                        a.note = note;
                    }
                }
            }
            Change::AddMeasure {
                risk,
                platform,
                measure,
            } => {
                known_risk(part, &risk)?;
                let a = part.entry(&risk);
                match platform {
                    Some(p) => a.platform_entry(&p).measures.push(measure),
                    None => a.measures.push(measure),
                }
            }
            Change::Relevant {
                risk,
                platform,
                relevant,
            } => {
                known_risk(part, &risk)?;
                let a = part.entry(&risk);
                if a.relevant_for(&platform) != relevant {
                    a.toggle_relevant_for(&platform);
                }
            }
            Change::AddCustomRisk {
                title,
                description,
                goal,
            } => {
                if title.trim().is_empty() {
                    return refuse("Risikoen trenger en tittel.");
                }
                part.add_custom(title, description, goal);
            }
            Change::RemoveCustomRisk { risk } => {
                if !risk.is_custom() || !part.exists(&risk) {
                    return refuse("Bare egne risikoer kan slettes.");
                }
                part.remove_custom(&risk);
            }
            // Not of this kind: `apply` sends each change to its own part.
            _ => {}
        }
        Ok(())
    }

    /// A change to the reflections on the wheel.
    fn apply_to_wheel(self, wheel: &mut WheelPart) -> Result<(), Refusal> {
        match self {
            Change::AddReflection(r) => {
                r.check_alternatives().map_err(Refusal)?;
                wheel.reflections.push(r);
            }
            Change::NameAlternative {
                reflection,
                alternative,
                name,
            } => {
                if name.trim().is_empty() {
                    return refuse("Alternativet trenger et navn.");
                }
                let r = reflection_mut(wheel, reflection)?;
                match alternative {
                    Some(a) => alternative_in(r, a)?.name = name,
                    None => r.alternatives.push(Alternative::new(name)),
                }
            }
            Change::RemoveAlternative {
                reflection,
                alternative,
            } => {
                let r = reflection_mut(wheel, reflection)?;
                alternative_in(r, alternative)?;
                r.check_removal().map_err(Refusal)?;
                r.remove_alternative(alternative);
            }
            Change::Stance {
                reflection,
                alternative,
                dimension,
                stance,
            } => {
                let r = reflection_mut(wheel, reflection)?;
                alternative_in(r, alternative)?.entry(&dimension).stance = stance;
            }
            Change::WheelNote {
                reflection,
                alternative,
                dimension,
                note,
            } => {
                let r = reflection_mut(wheel, reflection)?;
                alternative_in(r, alternative)?.entry(&dimension).note = note;
            }
            Change::Choose { reflection, choice } => {
                let r = reflection_mut(wheel, reflection)?;
                if let Some(a) = choice {
                    alternative_in(r, a)?;
                }
                r.choice = choice;
            }
            Change::Justify {
                reflection,
                conflicts,
                justification,
            } => {
                let r = reflection_mut(wheel, reflection)?;
                r.conflicts = conflicts;
                r.justification = justification;
            }
            // Not of this kind: `apply` sends each change to its own part.
            _ => {}
        }
        Ok(())
    }

    /// An answer to a checklist question.
    fn apply_to_checklists(self, checklists: &mut ChecklistPart) -> Result<(), Refusal> {
        match self {
            Change::Answer {
                key,
                platform,
                status,
            } => checklists
                .entry(&key)
                .set_status(platform.as_deref(), status),
            Change::AnswerDetails {
                key,
                platform,
                note,
                measure,
            } => {
                if measure.as_ref().is_some_and(|m| m.text.trim().is_empty()) {
                    return refuse("Et tiltak trenger en tekst.");
                }
                checklists
                    .entry(&key)
                    .set_details(platform.as_deref(), note, measure);
            }
            // Not of this kind: `apply` sends each change to its own part.
            _ => {}
        }
        Ok(())
    }

    /// What describes the outcome.
    fn apply_to_description(self, outcome: &mut Outcome) -> Result<(), Refusal> {
        match self {
            Change::Title(title) => {
                check_title(&title).map_err(Refusal)?;
                outcome.title = title;
            }
            Change::Describe(d) => {
                check_title(&d.title).map_err(Refusal)?;
                d.apply(outcome);
            }
            // Not of this kind: `apply` sends each change to its own part.
            _ => {}
        }
        Ok(())
    }

    /// Management's decision.
    fn apply_to_decisions(self, decisions: &mut DecisionPart) -> Result<(), Refusal> {
        match self {
            Change::RecordDecision(round) => decisions.rounds.push(*round),
            Change::CorrectDecision(round, by) => {
                if by.reason.trim().is_empty() || by.who.trim().is_empty() {
                    return refuse("En korrigering trenger hvem som korrigerte og hvorfor.");
                }
                let Some(last) = decisions.rounds.last_mut() else {
                    return refuse("Det er ingen runde å korrigere ennå.");
                };
                last.correct(*round, by);
            }
            // Not of this kind: `apply` sends each change to its own part.
            _ => {}
        }
        Ok(())
    }
}

fn known_risk(part: &RiskPart, risk: &RiskId) -> Result<(), Refusal> {
    if !part.exists(risk) {
        return refuse("Risikoen finnes ikke lenger.");
    }
    Ok(())
}

fn reflection_mut(wheel: &mut WheelPart, index: usize) -> Result<&mut Reflection, Refusal> {
    match wheel.reflections.get_mut(index) {
        Some(r) => Ok(r),
        None => refuse("Refleksjonen finnes ikke lenger."),
    }
}

fn alternative_in(r: &mut Reflection, index: usize) -> Result<&mut Alternative, Refusal> {
    match r.alternatives.get_mut(index) {
        Some(a) => Ok(a),
        None => refuse("Alternativet finnes ikke lenger."),
    }
}
