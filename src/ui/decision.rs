//! Vurdering's second view: what is still missing, management's decision
//! with the rule on prior consultation, and every round so far.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::content::Library;
use crate::domain::Outcome;
use crate::domain::checklist::{Decision, DecisionRound, prior_consultation_required};
use crate::ui::checklist::{assessment_groups, dilemma_groups, keys};
use crate::ui::form::{Field, Form, FormKind};
use crate::ui::theme::Theme;

/// What is still missing before management decides.
pub fn missing(outcome: &Outcome, library: &Library) -> Vec<String> {
    let mut out = Vec::new();
    let assessment = assessment_groups(library);
    let unassessed: Vec<&str> = keys(&assessment)
        .filter(|k| !outcome.checklists.status(k).is_assessed())
        .collect();
    if !unassessed.is_empty() {
        out.push(format!(
            "{} punkter i vurderingen er ikke vurdert",
            unassessed.len()
        ));
    }
    let dilemmas = dilemma_groups(library);
    let (done, total) = outcome.checklists.progress(keys(&dilemmas));
    if done < total {
        out.push(format!(
            "dilemmasjekklistene: {done} av {total} spørsmål besvart"
        ));
    }
    let risks = library.risks.assessable(&outcome.risk);
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
        let title = risks
            .iter()
            .find(|r| r.id == a.risk)
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
pub fn rule_text(outcome: &Outcome, library: &Library) -> Vec<String> {
    let rounds = outcome.decision.rounds.len();
    let top_now = outcome.risk.any_in_top_band(&library.scales);
    let top_name = library
        .scales
        .bands
        .last()
        .map_or("øverste", |b| b.name.as_str());
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

pub fn render(
    frame: &mut Frame,
    area: Rect,
    outcome: Option<&Outcome>,
    library: &Library,
    decide_key: &str,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let Some(outcome) = outcome else {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Ingen økt er åpen: åpne en under Økter.",
                theme.error,
            ))
            .block(Block::bordered().title(Line::styled(" Beslutning ", theme.title))),
            area,
        );
        return 0;
    };
    let [status_area, history_area] = area.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Percentage(50),
    ]));
    // The rule first: it is what management most needs to see.
    let mut lines: Vec<Line> = rule_text(outcome, library)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::default());
    let assessment = assessment_groups(library);
    for g in &assessment {
        let (done, total) = outcome
            .checklists
            .progress(g.questions.iter().map(|(_, k)| k.as_str()));
        let mark = if done == total { "✓" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} {done:>2}/{total:<2} "), theme.label),
            Span::raw(g.title.clone()),
        ]));
    }
    lines.push(Line::default());
    let missing = missing(outcome, library);
    if missing.is_empty() {
        lines.push(Line::styled(
            "Alt er vurdert: klart for ledelsens beslutning.",
            theme.title,
        ));
    } else {
        lines.push(Line::styled("Mangler før beslutning:", theme.error));
        lines.extend(missing.into_iter().map(|m| Line::raw(format!("• {m}"))));
    }
    // Each pane scrolls no further than its own last line, so neither goes blank.
    let status_last = (lines.len() as u16).saturating_sub(1);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(status_last), 0))
            .block(
                Block::bordered()
                    .title(Line::styled(" Status for vurderingen ", theme.title))
                    .border_style(theme.border_focus),
            ),
        status_area,
    );

    let mut history: Vec<Line> = Vec::new();
    if outcome.decision.rounds.is_empty() {
        history.push(Line::styled(
            format!(
                "Ingen beslutning ennå. Trykk {decide_key} for å registrere ledelsens beslutning."
            ),
            theme.dim,
        ));
    }
    for (i, round) in outcome.decision.rounds.iter().enumerate().rev() {
        history.extend(round_lines(i + 1, round, theme).lines);
        history.push(Line::default());
    }
    let history_last = (history.len() as u16).saturating_sub(1);
    frame.render_widget(
        Paragraph::new(history)
            .scroll((scroll.min(history_last), 0))
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(Line::styled(
                        " Ledelsens beslutning og historikk ",
                        theme.title,
                    ))
                    .border_style(theme.border),
            ),
        history_area,
    );
    status_last.max(history_last)
}

fn round_lines(n: usize, r: &DecisionRound, theme: &Theme) -> Text<'static> {
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Runde {n} · {} · ", r.date), theme.label),
        Span::styled(r.decision.label().to_uppercase(), theme.title),
    ])];
    lines.push(Line::styled(r.decision.meaning(), theme.dim));
    lines.push(Line::raw(format!("Besluttet av: {}", r.decided_by)));
    for c in &r.conditions {
        lines.push(Line::raw(format!("Vilkår: {c}")));
    }
    lines.push(Line::raw(format!("Begrunnelse: {}", r.justification)));
    if let Some(asked) = r.prior_consultation {
        lines.push(Line::raw(format!(
            "Forhåndsdrøftelse med Datatilsynet: {}",
            if asked { "bedt om" } else { "ikke bedt om" }
        )));
    }
    Text::from(lines)
}

const DECISION: &str = "Beslutning";
const CONDITIONS: &str = "Vilkår";
const JUSTIFICATION: &str = "Begrunnelse";
const DECIDED_BY: &str = "Besluttet av";
const DATE: &str = "Dato";
const WANTS: &str = "Ønsker fortsatt";
const CONSULTATION: &str = "Forhåndsdr.";

pub fn decision_form(today: &str) -> Form {
    Form::new(
        FormKind::Decision,
        " Ledelsens beslutning ",
        vec![
            Field::single(
                DECISION,
                "godkjent, betinget godkjent eller ikke godkjent",
                "",
            ),
            Field::multi(
                CONDITIONS,
                "Ved betinget godkjenning: ett vilkår per linje.",
                "",
            ),
            Field::multi(
                JUSTIFICATION,
                "Ledelsen begrunner beslutningen (KS kap. 8).",
                "",
            ),
            Field::single(
                DECIDED_BY,
                "Rollen som besluttet, f.eks. kommunedirektør eller ledergruppen.",
                "",
            ),
            Field::single(DATE, "ÅÅÅÅ-MM-DD", today),
            Field::single(
                WANTS,
                "Ønsker kommunen fortsatt å bruke plattformen? ja eller nei.",
                "ja",
            ),
            Field::single(
                CONSULTATION,
                "Er Datatilsynet bedt om forhåndsdrøftelse? ja, nei eller tomt (gjelder fra runde 2 med høy restrisiko).",
                "",
            ),
        ],
    )
}

/// The parsed decision form; `residual_top` and the rule are the app's.
pub struct DecisionValues {
    pub decision: Decision,
    pub conditions: Vec<String>,
    pub justification: String,
    pub decided_by: String,
    pub date: String,
    pub wants_platform: bool,
    pub prior_consultation: Option<bool>,
}

fn yes_no(text: &str) -> Result<Option<bool>, ()> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "ja" | "j" | "yes" | "y" => Ok(Some(true)),
        "nei" | "n" | "no" => Ok(Some(false)),
        _ => Err(()),
    }
}

impl DecisionValues {
    pub fn read(form: &Form) -> Result<Self, String> {
        let decision = Decision::parse(&form.text(DECISION))
            .ok_or("Skriv godkjent, betinget godkjent eller ikke godkjent.")?;
        let conditions: Vec<String> = form
            .text(CONDITIONS)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if decision == Decision::BetingetGodkjent && conditions.is_empty() {
            return Err("En betinget godkjenning trenger minst ett vilkår.".to_owned());
        }
        let justification = form.text(JUSTIFICATION).trim().to_owned();
        if justification.is_empty() {
            return Err("Ledelsen må begrunne beslutningen.".to_owned());
        }
        let decided_by = form.text(DECIDED_BY).trim().to_owned();
        if decided_by.is_empty() {
            return Err("Skriv hvem (rolle) som besluttet.".to_owned());
        }
        let date = form.text(DATE).trim().to_owned();
        let wants_platform = yes_no(&form.text(WANTS))
            .map_err(|()| {
                "Svar ja eller nei på om kommunen fortsatt ønsker plattformen.".to_owned()
            })?
            .unwrap_or(true);
        let prior_consultation = yes_no(&form.text(CONSULTATION))
            .map_err(|()| "Svar ja, nei eller la forhåndsdrøftelse stå tomt.".to_owned())?;
        Ok(DecisionValues {
            decision,
            conditions,
            justification,
            decided_by,
            date,
            wants_platform,
            prior_consultation,
        })
    }

    /// The round to record, given how many came before and the risk now.
    pub fn into_round(self, earlier_rounds: usize, residual_top: bool) -> DecisionRound {
        let required =
            prior_consultation_required(earlier_rounds + 1, residual_top, self.wants_platform);
        DecisionRound {
            decision: self.decision,
            conditions: self.conditions,
            justification: self.justification,
            decided_by: self.decided_by,
            date: self.date,
            wants_platform: self.wants_platform,
            residual_top,
            prior_consultation: if required {
                self.prior_consultation.or(Some(false))
            } else {
                self.prior_consultation
            },
        }
    }
}
