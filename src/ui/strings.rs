//! Norwegian texts the screens share, in one place. A key is named by a
//! token, `{context.action}`, which the status line, forms, questions and
//! pages replace with the key the active keymap binds (`Keymap::fill`).

/// Shown where something needs an open outcome.
pub const NO_OUTCOME: &str = "Ingen økt er åpen: trykk {global.tab(6)} og {sessions.new_outcome} for å lage en, eller {sessions.open} på en lagret.";
pub const NO_REFLECTION: &str =
    "Ingen refleksjon ennå: beskriv et dilemma først ({wheel.new_reflection}).";
pub const CONFIRM_TITLE: &str = "Bekreft";

/// `NO_OUTCOME` with the keys the keymap binds, for a screen to draw.
pub fn no_outcome(keymap: &crate::keymap::Keymap) -> String {
    keymap.fill(NO_OUTCOME).into_owned()
}

/// The workshop, step by step: shown on the very first start.
pub fn workshop_steps() -> Vec<String> {
    [
        "Velkommen til somevett. Et verksted går slik:",
        "",
        "1. Økter ({global.tab(6)}): trykk {sessions.new_outcome} og beskriv vurderingen: tittel, kommune, plattformer og deltakere.",
        "2. Risiko ({global.tab(2)}): velg en risiko, trykk {risk.start_scoring} og skår sannsynlighet og konsekvens før og etter tiltak.",
        "   Velg behandling ({risk.cycle_treatment}) og tiltak fra kildene ({risk.pick_measure}).",
        "3. Navigasjonshjul ({global.tab(3)}): beskriv et dilemma ({wheel.new_reflection}), gå rundt hjulet ({wheel.next_dimension}) og vurder hvert alternativ.",
        "4. Dilemmaer ({global.tab(4)}) og Vurdering ({global.tab(5)}): svar ja / delvis / nei / ikke relevant ({checklist.set_status(ja)} {checklist.set_status(delvis)} {checklist.set_status(nei)} {checklist.set_status(ikke_relevant)}).",
        "5. Vurdering ({global.tab(5)}): {checklist.next_view} viser hva som mangler; {checklist.decide} registrerer ledelsens beslutning.",
        "",
        "Overalt: {global.search} søker i retningslinjene, {global.undo} angrer, {global.help} viser alle taster.",
        "Alt lagres automatisk. {item.close} lukker denne siden.",
    ]
    .map(str::to_owned)
    .to_vec()
}
