//! Norwegian texts the screens share, in one place.

/// Shown where something needs an open outcome.
pub const NO_OUTCOME: &str =
    "Ingen økt er åpen: trykk 6 og n for å lage en, eller Enter på en lagret.";
pub const NO_REFLECTION: &str = "Ingen refleksjon ennå: beskriv et dilemma først (n).";
pub const CONFIRM_TITLE: &str = "Bekreft";

/// The workshop, step by step: shown on the very first start.
pub fn workshop_steps() -> Vec<String> {
    [
        "Velkommen til somevett. Et verksted går slik:",
        "",
        "1. Økter (6): trykk n og beskriv vurderingen: tittel, kommune, plattformer og deltakere.",
        "2. Risiko (2): velg en risiko, trykk s og skår sannsynlighet og konsekvens før og etter tiltak.",
        "   Velg behandling (b) og tiltak fra kildene (t).",
        "3. Navigasjonshjul (3): beskriv et dilemma (n), gå rundt hjulet (→) og vurder hvert alternativ.",
        "4. Dilemmaer (4) og Vurdering (5): svar ja / delvis / nei / ikke relevant (y p n i).",
        "5. Vurdering (5): v viser hva som mangler; b registrerer ledelsens beslutning.",
        "",
        "Overalt: / søker i retningslinjene, Ctrl-Z angrer, ? viser alle taster.",
        "Alt lagres automatisk. Esc lukker denne siden.",
    ]
    .map(str::to_owned)
    .to_vec()
}
