//! Vurdering's second view: what is still missing, management's decision
//! with the rule on prior consultation, and every round so far.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::content::Library;
use crate::domain::change::Change;
use crate::domain::decision::{CorrectedBy, Decision, DecisionRound, Reading, asked_text};
use crate::domain::platform::PlatformName;
use crate::domain::rules::{DecisionDraft, PlatformDraft};
use crate::domain::words::Words;
use crate::domain::{Outcome, date, rules};
use crate::ui::form::{ChoiceKey, DateKey, Field, Form, OnSubmit, TextKey, YES_NO, yes_no_label};
use crate::ui::overlay::Confirm;
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
            Paragraph::new(Line::styled(strings::no_outcome(ctx.keymap), theme.error))
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
    // A decision to be assessed again first, then the rule: they are what
    // management most needs to see.
    let mut lines: Vec<Line> =
        crate::ui::ground::lines(outcome, library, None, ctx.now.today, theme);
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    // Voices that kept their own score (issue 24): beside the decision.
    let dissents = crate::ui::votes::dissent_lines(ctx, outcome);
    if !dissents.is_empty() {
        lines.extend(dissents.into_iter().map(|d| Line::styled(d, theme.error)));
        lines.push(Line::default());
    }
    lines.extend(
        rules::rule_text(outcome, &library.scales, &Words::bokmal())
            .into_iter()
            .map(Line::raw),
    );
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
        &Words::bokmal(),
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
    // What changed since the latest round or its review, for the review
    // (issue 25), then the rounds, each with its reviews, newest first.
    let rounds = outcome.decision.rounds.len();
    if rounds > 0 {
        let changes = library.changes_since(outcome, ctx.now.today);
        let review_key = ctx.key(
            crate::keymap::Context::Checklist,
            crate::action::Action::Review,
        );
        if changes.is_empty() {
            history.push(Line::styled(
                format!("Ingenting er endret siden runde {rounds} ({review_key} gjennomgår)."),
                theme.dim,
            ));
        } else {
            history.push(Line::styled(
                format!("Endret siden runde {rounds} ({review_key} gjennomgår):"),
                theme.label,
            ));
            history.extend(changes.into_iter().map(|c| Line::raw(format!("• {c}"))));
        }
        history.push(Line::default());
    }
    for (i, round) in outcome.decision.rounds.iter().enumerate().rev() {
        for review in outcome
            .decision
            .reviews
            .iter()
            .rev()
            .filter(|r| r.round == i + 1)
        {
            history.extend(review_lines(review, theme));
            history.push(Line::default());
        }
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

/// A review of a round: when, by whom, material or not, what had changed
/// and whether the measures worked.
fn review_lines(r: &crate::domain::ground::Review, theme: &Theme) -> Vec<Line<'static>> {
    let verdict = if r.material {
        "vesentlig endring: ny beslutning trengs"
    } else {
        "ikke vesentlig: beslutningen står"
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "Gjennomgang av runde {} · {} · ",
                r.round,
                date::show(r.date)
            ),
            theme.label,
        ),
        Span::styled(verdict, if r.material { theme.error } else { theme.title }),
    ])];
    if !r.by.is_empty() {
        lines.push(Line::raw(format!("Gjennomgått av: {}", r.by)));
    }
    if r.changes.is_empty() {
        lines.push(Line::styled("Ingenting var endret.", theme.dim));
    }
    lines.extend(r.changes.iter().map(|c| Line::raw(format!("• {c}"))));
    lines.extend(
        r.measures
            .iter()
            .map(|m| Line::raw(format!("Virket «{}»: {}", m.text, m.worked.label()))),
    );
    if !r.note.is_empty() {
        lines.push(Line::raw(format!("Merknad: {}", r.note)));
    }
    lines
}

fn round_lines(n: usize, r: &DecisionRound, theme: &Theme) -> Text<'static> {
    let apart = r.decided_apart();
    let overall = if apart.is_empty() { "" } else { "samlet: " };
    let date = r
        .date
        .map_or_else(|| "dato mangler".to_owned(), |d| d.to_string());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Runde {n} · {date} · {overall}"), theme.label),
        Span::styled(r.decision.label().to_uppercase(), theme.title),
    ])];
    let yes_no = |v: bool| if v { "ja" } else { "nei" };
    for p in apart {
        let name = p.platform.as_str();
        lines.push(Line::from(vec![
            Span::styled(format!("  {name}: "), theme.label),
            Span::styled(p.decision.label().to_uppercase(), theme.title),
            Span::styled(
                format!(
                    " · ønskes: {} · forhåndsdrøftelse: {}",
                    yes_no(r.wants(Some(name))),
                    asked_text(r.asked(Some(name)))
                ),
                theme.dim,
            ),
        ]));
        for c in &p.conditions {
            lines.push(Line::raw(format!("    Vilkår: {c}")));
        }
    }
    if r.computed_the_old_way() {
        lines.push(Line::styled(
            "Registrert før hver plattform ble vurdert for seg: flagget for øverste bånd gjaldt de felles skårene.",
            theme.dim,
        ));
    }
    if apart.is_empty() {
        lines.push(Line::styled(r.decision.meaning(), theme.dim));
    }
    lines.push(Line::raw(format!("Besluttet av: {}", r.decided_by)));
    for c in &r.conditions {
        lines.push(Line::raw(format!("Vilkår: {c}")));
    }
    lines.push(Line::raw(format!("Begrunnelse: {}", r.justification)));
    if let Some(asked) = r.prior_consultation.filter(|_| apart.is_empty()) {
        lines.push(Line::raw(format!(
            "Forhåndsdrøftelse med Datatilsynet: {}",
            if asked { "bedt om" } else { "ikke bedt om" }
        )));
    }
    if !r.note.trim().is_empty() {
        lines.push(Line::styled(format!("Merknad: {}", r.note), theme.dim));
    }
    for c in r.corrections.iter().rev() {
        if c.changes.is_empty() {
            // Corrected before format 5: only what the round said before.
            lines.push(Line::styled(
                format!(
                    "Korrigert {}: sto før som {} ({}, {}): {}",
                    date::day_of(c.corrected),
                    c.decision.label(),
                    date::show(c.date),
                    c.decided_by,
                    c.justification
                ),
                theme.dim,
            ));
            continue;
        }
        lines.push(Line::styled(
            format!(
                "Korrigert {} av {}: {}",
                date::day_of(c.corrected),
                c.corrected_by,
                c.reason
            ),
            theme.dim,
        ));
        lines.extend(
            c.changes
                .iter()
                .map(|f| Line::styled(format!("  {f}"), theme.dim)),
        );
    }
    Text::from(lines)
}

const DECISION: ChoiceKey<Decision> = ChoiceKey::new("beslutning", Decision::ALL);
const CONDITIONS: TextKey = TextKey::new("vilkar");
const JUSTIFICATION: TextKey = TextKey::new("begrunnelse");
const DECIDED_BY: TextKey = TextKey::new("besluttet-av");
const DATE: DateKey = DateKey::new("dato");
const WANTS: ChoiceKey<bool> = ChoiceKey::new("onsker", YES_NO);
const CONSULTATION: ChoiceKey<bool> = ChoiceKey::new("forhandsdroftelse", YES_NO);
const CORRECTED_BY: TextKey = TextKey::new("korrigert-av");
const READING: ChoiceKey<Reading> = ChoiceKey::new("lesing", Reading::ALL);
const REASON: TextKey = TextKey::new("grunn");

/// The keys of platform `i`'s fields: its decision, conditions, wish and
/// whether Datatilsynet was asked; made for as many platforms as are listed.
struct PlatformKeys {
    decision: ChoiceKey<Decision>,
    conditions: TextKey,
    wants: ChoiceKey<bool>,
    consultation: ChoiceKey<bool>,
}

fn platform_keys(i: usize) -> PlatformKeys {
    PlatformKeys {
        decision: ChoiceKey::owned(format!("{}-{i}", DECISION.name), Decision::ALL.to_vec()),
        conditions: TextKey(format!("{}-{i}", CONDITIONS.0).into()),
        wants: ChoiceKey::owned(format!("{}-{i}", WANTS.name), YES_NO.to_vec()),
        consultation: ChoiceKey::owned(format!("{}-{i}", CONSULTATION.name), YES_NO.to_vec()),
    }
}

/// The platforms the form asks about one by one: all of them when there
/// are two or more; with one, its decision is the decision.
fn asked_apart(outcome: &Outcome) -> &[PlatformName] {
    if outcome.platforms.len() > 1 {
        &outcome.platforms
    } else {
        &[]
    }
}

fn decision_label(d: &Decision) -> String {
    d.label().to_owned()
}

fn lines(items: &[String]) -> String {
    items.join("\n")
}

fn read_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The decision form: a new round, or the latest round to correct.
pub fn decision_form(ctx: &Ctx, spec: DecisionSpec) -> Form {
    let latest = ctx
        .outcome
        .and_then(|o| o.decision.latest())
        .filter(|_| spec.correct);
    let heading = if spec.correct {
        "Korriger siste runde"
    } else {
        "Ledelsens beslutning"
    };
    // One platform: its decision is the decision. Several: one each.
    let platforms = ctx.outcome.map_or(&[][..], asked_apart);
    let mut fields = Vec::new();
    if spec.correct {
        fields.extend(correction_fields());
    }
    fields.extend(decision_fields(platforms.is_empty(), latest));
    for (i, name) in platforms.iter().enumerate() {
        fields.extend(platform_fields(i, name, latest));
    }
    let text = |f: fn(&DecisionRound) -> String| latest.map(f).unwrap_or_default();
    fields.extend([
        Field::multi(
            &JUSTIFICATION,
            "Begrunnelse",
            "Ledelsen begrunner beslutningen (KS kap. 8).",
            &text(|r| r.justification.clone()),
        ),
        Field::single(
            &DECIDED_BY,
            "Besluttet av",
            "Rollen som besluttet, f.eks. kommunedirektør eller ledergruppen.",
            &text(|r| r.decided_by.clone()),
        ),
        Field::date(
            &DATE,
            "Dato",
            "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
            &date::show(latest.map_or(Some(ctx.now.today), |r| r.date)),
        ),
    ]);
    if platforms.is_empty() {
        fields.extend(wish_fields(latest));
    }
    fields.push(
        // The sources read the rule on prior consultation differently
        // (KS ch. 8 counts the rounds; Datatilsynet does not): the round
        // records which reading management applied.
        Field::choice(
            &READING,
            "Forhåndsdrøftelse lest etter",
            "Hvilken lesing av regelen ledelsen la til grunn (se over). Kan stå tomt.",
            |r| r.label().to_owned(),
            latest.and_then(|r| r.reading.as_ref()),
        ),
    );
    Form::new(heading, fields, spec).with_about(ground(ctx))
}

/// What the decision rests on, above its fields: the rule on prior
/// consultation per platform, and how much is still missing.
fn ground(ctx: &Ctx) -> Vec<String> {
    let Some(outcome) = ctx.outcome else {
        return Vec::new();
    };
    let library = ctx.library;
    let mut about = crate::ui::votes::dissent_lines(ctx, outcome);
    about.extend(rules::rule_text(outcome, &library.scales, &Words::bokmal()));
    let missing = rules::missing(
        outcome,
        &library.assessment,
        &library.dilemmas,
        &library.risks,
        &Words::bokmal(),
    )
    .len();
    about.push(match missing {
        0 => "Alt er vurdert.".to_owned(),
        n => format!("{n} punkt mangler før beslutning (listet bak skjemaet)."),
    });
    about
}

/// Who corrects the round and why: both are kept with the correction.
fn correction_fields() -> [Field; 2] {
    [
        Field::single(
            &CORRECTED_BY,
            "Korrigert av",
            "Hvem retter runden (navn eller rolle)?",
            "",
        ),
        Field::single(
            &REASON,
            "Hvorfor korrigert",
            "Kort: hva var feil i det som ble registrert?",
            "",
        ),
    ]
}

/// The decision, with its conditions when there is one decision for all;
/// with several platforms, the overall decision (which may stay empty).
fn decision_fields(single: bool, latest: Option<&DecisionRound>) -> Vec<Field> {
    let chosen = latest.map(|r| &r.decision);
    if !single {
        return vec![Field::choice(
            &DECISION,
            "Samlet beslutning",
            "Kan stå tomt: betinget når en plattform er betinget godkjent, godkjent når en er godkjent, ellers ikke godkjent.",
            decision_label,
            chosen,
        )];
    }
    vec![
        Field::choice(
            &DECISION,
            "Beslutning",
            "Velg med ←/→: godkjent, betinget godkjent eller ikke godkjent.",
            decision_label,
            chosen,
        ),
        Field::multi(
            &CONDITIONS,
            "Vilkår",
            "Ved betinget godkjenning: ett vilkår per linje.",
            &latest.map_or(String::new(), |r| lines(&r.conditions)),
        ),
    ]
}

/// Platform `i`'s decision, conditions, wish and prior consultation.
fn platform_fields(i: usize, name: &PlatformName, latest: Option<&DecisionRound>) -> [Field; 4] {
    let own = latest.and_then(|r| r.platform(name));
    let keys = platform_keys(i);
    [
        Field::choice(
            &keys.decision,
            &format!("Beslutning for {name}"),
            "Velg med ←/→: godkjent, betinget godkjent eller ikke godkjent for denne plattformen.",
            decision_label,
            latest.and_then(|r| r.decision_for(name)).as_ref(),
        ),
        Field::multi(
            &keys.conditions,
            &format!("Vilkår for {name}"),
            "Ved betinget godkjenning av plattformen: ett vilkår per linje.",
            &own.map_or(String::new(), |p| lines(&p.conditions)),
        ),
        Field::choice(
            &keys.wants,
            &format!("Ønsker fortsatt {name}"),
            "Ønsker kommunen fortsatt å bruke plattformen? Velg ja eller nei med ←/→.",
            yes_no_label,
            latest.map(|r| r.wants(Some(name))).as_ref(),
        ),
        Field::choice(
            &keys.consultation,
            &format!("Forhåndsdrøftelse for {name} bedt om"),
            "Er Datatilsynet bedt om forhåndsdrøftelse for plattformen? Kan stå tomt (gjelder fra runde 2 med høy restrisiko).",
            yes_no_label,
            latest.and_then(|r| r.asked(Some(name))).as_ref(),
        ),
    ]
}

/// With one decision for all: still wanted, and Datatilsynet asked.
fn wish_fields(latest: Option<&DecisionRound>) -> [Field; 2] {
    [
        Field::choice(
            &WANTS,
            "Ønsker fortsatt plattformen",
            "Ønsker kommunen fortsatt å bruke plattformen? Velg ja eller nei med ←/→.",
            yes_no_label,
            latest.map(|r| &r.wants_platform),
        ),
        Field::choice(
            &CONSULTATION,
            "Forhåndsdrøftelse bedt om",
            "Er Datatilsynet bedt om forhåndsdrøftelse? Kan stå tomt (gjelder fra runde 2 med høy restrisiko).",
            yes_no_label,
            latest.and_then(|r| r.prior_consultation.as_ref()),
        ),
    ]
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

    /// The form as a draft round, for the domain to check, with what it
    /// rests on as the library says now.
    fn draft(form: &Form, outcome: &Outcome, library: &Library) -> Result<DecisionDraft, String> {
        let platforms = asked_apart(outcome)
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let keys = platform_keys(i);
                PlatformDraft {
                    platform: name.clone(),
                    decision: form.choice(&keys.decision),
                    conditions: read_lines(&form.text(&keys.conditions)),
                    wants_platform: form.choice(&keys.wants),
                    prior_consultation: form.choice(&keys.consultation),
                }
            })
            .collect();
        Ok(DecisionDraft {
            overall: form.choice(&DECISION),
            platforms,
            conditions: read_lines(&form.text(&CONDITIONS)),
            justification: form.text(&JUSTIFICATION),
            decided_by: form.text(&DECIDED_BY),
            date: form.date(&DATE)?,
            wants_platform: form.choice(&WANTS),
            prior_consultation: form.choice(&CONSULTATION),
            reading: form.choice(&READING),
            ground: Some(library.ground(outcome)),
        })
    }
}

impl OnSubmit for DecisionSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let outcome = ctx.outcome.ok_or_else(strings::no_outcome_text)?;
        let latest = outcome.decision.latest();
        if self.correct && latest.is_none() {
            return Err("Det er ingen runde å korrigere ennå.".to_owned());
        }
        let correcting = latest.filter(|_| self.correct);
        let round = Self::draft(form, outcome, ctx.library)?.validate(
            outcome,
            &ctx.library.scales,
            correcting,
        )?;
        let rounds = outcome.decision.rounds.len();
        let number = if self.correct { rounds } else { rounds + 1 };
        let change = match correcting {
            Some(old) => {
                let who = form.text(&CORRECTED_BY).trim().to_owned();
                let reason = form.text(&REASON).trim().to_owned();
                if who.is_empty() || reason.is_empty() {
                    return Err(
                        "Skriv hvem som korrigerer og hvorfor: det følger med i historikken."
                            .to_owned(),
                    );
                }
                if old.changes_to(&round).is_empty() {
                    return Err("Ingenting er endret i runden.".to_owned());
                }
                Change::CorrectDecision(
                    Box::new(round),
                    CorrectedBy {
                        who,
                        reason,
                        at: ctx.now.stamp,
                    },
                )
            }
            None => Change::RecordDecision(Box::new(round)),
        };
        // What the record says once the change is made: the rule per platform.
        let mut after = outcome.clone();
        change
            .clone()
            .apply(&mut after)
            .map_err(|refusal| refusal.to_string())?;
        let required = rules::required_in(&after);
        let told = if !required.is_empty() {
            let done = if self.correct {
                format!("Runde {number} er korrigert")
            } else {
                "Registrert".to_owned()
            };
            Effect::Error(format!(
                "{done}. Regelen slår til for {}: Datatilsynet må bes om forhåndsdrøftelse (GDPR art. 36).",
                required.join(", ")
            ))
        } else if self.correct {
            Effect::Info(format!(
                "Runde {number} er korrigert; det som sto før er beholdt."
            ))
        } else {
            Effect::Info(format!("Beslutningen er registrert som runde {number}."))
        };
        let what = if self.correct {
            format!("korrigert runde {number}")
        } else {
            format!("beslutning, runde {number}")
        };
        let record = Effect::Many(vec![Effect::edit(what, change), told]);
        if self.correct {
            return Ok(record);
        }
        let missing = rules::missing(
            outcome,
            &ctx.library.assessment,
            &ctx.library.dilemmas,
            &ctx.library.risks,
            &Words::bokmal(),
        );
        if missing.is_empty() {
            return Ok(record);
        }
        // A deliberate record: name what is missing and ask, keeping the form open.
        Ok(Effect::push(Confirm {
            question: format!(
                "Vurderingen er ikke ferdig: {}. Registrere beslutningen likevel?",
                missing.join("; ")
            ),
            on_yes: Some(Box::new(Effect::Many(vec![Effect::Pop, record]))),
        }))
    }
}
