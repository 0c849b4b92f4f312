//! The comparison board's words: its headings and each column's texts, the
//! same in the app (screen 7) and the report. The domain computes the board
//! (`per_platform::board`) as numbers and facts; what they are called is here.

use somevett_domain::per_platform::{Column, FactAnswer};
use somevett_domain::words::Words;

/// The board's column headings, in order.
pub const HEADINGS: [&str; 7] = [
    "Plattform",
    "Høyeste risiko nå",
    "Øverste bånd",
    "Åpne tiltak",
    "Tredjeland",
    "Art. 26",
    "Beslutning",
];

/// How a yes/no fact about a platform reads on the board.
pub fn fact(answer: FactAnswer) -> &'static str {
    match answer {
        FactAnswer::Yes => "ja",
        FactAnswer::No => "nei",
        FactAnswer::SeeText => "se fakta",
        FactAnswer::Unknown => "ukjent",
        FactAnswer::NotInCatalog => "ikke i katalogen",
        FactAnswer::NotApplicable => "–",
    }
}

/// A column's texts under `HEADINGS`.
pub fn texts(c: &Column) -> [String; 7] {
    texts_in(c, &Words::bokmal())
}

/// As `texts`, in `w`'s målform.
pub fn texts_in(c: &Column, w: &Words) -> [String; 7] {
    let highest = match (&c.highest, c.baseline) {
        (_, true) => w.t("ingen"),
        (None, false) => w.t("ikke vurdert"),
        (Some(h), false) => format!("{} {}", h.value, w.t(&h.band)),
    };
    let count = |n: usize| {
        if c.baseline {
            "–".to_owned()
        } else {
            n.to_string()
        }
    };
    let decision = match (c.decision, c.baseline) {
        (_, true) => "–".to_owned(),
        (None, false) => w.t("ikke besluttet"),
        (Some((round, d)), false) => w.f(
            "{decision} (runde {n})",
            &[("decision", &w.t(d.label())), ("n", &round)],
        ),
    };
    let decision = if c.consultation_required {
        w.f(
            "{decision}, forhåndsdrøftelse kreves",
            &[("decision", &decision)],
        )
    } else {
        decision
    };
    [
        if c.baseline {
            w.t(&c.platform)
        } else {
            c.platform.clone()
        },
        highest,
        count(c.top_risks.len()),
        count(c.open_measures),
        w.t(fact(c.transfers)),
        w.t(fact(c.joint_controller)),
        decision,
    ]
}
