//! A review of the latest decision (issue 25), opened from Vurdering: what
//! changed since the round (or its last review) is listed above the fields,
//! the team says for each measure whether it worked, and whether the change
//! is material (management decides again) or not (the decision stands on
//! the ground as it is now). One change, which undo takes back.

use crate::domain::change::Change;
use crate::domain::date;
use crate::domain::ground::{MeasureEffect, Review, Worked};
use crate::ui::form::{ChoiceKey, DateKey, Field, Form, OnSubmit, TextKey, YES_NO, yes_no_label};
use crate::ui::screen::{Ctx, Effect};

const DATE: DateKey = DateKey::new("gjennomgang-dato");
const BY: TextKey = TextKey::new("gjennomgatt-av");
const MATERIAL: ChoiceKey<bool> = ChoiceKey::new("vesentlig", YES_NO);
const NOTE: TextKey = TextKey::new("gjennomgang-merknad");
const NEXT: DateKey = DateKey::new("neste-gjennomgang");

/// Changes listed above the fields; the rest are on Vurdering's decision
/// view.
const SHOWN_CHANGES: usize = 4;

fn worked_key(i: usize) -> ChoiceKey<Worked> {
    ChoiceKey::owned(format!("virket-{i}"), Worked::ALL.to_vec())
}

fn worked_label(w: &Worked) -> String {
    w.label().to_owned()
}

/// A measure's text cut to fit a field's label.
fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= 24 {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(23).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The review form for the open outcome's latest round; none without one.
pub fn review_form(ctx: &Ctx) -> Option<Form> {
    let outcome = ctx.outcome?;
    let round = outcome.decision.rounds.len();
    if round == 0 {
        return None;
    }
    let changes = ctx.library.changes_since(outcome, ctx.now.today);
    let since = match ctx.library.latest_review(outcome) {
        Some(r) => format!("gjennomgangen {}", date::show(r.date)),
        None => format!("runde {round}"),
    };
    let mut about = vec![if changes.is_empty() {
        format!("Ingenting er endret siden {since}.")
    } else {
        format!(
            "Endret siden {since} ({} i alt; v på Vurdering viser alle):",
            changes.len()
        )
    }];
    about.extend(changes.iter().take(SHOWN_CHANGES).map(|c| format!("• {c}")));
    let mut fields = vec![
        Field::date(
            &DATE,
            "Dato",
            "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller D.M.ÅÅ.",
            &ctx.now.today.to_string(),
        ),
        Field::single(
            &BY,
            "Gjennomgått av",
            "Hvem som gjennomgikk beslutningen (navn eller roller).",
            "",
        ),
    ];
    let measures = crate::domain::review::measures(outcome);
    let risks = ctx.library.risks.assessable(&outcome.risk);
    // Where a measure is kept, short: «R3» for risk 3, «R3 TikTok» for its
    // TikTok part, «Spm.» for a checklist question's.
    let place = |key: &str| {
        let mut parts = key.split('/');
        let first = parts.next().unwrap_or_default();
        match risks.iter().position(|r| r.id.as_str() == first) {
            Some(i) => match (parts.next(), parts.next()) {
                (Some(platform), Some(_)) => format!("R{} {platform}", i + 1),
                _ => format!("R{}", i + 1),
            },
            None => "Spm.".to_owned(),
        }
    };
    for (i, (key, m)) in measures.iter().enumerate() {
        fields.push(Field::choice(
            &worked_key(i),
            &format!("{}: {}", place(key), short(&m.text)),
            "Virket tiltaket? ja, delvis, nei eller for tidlig å si (←/→). R3: risiko 3 i tabellen.",
            worked_label,
            None,
        ));
    }
    let next = outcome
        .next_review
        .filter(|d| *d > ctx.now.today)
        .or_else(|| ctx.now.today.checked_add(jiff::Span::new().years(1)).ok());
    fields.extend([
        Field::choice(
            &MATERIAL,
            "Vesentlig endring",
            "Ja: ledelsen må beslutte på nytt. Nei: beslutningen står, og endringene noteres.",
            yes_no_label,
            None,
        ),
        Field::multi(&NOTE, "Merknad", "Hva teamet la vekt på.", ""),
        Field::date(
            &NEXT,
            "Neste gjennomgang",
            "Når beslutningen skal gjennomgås igjen.",
            &date::show(next),
        ),
    ]);
    Some(Form::new(format!("Gjennomgang av runde {round}"), fields, ReviewSpec).with_about(about))
}

#[derive(Debug, Clone, Copy)]
pub struct ReviewSpec;

impl OnSubmit for ReviewSpec {
    fn submit(&self, form: &Form, ctx: &Ctx) -> Result<Effect, String> {
        let outcome = ctx
            .outcome
            .ok_or_else(crate::ui::strings::no_outcome_text)?;
        let round = outcome.decision.rounds.len();
        if round == 0 {
            return Err("Det er ingen beslutning å gjennomgå ennå.".to_owned());
        }
        let material = form.choice(&MATERIAL).ok_or_else(|| {
            "Velg om endringen er vesentlig: ja gir ledelsen en ny beslutning, nei lar den stå."
                .to_owned()
        })?;
        let measures = crate::domain::review::measures(outcome)
            .into_iter()
            .enumerate()
            .filter_map(|(i, (key, m))| {
                form.choice(&worked_key(i)).map(|worked| MeasureEffect {
                    key,
                    text: m.text.clone(),
                    worked,
                })
            })
            .collect();
        let review = Review {
            round,
            date: form.date(&DATE)?,
            by: form.text(&BY).trim().to_owned(),
            changes: ctx.library.changes_since(outcome, ctx.now.today),
            measures,
            material,
            note: form.text(&NOTE).trim_end().to_owned(),
            ground: ctx.library.ground(outcome),
        };
        Ok(Effect::change(Change::Review(
            Box::new(review),
            form.date(&NEXT)?,
        )))
    }
}
