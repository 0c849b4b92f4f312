//! Vurdering's second view: what is still missing, management's decision
//! with the rule on prior consultation, and every round so far.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::decision::{
    Decision, DecisionRound, PlatformDecision, prior_consultation_required,
};
use crate::domain::{Outcome, date, rules};
use crate::ui::form::{Choice, Field, Form, FormSpec};
use crate::ui::overlay::{Confirm, Overlay};
use crate::ui::screen::{Ctx, Effect};
use crate::ui::strings;
use crate::ui::theme::Theme;
use crate::ui::widgets::{Scroll, panel};

/// Draws the decision view: the rule and what is missing on the left, the
/// rounds on the right. Both panes scroll together.
pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx, decide_key: &str, scroll: &mut Scroll) {
    let theme = ctx.theme;
    let library = ctx.library;
    let Some(outcome) = ctx.outcome else {
        frame.render_widget(
            Paragraph::new(Line::styled(strings::NO_OUTCOME, theme.error))
                .wrap(Wrap { trim: true })
                .block(panel("Beslutning", true, theme)),
            area,
        );
        return;
    };
    let [status_area, history_area] = area.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Percentage(50),
    ]));
    // The rule first: it is what management most needs to see.
    let mut lines: Vec<Line> = rules::rule_text(outcome, &library.scales)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::default());
    for g in &library.assessment.groups() {
        let (done, total) = outcome.checklists.progress(g.keys());
        let mark = if done == total { "✓" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} {done:>2}/{total:<2} "), theme.label),
            Span::raw(g.title.to_owned()),
        ]));
    }
    lines.push(Line::default());
    let missing = rules::missing(
        outcome,
        &library.assessment,
        &library.dilemmas,
        &library.risks,
    );
    if missing.is_empty() {
        lines.push(Line::styled(
            "Alt er vurdert: klart for ledelsens beslutning.",
            theme.title,
        ));
    } else {
        lines.push(Line::styled("Mangler før beslutning:", theme.error));
        lines.extend(missing.into_iter().map(|m| Line::raw(format!("• {m}"))));
    }
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
    let status = Paragraph::new(lines).wrap(Wrap { trim: false });
    let history = Paragraph::new(history).wrap(Wrap { trim: false });
    let inner = |a: Rect| a.width.saturating_sub(2);
    let longest = status
        .line_count(inner(status_area))
        .max(history.line_count(inner(history_area)));
    scroll.clamp(longest, status_area.height.saturating_sub(2));
    let at = (scroll.offset, 0);
    frame.render_widget(
        status
            .scroll(at)
            .block(panel("Status for vurderingen", true, theme)),
        status_area,
    );
    frame.render_widget(
        history
            .scroll(at)
            .block(panel("Ledelsens beslutning og historikk", false, theme)),
        history_area,
    );
}

fn round_lines(n: usize, r: &DecisionRound, theme: &Theme) -> Text<'static> {
    let apart = r.decided_apart();
    let overall = if apart.is_empty() { "" } else { "samlet: " };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Runde {n} · {} · {overall}", r.date), theme.label),
        Span::styled(r.decision.label().to_uppercase(), theme.title),
    ])];
    for p in apart {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}: ", p.platform), theme.label),
            Span::styled(p.decision.label().to_uppercase(), theme.title),
        ]));
    }
    if apart.is_empty() {
        lines.push(Line::styled(r.decision.meaning(), theme.dim));
    }
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
    for c in r.corrections.iter().rev() {
        lines.push(Line::styled(
            format!(
                "Korrigert {}: sto før som {} ({}, {}): {}",
                date::day_of(&c.corrected),
                c.decision.label(),
                c.date,
                c.decided_by,
                c.justification
            ),
            theme.dim,
        ));
    }
    Text::from(lines)
}

const DECISION: &str = "beslutning";
const CONDITIONS: &str = "vilkar";
const JUSTIFICATION: &str = "begrunnelse";
const DECIDED_BY: &str = "besluttet-av";
const DATE: &str = "dato";
const WANTS: &str = "onsker";
const CONSULTATION: &str = "forhandsdroftelse";

/// One decision field per listed platform; an outcome lists at most this many.
const PLATFORM_KEYS: [&str; 12] = [
    "plattform-1",
    "plattform-2",
    "plattform-3",
    "plattform-4",
    "plattform-5",
    "plattform-6",
    "plattform-7",
    "plattform-8",
    "plattform-9",
    "plattform-10",
    "plattform-11",
    "plattform-12",
];

/// The platforms the form asks a decision for, one each: all of them when
/// there are two or more; with one, its decision is the decision.
fn asked_apart(outcome: &Outcome) -> &[String] {
    if outcome.platforms.len() > 1 {
        &outcome.platforms
    } else {
        &[]
    }
}

const YES_NO: [&str; 2] = ["ja", "nei"];

fn yes_no(value: Option<bool>) -> Option<usize> {
    value.map(|v| if v { 0 } else { 1 })
}

/// The decision form: a new round, or the latest round to correct.
pub fn decision_form(ctx: &Ctx, spec: DecisionSpec) -> Form {
    let latest = ctx
        .outcome
        .and_then(|o| o.decision.latest())
        .filter(|_| spec.correct);
    let today = ctx.now.today.clone();
    let decisions = Decision::ALL.map(Decision::label);
    let text = |f: fn(&DecisionRound) -> String| latest.map(f).unwrap_or_default();
    let heading = if spec.correct {
        "Korriger siste runde"
    } else {
        "Ledelsens beslutning"
    };
    let position = |d: Decision| Decision::ALL.iter().position(|x| *x == d);
    // One platform: its decision is the decision. Several: one each.
    let platforms = ctx.outcome.map_or(&[][..], asked_apart);
    let mut fields = vec![if platforms.is_empty() {
        Field::choice(
            DECISION,
            "Beslutning",
            "Velg med ←/→: godkjent, betinget godkjent eller ikke godkjent.",
            Choice::new(decisions, latest.and_then(|r| position(r.decision))),
        )
    } else {
        Field::choice(
            DECISION,
            "Samlet beslutning",
            "Vedtaket for vurderingen som helhet. Kan stå tomt når alle plattformene får samme beslutning.",
            Choice::new(decisions, latest.and_then(|r| position(r.decision))),
        )
    }];
    for (name, key) in platforms.iter().zip(PLATFORM_KEYS) {
        fields.push(Field::choice(
            key,
            &format!("Beslutning for {name}"),
            "Velg med ←/→: godkjent, betinget godkjent eller ikke godkjent for denne plattformen.",
            Choice::new(
                decisions,
                latest.and_then(|r| r.decision_for(name)).and_then(position),
            ),
        ));
    }
    fields.extend([

            Field::multi(
                CONDITIONS,
                "Vilkår",
                "Ved betinget godkjenning: ett vilkår per linje. Ctrl-S lagrer.",
                &text(|r| r.conditions.join("\n")),
            ),
            Field::multi(
                JUSTIFICATION,
                "Begrunnelse",
                "Ledelsen begrunner beslutningen (KS kap. 8). Ctrl-S lagrer.",
                &text(|r| r.justification.clone()),
            ),
            Field::single(
                DECIDED_BY,
                "Besluttet av",
                "Rollen som besluttet, f.eks. kommunedirektør eller ledergruppen.",
                &text(|r| r.decided_by.clone()),
            ),
            Field::date(
                DATE,
                "Dato",
                "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
                &latest.map_or(today, |r| r.date.clone()),
            ),
            Field::choice(
                WANTS,
                "Ønsker fortsatt plattformen",
                "Ønsker kommunen fortsatt å bruke plattformen? Velg ja eller nei med ←/→.",
                Choice::new(YES_NO, latest.and_then(|r| yes_no(Some(r.wants_platform)))),
            ),
            Field::choice(
                CONSULTATION,
                "Forhåndsdrøftelse bedt om",
                "Er Datatilsynet bedt om forhåndsdrøftelse? Kan stå tomt (gjelder fra runde 2 med høy restrisiko).",
                Choice::new(YES_NO, latest.and_then(|r| yes_no(r.prior_consultation))),
            ),
    ]);
    Form::new(heading, fields, spec)
}

/// Recording a round of management's decision, or correcting the latest.
#[derive(Debug, Clone, Copy)]
pub struct DecisionSpec {
    correct: bool,
}

impl DecisionSpec {
    pub fn new_round() -> Self {
        DecisionSpec { correct: false }
    }

    pub fn correction() -> Self {
        DecisionSpec { correct: true }
    }
}

impl FormSpec for DecisionSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let outcome = ctx.outcome.ok_or(strings::NO_OUTCOME)?;
        if outcome.platforms.len() > PLATFORM_KEYS.len() {
            return Err(format!(
                "Økta har {} plattformer; beslutningen kan registreres for høyst {}.",
                outcome.platforms.len(),
                PLATFORM_KEYS.len()
            ));
        }
        let picked = |key: &str| form.choice(key).and_then(|i| Decision::ALL.get(i).copied());
        let mut platforms = Vec::new();
        for (name, key) in asked_apart(outcome).iter().zip(PLATFORM_KEYS) {
            let decision = picked(key).ok_or_else(|| {
                format!(
                    "Velg beslutningen for {name}: godkjent, betinget godkjent eller ikke godkjent."
                )
            })?;
            platforms.push(PlatformDecision {
                platform: name.clone(),
                decision,
            });
        }
        let all_same = platforms
            .first()
            .map(|first| first.decision)
            .filter(|d| platforms.iter().all(|p| p.decision == *d));
        let decision = picked(DECISION)
            .or(all_same)
            .ok_or(if platforms.is_empty() {
                "Velg beslutningen: godkjent, betinget godkjent eller ikke godkjent."
            } else {
                "Plattformene har fått ulike beslutninger: velg også den samlede beslutningen."
            })?;
        if let [only] = outcome.platforms.as_slice() {
            platforms.push(PlatformDecision {
                platform: only.clone(),
                decision,
            });
        }
        let conditions: Vec<String> = form
            .text(CONDITIONS)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let conditional = decision == Decision::BetingetGodkjent
            || platforms
                .iter()
                .any(|p| p.decision == Decision::BetingetGodkjent);
        if conditional && conditions.is_empty() {
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
        let date = form.date(DATE)?;
        if date.is_empty() {
            return Err("Skriv datoen for beslutningen.".to_owned());
        }
        let wants_platform = match form.choice(WANTS) {
            Some(0) => true,
            Some(_) => false,
            None => {
                return Err(
                    "Velg ja eller nei: ønsker kommunen fortsatt å bruke plattformen?".to_owned(),
                );
            }
        };
        let prior_consultation = form.choice(CONSULTATION).map(|i| i == 0);
        let residual_top = outcome.risk.any_in_top_band(&ctx.library.scales);
        let rounds = outcome.decision.rounds.len();
        let number = if self.correct { rounds } else { rounds + 1 };
        let required = prior_consultation_required(number, residual_top, wants_platform);
        let round = DecisionRound {
            decision,
            conditions,
            justification,
            decided_by,
            date,
            wants_platform,
            residual_top,
            prior_consultation: if required {
                prior_consultation.or(Some(false))
            } else {
                prior_consultation
            },
            platforms,
            corrections: Vec::new(),
        };
        let told = if required {
            Effect::Error("Registrert. Regelen slår til: Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36).".into())
        } else if self.correct {
            Effect::Info(format!(
                "Runde {number} er korrigert; det som sto før er beholdt."
            ))
        } else {
            Effect::Info(format!("Beslutningen er registrert som runde {number}."))
        };
        if self.correct {
            if rounds == 0 {
                return Err("Det er ingen runde å korrigere ennå.".to_owned());
            }
            let now = ctx.now.stamp.clone();
            return Ok(Effect::Many(vec![
                Effect::edit(format!("korrigert runde {number}"), move |o| {
                    if let Some(last) = o.decision.rounds.last_mut() {
                        last.correct(round, now);
                    }
                }),
                told,
            ]));
        }
        let record = Effect::Many(vec![
            Effect::edit(format!("beslutning, runde {number}"), move |o| {
                o.decision.rounds.push(round);
            }),
            told,
        ]);
        let missing = rules::missing(
            outcome,
            &ctx.library.assessment,
            &ctx.library.dilemmas,
            &ctx.library.risks,
        );
        if missing.is_empty() {
            return Ok(record);
        }
        // A deliberate record: name what is missing and ask, keeping the form open.
        Ok(Effect::push(Overlay::Confirm(Confirm {
            question: format!(
                "Vurderingen er ikke ferdig: {}. Registrere beslutningen likevel?",
                missing.join("; ")
            ),
            on_yes: Some(Box::new(Effect::Many(vec![Effect::Pop, record]))),
        })))
    }
}
