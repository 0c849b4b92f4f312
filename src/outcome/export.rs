//! The Markdown report: everything recorded, readable by management without the app.

use crate::content::Library;
use crate::domain::Outcome;
use crate::domain::checklist::{ChecklistPart, DecisionPart, Question, Status, keys};
use crate::domain::risk::{Measure, RiskId};
use crate::domain::risk::{
    RiskAssessment, RiskCatalog, RiskPart, Scales, Score, cell_markers, matrix_points,
};
use crate::domain::wheel::{Wheel, WheelPart};

/// The whole outcome as a Markdown document. The library gives the risks'
/// texts and the scales the scores were made on.
pub fn to_markdown(outcome: &Outcome, library: &Library) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape(&outcome.title)));
    out.push_str("Vurdering av kommunens bruk av sosiale medier, dokumentert med somevett.\n\n");
    out.push_str("| | |\n|---|---|\n");
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "–".to_owned()
        } else {
            escape(s)
        }
    };
    out.push_str(&format!(
        "| Kommune | {} |\n",
        or_dash(&outcome.municipality)
    ));
    out.push_str(&format!("| Enhet | {} |\n", or_dash(&outcome.unit)));
    out.push_str(&format!(
        "| Plattformer | {} |\n",
        or_dash(&outcome.platforms.join(", "))
    ));
    out.push_str(&format!("| Opprettet | {} |\n", escape(&outcome.created)));
    out.push_str(&format!("| Sist endret | {} |\n", escape(&outcome.updated)));
    out.push_str(&format!("| Id | {} |\n\n", escape(&outcome.id)));
    out.push_str(&summary(outcome, library));

    out.push_str("## Deltakere\n\n");
    if outcome.participants.is_empty() {
        out.push_str("Ingen deltakere er registrert.\n\n");
    } else {
        out.push_str("| Rolle | Navn |\n|---|---|\n");
        for p in &outcome.participants {
            out.push_str(&format!("| {} | {} |\n", p.role.label(), or_dash(&p.name)));
        }
        out.push('\n');
    }

    out.push_str("## Notater\n\n");
    if outcome.notes.trim().is_empty() {
        out.push_str("Ingen notater.\n");
    } else {
        for line in outcome.notes.lines() {
            out.push_str(&escape(line));
            out.push_str("  \n");
        }
    }
    out.push('\n');
    out.push_str(&risk_section(
        &outcome.risk,
        &library.risks,
        &library.scales,
    ));
    out.push('\n');
    out.push_str(&wheel_section(&outcome.wheel, &library.wheel));
    out.push('\n');
    out.push_str(&checklist_section(
        "Vurdering etter KS-veilederen",
        &library.assessment.source,
        library
            .assessment
            .groups()
            .into_iter()
            .map(|g| (format!("{} ({})", g.title, g.subtitle), g.questions)),
        &outcome.checklists,
    ));
    out.push('\n');
    out.push_str(&checklist_section(
        "Dilemmasjekklister",
        &library.dilemmas.source,
        library
            .dilemmas
            .groups()
            .into_iter()
            .map(|g| (g.title.to_owned(), g.questions)),
        &outcome.checklists,
    ));
    out.push('\n');
    out.push_str(&decision_section(&outcome.decision));
    out.push('\n');
    out.push_str(&sources_section(outcome, library));
    out
}

/// The documents cited, with their metadata; what the risk scenarios build
/// on; and somevett's notes on the guidelines the checklists rest on, each
/// apart from the source's statement.
fn sources_section(outcome: &Outcome, library: &Library) -> String {
    let mut out = String::from(
        "## Kilder

",
    );
    for d in &library.documents {
        out.push_str(&format!(
            "- {} Transkribert fra {}.\n",
            escape(&d.citation()),
            escape(&d.source)
        ));
    }
    out.push('\n');
    let scenarios: Vec<String> = library
        .risks
        .scenarios
        .iter()
        .filter(|s| outcome.risk.get(RiskId::scenario(&s.id)).is_some())
        .map(|s| {
            let cited: Vec<String> = s
                .sources
                .iter()
                .map(|id| match library.find(id) {
                    Some(v) => format!("{} ({id})", v.cite()),
                    None => id.clone(),
                })
                .collect();
            format!("- {}: {}\n", escape(&s.title), escape(&cited.join("; ")))
        })
        .collect();
    if !scenarios.is_empty() {
        out.push_str(
            "Risikoscenarioene er skrevet for somevett og bygger på disse punktene i kildene:\n\n",
        );
        scenarios.iter().for_each(|l| out.push_str(l));
        out.push('\n');
    }
    let mut seen = std::collections::HashSet::new();
    let questions = library
        .assessment
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .chain(library.dilemmas.kinds.iter().flat_map(|k| &k.questions));
    let notes: Vec<String> = questions
        .flat_map(|q| &q.guidelines)
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| {
            let v = library.find(id)?;
            let note = v.item.note.as_ref()?;
            Some(format!(
                "- {id}: {}  \n  Kilde: {}  \n  *{}:* {}\n",
                escape(&v.item.text),
                escape(&v.cite()),
                crate::domain::guideline::NOTE_HEADING,
                escape(note)
            ))
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("### Merknader til punktene sjekklistene bygger på\n\n");
        notes.iter().for_each(|l| out.push_str(l));
    }
    out
}

/// A checklist by section: each question's answer, note and measure.
fn checklist_section<'a>(
    title: &str,
    source: &str,
    sections: impl Iterator<Item = (String, Vec<(&'a Question, String)>)>,
    answers: &ChecklistPart,
) -> String {
    let mut out = format!("## {title}\n\n");
    if !source.trim().is_empty() {
        out.push_str(&format!("Kilde: {}\n\n", escape(source)));
    }
    for (heading, items) in sections {
        let (done, total) = answers.progress(items.iter().map(|(_, k)| k.as_str()));
        out.push_str(&format!(
            "### {} ({done}/{total} vurdert)\n\n",
            escape(&heading)
        ));
        out.push_str(
            "| Spørsmål | Kilde | Svar | Notat | Tiltak | Eier | Frist |\n|---|---|---|---|---|---|---|\n",
        );
        for (q, key) in items {
            let a = answers.get(&key);
            let status = a.map_or(Status::IkkeVurdert, |a| a.status);
            let m = a.and_then(|a| a.measure.as_ref());
            let field = |f: fn(&Measure) -> &str| m.map_or(String::new(), |m| escape(f(m)));
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                escape(&q.text),
                escape(&q.source),
                status.label(),
                escape(&a.map_or(String::new(), |a| a.note.replace('\n', " "))),
                field(|m| &m.text),
                field(|m| &m.owner),
                field(|m| &m.due),
            ));
        }
        out.push('\n');
    }
    out
}

/// The decision and every round before it, newest last.
fn decision_section(part: &DecisionPart) -> String {
    let mut out = String::from("## Ledelsens beslutning\n\n");
    let Some(latest) = part.latest() else {
        out.push_str("Ledelsen har ikke behandlet vurderingen ennå.\n");
        return out;
    };
    out.push_str(&format!(
        "**{}** ({}, {}). {}\n\n",
        latest.decision.label().to_uppercase(),
        escape(&latest.decided_by),
        escape(&latest.date),
        latest.decision.meaning()
    ));
    if part.consultation_required() {
        let asked = match latest.prior_consultation {
            Some(true) => "Kommunen har bedt Datatilsynet om forhåndsdrøftelse.",
            _ => "Det er ikke registrert at Datatilsynet er bedt om forhåndsdrøftelse.",
        };
        out.push_str(&format!(
            "Vurderingen har vært i ledelsen mer enn én gang, restrisikoen er fortsatt i øverste bånd og kommunen ønsker fortsatt plattformen: etter KS kap. 8 må kommunen anmode Datatilsynet om forhåndsdrøftelse og dokumentere at den ikke greier å gjøre risikoen lavere. (Forhåndsdrøftelse er regulert i personvernforordningen art. 36; KS viser ikke til artikkelen.) {asked}\n\n"
        ));
    }
    out.push_str("### Historikk\n\n| Runde | Dato | Beslutning | Besluttet av | Vilkår | Begrunnelse | Ønsker plattformen | Restrisiko i øverste bånd | Forhåndsdrøftelse |\n|---|---|---|---|---|---|---|---|---|\n");
    let yes_no = |b: bool| if b { "ja" } else { "nei" };
    for (i, r) in part.rounds.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            escape(&r.date),
            r.decision.label(),
            escape(&r.decided_by),
            r.conditions
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join("<br>"),
            escape(&r.justification.replace('\n', " ")),
            yes_no(r.wants_platform),
            yes_no(r.residual_top),
            r.prior_consultation
                .map_or("–", |b| if b { "bedt om" } else { "ikke bedt om" }),
        ));
    }
    out
}

/// The state of the whole assessment in five lines, for the reader in a hurry.
fn summary(outcome: &Outcome, library: &Library) -> String {
    let mut out = String::from("## Sammendrag\n\n");
    let decision = match outcome.decision.latest() {
        Some(r) => format!(
            "{} ({}, runde {}). {}",
            r.decision.label(),
            escape(&r.date),
            outcome.decision.rounds.len(),
            r.decision.meaning()
        ),
        None => "ikke behandlet av ledelsen ennå.".to_owned(),
    };
    out.push_str(&format!("- Ledelsens beslutning: {decision}\n"));
    if outcome.decision.consultation_required() {
        out.push_str("- Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36).\n");
    }
    let (done, total) = outcome
        .checklists
        .progress(keys(&library.assessment.groups()));
    out.push_str(&format!(
        "- Vurderingen etter KS-veilederen: {done} av {total} punkter vurdert.\n"
    ));
    let (done, total) = outcome
        .checklists
        .progress(keys(&library.dilemmas.groups()));
    out.push_str(&format!(
        "- Dilemmasjekklistene: {done} av {total} spørsmål besvart.\n"
    ));
    let scored = outcome
        .risk
        .assessments
        .iter()
        .filter_map(RiskAssessment::current)
        .count();
    let top = outcome
        .risk
        .assessments
        .iter()
        .filter_map(RiskAssessment::current)
        .filter(|s| library.scales.is_top(s.value()))
        .count();
    out.push_str(&format!(
        "- Risiko: {scored} risikoer vurdert, {top} i øverste bånd slik de står nå.\n"
    ));
    let chosen = outcome
        .wheel
        .reflections
        .iter()
        .filter(|r| r.choice.is_some())
        .count();
    out.push_str(&format!(
        "- Etisk refleksjon: {} dilemma(er), {chosen} med begrunnet valg.\n\n",
        outcome.wheel.reflections.len()
    ));
    out
}

/// Each reflection: the dilemma, the grid of stances, the notes, the
/// conflicts and the choice with its justification.
fn wheel_section(part: &WheelPart, wheel: &Wheel) -> String {
    let mut out = String::from("## Etisk refleksjon (navigasjonshjulet)\n\n");
    if !wheel.source.trim().is_empty() {
        out.push_str(&format!("Kilde: {}\n\n", escape(&wheel.source)));
    }
    if part.reflections.is_empty() {
        out.push_str("Ingen refleksjoner er gjort.\n");
        return out;
    }
    for (n, r) in part.reflections.iter().enumerate() {
        out.push_str(&format!(
            "### Refleksjon {}: {}\n\n",
            n + 1,
            escape(&r.dilemma)
        ));
        out.push_str("| Dimensjon |");
        for a in &r.alternatives {
            out.push_str(&format!(" {} |", escape(&a.name)));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(r.alternatives.len()));
        out.push('\n');
        for d in &wheel.dimensions {
            out.push_str(&format!("| {} |", escape(&d.name)));
            for a in &r.alternatives {
                let cell = a.stance(&d.id).map_or("ikke vurdert".to_owned(), |s| {
                    format!("{} {}", s.symbol(), s.label())
                });
                out.push_str(&format!(" {cell} |"));
            }
            out.push('\n');
        }
        out.push_str("| **Sum** |");
        for i in 0..r.alternatives.len() {
            let s = r.summary(wheel, i);
            let conflict = if s.is_conflicted() {
                ", i konflikt"
            } else {
                ""
            };
            out.push_str(&format!(
                " {} for, {} mot{conflict} |",
                s.for_.len(),
                s.against.len()
            ));
        }
        out.push_str("\n\n");
        let notes: Vec<String> = r
            .alternatives
            .iter()
            .flat_map(|a| {
                wheel.dimensions.iter().filter_map(move |d| {
                    let note = a
                        .get(&d.id)
                        .map(|x| x.note.trim())
                        .filter(|t| !t.is_empty())?;
                    Some(format!(
                        "- {} / {}: {}",
                        escape(&a.name),
                        escape(&d.name),
                        escape(&note.replace('\n', " "))
                    ))
                })
            })
            .collect();
        if !notes.is_empty() {
            out.push_str("Notater:\n\n");
            out.push_str(&notes.join("\n"));
            out.push_str("\n\n");
        }
        let dividing: Vec<String> = r
            .dividing_dimensions(wheel)
            .iter()
            .filter_map(|id| {
                wheel
                    .dimensions
                    .iter()
                    .find(|d| &d.id == id)
                    .map(|d| escape(&d.name))
            })
            .collect();
        if !dividing.is_empty() {
            out.push_str(&format!(
                "Dimensjoner som skiller alternativene: {}\n\n",
                dividing.join(", ")
            ));
        }
        let or_none = |s: &str, none: &str| {
            if s.trim().is_empty() {
                none.to_owned()
            } else {
                escape(&s.replace('\n', " "))
            }
        };
        out.push_str(&format!(
            "Hensyn som står mot hverandre: {}\n\n",
            or_none(&r.conflicts, "ikke beskrevet")
        ));
        out.push_str(&format!(
            "**Valgt alternativ:** {}\n\n**Begrunnelse:** {}\n\n",
            r.chosen()
                .map_or("ikke valgt".to_owned(), |a| escape(&a.name)),
            or_none(&r.justification, "ikke skrevet")
        ));
    }
    out
}

fn score_text(score: Option<Score>, scales: &Scales) -> String {
    match score.filter(|s| s.is_complete()) {
        None => "–".to_owned(),
        Some(s) => {
            let band = scales
                .band(s.value())
                .map_or(String::new(), |b| format!(" {}", b.name));
            let flag = if scales.is_top(s.value()) { " (!)" } else { "" };
            format!(
                "{}×{} = {}{band}{flag}",
                s.likelihood,
                s.consequence,
                s.value()
            )
        }
    }
}

/// The risk table (inherent, measures, residual, owner, due date) and the matrix as text.
fn risk_section(part: &RiskPart, catalog: &RiskCatalog, scales: &Scales) -> String {
    let mut out = String::from("## Risikovurdering\n\n");
    let risks = catalog.assessable(part);
    let assessed: Vec<(usize, &crate::domain::risk::RiskInfo)> = risks
        .iter()
        .enumerate()
        .filter(|(_, r)| part.get(&r.id).is_some())
        .collect();
    if assessed.is_empty() {
        out.push_str("Ingen risikoer er vurdert.\n");
        return out;
    }
    out.push_str(&format!(
        "Risiko = sannsynlighet (S) × konsekvens (K), 1-5. {}\n\n",
        escape(&scales.source)
    ));
    out.push_str("| Nr | Risiko | Før tiltak | Behandling | Tiltak | Eier | Frist | Etter tiltak | Notat |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for (i, risk) in &assessed {
        let Some(a) = part.get(&risk.id) else {
            continue;
        };
        let measures = |f: fn(&crate::domain::risk::Measure) -> &str| {
            a.measures
                .iter()
                .map(|m| escape(f(m)))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        out.push_str(&format!(
            "| {} | {} ({}) | {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            escape(risk.title),
            escape(risk.group),
            score_text(a.inherent, scales),
            a.treatment.map_or("–", |t| t.label()),
            measures(|m| &m.text),
            measures(|m| &m.owner),
            measures(|m| &m.due),
            score_text(a.residual, scales),
            escape(&a.note.replace('\n', " ")),
        ));
    }
    let flagged: Vec<String> = assessed
        .iter()
        .filter_map(|(i, r)| {
            let a = part.get(&r.id)?;
            let now = a.residual.filter(|s| s.is_complete()).or(a.inherent)?;
            (now.is_complete() && scales.is_top(now.value()))
                .then(|| format!("{} {}", i + 1, escape(r.title)))
        })
        .collect();
    if !flagged.is_empty() {
        let top = scales.bands.last().map_or("", |b| b.name.as_str());
        out.push_str(&format!(
            "\n**I øverste bånd ({top}) etter tiltak:** {}\n",
            flagged.join("; ")
        ));
    }
    out.push_str("\n### Risikomatrise\n\n");
    out.push_str("Tall = risikoens nummer før tiltak, tall med ' = etter tiltak. Bokstaven er båndet, ! er øverste bånd.\n\n```text\n");
    out.push_str(&matrix_text(part, &risks, scales));
    out.push_str("```\n");
    out
}

/// The 5x5 matrix as plain text, likelihood 5 at the top.
pub fn matrix_text(
    part: &RiskPart,
    risks: &[crate::domain::risk::RiskInfo],
    scales: &Scales,
) -> String {
    let points: Vec<_> = matrix_points(risks, part)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let cells: Vec<Vec<String>> = (1..=5u8)
        .rev()
        .map(|l| {
            (1..=5u8)
                .map(|k| {
                    let v = l * k;
                    let initial = scales
                        .band(v)
                        .and_then(|b| b.name.chars().next())
                        .unwrap_or(' ');
                    let flag = if scales.is_top(v) { "!" } else { "" };
                    let markers = cell_markers(&points, l, k).join(",");
                    format!("{initial}{flag} {markers}").trim_end().to_owned()
                })
                .collect()
        })
        .collect();
    let width = cells
        .iter()
        .flatten()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let rule = format!("    +{}\n", format!("{}+", "-".repeat(width + 2)).repeat(5));
    let mut out = String::new();
    out.push_str(&format!(
        "S\\K {}\n",
        (1..=5)
            .map(|k| format!("  {k:<width$} "))
            .collect::<String>()
    ));
    out.push_str(&rule);
    for (row, l) in cells.iter().zip((1..=5).rev()) {
        out.push_str(&format!(" {l}  |"));
        for cell in row {
            out.push_str(&format!(" {cell:<width$} |"));
        }
        out.push('\n');
        out.push_str(&rule);
    }
    out
}

/// Keeps typed text from turning into Markdown structure (tables, headings, HTML).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '|' | '\\' | '<' | '>' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Participant, Role};

    #[test]
    fn report_lists_metadata_participants_and_notes() {
        let mut o = Outcome::new(
            "id-1".into(),
            "Skolens Instagram".into(),
            "2026-11-23T08:00:00Z".into(),
        );
        o.municipality = "Meråker".into();
        o.platforms = vec!["Instagram".into(), "Facebook".into()];
        o.participants = vec![Participant {
            role: Role::Personvernombud,
            name: "Kari".into(),
        }];
        o.notes = "Første linje\n| ikke en tabell |".into();
        let md = to_markdown(&o, &Library::default());
        assert!(md.starts_with("# Skolens Instagram\n"));
        assert!(md.contains("| Kommune | Meråker |"));
        assert!(md.contains("| Plattformer | Instagram, Facebook |"));
        assert!(md.contains("| personvernombud | Kari |"));
        assert!(md.contains("\\| ikke en tabell \\|"));
    }
}
