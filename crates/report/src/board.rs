//! The comparison board's words: its headings and each column's texts, the
//! same in the app (screen 7) and the report. The domain computes the board
//! (`per_platform::board`) as numbers and facts; what they are called is here.

use somevett_domain::per_platform::{Column, FactAnswer};

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
    let highest = match (&c.highest, c.baseline) {
        (_, true) => "ingen".to_owned(),
        (None, false) => "ikke vurdert".to_owned(),
        (Some(h), false) => format!("{} {}", h.value, h.band),
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
        (None, false) => "ikke besluttet".to_owned(),
        (Some((round, d)), false) => format!("{} (runde {round})", d.label()),
    };
    let decision = if c.consultation_required {
        format!("{decision}, forhåndsdrøftelse kreves")
    } else {
        decision
    };
    [
        c.platform.clone(),
        highest,
        count(c.top_risks.len()),
        count(c.open_measures),
        fact(c.transfers).to_owned(),
        fact(c.joint_controller).to_owned(),
        decision,
    ]
}
