//! The report's part on the voices (issue 24): «Uenighet og usikkerhet»,
//! who scored what, where the group differed, the dissents with their
//! reasons and where knowledge was weak; and the dissents beside
//! management's decision. An outcome without voices has neither.

use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::risk::Score;
use somevett_domain::voices::{self, Knowledge, Range, ScoreKey};

use super::{Block, Table, norwegian_time};

fn sxk(s: Option<Score>) -> String {
    s.filter(|s| s.is_complete()).map_or_else(
        || "–".to_owned(),
        |s| format!("{}×{} = {}", s.likelihood, s.consequence, s.value()),
    )
}

fn range(r: Option<Range>) -> String {
    r.map_or_else(
        || "–".to_owned(),
        |r| format!("{}, {}, {}", r.min, r.median, r.max),
    )
}

/// A risk's title (and platform) as the report names it.
fn name_of(o: &Outcome, library: &Library, key: &ScoreKey) -> String {
    let title = library
        .risks
        .assessable(&o.risk)
        .iter()
        .find(|r| r.id.as_str() == key.risk)
        .map_or_else(
            || key.risk.clone(),
            |r| r.title.trim_end_matches('.').to_owned(),
        );
    match &key.platform {
        Some(p) => format!("{title} ({p})"),
        None => title,
    }
}

/// How a voice is named in the report: by name, or «Stemme n» when the
/// rounds were anonymous.
fn label(o: &Outcome, name: &str) -> String {
    let voting = &o.voting;
    voting
        .voices()
        .into_iter()
        .find(|v| v.name == name)
        .map_or_else(|| name.to_owned(), |v| voting.label(v))
}

/// The dissents beside management's decision.
pub fn dissent_beside_decision(b: &mut Vec<Block>, o: &Outcome, library: &Library) {
    let dissents = o.voting.dissents();
    if dissents.is_empty() {
        return;
    }
    b.push(Block::Lead(
        "Dissens.".into(),
        format!(
            "{} i risikovurderingen skåret minst to trinn fra gruppens skår og står ved sitt (se «Uenighet og usikkerhet»):",
            if dissents.len() == 1 {
                "Én stemme".to_owned()
            } else {
                format!("{} stemmer", dissents.len())
            }
        ),
    ));
    b.push(Block::Bullets(
        dissents
            .iter()
            .map(|(key, d)| {
                let reason = if d.reason.trim().is_empty() {
                    "uten begrunnelse".to_owned()
                } else {
                    format!("«{}»", d.reason.trim())
                };
                format!(
                    "{}: {}, før tiltak {}, etter {}; {reason}",
                    label(o, &d.name),
                    name_of(o, library, key),
                    sxk(d.inherent),
                    sxk(d.residual)
                )
            })
            .collect(),
    ));
}

/// «Uenighet og usikkerhet»: the rounds, each risk's voices and spread,
/// the group's score and the dissents, and where knowledge was weak.
pub fn disagreement(b: &mut Vec<Block>, o: &Outcome, library: &Library) {
    let voting = &o.voting;
    let Some(latest) = voting.revealed() else {
        return;
    };
    b.push(Block::Heading(1, "Uenighet og usikkerhet".into()));
    b.push(Block::Para(
        "Deltakerne skåret hver for seg, uten å se hverandres tall, før tilretteleggeren viste fordelingen. Der stemmene lå to trinn eller mer fra hverandre i sannsynlighet (S) eller konsekvens (K), kunne gruppen ta en ny runde. En stemme som fortsatt lå to trinn eller mer fra gruppens skår, står som dissens med sin begrunnelse. Kunnskapsstyrken (sterk, middels, svak) er hver stemmes egen vurdering av hvor godt den kjenner det den skåret.".into(),
    ));
    let rounds: Vec<String> = voting
        .rounds
        .iter()
        .map(|r| {
            let what = match r.keys.len() {
                0 => "alle risikoene".to_owned(),
                1 => "én omstridt risiko".to_owned(),
                n => format!("{n} omstridte risikoer"),
            };
            let shown = match r.revealed {
                Some(t) => format!(
                    "vist {}, {}: {}",
                    norwegian_time(t),
                    match r.voices.len() {
                        1 => "1 stemme".to_owned(),
                        n => format!("{n} stemmer"),
                    },
                    r.voices
                        .iter()
                        .map(|v| label(o, &v.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "ikke vist".to_owned(),
            };
            format!("Runde {} ({what}): {shown}.", r.number)
        })
        .collect();
    b.push(Block::Bullets(rounds));
    let ids: Vec<String> = library
        .risks
        .assessable(&o.risk)
        .iter()
        .map(|r| r.id.as_str().to_owned())
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let revealed = voting.voices();
    let mut weak = Vec::new();
    for s in voices::board(o, &ids, &revealed, latest.number) {
        if s.points.is_empty() {
            continue;
        }
        let name = name_of(o, library, &s.key);
        b.push(Block::Heading(2, name.clone()));
        b.push(Block::Para(format!(
            "S×K før tiltak: lavest, median, høyest {}; etter tiltak {}.{}",
            range(s.inherent),
            range(s.residual),
            if s.disputed {
                " Stemmene lå to trinn eller mer fra hverandre."
            } else {
                ""
            }
        )));
        b.push(Block::Table(Table {
            header: [
                "Stemme",
                "Før tiltak",
                "Etter tiltak",
                "Kunnskap",
                "Begrunnelse",
            ]
            .map(String::from)
            .to_vec(),
            rows: s
                .points
                .iter()
                .map(|p| {
                    vec![
                        label(o, &p.name),
                        sxk(p.inherent),
                        sxk(p.residual),
                        p.knowledge.map_or("–", Knowledge::label).to_owned(),
                        if p.reason.trim().is_empty() {
                            "–".to_owned()
                        } else {
                            p.reason.trim().to_owned()
                        },
                    ]
                })
                .collect(),
            widths: vec![2.0, 1.5, 1.5, 1.2, 3.8],
        }));
        for p in s
            .points
            .iter()
            .filter(|p| p.knowledge == Some(Knowledge::Svak))
        {
            weak.push(format!("{}: {name}", label(o, &p.name)));
        }
        match voting.group(&s.key) {
            Some(g) => {
                b.push(Block::Para(format!(
                    "Gruppens skår: før tiltak {}, etter tiltak {} (satt etter runde {}).",
                    sxk(g.inherent),
                    sxk(g.residual),
                    g.round
                )));
                for d in &g.dissents {
                    b.push(Block::Lead(
                        format!("Dissens: {}.", label(o, &d.name)),
                        format!(
                            "Før tiltak {}, etter {}. {}",
                            sxk(d.inherent),
                            sxk(d.residual),
                            if d.reason.trim().is_empty() {
                                "Ingen begrunnelse er skrevet.".to_owned()
                            } else {
                                format!("Begrunnelse: «{}»", d.reason.trim())
                            }
                        ),
                    ));
                }
            }
            None => b.push(Block::Para("Gruppen har ikke satt sin skår ennå.".into())),
        }
    }
    answers(b, o, library, latest.number);
    b.push(Block::Heading(2, "Der kunnskapen var svak".into()));
    if weak.is_empty() {
        b.push(Block::Para("Ingen stemme oppga svak kunnskap.".into()));
    } else {
        b.push(Block::Bullets(weak));
    }
}

/// KS's items the voices answered (optional): each voice's answer, and
/// whether they differed. Left out when no voice answered any.
fn answers(b: &mut Vec<Block>, o: &Outcome, library: &Library, round: u32) {
    let groups = library.assessment.groups();
    let items: Vec<(&str, &str)> = groups
        .iter()
        .flat_map(|g| {
            g.questions
                .iter()
                .map(|(q, k)| (k.as_str(), q.text.as_str()))
        })
        .collect();
    let keys: Vec<&str> = items.iter().map(|(k, _)| *k).collect();
    let answered = voices::answer_spreads(&o.voting.voices(), &keys, round);
    if answered.is_empty() {
        return;
    }
    let differ = answered.iter().filter(|a| a.differs).count();
    b.push(Block::Heading(2, "Stemmenes svar på KS-punktene".into()));
    b.push(Block::Para(format!(
        "Stemmene svarte på {} av KS-punktene; på {differ} av dem svarte de ulikt. Økten har gruppens svar under Vurdering.",
        answered.len()
    )));
    b.push(Block::Table(Table {
        header: ["Punkt", "Svar", "Ulikt"].map(String::from).to_vec(),
        rows: answered
            .iter()
            .map(|a| {
                let text = items
                    .iter()
                    .find(|(k, _)| *k == a.item)
                    .map_or(a.item.as_str(), |(_, t)| t);
                let given: Vec<String> = a
                    .answers
                    .iter()
                    .map(|(name, status)| format!("{}: {}", label(o, name), status.label()))
                    .collect();
                vec![
                    text.to_owned(),
                    given.join("; "),
                    if a.differs { "ja" } else { "nei" }.to_owned(),
                ]
            })
            .collect(),
        widths: vec![4.5, 4.0, 1.0],
    }));
}
