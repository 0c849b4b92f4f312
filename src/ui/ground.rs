//! «Til ny vurdering» on screen: why the latest decision is to be assessed
//! again (issue 25), each reason in words, and for a fact that changed what
//! it said when the decision was made beside what it says now.

use ratatui::text::{Line, Span};

use crate::content::Library;
use crate::domain::Outcome;
use crate::domain::date::Date;
use crate::domain::ground::{FactGround, Reopened};
use crate::ui::theme::Theme;

/// The lines to show: empty when nothing is decided, or the ground holds;
/// a quiet note when the latest round's ground was not recorded.
pub fn lines(
    outcome: &Outcome,
    library: &Library,
    platform: Option<&str>,
    today: Date,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(latest) = outcome.decision.latest() else {
        return Vec::new();
    };
    let round = outcome.decision.rounds.len();
    let why = match platform {
        Some(p) => library.reopened_for(outcome, p, today),
        None => library.reopened(outcome, today),
    };
    let mut lines = Vec::new();
    if !why.is_empty() {
        lines.push(Line::styled(
            format!(
                "Til ny vurdering: beslutningen i runde {round} hviler på noe som har endret seg."
            ),
            theme.error,
        ));
        for r in &why {
            lines.push(Line::raw(format!("• {}", library.describe(r))));
            if let Reopened::FactChanged { was, now } = r {
                lines.push(then_and_now("Da", Some(was), theme));
                lines.push(then_and_now("Nå", now.as_ref(), theme));
            }
        }
    }
    if latest.ground.is_none() {
        lines.push(Line::styled(
            format!(
                "Hva runde {round} hvilte på, ble ikke registrert (runden er eldre enn format 7); bare datoen for ny vurdering kan åpne den igjen."
            ),
            theme.dim,
        ));
    }
    lines
}

fn then_and_now(label: &str, fact: Option<&FactGround>, theme: &Theme) -> Line<'static> {
    let text = match fact {
        None => "(ikke i katalogen)".to_owned(),
        Some(f) if f.text.is_empty() => "ukjent: ingen kilde funnet".to_owned(),
        Some(f) => format!("{} ({}; sjekket {})", f.text, f.status.label(), f.checked),
    };
    Line::from(vec![
        Span::styled(format!("  {label}: "), theme.label),
        Span::raw(text),
    ])
}
