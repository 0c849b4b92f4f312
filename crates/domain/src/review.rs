//! A review of the latest decision (issue 25): what the record holds now
//! as a `ground::Snapshot`, and what changed since a round's (or a
//! review's) snapshot, in words. The stored types are in `ground`.

use crate::date::Date;
use crate::ground::{MeasureAt, ScoreAt, Snapshot};
use crate::outcome::{Outcome, Participant};
use crate::platform::PlatformName;
use crate::risk::{Measure, Score};

/// The key of a risk's measure where it is kept: `risk/1`, or
/// `risk/TikTok/1` for a platform's own (the action plan's key too, and so
/// a calendar entry's UID).
pub fn risk_measure_key(risk: &str, platform: Option<&PlatformName>, i: usize) -> String {
    match platform {
        Some(p) => format!("{risk}/{p}/{}", i + 1),
        None => format!("{risk}/{}", i + 1),
    }
}

/// The key of an answer's measure: the question, or `question/TikTok` for
/// a platform's own answer.
pub fn answer_measure_key(item: &str, platform: Option<&PlatformName>) -> String {
    match platform {
        Some(p) => format!("{item}/{p}"),
        None => item.to_owned(),
    }
}

/// Every measure with its key: each risk's shared ones, each platform's
/// own, each answer's and each platform's answer's.
pub fn measures(o: &Outcome) -> Vec<(String, &Measure)> {
    let mut out = Vec::new();
    for a in &o.risk.assessments {
        for (i, m) in a.measures.iter().enumerate() {
            out.push((risk_measure_key(&a.risk, None, i), m));
        }
        for p in &a.platforms {
            for (i, m) in p.measures.iter().enumerate() {
                out.push((risk_measure_key(&a.risk, Some(&p.platform), i), m));
            }
        }
    }
    for a in &o.checklists.answers {
        if let Some(m) = &a.measure {
            out.push((answer_measure_key(&a.item, None), m));
        }
        for p in &a.platforms {
            if let Some(m) = &p.measure {
                out.push((answer_measure_key(&a.item, Some(&p.platform)), m));
            }
        }
    }
    out
}

/// What the record holds now.
pub fn snapshot(o: &Outcome) -> Snapshot {
    let mut scores = Vec::new();
    for a in &o.risk.assessments {
        scores.push(ScoreAt {
            risk: a.risk.clone(),
            platform: None,
            inherent: a.inherent,
            residual: a.residual,
        });
        for p in &a.platforms {
            if p.inherent.is_some() || p.residual.is_some() {
                scores.push(ScoreAt {
                    risk: a.risk.clone(),
                    platform: Some(p.platform.clone()),
                    inherent: p.inherent,
                    residual: p.residual,
                });
            }
        }
    }
    Snapshot {
        scores,
        measures: measures(o)
            .into_iter()
            .map(|(key, m)| MeasureAt {
                key,
                text: m.text.clone(),
                owner: m.owner.clone(),
                due: m.due,
                status: m.status,
            })
            .collect(),
        participants: o.participants.iter().map(participant).collect(),
    }
}

/// A participant as a snapshot keeps them: «Kari Nilsen (kommunikasjon)».
fn participant(p: &Participant) -> String {
    if p.name.trim().is_empty() {
        p.role.label().to_owned()
    } else {
        format!("{} ({})", p.name.trim(), p.role.label())
    }
}

fn score_text(s: Option<Score>) -> String {
    s.map_or_else(
        || "ikke skåret".to_owned(),
        |s| format!("{}×{}", s.likelihood, s.consequence),
    )
}

/// What changed in the record between `was` and `now`, in words: scores,
/// measures (added, removed, status, owner, due date) and participants.
/// `risk_title` names a risk by its id. Empty: nothing changed.
pub fn differences(
    was: &Snapshot,
    now: &Snapshot,
    risk_title: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    let whose = |s: &ScoreAt| match &s.platform {
        Some(p) => format!("{} ({p})", risk_title(&s.risk)),
        None => risk_title(&s.risk),
    };
    for n in &now.scores {
        let before = was
            .scores
            .iter()
            .find(|w| w.risk == n.risk && w.platform == n.platform);
        let (inherent, residual) = before.map_or((None, None), |w| (w.inherent, w.residual));
        if inherent != n.inherent {
            out.push(format!(
                "Skår før tiltak for {}: {} → {}",
                whose(n),
                score_text(inherent),
                score_text(n.inherent)
            ));
        }
        if residual != n.residual {
            out.push(format!(
                "Skår etter tiltak for {}: {} → {}",
                whose(n),
                score_text(residual),
                score_text(n.residual)
            ));
        }
    }
    for w in &was.scores {
        let gone = !now
            .scores
            .iter()
            .any(|n| n.risk == w.risk && n.platform == w.platform);
        if gone && (w.inherent.is_some() || w.residual.is_some()) {
            out.push(format!("{} er ikke lenger skåret", whose(w)));
        }
    }
    for n in &now.measures {
        match was.measures.iter().find(|w| w.key == n.key) {
            None => out.push(format!("Nytt tiltak: {}", n.text)),
            Some(w) => {
                if w.text != n.text {
                    out.push(format!("Tiltaket «{}» heter nå «{}»", w.text, n.text));
                }
                if w.status != n.status {
                    out.push(format!(
                        "Tiltaket «{}»: {} → {}",
                        n.text,
                        w.status.label(),
                        n.status.label()
                    ));
                }
                if w.owner != n.owner {
                    out.push(format!(
                        "Tiltaket «{}»: ansvarlig {} → {}",
                        n.text,
                        or_none(&w.owner),
                        or_none(&n.owner)
                    ));
                }
                if w.due != n.due {
                    out.push(format!(
                        "Tiltaket «{}»: frist {} → {}",
                        n.text,
                        due_text(w.due),
                        due_text(n.due)
                    ));
                }
            }
        }
    }
    for w in &was.measures {
        if !now.measures.iter().any(|n| n.key == w.key) {
            out.push(format!("Tiltaket «{}» er fjernet", w.text));
        }
    }
    for p in &now.participants {
        if !was.participants.contains(p) {
            out.push(format!("Ny deltaker: {p}"));
        }
    }
    for p in &was.participants {
        if !now.participants.contains(p) {
            out.push(format!("Deltakeren {p} er ikke lenger med"));
        }
    }
    out
}

fn due_text(d: Option<Date>) -> String {
    d.map_or_else(|| "ingen".to_owned(), |d| d.to_string())
}

fn or_none(s: &str) -> &str {
    if s.trim().is_empty() { "ingen" } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ground::{Ground, Review};
    use crate::outcome::Role;
    use crate::risk::MeasureStatus;

    fn outcome() -> Outcome {
        let mut o = Outcome::new("id".into(), "T".into(), crate::date::Timestamp::UNIX_EPOCH);
        let a = o.risk.entry("r1");
        a.inherent = Some(Score {
            likelihood: 3,
            consequence: 4,
        });
        a.measures.push(Measure {
            text: "Moderer".into(),
            owner: "Kari".into(),
            ..Measure::default()
        });
        o.participants.push(Participant {
            role: Role::Leder,
            name: "Anne".into(),
        });
        o
    }

    /// A review of a record that has not changed lists nothing.
    #[test]
    fn nothing_changed_is_an_empty_diff() {
        let o = outcome();
        assert!(differences(&snapshot(&o), &snapshot(&o), str::to_owned).is_empty());
    }

    /// Each kind of change is said once, in words a team reads.
    #[test]
    fn scores_measures_and_participants_that_changed_are_listed() {
        let before = outcome();
        let mut after = before.clone();
        let a = after.risk.entry("r1");
        a.residual = Some(Score {
            likelihood: 1,
            consequence: 2,
        });
        a.measures[0].status = MeasureStatus::Gjennomfort;
        a.measures.push(Measure {
            text: "Tofaktor".into(),
            ..Measure::default()
        });
        after.participants.push(Participant {
            role: Role::Personvernombud,
            name: "Per".into(),
        });
        let diff = differences(&snapshot(&before), &snapshot(&after), |id| {
            format!("risiko {id}")
        });
        assert_eq!(
            diff,
            [
                "Skår etter tiltak for risiko r1: ikke skåret → 1×2",
                "Tiltaket «Moderer»: åpen → gjennomført",
                "Nytt tiltak: Tofaktor",
                "Ny deltaker: Per (personvernombud)",
            ]
        );
        let back = differences(&snapshot(&after), &snapshot(&before), str::to_owned);
        assert!(
            back.contains(&"Tiltaket «Tofaktor» er fjernet".to_owned()),
            "{back:?}"
        );
        assert!(back.contains(&"Deltakeren Per (personvernombud) er ikke lenger med".to_owned()));
    }

    /// A review is of the latest round: one of another round is refused and
    /// the record stays as it was; the next review date is set with it.
    #[test]
    fn a_review_is_of_the_latest_round() {
        use crate::change::Change;
        let mut o = outcome();
        let review = |round| Review {
            round,
            date: None,
            by: String::new(),
            changes: Vec::new(),
            measures: Vec::new(),
            material: false,
            note: String::new(),
            ground: Ground::default(),
        };
        let before = o.clone();
        assert!(
            Change::Review(Box::new(review(1)), None)
                .apply(&mut o)
                .is_err()
        );
        assert_eq!(o, before, "no round to review");
        o.decision.rounds.push(crate::decision::DecisionRound {
            decision: crate::decision::Decision::Godkjent,
            conditions: Vec::new(),
            justification: "J".into(),
            decided_by: "K".into(),
            date: None,
            wants_platform: true,
            residual_top: false,
            prior_consultation: None,
            platforms: Vec::new(),
            corrections: Vec::new(),
            note: String::new(),
            reading: None,
            ground: None,
        });
        assert!(
            Change::Review(Box::new(review(2)), None)
                .apply(&mut o)
                .is_err()
        );
        let next: Date = "2027-12-01".parse().unwrap_or_default();
        assert!(
            Change::Review(Box::new(review(1)), Some(next))
                .apply(&mut o)
                .is_ok()
        );
        assert_eq!(o.decision.reviews.len(), 1);
        assert_eq!(o.next_review, Some(next));
    }
}
