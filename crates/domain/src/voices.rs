//! Several voices, one record (format 8). Each participant scores the risks
//! on their own (`Voice`, a file of its own beside the outcome, so laptops
//! on a shared folder never write the same file); nobody sees the others'
//! numbers until the facilitator reveals a round. The outcome then keeps the
//! voices as revealed (`VotingRound::voices`), the group's score per risk
//! (`GroupScore`) and every voice that still differs from it by two steps or
//! more, with its reason (`Dissent`). Plain data and pure rules: the spread
//! (`spread`), merging voices handed in twice (`merge`), and what a voice
//! scored that the risk list no longer holds (`mismatches`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Outcome;
use crate::checklist::Status;
use crate::date::Timestamp;
use crate::platform::PlatformName;
use crate::risk::Score;

/// The format a voice file is written in.
pub const VOICE_FORMAT: u32 = 1;

/// Two steps or more apart in S or K is a dispute (and a dissent when it
/// stays after the group has scored).
pub const DISPUTE_STEPS: u8 = 2;

/// How much a voice knows about what it scored (after DSB: the strength of
/// the knowledge behind an assessment).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum Knowledge {
    Sterk,
    Middels,
    Svak,
}

impl Knowledge {
    pub const ALL: &'static [Knowledge] = <Knowledge as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Knowledge::Sterk => "sterk",
            Knowledge::Middels => "middels",
            Knowledge::Svak => "svak",
        }
    }

    /// sterk -> middels -> svak -> none -> sterk.
    pub fn cycle(current: Option<Knowledge>) -> Option<Knowledge> {
        match current {
            None => Some(Knowledge::Sterk),
            Some(Knowledge::Sterk) => Some(Knowledge::Middels),
            Some(Knowledge::Middels) => Some(Knowledge::Svak),
            Some(Knowledge::Svak) => None,
        }
    }
}

/// What is scored: a risk, for one platform when the outcome has several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreKey {
    pub risk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformName>,
}

impl ScoreKey {
    pub fn new(risk: impl Into<String>, platform: Option<PlatformName>) -> Self {
        ScoreKey {
            risk: risk.into(),
            platform,
        }
    }

    /// The same risk on the same platform (a platform's name in any case).
    pub fn same(&self, other: &ScoreKey) -> bool {
        self == other
    }
}

/// Every key an outcome can be scored on. `risks` are the ids the risk
/// table lists, in its order (KS's table, the scenarios, the team's own);
/// the voices score those the outcome has taken up (has an assessment of),
/// or all of them while it has none. Per listed platform when there are
/// two or more, and only where the risk is relevant for it.
pub fn keys(outcome: &Outcome, risks: &[&str]) -> Vec<ScoreKey> {
    let taken: Vec<&str> = risks
        .iter()
        .copied()
        .filter(|r| outcome.risk.assessments.iter().any(|a| a.risk == *r))
        .collect();
    let chosen = if taken.is_empty() {
        risks.to_vec()
    } else {
        taken
    };
    let mut keys = Vec::new();
    for risk in chosen {
        if outcome.platforms.len() < 2 {
            keys.push(ScoreKey::new(risk, None));
            continue;
        }
        let a = outcome.risk.assessments.iter().find(|a| a.risk == risk);
        for p in &outcome.platforms {
            if a.is_none_or(|a| a.relevant_for(p)) {
                keys.push(ScoreKey::new(risk, Some(p.clone())));
            }
        }
    }
    keys
}

/// One voice's score of one key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceScore {
    pub key: ScoreKey,
    /// The risk's title when it was scored, to name it if it is gone later.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub inherent: Option<Score>,
    #[serde(default)]
    pub residual: Option<Score>,
    #[serde(default)]
    pub knowledge: Option<Knowledge>,
    /// One line: why this score.
    #[serde(default)]
    pub reason: String,
    /// Measures this voice proposes, one per line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<String>,
}

impl Default for ScoreKey {
    fn default() -> Self {
        ScoreKey::new(String::new(), None)
    }
}

impl VoiceScore {
    pub fn is_empty(&self) -> bool {
        self.inherent.is_none()
            && self.residual.is_none()
            && self.knowledge.is_none()
            && self.reason.trim().is_empty()
            && self.measures.is_empty()
    }
}

/// A voice's own answer to one of KS's assessment items (optional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceAnswer {
    /// The answer's key, as the outcome stores it: `vurdering.a.1`.
    pub item: String,
    pub status: Status,
}

/// What a voice scored (and answered) in one round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceRound {
    pub round: u32,
    /// When the voice handed this round in; a round not handed in is a draft.
    #[serde(default)]
    pub handed_in: Option<Timestamp>,
    #[serde(default)]
    pub scores: Vec<VoiceScore>,
    /// KS's items the voice answered, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<VoiceAnswer>,
}

/// One participant's voice: a file of its own beside the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voice {
    pub format_version: u32,
    /// The outcome's `id`: a voice belongs to one outcome.
    pub outcome: String,
    pub name: String,
    pub updated: Timestamp,
    #[serde(default)]
    pub rounds: Vec<VoiceRound>,
}

impl Voice {
    pub fn new(outcome: &str, name: &str, now: Timestamp) -> Self {
        Voice {
            format_version: VOICE_FORMAT,
            outcome: outcome.to_owned(),
            name: name.trim().to_owned(),
            updated: now,
            rounds: Vec::new(),
        }
    }

    /// Who this is, for comparing: the name without case or extra spaces.
    pub fn who(&self) -> String {
        who(&self.name)
    }

    pub fn round(&self, round: u32) -> Option<&VoiceRound> {
        self.rounds.iter().find(|r| r.round == round)
    }

    /// The round, created empty if the voice has not started it.
    pub fn round_mut(&mut self, round: u32) -> &mut VoiceRound {
        let i = match self.rounds.iter().position(|r| r.round == round) {
            Some(i) => i,
            None => {
                self.rounds.push(VoiceRound {
                    round,
                    ..VoiceRound::default()
                });
                self.rounds.sort_by_key(|r| r.round);
                self.rounds
                    .iter()
                    .position(|r| r.round == round)
                    .unwrap_or(0)
            }
        };
        &mut self.rounds[i]
    }

    /// The voice's latest answer to `item` up to `round`.
    pub fn answer(&self, item: &str, round: u32) -> Option<Status> {
        self.rounds
            .iter()
            .filter(|r| r.round <= round)
            .rev()
            .find_map(|r| r.answers.iter().find(|a| a.item == item))
            .map(|a| a.status)
            .filter(|s| s.is_assessed())
    }

    /// Sets the answer to `item` in `round` (ikke vurdert takes it away).
    pub fn set_answer(&mut self, round: u32, item: &str, status: Status) {
        let r = self.round_mut(round);
        r.answers.retain(|a| a.item != item);
        r.answers.push(VoiceAnswer {
            item: item.to_owned(),
            status,
        });
    }

    pub fn handed_in(&self, round: u32) -> bool {
        self.round(round).is_some_and(|r| r.handed_in.is_some())
    }

    /// The voice's latest score of `key` up to `round`: a key not rescored
    /// in a later round keeps its earlier score.
    pub fn latest(&self, key: &ScoreKey, round: u32) -> Option<&VoiceScore> {
        self.rounds
            .iter()
            .filter(|r| r.round <= round)
            .rev()
            .find_map(|r| r.scores.iter().find(|s| s.key.same(key)))
    }
}

impl Voice {
    /// Every text the voice holds, to clean once when read from a file.
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        let mut out = vec![&mut self.outcome, &mut self.name];
        for r in &mut self.rounds {
            for s in &mut r.scores {
                out.push(&mut s.key.risk);
                if let Some(p) = &mut s.key.platform {
                    out.push(p.text_mut());
                }
                out.push(&mut s.title);
                out.push(&mut s.reason);
                out.extend(s.measures.iter_mut());
            }
            out.extend(r.answers.iter_mut().map(|a| &mut a.item));
        }
        out
    }

    /// Whether every number is 0-5 (serde cannot say so).
    pub fn is_valid(&self) -> bool {
        self.rounds.iter().flat_map(|r| &r.scores).all(|s| {
            [s.inherent, s.residual]
                .iter()
                .flatten()
                .all(|score| score.is_valid())
        })
    }
}

/// A name as compared: lower case, single spaces.
pub fn who(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Voices merged: one per person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub voices: Vec<Voice>,
    /// What merging decided, in words: «Kari Nilsen levert to ganger: den
    /// siste (…) gjelder».
    pub notes: Vec<String>,
}

/// Merges voices from files, e-mail or a USB stick: one per person (by
/// name, whatever its case), the later one kept when a voice is handed in
/// twice, and said so. The result does not depend on the order the voices
/// come in: equal times fall back to comparing the voices themselves.
pub fn merge(voices: impl IntoIterator<Item = Voice>) -> Merged {
    let mut by_who: BTreeMap<String, Vec<Voice>> = BTreeMap::new();
    for v in voices {
        by_who.entry(v.who()).or_default().push(v);
    }
    let mut merged = Merged::default();
    for (_, mut versions) in by_who {
        versions.sort_by(|a, b| {
            a.updated
                .cmp(&b.updated)
                .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
        });
        versions.dedup();
        let Some(kept) = versions.pop() else { continue };
        if !versions.is_empty() {
            merged.notes.push(format!(
                "{} er levert {} ganger: den siste ({}) gjelder.",
                kept.name,
                versions.len() + 1,
                kept.updated.strftime("%Y-%m-%d %H:%M UTC")
            ));
        }
        merged.voices.push(kept);
    }
    merged
}

/// What a voice scored that the outcome's risk list no longer holds: a
/// risk removed, or a platform no longer listed.
pub fn mismatches(voice: &Voice, outcome: &Outcome, risks: &[&str]) -> Vec<String> {
    let current = keys(outcome, risks);
    let mut out = Vec::new();
    for round in &voice.rounds {
        for s in &round.scores {
            if s.is_empty() || current.iter().any(|k| k.same(&s.key)) {
                continue;
            }
            let title = if s.title.is_empty() {
                s.key.risk.as_str()
            } else {
                s.title.as_str()
            };
            let on = s
                .key
                .platform
                .as_ref()
                .map(|p| format!(" for {p}"))
                .unwrap_or_default();
            let line = format!(
                "{} skåret «{title}»{on} i runde {}, som ikke lenger står i risikolisten.",
                voice.name, round.round
            );
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

/// A round of scoring the facilitator opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VotingRound {
    pub number: u32,
    pub opened: Timestamp,
    /// The keys in dispute this round is about; empty is every key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<ScoreKey>,
    /// When the facilitator revealed it; the voices as they were then.
    #[serde(default)]
    pub revealed: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voices: Vec<Voice>,
}

impl VotingRound {
    pub fn covers(&self, key: &ScoreKey) -> bool {
        self.keys.is_empty() || self.keys.iter().any(|k| k.same(key))
    }
}

/// The group's score of a key, set by the facilitator after a reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupScore {
    pub key: ScoreKey,
    /// The round whose voices it was set from.
    pub round: u32,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
    pub set: Timestamp,
    /// Voices still two steps or more from it, with their reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dissents: Vec<Dissent>,
}

/// A voice that differs from the group's score by two steps or more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    pub name: String,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
    #[serde(default)]
    pub knowledge: Option<Knowledge>,
    #[serde(default)]
    pub reason: String,
}

/// The outcome's part (format 8): the rounds, the voices as revealed, and
/// the group's scores with the dissents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VotingPart {
    /// Whether the reveal hides who scored what («Stemme 1, 2 …»).
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub rounds: Vec<VotingRound>,
    #[serde(default)]
    pub group: Vec<GroupScore>,
}

impl VotingPart {
    pub fn is_empty(&self) -> bool {
        !self.anonymous && self.rounds.is_empty() && self.group.is_empty()
    }

    /// Every text the part holds, to clean once when read from a file.
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        let mut out: Vec<&mut String> = Vec::new();
        for r in &mut self.rounds {
            for k in &mut r.keys {
                out.push(&mut k.risk);
                if let Some(p) = &mut k.platform {
                    out.push(p.text_mut());
                }
            }
            for v in &mut r.voices {
                out.extend(v.texts_mut());
            }
        }
        for g in &mut self.group {
            out.push(&mut g.key.risk);
            if let Some(p) = &mut g.key.platform {
                out.push(p.text_mut());
            }
            for d in &mut g.dissents {
                out.push(&mut d.name);
                out.push(&mut d.reason);
            }
        }
        out
    }

    /// Whether every number is 0-5.
    pub fn is_valid(&self) -> bool {
        let voices = self
            .rounds
            .iter()
            .flat_map(|r| &r.voices)
            .all(Voice::is_valid);
        let scores = self.group.iter().all(|g| {
            let dissents = g.dissents.iter().flat_map(|d| [d.inherent, d.residual]);
            [g.inherent, g.residual]
                .into_iter()
                .chain(dissents)
                .flatten()
                .all(|s| s.is_valid())
        });
        voices && scores
    }

    /// The round voices score in now: the latest opened, or round 1 before
    /// the facilitator has opened any.
    pub fn current(&self) -> u32 {
        self.rounds.last().map_or(1, |r| r.number)
    }

    pub fn round(&self, number: u32) -> Option<&VotingRound> {
        self.rounds.iter().find(|r| r.number == number)
    }

    /// Whether `number` has been revealed.
    pub fn is_revealed(&self, number: u32) -> bool {
        self.round(number).is_some_and(|r| r.revealed.is_some())
    }

    /// The latest revealed round, if any.
    pub fn revealed(&self) -> Option<&VotingRound> {
        self.rounds.iter().rev().find(|r| r.revealed.is_some())
    }

    /// Every voice as last revealed: a voice revealed in round 1 and again
    /// in round 2 is round 2's.
    pub fn voices(&self) -> Vec<&Voice> {
        let mut out: Vec<&Voice> = Vec::new();
        for r in self.rounds.iter().rev().filter(|r| r.revealed.is_some()) {
            for v in &r.voices {
                if !out.iter().any(|o| o.who() == v.who()) {
                    out.push(v);
                }
            }
        }
        out.sort_by_key(|v| v.who());
        out
    }

    /// The group's latest score of `key`.
    pub fn group(&self, key: &ScoreKey) -> Option<&GroupScore> {
        self.group.iter().rev().find(|g| g.key.same(key))
    }

    /// Every dissent the group's latest scores keep, with the key.
    pub fn dissents(&self) -> Vec<(&ScoreKey, &Dissent)> {
        let mut seen: Vec<&ScoreKey> = Vec::new();
        let mut out = Vec::new();
        for g in self.group.iter().rev() {
            if seen.iter().any(|k| k.same(&g.key)) {
                continue;
            }
            seen.push(&g.key);
            out.extend(g.dissents.iter().map(|d| (&g.key, d)));
        }
        out.reverse();
        out
    }

    /// How a voice is named in the reveal: by name, or «Stemme n» (in the
    /// order of the names, so the same voice has the same number in every
    /// round) when the round is anonymous.
    pub fn label(&self, voice: &Voice) -> String {
        if !self.anonymous {
            return voice.name.clone();
        }
        let mut all: Vec<String> = self
            .rounds
            .iter()
            .flat_map(|r| r.voices.iter().map(Voice::who))
            .collect();
        all.sort();
        all.dedup();
        let n = all.iter().position(|w| *w == voice.who()).unwrap_or(0) + 1;
        format!("Stemme {n}")
    }
}

/// One voice's number for a key in a spread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub name: String,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
    pub knowledge: Option<Knowledge>,
    pub reason: String,
    pub measures: Vec<String>,
}

/// Minimum, median and maximum of S×K.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: u8,
    pub median: u8,
    pub max: u8,
}

/// How the voices spread on one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spread {
    pub key: ScoreKey,
    /// In the order of the names.
    pub points: Vec<Point>,
    pub inherent: Option<Range>,
    pub residual: Option<Range>,
    /// Voices two steps or more apart in S or K, before or after.
    pub disputed: bool,
    /// Where the group may start: the median S and K, before and after.
    pub proposal: (Option<Score>, Option<Score>),
}

impl Spread {
    /// Whether any voice knows little about it.
    pub fn weak(&self) -> bool {
        self.points
            .iter()
            .any(|p| p.knowledge == Some(Knowledge::Svak))
    }
}

/// The lower median: the same number whatever order the values come in.
fn median(mut values: Vec<u8>) -> Option<u8> {
    values.sort_unstable();
    let n = values.len();
    (n > 0).then(|| values[(n - 1) / 2])
}

fn range(values: Vec<u8>) -> Option<Range> {
    Some(Range {
        min: *values.iter().min()?,
        max: *values.iter().max()?,
        median: median(values)?,
    })
}

fn apart(values: &[u8]) -> bool {
    match (values.iter().min(), values.iter().max()) {
        (Some(lo), Some(hi)) => hi - lo >= DISPUTE_STEPS,
        _ => false,
    }
}

fn median_score(scores: &[Score]) -> Option<Score> {
    Some(Score {
        likelihood: median(scores.iter().map(|s| s.likelihood).collect())?,
        consequence: median(scores.iter().map(|s| s.consequence).collect())?,
    })
}

/// The spread of `voices` on `key` in `round` (each voice's latest score up
/// to it). Voices are taken in the order of their names, so the result does
/// not depend on the order they were read or merged in.
pub fn spread(voices: &[&Voice], key: &ScoreKey, round: u32) -> Spread {
    let mut sorted: Vec<&&Voice> = voices.iter().collect();
    sorted.sort_by_key(|v| v.who());
    let points: Vec<Point> = sorted
        .iter()
        .filter_map(|v| {
            let s = v.latest(key, round)?;
            Some(Point {
                name: v.name.clone(),
                inherent: s.inherent.filter(|s| s.is_complete()),
                residual: s.residual.filter(|s| s.is_complete()),
                knowledge: s.knowledge,
                reason: s.reason.clone(),
                measures: s.measures.clone(),
            })
        })
        .collect();
    let side =
        |f: fn(&Point) -> Option<Score>| -> Vec<Score> { points.iter().filter_map(f).collect() };
    let before = side(|p| p.inherent);
    let after = side(|p| p.residual);
    let disputed = [&before, &after].iter().any(|scores| {
        apart(&scores.iter().map(|s| s.likelihood).collect::<Vec<_>>())
            || apart(&scores.iter().map(|s| s.consequence).collect::<Vec<_>>())
    });
    Spread {
        key: key.clone(),
        inherent: range(before.iter().map(|s| s.value()).collect()),
        residual: range(after.iter().map(|s| s.value()).collect()),
        disputed,
        proposal: (median_score(&before), median_score(&after)),
        points,
    }
}

/// How the voices answered one of KS's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerSpread {
    pub item: String,
    /// Each voice that answered, in the order of the names.
    pub answers: Vec<(String, Status)>,
    /// Whether the voices gave different answers.
    pub differs: bool,
}

/// The voices' answers to `items` (in the order given) up to `round`; an
/// item no voice answered is left out.
pub fn answer_spreads(voices: &[&Voice], items: &[&str], round: u32) -> Vec<AnswerSpread> {
    let mut sorted: Vec<&&Voice> = voices.iter().collect();
    sorted.sort_by_key(|v| v.who());
    items
        .iter()
        .filter_map(|item| {
            let answers: Vec<(String, Status)> = sorted
                .iter()
                .filter_map(|v| Some((v.name.clone(), v.answer(item, round)?)))
                .collect();
            let differs = answers.windows(2).any(|w| w[0].1 != w[1].1);
            (!answers.is_empty()).then(|| AnswerSpread {
                item: (*item).to_owned(),
                answers,
                differs,
            })
        })
        .collect()
}

/// Whether two scores are two steps or more apart in S or K.
fn differs(a: Option<Score>, b: Option<Score>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.likelihood.abs_diff(b.likelihood) >= DISPUTE_STEPS
                || a.consequence.abs_diff(b.consequence) >= DISPUTE_STEPS
        }
        _ => false,
    }
}

/// The voices in `spread` that differ from the group's score by two steps
/// or more: they are kept as named dissents with their reasons.
pub fn dissents(spread: &Spread, inherent: Option<Score>, residual: Option<Score>) -> Vec<Dissent> {
    spread
        .points
        .iter()
        .filter(|p| differs(p.inherent, inherent) || differs(p.residual, residual))
        .map(|p| Dissent {
            name: p.name.clone(),
            inherent: p.inherent,
            residual: p.residual,
            knowledge: p.knowledge,
            reason: p.reason.clone(),
        })
        .collect()
}

/// The keys of `round` in the order a board shows them: disputed first,
/// then the risk table's order.
pub fn board(outcome: &Outcome, risks: &[&str], voices: &[&Voice], round: u32) -> Vec<Spread> {
    let covered = |k: &ScoreKey| outcome.voting.round(round).is_none_or(|r| r.covers(k));
    let mut spreads: Vec<Spread> = keys(outcome, risks)
        .into_iter()
        .filter(|k| covered(k))
        .map(|k| spread(voices, &k, round))
        .collect();
    spreads.sort_by_key(|s| !s.disputed);
    spreads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(l: u8, c: u8) -> Option<Score> {
        Some(Score {
            likelihood: l,
            consequence: c,
        })
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn voice(name: &str, time: &str, l: u8, c: u8) -> Voice {
        let mut v = Voice::new("o", name, at(time));
        v.round_mut(1).scores.push(VoiceScore {
            key: ScoreKey::new("r", None),
            inherent: score(l, c),
            reason: format!("{name} mener"),
            ..VoiceScore::default()
        });
        v
    }

    #[test]
    fn the_spread_names_min_median_max_and_a_dispute_of_two_steps() {
        let a = voice("Kari", "2026-11-23T10:00:00Z", 2, 2);
        let b = voice("Ola", "2026-11-23T10:00:00Z", 3, 2);
        let c = voice("Per", "2026-11-23T10:00:00Z", 4, 3);
        let key = ScoreKey::new("r", None);
        let s = spread(&[&a, &b, &c], &key, 1);
        assert_eq!(
            s.inherent,
            Some(Range {
                min: 4,
                median: 6,
                max: 12
            })
        );
        assert!(s.disputed, "S 2 and 4 are two steps apart");
        assert_eq!(s.proposal.0, score(3, 2));
        let d = dissents(&s, score(3, 2), None);
        assert_eq!(d.len(), 0, "one step from the group is no dissent");
        let d = dissents(&s, score(2, 2), None);
        assert_eq!(
            d.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
            ["Per"]
        );
        assert_eq!(d[0].reason, "Per mener");
        let calm = spread(&[&a, &b], &key, 1);
        assert!(!calm.disputed);
    }

    #[test]
    fn a_voice_handed_in_twice_keeps_the_later_and_says_so() {
        let early = voice("Kari Nilsen", "2026-11-23T10:00:00Z", 2, 2);
        let late = voice("kari  nilsen", "2026-11-23T11:00:00Z", 5, 5);
        let m = merge([late.clone(), early.clone()]);
        assert_eq!(m.voices, std::slice::from_ref(&late));
        assert_eq!(m.notes.len(), 1);
        assert!(m.notes[0].contains("levert 2 ganger"), "{:?}", m.notes);
        assert_eq!(merge([early, late.clone()]).voices, [late]);
    }

    #[test]
    fn a_key_not_rescored_in_round_two_keeps_its_round_one_score() {
        let mut v = voice("Kari", "2026-11-23T10:00:00Z", 2, 2);
        v.round_mut(2);
        let key = ScoreKey::new("r", None);
        assert_eq!(v.latest(&key, 2).and_then(|s| s.inherent), score(2, 2));
        v.round_mut(2).scores.push(VoiceScore {
            key: key.clone(),
            inherent: score(4, 4),
            ..VoiceScore::default()
        });
        assert_eq!(v.latest(&key, 2).and_then(|s| s.inherent), score(4, 4));
        assert_eq!(v.latest(&key, 1).and_then(|s| s.inherent), score(2, 2));
    }
}
