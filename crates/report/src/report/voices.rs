//! The report's part on the voices (issue 24): «Uenighet og usikkerhet»,
//! who scored what, where the group differed, the dissents with their
//! reasons and where knowledge was weak; and the dissents beside
//! management's decision. An outcome without voices has neither.

use somevett_content::Library;
use somevett_domain::Outcome;
use somevett_domain::risk::Score;
use somevett_domain::voices::{self, Knowledge, Range, ScoreKey};
use somevett_domain::words::Words;

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
fn name_of(o: &Outcome, library: &Library, key: &ScoreKey, w: &Words) -> String {
    let title = library
        .risks
        .assessable(&o.risk)
        .iter()
        .find(|r| r.id.as_str() == key.risk)
        .map_or_else(
            || key.risk.clone(),
            |r| r.title_in(w).trim_end_matches('.').to_owned(),
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
pub fn dissent_beside_decision(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    let dissents = o.voting.dissents();
    if dissents.is_empty() {
        return;
    }
    b.push(Block::Lead(
        w.t("Dissens."),
        w.f(
            "{voices} i risikovurderingen skåret minst to trinn fra gruppens skår og står ved sitt (se «Uenighet og usikkerhet»):",
            &[("voices", &w.count(dissents.len(), "Én stemme", "{n} stemmer"))],
        ),
    ));
    b.push(Block::Bullets(
        dissents
            .iter()
            .map(|(key, d)| {
                let reason = if d.reason.trim().is_empty() {
                    w.t("uten begrunnelse")
                } else {
                    format!("«{}»", d.reason.trim())
                };
                w.f(
                    "{who}: {risk}, før tiltak {before}, etter {after}; {reason}",
                    &[
                        ("who", &label(o, &d.name)),
                        ("risk", &name_of(o, library, key, w)),
                        ("before", &sxk(d.inherent)),
                        ("after", &sxk(d.residual)),
                        ("reason", &reason),
                    ],
                )
            })
            .collect(),
    ));
}

/// «Uenighet og usikkerhet»: the rounds, each risk's voices and spread,
/// the group's score and the dissents, and where knowledge was weak.
pub fn disagreement(b: &mut Vec<Block>, o: &Outcome, library: &Library, w: &Words) {
    let voting = &o.voting;
    let Some(latest) = voting.revealed() else {
        return;
    };
    b.push(Block::Heading(1, w.t("Uenighet og usikkerhet")));
    b.push(Block::Para(w.t(
        "Deltakerne skåret hver for seg, uten å se hverandres tall, før tilretteleggeren viste fordelingen. Der stemmene lå to trinn eller mer fra hverandre i sannsynlighet (S) eller konsekvens (K), kunne gruppen ta en ny runde. En stemme som fortsatt lå to trinn eller mer fra gruppens skår, står som dissens med sin begrunnelse. Kunnskapsstyrken (sterk, middels, svak) er hver stemmes egen vurdering av hvor godt den kjenner det den skåret.",
    )));
    let rounds: Vec<String> = voting
        .rounds
        .iter()
        .map(|r| {
            let what = match r.keys.len() {
                0 => w.t("alle risikoene"),
                n => w.count(n, "én omstridt risiko", "{n} omstridte risikoer"),
            };
            let shown = match r.revealed {
                Some(t) => w.f(
                    "vist {when}, {count}: {names}",
                    &[
                        ("when", &norwegian_time(t)),
                        ("count", &w.count(r.voices.len(), "1 stemme", "{n} stemmer")),
                        (
                            "names",
                            &r.voices
                                .iter()
                                .map(|v| label(o, &v.name))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ],
                ),
                None => w.t("ikke vist"),
            };
            w.f(
                "Runde {n} ({what}): {shown}.",
                &[("n", &r.number), ("what", &what), ("shown", &shown)],
            )
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
        let name = name_of(o, library, &s.key, w);
        b.push(Block::Heading(2, name.clone()));
        let spread = w.f(
            "S×K før tiltak: lavest, median, høyest {before}; etter tiltak {after}.",
            &[
                ("before", &range(s.inherent)),
                ("after", &range(s.residual)),
            ],
        );
        b.push(Block::Para(if s.disputed {
            format!(
                "{spread} {}",
                w.t("Stemmene lå to trinn eller mer fra hverandre.")
            )
        } else {
            spread
        }));
        b.push(Block::Table(Table {
            header: [
                "Stemme",
                "Før tiltak",
                "Etter tiltak",
                "Kunnskap",
                "Begrunnelse",
            ]
            .map(|h| w.t(h))
            .to_vec(),
            rows: s
                .points
                .iter()
                .map(|p| {
                    vec![
                        label(o, &p.name),
                        sxk(p.inherent),
                        sxk(p.residual),
                        p.knowledge.map_or("–".to_owned(), |k| w.t(k.label())),
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
                b.push(Block::Para(w.f(
                    "Gruppens skår: før tiltak {before}, etter tiltak {after} (satt etter runde {n}).",
                    &[
                        ("before", &sxk(g.inherent)),
                        ("after", &sxk(g.residual)),
                        ("n", &g.round),
                    ],
                )));
                for d in &g.dissents {
                    let reason = if d.reason.trim().is_empty() {
                        w.t("Ingen begrunnelse er skrevet.")
                    } else {
                        w.f("Begrunnelse: «{reason}»", &[("reason", &d.reason.trim())])
                    };
                    b.push(Block::Lead(
                        w.f("Dissens: {who}.", &[("who", &label(o, &d.name))]),
                        w.f(
                            "Før tiltak {before}, etter {after}. {reason}",
                            &[
                                ("before", &sxk(d.inherent)),
                                ("after", &sxk(d.residual)),
                                ("reason", &reason),
                            ],
                        ),
                    ));
                }
            }
            None => b.push(Block::Para(w.t("Gruppen har ikke satt sin skår ennå."))),
        }
    }
    answers(b, o, library, latest.number, w);
    b.push(Block::Heading(2, w.t("Der kunnskapen var svak")));
    if weak.is_empty() {
        b.push(Block::Para(w.t("Ingen stemme oppga svak kunnskap.")));
    } else {
        b.push(Block::Bullets(weak));
    }
}

/// KS's items the voices answered (optional): each voice's answer, and
/// whether they differed. Left out when no voice answered any.
fn answers(b: &mut Vec<Block>, o: &Outcome, library: &Library, round: u32, w: &Words) {
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
    b.push(Block::Heading(2, w.t("Stemmenes svar på KS-punktene")));
    b.push(Block::Para(w.f(
        "Stemmene svarte på {n} av KS-punktene; på {differ} av dem svarte de ulikt. Økten har gruppens svar under Vurdering.",
        &[("n", &answered.len()), ("differ", &differ)],
    )));
    b.push(Block::Table(Table {
        header: ["Punkt", "Svar", "Ulikt"].map(|h| w.t(h)).to_vec(),
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
                    .map(|(name, status)| format!("{}: {}", label(o, name), w.t(status.label())))
                    .collect();
                vec![
                    w.t(text),
                    given.join("; "),
                    w.t(if a.differs { "ja" } else { "nei" }),
                ]
            })
            .collect(),
        widths: vec![4.5, 4.0, 1.0],
    }));
}
